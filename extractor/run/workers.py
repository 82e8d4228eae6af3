"""Worker processes: `--jobs N` runs N pipelines over the run's batches.

Where the system can fork (Linux), the driver loads the model once and the workers are forked
from it: they start at once, with the model already in memory and its pages shared
copy-on-write. Elsewhere each worker builds its Pipeline (and loads the model) in the pool
initializer. A worker takes batches as it frees up and writes each batch's shard itself; the
driver merges the shards in batch order (tasks.merge_in_order), so the output is byte-identical
to a one-process run.

A worker that dies (killed by the OOM killer, a crash in compiled code) breaks the pool. At most
`jobs` batches run and QUEUED_PER_WORKER more per worker wait, so only those are suspects: each
is retried alone in a fresh
one-worker pool, and the one that kills its worker again becomes `worker_failed` rejects while
the run goes on in a new pool. Workers ignore Ctrl-C: the driver alone handles it, and the
shards already written stay for `--resume`.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from extractor.pipeline import Pipeline
from extractor.run import collector
from extractor.run.options import can_fork
from extractor.run.tasks import Outcome, Task, TaskReport, extract_task
from extractor.settings import Settings

LOGGER = logging.getLogger(__name__)

# How often a worker checks that the driver is still there.
PARENT_CHECK_SECONDS = 0.5
# Attempts at a batch whose worker died, alone in a fresh pool, before its inputs are rejected.
RETRIES = 1

_WORKER: Pipeline | None = None
_DIRECTORY: Path | None = None
# The driver's loaded pipeline, which forked workers inherit.
_LOADED: Pipeline | None = None


def _init_worker(settings: Settings, directory: Path) -> None:
    global _WORKER, _DIRECTORY
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    inherited = _LOADED is not None and _LOADED.settings == settings
    _WORKER = _LOADED if inherited else loaded_pipeline(settings)
    _DIRECTORY = directory


def loaded_pipeline(settings: Settings) -> Pipeline:
    """A pipeline for a process that lives for a run alone (a spawned worker, the Dask
    forkserver): the collector's batch settings for good, what a first page loads loaded
    (Pipeline.warm_up), then left out of the collector's walks."""
    collector.tune()
    pipeline = Pipeline(settings)
    pipeline.warm_up()
    collector.freeze_loaded()
    return pipeline


def _exit_with(parent: int) -> None:
    """End this worker when the driver is gone (killed with SIGKILL, say): a spawned worker
    holds both ends of its task queue, so it would otherwise wait for work for ever."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def run_task(task: Task) -> TaskReport:
    """Extract one task in this worker (the pool's default task function)."""
    assert _WORKER is not None and _DIRECTORY is not None, "worker used before its initializer"
    return extract_task(_WORKER, task, _DIRECTORY)


TaskFunction = Callable[[Task], TaskReport]


def run_pool(
    settings: Settings,
    jobs: int,
    tasks: Iterable[Task],
    directory: Path,
    task_function: TaskFunction | None = None,
    loaded: Pipeline | None = None,
) -> Iterator[Outcome]:
    """Run `tasks` (taken lazily) on `jobs` worker processes; outcomes as they complete.

    `task_function` runs one task in a worker (default: extract it; tests substitute one that
    kills its worker); it must be importable by name. `loaded`, the driver's pipeline for
    `settings`, is what forked workers use instead of loading their own: warmed up
    (Pipeline.warm_up), they do not each load what a first page loads.
    """
    global _LOADED
    _LOADED = loaded
    queue: Iterator[Task] = iter(tasks)
    run = task_function or run_task
    while True:
        broken = yield from _run_until_broken(settings, jobs, queue, directory, run)
        if broken is None:
            return
        suspects, unsent = broken
        for task in suspects:
            yield _alone(settings, task, directory, run)
        queue = itertools.chain(unsent, queue)


def _pool(settings: Settings, jobs: int, directory: Path) -> ProcessPoolExecutor:
    method = "fork" if _LOADED is not None and can_fork() else "spawn"
    if method == "fork":  # what the driver has buffered must not be written again by a child
        sys.stdout.flush()
        sys.stderr.flush()
    context = multiprocessing.get_context(method)
    return ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_init_worker, initargs=(settings, directory)
    )


def _run_until_broken(
    settings: Settings, jobs: int, queue: Iterator[Task], directory: Path, run: TaskFunction
) -> Generator[Outcome, None, tuple[list[Task], list[Task]] | None]:
    """Run tasks from `queue`, `jobs` at a time with QUEUED_PER_WORKER more waiting, until it is
    empty (returns None) or a worker dies: returns the tasks that were in flight then, and a
    task taken but not yet sent."""
    first = next(queue, None)
    if first is None:
        return None
    upcoming: Iterator[Task] = itertools.chain([first], queue)
    with _pool(settings, jobs, directory) as pool:
        running: dict[Future[TaskReport], Task] = {}
        in_flight = jobs * (1 + QUEUED_PER_WORKER)
        while True:
            while len(running) < in_flight and (task := next(upcoming, None)) is not None:
                try:
                    running[pool.submit(run, task)] = task
                except BrokenProcessPool:
                    return _broken(running, [task])
            if not running:
                return None
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                task = running.pop(future)
                error = future.exception()
                if isinstance(error, BrokenProcessPool):
                    return _broken({future: task, **running}, [])
                yield task, error if error is not None else future.result()


# Tasks queued behind each running one: a worker that finishes starts the next at once, while
# the driver merges and writes the batch it sent back (on the real corpus, a worker waited about
# a second in all with none queued).
QUEUED_PER_WORKER = 1


def _broken(
    running: dict[Future[TaskReport], Task], unsent: list[Task]
) -> tuple[list[Task], list[Task]]:
    LOGGER.warning("a worker died; retrying the batches it may have held, one by one")
    suspects = sorted(running.values(), key=lambda t: t.batch.index)
    return suspects, unsent


def _alone(settings: Settings, task: Task, directory: Path, run: TaskFunction) -> Outcome:
    """Retry a batch whose worker died, in a pool of its own."""
    error: BaseException | None = None
    for _ in range(RETRIES):
        with _pool(settings, 1, directory) as pool:
            future = pool.submit(run, task)
            error = future.exception()
            if error is None:
                return task, future.result()
    assert error is not None
    return task, error
