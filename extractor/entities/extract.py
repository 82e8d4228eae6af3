"""Entities stage: sections -> ORG, COUNTRY, DEMONYM and DATE mentions with canonical values.

spaCy runs once over the sections of many pages (``nlp.pipe`` with ``as_tuples`` carrying the
page and section index); the pipeline's components (nlp.py) leave their findings in doc.spans:
organization names (``orgs``, already filtered), names of programmes and laws (``not_orgs``),
acronym definitions (``abbreviations``), countries and demonyms (``countries``), regions and
"Gulf of X" names (``places``). What they propose is then resolved per page by pure functions:
acronym definitions are vetted and linked across the page (and through the gazetteer), names
the patterns found only in headings need a mention elsewhere, overlaps are resolved (the longest
span wins, so a country inside an organization's name or a "Gulf of Guinea" is not a country),
organization names are merged per document, countries get ISO codes, and dates come from the
grammar anchored on the section's own date or the document's period.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import re
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from extractor import dates
from extractor.dates.types import PUBLISHED
from extractor.entities import abbreviations, countries, lexicon, places
from extractor.entities.nlp import (
    ABBREVIATION_SPANS,
    COUNTRY_SPANS,
    NER_VECTORS,
    NOT_ORG_SPANS,
    ORG_SPANS,
    PLACE_SPANS,
)
from extractor.entities.orgs import decision as org_decision
from extractor.entities.orgs import evidence as org_evidence
from extractor.entities.orgs import names as orgs
from extractor.models import (
    CountryMention,
    DateAnchor,
    DateMention,
    DemonymMention,
    Mention,
    OrgMention,
)
from extractor.sections.segment import SegmentedPage, posted_day
from extractor.settings import DEFAULT_MIN_ORG_CONFIDENCE

# spaCy's default max_length is 1,000,000 characters; sections are fed in pieces of at most
# this many characters, cut at line breaks, so no text is ever too long for the model.
PIECE_CHARS = 100_000

# Tie-break when two candidates have the same length: lower wins. A bare acronym defined on
# the page says more about where its name came from than the model or the gazetteer.
PRIORITY = {
    "acronym-definition": 0,
    "grammar": 1,
    "acronym": 2,
    "gazetteer": 3,
    "ruler": 4,
    "model": 5,
    "appositive": 6,
    "typed": 7,
}


@dataclass(frozen=True)
class Candidate:
    """A proposed mention in a section's text, before overlap resolution."""

    label: str  # ORG, COUNTRY, DEMONYM, DATE; LOC, NOT_ORG, LONG, SHORT before resolution
    start: int
    end: int
    source: str
    iso2: str | None = None  # COUNTRY
    value: str | None = None  # DATE; the other form of a LONG or SHORT acronym span
    relative: bool = False  # DATE
    inference: dates.Inference | None = None  # DATE: how its unwritten part was placed
    # ORG: the ner's vectors of the span's tokens, averaged (nlp.keep_ner_vectors), if kept.
    vector: tuple[float, ...] | None = field(default=None, compare=False, hash=False)


def annotate(
    pages: Sequence[SegmentedPage],
    nlp: Language,
    batch_size: int,
    model: org_decision.OrgModel | None = None,
    min_org_confidence: float = DEFAULT_MIN_ORG_CONFIDENCE,
    cache: ModelCache | None = None,
) -> list[list[list[Mention]]]:
    """Mentions for every section of every page (pages x sections x mentions); with `cache`,
    texts read before are not read by the model again."""
    proposed = model_candidates(pages, nlp, batch_size, cache)
    return [
        page_mentions(page, found, model, min_org_confidence)
        for page, found in zip(pages, proposed, strict=True)
    ]


class ModelCache:
    """The model's candidates of texts the run has read before (a site's about box, a standard
    programme description, a disclaimer), so that the model reads each such text once per
    process: what it finds in a text depends on that text alone (the model reads each text as
    one document), so a cached answer is the answer it would give again. A text's candidates
    are kept from its second reading on (a digest marks the first), at most MAX_TEXTS of them,
    the least recently used going first."""

    # A site's boilerplate is a few hundred texts; a kept text's candidates carry the ner's
    # vectors (a few kB), and memory must stay flat over a long run.
    MAX_TEXTS = 256
    MAX_SEEN = 50_000

    def __init__(self) -> None:
        self._seen: OrderedDict[bytes, None] = OrderedDict()
        self._kept: OrderedDict[bytes, tuple[Candidate, ...]] = OrderedDict()
        self.hits = 0

    def get(self, key: bytes) -> tuple[Candidate, ...] | None:
        found = self._kept.get(key)
        if found is not None:
            self._kept.move_to_end(key)
            self.hits += 1
        return found

    def put(self, key: bytes, candidates: tuple[Candidate, ...]) -> None:
        if key not in self._seen:  # a first reading: remembered, not kept
            self._seen[key] = None
            if len(self._seen) > self.MAX_SEEN:
                self._seen.popitem(last=False)
            return
        self._kept[key] = candidates
        if len(self._kept) > self.MAX_TEXTS:
            self._kept.popitem(last=False)


def _text_key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def model_candidates(
    pages: Sequence[SegmentedPage],
    nlp: Language,
    batch_size: int,
    cache: ModelCache | None = None,
) -> list[list[list[Candidate]]]:
    """Run spaCy over all sections of `pages` in one stream; candidates per page and section.
    With `cache`, a text read before is not read again."""
    limit = min(PIECE_CHARS, nlp.max_length)
    pieces = list(_pieces(pages, limit))
    read: list[tuple[Candidate, ...] | None] = [None] * len(pieces)
    keys = [_text_key(text) if cache is not None else b"" for text, _ in pieces]
    todo: list[tuple[str, int]] = []
    for n, (text, _) in enumerate(pieces):
        read[n] = cache.get(keys[n]) if cache is not None else None
        if read[n] is None:
            todo.append((text, n))
    docs = ((_made(nlp, text), n) for text, n in todo)
    for doc, n in nlp.pipe(docs, as_tuples=True, batch_size=batch_size):
        candidates = tuple(_doc_candidates(doc, 0))
        if cache is not None:
            cache.put(keys[n], candidates)
        read[n] = candidates
    found: list[list[list[Candidate]]] = [[[] for _ in p.sections] for p in pages]
    for (_, (p, s, offset)), known in zip(pieces, read, strict=True):
        assert known is not None
        found[p][s].extend(_shifted(known, offset))
    return found


def _made(nlp: Language, text: str) -> Doc:
    """The tokenized text, which keeps its text for the components that read it (spaCy joins
    it from the tokens at every doc.text)."""
    doc = nlp.make_doc(text)
    doc.user_data[abbreviations.TEXT_KEY] = text
    return doc


def _shifted(candidates: Iterable[Candidate], offset: int) -> Iterator[Candidate]:
    if not offset:
        yield from candidates
        return
    for c in candidates:
        yield replace(c, start=c.start + offset, end=c.end + offset)


def _pieces(
    pages: Sequence[SegmentedPage], limit: int
) -> Iterator[tuple[str, tuple[int, int, int]]]:
    for p, page in enumerate(pages):
        for s, section in enumerate(page.sections):
            for offset, piece in split_text(section.text, limit):
                yield piece, (p, s, offset)


def split_text(text: str, limit: int) -> Iterator[tuple[int, str]]:
    """(offset, piece) pieces of at most `limit` characters, cut after a newline when possible."""
    start = 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            cut = text.rfind("\n", start, end)
            end = cut + 1 if cut > start else end
        yield start, text[start:end]
        start = end


def _doc_candidates(doc: Doc, offset: int) -> Iterator[Candidate]:
    for ent in doc.ents:
        # Every label the model gives is evidence on the page's organization candidates.
        start, end = offset + ent.start_char, offset + ent.end_char
        yield Candidate("NER", start, end, "model", value=ent.label_)
        if ent.label_ == "GPE":
            country = countries.resolve(ent.text)
            if country:
                yield Candidate("COUNTRY", start, end, "model", iso2=country.iso2)
    vectors = doc.user_data.pop(NER_VECTORS, None)
    for span in doc.spans.get(ORG_SPANS, []):
        start, end = offset + span.start_char, offset + span.end_char
        yield Candidate("ORG", start, end, span.id_, vector=_mean(vectors, span.start, span.end))
    for span in doc.spans.get(COUNTRY_SPANS, []):
        start, end = offset + span.start_char, offset + span.end_char
        if span.label_ == countries.COUNTRY_LABEL:
            yield Candidate("COUNTRY", start, end, "ruler", iso2=span.id_)
        elif span.label_ == countries.DEMONYM_LABEL:
            yield Candidate("DEMONYM", start, end, "ruler", iso2=span.id_)
    for span in doc.spans.get(PLACE_SPANS, []):
        yield Candidate("LOC", offset + span.start_char, offset + span.end_char, "ruler")
    for span in doc.spans.get(NOT_ORG_SPANS, []):
        yield Candidate("NOT_ORG", offset + span.start_char, offset + span.end_char, "ruler")
    for span in doc.spans.get(ABBREVIATION_SPANS, []):
        # LONG/SHORT: `value` holds the other form of the definition.
        start, end = offset + span.start_char, offset + span.end_char
        vector = _mean(vectors, span.start, span.end)
        yield Candidate(span.label_, start, end, span.id_, value=span.kb_id_, vector=vector)


# Digits kept of the ner's vectors: enough for the decision, and the same on every machine.
VECTOR_DIGITS = 3


def _mean(vectors: Any, start: int, end: int) -> tuple[float, ...] | None:
    if vectors is None or end <= start:
        return None
    return tuple(vectors[start:end].mean(axis=0).round(VECTOR_DIGITS).tolist())


@dataclass(frozen=True)
class ResolvedPage:
    """A page's candidates after overlaps are resolved, before the organization decision."""

    chosen: list[list[Candidate]]
    names: dict[str, orgs.OrgName]
    orgs: list[org_evidence.OrgCandidate]


def resolve_page(page: SegmentedPage, proposed: Sequence[Sequence[Candidate]]) -> ResolvedPage:
    """Resolve one page's candidates section by section, and gather the evidence on each of
    its organizations.

    Acronym definitions are vetted (the long form must name a body) and linked across the
    page; organization names found by the org_ruler only in headings need a mention outside
    headings; overlaps are resolved (the longest span wins); names are merged per page.
    """
    texts = [s.text for s in page.sections]
    definitions, rejected = _vet_definitions(texts, proposed)
    definitions += _gazetteer_links(texts, proposed, definitions)
    acronyms = {short for _, short in definitions}
    chosen: list[list[Candidate]] = []
    written: tuple[int, ...] = ()  # the years written so far, in order, across sections
    days_named: dict[str, str] = {}  # a year-less day's month-day -> its first mention's value
    months_named: dict[int, tuple[int, int]] = {}  # month -> (year, page offset) last written
    days_seen: set[str] = set()  # the month-days of the days named so far
    offset = 0  # of the section's text in the page
    posted_days = _posted_days(page)
    for section, text, found in zip(page.sections, texts, proposed, strict=True):
        anchor = replace(_section_anchor(page, section.date), written_years=written)
        posted = posted_days[section.index]
        if posted and section.date is None and posted != page.published:
            anchor = replace(anchor, reference=dates.to_date(posted))  # a river's post
        found_dates = _same_day_same_year(dates.find_dates(text, anchor), days_named)
        found_dates = _month_told_before(found_dates, months_named, days_seen, offset)
        offset += len(text) + 1
        written += tuple(int(d.value[:4]) for d in found_dates if d.written_out)
        candidates = [
            r
            for r in (_retype(c, text) for c in found if c.label in MENTION_LABELS)
            if r is not None and not (r.label == "ORG" and text[r.start : r.end] in rejected)
        ]
        candidates.extend(_definition_candidates(text, found, definitions))
        candidates.extend(_acronym_candidates(text, acronyms))
        candidates.extend(
            Candidate(
                "DATE",
                d.start,
                d.end,
                "grammar",
                value=d.value,
                relative=d.relative,
                inference=d.inference,
            )
            for d in found_dates
        )
        chosen.append(_resolve(candidates))
    chosen = _confirm_heading_names(page, chosen)

    vectors = [_vectors_by_span(found) for found in proposed]
    found_orgs = [
        org_evidence.OrgMentionAt(
            s, c.start, c.end, c.source, c.vector or vectors[s].get((c.start, c.end))
        )
        for s, cs in enumerate(chosen)
        for c in cs
        if c.label == "ORG"
    ]
    names = orgs.canonicalize([texts[m.section][m.start : m.end] for m in found_orgs], definitions)
    view = org_evidence.PageView(
        texts=texts,
        blocks=[s.blocks for s in page.sections],
        labels=[
            (s, c.start, c.end, c.value or "")
            for s, found in enumerate(proposed)
            for c in found
            if c.label == "NER"
        ],
        defined=frozenset(acronyms),
    )
    return ResolvedPage(chosen, names, org_evidence.candidates(view, found_orgs, names))


def _same_day_same_year(
    found: Sequence[dates.DateMatch], days_named: dict[str, str]
) -> list[dates.DateMatch]:
    """A year-less day the page names again is the day it named first ("the Oscars on Feb. 9"
    in the lead, and again in a clause whose past tense is another verb's): it takes the first
    mention's year, unless a weekday written with it fixes its own. `days_named` carries the
    first values across the page's sections."""
    kept = []
    for match in found:
        inference = match.inference
        if inference is None or match.relative or not _DAY_VALUE.fullmatch(match.value):
            kept.append(match)
            continue
        first = days_named.setdefault(match.value[5:], match.value)
        own = any(cue.startswith("weekday") for cue in inference.cues)
        if first != match.value and not own:
            cues = (f"the same day as named before ({first})", *inference.cues)
            match = replace(match, value=first, inference=replace(inference, cues=cues))
        kept.append(match)
    return kept


_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")


def _month_told_before(
    found: Sequence[dates.DateMatch],
    months_named: dict[int, tuple[int, int]],
    days_seen: set[str],
    offset: int,
) -> list[dates.DateMatch]:
    """A story told in the past stays in its year: a year-less day of a month the text named
    with its year shortly before ("It was in December 2017 that everything changed. ... On
    December 12, two days after ...") takes that year, not the one nearest the publication
    day. Only for dates read from the publication day in a past or tenseless clause; a future,
    a deictic cue ("last December") or a weekday written with the date decides by itself.
    A day the page named before ("the war began on October 7", then "the attack on October 7"
    after "In October 2021") keeps its reading. `months_named` and `days_seen` carry across
    the page's sections."""
    kept = []
    for match in found:
        inference = match.inference
        month = _month_of(match.value)
        day = match.value[5:10] if _DAY_VALUE.fullmatch(match.value) else None
        named_before = day in days_seen
        if day:
            days_seen.add(day)
        if inference is None and month is not None and not match.relative:
            months_named[month] = (int(match.value[:4]), offset + match.start)
        told = months_named.get(month) if month is not None else None
        if (
            told is not None
            and not named_before
            and inference is not None
            and not match.relative
            and inference.anchor == PUBLISHED
            and day is not None
            and not any(c.startswith(_OWN_YEAR_CUES) for c in inference.cues)
            and offset + match.start - told[1] <= STORY_MONTH_MAX_CHARS
            and told[0] < int(match.value[:4])
        ):
            year = told[0]
            value = f"{year:04d}{match.value[4:]}"
            cue = f"the month told before with its year ({year:04d}-{month:02d})"
            match = replace(
                match, value=value, inference=replace(inference, cues=(cue, *inference.cues))
            )
        kept.append(match)
    return kept


def _month_of(value: str) -> int | None:
    found = _MONTH_VALUE.match(value)
    return int(found.group(1)) if found and "/" not in value else None


_MONTH_VALUE = re.compile(r"\d{4}-(\d\d)")
# Cues that fix a year-less date's year by themselves.
_OWN_YEAR_CUES = ("tense future", "cue:", "weekday", "the same day as named before", "in period")
# How far back in the page's text a month written with its year still sets the story's year.
STORY_MONTH_MAX_CHARS = 2000


def _vectors_by_span(found: Sequence[Candidate]) -> dict[tuple[int, int], tuple[float, ...]]:
    """The ner's vectors of a section's proposed spans by (start, end): a chosen organization
    made anew (an acronym definition's) takes the one proposed at its place."""
    by_span: dict[tuple[int, int], tuple[float, ...]] = {}
    for c in found:
        if c.vector is not None:
            by_span.setdefault((c.start, c.end), c.vector)
    return by_span


def page_mentions(
    page: SegmentedPage,
    proposed: Sequence[Sequence[Candidate]],
    model: org_decision.OrgModel | None = None,
    min_org_confidence: float = DEFAULT_MIN_ORG_CONFIDENCE,
) -> list[list[Mention]]:
    """Final mentions of one page: its resolved candidates, and the organizations the decision
    (the shipped model unless given) keeps, each with its confidence and the evidence that
    decided."""
    model = model or org_decision.load_model()
    resolved = resolve_page(page, proposed)
    decisions = {c.key: org_decision.decide(c, model, min_org_confidence) for c in resolved.orgs}
    texts = [s.text for s in page.sections]
    result: list[list[Mention]] = []
    for text, cs in zip(texts, resolved.chosen, strict=True):
        mentions: list[Mention] = []
        for c in cs:
            if c.label not in OUTPUT_LABELS:
                continue
            if c.label == "ORG":
                org = resolved.names[text[c.start : c.end]]
                decision = decisions[(org.name, org.acronym)]
                if decision.kept:
                    mentions.append(_org_mention(c, text, org, decision))
            else:
                mentions.append(_mention(c, text))
        result.append(mentions)
    return result


# Candidates that become mentions; LOC (regions, "Gulf of X") only take part in overlaps.
MENTION_LABELS = frozenset({"ORG", "COUNTRY", "DEMONYM", "LOC"})
OUTPUT_LABELS = frozenset({"ORG", "COUNTRY", "DEMONYM", "DATE"})
# Sources of names read from capitals and head nouns alone: unreliable in title-case lines.
PATTERN_SOURCES = frozenset({"ruler", "appositive"})
HEADING_KINDS = frozenset({"heading", "title"})


def _vet_definitions(
    texts: Sequence[str], proposed: Sequence[Sequence[Candidate]]
) -> tuple[list[tuple[str, str]], set[str]]:
    """Definitions whose long form names a body, and the acronyms of the others (and the long
    forms of those that name a thing)."""
    accepted: list[tuple[str, str]] = []
    rejected: set[str] = set()
    for text, found in zip(texts, proposed, strict=True):
        blockers = [(c.start, c.end) for c in found if c.label == "NOT_ORG"]
        for c in found:
            if c.label != "LONG" or not c.value:
                continue
            inside = any(s <= c.start and c.end <= e for s, e in blockers)
            pair = (text[c.start : c.end], c.value)
            # "Kobe University (Mymensingh)": a place in parentheses says where, not who.
            where = places.is_place(pair[1]) or countries.resolve(pair[1]) is not None
            # "Volatiles Investigating Polar Exploration Rover (VIPER) mission": a definition
            # that modifies the noun after it names a programme or a thing.
            thing = _noun_after_definition(text, c.end, pair[1]) and not _body_headed(pair[0])
            if _org_like(pair[0]) and not inside and not where and not thing:
                accepted.append(pair)
            else:
                rejected.add(pair[1])
            if thing:  # the long form names the same thing wherever it is written
                rejected.add(pair[0])
    return accepted, rejected - {short for _, short in accepted}


def _gazetteer_links(
    texts: Sequence[str],
    proposed: Sequence[Sequence[Candidate]],
    definitions: Sequence[tuple[str, str]],
) -> list[tuple[str, str]]:
    """(name as written, acronym) of known organizations whose name and acronym are both
    written on the page but never together ("World Food Programme" ... "WFP")."""
    known = _known_acronyms()
    defined = {short for _, short in definitions}
    links: list[tuple[str, str]] = []
    for text, found in zip(texts, proposed, strict=True):
        for c in found:
            if c.label != "ORG":
                continue
            name = text[c.start : c.end]
            acronym = known.get(orgs.org_key(name))
            if not acronym or acronym == name or acronym in defined:
                continue
            if any(_word_in(acronym, t) for t in texts):
                links.append((name, acronym))
    return links


@functools.lru_cache(maxsize=1)
def _known_acronyms() -> dict[str, str]:
    return {orgs.org_key(org.name): org.acronym for org in lexicon.known_orgs() if org.acronym}


def _word_in(word: str, text: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None


def _confirm_heading_names(
    page: SegmentedPage, chosen: list[list[Candidate]]
) -> list[list[Candidate]]:
    """Drop pattern-found names in headings and titles ("Network for Support of Migrant
    Workers") unless the same body is also found outside them."""
    outside: set[str] = set()
    flagged: list[list[bool]] = []
    for section, cs in zip(page.sections, chosen, strict=True):
        flags = []
        block_starts = [start for start, _, _ in section.blocks]  # blocks are in text order
        for c in cs:
            at = bisect.bisect_right(block_starts, c.start) - 1
            block = section.blocks[at] if at >= 0 else None
            in_heading = (
                c.label == "ORG"
                and block is not None
                and block[0] <= c.start
                and c.end <= block[1]
                and block[2] in HEADING_KINDS
            )
            flags.append(in_heading and c.source in PATTERN_SOURCES)
            if c.label == "ORG" and not in_heading:
                outside.add(orgs.org_key(section.text[c.start : c.end]))
        flagged.append(flags)
    return [
        [
            c
            for c, flag in zip(cs, flags, strict=True)
            if not flag or orgs.org_key(section.text[c.start : c.end]) in outside
        ]
        for section, cs, flags in zip(page.sections, chosen, flagged, strict=True)
    ]


def _posted_days(page: SegmentedPage) -> list[str | None]:
    """Per section, the day of the post it belongs to on a river of posts (two posts or more
    with their own days): the section's own "Published on" line, else the one its subsections
    hold (a post's meta line sits at its foot, under its last subheading), else its enclosing
    section's. None for the title section (the page's publication day reads it) and for every
    section of a page that is one article."""
    sections = page.sections
    own = [posted_day(s, page.page.day_first) for s in sections]
    if len({day for day in own if day}) < RIVER_MIN_POSTED_DAYS:
        return [None] * len(sections)
    # the first day a section's subsections hold, whichever subheading it is under
    below: list[str | None] = [None] * len(sections)
    open_sections: list[int] = []  # the sections enclosing the current one
    for i, section in enumerate(sections):
        while open_sections and sections[open_sections[-1]].level >= section.level:
            open_sections.pop()
        if own[i]:
            for j in open_sections:
                below[j] = below[j] or own[i]
        open_sections.append(i)
    days: list[str | None] = [None]
    enclosing: list[tuple[int, str | None]] = []  # (level, day) of the open sections
    for i in range(1, len(sections)):
        level = sections[i].level
        while enclosing and enclosing[-1][0] >= level:
            enclosing.pop()
        day = own[i] or below[i] or (enclosing[-1][1] if enclosing else None)
        days.append(day)
        enclosing.append((level, day))
    return days


# A page is a river of posts when this many sections carry their own "Published on" days.
RIVER_MIN_POSTED_DAYS = 2


def _section_anchor(page: SegmentedPage, date: dates.DateMatch | None) -> dates.Anchor:
    """A dated section anchors its own body; others use the document's period."""
    if date is None:
        return page.anchor
    start, end = dates.span_bounds(date.value)
    # A section dated by a month or a year spans all of it ("Clinching in November").
    return replace(page.anchor, period_start=dates.to_date(start), period_end=dates.last_date(end))


# Nouns after "Long Form (ABC)" that make the definition a programme's or a thing's name: the
# lexicon's following nouns ("initiative", "program") and vehicles and instruments.
THING_NOUNS = frozenset(
    "mission missions rover lander spacecraft probe telescope satellite rocket vehicle "
    "instrument stage capsule contract contracts".split()
)


def _body_headed(name: str) -> bool:
    """A name with a body's head noun: "the National Oceanic and Atmospheric Administration
    (NOAA) satellite" is the agency's satellite, the agency stays."""
    heads = lexicon.words("org_head")
    return places.head_word(name) in heads or name.split()[-1].lower() in heads


def _noun_after_definition(text: str, end: int, short: str) -> bool:
    """Whether the lowercase word after the parenthesized short form at `end` is a noun the
    name modifies."""
    after = re.match(rf"\s*[(\[]\s*{re.escape(short)}\s*[)\]]\s+([a-z]+)", text[end : end + 80])
    if not after:
        return False
    word = after.group(1)
    return word in THING_NOUNS or word in lexicon.words("following_noun")


def _org_like(long_form: str) -> bool:
    """A long form that names a body: capitalized content words, not a programme, a law, a
    country or a place."""
    if not orgs.is_plausible_org(long_form) or countries.resolve(long_form):
        return False
    if places.is_place(long_form) or not long_form[:1].isupper():
        return False
    # French and Italian elision: "d’Abidjan", "l’Environnement" are capitalized words.
    bare = re.sub(r"\b[dlDL][’']", "", long_form)
    words = [w for w in re.findall(r"[^\W\d_][\w'’&.-]*", bare) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) >= CAPITALIZED_SHARE


# Content words of a name are capitalized ("Japan Network Against Trafficking in Persons");
# a long form with many lowercase content words is a description, not a name. Some names keep
# a lowercase tail ("ASEAN Coordinating Centre for Humanitarian Assistance on disaster
# management": 5 of 7), so the bar is below three quarters.
CAPITALIZED_SHARE = 0.7


def _definition_candidates(
    text: str, found: Sequence[Candidate], definitions: Sequence[tuple[str, str]]
) -> Iterator[Candidate]:
    accepted = set(definitions)
    for c in found:
        surface = text[c.start : c.end]
        pair = (surface, c.value) if c.label == "LONG" else (c.value, surface)
        if c.label in ("LONG", "SHORT") and pair in accepted:
            yield Candidate("ORG", c.start, c.end, "acronym-definition")


def _acronym_candidates(text: str, acronyms: set[str]) -> Iterator[Candidate]:
    for acronym in sorted(acronyms):
        for match in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text):
            yield Candidate("ORG", match.start(), match.end(), "acronym")


def _retype(c: Candidate, text: str) -> Candidate | None:
    """Turn ORG spans that name a country ("Lao PDR") into COUNTRY; drop implausible ones."""
    if c.label != "ORG":
        return c
    surface = text[c.start : c.end]
    country = countries.resolve(surface)
    if country:
        return Candidate("COUNTRY", c.start, c.end, c.source, iso2=country.iso2)
    if c.source == "model" and not orgs.is_plausible_org(surface):
        return None  # the org_filter component drops these; candidates may come from elsewhere
    return c


def _resolve(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: longest first, then by source priority; in text order."""
    ranked = sorted(
        set(candidates),
        key=lambda c: (-(c.end - c.start), PRIORITY.get(c.source, 9), c.start, c.label),
    )
    taken: list[Candidate] = []  # non-overlapping, in text order
    starts: list[int] = []
    for c in ranked:
        i = bisect.bisect_right(starts, c.start)
        free = (i == 0 or taken[i - 1].end <= c.start) and (i == len(taken) or c.end <= starts[i])
        if c.end > c.start and free:
            taken.insert(i, c)
            starts.insert(i, c.start)
    return taken


def _org_mention(
    c: Candidate, text: str, org: orgs.OrgName, decision: org_decision.Decision
) -> OrgMention:
    return OrgMention(
        text=text[c.start : c.end],
        start=c.start,
        end=c.end,
        source=c.source,
        name=org.name,
        acronym=org.acronym,
        confidence=decision.confidence,
        evidence=list(decision.evidence),
    )


def _mention(c: Candidate, text: str) -> Mention:
    surface = text[c.start : c.end]
    if c.label in ("COUNTRY", "DEMONYM"):
        country = countries.by_iso2(c.iso2 or "")
        kind = CountryMention if c.label == "COUNTRY" else DemonymMention
        return kind(
            text=surface,
            start=c.start,
            end=c.end,
            source=c.source,
            iso2=country.iso2,
            iso3=country.iso3,
            name=country.name,
        )
    return DateMention(
        text=surface,
        start=c.start,
        end=c.end,
        source=c.source,
        value=c.value or "",
        relative=c.relative,
        **_inferred(c.inference),
    )


def _inferred(inference: dates.Inference | None) -> dict[str, Any]:
    """The DateMention fields that say how an inferred date was placed."""
    if inference is None:
        return {}
    return {
        "inferred": True,
        "anchor": DateAnchor(kind=inference.anchor, value=inference.anchor_value),
        "cues": list(inference.cues),
        "candidates": list(inference.candidates),
    }
