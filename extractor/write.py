"""Write stage: JSON Lines written atomically, the manifest, and the JSON Schemas.

All four output files are written to hidden temporary files in the output directory and renamed
into place only when the run completes, so a reader never sees a half-written file and an
interrupted run leaves the previous output intact.
"""

from __future__ import annotations

import json
import os
import platform
import tempfile
from collections import Counter
from pathlib import Path
from types import TracebackType
from typing import IO

import jsonlines
from pydantic import BaseModel

from extractor.errors import OutputNotWritable
from extractor.models import CorpusOrg, Document, Edge, Extraction, Manifest, Reject, Section

OUTPUT_FILES = ("documents.jsonl", "sections.jsonl", "rejects.jsonl")
MANIFEST = "manifest.json"
SCHEMAS: dict[str, type[BaseModel]] = {
    "document": Document,
    "section": Section,
    "reject": Reject,
    "manifest": Manifest,
    "org": CorpusOrg,
    "edge": Edge,
}


def ensure_writable(out_dir: Path) -> None:
    """Create `out_dir` if needed and prove it is writable; raises OutputNotWritable."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=out_dir, prefix=".probe-"):
            pass
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise OutputNotWritable(f"cannot write to output directory {out_dir}: {reason}") from exc


def remove_stale_temporaries(out_dir: Path) -> None:
    """Delete the temporary output files a killed run left (a finished run leaves none)."""
    for name in (*OUTPUT_FILES, MANIFEST):
        for leftover in out_dir.glob(f".{name}.*.tmp"):
            leftover.unlink(missing_ok=True)


def _dumps(record: BaseModel | dict) -> str:
    # jsonlines probes `dumps` with a plain dict to learn whether it returns str or bytes.
    return record.model_dump_json() if isinstance(record, BaseModel) else json.dumps(record)


class RunWriter:
    """Streams results into temporary files; `commit` renames them into place."""

    def __init__(self, out_dir: Path):
        ensure_writable(out_dir)
        self.out_dir = out_dir
        self.counts: Counter[str] = Counter()
        self.rejects_by_error: Counter[str] = Counter()
        self._files: dict[str, IO[str]] = {}
        self._writers: dict[str, jsonlines.Writer] = {}
        for name in OUTPUT_FILES:
            handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed in commit/discard)
                "w", encoding="utf-8", dir=out_dir, prefix=f".{name}.", suffix=".tmp", delete=False
            )
            self._files[name] = handle
            self._writers[name] = jsonlines.Writer(handle, dumps=_dumps, flush=False)

    def add(self, result: Extraction | Reject) -> None:
        self.counts["inputs"] += 1
        if isinstance(result, Reject):
            self._writers["rejects.jsonl"].write(result)
            self.counts["rejects"] += 1
            self.rejects_by_error[result.error] += 1
            return
        self._writers["documents.jsonl"].write(result.document)
        self.counts["documents"] += 1
        for section in result.sections:
            self._writers["sections.jsonl"].write(section)
        self.counts["sections"] += len(result.sections)

    def commit(self, manifest: Manifest) -> None:
        """Flush, fsync and rename every file into place, the manifest last."""
        for name, handle in self._files.items():
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
            publish(handle.name, self.out_dir / name)
        write_atomic(self.out_dir / MANIFEST, manifest.model_dump_json(indent=2) + "\n")
        self._files.clear()

    def discard(self) -> None:
        for handle in self._files.values():
            handle.close()
            Path(handle.name).unlink(missing_ok=True)
        self._files.clear()

    def __enter__(self) -> RunWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._files:
            self.discard()


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Temporary files are created private (0600); what we rename into place gets the permissions
# any file the user creates would get, so a shared dataset stays readable by its group.
FILE_MODE = 0o666 & ~_current_umask()


def publish(temporary: str | Path, path: Path) -> None:
    """Rename a finished temporary file into place with the user's usual file permissions."""
    os.chmod(temporary, FILE_MODE)
    os.replace(temporary, path)


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write `data` (text as UTF-8) to `path` through a temporary file in the same directory;
    a failure leaves `path` as it was and no temporary file behind."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed below, or on failure)
        "wb", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        publish(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def versions(model: str) -> dict[str, str]:
    """Versions of what produced the output, for the manifest."""
    from importlib.metadata import PackageNotFoundError, version

    found = {"python": platform.python_version(), "model": model}
    for package in ("extractor", "spacy", "pydantic", "beautifulsoup4", "lxml", "pycountry"):
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = "unknown"
    return found


def schema_texts() -> dict[str, str]:
    """schemas/<name>.schema.json contents, generated from the pydantic models."""
    return {
        f"{name}.schema.json": json.dumps(model.model_json_schema(), indent=2, sort_keys=True)
        + "\n"
        for name, model in SCHEMAS.items()
    }


def write_schemas(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        write_atomic(directory / name, text)
        written.append(directory / name)
    return written


def stale_schemas(directory: Path) -> list[str]:
    """Names of schema files that are missing or differ from the models."""
    stale = []
    for name, text in schema_texts().items():
        path = directory / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale
