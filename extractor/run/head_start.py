"""A head start for `--jobs` runs: the first inputs read, cleaned and segmented while the driver
loads the model.

Before it forks its workers, a driver spends about 1.5 s loading the spaCy model and warming up
(Pipeline, Pipeline.warm_up), on one core: on a 2-core machine the other one would wait. A head
start is a process forked before that load, which takes the run's first inputs in order through
the stages before the model (`pipeline.prepare`: read, decode, clean, segment) and leaves each
one in a file of its own in OUT/.shards/head-start. When its workers can start, the driver ends
it (`HeadStart.stop`) and gives each task the files of its inputs; the worker reads them back
(`prepared.take`) instead of running those stages again.

A prepared input is what the worker would have computed itself (the same functions on the same
bytes), so records are byte-identical; an input the head start had not finished, or whose file
cannot be read back, is prepared by its worker as usual. The files are written to a temporary
name and renamed (prepared.py), so a head start ended at any moment leaves only whole ones.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import signal
import sys
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from extractor.inputs import load
from extractor.pipeline import StageTimes, Work, prepare
from extractor.run import prepared
from extractor.run.tasks import Task
from extractor.settings import Settings

LOGGER = logging.getLogger(__name__)

HEAD_START_DIR = "head-start"
# Inputs offered to a head start: more than it prepares while the model loads (about 55 pages of
# the article-extraction benchmark), with room for corpora of small pages.
MAX_INPUTS = 512

# (batch index, position in the batch, input)
_Item = tuple[int, int, load.InputRef]


def first_tasks(tasks: Iterator[Task]) -> list[Task]:
    """The tasks at the head of `tasks` (taken from it) that hold up to MAX_INPUTS inputs."""
    taken: list[Task] = []
    inputs = 0
    for task in tasks:
        taken.append(task)
        inputs += len(task.batch.refs)
        if inputs >= MAX_INPUTS:
            break
    return taken


class HeadStart:
    """A process forked now, preparing the inputs of `tasks` (all but the reused ones) in order
    into `directory`/head-start until `stop` (or `close`) ends it."""

    def __init__(self, settings: Settings, tasks: Sequence[Task], directory: Path) -> None:
        self.folder = directory / HEAD_START_DIR
        shutil.rmtree(self.folder, ignore_errors=True)  # an interrupted run's
        self.folder.mkdir(parents=True)
        items = [
            (task.batch.index, i, ref)
            for task in tasks
            for i, ref in enumerate(task.batch.refs)
            if i not in task.reused
        ]
        sys.stdout.flush()  # what the driver has buffered must not be written again by a child
        sys.stderr.flush()
        context = multiprocessing.get_context("fork")
        self._process = context.Process(
            target=_prepare_all,
            args=(settings, items, self.folder, os.getpid()),
            name="extractor-head-start",
            daemon=True,
        )
        self._process.start()

    def stop(self, tasks: Sequence[Task]) -> list[Task]:
        """End the head start at once (an input it was preparing is left to its worker) and
        return `tasks` with the files of the inputs it prepared."""
        self.close()
        ready: dict[int, dict[int, Path]] = {}
        for path in self.folder.glob(f"*{prepared.SUFFIX}"):
            batch, position = (int(n) for n in path.stem.split("-"))
            ready.setdefault(batch, {})[position] = path
        LOGGER.debug("head start: %d inputs prepared", sum(len(r) for r in ready.values()))
        return [replace(t, prepared=ready.get(t.batch.index, {})) for t in tasks]

    def close(self) -> None:
        """End the head start now, if it is still running."""
        if self._process.is_alive():
            self._process.kill()
        self._process.join()


def _prepare_all(settings: Settings, items: list[_Item], folder: Path, parent: int) -> None:
    """The head start's process: each item prepared and saved, in order."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the driver's to handle
    for batch, position, ref in items:
        if os.getppid() != parent:  # the driver is gone
            return
        times = StageTimes()
        work = next(prepare([Work(ref)], settings, times))
        prepared.save(folder / f"{batch}-{position}{prepared.SUFFIX}", work, times.seconds)
