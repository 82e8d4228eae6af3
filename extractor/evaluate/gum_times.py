"""GUM's time mentions as a recall check of the date grammar on text by others.

GUM (`../shared/external/gum/`) marks 3,293 `time` entity mentions in 14 genres, without
values. The date-like ones, those that name a day, month or year or a relative date ("October
19, 2013", "1841", "last month", "Tuesday", "the next day"), are the check: the share of them
that `find_dates` covers (any overlap), read against a fixed publication day since GUM gives
none. Durations ("two hours", "a 2000 year [old tradition]"), times of day and generic or
recurring days ("a Monday", "every Wednesday", "on Friday nights", "Saturdays") are left out by
the selection below.
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

from pydantic import BaseModel

from extractor.dates import Anchor, find_dates
from extractor.evaluate.dev import Accuracy

_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
_WEEKDAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
EXPLICIT = re.compile(
    rf"\b{_MONTHS}\b|\b1\d{{3}}\b|\b20\d{{2}}\b|\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b|'\d\d\b"
)
RELATIVE = re.compile(
    rf"\b(?:today|yesterday|tomorrow|{_WEEKDAYS})\b"
    rf"|\b(?:last|next|this|previous|following|coming)\s+(?:year|month|{_WEEKDAYS}|{_MONTHS})\b"
    r"|\b(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:years?|months?|days?)"
    r"\s+ago\b|\bthe\s+(?:next|following|previous|same)\s+(?:day|year|month)\b",
    re.I,
)
GENERIC = re.compile(r"(?i)(?:a|an|every|each)\s")
# A count of years ("2000 year", "150 years"): a duration or an age, not a year.
YEAR_COUNT = re.compile(r"(?i)^[\d,]+\s+years?$")
# A weekday or time of day in the plural, in the mention or right after it: recurring.
RECURRING = re.compile(
    rf"(?i)^(?:{_WEEKDAYS}s\b|(?:{_WEEKDAYS}\s+)?(?:mornings|afternoons|evenings|nights)\b)"
)
# GUM gives no publication day; relative dates are found against this one (only coverage counts).
REFERENCE = datetime.date(2020, 6, 15)


class GumTimes(BaseModel):
    explicit: Accuracy  # mentions with a month name, a year or a numeric date
    relative: Accuracy  # "today", "Tuesday", "last year", "two days ago", "the next day"


def kind(text: str, after: str = "") -> str | None:
    """'explicit', 'relative' or None (not date-like) for a GUM time mention, given the text
    right `after` it ("Friday" before " nights" recurs)."""
    last_word = text.split()[-1] if text.split() else ""
    if GENERIC.match(text) or YEAR_COUNT.match(text) or RECURRING.match(last_word + after):
        return None
    if EXPLICIT.search(text):
        return "explicit"
    return "relative" if RELATIVE.search(text) else None


def run_gum_times(path: Path) -> GumTimes:
    """Coverage of the date-like time mentions of gum_entities.jsonl by find_dates."""
    found = {"explicit": Accuracy(), "relative": Accuracy()}
    anchor = Anchor(reference=REFERENCE)
    with Path(path).open(encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            spans = [(m.start, m.end) for m in find_dates(doc["text"], anchor)]
            for entity in doc["entities"]:
                after = doc["text"][entity["end"] : entity["end"] + 12]
                which = kind(entity["text"], after) if entity["type"] == "time" else None
                if which is None:
                    continue
                hit = any(s < entity["end"] and entity["start"] < e for s, e in spans)
                found[which] += Accuracy(correct=int(hit), total=1)
    return GumTimes(**found)
