"""Fit the organization decision (`make train-orgs`): candidates, labels, a logistic regression.

Every labelled page goes through the same stages as a run, up to the decision: decode, clean,
segment, the model and the rulers (entities.model_candidates), resolution and evidence
(entities.resolve_page). Each organization candidate is then labelled against its page's gold:

- **GUM** (../shared/external/gum, only the records whose text licence allows commercial use,
  as its README requires for anything that ships): a candidate is an organization when its
  name or acronym equals a mention GUM types `organization` with a proper-noun head (leading
  article and possessive dropped); names GUM types otherwise are not;
- **MEANTIME** (../shared/external/meantime-en): its organizations as
  evaluate.meantime_entities converts them;
- **our gold sets** (tests/data/*/ and ../shared/eval/dev): the gold `orgs`.

A candidate whose name is optional in the gold is left out. The fit is scikit-learn's
LogisticRegression on standardized features, every candidate weighted alike. The model is
written as JSON (means, scales, coefficients), read at run time by decision.py without
scikit-learn. The same data gives
the same file: the solver is deterministic and the numbers are rounded.

    python -m extractor.entities.orgs.train [--leave-one-out] [--out extractor/data/org_model.json]
"""

from __future__ import annotations

import argparse
import html
import json
import logging
import math
import sys
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.entities import lexicon
from extractor.entities.extract import model_candidates, resolve_page
from extractor.entities.nlp import load_nlp
from extractor.entities.orgs.evidence import FEATURES, OrgCandidate, mention_context
from extractor.evaluate.dev import Org, load_gold, normalize, score_orgs
from extractor.pipeline import segment_bytes
from extractor.sections.segment import SegmentedPage
from extractor.settings import Settings

PACKAGE = Path(__file__).resolve().parents[2]  # extractor/
ROOT = PACKAGE.parent
DEFAULT_OUT = PACKAGE / "data" / "org_model.json"
GOLD_SETS = (
    "tests/data/blind",
    "tests/data/blind2",
    "tests/data/blind-links",
    "tests/data/blind3",
)
# Sets of real pages by others written to train the decision (gold orgs only), found by name.
TRAINING_SETS = "tests/data/orgs-train-*"
# Inverse regularization strength of the logistic regression: strong, so that a rare feature
# (a caption, a legal suffix) cannot outweigh the rest on pages unlike the training pages
# (leave-one-set-out F1 rose on every held-out set against C = 1; benchmarks/results/
# orgs-leave-one-out.md).
C = 0.01
# Digits kept in the model file.
DIGITS = 6
# The mention model: inverse regularization, indicators seen fewer times are dropped, and the
# folds of the cross-fitting.
MENTION_C = 0.3
MIN_INDICATOR_COUNT = 2
FOLDS = 5
PAGES_PER_BATCH = 32
# MEANTIME's entity types that are no organization: persons, places, products, indices, mixed.
NOT_ORG_TYPES = frozenset({"PER", "LOC", "PRO", "FIN", "MIX"})


@dataclass
class LabelledPage:
    """One page's candidates and what its gold says of them."""

    name: str
    candidates: list[OrgCandidate]
    gold: list[Org]
    optional: set[str] = field(default_factory=set)
    # Every form that names a gold organization, when the gold has more than name and acronym.
    forms: set[str] = field(default_factory=set)
    # When the gold is not exhaustive: the names it types as something else. Only these are
    # negatives; other names it leaves out are neither way.
    negatives: set[str] | None = None

    def label(self, c: OrgCandidate) -> int | None:
        """1 an organization of the gold, 0 not one, None optional."""
        keys = {normalize(c.name), normalize(c.acronym)} - {""}
        if keys & self.forms or any(
            keys & {normalize(g.name), normalize(g.acronym)} for g in self.gold
        ):
            return 1
        if keys & self.optional:
            return None
        if self.negatives is not None and not keys & self.negatives:
            return None
        return 0


@dataclass
class LabelledSet:
    name: str
    pages: list[LabelledPage]
    # Typed mentions beyond the candidates (GUM's named mentions of every type): (page,
    # mention_context indicators, 1 when the mention names an organization).
    mentions: list[tuple[str, list[str], int]] = field(default_factory=list)


def pages_from_bytes(items: Iterable[tuple[str, bytes]]) -> Iterator[tuple[str, SegmentedPage]]:
    for name, data in items:
        yield name, segment_bytes(data, name)


def featurize(
    nlp: Any, pages: Sequence[tuple[str, SegmentedPage]]
) -> Iterator[tuple[str, list[OrgCandidate]]]:
    """Candidates with features for each named page, in batches through the model."""
    for i in range(0, len(pages), PAGES_PER_BATCH):
        batch = pages[i : i + PAGES_PER_BATCH]
        found = model_candidates([p for _, p in batch], nlp, 64)
        for (name, page), proposed in zip(batch, found, strict=True):
            yield name, resolve_page(page, proposed).orgs


def gold_set(nlp: Any, folder: Path, name: str) -> LabelledSet:
    golds = {g.doc: g for g in (load_gold(p) for p in sorted((folder / "gold").glob("*.json")))}
    items = [(doc, (folder / "docs" / doc).read_bytes()) for doc in golds]
    return LabelledSet(name, labelled_pages(nlp, items, golds))


def labelled_pages(
    nlp: Any,
    items: Sequence[tuple[str, bytes]],
    golds: dict[str, Any],
    negatives: dict[str, set[str]] | None = None,
) -> list[LabelledPage]:
    """Pages (name, bytes) with their candidates, labelled by their gold in the dev format."""
    return [
        LabelledPage(
            doc,
            cands,
            list(golds[doc].orgs),
            {normalize(o) for o in golds[doc].orgs_optional} - {""},
            negatives=None if negatives is None else negatives.get(doc, set()),
        )
        for doc, cands in featurize(nlp, list(pages_from_bytes(items)))
    ]


def meantime_set(nlp: Any, folder: Path) -> LabelledSet:
    """MEANTIME's articles. Its annotators marked the entities of their events, not every
    name, so only names it types as persons, places, products or indices are negatives."""
    from extractor.evaluate import meantime_entities as cat

    golds = cat.load_folder(folder)
    negatives: dict[str, set[str]] = {}
    for path in sorted(folder.glob(cat.CAT_GLOB)):
        doc = cat.read_cat(path)
        names = set()
        for entity in doc.entities:
            if entity.ent_type in NOT_ORG_TYPES:
                for mention in entity.mentions:
                    names.add(normalize(cat.join_tokens(t.text for t in mention.tokens)))
                    tail = cat.trailing_name(mention.tokens)
                    names.add(normalize(cat.join_tokens(t.text for t in tail)))
        negatives[f"{doc.name}.html"] = names - {""}
    items = [
        (doc, (folder / "html" / doc).read_bytes())
        for doc in sorted(golds)
        if (folder / "html" / doc).exists()
    ]
    return LabelledSet("meantime", labelled_pages(nlp, items, golds, negatives))


def gum_page(record: dict[str, Any]) -> bytes:
    """A GUM document as a page: its first line the title, each other line a paragraph."""
    lines = record["text"].split("\n")
    body = "".join(f"<p>{html.escape(line)}</p>\n" for line in lines[1:])
    return (
        f"<html><head><title>{html.escape(lines[0])}</title></head><body><article>"
        f"<h1>{html.escape(lines[0])}</h1>\n{body}</article></body></html>"
    ).encode()


_CONNECTORS = frozenset({"of", "the", "for", "and", "&", "de", "du", "des", "on"})


def _strip_mention(text: str) -> str:
    """A GUM mention without its leading article and possessive."""
    words = text.split()
    if words and words[0].lower() in ("the", "a", "an", "this", "that"):
        words = words[1:]
    stripped = " ".join(words)
    for suffix in ("'s", "’s", "'", "’"):
        if stripped.endswith(suffix):
            return stripped[: -len(suffix)]
    return stripped


def _name_forms(text: str) -> set[str]:
    """The forms of a GUM mention that name it: the whole span without article and
    possessive, and its capitalized start, which drops what GUM's noun phrase attaches
    ("Durham University, United Kingdom", "the Royal Academy in the Louvre")."""
    stripped = _strip_mention(text)
    head: list[str] = []
    for word in stripped.split():
        bare = word.rstrip(",;:")
        if not (bare[:1].isupper() or bare[:1].isdigit() or bare.lower() in _CONNECTORS):
            break
        head.append(bare)
        if bare != word:
            break
    while head and head[-1].lower() in _CONNECTORS:
        head.pop()
    return {f for f in (stripped, _strip_mention(" ".join(head))) if f}


def gum_sets(nlp: Any, path: Path) -> list[LabelledSet]:
    """GUM's commercial-use records as two sets: the official test split, and the rest."""
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    records = [r for r in records if not r["non_commercial"]]
    golds: dict[str, tuple[list[Org], set[str], set[str]]] = {}
    for r in records:
        entities: dict[str, list[str]] = {}
        for e in r["entities"]:
            if e["type"] == "organization" and e["named"]:
                entities.setdefault(e["eid"], []).append(e["text"])
        forms = {f for texts in entities.values() for t in texts for f in _name_forms(t)}
        # One gold organization per GUM entity: its shortest capitalized form, and an
        # all-caps one as the acronym.
        gold = []
        for texts in entities.values():
            names = sorted(
                {min(_name_forms(t), key=len) for t in texts}, key=lambda n: (-len(n), n)
            )
            acronyms = [n for n in names if n.isupper() and " " not in n]
            long = [n for n in names if n not in acronyms] or names
            gold.append(Org(name=long[0], acronym=acronyms[0] if acronyms else None))
        # Neither way: an organization mention without a proper-noun head that is capitalized
        # ("Greek court"), and a named place: GUM types a museum, a centre or a store by
        # what the sentence does with it ("at the Kennedy Space Center"), where our gold
        # counts the institution.
        optional = {
            normalize(form)
            for e in r["entities"]
            if (e["type"] == "organization" and not e["named"] and e["text"][:1].isupper())
            or (e["type"] == "place" and e["named"])
            for form in _name_forms(e["text"])
        }
        golds[r["doc"]] = (gold, optional - {""}, {normalize(f) for f in forms} - {""})
    pages = list(pages_from_bytes((r["doc"], gum_page(r)) for r in records))
    split = {r["doc"]: r["split"] for r in records}
    by_split: dict[str, LabelledSet] = {n: LabelledSet(n, []) for n in ("gum-test", "gum-train")}
    for doc, cands in featurize(nlp, pages):
        gold, optional, forms = golds[doc]
        target = "gum-test" if split[doc] == "test" else "gum-train"
        by_split[target].pages.append(LabelledPage(doc, cands, gold, optional, forms))
    for r in records:
        target = "gum-test" if r["split"] == "test" else "gum-train"
        by_split[target].mentions.extend((r["doc"], ctx, y) for ctx, y in gum_mentions(r))
    return list(by_split.values())


def gum_mentions(record: dict[str, Any]) -> Iterator[tuple[list[str], int]]:
    """Every named mention of a GUM record as (indicators, 1 if an organization). A place
    with an organization's head noun is left out: GUM types an institution by what the
    sentence does with it ("at Durham University"), our gold by what it is."""
    text = record["text"]
    heads = _org_heads()
    for e in record["entities"]:
        if not e["named"]:
            continue
        name = min(_name_forms(e["text"]), key=len, default="")
        at = e["text"].find(name) if name else -1
        if at < 0:
            continue
        words = {w.lower() for w in name.split()}
        if e["type"] == "place" and words & heads:
            continue
        start = e["start"] + at
        yield mention_context(text, start, start + len(name)), int(e["type"] == "organization")


def _org_heads() -> frozenset[str]:
    return frozenset(lexicon.words("org_head"))


MentionRow = tuple[str, list[str], int]


def mention_rows(sets: Sequence[LabelledSet]) -> list[MentionRow]:
    """(page key, indicators, label) of every mention of every labelled candidate, and the
    sets' other typed mentions."""
    rows: list[MentionRow] = []
    for s in sets:
        for page in s.pages:
            for c in page.candidates:
                label = page.label(c)
                if label is not None:
                    rows.extend((f"{s.name}/{page.name}", ctx, label) for ctx in c.contexts)
        rows.extend((f"{s.name}/{page}", ctx, label) for page, ctx, label in s.mentions)
    return rows


def fit_mentions(rows: Sequence[MentionRow]) -> dict[str, Any]:
    """The mention model: a logistic regression over indicators seen at least twice."""
    from collections import Counter

    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    seen = Counter(f for _, ctx, _ in rows for f in set(ctx))
    kept = [{f: 1 for f in ctx if seen[f] >= MIN_INDICATOR_COUNT} for _, ctx, _ in rows]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(kept)
    model = LogisticRegression(C=MENTION_C, max_iter=5000, solver="lbfgs")
    model.fit(x, np.array([y for _, _, y in rows]))
    weights = {
        name: round(float(w), 4)
        for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(w) >= 1e-4
    }
    return {
        "weights": dict(sorted(weights.items())),
        "intercept": round(float(model.intercept_[0]), 4),
    }


def _fold(key: str) -> int:
    return zlib.crc32(key.encode("utf-8")) % FOLDS


def training_rows(
    sets: Sequence[LabelledSet],
) -> tuple[list[list[float]], list[int]]:
    """Feature rows and labels of the candidates. The mention features of a page come from a
    mention model fit on the other folds' pages (cross-fitting), so the decision learns how far
    to trust the mention model on pages it has not seen."""
    from extractor.entities.orgs.decision import all_features, model_from_json

    rows = mention_rows(sets)
    names = feature_names(sets)
    by_fold = []
    for k in range(FOLDS):
        mention = fit_mentions([r for r in rows if _fold(r[0]) != k])
        stub = {"features": [], "mean": [], "scale": [], "coef": [], "intercept": 0.0}
        by_fold.append(model_from_json(json.dumps({**stub, "mention": mention})))
    x: list[list[float]] = []
    y: list[int] = []
    for s in sets:
        for page in s.pages:
            model = by_fold[_fold(f"{s.name}/{page.name}")]
            for c in page.candidates:
                label = page.label(c)
                if label is None:
                    continue
                features = all_features(c, model)
                # A missing feature (no ner vector for a bare acronym) is filled with the
                # column's mean in `fit`, as the decision reads it at run time.
                x.append([features.get(f, math.nan) for f in names])
                y.append(label)
    return x, y


def feature_names(sets: Sequence[LabelledSet]) -> list[str]:
    """The evidence features, and one per component of the ner's vectors when the candidates
    carry them (en_core_web_sm: 96)."""
    from extractor.entities.orgs.decision import VECTOR_PREFIX

    dims = max((len(c.vector) for s in sets for p in s.pages for c in p.candidates), default=0)
    return list(FEATURES) + [f"{VECTOR_PREFIX}{i}" for i in range(dims)]


def _fill_missing(x: Any) -> Any:
    """Missing values (nan) replaced by their column's mean: a feature a candidate lacks
    pushes neither way, at run time as in the fit."""
    import numpy as np

    with np.errstate(all="ignore"):
        means = np.nan_to_num(np.nanmean(x, axis=0))
    return np.where(np.isnan(x), means, x)


def fit(sets: Sequence[LabelledSet]) -> dict[str, Any]:
    """The model file's content for the decision fit on `sets`."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    x, y = training_rows(sets)
    x = _fill_missing(np.array(x))
    scaler = StandardScaler().fit(x)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    z = (x - scaler.mean_) / scale
    model = LogisticRegression(C=C, max_iter=5000, solver="lbfgs")
    model.fit(z, np.array(y))
    return {
        "about": "Organization decision: logistic regression over entities.orgs.evidence.FEATURES; "
        "fit by `make train-orgs` (extractor/entities/orgs/train.py).",
        "trained_on": {s.name: _counts(s) for s in sets},
        "features": feature_names(sets),
        "mean": [round(float(v), DIGITS) for v in scaler.mean_],
        "scale": [round(float(v), DIGITS) for v in scale],
        "coef": [round(float(v), DIGITS) for v in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), DIGITS),
        "mention": fit_mentions(mention_rows(sets)),
    }


def _counts(s: LabelledSet) -> dict[str, int]:
    labels = [page.label(c) for page in s.pages for c in page.candidates]
    return {
        "pages": len(s.pages),
        "org": labels.count(1),
        "not_org": labels.count(0),
        "optional": labels.count(None),
    }


def score(s: LabelledSet, model: dict[str, Any] | None, threshold: float) -> tuple[int, int, int]:
    """(tp, fp, fn) of the set's organizations when the model keeps what it keeps (None:
    every candidate, the pipeline without a decision)."""
    from extractor.entities.orgs.decision import decide, model_from_json

    decider = model_from_json(json.dumps(model)) if model is not None else None
    tp = fp = fn = 0
    for page in s.pages:
        kept = [
            Org(name=c.name, acronym=c.acronym)
            for c in page.candidates
            if decider is None or decide(c, decider, threshold).kept
        ]
        counts = score_orgs(kept, page.gold, page.optional).counts
        tp, fp, fn = tp + counts.tp, fp + counts.fp, fn + counts.fn
    return tp, fp, fn


def prf(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f} R {r:.3f} F1 {f:.3f} (tp {tp} fp {fp} fn {fn})"


def leave_one_out(sets: Sequence[LabelledSet], thresholds: Sequence[float]) -> str:
    """Each set scored by a decision fit without it, next to the pipeline without one."""
    heads = " | ".join(f"fit without it, {t}" for t in thresholds)
    lines = [
        f"| held-out set | without a decision | {heads} |",
        "|---|---|" + "---|" * len(thresholds),
    ]
    for held in sets:
        model = fit([s for s in sets if s is not held])
        cells = [prf(*score(held, None, 0.0))]
        cells += [prf(*score(held, model, t)) for t in thresholds]
        lines.append(f"| {held.name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def load_sets(nlp: Any, shared: Path, extra: Sequence[Path] = ()) -> list[LabelledSet]:
    sets = [gold_set(nlp, shared / "eval" / "dev", "dev")]
    sets += [gold_set(nlp, ROOT / folder, Path(folder).name) for folder in GOLD_SETS]
    sets += [gold_set(nlp, folder, folder.name) for folder in sorted(ROOT.glob(TRAINING_SETS))]
    sets += [gold_set(nlp, folder, folder.name) for folder in extra]
    meantime = shared / "external" / "meantime-en"
    if (meantime / "original").exists():
        sets.append(meantime_set(nlp, meantime))
    sets += gum_sets(nlp, shared / "external" / "gum" / "gum_entities.jsonl")
    return sets


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m extractor.entities.orgs.train")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--model", default=Settings().model, help="spaCy pipeline")
    parser.add_argument("--extra", type=Path, nargs="*", default=[], help="more gold sets")
    parser.add_argument(
        "--thresholds",
        type=float,
        nargs="+",
        default=[0.3, 0.5],
        help="confidences at which --leave-one-out scores the decision",
    )
    parser.add_argument(
        "--leave-one-out",
        action="store_true",
        help="score each set with a model fit without it, next to the pipeline without a "
        "decision (a markdown table on stdout)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    nlp = load_nlp(args.model)
    sets = load_sets(nlp, args.shared, args.extra)
    if args.leave_one_out:
        print(leave_one_out(sets, args.thresholds))
    model = fit(sets)
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    sys.stderr.write(f"wrote {args.out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
