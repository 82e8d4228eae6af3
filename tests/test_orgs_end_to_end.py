"""Organizations and countries end to end, with the real model (one synthetic page)."""

from __future__ import annotations

import pytest

from extractor import extract_html

PAGE = """<html><body><article>
<h1>Regional Workshop on Anticipatory Action</h1>
<p>Date: 4-6 December 2023 | Venue: Colombo, Sri Lanka</p>
<p>The International Federation of Red Cross and Red Crescent Societies (IFRC) and the
Fisheries Commission of Ghana met delegates from six Gulf of Guinea countries and from
Ghana. The Kenya Red Cross Society shared its experience from Nairobi. An official of the
Ministry of Health, Labour and Welfare (MHLW) spoke; later the Ministry of Health, Labor and
Welfare published data. Participants discussed the Sendai Framework for Disaster Risk
Reduction and the COVID-19 pandemic. Nepali and Filipino volunteers joined online.</p>
</article></body></html>"""


@pytest.fixture(scope="module")
def document(pipeline):
    return extract_html(PAGE.encode(), path="synthetic.html").document


def test_orgs_are_named_merged_and_filtered(document):
    orgs = {(o.name, o.acronym) for o in document.entities.orgs}
    assert orgs == {
        ("International Federation of Red Cross and Red Crescent Societies", "IFRC"),
        ("Fisheries Commission of Ghana", None),
        ("Kenya Red Cross Society", None),
        ("Ministry of Health, Labour and Welfare", "MHLW"),
    }


def test_countries_exclude_regions_cities_org_names_and_demonyms(document):
    assert [c.iso2 for c in document.entities.countries] == ["GH", "LK"]
    assert [c.iso2 for c in document.entities.demonyms] == ["NP", "PH"]
