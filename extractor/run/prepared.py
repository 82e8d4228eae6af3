"""A prepared input in a file of its own: the `Work` envelope of an input that went through the
stages before the model (`stages.prepare`) elsewhere, and the seconds each stage took. A head
start writes them (head_start.py), a worker reads them back (tasks.extract_task).

A file is written to a temporary name and renamed, so one that exists is whole. It is a pickle:
it is read only by the run that wrote it, from the folder its head start made.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
from collections.abc import Mapping
from pathlib import Path

from extractor.stages import Work

LOGGER = logging.getLogger(__name__)

SUFFIX = ".work"


def save(path: Path, work: Work, seconds: Mapping[str, float]) -> None:
    """Write `work` and its stage seconds to `path`, whole or not at all."""
    temporary = path.with_name(f".{path.name}.tmp")
    with temporary.open("wb") as handle:
        pickle.dump((work, dict(seconds)), handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)


def take(path: Path) -> tuple[Work, dict[str, float]] | None:
    """A prepared input and the seconds its stages took, read and removed; None when the file
    cannot be read back (its worker then prepares the input itself)."""
    try:
        with path.open("rb") as handle:
            work, seconds = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError) as exc:
        LOGGER.warning("%s cannot be read back (%s): preparing it again", path, exc)
        return None
    finally:
        with contextlib.suppress(OSError):
            path.unlink()
    if not isinstance(work, Work) or not isinstance(seconds, dict):
        return None
    return work, seconds
