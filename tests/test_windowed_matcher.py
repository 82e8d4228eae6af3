"""The rulers' Matcher that runs its patterns only over runs of tokens they can match
(entities/windowed_matcher.py): the same matches as spaCy's Matcher over the whole text."""

from __future__ import annotations

import spacy
from spacy.matcher import Matcher

from extractor.entities.orgs import names as orgs
from extractor.entities.windowed_matcher import WindowedMatcher, WordTests

_NLP = spacy.blank("en")

_TEXT = """\
The Sendai Framework for Disaster Risk Reduction was adopted in 2015. Officials of the Ministry
of Health, Labour and Welfare met the Foreign, Commonwealth & Development Office and UNICEF.
The workshop, organized by PAPS, an NPO that trains nurses, ran for three days in Kobe.
A White Paper on Gender Equality followed; the Directorate-General for Trade of the European
Commission, the NGO Live & Learn and the Kurume City Waterworks Bureau took part.
the plan of the ministry of health was discussed without capitals."""


def _both(patterns: list[dict]) -> tuple[Matcher, WindowedMatcher]:
    plain, windowed = Matcher(_NLP.vocab, validate=True), WindowedMatcher(_NLP.vocab, True)
    for entry in patterns:
        if isinstance(entry["pattern"], list):
            key = repr((entry["label"], entry.get("id", "")))
            plain.add(key, [entry["pattern"]])
            windowed.add(key, [entry["pattern"]])
    return plain, windowed


def _found(matcher: Matcher | WindowedMatcher, doc) -> list[str]:
    return sorted(doc[start:end].text for _, start, end in set(matcher(doc)))


def test_the_org_and_not_org_rulers_match_as_over_the_whole_text() -> None:
    doc = _NLP(_TEXT)
    for patterns in (orgs.not_org_patterns(), orgs.org_patterns()):
        plain, windowed = _both(list(patterns))
        assert set(windowed(doc)) == set(plain(doc))
        assert len(windowed) == len(plain)
    _, not_orgs = _both(list(orgs.not_org_patterns()))
    assert "Sendai Framework for Disaster Risk Reduction" in _found(not_orgs, doc)
    assert "White Paper on Gender Equality" in _found(not_orgs, doc)


def test_only_runs_of_pattern_words_that_hold_a_listed_word_are_read() -> None:
    _, windowed = _both(list(orgs.not_org_patterns()))
    doc = _NLP(_TEXT)
    windows = [doc[start:end].text for start, end in windowed.windows(doc)]
    assert windows == [
        "The Sendai Framework for Disaster Risk Reduction",
        "A White Paper on Gender Equality",
    ]
    # "of Health, Labour and Welfare", "the Foreign, Commonwealth & Development Office": runs
    # of name words, but with no programme's or law's head noun
    assert all("without" not in w for w in windows)  # lower-case prose is never read
    assert sum(end - start for start, end in windowed.windows(doc)) < len(doc) / 4


def test_a_lower_case_token_widens_only_its_own_patterns_runs_and_a_negated_one_reads_all():
    patterns = [
        {"label": "X", "pattern": [{"LOWER": "plan"}, {"LOWER": "of"}, {"IS_LOWER": True}]},
        {"label": "Y", "pattern": [{"LOWER": "the"}, {"TEXT": "plan", "OP": "!"}]},
        {"label": "Z", "pattern": [{"LOWER": "ministry"}, {"NORM": "of"}]},  # norm: set by context
    ]
    plain, windowed = _both(patterns)
    doc = _NLP(_TEXT)
    assert _found(windowed, doc) == _found(plain, doc)
    assert "plan of the" in _found(windowed, doc)
    # "X" is tried over the one lower-case run holding "plan" and "of" (up to the full stop)
    windows = [doc[start:end].text for start, end in windowed.windows(doc)]
    assert windows == ["the plan of the ministry of health was discussed without capitals"]


def test_a_span_is_matched_with_offsets_of_the_span_and_keys_can_be_removed() -> None:
    plain, windowed = _both(list(orgs.org_patterns()))
    doc = _NLP(_TEXT)
    span = doc[10:40]
    assert set(windowed(span)) == set(plain(span))
    key = repr(("ORG", "ruler"))
    assert key in windowed
    windowed.remove(key)
    assert key not in windowed
    assert all(doc.vocab.strings[k] != key for k, _, _ in windowed(doc))


def test_words_heard_for_the_first_time_in_a_later_text_are_learned() -> None:
    _, windowed = _both(list(orgs.not_org_patterns()))
    first = _NLP("The Tsunami Preparedness Programme began.")
    later = _NLP("The Zzyzx Quorvath Strategy began.")  # words no text had before
    plain, _ = _both(list(orgs.not_org_patterns()))
    for doc in (first, later):
        assert set(windowed(doc)) == set(plain(doc))
    assert "Zzyzx Quorvath Strategy" in _found(windowed, later)


def test_matchers_sharing_word_tests_learn_each_word_once_and_match_as_alone() -> None:
    words = WordTests(_NLP.vocab, validate=True)
    shared = []
    for patterns in (orgs.org_patterns(), orgs.not_org_patterns()):
        matcher = WindowedMatcher(_NLP.vocab, True, words=words)
        for entry in patterns:
            if isinstance(entry["pattern"], list):
                matcher.add(repr((entry["label"], entry.get("id", ""))), [entry["pattern"]])
        shared.append(matcher)
    doc = _NLP(_TEXT)
    for matcher, patterns in zip(
        shared, (orgs.org_patterns(), orgs.not_org_patterns()), strict=True
    ):
        plain, _ = _both(list(patterns))
        assert set(matcher(doc)) == set(plain(doc))
    assert len(words._memo) == len({token.orth for token in doc})  # each word learned once


def test_a_full_word_memo_starts_over_without_losing_a_word(monkeypatch) -> None:
    from extractor.entities import windowed_matcher

    monkeypatch.setattr(windowed_matcher, "MEMO_SIZE", 12)  # a few words: full at once
    plain, windowed = _both(list(orgs.not_org_patterns()))
    for text in (_TEXT, "The Zzyzx Quorvath Strategy began. " + _TEXT, _TEXT):
        doc = _NLP(text)
        assert set(windowed(doc)) == set(plain(doc))
