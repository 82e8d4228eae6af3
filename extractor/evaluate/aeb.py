"""Main-text scorer for the article-extraction-benchmark (scrapinghub), upstream's metric.

Re-implements upstream's evaluate.py (commit 4a3bc97) without its bootstrap: tokens are
``\\w+`` runs, each text a multiset of 4-token shingles, per-page TP/FP/FN normalised to sum
to 1; precision is averaged over pages whose prediction has a shingle, recall over pages whose
gold has one, and F1 is the harmonic mean of the two averages.
"""

from __future__ import annotations

import gzip
import json
import logging
import re
import statistics
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict

from extractor.errors import ExtractorError

LOGGER = logging.getLogger(__name__)

SHINGLE_SIZE = 4
_TOKEN = re.compile(r"\w+")


class PageScore(NamedTuple):
    """Shingle TP/FP/FN of one page, normalised to sum to 1 (all 0 when both texts are empty)."""

    tp: float
    fp: float
    fn: float


class AebReport(BaseModel):
    model_config = ConfigDict(frozen=True)

    precision: float
    recall: float
    f1: float
    accuracy: float
    pages: int
    predicted: int
    failed: int = 0


def tokenize(text: str | None) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: str | None, n: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Multiset of n-token shingles; a non-empty text shorter than n is one short shingle."""
    tokens = tokenize(text)
    if not tokens:
        return Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))


def score_page(true: str | None, pred: str | None) -> PageScore:
    gold, guess = shingles(true), shingles(pred)
    tp = float(sum((gold & guess).values()))
    fp = float(sum((guess - gold).values()))
    fn = float(sum((gold - guess).values()))
    total = tp + fp + fn
    # Normalised so that long pages weigh no more than short ones.
    return PageScore(tp / total, fp / total, fn / total) if total else PageScore(0.0, 0.0, 0.0)


def _precision(s: PageScore) -> float:
    if s.fp == s.fn == 0:
        return 1.0
    return 0.0 if s.tp == s.fp == 0 else s.tp / (s.tp + s.fp)


def _recall(s: PageScore) -> float:
    if s.fp == s.fn == 0:
        return 1.0
    return 0.0 if s.tp == s.fn == 0 else s.tp / (s.tp + s.fn)


def aggregate(pages: Sequence[PageScore], exact: Sequence[bool] = ()) -> AebReport:
    """Upstream's averages; where upstream would divide by zero we report 0.0."""
    precisions = [_precision(s) for s in pages if s.tp + s.fp > 0]
    recalls = [_recall(s) for s in pages if s.tp + s.fn > 0]
    p = statistics.mean(precisions) if precisions else 0.0
    r = statistics.mean(recalls) if recalls else 0.0
    return AebReport(
        precision=p,
        recall=r,
        f1=2 * p * r / (p + r) if p + r else 0.0,
        accuracy=statistics.mean(exact) if exact else 0.0,
        pages=len(pages),
        predicted=len(precisions),
    )


def score_predictions(
    ground_truth: Mapping[str, Mapping[str, Any]], predictions: Mapping[str, Mapping[str, Any]]
) -> AebReport:
    """Score {id: {"articleBody": str|None}} against the gold of the same ids."""
    if ground_truth.keys() != predictions.keys():
        raise ValueError("prediction keys do not match ground truth")
    pages, exact = [], []
    for key, gold in ground_truth.items():
        true, pred = gold.get("articleBody", ""), predictions[key].get("articleBody", "")
        pages.append(score_page(true, pred))
        exact.append(tokenize(true) == tokenize(pred))
    return aggregate(pages, exact)


def load_predictions(path: Path) -> dict[str, dict[str, Any]]:
    """Read a prediction file, bare or wrapped as {"version": ..., "output": {...}}."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if (
        isinstance(data, dict)
        and set(data) == {"version", "output"}
        and isinstance(data["output"], dict)
    ):
        return data["output"]
    return data


def run_aeb(aeb_dir: Path, main_text: Callable[[bytes], str]) -> AebReport:
    """Predict the main text of every html/<id>.html.gz and score it against ground-truth.json."""
    aeb_dir = Path(aeb_dir)
    ground_truth = json.loads((aeb_dir / "ground-truth.json").read_text(encoding="utf-8"))
    predictions, failed = {}, 0
    for key in ground_truth:
        data = gzip.decompress((aeb_dir / "html" / f"{key}.html.gz").read_bytes())
        try:
            text = main_text(data)
        except ExtractorError as err:
            # A page the pipeline rejects is an empty prediction: it costs recall only.
            LOGGER.warning("aeb: %s failed: [%s] %s", key, err.code, err)
            text, failed = "", failed + 1
        predictions[key] = {"articleBody": text}
    report = score_predictions(ground_truth, predictions)
    return report.model_copy(update={"failed": failed})
