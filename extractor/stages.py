"""The stages before the model, with the error policy: read, decode, clean and segment.

    refs -> read -> decode -> clean+segment -> (pipeline.py: entities -> assemble)

Each input travels in a `Work` envelope. A stage that fails for one input turns its envelope into
a reject (a named DocumentError becomes its code; anything unexpected becomes `internal_error`)
and the batch goes on. Nothing here needs the spaCy model, or imports spaCy: a `--jobs` run's
head start (run/head_start.py) runs these stages in a process started before the model loads.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from extractor.errors import (
    DocumentError,
    InternalError,
    TimeLimitExceeded,
    TooDeep,
)
from extractor.html.clean import CleanPage, clean
from extractor.inputs import load
from extractor.models import Extraction, Mention, Reject
from extractor.run.limits import deadline
from extractor.sections.segment import SegmentedPage, segment
from extractor.settings import Settings

LOGGER = logging.getLogger("extractor.pipeline")
T = TypeVar("T")


@dataclass
class Work:
    """One input on its way through the stages."""

    ref: load.InputRef
    raw: load.RawDocument | None = None
    decoded: load.DecodedDocument | None = None
    page: SegmentedPage | None = None
    mentions: list[list[Mention]] | None = None
    entities_skipped: str | None = None
    result: Extraction | Reject | None = None

    def reject(self, error: DocumentError, stage: str | None = None) -> None:
        """This input ends as a reject: `error`'s code and message, in `stage` if given."""
        encoding = self.decoded.encoding if self.decoded else None
        source = load.source_of(self.ref, self.raw, encoding)
        self.result = Reject(
            source=source, stage=stage or error.stage, error=error.code, message=str(error)
        )


@dataclass
class StageTimes:
    """Seconds spent per stage, summed over documents."""

    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def add(self, stage: str, started: float) -> None:
        self.seconds[stage] += time.perf_counter() - started

    def merge(self, seconds: Mapping[str, float]) -> None:
        """Count seconds spent elsewhere (a head start's) as spent here."""
        for stage, spent in seconds.items():
            self.seconds[stage] += spent


def prepare(works: Iterable[Work], settings: Settings, times: StageTimes) -> Iterator[Work]:
    """The stages before the model, in order: read, decode, clean and segment. A stage whose
    output a work already holds (its bytes given, or prepared by a head start) is skipped."""
    max_bytes = settings.max_bytes
    works = _each(works, "load", lambda w: load.read(w.ref, max_bytes), "raw", settings, times)
    works = _each(
        works, "decode", lambda w: load.decode(_got(w.raw), max_bytes), "decoded", settings, times
    )
    fiscal = settings.fiscal_year_start_month
    return _each(
        works,
        "segment",
        lambda w: segment(clean_decoded(_got(w.decoded), settings), fiscal),
        "page",
        settings,
        times,
    )


def _each(
    works: Iterable[Work],
    stage: str,
    step: Callable[[Work], object],
    attr: str,
    settings: Settings,
    times: StageTimes,
) -> Iterator[Work]:
    for work in works:
        if work.result is None and getattr(work, attr) is None:
            started = time.perf_counter()
            try:
                with deadline(settings.max_seconds, f"the {stage} stage"):
                    setattr(work, attr, step(work))
            except TimeLimitExceeded as exc:
                work.reject(exc, stage)
            except DocumentError as exc:
                work.reject(exc)
            except RecursionError:
                work.reject(TooDeep("the page is nested too deeply to parse"), stage)
            except Exception as exc:  # the batch must survive any one input
                LOGGER.exception("unexpected failure in %s for %s", stage, work.ref.path)
                work.reject(unexpected(exc), stage)
            times.add(stage, started)
        yield work


def _got(value: T | None) -> T:
    """The output of an earlier stage; it exists because rejected work skips later stages."""
    assert value is not None
    return value


def unexpected(exc: Exception) -> InternalError:
    return InternalError(f"unexpected {type(exc).__name__}: {exc}")


def clean_decoded(decoded: load.DecodedDocument, settings: Settings) -> CleanPage:
    """The HTML stage's main content, or a PDF's text read into the same record."""
    if decoded.media_type == load.PDF:
        # imported for a PDF only: a run of HTML pages (and the head start) loads no PDF reader
        from extractor.pdf.page import read_pdf

        # a decompression bomb stops at max_bytes characters of text, as HTML does at bytes
        return read_pdf(decoded.pdf, settings.max_pages, settings.max_bytes)
    return clean(decoded.html)
