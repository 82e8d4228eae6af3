"""A head start prepares a run's first inputs in a forked process; the records are the same."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from extractor.inputs import load
from extractor.run import head_start, options, prepared, tasks
from extractor.run.head_start import HeadStart

from .conftest import CORPORA

pytestmark = pytest.mark.skipif(not options.can_fork(), reason="no fork on this system")


@pytest.fixture
def pipeline(pipeline):
    """The session's pipeline, its language-model thread done: a process forked while another
    thread holds a lock would find it held for ever (the driver forks before any thread)."""
    pipeline._preloading.join()
    return pipeline


def _plan(folder: Path, batch_inputs: int = 2) -> list[tasks.Task]:
    refs = list(load.discover([str(folder)]))
    return [tasks.Task(b) for b in tasks.plan(refs, "salt", batch_inputs)]


def _inputs(tmp_path: Path) -> Path:
    """The corpus pages and two that end as rejects (an empty file, binary bytes)."""
    folder = tmp_path / "in"
    folder.mkdir()
    for page in sorted(CORPORA.glob("*.html")):
        (folder / page.name).write_bytes(page.read_bytes())
    (folder / "x-empty.html").write_bytes(b"")
    (folder / "y-binary.html").write_bytes(bytes(range(256)) * 8)
    return folder


def _shards(pipeline, todo: list[tasks.Task], directory: Path) -> list[bytes]:
    directory.mkdir(parents=True, exist_ok=True)
    for task in todo:
        tasks.extract_task(pipeline, task, directory)
    return [(directory / task.batch.name).read_bytes() for task in todo]


def _wait_for(folder: Path, count: int) -> None:
    deadline = time.monotonic() + 120
    while len(list(folder.glob("*.work"))) < count and time.monotonic() < deadline:
        time.sleep(0.05)


def test_inputs_a_head_start_prepared_end_as_the_same_records(tmp_path, pipeline):
    folder = _inputs(tmp_path)
    todo = _plan(folder)
    inputs = sum(len(t.batch.refs) for t in todo)
    head = HeadStart([str(folder)], pipeline.settings, 2)
    _wait_for(head.folder, inputs)
    given = head.stop(todo)
    assert sum(len(t.prepared) for t in given) == inputs  # the rejects too
    before = dict(pipeline.times.seconds)
    with_head_start = _shards(pipeline, given, tmp_path / "head")
    assert not list(head.folder.glob("*.work"))  # each file read once, then removed
    assert pipeline.times.seconds["segment"] > before.get("segment", 0.0)  # its time counted
    assert with_head_start == _shards(pipeline, todo, tmp_path / "alone")
    head.close()
    assert not head.folder.exists()


def test_a_file_that_cannot_be_read_back_or_holds_another_input_is_prepared_again(
    tmp_path, pipeline
):
    todo = _plan(CORPORA)
    head = HeadStart([str(CORPORA)], pipeline.settings, 2)
    _wait_for(head.folder, 4)
    given = head.stop(todo)
    files = [path for task in given for path in task.prepared.values()]
    files[0].write_bytes(b"not a pickle")
    files[1].write_bytes(files[2].read_bytes())  # another page's envelope under its name
    assert _shards(pipeline, given, tmp_path / "head") == _shards(
        pipeline, todo, tmp_path / "alone"
    )
    head.close()


def test_stop_ends_the_head_start_at_once_leaving_only_whole_files(tmp_path, pipeline):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(200):  # far more than it prepares before the stop
        (folder / f"{i:03d}.html").write_bytes(
            (CORPORA / "kcgd-fy2022-gender-statistics.html").read_bytes()
        )
    todo = _plan(folder, batch_inputs=16)
    head = HeadStart([str(folder)], pipeline.settings, 16)
    given = head.stop(todo)
    assert not head._process.is_alive()
    files = {p for t in given for p in t.prepared.values()}
    assert files == set(head.folder.glob("*.work"))
    assert all(prepared.take(path) is not None for path in files)
    head.close()


def test_the_first_tasks_hold_up_to_the_offered_inputs_and_leave_the_rest():
    refs = [load.InputRef(f"{i}.html") for i in range(head_start.MAX_INPUTS + 200)]
    stream = iter(tasks.Task(b) for b in tasks.plan(refs, "salt", 16))
    first = head_start.first_tasks(stream)
    assert sum(len(t.batch.refs) for t in first) == head_start.MAX_INPUTS
    rest = list(stream)
    assert rest[0].batch.index == len(first)
    assert sum(len(t.batch.refs) for t in rest) == 200


def test_a_head_start_is_wanted_for_fresh_local_runs_with_workers_only():
    from extractor.run.options import Engine, RunOptions

    assert head_start.wanted(["corpora/"], RunOptions(jobs=2))
    assert not head_start.wanted(["corpora/"], RunOptions(jobs=1))
    assert not head_start.wanted(["corpora/"], RunOptions(jobs=2, resume=True))
    assert not head_start.wanted(["corpora/"], RunOptions(jobs=2, incremental=True))
    assert not head_start.wanted(["corpora/"], RunOptions(jobs=2, engine=Engine.dask))
    assert not head_start.wanted(["https://example.org/a.html"], RunOptions(jobs=2))
