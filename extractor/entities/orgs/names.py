"""Organization names: what a name looks like, its comparison key, per-document merging.

Pure functions over strings, and the span_ruler patterns of the ``org_ruler`` built from the
lexicon (``data/org_lexicon.tsv``) and the gazetteer (``data/known_orgs.tsv``). Acronym
definitions live in ../abbreviations.py; the spaCy side in ../nlp.py and filters.py.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from extractor.dates.tables import MONTHS, WEEKDAYS
from extractor.entities import countries, lexicon
from extractor.entities.abbreviations import (
    NAME_STOPS,
    AcronymPair,
    find_acronym_pairs,
    is_short_form,
)
from extractor.entities.places import head_word, is_place

__all__ = [
    "AcronymPair",
    "OrgName",
    "canonicalize",
    "find_acronym_pairs",
    "is_plausible_org",
    "is_short_form",
    "not_org_patterns",
    "not_org_reason",
    "org_key",
    "org_patterns",
    "trim_org",
]

ORG_LABEL = "ORG"
NOT_ORG_LABEL = "NOT_ORG"

_PERSON_TITLES = re.compile(r"^(?:Dr|Prof|Mr|Mrs|Ms|Mx|Sir|Dame|H\.E|Hon)\.?\s", re.I)
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
# "Former National Security Council official": an adjective of a person's past post,
# written with a capital at the start of a sentence or a headline, is no part of a body's name.
_LEADING_TENURE = re.compile(r"^(?:[Ff]ormer|FORMER|[Tt]hen)\s+(?=[A-Z])")
# A sentence's opening word glued to a name: "So University of California Davis".
_LEADING_OPENER = re.compile(
    r"^(?:So|Also|When|While|If|Yet|Thus|However|Meanwhile|Meantime|This|That|These|Those)"
    r"\s+(?=[A-Z])"
)
# A role noun glued before a company's name at a sentence's start: "Manufacturer Fiskars Brands
# Inc. agreed", "Retailer Meijer". What the body is, not its name.
ROLE_WORDS = frozenset(
    """Manufacturer Retailer Distributor Importer Supplier Automaker Carmaker Chipmaker Startup
    Start-up Developer Publisher Broadcaster Carrier Operator Insurer Lender Contractor Vendor
    Wholesaler Firm Company""".split()
)
# A person's post glued before their name: "Spokeswoman Sandy Angers said". No body's name
# starts with these words.
PERSON_ROLE_WORDS = frozenset(
    """Spokeswoman Spokesman Spokesperson Chairman Chairwoman Chairperson Analyst Reporter
    Correspondent Columnist""".split()
)
_LEADING_ROLE = re.compile(rf"^(?:{'|'.join(sorted(ROLE_WORDS | PERSON_ROLE_WORDS))})\s+(?=[A-Z])")
# "GAITHERSBURG, Md.—The U.S. Department ...": a dateline glued to a name by an em dash.
_LEADING_DATELINE = re.compile(r"^[^—]{1,40}—\s*(?=[A-Z])")
# "Japan's Statistics Bureau": a possessive before a name is not part of it.
_LEADING_POSSESSIVE = re.compile(r"^([A-Z][\w.\- ]{1,60}?)(?:'s|’s)\s+(?=[A-Z])")


def trim_org(text: str) -> tuple[int, int]:
    """Offsets (start, end) of the name inside a model span.

    The model's ORG spans often run across a line break or half a parenthesis ("International
    Labour Organization (ILO"), start with an article or a country's possessive ("Japan's"), end
    in a possessive, a quote or "No.".
    """
    start, end = 0, len(text)
    newline = text.find("\n")
    if newline >= 0:
        end = newline
    previous = None
    while previous != (start, end):
        previous = (start, end)
        part = text[start:end]
        if part.count("(") > part.count(")"):
            end = start + part.rfind("(")
        elif part.count(")") > part.count("("):
            end = start + part.find(")")
        part = text[start:end]
        article = (
            _LEADING_ARTICLE.match(part)
            or _LEADING_TENURE.match(part)
            or _LEADING_OPENER.match(part)
            or _LEADING_ROLE.match(part)
            or _LEADING_DATELINE.match(part)
        )
        if article:
            start += article.end()
        part = text[start:end]
        possessive = _LEADING_POSSESSIVE.match(part)
        if possessive and countries.resolve(possessive.group(1)):
            start += possessive.end()
        part = text[start:end]
        tail = _TRAILING_NOISE.search(part)
        if tail and tail.start() > 0:
            end = start + tail.start()
            if _ABBREVIATED_END.search(text[start : end + 1]):
                end += 1
    return start, end


# A name that ends in an abbreviation keeps its period: "Leidos Inc.", "Boeing Co.", "Cipriani
# S.A.", "Sierra Nevada Corp.".
_ABBREVIATED_END = re.compile(
    r"(?:\b(?:Inc|Corp|Co|Ltd|Bros|Mfg|Assn|Intl|Pty|Pte|Cia|Cie)|(?:\b[A-Z]\.)+[A-Z])\.$"
)


# What trails a name inside a model span: a possessive, quotes, punctuation, "No. 189", or a
# dangling function word ("Gender Statistics for", "Associated Press that").
_TRAILING_NOISE = re.compile(
    r"(?:'s|’s|['’\"“”‘]|\s+(?:No\.?\s*\d*|for|of|and|the|in|on|to|by|that|which|who))$"
    r"|[\s,;:.\-–—“”\"]+$"
)


def not_org_reason(text: str) -> str | None:
    """Why a capitalized name is not a named body, or None when it may be one.

    Reasons: "generic" (only generic, heading or menu words: "the police", "Background",
    "National"), "person" (a title: "Dr. Oberoi"), "number", "handle" ("@name"), "label"
    ("Group H", "Annex B"), "time-zone", "doctrine" ("National Socialism"), "not-org-acronym"
    ("SNS"), "not-org-name" ("COVID-19", "El Niño"),
    "head:<word>" (the head noun of a programme, law, event or document: "Sendai Framework for
    ...", "White Paper").
    """
    words = text.split()
    if not words or len(text) < 2 or not any(c.isupper() for c in text):
        return "generic"
    if _PERSON_TITLES.match(text):
        return "person"
    if not any(c.isalpha() for c in text) or re.fullmatch(r"(?:FY)?\d{4}", text):
        return "number"
    if "@" in text or "://" in text:
        return "handle"
    if _LETTERED_LABEL.fullmatch(text):  # "Group H", "Pool B": a label in a draw or a list
        return "label"
    if is_time_zone(text):
        return "time-zone"
    if _is_doctrine(words):
        return "doctrine"  # "National Socialism", "Buddhism": an idea or a faith, not a body
    if text in lexicon.words("not_org_acronym"):
        return "not-org-acronym"
    if text in lexicon.words("not_org_name") or words[0] in lexicon.words("not_org_name"):
        return "not-org-name"
    generic = lexicon.words("generic")
    if all(w.lower().strip(".,") in generic for w in words):
        # "National Police Agency", "Regional Office": generic words that end in a body's
        # noun and are written with capitals make a name; "Main Findings", "the police" do not.
        last = words[-1].lower().strip(".,")
        named = len(words) > 1 and words[0][0].isupper() and last in lexicon.words("org_head")
        if not named:
            return "generic"
    head = head_word(text)
    if head in lexicon.words("not_org_head"):
        return f"head:{head}"
    if is_state_name(text):
        return "country"
    if text.lower().rstrip(".") in LEGAL_SUFFIX_KEYS:  # "LLC", "Inc." alone
        return "generic"
    return None


# "Indochina Time", "Eastern Standard Time", "Japan Standard Time", "Central European Summer
# Time": a region, a country or its people, or a direction, then the time's name.
_TIME_ZONE = re.compile(r"(.+?)\s+(?:(?:Standard|Daylight|Summer)\s+)?Time")
ZONE_WORDS = frozenset(
    "eastern western central mountain pacific atlantic coordinated universal greenwich mean "
    "european indochina arabia arabian gulf alaska hawaii hawaii-aleutian newfoundland".split()
)


def is_time_zone(text: str) -> bool:
    found = _TIME_ZONE.fullmatch(text)
    if not found:
        return False
    where = found.group(1)
    words = where.lower().split()
    return (
        all(w in ZONE_WORDS for w in words)
        or countries.resolve(where) is not None
        or countries.demonym(where) is not None
        or is_place(where)
        or (
            len(words) > 1
            and words[0] in ZONE_WORDS
            and countries.demonym(where.split(None, 1)[1]) is not None
        )
    )


# Words in -ism that head a body's name or a field a body is named for.
NOT_DOCTRINES = frozenset({"tourism", "journalism", "mechanism", "organism", "volunteerism"})


def _is_doctrine(words: list[str]) -> bool:
    """A name that ends in an -ism word and holds no body's head: a doctrine, a faith, a
    movement ("National Socialism", "Pan-Africanism")."""
    lower = [w.lower().strip(".,") for w in words]
    last = lower[-1]
    return (
        len(last) > 5
        and last.endswith("ism")
        and last not in NOT_DOCTRINES
        and not set(lower) & lexicon.words("org_head")
    )


_LETTERED_LABEL = re.compile(r"(?:Group|Pool|Section|Annex|Appendix|Table|Figure)\s+[A-Z\d]")

# The words of a state's long name or of its government before "of <country>": "Republic of
# Marshall Islands", "Democratic People's Republic of Korea", "Governments of the United
# States". GOLD_FORMAT counts a country's government as the country.
STATE_WORDS = frozenset(
    """government governments republic kingdom state states federation commonwealth union
    people's peoples democratic socialist federal islamic united principality sultanate
    emirate grand duchy plurinational bolivarian arab hashemite independent oriental""".split()
)


def is_state_name(text: str) -> bool:
    """Whether a name is a country's long name or its government's."""
    bare = re.sub(r"[’']s$", "", text.replace("’", "'"))
    base, iso2 = split_country(bare)
    words = _LEADING_ARTICLE.sub("", base).lower().split()
    return iso2 is not None and bool(words) and all(w in STATE_WORDS for w in words)


def is_plausible_org(text: str) -> bool:
    """Whether a name may name a body: `not_org_reason` finds nothing against it."""
    return not_org_reason(text) is None


def org_key(name: str) -> str:
    """Comparison key that merges variants of one body's name in one document.

    Folds case, apostrophes, a leading article, British/American spellings ("Labour"/"Labor",
    "Centre"/"Center", "Organisation"), a plural s, a leading "<Country>'s" and a trailing
    "of (the) <Country>" ("Statistics Bureau of Japan" = "Japan's Statistics Bureau").
    """
    text = split_country(name)[0].casefold()
    text = re.sub(r"\blabor\b", "labour", text)
    text = re.sub(r"\bcenter\b", "centre", text)
    text = re.sub(r"\borganization\b", "organisation", text)
    text = re.sub(r"[^\w&]+", " ", text)
    # "Immigration Service(s) Agency": a plural s never tells two bodies apart.
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in text.split())


def split_country(name: str) -> tuple[str, str | None]:
    """The name without a leading article and a country qualifier, and that country's ISO2:
    "the Statistics Bureau of Japan" and "Japan's Statistics Bureau" -> ("Statistics Bureau",
    "JP"); a name with no qualifier keeps None."""
    text = unicodedata.normalize("NFKC", name).replace("’", "'").replace("‘", "'").strip()
    text = _LEADING_ARTICLE.sub("", text)
    iso2 = None
    possessive = _LEADING_POSSESSIVE.match(text)
    if possessive and (country := countries.resolve(possessive.group(1))):
        text, iso2 = text[possessive.end() :], country.iso2
    for of in re.finditer(r"\s+of\s+(?:the\s+)?", text):
        if country := countries.resolve(text[of.end() :]):
            return text[: of.start()], iso2 or country.iso2
    return text, iso2


@dataclass(frozen=True)
class OrgName:
    """The canonical name and acronym of one organization of a document."""

    name: str
    acronym: str | None


def canonicalize(
    mentions: Iterable[str], definitions: Iterable[tuple[str, str]]
) -> dict[str, OrgName]:
    """Map every mention text of a document to its organization.

    `definitions` are (long form, acronym) pairs found in the document. A bare acronym joins
    the body it abbreviates; variants with the same key merge; the name is the longest form,
    preferring the one written with the acronym.
    """
    by_acronym: dict[str, str] = {}
    for long, short in definitions:
        known = by_acronym.get(short)
        if known is None or len(long) > len(known):
            by_acronym[short] = long
    defined_keys: dict[str, str] = {}
    for short, long in by_acronym.items():
        defined_keys.setdefault(org_key(long), short)

    groups: dict[str, list[str]] = {}
    for text in mentions:
        key = org_key(by_acronym.get(text, text))
        groups.setdefault(key, []).append(text)
    groups, inferred, root = merge_variants(groups, set(defined_keys))
    defined_keys = {**inferred, **{root.get(k, k): v for k, v in defined_keys.items()}}

    result: dict[str, OrgName] = {}
    for key, texts in groups.items():
        acronym = defined_keys.get(key)
        long_forms = [t for t in texts if t != acronym]
        if acronym:
            defined = by_acronym.get(acronym, "")
            written = [defined, *long_forms] if defined else long_forms
            name = max(written, key=lambda t: (len(t), t == defined, t))
        elif long_forms:
            name = max(long_forms, key=lambda t: (len(t), t))
        else:
            name = texts[0]
        # "EU and African Union Commissions": a plural names several bodies; the body's own
        # name is the singular the page also writes.
        if name.endswith("s") and name[:-1] in texts:
            name = name[:-1]
        if acronym is None and is_short_form(name) and " " not in name:
            acronym = name  # written only as an acronym: name = acronym
        for text in texts:
            result[text] = OrgName(name, acronym)
    return result


# Words that end a company's name after its short form ("Northwind" / "Northwind Holdings
# Inc."), as org_key writes them (lower case, no dots, plural s dropped).
LEGAL_SUFFIX_KEYS = frozenset(
    "inc incorporated ltd limited llc llp lp plc gmbh ag sa nv bv spa srl sarl se corp "
    "corporation co company pty pte kk ab asa oy holding group".split()
)
_INITIAL_SKIP = frozenset({"of", "the", "and", "for", "&", "on", "in", "de", "du", "des"})


def merge_variants(
    groups: dict[str, list[str]], defined: set[str]
) -> tuple[dict[str, list[str]], dict[str, str], dict[str, str]]:
    """Join the groups of one page that name one body in different ways, and the acronyms
    this reveals (group key -> acronym):

    - a short form and its legal-suffix form: "Northwind" joins "Northwind Holdings Inc.";
    - an acronym the page never defines, when its letters are the initials of exactly one
      other name on the page: "WPA" joins "Western Power Authority";
    - a national adjective and an "of <country>" qualifier of the same country: "Kenyan Law
      Society" joins "Law Society of Kenya";
    - a later short mention by the head noun alone, when exactly one name on the page ends in
      it: "the Society" joins "Kenyan Law Society".

    `defined` are the keys of names defined with an acronym on the page; an acronym that
    abbreviates one of them is already joined. Returns the joined groups, the acronyms found
    and each key's new key.
    """
    parent = {key: key for key in groups}

    def find(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def join(short: str, long: str) -> None:
        a, b = find(short), find(long)
        if a != b:
            parent[a] = b

    keys = sorted(groups)
    words = {key: key.split() for key in keys}
    for a in keys:
        # A short form joins its one legal-suffix form; with two ("Northwind Inc.",
        # "Northwind Ltd") it may be either body, and they stay apart.
        longer = [
            b
            for b in keys
            if len(words[a]) < len(words[b])
            and words[b][: len(words[a])] == words[a]
            and _all_legal(words[b][len(words[a]) :])
        ]
        if len(longer) == 1:
            join(a, longer[0])
    heads = lexicon.words("org_head")
    for a in keys:
        # A name written again with a qualifier before it ("Ministry of Health" / "Federal
        # Ministry of Health", "Environmental Protection Agency" / "U.S. Environmental
        # Protection Agency") joins its one qualified form.
        if len(words[a]) < 2 or any(split_country(t)[1] for t in groups[a]):
            continue
        qualified_forms = {
            find(b)
            for b in keys
            if len(words[a]) < len(words[b]) <= len(words[a]) + QUALIFIER_WORDS
            and words[b][-len(words[a]) :] == words[a]
            and (words[a][0] in heads or _is_qualifier(words[b][: -len(words[a])]))
        }
        if len(qualified_forms) == 1:
            join(a, qualified_forms.pop())
    for a in keys:
        # The head last and the head first: "State Department" / "(U.S.) Department of State",
        # "Health Ministry" / "Ministry of Health".
        if not 2 <= len(words[a]) <= 3 or words[a][-1] not in heads or "of" in words[a]:
            continue
        head_first = [words[a][-1], "of", *words[a][:-1]]
        reordered = {
            find(b)
            for b in keys
            if words[b][-len(head_first) :] == head_first
            and (len(words[b]) == len(head_first) or _is_qualifier(words[b][: -len(head_first)]))
        }
        if len(reordered) == 1:
            join(a, reordered.pop())
    inferred: dict[str, str] = {}
    initials = {key: _initials(groups[key]) for key in keys}
    for a in keys:
        written = groups[a][0]
        letters = _undotted(written)
        if a in defined or " " in written or not _undefined_acronym(letters):
            continue
        matches = [b for b in keys if b != a and letters.upper() in initials[b]]
        if len({find(b) for b in matches}) == 1:
            join(a, matches[0])
            inferred[find(matches[0])] = written
    qualified: dict[tuple[str, str], list[str]] = {}
    for key in keys:
        for text in groups[key]:
            base, iso2 = _qualified_key(text)
            if iso2:
                qualified.setdefault((base, iso2), []).append(key)
    for members in qualified.values():
        for key in members[1:]:
            join(key, members[0])
    for a in keys:
        if len(words[a]) != 1 or words[a][0] not in heads:
            continue
        owners = {
            find(b) for b in keys if b != a and len(words[b]) > 1 and words[b][-1] == words[a][0]
        }
        if len(owners) == 1:
            join(a, owners.pop())
    merged: dict[str, list[str]] = {}
    for key in keys:
        merged.setdefault(find(key), []).extend(groups[key])
    return merged, {find(k): v for k, v in inferred.items()}, {k: find(k) for k in keys}


# At most this many words of a qualifier before a body's name.
QUALIFIER_WORDS = 2
# Qualifiers of a government body's name that are no country: "Federal Ministry of Health".
QUALIFIERS = frozenset({"federal", "national", "state", "royal", "central", "union"})


def _is_qualifier(words: list[str]) -> bool:
    """Whether the key words qualify a name by level of government or country ("federal",
    "u s", "kenyan")."""
    if all(w in QUALIFIERS for w in words):
        return True
    forms = (" ".join(words), "".join(words))  # "united states", "u s" -> "us"
    return any(f(t) is not None for f in (countries.resolve, countries.demonym) for t in forms)


@functools.lru_cache(maxsize=65536)
def company_key(name: str) -> str:
    """org_key without the legal suffixes at the end: "Ford Motor Company" -> "ford motor",
    "Apple Inc." -> "apple"."""
    words = org_key(name).split()
    while len(words) > 1 and words[-1] in LEGAL_SUFFIX_KEYS:
        words.pop()
    return " ".join(words)


# A listed company's key that is a common word alone ("New", "Now") is no evidence.
COMPANY_KEY_MAX_ZIPF = 6.0


def is_listed_company(name: str) -> bool:
    """Whether `name`, without its legal suffix, is a company of lexicon.listed_companies."""
    return company_key(name) in _company_keys()


# Words after a company's short name in its listed name: "Ford Motor Company" is "Ford" in
# the news, "Zebra Technologies" "Zebra" (when that word alone is no common word).
COMPANY_DESCRIPTORS = frozenset(
    """motor motors group holding holdings technologies technology systems industries
    international airlines airline communications entertainment brands pharmaceuticals
    financial bancorp networks software semiconductor electronics""".split()
)
# The descriptors as org_key writes them (a plural s dropped).
_DESCRIPTOR_KEYS = frozenset(
    w[:-1] if len(w) > 3 and w.endswith("s") else w for w in COMPANY_DESCRIPTORS
)
# A short name kept as a company's key only when it is no commoner than this as an English word.
SHORT_NAME_MAX_ZIPF = 4.5


@functools.lru_cache(maxsize=1)
def _company_keys() -> frozenset[str]:
    from wordfreq import zipf_frequency

    keys: set[str] = set()
    for name in lexicon.listed_companies():
        key = company_key(name)
        keys.add(key)
        words = key.split()
        while len(words) > 1 and words[-1] in _DESCRIPTOR_KEYS:
            words.pop()
        short = " ".join(words)
        if short != key and zipf_frequency(short, "en") <= SHORT_NAME_MAX_ZIPF:
            keys.add(short)
    return frozenset(k for k in keys if k and zipf_frequency(k, "en") < COMPANY_KEY_MAX_ZIPF)


def _all_legal(words: list[str]) -> bool:
    return all(w in LEGAL_SUFFIX_KEYS for w in words)


def _undotted(text: str) -> str:
    """A dotted acronym's letters ("W.T.O." -> "WTO"); any other text unchanged."""
    return text.replace(".", "") if _DOTTED_ACRONYM.fullmatch(text) else text


_DOTTED_ACRONYM = re.compile(r"(?:[A-Z]\.){2,6}")


def _undefined_acronym(text: str) -> bool:
    return 2 <= len(text) <= 6 and text.isalpha() and text.isupper()


def _initials(texts: list[str]) -> frozenset[str]:
    """The initials of the longest of a group's names, when it has two words or more, with
    and without its legal suffix ("European Aeronautic Defense and Space Company" -> EADSC,
    EADS)."""
    name = max(texts, key=len)
    parts = [w for w in re.split(r"[\s\-]+", name) if w and w[0].isalpha()]
    content = [w for w in parts if w.lower() not in _INITIAL_SKIP]
    if len(content) < 2 or not all(w[0].isupper() for w in content):
        return frozenset()
    forms = {"".join(w[0] for w in content).upper()}
    while len(content) > 2 and org_key(content[-1]) in LEGAL_SUFFIX_KEYS:
        content = content[:-1]
        forms.add("".join(w[0] for w in content).upper())
    return frozenset(forms)


def _qualified_key(text: str) -> tuple[str, str | None]:
    """The key of a name without its country qualifier, and the qualifier's ISO2: "Law
    Society of Kenya" and "Kenyan Law Society" -> ("law society", "KE")."""
    base, iso2 = split_country(text)
    if iso2 is None:
        first, _, rest = _LEADING_ARTICLE.sub("", text).partition(" ")
        country = countries.demonym(first) if rest else None
        if country:
            return org_key(rest), country.iso2
    return org_key(base), iso2


# ---------------------------------------------------------------------------------------------
# org_ruler patterns

# A capitalized word of a name: "Health", "ASEAN", "JP-MIRAI", "Women" (of "Women's").
_CAP: dict[str, Any] = {"TEXT": {"REGEX": r"^[A-Z][\w&\-.]*$"}}
# Before a head: capitalized words and the hyphens of "Co-Creation", "Asia-Pacific".
_MODIFIER: dict[str, Any] = {"TEXT": {"REGEX": r"^(?:[A-Z][\w&\-.]*|-)$"}}
# The first words of a name: capitalized, but no article, determiner or preposition that starts
# a sentence ("In Kobe University", "This Network", "The Centre").
_NAME_STOPS = sorted(NAME_STOPS | {"each", "every", "both", "our", "their", "its", "your", "my"})
_FIRST: dict[str, Any] = {**_CAP, "LOWER": {"NOT_IN": _NAME_STOPS}}

# A title-case word (not an acronym): what may follow "and" or "," inside a name, so that
# "Ministry of Health and UNICEF" does not become one name.
_TITLE: dict[str, Any] = {"TEXT": {"REGEX": r"^[A-Z][a-z][\w\-]*$"}}
# Inside a name: capitalized words, possessives and connectors ("of the", "for", "&").
_INNER: dict[str, Any] = {
    "TEXT": {"REGEX": r"^(?:[A-Z][\w&\-.]*|of|the|for|on|&|'s|’s)$"},
    "OP": "*",
}
_PREPOSITIONS = ["of", "for", "on", "against"]
# The first word after a head's preposition: capitalized, and no month or weekday, which
# starts a date ("Agency on February 3"), not a name.
_DATE_WORDS = sorted(w for w in (*MONTHS, *WEEKDAYS) if len(w) > 3)
_ITEM_START: dict[str, Any] = {**_CAP, "LOWER": {"NOT_IN": _DATE_WORDS}}


def _head(word: str) -> dict[str, Any]:
    if word == "-":
        return {"ORTH": "-"}
    return {"LOWER": word, "IS_TITLE": True}


# Heads written with a hyphen, which the tokenizer splits ("Directorate-General for Trade").
HYPHENATED_HEADS = ("directorate-general",)


def org_patterns() -> tuple[dict[str, Any], ...]:
    """span_ruler patterns for names of bodies.

    Label ORG, id "gazetteer": the known international organizations, names and acronyms, as
    phrase patterns (`gazetteer_phrases`).
    Label ORG, id "ruler": capitalized names headed by a body's noun ("Cabinet Secretariat",
    "Ministry of Health, Labour and Welfare", "Gender Equality Bureau of the Cabinet Office").
    Label ORG, id "appositive": "Rescue Hub, an NPO ..."; id "typed": "the NPO PAPS" (the
    component keeps the name).
    """
    patterns: list[dict[str, Any]] = [
        {"label": ORG_LABEL, "id": "gazetteer", "pattern": text} for text in gazetteer_phrases()
    ]
    heads = [[h] for h in sorted(lexicon.words("org_head"))]
    heads += [re.split(r"(-)", h) for h in HYPHENATED_HEADS]
    patterns.extend(_headed(ORG_LABEL, "ruler", heads, min_modifiers=1))
    patterns.append(
        {
            "label": ORG_LABEL,
            "id": "typed",
            "pattern": [{"ORTH": {"IN": sorted(TYPE_WORDS)}}, _CAP, {**_CAP, "OP": "{0,2}"}],
        }
    )
    patterns.append(
        {
            "label": ORG_LABEL,
            "id": "appositive",
            "pattern": [
                _FIRST,
                {"TEXT": {"REGEX": r"^(?:[A-Z][\w&\-.]*|&|'s|’s)$"}, "OP": "*"},
                {"ORTH": ","},
                {"LOWER": {"IN": ["a", "an"]}},
                {"IS_LOWER": True, "OP": "{0,3}"},
                {"LOWER": {"IN": sorted(APPOSITIVE_TYPES)}},
            ],
        }
    )
    return tuple(patterns)


def not_org_patterns() -> tuple[dict[str, Any], ...]:
    """span_ruler patterns (label NOT_ORG, id "head") for names headed by a programme's, law's,
    event's or document's noun ("Sendai Framework for Disaster Risk Reduction", "White Paper on
    Gender Equality"): inside them, a capitalized phrase is no body ("Gender Equality")."""
    not_heads = sorted(h.split() for h in lexicon.words("not_org_head"))
    return tuple(_headed(NOT_ORG_LABEL, "head", not_heads, min_modifiers=1))


# "the NPO PAPS": a type word written before a body's name (the component keeps the name).
TYPE_WORDS = frozenset({"NPO", "NGO", "NPOs", "NGOs"})

# "X, an NPO that ...": the nouns that make the name before the comma a body.
APPOSITIVE_TYPES = frozenset(
    """npo ngo nonprofit non-profit charity organization organisation association network
    foundation company cooperative union federation alliance coalition institute centre center
    group movement agency""".split()
)


def _headed(
    label: str, source: str, heads: list[list[str]], min_modifiers: int
) -> list[dict[str, Any]]:
    """Names ending in a head ("Kurume City Waterworks Bureau") or with a head before a
    preposition ("Ministry of Health, Labour and Welfare", "Bureau of the Cabinet Office").

    Heads of one length that differ only in their first word share one set of patterns (the
    first word's token tests membership in a set): the Matcher tries every pattern at every
    token, so a dozen patterns instead of a thousand is what keeps the rulers fast.
    """
    groups: dict[tuple[str, ...], set[str]] = {}
    for head in heads:
        groups.setdefault(tuple(head[1:]), set()).add(head[0])
    patterns: list[dict[str, Any]] = []
    modified: list[dict[str, Any]] = [_FIRST, {**_MODIFIER, "OP": "*"}]
    # Modifiers listed with commas before the head: "Foreign, Commonwealth & Development Office".
    listed: list[dict[str, Any]] = [
        _FIRST,
        {"ORTH": ","},
        _TITLE,
        {"ORTH": ",", "OP": "?"},
        {"LOWER": {"IN": ["and", "&"]}},
        _TITLE,
        {**_MODIFIER, "OP": "*"},
    ]
    for rest, firsts in sorted(groups.items()):
        head_tokens = [{"LOWER": {"IN": sorted(firsts)}, "IS_TITLE": True}, *map(_head, rest)]
        # A one-word head needs a modifier ("Cabinet Secretariat", not "Secretariat"); a
        # two-word head is a name by itself ("White Paper").
        bare_prefixes = [modified, listed] if min_modifiers and not rest else [modified, listed, []]
        for prefix in bare_prefixes:
            patterns.append({"label": label, "id": source, "pattern": [*prefix, *head_tokens]})
        tail_starts = [
            [*prefix, *head_tokens, {"LOWER": {"IN": _PREPOSITIONS}}, {"LOWER": "the", "OP": "?"}]
            for prefix in (modified, [])
        ]
        # "of X", "of X and Y", "of X, Y and Z": items are capitalized runs; "and" and ","
        # only between title-case words.
        # An item may end in "of" or "the" ("Bureau of the"): orgs.trim_org drops those.
        item: list[dict[str, Any]] = [_ITEM_START, _INNER]
        # A body's name also after "and the": "Ministry of Sustainability and the Environment"
        # (org_filters.split_coordination parts two names).
        article = [{"LOWER": "the", "OP": "?"}] if label == ORG_LABEL else []
        conjunction: list[dict[str, Any]] = [
            {"LOWER": {"IN": ["and", "&"]}},
            *article,
            _TITLE,
            _INNER,
        ]
        # After a list of items only "and" closes the name: "of Fiji, Live & Learn ..." is
        # two bodies.
        final_and: list[dict[str, Any]] = [{"LOWER": "and"}, _TITLE, _INNER]
        item_after_comma: list[dict[str, Any]] = [{"ORTH": ","}, _TITLE, {**_CAP, "OP": "*"}]
        optional_comma: list[dict[str, Any]] = [{"ORTH": ",", "OP": "?"}]
        tails: tuple[list[list[dict[str, Any]]], ...] = (
            [item],
            [item, conjunction],
            # "of Oceans and International Environmental and Scientific Affairs"
            [item, conjunction, conjunction],
            [item, item_after_comma, optional_comma, final_and],
            [item, item_after_comma, item_after_comma, optional_comma, final_and],
            # "of Education, Culture, Sports, Science and Technology"
            [item, *[item_after_comma] * 3, optional_comma, final_and],
        )
        for tail_start in tail_starts:
            for tail in tails:
                pattern = list(tail_start)
                for part in tail:
                    pattern.extend(part)
                patterns.append({"label": label, "id": source, "pattern": pattern})
    return patterns


def gazetteer_phrases() -> list[str]:
    """The gazetteer's names and acronyms as the ruler matches them (exact text): each as
    written, in capitals and with every word capitalized ("Save The Children"); acronyms only as
    written, so "who" and "Who" are never the WHO."""
    phrases: dict[str, None] = {}
    for org in lexicon.known_orgs():
        if org.acronym:
            phrases.update(dict.fromkeys((org.acronym, org.acronym.upper())))
        phrases.update(dict.fromkeys((org.name, org.name.upper(), _capitalize_words(org.name))))
    return list(phrases)


def _capitalize_words(name: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in name.split(" "))
