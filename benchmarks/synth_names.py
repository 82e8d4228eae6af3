"""Names and dates as the synthetic pages write them.

Organizations, countries (short and official long names) and cities are real and come from the
lists in benchmarks/data/, never from extractor's own data files. Dates are written the ways
reports write them: '5 March 2025', 'March 5 (Wed), 2025', 'Nov. 5, 2024', '2024/12/10', and
ranges with or without their year.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

from benchmarks.synth_text import MONTHS

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class OrgName:
    name: str
    acronym: str | None
    article: str  # "the " or ""


@dataclass(frozen=True)
class Country:
    iso2: str
    short: str
    official: str | None


def _rows(filename: str) -> list[list[str]]:
    lines = (DATA / filename).read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    return rows[1:]  # the header


@functools.cache
def org_names() -> tuple[OrgName, ...]:
    return tuple(
        OrgName(name, acronym or None, f"{article} " if article else "")
        for name, acronym, article in _rows("orgs.tsv")
    )


@functools.cache
def country_names() -> tuple[Country, ...]:
    return tuple(
        Country(iso2, short, official or None) for iso2, short, official in _rows("countries.tsv")
    )


@functools.cache
def city_names() -> tuple[tuple[str, str], ...]:
    return tuple((city, iso2) for city, iso2 in _rows("cities.tsv"))


# --- dates as written -------------------------------------------------------------------------

MONTH_ABBR = (
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DAY_STYLES = ("dmy", "mdy", "abbr", "ord")


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def day_text(d: dt.date, style: str, *, year: bool, weekday: bool = False) -> str:
    """One day as a report writes it: '5 March 2025', 'March 5 (Wed), 2025', 'Nov. 5, 2024'."""
    wd = f" ({WEEKDAYS[d.weekday()]})" if weekday else ""
    if style == "slash":
        return f"{d.year}/{d.month:02d}/{d.day:02d}{wd}"
    if style in ("dmy", "ord"):
        day = _ordinal(d.day) if style == "ord" else str(d.day)
        return f"{day} {MONTHS[d.month - 1]}" + (f" {d.year}" if year else "") + wd
    month = MONTHS[d.month - 1] if style == "mdy" else MONTH_ABBR[d.month - 1]
    if style == "abbr":
        return f"{month} {d.day}" + (f", {d.year}" if year else "") + wd
    return f"{month} {d.day}{wd}" + (f", {d.year}" if year else "")


def range_text(a: dt.date, b: dt.date, style: str, *, year: bool, sep: str = " to ") -> str:
    """A closed range: '5 to 7 March 2025', 'October 22 to November 21, 2024', 'November 5 to 12'.

    Without `year` the range is written year-less, as inside a report whose period gives it.
    """
    if a == b:
        return day_text(a, style, year=year)
    if style == "slash":
        return f"{day_text(a, style, year=True)} to {day_text(b, style, year=True)}"
    same_month = (a.year, a.month) == (b.year, b.month)
    if a.year != b.year:
        return f"{day_text(a, style, year=True)}{sep}{day_text(b, style, year=True)}"
    tail = f", {a.year}" if year else ""
    if style in ("dmy", "ord"):
        if same_month:
            first = _ordinal(a.day) if style == "ord" else str(a.day)
            return f"{first}{sep}{day_text(b, style, year=year)}"
        return f"{day_text(a, style, year=False)}{sep}{day_text(b, style, year=year)}"
    if same_month:
        return f"{day_text(a, style, year=False)}{sep}{b.day}{tail}"
    return f"{day_text(a, style, year=False)}{sep}{day_text(b, style, year=False)}{tail}"


def iso_span(a: dt.date, b: dt.date) -> str:
    return a.isoformat() if a == b else f"{a.isoformat()}/{b.isoformat()}"
