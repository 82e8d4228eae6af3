"""The date grammar: tokens of one line -> written date expressions and their values.

*Parts* ("June 14", "14th June 2023", "June 2023", "2023", a bare day "19") are joined into
*chains* by range links (-, –, —, ~, to, until, till, through, "between ... and") and list links
(",", "and", the slash of "5/6 June"). Each chain yields:

- one value per range or list item: a day "2023-06-14", a month "2023-06", a year "2023", or a
  closed interval "2023-06-14/2023-06-19". A range is one value, its ends are not also reported;
  consecutive days joined by "and" ("14 and 15 June", "5, 6 and 7 May") are one range too;
- a written year applies to the year-less parts around it ("Nov. 5, Nov. 19 and Dec. 3, 2024",
  "October 22 to November 21, 2024"), a bare day takes the month of its neighbour
  ("June 14 to 19", "14 to 19 June", "June 5, 19 and July 3, 2023");
- a year that is not written is inferred from the `Anchor` (`context.infer_year`). Without
  an anchor such a date gives no match: nothing is better than a guess.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from extractor.dates.context import (
    FUTURE,
    Tense,
    infer_named_day,
    infer_year,
    is_deictic,
    read_tense,
)
from extractor.dates.holidays import day_of, one_word
from extractor.dates.lexer import (
    BARE_YEARS,
    DECADE,
    FISCAL,
    HOLIDAY,
    MONTH,
    NUM,
    NUMERIC_DATE,
    NUMERIC_PAIR,
    PUNCT,
    RANGE_MARK,
    SHORT_YEAR,
    SPELLED_YEAR,
    SUB_YEAR,
    WEEKDAY,
    WEEKDAY_NOTE,
    WORD,
    Token,
    at,
    is_valid,
    kind_at,
    this_past,
    word_is,
)
from extractor.dates.tables import (
    AMOUNT_SIGNS,
    BARE_MONTHS,
    CHANGE_VERBS,
    COMPASS_POINTS,
    DEICTIC_CUES,
    DIMENSION_LINKS,
    DIMENSION_UNITS,
    HISTORIC_YEARS,
    IRREGULAR_PAST,
    MEASURE_NOUNS,
    MONTH_ABBREVIATIONS,
    MONTH_CUES,
    NAMED_DAY_CUES,
    NUMBER_LABELS,
    ORDINAL_WORDS,
    QUANTITY_UNITS,
    RANGE_MARKS,
    RANGE_WORDS,
    REFLEXIVES,
    SPELLED_YEAR_INTRODUCERS,
    STREET_NAME_MAX_WORDS,
    STREET_SUFFIXES,
    SUB_YEAR_WORDS,
    TIME_NOUNS,
    TIME_ZONES,
    TIMES_OF_DAY,
    YEAR_APPROXIMATORS,
    YEAR_FOLLOWERS,
    YEAR_INTRODUCERS,
)
from extractor.dates.types import Anchor, Inference

# Next to a month name a number is plainly a year, so older dates ("June 18, 1815") are kept.
WRITTEN_YEARS = range(1000, 2200)
# Any leap year: whether a month and day can be a date in some year (February 29 can).
LEAP_YEAR = 2000


# --- parts: one date item -------------------------------------------------------------------


@dataclass
class _Part:
    """A date item as written; resolution fills in the month and year it leaves out."""

    first: int  # token indices: [first, end)
    end: int
    # "md" June 14, "dm" 14 June, "d" 19, "m" June, "y" 2023, "numeric", "sub-year" (Q1 2025,
    # summer 2023, the 1970s)
    form: str
    month: int | None = None
    day: int | None = None
    year: int | None = None
    cue: str | None = None  # the word before a bare month ("in", "last"), or "(" for "(June)"
    bare: bool = False  # a month name that is a date without a cue ("February sales")
    span: str = ""  # a sub-year span or a decade: its value, an interval ("2009-01/2009-03")
    weekday: int | None = None  # the weekday written with a day ("Tuesday, March 4", "4 (Tue)")
    name: str = ""  # a named day ("Black Friday")
    order: str = ""  # numeric dates: how a year-less second end reads ("ymd", "dmy", "mdy")
    sep: str = ""  # numeric dates: their separator

    @property
    def grain(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def month_day(self) -> tuple[int, int]:
        return self.month or 0, self.day or 0


def _parse_part(tokens: list[Token], i: int) -> _Part | None:
    part = _read_part(tokens, i)
    if part is not None and part.day is not None:
        part.weekday = next(
            (t.value for t in tokens[part.first : part.end] if t.kind in (WEEKDAY, WEEKDAY_NOTE)),
            _weekday_before(tokens, part.first),
        )
    return part


def _weekday_before(tokens: list[Token], i: int) -> int | None:
    """The weekday of a day written in parentheses after it: "Monday night (Nov. 18)"."""
    if not word_is(tokens, i - 1, "("):
        return None
    k = i - 2 - word_is(tokens, i - 2, *TIMES_OF_DAY)
    return tokens[k].value if kind_at(tokens, k) == WEEKDAY else None


def _read_part(tokens: list[Token], i: int) -> _Part | None:
    token = at(tokens, i)
    if token is None:
        return None
    if token.kind == WEEKDAY:  # "Tuesday, 5 November 2024"
        part = _read_part(tokens, i + 1 + word_is(tokens, i + 1, ","))
        return replace(part, first=i) if part and part.form in ("md", "dm", "numeric") else None
    if token.kind == NUMERIC_DATE and token.ymd:
        year, month, day = token.ymd
        end = _skip_weekday(tokens, i + 1)
        return _Part(i, end, "numeric", month, day, year, order=token.order, sep=token.sep)
    if token.kind in (FISCAL, SHORT_YEAR):
        return _Part(i, i + 1, "y", year=token.value)
    if token.kind == NUMERIC_PAIR and (pair := _us_month_day(tokens, i)) is not None:
        return _Part(i, _skip_weekday(tokens, i + 1), "md", *pair)
    if token.kind == SUB_YEAR and token.ymd:
        first, last, carry = token.ymd
        iso = f"{token.value:04d}-{first:02d}/{token.value + carry:04d}-{last:02d}"
        return _Part(i, i + 1, "sub-year", span=iso)
    if token.kind == HOLIDAY:
        return _named_day(tokens, i)
    if token.kind == SPELLED_YEAR and word_is(tokens, i - 1, *SPELLED_YEAR_INTRODUCERS):
        # "in two thousand and four", but not "in two thousand homes"
        return None if _counts_something(tokens, i) else _Part(i, i + 1, "y", year=token.value)
    if token.kind == DECADE:
        # "the 1300s" and "the 1900s" are centuries; "the 2000s" the decade it is in speech
        length = 100 if token.value % 100 == 0 and token.value < 2000 else 10
        return _Part(i, i + 1, "sub-year", span=f"{token.value:04d}/{token.value + length - 1:04d}")
    if token.kind == MONTH:
        return _month_first(tokens, i)
    if _day_at(tokens, i) is not None:
        return _day_first(tokens, i)
    if _is_bare_year(tokens, i):
        return _Part(i, i + 1, "y", year=token.value)
    return None


def _modifies_a_noun(tokens: list[Token], i: int) -> bool:
    """Whether tokens[i] is a common noun the name before it modifies ("Black Friday deals",
    "Christmas shopping"): the clause's verb then tells of the noun, not of the day."""
    token = at(tokens, i)
    return (
        token is not None
        and token.kind == WORD
        and token.text.islower()
        and token.word not in YEAR_FOLLOWERS
        and not _is_past_verb(token.word)
        and token.word not in ("is", "was", "will", "has", "had")
        and token.word not in DEICTIC_CUES
        and token.word not in TIMES_OF_DAY
        and token.word not in ("year", "week", "weekend", "day", "eve")
        and not token.word.endswith("ly")
    )


def _named_day(tokens: list[Token], i: int) -> _Part | None:
    """ "Christmas Day", "Thanksgiving 2019", "last Christmas", "on Easter": a one-word name needs
    a cue word before it or a year after it ("Christmas sales" is the season, not the day)."""
    name = tokens[i].text.replace("’", "'")
    if _names_something(tokens, i + 1):
        return None  # "Easter Island", "Earth Day Network", "Thanksgiving Day Parade"
    # the year after it: "Christmas 2008", "Easter of 2019", "Thanksgiving, 2019"
    at_year = i + 1 + word_is(tokens, i + 1, "of", ",")
    year = _written_year(tokens, at_year)
    cue = tokens[i - 1].word if word_is(tokens, i - 1, *NAMED_DAY_CUES) else None
    if year is None and cue is None and one_word(name):
        return None
    first = i - 1 if cue in DEICTIC_CUES else i
    end = at_year + 1 if year is not None else i + 1
    return _Part(first, end, "holiday", year=year, cue=cue, name=name)


def _month_first(tokens: list[Token], i: int) -> _Part | None:
    month, j = tokens[i].value, _skip_dot(tokens, i)
    day = _day_at(tokens, j)
    if day is not None and not _is_quantity(tokens, j + 1):
        end = _skip_weekday(tokens, j + 1)
        year, end = _year_after(tokens, end)
        if year is None:
            end = _trailing_weekday(tokens, end)
        return _Part(i, end, "md", month, day, year)
    k = j + word_is(tokens, j, "of")
    year = _written_year(tokens, k)
    if year is None and word_is(tokens, j, ",") and not _counts_something(tokens, j + 1):
        k, year = j + 1, _written_year(tokens, j + 1)  # "since October, 1805, when"
    if year is not None:
        return _Part(i, k + 1, "m", month, year=year)
    in_range = (word_is(tokens, j, *RANGE_MARKS) and kind_at(tokens, j + 1) == MONTH) or (
        word_is(tokens, i - 1, *RANGE_MARKS) and kind_at(tokens, i - 2) == MONTH
    )
    if tokens[i].word in MONTH_ABBREVIATIONS and not in_range:
        return None  # "Mar" or "Jan" alone is not a date; "Jan-Mar 2016" is
    if word_is(tokens, j + word_is(tokens, j, "-"), *SUB_YEAR_WORDS["part"]):
        return None  # "the September quarter": the quarter that ends in it, not the month
    if word_is(tokens, k, *DEICTIC_CUES) and word_is(tokens, k + 1, "year"):
        # "October of next year", "September last year"
        return _Part(i, k + 2, "m", month, cue=f"{tokens[k].word} year")
    cue = _cue_before(tokens, i)
    if cue is None and word_is(tokens, i - 1, "(") and word_is(tokens, j, ")"):
        cue = "("  # "Field practice on a tidal flat (June)": a caption's month
    first = i - 1 if cue in DEICTIC_CUES else i  # "last September" is the expression
    if this_past(tokens, i):
        cue, first = "last", i - 2  # "this past May" is the last May
    bare = tokens[i].word in BARE_MONTHS and not _names_something(tokens, j)
    return _Part(first, j, "m", month, cue=cue, bare=bare)


def _names_something(tokens: list[Token], i: int) -> bool:
    """Whether a capitalized word follows a month name, making it part of a name ("October
    Revolution", "November Project")."""
    after = at(tokens, i)
    return after is not None and after.kind == WORD and after.text[0].isupper()


def _day_first(tokens: list[Token], i: int) -> _Part | None:
    day, j = _day_at(tokens, i), _skip_weekday(tokens, i + 1)  # "7 (Fri) March"
    if word_is(tokens, j, "-") and kind_at(tokens, j + 1) == MONTH and word_is(tokens, j + 2, "-"):
        year = _written_year(tokens, j + 3)  # "14-Jun-2016"
        if year is not None:
            return _Part(i, j + 4, "dm", tokens[j + 1].value, day, year)
    k = j + word_is(tokens, j, "of")
    if kind_at(tokens, k) == MONTH:
        year, end = _year_after(tokens, _skip_weekday(tokens, _skip_dot(tokens, k)))
        return _Part(i, end, "dm", tokens[k].value, day, year)
    if tokens[i].kind != NUM or _is_quantity(tokens, j) or _is_labelled(tokens, i):
        return None
    year, end = _year_after(tokens, j)  # "September 4 to 29, 2023"
    return _Part(i, end, "d", day=day, year=year)


def _day_at(tokens: list[Token], i: int) -> int | None:
    token = at(tokens, i)
    if token is None:
        return None
    if token.kind == NUM and (token.ordinal or len(token.text) <= 2) and 1 <= token.value <= 31:
        return token.value
    # "the first of June": spelled-out days only in this form
    if (
        token.word in ORDINAL_WORDS
        and word_is(tokens, i + 1, "of")
        and kind_at(tokens, i + 2) == MONTH
    ):
        return ORDINAL_WORDS[token.word]
    return None


def _year_after(tokens: list[Token], i: int) -> tuple[int | None, int]:
    """The year written after a day and month ("June 14, 2023"), and the index after it."""
    k = i + word_is(tokens, i, ",")
    if _CLOCK.fullmatch(getattr(at(tokens, k), "text", "")) and _written_year(tokens, k + 1):
        k += 1  # a clock between day and year: "Nov 20 15:23:00 2019" (C's asctime)
    year = _written_year(tokens, k)
    return (year, _skip_weekday(tokens, k + 1)) if year is not None else (None, i)


_CLOCK = re.compile(r"\d{1,2}:\d\d(?::\d\d)?")


def _written_year(tokens: list[Token], i: int) -> int | None:
    token = at(tokens, i)
    if token is None or _is_quantity(tokens, i + 1):
        return None
    if token.kind == SHORT_YEAR:
        return token.value
    is_year = token.kind == NUM and len(token.text) == 4 and token.value in WRITTEN_YEARS
    return token.value if is_year else None


def _is_bare_year(tokens: list[Token], i: int) -> bool:
    token = tokens[i]
    if token.kind != NUM or len(token.text) != 4:
        return False
    if token.value not in BARE_YEARS and not (
        token.value in HISTORIC_YEARS and _in_year_context(tokens, i)
    ):
        return False
    return not (
        _is_quantity(tokens, i + 1)
        or _is_labelled(tokens, i)
        or _is_glued_to_number(tokens, i, -1)
        or _is_glued_to_number(tokens, i, +1)
        or word_is(tokens, i + 1, *TIME_ZONES)
        or _is_street_number(tokens, i)
        or _is_dimension(tokens, i)
        or _is_age(tokens, i)
        or _after_copyright(tokens, i)
        or _is_measured_value(tokens, i)
    )


def _is_measured_value(tokens: list[Token], i: int) -> bool:
    """Whether a number is the value of a measure: "a total score of 2072", "an average of
    1990"."""
    return word_is(tokens, i - 1, "of") and word_is(tokens, i - 2, *MEASURE_NOUNS)


def _after_copyright(tokens: list[Token], i: int) -> bool:
    """Whether a year is a copyright notice's ("Copyright (c) 2014 IETF Trust", "© 2010-2015
    The Post"): a legal notice, not a time the text tells of."""
    if word_is(tokens, i - 1, "©", "copyright"):
        return True
    if word_is(tokens, i - 1, ")") and word_is(tokens, i - 2, "c") and word_is(tokens, i - 3, "("):
        return True
    mark = at(tokens, i - 1)  # the second year of "© 2010-2015"
    return (
        mark is not None
        and mark.text in RANGE_MARKS
        and kind_at(tokens, i - 2) == NUM
        and _after_copyright(tokens, i - 2)
    )


def _is_age(tokens: list[Token], i: int) -> bool:
    """Whether a number is an age: "a 2000 year old tradition", "a 1,500-year-old tree"."""
    k = i + 1 + word_is(tokens, i + 1, "-")
    if not word_is(tokens, k, "year", "years"):
        return False
    k += 1 + word_is(tokens, k + 1, "-")
    return word_is(tokens, k, "old")


def _is_dimension(tokens: list[Token], i: int) -> bool:
    """Whether a number is one side of a measure: "1080 by 1920 pixels", "1920 x 1080". With
    "by" the unit must follow the second number: "rise 300 mm by 2050" is a forecast's year."""
    for step in (1, -1):
        j = i + step
        if step == 1 and word_is(tokens, j, *DIMENSION_UNITS):
            j += 1  # "1080 pixels by 1920 pixels"
        if not word_is(tokens, j, *DIMENSION_LINKS):
            continue
        link, other = tokens[j].word, j + step
        if step == -1 and word_is(tokens, other, *DIMENSION_UNITS):
            other -= 1  # "1080 pixels by [1920] pixels"
        if kind_at(tokens, other) != NUM:
            continue
        second = max(i, other)
        if link != "by" or word_is(tokens, second + 1, *DIMENSION_UNITS):
            return True
    return False


def _in_year_context(tokens: list[Token], i: int) -> bool:
    """Whether a number before 1900 is written as a year: after a word that introduces one
    ("founded in 1871", "since 1850", "circa 1200", "the winter of 1776") and before no noun
    it would count ("in 1500 cases"); or as one end of a span of years ("(1694–1746)",
    "from 1580 to 1660")."""
    if _counts_something(tokens, i):
        return False
    if word_is(tokens, i - 1, *YEAR_INTRODUCERS):
        return True
    if word_is(tokens, i - 1, *YEAR_APPROXIMATORS) and word_is(tokens, i - 2, *YEAR_INTRODUCERS):
        return True  # "returned home in about 1868"
    if word_is(tokens, i - 1, "by") and word_is(tokens, i + 1, ","):
        return True  # "By 1859, Norton had"
    if word_is(tokens, i - 1, ".") and word_is(tokens, i - 2, "c", "ca"):
        return True  # "c. 1818"
    if word_is(tokens, i - 1, "(") and word_is(tokens, i + 1, ")") and _after_a_name(tokens, i - 2):
        return True  # a work's or a life's year: "Childish Recollections (1806)", "Italy (1821)"
    if word_is(tokens, i - 1, "of") and word_is(tokens, i - 2, *TIME_NOUNS):
        return True  # "the summer of 1871", "the end of 1865"
    if (
        word_is(tokens, i - 1, "of")
        and _after_a_name(tokens, i - 2)
        and not _opens_sentence_at(tokens, i - 2)
    ):
        return True  # an event named by its year: "the Consultation of 1835", "the Panic of 1873"
    if word_is(tokens, i - 1, *NAME_DETERMINERS) and _before_a_name(tokens, i + 1):
        return True  # "The 1863 Emancipation Proclamation", "the 1836 Battle of the Alamo"
    for link, other in ((i + 1, i + 2), (i - 1, i - 2)):
        mark = at(tokens, link)
        end = at(tokens, other)
        if mark is None or end is None or end.kind != NUM or len(end.text) != 4:
            continue
        if _counts_something(tokens, max(i, other)):
            continue  # "from 1200 to 1500 members", "between 1000 and 1500 people"
        start = min(i, other)
        if (
            word_is(tokens, start - 1, "from")
            and word_is(tokens, start - 2, *CHANGE_VERBS)
            and word_is(tokens, start - 3, *MEASURE_NOUNS)
        ):
            continue  # "scores increased from 1061 to 1128"; "the network grew from 1870"
        if mark.text in RANGE_MARKS or mark.word in ("to", "and", "until", "till", "through"):
            first, last = (tokens[i], end) if other > i else (end, tokens[i])
            if first.value < last.value < BARE_YEARS.stop:
                return True
    return False


def _before_a_name(tokens: list[Token], i: int) -> bool:
    token = at(tokens, i)
    return token is not None and token.kind == WORD and token.text[0].isupper()


def _opens_sentence_at(tokens: list[Token], i: int) -> bool:
    """Whether tokens[i] is the first word of a sentence (its capital then says nothing)."""
    before = at(tokens, i - 1)
    return before is None or before.text in (".", "!", "?", ":", ";", "\n")


# Determiners before a year used as an attribute of a name ("The 1863 Emancipation
# Proclamation"); before a lower-case noun the number may count it ("the 1500 soldiers").
NAME_DETERMINERS = frozenset({"the", "this", "that", "his", "her", "its", "their", "s"})


def _after_a_name(tokens: list[Token], i: int) -> bool:
    """Whether tokens[i] ends a name or a title (a capitalized word, a closing quote), as
    before a year in parentheses; "participants (1500)" counts."""
    token = at(tokens, i)
    if token is None:
        return False
    return (token.kind == WORD and token.text[0].isupper()) or token.text in ('"', "”", "’", "'")


def _counts_something(tokens: list[Token], i: int) -> bool:
    """Whether the number at tokens[i] counts the noun after it ("in 1500 cases"); a verb in
    the past after it is the clause's ("in 1887 earned his degree", not "1500 reported
    cases")."""
    after = at(tokens, i + 1)
    lower = after is not None and after.kind == WORD and after.text[0].islower()
    if not lower or after is None or after.word in YEAR_FOLLOWERS:
        return False
    return not (_is_past_verb(after.word) and _opens_object(at(tokens, i + 2)))


def _is_past_verb(word: str) -> bool:
    return word in IRREGULAR_PAST or (len(word) >= 5 and word.endswith("ed"))


def _opens_object(token: Token | None) -> bool:
    """A word that can follow a past verb but not an -ed adjective before its noun: a
    determiner, pronoun or preposition, a name, or punctuation."""
    if token is None or token.kind != WORD:
        return True
    return token.word in YEAR_FOLLOWERS or token.word in REFLEXIVES or token.text[0].isupper()


def _is_street_number(tokens: list[Token], i: int) -> bool:
    """Whether the number at tokens[i] starts an address: "1909 Jolinda Drive", "at 2100
    Pennsylvania Ave NW". Not after an article or a possessive ("the 1989 Tiananmen Square
    crackdown"), nor when a noun follows the suffix: the name is then an attribute."""
    if word_is(tokens, i - 1, "the", "a", "an", "s"):
        return False
    for k in range(i + 1, i + 2 + STREET_NAME_MAX_WORDS):
        token = at(tokens, k)
        if token is None or token.kind not in (WORD, MONTH, WEEKDAY) or not token.text[0].isupper():
            return False
        if k > i + 1 and token.word in STREET_SUFFIXES:
            # "Drive. While", "Ave NW", "Avenue in Washington" end an address; "Main Street
            # Bank" and "Square crackdown" go on as a name
            after = at(tokens, k + 1)
            if after is None or after.kind not in (WORD, MONTH, WEEKDAY):
                return True
            if after.text[0].isupper():
                return after.word in COMPASS_POINTS
            return after.word in YEAR_FOLLOWERS
    return False


def _is_quantity(tokens: list[Token], i: int) -> bool:
    """Whether tokens[i] makes the number before it a count or amount ("2000 people")."""
    return word_is(tokens, i, *QUANTITY_UNITS)


def _is_labelled(tokens: list[Token], i: int) -> bool:
    """Whether tokens[i] is a number after a label or sign ("No. 189", "Day 1", "$2012")."""
    before = at(tokens, i - 1)
    if before and before.kind == PUNCT and before.text in AMOUNT_SIGNS:
        return before.end == tokens[i].start
    k = i - 1 - word_is(tokens, i - 1, ".")
    return word_is(tokens, k, *NUMBER_LABELS)


def _is_glued_to_number(tokens: list[Token], i: int, step: int) -> bool:
    """Whether a year sits in a digit chain such as a phone number ("03-2012-1234")."""
    mark, other = at(tokens, i + step), at(tokens, i + 2 * step)
    if mark is None or other is None or mark.text not in {"-", "/", ".", ":"} or other.kind != NUM:
        return False
    left, right = (mark, tokens[i]) if step < 0 else (tokens[i], mark)
    touching = left.end == right.start and (other.end == mark.start or mark.end == other.start)
    return touching and other.value not in BARE_YEARS


def _skip_dot(tokens: list[Token], i: int) -> int:
    """The index after the month at tokens[i] and the dot of its abbreviation ("Sept.")."""
    dot = at(tokens, i + 1)
    if tokens[i].word in MONTH_ABBREVIATIONS and dot and dot.text == ".":
        return i + 2 if dot.start == tokens[i].end else i + 1
    return i + 1


def _skip_weekday(tokens: list[Token], i: int) -> int:
    return i + 1 if kind_at(tokens, i) == WEEKDAY_NOTE else i


def _trailing_weekday(tokens: list[Token], i: int) -> int:
    """The index after a weekday that follows a year-less day ("December 18, Thursday"), unless
    it opens the next date ("June 5, Monday June 12")."""
    if not (word_is(tokens, i, ",") and kind_at(tokens, i + 1) == WEEKDAY):
        return i
    return i if kind_at(tokens, i + 2) in (MONTH, NUM) else i + 2


def _cue_before(tokens: list[Token], i: int) -> str | None:
    k = i - 1 - word_is(tokens, i - 1, "-")  # "mid-June"
    return tokens[k].word if word_is(tokens, k, *MONTH_CUES) else None


# --- chains: parts joined by range and list links ------------------------------------------


@dataclass(frozen=True)
class Value:
    first: int  # token indices of the expression: [first, end)
    end: int
    iso: str
    relative: bool = False
    inference: Inference | None = None


class _Cut(Exception):
    """Part `index` of a chain cannot be read: the chain ends before it."""

    def __init__(self, index: int) -> None:
        super().__init__(index)
        self.index = index


def read_chain(
    tokens: list[Token],
    i: int,
    anchor: Anchor | None,
    tenses: bool = True,
    frame: tuple[int, ...] = (),
) -> tuple[int, list[Value]] | None:
    """The values of the chain starting at tokens[i] and the index after it, if one starts.

    With `tenses`, a year-less date outside the page's period goes to the year the tense of its
    clause points to from the publication date ("was introduced in January": on or before it),
    and a date inside the period stays there whatever the tense. Without a publication date a
    past clause says nothing (a report is written after its period), a future one still looks
    ahead ("will meet again in June": the next June after the period begins).
    """
    parts, links = _parse_chain(tokens, i)
    if not parts:
        return None
    last = parts[-1]

    @functools.cache
    def tense() -> Tense:
        """Read only for a date without its year: most chains need none ("in 2023", "20
        people", "14 to 19 June 2024")."""
        if not tenses or anchor is None:
            return Tense()
        if last.form == "holiday" and _modifies_a_noun(tokens, last.end):
            return Tense()  # "the Black Friday rush", "Walmart's Black Friday ad": the coming one
        found = read_tense(tokens, i, last.end)
        return Tense() if anchor.reference is None and found.value != FUTURE else found

    while parts:
        try:
            values = _resolve([replace(part) for part in parts], links, anchor, tense, frame)
        except _Cut as cut:
            parts, links = parts[: cut.index], links[: max(cut.index - 1, 0)]
            continue
        return parts[-1].end, values
    return None


def may_start_part(token: Token) -> bool:
    """Whether a date part can start at `token` (what `_read_part` reads): a plain word or mark
    only when it is an ordinal word ("the first of June"). Most tokens of a text start none."""
    return token.kind not in (WORD, PUNCT) or token.word in ORDINAL_WORDS


def _parse_chain(tokens: list[Token], i: int) -> tuple[list[_Part], list[str]]:
    first = _parse_part(tokens, i)
    if first is None:
        return [], []
    parts, links = [first], list[str]()
    between = word_is(tokens, i - 1, "between")
    while parts[-1].form not in ("sub-year", "holiday"):
        link, j = _link(tokens, parts[-1].end)
        if link is None:
            break
        if link == "and" and between and not links:
            link = "range"
        part = _parse_part(tokens, j)
        if part is None and link == "range":
            part = _numeric_pair(tokens, j, parts[-1])
        if part is None or part.form in ("sub-year", "holiday"):
            break
        # "On June 5, 20 people...": after a comma a bare day or month must lead on to more of
        # the list ("June 5, 19 and July 3"; "in January, February and March")
        lone = part.form in ("d", "m") and part.year is None
        if lone and link == "comma" and not _leads_on(tokens, part.end):
            break
        parts.append(part)
        links.append(link)
    return parts, links


def _us_month_day(tokens: list[Token], i: int) -> tuple[int, int] | None:
    """A month and day with a slash after a preposition of time ("reassigned on 9/29", "by
    10/14"), as US text writes them; "on 3/4 of the votes" is a fraction, "24/7" no date."""
    token = tokens[i]
    if token.sep != "/" or token.order == "dmy" or not token.ymd:
        return None  # a day-first page's "3/4" is no US month and day
    if not word_is(tokens, i - 1, *US_DAY_PREPOSITIONS):
        return None
    month, day, _ = token.ymd
    after = at(tokens, i + 1)
    if after is not None and (after.text in ("%", "-") or after.word in ("of", "th")):
        return None
    if _is_quantity(tokens, i + 1) or not is_valid(LEAP_YEAR, month, day):
        return None
    return month, day


# Prepositions that make "9/29" a month and day in US text ("since 9/11" names the attacks).
US_DAY_PREPOSITIONS = frozenset({"on", "until", "till", "through"})  # "cut by 1/3" is a share


def _numeric_pair(tokens: list[Token], i: int, before: _Part) -> _Part | None:
    """The year-less end of a numeric range: "2019/11/06 (Wed) to 11/07 (Thu)" (month first,
    as the first end is), "14.06.2023–19.06" (day first)."""
    token = at(tokens, i)
    if token is None or token.kind != NUMERIC_PAIR or before.form != "numeric" or not token.ymd:
        return None
    if token.sep != before.sep:
        return None
    a, b, _ = token.ymd
    month, day = (b, a) if before.order == "dmy" else (a, b)
    if not is_valid(LEAP_YEAR, month, day):  # "to 13/07": the range ends before it
        return None
    return _Part(i, _skip_weekday(tokens, i + 1), "md", month, day)


def _leads_on(tokens: list[Token], i: int) -> bool:
    link, j = _link(tokens, i)
    return link is not None and _parse_part(tokens, j) is not None


def _link(tokens: list[Token], i: int) -> tuple[str | None, int]:
    token = at(tokens, i)
    if token is None:
        return None, i
    if token.kind == RANGE_MARK or token.text in RANGE_MARKS or token.word in RANGE_WORDS:
        return "range", i + 1
    if token.text == ",":
        return ("and", i + 2) if word_is(tokens, i + 1, "and") else ("comma", i + 1)
    if token.word == "and" or _is_day_slash(tokens, i):
        return "and", i + 1
    return None, i


def _is_day_slash(tokens: list[Token], i: int) -> bool:
    """The slash of "5/6 June": two days, as "5 and 6 June"."""
    before, mark, after = at(tokens, i - 1), tokens[i], at(tokens, i + 1)
    if mark.text != "/" or before is None or after is None:
        return False
    glued = before.end == mark.start and mark.end == after.start
    return glued and before.kind == NUM and after.kind == NUM and kind_at(tokens, i + 2) == MONTH


def _resolve(
    parts: list[_Part],
    links: list[str],
    anchor: Anchor | None,
    tense: Callable[[], Tense] = Tense,
    frame: tuple[int, ...] = (),
) -> list[Value]:
    """The values of a parsed chain; `tense()` gives the tense of its clause when a date
    without its year needs it."""
    lone = parts[0]
    if len(parts) == 1 and lone.form == "m" and lone.year is None and not (lone.cue or lone.bare):
        raise _Cut(0)  # a lone "March" or "May" without a cue word is not taken as a date
    _fill_months(parts)
    _fill_written_years(parts)
    ranges = _ranges(parts, links)
    values: list[Value | None] = []
    for a, b in ranges:
        start, end = parts[a], parts[b]
        if start.form == "sub-year":
            values.append(Value(start.first, start.end, start.span))
            continue
        if start.form == "holiday":
            values.append(_named_value(start, anchor, tense()))
            continue
        if start.grain != end.grain:
            raise _Cut(b)
        relative = start.year is None and is_deictic(start.cue)
        inference = None
        if start.year is None:
            choice = infer_year(
                start.month, start.day, start.cue, anchor, tense(), start.weekday, frame
            )
            if choice is None:  # no anchor: say nothing rather than guess
                values.append(None)
                continue
            start.year, inference = choice.year, choice.inference
            end.year = start.year + (b != a and end.month_day < start.month_day)
        first, last = _iso(start), _iso(end)
        if first is None or last is None:  # "February 30": not a date, and not a month either
            values.append(None)
            continue
        if last < first:
            raise _Cut(b)
        iso = first if a == b or first == last else f"{first}/{last}"
        values.append(Value(start.first, end.end, iso, relative, inference))
    return _join_consecutive_days(values, [links[b] if b < len(links) else "" for _, b in ranges])


def _named_value(part: _Part, anchor: Anchor | None, tense: Tense) -> Value | None:
    def day_in(year: int) -> datetime.date | None:
        return day_of(part.name, year)

    if part.year is not None:
        day = day_in(part.year)
        return Value(part.first, part.end, day.isoformat()) if day else None
    found = infer_named_day(day_in, part.cue, anchor, tense)
    if found is None:
        return None
    day, inference = found
    return Value(part.first, part.end, day.isoformat(), part.cue in DEICTIC_CUES, inference)


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
    if not is_valid(part.year, part.month, part.day):
        return None
    return f"{part.year:04d}-{part.month:02d}-{part.day:02d}"


def _join_consecutive_days(values: list[Value | None], links: list[str]) -> list[Value]:
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
            joined.append(Value(first.first, last.end, iso, first.relative, first.inference))
        k = j + 1
    return joined


def _is_next_day(a: Value | None, b: Value | None) -> bool:
    if a is None or b is None or len(a.iso) != 10 or len(b.iso) != 10:
        return False
    day = datetime.date.fromisoformat
    return day(b.iso) - day(a.iso) == datetime.timedelta(days=1)
