"""Organization names: acronym pairs, trimming, plausibility and per-document merging."""

from __future__ import annotations

import pytest

from extractor.orgs import (
    OrgName,
    canonicalize,
    find_acronym_pairs,
    is_plausible_org,
    is_short_form,
    org_key,
    trim_org,
)


@pytest.mark.parametrize(
    ("text", "long", "short"),
    [
        (
            "commissioned by the Japan International Cooperation Agency (JICA).",
            "Japan International Cooperation Agency",
            "JICA",
        ),
        (
            "The National Women’s Education Center (NWEC) held",
            "National Women’s Education Center",
            "NWEC",
        ),
        (
            "under commission from JICA (Japan International Cooperation Agency).",
            "Japan International Cooperation Agency",
            "JICA",
        ),
        (
            "ESCAP (the United Nations Economic and Social Commission for Asia and the Pacific) gave",
            "United Nations Economic and Social Commission for Asia and the Pacific",
            "ESCAP",
        ),
        (
            "Ministry of Health, Labour and Welfare (MHLW) outlined",
            "Ministry of Health, Labour and Welfare",
            "MHLW",
        ),
        (
            "Economic Partnership Agreements (EPAs), technical",
            "Economic Partnership Agreements",
            "EPAs",
        ),
    ],
)
def test_find_acronym_pairs_both_orders(text, long, short):
    pairs = find_acronym_pairs(text)
    assert [(p.long, p.short) for p in pairs] == [(long, short)]
    pair = pairs[0]
    assert text[pair.long_start : pair.long_end] == long
    assert text[pair.short_start : pair.short_end] == short


@pytest.mark.parametrize(
    "text",
    [
        "Eight (8) participants from 8 countries",
        "a lecture (see photo) on data",
        "the results (Table 2) show",
        "Kobe University (Japan) hosted",
    ],
)
def test_find_acronym_pairs_ignores_non_definitions(text):
    assert find_acronym_pairs(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("JICA", True),
        ("JP-MIRAI", True),
        ("MoWA", True),
        ("UN Women", False),
        ("Kobe", False),
        ("8", False),
    ],
)
def test_is_short_form(text, expected):
    assert is_short_form(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Cabinet Secretariat", "Cabinet Secretariat"),
        ("JICA's", "JICA"),
        ("Japan’s Statistics Bureau", "Japan’s Statistics Bureau"),
    ],
)
def test_trim_org_drops_article_and_possessive(text, expected):
    start, end = trim_org(text)
    assert text[start:end] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Colabo", True),
        ("National Police Agency", True),
        ("the police", False),
        ("local governments", False),
        ("Knowledge Co-Creation Program", False),
        ("ILO Convention", False),
        ("Dr. Oberoi", False),
        ("NPO", False),
    ],
)
def test_is_plausible_org(text, expected):
    assert is_plausible_org(text) is expected


def test_org_key_merges_spelling_variants():
    assert org_key("Ministry of Health, Labor and Welfare") == org_key(
        "Ministry of Health, Labour and Welfare"
    )
    assert org_key("the National Women’s Education Center") == org_key(
        "National Women's Education Centre"
    )


def test_canonicalize_links_acronyms_and_variants():
    names = canonicalize(
        [
            "Ministry of Health, Labour and Welfare",
            "MHLW",
            "Ministry of Health, Labor and Welfare",
            "UNODC",
            "Colabo",
        ],
        [("Ministry of Health, Labour and Welfare", "MHLW")],
    )
    mhlw = OrgName("Ministry of Health, Labour and Welfare", "MHLW")
    assert names["MHLW"] == mhlw
    assert names["Ministry of Health, Labor and Welfare"] == mhlw
    assert names["UNODC"] == OrgName("UNODC", "UNODC")
    assert names["Colabo"] == OrgName("Colabo", None)
