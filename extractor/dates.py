"""Date grammar and normalizer: calendar dates in English text as ISO 8601 values.

Pure functions, no spaCy. `find_dates` splits the text into lines, tokenizes each line, and reads
date expressions with a small grammar: *parts* ("June 14", "14th June 2023", "June 2023",
"2023", a bare day "19") joined into *chains* by range links (-, –, —, ~, to, until, till,
through, "between ... and") and list links (",", "and"). Each chain yields:

- one value per range or list item: a day "2023-06-14", a month "2023-06", a year "2023", or a
  closed interval "2023-06-14/2023-06-19". A range is one value, its ends are not also reported;
  consecutive days joined by "and" ("14 and 15 June", "5, 6 and 7 May") are one range too;
- a written year applies to the year-less parts around it ("Nov. 5, Nov. 19 and Dec. 3, 2024",
  "October 22 to November 21, 2024"), a bare day takes the month of its neighbour
  ("June 14 to 19", "14 to 19 June", "June 5, 19 and July 3, 2023");
- a year that is not written is inferred from the `Anchor` (see `_infer_year`). Without an
  anchor such a date gives no match: nothing is better than a guess.

Other forms: numeric dates 2023/06/14, 2023-06-14, 14.06.2023 (day first, as dotted dates are
written; month first only when the second number cannot be a month), 7/8/07 (month first when
ambiguous: the US reading of a slash); weekday names, before a date or in parentheses, are
skipped; bare month names after a cue word ("in June", "since November", "mid-June"); plain
years 1900-2100 ("since 2018"); fiscal years "FY2023", "fiscal year 2023" (value "2023"); "'82".

Decisions:
- Hedged spans give the written value: "end of 2025" -> "2025", "early June" -> June.
  Sub-year spans ("first quarter of 2009", "Q1 2025", "summer 2023") give nothing, since their
  year is not the date meant.
- Not dates: times of day ("19:00–20:30 JST"), amounts and counts ("2,000 people", "140 people",
  "$2012"), labels ("No. 189", "Day 1"), decades ("1990s"), digit chains ("03-2012-1234").
- An expression never crosses a line break. Month names must be capitalized ("may" is a verb).
- `relative` is True only for "last/next/this <month>" and "<month> of next year", read against
  the reference date. Other relative expressions ("the following day", "on Tuesday", "last
  year", "today") are left for later: they give no match. So are "2019-20" and "2024/25".
"""

from __future__ import annotations

import calendar
import datetime
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from extractor.date_tables import (
    AMOUNT_SIGNS,
    DEICTIC_CUES,
    MONTH_ABBREVIATIONS,
    MONTH_CUES,
    MONTHS,
    NUMBER_LABELS,
    ORDINAL_SUFFIXES,
    ORDINAL_WORDS,
    QUANTITY_UNITS,
    RANGE_MARKS,
    RANGE_WORDS,
    SUB_YEAR_WORDS,
    WEEKDAYS,
)

LOGGER = logging.getLogger(__name__)

# A lone 4-digit number is read as a year only in this range: outside it, "1500" or "2500" are
# far more often counts or codes than years in reports.
BARE_YEARS = range(1900, 2101)
# Next to a month name a number is plainly a year, so older dates ("June 18, 1815") are kept.
WRITTEN_YEARS = range(1000, 3000)
# Two-digit years ("'82", "7/8/07") land in the century that puts them at most this many years
# after the reference year...
TWO_DIGIT_YEAR_LEAD = 10
# ...or, without a reference, at most 2068: the POSIX `%y` rule (69-99 -> 19xx, 00-68 -> 20xx).
TWO_DIGIT_YEAR_PIVOT = 2068


@dataclass(frozen=True)
class Anchor:
    """Context for inferring omitted years."""

    reference: datetime.date | None = None  # publication date / document creation time
    period_start: datetime.date | None = None  # the report's period, when known
    period_end: datetime.date | None = None
    # Japanese fiscal year: April-March. For callers building a period with `fiscal_year_span`.
    fiscal_year_start_month: int = 4


@dataclass(frozen=True)
class DateMatch:
    """One date expression: its place in the text and its ISO 8601 value."""

    start: int  # char offsets into the text given
    end: int
    text: str  # == text[start:end]
    value: str  # "2023-06-14", "2023-06", "2023", or closed interval "2023-06-14/2023-06-19"
    relative: bool = False


def find_dates(text: str, anchor: Anchor | None = None) -> list[DateMatch]:
    """All date expressions of `text`, non-overlapping, in order."""
    pivot = _two_digit_pivot(anchor)
    matches = []
    for offset, line in _lines(text):
        tokens = _tokenize(line, pivot)
        i = 0
        while i < len(tokens):
            read = _read_chain(tokens, i, anchor)
            if read is None:
                i += 1
                continue
            i, values = read
            for value in values:
                start = offset + tokens[value.first].start
                end = offset + tokens[value.end - 1].end
                matches.append(DateMatch(start, end, text[start:end], value.iso, value.relative))
    return matches


def parse_date(text: str, anchor: Anchor | None = None) -> DateMatch | None:
    """The first date expression in a short text (a heading, a "Date: ..." line), if any."""
    matches = find_dates(text, anchor)
    return matches[0] if matches else None


def span_bounds(value: str) -> tuple[str, str]:
    """The two ends of a value: "a/b" -> (a, b); a point is both ends of itself."""
    start, _, end = value.partition("/")
    return start, end or start


def to_date(point: str) -> datetime.date:
    """The first day of a point value: "2023-06" -> 2023-06-01. Raises ValueError if malformed."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", point)
    if match is None:
        raise ValueError(f"not an ISO 8601 point value: {point!r}")
    year, month, day = match.groups()
    return datetime.date(int(year), int(month or 1), int(day or 1))


def fiscal_year_span(text: str, start_month: int = 4) -> DateMatch | None:
    """The first fiscal year named in `text` as an interval: "FY2024" -> "2024-04-01/2025-03-31".

    Fiscal year N starts in `start_month` of year N (the Japanese convention).
    """
    if not 1 <= start_month <= 12:
        raise ValueError(f"start_month must be 1-12, not {start_month}")
    for offset, line in _lines(text):
        for token in _tokenize(line, TWO_DIGIT_YEAR_PIVOT):
            if token.kind == _FISCAL:
                first = datetime.date(token.value, start_month, 1)
                after = datetime.date(token.value + 1, start_month, 1)
                value = f"{first.isoformat()}/{(after - datetime.timedelta(days=1)).isoformat()}"
                start, end = offset + token.start, offset + token.end
                return DateMatch(start, end, text[start:end], value)
    return None


# --- tokens ---------------------------------------------------------------------------------

_MONTH, _WEEKDAY, _NUM, _WORD, _PUNCT = "month", "weekday", "num", "word", "punct"
_NUMERIC_DATE, _FISCAL, _SHORT_YEAR, _SUB_YEAR = "numeric-date", "fiscal", "short-year", "sub-year"
_WEEKDAY_NOTE, _OPAQUE = "weekday-note", "opaque"  # "(Wed)"; times and amounts


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_TOKEN_RE = re.compile(
    rf"""
    (?P<ymd>(?<![\d./-])\d{{4}}(?P<s1>[-/.])\d{{1,2}}(?P=s1)\d{{1,2}}(?![\d]|[-/.]\d))
    |(?P<dmy>(?<![\d./-])\d{{1,2}}(?:(?P<s2>[-.])\d{{1,2}}(?P=s2)\d{{4}}|/\d{{1,2}}/(?:\d{{4}}|\d{{2}}))
        (?![\d]|[-/.]\d))
    |(?P<time>\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s?[aApP]\.?[mM]\b\.?)?|\d{{1,2}}\s?[aApP]\.?[mM]\b\.?)
    |(?P<amount>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?(?!\d)|\d+\.\d+(?!\d))
    |(?P<weekday>\(\s*(?i:{_alternatives(WEEKDAYS)})\.?\s*\))
    |(?P<fiscal>\b(?:FY|[Ff]iscal\s+[Yy]ear|[Ff]iscal)\s?(?P<fy>\d{{4}}|\d{{2}})(?:[-/]\d{{2,4}})?\b)
    |(?P<subyear>\b(?i:(?:(?:{_alternatives(SUB_YEAR_WORDS["ordinal"])})[\s-]+
        (?:{_alternatives(SUB_YEAR_WORDS["part"])})\s+of\s+|[QH][1-4]\s+
        |(?:{_alternatives(SUB_YEAR_WORDS["season"])})\s+(?:of\s+)?))\d{{4}}\b)
    |(?P<short>['’]\d{{2}}\b)
    |(?P<word>[A-Za-z0-9]+)
    |(?P<punct>\S)
    """,
    re.VERBOSE,
)
_ORDINAL_RE = re.compile(rf"(\d{{1,2}})(?:{_alternatives(ORDINAL_SUFFIXES)})")


@dataclass(frozen=True)
class _Token:
    kind: str
    start: int  # offsets into the line
    end: int
    text: str
    value: int = 0  # month, weekday, number or year
    ymd: tuple[int, int, int] | None = None  # numeric dates
    ordinal: bool = False  # "14th"

    @property
    def word(self) -> str:
        return self.text.lower()


def _lines(text: str) -> Iterator[tuple[int, str]]:
    for match in re.finditer(r"[^\n]+", text):
        yield match.start(), match.group()


def _two_digit_pivot(anchor: Anchor | None) -> int:
    if anchor is not None and anchor.reference is not None:
        return anchor.reference.year + TWO_DIGIT_YEAR_LEAD
    return TWO_DIGIT_YEAR_PIVOT


def _full_year(digits: str, pivot: int) -> int:
    if len(digits) == 4:
        return int(digits)
    year = pivot // 100 * 100 + int(digits)
    return year if year <= pivot else year - 100


def _tokenize(line: str, pivot: int) -> list[_Token]:
    tokens = []
    for match in _TOKEN_RE.finditer(line):
        start, end, text = match.start(), match.end(), match.group()
        if match["ymd"] or match["dmy"]:
            ymd = _numeric_date(text, pivot)
            kind = _NUMERIC_DATE if ymd else _OPAQUE
            tokens.append(_Token(kind, start, end, text, ymd=ymd))
        elif match["time"] or match["amount"]:
            tokens.append(_Token(_OPAQUE, start, end, text))
        elif match["weekday"]:
            tokens.append(_Token(_WEEKDAY_NOTE, start, end, text))
        elif match["fiscal"]:
            tokens.append(_Token(_FISCAL, start, end, text, _full_year(match["fy"], pivot)))
        elif match["subyear"]:
            tokens.append(_Token(_SUB_YEAR, start, end, text))
        elif match["short"]:
            tokens.append(_Token(_SHORT_YEAR, start, end, text, _full_year(text[1:], pivot)))
        elif match["word"]:
            tokens.append(_word_token(start, end, text))
        else:
            tokens.append(_Token(_PUNCT, start, end, text))
    return tokens


def _word_token(start: int, end: int, text: str) -> _Token:
    if text.isdigit():
        return _Token(_NUM, start, end, text, int(text))
    if ordinal := _ORDINAL_RE.fullmatch(text):
        return _Token(_NUM, start, end, text, int(ordinal[1]), ordinal=True)
    if text[0].isupper():
        key = text.lower()
        if key in MONTHS or key in MONTH_ABBREVIATIONS:
            return _Token(_MONTH, start, end, text, MONTHS.get(key) or MONTH_ABBREVIATIONS[key])
        if key in WEEKDAYS:
            return _Token(_WEEKDAY, start, end, text, WEEKDAYS[key])
    return _Token(_WORD, start, end, text)


def _numeric_date(text: str, pivot: int) -> tuple[int, int, int] | None:
    first, second, third = re.split(r"[-/.]", text)
    if len(first) == 4:
        year, month, day = int(first), int(second), int(third)
    else:
        year, a, b = _full_year(third, pivot), int(first), int(second)
        month_first = ("/" in text and a <= 12) or b > 12
        month, day = (a, b) if month_first else (b, a)
    return (year, month, day) if _is_valid(year, month, day) else None


def _is_valid(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


# --- parts: one date item -------------------------------------------------------------------


@dataclass
class _Part:
    """A date item as written; resolution fills in the month and year it leaves out."""

    first: int  # token indices: [first, end)
    end: int
    form: str  # "md" June 14, "dm" 14 June, "d" 19, "m" June, "y" 2023, "numeric", "sub-year"
    month: int | None = None
    day: int | None = None
    year: int | None = None
    cue: str | None = None  # the word before a bare month ("in", "last")

    @property
    def grain(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def month_day(self) -> tuple[int, int]:
        return self.month or 0, self.day or 0


def _at(tokens: list[_Token], i: int) -> _Token | None:
    return tokens[i] if 0 <= i < len(tokens) else None


def _is(tokens: list[_Token], i: int, *texts: str) -> bool:
    token = _at(tokens, i)
    return token is not None and token.word in texts


def _kind(tokens: list[_Token], i: int) -> str | None:
    token = _at(tokens, i)
    return token.kind if token else None


def _parse_part(tokens: list[_Token], i: int) -> _Part | None:
    token = _at(tokens, i)
    if token is None:
        return None
    if token.kind == _WEEKDAY:  # "Tuesday, 5 November 2024"
        part = _parse_part(tokens, i + 1 + _is(tokens, i + 1, ","))
        return replace(part, first=i) if part and part.form in ("md", "dm", "numeric") else None
    if token.kind == _NUMERIC_DATE and token.ymd:
        year, month, day = token.ymd
        return _Part(i, _skip_weekday(tokens, i + 1), "numeric", month, day, year)
    if token.kind in (_FISCAL, _SHORT_YEAR):
        return _Part(i, i + 1, "y", year=token.value)
    if token.kind == _SUB_YEAR:
        return _Part(i, i + 1, "sub-year")
    if token.kind == _MONTH:
        return _month_first(tokens, i)
    if _day_at(tokens, i) is not None:
        return _day_first(tokens, i)
    if _is_bare_year(tokens, i):
        return _Part(i, i + 1, "y", year=token.value)
    return None


def _month_first(tokens: list[_Token], i: int) -> _Part | None:
    month, j = tokens[i].value, _skip_dot(tokens, i)
    day = _day_at(tokens, j)
    if day is not None and not _is_quantity(tokens, j + 1):
        end = _skip_weekday(tokens, j + 1)
        year, end = _year_after(tokens, end)
        return _Part(i, end, "md", month, day, year)
    k = j + _is(tokens, j, "of")
    year = _written_year(tokens, k)
    if year is not None:
        return _Part(i, k + 1, "m", month, year=year)
    if tokens[i].word in MONTH_ABBREVIATIONS:  # "Mar" or "Jan" alone is not a date
        return None
    if _is(tokens, j, "of") and _is(tokens, j + 1, *DEICTIC_CUES) and _is(tokens, j + 2, "year"):
        # "October of next year"
        return _Part(i, j + 3, "m", month, cue=f"{tokens[j + 1].word} year")
    cue = _cue_before(tokens, i)
    first = i - 1 if cue in DEICTIC_CUES else i  # "last September" is the expression
    return _Part(first, j, "m", month, cue=cue)


def _day_first(tokens: list[_Token], i: int) -> _Part | None:
    day, j = _day_at(tokens, i), _skip_weekday(tokens, i + 1)  # "7 (Fri) March"
    k = j + _is(tokens, j, "of")
    if _kind(tokens, k) == _MONTH:
        year, end = _year_after(tokens, _skip_weekday(tokens, _skip_dot(tokens, k)))
        return _Part(i, end, "dm", tokens[k].value, day, year)
    if tokens[i].kind != _NUM or _is_quantity(tokens, j) or _is_labelled(tokens, i):
        return None
    year, end = _year_after(tokens, j)  # "September 4 to 29, 2023"
    return _Part(i, end, "d", day=day, year=year)


def _day_at(tokens: list[_Token], i: int) -> int | None:
    token = _at(tokens, i)
    if token is None:
        return None
    if token.kind == _NUM and (token.ordinal or len(token.text) <= 2) and 1 <= token.value <= 31:
        return token.value
    # "the first of June": spelled-out days only in this form
    if token.word in ORDINAL_WORDS and _is(tokens, i + 1, "of") and _kind(tokens, i + 2) == _MONTH:
        return ORDINAL_WORDS[token.word]
    return None


def _year_after(tokens: list[_Token], i: int) -> tuple[int | None, int]:
    """The year written after a day and month ("June 14, 2023"), and the index after it."""
    k = i + _is(tokens, i, ",")
    year = _written_year(tokens, k)
    return (year, _skip_weekday(tokens, k + 1)) if year is not None else (None, i)


def _written_year(tokens: list[_Token], i: int) -> int | None:
    token = _at(tokens, i)
    if token is None or _is_quantity(tokens, i + 1):
        return None
    if token.kind == _SHORT_YEAR:
        return token.value
    is_year = token.kind == _NUM and len(token.text) == 4 and token.value in WRITTEN_YEARS
    return token.value if is_year else None


def _is_bare_year(tokens: list[_Token], i: int) -> bool:
    token = tokens[i]
    if token.kind != _NUM or len(token.text) != 4 or token.value not in BARE_YEARS:
        return False
    return not (
        _is_quantity(tokens, i + 1)
        or _is_labelled(tokens, i)
        or _is_glued_to_number(tokens, i, -1)
        or _is_glued_to_number(tokens, i, +1)
    )


def _is_quantity(tokens: list[_Token], i: int) -> bool:
    """Whether tokens[i] makes the number before it a count or amount ("2000 people")."""
    return _is(tokens, i, *QUANTITY_UNITS)


def _is_labelled(tokens: list[_Token], i: int) -> bool:
    """Whether tokens[i] is a number after a label or sign ("No. 189", "Day 1", "$2012")."""
    before = _at(tokens, i - 1)
    if before and before.kind == _PUNCT and before.text in AMOUNT_SIGNS:
        return before.end == tokens[i].start
    k = i - 1 - _is(tokens, i - 1, ".")
    return _is(tokens, k, *NUMBER_LABELS)


def _is_glued_to_number(tokens: list[_Token], i: int, step: int) -> bool:
    """Whether a year sits in a digit chain such as a phone number ("03-2012-1234")."""
    mark, other = _at(tokens, i + step), _at(tokens, i + 2 * step)
    if mark is None or other is None or mark.text not in {"-", "/", ".", ":"} or other.kind != _NUM:
        return False
    left, right = (mark, tokens[i]) if step < 0 else (tokens[i], mark)
    touching = left.end == right.start and (other.end == mark.start or mark.end == other.start)
    return touching and other.value not in BARE_YEARS


def _skip_dot(tokens: list[_Token], i: int) -> int:
    """The index after the month at tokens[i] and the dot of its abbreviation ("Sept.")."""
    dot = _at(tokens, i + 1)
    if tokens[i].word in MONTH_ABBREVIATIONS and dot and dot.text == ".":
        return i + 2 if dot.start == tokens[i].end else i + 1
    return i + 1


def _skip_weekday(tokens: list[_Token], i: int) -> int:
    return i + 1 if _kind(tokens, i) == _WEEKDAY_NOTE else i


def _cue_before(tokens: list[_Token], i: int) -> str | None:
    k = i - 1 - _is(tokens, i - 1, "-")  # "mid-June"
    return tokens[k].word if _is(tokens, k, *MONTH_CUES) else None


# --- chains: parts joined by range and list links ------------------------------------------


@dataclass(frozen=True)
class _Value:
    first: int  # token indices of the expression: [first, end)
    end: int
    iso: str
    relative: bool = False


class _Cut(Exception):
    """Part `index` of a chain cannot be read: the chain ends before it."""

    def __init__(self, index: int) -> None:
        super().__init__(index)
        self.index = index


def _read_chain(
    tokens: list[_Token], i: int, anchor: Anchor | None
) -> tuple[int, list[_Value]] | None:
    """The values of the chain starting at tokens[i] and the index after it, if one starts."""
    parts, links = _parse_chain(tokens, i)
    while parts:
        try:
            values = _resolve([replace(part) for part in parts], links, anchor)
        except _Cut as cut:
            parts, links = parts[: cut.index], links[: max(cut.index - 1, 0)]
            continue
        return parts[-1].end, values
    return None


def _parse_chain(tokens: list[_Token], i: int) -> tuple[list[_Part], list[str]]:
    first = _parse_part(tokens, i)
    if first is None:
        return [], []
    parts, links = [first], list[str]()
    between = _is(tokens, i - 1, "between")
    while parts[-1].form != "sub-year":
        link, j = _link(tokens, parts[-1].end)
        if link is None:
            break
        if link == "and" and between and not links:
            link = "range"
        part = _parse_part(tokens, j)
        if part is None or part.form == "sub-year":
            break
        # "On June 5, 20 people...": after a comma a bare day or month must lead on to more of
        # the list ("June 5, 19 and July 3"; "in January, February and March")
        lone = part.form in ("d", "m") and part.year is None
        if lone and link == "comma" and not _leads_on(tokens, part.end):
            break
        parts.append(part)
        links.append(link)
    return parts, links


def _leads_on(tokens: list[_Token], i: int) -> bool:
    link, j = _link(tokens, i)
    return link is not None and _parse_part(tokens, j) is not None


def _link(tokens: list[_Token], i: int) -> tuple[str | None, int]:
    token = _at(tokens, i)
    if token is None:
        return None, i
    if token.text in RANGE_MARKS or token.word in RANGE_WORDS:
        return "range", i + 1
    if token.text == ",":
        return ("and", i + 2) if _is(tokens, i + 1, "and") else ("comma", i + 1)
    if token.word == "and":
        return "and", i + 1
    return None, i


def _resolve(parts: list[_Part], links: list[str], anchor: Anchor | None) -> list[_Value]:
    if len(parts) == 1 and parts[0].form == "m" and parts[0].year is None and not parts[0].cue:
        raise _Cut(0)  # a lone "March" or "May" without a cue word is not taken as a date
    _fill_months(parts)
    _fill_written_years(parts)
    ranges = _ranges(parts, links)
    values: list[_Value | None] = []
    for a, b in ranges:
        start, end = parts[a], parts[b]
        if start.form == "sub-year":
            values.append(None)
            continue
        if start.grain != end.grain:
            raise _Cut(b)
        relative = start.year is None and _is_deictic(start)
        if start.year is None:
            start.year = _infer_year(start, anchor)
            if start.year is None:  # no anchor: say nothing rather than guess
                values.append(None)
                continue
            end.year = start.year + (b != a and end.month_day < start.month_day)
        first, last = _iso(start), _iso(end)
        if first is None or last is None:  # "February 30": not a date, and not a month either
            values.append(None)
            continue
        if last < first:
            raise _Cut(b)
        iso = first if a == b or first == last else f"{first}/{last}"
        values.append(_Value(start.first, end.end, iso, relative))
    return _join_consecutive_days(values, [links[b] if b < len(links) else "" for _, b in ranges])


def _fill_months(parts: list[_Part]) -> None:
    """A bare day takes the month of the day before it ("June 14 to 19", "June 5, 19 and July 3"),
    or of the next day written day-first ("14 to 19 June", "14 and 15 June")."""
    for k, part in enumerate(parts):
        if part.form != "d":
            continue
        if k and parts[k - 1].grain == "day":
            part.month = parts[k - 1].month
            continue
        following = next((p for p in parts[k + 1 :] if p.form != "d"), None)
        if following is None or following.form != "dm":
            raise _Cut(k)
        part.month = following.month


def _fill_written_years(parts: list[_Part]) -> None:
    """A written year applies to the year-less parts before it ("Nov. 5 and Dec. 3, 2024"),
    then to those after it ("June 14, 2023 to July 3"), crossing the New Year where the
    calendar order says so ("December 20 to January 10, 2023" starts in 2022)."""
    year, month_day = None, (0, 0)
    for part in reversed(parts):
        if part.month is not None and part.year is None and year is not None:
            part.year = year - (part.month_day > month_day)
        if part.month is not None and part.year is not None:
            year, month_day = part.year, part.month_day
    year = None
    for part in parts:
        if part.month is not None and part.year is None and year is not None:
            part.year = year + (part.month_day < month_day)
        if part.month is not None and part.year is not None:
            year, month_day = part.year, part.month_day


def _ranges(parts: list[_Part], links: list[str]) -> list[tuple[int, int]]:
    """Index pairs (start, end) of the chain's items; a single part is its own range."""
    pairs, k = [], 0
    while k < len(parts):
        if k < len(links) and links[k] == "range":
            if k + 1 < len(links) and links[k + 1] == "range":
                raise _Cut(k + 2)  # "a - b - c"
            pairs.append((k, k + 1))
            k += 2
        else:
            pairs.append((k, k))
            k += 1
    return pairs


def _iso(part: _Part) -> str | None:
    assert part.year is not None
    if part.month is None:
        return f"{part.year:04d}"
    if part.day is None:
        return f"{part.year:04d}-{part.month:02d}"
    if not _is_valid(part.year, part.month, part.day):
        return None
    return f"{part.year:04d}-{part.month:02d}-{part.day:02d}"


def _join_consecutive_days(values: list[_Value | None], links: list[str]) -> list[_Value]:
    """Consecutive days listed with a closing "and" are one range: "5, 6 and 7 May"."""
    joined, k = [], 0
    while k < len(values):
        j = k
        while j + 1 < len(values) and links[j] in ("comma", "and"):
            if not _is_next_day(values[j], values[j + 1]):
                break
            j += 1
        while j > k and links[j - 1] != "and":
            j -= 1
        first, last = values[k], values[j]
        if first is not None and last is not None:
            iso = first.iso if j == k else f"{first.iso}/{last.iso}"
            joined.append(_Value(first.first, last.end, iso, first.relative))
        k = j + 1
    return joined


def _is_next_day(a: _Value | None, b: _Value | None) -> bool:
    if a is None or b is None or len(a.iso) != 10 or len(b.iso) != 10:
        return False
    return to_date(b.iso) - to_date(a.iso) == datetime.timedelta(days=1)


# --- year inference -------------------------------------------------------------------------


def _is_deictic(part: _Part) -> bool:
    return (part.cue or "").partition(" ")[0] in DEICTIC_CUES


def _infer_year(part: _Part, anchor: Anchor | None) -> int | None:
    """The year of a year-less day or month, read from the anchor.

    With a period: the year that puts the date inside the period, else nearest to it (so
    January in a December-January period goes to the later year). With only a reference date:
    the occurrence nearest to it, i.e. within six months either side. Ties go to the later year
    (reports announce more than they recall). "last/next/this June": before, after or in the
    reference year.
    """
    if anchor is None or part.month is None:
        return None
    reference = anchor.reference or anchor.period_start or anchor.period_end
    if _is_deictic(part) and reference is not None:
        cue, _, unit = (part.cue or "").partition(" ")
        if cue == "this":
            return reference.year
        if unit == "year":  # "October of next year"
            return reference.year + DEICTIC_CUES[cue]
        if cue == "last":  # "last September": the latest September before this month
            return reference.year - (part.month >= reference.month)
        return reference.year + (part.month <= reference.month)
    low = anchor.period_start or anchor.period_end or anchor.reference
    high = anchor.period_end or anchor.period_start or anchor.reference
    if low is None or high is None:
        return None
    candidates = []
    for year in range(low.year - 1, high.year + 2):
        span = _calendar_span(year, part.month, part.day)
        if span is None:  # February 29 in a common year
            continue
        to_reference = _gap(span, reference, reference) if reference else 0
        candidates.append(((_gap(span, low, high), to_reference, -year), year))
    return min(candidates)[1] if candidates else None


def _calendar_span(
    year: int, month: int, day: int | None
) -> tuple[datetime.date, datetime.date] | None:
    if day is not None:
        return (datetime.date(year, month, day),) * 2 if _is_valid(year, month, day) else None
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, 1), datetime.date(year, month, last)


def _gap(span: tuple[datetime.date, datetime.date], low: datetime.date, high: datetime.date) -> int:
    """Days between two closed intervals, 0 when they overlap."""
    if span[1] < low:
        return (low - span[1]).days
    if span[0] > high:
        return (span[0] - high).days
    return 0
