"""Running a corpus: inputs on disk (or URLs) -> the output files and a summary."""

from __future__ import annotations

import hashlib
import itertools
import logging
import signal
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tqdm import tqdm

from extractor.inputs import load
from extractor.inputs.urls import fetch_refs, is_url
from extractor.models import Extraction, ExtractorInfo, Manifest
from extractor.pipeline import Pipeline, StageTimes, mark_duplicates, run_info
from extractor.research.dataset import DatasetCounts, remove_dataset, write_dataset
from extractor.research.dataset import missing as dataset_missing
from extractor.run import head_start, shards, tasks
from extractor.run.collector import batch_collector, freeze_loaded
from extractor.run.head_start import HeadStart
from extractor.run.incremental import PreviousRun
from extractor.run.options import Engine, RunOptions, can_fork
from extractor.run.workers import run_pool
from extractor.settings import Settings
from extractor.write import (
    MANIFEST,
    OUTPUT_FILES,
    RunWriter,
    ensure_writable,
    remove_stale_temporaries,
    versions,
)

if TYPE_CHECKING:
    from extractor.run.cluster import DaskEngine

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
    resumed_batches: int = 0  # batches an interrupted run had finished (--resume)
    reused_inputs: int = 0  # inputs whose earlier records were reused (--incremental)
    already_complete: bool = False  # --resume found this run complete: nothing was done
    corpus: DatasetCounts | None = None  # orgs.jsonl and edges.jsonl, when this run wrote them


def run_corpus(
    inputs: Sequence[str],
    out_dir: Path,
    settings: Settings | None = None,
    options: RunOptions | None = None,
    head: HeadStart | None = None,
) -> RunSummary:
    """Extract every input under `inputs` into `out_dir`, as `settings` say what to extract and
    `options` how to run. Usage errors raise before any work.

    The files written are byte-identical whatever runs them: one process, worker processes or
    Dask. With `options.resume`, the batches an interrupted run finished (OUT/.shards) are kept
    and a completed run of the same inputs is left as it is; with `options.incremental`, the
    records of an earlier run are reused for unchanged inputs. `head`, a head start the caller
    began for this run (the command line does, before it imports the driver), is used and
    closed; without one, a run that gains from it begins its own (head_start.py).
    """
    started = time.perf_counter()
    settings = settings or Settings()
    options = options or RunOptions()
    load.discover([arg for arg in inputs if not is_url(arg)])  # InputNotFound before any fetch
    ensure_writable(out_dir)
    refs = list(load.discover(inputs, fetch_refs(inputs, out_dir, options.url_fetch)))
    remove_stale_temporaries(out_dir)
    with ExitStack() as stack:
        stack.enter_context(batch_collector())
        if head is None and head_start.wanted(inputs, options):
            head = HeadStart(inputs, settings, options.batch_inputs)
        if head is not None:
            stack.callback(head.close)
        cluster = _cluster(stack, options, len(refs), settings.model)
        # The driver loads the model for itself or, where workers are forked, for them; Dask
        # workers and spawned ones load their own, and the driver only needs to know it is
        # installed.
        local = cluster is None and (options.jobs <= 1 or can_fork())
        info = run_info(settings)  # what the records will say, without loading the model
        salt = f"{info.version} {info.model} {info.config_hash}"
        batches = tasks.plan(refs, salt, options.batch_inputs)
        key = run_key(batches)
        if options.resume and (finished := _finished_run(out_dir, key)) is not None:
            LOGGER.info("%s already holds this run, complete: nothing to resume", out_dir)
            if dataset_missing(out_dir):  # killed between the commit and the dataset files
                write_dataset(out_dir, inputs)
            return finished
        directory = shards.shard_dir(out_dir)
        done = _kept_shards(directory, batches, options.resume)
        previous = PreviousRun(out_dir, info, settings.max_bytes) if options.incremental else None
        todo: Iterator[tasks.Task] = (
            tasks.Task(b, _reusable(b, previous)) for b in batches if b.index not in done
        )
        offered = head_start.first_tasks(todo) if head is not None else []
        pipeline = Pipeline(settings) if local else None
        writer = stack.enter_context(RunWriter(out_dir))
        hide = True if not options.progress else None  # None: tqdm decides (a terminal?)
        bar = tqdm(total=len(refs), desc="extracting", unit="doc", disable=hide)
        stack.enter_context(bar)
        bar.update(sum(len(b.refs) for b in batches if b.index in done))
        if pipeline is not None:
            # What a first page loads, loaded before any work (and before workers are forked,
            # which inherit it), then left out of the collector's walks.
            pipeline.warm_up()
            freeze_loaded()
        if head is not None:
            todo = itertools.chain(head.stop(offered), todo)
        if cluster is not None:
            outcomes = cluster.outcomes(list(todo), settings, directory)
        elif options.jobs > 1:
            outcomes = run_pool(settings, options.jobs, todo, directory, loaded=pipeline)
        else:
            assert pipeline is not None
            outcomes = tasks.in_process(pipeline, todo, directory)
        times = StageTimes()  # what each task reports it spent: in-process or on workers
        merged = tasks.merge_in_order(
            batches, done, _ticking(outcomes, bar), directory, times, tasks.failed
        )
        summary = _write(merged, writer, stack.enter_context(_Interrupt()))
        # Every outcome is in: a --jobs pool's workers end now, not with the run (the corpus
        # dataset below grows with the corpus, and runs alone). A Dask cluster ends with the
        # run.
        getattr(outcomes, "close", lambda: None)()
        bar.close()
        summary.wall_seconds = time.perf_counter() - started
        summary.resumed_batches = len(done)
        summary.reused_inputs = previous.reused if previous is not None else 0
        remove_dataset(out_dir)  # an earlier run's: a kill after the commit leaves none behind
        writer.commit(_manifest(info, writer, summary, times, options.engine, key))
        summary.corpus = write_dataset(out_dir, inputs)
        shards.remove(directory)  # kept until now: the commit could fail
    return summary


def _cluster(stack: ExitStack, options: RunOptions, inputs: int, model: str) -> DaskEngine | None:
    """The Dask client of a run on `--engine dask`, closed with `stack`; else None."""
    if options.engine is not Engine.dask:
        return None
    from extractor.run.cluster import DaskEngine

    engine = DaskEngine(options.dask, jobs=options.jobs, inputs=inputs, model=model)
    return stack.enter_context(engine)


def _kept_shards(directory: Path, batches: Sequence[shards.Batch], resume: bool) -> set[int]:
    """The batches whose shards a resumed run keeps; a fresh run starts with no shard."""
    if not resume:
        shards.reset(directory)
        return set()
    shards.keep(directory)
    return set(shards.complete_shards(directory, batches))


def _write(results: Iterator[tasks.Result], writer: RunWriter, interrupt: _Interrupt) -> RunSummary:
    """Every result into the writer, in order; a Ctrl-C, however late, stops before the commit
    so that the output stays unchanged."""
    summary = RunSummary(Counter(), Counter())
    for result in mark_duplicates(results):
        interrupt.check()
        writer.add(result)
        if isinstance(result, Extraction):
            _tally(summary, result)
    interrupt.check()
    summary.counts = writer.counts
    summary.rejects_by_error = writer.rejects_by_error
    return summary


def _manifest(
    info: ExtractorInfo,
    writer: RunWriter,
    summary: RunSummary,
    times: StageTimes,
    engine: Engine,
    key: str,
) -> Manifest:
    counted = ("inputs", "documents", "sections", "rejects")
    return Manifest(
        extractor=info,
        versions=versions(info.model),
        counts={k: writer.counts.get(k, 0) for k in counted},
        rejects_by_error=dict(sorted(writer.rejects_by_error.items())),
        wall_seconds=round(summary.wall_seconds, 3),
        stage_seconds={k: round(v, 3) for k, v in sorted(times.seconds.items())},
        engine=engine.value,
        run_key=key,
    )


class _Interrupt:
    """Ctrl-C for a run's driver: KeyboardInterrupt at once, and again at the next result if
    Python swallowed the first one (a signal that lands in a finalizer is only printed)."""

    def __init__(self) -> None:
        self.requested = False
        self._previous: object = None

    def __enter__(self) -> _Interrupt:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)  # type: ignore[arg-type]

    def _handle(self, signum: int, frame: object) -> None:
        self.requested = True
        raise KeyboardInterrupt

    def check(self) -> None:
        if self.requested:
            raise KeyboardInterrupt


def run_key(batches: Sequence[shards.Batch]) -> str:
    """What identifies a run: its planned batches (inputs, order, extractor, configuration)."""
    digest = hashlib.sha256()
    for batch in batches:
        digest.update(f"{batch.index} {batch.key}\n".encode())
    return digest.hexdigest()[:16]


def _finished_run(out_dir: Path, key: str) -> RunSummary | None:
    """The summary of the completed run in `out_dir` if it is this run, else None."""
    try:
        manifest = Manifest.model_validate_json((out_dir / MANIFEST).read_bytes())
    except (OSError, ValueError):
        return None
    if manifest.run_key != key or not all((out_dir / n).exists() for n in OUTPUT_FILES):
        return None
    summary = RunSummary(Counter(manifest.counts), Counter(manifest.rejects_by_error))
    summary.already_complete = True
    return summary


def _reusable(batch: shards.Batch, previous: PreviousRun | None) -> dict[int, tasks.Result]:
    if previous is None:
        return {}
    found = {i: previous.reusable(ref) for i, ref in enumerate(batch.refs)}
    return {i: result for i, result in found.items() if result is not None}


def _ticking(outcomes: Iterator[tasks.Outcome], bar: tqdm) -> Iterator[tasks.Outcome]:
    for task, outcome in outcomes:
        bar.update(len(task.batch.refs))
        yield task, outcome


def _tally(summary: RunSummary, result: Extraction) -> None:
    entities = result.document.entities
    summary.entities["orgs"] += len(entities.orgs)
    summary.entities["countries"] += len(entities.countries)
    summary.entities["dates"] += len(entities.dates)
    summary.top_countries.update(c.name for c in entities.countries)
    summary.top_orgs.update(o.acronym or o.name for o in entities.orgs)
