"""The command line: exit codes and the exact one-line messages a user sees.

Most tests run the entry point in this process (`invoke`); the last ones start real processes:
the installed `extractor` script, `python -m extractor` and `python -m extractor.cli`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.settings import MODEL_INSTALL_HINT

from .conftest import CORPORA, ROOT, invoke


@pytest.mark.slow
@pytest.mark.model
def test_run_writes_outputs_and_prints_summary(tmp_path):
    out = tmp_path / "out"
    done = invoke("run", str(CORPORA / "seed-fy2024-kccp.html"), "--out", str(out))
    assert done.exit_code == 0, done.stderr
    assert "documents          1" in done.stdout
    assert "rejects            0" in done.stdout
    orgs = (out / "orgs.jsonl").read_text().count("\n")
    edges = (out / "edges.jsonl").read_text().count("\n")
    assert f"corpus orgs        {orgs} (orgs.jsonl)" in done.stdout
    assert f"edges              {edges} (" in done.stdout and edges > 0
    document = json.loads((out / "documents.jsonl").read_text())
    assert document["title"].startswith("FY2024 Knowledge Co-Creation Program")


def test_run_missing_input_is_a_usage_error(tmp_path):
    done = invoke("run", "no/such/page.html", "--out", str(tmp_path / "out"))
    assert done.exit_code == 2
    assert done.stderr == "extractor: error: no such input: no/such/page.html\n"
    assert not (tmp_path / "out").exists()


def test_run_unwritable_out_is_a_usage_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    out = blocker / "out"
    done = invoke("run", str(CORPORA), "--out", str(out))
    assert done.exit_code == 2
    assert (
        done.stderr
        == f"extractor: error: cannot write to output directory {out}: Not a directory\n"
    )


def test_run_missing_model_names_the_install_command(tmp_path):
    done = invoke("run", str(CORPORA), "--out", str(tmp_path / "out"), "--model", "no_such_model")
    assert done.exit_code == 2
    assert done.stderr == (
        "extractor: error: spaCy model 'no_such_model' is not installed; install the default "
        f"model with: {MODEL_INSTALL_HINT} (or pass --model NAME of an installed pipeline)\n"
    )


@pytest.mark.slow
@pytest.mark.model
@pytest.mark.parametrize(("strict", "code"), [(False, 0), (True, 1)])
def test_rejects_exit_zero_unless_strict(tmp_path, strict, code):
    page = tmp_path / "empty.html"
    page.write_bytes(b"")
    args = ["run", str(page), "--out", str(tmp_path / "out"), "--quiet"]
    done = invoke(*args, *(["--strict"] if strict else []))
    assert done.exit_code == code, done.stderr
    reject = json.loads((tmp_path / "out" / "rejects.jsonl").read_text())
    assert reject["error"] == "empty_input"


def test_help_shows_an_example_per_command():
    for command in ("run", "schemas", "eval"):
        done = invoke(command, "--help")
        assert done.exit_code == 0
        assert "Example: extractor " + command in done.stdout


def test_schemas_check_detects_drift(tmp_path):
    assert invoke("schemas", str(tmp_path)).exit_code == 0
    assert invoke("schemas", str(tmp_path), "--check").exit_code == 0
    (tmp_path / "section.schema.json").write_text("{}\n")
    done = invoke("schemas", str(tmp_path), "--check")
    assert done.exit_code == 1
    assert done.stderr == "schemas out of date: section.schema.json (run: make schemas)\n"


def test_eval_missing_directory_is_a_usage_error(tmp_path):
    done = invoke("eval", "--dev", str(tmp_path / "nope"))
    assert done.exit_code == 2
    assert done.stderr == f"extractor: error: no such directory for --dev: {tmp_path / 'nope'}\n"


# Real processes: what a shell sees of the installed script and of `python -m`.

SCRIPT = Path(sys.executable).with_name("extractor")  # the console script pip installs


def _process(*command: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, cwd=ROOT, timeout=300
    )


@pytest.mark.parametrize(
    "command", [[SCRIPT], [sys.executable, "-m", "extractor"]], ids=["script", "python-m"]
)
def test_entry_points_exit_2_with_the_one_line_error_on_stderr(tmp_path, command):
    done = _process(*command, "run", "no/such/page.html", "--out", tmp_path / "out")
    assert done.returncode == 2
    assert done.stderr == "extractor: error: no such input: no/such/page.html\n"
    assert done.stdout == ""
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
@pytest.mark.model
def test_the_installed_script_runs_end_to_end(tmp_path):
    out = tmp_path / "out"
    page = CORPORA / "seed-fy2024-kccp.html"
    done = _process(SCRIPT, "run", page, "--out", out, "--strict", "-j", "1")
    assert done.returncode == 0, done.stderr
    assert "documents          1" in done.stdout and "Traceback" not in done.stderr
    document = json.loads((out / "documents.jsonl").read_text())
    assert document["title"].startswith("FY2024 Knowledge Co-Creation Program")


@pytest.mark.slow
@pytest.mark.model
def test_the_cli_module_runs_as_a_script(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><body><h1>A report</h1><p>Short text.</p></body></html>")
    command = [
        sys.executable,
        "-m",
        "extractor.cli",
        "run",
        str(page),
        "--out",
        str(tmp_path / "o"),
    ]
    done = subprocess.run([*command, "-q", "-j", "1"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "o" / "documents.jsonl").exists()
    assert not (tmp_path / "corpus").exists()
