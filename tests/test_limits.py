"""Resource limits: --max-seconds in any thread, texts past spaCy's max_length, dead workers."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import spacy

from extractor import stages as stages_module
from extractor.entities.extract import annotate
from extractor.entities.nlp import add_components
from extractor.errors import TimeLimitExceeded, WorkerFailed
from extractor.html.clean import clean
from extractor.inputs import load
from extractor.models import Extraction, Reject
from extractor.pipeline import Pipeline, StageTimes
from extractor.run import limits, options, shards, tasks, workers
from extractor.sections.segment import segment
from extractor.settings import Settings

from .conftest import CORPORA

SLOW_MARK = "SLOW-PAGE-MARK"


def _spin(seconds: float) -> None:
    """Busy Python work, as a pathological page gives the parser or the date grammar."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def _run_in(where: str, work: Callable[[], None]) -> None:
    """Run `work` in the main thread, or in another one as Dask runs tasks."""
    if where == "main thread":
        work()
        return
    thread = threading.Thread(target=work)
    thread.start()
    thread.join(timeout=60)


@pytest.mark.parametrize("where", ["main thread", "worker thread"])
def test_deadline_interrupts_busy_code_and_leaves_quick_code_alone(where):
    outcome: dict[str, object] = {}

    def work() -> None:
        started = time.monotonic()
        try:
            with limits.deadline(0.2, "the test"):
                _spin(5)
        except TimeLimitExceeded as exc:
            outcome["error"], outcome["after"] = exc, time.monotonic() - started
        with limits.deadline(2):
            _spin(0.05)
        _spin(0.3)  # no stray exception once the block has ended
        outcome["finished"] = True

    _run_in(where, work)
    assert outcome.get("finished")
    assert isinstance(outcome["error"], TimeLimitExceeded)
    assert "the test took longer than the limit of 0.2 s" in str(outcome["error"])
    assert outcome["after"] < 2


def test_no_limit_means_no_timer():
    with limits.deadline(0):
        _spin(0.05)
    with limits.deadline(None):
        _spin(0.05)


@pytest.fixture
def slow_segment(monkeypatch):
    """The segment stage spins for ever on pages carrying SLOW_MARK."""
    real = stages_module.segment

    def segment_slowly(page, *args):
        if any(SLOW_MARK in block.text for block in page.blocks):
            _spin(60)
        return real(page, *args)

    monkeypatch.setattr(stages_module, "segment", segment_slowly)


def _inputs(tmp_path: Path) -> list[load.InputRef]:
    slow = tmp_path / "b-slow.html"
    slow.write_text(f"<html><body><h1>Report</h1><p>{SLOW_MARK} text.</p></body></html>")
    pages = [CORPORA / "seed-fy2024-kccp.html", slow, CORPORA / "seed-fy2024-kccp.html"]
    return [load.InputRef(str(p)) for p in pages]


@pytest.mark.parametrize("where", ["main thread", "worker thread"])
def test_a_page_over_max_seconds_becomes_a_timeout_reject_and_the_batch_goes_on(
    slow_segment, pipeline, tmp_path, where
):
    quick = Pipeline(Settings(max_seconds=1), nlp=pipeline.nlp)
    found: list[Extraction | Reject] = []

    def work() -> None:
        found.extend(quick.run(_inputs(tmp_path)))

    started = time.monotonic()
    _run_in(where, work)
    assert time.monotonic() - started < 30
    assert [type(r).__name__ for r in found] == ["Extraction", "Reject", "Extraction"]
    reject = found[1]
    assert isinstance(reject, Reject)
    assert (reject.error, reject.stage) == ("timeout", "segment")
    assert "--max-seconds" in reject.message


def test_text_longer_than_max_length_is_read_in_pieces_with_true_offsets():
    nlp = add_components(spacy.blank("en"))
    nlp.max_length = 2_000  # spaCy refuses longer texts: the stage must cut them
    filler = "".join(f"<p>Line {i} of the routine minutes of the meeting.</p>" for i in range(150))
    html = (
        "<html><body><h1>Annual report</h1>"
        "<p>The Japan International Cooperation Agency (JICA) met officials from Kenya.</p>"
        f"{filler}<p>Later JICA and the Ministry of Health of Ghana met delegates of Peru.</p>"
        "</body></html>"
    )
    page = segment(clean(html))
    assert max(len(s.text) for s in page.sections) > 3 * nlp.max_length
    [mentions] = annotate([page], nlp, batch_size=8)
    texts = {
        (m.label, page.sections[i].text[m.start : m.end])
        for i, ms in enumerate(mentions)
        for m in ms
    }
    for i, section_mentions in enumerate(mentions):
        for m in section_mentions:
            assert page.sections[i].text[m.start : m.end] == m.text
    assert {("ORG", "JICA"), ("COUNTRY", "Kenya"), ("COUNTRY", "Peru")} <= texts
    assert ("ORG", "Ministry of Health of Ghana") in texts


def kill_on_second_batch(task: tasks.Task) -> tasks.TaskReport:
    """A task function for the pool test: the worker running batch 1 dies, as if OOM-killed."""
    if task.batch.index == 1:
        os._exit(9)
    return workers.run_task(task)


@pytest.mark.slow
def test_a_worker_that_dies_costs_only_its_batch(tmp_path, pipeline):
    refs = [load.InputRef(str(p)) for p in sorted(CORPORA.glob("*.html"))] * 2
    batches = tasks.plan(refs, "salt", 2)
    directory = tmp_path / shards.SHARD_DIR
    directory.mkdir()
    todo = [tasks.Task(b) for b in batches]
    outcomes = workers.run_pool(Settings(), 2, todo, directory, kill_on_second_batch)
    merged = tasks.merge_in_order(batches, set(), outcomes, directory, StageTimes(), tasks.failed)
    results = list(merged)
    assert len(results) == len(refs)
    kinds = [r.error if isinstance(r, Reject) else "document" for r in results]
    assert kinds == ["document"] * 2 + [WorkerFailed.code] * 2 + ["document"] * 4
    assert "BrokenProcessPool" in results[2].message


def inherited_pipeline(task: tasks.Task) -> tasks.TaskReport:
    """A task function for the pool test: fails unless the worker uses the driver's pipeline."""
    if workers._WORKER is None or workers._WORKER is not workers._LOADED:
        raise RuntimeError("the worker loaded a pipeline of its own")
    return workers.run_task(task)


@pytest.mark.skipif(not options.can_fork(), reason="workers are spawned on this system")
def test_forked_workers_use_the_model_the_driver_loaded(tmp_path, pipeline):
    refs = [load.InputRef(str(p)) for p in sorted(CORPORA.glob("*.html"))]
    batches = tasks.plan(refs, "salt", 2)
    directory = tmp_path / shards.SHARD_DIR
    directory.mkdir()
    todo = [tasks.Task(b) for b in batches]
    outcomes = workers.run_pool(
        pipeline.settings, 2, todo, directory, inherited_pipeline, loaded=pipeline
    )
    merged = tasks.merge_in_order(batches, set(), outcomes, directory, StageTimes(), tasks.failed)
    results = list(merged)
    assert [type(r).__name__ for r in results] == ["Extraction"] * len(refs)
