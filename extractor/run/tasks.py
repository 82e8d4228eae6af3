"""A run as sealed batches: plan them, skip those already done, extract the rest, merge in order.

Every engine runs the same plan. The inputs are cut into batches of BATCH_INPUTS in input
order (`shards.plan`); a task extracts one batch and writes its results to a sealed shard in
OUT/.shards; the driver merges the shards in batch order, marks duplicates (only it sees every
input) and streams the results into the RunWriter. Because a shard is sealed and written
atomically, a run killed at any point leaves only whole shards, and `--resume` re-plans, keeps the
shards whose seal matches and extracts the rest: the merged output is byte-identical to an
uninterrupted run.

With `--incremental`, a task does not extract the inputs whose earlier records can be reused
(same bytes, same extractor version, model and configuration: see incremental.py); it writes
those records into its shard as they were.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from extractor.errors import ShardError, WorkerFailed
from extractor.inputs import load
from extractor.models import Extraction, Reject
from extractor.pipeline import Pipeline, StageTimes, Work
from extractor.run import prepared, shards
from extractor.settings import BATCH_INPUTS

Result = Extraction | Reject


@dataclass(frozen=True)
class Task:
    """One batch to extract; `reused` holds earlier results by position (incremental runs),
    `prepared` the files of inputs a head start prepared, by position (head_start.py)."""

    batch: shards.Batch
    reused: Mapping[int, Result] = field(default_factory=dict)
    prepared: Mapping[int, Path] = field(default_factory=dict)


@dataclass(frozen=True)
class TaskReport:
    """What a task sends back: where its results are, and the seconds it spent per stage."""

    shard: shards.ShardInfo
    seconds: dict[str, float]


# (task, its report or the exception that failed it), in the order tasks complete.
Outcome = tuple[Task, TaskReport | BaseException]


def extract_task(pipeline: Pipeline, task: Task, directory: Path) -> TaskReport:
    """Extract a batch's inputs (all but the reused ones) into its shard in `directory`."""
    before = dict(pipeline.times.seconds)
    positions = [i for i in range(len(task.batch.refs)) if i not in task.reused]
    ready: dict[int, Work] = {}
    for n, i in enumerate(positions):
        taken = prepared.take(task.prepared[i]) if i in task.prepared else None
        if taken is not None and taken[0].ref == task.batch.refs[i]:  # the same input, read
            ready[n], seconds = taken  # by the driver and by the head start
            pipeline.times.merge(seconds)
    todo = [task.batch.refs[i] for i in positions]
    fresh = pipeline.extract(todo, ready)
    info = shards.write_shard(directory, task.batch, _in_order(task, fresh))
    spent = {k: v - before.get(k, 0.0) for k, v in pipeline.times.seconds.items()}
    return TaskReport(shard=info, seconds=spent)


def _in_order(task: Task, fresh: Iterator[Result]) -> Iterator[Result]:
    for i in range(len(task.batch.refs)):
        yield task.reused[i] if i in task.reused else next(fresh)


def in_process(pipeline: Pipeline, tasks: Iterable[Task], directory: Path) -> Iterator[Outcome]:
    """The one-process engine: each task when the merge asks for it."""
    for task in tasks:
        yield task, extract_task(pipeline, task, directory)


def merge_in_order(
    batches: Sequence[shards.Batch],
    done: set[int],
    outcomes: Iterator[Outcome],
    directory: Path,
    times: StageTimes,
    failed: Callable[[shards.Batch, BaseException], Iterator[Reject]],
) -> Iterator[Result]:
    """The results of every batch in batch order, each batch as soon as it and all before it
    are done; `done` holds batches whose shards an earlier run left."""
    ready: dict[int, TaskReport | BaseException | None] = dict.fromkeys(done)
    for batch in batches:
        while batch.index not in ready:
            task, outcome = next(outcomes)
            ready[task.batch.index] = outcome
        report = ready.pop(batch.index)
        if isinstance(report, BaseException):
            yield from failed(batch, report)
            continue
        if report is not None:
            times.merge(report.seconds)
        if not (directory / batch.name).exists():
            raise ShardError(
                f"shard {directory / batch.name} written by a worker is not visible here: "
                "--out must be on a file system every worker shares, at the same path"
            )
        yield from shards.read_shard(directory, batch)


def plan(refs: Sequence[load.InputRef], salt: str, size: int = BATCH_INPUTS) -> list[shards.Batch]:
    return shards.plan(refs, size, salt)


# Enough of a task's error for a reject message; a remote traceback can run to pages.
_MAX_REASON = 300


def failed(batch: shards.Batch, error: BaseException) -> Iterator[Reject]:
    """A reject per input of a batch whose task failed for good, so no input goes missing."""
    message = f"the task extracting this input (batch {batch.index}) failed: {_reason(error)}"
    for ref in batch.refs:
        source = load.source_of(ref)
        yield Reject(
            source=source, stage=WorkerFailed.stage, error=WorkerFailed.code, message=message
        )


def _reason(error: BaseException) -> str:
    text = " ".join(f"{type(error).__name__}: {error}".split())
    return text if len(text) <= _MAX_REASON else text[: _MAX_REASON - 3] + "..."
