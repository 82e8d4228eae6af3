"""Segment stage: main-content blocks -> dated sections, plus the page's period and publication day.

Section 0 is the title and the lead text up to the first heading. A new section starts at every
heading-like block: h2-h6 (and an h1 after the title), a short block that is wholly bold, a short
numbered line ("1. Background", "4-1 Day 1", "(2) Study Tour"), a short date-led line
("November 20: Closing"), and the <dt> of a <dl> whose <dd> hold running text. Date/meta lines
("Date: ...", "Posted on ...") are never headings: they give the document's period and
publication day, which anchor the year of every year-less date in the page.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from dateutil import parser as dateutil_parser

from extractor import dates
from extractor.dates.tables import CARDINAL_WORDS
from extractor.entities import countries, lexicon
from extractor.html.clean import Block, CleanPage

# A heading is a label, not a sentence: pseudo-headings (bold, numbered, date-led lines) longer
# than this are paragraphs that happen to be styled.
HEADING_MAX_WORDS = 20
# A <dt> heads a section only when its <dd> hold running text, not a fact-box value.
DT_BODY_MIN_WORDS = 15

# "(1)", "1)", "2-1", "3.2.1", "1.", "IV.", "Ⅳ．", "B." and, one level down, "(a)", "b)".
_NUMBERED = re.compile(
    r"^(?:(?P<paren>\(\d{1,2}\)|\d{1,2}\))|(?P<deep>\d{1,2}[-.]\d{1,2}(?:[-.]\d{1,2})?\.?)"
    r"|(?P<letter>\([a-h]\)|[a-h]\))"
    r"|(?P<flat>\d{1,2}\.|[IVX]{1,4}\.|[A-H]\.))\s+\S"
    r"|^(?P<roman>[\u2160-\u216b][.．]?)\s*\S"
)
_PERIOD_WORDS = (
    r"(?:event\s+)?(?:dates?|period|duration|when|held\s+on|schedule)"
    r"(?:\s*(?:and|&)\s*(?:time|venue|place|location))?"
)
_META_PERIOD = re.compile(rf"^{_PERIOD_WORDS}\s*[:：]", re.I)
# The same label as a line of its own, its value on the next line (<dt>Duration and venue</dt>
# <dd>From 31 August to 3 September 2009, Tokyo</dd>).
_PERIOD_LABEL = re.compile(rf"{_PERIOD_WORDS}\s*[:：]?", re.I)
_META_PUBLISHED = re.compile(
    r"^(?:posted|published|release\s+date|released|issued|date\s+of\s+issue|press\s+release)"
    r"(?:\s+on)?\s*[:：]?\s*",
    re.I,
)
_PUBLISHED_LABEL = re.compile(
    r"\b(?:posted|published|released|issued|release\s+date)(?:\s+on)?\s*[:：]?\s*", re.I
)
_META_OTHER = re.compile(
    r"^(?:last\s+)?(?:updated|modified|venue|place|location)\b\s*(?:on)?\s*[:：]?", re.I
)
_FISCAL_YEAR = re.compile(r"\b(?:FY\s?\d{4}|fiscal\s+year\s+\d{4})\b", re.I)


@dataclass(frozen=True)
class DraftSection:
    """A section before entity extraction."""

    index: int
    heading: str | None
    level: int
    path: tuple[str, ...]
    text: str
    date: dates.DateMatch | None  # the span the heading carries, offsets into `heading`
    blocks: tuple[tuple[int, int, str], ...] = ()  # (start, end, kind) of each line of `text`
    pages: tuple[int, int] | None = None  # first and last page of a PDF the section is on


@dataclass(frozen=True)
class Span:
    """A normalized date span with the text it was read from."""

    start: str
    end: str
    text: str


@dataclass(frozen=True)
class SegmentedPage:
    page: CleanPage
    sections: tuple[DraftSection, ...]
    published: str | None  # ISO day
    period: Span | None
    anchor: dates.Anchor  # the document-level context for year inference


def segment(page: CleanPage, fiscal_year_start_month: int = 4) -> SegmentedPage:
    """Split a cleaned page into sections and read its period and publication day.

    `fiscal_year_start_month` is the first month of the fiscal years the page names ("FY2023"):
    April for Japanese bodies (the default), 1 for calendar-year fiscal years.
    """
    fiscal = fiscal_year_start_month
    published = _published(page)
    period_line = _period_line(page.blocks, published, page.day_first)
    # Year-less headings ("Day 1 — Tuesday 10 October") need a year before the sections exist:
    # the period line, else the title's fiscal year, else the event span the lead announces.
    provisional = (
        period_line
        or _fiscal_period(page.title, fiscal)
        or _lead_event(_lead_text(page), dates.Anchor(day_first=page.day_first))
    )
    if provisional is None and published is None:
        # nothing else to read a year-less date from: the title's day, else its year
        provisional = _title_day(page.title, page.day_first) or _title_year(page.title)
    anchor = _anchor(published, provisional, None, fiscal, page.day_first)

    drafts = _sections(page, anchor)
    fiscal_period = _fiscal_period(page.title, fiscal) or _split_year_period(page, fiscal)
    # A fiscal year in the title of a report on the year's activities is its period; in the
    # title of an event ("FY2023 Training Programme on ...") it only names the programme's
    # year, and the event's own span comes first.
    reports_a_year = any(
        _reports_a_year(t) for t in (page.title, page.html_title, page.description)
    )
    yearly = fiscal_period if reports_a_year else None
    sections_span = _span_of_sections(drafts)
    # A report on one calendar year ("EFF's 2015 Annual Report") has that year as its period,
    # unless its dated sections span part of it (the activities of 2023, February to November).
    title_year = _title_year(page.title) if _names_a_yearly_report(page.title) else None
    if title_year and sections_span and _within(sections_span, title_year):
        title_year = None
    period = (
        period_line
        or yearly
        or title_year
        or sections_span
        or _lead_event("\n".join(d.text for d in drafts[:LEAD_SECTIONS]), anchor)
        or fiscal_period
    )
    told = period is not None and not period_line and not _written_during(period, published)
    # a page whose sections are headed by years ("Circa 2011", "Problems (2013)") and that
    # came out over a year after the last of them tells history: the years anchor their own
    # sections only (a yearly report comes within months of its year's end)
    history = (
        period is not None
        and period is sections_span
        and _years_only(drafts)
        and _long_before(period, published, YEARS_TOLD_MAX_DAYS)
    )
    if told and period is not None and not history and not _long_before(period, published):
        anchor = _anchor(published, period, None, fiscal, page.day_first)
    # The day a news item reports is its period, but its dates stay read against the
    # publication day, with the tense of their clauses.
    period = period or _lead_day(drafts, anchor)
    return SegmentedPage(page, tuple(drafts), published, period, anchor)


def posted_day(section: DraftSection, day_first: bool = False) -> str | None:
    """The day a section's own "Posted on" / "Published" line gives: on a river of posts,
    the post's publication day, which its year-less and relative dates are read from."""
    locale = dates.Anchor(day_first=day_first)
    for start, end, kind in section.blocks:
        text = section.text[start:end]
        label = _META_PUBLISHED.match(text) if kind == "meta" else None
        if label is None:
            continue
        match = dates.parse_date(text[label.end() :], locale)
        if match and _is_day(match.value):
            return match.value
    return None


def _heading_date(heading: str, anchor: dates.Anchor) -> dates.DateMatch | None:
    """The span a heading dates its section with; a bound ("A Beta Version Until 2020",
    "Changes since 2015") dates no section."""
    match = dates.parse_date(heading, anchor)
    if match is None:
        return None
    before = heading[: match.start].split()
    return None if before and before[-1].lower() in HEADING_BOUNDS else match


# Words before a heading's date that make it a bound, not the section's time.
HEADING_BOUNDS = frozenset({"until", "till", "by", "before", "after", "since"})


def is_meta_line(text: str) -> bool:
    """Date/meta lines ("Date: ...", "Posted on ...") that are never section headings."""
    return bool(_META_PERIOD.match(text) or _META_PUBLISHED.match(text) or _META_OTHER.match(text))


def _published(page: CleanPage) -> str | None:
    locale = dates.Anchor(day_first=page.day_first)
    # the top of the page, and its last line: an article footer's "Posted 04 November 2016"
    blocks = page.blocks
    meta_day = _meta_day(page.meta_published, locale)
    if meta_day:
        blocks = tuple(b for b in blocks if not b.by_place)
    labelled = blocks[:PUBLISHED_SEARCH_BLOCKS] + blocks[-1:]
    for block in labelled:
        # "Posted on 2024/12/10", or "Date: ... | Published 24 March 2025" in one meta line.
        label = _PUBLISHED_LABEL.search(block.text)
        if label and (label.start() == 0 or is_meta_line(block.text)):
            match = dates.parse_date(block.text[label.end() :], locale)
            if match and _is_day(match.value):
                return match.value
    for block in blocks[:PUBLISHED_SEARCH_BLOCKS]:
        day = _dateline_day(block.text, locale)
        if day:
            return day
    return meta_day


def _meta_day(raw: str | None, locale: dates.Anchor) -> str | None:
    """The day of a publication-date meta value: ISO 8601 and the forms the grammar reads,
    else the machine formats dateutil reads ("Fri Mar 13 21:30:09 EST 2015", a Java
    Date.toString())."""
    if not raw:
        return None
    match = dates.parse_date(raw, locale)
    if match:
        start, _ = dates.span_bounds(match.value)
        if _is_day(start):
            return start
    try:  # a part the value lacks comes from the default: two defaults must agree
        one, other = (
            dateutil_parser.parse(raw, default=default, ignoretz=True).date()
            for default in _META_DEFAULTS
        )
    except (ValueError, OverflowError):
        return None
    return one.isoformat() if one == other and 1900 <= one.year <= 2100 else None


# weeks apart, so that a weekday without its day ("Fri Mar 2015") rolls to different days
_META_DEFAULTS = (dt.datetime(2000, 1, 1), dt.datetime(2001, 2, 17))


def _dateline_day(text: str, locale: dates.Anchor | None = None) -> str | None:
    """The day of a byline ("27 June 2023 · by the team") or a press dateline ("GENEVA, 14
    March 2023 –"): a full date at the start of a short line or after a city in capitals."""
    if _META_PERIOD.match(text) or _ATTRIBUTION.match(text):
        return None
    place = _PRESS_DATELINE.match(text)
    if not place and len(text.split()) > DATELINE_MAX_WORDS:
        return None
    match = _date_near(text, place.end() if place else 0, locale)
    return match.value if match and _is_day(match.value) else None


def _date_near(text: str, start: int, locale: dates.Anchor | None) -> dates.DateMatch | None:
    """The first date of text[start:] if it comes within DATELINE_MAX_OFFSET characters
    (offsets of the match are into text[start:])."""
    match = dates.parse_date(text[start:], locale)
    return None if match is None or match.start > DATELINE_MAX_OFFSET else match


_PRESS_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]{1,40},\s+")
# A line that opens with a dash names a quotation's source ("— NAME, Place, April 15, 2019"):
# its date is the quotation's, not the page's.
_ATTRIBUTION = re.compile(r"^\s*(?:[—―–]|--)")
# A byline is a short line; its date comes first or after a few words ("By HNN Staff |").
DATELINE_MAX_WORDS = 14
DATELINE_MAX_OFFSET = 40


# The dateline or "Posted on" line sits near the top of an article.
PUBLISHED_SEARCH_BLOCKS = 8


def _period_line(blocks: Sequence[Block], published: str | None, day_first: bool) -> Span | None:
    reference = dates.to_date(published) if published else None
    lead = blocks[:PERIOD_SEARCH_BLOCKS]
    for i, block in enumerate(lead):
        text = block.text
        if _PERIOD_LABEL.fullmatch(text) and i + 1 < len(blocks):
            text = f"{text}: {blocks[i + 1].text}"
        if _META_PERIOD.match(text):
            anchor = dates.Anchor(reference=reference, day_first=day_first)
            match = dates.parse_date(text, anchor)
            if match:
                start, end = dates.span_bounds(match.value)
                return Span(start, end, match.text)
    return None


# The period line ("Date: ...") belongs to the page's lead, before the body.
PERIOD_SEARCH_BLOCKS = 12


def _fiscal_period(title: str | None, start_month: int) -> Span | None:
    if not title:
        return None
    found = _FISCAL_YEAR.search(title)
    match = dates.fiscal_year_span(found.group(0), start_month) if found else None
    if not match:
        return None
    start, end = dates.span_bounds(match.value)
    return Span(start, end, match.text)


# An annual report named by a split year in the page's title or description: "DFAT Annual
# Report 2015–16", "Annual Review 2024/25". Its period is that fiscal year.
_SPLIT_YEAR_REPORT = re.compile(
    r"\b(?:annual\s+(?:report|review)|year\s+in\s+review|performance\s+report)\s+"
    r"((?:19|20)\d\d)\s*[–—/-]\s*(\d\d|(?:19|20)\d\d)\b",
    re.I,
)
MONTH_NAMES = (
    "january february march april may june july august september october november december"
).split()
# "for the year ended 30 June 2025", "financial year ending 31 March": the month a year ends.
_YEAR_ENDED = re.compile(
    r"\byear\s+end(?:ed|ing)\s+(?:on\s+)?(?:\d{1,2}\s+)?(" + "|".join(MONTH_NAMES) + r")\b",
    re.I,
)
# Lines read for that evidence and for the page's own country.
FISCAL_EVIDENCE_BLOCKS = 40
# The page's own country is the one its text names most, at least this often.
OWN_COUNTRY_MIN_MENTIONS = 2


def _split_year_period(page: CleanPage, default_start: int) -> Span | None:
    """The fiscal year of a report named "Annual Report 2015–16" in the page's title: its
    first month from the page's "year ended <month>", else from its own country's fiscal
    year (data/fiscal_years.tsv), else `default_start`."""
    for title in (page.title, page.html_title, page.description):
        found = _SPLIT_YEAR_REPORT.search(title or "")
        if not found:
            continue
        first, second = int(found.group(1)), found.group(2)
        if int(second) % 100 != (first + 1) % 100:
            continue
        start = _fiscal_start(page) or default_start
        end = dt.date(first + 1, start, 1) - dt.timedelta(days=1)
        return Span(dt.date(first, start, 1).isoformat(), end.isoformat(), found.group(0))
    return None


def _fiscal_start(page: CleanPage) -> int | None:
    text = "\n".join(b.text for b in page.blocks[:FISCAL_EVIDENCE_BLOCKS])
    ended = _YEAR_ENDED.search(text)
    if ended:  # the month after the one the year ends in
        return (MONTH_NAMES.index(ended.group(1).lower()) + 1) % 12 + 1
    counts = {
        iso2: len(re.findall(rf"\b{re.escape(countries.by_iso2(iso2).name)}\b", text))
        for iso2 in _fiscal_starts()
    }
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    top = ranked[0] if ranked else None
    if top and top[1] >= OWN_COUNTRY_MIN_MENTIONS and (len(ranked) < 2 or ranked[1][1] < top[1]):
        return _fiscal_starts()[top[0]]
    return None


@functools.lru_cache(maxsize=1)
def _fiscal_starts() -> dict[str, int]:
    return {iso2: int(month) for _, (iso2, month) in lexicon.read_rows(FISCAL_YEARS_FILE, 2)}


FISCAL_YEARS_FILE = "fiscal_years.tsv"


def _span_of_sections(drafts: Sequence[DraftSection]) -> Span | None:
    spans = [dates.span_bounds(d.date.value) for d in drafts if d.date]
    if not spans:
        return None
    start = min(s for s, _ in spans)
    end = max(e for _, e in spans)
    texts = [d.date.text for d in drafts if d.date]
    return Span(start, end, f"{texts[0]} … {texts[-1]}" if len(texts) > 1 else texts[0])


def _lead_text(page: CleanPage) -> str:
    """The text before the first heading: where an event page announces its dates."""
    lines = []
    for i, block in enumerate(page.blocks):
        if _heading_kind(block, page.blocks, i):
            break
        lines.append(block.text)
    return "\n".join(lines)


def _lead_event(lead: str, anchor: dates.Anchor) -> Span | None:
    """A press release's period: the first span of days in its lead that is not the release
    day itself ("... was held in Skopje from 6 to 10 March 2023")."""
    for match in dates.find_dates(lead, anchor):
        start, end = dates.span_bounds(match.value)
        if _is_day(start) and _is_day(end) and start != end:
            return Span(start, end, match.text)
    return None


# Titles of reports on a year's work rather than on one event.
_YEAR_REPORT = re.compile(
    r"\b(?:annual|activities|activity\s+report|year\s+in\s+review|yearbook|"
    r"achievements|performance\s+report|business\s+report)\b",
    re.I,
)


# A title that names a report on one year by that year, beside it: "EFF's 2015 Annual Report",
# "Annual Review 2024", "Network activities 2023" ("first annual loss since 1992" is news).
_YEARLY_REPORT_TITLE = re.compile(
    r"(?:(?:19|20)\d\d\s+(?:annual|activit(?:y|ies)|year\s+in\s+review|yearbook)"
    r"|(?:annual\s+(?:report|review)|activit(?:y|ies)(?:\s+report)?|year\s+in\s+review|yearbook)"
    r"\s*[:,–-]?\s*(?:19|20)\d\d)\b",
    re.I,
)


def _names_a_yearly_report(title: str | None) -> bool:
    return bool(title and _YEARLY_REPORT_TITLE.search(title))


def _reports_a_year(title: str | None) -> bool:
    return bool(title and _YEAR_REPORT.search(title))


# The paragraphs of a news item's lead that may name the day it reports.
LEAD_PARAGRAPHS = 2
# The lead is the title's section and the first one after it (a dateline line can be taken for
# a heading); later sections are the body.
LEAD_SECTIONS = 2
# A shorter line ("Office of the Spokesperson", "Ottawa, Ontario") is no paragraph of the lead.
LEAD_PARAGRAPH_MIN_WORDS = 12
# Lines read for that day: paragraphs, and the captions of the photos of the event.
LEAD_KINDS = frozenset({"paragraph", "caption"})


def _lead_day(drafts: Sequence[DraftSection], anchor: dates.Anchor) -> Span | None:
    """A news or press release's single day: the first day its lead paragraphs name ("On 27
    February, the Commissions met", "Today, the two ministers signed"), other than the
    release's own date (a press dateline, "ADDIS ABABA, August 25, 2023 —", or the publication
    day written out); else that release date, the release reporting what happened that day.
    A page whose lead names no day has no period."""
    release: Span | None = None
    month: Span | None = None  # "In September 2016, Creative Commons Europe hosted a meeting"
    published = anchor.reference.isoformat() if anchor.reference else None
    paragraphs = 0
    for draft in drafts[:LEAD_SECTIONS]:
        for start, end, kind in draft.blocks:
            if kind not in LEAD_KINDS:
                continue
            line = draft.text[start:end]
            if kind == "caption" and _FILE_PHOTO.search(line):
                continue  # "FILE - In this March 2, 2011 file photo, ...": another day's picture
            at = _dateline_at(line, anchor)
            for match in dates.find_dates(line, anchor):
                first, last = dates.span_bounds(match.value)
                if month is None and _opens_with_month(line, match, anchor.reference):
                    month = Span(first, last, match.text)
                if not (_is_day(first) and first == last):
                    continue
                day = Span(first, last, match.text)
                if match.start == at or (first == published and not match.relative):
                    release = release or day
                    continue
                if not _reportable(first, anchor.reference):
                    continue  # a file photo's day, or history the lead recalls
                return _with_length(day, _sentence_at(line, match.start))
            paragraphs += kind == "paragraph" and len(line.split()) >= LEAD_PARAGRAPH_MIN_WORDS
            if paragraphs >= LEAD_PARAGRAPHS:
                return month or release
    return month or release


_FILE_PHOTO = re.compile(r"\b[Ff]ile\s+(?:photo|picture|image)\b|\bFILE\b")

# "In September 2016," opening a lead paragraph: the month the page reports.
_MONTH_VALUE = re.compile(r"\d{4}-\d{2}")
_OPENING_MONTH = re.compile(r"(?:(?:in|during)\s+)?(?:early|mid|late|the\s+end\s+of)?[\s-]*", re.I)


def _opens_with_month(line: str, match: dates.DateMatch, published: dt.date | None) -> bool:
    """Whether a lead paragraph opens with a month, followed by a comma ("In June 2014,
    executives from five Thai lumber companies visited ...")."""
    if not _MONTH_VALUE.fullmatch(match.value) or not line[match.end :].startswith(","):
        return False
    if not _OPENING_MONTH.fullmatch(line[: match.start]):
        return False
    return _reportable(f"{match.value}-01", published)


# "a four-day visit", "a 3-day workshop": the length of the event its first day begins.
_EVENT_DAYS = re.compile(
    r"\b(" + "|".join(sorted(CARDINAL_WORDS, key=len, reverse=True)) + r"|\d{1,2})[- ]days?\s+"
    r"(?:official\s+|working\s+|state\s+|international\s+|regional\s+)?"
    r"(?:visit|trip|tour|mission|conference|workshop|course|training|seminar|summit|meeting|"
    r"forum|festival|event|programme|program|session|symposium|congress|retreat)\b",
    re.I,
)
# Events counted in days are short; a longer count is a programme's length, not its dates.
EVENT_MAX_DAYS = 14


def _sentence_at(line: str, offset: int) -> str:
    start = line.rfind(". ", 0, offset) + 1  # 0 when no sentence ends before
    end = line.find(". ", offset)
    return line[start : end if end != -1 else len(line)]


def _with_length(day: Span, sentence: str) -> Span:
    """The day a lead names, grown to the event's length when its sentence counts the days
    ("will begin a four day visit to the Horn of Africa today": that day and the next three)."""
    found = _EVENT_DAYS.search(sentence)
    if found is None:
        return day
    word = found.group(1).lower()
    count = int(word) if word.isdigit() else CARDINAL_WORDS[word]
    if not 2 <= count <= EVENT_MAX_DAYS:
        return day
    last = dates.to_date(day.start) + dt.timedelta(days=count - 1)
    return Span(day.start, last.isoformat(), day.text)


# A page reports what happened before it was published (an event report may come months
# later) or announces what comes shortly after: a day its lead names further away (the caption
# of a file photo from two years before, "on 20 March 2003, ...") is not the day it reports.
LEAD_DAY_MAX_DAYS_BEFORE = 366
LEAD_DAY_MAX_DAYS_AFTER = 31


def _reportable(day: str, published: dt.date | None) -> bool:
    if published is None:
        return True
    gap = (dates.to_date(day) - published).days
    return -LEAD_DAY_MAX_DAYS_BEFORE <= gap <= LEAD_DAY_MAX_DAYS_AFTER


def _dateline_at(line: str, anchor: dates.Anchor) -> int | None:
    """Where the date of a press dateline ("GENEVA, 14 March 2023 –") starts in a line."""
    place = _PRESS_DATELINE.match(line)
    match = _date_near(line, place.end(), anchor) if place else None
    return None if place is None or match is None else place.end() + match.start


def _anchor(
    published: str | None,
    period: Span | None,
    title: str | None,
    fiscal_start: int,
    day_first: bool,
) -> dates.Anchor:
    if period is None and title:
        period = _fiscal_period(title, fiscal_start)
    return dates.Anchor(
        reference=dates.to_date(published) if published else None,
        period_start=dates.to_date(period.start) if period else None,
        period_end=dates.last_date(period.end) if period else None,
        fiscal_year_start_month=fiscal_start,
        day_first=day_first,
    )


def _title_day(title: str | None, day_first: bool) -> Span | None:
    """The one full day a title writes ("Marketplace Tech for Friday, April 19, 2013"), the
    day of a page with no publication day and no period: an edition's or an event's."""
    found = [
        m
        for m in dates.find_dates(title or "", dates.Anchor(day_first=day_first))
        if m.written_out and _is_day(m.value)
    ]
    if len(found) != 1:
        return None
    return Span(found[0].value, found[0].value, found[0].text)


def _title_year(title: str | None) -> Span | None:
    """The one year a title writes ("Wikimedia CEE Meeting 2014/Programme"): the year of a page
    with no publication day and no period, so that "December 18, Thursday" and "on October
    13-15th" are read in it. A title with two years says neither."""
    years = set(_TITLE_YEAR.findall(title or ""))
    if len(years) != 1:
        return None
    year = years.pop()
    return Span(year, year, year)


_TITLE_YEAR = re.compile(r"(?<![\d/.-])((?:19|20)\d\d)(?![\d/.-]?\d)")


def _within(inner: Span, outer: Span) -> bool:
    return dates.to_date(outer.start) <= dates.to_date(inner.start) and dates.last_date(
        inner.end
    ) <= dates.last_date(outer.end)


def _written_during(period: Span, published: str | None) -> bool:
    """Whether a period of whole months or years holds the publication day: the page is news
    written while it runs ("Euro 2020 qualifying", published in November 2019), and its
    year-less dates are read from the publication day and their tense, not placed in the
    period. A report's period ends before its publication; an event's days are days."""
    if published is None or _is_day(period.start) or _is_day(period.end):
        return False
    return dates.to_date(period.start) <= dates.to_date(published) <= dates.last_date(period.end)


def _long_before(period: Span, published: str | None, max_days: int = 0) -> bool:
    """Whether a period ended years before the publication day: history the page tells (a
    slideshow's "Reforms in 1907" in a 2020 story), not the time its dates are read in. A
    report follows its period within months. `max_days` is the gap allowed (by default
    PERIOD_ANCHOR_MAX_DAYS)."""
    if published is None:
        return False
    gap = (dates.to_date(published) - dates.last_date(period.end)).days
    return gap > (max_days or PERIOD_ANCHOR_MAX_DAYS)


def _years_only(drafts: Sequence[DraftSection]) -> bool:
    """Whether every dated section is headed by whole years ("2011", "2011/2013")."""
    return all(re.fullmatch(r"\d{4}(?:/\d{4})?", d.date.value) for d in drafts if d.date)


# How long after its period a page is still read in it (a yearly report comes months later).
PERIOD_ANCHOR_MAX_DAYS = 2 * 366
# ... and after the last year its sections are headed by.
YEARS_TOLD_MAX_DAYS = 366


def _is_day(value: str) -> bool:
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value))


def _sections(page: CleanPage, anchor: dates.Anchor) -> list[DraftSection]:
    blocks = page.blocks
    title = page.title
    drafts: list[DraftSection] = []
    heading: str | None = title
    level = 0
    path: tuple[str, ...] = ()
    body: list[Block] = []
    heading_page = 1 if any(b.page for b in blocks) else 0  # a PDF's title is on page 1
    stack: list[tuple[int, str, str]] = []  # open headings (level, text, kind), outermost first
    structural = 1  # level of the last real or numbered heading, under which bold labels nest

    def close() -> None:
        lines = ([(heading, "title" if not drafts else "heading")] if heading else []) + [
            (b.text, block_kind(b)) for b in body
        ]
        text = "\n".join(line for line, _ in lines)
        if text or not drafts:
            date = _heading_date(heading, anchor) if heading and drafts else None
            spans, offset = [], 0
            for line, kind in lines:
                spans.append((offset, offset + len(line), kind))
                offset += len(line) + 1
            on = [p for p in (heading_page, *(b.page for b in body)) if p]
            pages = (min(on), max(on)) if on else None
            drafts.append(
                DraftSection(len(drafts), heading, level, path, text, date, tuple(spans), pages)
            )

    for i, block in enumerate(blocks):
        kind = _heading_kind(block, blocks, i)
        if kind is None:
            body.append(block)
            continue
        close()
        heading = block.text.replace("\n", " ")
        heading_page = block.page
        if kind == "h":
            level = block.level
            structural = level
        elif kind == "numbered":
            # "1." under an <h2> is level 3; with no enclosing <hN>, numbering starts at 2.
            enclosing = max((lv for lv, _, k in stack if k == "h"), default=1)
            level = enclosing + _numbering_depth(heading)
            structural = level
        else:
            level = structural + 1 if drafts and stack else 2
        while stack and stack[-1][0] >= level:
            stack.pop()
        path = ((title,) if title else ()) + tuple(text for _, text, _ in stack)
        stack.append((level, heading, kind))
        body = []
    close()
    return drafts


def block_kind(block: Block) -> str:
    """What a body line is: a caption, a date/meta line, a list item, a table cell, a paragraph."""
    if block.caption:
        return "caption"
    short = len(block.text.split()) <= DATELINE_MAX_WORDS
    if is_meta_line(block.text) or (short and _dateline_day(block.text)):
        return "meta"
    if block.in_table:
        return "table_cell"
    if block.in_list:
        return "list_item"
    return "paragraph"


def _numbering_depth(heading: str) -> int:
    match = _NUMBERED.match(heading)
    return 2 if match and (match.group("deep") or match.group("letter")) else 1


def _heading_kind(block: Block, blocks: Sequence[Block], i: int) -> str | None:
    """'h', 'numbered', 'bold', 'dated' or 'dt' when the block starts a section, else None."""
    text = block.text
    if block.level:
        return "h"
    if block.tag in ("figcaption", "caption") or block.in_table or is_meta_line(text):
        return None
    words = len(text.split())
    if block.tag == "dt":
        return (
            "dt"
            if _dd_words(blocks, i) >= DT_BODY_MIN_WORDS and words <= HEADING_MAX_WORDS * 2
            else None
        )
    if words > HEADING_MAX_WORDS or _is_sentence(text):
        return None
    if _NUMBERED.match(text) and not block.in_list:
        return "numbered"
    if block.bold and not block.in_list:
        return "bold"
    if not block.in_list and _date_led(text):
        return "dated"
    return None


def _is_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "。")) and not re.search(r"\b[A-Z][a-z]{0,3}\.$", text)


def _date_led(text: str) -> bool:
    """A one-line paragraph that opens with a date and labels what follows ("June 14: ...").
    The colon of a time of day is no label's ("Nov. 19, 2019, 8:41 AM UTC" is a timestamp)."""
    colon = _LABEL_COLON.search(text)
    if colon is None:
        return False
    head = text[: colon.start()]
    if len(head.split()) > 8:
        return False
    match = dates.parse_date(head, _ANY_YEAR)
    return match is not None and match.start == 0


_LABEL_COLON = re.compile(r"(?<!\d):|:(?!\d)")
# Only the position of a date matters for a date-led line; any anchor lets year-less dates parse.
_ANY_YEAR = dates.Anchor(reference=dt.date(2000, 1, 1))


def _dd_words(blocks: Sequence[Block], i: int) -> int:
    count = 0
    for block in blocks[i + 1 :]:
        if block.tag == "dt" or block.level:
            break
        count += len(block.text.split())
    return count
