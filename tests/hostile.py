"""A hostile corpus, written by a script (never committed): every kind of broken input a
scrape collects, each with the outcome extractor must give it.

    python -m tests.hostile DIR   # writes the corpus into DIR and prints what each file is

Sizes are parameters so the tests can keep the run short; the defaults are the issue's.
"""

from __future__ import annotations

import codecs
import gzip
import io
import os
import random
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

MB = 1_000_000

PARAGRAPH = (
    "The Ministry of Health of Ghana and the World Health Organization (WHO) held a training "
    "course in Accra from 3 to 7 June 2024 for officials from Kenya and Nigeria."
)


def page(body: str, charset: str = "utf-8", title: str = "Training report") -> str:
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="{charset}"><title>{title}</title>'
        f"</head><body><main><h1>{title}</h1>{body}</main></body></html>"
    )


@dataclass(frozen=True)
class Case:
    """One hostile input: its file name and the outcome it must have."""

    name: str
    outcomes: tuple[str, ...]  # what it may end as: "document", or a reject's error code
    what: str


def write_corpus(folder: Path, *, big_mb: int = 50, word_mb: int = 5) -> list[Case]:
    """Write the hostile corpus into `folder`; returns the cases in file-name order."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20261128)
    good = page(f"<p>{PARAGRAPH}</p>")
    cases: list[Case] = []

    def put(name: str, data: bytes | str, outcome: str, what: str) -> None:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        (folder / name).write_bytes(raw)
        cases.append(Case(name, tuple(outcome.split("|")), what))

    put("a01-empty.html", b"", "empty_input", "an empty file")
    put("a02-random.html", rng.randbytes(64_000), "not_html", "random binary")
    nul = good.replace("<p>", "<p>\x00\x00").encode()
    put("a03-nul-bytes.html", nul, "document", "NUL bytes inside the HTML")
    whole = gzip.compress(good.encode() * 20)
    put("a04-truncated.html.gz", whole[: len(whole) // 2], "bad_compression", "truncated gzip")
    bomb = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    inflated = bomb.compress(b"<p>" + b" " * (200 * MB)) + bomb.flush()
    put("a05-bomb.html.gz", inflated, "too_large", "a gzip bomb (200 MB of spaces)")
    pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n" + rng.randbytes(4000)
    put("a06-report.pdf.html", pdf, "bad_pdf", "a broken PDF named .html")
    png = b"\x89PNG\r\n\x1a\n" + rng.randbytes(4000)
    put("a07-image.html", png, "not_html", "a PNG named .html")
    put(
        "a08-utf16-bom.html",
        codecs.BOM_UTF16_LE + good.encode("utf-16-le"),
        "document",
        "UTF-16 with BOM",
    )
    put("a09-utf16-nobom.html", good.encode("utf-16-le"), "document", "UTF-16 without BOM")
    cp = page("<p>Caf\u00e9 \u201cna\u00efve\u201d r\u00e9sum\u00e9 \u2013 " + PARAGRAPH + "</p>")
    put(
        "a10-cp1252-declared-utf8.html",
        cp.encode("cp1252"),
        "document",
        "utf-8 declared, cp1252 written",
    )
    mixed = (
        page("<p>Caf\u00e9 " + PARAGRAPH + "</p><p>XSEP</p>")
        .encode("utf-8")
        .replace(b"XSEP", "Fran\u00e7ois \u2013 Z\u00fcrich".encode("cp1252"))
    )
    put("a11-mixed-encodings.html", mixed, "document", "UTF-8 and cp1252 in one page")
    filler = f"<p>{PARAGRAPH}</p>\n" * (big_mb * MB // (len(PARAGRAPH) + 8) + 1)
    put("a12-big.html", page(filler), "too_large", f"a {big_mb} MB page (over --max-bytes)")
    deep = "<div>" * 20_000 + PARAGRAPH + "</div>" * 20_000
    put("a13-deep.html", page(deep), "document|too_deep", "20,000 nested elements")
    put(
        "a14-one-word.html",
        page("<p>" + "x" * (word_mb * MB) + "</p>"),
        "document",
        f"a {word_mb} MB word",
    )
    scripts = "<script>var a = 1;</script><style>p {color: red}</style>" * 200
    put(
        "a15-only-scripts.html",
        f"<html><head>{scripts}</head><body>{scripts}</body></html>",
        "no_content",
        "only scripts and styles",
    )
    tiny = "".join(f"<p>{i}</p>" for i in range(100_000))
    put("a16-tiny-paragraphs.html", page(tiny), "document", "100,000 tiny paragraphs")
    unclosed = "<div><p>" + "<p><b><i>".join([PARAGRAPH] * 50) + "<table><tr><td>cell"
    put("a17-unclosed.html", f"<html><body>{unclosed}", "document", "unclosed tags everywhere")
    lines = (f"<p>Minute {i}: agreed.</p>" for i in range(1_050_000 // 20))
    long_text = f"<p>{PARAGRAPH}</p>" + "".join(lines) + f"<p>{PARAGRAPH}</p>"
    put("a18-over-max-length.html", page(long_text), "document", "text over spaCy's max_length")
    secret = folder.parent / "secret.txt"
    secret.write_text(f"root:x:0:0:{SECRET}\n", encoding="utf-8")
    uri = secret.resolve().as_uri()
    xxe = (
        f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "{uri}">]>'
        f'<html><head><base href="http://example.invalid/"><link rel="import" href="{uri}">'
        f"</head><body><main><h1>Report &xxe;</h1><p>{PARAGRAPH}</p>"
        f'<iframe src="{uri}"></iframe><img src="{uri}"><a href="{uri}">annex</a>'
        "<p>&xxe;</p></main></body></html>"
    )
    put("a19-external-entities.html", xxe, "document", "external entities, <base>, links to files")
    return cases


def write_warc_cases(folder: Path) -> list[Case]:
    """Broken WARC files, each one input: what a Common Crawl download or a killed crawl gives."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    folder.mkdir(parents=True, exist_ok=True)
    good = page(f"<p>{PARAGRAPH}</p>").encode()
    cases: list[Case] = []

    def archive(name: str, responses: list[tuple[str, list, bytes]]) -> bytes:
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=True)
        for status, headers, body in responses:
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            record = writer.create_warc_record(
                f"https://example.org/{name}",
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=http,
            )
            writer.write_record(record)
        return buffer.getvalue()

    def put(name: str, data: bytes, outcome: str, what: str) -> None:
        (folder / name).write_bytes(data)
        cases.append(Case(name, (outcome,), what))

    html = ("Content-Type", "text/html; charset=utf-8")
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(good), good)
    body = archive("ok", [("200 OK", [html, ("Transfer-Encoding", "chunked")], chunked)])
    put("b01-good.warc.gz", body, "document", "a WARC record with a chunked body")
    put("b02-empty.warc.gz", b"", "empty_input", "an empty WARC file")
    rng = random.Random(20261204)
    put("b03-random.warc.gz", rng.randbytes(20_000), "bad_warc", "random bytes named .warc.gz")
    put(
        "b04-one-stream.warc.gz",
        gzip.compress(gzip.decompress(body) * 2),
        "bad_warc",
        "a WARC gzipped as one stream",
    )
    put("b05-truncated.warc.gz", body[: len(body) // 2], "bad_warc", "a WARC cut in a record")
    bomb = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    inflated = bomb.compress(b"<p>" + b" " * (200 * MB)) + bomb.flush()
    gz = archive("bomb", [("200 OK", [html, ("Content-Encoding", "gzip")], inflated)])
    put("b06-bomb.warc.gz", gz, "too_large", "a gzip bomb as a record's content-encoding")
    png = archive("logo", [("200 OK", [("Content-Type", "image/png")], b"\x89PNG" * 100)])
    put("b07-no-html.warc.gz", png, "no_html_records", "a WARC of an image only")
    missing = archive("gone", [("404 Not Found", [html], good)])
    put("b08-not-found.warc.gz", missing, "http_error", "an archived 404 page")
    return cases


# What the file the hostile page points to holds: it must never reach an output.
SECRET = "extractor-must-never-read-this"


def add_filesystem_cases(folder: Path) -> list[Case]:
    """A symlink loop (walked once, not an input) and an unreadable file (a read_failed reject,
    unless this process can read anything, as root can)."""
    loop = folder / "loop"
    loop.mkdir(exist_ok=True)
    (loop / "back").symlink_to("..", target_is_directory=True)
    locked = folder / "z-unreadable.html"
    locked.write_text(page(f"<p>{PARAGRAPH}</p>"), encoding="utf-8")
    locked.chmod(0)
    readable = os.access(locked, os.R_OK)
    outcome = "document" if readable else "read_failed"
    return [Case(locked.name, (outcome,), "an unreadable file")]


def write_pdf_cases(folder: Path) -> list[Case]:
    """PDFs as report sites serve them, good and bad (drawn with reportlab, tests/pdfs.py)."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    from tests import pdfs

    report = [
        pdfs.heading("Training Course on Water Quality 2024", 18),
        pdfs.body(PARAGRAPH),
    ]
    cases: list[Case] = []

    def put(name: str, data: bytes, outcome: str, what: str) -> None:
        (folder / name).write_bytes(data)
        cases.append(Case(name, tuple(outcome.split("|")), what))

    good = pdfs.pdf([report, report])
    put("p01-report.pdf", good, "document", "a two-page PDF report")
    secret = StandardEncryption("secret", ownerPassword="owner")
    put("p02-encrypted.pdf", pdfs.pdf([report], encrypt=secret), "encrypted_pdf", "a user password")
    locked = StandardEncryption("", ownerPassword="owner", canPrint=0, canCopy=0)
    put("p03-owner-only.pdf", pdfs.pdf([report], encrypt=locked), "document", "an owner password")
    put("p04-scan.pdf", pdfs.scanned(), "no_text_layer", "a scan: no text layer")
    cut = good[: len(good) * 2 // 5]
    put("p05-truncated.pdf", cut, "bad_pdf|no_text_layer|document", "a truncated PDF")
    many = pdfs.pdf([[pdfs.body("A page.")]] * 2100)
    put("p06-thousands.pdf", many, "too_many_pages", "2,100 pages (over --max-pages)")
    put("p07-empty.pdf", b"", "empty_input", "an empty .pdf")
    return cases


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile")
    cases = write_corpus(target) + write_warc_cases(target) + write_pdf_cases(target)
    for case in cases + add_filesystem_cases(target):
        print(f"{case.name:36} {'|'.join(case.outcomes):18} {case.what}")
