"""Places that are neither countries nor organizations: cities, regions, geographic names.

Pure functions over ``data/cities.tsv`` (GeoNames cities), ``data/regions.tsv`` (continents,
regions, seas) and the ``place_head``/``place_of`` classes of the organization lexicon. They
answer two questions: is this organization-looking span a place ("Colombo", "Seto Inland Sea",
"Dry Corridor of Central America")? and which spans hide a country's name inside a geographic
name ("Gulf of Guinea")? The latter are `place_patterns` for the ``place_ruler`` span_ruler.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from extractor.entities import countries, lexicon

CITIES_FILE = "cities.tsv"
CITY_KEYS_FILE = "city_keys.txt"
POSTAL_FILE = "postal_subdivisions.txt"
REGIONS_FILE = "regions.tsv"
PLACE_LABEL = "LOC"
# All-capital words up to this long are read as acronyms, never as city names.
ACRONYM_MAX_CHARS = 8

# Lowercase words that may sit inside a geographic name ("Gulf of the Niger", "Asia and the
# Pacific").
_CONNECTORS = ("of", "the", "and")


@functools.lru_cache(maxsize=1)
def _cities() -> frozenset[str]:
    """The lookup keys of the cities' names (CITY_KEYS_FILE, which `city_keys_text` writes)."""
    return frozenset(lexicon.read_lines(CITY_KEYS_FILE))


def city_keys_text() -> str:
    """CITY_KEYS_FILE: the `countries.normalize` keys of CITIES_FILE's names, sorted."""
    keys = {countries.normalize(name) for _, (name, _iso) in lexicon.read_rows(CITIES_FILE, 2)}
    return (
        f"# The lookup keys (countries.normalize) of the names of {CITIES_FILE}, one per line.\n"
        "# Written by `make data` (extractor/derived.py); read by places.is_city.\n"
        + "".join(f"{key}\n" for key in sorted(keys))
    )


@functools.lru_cache(maxsize=1)
def _regions() -> tuple[str, ...]:
    names = []
    for number, (name, _kind) in lexicon.read_rows(REGIONS_FILE, 2):
        if countries.resolve(name):
            raise ValueError(f"[{REGIONS_FILE}:{number}] {name!r} is a country's name")
        names.append(name)
    return tuple(names)


@functools.lru_cache(maxsize=1)
def _region_keys() -> frozenset[str]:
    return frozenset(countries.normalize(name) for name in _regions())


def is_city(text: str) -> bool:
    """A city's name as written ("Skopje", "Ulaanbaatar"); country names are not cities here,
    nor are acronyms ("UN" is no town in India)."""
    if text.isupper() and len(text) <= ACRONYM_MAX_CHARS:
        return False
    return countries.normalize(text) in _cities() and countries.resolve(text) is None


def is_region(text: str) -> bool:
    """A continent, region or sea ("the Sahel", "Southeast Asia", "Pacific")."""
    return countries.normalize(text) in _region_keys()


def place_head(text: str) -> str | None:
    """The geographic head noun of a name ("Kagawa Prefecture" -> "prefecture"), or None."""
    head = head_word(text)
    return head if head in lexicon.words("place_head") else None


def is_place(text: str) -> bool:
    """A city, a region or a geographic name, not a body (the caller has ruled out countries)."""
    return is_city(text) or is_region(text) or place_head(text) is not None


# Words after which a name's head has ended: "Ministry | of Health", "Framework | for ...".
HEAD_BREAKS = frozenset(
    """of for on in against to with at by from under between among and & de des du la le
    del di für e et y""".split()
)


def head_word(text: str) -> str:
    """The head noun of a capitalized name, lower case: the word before its first preposition
    ("Sendai Framework for Disaster Risk Reduction" -> "framework"), else its last word.

    A head joined to the word before it in the lexicon ("Summer School", "White Paper") is
    returned with both words.
    """
    words = [w.strip(".,;:()\"'“”‘’") for w in text.split()]
    words = [w for w in words if w]
    if not words:
        return ""
    end = len(words)
    for i, word in enumerate(words[1:], start=1):
        if word.lower() in HEAD_BREAKS:
            end = i
            break
    head = words[end - 1].lower()
    if end >= 2:
        pair = f"{words[end - 2].lower()} {head}"
        if pair in lexicon.words("not_org_head"):
            return pair
    return head


def place_patterns() -> list[dict[str, Any]]:
    """span_ruler patterns (label LOC): regions and "Gulf of X" names that contain a country.

    Regions are phrase patterns, each as written, in capitals and with every word capitalized
    but its connectors. "X of Y" names are built from the ``place_of`` heads: the head with a
    capital, "of", an optional "the", then one or more capitalized words. The longest span wins
    over the country inside it ("Gulf of Guinea" is no mention of Guinea).
    """
    phrases: dict[str, None] = {}
    for name in _regions():
        phrases.update(dict.fromkeys((name, name.upper(), _capitalize(name))))
    patterns: list[dict[str, Any]] = [
        {"label": PLACE_LABEL, "id": "region", "pattern": text} for text in phrases
    ]
    heads = sorted(lexicon.words("place_of"))
    for article in ([], [{"LOWER": "the"}]):
        patterns.append(
            {
                "label": PLACE_LABEL,
                "id": "feature",
                "pattern": [
                    {"LOWER": {"IN": heads}, "IS_TITLE": True},
                    {"LOWER": "of"},
                    *article,
                    {"IS_TITLE": True, "OP": "+"},
                ],
            }
        )
    return patterns


def _capitalize(name: str) -> str:
    return " ".join(w if w in _CONNECTORS else w[:1].upper() + w[1:] for w in name.split(" "))


# Countries whose subdivisions are written by a two-letter postal code after a city ("Phoenix,
# AZ", "Ottawa, ON", "Perth, WA").
POSTAL_SUBDIVISION_COUNTRIES = ("US", "CA", "AU")


@functools.lru_cache(maxsize=1)
def postal_subdivisions() -> frozenset[str]:
    """Two-letter codes of the US states, Canadian provinces and Australian states
    (POSTAL_FILE, which `postal_subdivisions_text` writes)."""
    return frozenset(lexicon.read_lines(POSTAL_FILE))


def postal_subdivisions_text() -> str:
    """POSTAL_FILE from pycountry's ISO 3166-2 entries ("US-AZ" -> "AZ"), sorted."""
    import pycountry

    codes = set()
    for country in POSTAL_SUBDIVISION_COUNTRIES:
        for sub in pycountry.subdivisions.get(country_code=country) or ():
            code = sub.code.split("-", 1)[1]
            if len(code) == 2:
                codes.add(code)
    countries_named = ", ".join(POSTAL_SUBDIVISION_COUNTRIES)
    return (
        f"# Two-letter subdivision codes of {countries_named} in pycountry's ISO 3166-2.\n"
        "# Written by `make data` (extractor/derived.py); read by places.postal_subdivisions.\n"
        + "".join(f"{code}\n" for code in sorted(codes))
    )


def is_postal_subdivision(text: str, before: str) -> bool:
    """A state's or province's code written after a city: "Phoenix, | AZ"."""
    return text in postal_subdivisions() and bool(re.search(r"[A-Z][\w.’'-]*,\s*$", before))
