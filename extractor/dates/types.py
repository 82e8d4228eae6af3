"""The records the date stages share: the `Anchor` a date is read against, and the `DateMatch`
it becomes. The facade (`extractor.dates`) and its parts (grammar, context, relative) all import
them from here, so no part imports the facade."""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class Anchor:
    """Context for inferring omitted years and resolving relative expressions."""

    reference: datetime.date | None = None  # publication date / document creation time
    period_start: datetime.date | None = None  # the report's period or the section's span
    period_end: datetime.date | None = None
    # Japanese fiscal year: April-March. For callers building a period with `fiscal_year_span`.
    fiscal_year_start_month: int = 4
    # The page's locale writes numeric dates day first ("07/03/2022" is 7 March: en-GB, fr...).
    day_first: bool = False
    # Years the document wrote before this text, in order: a verbless line's year-less date
    # takes the last of them that is a candidate ("2020 North American tour" ... "June 9 –").
    written_years: tuple[int, ...] = ()


# What an inferred date was read against (`Inference.anchor`).
PUBLISHED, PERIOD, MENTIONED = "published", "period", "mentioned"


@dataclass(frozen=True)
class Inference:
    """How a date the text does not write in full was placed: the anchor it was read against,
    the cues that decided, and, for a year-less date, the years weighed."""

    anchor: str  # PUBLISHED (the reference date), PERIOD, or MENTIONED (the last date given)
    anchor_value: str  # that anchor as an ISO 8601 value
    cues: tuple[str, ...] = ()  # what decided, strongest first: "tense past: said", "in period"
    candidates: tuple[int, ...] = ()  # a year-less date: the years that were weighed


@dataclass(frozen=True)
class DateMatch:
    """One date expression: its place in the text and its ISO 8601 value."""

    start: int  # char offsets into the text given
    end: int
    text: str  # == text[start:end]
    value: str  # "2023-06-14", "2023-06", "2023", or closed interval "2023-06-14/2023-06-19"
    relative: bool = False  # resolved from the anchor or an earlier date, not written out
    # Set when part of the value was not written: a year-less date or a relative expression.
    inference: Inference | None = None

    @property
    def written_out(self) -> bool:
        """Whether the text writes the whole value, its year included."""
        return self.inference is None and not self.relative
