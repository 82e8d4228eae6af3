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
import threading

MODEL_VARIABLE = "EXTRACTOR_PRELOAD_MODEL"


def _preload() -> None:
    model = os.environ.get(MODEL_VARIABLE)
    if not model:
        return
    from extractor.pipeline import Pipeline
    from extractor.settings import Settings

    Pipeline(Settings(model=model)).warm_up()  # the model stays loaded: load_nlp keeps it


try:
    with contextlib.suppress(Exception):  # a head start: a worker reports real errors itself
        _preload()
finally:
    # whatever failed, no thread of ours runs when the server forks (a lock held by a thread
    # that a child does not have would hang the child)
    for thread in threading.enumerate():
        if thread is not threading.current_thread() and thread.name == "langid-preload":
            thread.join()
