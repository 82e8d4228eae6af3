"""Relative date expressions for the date grammar (`dates.py`): read, then resolved to a value.

What each form is read against (the "nearest anchor"):

- the reference date (`Anchor.reference`, the publication date): "today", "yesterday",
  "tomorrow", "tonight"; "last/this/next year", "last/this/next month"; "a week ago",
  "three days ago"; and, without a period, weekdays ("on Tuesday"). A weekday is the latest one
  on or before the reference (news report what happened), unless the clause is in the future
  ("will", "set to", "until Friday": the first one on or after it); "last Tuesday" is strictly
  before, "next Tuesday" strictly after, "this Tuesday" in the same week. Without a reference,
  a year or month is read against the period when it lies within one calendar year.
- the period (`Anchor.period_start` .. `period_end`, the surrounding dated section or the
  report's own period): "the second day", "on the first day", "Day 2" count from its first day
  and must fall inside it; a weekday is the one in the period (or nearest to it).
- the date mentioned last in the same text (`Mentioned`): "the following day", "the next day",
  "the previous day", "the same day"; "the previous year", "the year previous", "the following
  month". Without one, a single-day period stands in for the day forms and the reference for
  the year and month forms.

Not dates, so no match: vague spans ("recently", "in recent years", "the day", "that time"),
weeks ("last week"), durations ("over the next year", "the last year"), sub-year spans of a
relative year ("the first quarter of last year", "the same period last year"), named days
("Black Monday") and recurring ones ("every Monday", "Monday to Friday").
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from extractor.dates.context import (
    FUTURE,
    PAST,
    announces,
    past_before,
    period_value,
    read_tense,
)
from extractor.dates.lexer import (
    MONTH,
    NUM,
    NUMERIC_DATE,
    PUNCT,
    WEEKDAY,
    WORD,
    Token,
    at,
    kind_at,
    this_past,
    word_is,
)
from extractor.dates.tables import (
    ANAPHORIC_STEPS,
    CARDINAL_WORDS,
    COUNT_DIRECTIONS,
    COUNTED_UNITS,
    DAY_COMPOUND_WORDS,
    DEICTIC_CUES,
    DEICTIC_DAYS,
    DEICTIC_PARTS_OF_DAY,
    DEICTIC_UNITS,
    DURATION_CUES,
    FUTURE_IN_PAST,
    FUTURE_PREPOSITIONS,
    MODALS,
    NAMED_DAY_WORDS,
    NUMBER_WORDS,
    ORDINAL_WORDS,
    PART_ENDS,
    PART_OF_UNIT_ADVERBS,
    PART_OF_UNIT_NOUNS,
    PART_UNITS,
    RANGE_MARKS,
    RANGE_WORDS,
    SUB_YEAR_WORDS,
    TIMES_OF_DAY,
    YEAR_END_PREPOSITIONS,
)
from extractor.dates.types import MENTIONED, PERIOD, PUBLISHED, Anchor, Inference

DAY = datetime.timedelta(days=1)
# "last Friday" is at least this many days back: the day before would be "yesterday".
LAST_WEEKDAY_MIN_DAYS = 2
# "Day 2" is a label when a written date follows within this many tokens: "Day 1 (Monday, 5".
DAY_LABEL_REACH = 5
DATE_KINDS = (MONTH, NUMERIC_DATE, WEEKDAY)


@dataclass
class Mentioned:
    """The last date the text mentioned, for anaphoric expressions ("the following day")."""

    start: datetime.date | None = None
    end: datetime.date | None = None  # last day of the span
    grain: str = ""  # "day", "month" or "year" (of the start)
    iso: str = ""  # the value as written

    def note(self, iso: str) -> None:
        self.iso = iso
        first, _, last = iso.partition("/")
        start, _ = point_span(first)
        _, end = point_span(last or first)
        self.start, self.end = start, end
        self.grain = {4: "year", 7: "month"}.get(len(first), "day")

    @property
    def day(self) -> datetime.date | None:
        """The day mentioned, when the mention was a single day."""
        return self.start if self.grain == "day" and self.start == self.end else None


# The words a relative expression can start with (see the readers of `read_relative`); numbers
# and weekdays start some too.
_FIRST_WORDS = frozenset(
    {*DEICTIC_DAYS, *DEICTIC_CUES, *CARDINAL_WORDS, *PART_OF_UNIT_ADVERBS}
    | {"the", "that", "day", "in", "year", "end"}
)

# (first, end, iso, inference): token indices [first, end) of the expression, its value, and
# what it was read against.
Read = tuple[int, int, str, Inference]


def _published(anchor: Anchor, *cues: str) -> Inference:
    assert anchor.reference is not None
    return Inference(PUBLISHED, anchor.reference.isoformat(), cues)


def _in_period(anchor: Anchor, *cues: str) -> Inference:
    assert anchor.period_start is not None
    value = period_value(anchor.period_start, anchor.period_end or anchor.period_start)
    return Inference(PERIOD, value, cues)


def _from_now(anchor: Anchor, *cues: str) -> Inference:
    """What a date counted from `_now(anchor)` was read against: the publication day, else the
    period."""
    return _published(anchor, *cues) if anchor.reference else _in_period(anchor, *cues)


def read_relative(tokens: list[Token], i: int, anchor: Anchor, mentioned: Mentioned) -> Read | None:
    """The relative expression starting at tokens[i], if one does and the anchor (or the date
    mentioned before it) resolves it."""
    if not may_start_relative(tokens[i]):
        return None  # no reader starts here (most words of a text)
    readers: tuple[Callable[[list[Token], int, Anchor, Mentioned], Read | None], ...] = (
        _deictic_day,
        _part_of_day,
        _deictic_unit,
        _weekday,
        _anaphoric,
        _same_month_a_year_before,
        _nth_day,
        _counted,
        _counted_ahead,
        _part_of_current_unit,
        _the_new_year,
    )
    for reader in readers:
        found = reader(tokens, i, anchor, mentioned)
        if found is not None:
            return found
    return None


def may_start_relative(token: Token) -> bool:
    """Whether a relative expression can start at `token`."""
    return token.word in _FIRST_WORDS or token.kind in (NUM, WEEKDAY)


# --- against the reference date -------------------------------------------------------------


def _deictic_day(tokens: list[Token], i: int, anchor: Anchor, _: Mentioned) -> Read | None:
    word = tokens[i].word
    if word not in DEICTIC_DAYS or anchor.reference is None:
        return None
    before = at(tokens, i - 1)
    named = tokens[i].text[0].isupper() and before is not None and before.text[0].isupper()
    if named and before is not None and before.kind == WORD:
        return None  # "USA Today", "Good Morning America Today"; "Obama today said" is a day
    if word_is(tokens, i - 1, "of"):
        return None  # "the cars of tomorrow", "the youth of today": an era, not a day
    day = anchor.reference + DEICTIC_DAYS[word] * DAY
    return i, i + 1, day.isoformat(), _published(anchor, f"cue: {word}")


def _part_of_day(tokens: list[Token], i: int, anchor: Anchor, _: Mentioned) -> Read | None:
    """ "last night", "this morning": the day before the publication day, or that day."""
    part = at(tokens, i + 1)
    step = DEICTIC_PARTS_OF_DAY.get((tokens[i].word, part.word if part else ""))
    if step is None or anchor.reference is None:
        return None
    cue = f"cue: {tokens[i].word} {tokens[i + 1].word}"
    return i, i + 2, (anchor.reference + step * DAY).isoformat(), _published(anchor, cue)


def _deictic_unit(tokens: list[Token], i: int, anchor: Anchor, _: Mentioned) -> Read | None:
    """Last, this or next year or month ("last year"; not "the last year", a duration)."""
    cue, unit = tokens[i].word, at(tokens, i + 1)
    if cue not in DEICTIC_CUES or unit is None or unit.word not in DEICTIC_UNITS:
        return None
    if word_is(tokens, i - 1, "the", "past") or _is_subpoint_span(tokens, i):
        return None  # "over the last year", "the first quarter of last year"
    if word_is(tokens, i - 1, "later", "earlier"):
        return None  # "later this year": a part of the year, as "the first half of 2025"
    now = _now(anchor)
    if now is None:
        return None
    inference = _from_now(anchor, f"cue: {cue} {unit.word}")
    return i, i + 2, _shifted(now, unit.word, DEICTIC_CUES[cue]), inference


def _is_subpoint_span(tokens: list[Token], i: int) -> bool:
    """Whether a relative year is only part of the year meant ("the first quarter of last
    year", "the same period last year")."""
    parts = SUB_YEAR_WORDS["part"] + SUB_YEAR_WORDS["season"]
    if word_is(tokens, i - 1, "of") and word_is(tokens, i - 2, *parts):
        return True
    return word_is(tokens, i - 2, "same") or word_is(tokens, i - 3, "same")


def _counted(tokens: list[Token], i: int, anchor: Anchor, mentioned: Mentioned) -> Read | None:
    """A count of days, months or years before the publication day ("three days ago", "a year
    ago") or from the date mentioned last ("two years later", "a month earlier")."""
    token, unit = tokens[i], at(tokens, i + 1)
    count = _count(token)
    if count is None or unit is None or unit.word not in COUNTED_UNITS:
        return None
    if word_is(tokens, i - 1, *NUMBER_WORDS, "-"):
        return None  # "twenty-five days ago": not "five days ago"
    grain, direction = COUNTED_UNITS[unit.word], at(tokens, i + 2)
    if grain == "week":  # seven days each, as a day
        grain, count = "day", 7 * count
    if direction is None or word_is(tokens, i + 3, "than"):
        return None  # "three days later than planned": a comparison, not a date
    if word_is(tokens, i - 2, "same") or word_is(tokens, i - 3, "same"):
        return None  # "the same period a year earlier": a part of that year
    if direction.word == "ago" and anchor.reference is not None:
        base: datetime.date | None = anchor.reference
        step = -count
        inference = _published(anchor, "cue: ago")
    elif direction.word in COUNT_DIRECTIONS and mentioned.grain:
        if _GRAINS.index(mentioned.grain) < _GRAINS.index(grain):
            return None  # "three days later" after "in 2009": no day to count from
        step = count * COUNT_DIRECTIONS[direction.word]
        base = mentioned.end if step > 0 else mentioned.start
        inference = Inference(MENTIONED, mentioned.iso, (f"cue: {direction.word}",))
    else:
        return None
    if base is None:
        return None
    try:
        value = _shifted(base, grain, step)
    except (OverflowError, ValueError):  # "3000000 days later"
        return None
    if not _CALENDAR_VALUE.fullmatch(value) or int(value[:4]) not in _YEARS_COUNTED:
        return None  # "3,000 years ago", "9000 years later": no calendar year we write
    return i, i + 3, value, inference


def _counted_ahead(tokens: list[Token], i: int, anchor: Anchor, _: Mentioned) -> Read | None:
    """Days or weeks ahead of the publication day in a future clause: "the fund will close in
    three days" (a day); "finished in three days" is a duration, and so is any count of months
    or years ("will be paid off in ten years" names no calendar year the text means)."""
    token, unit = at(tokens, i + 1), at(tokens, i + 2)
    if tokens[i].word != "in" or token is None or unit is None or anchor.reference is None:
        return None
    count = _count(token)
    if count is None or COUNTED_UNITS.get(unit.word) not in ("day", "week"):
        return None
    if word_is(tokens, i + 3, *COUNT_DIRECTIONS, "ago", "than", "of", "or"):
        return None  # "in two days of talks", "in a week or two": no day
    days = count * (7 if COUNTED_UNITS[unit.word] == "week" else 1)
    tense = read_tense(tokens, i, i + 3)
    if tense.value != FUTURE or tense.cue.lower() in MODALS or days > MAX_DAYS_AHEAD:
        return None  # "how many calories should I eat in a day": a modal is no future here
    day = anchor.reference + days * DAY
    return i + 1, i + 3, day.isoformat(), _published(anchor, "cue: in", tense.evidence)


def _count(token: Token) -> int | None:
    """The number a count token says: "3", "three", "a"."""
    return (
        token.value if token.kind == NUM and not token.ordinal else CARDINAL_WORDS.get(token.word)
    )


# "in 400 days" is a duration rather than a day a report points to.
MAX_DAYS_AHEAD = 60
_GRAINS = ("year", "month", "day")
# A count lands in a year we write as a date ("a thousand years ago" is history, not one).
_YEARS_COUNTED = range(1000, 3000)
_CALENDAR_VALUE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def _shifted(base: datetime.date, grain: str, step: int) -> str:
    """`base` moved by `step` days, months or years, as a value of that grain."""
    if grain == "day":
        return (base + step * DAY).isoformat()
    if grain == "year":
        return f"{base.year + step:04d}"
    year, month = divmod(base.year * 12 + base.month - 1 + step, 12)
    return f"{year:04d}-{month + 1:02d}"


def _part_of(tokens: list[Token], k: int) -> int | None:
    """The index of "of" after a part of a year or month counted from one end ("first seven
    months", "last few weeks", "second half", "first quarter"), if tokens[k] starts one."""
    if not word_is(tokens, k, *PART_ENDS):
        return None
    j = k + 1
    if kind_at(tokens, j) == NUM or word_is(tokens, j, *CARDINAL_WORDS, "few", "several"):
        j += 1
    if not word_is(tokens, j, *PART_UNITS) or not word_is(tokens, j + 1, "of"):
        return None
    return j + 1


def _part_of_current_unit(
    tokens: list[Token], i: int, anchor: Anchor, mentioned: Mentioned
) -> Read | None:
    """A part of a year or month, given as that year or month: "earlier this year", "later in
    the month", "the current year" (the reference's), "the end of the year" and "by year-end"
    ("the year" the text is about: the one it mentioned last, when the clause tells of it,
    else the reference's), "later that month" (the one it mentioned last, or none)."""
    word = tokens[i].word
    anaphoric = strict = False
    found: tuple[int, int] | None = None
    if word in PART_OF_UNIT_ADVERBS:
        k = i + 1 + word_is(tokens, i + 1, "in")
        if word_is(tokens, k, "that"):  # "later that month": the one mentioned, or none
            strict = True
        elif not word_is(tokens, k, "this") and not (k > i + 1 and word_is(tokens, k, "the")):
            return None
        unit, anaphoric = k + 1, word_is(tokens, k, "the", "that")
    elif word == "the" and word_is(tokens, i + 1, *PART_OF_UNIT_NOUNS):
        if not (word_is(tokens, i + 2, "of") and word_is(tokens, i + 3, "the", "this", "that")):
            return None
        unit, anaphoric = i + 4, word_is(tokens, i + 3, "the", "that")
        strict = word_is(tokens, i + 3, "that")
    elif word == "the" and (of := _part_of(tokens, i + 1)) is not None:
        # "the first seven months of the year", "the second half of this year"
        if not word_is(tokens, of + 1, "the", "this", "that"):
            return None
        unit, anaphoric = of + 2, word_is(tokens, of + 1, "the", "that")
        strict = word_is(tokens, of + 1, "that")
    elif word == "the" and word_is(tokens, i + 1, "current"):
        unit = i + 2
    elif (found := _year_end(tokens, i)) is not None:
        unit, anaphoric = found[0], True  # "by year-end", "at year end", "end-of-year"
    else:
        return None
    end = found[1] if found else unit + 1
    if not word_is(tokens, unit, "year", "month") or word_is(tokens, unit + 1, "of"):
        return None  # "the end of the year of the dragon"
    grain = tokens[unit].word
    evidence = f"cue: {' '.join(t.word for t in tokens[i:end])}"
    fine_enough = mentioned.grain and _GRAINS.index(mentioned.grain) >= _GRAINS.index(grain)
    if anaphoric and fine_enough and _told_of(tokens, i, end, anchor, mentioned, grain):
        assert mentioned.start is not None  # _told_of says no without it
        inference = Inference(MENTIONED, mentioned.iso, (evidence,))
        return i, end, _shifted(mentioned.start, grain, 0), inference
    now = None if strict else _now(anchor)
    if now is None:
        return None
    return i, end, _shifted(now, grain, 0), _from_now(anchor, evidence)


def _the_new_year(tokens: list[Token], i: int, anchor: Anchor, _: Mentioned) -> Read | None:
    """ "the new year" (not the holiday, "New Year's Day"): the year that begins nearest to the
    reference, the coming one in its second half ("plans for the new year" in December), the
    one begun in its first ("a week into the new year" in January)."""
    if tokens[i].word != "the" or not (
        word_is(tokens, i + 1, "new") and word_is(tokens, i + 2, "year")
    ):
        return None
    if tokens[i + 1].text != "new" or word_is(tokens, i + 3, "'", "’", "s"):
        return None  # "the New Year holiday", "the new year's resolutions"
    now = _now(anchor)
    if now is None:
        return None
    year = now.year + (now.month >= NEW_YEAR_AHEAD_FROM_MONTH)
    return i, i + 3, f"{year:04d}", _from_now(anchor, "cue: the new year")


# From this month on, "the new year" is the coming one.
NEW_YEAR_AHEAD_FROM_MONTH = 7


def _year_end(tokens: list[Token], i: int) -> tuple[int, int] | None:
    """ "year-end", "year end" or "end-of-year" at tokens[i] after a preposition ("by year-end",
    "at year end"), not before a written year ("year-end 2019"): the index of "year" and the
    end of the expression."""
    if not word_is(tokens, i - 1, *YEAR_END_PREPOSITIONS):
        return None
    if tokens[i].word == "year":
        end = i + 1 + word_is(tokens, i + 1, "-")
        found = (i, end + 1) if word_is(tokens, end, "end") else None
    elif tokens[i].word == "end" and word_is(tokens, i + 2, "of"):
        found = (i + 4, i + 5) if word_is(tokens, i + 4, "year") else None  # end-of-year
        found = found if word_is(tokens, i + 1, "-") and word_is(tokens, i + 3, "-") else None
    else:
        return None
    if found is None or kind_at(tokens, found[1]) == NUM:
        return None
    return found


def _told_of(
    tokens: list[Token], first: int, end: int, anchor: Anchor, mentioned: Mentioned, grain: str
) -> bool:
    """Whether "the end of the year" is the mentioned date's year or month: in a past clause
    ("In 2003 ... by the end of the year, sales had doubled"), or when that date is not before
    the reference's. A clause in the present or future speaks from the publication day ("the
    orbiter, which will launch at the end of the month", after "April 12, 1981")."""
    if mentioned.start is None:
        return False
    reference = anchor.reference
    if reference is None or read_tense(tokens, first, end).value == PAST:
        return True
    return _shifted(mentioned.start, grain, 0) >= _shifted(reference, grain, 0)


def _now(anchor: Anchor) -> datetime.date | None:
    if anchor.reference is not None:
        return anchor.reference
    start, end = anchor.period_start, anchor.period_end or anchor.period_start
    return start if start is not None and end is not None and start.year == end.year else None


# --- weekdays -------------------------------------------------------------------------------


def _weekday(tokens: list[Token], i: int, anchor: Anchor, _: Mentioned) -> Read | None:
    token = tokens[i]
    if token.kind != WEEKDAY or not token.word.endswith("day") or _is_named_day(tokens, i):
        return None
    cue = tokens[i - 1].word if word_is(tokens, i - 1, *DEICTIC_CUES) else None
    first = i - 1 if cue else i
    if this_past(tokens, i):
        cue, first = "last", i - 2  # "this past Saturday"
    if anchor.period_start is not None and cue is None:
        day = _weekday_near(token.value, anchor.period_start, anchor.period_end)
        inside = day is not None and anchor.period_start <= day <= (
            anchor.period_end or anchor.period_start
        )
        # news of an event ahead reads its other weekdays from the day it was written
        if day is not None and (inside or not announces(anchor)):
            return first, i + 1, day.isoformat(), _in_period(anchor, "weekday")
        if not _within_period(anchor) and not announces(anchor):
            return None
        # a period of weeks or more holds many such days; the news of a day inside it is read
        # from that day ("Euro 2020 qualifying" published in November 2019: "on Friday")
    reference = anchor.reference
    if reference is None:
        return None
    back = (reference.weekday() - token.value) % 7  # days back to the latest one, 0 = today
    future = None if cue else _future_cue(tokens, i)
    if cue == "last":  # of the week before: "last Tuesday" on a Wednesday is eight days back
        offset = -(back if back >= LAST_WEEKDAY_MIN_DAYS else back + 7)
    elif cue == "next":
        offset = (token.value - reference.weekday()) % 7 or 7
    elif cue == "this":
        offset = token.value - reference.weekday()
    elif future:
        offset = (token.value - reference.weekday()) % 7
    else:
        offset = -back
    evidence = f"cue: {cue}" if cue else future or "latest on or before published"
    return first, i + 1, (reference + offset * DAY).isoformat(), _published(anchor, evidence)


def _within_period(anchor: Anchor) -> bool:
    """Whether the publication day lies inside the period (news in the midst of it, not a
    report after it)."""
    start, reference = anchor.period_start, anchor.reference
    if start is None or reference is None:
        return False
    return start <= reference <= (anchor.period_end or start)


def _is_named_day(tokens: list[Token], i: int) -> bool:
    """Whether a weekday names a day or a series, not a date ("Black Monday", "every Monday",
    "Monday to Friday", "The Sunday Times")."""
    if word_is(tokens, i - 1, *NAMED_DAY_WORDS) or _every_week(tokens, i):
        return True
    after = at(tokens, i + 1)
    if after is not None and after.kind == WORD and after.text[0].isupper():
        return True
    if word_is(tokens, i - 1, "a", "an"):
        # "on a Saturday", "a Sunday morning": any one; "in a Tuesday statement": that one
        noun = after is not None and after.kind == WORD and after.word not in TIMES_OF_DAY
        return not noun
    for link, other in ((i + 1, i + 2), (i - 1, i - 2)):
        is_link = word_is(tokens, link, *RANGE_WORDS) or (
            (token := at(tokens, link)) is not None and token.text in RANGE_MARKS
        )
        if is_link and kind_at(tokens, other) == WEEKDAY:
            return True
    return False


def _every_week(tokens: list[Token], i: int) -> bool:
    """Whether a weekday recurs: before a plural time of day, itself or past other weekdays of
    a list ("on Tuesday and Thursday mornings", "Monday, Wednesday and Friday evenings")."""
    k = i + 1
    while word_is(tokens, k, ",", "and", "or", "&") or kind_at(tokens, k) == WEEKDAY:
        k += 1
    return word_is(tokens, k, *(f"{time}s" for time in TIMES_OF_DAY))


SENTENCE_ENDS = frozenset({".", "!", "?", ";", ":", '"', "“"})


def _future_cue(tokens: list[Token], i: int) -> str | None:
    """What puts a weekday after the reference date ("until Friday", "will meet on Friday")."""
    before = at(tokens, i - 1)
    if word_is(tokens, i + 1, "is", "marks") and (before is None or before.text in SENTENCE_ENDS):
        return "cue: present subject (the coming day)"  # "Saturday is the 75th anniversary"
    if word_is(tokens, i - 1, "is") and kind_at(tokens, i - 2) == WORD:
        return "cue: present complement (the coming day)"  # "Stadia's launch day is Tuesday"
    if word_is(tokens, i - 1, "come"):
        return "cue: come"  # "Come Friday, the stores open"
    k = i - 1 - word_is(tokens, i - 1, "on")
    if word_is(tokens, k, *FUTURE_PREPOSITIONS) and not past_before(tokens, k):
        return f"cue: {tokens[k].word}"  # "was used a million times by Thursday": past
    tense = read_tense(tokens, i, i + 1)
    if tense.cue in FUTURE_IN_PAST:
        return f"cue: {tense.cue}"  # "said they would meet on Friday": the coming Friday
    return tense.evidence if tense.value == FUTURE else None


def _weekday_near(
    weekday: int, start: datetime.date, end: datetime.date | None
) -> datetime.date | None:
    """The given weekday inside [start, end] if it occurs there once, else nearest to a period
    of less than a week (ties go to the later day); None in a longer period, where it is
    ambiguous."""
    end = end or start
    days = [start + k * DAY for k in range((end - start).days + 1)]
    inside = [day for day in days if day.weekday() == weekday]
    if inside:
        return inside[0] if len(inside) == 1 else None
    after = end + ((weekday - end.weekday()) % 7) * DAY
    before = start - ((start.weekday() - weekday) % 7) * DAY
    return after if (after - end) <= (start - before) else before


# --- against the last date mentioned, or the period -----------------------------------------


def _anaphoric(tokens: list[Token], i: int, anchor: Anchor, mentioned: Mentioned) -> Read | None:
    """A day, month or year counted from the last one mentioned ("the following day", "the
    previous year", "the same day", "the year previous")."""
    if tokens[i].word == "that":
        return _that_unit(tokens, i, anchor, mentioned)
    step_word, unit = at(tokens, i + 1), at(tokens, i + 2)
    if tokens[i].word != "the" or step_word is None or unit is None:
        return None
    if step_word.word == "next" and word_is(tokens, i - 1, *DURATION_CUES):
        return None  # "over the next day or two"
    end = i + 3
    if step_word.word in ("year", "month", "day") and unit.word in ("previous", "before", "after"):
        step_word, unit = unit, step_word  # "the year previous", "the day before"
        after = at(tokens, end)
        if step_word.word != "previous" and after is not None and after.kind != PUNCT:
            return None  # "the year before the war", "the day after the vote"
    step = ANAPHORIC_STEPS.get(step_word.word, {"before": -1, "after": 1}.get(step_word.word))
    if step is None:
        return None
    if unit.word == "day":
        found = _day_after(mentioned, anchor, step)
    elif unit.word in ("month", "year") and not (step == 0 and unit.word == "month"):
        found = _unit_after(mentioned, anchor, unit.word, step)
    else:
        return None
    return (i, end, *found) if found else None


def _that_unit(tokens: list[Token], i: int, anchor: Anchor, mentioned: Mentioned) -> Read | None:
    """ "that day", "that same day", "that year": the day or year mentioned last (never the
    publication day: "that day will come" names none)."""
    k = i + 1 + word_is(tokens, i + 1, "same")
    unit = at(tokens, k)
    if unit is None or unit.word not in ("day", "year") or word_is(tokens, k + 1, "of", "when"):
        return None  # "that day of the week", "that year when"
    if word_is(tokens, k + 1, "-", *DAY_COMPOUND_WORDS) or word_is(tokens, i - 1, "so", "such"):
        return None  # "said that year-end sales...", "so that day care centres can open"
    if mentioned.start is None or _GRAINS.index(mentioned.grain) < _GRAINS.index(unit.word):
        return None  # "that day" after "in 2009": no day to take
    inference = Inference(MENTIONED, mentioned.iso, (f"cue: that {unit.word}",))
    return i, k + 1, _shifted(mentioned.start, unit.word, 0), inference


def _same_month_a_year_before(
    tokens: list[Token], i: int, _: Anchor, mentioned: Mentioned
) -> Read | None:
    """The month mentioned last, a year earlier: "(in January,) compared to the same month a
    year ago", "the same period last year", "the same month a year earlier"."""
    if not (word_is(tokens, i, "the") and word_is(tokens, i + 1, "same")):
        return None
    if not word_is(tokens, i + 2, "month", "period", "time") or mentioned.grain != "month":
        return None
    k = i + 3
    if word_is(tokens, k, "last") and word_is(tokens, k + 1, "year"):
        end = k + 2
    elif word_is(tokens, k, "a") and word_is(tokens, k + 1, "year"):
        if not word_is(tokens, k + 2, "ago", "earlier", "before"):
            return None
        end = k + 3
    else:
        return None
    month = mentioned.start
    if month is None or mentioned.end is None or mentioned.end.month != month.month:
        return None
    inference = Inference(MENTIONED, mentioned.iso, ("cue: same month a year before",))
    return i, end, f"{month.year - 1:04d}-{month.month:02d}", inference


def _day_after(mentioned: Mentioned, anchor: Anchor, step: int) -> tuple[str, Inference] | None:
    evidence = f"step {step:+d} day"
    if mentioned.grain == "day" and mentioned.start and mentioned.end:
        inference = Inference(MENTIONED, mentioned.iso, (evidence,))
        if step == 0:
            return (mentioned.day.isoformat(), inference) if mentioned.day else None
        day = mentioned.end + DAY if step > 0 else mentioned.start - DAY
        return day.isoformat(), inference
    if mentioned.grain:  # the text has moved on to a month or year: no day to count from
        return None
    single = anchor.period_start if anchor.period_start == anchor.period_end else None
    if single is None:
        return None
    return (single + step * DAY).isoformat(), _in_period(anchor, evidence)


def _unit_after(
    mentioned: Mentioned, anchor: Anchor, unit: str, step: int
) -> tuple[str, Inference] | None:
    base = mentioned.end if step > 0 else mentioned.start
    evidence = f"step {step:+d} {unit}"
    inference = Inference(MENTIONED, mentioned.iso, (evidence,))
    if base is None or (unit == "month" and mentioned.grain == "year"):
        base = _now(anchor)
        if base is None:
            return None
        if anchor.reference is not None:
            inference = _published(anchor, evidence)
        else:
            inference = _in_period(anchor, evidence)
    if unit == "year":
        return f"{base.year + step:04d}", inference
    year, month = divmod(base.year * 12 + base.month - 1 + step, 12)
    return f"{year:04d}-{month + 1:02d}", inference


def _nth_day(tokens: list[Token], i: int, anchor: Anchor, _: Mentioned) -> Read | None:
    """A day counted from the first day of the period ("the second day", "the 2nd day",
    "Day 2")."""
    token = tokens[i]
    if token.word == "the" and word_is(tokens, i + 2, "day"):
        n, end = _ordinal(at(tokens, i + 1)), i + 3
    elif token.word == "day" and kind_at(tokens, i + 1) == NUM and not tokens[i + 1].ordinal:
        if any(kind_at(tokens, k) in DATE_KINDS for k in range(i + 2, i + 2 + DAY_LABEL_REACH)):
            return None  # "Day 2 (6 March)", "Day 1 (Monday, 5 March)": the written date counts
        n, end = tokens[i + 1].value, i + 2
    else:
        return None
    start, last = anchor.period_start, anchor.period_end
    if n is None or start is None or last is None or last <= start:
        return None
    if start.day == 1 and (last + DAY).day == 1:
        return None  # a period of whole months or years ("2018") is no event's run of days
    day = start + (n - 1) * DAY
    if n < 1 or day > last:
        return None
    return i, end, day.isoformat(), _in_period(anchor, f"day {n} of period")


def _ordinal(token: Token | None) -> int | None:
    if token is None:
        return None
    if token.kind == NUM and token.ordinal:
        return token.value
    return ORDINAL_WORDS.get(token.word)


def point_span(point: str) -> tuple[datetime.date, datetime.date]:
    """First and last day of a point value "2023", "2023-06" or "2023-06-14"."""
    parts = [int(p) for p in point.split("-")]
    if len(parts) == 3:
        day = datetime.date(*parts)
        return day, day
    if len(parts) == 2:
        year, month = parts
        following = datetime.date(year + month // 12, month % 12 + 1, 1)
        return datetime.date(year, month, 1), following - DAY
    return datetime.date(parts[0], 1, 1), datetime.date(parts[0], 12, 31)
