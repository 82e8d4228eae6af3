"""ISO 3166-1 resolution: any written form of a country's name, or a demonym, to a `Country`.

Pure functions over pycountry's ISO 3166-1 entries (``name``, ``official_name``,
``common_name``) and the alias table ``data/country_aliases.tsv``. Lookups are exact matches on
`normalize`d forms. pycountry's ``search_fuzzy`` is never used: it matches subdivisions and
substrings ("Bangkok" -> Thailand).

Policy:
- Every ISO 3166-1 entry resolves, but `Country.sovereign` is False for the entries in
  `NON_SOVEREIGN` (territories, SARs, disputed entries such as Taiwan and Palestine). The gold
  format counts sovereign states only and treats the others as optional, so callers decide.
- `Country.name` is pycountry's ``name``, the ISO short name ("Viet Nam", "Korea, Republic of"),
  the value `models.CountryMention.name` documents.
- Continents, regions, cities and subdivisions never resolve; neither do bare ISO codes
  ("IN", "NO" and "TO" are English words). Words that are also other things ("Georgia",
  "Jordan", "Chad", "Turkey", "Korea" -> KR) resolve: they are countries' names.
- Span patterns never include a leading "the", so spans read "Kingdom of Thailand".
"""

from __future__ import annotations

import functools
import logging
import re
import string
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

import pycountry

LOGGER = logging.getLogger(__name__)

ALIASES_FILE = "country_aliases.tsv"
COUNTRY_LABEL = "COUNTRY"
DEMONYM_LABEL = "NORP"
ALIAS_KINDS = ("alias", "demonym")

# ISO 3166-1 entries that are neither UN member states nor the Holy See (a UN observer state):
# dependencies and territories, the Hong Kong and Macao SARs, Antarctica, and the disputed
# Taiwan, Palestine and Western Sahara. Cook Islands and Niue (free association with New
# Zealand, not UN members) are here too. Every other ISO entry is one of 193 + 1 states.
NON_SOVEREIGN: frozenset[str] = frozenset(
    {
        "AI", "AQ", "AS", "AW", "AX", "BL", "BM", "BQ", "BV", "CC", "CK", "CW", "CX", "EH",
        "FK", "FO", "GF", "GG", "GI", "GL", "GP", "GS", "GU", "HK", "HM", "IM", "IO", "JE",
        "KY", "MF", "MO", "MP", "MQ", "MS", "NC", "NF", "NU", "PF", "PM", "PN", "PR", "PS",
        "RE", "SH", "SJ", "SX", "TC", "TF", "TK", "TW", "UM", "VG", "VI", "WF", "YT",
    }
)  # fmt: skip

_APOSTROPHES = str.maketrans(dict.fromkeys("\u2018\u2019\u02bc\u2032\u00b4`", "'"))
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\ufeff"))
_DASHES = re.compile(r"[\u002d\u2010-\u2015\u2212]")
_EDGES = string.punctuation + string.whitespace
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)

# Demonyms that are already plural or have no "-s" plural; others get one ("Nepalis").
_NO_PLURAL_ENDINGS = ("s", "sh", "ch", "x", "z", "y", "ese")
_INVARIABLE = frozenset({"basotho", "batswana", "i-kiribati", "ni-vanuatu", "sinhala"})


@dataclass(frozen=True)
class Country:
    """One ISO 3166-1 entry."""

    iso2: str
    iso3: str
    name: str  # ISO short name as pycountry spells it: "Viet Nam", "Korea, Republic of"
    sovereign: bool  # False for NON_SOVEREIGN entries (territories, SARs, disputed)


@dataclass(frozen=True)
class _Form:
    text: str
    iso2: str
    kind: str  # "name" (from pycountry), "alias" or "demonym"


def normalize(text: str) -> str:
    """Fold a written name to its lookup key ("the Kingdom of  Thailand" -> "kingdom of thailand").

    NFKC, curly apostrophes made straight, accents stripped, case folded, periods dropped
    ("U.S." = "US"), "&" read as "and", hyphens as spaces, whitespace collapsed, punctuation
    stripped from both ends, and a leading "the" dropped.
    """
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).translate(_INVISIBLE)
    text = _fold_accents(text).casefold().replace(".", "").replace("&", " and ")
    text = " ".join(_DASHES.sub(" ", text).split()).strip(_EDGES)
    return _LEADING_THE.sub("", text)


def resolve(text: str) -> Country | None:
    """The country a written name refers to, or None when the text is not a country's name."""
    iso2 = _name_index().get(normalize(text))
    return None if iso2 is None else _countries()[iso2]


def demonym(text: str) -> Country | None:
    """The country of a demonym or national adjective ("Nepali", "Filipinos"), or None."""
    iso2 = _demonym_index().get(normalize(text))
    return None if iso2 is None else _countries()[iso2]


def by_iso2(code: str) -> Country:
    """The country with this alpha-2 code (e.g. a span's ``id_``); KeyError if ISO has none."""
    return _countries()[code.upper()]


def country_patterns() -> list[dict[str, Any]]:
    """span_ruler phrase patterns: label COUNTRY for names, NORP for demonyms, id = ISO alpha-2.

    Phrase patterns (a trie, matched on the exact text) are many times faster than token
    patterns over a thousand forms. One pattern per spelling of each form (as written, accents
    stripped, hyphens as spaces, "&" for "and", curly apostrophe), each as written and in
    capitals, so "VIET NAM" matches while "turkey", "chile" and "china" in lower case do not,
    and the pronoun "us" never matches "US". pycountry's inverted catalogue names ("Korea,
    Republic of") are left out: in running text they would swallow a following name.
    """
    owners: dict[str, tuple[str, str]] = {}
    patterns: list[dict[str, Any]] = []
    for form in _forms():
        if form.kind == "name" and ("," in form.text or "(" in form.text):
            continue
        label = DEMONYM_LABEL if form.kind == "demonym" else COUNTRY_LABEL
        for spelling in _spellings(form.text):
            for text in dict.fromkeys((spelling, spelling.upper())):
                if text not in owners:
                    owners[text] = (label, form.iso2)
                    patterns.append({"label": label, "id": form.iso2, "pattern": text})
                elif owners[text] != (label, form.iso2) and text == spelling:
                    raise ValueError(
                        f"[{ALIASES_FILE}] {spelling!r} is both {owners[text]} and "
                        f"{(label, form.iso2)}"
                    )
    LOGGER.debug("built %d country patterns", len(patterns))
    return patterns


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, Country]:
    return {
        entry.alpha_2: Country(
            iso2=entry.alpha_2,
            iso3=entry.alpha_3,
            name=entry.name,
            sovereign=entry.alpha_2 not in NON_SOVEREIGN,
        )
        for entry in pycountry.countries
    }


@functools.lru_cache(maxsize=1)
def _forms() -> tuple[_Form, ...]:
    forms: list[_Form] = []
    for entry in pycountry.countries:
        for field in ("name", "official_name", "common_name"):
            text = getattr(entry, field, None)
            if text:
                forms.append(_Form(_LEADING_THE.sub("", text), entry.alpha_2, "name"))
    name_keys = {normalize(form.text) for form in forms}
    for form in _read_aliases():
        forms.append(form)
        if form.kind == "demonym":
            plural = _plural(form.text)
            # "Lao" -> "Laos" is the country, not a plural demonym.
            if plural and normalize(plural) not in name_keys:
                forms.append(_Form(plural, form.iso2, "demonym"))
    return tuple(forms)


def _read_aliases() -> Iterator[_Form]:
    text = resources.files("extractor").joinpath("data", ALIASES_FILE).read_text("utf-8")
    return _parse_aliases(text)


def _parse_aliases(text: str) -> Iterator[_Form]:
    """Rows of the alias table; a ValueError names the line of a malformed row."""
    known = _countries()
    header_seen = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if not header_seen:
            header_seen = True
            if fields == ["alias", "iso2", "kind"]:
                continue
        where = f"[{ALIASES_FILE}:{number}]"
        if len(fields) != 3:
            raise ValueError(f"{where} expected 3 tab-separated fields, got {len(fields)}")
        alias, iso2, kind = (field.strip() for field in fields)
        if iso2 not in known:
            raise ValueError(f"{where} unknown ISO 3166-1 alpha-2 code {iso2!r}")
        if kind not in ALIAS_KINDS:
            raise ValueError(f"{where} kind must be one of {ALIAS_KINDS}, got {kind!r}")
        yield _Form(_LEADING_THE.sub("", alias), iso2, kind)


def _index(kinds: frozenset[str]) -> dict[str, str]:
    index: dict[str, str] = {}
    for form in _forms():
        if form.kind not in kinds:
            continue
        key = normalize(form.text)
        if index.setdefault(key, form.iso2) != form.iso2:
            raise ValueError(f"[{ALIASES_FILE}] {key!r} names both {index[key]} and {form.iso2}")
    return index


@functools.lru_cache(maxsize=1)
def _name_index() -> dict[str, str]:
    return _index(frozenset({"name", "alias"}))


@functools.lru_cache(maxsize=1)
def _demonym_index() -> dict[str, str]:
    return _index(frozenset({"demonym"}))


def _fold_accents(text: str) -> str:
    if text.isascii():
        return text  # nothing to fold (the common case, and a per-character loop saved)
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def _spellings(text: str) -> list[str]:
    """The ways a form is written in running text, the form itself first."""
    variants = {text: None}
    for rewrite in (
        _fold_accents,
        lambda s: " ".join(_DASHES.sub(" ", s).split()),
        lambda s: s.replace(" and ", " & "),
        lambda s: s.replace("'", "\u2019"),
    ):
        variants.update(dict.fromkeys(map(rewrite, list(variants))))
    return list(variants)


def _plural(word: str) -> str | None:
    lowered = word.lower()
    if lowered in _INVARIABLE or lowered.endswith(_NO_PLURAL_ENDINGS):
        return None
    return word + "s"
