"""Corpus-wide organizations scored against the per-document gold: are the same bodies in
different documents given the same org_id, and different bodies different ones?

Gold identity: two gold organizations of different documents are one body when their
normalized names are equal; or their acronyms are equal and one is written only as the
acronym, or their names share most words (the gold writes a body's name the same way in every
file, but "MoE" is a Ministry of Education in one and of the Environment in another); or a
hand-checked links file says so, for bodies whose names alone cannot tell: a TSV of
`doc<TAB>name<TAB>doc<TAB>name<TAB>evidence` lines ("Ministry of the Environment" on a page
about Japan's legislation = "Ministry of the Environment of Japan").

Each gold organization stands for the predicted organization the document scorer matched to it
(name or acronym), and that one's org_id from corpus.OrgIndex over the predicted documents.
Scored over every pair of matched organizations of two different documents: a true positive is
a pair that both call one body, a false positive a pair only the prediction joins, a false
negative a pair only the gold joins. Organizations the pipeline missed are already counted by
the document scores and are left out here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import combinations
from pathlib import Path
from typing import Any

from extractor.evaluate.dev import Counts, Gold, Org, match_orgs, normalize
from extractor.research.network import OrgIndex


def score_linking(
    documents: Sequence[tuple[Gold, Any]], links: Iterable[tuple[str, str, str, str]] = ()
) -> Counts:
    """Pairwise precision/recall of org_id over cross-document pairs (see the module doc)."""
    linked = {frozenset({(a, normalize(x)), (b, normalize(y))}) for a, x, b, y in links}
    index = OrgIndex()
    for gold, document in documents:
        index.add(_record(gold.doc, document))
    ids = index.resolve()
    matched: list[tuple[str, Org, str]] = []  # (gold file, gold org, predicted org_id)
    for gold, document in documents:
        predicted = [Org(name=o.name, acronym=o.acronym) for o in document.entities.orgs]
        for j, i in enumerate(match_orgs(predicted, gold.orgs)):
            if i is not None:
                org = predicted[i]
                oid = ids.get((gold.doc, org.name, org.acronym))
                if oid is not None:  # None: a duplicate document
                    matched.append((gold.doc, gold.orgs[j], oid))
    tp = fp = fn = 0
    for (doc_a, gold_a, id_a), (doc_b, gold_b, id_b) in combinations(matched, 2):
        if doc_a == doc_b:
            continue
        pair = frozenset({(doc_a, normalize(gold_a.name)), (doc_b, normalize(gold_b.name))})
        same_gold = _same(gold_a, gold_b) or pair in linked
        same_pred = id_a == id_b
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    return Counts(tp=tp, fp=fp, fn=fn)


def _same(a: Org, b: Org) -> bool:
    if normalize(a.name) == normalize(b.name):
        return True
    if not (a.acronym and b.acronym and normalize(a.acronym) == normalize(b.acronym)):
        return False
    if a.name == a.acronym or b.name == b.acronym:
        return True  # written only as the acronym: the gold's way of naming the same body
    words_a, words_b = set(normalize(a.name).split()), set(normalize(b.name).split())
    return len(words_a & words_b) * 2 > len(words_a | words_b)


def read_links(path: Path) -> list[tuple[str, str, str, str]]:
    """The hand-checked links file: doc, name, doc, name, evidence per line; # comments."""
    links = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            doc_a, name_a, doc_b, name_b, _evidence = line.split("\t")
            links.append((doc_a, name_a, doc_b, name_b))
    return links


def _record(key: str, document: Any) -> dict[str, Any]:
    """What OrgIndex reads of a document (a models.Document, or a test's stand-in), keyed by
    its gold file's name, the name the links file uses."""
    entities = document.entities
    return {
        "doc_id": key,
        "duplicate_of": getattr(document, "duplicate_of", None),
        "entities": {
            "orgs": [
                {"name": o.name, "acronym": o.acronym, "mentions": getattr(o, "mentions", 1)}
                for o in entities.orgs
            ],
            "countries": [{"iso2": c.iso2} for c in getattr(entities, "countries", [])],
        },
    }
