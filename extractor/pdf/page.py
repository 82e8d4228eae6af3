"""PDF blocks -> the CleanPage the segmenter reads: headings from size and weight, the title,
list items and table rows, each block with its page.

Headings are told by their size relative to the body text (the size most characters are set
in): every size at least HEADING_SIZE times the body's is a heading level, the largest level 1.
A short bold line at the body's size is a bold label, as `<b>` is in HTML: the segmenter makes
it a heading below the sized ones. Numbered lines ("1.", "2-1", "(1)") are left to the
segmenter's own numbering rule, as for HTML.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractor import errors
from extractor.html.clean import Block, CleanPage
from extractor.html.language import detect
from extractor.html.metadata import title_head, writes_day_first
from extractor.pdf import layout
from extractor.pdf.chars import PdfText, read_chars

# A block at least this many times the body size is a heading.
HEADING_SIZE = 1.12
# ... of at most this many words and lines.
HEADING_MAX_WORDS = 25
HEADING_MAX_LINES = 4
# The title is the largest heading of page 1, when it is at least this many times the body size.
TITLE_SIZE = 1.25
# ... with at most this many words of body text before it on page 1 (a dateline, a banner).
TITLE_MAX_WORDS_BEFORE = 30
# Of several, the heading that shares this share of the words of the document information's
# title (its head: "Study Visit of X (2019)" of "Study Visit of X (2019) | Reports | Site").
TITLE_INFO_OVERLAP = 0.5
# Document information titles that say nothing: a file name, a template's placeholder.
_JUNK_TITLE = re.compile(
    r"^(?:untitled|title|document\d*|microsoft (?:word|powerpoint) - .*|slide \d+)$"
    r"|\.(?:docx?|pdf|pptx?|indd|odt|rtf|txt|xlsx?)$",
    re.I,
)


def read_pdf(data: bytes, max_pages: int, max_chars: int) -> CleanPage:
    """The PDF in `data` as a CleanPage, each block with its page number."""
    return clean_page(read_chars(data, max_pages, max_chars))


def clean_page(text: PdfText) -> CleanPage:
    laid_out = layout.document_blocks(text.pages)
    body = layout.body_size(line for block in laid_out for line in block.lines)
    # a block's text joins its lines (hyphens weighed by word frequency): read once
    texts = [(b, t) for b in laid_out if (t := b.text)]
    headings = [_is_heading(b, t, body) for b, t in texts]
    levels = _heading_levels([b for (b, _), h in zip(texts, headings, strict=True) if h])
    found = [b for b, _ in texts]
    blocks = [
        _block(b, t, levels if h else None) for (b, t), h in zip(texts, headings, strict=True)
    ]
    heading_title, kept = _take_title(found, blocks, body, text.title)
    # a table row's cells are blocks of their own, as the HTML stage reads a table's cells
    rows = {id(block): f.cells for f, block in zip(found, blocks, strict=True) if f.kind == "tr"}
    blocks = [
        cell
        for block in kept
        for cell in (
            [Block(tag="td", text=c, in_table=True, page=block.page) for c in rows[id(block)]]
            if id(block) in rows
            else [block]
        )
    ]
    title = _title(text.title, heading_title, blocks)
    if not blocks and not title:
        raise errors.NoContent("the PDF's text layer holds no text once page furniture is removed")
    joined = "\n".join(b.text for b in blocks)
    declared = text.language.split("-")[0].lower() if text.language else None
    return CleanPage(
        title=title,
        blocks=tuple(blocks),
        language=detect(joined, declared),
        canonical_url=None,
        meta_published=text.created,
        html_title=text.title,
        day_first=writes_day_first(text.language),
        media_type="application/pdf",
        page_count=text.page_count,
    )


def _is_heading(block: layout.Block, text: str, body: float) -> bool:
    words = len(text.split())
    return (
        block.kind == "p"
        and len(block.lines) <= HEADING_MAX_LINES
        and 0 < words <= HEADING_MAX_WORDS
        and block.size >= HEADING_SIZE * body
    )


def _heading_levels(headings: Sequence[layout.Block]) -> dict[float, int]:
    sizes = sorted({b.size for b in headings}, reverse=True)
    return {size: min(i + 1, 6) for i, size in enumerate(sizes)}


def _block(found: layout.Block, text: str, levels: dict[float, int] | None) -> Block:
    """The CleanPage block of a laid-out block; `levels` (heading sizes to levels) when it is a
    heading."""
    if levels is not None:
        level = levels[found.size]
        return Block(tag=f"h{level}", text=text, level=level, bold=found.bold, page=found.page)
    if found.kind == "li":
        return Block(tag="li", text=text, in_list=True, page=found.page)
    if found.kind == "tr":  # read cell by cell once the title is taken
        return Block(tag="tr", text=text, in_table=True, page=found.page)
    return Block(tag="p", text=text, bold=found.bold, page=found.page)


def _take_title(
    found: Sequence[layout.Block], blocks: list[Block], body: float, info: str | None
) -> tuple[str | None, list[Block]]:
    """The title heading of page 1, taken out of the blocks as the HTML stage takes its
    headline: a heading that stands out from the body text (TITLE_SIZE) with at most a dateline
    or a banner of body text before it (TITLE_MAX_WORDS_BEFORE); of several, the one the
    document information's title names, else the largest."""
    sizes = {id(block): f.size for f, block in zip(found, blocks, strict=True)}
    candidates: list[Block] = []
    words_before = 0
    for block in blocks:
        if block.page != 1 or words_before > TITLE_MAX_WORDS_BEFORE:
            break
        if block.level and sizes[id(block)] >= TITLE_SIZE * body:
            candidates.append(block)
        elif not block.level:
            words_before += len(block.text.split())
    if not candidates:
        return None, blocks
    head = _words(title_head(info)) if info else set()
    overlap = {id(b): len(head & _words(b.text)) / len(head) if head else 0.0 for b in candidates}
    named = max(candidates, key=lambda b: overlap[id(b)])
    if overlap[id(named)] >= TITLE_INFO_OVERLAP:
        top = named
    else:
        top = max(candidates, key=lambda b: sizes[id(b)])
    return top.text, [b for b in blocks if b is not top]


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def _title(info: str | None, heading: str | None, blocks: Sequence[Block]) -> str | None:
    """The document information's title when it is meaningful (not a file name or a template's
    placeholder) and the page does not show another one; else the title heading of page 1.
    A web page printed to PDF carries its `<title>` ("Event Report | Site name"), which the
    page's headline beats, as in the HTML stage."""
    info = " ".join((info or "").split()) or None
    if info and _JUNK_TITLE.search(info):
        info = None
    if heading is None:
        return title_head(info) if info else None
    if info is None or _same(info, heading):
        return heading
    shown = any(_same(info, b.text) for b in blocks[:10])
    return info if shown else heading


def _same(one: str, other: str) -> bool:
    return " ".join(one.lower().split()) == " ".join(other.lower().split())
