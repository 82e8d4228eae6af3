"""The page's language: its own declaration cross-checked with the text.

py3langid (a maintained, dependency-light port of langid.py with its model bundled) classifies
the main text. The page's lang attribute wins when the text is too short to judge or the
classifier is unsure; a confident classifier wins over a wrong declaration (templates often
leave lang="en" on pages in other languages, and the reverse).
"""

from __future__ import annotations

import functools
import threading
from pathlib import Path

import numpy as np
import py3langid
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from extractor.html import langid_model

# Below this many characters of text, n-gram classification is a guess.
MIN_TEXT_CHARS = 200
# Only this much text is classified: a page's language shows in its first paragraphs. On the
# 929 real pages of the corpora, benchmarks and test sets, 1,000 characters give the language
# that 5,000 give on every page; the classifier reads a byte at a time in Python (2 ms a page
# at 5,000).
MAX_TEXT_CHARS = 2000
# The classifier overrides the page's declaration only when at least this sure.
OVERRIDE_CONFIDENCE = 0.95


_LOADING = threading.Lock()


def preload() -> threading.Thread:
    """Load the classifier's model in a thread, so that a run's start loads the spaCy model
    meanwhile. Mapped from its cache, the model loads in milliseconds; unpacking it (a first
    run) takes half a second, mostly LZMA decompression, which leaves the interpreter free.
    Join the thread before forking (Pipeline.warm_up does)."""
    thread = threading.Thread(target=_identifier, name="langid-preload", daemon=True)
    thread.start()
    return thread


def _identifier() -> LanguageIdentifier:
    with _LOADING:  # one load, whichever thread asks first
        return _load_identifier()


@functools.lru_cache(maxsize=1)
def _load_identifier() -> LanguageIdentifier:
    model = langid_model.load(Path(py3langid.__file__).parent / MODEL_FILE)
    return LanguageIdentifier(  # as LanguageIdentifier.from_model_file builds it
        np.asarray(model.ptc),
        np.asarray(model.pc),
        model.classes,
        model.nextmove,
        model.out_feat,
        norm_probs=True,
        tk_row=model.nextmove_row,
    )


def classify(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, probability) of `text`."""
    code, probability = _identifier().classify(text[:MAX_TEXT_CHARS])
    return str(code), float(probability)


def detect(text: str, declared: str | None) -> str | None:
    """The language of a page whose main text is `text` and whose markup declares `declared`."""
    if len(text) < MIN_TEXT_CHARS:
        return declared or (classify(text)[0] if text.strip() else None)
    code, probability = classify(text)
    if declared is None or declared == code:
        return code
    return code if probability >= OVERRIDE_CONFIDENCE else declared
