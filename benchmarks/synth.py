"""Synthetic report pages with gold in the dev-set format, for throughput and memory runs.

Each page is built from a per-page random generator seeded by (seed, index), so page i is the
same whatever N is and the corpus is byte-identical for a seed. Names of organizations,
countries and cities are real and come from the small lists in benchmarks/data/ (never from
extractor's own data). Layouts vary the way real report pages do: <h2>/<h3> or bold-paragraph
headings, numbered and date-led headings, <dl> sessions, a schedule table, with or without
<main>/<article>, navigation, sidebars, cookie banners and footers holding distracting dates,
countries and organizations that the gold leaves out.

The gold follows /work/shared/eval/GOLD_FORMAT.md, but it is written by the same templates
that write the pages: use these pages for speed and memory only, never to claim accuracy.

    python -m benchmarks.synth 1000 /tmp/synth --seed 7   # writes docs/*.html and gold/*.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import itertools
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks import synth_text as T
from benchmarks.synth_names import (
    MONTHS,
    Country,
    OrgName,
    city_names,
    country_names,
    day_text,
    iso_span,
    org_names,
    range_text,
)
from benchmarks.synth_site import wrap_in_site

__all__ = [
    "SynthPage",
    "day_text",
    "generate",
    "generate_page",
    "main",
    "range_text",
    "write_corpus",
]


@dataclass(frozen=True)
class SynthPage:
    name: str
    html: str
    gold: dict


# --- one page ---------------------------------------------------------------------------------


@dataclass
class _Page:
    """Writes one page in reading order and keeps its gold as it goes."""

    rng: random.Random
    period: tuple[dt.date, dt.date]
    host: OrgName
    partners: list[OrgName]
    participants: list[Country]
    fiscal_year: int | None = None
    sessions: list[dt.date] = field(default_factory=list)  # days of a seminar series
    context: tuple[dt.date, dt.date] | None = None  # the dated section being written
    written: dict[str, str] = field(default_factory=dict)  # org name -> style of first mention
    orgs: dict[str, dict] = field(default_factory=dict)
    countries: set[str] = field(default_factory=set)
    dates: list[str] = field(default_factory=list)
    dates_optional: list[str] = field(default_factory=list)
    sections: list[dict] = field(default_factory=list)
    next_partner: int = 0
    next_country: int = 0
    last_org: str | None = None

    # organizations: first mention decides the forms the page uses from then on
    def org(self, org: OrgName) -> str:
        rng = self.rng
        self.last_org = org.name
        state = self.written.get(org.name)
        if state is None:
            style = "long"
            if org.acronym:
                style = rng.choices(("both", "acr-first", "long", "acr"), (45, 20, 15, 20))[0]
            self.written[org.name] = style
            if style == "long":
                self.orgs[org.name] = {"name": org.name, "acronym": None}
                return f"{org.article}{org.name}"
            if style == "acr":
                self.orgs[org.name] = {"name": org.acronym, "acronym": org.acronym}
                return str(org.acronym)
            self.orgs[org.name] = {"name": org.name, "acronym": org.acronym}
            if style == "acr-first":
                return f"{org.acronym} ({org.article}{org.name})"
            return f"{org.article}{org.name} ({org.acronym})"
        if state == "long" or (state != "acr" and rng.random() < 0.25):
            return f"{org.article}{org.name}"
        return str(org.acronym)

    def partner(self) -> str:
        if self.next_partner < len(self.partners):
            self.next_partner += 1
            return self.org(self.partners[self.next_partner - 1])
        return self.known_org()

    def known_org(self) -> str:
        """A partner already named (the host when none is yet)."""
        known = [o for o in self.partners if o.name in self.written and o.name != self.last_org]
        if known:
            return self.org(self.rng.choice(known))
        return self.org(self.host) if self.host.name in self.written else self.partner()

    def country(self, in_list: bool = False, which: Country | None = None) -> str:
        c = which
        if c is None:
            c = self.participants[self.next_country % len(self.participants)]
            self.next_country += 1
        self.countries.add(c.iso2)
        text = c.official if c.official and self.rng.random() < 0.3 else c.short
        return _cap(text.removeprefix("the ")) if in_list else text

    def date(self, value: str, optional: bool = False) -> None:
        target = self.dates_optional if optional else self.dates
        if value not in target:
            target.append(value)

    def some_day(self) -> str:
        a, b = self.context or self.period
        d = a + dt.timedelta(days=self.rng.randint(0, (b - a).days))
        self.date(d.isoformat())
        return day_text(d, self.rng.choice(("dmy", "mdy")), year=False)

    def fill(self, template: str) -> str:
        """Fill a sentence template's {slots} left to right, so first mentions come first."""
        return re.sub(r"\{(\w+)\}", lambda m: self._slot(m.group(1)), template)

    def _slot(self, slot: str) -> str:
        rng, end = self.rng, self.period[1]
        if slot == "org":
            return self.partner()
        if slot == "org_cap":
            return _cap(self.partner())
        if slot == "known":
            return self.known_org()
        if slot == "host":
            return self.org(self.host)
        if slot == "host_cap":
            return _cap(self.org(self.host))
        if slot == "country":
            return self.country()
        if slot == "day":
            return self.some_day()
        if slot == "month_ahead":
            d = end + dt.timedelta(days=rng.randint(60, 300))
            self.date(f"{d.year}-{d.month:02d}")
            return f"{MONTHS[d.month - 1]} {d.year}"
        if slot == "year_past":
            year = end.year - rng.randint(2, 12)
            self.date(str(year))
            return str(year)
        if slot == "city":
            return rng.choice(city_names())[0]
        if slot == "n":
            return str(rng.choice((40, 60, 120, 150, 200, 350, 500)))
        if slot in T.WORDS:
            return rng.choice(T.WORDS[slot])
        raise KeyError(slot)

    def paragraph(self, sentences: int) -> str:
        chosen = self.rng.sample(T.SENTENCES, sentences)
        return "<p>" + " ".join(_esc(self.fill(s)) for s in chosen) + "</p>"

    def heading(self, text: str, tag: str, span: tuple[dt.date, dt.date] | None = None) -> str:
        start, end = (span[0].isoformat(), span[1].isoformat()) if span else (None, None)
        self.sections.append({"heading": text, "start": start, "end": end})
        if span:
            self.date(iso_span(*span))
        if tag == "bold":
            return f"<p><strong>{_esc(text)}</strong></p>"
        if tag == "b":
            return f"<p><b>{_esc(text)}</b></p>"
        return f"<{tag}>{_esc(text)}</{tag}>"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _numbering(style: str, k: int, sub: int | None = None) -> str:
    if style == "none":
        return ""
    if sub is not None:
        return (
            f"{k}-{sub} " if style == "dot" else f"({sub}) " if style == "paren" else f"{k}.{sub} "
        )
    return f"{k}. " if style in ("dot", "decimal") else f"({k}) "


def _activities(page: _Page) -> list[tuple[dt.date, dt.date]]:
    """Dated activities inside the period: days of a workshop, spans of a course or a year."""
    rng, (a, b) = page.rng, page.period
    days = (b - a).days + 1
    if days <= 5:
        return [(a + dt.timedelta(days=i), a + dt.timedelta(days=i)) for i in range(days)]
    count = rng.randint(3, 5)
    cuts = sorted(rng.sample(range(1, days - 1), count - 1)) if days > count + 1 else []
    bounds = [0, *cuts, days]
    spans = []
    for lo, hi in itertools.pairwise(bounds):
        start = a + dt.timedelta(days=lo)
        length = rng.randint(0, min(4, hi - lo - 1))
        spans.append((start, start + dt.timedelta(days=length)))
    return spans


def _dated_heading(page: _Page, span: tuple[dt.date, dt.date], k: int, day_k: bool) -> str:
    rng = page.rng
    activity = rng.choice(T.ACTIVITIES)
    style = rng.choice(("dmy", "mdy"))
    if day_k and span[0] == span[1] and rng.random() < 0.5:
        return f"Day {k} ({day_text(span[0], style, year=False)}): {activity}"
    weekday = span[0] == span[1] and rng.random() < 0.5
    when = (
        day_text(span[0], style, year=False, weekday=True)
        if weekday
        else range_text(*span, style, year=False)
    )
    return f"{when}: {activity}"


def _schedule_table(page: _Page, days: list[dt.date]) -> str:
    rng = page.rng
    rows = []
    for d in days:
        slots = rng.sample(T.TIME_SLOTS, rng.randint(2, 3))
        slots.sort()
        page.date(d.isoformat())
        cell = _esc(day_text(d, rng.choice(("dmy", "mdy")), year=False, weekday=True))
        for i, time in enumerate(slots):
            first = f'<td rowspan="{len(slots)}">{cell}</td>' if i == 0 else ""
            rows.append(f"<tr>{first}<td>{time}</td><td>{_esc(rng.choice(T.ACTIVITIES))}</td></tr>")
    return (
        '<table class="schedule"><caption>Programme (all times are local time)</caption>'
        "<thead><tr><th>Date</th><th>Time</th><th>Session</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )


def _sessions(page: _Page, spans: list[tuple[dt.date, dt.date]]) -> str:
    rng, items = page.rng, []
    for k, span in enumerate(spans, 1):
        when = day_text(span[0], "abbr", year=True, weekday=True)
        start = rng.choice(("18:00", "19:00", "14:00"))
        text = (
            f"Session {k} — {when}, {start}–{int(start[:2]) + 1}:30 JST: {rng.choice(T.ACTIVITIES)}"
        )
        page.context = span
        body = "".join(page.paragraph(rng.randint(2, 3)) for _ in range(rng.randint(1, 2)))
        page.context = None
        items.append(f"<dt>{_esc(text)}</dt><dd>{body}</dd>")
        page.sections.append(
            {"heading": text, "start": span[0].isoformat(), "end": span[1].isoformat()}
        )
        page.date(span[0].isoformat())
    return '<dl class="sessions">' + "".join(items) + "</dl>"


def _body(page: _Page, kind: str) -> str:
    """The sections after the lead, in reading order."""
    rng = page.rng
    numbering = rng.choice(("none", "dot", "decimal", "paren"))
    top, sub = rng.choice((("h2", "h3"), ("h2", "b"), ("bold", "b"), ("h3", "h4")))
    parts: list[str] = []
    k = 0

    def section(name: str, paragraphs: int = 1) -> None:
        nonlocal k
        k += 1
        text = _numbering(numbering, k) + rng.choice(T.HEADINGS[name])
        parts.append(page.heading(text, top))
        parts.extend(page.paragraph(rng.randint(2, 4)) for _ in range(paragraphs))

    section("overview", rng.randint(1, 2))
    if kind != "series" and rng.random() < 0.7:
        section("participants")
        if rng.random() < 0.6:
            n = min(len(page.participants), rng.randint(3, 6))
            items = "".join(f"<li>{_esc(page.country(in_list=True))}</li>" for _ in range(n))
            parts.append(f'<ul class="country-list">{items}</ul>')
    spans = [(d, d) for d in page.sessions] or _activities(page)
    if kind == "series":
        k += 1
        parts.append(page.heading(_numbering(numbering, k) + "Sessions", top))
        parts.append(_sessions(page, spans))
    else:
        if kind == "workshop" and rng.random() < 0.6:
            section("programme", 0)
            parts.append(_schedule_table(page, [s[0] for s in spans]))
        section("summary", 0)
        for j, span in enumerate(spans, 1):
            text = _dated_heading(page, span, j, day_k=kind == "workshop")
            if numbering != "none":
                text = _numbering(numbering, k, j) + text
            parts.append(page.heading(text, sub, span))
            page.context = span
            parts.extend(page.paragraph(rng.randint(2, 4)) for _ in range(rng.randint(1, 2)))
            page.context = None
            if rng.random() < 0.3:
                parts.append(
                    f'<figure><img src="/img/{rng.randint(100, 999)}.jpg" alt="">'
                    f"<figcaption>{_esc(rng.choice(T.CAPTIONS))}</figcaption></figure>"
                )
    section("outcomes", rng.randint(1, 2))
    k += 1
    parts.append(page.heading(_numbering(numbering, k) + rng.choice(T.HEADINGS["next"]), top))
    parts.append("<p>" + _esc(page.fill(rng.choice(T.NEXT_STEPS))) + "</p>")
    if rng.random() < 0.4:
        section("thanks")
    return "\n".join(parts)


def _period(rng: random.Random, kind: str) -> tuple[dt.date, dt.date, list[dt.date]]:
    """The span the page reports, and the session days of a seminar series."""
    start = dt.date(rng.randint(2016, 2025), rng.randint(1, 12), rng.randint(1, 28))
    if kind == "fiscal":
        year = start.year - 1
        return dt.date(year, 4, 1), dt.date(year + 1, 3, 31), []
    if kind == "series":
        gap = rng.choice((7, 14))
        sessions = [start + dt.timedelta(days=gap * i) for i in range(rng.randint(3, 4))]
        return sessions[0], sessions[-1], sessions
    days = rng.randint(0, 4) if kind == "workshop" else rng.randint(12, 60)
    return start, start + dt.timedelta(days=days), []


def generate_page(index: int, seed: int = 0) -> SynthPage:
    """Page `index` of the corpus for `seed`, with its gold."""
    rng = random.Random(f"extractor-synth:{seed}:{index}")
    kind = rng.choice(("workshop", "workshop", "course", "series", "fiscal"))
    orgs = list(org_names())
    host, *partners = rng.sample(orgs, rng.randint(4, 8))
    participants = rng.sample(country_names(), rng.randint(3, 7))
    city, city_iso2 = rng.choice(city_names())
    venue = (city, next(c for c in country_names() if c.iso2 == city_iso2))
    start, end, sessions = _period(rng, kind)
    period = (start, end)
    fiscal_year = start.year if kind == "fiscal" else None
    page = _Page(rng, period, host, partners, participants, fiscal_year, sessions)
    topic = rng.choice(T.WORDS["topic"])
    event = rng.choice(T.EVENT_KINDS[kind])

    if fiscal_year is not None:
        title = f"FY{fiscal_year} {event} “{T.title_case(topic)}”"
        page.date(str(fiscal_year), optional=True)
    elif rng.random() < 0.5:
        title = f"{event} on {T.title_case(topic)}"
    else:
        title = f"Summary Report: {event} “{T.title_case(topic)}”"
    if rng.random() < 0.3:
        title += f" for {page.country()}"

    published = period[1] + dt.timedelta(days=rng.randint(3, 40))
    meta = _meta_lines(page, kind, venue, published)
    opening = _esc(page.fill(rng.choice(T.LEADS)))
    lead = page.paragraph(rng.randint(2, 3)).replace("<p>", f"<p>{opening} ", 1)
    body = _fiscal_body(page) if kind == "fiscal" else _body(page, kind)
    name = f"synth-{seed}-{index:06d}.html"
    gold = {
        "doc": name,
        "title": title,
        "period": {"start": period[0].isoformat(), "end": period[1].isoformat()},
        "sections": page.sections,
        "orgs": list(page.orgs.values()),
        "orgs_optional": [],
        "countries": sorted(page.countries),
        "countries_optional": [],
        "dates": page.dates,
        "dates_optional": page.dates_optional,
    }
    content = f"<h1>{_esc(title)}</h1>\n{meta}\n{lead}\n{body}"
    page_html = wrap_in_site(rng, content, title, host, index, seed, published if meta else None)
    return SynthPage(name, page_html, gold)


def _meta_lines(page: _Page, kind: str, venue: tuple[str, Country], published: dt.date) -> str:
    """The date/meta lines under the title: period (or none for a fiscal year or a series)."""
    rng = page.rng
    style = rng.choice(("dmy", "mdy", "ord", "abbr"))
    pub_style = rng.choice(("dmy", "mdy", "slash"))
    posted = rng.choice(("Published", "Posted on", "Posted:"))
    pub = f"{posted} {day_text(published, pub_style, year=True)}"
    if kind in ("fiscal", "series"):
        if kind == "fiscal" and rng.random() < 0.3:
            return ""
        page.date(published.isoformat())
        return f'<p class="posted">{_esc(pub)}</p>'
    page.date(published.isoformat())
    when = range_text(
        *page.period, style, year=True, sep=rng.choice((" to ", "–")) if style != "ord" else " to "
    )
    page.date(iso_span(*page.period))
    where = f"{venue[0]}, {page.country(which=venue[1])}" if rng.random() < 0.7 else "Online"
    layout = rng.randrange(3)
    if layout == 0:
        return f'<p class="meta-line">Date: {_esc(when)} | Venue: {_esc(where)} | {_esc(pub)}</p>'
    if layout == 1:
        return f'<p class="period">Period: {_esc(when)}</p>\n<p class="posted">{_esc(pub)}</p>'
    return (
        f'<dl class="facts"><dt>Date</dt><dd>{_esc(when)}</dd><dt>Venue</dt><dd>{_esc(where)}</dd>'
        f'</dl>\n<p class="posted">{_esc(pub)}</p>'
    )


def _fiscal_body(page: _Page) -> str:
    """A fiscal-year report: activities across the year under year-less date-led headings."""
    rng, (a, _) = page.rng, page.period
    months = sorted(rng.sample(range(12), rng.randint(3, 6)))
    top = rng.choice(("h2", "bold"))
    sub = "h3" if top == "h2" else "b"
    parts = [page.heading("Overview", top), page.paragraph(rng.randint(3, 4))]
    parts.append(page.heading(f"Activities in FY{page.fiscal_year}", top))
    for j, m in enumerate(months, 1):
        month_start = dt.date(a.year + (a.month + m - 1) // 12, (a.month + m - 1) % 12 + 1, 1)
        start = month_start + dt.timedelta(days=rng.randint(0, 20))
        span = (start, start + dt.timedelta(days=rng.randint(0, 4)))
        parts.append(page.heading(_dated_heading(page, span, j, day_k=False), sub, span))
        page.context = span
        parts.append(page.paragraph(rng.randint(2, 4)))
        page.context = None
    parts.append(page.heading(rng.choice(T.HEADINGS["outcomes"]), top))
    parts.append(page.paragraph(rng.randint(2, 3)))
    return "\n".join(parts)


def generate(n: int, seed: int = 0) -> Iterator[SynthPage]:
    """Pages 0..n-1 of the corpus for `seed`, one at a time."""
    for index in range(n):
        yield generate_page(index, seed)


def write_corpus(n: int, out_dir: Path | str, seed: int = 0) -> Path:
    """Write docs/NAME.html and gold/NAME.json for n pages (the dev-set layout); returns docs/."""
    out = Path(out_dir)
    (out / "docs").mkdir(parents=True, exist_ok=True)
    (out / "gold").mkdir(parents=True, exist_ok=True)
    for page in generate(n, seed):
        (out / "docs" / page.name).write_text(page.html, encoding="utf-8")
        (out / "gold" / page.name.replace(".html", ".json")).write_text(
            json.dumps(page.gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    return out / "docs"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.synth",
        description="Write N synthetic report pages and their gold (for throughput runs only).",
        epilog="Example: python -m benchmarks.synth 1000 /tmp/synth --seed 7",
    )
    parser.add_argument("n", type=int, help="number of pages")
    parser.add_argument(
        "out_dir", type=Path, help="writes OUT_DIR/docs/*.html and OUT_DIR/gold/*.json"
    )
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("N must be at least 1")
    docs = write_corpus(args.n, args.out_dir, args.seed)
    print(f"wrote {args.n} pages to {docs} and their gold to {args.out_dir / 'gold'}")


if __name__ == "__main__":
    main()
