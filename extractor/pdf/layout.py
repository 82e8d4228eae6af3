"""Characters -> lines -> blocks in reading order, without running headers and footers.

A page's characters come in the order the PDF draws them, which is not always the order a
person reads them. So the lines are rebuilt from the geometry:

1. **Fragments**: runs of characters on one baseline with no wide gap in them.
2. **Rows and columns**: fragments on one baseline form a row. Where several lines of prose
   start at one x right of the page's edge, with prose left of them and no fragment crossing
   between, a gutter splits the page into columns; fragments of a row within one column are one
   line, and a line of several fragments far apart is a table row.
3. **Running lines**: text in the top or bottom margin of a page that repeats across pages
   (digits aside: page numbers change), or that is set small, or that is a page number, or
   that sits at the very edge of the page, is the document's furniture, not its text.
4. **Blocks**: lines that follow each other at the paragraph's own line pitch, in one style,
   are one block; a bullet starts a list item; words hyphenated at a line's end are joined. A
   block that is mostly link text is navigation (a printed page's menu, a table of contents).
5. **Reading order**: blocks are ordered top to bottom within a column and left column before
   right, unless a block spanning both lies between them (Breuel's rules, a topological sort).
"""

from __future__ import annotations

import functools
import heapq
import itertools
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from wordfreq import zipf_frequency

from extractor.pdf.chars import Char, PdfPage

# A gap wider than this many average character widths ends a fragment (a column gutter or a
# table's cell gap; a justified line's widest word gap stays under it).
FRAGMENT_GAP_CHARS = 3.0
# A line (not bold: a table's header row is) of at least this many fragments of one word each
# is words set far apart, not a table.
SPREAD_WORDS_MIN = 6
# A gap wider than this share of the average character width is a word space, even where the
# PDF draws none.
WORD_GAP_CHARS = 0.8
# Characters whose baselines differ by less than this share of the font size share a line.
SAME_LINE = 0.35
# Rows at most this many times their characters' height (above the baseline) apart may be
# one table's.
TABLE_ROW_GAP = 3.0
# Table cells start within this many points of their column's start.
COLUMN_TOLERANCE = 1.5
# A column gutter is left empty by at least this many rows of prose on each side of it.
GUTTER_MIN_ROWS = 4
# ... starting at least this many points right of the page's text edge.
GUTTER_MIN_OFFSET = 60.0
# ... whose fragments average at least this many characters (table cells are shorter).
GUTTER_PROSE_CHARS = 12
# ... and whose rows hold one fragment on each side: where at least this share of the rows with
# text on both sides hold several on one, the sides are table cells, the gap a table's.
GUTTER_MAX_SPLIT_SHARE = 0.6
# A column layout ends at a vertical gap of more than this many of its line steps.
GUTTER_MAX_GAP = 2.0
# Margins: the top and bottom share of a page where running headers and footers sit.
MARGIN_SHARE = 0.07
# Text this close to a page's top or bottom edge is furniture whatever its size.
EDGE_SHARE = 0.03
# Set at most this share of the body size, margin text is a print header or footer.
SMALL_SHARE = 0.85
# A line of a block follows the one before at its pitch; this much more is a paragraph break.
PARAGRAPH_PITCH = 1.3
# A line closer than this share of the pitch under a table row's line is in that row.
CENTRED_STEP = 0.75
# Pages with more blocks than this (long tables) are read top to bottom without the column rules.
MAX_ORDERED_BLOCKS = 200
# A step between lines counts for the pitch when it is at least this share as common as the
# most common one.
PITCH_SHARE = 0.2
# A block this much under link annotations is navigation (a printed page's menu, a table of
# contents), as a link-dense box is in HTML.
NAVIGATION_LINK_SHARE = 0.7
# Lines whose size differs by more than this share are not one block.
SIZE_TOLERANCE = 0.08

_BULLET = re.compile(r"^\s*([•●○◦▪■□‣⁃∙·*–—-])\s+(?=\S)")
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*\d{1,4}\s*[-–—]|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?"
    r"|\d{1,4}\s*(?:/|of)\s*\d{1,4}|\d{1,4}|[ivxlc]{1,6})\s*$",
    re.I,
)
_DIGITS = re.compile(r"\d+")


@dataclass
class Line:
    """A line of text on one page (or one row of a table)."""

    page: int
    text: str
    x0: float
    x1: float
    baseline: float
    top: float
    size: float
    bold: bool
    order: int = 0  # where its first character comes in the page's drawing order
    char_width: float = 0.0
    region: int = -1  # the column layout (a gutter's rows) the line is in; -1: none
    linked: int = 0  # characters under a link annotation
    cell_x: tuple[float, ...] = ()  # where each cell of a table row starts
    cell_texts: tuple[str, ...] = ()

    @property
    def cells(self) -> int:
        """Fragments far apart on one line: a table row when more than one."""
        return max(len(self.cell_x), 1)


@dataclass
class Block:
    """Lines that belong together: a paragraph, a heading, a list item or a table row."""

    page: int
    lines: list[Line] = field(default_factory=list)
    kind: str = "p"  # "p", "li" (a bulleted line) or "tr" (a table row)

    @property
    def text(self) -> str:
        if self.kind == "tr":
            return " | ".join(self.cells)
        return join_lines(line.text for line in self.lines)

    @functools.cached_property
    def cells(self) -> list[str]:
        """A table row's cells, each cell's lines joined; a paragraph is one cell. Read once
        the block is complete (page.py), and kept: the text of a row joins them."""
        if self.kind != "tr":
            return [self.text]
        if len(self.lines) == 1:
            return [text for text in self.lines[0].cell_texts if text]
        return _row_cells(self.lines)

    @property
    def x0(self) -> float:
        return min(line.x0 for line in self.lines)

    @property
    def x1(self) -> float:
        return max(line.x1 for line in self.lines)

    @property
    def top(self) -> float:
        return self.lines[0].top

    @property
    def bottom(self) -> float:
        return self.lines[-1].baseline

    @property
    def size(self) -> float:
        return self.lines[0].size

    @property
    def bold(self) -> bool:
        return all(line.bold for line in self.lines)

    @property
    def region(self) -> int:
        return self.lines[0].region

    @property
    def linked_share(self) -> float:
        """The share of the block's characters under link annotations."""
        total = sum(len(line.text) for line in self.lines)
        return sum(line.linked for line in self.lines) / total if total else 0.0


def _row_cells(lines: Sequence[Line]) -> list[str]:
    """The cells of a table row that wraps over several lines, each cell's lines joined, in
    order ("13 February – 1 | Mangrove..." over "March 2024 | for officials..." is
    "13 February – 1 March 2024", "Mangrove... for officials...")."""
    cells = sorted(
        (
            (x, i, text)
            for i, line in enumerate(lines)
            for x, text in zip(line.cell_x, line.cell_texts, strict=True)
        ),
        key=lambda cell: cell[0],
    )
    tolerance = 3 * statistics.median(line.char_width for line in lines)
    columns: list[list[tuple[float, int, str]]] = []
    for cell in cells:
        if columns and cell[0] - columns[-1][0][0] <= tolerance:
            columns[-1].append(cell)
        else:
            columns.append([cell])
    return [join_lines(t for _, _, t in sorted(c, key=lambda c: c[1])) for c in columns]


def document_blocks(pages: Sequence[PdfPage]) -> list[Block]:
    """The blocks of every page, in reading order, running headers and footers left out."""
    lines = {page.number: page_lines(page) for page in pages}
    heights = {page.number: page.height for page in pages}
    body = body_size(
        line
        for number, page_lines_ in lines.items()
        for line in page_lines_
        if not in_margin(line, heights[number])
    )
    running = running_lines(pages, lines, body)
    out: list[Block] = []
    for page in pages:
        kept = [line for line in lines[page.number] if id(line) not in running]
        found = [b for b in blocks_of(kept, page.rules) if b.linked_share < NAVIGATION_LINK_SHARE]
        out.extend(reading_order(found))
    return out


def body_size(lines: Iterable[Line]) -> float:
    """The font size most of the text is set in (by characters)."""
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


# --- 1-2. fragments, rows, columns, lines ------------------------------------------------------


@dataclass
class _Fragment:
    chars: list[Char]
    order: int

    @property
    def x0(self) -> float:
        return self.chars[0].x0

    @property
    def x1(self) -> float:
        return self.chars[-1].x1


def page_lines(page: PdfPage) -> list[Line]:
    """The lines of a page, split at column gutters, top to bottom."""
    rows = _rows(_fragments(page.chars))
    gutters = _gutters(rows)
    parts: dict[tuple[int, int], list[list[_Fragment]]] = defaultdict(list)
    for row in rows:
        baseline = _baseline(row[0].chars)
        inside = [i for i, (_, low, high) in enumerate(gutters) if low <= baseline <= high]
        cuts = [gutters[i][0] for i in inside]
        for part in _split(row, cuts):
            column = sum(part[0].x0 >= cut for cut in cuts)
            parts[(inside[0] if inside else -1, column)].append(part)
    lines: list[Line] = []
    for (region, _), column_parts in parts.items():
        for zone in _zones(column_parts):
            for part in _split_at_columns(zone):
                line = _line(page.number, part)
                line.region = region
                lines.append(line)
    lines.sort(key=lambda line: (-line.baseline, line.x0))
    return lines


def _fragments(chars: Sequence[Char]) -> list[_Fragment]:
    out: list[_Fragment] = []
    current: list[Char] = []
    widths = _char_widths(chars)

    def close() -> None:
        nonlocal current
        while current and not current[-1].text.strip():
            current.pop()
        if current:
            out.append(_Fragment(current, order=len(out)))
        current = []

    for char in chars:
        if char.text == "\n":
            close()
            continue
        visible = bool(char.text.strip())
        if not current:
            if visible:
                current = [char]
            continue
        last = current[-1]
        average = widths.get(round(last.size), max(last.size * 0.5, 1.0))
        if abs(char.baseline - _baseline(current)) > SAME_LINE * max(char.size, last.size):
            close()
            current = [char] if visible else []
        elif visible and (
            char.x0 - last.x1 > FRAGMENT_GAP_CHARS * average
            or char.x1 < last.x0 - average  # drawn back to the left: another line
        ):
            close()
            current = [char]
        else:
            current.append(char)
    close()
    return out


def _char_widths(chars: Sequence[Char]) -> dict[int, float]:
    """The mean width of the page's visible characters, per font size (a heading's gaps are
    measured in its own characters)."""
    sums: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for char in chars:
        if char.text.strip() and char.x1 > char.x0:
            total = sums[round(char.size)]
            total[0] += char.x1 - char.x0
            total[1] += 1
    return {size: width / count for size, (width, count) in sums.items()}


def _baseline(chars: Sequence[Char]) -> float:
    return next((c.baseline for c in chars if c.text.strip()), chars[0].baseline)


def _rows(fragments: list[_Fragment]) -> list[list[_Fragment]]:
    """Fragments grouped by baseline, each row left to right, rows top to bottom."""
    rows: list[list[_Fragment]] = []
    for fragment in sorted(fragments, key=lambda f: -_baseline(f.chars)):
        base = _baseline(fragment.chars)
        size = max(c.size for c in fragment.chars)
        if rows and abs(_baseline(rows[-1][0].chars) - base) <= SAME_LINE * size:
            rows[-1].append(fragment)
        else:
            rows.append([fragment])
    for row in rows:
        row.sort(key=lambda f: f.x0)
    return rows


def _zones(rows: list[list[_Fragment]]) -> list[list[list[_Fragment]]]:
    """The rows of one column cut into runs that follow each other closely (at most
    TABLE_ROW_GAP times their characters' height apart): a table's rows are one run."""
    zones: list[list[list[_Fragment]]] = []
    for row in rows:
        height = max(c.top - c.baseline for f in row for c in f.chars)
        if zones and _base(zones[-1][-1][0]) - _base(row[0]) <= TABLE_ROW_GAP * height:
            zones[-1].append(row)
        else:
            zones.append([row])
    return zones


def _split_at_columns(rows: list[list[_Fragment]]) -> list[list[_Fragment]]:
    """A table's cells set closer than a fragment gap (narrow cell padding) split apart where
    the table's columns start. Columns start where fragments of rows of several fragments begin,
    twice or more; a table row's fragment is split before a word that starts at a column's
    start."""
    split_rows = [row for row in rows if len(row) > 1]
    if len(split_rows) < 2:
        return rows
    starts = sorted(f.x0 for row in split_rows for f in row)
    columns: list[list[float]] = []
    for x in starts:
        if columns and x - columns[-1][-1] <= COLUMN_TOLERANCE:
            columns[-1].append(x)
        else:
            columns.append([x])
    at = [statistics.median(c) for c in columns if len(c) >= 2]
    if len(at) < 2:
        return rows
    out = []
    for row in rows:
        # a row of one fragment is a table's only when it starts at a column other than the
        # first (its first cells centred on another line); a line of prose starts at the margin
        if len(row) > 1 or any(abs(row[0].x0 - x) <= COLUMN_TOLERANCE for x in at[1:]):
            row = [part for f in row for part in _cut(f, at)]
        out.append(row)
    return out


def _cut(fragment: _Fragment, columns: Sequence[float]) -> list[_Fragment]:
    """The fragment cut before each word that starts at one of the columns."""
    parts: list[_Fragment] = []
    current: list[Char] = []
    for i, char in enumerate(fragment.chars):
        starts_word = i > 0 and not fragment.chars[i - 1].text.strip() and char.text.strip()
        if starts_word and any(abs(char.x0 - x) <= COLUMN_TOLERANCE for x in columns):
            while current and not current[-1].text.strip():
                current.pop()
            parts.append(_Fragment(current, fragment.order))
            current = []
        current.append(char)
    parts.append(_Fragment(current, fragment.order))
    return [part for part in parts if part.chars]


def _gutters(rows: list[list[_Fragment]]) -> list[tuple[float, float, float]]:
    """Column gutters as (x, lowest baseline, highest baseline). A column starts where the
    fragments of at least GUTTER_MIN_ROWS lines of prose begin at one x right of the page's
    left edge, with prose left of it too; its gutter runs up and down from where both sides
    have text until a fragment crosses it (a full-width heading, a footnote) or the text
    stands apart; under a crossing line another column layout may start at the same x."""
    fragments = [f for row in rows for f in row]
    if len(fragments) < 2 * GUTTER_MIN_ROWS:
        return []
    starts: Counter[int] = Counter(round(f.x0 / 4) * 4 for f in fragments)
    margin = min(starts)
    found: list[tuple[float, float, float]] = []
    for start, count in sorted(starts.items()):
        if count < GUTTER_MIN_ROWS or start - margin < GUTTER_MIN_OFFSET:
            continue
        edge = start - 2.0
        # a line drawn over the gutter (a full-width heading or figure, a long footnote) ends
        # one column layout; another may start under it
        crossing = sorted({_base(f) for f in fragments if f.x0 < edge < f.x1})
        for low, high in itertools.pairwise([float("-inf"), *crossing, float("inf")]):
            gutter = _gutter_between(fragments, edge, low, high)
            if gutter is None:
                continue
            x, bottom, top = gutter
            x = (x + start) / 2
            if not any(
                abs(x - g) < GUTTER_MIN_OFFSET and bottom <= b_top and b_bottom <= top
                for g, b_bottom, b_top in found
            ):
                found.append((x, bottom, top))
    return found


def _gutter_between(
    fragments: list[_Fragment], edge: float, low: float, high: float
) -> tuple[float, float, float] | None:
    """(the left column's right edge, lowest, highest baseline) of a column layout split at
    `edge` between the baselines `low` and `high`, or None."""
    segment = [f for f in fragments if low < _base(f) < high]
    right = [f for f in segment if f.x0 >= edge]
    left = [f for f in segment if f.x1 <= edge]
    if len(left) < GUTTER_MIN_ROWS or len(right) < GUTTER_MIN_ROWS:
        return None
    if min(_prose(left), _prose(right)) < GUTTER_PROSE_CHARS:
        return None
    if _split_share(left, right) >= GUTTER_MAX_SPLIT_SHARE:
        return None  # rows whose sides are themselves cells: a table's columns, not the page's
    both_low = max(min(_base(f) for f in left), min(_base(f) for f in right))
    both_high = min(max(_base(f) for f in left), max(_base(f) for f in right))
    if both_low > both_high:
        return None  # one column above the other: no gutter between them
    sides = sorted({_base(f) for f in left + right}, reverse=True)
    pitch = _step([_base(f) for f in left if both_low <= _base(f) <= both_high])
    top, bottom = _reach(sides, both_low, both_high, GUTTER_MAX_GAP * pitch)
    return max(f.x1 for f in left if bottom <= _base(f) <= top), bottom, top


def _step(baselines: list[float]) -> float:
    """The usual distance between successive baselines of one column."""
    ordered = sorted(set(baselines), reverse=True)
    steps = [a - b for a, b in itertools.pairwise(ordered)]
    return statistics.median(steps) if steps else 0.0


def _reach(baselines: list[float], low: float, high: float, limit: float) -> tuple[float, float]:
    """How far up and down from [low, high] a column layout runs: over the baselines until a
    gap wider than `limit` (the text under two columns stands apart from them)."""
    top, bottom = high, low
    for b in sorted(b for b in baselines if b > high):
        if b - top > limit:
            break
        top = b
    for b in sorted((b for b in baselines if b < low), reverse=True):
        if bottom - b > limit:
            break
        bottom = b
    return top, bottom


def _base(fragment: _Fragment) -> float:
    return _baseline(fragment.chars)


def _split_share(left: list[_Fragment], right: list[_Fragment]) -> float:
    """Of the rows (baselines) with text on both sides of a gap, the share where one side holds
    several fragments: a column of a page holds one per row, a table's several."""
    lefts = Counter(round(_base(f)) for f in left)
    rights = Counter(round(_base(f)) for f in right)
    both = lefts.keys() & rights.keys()
    return sum(lefts[b] > 1 or rights[b] > 1 for b in both) / len(both) if both else 0.0


def _prose(fragments: list[_Fragment]) -> float:
    return statistics.median(len(_text(f.chars)) for f in fragments)


def _split(row: list[_Fragment], cuts: list[float]) -> list[list[_Fragment]]:
    parts: list[list[_Fragment]] = []
    for fragment in row:
        column = sum(fragment.x0 >= cut for cut in cuts)
        if parts and sum(parts[-1][0].x0 >= cut for cut in cuts) == column:
            parts[-1].append(fragment)
        else:
            parts.append([fragment])
    return parts


def _line(page: int, fragments: list[_Fragment]) -> Line:
    chars = [c for f in fragments for c in f.chars]
    visible = [c for c in chars if c.text.strip()]
    widths = [c.x1 - c.x0 for c in visible if c.x1 > c.x0]
    size = Counter(round(c.size, 1) for c in visible).most_common(1)[0][0]
    bold = sum(c.bold for c in visible) >= 0.9 * len(visible)
    parts = [_text(f.chars) for f in fragments]
    # Words set one by one far apart (an OCR layer over a scan, a widely justified line) are a
    # line of words, not the cells of a table row.
    words = (
        not bold
        and len(parts) >= SPREAD_WORDS_MIN
        and statistics.median(len(part.split()) for part in parts) <= 1
    )
    text = " ".join(parts) if words else " | ".join(parts)
    return Line(
        page=page,
        text=text,
        x0=fragments[0].x0,
        x1=fragments[-1].x1,
        baseline=statistics.median(c.baseline for c in visible),
        top=max(c.top for c in visible),
        size=size,
        bold=bold,
        cell_x=(fragments[0].x0,) if words else tuple(f.x0 for f in fragments),
        cell_texts=(text,) if words else tuple(parts),
        order=min(f.order for f in fragments),
        linked=sum(c.linked for c in visible),
        char_width=statistics.median(widths) if widths else size * 0.5,
    )


def _text(chars: Sequence[Char]) -> str:
    """The characters' text, with a space where the PDF leaves a word gap but draws none."""
    widths = [c.x1 - c.x0 for c in chars if c.text.strip() and c.x1 > c.x0]
    average = sum(widths) / len(widths) if widths else 1.0
    out: list[str] = []
    last: Char | None = None
    for char in chars:
        if not char.text.strip():
            if out and out[-1] != " ":
                out.append(" ")
            continue
        if (
            last is not None
            and out
            and out[-1] != " "
            and char.x0 - last.x1 > WORD_GAP_CHARS * average
        ):
            out.append(" ")
        out.append(char.text)
        last = char
    return "".join(out).strip()


# --- 3. running headers and footers ------------------------------------------------------------


def running_lines(pages: Sequence[PdfPage], lines: dict[int, list[Line]], body: float) -> set[int]:
    """ids of the lines that are page furniture: in a page's top or bottom margin, and repeated
    at that place on other pages (digits aside), or set small, or a page number."""
    heights = {page.number: page.height for page in pages}
    margins: dict[int, list[Line]] = {}
    places: dict[tuple[str, str, int], set[int]] = defaultdict(set)
    for number, page_lines_ in lines.items():
        height = heights[number]
        margin = [line for line in page_lines_ if in_margin(line, height)]
        margins[number] = margin
        for line in margin:
            places[_place(line, height)].add(number)
    repeated_on = 2 if len(pages) < 4 else max(2, len(pages) // 2)
    out: set[int] = set()
    for number, margin in margins.items():
        for line in margin:
            if (
                _at_edge(line, heights[number])
                or len(places[_place(line, heights[number])]) >= repeated_on
                or (body and line.size <= SMALL_SHARE * body)
                or _PAGE_NUMBER.match(line.text)
            ):
                out.add(id(line))
    return out


def _at_edge(line: Line, height: float) -> bool:
    """Whether the line sits within EDGE_SHARE of the page's top or bottom edge, where no body
    text is set: a browser's print header and footer, a library's stamp."""
    return line.top > height * (1 - EDGE_SHARE) or line.baseline < height * EDGE_SHARE


def in_margin(line: Line, height: float) -> bool:
    """Whether the line sits in the top or bottom margin band of its page."""
    return line.baseline > height * (1 - MARGIN_SHARE) or line.baseline < height * MARGIN_SHARE


def _place(line: Line, height: float) -> tuple[str, str, int]:
    top = line.baseline > height / 2
    distance = height - line.baseline if top else line.baseline
    key = _DIGITS.sub("#", " ".join(line.text.lower().split()))
    return ("top" if top else "foot", key, round(distance / 6))


# --- 4. blocks ---------------------------------------------------------------------------------


def blocks_of(
    lines: Sequence[Line], rules: Sequence[tuple[float, float, float]] = ()
) -> list[Block]:
    """Lines grouped into blocks: each line joins the block whose last line sits just above it,
    overlapping it, in the same style, at the pitch of a paragraph's lines. In a ruled table,
    the lines between two rules are one row, however its cells wrap."""
    pitch = _pitch(lines)
    edges = _right_edges(lines)
    blocks: list[Block] = []
    for line in sorted(lines, key=lambda line: (-line.baseline, line.x0)):
        row = _ruled_row(line, blocks, rules, pitch) if rules else None
        if row is None:
            row = _centred_row(line, blocks, pitch)
        if row is not None:
            row.lines.append(line)
            row.kind = "tr"
            continue
        bullet = _BULLET.match(line.text)
        home = None if bullet or line.cells > 1 else _home(line, blocks, pitch, edges)
        if home is not None:
            home.lines.append(line)
            continue
        if bullet:
            line.text = line.text[bullet.end() :]
        kind = "li" if bullet else "tr" if line.cells > 1 else "p"
        blocks.append(Block(page=line.page, lines=[line], kind=kind))
    return blocks


def _home(
    line: Line, blocks: list[Block], pitch: dict[float, float], edges: dict[int, float]
) -> Block | None:
    best: Block | None = None
    for block in blocks:
        last = block.lines[-1]
        if block.kind == "tr" or last.baseline <= line.baseline:
            continue
        if abs(last.size - line.size) > SIZE_TOLERANCE * max(last.size, line.size):
            continue
        if last.bold != line.bold or _mostly_linked(last) != _mostly_linked(line):
            continue
        step = last.baseline - line.baseline
        if step > PARAGRAPH_PITCH * _pitch_of(line, pitch):
            continue
        overlap = min(last.x1, line.x1) - max(last.x0, line.x0)
        if overlap <= 0:
            continue
        if block.kind == "li" and line.x0 < last.x0 - last.char_width:
            continue  # a line further left than the item's text is not its continuation
        if _broken_early(last, line, edges[id(last)]):
            continue
        if best is None or last.baseline < best.lines[-1].baseline:
            best = block
    return best


def _ruled_row(
    line: Line,
    blocks: list[Block],
    rules: Sequence[tuple[float, float, float]],
    pitch: dict[float, float],
) -> Block | None:
    """The table row just above `line` that it continues: a ruled table (rules above the row
    and below the line) with no rule between them."""
    for block in reversed(blocks):
        if block.kind != "tr" or block.page != line.page:
            continue
        last = block.lines[-1]
        step = last.baseline - line.baseline
        if not 0 < step <= PARAGRAPH_PITCH * _pitch_of(line, pitch):
            continue
        x0, x1 = block.x0, block.x1
        if min(x1, line.x1) <= max(x0, line.x0):
            continue
        spans = [(y, a, b) for y, a, b in rules if a < x1 and b > x0]
        if any(line.baseline < y < last.baseline for y, _, _ in spans):
            continue  # a rule between them: a new row
        above = any(y > block.lines[0].baseline for y, _, _ in spans)
        below = any(y < line.baseline for y, _, _ in spans)
        return block if above and below else None
    return None


def _centred_row(line: Line, blocks: list[Block], pitch: dict[float, float]) -> Block | None:
    """The table row that `line` belongs to when it sits closer under the row's last line than
    a line of text can (under CENTRED_STEP of the pitch): a cell set in the middle of a row
    whose other cells wrap (HTML's default for table cells) lies half a line between theirs."""
    for block in reversed(blocks):
        if block.page != line.page:
            continue
        last = block.lines[-1]
        step = last.baseline - line.baseline
        if step <= 0:
            continue
        if step >= CENTRED_STEP * _pitch_of(line, pitch):
            return None
        if block.kind == "tr" or line.cells > 1:
            return block
    return None


def _broken_early(last: Line, line: Line, edge: float) -> bool:
    """Whether `last` ends where the first word of `line` would still have fitted before the
    column's right edge: the break was the writer's (a paragraph's or a heading's end, one line
    of "Date: ..." lines), not the line's being full."""
    word = line.text.split(" ", 1)[0]
    return last.x1 + (len(word) + 1) * last.char_width < edge - last.char_width


def _right_edges(lines: Sequence[Line]) -> dict[int, float]:
    """The right edge of the column each line is in: the furthest right any line in its size
    starting where it starts (within a few characters) reaches in its layout (a caption under
    a picture is narrower than the text around it)."""
    out: dict[int, float] = {}
    for line in lines:
        near = [
            other.x1
            for other in lines
            if other.region == line.region
            and other.size == line.size
            and abs(other.x0 - line.x0) <= 3 * line.char_width
        ]
        out[id(line)] = max(near)
    return out


def _mostly_linked(line: Line) -> bool:
    return line.linked >= NAVIGATION_LINK_SHARE * len(line.text)


def _pitch_of(line: Line, pitch: dict[float, float]) -> float:
    """The pitch of `line`'s size on its page, or 1.2 times the size where none was measured."""
    return pitch.get(line.size, line.size * 1.2)


def _pitch(lines: Sequence[Line]) -> dict[float, float]:
    """The baseline-to-baseline distance of a paragraph's lines, per font size: the smallest
    step between a line and the nearest one below it that overlaps it, among the steps common
    enough not to be a stray (paragraph breaks make the larger steps)."""
    steps: dict[float, Counter[float]] = defaultdict(Counter)
    ordered = sorted(lines, key=lambda line: -line.baseline)
    for i, line in enumerate(ordered):
        for below in ordered[i + 1 : i + 6]:
            if below.size != line.size or min(line.x1, below.x1) <= max(line.x0, below.x0):
                continue
            step = line.baseline - below.baseline
            # under its ascent, the line below is another cell of a table row, not the next
            # line of a paragraph
            if line.top - line.baseline <= step < 3 * line.size:
                steps[line.size][round(step, 0)] += 1
            break
    out = {}
    for size, counter in steps.items():
        most = counter.most_common(1)[0][1]
        out[size] = min(step for step, n in counter.items() if n >= PITCH_SHARE * most)
    return out


def join_lines(lines: Iterable[str]) -> str:
    """A block's lines as one text. A word broken at a line's end by a hyphen is joined again:
    without the hyphen when the joined word is the more common spelling in English ("coop-" +
    "eration", "inter-" + "national"), with it otherwise ("long-" + "term", "Co-" + "Creation",
    "2019-" + "2020"); PDFs mark soft and real hyphens there alike. Other lines join with a
    space."""
    out = ""
    for text in lines:
        text = text.strip()
        if not out:
            out = text
        elif out.endswith(("-", "\u00ad")) and len(out) > 1 and out[-2].isalnum():
            head = _LAST_WORD.search(out[:-1])
            tail = _FIRST_WORD.match(text)
            joined = head and tail and _one_word(head.group(0), tail.group(0))
            out = out[:-1] + ("" if joined else "-") + text
        elif out.endswith("/"):
            out += text
        else:
            out += " " + text
    return out.replace("\u00ad", "")


_LAST_WORD = re.compile(r"[^\W\d_]+$")
_FIRST_WORD = re.compile(r"[^\W\d_]+")


def _one_word(head: str, tail: str) -> bool:
    """Whether head + tail, broken at a line's end, is one word rather than a hyphenated
    compound: the joined spelling is the more frequent (wordfreq), and the tail is lower case."""
    if not tail[0].islower():
        return False
    joined = zipf_frequency(head + tail, "en")
    return joined > 0 and joined > zipf_frequency(f"{head}-{tail}", "en")


# --- 5. reading order --------------------------------------------------------------------------


def reading_order(blocks: list[Block]) -> list[Block]:
    """Blocks in the order a person reads them: a block before another below it that it
    overlaps, and before one to its right in the same column layout unless a third block
    between them vertically overlaps both (a full-width heading between two column layouts);
    else the higher first."""
    n = len(blocks)
    if n > MAX_ORDERED_BLOCKS:  # the pairwise rules cost n**3: top to bottom, left to right
        return sorted(blocks, key=lambda b: (-b.top, b.x0))
    boxes = [_Box(b.x0, b.x1, b.top, b.bottom, b.region) for b in blocks]
    after: list[list[int]] = [[] for _ in range(n)]
    waiting = [0] * n
    for i, a in enumerate(boxes):
        for j, b in enumerate(boxes):
            if i != j and _before(a, b, boxes):
                after[i].append(j)
                waiting[j] += 1
    ready = [(-b.top, b.x0, i) for i, b in enumerate(boxes) if waiting[i] == 0]
    heapq.heapify(ready)
    done: list[int] = []
    placed = [False] * n
    while len(done) < n:
        if not ready:  # a cycle: take the highest block left
            i = min((k for k in range(n) if not placed[k]), key=lambda k: -boxes[k].top)
        else:
            i = heapq.heappop(ready)[2]
            if placed[i]:
                continue
        placed[i] = True
        done.append(i)
        for j in after[i]:
            waiting[j] -= 1
            if waiting[j] == 0 and not placed[j]:
                heapq.heappush(ready, (-boxes[j].top, boxes[j].x0, j))
    return [blocks[i] for i in done]


@dataclass(frozen=True)
class _Box:
    """A block's extent, computed once for the pairwise rules."""

    x0: float
    x1: float
    top: float
    bottom: float
    region: int


def _before(a: _Box, b: _Box, boxes: Sequence[_Box]) -> bool:
    if min(a.x1, b.x1) > max(a.x0, b.x0):  # one above the other
        return a.top > b.top
    if a.x1 > b.x0 or a.region != b.region:  # b is left of a, or they are in different layouts
        return False
    upper, lower = (a, b) if a.top >= b.top else (b, a)
    if upper.bottom <= lower.top:  # side by side
        return True
    return not any(
        c.bottom >= lower.top and c.top <= upper.bottom and c.x0 < a.x1 and c.x1 > b.x0
        for c in boxes
        if c is not a and c is not b
    )
