"""`extractor run URL...`: URL inputs fetched politely, then extracted, against a real server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor import errors
from extractor.inputs.urls import UrlFetch, fetch_refs

from . import pdfs
from .conftest import CORPORA, invoke
from .loopback import page

REPORT = (CORPORA / "seed-fy2024-kccp.html").read_bytes()
ROBOTS = b"User-agent: *\nDisallow: /private/\n"
PDF_TEXT = "The centre trained officials from Ghana and Kenya in March 2023."


@pytest.fixture
def site(server):
    server.routes["/robots.txt"] = page(ROBOTS, content_type="text/plain")
    server.routes["/report.html"] = page(REPORT)
    server.routes["/private/memo.html"] = page(REPORT)
    annual = pdfs.pdf([[pdfs.heading("Annual Report 2023", 18), pdfs.body(PDF_TEXT)]])
    server.routes["/annual.pdf"] = page(annual, content_type="application/pdf")
    server.routes["/logo.png"] = page(b"\x89PNG", content_type="image/png")
    return server


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8")]


def test_each_url_becomes_a_stored_page_or_a_reason(site, tmp_path):
    paths = ("/report.html", "/private/memo.html", "/gone", "/logo.png", "/annual.pdf")
    urls = [site.url(p) for p in paths]
    refs = fetch_refs(["corpora/", *urls], tmp_path / "out", UrlFetch(delay=0.0))
    assert list(refs) == urls  # local paths are not fetched
    stored = refs[urls[0]]
    assert stored.url == urls[0] and stored.problem is None
    assert Path(stored.path).read_bytes() == REPORT
    assert Path(stored.path).parent == tmp_path / "out" / "pages"
    assert [refs[u].problem[0] for u in urls[1:4]] == [  # type: ignore[index]
        "fetch_disallowed",
        "fetch_failed",
        "fetch_skipped",
    ]
    pdf = refs[urls[4]]  # a PDF is stored as one, for the PDF stage to read
    assert pdf.problem is None and pdf.path.endswith(".pdf") and pdf.url == urls[4]
    assert "robots.txt" in refs[urls[1]].problem[1]  # type: ignore[index]
    assert not site.hits("/private/memo.html")


def test_malformed_url_fails_before_any_request(site, tmp_path):
    with pytest.raises(errors.BadUrl):
        fetch_refs([site.url("/report.html"), "http://"], tmp_path, UrlFetch(delay=0.0))
    assert not site.log


@pytest.mark.model
def test_run_extracts_urls_with_local_inputs_in_order(site, tmp_path, pipeline):
    from extractor.run.driver import run_corpus
    from extractor.run.options import RunOptions

    local = tmp_path / "local.html"
    local.write_bytes(REPORT.replace(b"<title>", b"<title>Local copy: "))
    paths = ("/report.html", "/private/memo.html", "/gone", "/logo.png", "/annual.pdf")
    urls = [site.url(p) for p in paths]
    out = tmp_path / "out"
    inputs = [urls[0], str(local), *urls[1:]]
    summary = run_corpus(
        inputs, out, options=RunOptions(progress=False, url_fetch=UrlFetch(delay=0.0))
    )
    assert summary.counts["inputs"] == 6
    documents = _lines(out / "documents.jsonl")
    assert [d["source"]["url"] for d in documents] == [urls[0], None, urls[4]]
    assert documents[0]["source"]["path"].startswith((out / "pages").as_posix())
    pdf = documents[2]  # run URL reads a PDF URL too
    assert (pdf["source"]["media_type"], pdf["title"]) == ("application/pdf", "Annual Report 2023")
    rejects = _lines(out / "rejects.jsonl")
    assert [(r["source"]["url"], r["stage"], r["error"]) for r in rejects] == [
        (urls[1], "fetch", "fetch_disallowed"),
        (urls[2], "fetch", "fetch_failed"),
        (urls[3], "fetch", "fetch_skipped"),
    ]
    assert rejects[1]["message"].endswith("HTTP 404 Not Found")
    assert rejects[0]["source"]["path"] is None
    # Run again: the stored page is read from disk, the site is not asked for it again.
    before = len(site.hits("/report.html"))
    run_corpus(inputs, out, options=RunOptions(progress=False, url_fetch=UrlFetch(delay=0.0)))
    assert len(site.hits("/report.html")) == before == 1
    assert _lines(out / "documents.jsonl") == documents


@pytest.mark.model
def test_cli_run_url_with_fetch_dir(site, tmp_path):
    out, pages = tmp_path / "out", tmp_path / "pages"
    args = ["run", site.url("/report.html")]
    args += ["--out", str(out), "--fetch-dir", str(pages), "--delay", "0", "-q", "-j", "1"]
    args += ["--contact", "team@example.org"]
    done = invoke(*args)
    assert done.exit_code == 0, done.stderr
    (document,) = _lines(out / "documents.jsonl")
    assert document["source"]["url"] == site.url("/report.html")
    assert len(list(pages.glob("*.html"))) == 1 and (pages / "fetch-manifest.json").exists()
    agent = site.hits("/report.html")[0].headers["user-agent"]
    assert "+team@example.org" in agent
