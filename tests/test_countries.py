"""Tests for extractor.entities.countries: name resolution, demonyms, and the span_ruler patterns."""

from __future__ import annotations

import pycountry
import pytest
import spacy
from spacy.tokens import Span

from extractor.entities import countries
from extractor.entities.countries import (
    COUNTRY_LABEL,
    DEMONYM_LABEL,
    NON_SOVEREIGN,
    Country,
    by_iso2,
    country_patterns,
    demonym,
    normalize,
    resolve,
)

SEED_SENTENCE = (
    "Participating countries are People's Republic of Bangladesh, Malaysia, "
    "Islamic Republic of Pakistan and the Kingdom of Thailand."
)


@pytest.fixture(scope="module")
def patterns() -> list[dict]:
    return country_patterns()


@pytest.fixture(scope="module")
def nlp(patterns):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe(
        "span_ruler",
        config={"spans_key": None, "annotate_ents": True, "overwrite": True, "validate": True},
    )
    ruler.add_patterns(patterns)
    return nlp


def ents(nlp, text: str) -> list[tuple[str, str, str]]:
    return [(ent.text, ent.label_, ent.id_) for ent in nlp(text).ents]


# --- resolve -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso2"),
    [
        ("People's Republic of Bangladesh", "BD"),
        ("Islamic Republic of Pakistan", "PK"),
        ("Republic of the Philippines", "PH"),
        ("United Republic of Tanzania", "TZ"),
        ("the Kingdom of Thailand", "TH"),
        ("the Socialist Republic of Vietnam", "VN"),
        ("the Socialist Republic of Viet Nam", "VN"),
        ("Viet Nam", "VN"),
        ("Kingdom of Cambodia", "KH"),
        ("Lao People's Democratic Republic", "LA"),
        ("Lao PDR", "LA"),
        ("Laos", "LA"),
        ("Republic of the Union of Myanmar", "MM"),
        ("Burma", "MM"),
        ("the Republic of Moldova", "MD"),
        ("the Plurinational State of Bolivia", "BO"),
        ("the Federal Republic of Somalia", "SO"),
        ("Democratic Socialist Republic of Sri Lanka", "LK"),
        ("the Arab Republic of Egypt", "EG"),
        ("the Republic of Kenya", "KE"),
        ("the Kingdom of Bhutan", "BT"),
    ],
)
def test_resolve_official_long_names(text, iso2):
    assert resolve(text).iso2 == iso2


@pytest.mark.parametrize(
    ("text", "iso2"),
    [
        ("Czechia", "CZ"),
        ("Czech Republic", "CZ"),
        ("Eswatini", "SZ"),
        ("Swaziland", "SZ"),
        ("São Tomé and Príncipe", "ST"),
        ("Sao Tome and Principe", "ST"),
        ("Côte d'Ivoire", "CI"),
        ("Cote d'Ivoire", "CI"),
        ("Ivory Coast", "CI"),
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
        ("Russia", "RU"),
        ("Iran", "IR"),
        ("Syria", "SY"),
        ("Tanzania", "TZ"),
        ("Bolivia", "BO"),
        ("Venezuela", "VE"),
        ("Vietnam", "VN"),
        ("UK", "GB"),
        ("United Kingdom", "GB"),
        ("Great Britain", "GB"),
        ("USA", "US"),
        ("U.S.", "US"),
        ("United States of America", "US"),
        ("the Netherlands", "NL"),
        ("the Philippines", "PH"),
        ("the Gambia", "GM"),
        ("Macedonia", "MK"),
        ("North Macedonia", "MK"),
        ("Timor-Leste", "TL"),
        ("East Timor", "TL"),
        ("Cabo Verde", "CV"),
        ("Cape Verde", "CV"),
        ("Micronesia", "FM"),
        ("Democratic Republic of the Congo", "CD"),
        ("Republic of the Congo", "CG"),
        ("Congo", "CG"),
    ],
)
def test_resolve_short_and_alternative_names(text, iso2):
    assert resolve(text).iso2 == iso2


@pytest.mark.parametrize(
    ("text", "iso2"),
    [
        ("the Republic of Korea", "KR"),
        ("South Korea", "KR"),
        ("Korea", "KR"),
        ("the Democratic People's Republic of Korea", "KP"),
        ("DPRK", "KP"),
        ("North Korea", "KP"),
    ],
)
def test_resolve_tells_the_two_koreas_apart(text, iso2):
    assert resolve(text).iso2 == iso2


@pytest.mark.parametrize(
    "text",
    [
        "THE KINGDOM OF THAILAND",
        "the  Kingdom\u00a0of\nThailand",
        "  kingdom of thailand. ",
        "(the Kingdom of Thailand)",
        "The Kingdom of Thailand",
    ],
)
def test_resolve_ignores_case_spacing_edges_and_leading_the(text):
    assert resolve(text).iso2 == "TH"


@pytest.mark.parametrize(
    ("text", "iso2"),
    [
        ("People\u2019s Republic of Bangladesh", "BD"),
        ("Cote d\u2019Ivoire", "CI"),
        ("SÃO TOMÉ AND PRÍNCIPE", "ST"),
        ("Turkiye", "TR"),
        ("Timor Leste", "TL"),
        ("Guinea\u2013Bissau", "GW"),
        ("Trinidad & Tobago", "TT"),
        ("U.S.A.", "US"),
        ("St. Lucia", "LC"),
        ("Åland Islands", "AX"),
    ],
)
def test_resolve_folds_apostrophes_accents_hyphens_and_ampersands(text, iso2):
    assert resolve(text).iso2 == iso2


@pytest.mark.parametrize(
    "text",
    [
        "Africa",
        "Asia",
        "Europe",
        "Southeast Asia",
        "the Sahel",
        "the Mekong region",
        "the ASEAN region",
        "Greater Mekong Subregion",
        "Asia-Pacific",
        "Latin America",
        "America",
        "Tokyo",
        "Bangkok",
        "Manila",
        "Yokohama",
        "Saitama",
        "California",
        "Bavaria",
        "England",
        "Northern Ireland",
        "Kosovo",
        "",
        "the",
    ],
)
def test_resolve_rejects_regions_cities_and_subdivisions(text):
    assert resolve(text) is None


@pytest.mark.parametrize("text", ["TH", "THA", "IN", "NO", "JP", "JPN", "VN"])
def test_resolve_rejects_bare_iso_codes(text):
    assert resolve(text) is None


@pytest.mark.parametrize(("text", "iso2"), [("Georgia", "GE"), ("Jordan", "JO"), ("Chad", "TD")])
def test_resolve_words_that_are_also_countries(text, iso2):
    # Documented ambiguity: these are countries' names, context decides upstream.
    assert resolve(text).iso2 == iso2


def test_resolve_never_uses_fuzzy_or_substring_matching():
    assert resolve("Thai") is None
    assert resolve("Kingdom") is None
    assert resolve("Republic of") is None
    assert resolve("Bangkok, Thailand") is None


def test_only_subdivisions_named_like_an_iso_entry_resolve():
    # A subdivision may share its name with a country ("Georgia", "Niger", "Luxembourg"). An
    # alias from the TSV may match a subdivision only where both are the same ISO entry.
    iso_names = {
        normalize(value)
        for entry in pycountry.countries
        for field in ("name", "official_name", "common_name")
        if (value := getattr(entry, field, None))
    }
    via_alias = {
        sub.name
        for sub in pycountry.subdivisions
        if resolve(sub.name) and normalize(sub.name) not in iso_names
    }
    assert via_alias == {"Hong Kong SAR", "Macao SAR", "Saint-Martin", "Sint Maarten"}


# --- the Country record ------------------------------------------------------------------------


def test_country_carries_iso_codes_and_iso_short_name():
    assert resolve("Vietnam") == Country(iso2="VN", iso3="VNM", name="Viet Nam", sovereign=True)
    assert resolve("South Korea").name == "Korea, Republic of"


@pytest.mark.parametrize(
    "text",
    [
        "Hong Kong",
        "Macao",
        "Macau",
        "Taiwan",
        "Palestine",
        "State of Palestine",
        "Puerto Rico",
        "Greenland",
        "Western Sahara",
    ],
)
def test_non_sovereign_entries_resolve_flagged(text):
    country = resolve(text)
    assert country is not None
    assert country.sovereign is False


def test_sovereign_states_are_un_members_and_the_holy_see():
    sovereign = [
        code for code in (e.alpha_2 for e in pycountry.countries) if by_iso2(code).sovereign
    ]
    assert len(sovereign) == 194
    assert NON_SOVEREIGN.issubset(entry.alpha_2 for entry in pycountry.countries)
    assert by_iso2("VA").sovereign


def test_by_iso2_finds_code_and_rejects_unknown():
    assert by_iso2("th").iso3 == "THA"
    with pytest.raises(KeyError):
        by_iso2("XK")


# --- demonyms ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso2"),
    [
        ("Nepali", "NP"),
        ("Nepalese", "NP"),
        ("Indonesian", "ID"),
        ("Filipino", "PH"),
        ("Filipinos", "PH"),
        ("Filipina", "PH"),
        ("Japanese", "JP"),
        ("Vietnamese", "VN"),
        ("Thais", "TH"),
        ("Lao", "LA"),
        ("Korean", "KR"),
        ("North Korean", "KP"),
        ("Sri Lankan", "LK"),
        ("Burkinabe", "BF"),
        ("Taiwanese", "TW"),
    ],
)
def test_demonym_resolves_nationality_words(text, iso2):
    assert demonym(text).iso2 == iso2


@pytest.mark.parametrize("text", ["American", "English", "Congolese", "Asian", "African", "Nepal"])
def test_demonym_rejects_ambiguous_words_and_country_names(text):
    assert demonym(text) is None


def test_demonym_plural_never_shadows_a_country_name():
    # "Lao" + "s" would be the country "Laos".
    assert demonym("Laos") is None
    assert resolve("Laos").iso2 == "LA"


def test_names_and_demonyms_do_not_overlap():
    assert not countries._name_index().keys() & countries._demonym_index().keys()


# --- the alias table ---------------------------------------------------------------------------


def test_alias_table_rows_are_known_codes_and_kinds():
    rows = list(countries._read_aliases())
    assert rows
    assert {row.kind for row in rows} == set(countries.ALIAS_KINDS)
    assert all(row.iso2 in {e.alpha_2 for e in pycountry.countries} for row in rows)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Narnia\tNN\talias", "unknown ISO 3166-1 alpha-2 code 'NN'"),
        ("Thai\tTH\tadjective", "kind must be one of"),
        ("Thai\tTH", "expected 3 tab-separated fields, got 2"),
    ],
)
def test_alias_table_reports_bad_rows_with_line_number(line, message):
    text = "# comment\nalias\tiso2\tkind\n\n" + line + "\n"
    with pytest.raises(ValueError, match=r"\[country_aliases.tsv:4\] " + message):
        list(countries._parse_aliases(text))


def test_alias_table_header_and_leading_article_are_optional():
    rows = list(countries._parse_aliases("the Kingdom of Thailand\tTH\talias\n"))
    assert [(row.text, row.iso2, row.kind) for row in rows] == [
        ("Kingdom of Thailand", "TH", "alias")
    ]


# --- span_ruler patterns -----------------------------------------------------------------------


def test_patterns_are_span_ruler_phrase_patterns_with_iso_ids(patterns):
    iso2 = {entry.alpha_2 for entry in pycountry.countries}
    assert {p["label"] for p in patterns} == {COUNTRY_LABEL, DEMONYM_LABEL}
    assert all(p["id"] in iso2 and isinstance(p["pattern"], str) for p in patterns)
    assert all(p["pattern"].strip() for p in patterns)


def test_patterns_have_no_leading_article(patterns):
    assert not [p for p in patterns if p["pattern"].lower().startswith("the ")]


def test_patterns_are_deterministic(patterns):
    assert country_patterns() == patterns


def test_span_ruler_matches_full_official_names(nlp):
    assert ents(nlp, SEED_SENTENCE) == [
        ("People's Republic of Bangladesh", COUNTRY_LABEL, "BD"),
        ("Malaysia", COUNTRY_LABEL, "MY"),
        ("Islamic Republic of Pakistan", COUNTRY_LABEL, "PK"),
        ("Kingdom of Thailand", COUNTRY_LABEL, "TH"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("VIET NAM", [("VIET NAM", "VN")]),
        ("from Lao PDR and Myanmar", [("Lao PDR", "LA"), ("Myanmar", "MM")]),
        (
            "the Lao People's Democratic Republic and the Republic of the Union of Myanmar",
            [
                ("Lao People's Democratic Republic", "LA"),
                ("Republic of the Union of Myanmar", "MM"),
            ],
        ),
        (
            "the Republic of Korea and the Democratic People's Republic of Korea",
            [("Republic of Korea", "KR"), ("Democratic People's Republic of Korea", "KP")],
        ),
        ("People\u2019s Republic of China", [("People\u2019s Republic of China", "CN")]),
        (
            "Cote d\u2019Ivoire and Côte d'Ivoire",
            [("Cote d\u2019Ivoire", "CI"), ("Côte d'Ivoire", "CI")],
        ),
        ("Timor Leste", [("Timor Leste", "TL")]),
        (
            "Papua New Guinea and Guinea-Bissau",
            [("Papua New Guinea", "PG"), ("Guinea-Bissau", "GW")],
        ),
        (
            "the Democratic Republic of the Congo",
            [("Democratic Republic of the Congo", "CD")],
        ),
        (
            "Hong Kong Special Administrative Region of China",
            [("Hong Kong Special Administrative Region of China", "HK")],
        ),
        ("the U.S. and the UK", [("U.S.", "US"), ("UK", "GB")]),
        ("Trinidad & Tobago", [("Trinidad & Tobago", "TT")]),
        ("the Philippines", [("Philippines", "PH")]),
    ],
)
def test_span_ruler_country_spans(nlp, text, expected):
    assert [(span_text, iso2) for span_text, _, iso2 in ents(nlp, text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Southeast Asia, the ASEAN region and the Mekong region",
        "the Greater Mekong Subregion",
        "Tokyo, Bangkok and Manila",
        "let us know",
        "roast turkey with chile on fine china",
        "a guinea pig",
    ],
)
def test_span_ruler_ignores_regions_cities_and_common_words(nlp, text):
    assert ents(nlp, text) == []


def test_span_ruler_labels_demonyms_as_norp(nlp):
    assert ents(nlp, "Indonesian and Nepali workers; Filipinos") == [
        ("Indonesian", DEMONYM_LABEL, "ID"),
        ("Nepali", DEMONYM_LABEL, "NP"),
        ("Filipinos", DEMONYM_LABEL, "PH"),
    ]


def test_span_ruler_prefers_country_name_over_contained_demonym(nlp):
    assert ents(nlp, "Lao PDR and the Lao Statistics Bureau") == [
        ("Lao PDR", COUNTRY_LABEL, "LA"),
        ("Lao", DEMONYM_LABEL, "LA"),
    ]


def test_span_ruler_replaces_overlapping_model_entities(patterns):
    # With a trained NER in front, overwrite=False + prioritize_new keeps the model's other
    # entities and lets a country span replace the model's "the Kingdom of Thailand".
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe(
        "span_ruler",
        config={
            "spans_key": None,
            "annotate_ents": True,
            "overwrite": False,
            "ents_filter": {"@misc": "spacy.prioritize_new_ents_filter.v1"},
        },
    )
    ruler.add_patterns(patterns)
    doc = nlp.make_doc("JICA invited the Kingdom of Thailand.")
    doc.ents = [Span(doc, 0, 1, label="ORG"), Span(doc, 2, 6, label="GPE")]
    doc = ruler(doc)
    assert [(e.text, e.label_, e.id_) for e in doc.ents] == [
        ("JICA", "ORG", ""),
        ("Kingdom of Thailand", COUNTRY_LABEL, "TH"),
    ]
