"""Date scorer for meantime-en: document-level date values against TIMEX3-derived gold.

Scored as the folder's README says: per document on sets of unique values, predicted intervals
split into their two ends (TimeML has no interval values), micro-averaged over documents; once
against gold/ (all dates) and once against gold/_explicit/ (dates written out in full).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from pathlib import Path

from pydantic import BaseModel

from extractor.evaluate.dev import (
    Accuracy,
    Counts,
    ExtractMany,
    Gold,
    Prediction,
    load_gold,
    normalize,
    prediction_from_result,
    score_set,
)

LOGGER = logging.getLogger(__name__)


class MeantimeDoc(BaseModel):
    doc: str
    rejected: str | None = None
    full: Counts
    explicit: Counts
    title_ok: bool
    errors: list[str] = []


class MeantimeReport(BaseModel):
    full: Counts
    explicit: Counts
    title: Accuracy
    docs: list[MeantimeDoc]


def split_intervals(values: Iterable[str]) -> set[str]:
    """Replace each interval "A/B" by its ends A and B."""
    return {end for value in values for end in value.split("/") if end}


def score_doc(pred: Prediction, full: Gold, explicit: Gold) -> MeantimeDoc:
    dates = split_intervals(pred.dates)
    on_full = score_set(dates, full.dates, full.dates_optional)
    on_explicit = score_set(dates, explicit.dates, explicit.dates_optional)
    title_ok = normalize(full.title) == normalize(pred.title)
    errors = [f"FP: {v}" for v in on_full.false_positives]
    errors += [f"FN: {v}" for v in on_full.false_negatives]
    errors += [f"FN (explicit): {v}" for v in on_explicit.false_negatives]
    if not title_ok:
        errors.append(f"title: gold {full.title!r}, pred {pred.title!r}")
    return MeantimeDoc(
        doc=full.doc,
        rejected=pred.rejected,
        full=on_full.counts,
        explicit=on_explicit.counts,
        title_ok=title_ok,
        errors=errors,
    )


def summarize(docs: Sequence[MeantimeDoc]) -> MeantimeReport:
    """Micro-average: sum the counts of all documents."""
    return MeantimeReport(
        full=sum((d.full for d in docs), Counts()),
        explicit=sum((d.explicit for d in docs), Counts()),
        title=Accuracy(correct=sum(d.title_ok for d in docs), total=len(docs)),
        docs=list(docs),
    )


def run_meantime(
    meantime_dir: Path, extract_many: ExtractMany, settings: object, verbose: bool = False
) -> MeantimeReport:
    """Extract html/NAME.html (the annotated part of each article) and score both gold sets."""
    root = Path(meantime_dir)
    paths = sorted((root / "gold").glob("*.json"))
    full = [load_gold(p) for p in paths]
    explicit = [load_gold(root / "gold" / "_explicit" / p.name) for p in paths]
    items = (((root / "html" / g.doc).read_bytes(), str(root / "html" / g.doc)) for g in full)
    docs = []
    for gold, gold_explicit, result in zip(
        full, explicit, extract_many(items, settings), strict=True
    ):
        pred = prediction_from_result(result)
        if pred.rejected:
            LOGGER.warning("meantime: %s rejected (%s)", gold.doc, pred.rejected)
        doc = score_doc(pred, gold, gold_explicit)
        docs.append(doc if verbose else doc.model_copy(update={"errors": []}))
    return summarize(docs)
