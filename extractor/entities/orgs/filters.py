"""Which proposed organization spans name a body: pure rules, then the ``org_filter`` component.

The model's ORG spans and the ``org_ruler``'s spans are proposals. A proposal is kept unless
one of these says it is something else:

- its own words: generic, heading and menu words, titles of persons, programmes, laws, events
  and documents by their head noun (orgs.not_org_reason);
- a place: a city (GeoNames), a region, a geographic head noun ("Seto Inland Sea"), or the same
  words the model tags GPE/LOC elsewhere in the text;
- its context: inside the name of a programme, law or event (a NOT_ORG span of the org_ruler:
  "Gender Equality" in "White Paper on Gender Equality"), inside a short quoted title
  (“Gender Statistics for Evidence-Based Policy Making”), or the modifier of a lowercase noun
  after it ("the COVID-19 pandemic", "the Early Warnings for All initiative", "UN agencies").

Gazetteer spans (known international organizations) are kept whatever their head noun says
("World Food Programme"). The model's name cut before a region ("HomeNet" + "South Asia") is
joined to it.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from extractor.entities import countries, lexicon, places
from extractor.entities.abbreviations import NAME_STOPS, text_of
from extractor.entities.orgs import names as orgs

LOGGER = logging.getLogger(__name__)

ORG_SPANS = "orgs"
NOT_ORG_SPANS = "not_orgs"
RULER_SPANS = "org_rules"
NOT_ORG_RULER_SPANS = "not_org_rules"
PLACE_LABELS = frozenset({"GPE", "LOC"})

# A quoted title is short and has no sentence inside it; a longer quotation is speech, whose
# organizations count.
QUOTED_TITLE_MAX_WORDS = 14
# Share of a title's words of four letters or more that are capitalized ("Gender Statistics for
# Evidence-Based Policy Making in the Mekong Region": all); a quoted remark has fewer.
TITLE_CASE_SHARE = 0.8
_QUOTES = (("“", "”"), ('"', '"'), ("‘", "’"))
_CONTINUATION = frozenset({"for", "of", "and", "&", "the", "on"})
_WORDS = re.compile(r"[\w’'&\-]+|\S")


@dataclass(frozen=True)
class Proposal:
    """A span that may name a body: character offsets into the text and what proposed it."""

    start: int
    end: int
    source: str  # model, ruler, gazetteer, appositive


def select_orgs(
    text: str,
    proposals: Iterable[Proposal],
    blockers: Sequence[tuple[int, int]] = (),
    places_found: Sequence[tuple[int, int]] = (),
    entity_starts: Iterable[int] = (),
    persons: frozenset[str] = frozenset(),
) -> list[Proposal]:
    """The proposals that name bodies, trimmed ("the", possessives, half parentheses).

    `blockers` are (start, end) of names of programmes, laws and events; `places_found` are
    (start, end) of the model's GPE/LOC spans and region spans, used both to recognize places
    the model also tags ORG and to join a name to the region that ends it. `entity_starts`
    are where the model's other entities start ("Chris Fallows" after "University of Miami
    and"); `persons` are the model's person names and their last words ("Murdoch's | News
    Corp").
    """
    place_texts = {text[s:e] for s, e in places_found}
    named = {text[p.start : p.end] for p in proposals}
    trimmed_all = [t for t in (trim(text, p) for p in proposals) if t is not None]
    rules = RuleIndex([p for p in trimmed_all if p.source != "model"])
    places_at: dict[int, list[int]] = {}
    for start, end in places_found:
        places_at.setdefault(start, []).append(end)
    model_starts = {p.start for p in trimmed_all if p.source == "model"} | set(entity_starts)
    model_ends = {p.end for p in trimmed_all if p.source == "model"}
    split_all = [
        part
        for p in trimmed_all
        for part in (
            split_coordination(text, p, model_starts, model_ends)
            if p.source in POSSESSIVE_SOURCES
            else [p]
        )
    ]
    kept: list[Proposal] = []
    for trimmed in split_all:
        if trimmed.source == "model":
            trimmed = cut_at_comma(text, cut_at_crossing(text, trimmed, rules))
            trimmed = extend_left(text, cut_at_inner_article(text, trimmed))
            trimmed = extend_to_company(text, trimmed)
            trimmed = join_region(text, trimmed, places_at)
            if trimmed.end <= trimmed.start:
                continue
        if trimmed.source in POSSESSIVE_SOURCES:
            trimmed = split_possessive(text, trimmed, named, persons)
        reason = rejection(text, trimmed, blockers, place_texts)
        if reason:
            LOGGER.debug("not an org: %r (%s)", text[trimmed.start : trimmed.end], reason)
            continue
        kept.append(trimmed)
    return sorted(set(kept), key=lambda p: (p.start, p.end, p.source))


def trim(text: str, p: Proposal) -> Proposal | None:
    """The name inside a proposal: an appositive ends at its comma; articles, possessives and
    half parentheses go (orgs.trim_org)."""
    start, end = p.start, p.end
    if p.source == "appositive":
        end = text.index(",", start, end)
    elif p.source == "typed":
        start = text.index(" ", start, end) + 1
    lead, tail = orgs.trim_org(text[start:end])
    if tail <= lead:
        return None
    return Proposal(start + lead, start + tail, p.source)


class RuleIndex:
    """The rule-found names of a text, to find those that start inside a span without reading
    them all (a long text has thousands)."""

    def __init__(self, rules: Sequence[Proposal]):
        self._by_start = sorted(enumerate(rules), key=lambda item: item[1].start)
        self._starts = [p.start for _, p in self._by_start]

    def starting_inside(self, start: int, end: int) -> list[Proposal]:
        """Names with start < name.start < end, in their original order."""
        low = bisect.bisect_right(self._starts, start)
        high = bisect.bisect_left(self._starts, end)
        return [p for _, p in sorted(self._by_start[low:high])]


def cut_at_crossing(text: str, p: Proposal, rules: RuleIndex) -> Proposal:
    """A model span that runs into a name the patterns found, or lists one after a comma ("Red
    Cross Society of Fiji, Live & Learn Environmental Education", where "Live & Learn
    Environmental Education, an NGO" is a name), ends where that name starts."""
    for q in rules.starting_inside(p.start, p.end):
        crossing = p.start < q.start < p.end < q.end
        listed = p.start < q.start < p.end <= q.end and text[p.start : q.start].rstrip()[-1:] == ","
        if crossing or listed:
            cut = trim(text, Proposal(p.start, q.start, p.source))
            return cut if cut is not None else Proposal(p.start, p.start, p.source)
    return p


_CONJUNCTION = re.compile(r"\s+(?:and|&)\s+(?:the\s+)?(?=[A-Z])")


def split_coordination(
    text: str, p: Proposal, model_starts: set[int], model_ends: set[int]
) -> list[Proposal]:
    """A pattern's span that joins two bodies at "and" is two names: when the second begins
    with a body's head and its preposition ("Ministry of Health and the Ministry of Finance",
    "Center for Biological Diversity and Center for Food Safety"), when "and the" is followed by a
    phrase with a preposition of its own, or, in a pattern's span,
    when the first part ends in a place ("University of Miami and Apex Shark Expeditions")
    and the model ends a name where it ends and starts an entity where the second begins. A
    conjunction inside one name stays ("Ministry of Sustainability and the Environment",
    "Bureau of Oceans and International Environmental and Scientific Affairs")."""
    name = text[p.start : p.end]
    heads = lexicon.words("org_head")
    for found in _CONJUNCTION.finditer(name):
        left_end, right_start = p.start + found.start(), p.start + found.end()
        right = name[found.end() :].split()
        headed = (
            len(right) > 2
            and right[0].lower() in heads
            and right[1].lower() in places.HEAD_BREAKS
            and places.head_word(name[: found.start()]) in heads
        )
        # After "and the", a phrase with a preposition of its own is a second name ("Ministry
        # of Health and the National Institute of Public Health"), and so is one that ends in a
        # body's head after a first part that has one ("Office of Science and the National
        # Nuclear Security Administration").
        after_the = found.group().rstrip().endswith("the")
        headed = headed or (
            after_the and len(right) > 2 and any(w.lower() in places.HEAD_BREAKS for w in right[1:])
        )
        headed = headed or (
            after_the
            and len(right) > 1
            and right[-1].lower() in heads
            and places.head_word(name[: found.start()]) in heads
        )
        tagged = (
            p.source == "ruler"
            and left_end in model_ends
            and right_start in model_starts
            and _ends_in_place(name[: found.start()])
        )
        if headed or tagged:
            return [Proposal(p.start, left_end, p.source), Proposal(right_start, p.end, p.source)]
        # A person's name after "and" is no part of the body's ("Department of Homeland
        # Security and Alex Azar"): the name ends before the conjunction.
        if _person_name(right) and places.head_word(name[: found.start()]) in heads:
            return [Proposal(p.start, left_end, p.source)]
    return [p]


# A person's name: two or three capitalized words, the first a given name of the name tables
# (lexicon.person_names), none a body's head or a legal suffix, and no listed company's name
# ("Morgan Stanley").
PERSON_NAME_WORDS = (2, 3)


def _person_name(words: Sequence[str]) -> bool:
    lower = [w.lower().rstrip(".,") for w in words]
    return (
        PERSON_NAME_WORDS[0] <= len(words) <= PERSON_NAME_WORDS[1]
        and all(w[:1].isupper() and not w.isupper() for w in words)
        and lower[0] in lexicon.person_names().given
        and not set(lower) & (lexicon.words("org_head") | orgs.LEGAL_SUFFIX_KEYS)
        and not orgs.is_listed_company(" ".join(words))
    )


def cut_at_comma(text: str, p: Proposal) -> Proposal:
    """A model span that runs over a comma into another name ends at the comma ("Big
    Machine, Braun", "CBS All Access, Disney"). A name with a comma of its own stays: a legal
    suffix ("John Snow, Inc."), a place after it ("University of California, Los Angeles"), or
    a list of modifiers closed by "and" or "&" ("Foreign, Commonwealth & Development Office")."""
    name = text[p.start : p.end]
    comma = name.find(", ")
    if comma <= 0:
        return p
    rest = name[comma + 2 :]
    if re.search(r"\s(?:and|&)\s", rest) or not rest[:1].isupper():
        return p
    if rest.lower().rstrip(".") in orgs.LEGAL_SUFFIX_KEYS or places.is_place(rest):
        return p
    if countries.resolve(rest) is not None:
        return p
    return Proposal(p.start, p.start + comma, p.source)


def _ends_in_place(name: str) -> bool:
    """Whether what follows the name's last preposition is a place ("University of Miami")."""
    words = name.split()
    for i in range(len(words) - 1, 0, -1):
        if words[i].lower() in places.HEAD_BREAKS:
            rest = " ".join(words[i + 1 :])
            return bool(rest) and (places.is_place(rest) or countries.resolve(rest) is not None)
    return False


# What may glue two names at a possessive: the model's spans and the ruler's.
POSSESSIVE_SOURCES = frozenset({"model", "ruler"})
_POSSESSIVE = re.compile(r"(?:'s|’s|(?<=s)['’])\s+(?=[A-Z])")
# Before "'s", a group of people is part of the name ("People's Daily", "Tokyo Women's
# Counseling Center", "Children's Fund"), not an owner of its own.
GROUP_NOUNS = frozenset(
    "women men children people peoples youth workers farmers veterans citizens nurses "
    "teachers employers seafarers migrants refugees survivors mothers fathers elders "
    "students doctors lawyers journalists".split()
)


# "St. Mary's", "Saint John's": a saint's possessive is part of the name.
SAINTS = frozenset({"st", "saint", "ste", "sainte", "san", "santa"})


def split_possessive(
    text: str, p: Proposal, named: set[str], persons: frozenset[str] = frozenset()
) -> Proposal:
    """A span that joins an owner and what it owns at a possessive keeps one of them: the unit
    when it names a body by its head noun ("Tufts University's Feinstein International
    Center" -> the centre) or when the owner is a person (`persons`: "Murdoch's News Corp" ->
    the company), else the owner ("Northwind Trust's Lyon", "Apple's MacBook" -> the owner).
    An owner that is a common word ("People's Daily") or not a name anywhere else in the text
    keeps the span whole."""
    name = text[p.start : p.end]
    found = _POSSESSIVE.search(name)
    if not found:
        return p
    owner, owned = name[: found.start()], name[found.end() :]
    if owner in persons and owned[:1].isupper():
        return Proposal(p.start + found.end(), p.end, p.source)
    if not _is_owner(owner, named):
        return p
    if owner.split()[-1].lower() in OFFICE_HOLDERS:  # "U.S. Attorney's Office for ..."
        return p
    heads = lexicon.words("org_head")
    last = owned.split()[-1].lower() if owned.split() else ""
    if places.head_word(owned) in heads or last in heads:
        return Proposal(p.start + found.end(), p.end, p.source)
    return Proposal(p.start, p.start + found.start(), p.source)


_OWNER_CONNECTORS = frozenset({"of", "the", "for", "and", "&", "on"})
# Before "'s", a post whose office is the body: "the U.S. Attorney's Office", "the Governor's
# Office of Planning", "the Inspector General's Office".
OFFICE_HOLDERS = frozenset(
    "attorney attorneys governor mayor president prosecutor auditor comptroller treasurer "
    "sheriff coroner ombudsman general commissioner secretary minister chancellor".split()
)


def _is_owner(owner: str, named: set[str]) -> bool:
    words = owner.split()
    # Capitalized words, with connectors inside ("U.S. Department of Commerce").
    if not words or not all(
        w[:1].isupper() or (0 < i < len(words) - 1 and w in _OWNER_CONNECTORS)
        for i, w in enumerate(words)
    ):
        return False
    if words[-1].lower() in GROUP_NOUNS or places.is_place(owner):
        return False
    if words[0].lower().rstrip(".") in SAINTS:  # "St. John's University"
        return False
    return owner.isupper() or owner in named or len(words) > 1


# "Twitter the Federal Aviation Administration": a lowercase article right after a
# capitalized word starts a new phrase (inside a name "the" follows "of", "and", "for"...).
_INNER_ARTICLE = re.compile(r"(?<=[^\W\d_])\s+the\s+(?=[A-Z])")
_NAME_CONNECTORS = frozenset("of and for & on in at to de du des la le y".split())
# Before a name: a capitalized word joined to it by a hyphen or dash ("Harvard–Smithsonian
# Center for Astrophysics").
_COMPOUND_BEFORE = re.compile(r"(?<![\w-])[A-Z][\w.]*[-\u2010\u2011\u2013]$")


def cut_at_inner_article(text: str, p: Proposal) -> Proposal:
    """A model span with a lowercase "the" right after a capitalized word starts after it."""
    name = text[p.start : p.end]
    for found in _INNER_ARTICLE.finditer(name):
        before = name[: found.start()].split()
        if before and before[-1].lower() not in _NAME_CONNECTORS:
            return Proposal(p.start + found.end(), p.end, p.source)
    return p


# Before an office: the post that owns it ("U.S. Attorney's | Office for the ...").
_POST_BEFORE = re.compile(r"(?<![\w.])((?:[A-Z][\w.]*\s+){0,3}([A-Z][a-z]+))['’]s\s+$")


# Before a name: a body's head and "of" that make it part of a longer name ("Library of |
# Congress", "Bank of | Japan").
_HEAD_OF_BEFORE = re.compile(
    r"(?<![\w.])((?:(?!(?:The|A|An|In|At|By|For|From|On|To|With)\s)[A-Z][\w.]*\s+){0,3}"
    r"([A-Z][a-z]+))\s+of\s+$"
)


def extend_left(text: str, p: Proposal) -> Proposal:
    """A model span that starts after a hyphen joining it to a capitalized word starts at
    that word ("Smithsonian Center" in "Harvard–Smithsonian Center", "Packard" in
    "Hewlett-Packard"); an office after its post's possessive starts at the post ("U.S.
    Attorney's Office for the Western District of New York"); a name after a body's head and
    "of" starts at the head ("Congress" in "the Library of Congress")."""
    before = text[max(0, p.start - 40) : p.start]
    compound = _COMPOUND_BEFORE.search(before)
    if compound:
        return Proposal(p.start - (len(before) - compound.start()), p.end, p.source)
    heads = lexicon.words("org_head")
    head_of = _HEAD_OF_BEFORE.search(before)
    if head_of and head_of.group(2).lower() in heads:
        return Proposal(p.start - (len(before) - head_of.start()), p.end, p.source)
    post = _POST_BEFORE.search(before)
    if (
        post
        and post.group(2).lower() in OFFICE_HOLDERS
        and text[p.start : p.end].split()[0].lower() in heads
    ):
        return Proposal(p.start - (len(before) - post.start()), p.end, p.source)
    return p


_NEXT_WORDS = re.compile(r"[ \t]([A-Z][\w&.-]*)(?:[ \t]([A-Z][\w&.-]*))?")


def extend_to_company(text: str, p: Proposal) -> Proposal:
    """A model span that ends one or two capitalized words before the end of a listed
    company's name ends where the name does ("Lockheed" in "Lockheed Martin")."""
    following = _NEXT_WORDS.match(text, p.end)
    if not following:
        return p
    name = text[p.start : p.end]
    for group in (2, 1):
        if following.group(group) is None:
            continue
        end = following.end(group)
        longer = text[p.start : end].rstrip(".")
        if orgs.is_listed_company(longer) and orgs.company_key(longer) != orgs.company_key(name):
            return Proposal(p.start, p.start + len(longer), p.source)
    return p


def join_region(text: str, p: Proposal, places_at: dict[int, list[int]]) -> Proposal:
    """A one-word name followed by a region or country is one name ("HomeNet South Asia");
    `places_at` maps where a place starts to where it ends."""
    name = text[p.start : p.end]
    if " " in name:
        return p
    for end in places_at.get(p.end + 1, []):
        if text[p.end] == " " and not text[end:].startswith(("'", "’")):
            return Proposal(p.start, end, p.source)
    return p


_PARTICIPLE = re.compile(r"[A-Z][a-z]+ed")
_BY_AFTER = re.compile(r"\s+by\b")


def rejection(
    text: str, p: Proposal, blockers: Sequence[tuple[int, int]], place_texts: set[str]
) -> str | None:
    """Why a proposal does not name a body, or None."""
    name = text[p.start : p.end]
    if p.source == "gazetteer":
        return "modifier" if modifies_following_noun(text, p.end) else None
    reason = orgs.not_org_reason(name)
    if reason:
        return reason
    if places.is_place(name) or name in place_texts:
        return "place"
    if places.is_postal_subdivision(name, text[max(0, p.start - 40) : p.start]):
        return "place"
    if any(s <= p.start and p.end <= e and not _named_inside(text, s, p) for s, e in blockers):
        return "inside-not-org"
    if p.source == "model" and is_fragment(text, p.start, name):
        return "fragment"
    if _PARTICIPLE.fullmatch(name) and _BY_AFTER.match(text, p.end):
        return "participle"  # "Commissioned by", "Organized by": a label, not a name
    if is_portfolio(text, p.start, name):
        return "portfolio"
    if in_quoted_title(text, p.start, p.end):
        return "quoted-title"
    if modifies_following_noun(text, p.end):
        return "modifier"
    return None


def _named_inside(text: str, blocker_start: int, p: Proposal) -> bool:
    """A body named inside a programme's name: an acronym ("FAO" in "FAO Agreement on Port
    State Measures"), or a body's name after its preposition ("Grant of the Hikari
    Foundation"); not the modifier of its head ("FY2024 Civil Society | Grant")."""
    name = text[p.start : p.end]
    if orgs.is_short_form(name):
        return True
    before = text[blocker_start : p.start].lower().split()
    after_preposition = any(w in places.HEAD_BREAKS for w in before)
    return after_preposition and places.head_word(name) in lexicon.words("org_head")


def is_fragment(text: str, start: int, name: str) -> bool:
    """A model span cut out of a longer capitalized phrase ("Marine Plastic Litter | Monitoring
    and Management") that has no body's noun of its own."""
    before = text[max(0, start - 40) : start]
    match = re.search(r"([A-Z][\w’'\-]*) $", before)
    if (
        not match
        or match.group(1).lower() in NAME_STOPS
        or match.group(1) in orgs.ROLE_WORDS
        or match.group(1).endswith(("’s", "'s", "s’", "s'"))
    ):
        return False
    return places.head_word(name) not in lexicon.words("org_head")


# A position's preposition, then the portfolio's earlier items: "Minister of | Home Affairs",
# "Minister of Education, | Culture, Sports", "Minister of Education, Culture, Sports, |
# Science and Technology".
PORTFOLIO_CHARS = 80
_PORTFOLIO_BEFORE = re.compile(r"(\w+) (?:of|for) (?:the )?(?:[A-Z][\w&’'-]*(?: (?:and|&))?,? )*$")


def is_portfolio(text: str, start: int, name: str) -> bool:
    """The portfolio of a person's position, not a body: "the Minister of | Home Affairs",
    "Minister of Education, | Culture, Sports"."""
    match = _PORTFOLIO_BEFORE.search(text[max(0, start - PORTFOLIO_CHARS) : start])
    if not match or match.group(1).lower() not in lexicon.words("position"):
        return False
    return places.head_word(name) not in lexicon.words("org_head")


def modifies_following_noun(text: str, end: int) -> bool:
    """Whether the name ending at `end` modifies a lowercase noun that follows it: "the COVID-19
    pandemic", "the Early Warnings for All initiative", "Red Cross and Red Crescent societies"."""
    following = lexicon.words("following_noun")
    line_end = text.find("\n", end)
    rest = text[end : line_end if line_end >= 0 else len(text)]
    for word in _WORDS.findall(rest)[:8]:
        if word[:1].isupper() or word.lower() in _CONTINUATION:
            continue
        return word.lower() in following
    return False


def in_quoted_title(text: str, start: int, end: int) -> bool:
    """Whether [start, end) lies inside a short quoted title that holds more than the name."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    for opening, closing in _QUOTES:
        left = text.rfind(opening, line_start, start)
        if left < 0:
            continue
        right = text.find(closing, end, line_end)
        if right < 0 or (opening == closing and text.count(opening, line_start, left) % 2):
            continue
        if closing in text[left + 1 : start]:
            continue
        if (left + 1, right) == (start, end):
            # The whole quotation: a title when a programme's noun introduces it ("the
            # project “Enhancing Climate Information Services”").
            if _noun_before(text, left) in lexicon.words("following_noun"):
                return True
            continue
        quoted = text[left + 1 : right]
        if len(quoted.split()) <= QUOTED_TITLE_MAX_WORDS and _title_case(quoted):
            return True
    return False


def _noun_before(text: str, index: int) -> str:
    words = text[max(0, index - 30) : index].split()
    return words[-1].lower() if words else ""


def _title_case(quoted: str) -> bool:
    """A title, not a quoted sentence: no sentence break, its content words capitalized."""
    if ". " in quoted:
        return False
    words = [w for w in re.findall(r"[^\W\d_][\w’'\-]*", quoted) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) >= TITLE_CASE_SHARE


# ---------------------------------------------------------------------------------------------
# spaCy component


@Language.factory("org_filter")
def make_org_filter(nlp: Language, name: str) -> OrgFilter:
    return OrgFilter()


class OrgFilter:
    """Reads the model's entities and the org_ruler's spans; writes the kept organization spans
    to ``doc.spans["orgs"]`` (``span.id_`` = what proposed it) and the names of programmes,
    laws and events to ``doc.spans["not_orgs"]``."""

    def __call__(self, doc: Doc) -> Doc:
        ruler = list(doc.spans.get(RULER_SPANS, []))
        ents = doc.ents  # spaCy builds them anew at every access
        proposals = [Proposal(e.start_char, e.end_char, "model") for e in ents if e.label_ == "ORG"]
        proposals += [
            Proposal(s.start_char, s.end_char, s.id_ or "ruler")
            for s in ruler
            if s.label_ == orgs.ORG_LABEL
        ]
        blockers = [(s.start_char, s.end_char) for s in doc.spans.get(NOT_ORG_RULER_SPANS, [])]
        found_places = [(e.start_char, e.end_char) for e in ents if e.label_ in PLACE_LABELS]
        found_places += [(s.start_char, s.end_char) for s in doc.spans.get("places", [])]
        others = (e.start_char for e in ents if e.label_ != "ORG")
        people = [e.text.split() for e in ents if e.label_ == "PERSON"]
        persons = frozenset(" ".join(w) for w in people) | {w[-1] for w in people if w}
        kept = select_orgs(text_of(doc), proposals, blockers, found_places, others, persons)
        doc.spans[ORG_SPANS] = _spans(doc, ((p.start, p.end, p.source) for p in kept), "ORG")
        doc.spans[NOT_ORG_SPANS] = _spans(doc, ((s, e, "head") for s, e in blockers), "NOT_ORG")
        return doc


def _spans(doc: Doc, found: Iterable[tuple[int, int, str]], label: str) -> list[Span]:
    spans = []
    for start, end, source in found:
        span = doc.char_span(start, end, label=label, span_id=source, alignment_mode="contract")
        if span is not None and span.text:
            spans.append(span)
    return spans
