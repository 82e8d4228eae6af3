"""Crash safety: a run killed (SIGKILL) or interrupted (SIGINT) at any point, then --resume, gives
the bytes of an uninterrupted run; --resume on nothing is a fresh run, on a finished run a no-op;
--incremental equals a full run."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from extractor.research.dataset import DERIVED_FILES, SCHEMA_DIR
from extractor.run.driver import run_corpus
from extractor.run.options import RunOptions
from extractor.run.shards import SHARD_DIR
from extractor.settings import Settings
from extractor.write import MANIFEST, OUTPUT_FILES

from .conftest import CORPORA, ROOT, invoke

# Runs killed, interrupted, resumed and rerun incrementally: all extract with the model.
pytestmark = [pytest.mark.slow, pytest.mark.model]

# Two inputs per shard: the 40 inputs below make 20 shards, so a kill lands mid-run.
BATCH = 2


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    """40 report pages (20 distinct, each twice: duplicates across shards)."""
    folder = tmp_path_factory.mktemp("resume-in")
    pages = sorted(CORPORA.glob("*.html")) + sorted((ROOT / "tests/data/blind/docs").glob("*.html"))
    pages += sorted((ROOT / "tests/data/blind2/docs").glob("*.html"))
    for copy in ("a", "b"):
        for page in pages:
            shutil.copy(page, folder / f"{copy}-{page.name}")
    (folder / "a-empty.html").write_bytes(b"")
    return folder


@pytest.fixture(scope="module")
def full_run(inputs, tmp_path_factory, pipeline) -> Path:
    out = tmp_path_factory.mktemp("resume-full")
    run_corpus([str(inputs)], out, options=RunOptions(progress=False, batch_inputs=BATCH))
    return out


def _same_output(out: Path, reference: Path) -> None:
    for name in OUTPUT_FILES:
        assert (out / name).read_bytes() == (reference / name).read_bytes(), name
    assert not (out / SHARD_DIR).exists()
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [*OUTPUT_FILES, MANIFEST, *DERIVED_FILES, SCHEMA_DIR]
    )


def _command(inputs: Path, out: Path, *extra: str) -> list[str]:
    command = [sys.executable, "-m", "extractor", "run", str(inputs), "--out", str(out)]
    return [*command, "--quiet", "--batch-inputs", str(BATCH), *extra]


def _start(inputs: Path, out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        _command(inputs, out, *extra), cwd=ROOT, stderr=subprocess.PIPE, text=True
    )


def _wait_for_shards(process: subprocess.Popen, shards: Path, count: int) -> None:
    deadline = time.monotonic() + 120
    while len(list(shards.glob("part-*.jsonl"))) < count:
        assert process.poll() is None, "the run ended before it could be interrupted"
        assert time.monotonic() < deadline, "no shards appeared"
        time.sleep(0.02)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigkill_then_resume_gives_the_bytes_of_an_uninterrupted_run(
    inputs, full_run, tmp_path, jobs
):
    out = tmp_path / "out"
    process = _start(inputs, out, "--jobs", jobs)
    _wait_for_shards(process, out / SHARD_DIR, 3)
    workers = psutil.Process(process.pid).children(recursive=True)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    assert not (out / MANIFEST).exists()  # killed before the commit: nothing final was written
    _, alive = psutil.wait_procs(workers, timeout=20)
    assert not alive, "worker processes outlived their killed driver"
    kept = len(list((out / SHARD_DIR).glob("part-*.jsonl")))
    summary = run_corpus(
        [str(inputs)],
        out,
        options=RunOptions(progress=False, resume=True, batch_inputs=BATCH, jobs=int(jobs)),
    )
    assert summary.resumed_batches >= min(kept, 3)
    assert summary.counts["inputs"] == summary.counts["documents"] + summary.counts["rejects"]
    _same_output(out, full_run)


def test_sigint_stops_cleanly_and_says_how_to_resume(inputs, full_run, tmp_path):
    out = tmp_path / "out"
    process = _start(inputs, out, "--jobs", "2")
    _wait_for_shards(process, out / SHARD_DIR, 2)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert "--resume" in stderr and "Traceback" not in stderr
    assert not (out / MANIFEST).exists()
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    done = invoke(
        "run", str(inputs), "--out", str(out), "--quiet", "--batch-inputs", str(BATCH), "--resume"
    )
    assert done.exit_code == 0, done.stderr
    _same_output(out, full_run)


def test_resume_into_a_missing_directory_is_a_fresh_run(inputs, full_run, tmp_path):
    out = tmp_path / "new"
    summary = run_corpus(
        [str(inputs)], out, options=RunOptions(progress=False, resume=True, batch_inputs=BATCH)
    )
    assert summary.resumed_batches == 0 and not summary.already_complete
    _same_output(out, full_run)


def test_resume_of_a_completed_run_changes_nothing(inputs, full_run, tmp_path):
    out = tmp_path / "done"
    shutil.copytree(full_run, out)
    before = _files(out)
    summary = run_corpus(
        [str(inputs)], out, options=RunOptions(progress=False, resume=True, batch_inputs=BATCH)
    )
    assert summary.already_complete
    assert summary.counts == json.loads((out / MANIFEST).read_text())["counts"]
    assert _files(out) == before


def _files(out):
    """Every file under `out` with its mtime and bytes."""
    return {
        p.relative_to(out).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
        for p in out.rglob("*")
        if p.is_file()
    }


def test_a_kill_after_the_commit_leaves_no_stale_dataset_files(tmp_path, monkeypatch, pipeline):
    from extractor.run import driver

    pages = tmp_path / "in"
    pages.mkdir()
    first, *rest = sorted(CORPORA.glob("*.html"))
    shutil.copy(first, pages)
    out = tmp_path / "out"
    run_corpus([str(pages)], out, options=RunOptions(progress=False))
    for page in rest:
        shutil.copy(page, pages)

    def killed(*args, **kwargs):
        raise KeyboardInterrupt  # the kill lands between the commit and the corpus files

    monkeypatch.setattr(driver, "write_dataset", killed)
    with pytest.raises(KeyboardInterrupt):
        run_corpus([str(pages)], out, options=RunOptions(progress=False))
    assert not (out / "orgs.jsonl").exists() and not (out / "datapackage.json").exists()
    monkeypatch.undo()
    run_corpus([str(pages)], out, options=RunOptions(progress=False, resume=True))
    documents = [json.loads(line)["doc_id"] for line in (out / "documents.jsonl").open()]
    orgs = [json.loads(line) for line in (out / "orgs.jsonl").open()]
    assert len(documents) == 4
    assert {o["doc_id"] for org in orgs for o in org["occurrences"]} == set(documents)


def test_resume_of_a_completed_run_writes_the_dataset_files_a_kill_left_out(
    inputs, full_run, tmp_path
):
    out = tmp_path / "done"
    shutil.copytree(full_run, out)
    (out / "edges.jsonl").unlink()  # killed after the commit, before the corpus files
    run_corpus(
        [str(inputs)], out, options=RunOptions(progress=False, resume=True, batch_inputs=BATCH)
    )
    assert (out / "edges.jsonl").read_bytes() == (full_run / "edges.jsonl").read_bytes()


def test_resume_of_a_completed_run_with_other_settings_runs_again(inputs, full_run, tmp_path):
    out = tmp_path / "done"
    shutil.copytree(full_run, out)
    settings = Settings(fiscal_year_start_month=1)
    summary = run_corpus(
        [str(inputs)], out, settings, RunOptions(progress=False, resume=True, batch_inputs=BATCH)
    )
    assert not summary.already_complete
    documents = [json.loads(line) for line in (out / "documents.jsonl").open()]
    assert {d["extractor"]["config_hash"] for d in documents} == {settings.config_hash}


def test_leftover_temporary_files_of_a_killed_run_are_removed(inputs, full_run, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / ".documents.jsonl.abc123.tmp").write_text("half a line")
    (out / SHARD_DIR).mkdir()
    (out / SHARD_DIR / ".part-000001.jsonl.x.tmp").write_text("{")
    run_corpus(
        [str(inputs)], out, options=RunOptions(progress=False, resume=True, batch_inputs=BATCH)
    )
    _same_output(out, full_run)


# --incremental ------------------------------------------------------------------------------


@pytest.fixture
def changing(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for page in sorted(CORPORA.glob("*.html")):
        shutil.copy(page, folder / page.name)
    for page in sorted((ROOT / "tests/data/blind/docs").glob("*.html"))[:4]:
        shutil.copy(page, folder / page.name)
    (folder / "scan.html").write_bytes(b"%PDF-1.7\n" + b"\x00\x01" * 500)
    return folder


def _incremental_equals_full(folder: Path, out: Path, tmp_path: Path) -> int:
    summary = run_corpus(
        [str(folder)], out, options=RunOptions(progress=False, incremental=True, batch_inputs=BATCH)
    )
    full = tmp_path / "full"
    run_corpus([str(folder)], full, options=RunOptions(progress=False, batch_inputs=BATCH))
    _same_output(out, full)
    shutil.rmtree(full)
    return summary.reused_inputs


def test_incremental_reprocesses_only_new_and_changed_inputs(changing, tmp_path):
    out = tmp_path / "out"
    run_corpus([str(changing)], out, options=RunOptions(progress=False, batch_inputs=BATCH))
    pages = sorted(changing.glob("*.html"))
    total = len(pages)
    # one changed, one removed, one added (a copy of a kept page: a duplicate to mark anew)
    changed = pages[0]
    changed.write_text(
        changed.read_text(encoding="utf-8").replace("</body>", "<p>Update.</p></body>")
    )
    pages[1].unlink()
    shutil.copy(pages[2], changing / "zz-copy.html")
    reused = _incremental_equals_full(changing, out, tmp_path)
    assert reused == total - 2  # all but the changed and the removed page
    documents = [json.loads(line) for line in (out / "documents.jsonl").open()]
    assert not any(d["source"]["path"].endswith(pages[1].name) for d in documents)
    assert documents[-1]["duplicate_of"] is not None


def test_incremental_with_another_configuration_reprocesses_everything(changing, tmp_path):
    out = tmp_path / "out"
    run_corpus(
        [str(changing)], out, Settings(fiscal_year_start_month=1), RunOptions(progress=False)
    )
    assert _incremental_equals_full(changing, out, tmp_path) == 0


def test_incremental_without_earlier_output_is_a_full_run(changing, tmp_path):
    assert _incremental_equals_full(changing, tmp_path / "empty", tmp_path) == 0


def test_incremental_twice_reuses_everything(changing, tmp_path):
    out = tmp_path / "out"
    run_corpus([str(changing)], out, options=RunOptions(progress=False, batch_inputs=BATCH))
    total = len(list(changing.iterdir()))
    assert _incremental_equals_full(changing, out, tmp_path) == total
    assert os.listdir(out)  # still there
