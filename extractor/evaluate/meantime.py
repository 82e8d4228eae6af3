"""Scorer for meantime-en: document-level dates, organizations and countries.

Dates are scored as the folder's README says: per document on sets of unique values, predicted
intervals split into their two ends (TimeML has no interval values), micro-averaged over
documents; once against gold/ (all dates) and once against gold/_explicit/ (dates written out in
full). Organizations and countries are scored with the dev set's scorers (`score_orgs`,
`score_set`) against gold converted from the CAT XML by `meantime_entities`, on the same
extraction of html/NAME.html.
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
    score_orgs,
    score_set,
)
from extractor.evaluate.meantime_entities import load_folder

LOGGER = logging.getLogger(__name__)


class MeantimeDoc(BaseModel):
    doc: str
    rejected: str | None = None
    full: Counts
    explicit: Counts
    title_ok: bool
    orgs: Counts = Counts()
    countries: Counts = Counts()
    errors: list[str] = []


class MeantimeReport(BaseModel):
    full: Counts
    explicit: Counts
    title: Accuracy
    orgs: Counts = Counts()
    countries: Counts = Counts()
    docs: list[MeantimeDoc]


def split_intervals(values: Iterable[str]) -> set[str]:
    """Replace each interval "A/B" by its ends A and B."""
    return {end for value in values for end in value.split("/") if end}


def score_doc(
    pred: Prediction, full: Gold, explicit: Gold, entities: Gold | None = None
) -> MeantimeDoc:
    """Dates against both gold sets; orgs and countries against `entities` when given."""
    dates = split_intervals(pred.dates)
    on_full = score_set(dates, full.dates, full.dates_optional)
    on_explicit = score_set(dates, explicit.dates, explicit.dates_optional)
    title_ok = normalize(full.title) == normalize(pred.title)
    errors = [f"FP: {v}" for v in on_full.false_positives]
    errors += [f"FN: {v}" for v in on_full.false_negatives]
    errors += [f"FN (explicit): {v}" for v in on_explicit.false_negatives]
    if not title_ok:
        errors.append(f"title: gold {full.title!r}, pred {pred.title!r}")
    orgs = countries = Counts()
    if entities is not None:
        on_orgs = score_orgs(pred.orgs, entities.orgs, entities.orgs_optional)
        on_countries = score_set(pred.countries, entities.countries, entities.countries_optional)
        orgs, countries = on_orgs.counts, on_countries.counts
        for name, s in (("orgs", on_orgs), ("countries", on_countries)):
            errors += [f"{name} FP: {v}" for v in s.false_positives]
            errors += [f"{name} FN: {v}" for v in s.false_negatives]
    return MeantimeDoc(
        doc=full.doc,
        rejected=pred.rejected,
        full=on_full.counts,
        explicit=on_explicit.counts,
        title_ok=title_ok,
        orgs=orgs,
        countries=countries,
        errors=errors,
    )


def summarize(docs: Sequence[MeantimeDoc]) -> MeantimeReport:
    """Micro-average: sum the counts of all documents."""
    return MeantimeReport(
        full=sum((d.full for d in docs), Counts()),
        explicit=sum((d.explicit for d in docs), Counts()),
        title=Accuracy(correct=sum(d.title_ok for d in docs), total=len(docs)),
        orgs=sum((d.orgs for d in docs), Counts()),
        countries=sum((d.countries for d in docs), Counts()),
        docs=list(docs),
    )


def run_meantime(
    meantime_dir: Path, extract_many: ExtractMany, settings: object, verbose: bool = False
) -> MeantimeReport:
    """Extract html/NAME.html (the annotated part of each article) once and score its dates
    against both gold sets, its orgs and countries against the gold converted from CAT XML."""
    root = Path(meantime_dir)
    paths = sorted((root / "gold").glob("*.json"))
    full = [load_gold(p) for p in paths]
    entities = load_folder(root)
    explicit = [load_gold(root / "gold" / "_explicit" / p.name) for p in paths]
    items = (((root / "html" / g.doc).read_bytes(), str(root / "html" / g.doc)) for g in full)
    docs = []
    for gold, gold_explicit, result in zip(
        full, explicit, extract_many(items, settings), strict=True
    ):
        pred = prediction_from_result(result)
        if pred.rejected:
            LOGGER.warning("meantime: %s rejected (%s)", gold.doc, pred.rejected)
        doc = score_doc(pred, gold, gold_explicit, entities.get(gold.doc))  # None: no CAT file
        docs.append(doc if verbose else doc.model_copy(update={"errors": []}))
    return summarize(docs)
