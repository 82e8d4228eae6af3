"""SVG pieces of the report page: horizontal bars, a month timeline, a two-column network.

Pure functions from plain tuples to SVG text, escaped, with deterministic numbers, so that a
page built from them is the same bytes every time and tests can check each chart alone.
"""

from __future__ import annotations

import html
import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import NamedTuple

LABEL_CHARS = 30  # longer SVG labels end in an ellipsis; their <title> keeps the whole name
CHAR_WIDTH = 6.6  # mean advance of a 12px sans-serif character, to size label columns
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


class Bar(NamedTuple):
    label: str
    value: int
    title: str  # the tooltip: the full name and the numbers


class Node(NamedTuple):
    id: str
    label: str
    title: str
    kind: str  # "org" (left column) or "country" (right column)


class Link(NamedTuple):
    source: str  # an org node's id
    target: str  # a country node's id
    weight: int


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def el(name: str, content: str = "", **attrs: object) -> str:
    """An element with escaped attributes (`class_` is class, `data_month` is data-month).

    An attribute whose value is None is left out.
    """
    pairs = "".join(
        f' {k.rstrip("_").replace("_", "-")}="{esc(_num(v) if isinstance(v, float) else v)}"'
        for k, v in attrs.items()
        if v is not None
    )
    return f"<{name}{pairs}>{content}</{name}>"


def _num(x: float) -> str:
    return f"{x:.1f}".removesuffix(".0")


def _cut(label: str) -> str:
    """`label`, or its first words that fit in LABEL_CHARS and an ellipsis."""
    if len(label) <= LABEL_CHARS:
        return label
    head = label[: LABEL_CHARS - 1]
    head = head.rsplit(" ", 1)[0] if " " in head[LABEL_CHARS // 2 :] else head
    return head.rstrip(" ,;:-") + "…"


def _svg(content: str, kind: str, width: float, height: float, label: str) -> str:
    size = {"width": _num(width), "height": _num(height)}
    box = f"0 0 {size['width']} {size['height']}"
    return el(
        "svg", content, class_=f"chart {kind}", viewBox=box, role="img", aria_label=label, **size
    )


def _text(content: str, x: float, y: float, anchor: str = "start", cls: str = "label") -> str:
    """SVG text centred on `y` (not standing on it)."""
    return el("text", esc(content), class_=cls, x=x, y=y, dy=4, text_anchor=anchor)


def _nice_step(top: int, ticks: int = 4) -> int:
    """A step of 1, 2 or 5 times a power of ten that cuts 0..top into at most `ticks` parts."""
    raw = max(top / ticks, 1)
    power = 10 ** math.floor(math.log10(raw))
    return next(s * power for s in (1, 2, 5, 10) if s * power >= raw)


def bar_chart_svg(items: Sequence[Bar], *, kind: str = "org", width: int = 500) -> str:
    """Horizontal bars, a row per item (label, bar, value); each row's tooltip is its title."""
    if not items:
        return ""
    row, top = 24, max(i.value for i in items) or 1
    label_w = min(max(len(_cut(i.label)) for i in items) * CHAR_WIDTH + 14, width * 0.45)
    span = width - label_w - 48  # room for the value after the longest bar
    rows = []
    for n, item in enumerate(items):
        y, length = n * row + row / 2, max(item.value / top * span, 1.0)
        label = _text(_cut(item.label), label_w - 8, y, "end")
        bar = el("rect", x=label_w, y=y - 8, width=length, height=16, rx=2)
        value = _text(f"{item.value:,}", label_w + length + 6, y, cls="value")
        rows.append(el("g", el("title", esc(item.title)) + label + bar + value, class_="bar"))
    return _svg("".join(rows), f"bars {kind}", width, len(items) * row, f"top {kind}s")


def timeline_svg(month_counts: Mapping[str, int], *, width: int = 1000, height: int = 230) -> str:
    """Sections per month as vertical bars: every month from the first to the last, zeros too."""
    if not month_counts:
        return ""
    months = month_range(min(month_counts), max(month_counts))
    left, right, top, base = 40, 8, 20, height - 46
    slot = min((width - left - right) / len(months), 64.0)  # a few months: narrower, not fat
    width, plot_h = round(left + right + slot * len(months)), base - top
    step = _nice_step(max(month_counts.values()))
    y_max = max(step, math.ceil(max(month_counts.values()) / step) * step)
    every = next(k for k in (1, 2, 3, 6, 12, 24, 60, 120, 1200) if slot * k >= 30)  # label gap
    parts = []
    for tick in range(0, y_max + 1, step):
        y = base - tick / y_max * plot_h
        parts.append(el("line", class_="grid", x1=left, x2=width - right, y1=y, y2=y))
        parts.append(_text(f"{tick:,}", left - 6, y, "end", "tick"))
    years: dict[str, list[float]] = {}  # year: x where its months start and end
    for n, month in enumerate(months):
        count, x, number = month_counts.get(month, 0), left + n * slot, int(month[5:7])
        h, name = count / y_max * plot_h, f"{MONTHS[number - 1]} {month[:4]}"
        bar = el("title", f"{name}: {plural(count, 'section')}")
        bar += el("rect", class_="hit", x=x, y=top, width=slot, height=plot_h)
        bar += el("rect", x=x + slot * 0.14, y=base - h, width=slot * 0.72, height=h, rx=1.5)
        if count and slot >= 18:
            bar += _text(f"{count:,}", x + slot / 2, base - h - 9, "middle", "value")
        parts.append(el("g", bar, class_="bar", data_month=month, data_count=count))
        if every < 12 and (number - 1) % every == 0:
            parts.append(_text(MONTHS[number - 1], x + slot / 2, base + 14, "middle", "axis"))
        years.setdefault(month[:4], [x, x])[1] = x + slot
    for year, (start, end) in years.items():  # each year centred under its months
        if start > left:
            parts.append(el("line", class_="sep", x1=start, x2=start, y1=base, y2=height))
        if int(year) % (k := max(every // 12, 1)) == 0 and (end - start) * k >= 30:
            parts.append(_text(year, (start + end) / 2, base + 34, "middle", "axis"))
    parts.append(el("line", class_="baseline", x1=left, x2=width - right, y1=base, y2=base))
    return _svg("".join(parts), "timeline", width, height, "sections per month")


def network_svg(nodes: Sequence[Node], links: Sequence[Link], *, width: int = 1000) -> str:
    """Organizations in a left column, countries in a right one, a line per pair.

    A line's width grows with its pair's count. Organizations keep their order (heaviest first);
    each country sits at the weighted mean row of its organizations, which uncrosses most lines.
    """
    orgs = [n for n in nodes if n.kind == "org"]
    row_of = {n.id: i for i, n in enumerate(orgs)}
    pull: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    totals: Counter[str] = Counter()
    for link in links:
        pull[link.target][0] += link.weight * row_of.get(link.source, 0)
        pull[link.target][1] += link.weight
        totals.update({link.source: link.weight, link.target: link.weight})
    given = {n.id: i for i, n in enumerate(nodes)}
    countries = sorted(
        (n for n in nodes if n.kind == "country"),
        key=lambda n: (pull[n.id][0] / (pull[n.id][1] or 1), given[n.id]),
    )
    if not links or not orgs or not countries:
        return ""
    row, top, rows = 22, 30, max(len(orgs), len(countries))
    x_org, x_country, mid = 270, width - 270, _num(width / 2)
    y: dict[str, float] = {}
    for column in (orgs, countries):  # the shorter column is centred against the longer
        offset = top + (rows - len(column) + 1) * row / 2
        y.update({n.id: offset + i * row for i, n in enumerate(column)})
    heaviest, busiest = max(k.weight for k in links), max(totals.values())
    labels = {n.id: n.label for n in nodes}
    parts = [
        _text("Organizations", x_org + 6, 12, "end", "head"),
        _text("Countries", x_country - 6, 12, "start", "head"),
    ]
    for link in sorted(links, key=lambda k: (k.weight, k.source, k.target)):  # heavy ones on top
        y1, y2 = _num(y[link.source]), _num(y[link.target])
        tip = el("title", esc(f"{labels[link.source]} – {labels[link.target]}: {link.weight:,}"))
        curve = f"M{x_org} {y1}C{mid} {y1} {mid} {y2} {x_country} {y2}"
        parts.append(el("path", tip, d=curve, stroke_width=1 + 7 * link.weight / heaviest))
    for node in (*orgs, *countries):
        x, side = (x_org, -1) if node.kind == "org" else (x_country, 1)
        dot = el("circle", cx=x, cy=y[node.id], r=3.5 + 3.5 * math.sqrt(totals[node.id] / busiest))
        label = _text(_cut(node.label), x + 12 * side, y[node.id], "end" if side < 0 else "start")
        parts.append(
            el("g", el("title", esc(node.title)) + dot + label, class_=f"node {node.kind}")
        )
    height = top + rows * row + 8
    return _svg("".join(parts), "network", width, height, "organizations and countries together")


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def month_range(first: str, last: str) -> list[str]:
    """Every month from `first` to `last` (YYYY-MM), both included."""
    year, month, months = int(first[:4]), int(first[5:7]), []
    while (current := f"{year:04d}-{month:02d}") <= last:
        months.append(current)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months
