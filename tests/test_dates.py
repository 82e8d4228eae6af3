"""Tests for the date grammar and normalizer (extractor.dates): pure functions, no model."""

from __future__ import annotations

import datetime
import itertools

import pytest

from extractor.dates import (
    Anchor,
    DateMatch,
    find_dates,
    fiscal_year_span,
    parse_date,
    span_bounds,
    to_date,
)

D = datetime.date

# A report about a 2024 autumn programme, published after it.
AUTUMN_2024 = Anchor(
    reference=D(2024, 12, 10), period_start=D(2024, 10, 22), period_end=D(2024, 11, 21)
)
# A training period across the New Year.
NEW_YEAR_PERIOD = Anchor(period_start=D(2022, 12, 5), period_end=D(2023, 1, 27))
# Only a publication date.
PUBLISHED = Anchor(reference=D(2024, 12, 10))


def values(text: str, anchor: Anchor | None = None) -> list[str]:
    return [match.value for match in find_dates(text, anchor)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jun. 14, 2023", ["2023-06-14"]),
        ("Jun 14, 2023", ["2023-06-14"]),
        ("Sept. 3, 2021", ["2021-09-03"]),
        ("Nov. 5, 2024 (Tue)", ["2024-11-05"]),
        ("14 June 2023", ["2023-06-14"]),
        ("14 June, 2023", ["2023-06-14"]),
        ("June 14th, 2023", ["2023-06-14"]),
        ("on the 14th of June 2023", ["2023-06-14"]),
        ("on the first of June 2023", ["2023-06-01"]),
        ("March 12 2009", ["2009-03-12"]),
        ("Tuesday, 5 November 2024", ["2024-11-05"]),
        ("5 Mar. (Wed) and 14 Sept. 2025", ["2025-03-05", "2025-09-14"]),
        ("June 18, 1815", ["1815-06-18"]),
    ],
)
def test_dates_with_month_name_and_year(text: str, expected: list[str]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023/06/14", ["2023-06-14"]),
        ("2023-06-14", ["2023-06-14"]),
        ("2023.06.14", ["2023-06-14"]),
        ("14.06.2023", ["2023-06-14"]),
        ("05.03.2025", ["2025-03-05"]),  # dotted dates are day first
        ("06.14.2023", ["2023-06-14"]),  # ...unless the day cannot be a month
        ("14/06/2023", ["2023-06-14"]),
        ("7/8/07", ["2007-07-08"]),  # an ambiguous slash date is month first
        ("By JANE DOE 10/ 5/11 09:19 PM ET", ["2011-10-05"]),  # strftime's %e pads with a space
        ("1/ 2 cup", []),
        ("10/ 15/11", []),  # the pad stands for a missing digit only
        ("2023/02/30", []),
    ],
)
def test_dates_numeric(text: str, expected: list[str]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("June 14 (Wed) to July 3 (Mon), 2023", "2023-06-14/2023-07-03"),
        ("14–19 June 2023", "2023-06-14/2023-06-19"),
        ("14-19 June 2023", "2023-06-14/2023-06-19"),
        ("14 - 19 June 2023", "2023-06-14/2023-06-19"),
        ("14 to 19 June 2023", "2023-06-14/2023-06-19"),
        ("14 until 19 June 2023", "2023-06-14/2023-06-19"),
        ("14 through 19 June 2023", "2023-06-14/2023-06-19"),
        ("from 14 to 19 June 2023", "2023-06-14/2023-06-19"),
        ("June 14-19, 2023", "2023-06-14/2023-06-19"),
        ("14th to 19th June 2023", "2023-06-14/2023-06-19"),
        ("5th to 7th March 2025", "2025-03-05/2025-03-07"),
        ("5 (Wed) – 7 (Fri) March 2025", "2025-03-05/2025-03-07"),
        ("Wednesday 5 March to Friday 7 March 2025", "2025-03-05/2025-03-07"),
        ("22 Oct – 21 Nov 2024", "2024-10-22/2024-11-21"),
        ("Oct 22-Nov 21, 2024", "2024-10-22/2024-11-21"),
        ("2024.10.22 – 2024.11.21", "2024-10-22/2024-11-21"),
        ("April 2024 – March 2025", "2024-04/2025-03"),
        ("September 4 to 29, 2023", "2023-09-04/2023-09-29"),
        ("September 28, 2021 to February 3, 2022", "2021-09-28/2022-02-03"),
        ("October 22 (Tue) to November 21 (Thu), 2024", "2024-10-22/2024-11-21"),
        ("from October 22 to November 21, 2024", "2024-10-22/2024-11-21"),
        ("December 20 to January 10, 2023", "2022-12-20/2023-01-10"),
        ("December 20, 2022 to January 10", "2022-12-20/2023-01-10"),
        ("between 3 and 7 March 2025", "2025-03-03/2025-03-07"),
        ("2023-06-14 to 2023-06-19", "2023-06-14/2023-06-19"),
        ("June to August 2023", "2023-06/2023-08"),
        ("between April and June 2009", "2009-04/2009-06"),
        ("from 2009 to 2011", "2009/2011"),
        ("2009–2011", "2009/2011"),
    ],
)
def test_dates_range_is_one_value(text: str, expected: str) -> None:
    assert values(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("June 14 to 19", "2024-06-14/2024-06-19"),
        ("from 14 to 19 June", "2024-06-14/2024-06-19"),
        ("June 14-19", "2024-06-14/2024-06-19"),
        ("January 13 (Mon) to 17 (Fri)", "2025-01-13/2025-01-17"),  # weekdays of 2025
        ("December 20 to January 10", "2024-12-20/2025-01-10"),
    ],
)
def test_dates_range_without_year(text: str, expected: str) -> None:
    assert values(text, PUBLISHED) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14 and 15 June 2023", ["2023-06-14/2023-06-15"]),
        ("June 14 and 15, 2023", ["2023-06-14/2023-06-15"]),
        ("5, 6 and 7 May 2025", ["2025-05-05/2025-05-07"]),
        ("June 30 and July 1, 2023", ["2023-06-30/2023-07-01"]),
        ("June 14 and 16, 2023", ["2023-06-14", "2023-06-16"]),  # not consecutive: two days
        ("June 5, 6, and 8, 2023", ["2023-06-05", "2023-06-06", "2023-06-08"]),
    ],
)
def test_dates_consecutive_days_joined_by_and_are_one_range(text: str, expected: list[str]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nov. 5, Nov. 19 and Dec. 3, 2024", ["2024-11-05", "2024-11-19", "2024-12-03"]),
        ("June 5, 19 and July 3, 2023", ["2023-06-05", "2023-06-19", "2023-07-03"]),
        ("June 2023 and September 2025", ["2023-06", "2025-09"]),
        ("in 2012 and 2013", ["2012", "2013"]),
        ("in January, February and March 2009", ["2009-01", "2009-02", "2009-03"]),
    ],
)
def test_dates_list_gives_one_value_per_item_with_shared_year(
    text: str, expected: list[str]
) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("June 2023", ["2023-06"]),
        ("planned for September 2025 in Vientiane", ["2025-09"]),
        ("in 2012", ["2012"]),
        ("since 2018", ["2018"]),
        ("(2019)", ["2019"]),
        ("in 1900 and 2100", ["1900", "2100"]),
        ("in '82", ["1982"]),
    ],
)
def test_dates_month_year_and_plain_year(text: str, expected: list[str]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2,000 people",
        "About 140 people registered",
        "ILO Convention No. 189",
        "at 19:00",
        "11:30 to 13:00",
        "19:00–20:30 JST",
        "since the COVID-19 pandemic",
        "2000 people",
        "2012 yen",
        "2012%",
        "$2012",
        "Room 2012",
        "1850 alone",  # before 1900 a year needs a context ("in 1850" is one)
        "in 2500",
        "7.5 percent",
        "TEL +81-78-000-0000, 651-0086",
        "call 03-2012-1234",
        "1-2-3 Isogami-dori",
        "4-1 Day 1",
        "2-1 Visits",
        "in recent years",
        "on June 5, 20 people came",  # no anchor, and "20" is a count, not a day
        "in March",  # year-less, no anchor: no guess
        "March for peace",
        "May I ask",
        "Jan Smith",
        "29 February 2023",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nov. 5, 2024 (Tue), 19:00–20:30 JST: Labour rights", ["2024-11-05"]),
        ("June 5, 2 to 4 pm", ["2025-06-05"]),
        ("On June 5, 20 people attended", ["2024-06-05"]),  # past tense: the June before
        ("Session 1 — Nov. 5, 2024", ["2024-11-05"]),
        ("Day 1 (5 March)", ["2025-03-05"]),
        ("4-2 Day 2 (6 March): Administrative data", ["2025-03-06"]),
    ],
)
def test_dates_neighbouring_numbers_do_not_join_a_date(text: str, expected: list[str]) -> None:
    assert values(text, PUBLISHED) == expected


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        # inside the period
        ("November 20: Action Plan", AUTUMN_2024, ["2024-11-20"]),
        ("November 5 to 12", AUTUMN_2024, ["2024-11-05/2024-11-12"]),
        # a period across the New Year: January goes to the later year, December to the earlier
        ("January 6", NEW_YEAR_PERIOD, ["2023-01-06"]),
        ("December 12 to 16", NEW_YEAR_PERIOD, ["2022-12-12/2022-12-16"]),
        ("December 20 to January 10", NEW_YEAR_PERIOD, ["2022-12-20/2023-01-10"]),
        ("February 10", NEW_YEAR_PERIOD, ["2023-02-10"]),  # nearest to the period
        ("in June", NEW_YEAR_PERIOD, ["2023-06"]),
        # outside the period: the nearer occurrence
        ("from 3 to 7 March", AUTUMN_2024, ["2025-03-03/2025-03-07"]),
        # only a reference date: nearest occurrence, within six months either side
        ("from 3 to 7 March", PUBLISHED, ["2025-03-03/2025-03-07"]),
        ("Sept. 3", PUBLISHED, ["2024-09-03"]),
        ("since November", PUBLISHED, ["2024-11"]),
        ("in June", Anchor(reference=D(2009, 2, 3)), ["2009-06"]),
        ("in January", Anchor(reference=D(2009, 2, 3)), ["2009-01"]),
        ("February 29", Anchor(reference=D(2008, 6, 1)), ["2008-02-29"]),
        ("February 29", Anchor(reference=D(2009, 6, 1)), ["2008-02-29"]),
        # 183 days either way: a tie goes to the later year
        ("July 2", Anchor(reference=D(2024, 1, 1)), ["2024-07-02"]),
    ],
)
def test_dates_year_inferred_from_anchor(text: str, anchor: Anchor, expected: list[str]) -> None:
    assert values(text, anchor) == expected


@pytest.mark.parametrize(
    "text", ["June 14", "June 14 to 19", "14 and 15 June", "since November", "Day 1 (5 March)"]
)
def test_dates_without_year_or_anchor_give_nothing(text: str) -> None:
    assert find_dates(text) == []


def test_dates_written_year_wins_over_anchor() -> None:
    assert values("June 14, 2019", AUTUMN_2024) == ["2019-06-14"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("last September", ["2024-09"]),
        ("next March", ["2025-03"]),
        ("this June", ["2024-06"]),
        ("last December", ["2023-12"]),
        ("after October of next year", ["2025-10"]),
    ],
)
def test_dates_deictic_month_is_relative(text: str, expected: list[str]) -> None:
    matches = find_dates(text, PUBLISHED)
    assert [m.value for m in matches] == expected
    assert all(m.relative for m in matches)


def test_dates_inferred_year_is_not_relative() -> None:
    assert find_dates("in March", PUBLISHED)[0].relative is False


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FY2023", ["2023"]),
        ("FY 2023", ["2023"]),
        ("fiscal year 2023", ["2023"]),
        ("Fiscal Year 2022 report", ["2022"]),
        ("the FY2024 Civil Society Grant", ["2024"]),
        ("FY23", ["2023"]),
    ],
)
def test_dates_fiscal_year_is_its_year(text: str, expected: list[str]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("by the end of 2025", ["2025"]),
        ("until the end of April 2025", ["2025-04"]),
        ("mid-2011", ["2011"]),
        ("early June", ["2024-06"]),
        ("mid-June", ["2024-06"]),
        ("the fourth quarter of 2005 and 2006", ["2005-10/2005-12", "2006"]),
        ("first half of 2025", ["2025-01/2025-06"]),
    ],
)
def test_dates_vague_spans(text: str, expected: list[str]) -> None:
    assert values(text, PUBLISHED) == expected


def test_dates_offsets_point_into_the_text() -> None:
    text = "Period: December 5, 2022 to January 27, 2023\nPublished 24 March 2025 (Mon)."
    matches = find_dates(text)
    assert [(m.text, m.value) for m in matches] == [
        ("December 5, 2022 to January 27, 2023", "2022-12-05/2023-01-27"),
        ("24 March 2025 (Mon)", "2025-03-24"),
    ]
    for match in matches:
        assert text[match.start : match.end] == match.text


def test_dates_do_not_cross_line_breaks() -> None:
    assert values("June 14\n2023 plans", PUBLISHED) == ["2024-06-14", "2023"]


def test_dates_in_a_paragraph_are_in_order_and_do_not_overlap() -> None:
    text = (
        "KMCN held a three-part online seminar series on Nov. 5, Nov. 19 and Dec. 3, 2024. "
        "About 140 people registered. The follow-up workshop will be held in Manila from 3 to "
        "7 March, under the FY2024 grant; the network has worked since 2012."
    )
    matches = find_dates(text, PUBLISHED)
    assert [m.value for m in matches] == [
        "2024-11-05",
        "2024-11-19",
        "2024-12-03",
        "2025-03-03/2025-03-07",
        "2024",
        "2012",
    ]
    ends = [(m.start, m.end) for m in matches]
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(ends))


def test_parse_date_returns_the_first_expression() -> None:
    match = parse_date("Date: 5th to 7th March 2025 | Venue: Bangkok | Published 24 March 2025")
    assert match == DateMatch(6, 27, "5th to 7th March 2025", "2025-03-05/2025-03-07")


def test_parse_date_without_a_date_is_none() -> None:
    assert parse_date("Overview of the programme") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-06-14/2023-06-19", ("2023-06-14", "2023-06-19")),
        ("2023-06", ("2023-06", "2023-06")),
        ("2023", ("2023", "2023")),
    ],
)
def test_span_bounds(value: str, expected: tuple[str, str]) -> None:
    assert span_bounds(value) == expected


@pytest.mark.parametrize(
    ("point", "expected"),
    [("2023-06-14", D(2023, 6, 14)), ("2023-06", D(2023, 6, 1)), ("2023", D(2023, 1, 1))],
)
def test_to_date_gives_the_first_day(point: str, expected: datetime.date) -> None:
    assert to_date(point) == expected


@pytest.mark.parametrize("point", ["2023-6-14", "June 2023", "2023-06-14/2023-06-19", "2023-02-30"])
def test_to_date_rejects_malformed_values(point: str) -> None:
    with pytest.raises(ValueError):
        to_date(point)


@pytest.mark.parametrize(
    ("text", "start_month", "expected"),
    [
        ("FY2024", 4, "2024-04-01/2025-03-31"),
        ("the FY 2022 training program", 4, "2022-04-01/2023-03-31"),
        ("fiscal year 2023", 4, "2023-04-01/2024-03-31"),
        ("FY2024", 1, "2024-01-01/2024-12-31"),
        ("FY2024", 10, "2024-10-01/2025-09-30"),
    ],
)
def test_fiscal_year_span(text: str, start_month: int, expected: str) -> None:
    match = fiscal_year_span(text, start_month)
    assert match is not None
    assert match.value == expected
    assert text[match.start : match.end] == match.text


def test_fiscal_year_span_without_fiscal_year_is_none() -> None:
    assert fiscal_year_span("Training Program 2024") is None


def test_fiscal_year_span_rejects_bad_start_month() -> None:
    with pytest.raises(ValueError, match="start_month"):
        fiscal_year_span("FY2024", 13)


# --- the expression table (issue 4): text, anchor, expected values ----------------------------

# A news item published on Tuesday 2024-12-10, with no period of its own.
NEWS = Anchor(reference=D(2024, 12, 10))
# A Japanese fiscal-year report (FY2023) without a publication date.
FY2023 = Anchor(period_start=D(2023, 4, 1), period_end=D(2024, 3, 31))
# A five-day training, Monday 6 to Friday 10 March 2023, reported on the 14th.
TRAINING_WEEK = Anchor(
    reference=D(2023, 3, 14), period_start=D(2023, 3, 6), period_end=D(2023, 3, 10)
)
# A report published four years after its event.
LATE_REPORT = Anchor(
    reference=D(2024, 6, 1), period_start=D(2020, 1, 10), period_end=D(2020, 3, 20)
)
# The same training with no publication day.
EVENT_ONLY = Anchor(period_start=D(2023, 3, 6), period_end=D(2023, 3, 10))
# A section dated to one day of that training.
TRAINING_DAY = Anchor(
    reference=D(2023, 3, 14), period_start=D(2023, 3, 7), period_end=D(2023, 3, 7)
)

WRITTEN = [
    ("Updated 14-Jun-2016 10:00", None, ["2016-06-14"]),
    ("Sales in Jan-Mar 2016 rose.", None, ["2016-01/2016-03"]),
    ("Sales in Jan – Mar 2016 rose.", None, ["2016-01/2016-03"]),
    # month name, day and year
    ("June 14 (Wed) to July 3 (Mon), 2023", None, ["2023-06-14/2023-07-03"]),
    ("14–19 June 2023", None, ["2023-06-14/2023-06-19"]),
    ("14 - 19 June 2023", None, ["2023-06-14/2023-06-19"]),
    ("14 to 19 June 2023", None, ["2023-06-14/2023-06-19"]),
    ("14 until 19 June 2023", None, ["2023-06-14/2023-06-19"]),
    ("14 through 19 June 2023", None, ["2023-06-14/2023-06-19"]),
    ("from 14 to 19 June 2023", None, ["2023-06-14/2023-06-19"]),
    ("June 14-19, 2023", None, ["2023-06-14/2023-06-19"]),
    ("June 14–19, 2023", None, ["2023-06-14/2023-06-19"]),
    ("14th to 19th June 2023", None, ["2023-06-14/2023-06-19"]),
    ("between 3 and 7 March 2025", None, ["2025-03-03/2025-03-07"]),
    ("Oct 22-Nov 21, 2024", None, ["2024-10-22/2024-11-21"]),
    ("Jun. 14, 2023", None, ["2023-06-14"]),
    ("Jun 14, 2023", None, ["2023-06-14"]),
    ("Sept. 3, 2021", None, ["2021-09-03"]),
    ("Sep 3 2021", None, ["2021-09-03"]),
    ("3 Sept 2021", None, ["2021-09-03"]),
    ("Dec. 25, 2023 (Mon)", None, ["2023-12-25"]),
    ("Tuesday, 5 November 2024", None, ["2024-11-05"]),
    ("June 18, 1815", None, ["1815-06-18"]),
    # numeric
    ("2023/06/14", None, ["2023-06-14"]),
    ("2023-06-14", None, ["2023-06-14"]),
    ("2023.06.14", None, ["2023-06-14"]),
    ("14.06.2023", None, ["2023-06-14"]),
    ("14/06/2023", None, ["2023-06-14"]),
    ("06/14/2023", None, ["2023-06-14"]),
    ("05.03.2025", None, ["2025-03-05"]),
    ("7/8/07", None, ["2007-07-08"]),
    ("2019/11/06 (Wed) to 11/07 (Thu)", None, ["2019-11-06/2019-11-07"]),
    ("2019/12/28 to 01/04", None, ["2019-12-28/2020-01-04"]),
    ("14.06.2023–19.06", None, ["2023-06-14/2023-06-19"]),
    ("12/20/2023 - 1/5", None, ["2023-12-20/2024-01-05"]),
    # across months and years
    ("September 28, 2021 to February 3, 2022", None, ["2021-09-28/2022-02-03"]),
    ("December 20 to January 10, 2023", None, ["2022-12-20/2023-01-10"]),
    ("December 18 to January 9", NEWS, ["2024-12-18/2025-01-09"]),
    # consecutive days and lists
    ("14 and 15 June 2023", None, ["2023-06-14/2023-06-15"]),
    ("5/6 June 2023", None, ["2023-06-05/2023-06-06"]),
    ("5, 6 and 7 May 2025", None, ["2025-05-05/2025-05-07"]),
    ("June 5, 19 and July 3, 2023", None, ["2023-06-05", "2023-06-19", "2023-07-03"]),
    # months, years, fiscal years
    ("June 2023", None, ["2023-06"]),
    ("April 2024 – March 2025", None, ["2024-04/2025-03"]),
    ("in 2012", None, ["2012"]),
    ("since 2018", None, ["2018"]),
    ("in '82", None, ["1982"]),
    ("2009–2011", None, ["2009/2011"]),
    ("the 2023–24 El Niño", None, ["2023/2024"]),
    ("the 2019-20 season", None, ["2019/2020"]),
    ("the 2024/25 budget", None, ["2024/2025"]),
    ("FY2023", None, ["2023"]),
    ("FY 2023", None, ["2023"]),
    ("fiscal year 2023", None, ["2023"]),
    ("FY2023/24", None, ["2023"]),
    # a year inferred from the context
    ("June 14 to 19", NEWS, ["2024-06-14/2024-06-19"]),
    ("in March", NEWS, ["2025-03"]),
    ("Registration closes on January 15.", NEWS, ["2025-01-15"]),
    ("The law took effect in March.", NEWS, ["2024-03"]),
    ("It was introduced in January.", NEWS, ["2024-01"]),
    ("The centre will open in March.", NEWS, ["2025-03"]),
    ("The conference will be held on 3 December.", NEWS, ["2025-12-03"]),
    ("The report was published on 3 December.", NEWS, ["2024-12-03"]),
    ("Field practice on a tidal flat (June)", FY2023, ["2023-06"]),
    ("Harvest of the demonstration plots (January)", FY2023, ["2024-01"]),
    ("in June and July", FY2023, ["2023-06", "2023-07"]),
    ("Day 2 (7 March)", TRAINING_WEEK, ["2023-03-07"]),
    # looking ahead from a report's period, with or without a publication day: the next June
    ("The partners will meet again in June.", TRAINING_WEEK, ["2023-06"]),
    ("The partners will meet again in February.", TRAINING_WEEK, ["2024-02"]),
    ("The partners will meet again in February.", EVENT_ONLY, ["2024-02"]),
    ("The network was founded in February.", EVENT_ONLY, ["2023-02"]),
    # a tense no year fits (published long after the period) is read without it
    ("The committee will meet again in May.", LATE_REPORT, ["2020-05"]),
    # a date inside the period stays there, whatever the tense
    ("The closing session will be held on 9 March.", TRAINING_WEEK, ["2023-03-09"]),
]

RELATIVE = [
    # against the publication date
    ("today", NEWS, ["2024-12-10"]),
    ("Stocks fell sharply earlier today.", NEWS, ["2024-12-10"]),
    ("yesterday", NEWS, ["2024-12-09"]),
    ("tomorrow", NEWS, ["2024-12-11"]),
    ("tonight", NEWS, ["2024-12-10"]),
    ("last year", NEWS, ["2023"]),
    ("this year", NEWS, ["2024"]),
    ("next year", NEWS, ["2025"]),
    ("by the end of last year", NEWS, ["2023"]),
    ("last month", NEWS, ["2024-11"]),
    ("this month", NEWS, ["2024-12"]),
    ("next month", NEWS, ["2025-01"]),
    ("last September", NEWS, ["2024-09"]),
    ("next March", NEWS, ["2025-03"]),
    ("September last year", NEWS, ["2023-09"]),
    ("after October of next year", NEWS, ["2025-10"]),
    ("in January next year", NEWS, ["2025-01"]),
    ("a year ago", NEWS, ["2023"]),
    ("a week ago", NEWS, ["2024-12-03"]),  # seven days back, as TimeML values it
    ("2 weeks ago", NEWS, ["2024-11-26"]),
    ("three days ago", NEWS, ["2024-12-07"]),
    ("originally due later this year", NEWS, ["2024"]),
    ("Seventeen years ago, the war began.", NEWS, ["2007"]),
    ("The council voted last night.", NEWS, ["2024-12-09"]),
    ("Police said this morning that the road is open.", NEWS, ["2024-12-10"]),
    ("The rules should be ready by year-end.", NEWS, ["2024"]),
    ("at year end, the firm had 30 staff", NEWS, ["2024"]),
    # "the end of the year" is the year told of in a past clause, else the publication's
    ("In 2003 sales fell. By the end of the year, they had doubled.", NEWS, ["2003", "2003"]),
    ("In 2003 sales fell. Guidelines are due by the end of the year.", NEWS, ["2003", "2024"]),
    # "the new year": the year begun or about to begin nearest the publication day
    ("Plans are set for the new year.", NEWS, ["2025"]),
    ("Just a week into the new year, fires burn.", Anchor(reference=D(2020, 1, 10)), ["2020"]),
    # weekdays: the latest one, unless the clause is in the future
    ("The index closed lower on Monday.", NEWS, ["2024-12-09"]),
    ("Apple announced Friday that it will give a free case.", NEWS, ["2024-12-06"]),
    ("On Tuesday, the board met.", NEWS, ["2024-12-10"]),
    ("The trial is set to begin on Wednesday.", NEWS, ["2024-12-11"]),
    ("Markets stay closed until Friday.", NEWS, ["2024-12-13"]),
    # a weekday as the subject of a present "is": the coming day; as an object, the latest
    ("Saturday is the 75th anniversary of the act.", NEWS, ["2024-12-14"]),
    ("He said Saturday is too late.", NEWS, ["2024-12-07"]),
    # a programme or a result in the present tense of a statement: the coming day
    ("The show opens to the public on Friday.", NEWS, ["2024-12-13"]),
    ("Lowe's reports earnings Wednesday.", NEWS, ["2024-12-11"]),
    # "is to", "are to": the agencies' future; a name in -ed is no past verb
    ("The minister is to visit Japan on Monday.", NEWS, ["2024-12-16"]),
    ("On Wednesday, Mohamed and his father are to travel to Qatar.", NEWS, ["2024-12-11"]),
    # "could" negated is the past of "can"; alone, a possibility ahead
    ("He could not be reached for comment on Monday.", NEWS, ["2024-12-09"]),
    ("Neither team could score on Sunday night.", NEWS, ["2024-12-08"]),
    ("Rain could fall on Sunday.", NEWS, ["2024-12-15"]),
    # a deadline in a past clause is behind
    ("The hashtag was used a million times by Thursday night.", NEWS, ["2024-12-05"]),
    ("The minister will visit on Thursday.", NEWS, ["2024-12-12"]),
    ("next Monday", NEWS, ["2024-12-16"]),
    ("last Tuesday", NEWS, ["2024-12-03"]),
    ("last Friday", NEWS, ["2024-12-06"]),
    ("this Friday", NEWS, ["2024-12-13"]),
    ("Monday's closing price", NEWS, ["2024-12-09"]),
    # against the dates mentioned before
    ("Sales fell in January, compared to the same month a year ago.", NEWS, ["2024-01", "2023-01"]),
    ("Sales rose in February compared to the same period last year.", NEWS, ["2024-02", "2023-02"]),
    ("Costs fell last year, $19.8 billion less than the year previous.", NEWS, ["2023", "2022"]),
    ("Sales dropped 42% last month from the previous year.", NEWS, ["2024-11", "2023"]),
    ("The iPod came in 2001 and the following year Mac OS X.", None, ["2001", "2002"]),
    (
        "It opened on 5 March 2025. The following day, they left.",
        None,
        ["2025-03-05", "2025-03-06"],
    ),
    ("It opened on 5 March 2025. The next day, they left.", None, ["2025-03-05", "2025-03-06"]),
    ("It closed on 5 March 2025; the previous day was calm.", None, ["2025-03-05", "2025-03-04"]),
    (
        "Stocks rose on Friday. A report released on the same day said",
        NEWS,
        ["2024-12-06", "2024-12-06"],
    ),
    (
        "The workshop ran from 6 to 8 May 2025. The following day, a tour.",
        None,
        ["2025-05-06/2025-05-08", "2025-05-09"],
    ),
    # against the dated section
    ("The next day, the delegation visited a port.", TRAINING_DAY, ["2023-03-08"]),
    ("The previous day was spent travelling.", TRAINING_DAY, ["2023-03-06"]),
    ("On the first day, each delegation presented a case.", TRAINING_WEEK, ["2023-03-06"]),
    ("On the second day, the group visited the court.", TRAINING_WEEK, ["2023-03-07"]),
    ("On the third day, participants ran a simulation.", TRAINING_WEEK, ["2023-03-08"]),
    ("on the 2nd day", TRAINING_WEEK, ["2023-03-07"]),
    ("on Day 4 the group rested", TRAINING_WEEK, ["2023-03-09"]),
    ("On Thursday, the trainees visited the dam.", TRAINING_WEEK, ["2023-03-09"]),
    ("On Tuesday, the field work started.", TRAINING_DAY, ["2023-03-07"]),
]

NOT_DATES = [
    ("Jan - see below", NEWS),
    ("His new year's resolutions failed.", NEWS),
    ("since the COVID-19 pandemic", NEWS),
    ("ILO Convention No. 189", NEWS),
    ("certified under ISO 9001", NEWS),
    ("ISO 9001:2015 certification", NEWS),
    ("TEL +81-78-000-0000", NEWS),
    ("Fax: 03-2012-1234", NEWS),
    ("〒650-0044 Kobe", NEWS),
    ("Kobe 651-0086, Japan", NEWS),
    ("1-2-3 Isogami-dori, Chuo-ku", NEWS),
    ("11:30 to 13:00", NEWS),
    ("19:00–20:30 JST", NEWS),
    ("from 9 a.m. to 5 p.m.", NEWS),
    ("2,000 people", NEWS),
    ("7.5 percent", NEWS),
    ("the Russell 2000 Index", NEWS),
    ("in recent years", NEWS),
    ("has recently caused a decline", NEWS),
    ("last week", NEWS),
    ("this week", NEWS),
    ("at the close of the day", NEWS),
    ("open every Monday", NEWS),
    ("open Monday to Friday", NEWS),
    ("on 'Black Monday'", NEWS),
    ("according to The Sunday Times", NEWS),
    ("USA Today reported", NEWS),
    ("the cars of tomorrow", NEWS),
    ("over the next year", NEWS),
    ("over the last year", NEWS),
    ("the first quarter of last year", NEWS),
    ("for a second consecutive day", TRAINING_WEEK),
    ("on the sixth day", TRAINING_WEEK),
    ("on the last day", TRAINING_WEEK),
    ("support 24/7", NEWS),
    ("3/4 of the members", NEWS),
    ("March for peace", NEWS),
    ("May I ask", NEWS),
    ("on Tuesday", None),  # no anchor: no guess
    ("the following day", NEWS),  # no day to follow
]


@pytest.mark.parametrize(("text", "anchor", "expected"), WRITTEN)
def test_dates_expression_table_written(
    text: str, anchor: Anchor | None, expected: list[str]
) -> None:
    matches = find_dates(text, anchor)
    assert [m.value for m in matches] == expected
    assert not any(m.relative for m in matches)


@pytest.mark.parametrize(("text", "anchor", "expected"), RELATIVE)
def test_dates_expression_table_relative(
    text: str, anchor: Anchor | None, expected: list[str]
) -> None:
    matches = find_dates(text, anchor)
    assert [m.value for m in matches] == expected
    assert any(m.relative for m in matches)


@pytest.mark.parametrize(("text", "anchor"), NOT_DATES)
def test_dates_expression_table_not_dates(text: str, anchor: Anchor | None) -> None:
    assert find_dates(text, anchor) == []


def test_dates_expression_table_has_at_least_100_rows() -> None:
    assert len(WRITTEN) + len(RELATIVE) + len(NOT_DATES) >= 100


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yesterday", ["yesterday"]),
        ("on Monday", ["Monday"]),
        ("last Friday", ["last Friday"]),
        ("the following day", ["the following day"]),
        ("two years ago", ["two years ago"]),
        ("earlier this year", ["earlier this year"]),
    ],
)
def test_dates_relative_match_text_is_the_expression(text: str, expected: list[str]) -> None:
    anchor = Anchor(
        reference=D(2024, 12, 10), period_start=D(2024, 12, 9), period_end=D(2024, 12, 9)
    )
    assert [m.text for m in find_dates(text, anchor)] == expected


@pytest.mark.parametrize(
    "heading", ["Day 2: Field visit", "Next steps", "The following day", "Today's programme"]
)
def test_parse_date_skips_relative_expressions(heading: str) -> None:
    assert parse_date(heading, TRAINING_WEEK) is None


def test_parse_date_reads_no_tense_in_a_heading() -> None:
    # A heading is no clause: "plans" does not put 22 August after the publication date.
    match = parse_date(
        "Day 1 (22 August), Session 1: Heat action plans", Anchor(reference=D(2024, 9, 9))
    )
    assert match is not None
    assert match.value == "2024-08-22"


@pytest.mark.parametrize(
    ("text", "start_month", "expected"),
    [
        ("FY2023", 7, "2023-07-01/2024-06-30"),
        ("FY 2023", 12, "2023-12-01/2024-11-30"),
        ("FY2023/24", 4, "2023-04-01/2024-03-31"),
        (
            "fiscal 2023",
            2,
            "2023-02-01/2024-01-31",
        ),  # 2024 is a leap year: its February ends FY2023
    ],
)
def test_fiscal_year_span_honours_the_start_month(
    text: str, start_month: int, expected: str
) -> None:
    match = fiscal_year_span(text, start_month)
    assert match is not None
    assert match.value == expected


def test_fiscal_year_in_find_dates_is_the_year_whatever_the_calendar() -> None:
    anchor = Anchor(fiscal_year_start_month=10)
    assert values("FY2023", anchor) == ["2023"]


# --- recorded evidence of inferred dates (issue 16) -------------------------------------------


def only(text: str, anchor: Anchor) -> DateMatch:
    (match,) = find_dates(text, anchor)
    return match


def test_a_written_date_records_no_inference():
    assert only("The plant opened on June 14, 2023.", NEWS).inference is None


def test_a_past_year_less_date_records_the_tense_cue_and_the_years_weighed():
    match = only("The board approved it on March 4.", NEWS)
    assert match.value == "2024-03-04"
    inference = match.inference
    assert inference is not None
    assert (inference.anchor, inference.anchor_value) == ("published", "2024-12-10")
    assert inference.cues == ("tense past: approved", "nearest to published")
    assert inference.candidates == (2023, 2024, 2025)


def test_a_future_year_less_date_records_its_modal_and_wins_the_next_year():
    match = only("The plant will open on March 4.", NEWS)
    assert match.value == "2025-03-04"
    assert match.inference is not None
    assert match.inference.cues[0] == "tense future: will"


def test_a_date_inside_the_report_period_says_so():
    match = only("Participants presented on November 5.", AUTUMN_2024)
    assert match.value == "2024-11-05"
    assert match.inference is not None
    assert match.inference.anchor == "period"
    assert match.inference.anchor_value == "2024-10-22/2024-11-21"
    assert match.inference.cues == ("in period",)


@pytest.mark.parametrize(
    ("text", "value", "anchor", "cue"),
    [
        ("Prices rose last year.", "2023", "published", "cue: last year"),
        ("Talks failed on Tuesday.", "2024-12-10", "published", "latest on or before published"),
        ("The vote is due until Friday.", "2024-12-13", "published", "cue: until"),
        ("Shares fell yesterday.", "2024-12-09", "published", "cue: yesterday"),
    ],
)
def test_relative_expressions_record_their_anchor_and_cue(text, value, anchor, cue):
    match = only(text, NEWS)
    assert (match.value, match.relative) == (value, True)
    assert match.inference is not None
    assert (match.inference.anchor, match.inference.cues[0]) == (anchor, cue)


def test_the_following_day_is_read_against_the_date_mentioned_last():
    _, following = find_dates("The fair opened on 3 May 2023. The following day it closed.")
    assert following.value == "2023-05-04"
    assert following.inference is not None
    assert (following.inference.anchor, following.inference.anchor_value) == (
        "mentioned",
        "2023-05-03",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("February sales rose 5% on a year earlier.", ["2024-02", "2023"]),
        ("Two candidates have not qualified for the December debate.", ["2024-12"]),
        ("Historians still argue about the October Revolution.", []),
        ("Prices may rise, and March will tell.", []),
    ],
)
def test_unambiguous_month_names_are_dates_without_a_cue_word(text, expected):
    assert values(text, NEWS) == expected


def test_a_news_item_with_a_one_day_period_still_reads_past_months_backwards():
    # The item reports the day it was published; an arrest "in April" lies before it.
    day = Anchor(
        reference=D(2019, 11, 19), period_start=D(2019, 11, 19), period_end=D(2019, 11, 19)
    )
    assert values("He was arrested in April for the March 21 call.", day) == [
        "2019-04",
        "2019-03-21",
    ]


def test_a_noun_that_is_also_a_verb_of_intent_is_no_future_cue():
    # "plan" before "to" looks ahead ("plans to open in March"); "the plan" does not.
    assert values("The board approved the plan on March 4.", NEWS) == ["2024-03-04"]
    assert values("The company plans to open a plant in March.", NEWS) == ["2025-03"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sales rose earlier this year.", ["2024"]),
        ("The plant opens later in the month.", ["2024-12"]),
        ("Prices fell at the beginning of the year.", ["2024"]),
        ("It will close by the end of the year.", ["2024"]),
        ("Output fell in the current year.", ["2024"]),
        ("Installations rose in the first seven months of the year.", ["2024"]),
        ("In 2015 the firm grew; in the second half of the year it lost money.", ["2015", "2015"]),
        ("It was paid on the first day of the month.", []),
        ("He joined the firm a year ago.", ["2023"]),
        ("The plan was announced nine months ago.", ["2024-03"]),
        ("The deal was signed three days ago.", ["2024-12-07"]),
        ("The deal was signed two weeks ago.", ["2024-11-26"]),
        ("The company was founded in 2001; two years later it went public.", ["2001", "2003"]),
        ("The jet arrives on 11 November 2024, three days later than planned.", ["2024-11-11"]),
        ("It lost $1bn in the quarter; in the same period a year earlier it gained.", []),
        ("Over the next year the index rose.", []),
    ],
)
def test_relative_counts_and_parts_of_the_current_year(text, expected):
    assert values(text, NEWS) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the clause of "in March" has no verb: the sentence's finite verb decides
        (
            "A man pleaded guilty to threatening Rep. Ilhan Omar, D-Minn., in March, "
            "prosecutors said.",
            ["2024-03"],
        ),
        # "won't" is "will not"; "not yet qualified" is still to come
        ("They won't qualify for the October debate.", ["2025-10"]),
        ("Two candidates haven't yet qualified for the February debate.", ["2025-02"]),
    ],
)
def test_the_tense_of_the_sentence_and_of_contracted_or_unfinished_verbs(text, expected):
    assert values(text, NEWS) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Officers stopped a car driven by a man of 1909 Jolinda Drive. He was arrested.",
        "The office at 2100 Pennsylvania Ave NW closed.",
        "The museum at 1871 Main Street reopened.",
        "Updated 1909 GMT, the report said.",
        "The call came at 0930 EST.",
    ],
)
def test_street_numbers_and_times_with_a_zone_are_not_years(text):
    assert values(text, NEWS) == []


def test_a_street_name_that_goes_on_as_a_name_keeps_its_year():
    assert values("In 1999 Main Street Bank opened a branch.", NEWS) == ["1999"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Although he was born in Braunau in 1889, the country argued otherwise.", ["1889"]),
        ("The firm was founded in 1871 and grew.", ["1871"]),
        ("Spinoza (1632–1677) wrote the Ethics.", ["1632/1677"]),
        ("The estate changed hands from 1580 to 1660.", ["1580/1660"]),
        ("He returned to England in about 1868 to write the rules.", ["1868"]),
        ("In about 1500 cases the test failed.", []),
        ("He moved to Paris and in 1887 earned his master's degree.", ["1887"]),
        ("Norton, who in 1859 proclaimed himself emperor, died poor.", ["1859"]),
        ("By 1859, Norton had lost his fortune.", ["1859"]),
        ("I have been his associate since October, 1805, when I entered college.", ["1805-10"]),
        ("The survey found that in 1500 reported cases the test failed.", []),
        ("In March, 1500 troops arrived.", ["2024-03"]),
        ("His first book, Childish Recollections (1806), sold well.", ["1806"]),
        ("A photograph, c. 1871, shows the square.", ["1871"]),
        ("The participants (1500) met in the hall.", []),
        ("Delegates to the Consultation of 1835 met at San Felipe.", ["1835"]),
        ("The 1863 Emancipation Proclamation freed slaves.", ["1863"]),
        ("From 1890 until 1970, the city grew.", ["1890/1970"]),
        ("The 1500 soldiers crossed the river.", []),
        ("Chapter 3 of 1500 pages is missing.", []),
        ("The bill passed by 1200 votes.", []),
        ("The clinic saw about 1500 patients.", []),
        ("In 1500 cases the test failed.", []),
        ("Resolution 1325 was adopted.", []),
        ("See page 1871 of the record.", []),
    ],
)
def test_years_before_1900_only_where_written_as_years(text, expected):
    assert values(text, NEWS) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Growth slowed in the first quarter of 2009.", ["2009-01/2009-03"]),
        ("It revised fourth-quarter 2006 GDP growth.", ["2006-10/2006-12"]),
        ("Q3 2023 results beat forecasts.", ["2023-07/2023-09"]),
        ("The meeting is set for the second half of 2024.", ["2024-07/2024-12"]),
        ("Experts visited in spring 2020.", ["2020-03/2020-05"]),
        ("Herds shrank after the winter of 2006–2007.", ["2006-12/2007-02"]),
        ("Prices rose in the 1970s.", ["1970/1979"]),
        ("In the late 1980's the firm added audio.", ["1980/1989"]),
        ("Plague swept the region in the 1300s.", ["1300/1399"]),
    ],
)
def test_quarters_halves_seasons_decades_and_centuries_are_intervals(text, expected):
    assert values(text, NEWS) == expected


@pytest.mark.parametrize(
    ("text", "expected", "cues"),
    [
        # March 4 is a Tuesday in 2025 alone of 2023-2025: the weekday outweighs the tense
        ("The summit met on Tuesday, March 4.", "2025-03-04", ("weekday: Tuesday",)),
        ("The summit opened on Monday, March 4.", "2024-03-04", ("weekday: Monday",)),
        ("Session on 4 March (Tue) in Tokyo.", "2025-03-04", ("weekday: Tuesday",)),
        # a weekday that fits no candidate is a slip: the tense decides
        (
            "On Friday, March 4 it rained.",
            "2024-03-04",
            ("tense past: rained", "nearest to published"),
        ),
    ],
)
def test_a_weekday_written_with_a_year_less_day_fixes_its_year(text, expected, cues):
    match = only(text, NEWS)
    assert match.value == expected
    assert match.inference is not None and match.inference.cues == cues


NOV_2019 = Anchor(reference=D(2019, 11, 19))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Deals go live on Black Friday and Cyber Monday.", ["2019-11-29", "2019-12-02"]),
        ("Sales fell after Christmas.", ["2018-12-25"]),
        ("Last Christmas was busy.", ["2018-12-25"]),
        ("Christmas Day 2008 was quiet.", ["2008-12-25"]),
        ("Markets closed on Martin Luther King Jr. Day.", ["2019-01-21"]),
        ("Chinese New Year 2020 began on a Saturday.", ["2020-01-25"]),
        ("The office reopens after Easter.", ["2020-04-12"]),
        ("The rally on New Year’s Eve drew crowds.", ["2018-12-31"]),
        # the season or a thing, not the day; a named day with no calendar rule
        ("Christmas sales were weak.", []),
        ("Easter eggs sold out.", []),
        ("It happened on Black Monday.", []),
    ],
)
def test_named_days_are_dates_of_their_year(text, expected):
    assert values(text, NOV_2019) == expected


def test_the_named_day_table_is_what_the_holidays_package_gives():
    # extractor/data/named_days.tsv holds the days of the `country` rules, 1900-2100; when the
    # package changes a rule (or the table gains a name), `make data` writes it again
    from extractor.dates import holidays

    written = sorted(holidays._calendar_days().items())
    given = sorted(((a, y), d) for a, y, d in holidays.calendar_days(holidays.country_arguments()))
    assert written == given
    assert {a for (a, _), _ in written} == set(holidays.country_arguments())
    # days that move: Thanksgiving is a Thursday in late November, Diwali in October-November
    thanksgiving = [d for (a, _), d in written if a == "US|Thanksgiving Day"]
    assert len(thanksgiving) == 201 and all(
        d.weekday() == 3 and d.month == 11 for d in thanksgiving
    )
    assert holidays.day_of("Diwali", 1899) is None  # outside the years asked for


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The plant opened in two thousand and four.", ["2004"]),
        ("She was born in nineteen eighty-four, in Lagos.", ["1984"]),
        ("Prices have risen since twenty twenty.", ["2020"]),
        ("The fund reached two thousand homes.", []),
        ("It was built in two thousand homes.", []),
        ("Twenty-five people came.", []),
    ],
)
def test_spelled_out_years(text, expected):
    assert values(text, NEWS) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Obama today said the talks would go on.", ["2024-12-10"]),
        ("The story ran in USA Today on Monday.", ["2024-12-09"]),
    ],
)
def test_today_after_a_name_is_a_day_but_a_capitalized_today_in_a_name_is_not(text, expected):
    assert values(text, NEWS) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The society met at 1871 Main Street.",
        "The Council adopted Resolution 2417 unanimously.",
        "The figures are on page 2019 of the annex.",
        "The session ran from 09:30 to 17:00.",
        "Doors open at 7 p.m. sharp.",
    ],
)
def test_the_negatives_named_by_issue_16_are_not_dates(text):
    assert values(text, NEWS) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They said it would cancel a scheduled Dec. 15 imposition of tariffs.", ["2024-12-15"]),
        ("The planned October launch was announced.", ["2025-10"]),
    ],
)
def test_a_participle_of_intent_right_before_a_date_looks_ahead(text, expected):
    assert values(text, Anchor(reference=D(2024, 11, 20))) == expected


# --- a review's findings (issue 16): crashes, counts read as years, names read as days ------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Revenue rose in H3 2024.", ["2024"]),  # no third half: the year alone
        ("The fourth half of 2020 is no span.", []),
        ("Founded on 3 May 2001. 9000 years later it was gone.", ["2001-05-03"]),
        ("Founded on 3 May 2001. 3000000 days later it was gone.", ["2001-05-03"]),
        ("Founded on 3 May 2001. Two years later it grew.", ["2001-05-03", "2003"]),
        ("He raised 1000s of dollars.", []),
        ("It happened twenty-five days ago.", ["2024-11-15"]),  # not "five days ago"
    ],
)
def test_no_crash_and_no_value_past_the_calendar(text, expected):
    assert values(text, NEWS) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("After the 1989 Tiananmen Square crackdown, talks stopped.", ["1989"]),
        ("The 2000 Supreme Court decision stood.", ["2000"]),
        ("Sales rose by 1500 to 3000.", []),
        ("Membership grew from 1200 to 1500 members.", []),
        ("Between 1000 and 1500 people came.", []),
        ("The meeting ends by eleven thirty.", []),
        ("A crowd of two thousand gathered.", []),
        ("The ship landed on Easter Island.", []),
        ("Earth Day Network said so.", []),
        ("The office said in a Tuesday statement that it agreed.", ["2024-12-10"]),
        ("It began on a Saturday.", []),
        ("He was ill. In March the clinic will reopen.", ["2025-03"]),
        ("He was born in May. In September Smith will leave.", ["2024-05", "2025-09"]),
        ("Founded in March 2009, by the end of the year it had 50 staff.", ["2009-03", "2009"]),
        ("On Christmas 1776 the army crossed the river.", ["1776-12-25"]),
    ],
)
def test_years_days_and_tenses_the_review_found_misread(text, expected):
    assert values(text, NEWS) == expected


def test_a_named_day_without_a_publication_day_follows_the_tense_from_the_period():
    period = Anchor(period_start=D(2024, 3, 1), period_end=D(2024, 3, 5))
    (match,) = find_dates("The group will meet again at Christmas.", period)
    assert match.value == "2024-12-25"


# --- session of 2026-12-06: clauses, scheduled events, lists, and the day before ------------
# NEWS is published on Tuesday 2024-12-10.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # past a clause link, the date's own clause decides ("toured" belongs to another one)
        (
            "The band toured Europe in the spring and from October onward its shows will stream.",
            ["2025-10"],
        ),
        # without a cue after the date, the cue before the link still counts
        ("The plant opened in 1990 and in May moved its offices.", ["1990", "2024-05"]),
        ("Sales fell in March and are expected to rise.", ["2024-03"]),
    ],
)
def test_a_tense_cue_before_a_clause_link_gives_way_to_the_dates_own_clause(text, expected):
    assert values(text, NEWS) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Hornets play Saturday against Boston.", ["2024-12-14"]),
        ("They host Denver on Friday.", ["2024-12-13"]),
        ("Up next: Visit Utah on Friday.", ["2024-12-13"]),
        ("The show, which opens on July 22 at the city museum, is sold out.", ["2025-07-22"]),
        ("The season that starts in early January is short.", ["2025-01"]),
        # nouns, not verbs: the nearest or past reading stays
        ("The plays on Friday drew boos.", ["2024-12-06"]),
        ("Police made 3 stops on Friday.", ["2024-12-06"]),
        ("Their visits in July were short.", ["2024-07"]),
    ],
)
def test_a_scheduled_event_in_the_present_tense_lies_ahead(text, expected):
    assert values(text, NEWS) == expected


def test_a_weekday_before_a_day_in_parentheses_fixes_its_year():
    # 2024-12-09 is a Monday, 2025-12-09 a Tuesday: the weekday outweighs the 2025 period
    anchor = Anchor(
        reference=D(2024, 12, 10), period_start=D(2025, 1, 1), period_end=D(2025, 12, 31)
    )
    weekday, day = find_dates("The band played Monday night (Dec. 9) in Oslo.", anchor)
    assert weekday.value == day.value == "2024-12-09"
    assert day.inference is not None and day.inference.cues == ("weekday: Monday",)


def test_a_weekday_after_a_year_less_day_fixes_its_year():
    # 2025-10-02 is a Thursday (2024-10-02 a Wednesday, nearer to the publication day)
    assert values("October 2, Thursday – Closing session", NEWS) == ["2025-10-02"]
    # a weekday that opens the next date stays with it
    assert values("June 5, Monday June 12, 2023", NEWS) == ["2023-06-05", "2023-06-12"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("This past May, the board resigned.", ["2024-05"]),
        ("We met this past Saturday.", ["2024-12-07"]),
    ],
)
def test_this_past_is_the_last_one(text, expected):
    assert values(text, NEWS) == expected


def test_verbless_lines_take_the_year_the_text_wrote_last():
    text = (
        "The orchestra announced its 2025 world tour on Monday.\n"
        "Tour dates:\n"
        "July 2 - Oslo, Konserthus\n"
        "Aug. 14 - Vienna\n"
        "Jan. 20 - Lisbon"
    )
    tour = find_dates(text, NEWS)
    assert [m.value for m in tour] == [
        "2025",
        "2024-12-09",
        "2025-07-02",
        "2025-08-14",
        "2025-01-20",
    ]
    assert tour[2].inference is not None
    assert tour[2].inference.cues == ("year written before: 2025",)
    # a year outside the candidates around the publication day frames nothing
    old = "The 1998 tour was a success.\nJuly 2 - Oslo"
    assert values(old, NEWS) == ["1998", "2024-07-02"]
    # a sentence is read by its tense, not framed
    said = "The 2025 budget passed.\nThe minister said on July 2 that the plan had failed."
    assert values(said, NEWS) == ["2025", "2024-07-02"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "He landed on Friday, Nov. 15. The day before, he had called.",
            ["2024-11-15", "2024-11-14"],
        ),
        (
            "The vote was on March 3, 2024; the day after, prices fell.",
            ["2024-03-03", "2024-03-04"],
        ),
        ("It rained on March 3, 2024, the day after the vote.", ["2024-03-03"]),
    ],
)
def test_the_day_before_and_after_count_from_the_day_mentioned(text, expected):
    assert values(text, NEWS) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The fund will close in three days.", ["2024-12-13"]),
        ("The vote will be held in two weeks.", ["2024-12-24"]),
        ("They finished the report in three days.", []),
        ("It will be repaid in 90 days.", []),
        ("The panel will meet in two days of talks.", []),
        ("How many calories should I eat in a day?", []),  # a modal, and a rate
    ],
)
def test_days_ahead_in_a_future_clause_are_a_day(text, expected):
    assert values(text, NEWS) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The phone has a resolution of 1080 pixels by 1920 pixels.",
        "A 1920 x 1080 screen.",
        "It measures 2400 × 1080.",
        "The panel is 1080 by 1920 pixels.",
    ],
)
def test_the_sides_of_a_measure_are_not_years(text):
    assert values(text, NEWS) == []


def test_a_target_by_a_year_is_still_a_year():
    assert values("The firm aims to double output to 200 by 2030.", NEWS) == ["2030"]


@pytest.mark.parametrize(
    ("period", "text", "expected"),
    [
        # a page about a season (2024-2025) published during it: "on Friday" is the last Friday
        ((D(2024, 1, 1), D(2025, 12, 31)), "The club sacked its coach on Friday.", ["2024-12-06"]),
        # a report published after its long period says nothing about a bare weekday
        ((D(2024, 1, 1), D(2024, 6, 30)), "The club sacked its coach on Friday.", []),
        # news of an event ahead (2024-12-20) reads its other weekdays from the day written...
        (
            (D(2024, 12, 20), D(2024, 12, 20)),
            "Tuesday's best deals include laptops.",
            ["2024-12-10"],
        ),
        # ...and a weekday inside the event's span is the event's
        ((D(2024, 12, 16), D(2024, 12, 20)), "The sale ends on Friday.", ["2024-12-20"]),
    ],
)
def test_weekdays_read_against_a_period(period, text, expected):
    anchor = Anchor(reference=D(2024, 12, 10), period_start=period[0], period_end=period[1])
    assert values(text, anchor) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the future of a past report: after the saying, the nearest reading
        ("They said Tuesday that they would meet Dec. 20.", ["2024-12-10", "2024-12-20"]),
        ("He broke his vow that the bill would pass by Nov. 30.", ["2024-11-30"]),
        ("They said Monday that they would meet on Friday.", ["2024-12-09", "2024-12-13"]),
        # an aside between the subject and a verb of a scheduled event
        ("The Hornets (9-1, 6-1) play Saturday against Boston.", ["2024-12-14"]),
        # a sentence's first word ending in -s is no team's name: the default reading stays
        ("Tickets go on sale Friday.", ["2024-12-06"]),
        # "the September quarter" is a quarter, not the month
        ("The September quarter earnings were weak.", []),
        ("In the December-quarter results, sales rose.", []),
        ("Sales rose in September, a quarter of them abroad.", ["2024-09"]),
    ],
)
def test_reported_futures_asides_and_month_quarters(text, expected):
    assert values(text, NEWS) == expected


@pytest.mark.parametrize(
    ("text", "expected", "anchor"),
    [
        # a review's probes of the session's rules (publication day 2024-03-13, a Wednesday,
        # unless given)
        ("Housing starts in February fell 3 percent.", ["2024-02"], D(2024, 3, 19)),
        ("Tour stops in June included Paris and Rome.", ["2024-06"], D(2024, 9, 10)),
        ("The driver faces charges over the March 3 crash.", ["2024-03-03"], D(2024, 5, 10)),
        ("The Dow closes at a record high on Friday.", ["2024-03-15"], D(2024, 3, 16)),
        ("Polls open at 7 a.m. on Tuesday across the state.", ["2024-11-05"], D(2024, 11, 6)),
        (
            "Smith was charged with theft and assault on March 3 and will appear in court.",
            ["2024-03-03"],
            D(2024, 3, 13),
        ),
        (
            "He had promised he would step down and in May he was replaced by Jones.",
            ["2023-05"],
            D(2024, 3, 13),
        ),
        ("A spokesman would not comment on Monday.", ["2024-03-11"], D(2024, 3, 13)),
        ("Housing starts in February fell 3 percent.", ["2024-02"], D(2024, 3, 13)),
        ("The votes on Monday were counted.", ["2024-03-11"], D(2024, 3, 13)),
        ("President Biden visits a plant on Monday.", ["2024-03-11"], D(2024, 3, 13)),
        ("The year-end results were weak.", [], D(2024, 3, 13)),
        ("Ahmed arrived on Monday.", ["2024-03-11"], D(2024, 3, 13)),
        (
            "Officials said Tuesday the new terminal, scheduled to open in June, is over budget.",
            ["2024-09-10", "2025-06"],
            D(2024, 9, 10),
        ),
        (
            "In April, officials, who had warned of delays, will open the bridge.",
            ["2024-04"],
            D(2024, 3, 13),
        ),
        ("Sea levels could rise 300 mm by 2050, the report said.", ["2050"], D(2024, 3, 13)),
        ("The railway network grew from 1870 to 1914.", ["1870/1914"], D(2024, 3, 13)),
        (
            "It opened on March 3, 2023, so that day care centers can stay open longer.",
            ["2023-03-03"],
            D(2024, 3, 13),
        ),
        ("He said on March 3 that year-end sales would be weak.", ["2024-03-03"], D(2024, 3, 13)),
        ("We will know in a week or two.", [], D(2024, 3, 13)),
        (
            "Sales in 2023 rose 5 percent.\nEarnings call: March 20, 10 a.m. ET",
            ["2023", "2024-03-20"],
            D(2024, 3, 13),
        ),
    ],
)
def test_ordinary_sentences_the_new_rules_must_leave_alone(text, expected, anchor):
    assert values(text, Anchor(reference=anchor)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a future seen from a past report: the nearest reading (NEWS is 2024-12-10)
        ("The mayor canceled a fare increase planned for Nov. 15, aides said.", ["2024-11-15"]),
        ("The prisoner was due to be released in October after serving.", ["2024-10"]),
        # a present plan, a present schedule and "will" stay futures whatever was reported
        ("The company said it plans to open a store in July.", ["2025-07"]),
        (
            "The paper reported that the tour, which stops in Oslo on July 22, is sold out.",
            ["2025-07-22"],
        ),
        ("He said the plant will open in July.", ["2025-07"]),
        # an opening phrase holding the date takes the main clause's verb past an apposition
        (
            "In a letter to the minister in July, Ana Diaz, the head of the union, wrote that "
            "pay is low.",
            ["2024-07"],
        ),
    ],
)
def test_futures_of_a_past_report_and_main_clauses_after_an_opening_phrase(text, expected):
    assert values(text, NEWS) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "last Monday" on a Tuesday is the Monday of the week before: the day before is
        # "yesterday"
        ("It launched last Monday.", ["2024-12-02"]),
        ("It launched last Sunday.", ["2024-12-08"]),
        (
            "The service launched on Nov. 12, 2024. That day, it crashed.",
            ["2024-11-12", "2024-11-12"],
        ),
        ("In March 2018 it opened; later that month it closed.", ["2018-03", "2018-03"]),
        ("In 2009 sales fell; by the end of that year they rose.", ["2009", "2009"]),
        # nothing mentioned to refer to: no date
        ("That day will come.", []),
        ("In 2009 sales fell. That day came later.", ["2009"]),
        ("Later that month, they met.", []),
    ],
)
def test_last_weekdays_and_that_day_month_or_year(text, expected):
    assert values(text, NEWS) == expected


def test_a_past_told_date_is_not_after_the_publication_day_even_inside_the_period():
    # a news page whose period is next year's model year ("2020 LC500 Convertible")
    anchor = Anchor(
        reference=D(2019, 11, 20), period_start=D(2020, 1, 1), period_end=D(2020, 12, 31)
    )
    assert values("The concept was previewed in January.", anchor) == ["2019-01"]
    # a report's own dates stay in its period whatever the tense
    report = Anchor(reference=D(2021, 2, 1), period_start=D(2020, 1, 1), period_end=D(2020, 12, 31))
    assert values("The workshop was held in March.", report) == ["2020-03"]


def test_news_of_an_event_ahead_reads_its_other_dates_from_the_publication_day():
    # published in May about a referendum from November 20 to December 11
    anchor = Anchor(
        reference=D(2015, 5, 7), period_start=D(2015, 11, 20), period_end=D(2015, 12, 11)
    )
    first = only("The first meeting is set to take place on May 16.", anchor)
    assert first.value == "2015-05-16"  # not the May nearer to the period
    assert first.inference is not None and first.inference.anchor == "published"
    assert values("The panel was named on Tuesday.", anchor) == ["2015-05-05"]
    assert values("Voting closes on December 1.", anchor) == ["2015-12-01"]  # in the period


def test_ages_and_weekly_days_are_not_dates():
    assert values("It continues a 2000 year old tradition.", NEWS) == []
    assert values("a 1500-year-old manuscript", NEWS) == []
    assert values("Classes will take place on Tuesday and Thursday mornings.", NEWS) == []
    assert values("Open Monday, Wednesday and Friday evenings", NEWS) == []
    assert values("He will speak on Tuesday morning.", NEWS) == ["2024-12-10"]


def test_a_counted_day_needs_an_event_span_not_a_whole_year():
    year = Anchor(period_start=D(2018, 1, 1), period_end=D(2018, 12, 31))
    assert values("a working session of the first day of the conference", year) == []
    month = Anchor(period_start=D(2018, 6, 1), period_end=D(2018, 6, 30))
    assert values("On the second day, the group visited the court.", month) == []


def test_a_quote_before_a_day_is_no_two_digit_year():
    assert values("outputformat='%d %B %Y') '18 November 2016' # may differ") == ["2016-11-18"]
    assert values("the ICWSM '18 proceedings") == ["2018"]


def test_a_dotted_date_with_a_two_digit_year_is_read_only_as_a_line_of_its_own():
    assert values("02.12.19") == ["2019-12-02"]
    assert values("version 02.12.19 of the package") == []
    assert values("31.13.19") == []  # no thirteenth month


def test_a_revision_note_of_the_page_is_read_nearest_the_publication_day():
    anchor = Anchor(reference=D(2018, 6, 28))
    # the past tense would push 9 July back to 2017; the page was edited after it appeared
    assert values("This blog post was edited on 9 July to include a mention.", anchor) == [
        "2018-07-09"
    ]
    assert values("Editor's note: this article was corrected on June 20.", anchor) == ["2018-06-20"]
    assert values("The law was amended on 9 July.", anchor) == ["2017-07-09"]


def test_last_and_next_months_are_said_from_the_end_of_a_period_with_no_publication_day():
    annual = Anchor(period_start=D(2015, 1, 1), period_end=D(2015, 12, 31))
    assert values("I took on the role of Executive Director last April.", annual) == ["2015-04"]
    assert values("We will meet again next March.", annual) == ["2016-03"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a month before a number that counts minutes or words: no year
        ("by Jane Doe on Mar 1711 min read", []),
        ("The draft, May 2500 words long, was sent.", []),
        # a month before a number no calendar reaches yet
        ("Posted Mar 2714 by the team.", []),
        # a historical year next to a month stays
        ("In March 1711 the fleet sailed.", ["1711-03"]),
        # a US month and day after a preposition of time; fractions and "24/7" are none
        ("The cases were reassigned to one judge on 9/29.", ["2024-09-29"]),
        ("He won on 3/4 of the votes.", []),
        ("Prices were cut by 1/3 this month.", ["2024-12"]),
        ("Support on 24/7 basis.", []),
        # a clock between day and year (C's asctime, a site's date box)
        ("Posted Wed Nov 20 15:23:00 2019 by the desk.", ["2019-11-20"]),
        ("November 20 15:23 2019", ["2019-11-20"]),
        # copyright notices
        ("Copyright (c) 2014 IETF Trust and the persons identified.", []),
        ("© 2010-2015 The Washington Post", []),
        ("Copyright © 2014 Foo Ltd.", []),
        ("The copyright expired in 2014.", ["2014"]),
        # values of a measure, and a change from one value to another
        ("The laptop earned a total score of 2072 and a max FPS of 147.", []),
        ("Single-core scores increased from 1061 to 1128.", []),
        ("The kingdom ran from 1580 to 1660.", ["1580/1660"]),
        # a web address writes no date; the text beside it does
        ("JSON-LD, http://www.w3.org/TR/2014/REC-json-ld-20140116/, January 2014.", ["2014-01"]),
        ("See www.example.com/2019/03/07/story for more.", []),
    ],
)
def test_counts_after_a_month_copyright_notices_and_web_addresses_are_no_dates(text, expected):
    assert values(text, NEWS) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a deadline ahead; "By March," opening a told past is no deadline
        ("Returns are accepted by January 31.", ["2025-01-31"]),
        ("By March, sales had fallen.", ["2024-03"]),
        # the end of a state that holds now: ahead of the publication day (2024-12-10)
        ("An inquest into her death has been adjourned until July.", ["2025-07"]),
        ("Markets stay closed until December 3.", ["2025-12-03"]),
        # told in the past: before it
        ("He stayed in Paris until July.", ["2024-07"]),
        # what was asked for comes after the asking: the nearest reading
        ("They asked for compliance between December 11 and January 4.", ["2024-12-11/2025-01-04"]),
        ("She requested that the hearing be held on January 2.", ["2025-01-02"]),
        # "Come November 19," and a weekday a present "is" gives are ahead (published on
        # Tuesday 2024-12-10)
        ("Come December 19, those who paid will get it.", ["2024-12-19"]),
        ("The launch day is Thursday, sort of.", ["2024-12-12"]),
        # the day of the asking itself stays in the past, and moving is no request
        ("He asked on November 3 for a delay.", ["2024-11-03"]),
        ("She moved to Chicago in June.", ["2024-06"]),
        # a time clause's present is future only before a future in the main clause
        ("When they put it on sale in June, it sold out.", ["2024-06"]),
        # the period after a web address still ends its sentence
        ("Details were posted at https://example.com/a. In June the board will meet.", ["2025-06"]),
        # a present in a clause of time is its future; its past is past
        (
            "The Authority has said that after it joins the court on December 1, it will press "
            "charges.",
            ["2025-12-01"],
        ),
        (
            "They said that when they arrive in Paris on December 2, the talks begin.",
            ["2025-12-02"],
        ),
        ("After it joined the court on December 1, it pressed charges.", ["2024-12-01"]),
    ],
)
def test_until_and_requests_point_past_the_time_of_their_clause(text, expected):
    assert values(text, NEWS) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Then, in November, the board will meet again.",
        "However, in November, the board will meet again.",
    ],
)
def test_a_date_after_one_opening_word_takes_the_tense_of_its_sentence(text):
    assert values(text, NEWS) == ["2025-11"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a holiday that modifies a noun is the nearest one whatever the verb's tense
        ("The controller has dropped to Black Friday levels.", ["2024-11-29"]),
        ("The store's Black Friday deals went live last night.", ["2024-11-29", "2024-11-19"]),
        # the day itself follows the tense
        ("Sales fell on Black Friday.", ["2023-11-24"]),
        ("We went shopping on Black Friday morning.", ["2023-11-24"]),
    ],
)
def test_a_holiday_that_modifies_a_noun_is_the_nearest_one(text, expected):
    assert values(text, Anchor(reference=D(2024, 11, 20))) == expected
