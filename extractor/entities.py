"""Entities stage: sections -> ORG, COUNTRY and DATE mentions with canonical values.

spaCy runs once over the sections of many pages (``nlp.pipe`` with ``as_tuples`` carrying the
page and section index). What the model and the rulers propose is then resolved per page by pure
functions: overlaps (the longest span wins, so a country inside an organization's name is not a
country), organization names and acronyms (merged per document), ISO country codes, and dates
from the grammar anchored on the section's own date or the document's period.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from . import countries, dates, orgs
from .models import CountryMention, DateMention, Mention, OrgMention
from .nlp import COUNTRY_SPANS
from .segment import SegmentedPage

LOGGER = logging.getLogger(__name__)

# spaCy's default max_length is 1,000,000 characters; sections are fed in pieces of at most
# this many characters, cut at line breaks, so no text is ever too long for the model.
PIECE_CHARS = 100_000

# Tie-break when two candidates have the same length: lower wins.
PRIORITY = {"acronym-definition": 0, "grammar": 1, "ruler": 2, "model": 3, "acronym": 4}


@dataclass(frozen=True)
class Candidate:
    """A proposed mention in a section's text, before overlap resolution."""

    label: str  # ORG, COUNTRY, DATE
    start: int
    end: int
    source: str
    iso2: str | None = None  # COUNTRY
    value: str | None = None  # DATE
    relative: bool = False  # DATE


def annotate(
    pages: Sequence[SegmentedPage], nlp: Language, batch_size: int
) -> list[list[list[Mention]]]:
    """Mentions for every section of every page (pages x sections x mentions)."""
    proposed = model_candidates(pages, nlp, batch_size)
    return [page_mentions(page, found) for page, found in zip(pages, proposed, strict=True)]


def model_candidates(
    pages: Sequence[SegmentedPage], nlp: Language, batch_size: int
) -> list[list[list[Candidate]]]:
    """Run spaCy over all sections of `pages` in one stream; candidates per page and section."""
    found: list[list[list[Candidate]]] = [[[] for _ in p.sections] for p in pages]
    docs = nlp.pipe(_pieces(pages), as_tuples=True, batch_size=batch_size)
    for doc, (p, s, offset) in docs:
        found[p][s].extend(_doc_candidates(doc, offset))
    return found


def _pieces(pages: Sequence[SegmentedPage]) -> Iterator[tuple[str, tuple[int, int, int]]]:
    for p, page in enumerate(pages):
        for s, section in enumerate(page.sections):
            for offset, piece in split_text(section.text, PIECE_CHARS):
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
        if ent.label_ == "ORG":
            yield Candidate("ORG", offset + ent.start_char, offset + ent.end_char, "model")
        elif ent.label_ == "GPE":
            country = countries.resolve(ent.text)
            if country:
                start, end = offset + ent.start_char, offset + ent.end_char
                yield Candidate("COUNTRY", start, end, "model", iso2=country.iso2)
    for span in doc.spans.get(COUNTRY_SPANS, []):
        if span.label_ == "COUNTRY":
            start, end = offset + span.start_char, offset + span.end_char
            yield Candidate("COUNTRY", start, end, "ruler", iso2=span.id_)


def page_mentions(
    page: SegmentedPage, proposed: Sequence[Sequence[Candidate]]
) -> list[list[Mention]]:
    """Resolve one page's candidates into final mentions, section by section."""
    texts = [s.text for s in page.sections]
    definitions = _definitions(texts)
    acronyms = {short for _, short in definitions}
    chosen: list[list[Candidate]] = []
    for section, text, found in zip(page.sections, texts, proposed, strict=True):
        anchor = _section_anchor(page, section.date)
        candidates = [_retype(c, text) for c in found]
        candidates.extend(_definition_candidates(text))
        candidates.extend(_acronym_candidates(text, acronyms))
        candidates.extend(
            Candidate("DATE", d.start, d.end, "grammar", value=d.value, relative=d.relative)
            for d in dates.find_dates(text, anchor)
        )
        chosen.append(_resolve(c for c in candidates if c is not None))

    org_texts = [
        t[c.start : c.end]
        for t, cs in zip(texts, chosen, strict=True)
        for c in cs
        if c.label == "ORG"
    ]
    names = orgs.canonicalize(org_texts, definitions)
    return [[_mention(c, text, names) for c in cs] for text, cs in zip(texts, chosen, strict=True)]


def _section_anchor(page: SegmentedPage, date: dates.DateMatch | None) -> dates.Anchor:
    """A dated section anchors its own body; others use the document's period."""
    if date is None:
        return page.anchor
    start, end = dates.span_bounds(date.value)
    return dates.Anchor(
        reference=page.anchor.reference,
        period_start=dates.to_date(start),
        period_end=dates.to_date(end),
        fiscal_year_start_month=page.anchor.fiscal_year_start_month,
    )


def _definitions(texts: Iterable[str]) -> list[tuple[str, str]]:
    return [
        (pair.long, pair.short)
        for text in texts
        for pair in orgs.find_acronym_pairs(text)
        if _org_like(pair.long)
    ]


def _org_like(long_form: str) -> bool:
    """A long form that names a body: capitalized content words, not a programme or a law."""
    if not orgs.is_plausible_org(long_form) or countries.resolve(long_form):
        return False
    words = [w for w in re.findall(r"[^\W\d_][\w'’&.-]*", long_form) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) >= CAPITALIZED_SHARE


# Content words of a name are capitalized ("Japan Network Against Trafficking in Persons");
# a long form with many lowercase content words is a description, not a name.
CAPITALIZED_SHARE = 0.75


def _definition_candidates(text: str) -> Iterator[Candidate]:
    for pair in orgs.find_acronym_pairs(text):
        if _org_like(pair.long):
            yield Candidate("ORG", pair.long_start, pair.long_end, "acronym-definition")
            yield Candidate("ORG", pair.short_start, pair.short_end, "acronym-definition")


def _acronym_candidates(text: str, acronyms: set[str]) -> Iterator[Candidate]:
    for acronym in sorted(acronyms):
        for match in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text):
            yield Candidate("ORG", match.start(), match.end(), "acronym")


def _retype(c: Candidate, text: str) -> Candidate | None:
    """Trim ORG spans ("the", possessive) and turn ORG spans that name a country into COUNTRY."""
    if c.label != "ORG":
        return c
    surface = text[c.start : c.end]
    country = countries.resolve(surface)
    if country:
        return Candidate("COUNTRY", c.start, c.end, c.source, iso2=country.iso2)
    lead, tail = orgs.trim_org(surface)
    trimmed = surface[lead:tail]
    if not orgs.is_plausible_org(trimmed):
        return None
    return Candidate("ORG", c.start + lead, c.start + tail, c.source)


def _resolve(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: longest first, then by source priority; in text order."""
    ranked = sorted(
        set(candidates), key=lambda c: (-(c.end - c.start), PRIORITY.get(c.source, 9), c.start)
    )
    taken: list[Candidate] = []
    for c in ranked:
        if c.end > c.start and all(c.end <= t.start or c.start >= t.end for t in taken):
            taken.append(c)
    return sorted(taken, key=lambda c: (c.start, c.end))


def _mention(c: Candidate, text: str, names: dict[str, orgs.OrgName]) -> Mention:
    surface = text[c.start : c.end]
    if c.label == "ORG":
        org = names[surface]
        return OrgMention(
            text=surface,
            start=c.start,
            end=c.end,
            source=c.source,
            name=org.name,
            acronym=org.acronym,
        )
    if c.label == "COUNTRY":
        country = countries.by_iso2(c.iso2 or "")
        return CountryMention(
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
    )
