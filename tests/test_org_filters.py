"""What is not an organization, class by class; the org_filter component on spacy.blank("en")."""

from __future__ import annotations

import pytest
import spacy

from extractor.entities.nlp import NOT_ORG_SPANS, ORG_SPANS, add_components
from extractor.entities.orgs.filters import Proposal, rejection, select_orgs, split_possessive


def _reason(text: str, name: str, source: str = "model", blockers=()) -> str | None:
    start = text.index(name)
    return rejection(text, Proposal(start, start + len(name), source), list(blockers), set())


@pytest.mark.parametrize(
    ("text", "name", "reason"),
    [
        # generic phrases, heading and menu words
        ("shelters run by an NPO are", "NPO", "not-org-acronym"),
        ("visited the Ministry", "Ministry", "generic"),
        ("seen only by the police", "police", "generic"),
        ("1. Background", "Background", "generic"),
        ("National data systems and gaps", "National", "generic"),
        ("3. Main Findings", "Main Findings", "generic"),
        # persons with titles
        ("Dr. Oberoi from UN OHCHR", "Dr. Oberoi", "person"),
        # programmes and courses, laws and conventions, events, documents, groups of people
        (
            "the Knowledge Co-Creation Program course",
            "Knowledge Co-Creation Program",
            "head:program",
        ),
        ("under the Juvenile Act of 1948", "Juvenile Act", "head:act"),
        (
            "the ASEAN Convention against Trafficking in Persons",
            "ASEAN Convention against Trafficking in Persons",
            "head:convention",
        ),
        (
            "the Sendai Framework for Disaster Risk Reduction",
            "Sendai Framework for Disaster Risk Reduction",
            "head:framework",
        ),
        (
            "the 3rd International Workshop on Arsenic Mitigation",
            "3rd International Workshop on Arsenic Mitigation",
            "head:workshop",
        ),
        (
            "Summer School on Transboundary Water Cooperation 2024",
            "Summer School on Transboundary Water Cooperation",
            "head:summer school",
        ),
        ("the annual White Paper", "White Paper", "head:white paper"),
        ("the FY2024 Civil Society Grant of", "FY2024 Civil Society Grant", "head:grant"),
        (
            "the Mongolian Delegation on Juvenile Justice",
            "Mongolian Delegation on Juvenile Justice",
            "head:delegation",
        ),
        # abbreviations and names of things that are no bodies
        ("SNS consultation for disaster areas", "SNS", "not-org-acronym"),
        ("since the COVID-19 outbreak", "COVID-19", "not-org-name"),
        ("the 2023–24 El Niño", "El Niño", "not-org-name"),
        ("On the way to Chiba @Umihotaru", "Chiba @Umihotaru", "handle"),
        # places: cities, regions, geographic names
        ("in Colombo and Karachi", "Colombo", "place"),
        ("to Ulaanbaatar in spring", "Ulaanbaatar", "place"),
        ("drought triggers for the Altiplano", "Altiplano", "place"),
        ("with a focus on the Pacific", "Pacific", "place"),
        ("the experience of the Seto Inland Sea", "Seto Inland Sea", "place"),
        ("the islands of Kagawa Prefecture", "Kagawa Prefecture", "place"),
        ("the Dry Corridor of Central America", "Dry Corridor of Central America", "place"),
        ("in the Greater Mekong Subregion", "Greater Mekong Subregion", "place"),
        # context: quoted titles, modifiers of a lowercase noun, fragments, portfolios
        (
            "a lecture on “Cyber Scam Operations and Trafficking in Persons in Southeast Asia”",
            "Cyber Scam Operations",
            "quoted-title",
        ),
        ("since the COVID19 pandemic", "COVID19", "modifier"),
        ("the Early Warnings for All initiative, launched", "Early Warnings", "modifier"),
        ("UN agencies and NGOs met", "UN", "modifier"),
        ("Red Cross and Red Crescent societies", "Red Cross", "modifier"),
        (
            "Marine Plastic Litter Monitoring and Management (JICA)",
            "Monitoring and Management",
            "fragment",
        ),
        ("The Minister of Home Affairs opened", "Home Affairs", "portfolio"),
    ],
)
def test_not_an_organization(text, name, reason):
    assert _reason(text, name) == reason


@pytest.mark.parametrize(
    ("text", "name", "source"),
    [
        (
            "the Japan International Cooperation Agency",
            "Japan International Cooperation Agency",
            "model",
        ),
        (
            "At the Gender Equality Bureau of the Cabinet Office",
            "Gender Equality Bureau of the Cabinet Office",
            "ruler",
        ),
        ("the National Police Agency pointed out", "National Police Agency", "ruler"),
        ("a night walk with Colabo staff", "Colabo", "model"),
        ("members of the Japan BBS Federation", "Japan BBS Federation", "model"),
        # a known international organization whatever its head noun says
        ("financed by the World Food Programme (WFP)", "World Food Programme", "gazetteer"),
        (
            "supported by the United Nations Development Programme",
            "United Nations Development Programme",
            "gazetteer",
        ),
        # a country's name inside a body's name does not make it a place
        ("the Kenya Red Cross Society described", "Kenya Red Cross Society", "model"),
    ],
)
def test_bodies_are_kept(text, name, source):
    assert _reason(text, name, source) is None


def test_inside_a_programme_name_only_acronyms_and_bodies_after_the_preposition_count():
    text = "the FY2024 Civil Society Grant of the Hikari Foundation and the FAO Agreement on Port State Measures"
    blockers = [
        (text.index("FY2024"), text.index(" and")),
        (text.index("FAO"), len(text)),
    ]
    assert _reason(text, "Hikari Foundation", blockers=blockers) is None
    assert _reason(text, "FAO", blockers=blockers) is None
    assert _reason(text, "FY2024 Civil Society", "ruler", blockers) == "inside-not-org"
    assert _reason(text, "Port State", blockers=blockers) == "inside-not-org"


def test_select_orgs_trims_and_joins_a_name_cut_before_its_region():
    text = "A speaker from HomeNet South Asia and the Japan’s Statistics Bureau, and Rescue Hub, an NPO that"
    home = text.index("HomeNet")
    region = text.index("South Asia")
    bureau = text.index("the Japan")
    rescue = text.index("Rescue")
    kept = select_orgs(
        text,
        [
            Proposal(home, home + len("HomeNet"), "model"),
            Proposal(bureau, bureau + len("the Japan’s Statistics Bureau,"), "model"),
            Proposal(rescue, rescue + len("Rescue Hub, an NPO"), "appositive"),
        ],
        places_found=[(region, region + len("South Asia"))],
    )
    assert [(text[p.start : p.end], p.source) for p in kept] == [
        ("HomeNet South Asia", "model"),
        ("Statistics Bureau", "model"),
        ("Rescue Hub", "appositive"),
    ]


@pytest.fixture(scope="module")
def nlp():
    """Blank English with a tiny entity ruler standing in for the model's ner."""
    nlp = spacy.blank("en")
    fake_ner = nlp.add_pipe("entity_ruler")
    fake_ner.add_patterns(  # type: ignore[attr-defined]
        [
            {"label": "ORG", "pattern": "Colombo"},
            {"label": "ORG", "pattern": "Fisheries Commission"},
            {"label": "ORG", "pattern": "Sendai Framework"},
            {"label": "ORG", "pattern": "Gender Equality"},
            {"label": "GPE", "pattern": "Ghana"},
        ]
    )
    return add_components(nlp)


def test_org_filter_component_keeps_bodies_and_drops_places_and_programmes(nlp):
    doc = nlp(
        "Staff in Colombo and the Fisheries Commission of Ghana read the Sendai Framework for "
        "Disaster Risk Reduction and the White Paper on Gender Equality. The Cabinet Secretariat "
        "and Rescue Hub, an NPO, met the NPO PAPS."
    )
    orgs = sorted((s.text, s.id_) for s in doc.spans[ORG_SPANS])
    assert orgs == [
        ("Cabinet Secretariat", "ruler"),
        ("Fisheries Commission", "model"),
        ("Fisheries Commission of Ghana", "ruler"),
        ("PAPS", "typed"),
        ("Rescue Hub", "appositive"),
    ]
    assert sorted(s.text for s in doc.spans[NOT_ORG_SPANS]) == [
        "Sendai Framework for Disaster Risk Reduction",
        "White Paper on Gender Equality",
    ]


def test_a_body_in_a_short_quoted_remark_is_kept():
    text = "“We thank the Hikari Foundation for its support,” she said."
    assert _reason(text, "Hikari Foundation") is None


def test_a_model_span_that_runs_into_a_listed_name_is_cut():
    text = "the Red Cross Society of Fiji, Live & Learn Environmental Education, an NGO active"
    model = Proposal(text.index("Red"), text.index(", an NGO"), "model")
    listed = Proposal(text.index("Live"), text.index(" active"), "appositive")
    kept = select_orgs(text, [model, listed])
    assert sorted(text[p.start : p.end] for p in kept) == [
        "Live & Learn Environmental Education",
        "Red Cross Society of Fiji",
    ]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # the second part starts with a body's head and its preposition
        (
            "the Ministry of Health and the Ministry of Finance agreed",
            ["Ministry of Finance", "Ministry of Health"],
        ),
        (
            "Center for Biological Diversity and Center for Food Safety sued",
            ["Center for Biological Diversity", "Center for Food Safety"],
        ),
        # after "and the", a phrase with its own preposition
        (
            "the Ministry of Health and the National Institute of Public Health",
            ["Ministry of Health", "National Institute of Public Health"],
        ),
        # after "and the", a second part that ends in a body's head
        (
            "the Office of Science and the National Nuclear Security Administration will",
            ["National Nuclear Security Administration", "Office of Science"],
        ),
        # one name with a conjunction inside
        (
            "the Ministry of Sustainability and the Environment said",
            ["Ministry of Sustainability and the Environment"],
        ),
        (
            "the Bureau of Oceans and International Environmental and Scientific Affairs",
            ["Bureau of Oceans and International Environmental and Scientific Affairs"],
        ),
    ],
)
def test_a_span_that_joins_two_bodies_at_and_is_two_names(text, names):
    start = min(text.index(n) for n in names)
    end = max(text.index(n) + len(n) for n in names)
    kept = select_orgs(text, [Proposal(start, end, "ruler")])
    assert sorted(text[p.start : p.end] for p in kept) == names


@pytest.mark.parametrize(
    ("text", "span", "names"),
    [
        # a person's name after "and" is no part of the body's
        (
            "the Department of Homeland Security and Alex Azar met",
            "Department of Homeland Security and Alex Azar",
            ["Department of Homeland Security"],
        ),
        # a listed company is no person, though its first word is a given name
        (
            "the Bank of America and Morgan Stanley said",
            "Bank of America and Morgan Stanley",
            ["Bank of America and Morgan Stanley"],
        ),
    ],
)
def test_a_person_after_and_ends_the_name(text, span, names):
    start = text.index(span)
    kept = select_orgs(text, [Proposal(start, start + len(span), "model")])
    assert sorted(text[p.start : p.end] for p in kept) == names


@pytest.mark.parametrize(
    ("text", "span", "kept"),
    [
        # a name joined by a dash to the word before it starts at that word
        (
            "said Ryan Cloutier of the Harvard–Smithsonian Center for Astrophysics, who",
            "Smithsonian Center for Astrophysics",
            "Harvard–Smithsonian Center for Astrophysics",
        ),
        ("Hewlett-Packard said", "Packard", "Hewlett-Packard"),
        # a name after a body's head and "of" starts at the head
        (
            "presented the films to the Library of Congress during a ceremony",
            "Congress",
            "Library of Congress",
        ),
        ("The Library of Congress signed", "Congress", "Library of Congress"),
        # ... and not after a post's
        ("said a Member of Parliament", "Parliament", "Parliament"),
        # a lowercase "the" right after a capitalized word starts a new phrase
        (
            "announced on Twitter the Federal Aviation Administration would",
            "Twitter the Federal Aviation Administration",
            "Federal Aviation Administration",
        ),
        ("the Bank of the West said", "Bank of the West", "Bank of the West"),
        # a plural possessive: the owned body, by its head
        (
            "the United Nations' Food and Agriculture Organization said",
            "United Nations' Food and Agriculture Organization",
            "Food and Agriculture Organization",
        ),
        # a post's office is the body
        (
            "the U.S. Attorney's Office for the Western District of New York said",
            "U.S. Attorney's Office for the Western District of New York",
            "U.S. Attorney's Office for the Western District of New York",
        ),
        (
            "the U.S. Attorney’s Office for the Western District of New York said",
            "Office for the Western District of New York",
            "U.S. Attorney’s Office for the Western District of New York",
        ),
        # an owner with connectors inside is an owner; the owned body keeps its head
        (
            "the U.S. Department of Commerce’s National Institute of Standards and Technology",
            "U.S. Department of Commerce’s National Institute of Standards and Technology",
            "National Institute of Standards and Technology",
        ),
        # a dateline glued by an em dash, a role noun at a sentence's start
        (
            "GAITHERSBURG, Md.—The Quantum Consortium said",
            "Md.—The Quantum Consortium",
            "Quantum Consortium",
        ),
        (
            "Manufacturer Fiskars Brands Inc. agreed",
            "Manufacturer Fiskars Brands Inc.",
            "Fiskars Brands Inc.",
        ),
        # a span that stops short of a listed company's name ends where the name does
        ("includes Draper, Lockheed Martin, and", "Lockheed", "Lockheed Martin"),
        ("Ford Motor Company said", "Ford", "Ford Motor Company"),
        ("Apple TV is", "Apple", "Apple"),
        (
            "the Department of Veterans' Affairs said",
            "Department of Veterans' Affairs",
            "Department of Veterans' Affairs",
        ),
    ],
)
def test_model_span_boundaries_are_repaired(text, span, kept):
    start = text.index(span)
    found = select_orgs(text, [Proposal(start, start + len(span), "model")])
    assert [text[p.start : p.end] for p in found] == [kept]


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        # a model span over a comma into another name ends at the comma
        ("Big Machine, Braun", "Big Machine"),
        ("CBS All Access, Disney", "CBS All Access"),
        # a name's own comma stays
        ("John Snow, Inc.", "John Snow, Inc."),
        ("University of California, Los Angeles", "University of California, Los Angeles"),
        (
            "Foreign, Commonwealth & Development Office",
            "Foreign, Commonwealth & Development Office",
        ),
    ],
)
def test_cut_at_comma(name, kept):
    from extractor.entities.orgs.filters import cut_at_comma

    cut = cut_at_comma(name, Proposal(0, len(name), "model"))
    assert name[cut.start : cut.end] == kept


def test_time_zones_and_device_terms_are_no_bodies():
    assert _reason("at 9 a.m. CST on Monday", "CST") == "not-org-acronym"
    assert _reason("plug it into a USB port", "USB") == "not-org-acronym"


def test_a_state_code_after_a_city_is_a_place():
    assert _reason("Kronos Foods, Phoenix, AZ, will attend", "AZ") == "place"
    assert _reason("the Perth, WA office", "WA") == "place"
    assert _reason("the WHO said", "WHO") is None


def test_the_later_items_of_a_ministers_portfolio_are_no_bodies():
    text = "Minister of Education, Culture, Sports, Science and Technology (MEXT) Masahito Moriyama"
    assert _reason(text, "Culture, Sports") == "portfolio"
    assert _reason(text, "Science and Technology") == "portfolio"
    assert _reason("the Ministry of Health, the Bank of Japan and UNICEF", "UNICEF") is None


def test_a_body_glued_to_a_person_after_a_place_is_cut_where_the_person_starts():
    text = "the University of Miami and Chris Fallows of Apex Shark Expeditions found"
    start, end = text.index("University"), text.index(" found")
    proposals = [Proposal(start, end, "ruler"), Proposal(start, text.index(" and"), "model")]
    kept = select_orgs(text, proposals, entity_starts=[text.index("Chris")])
    assert "University of Miami" in {text[p.start : p.end] for p in kept}


def test_two_names_the_model_tags_apart_are_split_after_a_place():
    text = "researchers at the University of Miami and Apex Shark Expeditions found"
    miami, apex = text.index("University"), text.index("Apex")
    proposals = [
        Proposal(miami, text.index(" found"), "ruler"),
        Proposal(miami, text.index(" and"), "model"),
        Proposal(apex, text.index(" found"), "model"),
    ]
    kept = {text[p.start : p.end] for p in select_orgs(text, proposals)}
    assert kept == {"University of Miami", "Apex Shark Expeditions"}


def test_the_ruler_ends_a_name_before_a_date_and_reads_long_portfolio_lists(nlp):
    doc = nlp(
        "The Environmental Protection Agency on February 3 met the Ministry of Education, "
        "Culture, Sports, Science and Technology."
    )
    assert sorted(s.text for s in doc.spans[ORG_SPANS]) == [
        "Environmental Protection Agency",
        "Ministry of Education, Culture, Sports, Science and Technology",
    ]


def test_a_whole_quotation_after_a_programme_noun_is_a_title():
    text = 'The Green Climate Fund project "Enhancing Climate Information Services" ends.'
    assert _reason(text, "Enhancing Climate Information Services", "ruler") == "quoted-title"
    text = "the NGO “Colabo” runs a bus"
    assert _reason(text, "Colabo") is None


@pytest.mark.parametrize(
    ("name", "named", "kept"),
    [
        # the unit a body owns, named by its head noun
        (
            "Tufts University’s Feinstein International Center",
            set(),
            "Feinstein International Center",
        ),
        ("NASA’s Office of the Inspector General", set(), "Office of the Inspector General"),
        # the owner, when what it owns is no body: an office, a product
        ("Northwind Trust’s Lyon", set(), "Northwind Trust"),
        ("Apple’s MacBook", {"Apple"}, "Apple"),
        ("Apple Computer's Mac OS", set(), "Apple Computer"),
        ("UN's Food and Agriculture Organization", set(), "Food and Agriculture Organization"),
        # a possessive that is part of the name
        ("People’s Daily", set(), "People’s Daily"),
        ("St. John's University", set(), "St. John's University"),
        (
            "Tokyo Women's Counseling and Support Center",
            set(),
            "Tokyo Women's Counseling and Support Center",
        ),
        # a one-word owner never named on its own is left alone
        ("Braun’s Ithaca Holdings", set(), "Braun’s Ithaca Holdings"),
    ],
)
def test_split_possessive_keeps_the_owner_or_the_unit(name, named, kept):
    p = split_possessive(name, Proposal(0, len(name), "model"), named)
    assert name[p.start : p.end] == kept


def test_a_person_owner_leaves_the_body_they_own():
    name = "Murdoch's News Corp"
    p = split_possessive(name, Proposal(0, len(name), "model"), set(), frozenset({"Murdoch"}))
    assert name[p.start : p.end] == "News Corp"


def test_a_participle_before_by_is_a_label():
    text = "Commissioned by Japan International Cooperation Agency"
    kept = select_orgs(text, [Proposal(0, 12, "model"), Proposal(16, len(text), "model")])
    assert [text[p.start : p.end] for p in kept] == ["Japan International Cooperation Agency"]
