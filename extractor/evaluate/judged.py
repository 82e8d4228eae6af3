"""Judged precision: a random sample of the organizations a run wrote, each judged in context.

Pages with no gold (the article-extraction benchmark's real news pages) still say how often an
organization we write is one. `draw_sample` takes every (document, organization) entry of a
run's `documents.jsonl`, draws `n` of them with a recorded seed, and attaches the sentences
where the page names it (from `sections.jsonl`), so a judge decides from the context alone.
Two judges label each item independently by the written rule (tests/data/judged/RULE.md); the
settled label is `final`. `score_judged` reads a judged file and gives the share judged correct
with its 95% Wilson interval.

    python -m extractor.evaluate.judged sample OUT --seed 14 --n 200 > sample.jsonl
    python -m extractor.evaluate.judged score tests/data/judged/aeb-seed14.jsonl
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from extractor.research.report import read_jsonl

# Characters of text shown on each side of a mention, and mentions shown per item.
CONTEXT_CHARS = 160
CONTEXTS_PER_ITEM = 3
# Two-sided 95% normal quantile for the Wilson interval.
Z_95 = 1.959963984540054
VERDICTS = ("org", "not_org")


class JudgedItem(BaseModel):
    """One sampled organization of one document, with its judgements."""

    item: int
    doc_id: str
    page: str  # file name of the input page
    name: str
    acronym: str | None
    surface_forms: list[str]
    contexts: list[str]  # the mention marked [[like this]]
    judge_1: str | None = None  # "org" or "not_org"
    judge_2: str | None = None
    final: str | None = None
    note: str = ""


class JudgedScore(BaseModel):
    """Share of the judged items whose final label is "org", with its 95% Wilson interval."""

    correct: int
    n: int
    precision: float
    low: float
    high: float
    agreement: float  # share of items where the two judges agreed before settling


def wilson(successes: int, n: int, z: float = Z_95) -> tuple[float, float]:
    """Wilson score interval of a binomial proportion."""
    if n == 0:
        return 0.0, 1.0
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def contexts_by_org(sections: Iterable[dict[str, Any]]) -> dict[tuple[str, str], list[str]]:
    """(doc_id, org name) -> snippets of the section text around each mention, in order."""
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for section in sections:
        text = section["text"]
        for entity in section["entities"]:
            if entity["label"] != "ORG":
                continue
            start, end = entity["start"], entity["end"]
            before = text[max(0, start - CONTEXT_CHARS) : start]
            after = text[end : end + CONTEXT_CHARS]
            snippet = f"{before}[[{text[start:end]}]]{after}"
            found[(section["doc_id"], entity["name"])].append(" ".join(snippet.split()))
    return found


def draw_sample(out_dir: Path, n: int, seed: int) -> list[JudgedItem]:
    """`n` (document, organization) entries of the run in `out_dir`, drawn with `seed`."""
    pool: list[tuple[str, str, dict[str, Any]]] = []
    for document in read_jsonl(out_dir / "documents.jsonl"):
        page = Path(document["source"]["path"]).name
        for org in document["entities"]["orgs"]:
            pool.append((document["doc_id"], page, org))
    pool.sort(key=lambda entry: (entry[1], entry[2]["name"]))
    chosen = random.Random(seed).sample(pool, min(n, len(pool)))
    contexts = contexts_by_org(read_jsonl(out_dir / "sections.jsonl"))
    return [
        JudgedItem(
            item=i,
            doc_id=doc_id,
            page=page,
            name=org["name"],
            acronym=org["acronym"],
            surface_forms=org["surface_forms"],
            contexts=contexts[(doc_id, org["name"])][:CONTEXTS_PER_ITEM],
        )
        for i, (doc_id, page, org) in enumerate(chosen, start=1)
    ]


def score_judged(items: Sequence[JudgedItem]) -> JudgedScore:
    """Precision of a settled sample; every item must carry a final verdict."""
    unsettled = [item.item for item in items if item.final not in VERDICTS]
    if unsettled:
        raise ValueError(f"items without a final verdict: {unsettled[:10]}")
    correct = sum(item.final == "org" for item in items)
    agreed = sum(item.judge_1 == item.judge_2 for item in items)
    low, high = wilson(correct, len(items))
    return JudgedScore(
        correct=correct,
        n=len(items),
        precision=correct / len(items) if items else 0.0,
        low=low,
        high=high,
        agreement=agreed / len(items) if items else 0.0,
    )


def load_judged(path: Path) -> list[JudgedItem]:
    if not path.is_file():
        raise FileNotFoundError(f"no judged file at {path}")
    return [JudgedItem.model_validate(row) for row in read_jsonl(path)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m extractor.evaluate.judged")
    commands = parser.add_subparsers(dest="command", required=True)
    sample = commands.add_parser("sample", help="draw a sample of a run's organizations")
    sample.add_argument("out", type=Path, help="an extractor run's output folder")
    sample.add_argument("--seed", type=int, required=True)
    sample.add_argument("--n", type=int, default=200)
    score = commands.add_parser("score", help="precision of a judged sample")
    score.add_argument("files", type=Path, nargs="+")
    args = parser.parse_args(argv)
    if args.command == "sample":
        for item in draw_sample(args.out, args.n, args.seed):
            sys.stdout.write(item.model_dump_json() + "\n")
        return 0
    for path in args.files:
        s = score_judged(load_judged(path))
        print(
            f"{path}: {s.correct}/{s.n} = {s.precision:.3f} "
            f"(95% Wilson {s.low:.3f}-{s.high:.3f}; judges agreed on {s.agreement:.0%})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
