"""`extractor fetch` against real HTTP servers on 127.0.0.1 (no mocks of the HTTP layer)."""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import re
import time
import zlib
from pathlib import Path

import pytest

from extractor import errors
from extractor.fetch.crawl import MANIFEST, FetchOptions, default_user_agent, fetch
from extractor.inputs import load

from .conftest import invoke
from .loopback import PAGE, page


def _options(tmp_path: Path, **kwargs) -> FetchOptions:
    kwargs.setdefault("delay", 0.0)
    kwargs.setdefault("timeout", 5.0)
    return FetchOptions(out=tmp_path / "corpus", **kwargs)


def _stem(url: str) -> str:
    return hashlib.sha256(url.encode()).hexdigest()


def _manifest(tmp_path: Path) -> dict:
    return json.loads((tmp_path / "corpus" / MANIFEST).read_text())


def _reasons(tmp_path: Path, kind: str) -> dict[str, str]:
    return {entry["url"]: entry["reason"] for entry in _manifest(tmp_path)[kind]}


def test_fetch_stores_body_and_sidecar(server, tmp_path):
    server.routes["/a.html"] = page(ETag='"v1"')
    url = server.url("/a.html")
    summary = fetch([url], _options(tmp_path))
    assert summary.counts["fetched"] == 1 and summary.problems == 0
    body = (tmp_path / "corpus" / f"{_stem(url)}.html").read_bytes()
    sidecar = json.loads((tmp_path / "corpus" / f"{_stem(url)}.json").read_text())
    assert body == PAGE
    assert sidecar["url"] == sidecar["final_url"] == url
    assert sidecar["status"] == 200
    assert sidecar["headers"]["etag"] == '"v1"'
    assert sidecar["sha256"] == hashlib.sha256(PAGE).hexdigest()
    assert re.match(r"\d{4}-\d\d-\d\dT", sidecar["fetched_at"])
    assert server.hits("/a.html")[0].headers["user-agent"].startswith("extractor/")
    fetched = [{"url": url, "file": f"{_stem(url)}.html", "media_type": "text/html"}]
    assert _manifest(tmp_path)["fetched"] == fetched
    assert sidecar["media_type"] == "text/html"


def test_robots_txt_disallowed_path_is_never_requested(server, tmp_path):
    server.routes["/robots.txt"] = page(
        b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"
    )
    server.routes["/private/x.html"] = page()
    server.routes["/public.html"] = page()
    summary = fetch(
        [server.url("/private/x.html"), server.url("/public.html")],
        _options(tmp_path, user_agent=default_user_agent("me@example.org")),
    )
    assert summary.counts["disallowed"] == 1 and summary.counts["fetched"] == 1
    assert not server.hits("/private/x.html")
    assert len(server.hits("/robots.txt")) == 1  # once per host
    reason = _reasons(tmp_path, "disallowed")[server.url("/private/x.html")]
    assert reason == f"robots.txt of {server.base} disallows it"


def test_robots_txt_server_error_skips_the_host(server, tmp_path):
    server.routes["/robots.txt"] = lambda h, n: h.reply(500, b"oops", "text/plain")
    server.routes["/a.html"] = page()
    summary = fetch([server.url("/a.html")], _options(tmp_path, retries=0))
    assert summary.counts["disallowed"] == 1
    assert not server.hits("/a.html")


def test_redirect_is_followed_and_stored_under_the_requested_url(server, tmp_path):
    server.routes["/old"] = lambda h, n: h.reply(301, b"", Location="/new")
    server.routes["/new"] = page()
    url = server.url("/old")
    fetch([url], _options(tmp_path))
    sidecar = json.loads((tmp_path / "corpus" / f"{_stem(url)}.json").read_text())
    assert sidecar["url"] == url
    assert sidecar["final_url"] == server.url("/new")
    assert sidecar["redirects"] == [server.url("/new")]


def test_redirect_loop_fails_with_the_loop_as_reason(server, tmp_path):
    server.routes["/loop1"] = lambda h, n: h.reply(302, b"", Location="/loop2")
    server.routes["/loop2"] = lambda h, n: h.reply(302, b"", Location="/loop1")
    url = server.url("/loop1")
    summary = fetch([url], _options(tmp_path))
    assert summary.counts["failed"] == 1
    assert (
        _reasons(tmp_path, "failed")[url]
        == f"redirect loop: {url} -> {server.url('/loop2')} -> {url}"
    )
    assert len(server.hits("/loop1")) == 1


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_is_honoured_then_success(server, tmp_path, status):
    def flaky(h, n):
        if n == 0:
            h.reply(status, b"busy", "text/plain", Retry_After="1")
        else:
            h.reply(200)

    server.routes["/busy.html"] = flaky
    summary = fetch([server.url("/busy.html")], _options(tmp_path))
    assert summary.counts["fetched"] == 1
    first, second = server.hits("/busy.html")
    assert second.at - first.at >= 0.95


def test_persistent_503_fails_after_the_retries(server, tmp_path):
    server.routes["/down.html"] = lambda h, n: h.reply(503, b"down", "text/plain", Retry_After="0")
    summary = fetch([server.url("/down.html")], _options(tmp_path, retries=2))
    assert summary.counts["failed"] == 1
    assert len(server.hits("/down.html")) == 3
    assert (
        _reasons(tmp_path, "failed")[server.url("/down.html")]
        == "HTTP 503 Service Unavailable (after 3 attempts)"
    )


def test_slow_server_times_out_and_is_retried(server, tmp_path):
    def slow(h, n):
        time.sleep(1.5)
        h.reply(200)

    server.routes["/slow.html"] = slow
    started = time.monotonic()
    summary = fetch([server.url("/slow.html")], _options(tmp_path, timeout=0.3, retries=1))
    assert time.monotonic() - started < 5
    assert summary.counts["failed"] == 1
    assert len(server.hits("/slow.html")) == 2
    assert (
        _reasons(tmp_path, "failed")[server.url("/slow.html")]
        == "timed out after 0.3 s (after 2 attempts)"
    )


def test_huge_body_is_skipped(server, tmp_path):
    big = b"<html><body>" + b"x" * 300_000 + b"</body></html>"
    server.routes["/big.html"] = page(big)

    def no_length(h, n):  # no Content-Length: the limit must hold while reading
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.end_headers()
        h.wfile.write(big)

    server.routes["/stream.html"] = no_length
    summary = fetch(
        [server.url("/big.html"), server.url("/stream.html")], _options(tmp_path, max_bytes=100_000)
    )
    assert summary.counts["skipped"] == 2
    reasons = _reasons(tmp_path, "skipped")
    assert reasons[server.url("/big.html")].startswith(
        f"Content-Length {len(big)} is over the maximum of 100000 bytes"
    )
    assert reasons[server.url("/stream.html")].startswith(
        "body is over the maximum of 100000 bytes"
    )
    assert not list((tmp_path / "corpus").glob("*.html"))


def test_other_content_types_are_skipped_unread(server, tmp_path):
    server.routes["/logo.png"] = page(b"\x89PNG ...", content_type="image/png")
    summary = fetch([server.url("/logo.png")], _options(tmp_path))
    assert summary.counts["skipped"] == 1
    assert (
        _reasons(tmp_path, "skipped")[server.url("/logo.png")]
        == "content type image/png is not HTML or PDF"
    )
    assert not [p for p in (tmp_path / "corpus").iterdir() if p.suffix != ".json"]


def test_a_pdf_is_kept_as_one_with_its_media_type(server, tmp_path):
    body = b"%PDF-1.7\n%report\n"
    server.routes["/report.pdf"] = page(body, content_type="application/pdf")
    url = server.url("/report.pdf")
    summary = fetch([url], _options(tmp_path))
    [outcome] = summary.outcomes
    assert (outcome.kind, outcome.media_type) == ("fetched", "application/pdf")
    stored = tmp_path / "corpus" / outcome.file
    assert stored.suffix == ".pdf" and stored.read_bytes() == body
    sidecar = json.loads(stored.with_suffix(".json").read_text())
    assert sidecar["media_type"] == "application/pdf" and sidecar["url"] == url
    manifest = json.loads((tmp_path / "corpus" / "fetch-manifest.json").read_text())
    assert manifest["fetched"] == [
        {"url": url, "file": outcome.file, "media_type": "application/pdf"}
    ]
    assert manifest["settings"]["types"] == ["html", "pdf"]
    again = fetch([url], _options(tmp_path))  # resumed from disk, not asked again
    assert again.outcomes[0].kind == "resumed" and len(server.hits("/report.pdf")) == 1


def test_types_html_skips_pdfs(server, tmp_path):
    server.routes["/report.pdf"] = page(b"%PDF-1.7 ...", content_type="application/pdf")
    url = server.url("/report.pdf")
    fetch([url], _options(tmp_path, types=("html",)))
    assert _reasons(tmp_path, "skipped")[url] == "content type application/pdf is not HTML"


def test_skipped_url_is_not_asked_again_on_resume_unless_refresh(server, tmp_path):
    server.routes["/logo.png"] = page(b"\x89PNG ...", content_type="image/png")
    url = server.url("/logo.png")
    fetch([url], _options(tmp_path))
    again = fetch([url], _options(tmp_path))
    assert len(server.hits("/logo.png")) == 1
    assert again.counts["skipped"] == 1
    reason = _reasons(tmp_path, "skipped")[url]
    assert reason == "content type image/png is not HTML or PDF (an earlier fetch)"
    fetch([url], _options(tmp_path))  # the reason does not grow with every resume
    assert _reasons(tmp_path, "skipped")[url] == reason
    fetch([url], _options(tmp_path, refresh=True))
    assert len(server.hits("/logo.png")) == 2


def test_gzip_content_encoding_is_decoded(server, tmp_path):
    server.routes["/z.html"] = page(gzip.compress(PAGE), Content_Encoding="gzip")
    url = server.url("/z.html")
    fetch([url], _options(tmp_path))
    assert "gzip" in server.hits("/z.html")[0].headers["accept-encoding"]
    assert (tmp_path / "corpus" / f"{_stem(url)}.html").read_bytes() == PAGE


@pytest.mark.parametrize(
    ("encoding", "compress"),
    [
        ("br", lambda data: __import__("brotli").compress(data)),
        ("deflate", zlib.compress),  # zlib-wrapped, as the RFC says
        ("deflate", lambda data: zlib.compress(data, wbits=-15)),  # raw, as some servers send
    ],
)
def test_br_and_deflate_content_encodings_are_decoded(server, tmp_path, encoding, compress):
    server.routes["/e.html"] = page(compress(PAGE), Content_Encoding=encoding)
    url = server.url("/e.html")
    fetch([url], _options(tmp_path))
    assert encoding in server.hits("/e.html")[0].headers["accept-encoding"]
    assert (tmp_path / "corpus" / f"{_stem(url)}.html").read_bytes() == PAGE


def test_set_cookie_is_not_kept_in_the_sidecar(server, tmp_path):
    server.routes["/c.html"] = page(PAGE, Set_Cookie="session=secret; HttpOnly")
    url = server.url("/c.html")
    fetch([url], _options(tmp_path))
    sidecar = json.loads((tmp_path / "corpus" / f"{_stem(url)}.json").read_text())
    assert "set-cookie" not in sidecar["headers"]
    assert sidecar["headers"]["content-type"] == "text/html; charset=utf-8"


def test_gzip_bomb_stops_at_the_limit(server, tmp_path):
    server.routes["/bomb.html"] = page(gzip.compress(b" " * 5_000_000), Content_Encoding="gzip")
    summary = fetch([server.url("/bomb.html")], _options(tmp_path, max_bytes=100_000))
    assert summary.counts["skipped"] == 1


def test_etag_revalidation_leaves_unchanged_page_untouched(server, tmp_path):
    def etagged(h, n):
        if h.headers.get("If-None-Match") == '"v1"':
            h.reply(304, b"")
        else:
            h.reply(200, PAGE, ETag='"v1"', Last_Modified="Tue, 05 Nov 2024 10:00:00 GMT")

    server.routes["/e.html"] = etagged
    url = server.url("/e.html")
    fetch([url], _options(tmp_path))
    stored = tmp_path / "corpus" / f"{_stem(url)}.html"
    before = stored.stat().st_mtime_ns
    time.sleep(0.01)
    summary = fetch([url], _options(tmp_path, refresh=True))
    assert summary.counts["unchanged"] == 1
    second = server.hits("/e.html")[1]
    assert second.headers["if-none-match"] == '"v1"'
    assert second.headers["if-modified-since"] == "Tue, 05 Nov 2024 10:00:00 GMT"
    assert stored.stat().st_mtime_ns == before


def test_second_run_resumes_without_requesting_stored_pages(server, tmp_path):
    server.routes["/a.html"] = page()
    server.routes["/b.html"] = page()
    fetch([server.url("/a.html")], _options(tmp_path))
    summary = fetch([server.url("/a.html"), server.url("/b.html")], _options(tmp_path))
    assert summary.counts == {
        "fetched": 1,
        "unchanged": 0,
        "resumed": 1,
        "disallowed": 0,
        "skipped": 0,
        "failed": 0,
    }
    assert len(server.hits("/a.html")) == 1


def test_partial_page_without_sidecar_is_fetched_again(server, tmp_path):
    server.routes["/a.html"] = page()
    url = server.url("/a.html")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / f"{_stem(url)}.html").write_bytes(b"<html><bo")  # killed mid-way: no sidecar
    fetch([url], _options(tmp_path))
    assert (corpus / f"{_stem(url)}.html").read_bytes() == PAGE


def test_per_host_delay_measured_by_the_server(server, tmp_path):
    paths = ["/1.html", "/2.html", "/3.html"]
    for path in paths:
        server.routes[path] = page()
    fetch([server.url(p) for p in paths], _options(tmp_path, delay=0.2, concurrency=4))
    arrivals = [hit.at for hit in server.log]  # robots.txt included: it is a request too
    assert len(arrivals) == 4
    gaps = [b - a for a, b in itertools.pairwise(arrivals)]
    assert min(gaps) >= 0.19, gaps


def test_follow_stays_on_the_start_host_and_depth(server, tmp_path):
    port = server.base.rsplit(":", 1)[1]
    server.routes["/reports/"] = page(
        b'<html><body><a href="/reports/2024.html">2024</a> <a href="2023.html#top">2023</a>'
        b' <a href="/about.html">About</a>'
        b' <a href="http://localhost:'
        + port.encode()
        + b'/reports/2022.html">elsewhere</a></body></html>'
    )
    server.routes["/reports/2024.html"] = page(
        b'<html><body><a href="/reports/deeper.html">d</a></body></html>'
    )
    server.routes["/reports/2023.html"] = page()
    summary = fetch(
        [server.url("/reports/")],
        _options(tmp_path, follow=re.compile(r"/reports/\d{4}\.html$"), depth=1),
    )
    fetched = sorted(o.url for o in summary.outcomes if o.kind == "fetched")
    assert fetched == [
        server.url(p) for p in ("/reports/", "/reports/2023.html", "/reports/2024.html")
    ]
    assert all(hit.headers["host"].startswith("127.0.0.1") for hit in server.log)
    assert not server.hits("/about.html") and not server.hits("/reports/deeper.html")


def test_sitemap_pages_are_fetched(server, tmp_path):
    sitemap = (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{server.url('/a.html')}</loc></url><url><loc>{server.url('/b.html')}</loc></url></urlset>"
    ).encode()
    server.routes["/sitemap.xml"] = page(sitemap, content_type="application/xml")
    server.routes["/a.html"] = page()
    server.routes["/b.html"] = page()
    summary = fetch([], _options(tmp_path), sitemaps=[server.url("/sitemap.xml")])
    assert summary.counts["fetched"] == 2


def test_sitemap_entries_on_another_host_are_skipped(server, tmp_path):
    sitemap = (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{server.url('/a.html')}</loc></url>"
        "<url><loc>https://elsewhere.example/x.html</loc></url></urlset>"
    ).encode()
    server.routes["/sitemap.xml"] = page(sitemap, content_type="application/xml")
    server.routes["/a.html"] = page()
    summary = fetch([], _options(tmp_path), sitemaps=[server.url("/sitemap.xml")])
    assert (summary.counts["fetched"], summary.counts["skipped"]) == (1, 1)
    reason = _reasons(tmp_path, "skipped")["https://elsewhere.example/x.html"]
    assert reason.endswith("on another host than the sitemap")


def test_bad_url_is_a_usage_error(tmp_path):
    with pytest.raises(errors.BadUrl, match=r"^not an http\(s\) URL: ftp://x/$"):
        fetch(["ftp://x/"], _options(tmp_path))
    assert not (tmp_path / "corpus").exists()


def test_run_discovers_sidecar_url_and_ignores_json(server, tmp_path):
    server.routes["/old"] = lambda h, n: h.reply(301, b"", Location="/a.html")
    server.routes["/a.html"] = page()
    fetch([server.url("/old")], _options(tmp_path))
    refs = list(load.discover([str(tmp_path / "corpus")]))
    assert [ref.url for ref in refs] == [server.url("/a.html")]
    assert all(ref.path.endswith(".html") for ref in refs)


def test_run_decodes_with_the_charset_the_server_sent(server, tmp_path):
    body = "<html><body><p>Приветствие участникам семинара в Москве.</p></body></html>"
    server.routes["/ru.html"] = page(
        body.encode("koi8_r"), content_type="text/html; charset=KOI8-R"
    )
    fetch([server.url("/ru.html")], _options(tmp_path))
    (ref,) = load.discover([str(tmp_path / "corpus")])
    assert ref.charset == "KOI8-R"
    decoded = load.decode(load.read(ref, 10**6), 10**6)
    # Without the header this page reads as shift_jis_2004: the bytes alone do not tell.
    assert (decoded.encoding, "Приветствие" in decoded.html) == ("koi8-r", True)


def test_cli_fetch_strict_exits_1_and_lists_problems(server, tmp_path):
    server.routes["/a.html"] = page()
    out = tmp_path / "corpus"
    done = invoke(
        "fetch",
        server.url("/a.html"),
        server.url("/missing.html"),
        "--out",
        str(out),
        "--delay",
        "0",
    )
    assert done.exit_code == 0, done.stderr
    assert done.stdout.startswith(
        "fetched 1, unchanged 0, resumed 0, disallowed 0, skipped 0, failed 1;"
    )
    assert f"failed: {server.url('/missing.html')}: HTTP 404 Not Found" in done.stderr
    done = invoke(
        "fetch",
        server.url("/a.html"),
        server.url("/missing.html"),
        "--out",
        str(out),
        "--delay",
        "0",
        "--strict",
    )
    assert done.exit_code == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["not-a-url"], "not an http(s) URL: not-a-url"),
        (
            ["--urls", "no/such/list.txt"],
            "cannot read URL list no/such/list.txt: No such file or directory",
        ),
        ([], "nothing to fetch: give URLs, --urls FILE or --sitemap URL"),
        (
            ["http://127.0.0.1:9/", "--follow", "("],
            "--follow is not a valid regular expression: missing ), unterminated subpattern at position 0",
        ),
    ],
)
def test_cli_fetch_usage_errors(tmp_path, args, message):
    done = invoke("fetch", *args, "--out", str(tmp_path / "corpus"))
    assert done.exit_code == 2
    assert done.stderr == f"extractor: error: {message}\n"


def test_cli_fetch_unwritable_out(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    done = invoke("fetch", "http://127.0.0.1:9/", "--out", str(blocker / "corpus"))
    assert done.exit_code == 2
    assert (
        done.stderr
        == f"extractor: error: cannot write to output directory {blocker / 'corpus'}: Not a directory\n"
    )
