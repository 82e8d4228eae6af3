"""The ner read only where a name can be (entities/ner_scope.py): which tokens it reads, and that
the names it finds there are the ones it finds reading everything."""

from __future__ import annotations

import numpy
import pytest
import spacy

from extractor.entities.ner_scope import (
    MARGIN,
    NER_VECTORS,
    NamesOnlyNer,
    kept_tokens,
    name_cues,
)

_BLANK = spacy.blank("en")


def _cues(text: str) -> list[str]:
    doc = _BLANK(text)
    return [doc[i].text for i in name_cues(doc)]


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        ("The participants discussed the plan at length.", []),
        ("Oxfam welcomed the plan.", ["Oxfam"]),  # a name opening a sentence is read
        ("However, the UN said it would help.", ["UN"]),  # an acronym opening one too
        ("US officials arrived.", ["US"]),
        ("the number rose to 45 in 2019.", []),  # dates come from the date grammar
        ("the G20 and the 2030 Agenda", ["G20", "Agenda"]),  # "2030" within the margin
        ("It rained.\nThe rain stopped. They left for Accra.", ["Accra"]),
        ('She said: "The talks went well."', []),  # openers after a colon and a quote too
        ("the plan, said the Ministry of Health, works.", ["Ministry", "Health"]),
    ],
)
def test_a_name_cue_is_a_capital_beyond_a_common_opener_or_an_acronym(
    text: str, cues: list[str]
) -> None:
    assert _cues(text) == cues


def test_the_ner_reads_the_tokens_within_the_margin_of_a_cue_in_order() -> None:
    filler = "the rain fell on the fields and the roads for many long hours. "
    doc = _BLANK(filler * 3 + "Then UNICEF arrived. " + filler * 3)
    cue = next(t.i for t in doc if t.text == "UNICEF")
    assert kept_tokens(doc) == list(range(cue - MARGIN, cue + MARGIN + 1))
    assert kept_tokens(_BLANK(filler)) == []


def test_names_found_reading_around_cues_are_those_found_reading_everything(pipeline) -> None:
    nlp = pipeline.nlp
    wrapped = nlp.get_pipe("ner")
    assert isinstance(wrapped, NamesOnlyNer)  # en_core_web_sm's ner embeds tokens itself
    filler = (
        "the participants walked through the fields and talked about the weather, the "
        "roads and the long days of work that were still ahead of them. "
    )
    text = (
        filler
        * 4
        + "The Japan International Cooperation Agency (JICA) and the Ministry of Health of "
        "Ghana held a workshop in Accra from 3 to 5 March 2024 with UNICEF. " + filler * 4
    )
    whole = wrapped.ner(nlp.make_doc(text))
    cut = wrapped(nlp.make_doc(text))
    cues = set(name_cues(whole))
    named = [e for e in whole.ents if cues.intersection(range(e.start, e.end))]
    assert [(e.text, e.label_) for e in cut.ents] == [(e.text, e.label_) for e in named]
    assert ("JICA", "ORG") in [(e.text, e.label_) for e in cut.ents]
    kept = kept_tokens(whole)
    assert len(kept) < len(whole) / 2  # the filler was not read
    vectors, full = cut.user_data[NER_VECTORS], whole.user_data[NER_VECTORS]
    assert not vectors[0].any()  # a token left out has a zero vector
    jica = next(t.i for t in whole if t.text == "JICA")
    assert numpy.allclose(vectors[jica], full[jica], atol=1e-4)


def test_a_text_is_read_alike_alone_and_in_a_batch_as_the_model_cache_assumes(pipeline):
    nlp = pipeline.nlp
    texts = [
        "The Japan International Cooperation Agency (JICA) met officials of Ghana in Accra.",
        "the rain fell on the fields for many long hours and the roads were closed.",
        "UNICEF and the Ministry of Health signed an agreement on 5 March 2024.",
    ]
    batched = list(nlp.pipe(texts, batch_size=8))
    for text, in_batch in zip(texts, batched, strict=True):
        alone = nlp(text)
        assert [(e.start, e.end, e.label_) for e in alone.ents] == [
            (e.start, e.end, e.label_) for e in in_batch.ents
        ]
        mine, theirs = alone.user_data.get(NER_VECTORS), in_batch.user_data.get(NER_VECTORS)
        assert (mine is None) == (theirs is None)  # nothing to read: no vectors either way
        assert mine is None or numpy.array_equal(mine, theirs)
