"""Named days as dates: the table `extractor/data/holidays.tsv` and the day each names in a year.

Fixed days ("Christmas Day") and days counted from Easter are computed here (Easter with
dateutil's algorithm); the days a country's calendar moves from year to year (Thanksgiving,
Martin Luther King Jr. Day, Chinese New Year, Diwali) come from the `holidays` package, which
keeps the rules of each country and their changes over the years. Its days of HOLIDAY_YEARS are
written into `extractor/data/named_days.tsv` (`make data`, extractor/derived.py; a test checks
the file against the installed package), so that reading a first named day does not import the
calendars of every country (0.15 s) in each process that meets one.
"""

from __future__ import annotations

import datetime
import functools
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from dateutil.easter import easter

# Years the `holidays` package's calendars are asked for (fixed days and Easter have no limit).
HOLIDAY_YEARS = range(1900, 2101)
NAMED_DAYS_FILE = "named_days.tsv"


@dataclass(frozen=True)
class NamedDay:
    name: str
    rule: str  # fixed, easter, country or after
    argument: str


@functools.cache
def named_days() -> dict[str, NamedDay]:
    """The table, by name."""
    days = {}
    for name, rule, argument in _rows("holidays.tsv"):
        days[name] = NamedDay(name, rule, argument)
    return days


def _rows(filename: str) -> list[list[str]]:
    """The tab-separated fields of a data file's lines, without comments and blanks."""
    text = resources.files("extractor.data").joinpath(filename).read_text(encoding="utf-8")
    return [
        line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")
    ]


@functools.cache
def day_of(name: str, year: int) -> datetime.date | None:
    """The day `name` falls on in `year`, or None when the calendar has none that year."""
    day = named_days().get(name)
    if day is None or not 1 <= year <= 9999:
        return None
    if day.rule == "fixed":
        month, dom = (int(part) for part in day.argument.split("-"))
        return datetime.date(year, month, dom)
    if day.rule == "easter":
        return easter(year) + datetime.timedelta(days=int(day.argument))
    if day.rule == "after":
        other, days = day.argument.split("|")
        base = day_of(other, year)
        return base + datetime.timedelta(days=int(days)) if base else None
    return _calendar_days().get((day.argument, year))  # None outside HOLIDAY_YEARS too


@functools.cache
def _calendar_days() -> dict[tuple[str, int], datetime.date]:
    """extractor/data/named_days.tsv: (CC|holiday, year) -> its day, as `calendar_days` gives."""
    days = {}
    for argument, year, day in _rows(NAMED_DAYS_FILE):
        days[(argument, int(year))] = datetime.date.fromisoformat(day)
    return days


def calendar_days(arguments: Iterable[str]) -> list[tuple[str, int, datetime.date]]:
    """(CC|holiday, year, day) for each `country` argument of the table and each year of
    HOLIDAY_YEARS in which the `holidays` package's calendar of the country has that holiday:
    its first day of the year so named (an observed day is named otherwise)."""
    import holidays as holiday_calendars

    rows = []
    for argument in sorted(set(arguments)):
        country, holiday = argument.split("|")
        with warnings.catch_warnings():  # a calendar that does not reach a year says so
            warnings.simplefilter("ignore")
            calendar = holiday_calendars.country_holidays(country, years=HOLIDAY_YEARS)
        first: dict[int, datetime.date] = {}
        for d, names in calendar.items():  # by year, each year's days in the package's order
            if holiday in names.split("; "):
                first.setdefault(d.year, d)
        rows += [(argument, year, first[year]) for year in HOLIDAY_YEARS if year in first]
    return rows


def country_arguments() -> list[str]:
    """The arguments of the table's `country` rules ("US|Thanksgiving Day")."""
    return sorted({d.argument for d in named_days().values() if d.rule == "country"})


def named_days_text() -> str:
    """extractor/data/named_days.tsv as the installed `holidays` package gives it."""
    import holidays as holiday_calendars

    header = (
        "# The days the `holidays` package (version "
        f"{holiday_calendars.__version__}) gives the `country` rules of holidays.tsv, "
        f"{HOLIDAY_YEARS.start}-{HOLIDAY_YEARS.stop - 1}.\n"
        "# Written by `make data` (extractor/derived.py); read by holidays.day_of.\n"
        "# argument<TAB>year<TAB>day\n"
    )
    rows = calendar_days(country_arguments())
    return header + "".join(f"{a}\t{y}\t{d.isoformat()}\n" for a, y, d in rows)


def one_word(name: str) -> bool:
    return " " not in name
