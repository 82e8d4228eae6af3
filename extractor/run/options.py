"""How a corpus is run: by what (`Engine`), with how many workers, resumed or incremental
(`RunOptions`). The command line builds these records; the driver only reads them. Nothing here
imports the pipeline, so the command line's `--help` stays fast."""

from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from extractor.errors import choice
from extractor.settings import BATCH_INPUTS

if TYPE_CHECKING:
    from extractor.inputs.urls import UrlFetch

# A Dask task is retried when its worker dies or it fails as a whole; per-input failures are
# already rejects inside the task and never fail it.
DASK_RETRIES = 2

DEFAULT_JOBS = os.cpu_count() or 1


def can_fork() -> bool:
    """Whether this system forks processes, so that workers share their driver's loaded model
    (and a head start can begin before the driver has imported anything heavy)."""
    return "fork" in multiprocessing.get_all_start_methods()


class Engine(StrEnum):
    """What runs the stages: this machine's processes, or a Dask cluster (extractor[dask])."""

    local = "local"
    dask = "dask"


@dataclass(frozen=True)
class DaskOptions:
    """How to run on Dask: where the scheduler is (None: start a local cluster), and retries."""

    scheduler: str | None = None
    retries: int = DASK_RETRIES


@dataclass(frozen=True)
class RunOptions:
    """How `run_corpus` runs; what it extracts is `Settings`.

    With `jobs` > 1, worker processes extract batches of inputs; with the Dask engine, a cluster
    (`dask.scheduler`, or a local one of `jobs` workers) does. With `resume`, the batches an
    interrupted run finished are kept; with `incremental`, an earlier run's records are reused
    for unchanged inputs. URL inputs are fetched as `url_fetch` says (default: politely, into
    OUT/pages).
    """

    progress: bool = True
    jobs: int = 1
    engine: Engine = Engine.local
    dask: DaskOptions = field(default_factory=DaskOptions)
    resume: bool = False
    incremental: bool = False
    batch_inputs: int = BATCH_INPUTS  # inputs per batch (and shard): fixed, so a resume plans alike
    url_fetch: UrlFetch | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "engine", choice(Engine, self.engine, "engine"))
