"""Our decoding of the ner (entities/ner_decode.py) against spaCy's own loop: the same entities,
token for token, on real pages' text; spaCy's loop where ours does not apply."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import numpy
import spacy
from spacy.tokens import Span

from extractor.entities.ner_decode import BatchedDecoder, batched_decoder
from extractor.entities.ner_scope import NER_VECTORS

CORPORA = Path(__file__).resolve().parents[1] / "corpora"


def _page_texts() -> list[str]:
    """The text of the corpus pages, cut at their blocks, a few blocks joined (line breaks and
    runs of spaces kept: the ner reads whitespace tokens too)."""
    texts = []
    for page in sorted(CORPORA.glob("*.html")):
        root = lxml.html.fromstring(page.read_bytes())
        for bad in root.xpath("//script|//style"):
            bad.drop_tree()
        blocks = [b.text_content() for b in root.xpath("//h1|//h2|//h3|//p|//li|//td")]
        texts += ["\n".join(blocks[i : i + 4]) for i in range(0, len(blocks), 4)]
    return [text for text in texts if text.strip()] + ["", "UNESCO", "In Accra ."]


def _ents(docs) -> list[list[tuple[int, int, str]]]:
    return [[(e.start, e.end, e.label_) for e in doc.ents] for doc in docs]


def test_the_decoder_finds_spacys_entities_and_vectors_on_real_pages(pipeline) -> None:
    nlp = pipeline.nlp
    ner = nlp.get_pipe("ner").ner  # spaCy's ner, behind NamesOnlyNer
    decoder = batched_decoder(ner)
    assert isinstance(decoder, BatchedDecoder)
    texts = _page_texts()
    assert len(texts) > 40
    theirs = list(ner.pipe([nlp.make_doc(t) for t in texts], batch_size=16))
    ours = list(decoder.pipe([nlp.make_doc(t) for t in texts], batch_size=16))
    assert _ents(ours) == _ents(theirs)
    assert sum(len(doc.ents) for doc in ours) > 100
    assert [t.ent_iob_ for d in ours for t in d] == [t.ent_iob_ for d in theirs for t in d]
    for mine, spacys in zip(ours, theirs, strict=True):
        assert (NER_VECTORS in mine.user_data) == (NER_VECTORS in spacys.user_data)
        if NER_VECTORS in mine.user_data:
            assert numpy.array_equal(mine.user_data[NER_VECTORS], spacys.user_data[NER_VECTORS])


def test_preset_entities_are_left_to_spacys_loop_which_keeps_them(pipeline) -> None:
    nlp = pipeline.nlp
    ner = nlp.get_pipe("ner").ner
    text = "Officials of the Ministry of Health met the World Bank in Accra on Monday."
    expected = ner(_with_preset(nlp, text))
    (got,) = list(batched_decoder(ner).pipe([_with_preset(nlp, text)]))
    assert _ents([got]) == _ents([expected])
    assert (3, 6, "ORG") in _ents([got])[0]


def _with_preset(nlp, text: str):
    doc = nlp.make_doc(text)
    doc.set_ents([Span(doc, 3, 6, label="ORG")], default="unmodified")
    return doc


def test_a_ner_of_another_kind_keeps_spacys_loop() -> None:
    nlp = spacy.blank("en")
    beam = nlp.add_pipe("beam_ner")
    assert batched_decoder(beam) is None
    assert batched_decoder(object()) is None
