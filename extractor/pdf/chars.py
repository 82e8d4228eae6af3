"""Read a PDF's characters with their font size, weight and position (pypdfium2).

pypdfium2 binds PDFium, the PDF engine of Chromium: it was chosen over pdfminer.six by
measurement (docs/pdf.md): 3.5 times faster with the same per-character facts, and closer
to the pages' own words. Everything PDFium-specific stays in this module; the layout stages
see only `PdfText`.
"""

from __future__ import annotations

import ctypes
import dataclasses
import datetime as dt
import logging
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractor import errors

LOGGER = logging.getLogger(__name__)

# A character is bold when its font is named so, flagged so, or at least this heavy (PDF font
# weights run 100-900; 400 is regular).
BOLD_WEIGHT = 600
_FORCE_BOLD_FLAG = 1 << 18
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.I)
# Text turned away from the horizontal by more than this many radians (a margin stamp read
# bottom to top) is left out: lines are built for horizontal text.
MAX_ANGLE = 0.1
_FULL_TURN = 2 * math.pi
# A horizontal path at most this thick and at least this long is a rule (a table border).
RULE_MAX_THICKNESS = 2.0
RULE_MIN_WIDTH = 10.0
# Pages with more objects than this are drawings (maps, charts): their paths are not read.
MAX_PAGE_OBJECTS = 20_000
# Producers that are web browsers: their dates are the day a page was printed, never the day it
# was published.
_BROWSER = re.compile(r"mozilla|chrome|chromium|skia|webkit|firefox|safari|wkhtmltopdf", re.I)


@dataclass(frozen=True)
class Char:
    """One character of a page. Coordinates are PDF points, y upwards from the page's foot."""

    text: str
    x0: float
    x1: float
    baseline: float  # y of the character's origin
    top: float
    size: float  # the font size as drawn
    bold: bool
    generated: bool = False  # a space or line break PDFium inferred from the layout
    linked: bool = False  # under a link annotation (navigation, a table of contents)


@dataclass(frozen=True)
class PdfPage:
    number: int  # 1-based
    width: float
    height: float
    chars: tuple[Char, ...]
    # Horizontal rules drawn on the page, (y, x0, x1): table borders and row separators.
    rules: tuple[tuple[float, float, float], ...] = ()


@dataclass(frozen=True)
class PdfText:
    pages: tuple[PdfPage, ...]
    title: str | None  # the document information's Title
    created: str | None  # its CreationDate (or ModDate) as an ISO day; None for browser prints
    page_count: int
    language: str | None = None  # the catalog's /Lang ("en-GB"), which browsers copy from HTML


def read_chars(data: bytes, max_pages: int, max_chars: int) -> PdfText:
    """The characters of every page of the PDF in `data`.

    Raises EncryptedPdf (a user password is needed), BadPdf (not a PDF PDFium can open),
    TooManyPages, TooLarge (more than `max_chars` characters: a decompression bomb) and
    NoTextLayer (no text on any page: a scan).
    """
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if pdfium_c.FPDF_GetLastError() == pdfium_c.FPDF_ERR_PASSWORD:
            raise errors.EncryptedPdf(
                "the PDF is encrypted with a user password; extractor reads only PDFs that "
                "open without one"
            ) from exc
        raise errors.BadPdf(f"the PDF cannot be opened: {_reason(exc)}") from exc
    try:
        count = len(document)
        if count == 0:
            raise errors.BadPdf("the PDF has no pages (broken or truncated)")
        if count > max_pages:
            raise errors.TooManyPages(f"the PDF has {count} pages, over the limit of {max_pages}")
        info = _info(document)
        language = _language(document)
        pages = tuple(_pages(document, max_chars))
    finally:
        document.close()
    if not any(c.text.strip() for page in pages for c in page.chars):
        raise errors.NoTextLayer(
            "the PDF has no text layer (a scanned document?); OCR is out of scope"
        )
    browser = _BROWSER.search(f"{info.get('Creator', '')} {info.get('Producer', '')}")
    created = None if browser else _pdf_day(info.get("CreationDate") or info.get("ModDate"))
    return PdfText(
        pages=pages,
        title=info.get("Title") or None,
        created=created,
        page_count=count,
        language=language,
    )


def _info(document: pdfium.PdfDocument) -> dict[str, str]:
    """The document information (Title, CreationDate...); none when it cannot be decoded."""
    try:
        return dict(document.get_metadata_dict(skip_empty=True))
    except (UnicodeDecodeError, pdfium.PdfiumError):
        return {}


def _language(document: pdfium.PdfDocument) -> str | None:
    """The catalog's /Lang entry, which browsers copy from the page's lang attribute."""
    size = pdfium_c.FPDFCatalog_GetLanguage(document.raw, None, 0)
    if size <= 2:
        return None
    buffer = (ctypes.c_ushort * (size // 2))()
    pdfium_c.FPDFCatalog_GetLanguage(document.raw, buffer, size)
    text = bytes(buffer).decode("utf-16-le", errors="replace").rstrip("\x00").strip()
    return text or None


def _pages(document: pdfium.PdfDocument, max_chars: int) -> Iterator[PdfPage]:
    total = 0
    broken = 0
    for index in range(len(document)):
        try:
            page = document[index]
        except pdfium.PdfiumError:
            # a damaged page costs itself, not the document
            LOGGER.warning("page %d of a PDF cannot be read; skipped", index + 1)
            broken += 1
            continue
        try:
            width, height = page.get_size()
            textpage = page.get_textpage()
            try:
                # counted before any is read: a decompression bomb stops here
                total += pdfium_c.FPDFText_CountChars(textpage.raw)
                if total > max_chars:
                    raise errors.TooLarge(
                        f"the PDF's text runs over {max_chars} characters by page {index + 1}"
                    )
                chars = _linked(_chars(textpage), _link_rects(page))
            finally:
                textpage.close()
            rules = _rules(page)
        finally:
            page.close()
        yield PdfPage(number=index + 1, width=width, height=height, chars=chars, rules=rules)
    if broken == len(document):
        raise errors.BadPdf("no page of the PDF can be read (broken or truncated)")


def _chars(textpage: pdfium.PdfTextPage) -> tuple[Char, ...]:
    out: list[Char] = []
    box = pdfium_c.FS_RECTF()
    x, y = ctypes.c_double(), ctypes.c_double()
    handle = textpage.raw
    # Font size, weight and angle belong to a text object (a run of characters drawn with one
    # font and matrix): read once per object, not per character.
    last_object: int | None = None
    size, bold, turned = 0.0, False, False
    for k in range(pdfium_c.FPDFText_CountChars(handle)):
        code = pdfium_c.FPDFText_GetUnicode(handle, k)
        generated = bool(pdfium_c.FPDFText_IsGenerated(handle, k))
        if code in (0x0D, 0x0A):
            if generated and out:  # a line break PDFium inferred
                out.append(
                    Char("\n", out[-1].x1, out[-1].x1, out[-1].baseline, 0.0, 0.0, False, True)
                )
            continue
        if not generated:  # an inferred space has no text object: it takes the one before's
            text_object = ctypes.cast(pdfium_c.FPDFText_GetTextObject(handle, k), ctypes.c_void_p)
            if text_object.value is None or text_object.value != last_object:
                size, bold, turned = _font(handle, k)
                last_object = text_object.value
            if turned:
                continue
        # the loose box runs over the glyph's advance: no gap inside a word, whatever the glyph
        pdfium_c.FPDFText_GetLooseCharBox(handle, k, box)
        pdfium_c.FPDFText_GetCharOrigin(handle, k, x, y)
        text = _text_of(code)
        out.append(Char(text, box.left, box.right, y.value, box.top, size, bold, generated))
    return tuple(out)


def _font(handle: object, k: int) -> tuple[float, bool, bool]:
    """The size, boldness and turn (away from the horizontal) of character k's font."""
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    size = pdfium_c.FPDFText_GetFontSize(handle, k)
    weight = pdfium_c.FPDFText_GetFontWeight(handle, k)
    pdfium_c.FPDFText_GetFontInfo(handle, k, name, len(name), flags)
    bold = bool(
        _BOLD_NAME.search(name.value.decode("latin-1"))
        or flags.value & _FORCE_BOLD_FLAG
        or weight >= BOLD_WEIGHT
    )
    angle = pdfium_c.FPDFText_GetCharAngle(handle, k)
    return size, bold, MAX_ANGLE < angle < _FULL_TURN - MAX_ANGLE


def _rules(page: pdfium.PdfPage) -> tuple[tuple[float, float, float], ...]:
    """The page's horizontal rules as (y, x0, x1): thin horizontal paths, and the top and bottom
    edges of rectangles (cell borders and shaded rows), at least RULE_MIN_WIDTH long."""
    out: list[tuple[float, float, float]] = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    count = pdfium_c.FPDFPage_CountObjects(page.raw)
    if count > MAX_PAGE_OBJECTS:  # a drawing, not a table: its paths say nothing of rows
        return ()
    for k in range(count):
        item = pdfium_c.FPDFPage_GetObject(page.raw, k)
        if pdfium_c.FPDFPageObj_GetType(item) != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(item, left, bottom, right, top):
            continue
        if right.value - left.value < RULE_MIN_WIDTH:
            continue
        if top.value - bottom.value <= RULE_MAX_THICKNESS:
            out.append(((top.value + bottom.value) / 2, left.value, right.value))
        elif pdfium_c.FPDFPath_CountSegments(item) in (4, 5):  # a rectangle
            out.append((top.value, left.value, right.value))
            out.append((bottom.value, left.value, right.value))
    return tuple(out)


def _link_rects(page: pdfium.PdfPage) -> list[tuple[float, float, float, float]]:
    """(left, bottom, right, top) of each link annotation of the page."""
    rects = []
    position = ctypes.c_int(0)
    link = pdfium_c.FPDF_LINK()
    rect = pdfium_c.FS_RECTF()
    while pdfium_c.FPDFLink_Enumerate(page.raw, position, link):
        if pdfium_c.FPDFLink_GetAnnotRect(link, rect):
            low, high = sorted((rect.bottom, rect.top))
            rects.append((min(rect.left, rect.right), low, max(rect.left, rect.right), high))
    return rects


def _linked(
    chars: tuple[Char, ...], rects: list[tuple[float, float, float, float]]
) -> tuple[Char, ...]:
    if not rects:
        return chars
    out = []
    for char in chars:
        x, y = (char.x0 + char.x1) / 2, char.baseline + 1
        inside = any(left <= x <= right and low <= y <= high for left, low, right, high in rects)
        out.append(dataclasses.replace(char, linked=True) if inside else char)
    return tuple(out)


def _text_of(code: int) -> str:
    if code in (0x02, 0xFFFE):  # PDFium's marks for a hyphen it found at a line's end
        return "\u00ad"
    if code < 0x20 or 0xD800 <= code <= 0xDFFF:
        return " " if code == 0x09 else ""
    return chr(code)


_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")


def _pdf_day(raw: str | None) -> str | None:
    """The ISO day of a PDF date string ("D:20230415093000+09'00'")."""
    match = _PDF_DATE.match((raw or "").strip())
    if not match or not match.group(2) or not match.group(3):
        return None
    try:
        day = dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
    return day.isoformat() if 1900 <= day.year <= 2100 else None


def _reason(exc: pdfium.PdfiumError) -> str:
    text = str(exc)
    found = re.search(r"\(PDFium: ([^)]*)\)", text)
    return (found.group(1) if found else text).rstrip(".").lower()
