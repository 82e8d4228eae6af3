"""The gold sets' HTML pages as PDFs, made two ways, for scoring PDF input with the same gold.

- **chromium**: the page printed by headless Chromium (`--print-to-pdf`) with its default
  running header and footer (print date and time, the page's `<title>`, its URL, "1/3"), and a
  print stylesheet that hides the site's chrome (navigation, header, footer, sidebars, cookie
  bars, search forms) as sites' own print stylesheets do: a PDF report holds the document, not
  the website. Images are hidden too: offline, a browser prints a missing image's alt text,
  which a real print shows as a picture with no text.
- **columns**: the page's title and main-content blocks (as the HTML stage reads them) set by
  reportlab in two columns, with a running header (the title, small) and footer ("Page N"),
  headings larger and bold: the layout of a typeset report.

PDFs are cached under a folder (`build/printed/` for `make eval`), one per page and generator,
named by the page's sha256 so that an edited page is printed again.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from extractor.evaluate.dev import DevReport, ExtractMany, run_dev, summarize
from extractor.html.clean import Block

LOGGER = logging.getLogger(__name__)

GENERATORS = ("chromium", "columns")

# What sites' own print stylesheets hide, by the markup conventions of common site builders
# (WordPress, Drupal, GOV.UK, MediaWiki, Japanese CMSs): the site header and footer (not an
# article's own), navigation, sidebars and widgets, breadcrumbs, cookie bars, share buttons,
# comments, pagers, wiki edit links, notice and promotion bars, a post's "updated" date beside
# its published one (WordPress themes); and images, whose alt text an offline browser would
# print. Scripts do not run: the HTML stage reads the page as served, and an offline page's
# scripts only add campaign banners or break.
# Only boxes under <body> are matched: a body's own classes ("one-sidebar") describe the page.
PRINT_CSS = """<style media="print">
nav, aside, form, img, svg, video, iframe, noscript, dialog, button,
header:not(article header, main header, [class*=entry], [class*=page], [class*=article]),
footer:not(article footer, main footer, [class*=entry]), body [id=header], body [id=footer],
body [id=masthead], body [id=colophon], body [id=secondary], body [id=banner],
body [class*=site-header], body [class*=site-footer], body [class*=site-nav],
body [class*=site-branding], body [class*=site-info], body [class*=widget],
body [class*=sidebar]:not(article *), body [id*=sidebar]:not(article *),
body [id^=side], body [class^=side],
body [class*=menu], body [id*=menu], body [id*=nav], body [class*=nav],
body [class*=crumb], body [id*=crumb], body [id*=pankuzu], body [class*=pankuzu],
body [class*=cookie], body [id*=cookie], body [class*=noprint], body [class*=skip],
body [id*=skip], body [class*=share], body [class*=social], body [class*=related],
body [id*=related], body [class*=pager], body [class*=comment], body [id*=comment],
body [class*=logo], body [class*=brand], body [class*=usa-banner], body [id=mw-panel],
body [id=mw-head], body [id^=p-], body [id=siteNotice], body [id=catlinks],
body [id=footer-info], body [class*=editsection], body .published ~ .updated,
body [class*=notice], body [class*=alert], body [class*=announcement]
{ display: none !important; }
</style>"""
# Bump when PRINT_CSS or the columns layout changes, so that cached PDFs are made again.
PRINT_VERSION = "12"
CHROMIUM_SECONDS = 60


def chromium() -> str | None:
    """The headless browser's command, if installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def printed(html: Path, cache: Path, generator: str) -> Path:
    """The PDF of the page at `html` made by `generator`, from the cache or made now."""
    data = html.read_bytes()
    key = hashlib.sha256(data + PRINT_VERSION.encode()).hexdigest()[:16]
    out = cache / generator / f"{html.stem}-{key}.pdf"
    if not out.is_file():
        out.parent.mkdir(parents=True, exist_ok=True)
        made = _chromium_pdf(html, data) if generator == "chromium" else _columns_pdf(data)
        partial = out.with_suffix(".part")
        partial.write_bytes(made)
        os.replace(partial, out)
    return out


def printed_items(
    pages: Iterable[Path], cache: Path, generator: str
) -> Iterator[tuple[bytes, str]]:
    """(PDF bytes, path) of each page, for extract_many."""
    for html in pages:
        pdf = printed(html, cache, generator)
        yield pdf.read_bytes(), str(pdf)


def _chromium_pdf(html: Path, data: bytes) -> bytes:
    browser = chromium()
    if browser is None:
        raise RuntimeError("headless Chromium is not installed (apt-get install chromium)")
    from extractor.inputs.load import _to_text

    text, _, _ = _to_text(data)  # decoded as the HTML stage decodes it, written back as UTF-8
    text = re.sub(r"(?i)<meta[^>]+charset[^>]*>", "", text)
    added = '<meta charset="utf-8">' + PRINT_CSS
    head = re.search(r"<head\b[^>]*>", text, re.I)
    text = text[: head.end()] + added + text[head.end() :] if head else added + text
    # beside the page, so that its relative links resolve as the page's own would
    with tempfile.TemporaryDirectory() as work:
        page = Path(work) / html.name
        page.write_text(text, encoding="utf-8")
        out = Path(work) / "out.pdf"
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-javascript",
                f"--user-data-dir={work}/profile",
                f"--print-to-pdf={out}",
                page.as_uri(),
            ],
            capture_output=True,
            timeout=CHROMIUM_SECONDS,
            check=False,
        )
        if not out.is_file():
            raise RuntimeError(f"Chromium printed no PDF for {html}")
        return out.read_bytes()


def _columns_pdf(data: bytes) -> bytes:
    from extractor.html.clean import clean
    from extractor.inputs.load import _to_text

    text, _, _ = _to_text(data)
    page = clean(text)
    return columns_pdf(page.title or "", page.blocks, page.meta_published)


def columns_pdf(title: str, blocks: Sequence[Block], published: str | None) -> bytes:
    """A title and HTML-stage blocks set by reportlab in two columns, with a running header and
    footer, dated `published` (see `_dated`)."""
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

    width, height = A4
    margin, gutter = 50.0, 18.0
    column = (width - 2 * margin - gutter) / 2
    frames = [
        Frame(margin + i * (column + gutter), margin, column, height - 2 * margin, id=f"c{i}")
        for i in range(2)
    ]

    def furniture(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        canvas.saveState()
        canvas.setFont("Helvetica", 7)
        canvas.drawString(margin, height - 30, title[:100])
        canvas.drawRightString(width - margin, 25, f"Page {doc.page}")
        canvas.restoreState()

    out = io.BytesIO()
    doc = BaseDocTemplate(out, pagesize=A4, title=title)
    doc.addPageTemplates([PageTemplate(id="two", frames=frames, onPage=furniture)])
    regular, heavy = _serif_fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=9, leading=11.5, spaceAfter=5)
    styles = {
        1: ParagraphStyle("h1", parent=body, fontName=heavy, fontSize=16, leading=19),
        2: ParagraphStyle("h2", parent=body, fontName=heavy, fontSize=13, leading=16),
        3: ParagraphStyle("h3", parent=body, fontName=heavy, fontSize=11, leading=14),
    }
    bold = ParagraphStyle("bold", parent=body, fontName=heavy)
    flow = [Paragraph(escape(title), styles[1])] if title else []
    for block in blocks:
        text = escape(block.text)
        if block.level:
            flow.append(Paragraph(text, styles[min(max(block.level, 2), 3)]))
        elif block.in_list:
            flow.append(Paragraph("\u2022 " + text, body))
        else:
            # a typesetter sets a definition term in bold, as LaTeX's description lists do
            flow.append(Paragraph(text, bold if block.bold or block.tag == "dt" else body))
    doc.build(flow)
    return _dated(out.getvalue(), published)


_PDF_DATES = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}")


def _dated(pdf: bytes, published: str | None) -> bytes:
    """The PDF with its creation and modification dates set to the page's publication day (a
    typesetter makes the report when it is published), or to none that reads as a date: not
    the day the test PDF was made. Same-length edits, so the cross-reference table holds."""
    day = re.sub(r"\D", "", published or "")[:8]
    stamp = (day + "000000").encode() if len(day) == 8 else b"0" * 14
    return _PDF_DATES.sub(lambda m: b"/" + m.group(1) + b" (D:" + stamp, pdf)


_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def _serif_fonts() -> tuple[str, str]:
    """DejaVu Serif (wide glyph coverage: "Ⅳ．", "ё"), which Chromium's fonts bring; else
    reportlab's Times, which draws a box for what Latin-1 lacks."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    regular, heavy = _DEJAVU / "DejaVuSerif.ttf", _DEJAVU / "DejaVuSerif-Bold.ttf"
    if not (regular.is_file() and heavy.is_file()):
        return "Times-Roman", "Times-Bold"
    if "DejaVuSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSerif", str(regular)))
        pdfmetrics.registerFont(TTFont("DejaVuSerif-Bold", str(heavy)))
    return "DejaVuSerif", "DejaVuSerif-Bold"


# Print furniture a section must never hold: Chromium's header (print date and time) and footer
# (the page's URL), the columns layout's footer ("Page 3").
FURNITURE = re.compile(
    r"\b\d{1,2}/\d{1,2}/\d{2}, \d{1,2}:\d{2}\s?[AP]M\b|file:///|^Page \d+$", re.M
)


def run_printed(
    folders: list[Path], cache: Path, extract_many: ExtractMany, settings: Any
) -> tuple[dict[str, DevReport], dict[str, int]]:
    """The gold sets' pages scored as HTML and as the PDFs of each generator available (pooled
    over the sets), and per generator the number of sections holding print furniture."""
    reports: dict[str, DevReport] = {}
    furniture: dict[str, int] = {}
    made = [g for g in GENERATORS if g != "chromium" or chromium() is not None]
    if len(made) < len(GENERATORS):
        LOGGER.warning("printed: Chromium is not installed; its PDFs are not scored")
    for generator in ("html", *made):
        found: list[int] = []
        spying = _counting_furniture(extract_many, found)
        scores = []
        for folder in folders:
            inputs = None if generator == "html" else _printer(cache, generator)
            scores += run_dev(folder, spying, settings, inputs=inputs).docs
        reports[generator] = summarize(scores)
        if generator != "html":
            furniture[generator] = sum(found)
    return reports, furniture


def _printer(cache: Path, generator: str) -> Callable[[list[Path]], Iterable[tuple[bytes, str]]]:
    return lambda paths: printed_items(paths, cache, generator)


def _counting_furniture(extract_many: ExtractMany, found: list[int]) -> ExtractMany:
    """`extract_many`, appending to `found` one per section that holds print furniture."""

    def spying(items: Iterable[tuple[bytes, str]], settings: Any) -> Iterator[Any]:
        for result in extract_many(items, settings):
            found.extend(1 for s in getattr(result, "sections", ()) if FURNITURE.search(s.text))
            yield result

    return spying
