"""The corpus-wide org_id scorer (extractor.evaluate.linking) on hand-made predictions."""

from __future__ import annotations

from types import SimpleNamespace

from extractor.evaluate.dev import Gold, Org
from extractor.evaluate.linking import score_linking


def predicted(doc_id: str, *orgs: tuple[str, str | None]):
    entities = [{"name": n, "acronym": a, "mentions": 1} for n, a in orgs]
    record = {
        "doc_id": doc_id,
        "duplicate_of": None,
        "entities": {"orgs": entities, "countries": []},
    }
    return SimpleNamespace(
        doc_id=doc_id,
        entities=SimpleNamespace(orgs=[SimpleNamespace(name=n, acronym=a) for n, a in orgs]),
        model_dump=lambda mode=None: record,
    )


def gold(doc: str, *orgs: tuple[str, str | None]) -> Gold:
    return Gold(doc=doc, orgs=[Org(name=n, acronym=a) for n, a in orgs])


def test_same_body_in_two_documents_is_a_true_positive():
    documents = [
        (
            gold("a.html", ("International Labour Organization", "ILO")),
            predicted("a", ("International Labour Organization", "ILO")),
        ),
        (gold("b.html", ("ILO", "ILO")), predicted("b", ("ILO", "ILO"))),
    ]
    assert score_linking(documents).model_dump(include={"tp", "fp", "fn"}) == {
        "tp": 1,
        "fp": 0,
        "fn": 0,
    }


def test_one_acronym_for_two_bodies_in_the_gold_is_two_bodies():
    documents = [
        (
            gold("a.html", ("Ministry of Education", "MoE")),
            predicted("a", ("Ministry of Education", "MoE")),
        ),
        (
            gold("b.html", ("Ministry of the Environment", "MOE")),
            predicted("b", ("Ministry of the Environment", "MOE")),
        ),
    ]
    counts = score_linking(documents)
    assert (counts.tp, counts.fp, counts.fn) == (0, 0, 0)


def test_hand_checked_link_turns_a_merge_into_a_true_positive():
    documents = [
        (
            gold("a.html", ("Ministry of the Environment", "MOE")),
            predicted("a", ("Ministry of the Environment of Japan", "MOE")),
        ),
        (
            gold("b.html", ("Ministry of the Environment of Japan", None)),
            predicted("b", ("Ministry of the Environment of Japan", None)),
        ),
    ]
    assert (score_linking(documents).fp, score_linking(documents).tp) == (1, 0)
    link = [
        ("a.html", "Ministry of the Environment", "b.html", "Ministry of the Environment of Japan")
    ]
    counts = score_linking(documents, link)
    assert (counts.tp, counts.fp, counts.fn) == (1, 0, 0)


def test_bodies_the_pipeline_keeps_apart_are_false_negatives():
    """A bare "ADB" stays on its own when two banks define ADB: its pair with the Asian
    Development Bank of another page is a miss."""
    documents = [
        (
            gold("a.html", ("Asian Development Bank", "ADB")),
            predicted("a", ("Asian Development Bank", "ADB")),
        ),
        (gold("b.html", ("Asian Development Bank", "ADB")), predicted("b", ("ADB", "ADB"))),
        (
            gold("c.html", ("African Development Bank", "ADB")),
            predicted("c", ("African Development Bank", "ADB")),
        ),
    ]
    counts = score_linking(documents)
    assert (counts.tp, counts.fp, counts.fn) == (0, 0, 1)
