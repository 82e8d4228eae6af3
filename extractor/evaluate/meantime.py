"""Scorer for meantime-en: document-level dates, organizations and countries.

Dates are scored as the folder's README says: per document on sets of unique values, predicted
intervals split into their two ends (TimeML has no interval values), micro-averaged over
documents; once against gold/ (all dates) and once against gold/_explicit/ (dates written out in
full). Organizations and countries are scored with the dev set's scorers (`score_orgs`,
`score_set`) against gold converted from the CAT XML by `meantime_entities`, on the same
extraction of html/NAME.html.
"""

from __future__ import annotations

import csv
import datetime
import json
import logging
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from pydantic import BaseModel

from extractor.dates.tables import CARDINAL_WORDS, HALF_MONTHS, QUARTER_MONTHS, SEASON_MONTHS
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
    # Scored again without the values predicted only on lines the gold does not cover (a set's
    # scope.json names their kinds); None for sets whose gold covers every line.
    full_in_scope: Counts | None = None
    explicit_in_scope: Counts | None = None
    # Scored again against the gold with its reviewed errors corrected (an errata file); None
    # when no errata file was given.
    full_corrected: Counts | None = None
    explicit_corrected: Counts | None = None


class MeantimeReport(BaseModel):
    full: Counts
    explicit: Counts
    title: Accuracy
    orgs: Counts = Counts()
    countries: Counts = Counts()
    docs: list[MeantimeDoc]
    full_in_scope: Counts | None = None
    explicit_in_scope: Counts | None = None
    full_corrected: Counts | None = None
    explicit_corrected: Counts | None = None


class Erratum(BaseModel):
    """One reviewed error of a date gold: the value its annotators gave an expression of a
    document ("" when they left it unannotated) and the value it holds ("" when none)."""

    doc: str  # the page's file name in html/
    text: str
    gold: str
    value: str
    explicit: bool  # the expression is a date written out in full (scored in gold/_explicit)
    reason: str


def load_errata(path: Path) -> dict[str, list[Erratum]]:
    """A tab-separated errata file (header: doc, text, gold, value, explicit, reason), by doc."""
    out: dict[str, list[Erratum]] = {}
    with path.open(encoding="utf-8", newline="") as lines:
        for row in csv.DictReader(lines, delimiter="\t"):
            erratum = Erratum.model_validate({**row, "explicit": row["explicit"] == "yes"})
            out.setdefault(erratum.doc, []).append(erratum)
    return out


def corrected(gold: Gold, timex: Sequence[dict], errata: Sequence[Erratum], explicit: bool) -> Gold:
    """`gold` with `errata` applied: a wrong value leaves the gold unless another TIMEX3 of the
    document (`timex`, the explicit ones only for the `explicit` gold) still carries it; the
    right value joins it."""
    wrong = {(e.text, e.gold) for e in errata if e.gold}
    kept = {
        str(t.get("value"))
        for t in timex
        if (t.get("text"), t.get("value")) not in wrong and (t.get("explicit") or not explicit)
    }
    dropped = {e.gold for e in errata if e.gold} - kept
    added = {e.value for e in errata if e.value and (e.explicit or not explicit)}
    dates = (set(gold.dates) - dropped) | added
    optional = set(gold.dates_optional) - added
    return gold.model_copy(update={"dates": sorted(dates), "dates_optional": sorted(optional)})


# TimeML values of other shapes whose calendar reading a fair normalizer may give (see
# `fair_readings`): a duration "ago" (P1Y), and a sub-year span of a year (2009-Q3, 2006-H2,
# 2008-SU, 2008-W42, 2008-W42-WE).
_DURATION = re.compile(r"^P(\d+)([YMWD])$")
_WEEK = re.compile(r"^\d{4}-W\d\d$")
_SUB_YEAR = re.compile(r"^(\d{4})-(?:Q([1-4])|H([12])|SP|SU|FA|WI|W\d\d(?:-WE)?)$")
_DECADE_VALUE = re.compile(r"^\d{3}$")  # TimeML's decade: "197" for the 1970s
_CENTURY_VALUE = re.compile(r"^\d{2}$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_SEASON_MONTHS = {
    code: SEASON_MONTHS[name]
    for code, name in (("SP", "spring"), ("SU", "summer"), ("FA", "autumn"), ("WI", "winter"))
}


def fair_readings(timex: Iterable[dict], dct: str | None) -> set[str]:
    """Calendar values a fair normalizer may give for TIMEX3s that MEANTIME valued otherwise.

    MEANTIME values "a year ago" as the duration P1Y and "20 years ago" as P20Y, but "a week
    ago" as a day; GOLD_FORMAT.md reads all of them as calendar values counted back from the
    publication day (a year value for "a year ago"). And it values "later this year" as the
    quarter 2006-Q4, which a normalizer writes as its year (2006) or, for a quarter or half, as
    its months (2006-10/2006-12). These readings are added to `dates_optional`: neither
    rewarded nor penalized, as the README does for the day of a TIME value. A page without a
    publication day (`dct` None) has no "ago" to count back from.
    """
    day = datetime.date.fromisoformat(dct) if dct else None
    out: set[str] = set()
    for t in timex:
        value, text = str(t.get("value", "")), str(t.get("text", "")).lower()
        if day is not None and _WEEK.match(value) and text.endswith("ago"):
            # "two weeks ago" valued as a week
            weeks = re.search(r"(\w+)\s+weeks?\s+ago$", text)
            count = CARDINAL_WORDS.get(weeks.group(1), 0) if weeks else 0
            if weeks and weeks.group(1).isdigit():
                count = int(weeks.group(1))
            if count:
                out.add((day - datetime.timedelta(days=7 * count)).isoformat())
        elif day is not None and (m := _DURATION.match(value)) and text.endswith("ago"):
            n, unit = int(m.group(1)), m.group(2)
            if unit == "Y":
                out.add(f"{day.year - n:04d}")
            elif unit == "M":
                year, month = divmod(day.year * 12 + day.month - 1 - n, 12)
                out.add(f"{year:04d}-{month + 1:02d}")
            elif unit == "D":
                out.add((day - datetime.timedelta(days=n)).isoformat())
        elif m := _DECADE_VALUE.match(value):
            out |= {f"{value}0", f"{value}9"}
        elif m := _CENTURY_VALUE.match(value):  # TimeML's century "13" is the 1300s
            out |= {f"{value}00", f"{value}99"}
        elif m := _SEASON.match(value):
            year, (first, last) = int(m.group(1)), _SEASON_MONTHS[m.group(2)]
            out |= {
                m.group(1),
                f"{year:04d}-{first:02d}",
                f"{year + (last < first):04d}-{last:02d}",
            }
        elif m := _SUB_YEAR.match(value):
            out.add(m.group(1))
            quarter, half = m.group(2), m.group(3)
            months = QUARTER_MONTHS[int(quarter)] if quarter else None
            months = HALF_MONTHS[int(half)] if half else months
            if months:  # a season or a week: its year only
                out |= {f"{m.group(1)}-{month:02d}" for month in months}
    return out


def with_fair_readings(gold: Gold, path: Path) -> Gold:
    """`gold` with the fair readings of its TIMEX3s (from the file at `path`) made optional."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    found = raw.get("timex") or raw.get("mentions")  # MEANTIME's TIMEX3s, or our mentions
    if not found or "dct" not in raw:
        return gold
    return _optional_too(gold, fair_readings(found, raw["dct"]))


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
    scoped = bool(docs) and all(d.full_in_scope is not None for d in docs)
    fixed = bool(docs) and all(d.full_corrected is not None for d in docs)
    return MeantimeReport(
        full=sum((d.full for d in docs), Counts()),
        explicit=sum((d.explicit for d in docs), Counts()),
        title=Accuracy(correct=sum(d.title_ok for d in docs), total=len(docs)),
        orgs=sum((d.orgs for d in docs), Counts()),
        countries=sum((d.countries for d in docs), Counts()),
        docs=list(docs),
        full_in_scope=_total(d.full_in_scope for d in docs) if scoped else None,
        explicit_in_scope=_total(d.explicit_in_scope for d in docs) if scoped else None,
        full_corrected=_total(d.full_corrected for d in docs) if fixed else None,
        explicit_corrected=_total(d.explicit_corrected for d in docs) if fixed else None,
    )


def _total(counts: Iterable[Counts | None]) -> Counts:
    return sum((c for c in counts if c is not None), Counts())


def unannotated_kinds(root: Path) -> frozenset[str]:
    """The kinds of lines (`TextBlock.kind`) a date set's gold does not cover, from its
    scope.json ({"unannotated_line_kinds": ["caption"], "why": "..."}); empty when absent."""
    path = root / "scope.json"
    if not path.is_file():
        return frozenset()
    return frozenset(json.loads(path.read_text(encoding="utf-8"))["unannotated_line_kinds"])


def values_outside(result: object, kinds: frozenset[str]) -> set[str]:
    """The date values (interval ends) a result predicts only on lines of the given kinds."""
    inside: set[str] = set()
    outside: set[str] = set()
    for section in getattr(result, "sections", ()):
        for mention in section.entities:
            if mention.label != "DATE":
                continue
            kind = next((b.kind for b in section.blocks if b.start <= mention.start < b.end), "")
            (outside if kind in kinds else inside).update(split_intervals([mention.value]))
    return outside - inside


def _optional_too(gold: Gold, values: set[str]) -> Gold:
    extra = values - set(gold.dates) - set(gold.dates_optional)
    if not extra:
        return gold
    return gold.model_copy(update={"dates_optional": sorted({*gold.dates_optional, *extra})})


def run_meantime(
    meantime_dir: Path,
    extract_many: ExtractMany,
    settings: object,
    verbose: bool = False,
    errata: Path | None = None,
) -> MeantimeReport:
    """Extract html/NAME.html (the annotated part of each article) once and score its dates
    against both gold sets, its orgs and countries against the gold converted from CAT XML.
    A set whose gold leaves some kinds of lines out (scope.json) is also scored without the
    values predicted only on those lines; with an `errata` file, also against the gold with
    those reviewed errors corrected."""
    root = Path(meantime_dir)
    paths = sorted((root / "gold").glob("*.json"))
    full = [with_fair_readings(load_gold(p), p) for p in paths]
    entities = load_folder(root)
    unannotated = unannotated_kinds(root)
    fixes = load_errata(errata) if errata is not None else None
    explicit = [
        with_fair_readings(load_gold(root / "gold" / "_explicit" / p.name), p) for p in paths
    ]
    items = (((root / "html" / g.doc).read_bytes(), str(root / "html" / g.doc)) for g in full)
    docs = []
    for gold, gold_explicit, result in zip(
        full, explicit, extract_many(items, settings), strict=True
    ):
        pred = prediction_from_result(result)
        if pred.rejected:
            LOGGER.warning("meantime: %s rejected (%s)", gold.doc, pred.rejected)
        doc = score_doc(pred, gold, gold_explicit, entities.get(gold.doc))  # None: no CAT file
        if unannotated:
            outside = values_outside(result, unannotated)
            scoped = score_doc(
                pred, _optional_too(gold, outside), _optional_too(gold_explicit, outside)
            )
            doc = doc.model_copy(
                update={"full_in_scope": scoped.full, "explicit_in_scope": scoped.explicit}
            )
        if fixes is not None:
            timex = json.loads((root / "gold" / gold.doc.replace(".html", ".json")).read_text())
            found = fixes.get(gold.doc, [])
            again = score_doc(
                pred,
                corrected(gold, timex.get("timex", []), found, explicit=False),
                corrected(gold_explicit, timex.get("timex", []), found, explicit=True),
            )
            doc = doc.model_copy(
                update={"full_corrected": again.full, "explicit_corrected": again.explicit}
            )
        docs.append(doc if verbose else doc.model_copy(update={"errors": []}))
    return summarize(docs)
