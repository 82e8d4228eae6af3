"""Output records: the single source of truth for schemas/ and for every line extractor writes.

Records are frozen pydantic models with ``extra="forbid"`` so that a typo in a field name is a
validation error, not a silently different file. Later issues may add fields, never rename them.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SCHEMA_VERSION = "1.3"

# ISO 8601 calendar values at day, month or year granularity.
ISO_POINT = r"^\d{4}(-\d{2}(-\d{2})?)?$"
# A point or a closed interval "start/end" of two points.
ISO_VALUE = r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$"
ISO_DAY = r"^\d{4}-\d{2}-\d{2}$"
SHA256 = r"^[0-9a-f]{64}$"

IsoPoint = Annotated[str, Field(pattern=ISO_POINT)]
IsoValue = Annotated[str, Field(pattern=ISO_VALUE)]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


MediaType = Literal["text/html", "application/pdf"]


class PageRange(Record):
    """The pages of a PDF a section is on, 1-based, first and last included."""

    first: int = Field(ge=1)
    last: int = Field(ge=1)

    @model_validator(mode="after")
    def _ordered(self) -> PageRange:
        if self.last < self.first:
            raise ValueError(f"last page {self.last} is before first page {self.first}")
        return self


class Source(Record):
    """Where a document came from."""

    path: str | None = Field(description="Input path as given (or found under a given directory).")
    url: str | None = Field(description="URL the page was fetched from, when known.")
    sha256: str | None = Field(pattern=SHA256, description="SHA-256 of the raw bytes read.")
    encoding: str | None = Field(description="Character encoding used to decode the page.")
    bytes: int = Field(
        ge=0, description="Size of the raw input in bytes (compressed size for .gz)."
    )
    canonical_url: str | None = Field(
        default=None, description='<link rel="canonical"> or og:url of the page, when present.'
    )
    warc_offset: int | None = Field(
        default=None, ge=0, description="Byte offset of the record in `path`, for WARC input."
    )
    warc_record_id: str | None = Field(
        default=None, description="WARC-Record-ID of the record, for WARC input."
    )
    media_type: MediaType | None = Field(
        default=None,
        description="What the input was read as: text/html or application/pdf; null for an "
        "input rejected before its type was known.",
    )


class DateSpan(Record):
    """A closed span of calendar time; a single day has start == end."""

    start: IsoPoint
    end: IsoPoint
    text: str = Field(description="The text the span was read from.")

    @model_validator(mode="after")
    def _ordered(self) -> DateSpan:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


class _MentionBase(Record):
    text: str = Field(min_length=1)
    start: int = Field(ge=0, description="Character offset into the section's text.")
    end: int = Field(gt=0, description="Exclusive end offset into the section's text.")
    source: str = Field(
        description="What produced the mention: model (spaCy NER), ruler (country or "
        "organization patterns), gazetteer (known international organizations), appositive "
        '("X, an NPO"), acronym-definition, acronym (a later bare acronym), alias (an acronym '
        "linked through the gazetteer), grammar (dates)."
    )

    @model_validator(mode="after")
    def _span(self) -> _MentionBase:
        if self.end - self.start != len(self.text):
            raise ValueError(f"offsets {self.start}:{self.end} do not fit text {self.text!r}")
        return self


class OrgMention(_MentionBase):
    label: Literal["ORG"] = "ORG"
    name: str = Field(min_length=1, description="Canonical name of the organization.")
    acronym: str | None = None
    confidence: float = Field(
        ge=0, le=1, description="The decision's confidence that the name is an organization."
    )
    evidence: list[str] = Field(
        description="Kinds of evidence that decided, strongest first (label_consistency, "
        "org_head, acronym, word_frequency, structure, context, ...)."
    )


class CountryMention(_MentionBase):
    label: Literal["COUNTRY"] = "COUNTRY"
    iso2: str = Field(pattern=r"^[A-Z]{2}$")
    iso3: str = Field(pattern=r"^[A-Z]{3}$")
    name: str = Field(description="ISO 3166-1 short name.")


class DemonymMention(_MentionBase):
    """A demonym or national adjective ("Nepali workers", "Filipino volunteers").

    It names people or things of a country, not the country: documents list demonyms apart
    from countries (Entities.demonyms), so a country count never includes them.
    """

    label: Literal["DEMONYM"] = "DEMONYM"
    iso2: str = Field(pattern=r"^[A-Z]{2}$")
    iso3: str = Field(pattern=r"^[A-Z]{3}$")
    name: str = Field(description="ISO 3166-1 short name of the country the demonym refers to.")


class DateAnchor(Record):
    """What a date the text does not write in full was read against."""

    kind: Literal["published", "period", "mentioned"] = Field(
        description="published: the page's publication date; period: the report's period or "
        "the section's dated span; mentioned: the date the text gave last."
    )
    value: IsoValue


class DateMention(_MentionBase):
    label: Literal["DATE"] = "DATE"
    value: IsoValue
    relative: bool = Field(
        default=False,
        description='Resolved from context ("the following day", "on Tuesday", "last year").',
    )
    inferred: bool = Field(
        default=False,
        description='Part of the value was not written: a year-less date ("June 14") or a '
        "relative expression, placed by `anchor`, `cues` and `candidates`.",
    )
    anchor: DateAnchor | None = Field(
        default=None, description="What an inferred date was read against; null when written."
    )
    cues: list[str] = Field(
        default_factory=list,
        description='What decided an inferred date, strongest first ("tense past: said", '
        '"in period", "cue: last year", "nearest to published").',
    )
    candidates: list[int] = Field(
        default_factory=list,
        description="For a year-less date, the years that were weighed (the value holds the "
        "winner).",
    )


Mention = Annotated[
    OrgMention | CountryMention | DemonymMention | DateMention, Field(discriminator="label")
]


BlockKind = Literal["title", "heading", "paragraph", "list_item", "table_cell", "caption", "meta"]
# The article body: what a reader reads, without the title, captions and date/meta lines.
BODY_KINDS = frozenset({"heading", "paragraph", "list_item", "table_cell"})
# Every line of the sections except the title.
SECTION_KINDS = BODY_KINDS | {"caption", "meta"}


class TextBlock(Record):
    """One line of a section's text and what it is on the page."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    kind: BlockKind = Field(
        description="title, heading, paragraph, list_item, table_cell, caption (a figure "
        "caption) or meta (a date/meta line such as 'Date: ...' or a byline)."
    )


class Section(Record):
    """One heading-led or date-led block of a document, in reading order."""

    doc_id: str
    index: int = Field(ge=0, description="0-based reading order within the document.")
    heading: str | None
    level: int = Field(ge=0, le=7, description="0 for the title section, else the heading depth.")
    path: list[str] = Field(description="Headings of the enclosing sections, outermost first.")
    date: DateSpan | None = Field(description="The date span the heading carries.")
    text: str = Field(description="The heading line first, then the body; offsets index into it.")
    entities: list[Mention]
    blocks: list[TextBlock] = Field(
        default_factory=list,
        description="The lines of `text` in order, each with its kind; offsets index into text.",
    )
    pages: PageRange | None = Field(
        default=None, description="The pages of a PDF input the section is on; null for HTML."
    )

    @model_validator(mode="after")
    def _mentions_in_text(self) -> Section:
        for b in self.blocks:
            if b.end > len(self.text) or b.end < b.start:
                raise ValueError(f"block {b.start}:{b.end} is outside the text")
        for m in self.entities:
            if self.text[m.start : m.end] != m.text:
                raise ValueError(f"mention {m.text!r} is not at {m.start}:{m.end} of the text")
        return self


class OrgEntity(Record):
    name: str
    acronym: str | None
    confidence: float = Field(
        ge=0, le=1, description="The decision's confidence that the name is an organization."
    )
    mentions: int = Field(ge=1)
    surface_forms: list[str]


class CountryEntity(Record):
    iso2: str = Field(pattern=r"^[A-Z]{2}$")
    iso3: str = Field(pattern=r"^[A-Z]{3}$")
    name: str
    mentions: int = Field(ge=1)
    surface_forms: list[str]


class DateEntity(Record):
    value: IsoValue
    mentions: int = Field(ge=1)
    surface_forms: list[str]


class Entities(Record):
    """Unique entities of a document: exactly the union of its section mentions."""

    orgs: list[OrgEntity]
    countries: list[CountryEntity]
    dates: list[DateEntity]
    demonyms: list[CountryEntity] = Field(
        default_factory=list,
        description="Countries referred to only through a demonym or national adjective "
        "(DEMONYM mentions): never counted as countries.",
    )


class ExtractorInfo(Record):
    version: str
    model: str
    config_hash: str


class Document(Record):
    """One input page that was extracted."""

    schema_version: str = SCHEMA_VERSION
    doc_id: str
    source: Source
    title: str | None
    published: str | None = Field(pattern=ISO_DAY, description="The page's own publication day.")
    period: DateSpan | None = Field(description="Span of the event or activities reported.")
    language: str | None = Field(description="ISO 639-1 code of the page's language.")
    section_count: int = Field(ge=1)
    page_count: int | None = Field(
        default=None, ge=1, description="Pages of a PDF input; null for HTML."
    )
    entities: Entities
    entities_skipped: str | None = Field(
        default=None,
        description="Why no entities were extracted (e.g. 'language:pt' for a page the model's "
        "language does not cover); null when they were.",
    )
    extractor: ExtractorInfo
    duplicate_of: str | None = Field(
        default=None, description="doc_id of an earlier document of the run with identical bytes."
    )


# Why an input became a reject: the codes of the named errors in errors.py (DocumentError and its
# subclasses; tests/test_models.py holds the two lists equal). Listed here, so the reject schema
# names every code a consumer can meet.
RejectCode = Literal[
    "read_failed",
    "empty_input",
    "too_large",
    "bad_compression",
    "not_html",
    "bad_warc",
    "no_html_records",
    "http_error",
    "fetch_disallowed",
    "fetch_skipped",
    "fetch_failed",
    "no_content",
    "parse_failed",
    "too_deep",
    "encrypted_pdf",
    "no_text_layer",
    "bad_pdf",
    "too_many_pages",
    "timeout",
    "invalid_record",
    "internal_error",
    "worker_failed",
]


class Reject(Record):
    """One input that could not become a document, and why."""

    schema_version: str = SCHEMA_VERSION
    source: Source
    stage: str = Field(description="Pipeline stage that failed: load, clean, segment, ...")
    error: RejectCode = Field(
        description="Short stable error code: why the input was rejected (docs/output.md "
        "explains each)."
    )
    message: str = Field(min_length=1, description="A sentence a user understands.")

    @field_validator("message")
    @classmethod
    def _one_line(cls, v: str) -> str:
        return " ".join(v.split())


class Manifest(Record):
    """Run summary written to manifest.json."""

    schema_version: str = SCHEMA_VERSION
    extractor: ExtractorInfo
    versions: dict[str, str]
    counts: dict[str, int]
    rejects_by_error: dict[str, int]
    wall_seconds: float
    stage_seconds: dict[str, float]
    engine: Literal["local", "dask"] = Field(
        default="local",
        description="What ran the stages: local (this machine's processes) or dask (a Dask "
        "cluster); the records are the same either way.",
    )
    run_key: str | None = Field(
        default=None,
        description="Hash of the run's plan (inputs in order, extractor version, model, "
        "configuration): --resume leaves a completed run with the same key as it is.",
    )


class OrgAlias(Record):
    form: str = Field(description="A surface form or acronym as written in the sections.")
    count: int = Field(ge=1, description="Mentions written this way, over the corpus.")


class OrgOccurrence(Record):
    """The organization as one document names it (its entities.orgs record)."""

    doc_id: str
    name: str
    acronym: str | None
    mentions: int = Field(ge=1)


class CorpusOrg(Record):
    """One organization across the corpus: a line of orgs.jsonl."""

    org_id: str = Field(
        pattern=r"^org-[0-9a-f]{12}$",
        description="Stable id: the same for the same body across documents and reruns.",
    )
    name: str = Field(description="The name most mentions use (full names before acronyms).")
    acronym: str | None
    documents: int = Field(ge=1, description="Documents naming it (duplicates not counted).")
    mentions: int = Field(ge=1)
    aliases: list[OrgAlias] = Field(description="Every form seen, most written first.")
    occurrences: list[OrgOccurrence] = Field(description="Per document, in document order.")


EdgeKind = Literal["org-country", "org-org", "country-country"]


class Edge(Record):
    """Two entities mentioned in one section: a line of edges.jsonl."""

    doc_id: str
    section: int = Field(ge=0, description="The section's index in its document.")
    kind: EdgeKind
    source_id: str = Field(description="org_id, or ISO2 code for country-country.")
    source_name: str
    target_id: str = Field(
        description="ISO2 code for org-country and country-country, else org_id."
    )
    target_name: str
    count: int = Field(ge=1, description="Times the pair can be matched: the fewer mentions.")
    start: IsoPoint | None = Field(description="Start of the section's date span.")
    end: IsoPoint | None
    date_from: Literal["section", "document"] | None = Field(
        description="section: its own date; document: the document's period (the section has "
        "no date); null: neither has one."
    )


class Extraction(BaseModel):
    """What the library returns for one page: the document and its sections."""

    model_config = ConfigDict(frozen=True)

    document: Document
    sections: list[Section]
