"""The spaCy pipeline, built in one place: the model plus our rule components.

Components:
- the model's ``ner``, reading only the text around words that can be names (ner_scope.py);
  the tagger, parser, lemmatizer and attribute ruler are excluded because
  nothing downstream reads them, and so is a shared ``tok2vec`` (or ``transformer``) that no
  remaining component listens to: en_core_web_sm's ``ner`` embeds tokens itself, so its shared
  ``tok2vec`` only feeds the tagger and parser (dropping it halves the model's time, same
  entities), while in md, lg and trf the ``ner`` listens to the shared layer, which stays;
- ``country_ruler``: a span_ruler over every written form of every country (patterns from
  countries.country_patterns(), the ISO alpha-2 code in the pattern id), into
  doc.spans["countries"]: label COUNTRY for names, NORP for demonyms;
- ``place_ruler``: a span_ruler over regions and "Gulf of X" names (places.place_patterns()),
  into doc.spans["places"], so that "Gulf of Guinea" is no mention of Guinea;
- ``org_ruler``: a span_ruler (longest match wins) over names of bodies by their head noun
  and the gazetteer of international organizations (orgs.org_patterns()), into
  doc.spans["org_rules"];
- ``not_org_ruler``: a span_ruler over names of programmes, laws, events and documents by
  their head noun (orgs.not_org_patterns()), into doc.spans["not_org_rules"];
- ``abbreviation_detector``: acronym definitions into doc.spans["abbreviations"]
  (abbreviations.py);
- ``org_filter``: the model's ORG spans and the org_ruler's spans that name bodies, into
  doc.spans["orgs"], and names of what is not a body into doc.spans["not_orgs"]
  (orgs/filters.py).

The components only read the model's ``doc.ents``, so any pipeline with an ``ner`` works; on
spacy.blank("en") they run on the rules alone.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from extractor.entities import abbreviations, countries, places
from extractor.entities.ner_scope import NER_VECTORS, read_names_only
from extractor.entities.orgs import filters as org_filters
from extractor.entities.orgs import names as orgs
from extractor.entities.windowed_matcher import WindowedMatcher, WordTests
from extractor.errors import ModelNotFound
from extractor.settings import MODEL_INSTALL_HINT

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
PLACE_SPANS = "places"
ORG_SPANS = org_filters.ORG_SPANS
NOT_ORG_SPANS = org_filters.NOT_ORG_SPANS
ABBREVIATION_SPANS = abbreviations.SPANS_KEY


@functools.lru_cache(maxsize=4)
def load_nlp(model: str, names_only: bool = True) -> Language:
    """Load `model` once per process and add extractor's components. With `names_only`, the
    ``ner`` reads only the text around words that can be names (ner_scope.py); without, the
    whole text, as spaCy's own pipeline does (the benchmark's reference)."""
    try:
        nlp = spacy.load(model, exclude=EXCLUDED_COMPONENTS)
    except OSError as exc:
        if "E050" in str(exc) or "Can't find model" in str(exc):
            raise _not_installed(model) from exc
        raise
    drop_unheard_embeddings(nlp)
    keep_ner_vectors(nlp)
    if names_only:
        read_names_only(nlp)
    add_components(nlp)
    return nlp


def keep_ner_vectors(nlp: Language) -> bool:
    """Have the ``ner`` leave its own token vectors on each doc (``doc.user_data[NER_VECTORS]``).

    A ``ner`` that embeds tokens itself (en_core_web_sm's) computes a vector per token from the
    token's form and its neighbours before it chooses labels; the chosen label keeps little of
    it, the vector keeps what the model knows of the word in context. Its embedding layer is
    wrapped to keep its output as it passes: nothing is computed twice. A ``ner`` that listens
    to a shared layer (md, lg, trf) is left alone (False), and the decision then reads no
    vectors.
    """
    if "ner" not in nlp.pipe_names:
        return False
    try:
        embed = nlp.get_pipe("ner").model.layers[0].layers[0]  # type: ignore[attr-defined]
    except (AttributeError, IndexError):
        return False
    if "listener" in embed.name or "extract_features" not in embed.name:
        return False
    forward = embed._func

    def keep(model: Any, docs: Any, is_train: bool) -> Any:
        vectors, backprop = forward(model, docs, is_train)
        for doc, array in zip(docs, vectors, strict=True):
            doc.user_data[NER_VECTORS] = array
        return vectors, backprop

    embed._func = keep
    return True


def drop_unheard_embeddings(nlp: Language) -> Language:
    """Remove shared embedding components (tok2vec, transformer) that no component listens to."""
    for name in list(nlp.pipe_names):
        listeners = getattr(nlp.get_pipe(name), "listening_components", None)
        if listeners is not None and not listeners:
            nlp.remove_pipe(name)
    return nlp


def add_components(nlp: Language) -> Language:
    """Add extractor's rule components to `nlp` (a loaded model or spacy.blank("en"))."""
    words = WordTests(nlp.vocab, validate=True)  # the rulers' word tests, learned once a word
    _add_ruler(nlp, "country_ruler", COUNTRY_SPANS, countries.country_patterns(), words)
    _add_ruler(nlp, "place_ruler", PLACE_SPANS, places.place_patterns(), words)
    org_patterns = list(orgs.org_patterns())
    _add_ruler(nlp, "org_ruler", org_filters.RULER_SPANS, org_patterns, words, longest=True)
    not_org_patterns = list(orgs.not_org_patterns())
    not_org_key = org_filters.NOT_ORG_RULER_SPANS
    _add_ruler(nlp, "not_org_ruler", not_org_key, not_org_patterns, words, longest=True)
    nlp.add_pipe("abbreviation_detector")
    nlp.add_pipe("org_filter")
    return nlp


def model_version(nlp: Language) -> str:
    """'name==version' of the loaded pipeline, as recorded in every document."""
    return _version_of(nlp.meta)


def installed_model_version(model: str) -> str:
    """What `model_version` gives for `model`, read from its meta.json without loading it (a
    driver whose workers do the extraction needs only this); ModelNotFound if not installed."""
    from spacy import util

    path = util.get_package_path(model) if util.is_package(model) else Path(model)
    if not (path / "meta.json").is_file():
        if util.is_package(model) or path.is_dir():
            return model_version(load_nlp(model))  # a pipeline laid out otherwise: load it
        raise _not_installed(model)
    return _version_of(util.get_model_meta(path))


def _version_of(meta: dict) -> str:
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}=={meta.get('version', '0')}"


def _not_installed(model: str) -> ModelNotFound:
    return ModelNotFound(
        f"spaCy model '{model}' is not installed; install the default model with: "
        f"{MODEL_INSTALL_HINT} (or pass --model NAME of an installed pipeline)"
    )


def _add_ruler(
    nlp: Language,
    name: str,
    spans_key: str,
    patterns: list[dict],
    words: WordTests,
    *,
    lower: bool = False,
    longest: bool = False,
) -> None:
    """A span_ruler writing `patterns`' matches to doc.spans[spans_key]; with `longest`,
    overlapping matches keep the first longest one."""
    config: dict[str, object] = {"spans_key": spans_key, "validate": True}
    if lower:
        config["phrase_matcher_attr"] = "LOWER"
    if longest:
        config["spans_filter"] = {"@misc": "spacy.first_longest_spans_filter.v1"}
    ruler = nlp.add_pipe("span_ruler", name=name, config=config)
    # Its token patterns run only where a name can be (windowed_matcher.py): the same matches
    # in a fraction of the time.
    windowed = WindowedMatcher(nlp.vocab, validate=True, words=words)
    ruler.matcher = windowed  # type: ignore[attr-defined]
    # A span_ruler runs every component before it over its phrase patterns, which match on
    # their tokens' text (ORTH, or LOWER): the tokenizer alone reads them here, neither the
    # model's components (the ner: 0.6 s at every start) nor the rulers added before.
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(patterns)  # type: ignore[attr-defined]
