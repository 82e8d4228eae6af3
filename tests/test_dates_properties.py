"""Property-based tests for the date grammar: render random dates and ranges, parse them back.

Every rendering of a date (long and short month names, with and without a dot, day or month
first, ISO and slashed numeric forms, ordinals, weekdays in parentheses) and of a range ("to",
"–", "until", "through", across months and years) must give back the value it was made from.
Deterministic (`derandomize=True`), so CI never sees a new example; about 200 examples each.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Callable

from hypothesis import example, given, settings
from hypothesis import strategies as st

from extractor.dates import Anchor, find_dates, to_date
from extractor.dates.grammar import may_start_part, read_chain
from extractor.dates.lexer import tokenize
from extractor.dates.relative import Mentioned, may_start_relative, read_relative

D = datetime.date
DAY = datetime.timedelta(days=1)

SETTINGS = settings(max_examples=200, derandomize=True, deadline=None)

MONTHS = [calendar.month_name[m] for m in range(13)]
ABBREVIATIONS: dict[int, list[str]] = {
    1: ["Jan"],
    2: ["Feb"],
    3: ["Mar"],
    4: ["Apr"],
    5: ["May"],
    6: ["Jun"],
    7: ["Jul"],
    8: ["Aug"],
    9: ["Sep", "Sept"],
    10: ["Oct"],
    11: ["Nov"],
    12: ["Dec"],
}
WEEKDAYS = {
    0: ["Mon", "Monday"],
    1: ["Tue", "Tues", "Tuesday"],
    2: ["Wed", "Wednesday"],
    3: ["Thu", "Thurs", "Thursday"],
    4: ["Fri", "Friday"],
    5: ["Sat", "Saturday"],
    6: ["Sun", "Sunday"],
}
RANGE_LINKS = [" to ", "–", " – ", "-", " until ", " through ", " till "]

dates = st.dates(min_value=D(1900, 1, 1), max_value=D(2099, 12, 31))


def ordinal(day: int) -> str:
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


@st.composite
def month_names(draw: st.DrawFn, month: int) -> str:
    """A month as written: "September", "Sep", "Sept.", "Sep."."""
    long = MONTHS[month]
    short = draw(st.sampled_from(ABBREVIATIONS[month]))
    if short == long:
        return long
    return draw(st.sampled_from([long, short, f"{short}."]))


@st.composite
def weekday_notes(draw: st.DrawFn, day: D) -> str:
    """ "" or a weekday in parentheses: " (Wed)", " (Wednesday)"."""
    name = draw(st.sampled_from(WEEKDAYS[day.weekday()]))
    return draw(st.sampled_from(["", f" ({name})"]))


@st.composite
def written_days(draw: st.DrawFn, day: D) -> str:
    """One day with its year, in one of the forms reports use."""
    month = draw(month_names(day.month))
    note = draw(weekday_notes(day))
    weekday = draw(st.sampled_from(WEEKDAYS[day.weekday()][-1:]))
    d, y = day.day, day.year
    forms: list[Callable[[], str]] = [
        lambda: f"{month} {d}{note}, {y}",
        lambda: f"{month} {d} {y}",
        lambda: f"{month} {ordinal(d)}, {y}",
        lambda: f"{d} {month} {y}{note}",
        lambda: f"{d}{note} {month} {y}",
        lambda: f"{ordinal(d)} {month} {y}",
        lambda: f"the {ordinal(d)} of {month} {y}",
        lambda: f"{weekday}, {d} {month} {y}",
        lambda: f"{weekday}, {month} {d}, {y}",
        lambda: f"{y}-{day.month:02d}-{d:02d}",
        lambda: f"{y}/{day.month:02d}/{d:02d}{note}",
        lambda: f"{y}/{day.month}/{d}",
        lambda: f"{y}.{day.month:02d}.{d:02d}",
        lambda: f"{d:02d}.{day.month:02d}.{y}",
        lambda: f"{d}.{day.month}.{y}",
        lambda: f"{day.month:02d}/{d:02d}/{y}",
        lambda: f"{day.month}/{d}/{y}",
    ]
    if d > 12:  # "14/06/2023": day first only where the day cannot be a month
        forms.append(lambda: f"{d}/{day.month:02d}/{y}")
    return draw(st.sampled_from(forms))()


def values(text: str, anchor: Anchor | None = None) -> list[str]:
    return [m.value for m in find_dates(text, anchor)]


@SETTINGS
@given(st.data(), dates)
def test_written_day_parses_back(data: st.DataObject, day: D) -> None:
    text = data.draw(written_days(day))
    assert values(text) == [day.isoformat()], text


@SETTINGS
@given(st.data(), dates)
def test_written_day_in_a_sentence_parses_back(data: st.DataObject, day: D) -> None:
    text = data.draw(written_days(day))
    sentence = f"The meeting, attended by 140 people, was held on {text} at 10:30 in Room 2012."
    assert values(sentence) == [day.isoformat()], sentence


@st.composite
def same_month_ranges(draw: st.DrawFn) -> tuple[D, D]:
    start = draw(dates.filter(lambda d: d.day < calendar.monthrange(d.year, d.month)[1]))
    last = calendar.monthrange(start.year, start.month)[1]
    return start, start.replace(day=draw(st.integers(start.day + 1, last)))


@SETTINGS
@given(st.data(), same_month_ranges())
def test_range_within_a_month_parses_back(data: st.DataObject, span: tuple[D, D]) -> None:
    start, end = span
    month = data.draw(month_names(start.month))
    link = data.draw(st.sampled_from(RANGE_LINKS))
    a, b, y = start.day, end.day, start.year
    note_a, note_b = data.draw(weekday_notes(start)), data.draw(weekday_notes(end))
    text = data.draw(
        st.sampled_from(
            [
                f"{a}{link}{b} {month} {y}",
                f"{a}{note_a}{link}{b}{note_b} {month} {y}",
                f"{ordinal(a)}{link}{ordinal(b)} {month} {y}",
                f"from {a} to {b} {month} {y}",
                f"{month} {a}{link}{b}, {y}",
                f"{month} {a}{note_a}{link}{b}{note_b}, {y}",
                f"between {a} and {b} {month} {y}",
            ]
        )
    )
    assert values(text) == [f"{start.isoformat()}/{end.isoformat()}"], text


ranges = st.tuples(dates, st.integers(1, 364)).map(lambda t: (t[0], t[0] + t[1] * DAY))


@SETTINGS
@given(st.data(), ranges)
def test_range_across_months_and_years_parses_back(data: st.DataObject, span: tuple[D, D]) -> None:
    start, end = span
    m1, m2 = data.draw(month_names(start.month)), data.draw(month_names(end.month))
    link = data.draw(st.sampled_from(RANGE_LINKS))
    # a hyphen glued to a numeric date makes a digit chain ("2023-06-14-2023-06-19"): spaced
    numeric_link = " - " if link == "-" else link
    forms = [
        f"{m1} {start.day}, {start.year}{link}{m2} {end.day}, {end.year}",
        f"{start.day} {m1} {start.year}{link}{end.day} {m2} {end.year}",
        # the year written once, at the end: the start year follows from the calendar order
        f"{m1} {start.day}{link}{m2} {end.day}, {end.year}",
        f"{start.isoformat()}{numeric_link}{end.isoformat()}",
        f"{start.year}/{start.month:02d}/{start.day:02d}{numeric_link}"
        f"{end.year}/{end.month:02d}/{end.day:02d}",
        # "2019/11/06 (Wed) to 11/07 (Thu)": the second end without its year
        f"{start.year}/{start.month:02d}/{start.day:02d}"
        f"{data.draw(weekday_notes(start))} to {end.month:02d}/{end.day:02d}"
        f"{data.draw(weekday_notes(end))}",
    ]
    if (start.year, start.month) != (end.year, end.month):
        forms.append(f"{start.day} {m1}{link}{end.day} {m2} {end.year}")
    text = data.draw(st.sampled_from(forms))
    assert values(text) == [f"{start.isoformat()}/{end.isoformat()}"], text


@SETTINGS
@given(st.data(), dates, st.integers(0, 20), st.integers(0, 20))
def test_year_less_day_inside_the_period_parses_back(
    data: st.DataObject, day: D, before: int, after: int
) -> None:
    """Without a written year, a day inside the anchor's period lands in the period's year."""
    anchor = Anchor(period_start=day - before * DAY, period_end=day + after * DAY)
    month = data.draw(month_names(day.month))
    text = data.draw(
        st.sampled_from(
            [f"{month} {day.day}", f"{day.day} {month}", f"on {ordinal(day.day)} {month}"]
        )
    )
    assert values(text, anchor) == [day.isoformat()], text


@SETTINGS
@given(st.data(), st.integers(1900, 2099), st.integers(1, 12), st.integers(0, 5))
def test_months_and_years_parse_back(data: st.DataObject, year: int, month: int, span: int) -> None:
    name = data.draw(st.sampled_from([MONTHS[month], f"{MONTHS[month]} of"]))
    last = min(year + span, 2099)
    text, expected = data.draw(
        st.sampled_from(
            [
                (f"{name} {year}", f"{year}-{month:02d}"),
                (f"in {year}", f"{year}"),
                (f"since {year}", f"{year}"),
                (f"from {year} to {last}", f"{year}/{last}" if last != year else f"{year}"),
                (f"FY{year}", f"{year}"),
                (f"fiscal year {year}", f"{year}"),
            ]
        )
    )
    assert values(text) == [expected], text


@SETTINGS
@given(st.data(), dates)
def test_consecutive_days_joined_by_and_are_one_range(data: st.DataObject, day: D) -> None:
    following = day + DAY
    month = data.draw(month_names(day.month))
    if following.month == day.month:
        text = data.draw(
            st.sampled_from(
                [
                    f"{day.day} and {following.day} {month} {day.year}",
                    f"{month} {day.day} and {following.day}, {day.year}",
                ]
            )
        )
    else:
        text = f"{month} {day.day} and {MONTHS[following.month]} {following.day}, {following.year}"
    assert values(text) == [f"{day.isoformat()}/{following.isoformat()}"], text


@SETTINGS
@given(st.data(), dates.filter(lambda d: D(1901, 1, 1) <= d <= D(2098, 12, 31)))
def test_relative_days_resolve_against_the_reference(data: st.DataObject, reference: D) -> None:
    anchor = Anchor(reference=reference)
    word, offset = data.draw(
        st.sampled_from([("today", 0), ("yesterday", -1), ("tomorrow", 1), ("three days ago", -3)])
    )
    matches = find_dates(f"Markets moved {word}.", anchor)
    assert [m.value for m in matches] == [(reference + offset * DAY).isoformat()]
    assert all(m.relative for m in matches)


@SETTINGS
@given(dates.filter(lambda d: d.year > 1900), st.integers(0, 6))
def test_weekday_is_the_latest_one_on_or_before_the_reference(reference: D, weekday: int) -> None:
    name = WEEKDAYS[weekday][-1]
    (match,) = find_dates(f"The index closed lower on {name}.", Anchor(reference=reference))
    day = D.fromisoformat(match.value)
    assert day.weekday() == weekday
    assert 0 <= (reference - day).days < 7
    assert match.relative


# Words of the grammar and numbers of every size, so that counts, years and days meet every
# rule: whatever the text, find_dates gives values of the schema's shapes and never raises.
_WORDS = (
    "in since from to and the of a year years month months day days week weeks ago later "
    "earlier afterwards last next this end beginning current same previous following "
    "January March May September Monday Friday today yesterday , . – / Q3 fiscal FY 's "
    "Street Drive GMT quarter half summer 1970s Christmas Easter Thanksgiving on nineteen "
    "eighty-four two thousand and four hundred"
).split()
_TOKENS = st.one_of(
    st.sampled_from(_WORDS),
    st.integers(0, 10**7).map(str),
    st.integers(1, 31).map(lambda n: f"{n}th"),
)


@SETTINGS
@given(st.lists(_TOKENS, min_size=1, max_size=12), dates)
@example(["It", "formed", "3000", "years", "ago"], D(2019, 11, 19))  # once raised
@example(["On", "3", "May", "2001", ".", "9000", "years", "later"], D(2019, 11, 19))  # too
@example(["Revenue", "in", "H3", "2024"], D(2019, 11, 19))
@example(["Published", "0001-01-01", "yesterday"], D(2019, 11, 19))
def test_any_text_gives_well_formed_values_and_never_raises(words: list[str], day: D) -> None:
    text = " ".join(words)
    for anchor in (None, Anchor(reference=day), Anchor(period_start=day, period_end=day)):
        for match in find_dates(text, anchor):
            assert text[match.start : match.end] == match.text
            for point in match.value.split("/"):
                assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", point), match
                assert 1000 <= to_date(point).year <= 2999


@SETTINGS
@given(st.lists(_TOKENS, min_size=1, max_size=12), dates)
@example(["the", "first", "of", "June"], D(2019, 11, 19))  # an ordinal word starts a day
@example(["the", "following", "day"], D(2019, 11, 19))
def test_tokens_that_start_no_expression_are_skipped_without_loss(words: list[str], day: D) -> None:
    """find_dates skips the tokens where no date part and no relative expression can start
    (grammar.may_start_part, relative.may_start_relative); reading there finds nothing."""
    line = " ".join(words)
    tokens = tokenize(line, 2068)
    for anchor in (None, Anchor(reference=day)):
        for i, token in enumerate(tokens):
            if may_start_part(token) or may_start_relative(token):
                continue
            assert read_chain(tokens, i, anchor) is None
            assert read_relative(tokens, i, anchor or Anchor(), Mentioned()) is None


# Pieces of lines near the lexer's two-digit years: slashed and dotted dates, fiscal years,
# apostrophe years, and the numbers, words and separators around them.
_PIECES = [
    *"0123456789",
    *"/.-–' ’",
    "07",
    "19",
    "2023",
    "FY",
    "fiscal",
    "Fiscal Year",
    "March",
    "s",
    "Q1 ",
    "the ",
]


@SETTINGS
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join), st.booleans())
@example("Posted 7/8/07 at noon", False)
@example("FY 2023/24 budget and the '90s", True)
def test_a_line_that_reads_no_two_digit_year_has_the_same_tokens_under_any_pivot(line, day_first):
    from extractor.dates.lexer import reads_pivot

    if reads_pivot(line):
        return
    assert tokenize(line, 2068, day_first) == tokenize(line, 1999, day_first)
    assert tokenize(line, 2068, day_first) == tokenize(line, 2125, day_first)


def test_two_digit_years_are_read_with_the_pivot():
    from extractor.dates.lexer import reads_pivot

    for line in ("7/8/07", "1/ 2/19", "02.12.19", "FY19", "Fiscal Year 19", "the class of '19"):
        assert reads_pivot(line), line
        assert tokenize(line, 2068) != tokenize(line, 1950), line
