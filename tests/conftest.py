"""Shared fixtures, the `model` and `slow` markers and their guard, and `invoke` for the CLI.

Tests that need the installed spaCy model use `pipeline` or `corpus_run` (or are marked `model`).
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"


@pytest.fixture(scope="session")
def pipeline():
    from extractor.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def corpus_run(tmp_path_factory, pipeline):
    """corpora/ extracted once into a temporary output directory."""
    from extractor.run.driver import run_corpus
    from extractor.run.options import RunOptions

    out = tmp_path_factory.mktemp("corpus-out")
    run_corpus([str(CORPORA)], out, options=RunOptions(progress=False))
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
    (folder / "c-scan.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (folder / "d-scripts.html").write_text(
        "<html><script>var a=1;</script></html>", encoding="utf-8"
    )
    shutil.copy(CORPORA / "seed-fy2024-kccp.html", folder / "e-same-bytes.html")
    return folder


def modules_imported(code: str, modules: tuple[str, ...]) -> list[str]:
    """Those of `modules` that a fresh interpreter has imported after running `code`."""
    import subprocess
    import sys

    probe = f"{code}\nimport sys\nprint(' '.join(m for m in {modules!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return done.stdout.split()


def invoke(*args: str, env: dict[str, str | None] | None = None) -> Result:
    """`extractor ARGS` in this process: extractor.cli.main, the entry point of the `extractor`
    script, runs with ARGS as its command line under typer's CliRunner, which captures stdout and
    stderr apart. So a test sees the exit code and the one-line "extractor: error: ..." a user
    sees, without starting a process."""
    from extractor.cli import main

    runner = CliRunner()
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level  # main() calls logging.basicConfig
    code: int = 0
    exception: BaseException | None = None
    with runner.isolation(env=env) as (stdout, stderr, output):
        argv, sys.argv = sys.argv, ["extractor", *args]
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
            exception = exc if code else None
        finally:
            sys.argv = argv
            root.handlers[:] = handlers
            root.setLevel(level)
            sys.stdout.flush()
            sys.stderr.flush()
        captured = stdout.getvalue(), stderr.getvalue(), output.getvalue()
    return Result(runner, *captured, return_value=None, exit_code=code, exception=exception)


# Markers. `model`: the test loads the installed spaCy model. `slow`: it takes more than ~2 s
# or kills processes, starts a Dask cluster or a browser. `make test-fast` runs neither.
#
# A test gets `model` from a fixture that loads the model (MODEL_FIXTURES: added below at
# collection, also when only a fixture it uses requests one), or from `pytestmark` /
# `@pytest.mark.model` when it loads the model another way (`extractor run` through the CLI,
# spacy.load, a fixture of its module). The guard further below fails a test that loads the
# model without the marker, so a missing marker shows up in every run, not only in a run without
# the model.

MODEL_FIXTURES = frozenset({"pipeline", "corpus_run"})


@pytest.hookimpl(tryfirst=True)  # before -m deselects
def pytest_collection_modifyitems(config, items):
    for item in items:
        if MODEL_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.model)


# The guard. While a test not marked `model` runs (setup, call and teardown):
# - in this process, load_nlp (checked before its cache, which an earlier model test filled) and
#   spacy.util.load_model (what spacy.load calls) refuse an installed pipeline;
# - child processes (`python -m extractor`, spawned workers, which take this process's sys.path)
#   find a stand-in package of the model first, on PYTHONPATH and sys.path: the model's meta.json
#   (its version is read as usual, without loading it) and a load() that refuses.
# A refusal is also written to a tripwire file, and the test fails from that file, so a refusal
# turned into a reject or a dead worker by the code under test still fails the test.
# A process started by a fixture that outlives the test (a Dask cluster) keeps the PYTHONPATH of
# the test it started in.

GUARD_MESSAGE = (
    "this test loads the spaCy model but is not marked `model`: mark it "
    "(@pytest.mark.model or the module's pytestmark) or use the `pipeline` fixture"
)
_STAND_IN = '''"""Stand-in for the spaCy model while a test not marked `model` runs (tests/conftest.py)."""

import os
import sys


def load(**overrides):
    with open({tripwire!r}, "a", encoding="utf-8") as tripwire:
        tripwire.write("process %d (%s): loaded the model\\n" % (os.getpid(), " ".join(sys.argv)))
    raise RuntimeError({message!r})
'''


class _ModelGuard:
    def __init__(self, root: Path) -> None:
        from extractor.settings import DEFAULT_MODEL

        self.model = DEFAULT_MODEL
        self.root = root
        self.tripwire = root / "tripwire.txt"
        self.tripwire.touch()
        self.stand_in: Path | None = None
        spec = importlib.util.find_spec(DEFAULT_MODEL)
        if spec is not None and spec.origin is not None:  # not installed: nothing to guard
            self.stand_in = root / "stand-in"
            package = self.stand_in / DEFAULT_MODEL
            package.mkdir(parents=True)
            shutil.copy(Path(spec.origin).parent / "meta.json", package / "meta.json")
            stand_in = _STAND_IN.format(tripwire=str(self.tripwire), message=GUARD_MESSAGE)
            (package / "__init__.py").write_text(stand_in, encoding="utf-8")
        self.active = False
        self._patch()

    def _patch(self) -> None:
        import spacy.util

        from extractor.entities import nlp

        load_nlp, load_model = nlp.load_nlp, spacy.util.load_model

        @functools.wraps(load_nlp)
        def guarded_load_nlp(model, **kwargs):
            self.check(model, f"load_nlp({model!r})")
            return load_nlp(model, **kwargs)

        @functools.wraps(load_model)
        def guarded_load_model(name, **kwargs):
            self.check(name, f"spacy.load({name!r})")
            return load_model(name, **kwargs)

        nlp.load_nlp = guarded_load_nlp
        for module in list(sys.modules.values()):  # any that imported it already
            if getattr(module, "load_nlp", None) is load_nlp:
                module.load_nlp = guarded_load_nlp
        spacy.util.load_model = guarded_load_model

    def check(self, name, call: str) -> None:
        from spacy.util import is_package

        if self.active and isinstance(name, str) and is_package(name):
            with self.tripwire.open("a", encoding="utf-8") as tripwire:
                tripwire.write(f"this process: {call}\n")
            raise RuntimeError(GUARD_MESSAGE)

    @contextlib.contextmanager
    def around(self, item):
        if item.get_closest_marker("model") is not None or self.stand_in is None:
            yield
            return
        entry, saved = str(self.stand_in), os.environ.get("PYTHONPATH")
        sys.path.insert(0, entry)
        os.environ["PYTHONPATH"] = entry + (os.pathsep + saved if saved else "")
        importlib.invalidate_caches()
        self.active = True
        try:
            yield
        finally:
            self.active = False
            sys.path[:] = [p for p in sys.path if p != entry]
            if saved is None:
                os.environ.pop("PYTHONPATH", None)
            else:
                os.environ["PYTHONPATH"] = saved
            module = sys.modules.get(self.model)
            if module is not None and str(getattr(module, "__file__", "")).startswith(entry):
                del sys.modules[self.model]  # the stand-in: model tests import the model
            importlib.invalidate_caches()

    def tripped(self) -> str:
        text = self.tripwire.read_text(encoding="utf-8")
        if text:
            self.tripwire.write_text("", encoding="utf-8")
        return text


_GUARD: _ModelGuard | None = None


def pytest_configure(config):
    global _GUARD
    root = Path(tempfile.mkdtemp(prefix="extractor-model-guard-"))
    try:
        _GUARD = _ModelGuard(root)
    except ImportError:  # extractor does not import: the tests say why, the guard stays off
        shutil.rmtree(root, ignore_errors=True)


def pytest_unconfigure(config):
    if _GUARD is not None:
        shutil.rmtree(_GUARD.root, ignore_errors=True)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    if _GUARD is None:
        return (yield)
    with _GUARD.around(item):
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    loads = _GUARD.tripped() if _GUARD is not None else ""
    if loads and item.get_closest_marker("model") is None:
        if report.failed:
            report.sections.append(("model guard", f"{GUARD_MESSAGE}\n{loads}"))
        else:
            report.outcome = "failed"
            report.longrepr = f"{GUARD_MESSAGE}\n{loads}"
    return report
