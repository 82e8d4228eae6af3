"""`--engine dask`: the same stages on a Dask cluster, merged into the files a local run writes.

The driver (the `extractor run` process) plans the batches (tasks.py) and submits one task per
batch. A task runs in a worker process: it extracts its batch with a Pipeline cached in that
process (the model loads once per worker), writes the results to a shard in OUT/.shards and
sends back only a ShardInfo and its stage times, never the records. The driver merges the
shards in batch order as they complete, as for the local engines: the output files are
byte-identical to `--engine local`.

Workers read the inputs and write the shards themselves: the inputs and --out must be on a file
system that the driver and every worker see at the same paths (relative input paths are taken
from the driver's working directory).

A task that fails as a whole (its worker died, its shard could not be written) is retried by
Dask; if it still fails, every input of its batch becomes a `worker_failed` reject, so each
input still ends as exactly one document or one reject.
"""

from __future__ import annotations

import logging
import os
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from extractor.errors import (
    DaskNotInstalled,
    SchedulerAddressInvalid,
    SchedulerLost,
    SchedulerUnreachable,
)
from extractor.pipeline import Pipeline
from extractor.run import preload, shards
from extractor.run.options import DaskOptions
from extractor.run.tasks import BATCH_INPUTS, Outcome, Task, TaskReport, extract_task
from extractor.settings import Settings

if TYPE_CHECKING:
    from distributed import Client, Future

LOGGER = logging.getLogger(__name__)

INSTALL_HINT = "pip install 'extractor[dask]'"

BatchTask = Callable[[Task, Settings, str, str], TaskReport]

# Worker side -----------------------------------------------------------------------------------

_PIPELINES: dict[tuple[Settings, int], Pipeline] = {}


def extract_batch(task: Task, settings: Settings, directory: str, cwd: str) -> TaskReport:
    """Runs on a worker: extract one batch into its shard in `directory`."""
    pipeline = _worker_pipeline(settings)
    if os.getcwd() != cwd:  # relative input paths are relative to the driver's directory
        os.chdir(cwd)
    return extract_task(pipeline, task, Path(directory))


def _worker_pipeline(settings: Settings) -> Pipeline:
    """The worker's Pipeline: the model loads once per process, and per thread, since a spaCy
    pipeline must not be shared across threads (a worker started with --nthreads 1 has one)."""
    key = (settings, threading.get_ident())
    if key not in _PIPELINES:
        _PIPELINES[key] = Pipeline(settings)
    return _PIPELINES[key]


# Driver side -----------------------------------------------------------------------------------


def require_dask() -> None:
    """Raise DaskNotInstalled, naming the install command, when distributed is missing."""
    try:
        import distributed  # noqa: F401
    except ImportError as exc:
        raise DaskNotInstalled(
            f"--engine dask needs Dask, which is not installed; install it with: {INSTALL_HINT}"
        ) from exc


def check_address(address: str) -> None:
    """Refuse an address Dask cannot parse before trying to connect to it."""
    from distributed.comm.addressing import get_address_host_port, parse_address

    try:
        parse_address(address, strict=True)  # a scheme is required, not defaulted to tcp
        host, port = get_address_host_port(address)
    except ValueError:
        host, port = "", 0
    if not host or not 0 < port < 65536:
        raise SchedulerAddressInvalid(
            f"invalid --scheduler address {address!r}: expected SCHEME://HOST:PORT, "
            "such as tcp://10.0.0.5:8786"
        )


class DaskEngine:
    """A Dask client for one run, connected to --scheduler or to a LocalCluster it starts."""

    def __init__(self, options: DaskOptions, *, jobs: int, inputs: int, model: str | None = None):
        self.options = options
        self.model = model  # what local workers preload (preload.py); None: each loads its own
        # More local workers than batches would only load models that get no work.
        self.workers = max(1, min(jobs, -(-inputs // BATCH_INPUTS)))
        self._stack = ExitStack()
        self._client: Client | None = None

    def __enter__(self) -> DaskEngine:
        require_dask()
        if self.options.scheduler is not None:
            check_address(self.options.scheduler)
        try:
            self._client = self._connect()
        except BaseException:
            self._stack.close()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._client = None
        self._stack.close()

    def _connect(self) -> Client:
        address = self.options.scheduler
        if address is None:
            with self._preloading():  # first: the server loads while Dask is imported
                return self._local_cluster()
        import dask.config
        from dask.utils import parse_timedelta
        from distributed import Client

        _quiet_distributed()
        timeout = parse_timedelta(dask.config.get("distributed.comm.timeouts.connect"))
        try:
            client = Client(address, timeout=timeout, set_as_default=False)
        except OSError as exc:
            raise SchedulerUnreachable(
                f"cannot reach the Dask scheduler at {address} within {timeout:g} s; is it "
                "running? (DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT=60s waits longer)"
            ) from exc
        self._stack.enter_context(client)
        if not client.scheduler_info().get("workers"):
            LOGGER.warning("the Dask scheduler at %s has no workers yet; waiting for some", address)
        return client

    def _local_cluster(self) -> Client:
        from distributed import Client, LocalCluster

        _quiet_distributed()
        # One single-threaded process per worker: spaCy pipelines are not shared across
        # threads. A random dashboard port keeps concurrent runs from competing for 8787.
        cluster = LocalCluster(
            n_workers=self.workers, threads_per_worker=1, processes=True, dashboard_address=":0"
        )
        self._stack.enter_context(cluster)
        return self._stack.enter_context(Client(cluster, set_as_default=False))

    @contextmanager
    def _preloading(self) -> Iterator[None]:
        """Local workers forked from a server that has loaded the model (preload.py), as
        `--jobs` workers are from their driver: they skip the imports, the model load and the
        warm-up, and share those pages. The server starts first, so that it loads while this
        process imports Dask and starts the scheduler. Without fork (Windows), workers are
        spawned as before and each loads its own."""
        import multiprocessing
        from multiprocessing import forkserver

        if self.model is None or "forkserver" not in multiprocessing.get_all_start_methods():
            yield
            return
        os.environ[preload.MODEL_VARIABLE] = self.model  # the server starts with our environment
        multiprocessing.set_forkserver_preload([preload.__name__])
        forkserver.ensure_running()
        import dask.config

        with dask.config.set({"distributed.worker.multiprocessing-method": "forkserver"}):
            yield

    def outcomes(
        self,
        tasks: Sequence[Task],
        settings: Settings,
        directory: Path,
        task_function: BatchTask = extract_batch,
    ) -> Iterator[Outcome]:
        """Run `tasks` on the cluster; (task, report or error) as each completes.

        `task_function` is what runs per batch (tests substitute one that fails).
        """
        assert self._client is not None, "DaskEngine.outcomes outside its `with` block"
        from distributed import as_completed

        token = uuid.uuid4().hex[:8]  # a shared scheduler may still hold an earlier run's keys
        futures = {
            self._client.submit(
                task_function,
                task,
                settings,
                str(directory.resolve()),
                os.getcwd(),
                key=f"extractor-batch-{task.batch.index:06d}-{token}",
                retries=self.options.retries,
            ): task
            for task in tasks
        }
        for future in as_completed(futures, loop=self._client.loop):
            task = futures[future]
            outcome = _outcome(future, task.batch)
            if isinstance(outcome, BaseException):
                LOGGER.warning("batch %d failed on the cluster: %s", task.batch.index, outcome)
            yield task, outcome


def _outcome(future: Future, batch: shards.Batch) -> TaskReport | BaseException:
    if future.status == "finished":
        report = future.result()
        assert isinstance(report, TaskReport)
        return report
    if future.status == "error":
        error = future.exception()
        assert error is not None
        return error
    raise SchedulerLost(
        f"the Dask scheduler dropped batch {batch.index} (task {future.status}): was it "
        "restarted, or the connection lost? The output directory was left unchanged"
    )


def _quiet_distributed() -> None:
    """Keep Dask's log lines off the progress bar and the one-line errors.

    Its logging config sets INFO on import. The client's errors (a lost scheduler, attempts to
    reconnect) also show as task states, which `_outcome` turns into one line of its own.
    """
    for name, level in (("distributed", logging.WARNING), ("distributed.client", logging.CRITICAL)):
        logger = logging.getLogger(name)
        if logger.getEffectiveLevel() < level:
            logger.setLevel(level)
