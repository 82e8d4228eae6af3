"""Judged precision: sampling a run's organizations with their contexts, and the Wilson score."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.evaluate import judged

JUDGED = Path(__file__).parent / "data" / "judged"


def _write_run(out: Path) -> None:
    text = "Talks between Acme Holdings and the Red Cross ended. Acme Holdings said no."
    documents = [
        {
            "doc_id": "d1",
            "source": {"path": "pages/one.html"},
            "entities": {
                "orgs": [
                    {"name": "Acme Holdings", "acronym": None, "surface_forms": ["Acme Holdings"]},
                    {"name": "Red Cross", "acronym": None, "surface_forms": ["Red Cross"]},
                ]
            },
        },
        {"doc_id": "d2", "source": {"path": "pages/two.html"}, "entities": {"orgs": []}},
    ]
    entities = [
        {"label": "ORG", "start": 14, "end": 27, "name": "Acme Holdings"},
        {"label": "ORG", "start": 36, "end": 45, "name": "Red Cross"},
        {"label": "COUNTRY", "start": 0, "end": 5, "name": "Talks"},
        {"label": "ORG", "start": 53, "end": 66, "name": "Acme Holdings"},
    ]
    sections = [{"doc_id": "d1", "text": text, "entities": entities}]
    (out / "documents.jsonl").write_text("".join(json.dumps(d) + "\n" for d in documents))
    (out / "sections.jsonl").write_text("".join(json.dumps(s) + "\n" for s in sections))


def test_sample_carries_every_mention_in_context_and_is_reproducible(tmp_path):
    _write_run(tmp_path)
    items = judged.draw_sample(tmp_path, n=5, seed=3)
    assert sorted(i.name for i in items) == ["Acme Holdings", "Red Cross"]  # the pool is 2
    acme = next(i for i in items if i.name == "Acme Holdings")
    assert acme.page == "one.html"
    assert len(acme.contexts) == 2
    assert "[[Acme Holdings]] said no." in acme.contexts[1]
    assert [i.name for i in judged.draw_sample(tmp_path, n=1, seed=3)] == [
        i.name for i in judged.draw_sample(tmp_path, n=1, seed=3)
    ]


def test_wilson_interval_matches_the_textbook_value():
    low, high = judged.wilson(47, 100)  # p = 0.47, n = 100: 0.375-0.567
    assert (round(low, 3), round(high, 3)) == (0.375, 0.567)
    assert judged.wilson(0, 10)[0] == pytest.approx(0.0, abs=1e-12)
    assert judged.wilson(10, 10)[1] == pytest.approx(1.0)


def test_score_needs_every_item_settled():
    base = {"doc_id": "d", "page": "p", "acronym": None, "surface_forms": [], "contexts": []}
    items = [
        judged.JudgedItem(item=1, name="A", judge_1="org", judge_2="org", final="org", **base),
        judged.JudgedItem(
            item=2, name="B", judge_1="org", judge_2="not_org", final="not_org", **base
        ),
    ]
    score = judged.score_judged(items)
    assert (score.correct, score.n, score.precision, score.agreement) == (1, 2, 0.5, 0.5)
    with pytest.raises(ValueError, match="without a final verdict"):
        judged.score_judged([*items, judged.JudgedItem(item=3, name="C", **base)])


@pytest.mark.parametrize("path", sorted(JUDGED.glob("aeb-seed*.jsonl")), ids=lambda p: p.name)
def test_committed_judged_files_are_complete(path):
    items = judged.load_judged(path)
    assert len(items) == 200
    assert all(i.judge_1 in judged.VERDICTS and i.judge_2 in judged.VERDICTS for i in items)
    for item in items:
        if item.judge_1 != item.judge_2:
            assert item.note, f"item {item.item}: a settled disagreement needs its reason"
    judged.score_judged(items)
