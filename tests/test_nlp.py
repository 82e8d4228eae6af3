"""The spaCy pipeline as built by nlp.py: which model components run, which rules are added."""

from __future__ import annotations

import pytest
import spacy

from extractor.entities.nlp import EXCLUDED_COMPONENTS, drop_unheard_embeddings
from extractor.settings import Settings


def test_the_pipeline_runs_ner_without_the_shared_tok2vec_it_does_not_read(pipeline):
    # en_core_web_sm's ner embeds tokens itself; its shared tok2vec feeds only tagger/parser.
    names = pipeline.nlp.pipe_names
    assert "ner" in names
    assert "tok2vec" not in names
    assert not set(EXCLUDED_COMPONENTS) & set(names)


@pytest.mark.model
def test_a_shared_embedding_with_listeners_is_kept():
    nlp = spacy.load(Settings().model, exclude=["parser", "lemmatizer", "attribute_ruler"])
    assert nlp.get_pipe("tok2vec").listening_components == ["tagger"]
    assert "tok2vec" in drop_unheard_embeddings(nlp).pipe_names


@pytest.mark.model
def test_dropping_the_unheard_tok2vec_leaves_the_entities_unchanged():
    text = (
        "The Japan International Cooperation Agency (JICA) and the Ministry of Health of "
        "Ghana held a workshop in Accra from 3 to 5 March 2024 with UNICEF."
    )
    model = Settings().model
    full = spacy.load(model, exclude=EXCLUDED_COMPONENTS)
    lean = drop_unheard_embeddings(spacy.load(model, exclude=EXCLUDED_COMPONENTS))
    assert "tok2vec" in full.pipe_names and "tok2vec" not in lean.pipe_names
    ents = [(e.text, e.label_) for e in full(text).ents]
    assert ents == [(e.text, e.label_) for e in lean(text).ents]
    assert ("JICA", "ORG") in ents


def test_the_model_version_is_read_without_loading_the_model(pipeline):
    from extractor.entities.nlp import installed_model_version, model_version

    assert installed_model_version(Settings().model) == model_version(pipeline.nlp)


def test_a_missing_model_is_named_with_the_install_command():
    import pytest

    from extractor.entities.nlp import installed_model_version
    from extractor.errors import ModelNotFound

    with pytest.raises(ModelNotFound, match=r"requirements/model\.txt"):
        installed_model_version("en_core_web_nonexistent")
