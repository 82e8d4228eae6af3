"""A batch run: inputs on disk -> the four output files and a summary."""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from . import load
from .models import Extraction, Manifest
from .parallel import CHUNK_SIZE, run_parallel
from .pipeline import Pipeline
from .settings import Settings
from .write import RunWriter, ensure_writable, versions

LOGGER = logging.getLogger(__name__)


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
) -> RunSummary:
    """Extract every input under `inputs` into `out_dir`. Usage errors raise before any work.

    With `jobs` > 1, worker processes extract chunks of inputs; the files written are
    byte-identical to a one-process run.
    """
    started = time.perf_counter()
    settings = settings or Settings()
    refs = list(load.discover(inputs))  # raises InputNotFound before anything is written
    ensure_writable(out_dir)
    pipeline = Pipeline(settings)  # also proves the model is installed before workers start
    # More workers than chunks would only load models that get no work.
    jobs = max(1, min(jobs, -(-len(refs) // CHUNK_SIZE)))
    summary = RunSummary(Counter(), Counter())
    with RunWriter(out_dir) as writer:
        bar = tqdm(
            total=len(refs), desc="extracting", unit="doc", disable=None if progress else True
        )
        results = (
            run_parallel(refs, settings, jobs, pipeline.times) if jobs > 1 else pipeline.run(refs)
        )
        for result in results:
            bar.update(1)
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
        )
        writer.commit(manifest)
    return summary


def _tally(summary: RunSummary, result: Extraction) -> None:
    entities = result.document.entities
    summary.entities["orgs"] += len(entities.orgs)
    summary.entities["countries"] += len(entities.countries)
    summary.entities["dates"] += len(entities.dates)
    summary.top_countries.update(c.name for c in entities.countries)
    summary.top_orgs.update(o.acronym or o.name for o in entities.orgs)
