"""A batch run: inputs on disk -> the four output files and a summary."""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tqdm import tqdm

from . import load, shards
from .errors import UsageError
from .models import Extraction, Manifest, Reject
from .parallel import CHUNK_SIZE, run_parallel
from .pipeline import Pipeline
from .settings import Settings
from .write import RunWriter, ensure_writable, versions

if TYPE_CHECKING:
    from .dask_engine import DaskOptions

LOGGER = logging.getLogger(__name__)

# What runs the stages: this machine's processes, or a Dask cluster (extractor[dask]).
ENGINES = ("local", "dask")


@dataclass
class RunSummary:
    """What a run produced, for the CLI's table and for callers."""

    counts: Counter[str]
    rejects_by_error: Counter[str]
    entities: Counter[str] = field(default_factory=Counter)
    top_countries: Counter[str] = field(default_factory=Counter)
    top_orgs: Counter[str] = field(default_factory=Counter)
    wall_seconds: float = 0.0


def run_batch(
    inputs: Sequence[str],
    out_dir: Path,
    settings: Settings | None = None,
    *,
    progress: bool = True,
    jobs: int = 1,
    engine: str = "local",
    dask: DaskOptions | None = None,
) -> RunSummary:
    """Extract every input under `inputs` into `out_dir`. Usage errors raise before any work.

    With `jobs` > 1, worker processes extract chunks of inputs; with `engine="dask"`, a Dask
    cluster (`dask.scheduler`, or a local one of `jobs` workers) extracts batches of them. The
    files written are byte-identical to a one-process run either way.
    """
    started = time.perf_counter()
    settings = settings or Settings()
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    refs = list(load.discover(inputs))  # raises InputNotFound before anything is written
    ensure_writable(out_dir)
    with ExitStack() as stack:
        cluster = None
        if engine == "dask":
            from .dask_engine import DaskEngine, DaskOptions

            options = dask or DaskOptions()
            cluster = stack.enter_context(DaskEngine(options, jobs=jobs, inputs=len(refs)))
        pipeline = Pipeline(settings)  # also proves the model is installed before workers start
        # More workers than chunks would only load models that get no work.
        jobs = max(1, min(jobs, -(-len(refs) // CHUNK_SIZE)))
        summary = RunSummary(Counter(), Counter())
        writer = stack.enter_context(RunWriter(out_dir))
        bar = tqdm(
            total=len(refs), desc="extracting", unit="doc", disable=None if progress else True
        )
        if cluster is not None:
            results = cluster.run(
                refs, settings, pipeline.info, pipeline.times, out_dir, bar.update
            )
        elif jobs > 1:
            results = _ticking(run_parallel(refs, settings, jobs, pipeline.times), bar)
        else:
            results = _ticking(pipeline.run(refs), bar)
        for result in results:
            writer.add(result)
            if isinstance(result, Extraction):
                _tally(summary, result)
        bar.close()
        summary.counts = writer.counts
        summary.rejects_by_error = writer.rejects_by_error
        summary.wall_seconds = time.perf_counter() - started
        manifest = Manifest(
            extractor=pipeline.info,
            versions=versions(pipeline.info.model),
            counts={
                k: writer.counts.get(k, 0) for k in ("inputs", "documents", "sections", "rejects")
            },
            rejects_by_error=dict(sorted(writer.rejects_by_error.items())),
            wall_seconds=round(summary.wall_seconds, 3),
            stage_seconds={k: round(v, 3) for k, v in sorted(pipeline.times.seconds.items())},
            engine=engine,
        )
        writer.commit(manifest)
        if cluster is not None:
            shards.remove(shards.shard_dir(out_dir))  # kept until now: the commit could fail
    return summary


def _ticking(results: Iterator[Extraction | Reject], bar: tqdm) -> Iterator[Extraction | Reject]:
    for result in results:
        bar.update(1)
        yield result


def _tally(summary: RunSummary, result: Extraction) -> None:
    entities = result.document.entities
    summary.entities["orgs"] += len(entities.orgs)
    summary.entities["countries"] += len(entities.countries)
    summary.entities["dates"] += len(entities.dates)
    summary.top_countries.update(c.name for c in entities.countries)
    summary.top_orgs.update(o.acronym or o.name for o in entities.orgs)
