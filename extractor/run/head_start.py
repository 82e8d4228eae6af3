"""A head start for `--jobs` runs: the first inputs read, cleaned and segmented while the driver
imports its modules and loads the model.

Before it forks its workers, a driver spends about 2 s importing spaCy and our modules, loading
the model and warming up (Pipeline, Pipeline.warm_up), on one core: on a 2-core machine the
other one would wait. A head start is a process forked as the run begins, before those imports
(the command line starts it first thing). It discovers the inputs as the driver will,
takes the first ones in run order through the stages before the model (`stages.prepare`: read,
decode, clean, segment) and leaves each one in a file of its own (prepared.py). When its workers
can start, the driver ends it (`HeadStart.stop`) and gives each task the files of its inputs;
the worker reads them back instead of running those stages again.

A prepared input is what the worker would have computed itself (the same functions on the same
bytes), so records are byte-identical; an input the head start had not finished, or whose file
cannot be read back or holds another input, is prepared by its worker as usual. Forked before
the driver has loaded much, it shares few memory pages with it: the driver does not pay a
copy-on-write fault for each page it touches afterwards. Forked after the driver's imports, a
head start prepared about 55 of the 185 aeb-dev pages (8.2 -> 7.7 s with `--jobs 2`); forked
as the command starts, it prepares about 75 (7.42 -> 7.34 s on aeb-dev, medians of 5 alternated
runs; the real corpus within noise).

This module imports nothing of the pipeline: the process imports what it needs once forked.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from extractor.settings import Settings

if TYPE_CHECKING:
    from extractor.run.options import RunOptions
    from extractor.run.tasks import Task

LOGGER = logging.getLogger(__name__)

# Inputs a head start prepares at most: more than it does while the driver starts (about 75
# pages of the article-extraction benchmark), with room for corpora of small pages.
MAX_INPUTS = 512


def wanted(inputs: Sequence[str], options: RunOptions) -> bool:
    """Whether a run of `inputs` with `options` gains from a head start: local workers forked
    from their driver, a fresh run (a resumed or incremental one extracts inputs only its plan
    knows), and no URL among the inputs (the driver fetches them first)."""
    from extractor.inputs.urls import is_url
    from extractor.run.options import Engine, can_fork

    return (
        options.engine is Engine.local
        and options.jobs > 1
        and can_fork()
        and not options.resume
        and not options.incremental
        and not any(is_url(arg) for arg in inputs)
    )


def first_tasks(tasks: Iterator[Task]) -> list[Task]:
    """The tasks at the head of `tasks` (taken from it) that hold the first MAX_INPUTS inputs."""
    taken: list[Task] = []
    inputs = 0
    for task in tasks:
        taken.append(task)
        inputs += len(task.batch.refs)
        if inputs >= MAX_INPUTS:
            break
    return taken


class HeadStart:
    """A process forked now, preparing the first inputs of a run of `inputs` (cut into batches of
    `batch_inputs` as the driver's plan cuts them) until `stop` (or `close`) ends it."""

    def __init__(self, inputs: Sequence[str], settings: Settings, batch_inputs: int) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="extractor-head-start-"))
        sys.stdout.flush()  # what the driver has buffered must not be written again by a child
        sys.stderr.flush()
        context = multiprocessing.get_context("fork")
        self._process = context.Process(
            target=_prepare_all,
            args=(list(inputs), settings, batch_inputs, self.folder, os.getpid()),
            name="extractor-head-start",
            daemon=True,
        )
        self._process.start()

    def stop(self, tasks: Sequence[Task]) -> list[Task]:
        """End the head start at once (an input it was preparing is left to its worker) and
        return `tasks` with the files of the inputs it prepared; the files stay until `close`."""
        from extractor.run import prepared

        self._end()
        ready: dict[int, dict[int, Path]] = {}
        for path in self.folder.glob(f"*{prepared.SUFFIX}"):
            batch, position = (int(n) for n in path.stem.split("-"))
            ready.setdefault(batch, {})[position] = path
        LOGGER.debug("head start: %d inputs prepared", sum(len(r) for r in ready.values()))
        return [replace(t, prepared=ready.get(t.batch.index, {})) for t in tasks]

    def close(self) -> None:
        """End the head start if it still runs, and remove its files (at the end of the run)."""
        self._end()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _end(self) -> None:
        if self._process.is_alive():
            self._process.kill()
        self._process.join()


def _prepare_all(
    inputs: list[str], settings: Settings, batch_inputs: int, folder: Path, parent: int
) -> None:
    """The head start's process: the run's first inputs prepared and saved, in order."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the driver's to handle
    from extractor.inputs import load
    from extractor.run import prepared
    from extractor.run.shards import batch_sizes
    from extractor.stages import StageTimes, Work, prepare

    try:
        refs = list(load.discover(inputs))
    except Exception:  # the driver discovers them again, and reports the error
        return
    sizes = batch_sizes(len(refs), batch_inputs)
    positions = ((batch, position) for batch, size in enumerate(sizes) for position in range(size))
    for ref, (batch, position) in itertools.islice(zip(refs, positions, strict=True), MAX_INPUTS):
        if os.getppid() != parent:  # the driver is gone
            return
        times = StageTimes()
        work = next(prepare([Work(ref)], settings, times))
        prepared.save(folder / f"{batch}-{position}{prepared.SUFFIX}", work, times.seconds)
