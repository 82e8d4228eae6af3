"""Organization and country gold for meantime-en, converted from MEANTIME's CAT XML.

The CAT files (``original/intra-doc_annotation/corpus_*/*.xml``) hold the tokens (``t_id``,
``sentence``), ENTITY_MENTION markables anchored to token ids (with a ``syntactic_type``: NAM,
NOM, PRO, PRE.NAM for a name used as a modifier, CONJ, APP...; the airbus and gm folders leave it
mostly empty), ENTITY instances (``ent_type`` ORG, LOC, PER, PRO, FIN, MIX) and REFERS_TO
relations from mentions (sources) to their entity (target). `read_cat` parses one file,
`build_gold` turns it into a document-level `dev.Gold` in the dev set's terms (GOLD_FORMAT.md),
so `dev.score_orgs` and `dev.score_set` score it unchanged. Only mentions in the sentences that
`html/NAME.html` shows count (`shown_sentences`: the title, the dateline and the annotated body).

Names. A mention's tokens are cut into segments at ``,`` ``(`` ``)`` ``--`` ``:`` ``;``. The
name of a segment is its longest trailing run of adjacent capitalized tokens (the head of an
English noun phrase is its last word), joined by "of", "for", "and", "&", "-", "de"... and
stripped of connectors and a leading "the": "Los Angeles based Northrop Grumman" -> "Northrop
Grumman", "the United Kingdom 's Royal Air Force" -> "Royal Air Force"; a segment that is a
country's name is kept whole ("People 's Republic of China"). A mention's name is that of its
first segment that has one ("European aircraft manufacturer , Airbus" -> "Airbus"); a
parenthesized short all-caps segment is its acronym, kept apart ("Singapore Airlines ( SIA )").
A NAM mention whose head is a common noun is named by its last capitalized run unless that is a
demonym or a place ("the Old Mutual insurance company" -> "Old Mutual"). A name is not the
entity's when its tokens are exactly another entity's mention, or when it is a coordination
("Boeing and Lockheed Martin") overlapping another entity's mention.

Organizations (`orgs`). An ORG entity with at least one named mention: syntactic_type NAM, or an
untyped mention that yields a name: not a pronoun, not a lone sentence-initial word that the
document also writes in lower case ("Automaker"), not a piece of a longer capitalized run
("Force" of "Boeing-Air Force"). Its `name` is the longest of those names (GOLD_FORMAT's "longest
form written in the text"); its `acronym` the parenthesized one, else a short all-caps name of
the same entity (an org named only by an acronym has name = acronym, as in the dev gold).
Entities whose keys (name or acronym) overlap are one org. MEANTIME types products (PRO:
"iPhone", "Airbus A380") and indices (FIN: "Dow Jones Industrial Average", "FTSE 100") apart
from ORG, so they are never organizations, gold or optional.

Optional organizations (`orgs_optional`), where the annotation is ambiguous:
- an ORG entity named only as a modifier (PRE.NAM: "Intel processors", "Air France flight");
- an ORG entity whose name's head word (`head_word`) is an index, product, venue, flight or
  programme word (`NOT_ORG_HEADS`) or a court, parliament or government (`OPTIONAL_ORG_HEADS`,
  optional in GOLD_FORMAT.md), and such bodies named in any mention ("US Bankruptcy Court");
- ORG names that are places ("Europe" of "European manufacturers"; a government typed ORG and
  named as a country gives that country instead);
- the other named forms of a gold org (MEANTIME's coreference merges variants and divisions:
  "Apple" beside "Apple Inc.", "Boeing" in the "Boeing Commercial Airplanes" entity);
- capitalized runs inside the nominal mentions of an ORG entity with no named mention ("G7" of
  "The G7 nations");
- bodies MEANTIME types LOC ("the US Government", "The European Commission": `BODY_HEADS`);
- the maker before a model number in a product's name ("Airbus" of "Airbus A380");
- names the annotation leaves untyped: named mentions linked to no entity (and names in their
  later segments), and capitalized runs outside every ENTITY_MENTION, TIMEX3 and VALUE.

Countries (`countries`). A LOC entity (or an ORG entity, such as a government, whose name is a
country's) with a mention that `extractor.entities.countries.resolve` maps to a sovereign state:
the first named segment, after "government"/"administration" words are dropped, so governments
typed LOC ("the government of Germany", "the US government") give their country. Optional
(`countries_optional`): a country whose mention lies inside an organization's name ("US" of "US
Air Force", as GOLD_FORMAT.md rules), demonyms ("American", "the Russian government") of
countries not otherwise named, non-sovereign entries (Hong Kong), countries in a LOC mention's
later segments ("Toulouse , France"), LOC entities whose mentions do not resolve but whose
annotated descriptor or DBpedia reference does ("America", "the White House"), the country of an
ORG's name-as-place ("Qatar" for Qatar Airways), and untyped names that resolve.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from extractor.entities import countries
from extractor.evaluate.dev import Gold, Org, normalize

ORG_TYPE = "ORG"
LOC_TYPE = "LOC"
PRODUCT_TYPE = "PRO"
NAMED = "NAM"
MODIFIER_NAME = "PRE.NAM"
COORDINATION = "CONJ"
DATELINE_SENTENCE = 1
BODY_START = 2  # sentence 0 is the title, 1 the dateline; one <p> per sentence from 2 on
CAT_GLOB = "original/intra-doc_annotation/corpus_*/*.xml"

# Markables whose tokens are accounted for: a capitalized word outside them is an untyped name.
NAME_MARKABLES = frozenset({"ENTITY_MENTION", "TIMEX3", "VALUE"})
SEGMENT_BREAKS = frozenset({",", "(", ")", "--", ":", ";"})
CONNECTORS = frozenset({"of", "for", "and", "&", "-", "the", "de", "du", "des", "la", "von", "van"})
COORDINATORS = frozenset({"and", "&", "or"})
QUOTES = frozenset({"``", "''", '"', "`"})
PRONOUNS = frozenset(
    {
        "it", "its", "we", "our", "us", "they", "their", "them", "he", "she", "his", "her",
        "this", "that", "these", "those", "which", "who", "another", "all", "both", "each",
    }
)  # fmt: skip
GOVERNMENT_WORDS = frozenset({"government", "governments", "administration"})
# Last words of names that are not organizations: indices, products, venues, flights, programmes.
NOT_ORG_HEADS = frozenset(
    {
        "index", "indices", "indexes", "average", "composite", "airport", "stadium", "arena",
        "terminal", "flight", "program", "programme", "aircraft", "airliner", "jet",
    }
)  # fmt: skip
# Heads of bodies GOLD_FORMAT.md makes optional: courts, parliaments, governments.
OPTIONAL_ORG_HEADS = frozenset(
    {"court", "courts", "senate", "congress", "parliament", "government", "house"}
)
# Heads of names of bodies: a LOC entity so named is a body MEANTIME typed as a place.
BODY_HEADS = frozenset(
    {
        "government", "commission", "ministry", "council", "agency", "office", "department",
        "administration", "bank", "union", "house", "authority", "parliament", "senate",
    }
)  # fmt: skip
PLACES = frozenset(
    {"europe", "asia", "africa", "america", "north america", "south america", "oceania"}
)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.\-]{1,7}$")
_NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", ")", "%", "'s", "n't", "'", "''"})
_NO_SPACE_AFTER = frozenset({"(", "$", "US$", "``"})


@dataclass(frozen=True)
class Token:
    t_id: str
    text: str
    sentence: int
    index: int  # position in the document
    first: bool  # the first word of its sentence (quotes and brackets skipped)


@dataclass(frozen=True)
class Mention:
    m_id: str
    syntactic_type: str  # "" when the corpus leaves it out
    tokens: tuple[Token, ...]


@dataclass(frozen=True)
class Entity:
    m_id: str
    ent_type: str
    descriptor: str  # the annotators' TAG_DESCRIPTOR
    external_ref: str
    mentions: tuple[Mention, ...]


@dataclass(frozen=True)
class CatDoc:
    name: str  # doc_name, the stem of html/NAME.html
    tokens: tuple[Token, ...]
    entities: tuple[Entity, ...]
    unlinked: tuple[Mention, ...]  # entity mentions no REFERS_TO links to an entity
    marked: frozenset[str] = frozenset()  # t_ids of entity mentions, TIMEX3 and VALUE

    @functools.cached_property
    def lowercase_words(self) -> frozenset[str]:
        """Words the document writes in lower case ("automaker"), so not names there."""
        return frozenset(t.text for t in self.tokens if t.text[:1].islower())


@dataclass(frozen=True)
class Named:
    """What one mention names: a name (possibly None) and a parenthesized acronym."""

    name: str | None
    acronym: str | None
    tokens: frozenset[str]  # t_ids of the name


# --- reading -------------------------------------------------------------------------------


def read_cat(source: Path | bytes) -> CatDoc:
    """Parse one CAT XML file (a path or its bytes)."""
    root = ET.fromstring(source) if isinstance(source, bytes) else ET.parse(source).getroot()
    tokens = _tokens(root)
    by_id = {t.t_id: t for t in tokens}
    markables = root.find("Markables")
    mentions = {
        m.get("m_id", ""): _mention(m, by_id)
        for m in (markables if markables is not None else [])
        if m.tag == "ENTITY_MENTION"
    }
    entity_elements = [m for m in (markables if markables is not None else []) if m.tag == "ENTITY"]
    sources = _refers_to(root)
    linked = {s for ids in sources.values() for s in ids}
    entities = tuple(
        Entity(
            m_id=e.get("m_id", ""),
            ent_type=e.get("ent_type", ""),
            descriptor=e.get("TAG_DESCRIPTOR", ""),
            external_ref=e.get("external_ref", ""),
            mentions=tuple(
                mentions[s] for s in sources.get(e.get("m_id", ""), []) if s in mentions
            ),
        )
        for e in entity_elements
    )
    unlinked = tuple(m for mid, m in mentions.items() if mid not in linked)
    marked = frozenset(
        a.get("t_id", "")
        for m in (markables if markables is not None else [])
        if m.tag in NAME_MARKABLES
        for a in m.findall("token_anchor")
    )
    return CatDoc(root.get("doc_name", ""), tokens, entities, unlinked, marked)


def _tokens(root: ET.Element) -> tuple[Token, ...]:
    out: list[Token] = []
    started: set[int] = set()  # sentences whose first word has been seen
    for i, t in enumerate(root.iter("token")):
        sentence, text = int(t.get("sentence", "0")), t.text or ""
        first = sentence not in started and any(c.isalnum() for c in text)
        if first:
            started.add(sentence)
        out.append(Token(t.get("t_id", ""), text, sentence, i, first))
    return tuple(out)


def _mention(element: ET.Element, by_id: dict[str, Token]) -> Mention:
    ids = [a.get("t_id", "") for a in element.findall("token_anchor")]
    tokens = sorted((by_id[i] for i in ids if i in by_id), key=lambda t: int(t.t_id))
    return Mention(element.get("m_id", ""), element.get("syntactic_type") or "", tuple(tokens))


def _refers_to(root: ET.Element) -> dict[str, list[str]]:
    """Entity m_id -> the m_ids of its mentions."""
    out: dict[str, list[str]] = {}
    relations = root.find("Relations")
    for r in relations.iter("REFERS_TO") if relations is not None else []:
        for target in r.findall("target"):
            out.setdefault(target.get("m_id", ""), []).extend(
                s.get("m_id", "") for s in r.findall("source")
            )
    return out


def shown_sentences(html: str) -> int:
    """The number of CAT sentences html/NAME.html shows: title, dateline, one <p> per sentence."""
    return BODY_START + html.count("<p>")


# --- names ---------------------------------------------------------------------------------


def join_tokens(tokens: Iterable[str]) -> str:
    """Tokens as the html pages print them: no space before , . ) 's or a closing quote, none
    after ( $ or an opening quote; the PTB quotes `` and '' become "."""
    out = ""
    previous = ""
    for raw in tokens:
        glue = not out or raw in _NO_SPACE_BEFORE or previous in _NO_SPACE_AFTER
        text = '"' if raw in ("``", "''") else raw
        out += text if glue else " " + text
        previous = raw
    return out


def is_capitalized(text: str) -> bool:
    """A name word: an initial capital ("Airbus", "AT&T") or an inner one ("eBay")."""
    if not text or not any(c.isalpha() for c in text):
        return False
    return text[0].isupper() or (text[0].islower() and any(c.isupper() for c in text))


def is_acronym(text: str | None) -> bool:
    return bool(text) and bool(_ACRONYM.match(str(text))) and not countries.resolve(str(text))


def segments(tokens: Sequence[Token]) -> list[tuple[list[Token], bool]]:
    """Split at segment breaks; each segment with whether it sat inside parentheses."""
    out: list[tuple[list[Token], bool]] = []
    current: list[Token] = []
    inside = False
    for t in tokens:
        if t.text in SEGMENT_BREAKS:
            if current:
                out.append((current, inside))
            current = []
            inside = t.text == "(" or (inside and t.text != ")")
        else:
            current.append(t)
    if current:
        out.append((current, inside))
    return out


def trailing_name(tokens: Sequence[Token]) -> list[Token]:
    """The longest run of capitalized tokens (with connectors) that ends the segment."""
    words = [t for t in tokens if t.text not in QUOTES]
    run: list[Token] = []
    for t in reversed(words):
        ok = is_capitalized(t.text) or t.text.isdigit() or (run and t.text.lower() in CONNECTORS)
        if not ok or (run and t.index != run[0].index - 1):
            break  # a lower-case word, or a gap in a discontinuous mention
        run.insert(0, t)
    while run and (run[0].text.lower() in CONNECTORS or run[0].text.isdigit()):
        run.pop(0)
    if run and run[0].text.lower() == "the":
        run.pop(0)
    return run


def mention_name(mention: Mention) -> Named:
    """The name of a mention (its first segment that has one) and its parenthesized acronym."""
    name: list[Token] = []
    acronym = None
    for seg, inside in segments(mention.tokens):
        run = _country_segment(seg) or trailing_name(seg)
        text = join_tokens(t.text for t in run)
        if inside and len(run) == 1 and is_acronym(text):
            acronym = acronym or text
        elif run and not name and not inside:
            name = run
    if not name and acronym is None:
        return Named(None, None, frozenset())
    joined = join_tokens(t.text for t in name).rstrip(",;:") if name else None
    return Named(joined, acronym, frozenset(t.t_id for t in name))


def _country_segment(tokens: Sequence[Token]) -> list[Token]:
    """The whole segment when it is a country's name ("People 's Republic of China")."""
    words = [t for t in tokens if t.text not in QUOTES]
    if words and words[0].text.lower() == "the":
        words = words[1:]
    text = join_tokens(t.text for t in words)
    return words if len(words) > 1 and countries.resolve(text) is not None else []


def is_named(mention: Mention, named: Named, doc: CatDoc) -> bool:
    """NAM, or an untyped mention with a real name: not a pronoun, not a lone sentence-initial
    word the document also writes in lower case ("Automaker"), not a piece of a longer
    capitalized run ("Force" of "Boeing-Air Force")."""
    if named.name is None and named.acronym is None:
        return False
    if mention.syntactic_type == NAMED:
        return True
    if mention.syntactic_type:
        return False  # NOM, PRO, APP, CONJ, PRE.NAM...
    if named.name is None:
        return True  # an untyped mention with a parenthesized acronym
    words = [t for t in mention.tokens if t.t_id in named.tokens]
    if named.name.lower() in PRONOUNS or _is_fragment(words, doc.tokens):
        return False
    lone = len(words) == 1 and words[0].first
    return not (lone and named.name[:1].lower() + named.name[1:] in doc.lowercase_words)


def _is_fragment(words: Sequence[Token], tokens: Sequence[Token]) -> bool:
    """The name continues, in the text, into a capitalized word it does not include."""
    before = tokens[words[0].index - 1] if words[0].index > 0 and not words[0].first else None
    if before is not None and before.first:
        before = None  # a sentence's first word is capitalized anyway
    after = tokens[words[-1].index + 1] if words[-1].index + 1 < len(tokens) else None
    return any(
        t is not None and t.sentence == words[0].sentence and _continues_name(t.text)
        for t in (before, after)
    )


def _continues_name(text: str) -> bool:
    return is_capitalized(text) and not any(c.isdigit() for c in text)


# --- gold ----------------------------------------------------------------------------------


def build_gold(doc: CatDoc, sentences: int | None = None) -> Gold:
    """Document-level org and country gold for html/NAME.html, which shows `sentences`."""
    limit = sentences if sentences is not None else max(t.sentence for t in doc.tokens) + 1
    shown = [_shown(e, limit) for e in doc.entities]
    foreign = _mention_spans(shown)
    in_org_names = _org_name_tokens(shown)
    drafts: list[_OrgDraft] = []
    optional: set[str] = set()
    gold_countries: set[str] = set()
    optional_countries: set[str] = set()
    for entity in shown:
        if entity.ent_type == ORG_TYPE:
            draft = _org_draft(entity, foreign[entity.m_id], doc, optional)
            if draft is not None:
                drafts.append(draft)
            optional_countries |= _org_countries(entity, draft, doc, gold_countries)
        elif entity.ent_type == LOC_TYPE:
            _loc_countries(entity, in_org_names, gold_countries, optional_countries, optional)
        elif entity.ent_type == PRODUCT_TYPE:
            optional |= set(_nested_names(entity))
    _untyped_names(doc, limit, optional, optional_countries)
    optional |= set(_optional_bodies(m for e in shown for m in e.mentions))
    merged = _merge(drafts)
    gold_orgs = [_org(d) for d in merged]
    for draft in merged:
        optional |= set(draft.names + draft.acronyms)  # variants: MEANTIME merges divisions
    gold_keys = {k for o in gold_orgs for k in _keys(o.name, o.acronym)}
    return Gold(
        doc=f"{doc.name}.html",
        orgs=sorted(gold_orgs, key=lambda o: normalize(o.name)),
        orgs_optional=sorted(
            {o for o in optional if normalize(o) and normalize(o) not in gold_keys},
            key=lambda o: (normalize(o), o),
        ),
        countries=sorted(gold_countries),
        countries_optional=sorted(optional_countries - gold_countries),
    )


def _keys(*names: str | None) -> set[str]:
    return {normalize(n) for n in names if n} - {""}


def _shown(entity: Entity, limit: int) -> Entity:
    mentions = tuple(
        Mention(m.m_id, m.syntactic_type, tuple(t for t in m.tokens if t.sentence < limit))
        for m in entity.mentions
        if any(t.sentence < limit for t in m.tokens)
    )
    return Entity(entity.m_id, entity.ent_type, entity.descriptor, entity.external_ref, mentions)


def _mention_spans(entities: Iterable[Entity]) -> dict[str, list[frozenset[str]]]:
    """Entity m_id -> the token sets of every other entity's mentions."""
    spans = {e.m_id: [frozenset(t.t_id for t in m.tokens) for m in e.mentions] for e in entities}
    return {mid: [s for other, ss in spans.items() if other != mid for s in ss] for mid in spans}


def _own(named: Named, mention: Mention, foreign: list[frozenset[str]]) -> bool:
    """False when the name is another entity's mention or a coordination overlapping one."""
    if not named.tokens:
        return True
    if named.tokens in foreign:
        return False
    words = {t.text.lower() for t in mention.tokens if t.t_id in named.tokens}
    return not (words & COORDINATORS and any(named.tokens & s for s in foreign))


@dataclass
class _OrgDraft:
    names: list[str]
    acronyms: list[str]
    places: list[str]  # names that are a country's or a continent's ("Qatar" of Qatar Airways)

    def keys(self) -> set[str]:
        return _keys(*self.names, *self.acronyms)


def _org_draft(
    entity: Entity, foreign: list[frozenset[str]], doc: CatDoc, optional: set[str]
) -> _OrgDraft | None:
    """The named forms of an ORG entity, or None (its ambiguous names go to `optional`)."""
    names: list[str] = []
    acronyms: list[str] = []
    places: list[str] = []
    loose: list[str] = []  # modifier names and capitalized runs of nominal mentions
    for mention in entity.mentions:
        named = mention_name(mention)
        if mention.syntactic_type == NAMED and named.name is None:
            named = _premodifier_name(mention, named.acronym)
        if mention.syntactic_type == COORDINATION or not _own(named, mention, foreign):
            continue
        if is_named(mention, named, doc):
            acronyms += [named.acronym] if named.acronym else []
            if named.name and _is_place(named.name):
                places.append(named.name)
            elif named.name and is_acronym(named.name):
                acronyms.append(named.name)
            elif named.name:
                names.append(named.name)
        elif mention.syntactic_type == MODIFIER_NAME and named.name:
            loose.append(named.name)
        else:
            loose += _capitalized_runs(mention.tokens)
    longest = max(names, key=len) if names else None
    if not names and not acronyms:
        optional |= set(places + loose)
        return None
    if longest is not None and head_word(longest) in NOT_ORG_HEADS | OPTIONAL_ORG_HEADS:
        optional |= set(names + acronyms + places)
        return None
    optional |= set(places)
    return _OrgDraft(names, acronyms, places)


def _premodifier_name(mention: Mention, acronym: str | None) -> Named:
    """A NAM mention whose head is a common noun: its last capitalized run, unless that is a
    demonym or a place ("the Old Mutual insurance company" -> "Old Mutual")."""
    parts = segments(mention.tokens)
    runs = _runs(parts[0][0]) if parts else []
    text = join_tokens(t.text for t in runs[-1]) if runs else ""
    if not text or countries.demonym(text) or _is_place(text):
        return Named(None, acronym, frozenset())
    return Named(text, acronym, frozenset(t.t_id for t in runs[-1]))


def head_word(name: str) -> str:
    """The head of a name: the word before its first "of"/"for", else its last word."""
    words = name.lower().split()
    for i, word in enumerate(words):
        if word in ("of", "for") and i > 0:
            return words[i - 1]
    return words[-1] if words else ""


def _org_countries(
    entity: Entity, draft: _OrgDraft | None, doc: CatDoc, gold: set[str]
) -> set[str]:
    """An ORG entity named only as a country (a government) gives that country; a country's
    name used for a body ("Qatar" for Qatar Airways) makes the country optional."""
    places = draft.places if draft is not None else []
    if draft is None:
        for mention in entity.mentions:
            named = mention_name(mention)
            if is_named(mention, named, doc) and named.name and _is_place(named.name):
                places.append(named.name)
    found = {c for p in places if (c := countries.resolve(p)) is not None}
    if draft is None:
        gold |= {c.iso2 for c in found if c.sovereign}
        return {c.iso2 for c in found if not c.sovereign}
    return {c.iso2 for c in found}


def _is_place(name: str) -> bool:
    """A country's or a continent's name."""
    return countries.resolve(name) is not None or normalize(name) in PLACES


def _merge(drafts: Iterable[_OrgDraft]) -> list[_OrgDraft]:
    """One draft per body: drafts sharing a key (name or acronym) are merged."""
    merged: list[_OrgDraft] = []
    for draft in drafts:
        for m in [m for m in merged if m.keys() & draft.keys()]:
            merged.remove(m)
            draft = _OrgDraft(
                m.names + draft.names, m.acronyms + draft.acronyms, m.places + draft.places
            )
        merged.append(draft)
    return merged


def _org(draft: _OrgDraft) -> Org:
    """The longest name (first on ties); the first acronym; name = acronym without a name."""
    acronym = draft.acronyms[0] if draft.acronyms else None
    if not draft.names:
        return Org(name=str(acronym), acronym=acronym)
    name = max(draft.names, key=len)
    return Org(name=name, acronym=acronym if acronym != name else None)


def _loc_countries(
    entity: Entity,
    in_org_names: frozenset[str],
    gold: set[str],
    optional: set[str],
    optional_orgs: set[str],
) -> None:
    """A LOC entity whose name is a sovereign state's is gold, unless the name sits inside an
    organization's name ("US" of "US Air Force"); demonyms and the rest are optional. A body
    MEANTIME types LOC ("the US Government", "The European Commission") is an optional org."""
    resolved = False
    for mention in entity.mentions:
        first = next((seg for seg, _ in segments(mention.tokens) if trailing_name(seg)), [])
        full = _segment_name(first)
        if len(full.split()) > 1 and head_word(full) in BODY_HEADS:
            optional_orgs.add(full)
        kept = [t for t in mention.tokens if t.text.lower() not in GOVERNMENT_WORDS]
        parts = [run for seg, _ in segments(kept) if (run := trailing_name(seg))]
        for i, run in enumerate(parts):
            text = join_tokens(t.text for t in run)
            country = countries.resolve(text)
            inside = {t.t_id for t in run} <= in_org_names
            if country is not None and i == 0 and country.sovereign and not inside:
                gold.add(country.iso2)
            elif country is not None:
                optional.add(country.iso2)
            elif i == 0 and (by_demonym := countries.demonym(text)) is not None:
                optional.add(by_demonym.iso2)
            resolved = resolved or (i == 0 and country is not None)
    if not resolved and (country := _annotated_country(entity)) is not None:
        optional.add(country.iso2)


def _org_name_tokens(entities: Iterable[Entity]) -> frozenset[str]:
    """Token ids inside the names of ORG mentions (of any syntactic type) that are no place."""
    return frozenset(
        t_id
        for e in entities
        if e.ent_type == ORG_TYPE
        for m in e.mentions
        if (named := mention_name(m)).name and not _is_place(named.name)
        for t_id in named.tokens
    )


def _nested_names(entity: Entity, later_segments: bool = False) -> Iterator[str]:
    """Organization names inside a product's or an untyped mention: the maker before a model
    number ("Airbus" of "Airbus A380"), and for untyped mentions the names in the segments
    after its own ("Boeing" of "Boeing 787 Dreamliners , an aircraft Boeing currently has")."""
    for mention in entity.mentions:
        parts = segments(mention.tokens)
        name = trailing_name(parts[0][0]) if parts else []
        for i, t in enumerate(name):
            if i and any(c.isdigit() for c in t.text) and (maker := trailing_name(name[:i])):
                if maker[0].text[:1].isupper():  # a maker, not a product line ("iPhone 4")
                    yield join_tokens(w.text for w in maker)
                break
        for seg, _ in parts[1:] if later_segments else []:
            yield from _capitalized_runs(seg)


def _segment_name(tokens: Sequence[Token]) -> str:
    return join_tokens(t.text for t in trailing_name(tokens))


def _annotated_country(entity: Entity) -> countries.Country | None:
    """The country the annotators' descriptor or DBpedia reference names, if any."""
    descriptor = re.split(r"[(,]", entity.descriptor)[0]
    reference = entity.external_ref.rsplit("/", 1)[-1].replace("_", " ")
    for text in (descriptor, reference):
        if text.strip() and (country := countries.resolve(text.strip())) is not None:
            return country
    return None


def _untyped_names(doc: CatDoc, limit: int, optional: set[str], countries_opt: set[str]) -> None:
    """Names the annotation leaves untyped: unlinked named mentions and uncovered runs."""
    unlinked = Entity(
        "",
        "",
        "",
        "",
        tuple(m for m in doc.unlinked if m.tokens[:1] and m.tokens[0].sentence < limit),
    )
    names = [
        n.name
        for m in unlinked.mentions
        if (n := mention_name(m)).name and m.syntactic_type in (NAMED, "")
    ]
    names += _nested_names(unlinked, later_segments=True)
    shown = [t for t in doc.tokens if t.sentence < limit and t.sentence != DATELINE_SENTENCE]
    names += _capitalized_runs(t for t in shown if t.t_id not in doc.marked)
    for name in names:
        country = countries.resolve(name)
        if country is not None:
            countries_opt.add(country.iso2)
        else:
            optional.add(name)


def _capitalized_runs(tokens: Iterable[Token]) -> Iterator[str]:
    """The texts of `_runs`."""
    for run in _runs(tokens):
        yield join_tokens(t.text for t in run)


def _runs(tokens: Iterable[Token]) -> list[list[Token]]:
    """Runs of adjacent capitalized tokens (joined by connectors), without pronouns, money
    signs, and the ordinary capital of a sentence's first word ("In April" -> "April")."""
    runs: list[list[Token]] = []
    for t in tokens:
        joins = runs and t.index == runs[-1][-1].index + 1 and t.sentence == runs[-1][-1].sentence
        if is_capitalized(t.text) and "$" not in t.text:
            if joins:
                runs[-1].append(t)
            else:
                runs.append([t])
        elif joins and t.text.lower() in CONNECTORS - COORDINATORS:
            runs[-1].append(t)
    out = []
    for run in runs:
        if run[0].first and not any(c.isupper() for c in run[0].text[1:]):
            run = run[1:]
        while run and run[-1].text.lower() in CONNECTORS:
            run = run[:-1]
        while run and run[0].text.lower() in CONNECTORS:
            run = run[1:]
        if run and not (len(run) == 1 and run[0].text.lower() in PRONOUNS):
            out.append(run)
    return out


def _optional_bodies(mentions: Iterable[Mention]) -> Iterator[str]:
    """Courts, parliaments and governments named in any mention: optional, as GOLD_FORMAT.md
    has them ("the US Bankruptcy Court", typed PRO)."""
    for mention in mentions:
        for name in _capitalized_runs(mention.tokens):
            if len(name.split()) > 1 and head_word(name) in OPTIONAL_ORG_HEADS:
                yield name


# --- the folder ----------------------------------------------------------------------------


def load_folder(meantime_dir: Path) -> dict[str, Gold]:
    """NAME.html -> its org and country gold, for every CAT file that has an html/NAME.html."""
    root = Path(meantime_dir)
    out: dict[str, Gold] = {}
    for path in sorted(root.glob(CAT_GLOB)):
        doc = read_cat(path)
        html = root / "html" / f"{doc.name}.html"
        if html.is_file():
            out[html.name] = build_gold(doc, shown_sentences(html.read_text(encoding="utf-8")))
    return out
