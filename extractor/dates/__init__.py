"""Date grammar and normalizer: calendar dates in English text as ISO 8601 values.

Pure functions, no spaCy. `find_dates` splits the text into lines, tokenizes each line
(`lexer`), reads the written date expressions with the `grammar` (parts joined into ranges and
lists, a year inferred from the `Anchor` where the text leaves it out, in `context`), and the
relative ones with `relative`. Word lists are data, in `tables`; the shared records (`Anchor`,
`DateMatch`) live in `types`.

Values: a day "2023-06-14", a month "2023-06", a year "2023", or a closed interval
"2023-06-14/2023-06-19"; a range is one value, its ends are not also reported.

Forms: "June 14 (Wed) to July 3 (Mon), 2023"; "14–19 June 2023", "from 14 to 19 June", "June
14-19", "14th to 19th June 2023", "between 3 and 7 March"; "Jun. 14, 2023" (abbreviations with
or without a dot); numeric dates 2023/06/14, 2023-06-14, 14.06.2023 (day first, as dotted dates
are written; month first only when the second number cannot be a month), 7/8/07 (month first
when ambiguous: the US reading of a slash), and the year-less second end of a numeric range
("2019/11/06 to 11/07", read in the order of the first end); ranges across months and years;
consecutive days joined by "and" or a slash ("14 and 15 June", "5/6 June": one range); lists
("June 5, 19 and July 3, 2023": three days); weekday names before a date or in parentheses
(skipped); bare month names after a cue word ("in June", "since November", "mid-June") or alone
in parentheses ("Field practice on a tidal flat (June)"); plain years 1900-2100 ("since 2018");
ranges of years "2009–2011", "2023–24", "2019-20"; fiscal years "FY2023", "fiscal year 2023"
(value "2023"; `fiscal_year_span` gives the interval); "'82".

Relative expressions ("the following day", "on Tuesday", "last year", "today", "the second
day", "last September") are resolved against the anchor and the dates mentioned before them
(`relative`) and marked `relative=True`.

Decisions:
- Hedged spans give the written value: "end of 2025" -> "2025", "early June" -> June,
  "earlier this year" -> the reference's year.
- Sub-year spans and decades are intervals: "the first quarter of 2009" -> "2009-01/2009-03",
  "H2 2024", "summer 2023" -> "2023-06/2023-08" (meteorological, northern hemisphere; winter
  runs into the next year), "the 1970s" -> "1970/1979", "the 1300s" -> "1300/1399".
- Years before 1900 only where written as years ("founded in 1871", "(1632–1677)").
- Not dates: times of day ("19:00–20:30 JST", "1909 GMT"), amounts and counts ("2,000
  people", "140 people", "$2012"), labels ("No. 189", "Day 1 (5 March)"), street numbers ("1909
  Jolinda Drive"), digit chains ("03-2012-1234"), vague spans ("recently", "in recent years"),
  weeks ("last week"; but "a week ago" is the day seven days back).
- An expression never crosses a line break. Month names must be capitalized ("may" is a verb);
  "March", "May", "April", "June" and "August" alone need a cue word or parentheses ("March
  for peace" is not a date), the other month names do not ("February sales").
"""

from __future__ import annotations

import datetime
import functools
import re

from extractor.dates.grammar import Value, may_start_part, read_chain
from extractor.dates.lexer import (
    FISCAL,
    MONTH,
    NUM,
    NUMERIC_DATE,
    PUNCT,
    WEEKDAY,
    Token,
    lines,
    reads_pivot,
    tokenize,
)
from extractor.dates.relative import Mentioned, may_start_relative, point_span, read_relative
from extractor.dates.types import Anchor, DateMatch, Inference

__all__ = [
    "Anchor",
    "DateMatch",
    "Inference",
    "find_dates",
    "fiscal_year_span",
    "last_date",
    "parse_date",
    "span_bounds",
    "to_date",
]

# Two-digit years ("'82", "7/8/07") land in the century that puts them at most this many years
# after the reference year...
TWO_DIGIT_YEAR_LEAD = 10
# ...or, without a reference, at most 2068: the POSIX `%y` rule (69-99 -> 19xx, 00-68 -> 20xx).
TWO_DIGIT_YEAR_PIVOT = 2068


# A line of at most this many tokens, led by a date, next to another such line, is an item of a
# list of dates, whose year-less dates take the candidate year the text wrote last ("Jul 2 -
# Cleveland, OH" after "their 2020 tour").
FRAMED_LINE_TOKENS = 16


_WEB_ADDRESS = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']*[^\s<>\"'.,;:!?)\]]", re.I)


def find_dates(text: str, anchor: Anchor | None = None) -> list[DateMatch]:
    """All date expressions of `text`, non-overlapping, in order."""
    return list(_found(text, anchor))


# The last texts read with their anchors: a page's lead is read for its period, then read again
# as its first section, with the same anchor (82 of aeb-dev's 185 pages).
FOUND_TEXTS = 8


@functools.lru_cache(maxsize=FOUND_TEXTS)
def _found(text: str, anchor: Anchor | None) -> tuple[DateMatch, ...]:
    return tuple(_find(text, anchor, tenses=True))


def parse_date(text: str, anchor: Anchor | None = None) -> DateMatch | None:
    """The first written date in a short text (a heading, a "Date: ..." line), if any.

    Relative expressions are skipped: a heading or meta line carries its own date, and "Day 2"
    or "Next year" in a heading is a label, not the section's date. Nor is the tense of a
    heading read: "Heat action plans (22 August)" is not in the future.
    """
    return next((m for m in _find(text, anchor, tenses=False) if not m.relative), None)


def _find(text: str, anchor: Anchor | None, tenses: bool) -> list[DateMatch]:
    pivot = _two_digit_pivot(anchor)
    mentioned = Mentioned()
    context = anchor or Anchor()  # "the following day" needs no anchor after a written date
    matches = []
    written = list(anchor.written_years) if anchor else []  # for the lines of a list
    day_first = bool(anchor and anchor.day_first)
    # a web address writes no date ("http://www.w3.org/TR/2014/REC-json-ld-20140116/"): blanked,
    # offsets kept, the period that may end its sentence left
    masked = _WEB_ADDRESS.sub(lambda m: " " * len(m.group()), text)
    tokenized = [(offset, *_tokenized(line, pivot, day_first)) for offset, line in lines(masked)]
    listed = [_is_list_line(tokens) for _, tokens, _ in tokenized]
    for n, (offset, tokens, starts) in enumerate(tokenized):
        in_list = listed[n] and any(listed[max(n - 1, 0) : n] + listed[n + 1 : n + 2])
        frame = tuple(written) if tenses and in_list else ()
        i = 0
        for start_at in starts:
            if start_at < i:
                continue  # inside the expression read last
            i = start_at
            values = read_chain(tokens, i, anchor, tenses, frame)
            if values is None and (relative := read_relative(tokens, i, context, mentioned)):
                first, end, iso, inference = relative
                values = end, [Value(first, end, iso, relative=True, inference=inference)]
            if values is None:
                i += 1
                continue
            i, found = values
            for value in found:
                start = offset + tokens[value.first].start
                end = offset + tokens[value.end - 1].end
                match = DateMatch(
                    start, end, text[start:end], value.iso, value.relative, value.inference
                )
                matches.append(match)
                mentioned.note(value.iso)
                if match.written_out:
                    written.append(int(value.iso[:4]))
    return matches


# Lines whose tokens are kept: a page's lead is read again in its sections, and a site repeats
# its boilerplate. The tokens of a line depend on the line, the order and (where it writes a
# two-digit year) the pivot alone. Only lines of up to KEPT_LINE_CHARS are kept, so that the
# memo stays a few MB whatever the pages.
TOKENIZED_LINES = 1024
KEPT_LINE_CHARS = 2000


def _tokenized(line: str, pivot: int, day_first: bool) -> tuple[list[Token], list[int]]:
    """tokenize(line), shared by every reading of the line (never changed by its readers), and
    the indices of the tokens where an expression can start (most words start none)."""
    if len(line) > KEPT_LINE_CHARS:
        return _tokens_and_starts(line, pivot, day_first)
    if not reads_pivot(line):
        # one entry whatever the pivot: a lead is read before the publication day sets the
        # pivot, and again in its sections after
        pivot = TWO_DIGIT_YEAR_PIVOT
    return _kept_tokens(line, pivot, day_first)


def _tokens_and_starts(line: str, pivot: int, day_first: bool) -> tuple[list[Token], list[int]]:
    tokens = tokenize(line, pivot, day_first=day_first)
    return tokens, [i for i, t in enumerate(tokens) if may_start_part(t) or may_start_relative(t)]


_kept_tokens = functools.lru_cache(maxsize=TOKENIZED_LINES)(_tokens_and_starts)


def _is_list_line(tokens: list[Token]) -> bool:
    """Whether a line can be an item of a list of dates: short, and led by a date ("June 9 –
    West Palm Beach, FL", "- 12 March: Lisbon")."""
    if not tokens or len(tokens) > FRAMED_LINE_TOKENS:
        return False
    lead = next((t for t in tokens if t.kind != PUNCT), None)
    return lead is not None and lead.kind in LIST_LEADS


# Tokens a list item of dates starts with.
LIST_LEADS = frozenset({MONTH, NUM, WEEKDAY, NUMERIC_DATE})


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


def last_date(point: str) -> datetime.date:
    """The last day of a point value: "2023-06" -> 2023-06-30, "2023" -> 2023-12-31."""
    to_date(point)  # raises ValueError if malformed
    return point_span(point)[1]


def fiscal_year_span(text: str, start_month: int = 4) -> DateMatch | None:
    """The first fiscal year named in `text` as an interval: "FY2024" -> "2024-04-01/2025-03-31".

    Fiscal year N starts on the first day of `start_month` in calendar year N and lasts twelve
    months, whatever the start month: 4 (the default) is the Japanese April-March year, 1 the
    calendar year, 7 a July-June year (FY2024 = 2024-07-01/2025-06-30), 10 an October-September
    year (FY2024 = 2024-10-01/2025-09-30). Bodies that name a fiscal year by the calendar year in
    which it ends (the US federal FY2024 began 2023-10-01) need the year shifted by the caller.
    "FY2023/24" and "FY2023-24" are fiscal year 2023.
    """
    if not 1 <= start_month <= 12:
        raise ValueError(f"start_month must be 1-12, not {start_month}")
    for offset, line in lines(text):
        for token in tokenize(line, TWO_DIGIT_YEAR_PIVOT):
            if token.kind == FISCAL:
                first = datetime.date(token.value, start_month, 1)
                after = datetime.date(token.value + 1, start_month, 1)
                value = f"{first.isoformat()}/{(after - datetime.timedelta(days=1)).isoformat()}"
                start, end = offset + token.start, offset + token.end
                return DateMatch(start, end, text[start:end], value)
    return None


def _two_digit_pivot(anchor: Anchor | None) -> int:
    if anchor is not None and anchor.reference is not None:
        return anchor.reference.year + TWO_DIGIT_YEAR_LEAD
    return TWO_DIGIT_YEAR_PIVOT
