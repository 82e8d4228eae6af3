"""The garbage collector during a batch run.

A run loads a few hundred thousand long-lived objects (the spaCy model, the gazetteers, the
word-frequency tables) and then allocates and drops short-lived ones page after page. With
CPython's default settings the collector walks every loaded object again at each full
collection, finding nothing to free: on the 185 pages of the article-extraction benchmark, ten
full collections took 0.7 s of an 11 s one-process run, and freeing the loaded objects at exit
another 0.3 s. So a run

- freezes what it has loaded once the warm-up page has gone through (`freeze_loaded`): the
  collector no longer walks those objects, forked workers do not copy the memory pages that a
  walk would write to (CPython's own advice for processes that fork), and the interpreter skips
  them at exit;
- collects the young generation every YOUNG_THRESHOLD allocations instead of 700, so that a
  page's objects mostly die before a collection looks at them (`batch_collector`).

Neither changes what is extracted (records byte-identical on the real corpus and the
article-extraction benchmark); the caller of a run gets its own settings back.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# Allocations of container objects between two young collections (CPython's default: 700).
YOUNG_THRESHOLD = 10_000


@contextmanager
def batch_collector() -> Iterator[None]:
    """Run the block with the batch settings; the earlier ones, and no frozen object, after."""
    earlier = gc.get_threshold()
    tune()
    try:
        yield
    finally:
        gc.set_threshold(*earlier)
        gc.unfreeze()  # a caller's process (a test, a notebook) collects them again


def tune() -> None:
    """The batch settings for good, in a process that lives for a run alone (a spawned worker,
    the Dask forkserver); forked workers inherit their driver's."""
    young, *older = gc.get_threshold()
    gc.set_threshold(max(young, YOUNG_THRESHOLD), *older)


def freeze_loaded() -> None:
    """Leave every object alive now out of later collections (see the module docstring)."""
    gc.freeze()
