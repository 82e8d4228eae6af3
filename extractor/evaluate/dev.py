"""Dev-set scorer: the "Scoring" rules of the gold format (eval/GOLD_FORMAT.md).

Pure functions score one document's prediction against its gold; `run_dev` feeds the pages
through the pipeline and micro-averages the counts over all documents.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict, computed_field

from extractor import dates
from extractor.dates.tables import HALF_MONTHS, QUARTER_MONTHS, SEASON_MONTHS

LOGGER = logging.getLogger(__name__)

SET_CATEGORIES = ("orgs", "countries", "dates", "sections")

ExtractMany = Callable[[Iterable[tuple[bytes, str]], Any], Iterator[Any]]

# Curly single quotes and primes become ', curly double quotes and double primes ".
_QUOTES = str.maketrans(
    "\u2018\u2019\u201a\u201b\u2032\u201c\u201d\u201e\u201f\u2033", "'''''\"\"\"\"\""
)
_LEADING_THE = re.compile(r"^the\s+")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Counts(_Frozen):
    """True positives, false positives and false negatives, with their P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(tp=self.tp + other.tp, fp=self.fp + other.fp, fn=self.fn + other.fn)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


class Accuracy(_Frozen):
    """Correct out of total judged items."""

    correct: int = 0
    total: int = 0

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(correct=self.correct + other.correct, total=self.total + other.total)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


class Span(_Frozen):
    start: str | None = None
    end: str | None = None


class Org(_Frozen):
    name: str
    acronym: str | None = None


class Heading(_Frozen):
    heading: str | None
    start: str | None = None
    end: str | None = None


class Gold(_Frozen):
    """One gold file; keys the scorer does not use (timex, url, dct...) are ignored."""

    doc: str
    title: str | None = None
    period: Span | None = None
    sections: list[Heading] = []
    orgs: list[Org] = []
    orgs_optional: list[str] = []
    countries: list[str] = []
    countries_optional: list[str] = []
    dates: list[str] = []
    dates_optional: list[str] = []


class Prediction(_Frozen):
    """What the pipeline predicted for one document, in the gold's terms."""

    title: str | None = None
    period: Span | None = None
    sections: list[Heading] = []
    orgs: list[Org] = []
    countries: list[str] = []
    dates: list[str] = []
    # dates written only as a quarter, half, season, decade or century (GOLD_FORMAT's vague spans)
    vague_dates: list[str] = []
    rejected: str | None = None


class DocScore(BaseModel):
    doc: str
    rejected: str | None = None
    counts: dict[str, Counts]
    section_dates: Accuracy
    title_ok: bool
    period_ok: bool
    errors: list[str] = []


class DevReport(BaseModel):
    orgs: Counts
    countries: Counts
    dates: Counts
    sections: Counts
    section_dates: Accuracy
    title: Accuracy
    period: Accuracy
    docs: list[DocScore]


class SetScore(NamedTuple):
    counts: Counts
    false_positives: list[str]
    false_negatives: list[str]


def normalize(text: str | None) -> str:
    """Normalize a string for comparison, exactly as GOLD_FORMAT.md's scoring section says."""
    if not text:
        return ""
    s = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    # Every dash-punctuation character counts as a hyphen, so "—" and "–" read as spaces too.
    s = "".join(" " if unicodedata.category(c) == "Pd" else c for c in s)
    s = " ".join(s.split()).casefold()
    # Strip before and after dropping "the", so '"The ILO"' and 'the "ILO"' both end as 'ilo'.
    return _strip_punct(_LEADING_THE.sub("", _strip_punct(s)))


def _strip_punct(s: str) -> str:
    start, end = 0, len(s)
    while start < end and (s[start].isspace() or unicodedata.category(s[start])[0] == "P"):
        start += 1
    while end > start and (s[end - 1].isspace() or unicodedata.category(s[end - 1])[0] == "P"):
        end -= 1
    return s[start:end]


# GOLD_FORMAT.md makes vague spans optional ("end of 2025", "first quarter of 2025"): the
# pipeline writes a quarter, half or season of a year and a decade as an interval of months or
# years, so a predicted interval of those shapes counts neither way unless the gold lists it.
_MONTH_SPAN = re.compile(r"^(\d{4})-(\d{2})/(\d{4})-(\d{2})$")
_DECADE = re.compile(r"^(\d{3})0/(\d{3})9$")
_CENTURY = re.compile(r"^(\d{2})00/(\d{2})99$")
# (first month, last month) of the quarters, halves and seasons within one year
_SUB_YEAR_SPANS = {
    *QUARTER_MONTHS.values(),
    *HALF_MONTHS.values(),
    *(months for months in SEASON_MONTHS.values() if months[0] < months[1]),
}


def vague_spans(values: Iterable[str]) -> list[str]:
    """The values that are a quarter, half or season of a year, a decade or a century."""
    out = []
    for value in values:
        spans = (_DECADE.match(value), _CENTURY.match(value))
        if any(m and m.group(1) == m.group(2) for m in spans):
            out.append(value)
        elif m := _MONTH_SPAN.match(value):
            y1, m1, y2, m2 = (int(g) for g in m.groups())
            same_year = y1 == y2 and (m1, m2) in _SUB_YEAR_SPANS
            winter = y2 == y1 + 1 and (m1, m2) == (12, 2)
            if same_year or winter:
                out.append(value)
    return out


# How a vague span is written: "the first quarter of 2025", "Q1", "H2", "summer", "the 1970s".
_VAGUE_TEXT = re.compile(
    r"(?i)\b(?:quarter|half|Q[1-4]|H[12]|spring|summer|autumn|fall|winter)\b|\d0['’]?s\b"
)


def vague_dates(dates: Iterable[Any]) -> list[str]:
    """The values of DateEntities that are a vague span by their value's shape and every one of
    whose surface forms is written as one: a wrong-year "June–August" range is still scored."""
    return [
        d.value
        for d in dates
        if vague_spans([d.value]) and all(_VAGUE_TEXT.search(f) for f in d.surface_forms)
    ]


def score_set(predicted: Iterable[str], gold: Iterable[str], optional: Iterable[str]) -> SetScore:
    """Set P/R of unique values; predictions in `optional` count neither way."""
    pred, gold_set, opt = set(predicted), set(gold), set(optional)
    fps = sorted(pred - gold_set - opt)
    fns = sorted(gold_set - pred)
    return SetScore(Counts(tp=len(pred & gold_set), fp=len(fps), fn=len(fns)), fps, fns)


def _org_keys(org: Org) -> set[str]:
    return {k for k in (normalize(org.name), normalize(org.acronym)) if k}


def _org_label(org: Org) -> str:
    return f"{org.name} ({org.acronym})" if org.acronym and org.acronym != org.name else org.name


def score_orgs(predicted: Sequence[Org], gold: Sequence[Org], optional: Iterable[str]) -> SetScore:
    """Match predicted to gold orgs on name-or-acronym, each gold at most once.

    The matching is a maximum bipartite matching, so the score never depends on the order in
    which the pipeline lists its orgs. Unmatched predictions are neutral when a key is optional.
    """
    owner = match_orgs(predicted, gold)
    matched = {i for i in owner if i is not None}
    opt = {normalize(o) for o in optional} - {""}
    fps = [
        _org_label(p)
        for i, p in enumerate(predicted)
        if i not in matched and not (_org_keys(p) & opt)
    ]
    fns = [_org_label(g) for j, g in enumerate(gold) if owner[j] is None]
    return SetScore(Counts(tp=len(matched), fp=len(fps), fn=len(fns)), fps, fns)


def match_orgs(predicted: Sequence[Org], gold: Sequence[Org]) -> list[int | None]:
    """For each gold org, the index of the predicted org matched to it (or None)."""
    gold_keys = [_org_keys(g) for g in gold]
    edges = [[j for j, gk in enumerate(gold_keys) if _org_keys(p) & gk] for p in predicted]
    owner: list[int | None] = [None] * len(gold)

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                current = owner[j]
                if current is None or augment(current, seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(predicted)):
        augment(i, set())
    return owner


def score_sections(
    predicted: Sequence[Heading],
    gold: Sequence[Heading],
    gold_title: str | None,
    pred_title: str | None = None,
) -> tuple[SetScore, Accuracy, list[str]]:
    """Headings by normalized equality, then date accuracy over the matched headings.

    A heading occurring twice is matched twice: the k-th gold occurrence pairs with the k-th
    predicted one, in reading order. Predicted headings equal to either title are ignored (the
    pipeline's section 0 carries its own title as heading).
    """
    gold_titles = {normalize(gold_title)} - {""}
    pred_titles = gold_titles | ({normalize(pred_title)} - {""})
    by_key: dict[str, tuple[list[Heading], list[Heading]]] = defaultdict(lambda: ([], []))
    for h in gold:
        if (key := normalize(h.heading)) and key not in gold_titles:
            by_key[key][0].append(h)
    for h in predicted:
        if (key := normalize(h.heading)) and key not in pred_titles:
            by_key[key][1].append(h)
    tp, fps, fns, errors = 0, [], [], []
    dates = Accuracy()
    for gs, ps in by_key.values():
        for g, p in zip(gs, ps, strict=False):
            ok = (g.start, g.end) == (p.start, p.end)
            dates += Accuracy(correct=int(ok), total=1)
            if not ok:
                errors.append(
                    f"section date {g.heading!r}: gold {g.start}/{g.end}, pred {p.start}/{p.end}"
                )
        tp += min(len(gs), len(ps))
        fps += [str(p.heading) for p in ps[len(gs) :]]
        fns += [str(g.heading) for g in gs[len(ps) :]]
    return SetScore(Counts(tp=tp, fp=len(fps), fn=len(fns)), fps, fns), dates, errors


def score_doc(gold: Gold, pred: Prediction) -> DocScore:
    """All dev figures of one document."""
    scores = {
        "orgs": score_orgs(pred.orgs, gold.orgs, gold.orgs_optional),
        "countries": score_set(pred.countries, gold.countries, gold.countries_optional),
        "dates": score_set(pred.dates, gold.dates, [*gold.dates_optional, *pred.vague_dates]),
    }
    scores["sections"], section_dates, errors = score_sections(
        pred.sections, gold.sections, gold.title, pred.title
    )
    title_ok = normalize(gold.title) == normalize(pred.title)
    period_ok = _span(gold.period) == _span(pred.period)
    if not title_ok:
        errors.append(f"title: gold {gold.title!r}, pred {pred.title!r}")
    if not period_ok:
        errors.append(f"period: gold {_show(gold.period)}, pred {_show(pred.period)}")
    for name, s in scores.items():
        errors += [f"{name} FP: {v}" for v in s.false_positives]
        errors += [f"{name} FN: {v}" for v in s.false_negatives]
    return DocScore(
        doc=gold.doc,
        rejected=pred.rejected,
        counts={name: s.counts for name, s in scores.items()},
        section_dates=section_dates,
        title_ok=title_ok,
        period_ok=period_ok,
        errors=errors,
    )


def _span(span: Span | None) -> tuple[str, str] | None:
    """A period as its first and last day, so that a month ("2014-06") equals the same month
    written as days ("2014-06-01/2014-06-30"); a value that is no calendar point stays as
    written."""
    if span is None:
        return None
    try:
        first = dates.to_date((span.start or "").strip())
        last = dates.last_date((span.end or "").strip())
    except ValueError:
        return normalize(span.start), normalize(span.end)
    return first.isoformat(), last.isoformat()


def _show(span: Span | None) -> str:
    return "none" if span is None else f"{span.start}/{span.end}"


def summarize(docs: Sequence[DocScore]) -> DevReport:
    """Micro-average: sum the counts of all documents."""
    totals = {c: sum((d.counts[c] for d in docs), Counts()) for c in SET_CATEGORIES}
    return DevReport(
        **totals,
        section_dates=sum((d.section_dates for d in docs), Accuracy()),
        title=Accuracy(correct=sum(d.title_ok for d in docs), total=len(docs)),
        period=Accuracy(correct=sum(d.period_ok for d in docs), total=len(docs)),
        docs=list(docs),
    )


def load_gold(path: Path) -> Gold:
    return Gold.model_validate(json.loads(path.read_text(encoding="utf-8")))


def prediction_from_result(result: Any) -> Prediction:
    """Turn an Extraction into a Prediction; a Reject becomes an empty one (all gold missed)."""
    document = getattr(result, "document", None)
    if document is None:
        return Prediction(rejected=getattr(result, "error", "rejected"))
    entities = document.entities
    return Prediction(
        title=document.title,
        period=_span_of(document.period),
        sections=[
            Heading(heading=s.heading, **(_span_of(s.date) or Span()).model_dump())
            for s in result.sections
        ],
        orgs=[Org(name=o.name, acronym=o.acronym) for o in entities.orgs],
        countries=[c.iso2 for c in entities.countries],
        dates=[d.value for d in entities.dates],
        vague_dates=vague_dates(entities.dates),
    )


def _span_of(date: Any) -> Span | None:
    return None if date is None else Span(start=date.start, end=date.end)


def run_dev(
    dev_dir: Path,
    extract_many: ExtractMany,
    settings: Any,
    verbose: bool = False,
    collect: list[tuple[Gold, Any]] | None = None,
    inputs: Callable[[list[Path]], Iterable[tuple[bytes, str]]] | None = None,
) -> DevReport:
    """Extract every docs/NAME.html that has a gold/NAME.json and score it; (gold, document)
    pairs are appended to `collect` for the corpus-wide scores. `inputs` turns the pages'
    paths into what is extracted (their printed PDFs); by default, the pages themselves."""
    golds = [load_gold(p) for p in sorted((Path(dev_dir) / "gold").glob("*.json"))]
    docs_dir = Path(dev_dir) / "docs"
    paths = [docs_dir / g.doc for g in golds]
    items = inputs(paths) if inputs else ((p.read_bytes(), str(p)) for p in paths)
    scores = []
    for gold, result in zip(golds, extract_many(items, settings), strict=True):
        pred = prediction_from_result(result)
        if collect is not None and not pred.rejected:
            collect.append((gold, result.document))
        if pred.rejected:
            LOGGER.warning("dev: %s rejected (%s)", gold.doc, pred.rejected)
        score = score_doc(gold, pred)
        scores.append(score if verbose else score.model_copy(update={"errors": []}))
    return summarize(scores)
