"""Worker processes: `--jobs N` runs N pipelines, each with its own model, in input order.

Inputs are cut into small chunks; `Pool.imap` hands chunks to workers and gives results back in
chunk order, so the output is byte-identical to a one-process run. Each worker builds its
Pipeline (and loads the model) once, in the pool initializer. Duplicates are marked by the
driver, which alone sees the whole run.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
from collections.abc import Iterable, Iterator, Sequence

from . import load
from .models import Extraction, Reject
from .pipeline import Pipeline, StageTimes, mark_duplicates
from .settings import Settings

LOGGER = logging.getLogger(__name__)

# Inputs per task: small enough to balance two workers on a few dozen pages and to keep the
# results held for ordering few, large enough that task overhead stays negligible.
CHUNK_SIZE = 8

_WORKER: Pipeline | None = None


def _init_worker(settings: Settings) -> None:
    global _WORKER
    _WORKER = Pipeline(settings)


def _extract_chunk(
    refs: Sequence[load.InputRef],
) -> tuple[list[Extraction | Reject], dict[str, float]]:
    assert _WORKER is not None, "worker used before its initializer ran"
    before = dict(_WORKER.times.seconds)
    results = list(_WORKER.extract(refs))
    spent = {k: v - before.get(k, 0.0) for k, v in _WORKER.times.seconds.items()}
    return results, spent


def run_parallel(
    refs: Iterable[load.InputRef],
    settings: Settings,
    jobs: int,
    times: StageTimes,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[Extraction | Reject]:
    """Extract `refs` with `jobs` worker processes; results in input order, duplicates marked."""
    chunks = _chunks(refs, chunk_size)
    context = multiprocessing.get_context("spawn")
    with context.Pool(jobs, initializer=_init_worker, initargs=(settings,)) as pool:

        def results() -> Iterator[Extraction | Reject]:
            for chunk_results, spent in pool.imap(_extract_chunk, chunks):
                for stage, seconds in spent.items():
                    times.seconds[stage] += seconds
                yield from chunk_results

        yield from mark_duplicates(results())


def _chunks(refs: Iterable[load.InputRef], size: int) -> Iterator[list[load.InputRef]]:
    iterator = iter(refs)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk
