"""Tokenizer for the date grammar (`grammar.py`): one line of text -> typed tokens.

Tokens that can only be read one way are recognized here, so the grammar never sees their
parts: numeric dates ("2023/06/14", "14.06.2023"), times of day and amounts (opaque), weekdays
in parentheses, fiscal years, sub-year spans ("Q1 2025"), two-digit years ("'82", the "24" of
"2023–24"), month-day pairs ("11/07", a date only as the second end of a numeric range).
Everything else is a word, a number or a punctuation mark.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from text_to_num import text2num

from extractor.dates.holidays import named_days
from extractor.dates.tables import (
    CARDINAL_WORDS,
    HALF_MONTHS,
    MONTH_ABBREVIATIONS,
    MONTHS,
    NUMBER_WORDS,
    ORDINAL_SUFFIXES,
    QUARTER_MONTHS,
    SEASON_MONTHS,
    SUB_YEAR_ORDINALS,
    SUB_YEAR_WORDS,
    WEEKDAYS,
)

MONTH, WEEKDAY, NUM, WORD, PUNCT = "month", "weekday", "num", "word", "punct"
NUMERIC_DATE, FISCAL, SHORT_YEAR, SUB_YEAR = "numeric-date", "fiscal", "short-year", "sub-year"
DECADE = "decade"  # "the 1970s", "1980's"
HOLIDAY = "holiday"  # a named day of extractor/data/holidays.tsv ("Black Friday")
SPELLED_YEAR = "spelled-year"  # "two thousand and four", "nineteen eighty-four"
WEEKDAY_NOTE, OPAQUE = "weekday-note", "opaque"  # "(Wed)"; times and amounts
NUMERIC_PAIR = "numeric-pair"  # "11/07": a month and day only after a numeric date ("to 11/07")
RANGE_MARK = "range-mark"  # the "–" or "/" of "2023–24", "2024/25"

# A lone 4-digit number is read as a year only in this range: outside it, "1500" or "2500" are
# far more often counts or codes than years in reports.
BARE_YEARS = range(1900, 2101)
# A numeric date's year must be one a page dates things in; "0001-01-01" in a page's metadata is
# a placeholder, and a year-1 anchor would put every inferred date outside the calendar.
NUMERIC_YEARS = range(1000, 3000)


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_NUMBER_WORDS = _alternatives(NUMBER_WORDS)

# Named days of extractor/data/holidays.tsv, as written; an apostrophe may be curly.
_HOLIDAY_NAMES = "|".join(
    re.escape(name).replace("'", "['’]") for name in sorted(named_days(), key=len, reverse=True)
)


def _first_letters(words: Iterable[str], fold: bool = False) -> str:
    """A character class of the first letters of `words` (both cases with `fold`): a cheap test
    before a long alternation of words, which the regex engine would try one by one."""
    firsts = {word[0] for word in words}
    if fold:
        firsts |= {c.upper() for c in firsts} | {c.lower() for c in firsts}
    return "[" + "".join(re.escape(c) for c in sorted(firsts)) + "]"


# The first letters of the words a sub-year span ("first quarter", "Q1", "H2", "spring"), a run
# of number words or a named day can start with.
_SUB_YEAR_FIRST = _first_letters(
    [*SUB_YEAR_WORDS["ordinal"], *SUB_YEAR_WORDS["season"], "q", "h"], fold=True
)
_SPELLED_FIRST = _first_letters(NUMBER_WORDS, fold=True)
_HOLIDAY_FIRST = _first_letters(named_days())

# "5/6 June" is two days, not a numeric pair; "2000–10 May" is a year and a day
_MONTH_NAMES = "(?i:" + _alternatives([*MONTHS, *MONTH_ABBREVIATIONS]) + ")"
_NOT_AFTER = r"(?<![\d./-])"  # no digit chain before...
_NOT_BEFORE = r"(?![\d]|[-/.]\d)"  # ...or after a numeric token ("1-2-3", "03-2012-1234")
_TOKEN_RE = re.compile(
    rf"""
    (?=\d)(?:(?P<ymd>{_NOT_AFTER}\d{{4}}(?P<s1>[-/.])\d{{1,2}}(?P=s1)\d{{1,2}}{_NOT_BEFORE})
    |(?P<dmy>{_NOT_AFTER}\d{{1,2}}(?:(?P<s2>[-.])\d{{1,2}}(?P=s2)\d{{4}}
        |/(?:[ ](?=\d/))?\d{{1,2}}/(?:\d{{4}}|\d{{2}})){_NOT_BEFORE})
    |(?P<years>{_NOT_AFTER}(?P<y1>\d{{4}})(?P<ys>[–—/]|-(?=1[3-9]|[2-9]\d))(?P<y2>\d{{2}})\b{_NOT_BEFORE}
        (?!\s?(?:{_MONTH_NAMES})\b))
    |(?P<time>\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s?[aApP]\.?[mM]\b\.?)?|\d{{1,2}}\s?[aApP]\.?[mM]\b\.?)
    |(?P<pair>{_NOT_AFTER}\d{{1,2}}[/.]\d{{1,2}}{_NOT_BEFORE}(?!\s?(?:{_MONTH_NAMES})\b))
    |(?P<amount>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?(?!\d)|\d+\.\d+(?!\d)))
    |(?P<weekday>\(\s*(?i:{_alternatives(WEEKDAYS)})\.?\s*\))
    |(?P<fiscal>\b(?:FY|[Ff]iscal\s+[Yy]ear|[Ff]iscal)\s?(?P<fy>\d{{4}}|\d{{2}})(?:[-/]\d{{2,4}})?\b)
    |(?P<subyear>\b(?={_SUB_YEAR_FIRST})(?i:(?:(?:{_alternatives(SUB_YEAR_WORDS["ordinal"])})[\s-]+
        (?:{_alternatives(SUB_YEAR_WORDS["part"])})\s+(?:of\s+)?|Q[1-4]\s+|H[12]\s+
        |(?:{_alternatives(SUB_YEAR_WORDS["season"])})\s+(?:of\s+)?))\d{{4}}
        (?:(?<=\d)[–—/-](?:\d{{4}}|\d{{2}})(?=\b)(?!\s?(?:{_MONTH_NAMES})\b))?\b)
    |(?P<decade>(?<![\d'’])(?:1[1-9]|20)\d0['’]?s\b)
    |(?P<spelled>\b(?={_SPELLED_FIRST})(?i:(?:{_NUMBER_WORDS})(?:(?:[\s-]+and)?[\s-]+(?:{_NUMBER_WORDS}))+)\b)
    |(?P<holiday>\b(?={_HOLIDAY_FIRST})(?:{_HOLIDAY_NAMES})(?![\w'’]))
    |(?P<short>['’]\d{{2}}\b(?!\s?(?:{_MONTH_NAMES})\b))
    |(?P<word>[A-Za-z0-9]+)
    |(?P<punct>\S)
    """,
    re.VERBOSE,
)
_ORDINAL_RE = re.compile(rf"(\d{{1,2}})(?:{_alternatives(ORDINAL_SUFFIXES)})")


class _Fields(NamedTuple):
    kind: str
    start: int  # offsets into the line
    end: int
    text: str
    value: int  # month, weekday, number or year
    ymd: tuple[int, int, int] | None  # numeric dates; (first, second, 0) for a pair
    ordinal: bool  # "14th"
    order: str  # numeric dates: "ymd", "dmy" or "mdy", how a following pair reads
    sep: str  # numeric dates and pairs: the separator, "/" "-" or "."
    word: str  # the text in lower case, which the grammar reads most


class Token(_Fields):
    """A token of one line (a tuple: a line of text makes hundreds, and a tuple is made fast)."""

    __slots__ = ()

    def __new__(
        cls,
        kind: str,
        start: int,
        end: int,
        text: str,
        value: int = 0,
        ymd: tuple[int, int, int] | None = None,
        ordinal: bool = False,
        order: str = "",
        sep: str = "",
    ) -> Token:
        fields = (kind, start, end, text, value, ymd, ordinal, order, sep, text.lower())
        return tuple.__new__(cls, fields)

    def __getnewargs__(self) -> tuple[object, ...]:  # pickle and copy: the arguments, no word
        return tuple(self[:9])


def lines(text: str) -> Iterator[tuple[int, str]]:
    """(offset, line) for each non-empty line: an expression never crosses a line break."""
    for match in re.finditer(r"[^\n]+", text):
        yield match.start(), match.group()


def full_year(digits: str, pivot: int) -> int:
    """A 2- or 4-digit year; two digits land in the century that puts them at most `pivot`."""
    if len(digits) == 4:
        return int(digits)
    year = pivot // 100 * 100 + int(digits)
    return year if year <= pivot else year - 100


def is_valid(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


# A line that is only a day, month and two-digit year with dots ("02.12.19") is a dateline, as
# European sites write it under a headline; inside a sentence the same shape is more often a
# version or a section number, so it is read only alone.
_DOTTED_DATE_LINE = re.compile(r"\s*(\d{2}\.\d{2}\.\d{2})\s*")


# Where a line may read a two-digit year, which the pivot puts in its century: a slashed date
# ("7/8/07"), a dotted dateline ("02.12.19"), a fiscal year ("FY19", "fiscal year 19") or an
# apostrophe year ("'19"). Wider than the token patterns, never narrower.
_TWO_DIGIT_YEAR = re.compile(
    r"\d/ ?\d{1,2}/\d\d|\d\d\.\d\d\.\d\d|(?:FY|[Ff]iscal)(?:\s+[Yy]ear)?\s?\d\d|['’]\d\d"
)


def reads_pivot(line: str) -> bool:
    """Whether tokenize(line, pivot) may depend on the pivot; when not, any pivot gives the
    same tokens (so a line read under two anchors is tokenized once)."""
    return _TWO_DIGIT_YEAR.search(line) is not None


def tokenize(line: str, pivot: int, day_first: bool = False) -> list[Token]:
    """Tokens of one line. `day_first`: the page's locale writes 07/03/2022 for 7 March."""
    if (alone := _DOTTED_DATE_LINE.fullmatch(line)) is not None:
        start, end = alone.span(1)
        token = _numeric_date(start, end, line[start:end], pivot, day_first)
        return [token] if token.kind == NUMERIC_DATE else []
    tokens: list[Token] = []
    for match in _TOKEN_RE.finditer(line):
        start, end, text, group = match.start(), match.end(), match.group(), match.lastgroup
        if group == "word":  # most tokens
            tokens.append(_word_token(start, end, text))
        elif group == "punct":
            tokens.append(Token(PUNCT, start, end, text))
        elif group in ("ymd", "dmy"):
            tokens.append(_numeric_date(start, end, text, pivot, day_first))
        elif group == "years":
            tokens.extend(_year_span(match))
        elif group == "pair":
            first, second = re.split(r"[/.]", text)
            pair = (int(first), int(second), 0)
            order = "dmy" if day_first else "mdy"  # the page's order, for a lone pair
            tokens.append(
                Token(NUMERIC_PAIR, start, end, text, ymd=pair, sep=text[len(first)], order=order)
            )
        elif group in ("time", "amount"):
            tokens.append(Token(OPAQUE, start, end, text))
        elif group == "weekday":
            name = text.strip("() .").lower()
            tokens.append(Token(WEEKDAY_NOTE, start, end, text, WEEKDAYS.get(name, 0)))
        elif group == "fiscal":
            tokens.append(Token(FISCAL, start, end, text, full_year(match["fy"], pivot)))
        elif group == "subyear":
            tokens.append(_sub_year(start, end, text))
        elif group == "decade":
            tokens.append(Token(DECADE, start, end, text, int(text[:4])))
        elif group == "spelled":
            tokens.extend(_spelled(start, end, text))
        elif group == "holiday":
            tokens.append(Token(HOLIDAY, start, end, text))
        else:
            assert group == "short", group
            tokens.append(Token(SHORT_YEAR, start, end, text, full_year(text[1:], pivot)))
    return tokens


def _spelled(start: int, end: int, text: str) -> list[Token]:
    """A run of number words: a year ("two thousand and four"), else the number it spells
    ("twenty-five years ago": 25), else its words one by one ("one, two, three")."""
    year = spelled_year(text)
    if year is not None:
        return [Token(SPELLED_YEAR, start, end, text, year)]
    try:
        return [Token(NUM, start, end, text, text2num(_number_words(text), "en"))]
    except ValueError:
        words = re.finditer(r"[A-Za-z]+", text)
        return [_word_token(start + m.start(), start + m.end(), m.group()) for m in words]


def _number_words(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower().replace("-", " ")).strip()


def spelled_year(text: str) -> int | None:
    """The year a run of number words spells, 1000-2999, or None: "two thousand and four" (one
    number, read by text2num), "nineteen eighty-four" (two: the century and the year in it)."""
    words = _number_words(text)
    try:
        value = text2num(words, "en")
    except ValueError:
        value = None
    if value is None:
        parts = words.split(" ", 1)
        if len(parts) == 2 and parts[0] in _CENTURY_WORDS:
            try:
                rest = text2num(parts[1], "en")
            except ValueError:
                return None
            value = _CENTURY_WORDS[parts[0]] * 100 + rest if 10 <= rest <= 99 else None
    return value if value is not None and 1000 <= value <= 2999 else None


# The first word of a year spelled as two numbers ("nineteen eighty-four", "twenty twenty").
_CENTURY_WORDS = {word: n for word, n in CARDINAL_WORDS.items() if 10 <= n <= 20}


def _sub_year(start: int, end: int, text: str) -> Token:
    """A sub-year span of a written year: its year as the value, its first and last month
    (and the year offset of the last: winter ends in February of the next) in `ymd`."""
    found = re.search(r"\d{4}", text)
    assert found is not None  # the pattern ends in a year, or a year and the next
    year = int(found.group())
    words = re.findall(r"[a-z]+|\d", text[: found.start()].lower())
    if words[0] in ("q", "h"):
        kind, number = ("quarter" if words[0] == "q" else "half"), int(words[1])
    elif words[0] in SEASON_MONTHS:
        first, last = SEASON_MONTHS[words[0]]
        return Token(SUB_YEAR, start, end, text, year, ymd=(first, last, int(last < first)))
    else:
        kind, number = words[1], SUB_YEAR_ORDINALS[words[0]]
    months = QUARTER_MONTHS if kind == "quarter" else HALF_MONTHS
    if number not in months and number != 0:
        return Token(OPAQUE, start, end, text)  # "the fourth half of 2020" is no span
    first, last = months[number or len(months)]
    return Token(SUB_YEAR, start, end, text, year, ymd=(first, last, 0))


def _year_span(match: re.Match[str]) -> list[Token]:
    """ "2023–24", "2019-20", "2024/25": a range of years when the second comes later in the
    same century, else a number, a mark and a number, as any other text."""
    first, second = int(match["y1"]), int(match["y2"])
    s1, s2 = match.span("y1"), match.span("y2")
    mark = Token(PUNCT, s1[1], s2[0], match["ys"])
    tokens = [_word_token(*s1, match["y1"]), mark, _word_token(*s2, match["y2"])]
    if first in BARE_YEARS and second > first % 100:
        mark = Token(RANGE_MARK, mark.start, mark.end, mark.text)
        end_year = Token(SHORT_YEAR, *s2, match["y2"], first // 100 * 100 + second)
        tokens[1:] = [mark, end_year]
    return tokens


def _word_token(start: int, end: int, text: str) -> Token:
    if text.isdigit():
        return Token(NUM, start, end, text, int(text))
    if text[0].isdigit() and (ordinal := _ORDINAL_RE.fullmatch(text)):
        return Token(NUM, start, end, text, int(ordinal[1]), ordinal=True)
    if text[0].isupper():
        key = text.lower()
        if key in MONTHS or key in MONTH_ABBREVIATIONS:
            return Token(MONTH, start, end, text, MONTHS.get(key) or MONTH_ABBREVIATIONS[key])
        if key in WEEKDAYS:
            return Token(WEEKDAY, start, end, text, WEEKDAYS[key])
    return Token(WORD, start, end, text)


def _numeric_date(start: int, end: int, text: str, pivot: int, day_first: bool) -> Token:
    """2023/06/14, 14.06.2023 (day first, as dotted dates are written; month first only when
    the second number cannot be a month), 7/8/07 (month first: the US reading of a slash,
    unless the page's locale writes the day first)."""
    sep = text[len(re.split(r"[-/.]", text)[0])]
    first, second, third = text.split(sep)
    if len(first) == 4:
        year, month, day, order = int(first), int(second), int(third), "ymd"
    else:
        year, a, b = full_year(third, pivot), int(first), int(second)
        month_first = ("/" in text and a <= 12 and not day_first) or b > 12
        month, day = (a, b) if month_first else (b, a)
        order = "mdy" if month_first else "dmy"
    if year not in NUMERIC_YEARS or not is_valid(year, month, day):
        return Token(OPAQUE, start, end, text)  # "0001-01-01": a CMS's placeholder, no date
    return Token(NUMERIC_DATE, start, end, text, ymd=(year, month, day), order=order, sep=sep)


# --- token access ---------------------------------------------------------------------------


def at(tokens: list[Token], i: int) -> Token | None:
    return tokens[i] if 0 <= i < len(tokens) else None


def word_is(tokens: list[Token], i: int, *words: str) -> bool:
    """Whether tokens[i] exists and is one of `words` (lower case)."""
    token = at(tokens, i)
    return token is not None and token.word in words


def kind_at(tokens: list[Token], i: int) -> str | None:
    token = at(tokens, i)
    return token.kind if token else None


def this_past(tokens: list[Token], i: int) -> bool:
    """Whether "this past" stands before tokens[i] ("this past May", "this past Saturday")."""
    return word_is(tokens, i - 1, "past") and word_is(tokens, i - 2, "this")
