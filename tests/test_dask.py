"""--engine dask: the same bytes as a local run, shards, failed batches and scheduler errors."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from distributed import LocalCluster

from extractor.errors import ShardError, WorkerFailed
from extractor.inputs import load
from extractor.models import Extraction, Reject
from extractor.pipeline import StageTimes
from extractor.research.dataset import DERIVED_FILES, SCHEMA_DIR
from extractor.run import tasks
from extractor.run.cluster import (
    INSTALL_HINT,
    DaskEngine,
    DaskNotInstalled,
    extract_batch,
)
from extractor.run.driver import run_corpus
from extractor.run.options import DaskOptions, RunOptions
from extractor.run.shards import (
    SHARD_DIR,
    complete_shards,
    plan,
    read_shard,
    write_shard,
)
from extractor.write import MANIFEST, OUTPUT_FILES

from .conftest import CORPORA, ROOT, invoke

pytestmark = pytest.mark.slow  # a Dask cluster, or Dask's connection timeouts

# Three inputs per batch: the seven inputs below make three shards, so both workers get work,
# and the copy of the first page lands in another shard than the page itself.
BATCH = 3


@pytest.fixture(scope="module")
def cluster():
    """Two single-threaded worker processes, as `--engine dask` starts them."""
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as local:
        yield local.scheduler_address


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dask-in")
    pages = sorted(CORPORA.glob("*.html"))
    for i, page in enumerate(pages, start=1):
        shutil.copy(page, folder / f"{i}-{page.name}")
    (folder / "5-empty.html").write_bytes(b"")
    (folder / "6-scan.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    shutil.copy(pages[0], folder / "7-copy.html")
    return folder


@pytest.fixture(scope="module")
def local_out(inputs, tmp_path_factory):
    out = tmp_path_factory.mktemp("dask-local-out")
    run_corpus([str(inputs)], out, options=RunOptions(progress=False, jobs=1))
    return out


@pytest.mark.model  # local_out
def test_dask_engine_writes_the_same_bytes_as_a_local_run(cluster, inputs, local_out, tmp_path):
    out = tmp_path / "out"
    options = DaskOptions(scheduler=cluster)
    summary = run_corpus(
        [str(inputs)],
        out,
        options=RunOptions(progress=False, engine="dask", dask=options, batch_inputs=BATCH),
    )
    for name in (*OUTPUT_FILES, "orgs.jsonl", "edges.jsonl"):
        assert (out / name).read_bytes() == (local_out / name).read_bytes(), name
    assert not (out / SHARD_DIR).exists()
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [*OUTPUT_FILES, MANIFEST, *DERIVED_FILES, SCHEMA_DIR]
    )
    counts = summary.counts
    assert counts["inputs"] == counts["documents"] + counts["rejects"] == 7
    assert summary.rejects_by_error == {"empty_input": 1, "not_html": 1}
    manifest = json.loads((out / MANIFEST).read_text())
    local = json.loads((local_out / MANIFEST).read_text())
    assert manifest["engine"] == "dask" and local["engine"] == "local"
    assert manifest["counts"] == local["counts"]
    documents = [json.loads(line) for line in (out / "documents.jsonl").open()]
    assert documents[-1]["duplicate_of"] == documents[0]["doc_id"]  # across shards


def test_a_batch_that_keeps_failing_becomes_worker_failed_rejects(
    cluster, inputs, pipeline, tmp_path
):
    def flaky(task, settings, directory, cwd):  # pickled by value: runs on the workers
        if task.batch.index == 1:
            raise RuntimeError("the worker lost its disk")
        return extract_batch(task, settings, directory, cwd)

    refs = list(load.discover([str(inputs)]))
    batches = tasks.plan(refs, "salt", BATCH)
    todo = [tasks.Task(batch) for batch in batches]
    options = DaskOptions(scheduler=cluster, retries=1)
    with DaskEngine(options, jobs=2, inputs=len(refs)) as engine:
        outcomes = engine.outcomes(todo, pipeline.settings, tmp_path, flaky)
        merged = tasks.merge_in_order(
            batches, set(), outcomes, tmp_path, StageTimes(), tasks.failed
        )
        results = list(merged)
    assert [_path(r) for r in results] == [ref.path for ref in refs]
    start = len(batches[0].refs)
    failed = results[start : start + len(batches[1].refs)]
    assert all(isinstance(r, Reject) and r.error == WorkerFailed.code for r in failed)
    assert "RuntimeError: the worker lost its disk" in failed[0].message
    assert isinstance(results[0], Extraction) and isinstance(results[-1], Extraction)


def _path(result: Extraction | Reject) -> str | None:
    source = result.source if isinstance(result, Reject) else result.document.source
    return source.path


@pytest.fixture(scope="module")
def results(pipeline, tmp_path_factory):
    """Four results, two documents and two rejects."""
    folder = tmp_path_factory.mktemp("shard-in")
    (folder / "empty.html").write_bytes(b"")
    page = CORPORA / "seed-fy2024-kccp.html"
    paths = [page, folder / "empty.html", CORPORA / "amdi-workshop-migration-data-2025.html"]
    refs = [load.InputRef(str(p)) for p in [*paths, folder / "missing.html"]]
    return refs, list(pipeline.extract(refs))


def test_shard_round_trip_gives_back_the_same_records(results, tmp_path):
    refs, extracted = results
    [batch] = plan(refs, 10, "salt")
    info = write_shard(tmp_path, batch, extracted)
    assert (info.inputs, info.documents, info.rejects) == (4, 2, 2)
    back = list(read_shard(tmp_path, batch))
    assert back == extracted
    assert [r.model_dump_json() for r in back] == [r.model_dump_json() for r in extracted]


def test_shard_written_halfway_leaves_no_file(results, tmp_path):
    refs, extracted = results
    [batch] = plan(refs, 10, "salt")

    def dies_midway():
        yield extracted[0]
        raise RuntimeError("killed")

    with pytest.raises(RuntimeError):
        write_shard(tmp_path, batch, dies_midway())
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ShardError):
        write_shard(tmp_path, batch, extracted[:3])  # one result short: never sealed
    assert list(tmp_path.iterdir()) == []


def test_complete_shards_are_sealed_and_of_the_planned_batch(results, tmp_path):
    refs, extracted = results
    batches = plan(refs, 1, "salt")
    assert [b.key for b in batches] == [b.key for b in plan(refs, 1, "salt")]
    for batch, result in zip(batches, extracted, strict=True):
        write_shard(tmp_path, batch, [result])
    unsealed = tmp_path / batches[1].name
    unsealed.write_text(unsealed.read_text().splitlines()[0] + "\n")
    other_run = plan(refs, 1, "another model")[3]
    write_shard(tmp_path, other_run, [extracted[3]])
    assert complete_shards(tmp_path, batches) == [0, 2]
    with pytest.raises(ShardError, match="not sealed"):
        list(read_shard(tmp_path, batches[1]))
    with pytest.raises(ShardError, match="another batch"):
        list(read_shard(tmp_path, batches[3]))
    merged = [r for b in (batches[0], batches[2]) for r in read_shard(tmp_path, b)]
    assert merged == [extracted[0], extracted[2]]


@pytest.mark.parametrize("count", [1, 15, 64, 65, 185, 305, 10_007])
def test_a_long_run_ends_with_smaller_batches_in_input_order(count):
    from extractor.run.shards import TAPER, batch_sizes

    refs = [load.InputRef(f"{i}.html") for i in range(count)]
    batches = plan(refs, 16, "salt")
    assert [r for b in batches for r in b.refs] == refs  # every input once, in order
    sizes = [len(b.refs) for b in batches]
    assert sizes == batch_sizes(count, 16)
    assert sizes == sorted(sizes, reverse=True) and max(sizes) <= 16
    if count > TAPER * 16:  # the workers' last batches: a quarter of a batch
        assert sizes[-2] == 16 // TAPER
    else:  # a short run is cut as it always was
        assert sizes[:-1] == [16] * (len(sizes) - 1)


def test_missing_dask_names_the_install_command(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails as if not installed
    with pytest.raises(DaskNotInstalled) as error:
        run_corpus(
            [str(CORPORA)], tmp_path / "out", options=RunOptions(progress=False, engine="dask")
        )
    assert str(error.value) == (
        f"--engine dask needs Dask, which is not installed; install it with: {INSTALL_HINT}"
    )


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`python -m extractor ARGS` in a process: Dask reads DASK_* variables when imported, which
    this process has done already."""
    return subprocess.run(
        [sys.executable, "-m", "extractor", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_unreachable_scheduler_is_a_one_line_error(tmp_path):
    out = tmp_path / "out"
    args = ["run", str(CORPORA), "--out", str(out), "--engine", "dask"]
    quick = {"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s"}
    done = _cli(*args, "--scheduler", "tcp://127.0.0.1:1", env=quick)
    assert done.returncode == 2
    assert done.stderr == (
        "extractor: error: cannot reach the Dask scheduler at tcp://127.0.0.1:1 within 1 s; "
        "is it running? (DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT=60s waits longer)\n"
    )
    assert not any(out.iterdir())


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            ["--engine", "dask", "--scheduler", "10.0.0.5:8786"],
            "invalid --scheduler address '10.0.0.5:8786': expected SCHEME://HOST:PORT, "
            "such as tcp://10.0.0.5:8786",
        ),
        (["--scheduler", "tcp://10.0.0.5:8786"], "--scheduler needs --engine dask"),
    ],
)
def test_bad_scheduler_option_is_a_usage_error(tmp_path, extra, message):
    done = invoke("run", str(CORPORA), "--out", str(tmp_path / "out"), *extra)
    assert done.exit_code == 2
    assert done.stderr == f"extractor: error: {message}\n"


def test_local_workers_start_with_the_model_loaded_by_their_forkserver(inputs, pipeline, tmp_path):
    def with_model_loads(task, settings, directory, cwd):  # pickled by value: runs on a worker
        from extractor.entities.nlp import load_nlp

        report = extract_batch(task, settings, directory, cwd)
        cache = load_nlp.cache_info()
        report.seconds.update({"model found loaded": cache.hits, "model loads": cache.misses})
        return report

    refs = list(load.discover([str(inputs)]))[:BATCH]
    todo = [tasks.Task(batch) for batch in tasks.plan(refs, "salt", BATCH)]
    model = pipeline.settings.model
    with DaskEngine(DaskOptions(), jobs=1, inputs=len(refs), model=model) as engine:
        ((_, report),) = list(engine.outcomes(todo, pipeline.settings, tmp_path, with_model_loads))
    # the server loaded it once, before forking; the worker's Pipeline found it loaded
    assert report.seconds["model loads"] == 1
    assert report.seconds["model found loaded"] >= 1
