"""Validate stage: drafts and mentions -> the pydantic output records.

Every record is built through its pydantic model, so a record that breaks the contract raises
here and becomes a reject instead of a bad line in the output.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence

from pydantic import ValidationError

from extractor.errors import InvalidRecord
from extractor.models import (
    CountryEntity,
    CountryMention,
    DateEntity,
    DateMention,
    DateSpan,
    DemonymMention,
    Document,
    Entities,
    Extraction,
    ExtractorInfo,
    Mention,
    OrgEntity,
    OrgMention,
    PageRange,
    Section,
    Source,
    TextBlock,
)
from extractor.sections.segment import SegmentedPage


def make_doc_id(source: Source) -> str:
    """Stable id from where the page came from (URL, else path) and what it contained."""
    origin = source.url or source.path or ""
    blob = f"{origin}\n{source.sha256 or ''}".encode()
    return hashlib.sha256(blob).hexdigest()[:16]


def assemble(
    page: SegmentedPage,
    mentions: Sequence[Sequence[Mention]],
    source: Source,
    extractor: ExtractorInfo,
    duplicate_of: str | None = None,
    entities_skipped: str | None = None,
) -> Extraction:
    """Build and validate one document and its sections; raises InvalidRecord."""
    try:
        return _assemble(page, mentions, source, extractor, duplicate_of, entities_skipped)
    except ValidationError as exc:
        raise InvalidRecord(validation_message(exc)) from exc


def validation_message(exc: ValidationError) -> str:
    """spaCy-style short messages: '[field] message; [field] message'."""
    parts = []
    for error in exc.errors()[:5]:
        where = ".".join(str(p) for p in error["loc"]) or exc.title
        parts.append(f"[{where}] {error['msg']}")
    return f"{exc.title} failed validation: " + "; ".join(parts)


def _assemble(
    page: SegmentedPage,
    mentions: Sequence[Sequence[Mention]],
    source: Source,
    extractor: ExtractorInfo,
    duplicate_of: str | None,
    entities_skipped: str | None,
) -> Extraction:
    doc_id = make_doc_id(source)
    sections = [
        Section(
            doc_id=doc_id,
            index=draft.index,
            heading=draft.heading,
            level=draft.level,
            path=list(draft.path),
            date=_span(draft.date.value, draft.date.text) if draft.date else None,
            text=draft.text,
            entities=list(found),
            blocks=[TextBlock(start=s, end=e, kind=k) for s, e, k in draft.blocks],
            pages=PageRange(first=draft.pages[0], last=draft.pages[1]) if draft.pages else None,
        )
        for draft, found in zip(page.sections, mentions, strict=True)
    ]
    period = page.period
    document = Document(
        doc_id=doc_id,
        source=source,
        title=page.page.title,
        published=page.published,
        period=DateSpan(start=period.start, end=period.end, text=period.text) if period else None,
        language=page.page.language,
        section_count=len(sections),
        page_count=page.page.page_count,
        entities=aggregate([m for s in sections for m in s.entities]),
        entities_skipped=entities_skipped,
        extractor=extractor,
        duplicate_of=duplicate_of,
    )
    return Extraction(document=document, sections=sections)


def _span(value: str, text: str) -> DateSpan:
    start, _, end = value.partition("/")
    return DateSpan(start=start, end=end or start, text=text)


def aggregate(mentions: Sequence[Mention]) -> Entities:
    """Unique entities of a document: exactly the union of its mentions, sorted."""
    org_forms: dict[tuple[str, str | None], list[str]] = defaultdict(list)
    org_confidence: dict[tuple[str, str | None], float] = {}
    country_forms: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    date_forms: dict[str, list[str]] = defaultdict(list)
    demonym_forms: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for m in mentions:
        if isinstance(m, OrgMention):
            org_forms[(m.name, m.acronym)].append(m.text)
            org_confidence[(m.name, m.acronym)] = m.confidence
        elif isinstance(m, CountryMention):
            country_forms[(m.iso2, m.iso3, m.name)].append(m.text)
        elif isinstance(m, DateMention):
            date_forms[m.value].append(m.text)
        elif isinstance(m, DemonymMention):
            demonym_forms[(m.iso2, m.iso3, m.name)].append(m.text)
    return Entities(
        orgs=[
            OrgEntity(
                name=n,
                acronym=a,
                confidence=org_confidence[(n, a)],
                mentions=len(f),
                surface_forms=sorted(set(f)),
            )
            for (n, a), f in sorted(org_forms.items(), key=lambda kv: (kv[0][0], kv[0][1] or ""))
        ],
        countries=[
            CountryEntity(iso2=i2, iso3=i3, name=n, mentions=len(f), surface_forms=sorted(set(f)))
            for (i2, i3, n), f in sorted(country_forms.items())
        ],
        dates=[
            DateEntity(value=v, mentions=len(f), surface_forms=sorted(set(f)))
            for v, f in sorted(date_forms.items())
        ],
        demonyms=[
            CountryEntity(iso2=i2, iso3=i3, name=n, mentions=len(f), surface_forms=sorted(set(f)))
            for (i2, i3, n), f in sorted(demonym_forms.items())
        ],
    )
