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
        ("January 16 (Mon) to 20 (Fri)", "2025-01-16/2025-01-20"),
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
        "in 1850",
        "in 2500",
        "the 1990s and the '80s",
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
        "the first quarter of 2009",
        "Q1 2025",
        "summer 2023",
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
        ("On June 5, 20 people attended", ["2025-06-05"]),
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
        ("the fourth quarter of 2005 and 2006", ["2006"]),
        ("first half of 2025", []),
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
