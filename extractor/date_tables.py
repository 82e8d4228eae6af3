"""Word tables for the date grammar in `dates.py`: data only, no logic.

All keys are lower case; `dates.py` matches words case-insensitively but asks month and weekday
names to be capitalized, so that the verbs "may" and "march" are never months.
"""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}

# Abbreviations, written with or without a dot ("Sept." / "Sept").
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

# Monday = 0, as in `datetime.date.weekday()`. Weekdays are recognized only to be skipped:
# "June 14 (Wed)" is June 14 whatever the parenthesis says.
WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}

# "14th", "1st": the suffixes a day number may carry.
ORDINAL_SUFFIXES: tuple[str, ...] = ("st", "nd", "rd", "th")

# Spelled-out days, accepted only as "the first of June" (never bare: "first" is too common).
ORDINAL_WORDS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
}

# Words and marks that join the two ends of a range ("14 to 19 June", "14–19 June").
RANGE_WORDS: frozenset[str] = frozenset({"to", "until", "till", "through", "thru"})
RANGE_MARKS: frozenset[str] = frozenset({"-", "–", "—", "~", "〜", "～"})

# Words after which a bare month name is a date ("in June", "since November", "mid-June").
# Without one, "March" or "May" alone is too often a verb, a name or an event.
MONTH_CUES: frozenset[str] = frozenset(
    {
        "in",
        "since",
        "until",
        "till",
        "by",
        "from",
        "of",
        "during",
        "before",
        "after",
        "early",
        "late",
        "mid",
        "end",
        "through",
        "between",
        "last",
        "next",
        "this",
        "throughout",
    }
)

# "last September", "October of next year": a month read against the reference date, so the
# value is relative. The number is the year offset of "... of <cue> year".
DEICTIC_CUES: dict[str, int] = {"last": -1, "this": 0, "next": 1}

# A number right after one of these labels is a label, not a day or year ("Day 1 (5 March)",
# "Convention No. 189", "Session 2 — Nov. 19").
NUMBER_LABELS: frozenset[str] = frozenset(
    {
        "day",
        "days",
        "session",
        "no",
        "nos",
        "number",
        "part",
        "room",
        "chapter",
        "phase",
        "step",
        "section",
        "week",
        "table",
        "figure",
        "fig",
        "article",
        "level",
        "grade",
        "vol",
        "volume",
        "page",
        "pages",
        "p",
        "pp",
        "unit",
        "module",
        "lesson",
        "group",
        "team",
        "item",
        "annex",
        "box",
        "route",
        "flight",
        "model",
        "version",
        "code",
        "tel",
        "fax",
        "top",
    }
)

# Signs before a number that make it an amount ("$2012", "¥2000", "#2019").
AMOUNT_SIGNS: frozenset[str] = frozenset({"$", "¥", "€", "£", "#", "+", "₩", "₹", "฿"})

# Words after a number that make it a quantity, not a year or a day ("2000 people").
QUANTITY_UNITS: frozenset[str] = frozenset(
    {
        "%",
        "percent",
        "per",
        "people",
        "persons",
        "person",
        "participants",
        "members",
        "workers",
        "employees",
        "staff",
        "students",
        "children",
        "women",
        "men",
        "victims",
        "cases",
        "households",
        "respondents",
        "jobs",
        "cars",
        "vehicles",
        "units",
        "dealers",
        "shares",
        "points",
        "seats",
        "votes",
        "copies",
        "items",
        "times",
        "yen",
        "dollars",
        "euros",
        "pounds",
        "won",
        "baht",
        "pesos",
        "rupees",
        "usd",
        "jpy",
        "eur",
        "km",
        "kilometres",
        "kilometers",
        "miles",
        "metres",
        "meters",
        "m",
        "kg",
        "tonnes",
        "tons",
        "feet",
        "ft",
        "hours",
        "minutes",
        "days",
        "weeks",
        "months",
        "years",
        "hrs",
        "mins",
        "million",
        "billion",
        "thousand",
    }
)

# Sub-year spans around a written year ("the first quarter of 2009", "Q1 2025", "summer 2023")
# have no value in the gold format (which lists them as optional), so the year inside them is
# consumed without output rather than reported as the whole year.
SUB_YEAR_WORDS: dict[str, tuple[str, ...]] = {
    "ordinal": ("first", "second", "third", "fourth", "final", "last"),
    "part": ("quarter", "half"),
    "season": ("spring", "summer", "autumn", "fall", "winter"),
}
