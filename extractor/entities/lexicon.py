"""Word lists that tell named bodies from other capitalized names, loaded once from data files.

``data/org_lexicon.tsv`` holds the classes (head nouns of bodies, of programmes and events, of
geographic names; generic words; non-body abbreviations); ``data/known_orgs.tsv`` the gazetteer
of international organizations. Pure data access: no spaCy here.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources

LEXICON_FILE = "org_lexicon.tsv"
KNOWN_ORGS_FILE = "known_orgs.tsv"
PERSON_NAMES_FILE = "person_names.tsv"

CLASSES = (
    "org_head",
    "not_org_head",
    "following_noun",
    "generic",
    "not_org_acronym",
    "not_org_name",
    "place_head",
    "place_of",
    "position",
)
# Classes whose entries keep their case (abbreviations, names); the others are lower case.
CASED_CLASSES = frozenset({"not_org_acronym", "not_org_name"})


@dataclass(frozen=True)
class KnownOrg:
    """One row of the gazetteer of international organizations."""

    name: str
    acronym: str | None


def read_rows(filename: str, columns: int) -> list[tuple[int, list[str]]]:
    """(line number, fields) of a tab-separated data file, without comments, blanks, header."""
    text = resources.files("extractor").joinpath("data", filename).read_text("utf-8")
    rows: list[tuple[int, list[str]]] = []
    header_seen = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if not header_seen:
            header_seen = True
            continue
        if len(fields) != columns:
            raise ValueError(f"[{filename}:{number}] expected {columns} tab-separated fields")
        rows.append((number, fields))
    return rows


def read_lines(filename: str) -> list[str]:
    """The entries of a data file of one entry per line (those extractor/derived.py writes)."""
    return entries(resources.files("extractor").joinpath("data", filename).read_text("utf-8"))


def entries(text: str) -> list[str]:
    """The lines of a data file's text, without comments and blanks."""
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@functools.lru_cache(maxsize=1)
def _classes() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for number, (word, cls) in read_rows(LEXICON_FILE, 2):
        if cls not in CLASSES:
            raise ValueError(f"[{LEXICON_FILE}:{number}] unknown class {cls!r}")
        word = word.replace("_", " ")
        found[cls].add(word if cls in CASED_CLASSES else word.lower())
    return {cls: frozenset(found[cls]) for cls in CLASSES}


def words(cls: str) -> frozenset[str]:
    """The entries of one class of the lexicon (KeyError for an unknown class)."""
    return _classes()[cls]


@functools.lru_cache(maxsize=1)
def known_orgs() -> tuple[KnownOrg, ...]:
    """The gazetteer of international organizations, in file order."""
    return tuple(
        KnownOrg(name, acronym or None) for _, (name, acronym) in read_rows(KNOWN_ORGS_FILE, 2)
    )


@dataclass(frozen=True)
class PersonNames:
    """Given names and surnames, case-folded, in Latin script."""

    given: frozenset[str]
    surnames: frozenset[str]


@functools.lru_cache(maxsize=1)
def person_names() -> PersonNames:
    """The person-name tables of Faker's locales (MIT; compiled from census and registry
    lists and maintained upstream): about 21,000 given names and 21,000 surnames in Latin
    script, from some 80 locales. Evidence that a capitalized name is a person's
    ("Anneliese Dodds", "Moussa Faki Mahamat"). Read from PERSON_NAMES_FILE, which
    `person_names_text` writes from Faker (extractor/derived.py)."""
    given: set[str] = set()
    surnames: set[str] = set()
    for line in read_lines(PERSON_NAMES_FILE):
        kind, name = line.split("\t")
        (given if kind == "given" else surnames).add(name)
    return PersonNames(frozenset(given), frozenset(surnames))


def person_names_text() -> str:
    """PERSON_NAMES_FILE as Faker's installed person providers give it: `kind<TAB>name`, sorted."""
    import faker

    names = _faker_person_names()
    return (
        f"# Person names of Faker {faker.VERSION}'s locales (MIT), case-folded, Latin script.\n"
        "# Written by `make data` (extractor/derived.py); read by lexicon.person_names.\n"
        + "".join(f"given\t{n}\n" for n in sorted(names.given))
        + "".join(f"surname\t{n}\n" for n in sorted(names.surnames))
    )


def _faker_person_names() -> PersonNames:
    """The given names and surnames of every person provider of Faker, read without its random
    generator."""
    import importlib
    import pkgutil

    import faker.providers.person as person_providers

    given: set[str] = set()
    surnames: set[str] = set()
    for module in pkgutil.iter_modules(person_providers.__path__):
        provider = importlib.import_module(f"{person_providers.__name__}.{module.name}").Provider
        for attribute in _GIVEN_NAME_TABLES:
            given.update(_table(getattr(provider, attribute, ())))
        surnames.update(_table(getattr(provider, "last_names", ())))
    return PersonNames(
        frozenset(n.casefold() for n in given if _latin(n)),
        frozenset(n.casefold() for n in surnames if _latin(n)),
    )


@functools.lru_cache(maxsize=1)
def listed_companies() -> tuple[str, ...]:
    """The names of the companies listed on 20 major stock indices (S&P 500 and 600, NASDAQ
    100, Dow Jones, FTSE 100, DAX, CAC 40, Nikkei 225, EURO STOXX 50, ...), as pytickersymbols
    (MIT; compiled from Wikipedia and maintained upstream) writes them: about 1,800 names such
    as "Apple Inc.", "Walmart", "Ford Motor Company". Evidence that a name is a company's, read
    from the package's data without its network client."""
    from pytickersymbols import PyTickerSymbols

    return tuple(sorted({s["name"] for s in PyTickerSymbols().get_all_stocks() if s.get("name")}))


_GIVEN_NAME_TABLES = ("first_names", "first_names_male", "first_names_female")


def _table(value: object) -> set[str]:
    """A provider's table: a tuple of names, or a dict of names to weights."""
    return set(value) if isinstance(value, (dict, list, tuple, set, frozenset)) else set()


def _latin(name: str) -> bool:
    import unicodedata

    if name.isascii():  # the same test without a name lookup per character
        return all(ch.isalpha() or ch in "-' " for ch in name)
    return all(ch in "-' " or unicodedata.name(ch, "").startswith("LATIN") for ch in name)
