"""The spaCy pipeline, built in one place: the model plus our rule components.

Components:
- the model's ``ner`` (with the ``tok2vec`` it listens to); the tagger, parser,
  lemmatizer and attribute ruler are excluded because nothing downstream reads them;
- ``country_ruler``: a span_ruler over every written form of every country (patterns from
  countries.country_patterns(), the ISO alpha-2 code in the pattern id), into
  doc.spans["countries"].
"""

from __future__ import annotations

import functools
import logging

import spacy
from spacy.language import Language

from . import countries
from .errors import ModelNotFound
from .settings import MODEL_INSTALL_HINT

LOGGER = logging.getLogger(__name__)

# Components of the en_core_web_* pipelines that NER does not need.
EXCLUDED_COMPONENTS = [
    "tagger",
    "parser",
    "lemmatizer",
    "attribute_ruler",
    "senter",
    "morphologizer",
]
COUNTRY_SPANS = "countries"


@functools.lru_cache(maxsize=4)
def load_nlp(model: str) -> Language:
    """Load `model` once per process and add extractor's components."""
    try:
        nlp = spacy.load(model, exclude=EXCLUDED_COMPONENTS)
    except OSError as exc:
        if "E050" in str(exc) or "Can't find model" in str(exc):
            raise ModelNotFound(
                f"spaCy model '{model}' is not installed; install the default model with: "
                f"{MODEL_INSTALL_HINT} (or pass --model NAME of an installed pipeline)"
            ) from exc
        raise
    add_components(nlp)
    return nlp


def add_components(nlp: Language) -> Language:
    """Add extractor's rule components to `nlp` (a loaded model or spacy.blank("en"))."""
    ruler = nlp.add_pipe(
        "span_ruler",
        name="country_ruler",
        config={"spans_key": COUNTRY_SPANS, "phrase_matcher_attr": "LOWER", "validate": True},
    )
    ruler.add_patterns(countries.country_patterns())  # type: ignore[attr-defined]
    return nlp


def model_version(nlp: Language) -> str:
    """'name==version' of the loaded pipeline, as recorded in every document."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}=={meta.get('version', '0')}"
