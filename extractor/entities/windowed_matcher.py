"""A token Matcher that tries its patterns only over the runs of tokens they can match.

spaCy's Matcher tries every pattern at every token, and tests a REGEX, IN or NOT_IN attribute
by a Python call per token. The org and not-org rulers' patterns are names: capitalized words,
a few connectors ("of", "and", ","), a head noun. Most tokens of a text can be part of no match.

`WindowedMatcher` sorts its patterns:
- **Windowed.** Every token of the pattern tests only attributes of the word itself (its text,
  its lower case, its case flags). Such a pattern can match only inside a run of consecutive
  tokens of which each passes one of the patterns' token tests (the "alphabet"), and only a
  run holding, for each token the pattern requires that tests listed words ("Ministry", one
  of a list of heads), a word passing it. The patterns run over those runs alone. Names
  (every token a word, a listed word or a capitalization) and patterns with a broad token ("a
  lower-case word": "Rescue Hub, an NPO that ...") are two groups with an alphabet each, so
  the broad one does not stretch the names' runs over whole sentences.
- **Whole.** Any other pattern (a negated token, an attribute set by context) runs over the
  whole document, as spaCy's Matcher does.

Which tests a word passes is found by spaCy's own Matcher (one-token patterns) over the words
not seen before, once per distinct word, and kept by the word's hash. The matches are the same
(key, start, end) triples as those of one Matcher over the whole document; only their order
may differ, and span_ruler sorts them. On the real corpus the org and not-org rulers' token
patterns take 0.2 s instead of 3.2 s once their words are learned (0.9 s the first time).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from spacy.attrs import ORTH
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

# Token attributes that depend on the word alone, whatever the text around it.
LEXICAL = frozenset(
    """ORTH TEXT LOWER LENGTH SHAPE PREFIX SUFFIX IS_ALPHA IS_ASCII IS_DIGIT IS_LOWER IS_UPPER
    IS_TITLE IS_PUNCT IS_SPACE IS_STOP LIKE_NUM LIKE_URL LIKE_EMAIL""".split()
)
# A token test narrows the alphabet only when it names words or a capitalization: "IS_LOWER"
# alone passes most words of a text, and a pattern holding it is of the broad group.
_NARROWING = ("ORTH", "TEXT", "LOWER")
_CASE_FLAGS = ("IS_TITLE", "IS_UPPER")
# Words whose alphabet membership is kept; past this many, the memo starts over.
MEMO_SIZE = 65_536

_REPEAT = re.compile(r"\{(\d*)(?:,(\d*))?\}")


class WordTests:
    """The one-token tests of windowed patterns, and which of them each word passes, kept by
    the word's hash: learned once per word however many matchers share it (the rulers of one
    pipeline do, through nlp.py), by spaCy's Matcher over a document of the new words."""

    def __init__(self, vocab: Vocab, validate: bool = False) -> None:
        self.vocab = vocab
        self.validate = validate
        self._bits: dict[str, int] = {}  # a test (as JSON) -> its bit
        self._tests: list[dict[str, Any]] = []
        self._matcher: Matcher | None = None
        self._memo: dict[int, int] = {}  # word hash -> the bits of the tests it passes

    def bit(self, test: dict[str, Any]) -> int:
        """The bit of `test`, registered if new (what was learned is then learned again)."""
        name = json.dumps(test, sort_keys=True)
        if name not in self._bits:
            self._bits[name] = 1 << len(self._tests)
            self._tests.append(test)
            self._matcher = None
            self._memo.clear()
        return self._bits[name]

    def passed(self, orths: list[int]) -> list[int]:
        """For each word, the bits of the tests it passes."""
        memo = self._memo
        if unheard := {orth for orth in orths if orth not in memo}:
            if len(memo) + len(unheard) > MEMO_SIZE:  # start over, with this text's words
                memo.clear()
                unheard = set(orths)
            self._learn(unheard)
        return [memo[orth] for orth in orths]

    def _learn(self, orths: set[int]) -> None:
        if self._matcher is None:
            self._matcher = Matcher(self.vocab, validate=self.validate)
            for n, test in enumerate(self._tests):
                self._matcher.add(str(1 << n), [[test]])
        words = list(orths)
        passed = [0] * len(words)
        if self._tests:
            doc = Doc(self.vocab, words=[self.vocab.strings[orth] for orth in words])
            for key, start, _ in self._matcher(doc):
                passed[start] |= int(self.vocab.strings[key])
        self._memo.update(zip(words, passed, strict=True))


class WindowedMatcher:
    """The part of spaCy's Matcher interface that span_ruler uses: add, remove, len, call."""

    def __init__(
        self, vocab: Vocab, validate: bool = False, words: WordTests | None = None
    ) -> None:
        self.vocab = vocab
        self.validate = validate
        self._whole = Matcher(vocab, validate=validate)
        words = words if words is not None else WordTests(vocab, validate)
        # Names (every token narrow) apart from patterns with a broad token: those make long
        # runs ("a lower-case word" passes most of a sentence), which names need not share.
        self._narrow = _Group(words, validate)
        self._broad = _Group(words, validate)

    def __len__(self) -> int:
        return len(self._whole) + len(self._narrow.matcher) + len(self._broad.matcher)

    def __contains__(self, key: str) -> bool:
        return any(key in m for m in (self._whole, self._narrow.matcher, self._broad.matcher))

    def add(self, key: str, patterns: list[list[dict[str, Any]]]) -> None:
        for pattern in patterns:
            tests = [_test(token) for token in pattern]
            if any(test is None for test in tests):
                self._whole.add(key, [pattern])
            elif all(_narrows(test) for test in tests if test is not None):
                self._narrow.add(key, pattern, tests)
            else:
                self._broad.add(key, pattern, tests)

    def remove(self, key: str) -> None:
        for matcher in (self._whole, self._narrow.matcher, self._broad.matcher):
            if key in matcher:
                matcher.remove(key)

    def __call__(self, doclike: Doc | Span) -> list[tuple[int, int, int]]:
        matches = list(self._whole(doclike)) if len(self._whole) else []
        if len(self._narrow.matcher) or len(self._broad.matcher):
            orths = _orths(doclike)
            for group in (self._narrow, self._broad):
                if len(group.matcher):
                    for start, end in group.windows(orths):
                        found = group.matcher(doclike[start:end])
                        matches.extend((key, start + s, start + e) for key, s, e in found)
        return matches

    def windows(self, doclike: Doc | Span) -> list[tuple[int, int]]:
        """(start, end) of the runs the windowed patterns are tried over (names' first)."""
        orths = _orths(doclike)
        return [*self._narrow.windows(orths), *self._broad.windows(orths)]


class _Group:
    """Patterns tried over the runs of words that pass one of their token tests (the group's
    alphabet) and hold, for some pattern, a word for each listed-word test it requires."""

    def __init__(self, words: WordTests, validate: bool) -> None:
        self.words = words
        self.matcher = Matcher(words.vocab, validate=validate)
        self._alphabet = 0  # the bits of every token test of the patterns
        self._needs: set[int] = set()  # per pattern, the bits of its required listed tests
        self._min_length: int | None = None  # the fewest tokens a pattern's match can have

    def add(
        self, key: str, pattern: list[dict[str, Any]], tests: list[dict[str, Any] | None]
    ) -> None:
        """`tests`: each token's attribute tests (`_test`), all lexical."""
        self.matcher.add(key, [pattern])
        repeats = [_least_repeats(token) for token in pattern]
        length = sum(repeats)
        self._min_length = length if self._min_length is None else min(self._min_length, length)
        needs = 0
        for test, least in zip(tests, repeats, strict=True):
            assert test is not None
            bit = self.words.bit(test)
            self._alphabet |= bit
            if least and _lists_words(test):
                needs |= bit
        self._needs.add(needs)

    def windows(self, orths: list[int]) -> Iterator[tuple[int, int]]:
        """(start, end) of each run of alphabet words that can hold a pattern's match: long
        enough, and with a word for each listed-word test of the pattern."""
        if not self._alphabet or self._min_length is None:
            return
        alphabet, min_length = self._alphabet, self._min_length
        start, held = None, 0
        for n, word in enumerate([*self.words.passed(orths), 0]):
            if word & alphabet:
                if start is None:
                    start, held = n, 0
                held |= word
            elif start is not None:
                long_enough = n - start >= min_length
                if long_enough and any(need & held == need for need in self._needs):
                    yield start, n
                start = None


def _orths(doclike: Doc | Span) -> list[int]:
    """The word hashes of a document or span, read from its token array."""
    if isinstance(doclike, Span):
        return doclike.doc.to_array([ORTH])[doclike.start : doclike.end].tolist()
    return doclike.to_array([ORTH]).tolist()


def _test(token: dict[str, Any]) -> dict[str, Any] | None:
    """A pattern token's attribute tests (no operator), or None when one is not lexical or the
    operator negates them ("!": any other word can stand there)."""
    test = {key.upper(): value for key, value in token.items() if key.upper() != "OP"}
    if token.get("OP", token.get("op")) == "!" or not set(test) <= LEXICAL:
        return None
    return test


def _lists_words(test: dict[str, Any]) -> bool:
    """Whether a test passes only listed words ("Ministry"; one of a list of heads)."""
    for key in _NARROWING:
        value = test.get(key)
        if isinstance(value, str) or (isinstance(value, dict) and set(value) == {"IN"}):
            return True
    return False


def _narrows(test: dict[str, Any]) -> bool:
    return any(key in test for key in _NARROWING) or any(test.get(f) is True for f in _CASE_FLAGS)


def _least_repeats(token: dict[str, Any]) -> int:
    op = token.get("OP", token.get("op"))
    if op in (None, "+", "1"):
        return 1
    if op in ("?", "*"):
        return 0
    repeat = _REPEAT.fullmatch(op)
    return int(repeat.group(1) or 0) if repeat else 0
