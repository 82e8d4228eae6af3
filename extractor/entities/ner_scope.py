"""The model's ``ner`` run only where a name can be: around capitalized words and acronyms.

A stretch of text with no capitalized word (but a common word opening a sentence: "The",
"However") and no acronym holds no organization, country or place: the model's time on it is
spent for nothing. Our dates come from the date grammar, which reads all the text, so a number
("in 2019", "45 people") is no reason to read either; the digits of a name ("G20", "Formula 1")
stand in or next to a capitalized word. en_core_web_sm's ``ner`` embeds each token from the
token itself and its neighbours, four on each side (a window-1 CNN of depth 4), and labels
tokens from their vectors. So the ``ner`` reads a document cut to the tokens within ``MARGIN``
(4) of a capitalized word or an acronym, the stretches joined in order into one shorter
document: each such word keeps every neighbour its vector is made from. Its entities and
vectors are mapped back to the whole document; an entity across a cut is dropped, and a token
left out gets no entity and a zero vector.

Measured on the 746 real pages of the corpora, benchmarks and gold sets (docs/evaluation.md): the
organizations, countries and dates written are the same on every page; 77 pages differ in an
organization's confidence in the third or fourth decimal (its mentions' vectors are computed in
shorter batches), and every `make eval` figure is unchanged. The model reads about 55% of the
tokens (61% when digits were read too: the same names, one page's confidence 0.005 apart).

Only a ``ner`` that embeds tokens itself is wrapped (the condition of nlp.keep_ner_vectors): one
that listens to a shared embedding layer (md, lg, trf) reads the whole document as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import numpy
from spacy.attrs import ORTH, SPACY
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from extractor.entities import ner_decode

# doc.user_data key of the ner's own token vectors (an array of tokens x width), when kept
# (nlp.keep_ner_vectors).
NER_VECTORS = "extractor_ner_vectors"
# Tokens kept on each side of a word that can be (part of) a name: the reach of the ner's CNN.
MARGIN = 4
# A document whose kept tokens are at least this share of it is read whole: cutting it would
# save too little.
READ_WHOLE_SHARE = 0.9
# Tokens after which the next word opens a sentence.
_SENTENCE_ENDS = frozenset(".!?:;")
_OPENING = frozenset("\"'“‘([")


def name_cues(doc: Doc) -> list[int]:
    """Indices of the tokens that can be (part of) a name: a capitalized word other than a common
    word opening a sentence (spaCy's English stop words), an acronym."""
    out: list[int] = []
    opens = True  # the next word opens a sentence
    kinds, strings = _KINDS, doc.vocab.strings
    for i, orth in enumerate(doc.to_array(ORTH).tolist()):
        kind = kinds.get(orth)
        if kind is None:
            if len(kinds) >= KINDS_KEPT:
                kinds.clear()
            kind = kinds[orth] = _kind(strings[orth])
        if kind == _BREAK:
            opens = True
        elif kind != _OPENER:
            if kind & _CUE or (kind & _CUE_INSIDE and not opens):
                out.append(i)
            opens = bool(kind & _ENDS)
    return out


# What a word is to name_cues, by its text alone: a line break or space; an opening quote or
# bracket; else a word, which is a cue anywhere (a capitalized word, an acronym), a cue inside
# a sentence only (a capitalized stop word: "The"), and may end a sentence.
_BREAK, _OPENER, _WORD, _CUE, _CUE_INSIDE, _ENDS = 1, 2, 4, 8, 16, 32
# Words whose kind is kept (by hash); past this many, the memo starts over.
KINDS_KEPT = 65_536
_KINDS: dict[int, int] = {}


def _kind(text: str) -> int:
    if text.isspace() or "\n" in text:
        return _BREAK
    if text in _OPENING:
        return _OPENER
    kind = _WORD | (_ENDS if text[-1] in _SENTENCE_ENDS else 0)
    if any(ch.isupper() for ch in text):
        acronym = len(text) > 1 and text.isupper()
        kind |= _CUE if acronym or text.lower() not in STOP_WORDS else _CUE_INSIDE
    return kind


def kept_tokens(doc: Doc) -> list[int]:
    """The token indices the ner reads: every token within MARGIN of a name cue, in order."""
    kept: list[int] = []
    reach = -1  # the last index kept so far
    for cue in name_cues(doc):
        start = max(cue - MARGIN, reach + 1)
        end = min(cue + MARGIN, len(doc) - 1)
        kept.extend(range(start, end + 1))
        reach = max(reach, end)
    return kept


class NamesOnlyNer:
    """Wraps a loaded ``ner``: the same entities and vectors, read from less text."""

    def __init__(self, ner: Any):
        self.ner = ner

    @property
    def ner(self) -> Any:
        return self._ner

    @ner.setter
    def ner(self, ner: Any) -> None:
        """The wrapped ner, read by our batched decoder where it can (ner_decode.py)."""
        self._ner = ner
        self._reader = (ner_decode.batched_decoder(ner) if ner is not None else None) or ner

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            yield from self._read(batch, batch_size)

    def _read(self, docs: list[Doc], batch_size: int) -> Iterator[Doc]:
        cuts: list[tuple[Doc, list[int] | None]] = []
        for doc in docs:
            kept = kept_tokens(doc)
            if len(kept) >= READ_WHOLE_SHARE * len(doc):
                cuts.append((doc, None))
            else:
                orths, spaces = doc.to_array([ORTH, SPACY])[kept].T.tolist()
                words = [doc.vocab.strings[orth] for orth in orths]
                cut = Doc(doc.vocab, words=words, spaces=[bool(s) for s in spaces])
                cuts.append((cut, kept))
        read = list(self._reader.pipe([cut for cut, _ in cuts], batch_size=batch_size))
        for doc, (_, cut_at), done in zip(docs, cuts, read, strict=True):
            if cut_at is not None:
                _map_back(doc, done, cut_at)
            yield doc


def _map_back(doc: Doc, cut: Doc, kept: list[int]) -> None:
    """The cut document's entities and ner vectors onto the whole one."""
    ents = []
    for ent in cut.ents:
        start, last = kept[ent.start], kept[ent.end - 1]
        if last - start == ent.end - 1 - ent.start:  # not across a gap
            ents.append(Span(doc, start, last + 1, label=ent.label))
    doc.set_ents(ents, default="outside")
    vectors = cut.user_data.pop(NER_VECTORS, None)
    # a document with nothing to read has no vectors, in a batch or alone (the ner skips a
    # batch of empty documents before its embedding layer)
    if vectors is not None and kept:
        whole = numpy.zeros((len(doc), vectors.shape[1]), dtype=vectors.dtype)
        whole[numpy.asarray(kept)] = vectors
        doc.user_data[NER_VECTORS] = whole


def read_names_only(nlp: Language) -> bool:
    """Put the ``ner`` behind NamesOnlyNer (in its place, under its name) when it embeds tokens
    itself; False when it is left as it is."""
    if "ner" not in nlp.pipe_names:
        return False
    ner = nlp.get_pipe("ner")
    embed = ner.model.layers[0].layers[0]  # type: ignore[attr-defined]
    if "listener" in embed.name or "extract_features" not in embed.name:
        return False
    at = nlp.pipe_names.index("ner")
    nlp.remove_pipe("ner")
    after = nlp.pipe_names[at] if at < len(nlp.pipe_names) else None
    nlp.add_pipe("names_only_ner", name="ner", before=after)
    nlp.get_pipe("ner").ner = ner  # type: ignore[attr-defined]
    return True


@Language.factory("names_only_ner")
def _make(nlp: Language, name: str) -> NamesOnlyNer:
    return NamesOnlyNer(None)
