"""Countries and demonyms as written in running text, on spacy.blank("en") with our components.

Each row is a sentence and the countries (ISO alpha-2) and demonyms it mentions. Negative rows
name no country: regions, seas, cities, prefectures, and a country inside a body's name.
"""

from __future__ import annotations

import pytest
import spacy

from extractor.entities.extract import model_candidates, page_mentions
from extractor.entities.nlp import add_components
from extractor.entities.places import is_city, is_region, place_head
from extractor.html.clean import clean
from extractor.sections.segment import segment


@pytest.fixture(scope="module")
def nlp():
    return add_components(spacy.blank("en"))


def _mentions(nlp, sentence: str) -> tuple[set[str], set[str]]:
    page = segment(clean(f"<article><h1>Report</h1><p>{sentence}</p></article>"))
    found = page_mentions(page, model_candidates([page], nlp, batch_size=8)[0])
    countries = {m.iso2 for s in found for m in s if m.label == "COUNTRY"}
    demonyms = {m.iso2 for s in found for m in s if m.label == "DEMONYM"}
    return countries, demonyms


COUNTRY_FORMS = [
    # short names
    ("Officials came from Cambodia.", {"KH"}),
    ("Officials came from Myanmar.", {"MM"}),
    ("Officials came from Viet Nam.", {"VN"}),
    ("Officials came from Vietnam.", {"VN"}),
    ("Officials came from Lao PDR.", {"LA"}),
    ("Officials came from Laos.", {"LA"}),
    ("Officials came from Czechia.", {"CZ"}),
    ("Officials came from Eswatini.", {"SZ"}),
    ("Officials came from Swaziland.", {"SZ"}),
    ("Officials came from Türkiye.", {"TR"}),
    ("Officials came from Turkey.", {"TR"}),
    ("Officials came from Timor-Leste.", {"TL"}),
    ("Officials came from East Timor.", {"TL"}),
    ("Officials came from Cabo Verde.", {"CV"}),
    ("Officials came from Cape Verde.", {"CV"}),
    ("Officials came from Côte d’Ivoire.", {"CI"}),
    ("Officials came from Côte d'Ivoire.", {"CI"}),
    ("Officials came from Cote d'Ivoire.", {"CI"}),
    ("Officials came from Ivory Coast.", {"CI"}),
    ("Officials came from São Tomé and Príncipe.", {"ST"}),
    ("Officials came from Sao Tome and Principe.", {"ST"}),
    ("Officials came from Bosnia and Herzegovina.", {"BA"}),
    ("Officials came from Bosnia &amp; Herzegovina.", {"BA"}),
    ("Officials came from North Macedonia.", {"MK"}),
    ("Officials came from the Philippines.", {"PH"}),
    ("Officials came from the Netherlands.", {"NL"}),
    ("Officials came from the Gambia.", {"GM"}),
    ("Officials came from the Maldives.", {"MV"}),
    ("Officials came from South Sudan.", {"SS"}),
    ("Officials came from Sudan.", {"SD"}),
    ("Officials came from Papua New Guinea.", {"PG"}),
    ("Officials came from Guinea-Bissau.", {"GW"}),
    ("Officials came from Equatorial Guinea.", {"GQ"}),
    ("Officials came from Guinea.", {"GN"}),
    ("Officials came from the Dominican Republic.", {"DO"}),
    ("Officials came from Dominica.", {"DM"}),
    ("Officials came from Niger.", {"NE"}),
    ("Officials came from Nigeria.", {"NG"}),
    ("Officials came from the United States.", {"US"}),
    ("Officials came from the United Kingdom.", {"GB"}),
    ("Officials came from the UK.", {"GB"}),
    ("Officials came from the DPRK.", {"KP"}),
    ("Officials came from Georgia.", {"GE"}),
    ("Officials came from Chad.", {"TD"}),
    ("Officials came from Jordan.", {"JO"}),
    ("Officials came from Korea.", {"KR"}),
    ("Officials came from South Korea.", {"KR"}),
    ("Officials came from North Korea.", {"KP"}),
    ("Officials came from Burma.", {"MM"}),
    ("Officials came from Kyrgyzstan.", {"KG"}),
    # official long forms
    ("Officials came from the Republic of Moldova.", {"MD"}),
    ("Officials came from the Plurinational State of Bolivia.", {"BO"}),
    ("Officials came from the Federal Republic of Somalia.", {"SO"}),
    ("Officials came from the Republic of Korea.", {"KR"}),
    ("Officials came from the Democratic People’s Republic of Korea.", {"KP"}),
    ("Officials came from the Democratic People's Republic of Korea.", {"KP"}),
    ("Officials came from the Kingdom of Thailand.", {"TH"}),
    ("Officials came from the Kingdom of Cambodia.", {"KH"}),
    ("Officials came from the Lao People's Democratic Republic.", {"LA"}),
    ("Officials came from the Republic of the Union of Myanmar.", {"MM"}),
    ("Officials came from the Socialist Republic of Viet Nam.", {"VN"}),
    ("Officials came from the Socialist Republic of Vietnam.", {"VN"}),
    ("Officials came from the People's Republic of Bangladesh.", {"BD"}),
    ("Officials came from the Islamic Republic of Pakistan.", {"PK"}),
    ("Officials came from the United Republic of Tanzania.", {"TZ"}),
    ("Officials came from the Republic of the Philippines.", {"PH"}),
    ("Officials came from the Democratic Socialist Republic of Sri Lanka.", {"LK"}),
    ("Officials came from the Federated States of Micronesia.", {"FM"}),
    ("Officials came from the Republic of the Niger.", {"NE"}),
    ("Officials came from the Republic of North Macedonia.", {"MK"}),
    ("Officials came from the Democratic Republic of the Congo.", {"CD"}),
    ("Officials came from the Kingdom of Eswatini.", {"SZ"}),
    ("Officials came from the Bolivarian Republic of Venezuela.", {"VE"}),
    ("Officials came from the Hashemite Kingdom of Jordan.", {"JO"}),
    ("Officials came from VIET NAM.", {"VN"}),
    # several in one sentence
    ("Delegates of Albania, Croatia, Serbia and Slovenia met.", {"AL", "HR", "RS", "SI"}),
    ("From Kiribati, Tuvalu and Vanuatu in the Pacific.", {"KI", "TV", "VU"}),
    ("The Republic of Korea and the DPRK both attended.", {"KR", "KP"}),
    # negative: regions, seas, cities, prefectures, lowercase words
    ("Observers from six Gulf of Guinea countries.", set()),
    ("Fishing in the Gulf of Guinea is regulated.", set()),
    ("Pastoralists of the Horn of Africa move.", set()),
    ("The Sahel and West Africa face drought.", set()),
    ("Delegations from Southeast Asia and the Pacific.", set()),
    ("The Mekong region and the ASEAN region.", set()),
    ("Latin America and the Caribbean, Central America.", set()),
    ("Migrant workers in the Gulf and East Asia.", set()),
    ("Flash floods in South-East Europe.", set()),
    ("Participants met in Bangkok, Tokyo and Nairobi.", set()),
    ("The next exchange will take place in Suva.", set()),
    ("A field visit to Kagawa Prefecture.", set()),
    ("The Ganges delta of West Bengal.", set()),
    ("They eat turkey and chile peppers.", set()),
    ("The island of New Guinea.", set()),
    ("Regions: Africa, Asia, Europe and South America.", set()),
    # negative: a country only inside a body's name
    ("The Kenya Red Cross Society shared its experience.", set()),
    ("The Thailand Development Research Institute presented.", set()),
    ("Staff of the Nepal Red Cross Society attended.", set()),
    ("A lecturer of the Bangladesh University of Engineering and Technology spoke.", set()),
    ("The Fisheries Commission of Ghana showed results.", set()),
    # a country next to a body
    ("The Fisheries Commission of Ghana met the delegation of Ghana.", {"GH"}),
    ("Japan’s Statistics Bureau explained.", {"JP"}),
]


def test_country_forms_table_is_large_enough():
    assert len(COUNTRY_FORMS) >= 80


@pytest.mark.parametrize(("sentence", "expected"), COUNTRY_FORMS)
def test_country_forms_in_running_text(nlp, sentence, expected):
    countries, _ = _mentions(nlp, sentence)
    assert countries == expected


@pytest.mark.parametrize(
    ("sentence", "countries", "demonyms"),
    [
        ("Indonesian and Nepali workers in the Gulf.", set(), {"ID", "NP"}),
        ("Filipino volunteers and Somali pastoralists.", set(), {"PH", "SO"}),
        ("Japanese officials visited Japan.", {"JP"}, {"JP"}),
        ("The Turkish Red Crescent Society hosted the meeting.", set(), set()),
    ],
)
def test_demonyms_are_recorded_apart_from_countries(nlp, sentence, countries, demonyms):
    assert _mentions(nlp, sentence) == (countries, demonyms)


@pytest.mark.parametrize(
    ("text", "city", "region", "head"),
    [
        ("Skopje", True, False, None),
        ("Ulaanbaatar", True, False, None),
        ("Niamey", True, False, None),
        ("Singapore", False, False, None),  # a country first
        ("UN", False, False, None),  # an acronym, though a town is called Un
        ("the Sahel", False, True, None),
        ("Southeast Asia", False, True, None),
        # a former state is a place in history, no body
        ("Soviet Union", False, True, None),
        ("Yugoslavia", False, True, None),
        ("Seto Inland Sea", False, False, "sea"),
        ("Kagawa Prefecture", False, False, "prefecture"),
        ("Dry Corridor of Central America", False, False, "corridor"),
        ("Colabo", False, False, None),
    ],
)
def test_places(text, city, region, head):
    assert (is_city(text), is_region(text), place_head(text)) == (city, region, head)
