"""PDFs drawn for the tests with reportlab: report pages laid out the ways real ones are.

Each builder returns the PDF's bytes. Text is placed line by line, as a word processor does, so
the tests control the geometry: two columns, a running header and footer, a word hyphenated at
a line's end, headings set larger or bold.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable, Sequence

from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

WIDTH, HEIGHT = A4
MARGIN = 56.0
BODY = 10.0
LEADING = 13.0

Line = tuple[str, float, bool]  # text, size, bold


def heading(text: str, size: float = 16.0) -> Line:
    return (text, size, True)


def body(text: str) -> Line:
    return (text, BODY, False)


def pdf(
    pages: Sequence[Sequence[Line]],
    *,
    header: str | None = None,
    footer: Callable[[int, int], str] | None = None,
    title: str | None = None,
    encrypt: StandardEncryption | None = None,
    gap_after: float = 6.0,
    furniture_size: float = 8.0,
    lang: str | None = None,
    links: Sequence[tuple[str, int]] = (),
) -> bytes:
    """One column of lines per page, each line drawn where a word processor puts it; a
    paragraph break (an empty line) adds `gap_after` points. `links`: (URL, line index) pairs,
    each line of page 1 so indexed drawn under a link annotation, as a printed menu is."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, encrypt=encrypt, lang=lang)
    linked = dict((index, url) for url, index in links)
    if title:
        canvas.setTitle(title)
    for number, lines in enumerate(pages, start=1):
        _furniture(canvas, number, len(pages), header, footer, furniture_size)
        y = HEIGHT - MARGIN - 20
        for index, (text, size, bold) in enumerate(lines):
            if not text:
                y -= gap_after
                continue
            font = "Helvetica-Bold" if bold else "Helvetica"
            canvas.setFont(font, size)
            canvas.drawString(MARGIN, y, text)
            if number == 1 and index in linked:
                right = MARGIN + canvas.stringWidth(text, font, size)
                canvas.linkURL(linked[index], (MARGIN, y - 2, right, y + size), relative=0)
            y -= size * 1.3 if size > BODY else LEADING
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def two_columns(
    left: Sequence[str], right: Sequence[str], *, title: str, after: Sequence[str] = ()
) -> bytes:
    """A title across the page, two columns of body lines under it (the right column drawn
    first, as some layout programs do), then full-width lines under both."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    canvas.setFont("Helvetica-Bold", 18)
    canvas.drawString(MARGIN, HEIGHT - MARGIN - 20, title)
    top = HEIGHT - MARGIN - 60
    column = (WIDTH - 2 * MARGIN - 24) / 2
    canvas.setFont("Helvetica", BODY)
    for x, lines in ((MARGIN + column + 24, right), (MARGIN, left)):
        for i, text in enumerate(lines):
            canvas.drawString(x, top - i * LEADING, text)
    y = top - max(len(left), len(right)) * LEADING - 20
    for text in after:
        canvas.drawString(MARGIN, y, text)
        y -= LEADING
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def placed(title: str, strings: Sequence[tuple[float, float, str]]) -> bytes:
    """A page with a title, then each (x, y, text) drawn in the body font where it says: table
    cells, words an OCR layer sets one by one."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    canvas.setFont("Helvetica-Bold", 18)
    canvas.drawString(MARGIN, 760, title)
    canvas.setFont("Helvetica", BODY)
    for x, y, text in strings:
        canvas.drawString(x, y, text)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def scanned() -> bytes:
    """A page that is only an image: a scan with no text layer."""
    from PIL import Image

    image = Image.new("L", (200, 100), color=200)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    canvas.drawImage(ImageReader(io.BytesIO(buffer.getvalue())), MARGIN, 400, 400, 200)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _furniture(
    canvas: Canvas,
    number: int,
    count: int,
    header: str | None,
    footer: Callable[[int, int], str] | None,
    size: float,
) -> None:
    canvas.setFont("Helvetica", size)
    if header:
        canvas.drawString(MARGIN, HEIGHT - 30, header)
    if footer:
        canvas.drawRightString(WIDTH - MARGIN, 28, footer(number, count))


def bomb(characters: int) -> bytes:
    """A one-page PDF whose content stream inflates to `characters` characters of text from a
    few kilobytes: a decompression bomb."""
    run = b"(" + b"A" * 30_000 + b") Tj "  # PDFium reads at most 32,767 characters of a string
    runs = run * (characters // 30_000 + 1)
    stream = zlib.compress(b"BT /F1 1 Tf 10 10 Td " + runs + b" ET", 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    table = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        table,
    )
    return bytes(out)
