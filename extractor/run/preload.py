"""Imported by the forkserver that starts a local Dask cluster's workers (cluster.py): it loads
the extractor modules, the spaCy model named in EXTRACTOR_PRELOAD_MODEL and what a first page
loads (the warm-up), once. Each worker is forked from that server and starts with all of it, as
`--jobs` workers are forked from their driver, instead of importing and loading it again.

A failure here only costs the head start: each worker loads what it needs on its first batch,
and reports any error there, with its document.
"""

from __future__ import annotations

import contextlib
import os

MODEL_VARIABLE = "EXTRACTOR_PRELOAD_MODEL"


def _preload() -> None:
    model = os.environ.get(MODEL_VARIABLE)
    if not model:
        return
    from extractor.run.workers import loaded_pipeline
    from extractor.settings import Settings

    loaded_pipeline(Settings(model=model))  # the model stays loaded: load_nlp keeps it


# A head start only: a worker reports real errors itself. Whatever fails, Pipeline leaves no
# thread of its own running (it joins its language-model thread), so the server forks safely.
with contextlib.suppress(Exception):
    _preload()
