"""py3langid's model, unpacked once into a cache folder and mapped from there.

The model ships as 4.5 MB of LZMA around 68 MB of arrays. Unpacking it takes about 0.6 s of
CPU in every process that loads it: a run's driver, its head start, each spawned or Dask
worker. Saved once as plain .npy files, it maps in milliseconds, and the processes of a run
share its pages instead of each holding a copy.

The folder is `$EXTRACTOR_CACHE_DIR`, else `$XDG_CACHE_HOME/extractor`, else
`~/.cache/extractor`. It is written whole or not at all (a temporary folder renamed into place),
so a reader never sees half of it; a damaged one is unpacked again. Where the folder cannot be
written, the model is unpacked in memory as py3langid does, and nothing else changes.
"""

from __future__ import annotations

import io
import logging
import lzma
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import py3langid
from py3langid import modelio

log = logging.getLogger(__name__)

CACHE_ENV = "EXTRACTOR_CACHE_DIR"
# The arrays of the model's npz, in the order py3langid's `load_model` returns them.
ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


@dataclass(frozen=True)
class ModelArrays:
    """What `py3langid.modelio.load_model` returns, field for field."""

    ptc: np.ndarray  # feature x class log-probabilities (float16)
    pc: np.ndarray  # class priors
    classes: list[str]
    nextmove: memoryview | object  # the byte DFA's rows, indexable by int
    nextmove_row: memoryview | object  # each state's row
    out_feat: list[int]  # each state's feature, or -1


def cache_root() -> Path:
    """The folder extractor keeps its caches in."""
    if folder := os.environ.get(CACHE_ENV):
        return Path(folder)
    if xdg := os.environ.get("XDG_CACHE_HOME"):
        return Path(xdg) / "extractor"
    return Path.home() / ".cache" / "extractor"


def load(model: Path) -> ModelArrays:
    """The arrays of py3langid's model file `model`, mapped from the cache when it can be."""
    folder = cache_root() / f"langid-{py3langid.__version__}-{model.stat().st_size}"
    for attempt in range(2):
        try:
            if not folder.is_dir():
                _unpack(model, folder)
            return _mapped(folder)
        except (OSError, ValueError, KeyError) as exc:
            log.debug("language model cache %s unusable: %s", folder, exc)
            if attempt == 0 and folder.is_dir():  # damaged: unpacked again once
                shutil.rmtree(folder, ignore_errors=True)
            else:
                break
    return ModelArrays(*modelio.load_model(model))


def _mapped(folder: Path) -> ModelArrays:
    arrays = {name: np.load(folder / f"{name}.npy", mmap_mode="r") for name in ARRAYS}
    return ModelArrays(
        ptc=arrays["ptc"],
        pc=np.asarray(arrays["pc"]),
        classes=arrays["classes"].tolist(),
        # a memoryview indexes as fast as py3langid's array.array, without a copy
        nextmove=memoryview(arrays["nextmove"]),
        nextmove_row=memoryview(arrays["nextmove_row"]),
        out_feat=arrays["out_feat"].tolist(),
    )


def _unpack(model: Path, folder: Path) -> None:
    """Write the model's arrays as .npy files into `folder`, atomically."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        with lzma.open(model) as packed:
            npz = io.BytesIO(packed.read())  # a zip reads back and forth: unpacked in memory
        with np.load(npz, allow_pickle=False) as data:
            for name in ARRAYS:
                np.save(staging / f"{name}.npy", data[name], allow_pickle=False)
        try:
            staging.rename(folder)
        except OSError:
            if not folder.is_dir():  # not another process's folder, put in place meanwhile
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
