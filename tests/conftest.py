"""Shared fixtures. Tests that need the installed spaCy model use `pipeline` or `corpus_run`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"


@pytest.fixture(scope="session")
def pipeline():
    from extractor.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def corpus_run(tmp_path_factory, pipeline):
    """corpora/ extracted once into a temporary output directory."""
    from extractor.run.driver import run_batch

    out = tmp_path_factory.mktemp("corpus-out")
    run_batch([str(CORPORA)], out, progress=False)
    return out


@pytest.fixture
def server():
    """A real HTTP server on loopback (tests/loopback.py): set routes, read its request log."""
    from .loopback import serve

    yield from serve()


@pytest.fixture
def mixed_inputs(tmp_path):
    """A directory with good pages and the kinds of bad input a scrape collects."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(CORPORA / "seed-fy2024-kccp.html", folder / "a-report.html")
    (folder / "b-empty.html").write_bytes(b"")
    (folder / "c-scan.html").write_bytes(
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" * 20
    )
    (folder / "d-scripts.html").write_text(
        "<html><script>var a=1;</script></html>", encoding="utf-8"
    )
    shutil.copy(CORPORA / "seed-fy2024-kccp.html", folder / "e-same-bytes.html")
    return folder
