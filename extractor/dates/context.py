"""Context of a date expression: the tense of its clause, and the year it is given.

Both read a year-less date against its `Anchor`: `infer_year` places "June 14" or "in March"
in a year, `clause_tense` tells whether a news report speaks of the past or the future, which
decides between the two candidate years around the publication date (and between the last
Friday and the next one, in `relative`).
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Callable
from dataclasses import dataclass

from extractor.dates.lexer import MONTH, NUM, WORD, Token, at, is_valid, word_is
from extractor.dates.tables import (
    ABBREVIATIONS,
    BE_TO_NOT_FUTURE,
    CLAUSE_LINKS,
    DEICTIC_CUES,
    FUTURE_AUXILIARIES,
    FUTURE_BEFORE_TO,
    FUTURE_CUES,
    FUTURE_IN_PAST,
    FUTURE_PARTICIPLES,
    FUTURE_PREPOSITIONS,
    IRREGULAR_PAST,
    LINKED_PREPOSITIONS,
    MAIN_CLAUSE_SCHEDULE_VERBS,
    MODALS,
    MONTH_ABBREVIATIONS,
    NEGATIONS,
    NOT_PAST_ED,
    PAGE_NOUNS,
    PARTICIPLE_LINKS,
    PAST_CUES,
    PAST_PREPOSITIONS,
    PLURAL_PRONOUNS,
    PRESENT_AUXILIARIES,
    PRESENT_BE,
    PRESENT_FINITE,
    RELATIVE_PRONOUNS,
    RELATIVE_WORDS,
    REQUEST_LINKS,
    REQUEST_VERBS,
    REVISION_VERBS,
    SCHEDULE_VERBS,
    STATE_VERBS,
    VERB_ADVERBS,
)
from extractor.dates.types import PERIOD, PUBLISHED, Anchor, Inference

PAST, UNKNOWN, FUTURE = -1, 0, 1
NEAREST_PUBLISHED = "nearest to published"
TENSE_NAMES = {PAST: "past", FUTURE: "future"}


@dataclass(frozen=True)
class Tense:
    """The tense of a clause and the word that told it."""

    value: int = UNKNOWN
    cue: str = ""

    @property
    def evidence(self) -> str:
        return f"tense {TENSE_NAMES[self.value]}: {self.cue}" if self.value else ""


# --- tense ----------------------------------------------------------------------------------


def clause_tense(tokens: list[Token], first: int, end: int) -> int:
    """PAST, FUTURE or UNKNOWN: the tense of the clause around tokens[first:end]."""
    return read_tense(tokens, first, end).value


def read_tense(tokens: list[Token], first: int, end: int) -> Tense:
    """The tense of the clause around tokens[first:end], with its cue.

    The nearest cue before the date in its clause (back to a comma or the sentence start)
    decides, else the nearest after it, up to a comma (over the comma right after a date that
    opens the sentence: "In January, Apple announced"). A cue before a clause link ("and",
    "but") gives way to one after the date, in the date's own clause. Cues: auxiliaries and
    markers ("will", "was", "ago", "scheduled for"), present verbs of scheduled events ("the
    tour stops in Ohio on July 22"), modals before the date, past verb forms ("announced",
    "fell") unless in a present or future passive ("is held", "will be held", "will have been
    sold"), and "since" just before the date.
    """
    if word_is(tokens, first - 1, *PAST_PREPOSITIONS):
        return Tense(PAST, tokens[first - 1].text)
    if word_is(tokens, first - 1, "come") and _opens_sentence(tokens, first - 1):
        return Tense(FUTURE, tokens[first - 1].text)  # "Come November 19, those who..."
    if (
        word_is(tokens, first - 1, *FUTURE_PREPOSITIONS)
        and tokens[first].kind in (MONTH, NUM)  # a written date, not "by the end of the year"
        and not _opens_sentence(tokens, first - 1)  # "By March, sales had fallen"
        and not past_before(tokens, first - 1, finite_verbs=True)
    ):
        # "has been adjourned until July", "return it by January": the end of a state that
        # holds now, a deadline ahead; "stayed until July" is told in the past
        return Tense(FUTURE, tokens[first - 1].text)
    if revision := _revision_note(tokens, first):
        return Tense(UNKNOWN, f"{revision} (a revision of the page: near its publication)")
    if word_is(tokens, first - 1, *FUTURE_PARTICIPLES):
        return Tense(FUTURE, tokens[first - 1].text)  # "a scheduled Dec. 15 vote"
    before, linked, opens_sentence = Tense(), False, True
    complement = False  # a "for", "to" or "that" between a request verb and the date
    for k in range(first - 1, -1, -1):
        if tokens[k].text == "," or _ends_sentence(tokens, k):
            # "Then, on Friday, CEOs will front the committee": after one opening word the
            # date still opens the sentence
            opens_sentence = tokens[k].text != "," or _after_one_word(tokens, k)
            break
        if tokens[k].word in FUTURE_IN_PAST and not word_is(tokens, k + 1, "not"):
            # "would not comment on Monday" is a refusal on that day, no future
            before, opens_sentence = Tense(UNKNOWN, tokens[k].text), False
            break  # after the saying: the nearest reading
        if tokens[k].word in REQUEST_VERBS and complement:
            # "asked for ISP compliance between December 11 and January 4": what was asked
            # comes after the asking, before or after the publication day
            before, opens_sentence = Tense(UNKNOWN, tokens[k].text), False
            break
        complement = complement or tokens[k].word in REQUEST_LINKS
        if tense := _tense_at(tokens, k, modals=True):
            before, opens_sentence = _in_frame(tokens, k, tense), False
            break
        linked = linked or _links_clause(tokens, k, first)
    if before.cue and not linked:
        return before  # a cue, even one that says neither past nor future ("planned" after a past)
    after = Tense()
    for k in range(end + (opens_sentence and word_is(tokens, end, ",")), len(tokens)):
        if tokens[k].text == "," or _ends_sentence(tokens, k):
            break
        if tense := _tense_at(tokens, k, modals=False):
            after = _in_frame(tokens, k, tense)
            break
    if not after.value and opens_sentence:
        after = _main_clause_tense(tokens, end)  # "In a letter in May, X, the head of Y, wrote"
    # "went in search of stories, and from October onward they will be released": past a
    # link word, the date's own clause is the one after it
    if after.cue:
        return after
    return before if before.cue else _sentence_tense(tokens, first)


def _after_one_word(tokens: list[Token], comma: int) -> bool:
    """Whether the comma at tokens[comma] follows the sentence's one opening word ("Then,",
    "However,")."""
    return comma >= 1 and tokens[comma - 1].kind == WORD and _opens_sentence(tokens, comma - 1)


def _revision_note(tokens: list[Token], first: int) -> str | None:
    """The verb of a note on the page's own revision before tokens[first], in its sentence
    ("This blog post was edited on 9 July"). The page is revised after it is published, so
    its past tense does not push the day back a year: the reading nearest the publication
    day is taken."""
    verb, page = None, False
    for k in range(first - 1, -1, -1):
        if _ends_sentence(tokens, k):
            break
        word = tokens[k].word
        if word in REVISION_VERBS and verb is None:
            verb = tokens[k].text
        elif word == "this" and any(word_is(tokens, j, *PAGE_NOUNS) for j in (k + 1, k + 2)):
            page = True
    return verb if verb and page else None


def past_before(tokens: list[Token], k: int, finite_verbs: bool = False) -> bool:
    """Whether the clause before tokens[k] holds a past auxiliary ("was", "had"): "was used a
    million times by Thursday" tells of a past deadline; "has kept markets closed until
    Friday" does not. With `finite_verbs`, a finite past verb counts too ("stayed until
    July"), but not a perfect ("has been adjourned") nor a state ("stays closed")."""
    for j in range(k - 1, -1, -1):
        if tokens[j].text == "," or _ends_sentence(tokens, j):
            return False
        if tokens[j].word in PAST_CUES:
            return True
        if finite_verbs and _is_finite_past(tokens, j) and not word_is(tokens, j - 1, *STATE_VERBS):
            return True
    return False


def _links_clause(tokens: list[Token], k: int, first: int) -> bool:
    """Whether a link word at tokens[k] opens the date's own clause: right before the date or
    its preposition ("and in May he was replaced", "and from October onward"), not between two
    nouns ("charged with theft and assault on March 3")."""
    if tokens[k].word not in CLAUSE_LINKS:
        return False
    return k == first - 1 or (k == first - 2 and word_is(tokens, first - 1, *LINKED_PREPOSITIONS))


def _in_frame(tokens: list[Token], k: int, tense: int) -> Tense:
    """The tense cue at tokens[k], unless it is a future seen from a past report: "canceled an
    increase planned for Oct. 15", "was due to be released in September" speak of a time after
    a past moment, before or after the publication day, so the nearest reading is taken."""
    cue = Tense(tense, tokens[k].text)
    if tense != FUTURE or tokens[k].word in FUTURE_CUES or tokens[k].word in MODALS:
        return cue  # "will", "might": a future of the publication day
    if tokens[k].word in FUTURE_BEFORE_TO or _announces_schedule(tokens, k):
        return cue  # "plans to open", "the tour that stops": present, whatever was reported
    for j in range(k - 1, -1, -1):
        if tokens[j].text == "," or _ends_sentence(tokens, j):
            break  # "said the terminal, scheduled to open in June, is": another clause's past
        word = tokens[j].word
        if word in PAST_CUES or _is_finite_past(tokens, j):
            return Tense(UNKNOWN, tokens[k].text)
        if word in PRESENT_AUXILIARIES or word in FUTURE_CUES or word in PRESENT_FINITE:
            break
    return cue


def _main_clause_tense(tokens: list[Token], end: int) -> Tense:
    """The finite verb of the main clause after an opening phrase that holds the date, over the
    commas of an apposition: "In a letter to the president in May, Zippy Duvall, the head of
    the farm bureau, wrote that..." (finite forms only, as in `_sentence_tense`)."""
    k = end
    while k < len(tokens):
        if _ends_sentence(tokens, k):
            break
        if tokens[k].text == "," and word_is(tokens, k + 1, *RELATIVE_WORDS):
            k += 1  # ", which was renovated in 2019,": an aside, not the main clause
            while k < len(tokens) and tokens[k].text != "," and not _ends_sentence(tokens, k):
                k += 1
            continue
        if tense := _finite_tense(tokens, k):
            return Tense(tense, f"{tokens[k].text} (main clause)")
        k += 1
    return Tense()


def _sentence_tense(tokens: list[Token], first: int) -> Tense:
    """The tense of the sentence's main clause before a date whose own clause has none: "A man
    pleaded guilty Monday to threatening a congresswoman, in March, prosecutors said." Only
    finite forms count here (past verbs and auxiliaries, "will"): a clause of its own between
    commas often holds participles and infinitives of other times."""
    for k in range(first - 1, -1, -1):
        if _ends_sentence(tokens, k):
            break
        if tokens[k].text == ",":
            continue
        if tense := _finite_tense(tokens, k):
            return Tense(tense, f"{tokens[k].text} (sentence)")
    return Tense()


def _finite_tense(tokens: list[Token], k: int) -> int:
    """The tense of tokens[k] if it is a finite form (a past verb or auxiliary, "will"), else
    UNKNOWN: participles and infinitives of other clauses do not count."""
    tense = _tense_at(tokens, k, modals=False)
    word = tokens[k].word
    finite = word in FUTURE_CUES or word in PAST_CUES or _is_finite_past(tokens, k)
    return tense if finite else UNKNOWN


def _is_finite_past(tokens: list[Token], k: int) -> bool:
    """A past form with no auxiliary before it: the finite verb of a clause ("pleaded")."""
    before = at(tokens, k - 1)
    return _past_form(tokens, k) and before is not None and before.word not in _AUXILIARY_WORDS


def _past_form(tokens: list[Token], k: int) -> bool:
    """Whether tokens[k] is a past form ("said", "announced"); a capitalized word inside a
    sentence is a name ("Mohamed", "Ahmed"), not a verb."""
    word, text = tokens[k].word, tokens[k].text
    if text[:1].isupper() and not _opens_sentence(tokens, k):
        return False
    return word in IRREGULAR_PAST or (
        len(word) >= 5 and word.endswith("ed") and word.isalpha() and word not in NOT_PAST_ED
    )


_AUXILIARY_WORDS = (
    PRESENT_AUXILIARIES
    | FUTURE_AUXILIARIES
    | {"was", "were", "be", "been", "has", "have", "had", "the", "a", "an"}
)


def _ends_sentence(tokens: list[Token], k: int) -> bool:
    text = tokens[k].text
    if text in ("!", "?", ";"):
        return True
    if text != ".":
        return False
    before, after = at(tokens, k - 1), at(tokens, k + 1)
    if before is None or before.word in MONTH_ABBREVIATIONS:
        return False  # "Sept. 5": an abbreviation's dot ("in May." ends a sentence)
    if after is not None and (after.text == "," or after.text[0].islower()):
        return False  # "Rep. Omar, D-Minn., in March": an abbreviation's dot
    return not (len(before.text) == 1 or before.word in ABBREVIATIONS)


def _tense_at(tokens: list[Token], k: int, modals: bool) -> int:
    if tokens[k].kind == MONTH:
        return UNKNOWN  # "born in May. In September...": the month, not the modal
    word = tokens[k].word
    if word in ("could", "couldn") and _could_is_past(tokens, k):
        return PAST  # "could not be reached for comment Monday", "Neither team could score"
    if word in FUTURE_CUES or (modals and word in MODALS):
        return FUTURE
    if word in ("is", "are") and word_is(tokens, k + 1, "to"):
        verb = at(tokens, k + 2)  # "the minister is to visit Japan on Monday"
        if verb is not None and verb.kind == WORD and verb.word not in BE_TO_NOT_FUTURE:
            return FUTURE
    if word == "won" and word_is(tokens, k + 1, "'", "’") and word_is(tokens, k + 2, "t"):
        return FUTURE  # "won't" is "will not", not the past of "win"
    if word in FUTURE_BEFORE_TO and word_is(tokens, k + 1, "to"):
        return FUTURE
    if word in FUTURE_PARTICIPLES:
        announces = word_is(tokens, k + 1, *PARTICIPLE_LINKS) or word_is(tokens, k - 1, *PRESENT_BE)
        return FUTURE if announces else UNKNOWN
    if word in PAST_CUES:
        return PAST
    if _announces_schedule(tokens, k):
        return FUTURE
    if _past_form(tokens, k):
        return _participle_tense(tokens, k)
    return UNKNOWN


def _could_is_past(tokens: list[Token], k: int) -> bool:
    """Whether "could" at tokens[k] is the past of "can": negated ("could not", "couldn't") or
    after a negation in its clause ("Neither the Rams nor the Bears could score on Sunday")."""
    if tokens[k].word == "couldn" or word_is(tokens, k + 1, "not", "never"):
        return True
    for j in range(k - 1, -1, -1):
        if tokens[j].text == "," or _ends_sentence(tokens, j):
            break
        if tokens[j].word in NEGATIONS:
            return True
    return False


def _announces_schedule(tokens: list[Token], k: int) -> bool:
    """A scheduled event in the present tense, in the shapes that are rarely anything else: an
    -s form in a relative clause ("the tour that stops at Blossom on July 22", "the session
    that starts in early January"); the -s form of a verb of programmes and results as the verb
    of a statement ("The show opens to the public on Friday.", "Lowe's reports earnings
    Wednesday."); and a bare form after "they"/"we" or a team's name ("The Gophers (9-1) play
    Saturday", "They host the Lakers on Friday", "Lakers: Visit the Thunder on Friday").
    Elsewhere the -s form is too often a noun ("Housing starts in February fell") or a
    headline's present for a past day ("The Dow closes at a record on Friday")."""
    word, j = tokens[k].word, k - 1
    if _present_in_time_clause(tokens, k):
        return True
    if word_is(tokens, j, ")"):  # "The Gophers (9-1, 6-1) play Saturday": skip the aside
        while j >= 0 and tokens[j].text != "(":
            j -= 1
        j -= 1
    before = at(tokens, j)
    if before is None:
        return False
    verbs = SCHEDULE_VERBS | MAIN_CLAUSE_SCHEDULE_VERBS
    stem = next((w for w in (word[:-1], word[:-2]) if w in verbs), None)
    if word.endswith("s") and stem is not None:
        if before.word in RELATIVE_PRONOUNS:
            return stem in SCHEDULE_VERBS
        return stem in MAIN_CLAUSE_SCHEDULE_VERBS and _states(tokens, k, before)
    if word not in SCHEDULE_VERBS:
        return False
    # a name ending in -s, not a sentence's first word ("Polls open at 7 a.m. on Tuesday")
    named_plural = (
        before.kind == WORD
        and before.text[0].isupper()
        and before.word.endswith("s")
        and not _opens_sentence(tokens, j)
    )
    return before.word in PLURAL_PRONOUNS or named_plural or before.text == ":"


def _present_in_time_clause(tokens: list[Token], k: int) -> bool:
    """A present verb after a pronoun in a clause of time ("after it joins the court on
    April 1, it will press charges", "when they arrive on Monday"): English puts the future
    of such a clause in the present."""
    token = tokens[k]
    if token.kind != WORD or not word_is(tokens, k - 2, *TIME_CLAUSE_WORDS):
        return False
    if not _future_after_clause(tokens, k):
        return False  # "When they put it on sale in June, it sold out": "put" is past
    if word_is(tokens, k - 1, "it", "he", "she"):
        return token.word.endswith("s") and len(token.word) > 3 and not _past_form(tokens, k)
    return (
        word_is(tokens, k - 1, "they", "we", "you")
        and token.word.isalpha()
        and not _past_form(tokens, k)
    )


TIME_CLAUSE_WORDS = frozenset({"after", "when", "once", "before", "until"})


def _future_after_clause(tokens: list[Token], k: int) -> bool:
    """Whether the main clause after the time clause at tokens[k] (past its comma) holds a
    future or a modal ("..., it will press charges"), or a present of a schedule ("..., the
    talks begin")."""
    j = k
    while j < len(tokens) and tokens[j].text != "," and not _ends_sentence(tokens, j):
        j += 1
    if j >= len(tokens) or tokens[j].text != ",":
        return False
    for m in range(j + 1, len(tokens)):
        if _ends_sentence(tokens, m):
            return False
        word = tokens[m].word
        if word in FUTURE_CUES or word in MODALS:
            return True
        if _past_form(tokens, m) or word in PAST_CUES:
            return False
        if word in SCHEDULE_VERBS or word[:-1] in SCHEDULE_VERBS:
            return True  # "..., the talks begin"
    return False


def _states(tokens: list[Token], k: int, before: Token) -> bool:
    """Whether the -s form at tokens[k] is the finite verb of a sentence that ends with a full
    stop (a headline has none): after a name or a noun, not a determiner or a preposition,
    and with no past verb after it in its clause ("Housing starts in February fell 3%")."""
    if before.kind != WORD or before.word in _NOT_SUBJECT_ENDS:
        return False
    for j in range(k + 1, len(tokens)):
        if _ends_sentence(tokens, j):
            return tokens[j].text == "."
        if tokens[j].text != "," and _finite_tense(tokens, j) == PAST:
            return False
    return False


# Words a subject does not end with: "the votes", "in reports", "and closes".
_NOT_SUBJECT_ENDS = frozenset(
    "the a an this that these those its their his her our of in on at for to by from with and "
    "or but as".split()
)


def _opens_sentence(tokens: list[Token], k: int) -> bool:
    return k == 0 or _ends_sentence(tokens, k - 1)


def _participle_tense(tokens: list[Token], k: int) -> int:
    """The tense of a past form from its auxiliaries: "announced", "has announced" and "was
    held" are past, "will be held" and "will have been sold" future, "is held" present."""
    j = k - 1
    while word_is(tokens, j, *VERB_ADVERBS):
        j -= 1
    if word_is(tokens, j, "yet"):
        return UNKNOWN  # "has not yet qualified for the December debate": still to come
    if word_is(tokens, j, "been") and word_is(tokens, j - 1, "have", "has", "had"):
        j -= 2  # "will have been sold": the auxiliary before "have" decides
        if word_is(tokens, j, *FUTURE_AUXILIARIES):
            return FUTURE
        return PAST
    if word_is(tokens, j, *PRESENT_AUXILIARIES, *STATE_VERBS):
        return UNKNOWN  # "is held", "stay closed": present
    if word_is(tokens, j, "be"):
        return FUTURE if word_is(tokens, j - 1, *FUTURE_AUXILIARIES) else UNKNOWN
    return PAST


# --- year inference -------------------------------------------------------------------------


def is_deictic(cue: str | None) -> bool:
    """Whether a month's cue reads it against the reference ("last September")."""
    return (cue or "").partition(" ")[0] in DEICTIC_CUES


@dataclass(frozen=True)
class YearChoice:
    year: int
    inference: Inference


def infer_year(
    month: int | None,
    day: int | None,
    cue: str | None,
    anchor: Anchor | None,
    tense: Tense | None = None,
    weekday: int | None = None,
    frame: tuple[int, ...] = (),
) -> YearChoice | None:
    """The year of a year-less day or month, read from the anchor, with the evidence.

    With a period: the year that puts the date inside the period, else nearest to it (so
    January in a December-January period goes to the later year). With only a reference date
    (news): the latest occurrence on or before it when the clause is in the past tense ("was
    introduced in January"), the first on or after it in the future tense ("will open in
    March"), else the occurrence nearest to it, i.e. within six months either side. Ties go to
    the later year (reports announce more than they recall). "last/next/this June": before,
    after or in the reference year.
    """
    if anchor is None or month is None:
        return None
    tense = tense or Tense()
    reference, low, high = _bounds(anchor)
    if is_deictic(cue) and reference is not None:
        # With no publication day, "last April" and "next year" are said from the end of the
        # period the page reports on: a report is written once its period is over.
        reference = anchor.reference or anchor.period_end or reference
        word, _, unit = (cue or "").partition(" ")
        if word == "this":
            year = reference.year
        elif unit == "year":  # "October of next year", "September last year"
            year = reference.year + DEICTIC_CUES[word]
        elif word == "last":  # "last September": the latest September before this month
            year = reference.year - (month >= reference.month)
        else:
            year = reference.year + (month <= reference.month)
        source = PUBLISHED if anchor.reference else PERIOD
        return YearChoice(year, Inference(source, reference.isoformat(), (f"cue: {cue}",)))
    if reference is None or low is None or high is None:
        return None
    spans = {
        year: span
        for year in range(low.year - 1, high.year + 2)
        if (span := _calendar_span(year, month, day)) is not None  # no February 29 in 2023
    }
    weighed = tuple(spans)
    # "Tuesday, March 4": a weekday written with the day that fits one candidate year alone
    # is written evidence, stronger than the tense (a weekday that fits none is a slip).
    fitting = [
        y for y in spans if day is not None and datetime.date(y, month, day).weekday() == weekday
    ]
    if weekday is not None and len(fitting) == 1:
        evidence = (f"weekday: {calendar.day_name[weekday]}",)
        return YearChoice(fitting[0], Inference(*_source(anchor, reference), evidence, weighed))
    framed = next((year for year in reversed(frame) if year in spans), None)
    if framed is not None and not tense.value and anchor.period_start is None:
        # A verbless line (a list item, a table row) of a text that wrote a candidate year is
        # in the last such year: "July 2 - Blossom Music Center" after "their 2020 tour".
        evidence = (f"year written before: {framed}",)
        return YearChoice(framed, Inference(*_source(anchor, reference), evidence, weighed))
    chosen = _choose(spans, anchor, tense, reference, low, high)
    if chosen is None:
        return None
    year, cues = chosen
    return YearChoice(year, Inference(*_source(anchor, reference, cues), cues, weighed))


def infer_named_day(
    day_in: Callable[[int], datetime.date | None],
    cue: str | None,
    anchor: Anchor | None,
    tense: Tense | None = None,
) -> tuple[datetime.date, Inference] | None:
    """The day a named day without a year ("Thanksgiving", "last Christmas") falls on, read from
    the anchor as a year-less date is: inside the period or nearest to it; else on the side of
    the publication day the tense points to, nearest to it. `day_in(year)` gives its day."""
    if anchor is None:
        return None
    tense = tense or Tense()
    reference, low, high = _bounds(anchor)
    if reference is None or low is None or high is None:
        return None
    days = {y: d for y in range(low.year - 1, high.year + 2) if (d := day_in(y)) is not None}
    weighed = tuple(days)
    source = PUBLISHED if anchor.reference else PERIOD
    if cue in DEICTIC_CUES:
        step = DEICTIC_CUES[cue]
        fits = [d for d in days.values() if _on_side(d, reference, step)]
        if not fits:
            return None
        day = max(fits) if step < 0 else min(fits)
        return day, Inference(source, reference.isoformat(), (f"cue: {cue}",), weighed)
    chosen = _choose({y: (d, d) for y, d in days.items()}, anchor, tense, reference, low, high)
    if chosen is None:
        return None
    year, cues = chosen
    return days[year], Inference(*_source(anchor, reference, cues), cues, weighed)


def _bounds(
    anchor: Anchor,
) -> tuple[datetime.date | None, datetime.date | None, datetime.date | None]:
    """The reference day a year-less date is read from (the publication day, else the period),
    and the first and last day of the span its candidate years surround."""
    reference = anchor.reference or anchor.period_start or anchor.period_end
    low = anchor.period_start or anchor.period_end or anchor.reference
    high = anchor.period_end or anchor.period_start or anchor.reference
    return reference, low, high


def _choose(
    spans: dict[int, tuple[datetime.date, datetime.date]],
    anchor: Anchor,
    tense: Tense,
    reference: datetime.date,
    low: datetime.date,
    high: datetime.date,
) -> tuple[int, tuple[str, ...]] | None:
    """The year whose span wins, with the cues that decided: inside the period or nearest to it;
    outside it, on the side of the reference the tense points to (a tense no year fits says
    nothing), then nearest to the reference; ties to the later year."""
    candidates = []
    for year, span in spans.items():
        in_period = anchor.period_start is not None and _gap(span, low, high) == 0
        # A report's own dates stay in its period whatever the tense ("the presentations
        # on February 24"); the rest follows the tense from the reference. Nothing told in the
        # past happens after the publication day, in a period or not ("the concept previewed
        # in January", in a page whose period is next year's model year).
        if tense.value and not in_period and _against(tense.value, span, reference):
            continue
        published_before = anchor.reference is not None and span[0] > anchor.reference
        if tense.value == PAST and published_before:
            continue
        to_reference = _gap(span, reference, reference)
        to_period = _gap(span, low, high)
        if announces(anchor):  # news of an event ahead: outside it, read from the day written
            to_period = 0 if in_period else 1
        candidates.append(((to_period, to_reference, -year), year, in_period))
    if not candidates:
        return _choose(spans, anchor, Tense(), reference, low, high) if tense.value else None
    _, year, in_period = min(candidates)
    if anchor.period_start is not None and (in_period or not announces(anchor)):
        cues = ["in period" if in_period else "nearest to period"]
    else:
        cues = [NEAREST_PUBLISHED]
    if tense.value and not in_period:
        cues.insert(0, tense.evidence)
    return year, tuple(cues)


def announces(anchor: Anchor) -> bool:
    """Whether the page was published before its period began: news of an event ahead ("the
    referendum will run from November 20 to December 11", published in May). Its dates outside
    the period are read from the publication day, as a news item's are."""
    start = anchor.period_start
    return anchor.reference is not None and start is not None and anchor.reference < start


def _source(
    anchor: Anchor, reference: datetime.date, cues: tuple[str, ...] = ()
) -> tuple[str, str]:
    """What a year-less date was read against: the period when the page has one and the date
    was placed by it, else the publication day."""
    if anchor.period_start is not None and NEAREST_PUBLISHED not in cues:
        return PERIOD, period_value(anchor.period_start, anchor.period_end or anchor.period_start)
    return PUBLISHED, reference.isoformat()


def _on_side(day: datetime.date, reference: datetime.date, step: int) -> bool:
    """Whether a day is before (step -1), after (+1) or in the year of (0) the reference."""
    if step < 0:
        return day < reference
    return day > reference if step > 0 else day.year == reference.year


def period_value(start: datetime.date, end: datetime.date) -> str:
    """A period as an ISO value: a day, or an interval of days."""
    return start.isoformat() if start == end else f"{start.isoformat()}/{end.isoformat()}"


def _against(
    tense: int, span: tuple[datetime.date, datetime.date], reference: datetime.date
) -> bool:
    """Whether a date lies on the wrong side of the reference for the clause's tense."""
    return span[0] > reference if tense == PAST else span[1] < reference


def _calendar_span(
    year: int, month: int, day: int | None
) -> tuple[datetime.date, datetime.date] | None:
    if day is not None:
        return (datetime.date(year, month, day),) * 2 if is_valid(year, month, day) else None
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, 1), datetime.date(year, month, last)


def _gap(span: tuple[datetime.date, datetime.date], low: datetime.date, high: datetime.date) -> int:
    """Days between two closed intervals, 0 when they overlap."""
    if span[1] < low:
        return (low - span[1]).days
    if span[0] > high:
        return (span[0] - high).days
    return 0
