"""WARC out (`extractor fetch --warc`) and in (`extractor run` on .warc/.warc.gz files)."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from extractor import errors
from extractor.fetch.crawl import FetchOptions, fetch
from extractor.inputs import load, warc

from .conftest import CORPORA
from .loopback import PAGE, page

REPORT = (CORPORA / "seed-fy2024-kccp.html").read_bytes()
WHEN = "2026-12-01T10:00:00+00:00"


def _records(path: Path) -> list[tuple[str, str | None, bytes]]:
    """(type, target URI, decoded payload) of every record, as a replay tool reads them."""
    found = []
    with path.open("rb") as handle:
        for record in ArchiveIterator(handle):
            uri = record.rec_headers.get_header("WARC-Target-URI")
            found.append((record.rec_type, uri, record.content_stream().read()))
    return found


def _responses(path: Path) -> dict[str, bytes]:
    return {uri: body for kind, uri, body in _records(path) if kind == "response" and uri}


def _fetch(server, tmp_path: Path, urls: list[str], name: str = "crawl.warc.gz"):
    options = FetchOptions(out=tmp_path / "corpus", delay=0.0, timeout=5.0, warc=tmp_path / name)
    return fetch(urls, options)


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_fetch_writes_each_stored_page_as_a_response_record(server, tmp_path, name):
    server.routes["/a.html"] = page(REPORT)
    server.routes["/z.html"] = page(gzip.compress(PAGE), Content_Encoding="gzip")
    server.routes["/old"] = lambda h, n: h.reply(301, b"", Location="/a.html")
    server.routes["/doc.pdf"] = page(b"%PDF-1.7", content_type="application/pdf")
    server.routes["/logo.png"] = page(b"\x89PNG", content_type="image/png")
    urls = [server.url(p) for p in ("/a.html", "/z.html", "/doc.pdf", "/logo.png")]
    _fetch(server, tmp_path, urls, name)
    records = _records(tmp_path / name)
    assert records[0][0] == "warcinfo"
    # Bodies as stored, decoded (the gzip page too); the image was skipped, so it is not there.
    expected = {urls[0]: REPORT, urls[1]: PAGE, urls[2]: b"%PDF-1.7"}
    assert _responses(tmp_path / name) == expected
    with (tmp_path / name).open("rb") as handle:
        heads = [r.http_headers for r in ArchiveIterator(handle) if r.rec_type == "response"]
    assert [h.get_statuscode() for h in heads] == ["200", "200", "200"]
    assert heads[1].get_header("Content-Encoding") is None
    assert heads[1].get_header("Content-Length") == str(len(PAGE))


def test_redirected_page_is_archived_under_its_final_url(server, tmp_path):
    server.routes["/old"] = lambda h, n: h.reply(301, b"", Location="/a.html")
    server.routes["/a.html"] = page(REPORT)
    _fetch(server, tmp_path, [server.url("/old")])
    assert list(_responses(tmp_path / "crawl.warc.gz")) == [server.url("/a.html")]


def test_resumed_fetch_appends_without_duplicates(server, tmp_path):
    server.routes["/a.html"] = page(REPORT)
    server.routes["/b.html"] = page(PAGE)
    first, second = server.url("/a.html"), server.url("/b.html")
    _fetch(server, tmp_path, [first])
    _fetch(server, tmp_path, [first, second])  # a.html resumed from disk, b.html fetched
    responses = [uri for kind, uri, _ in _records(tmp_path / "crawl.warc.gz") if kind == "response"]
    assert responses == [first, second]
    assert len(server.hits("/a.html")) == 1


def test_pages_fetched_before_warc_was_asked_for_are_archived_from_disk(server, tmp_path):
    server.routes["/a.html"] = page(REPORT)
    url = server.url("/a.html")
    fetch([url], FetchOptions(out=tmp_path / "corpus", delay=0.0))
    _fetch(server, tmp_path, [url])
    assert _responses(tmp_path / "crawl.warc.gz") == {url: REPORT}
    assert len(server.hits("/a.html")) == 1


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_record_cut_short_by_a_crash_is_dropped_before_appending(tmp_path, name):
    path = tmp_path / name
    with warc.WarcWriter(path, "test") as writer:
        writer.add_response("https://a.example/1", 200, {"content-type": "text/html"}, PAGE, WHEN)
        writer.add_response("https://a.example/2", 200, {"content-type": "text/html"}, REPORT, WHEN)
    path.write_bytes(path.read_bytes()[:-500])  # the kill landed inside the second record
    with warc.WarcWriter(path, "test") as writer:
        assert writer.has("https://a.example/1", PAGE)
        assert not writer.has("https://a.example/2", REPORT)
        writer.add_response("https://a.example/2", 200, {"content-type": "text/html"}, REPORT, WHEN)
    assert _responses(path) == {"https://a.example/1": PAGE, "https://a.example/2": REPORT}
    assert not any(isinstance(e, warc.Damage) for e in warc.entries(str(path)))


@pytest.mark.parametrize("cut", [1, 4, 9])
def test_gzip_member_without_its_end_is_dropped_before_appending(tmp_path, cut):
    path = tmp_path / "crawl.warc.gz"
    with warc.WarcWriter(path, "test") as writer:
        writer.add_response("https://a.example/1", 200, {"content-type": "text/html"}, PAGE, WHEN)
    path.write_bytes(path.read_bytes()[:-cut])  # the gzip trailer (CRC, size) is cut off
    with warc.WarcWriter(path, "test") as writer:
        writer.add_response("https://a.example/2", 200, {"content-type": "text/html"}, REPORT, WHEN)
    assert "https://a.example/2" in _responses(path)
    assert not any(isinstance(e, warc.Damage) for e in warc.entries(str(path)))


def test_existing_file_that_is_not_a_warc_is_left_alone(tmp_path):
    path = tmp_path / "notes.warc.gz"
    path.write_bytes(b"my notes, not a WARC\n")
    with pytest.raises(errors.WarcNotUsable, match="is not a WARC file"):
        warc.WarcWriter(path, "test")
    assert path.read_bytes() == b"my notes, not a WARC\n"


@pytest.mark.parametrize(
    ("name", "message"),
    [("corpus/crawl.warc.gz", "would read every page twice"), ("crawl.html", "must end in")],
)
def test_warc_path_that_run_would_misread_is_a_usage_error(tmp_path, name, message):
    options = FetchOptions(out=tmp_path / "corpus", warc=tmp_path / name)
    with pytest.raises(errors.WarcNotUsable, match=message):
        fetch(["https://example.org/"], options)


def _crawler_warc(path: Path) -> None:
    """A WARC as crawlers write it: warcinfo, request/response pairs, chunked and gzip-encoded
    bodies, a 404 page, an image, a revisit and a metadata record."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "crawler/1"}))

        def response(url: str, status: str, headers: list, body: bytes) -> None:
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            request = writer.create_warc_record(
                url,
                "request",
                http_headers=StatusAndHeaders("GET / HTTP/1.1", [], is_http_request=True),
            )
            writer.write_record(request)
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), length=len(body), http_headers=http
            )
            writer.write_record(record)

        chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(REPORT), REPORT)
        html = ("Content-Type", "text/html; charset=utf-8")
        response(
            "https://a.example/chunked", "200 OK", [html, ("Transfer-Encoding", "chunked")], chunked
        )
        response(
            "https://a.example/gz",
            "200 OK",
            [html, ("Content-Encoding", "gzip")],
            gzip.compress(PAGE),
        )
        response(
            "https://a.example/logo.png", "200 OK", [("Content-Type", "image/png")], b"\x89PNG"
        )
        response("https://a.example/missing", "404 Not Found", [html], b"<p>Page not found</p>")
        revisit = writer.create_revisit_record(
            "https://a.example/gz", "sha1:AAAA", "https://a.example/gz", "2026-01-01T00:00:00Z"
        )
        writer.write_record(revisit)
        metadata = writer.create_warc_record(
            "https://a.example/gz", "metadata", payload=io.BytesIO(b"via: x"), length=6
        )
        writer.write_record(metadata)


def test_html_responses_are_the_inputs_of_a_warc(tmp_path):
    path = tmp_path / "cc.warc.gz"
    _crawler_warc(path)
    refs = list(load.discover([str(tmp_path)]))
    assert [ref.url for ref in refs] == [
        "https://a.example/chunked",
        "https://a.example/gz",
        "https://a.example/missing",
    ]
    assert all(ref.warc_record_id and ref.warc_record_id.startswith("<urn:uuid:") for ref in refs)
    assert load.read(refs[0], 10**7).data == REPORT  # chunked transfer-encoding removed
    assert load.read(refs[1], 10**7).data == PAGE  # gzip content-encoding removed
    with pytest.raises(errors.HttpError, match="HTTP 404 Not Found"):
        load.read(refs[2], 10**7)
    with pytest.raises(errors.TooLarge):
        load.read(refs[0], 1000)


def test_damaged_rest_of_a_warc_is_one_bad_warc_input(tmp_path):
    path = tmp_path / "cut.warc.gz"
    _crawler_warc(path)
    third = list(load.discover([str(path)]))[2]
    assert third.warc_offset is not None
    path.write_bytes(path.read_bytes()[: third.warc_offset + 30])  # inside the 404 response
    refs = list(load.discover([str(path)]))
    assert [ref.url for ref in refs[:2]] == ["https://a.example/chunked", "https://a.example/gz"]
    assert len(refs) == 3 and refs[2].problem is not None and refs[2].problem[0] == "bad_warc"
    assert refs[2].warc_offset == third.warc_offset
    with pytest.raises(errors.WarcUnreadable, match="unreadable WARC from byte"):
        load.read(refs[2], 10**7)
    assert load.read(refs[0], 10**7).data == REPORT  # what comes before the damage is read


def test_record_cut_short_is_not_an_input_of_its_own(tmp_path):
    path = tmp_path / "cut.warc.gz"
    _crawler_warc(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # inside the first page's response
    refs = list(load.discover([str(path)]))
    assert len(refs) == 1 and refs[0].problem is not None
    assert "cut short" in refs[0].problem[1]


def test_whole_file_gzip_is_refused_with_the_fix(tmp_path):
    damage = [e for e in warc.entries(str(_one_stream(tmp_path))) if isinstance(e, warc.Damage)]
    assert len(damage) == 1 and "warcio recompress" in damage[0].message


@pytest.mark.model
def test_run_extracts_warc_records_with_their_url_and_offset(tmp_path, pipeline):
    from extractor.models import Extraction
    from extractor.run.driver import run_corpus
    from extractor.run.options import RunOptions

    path = tmp_path / "in" / "cc.warc.gz"
    path.parent.mkdir()
    _crawler_warc(path)
    out = tmp_path / "out"
    summary = run_corpus([str(path.parent)], out, options=RunOptions(progress=False))
    assert summary.counts["inputs"] == 3
    documents = [json.loads(line) for line in (out / "documents.jsonl").open()]
    rejects = [json.loads(line) for line in (out / "rejects.jsonl").open()]
    assert [d["source"]["url"] for d in documents] == [
        "https://a.example/chunked",
        "https://a.example/gz",
    ]
    assert documents[0]["source"]["path"] == path.as_posix()
    assert documents[0]["source"]["bytes"] == len(REPORT)
    assert documents[0]["source"]["warc_offset"] > 0
    # The same extraction as from the file itself.
    (from_file,) = pipeline.run_bytes([(REPORT, "report.html")])
    assert isinstance(from_file, Extraction)
    assert documents[0]["entities"] == from_file.document.entities.model_dump(mode="json")
    assert documents[0]["entities"]["countries"]
    assert [(r["source"]["url"], r["error"]) for r in rejects] == [
        ("https://a.example/missing", "http_error")
    ]
    first = {name: (out / name).read_bytes() for name in ("documents.jsonl", "sections.jsonl")}
    again = run_corpus(
        [str(path.parent)], out, options=RunOptions(progress=False, incremental=True)
    )
    assert again.reused_inputs == 2  # the documents; the 404 record is read again (cheap)
    assert {name: (out / name).read_bytes() for name in first} == first


RUSSIAN = "<html><body><p>Приветствие участникам семинара в Москве.</p></body></html>"


def test_http_charset_of_an_archived_response_decodes_a_page_without_meta(tmp_path):
    path = tmp_path / "koi8.warc.gz"
    with warc.WarcWriter(path, "test") as writer:
        headers = {"content-type": "text/html; charset=KOI8-R"}
        writer.add_response("https://a.example/ru", 200, headers, RUSSIAN.encode("koi8_r"), WHEN)
    (ref,) = load.discover([str(path)])
    assert ref.charset == "KOI8-R"
    decoded = load.decode(load.read(ref, 10**6), 10**6)
    assert (decoded.encoding, "Приветствие" in decoded.html) == ("koi8-r", True)


@pytest.mark.model
def test_one_page_in_two_warc_files_is_two_documents_the_later_a_duplicate(tmp_path):
    from extractor.run.driver import run_corpus
    from extractor.run.options import RunOptions

    (tmp_path / "in").mkdir()
    for name in ("cc-2024-10.warc.gz", "cc-2024-11.warc.gz"):
        with warc.WarcWriter(tmp_path / "in" / name, "test") as writer:
            headers = {"content-type": "text/html"}
            writer.add_response("https://a.example/r", 200, headers, REPORT, WHEN)
    out = tmp_path / "out"
    run_corpus([str(tmp_path / "in")], out, options=RunOptions(progress=False))
    first, second = [json.loads(line) for line in (out / "documents.jsonl").open()]
    assert first["doc_id"] != second["doc_id"]
    assert (first["duplicate_of"], second["duplicate_of"]) == (None, first["doc_id"])
    sections = [json.loads(line) for line in (out / "sections.jsonl").open()]
    by_doc = {
        d: sum(s["doc_id"] == d for s in sections) for d in (first["doc_id"], second["doc_id"])
    }
    assert by_doc[first["doc_id"]] == by_doc[second["doc_id"]] == first["section_count"]


def test_plain_warc_named_gz_keeps_its_records_when_appended_to(tmp_path):
    plain = tmp_path / "crawl.warc"
    with warc.WarcWriter(plain, "test") as writer:
        writer.add_response("https://a.example/1", 200, {"content-type": "text/html"}, PAGE, WHEN)
    misnamed = tmp_path / "crawl.warc.gz"
    plain.rename(misnamed)
    with warc.WarcWriter(misnamed, "test") as writer:
        writer.add_response("https://a.example/2", 200, {"content-type": "text/html"}, REPORT, WHEN)
    assert _responses(misnamed) == {"https://a.example/1": PAGE, "https://a.example/2": REPORT}


def _one_stream(tmp_path: Path) -> Path:
    plain = tmp_path / "plain.warc"
    with warc.WarcWriter(plain, "test") as writer:
        writer.add_response("https://a.example/1", 200, {"content-type": "text/html"}, PAGE, WHEN)
        writer.add_response("https://a.example/2", 200, {"content-type": "text/html"}, PAGE, WHEN)
    whole = tmp_path / "stream.warc.gz"
    whole.write_bytes(gzip.compress(plain.read_bytes()))
    plain.unlink()
    return whole


def test_warc_gzipped_as_one_stream_is_one_bad_warc_input(tmp_path):
    whole = _one_stream(tmp_path)
    (ref,) = load.discover([str(whole)])
    assert ref.problem is not None and ref.problem[0] == "bad_warc"
    assert "warcio recompress" in ref.problem[1] and ref.warc_offset == 0


def test_writer_refuses_to_append_to_a_warc_gzipped_as_one_stream(tmp_path):
    whole = _one_stream(tmp_path)
    before = whole.read_bytes()
    with pytest.raises(errors.WarcNotUsable, match="warcio recompress"):
        warc.WarcWriter(whole, "test")
    assert whole.read_bytes() == before


def test_threads_adding_one_page_write_one_record(tmp_path):
    import threading

    path = tmp_path / "crawl.warc.gz"
    with warc.WarcWriter(path, "test") as writer:
        threads = [
            threading.Thread(
                target=writer.add_response,
                args=("https://a.example/r", 200, {"content-type": "text/html"}, REPORT, WHEN),
            )
            for _ in range(8)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    responses = [uri for kind, uri, _ in _records(path) if kind == "response"]
    assert responses == ["https://a.example/r"]


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"", "empty_input"), (None, "no_html_records")],
)
def test_warc_without_inputs_is_still_one_reject(tmp_path, content, code):
    path = tmp_path / "x.warc.gz"
    if content is None:
        with path.open("wb") as handle:
            writer = WARCWriter(handle, gzip=True)
            writer.write_record(writer.create_warcinfo_record(path.name, {"software": "x"}))
    else:
        path.write_bytes(content)
    (ref,) = load.discover([str(path)])
    assert ref.problem is not None and ref.problem[0] == code
    with pytest.raises(errors.DocumentError) as raised:
        load.read(ref, 10**6)
    assert raised.value.code == code


def test_record_without_content_length_is_damage_not_a_swallowed_file(tmp_path):
    good = tmp_path / "good.warc"
    with warc.WarcWriter(good, "test") as writer:
        writer.add_response("https://a.example/1", 200, {"content-type": "text/html"}, PAGE, WHEN)
    first_end = good.stat().st_size
    with warc.WarcWriter(good, "test") as writer:
        writer.add_response("https://a.example/2", 200, {"content-type": "text/html"}, PAGE, WHEN)
    data = good.read_bytes()
    head_end = data.index(b"\r\n\r\n", first_end) + 4
    head = data[first_end:head_end]
    broken = head.replace(b"Content-Length:", b"X-Content-Length:")
    (tmp_path / "broken.warc").write_bytes(data[:first_end] + broken + data[head_end:])
    found = list(warc.entries(str(tmp_path / "broken.warc")))
    assert isinstance(found[-1], warc.Damage) and "Content-Length" in found[-1].message
    assert [e.url for e in found if isinstance(e, warc.Entry)] == ["https://a.example/1"]
