"""Named days as dates: the table `extractor/data/holidays.tsv` and the day each names in a year.

Fixed days ("Christmas Day") and days counted from Easter are computed here (Easter with
dateutil's algorithm); the days a country's calendar moves from year to year (Thanksgiving,
Martin Luther King Jr. Day, Chinese New Year, Diwali) come from the `holidays` package, which
keeps the rules of each country and their changes over the years.
"""

from __future__ import annotations

import datetime
import functools
import warnings
from dataclasses import dataclass
from importlib import resources

import holidays as holiday_calendars
from dateutil.easter import easter

# Years the `holidays` package's calendars are asked for (fixed days and Easter have no limit).
HOLIDAY_YEARS = range(1900, 2101)


@dataclass(frozen=True)
class NamedDay:
    name: str
    rule: str  # fixed, easter, country or after
    argument: str


@functools.cache
def named_days() -> dict[str, NamedDay]:
    """The table, by name."""
    text = resources.files("extractor.data").joinpath("holidays.tsv").read_text(encoding="utf-8")
    days = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            name, rule, argument = line.split("\t")
            days[name] = NamedDay(name, rule, argument)
    return days


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
    if year not in HOLIDAY_YEARS:
        return None
    country, holiday = day.argument.split("|")
    with warnings.catch_warnings():  # a calendar that does not reach the year says so: None
        warnings.simplefilter("ignore")
        calendar = holiday_calendars.country_holidays(country, years=year)
    return next((d for d, names in calendar.items() if holiday in names.split("; ")), None)


def one_word(name: str) -> bool:
    return " " not in name
