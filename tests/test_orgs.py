"""Organization names: acronym pairs, trimming, plausibility and per-document merging."""

from __future__ import annotations

import pytest

from extractor.entities.orgs.names import (
    OrgName,
    canonicalize,
    find_acronym_pairs,
    is_plausible_org,
    not_org_reason,
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
        ("the Cabinet Secretariat", "Cabinet Secretariat"),
        ("JICA's", "JICA"),
        ("Japan’s Statistics Bureau", "Statistics Bureau"),
        ("Kenya Red Cross Society", "Kenya Red Cross Society"),
        # a person's former post is not part of the body's name
        ("Former National Security Council", "National Security Council"),
        ("Ex-Im Bank", "Ex-Im Bank"),
        ("the Interim Government", "Interim Government"),
        # an abbreviated legal suffix keeps its period; a sentence's period goes
        ("Leidos Inc.", "Leidos Inc."),
        ("Cipriani S.A.,", "Cipriani S.A."),
        ("the Health Ministry.", "Health Ministry"),
        # a sentence's opening word glued to a name
        ("So University of California Davis", "University of California Davis"),
        ("This Sierra Nevada Corp.", "Sierra Nevada Corp."),
        # a person's post glued before their name
        ("Spokeswoman Sandy Angers", "Sandy Angers"),
        # a relative pronoun glued after a name
        ("Associated Press that", "Associated Press"),
        ("Who Cares Foundation", "Who Cares Foundation"),
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


@pytest.mark.parametrize(
    ("variants", "name", "acronym"),
    [
        # with and without a trailing "of <Country>", a leading "<Country>'s", a later short form
        (
            ["Statistics Bureau of Japan", "Statistics Bureau", "Japan’s Statistics Bureau"],
            "Statistics Bureau of Japan",
            None,
        ),
        (
            ["Ministry of the Environment", "Ministry of the Environment of Japan"],
            "Ministry of the Environment of Japan",
            None,
        ),
        (
            [
                "Hydrometeorological Service of the Republic of North Macedonia",
                "Hydrometeorological Service",
            ],
            "Hydrometeorological Service of the Republic of North Macedonia",
            None,
        ),
        # British and American spellings, curly and straight apostrophes, plural s
        (
            ["World Health Organization", "World Health Organisation", "WHO"],
            "World Health Organization",
            "WHO",
        ),
        (
            ["Self-Employed Women’s Association", "Self-Employed Women's Association", "SEWA"],
            "Self-Employed Women’s Association",
            "SEWA",
        ),
        (
            ["Immigration Services Agency", "Immigration Service Agency"],
            "Immigration Services Agency",
            None,
        ),
    ],
)
def test_canonicalize_merges_variants_of_one_body(variants, name, acronym):
    definitions = [(variants[0], acronym)] if acronym else []
    names = canonicalize(variants, definitions)
    assert {names[v] for v in variants} == {OrgName(name, acronym)}


def test_a_short_form_with_two_qualified_forms_or_its_own_country_joins_neither():
    names = canonicalize(
        ["Kenyan Ministry of Health", "Ugandan Ministry of Health", "Ministry of Health"], []
    )
    assert len(set(names.values())) == 3
    names = canonicalize(["Lao Statistics Bureau", "Statistics Bureau of Japan"], [])
    assert len(set(names.values())) == 2
    # a qualifier that is neither a country nor a level of government makes another body
    names = canonicalize(["Asian Development Bank", "Development Bank"], [])
    assert len(set(names.values())) == 2


def test_canonicalize_keeps_different_bodies_apart():
    names = canonicalize(
        ["Ministry of Justice of Japan", "Ministry of Justice and Home Affairs", "MOJ", "MOJHA"],
        [
            ("Ministry of Justice of Japan", "MOJ"),
            ("Ministry of Justice and Home Affairs", "MOJHA"),
        ],
    )
    assert names["MOJ"] == OrgName("Ministry of Justice of Japan", "MOJ")
    assert names["MOJHA"] == OrgName("Ministry of Justice and Home Affairs", "MOJHA")


@pytest.mark.parametrize(
    ("variants", "name", "acronym"),
    [
        # a short form and its legal-suffix form
        (["Northwind", "Northwind Holdings Inc."], "Northwind Holdings Inc.", None),
        (["Ford Motor", "Ford Motor Company"], "Ford Motor Company", None),
        # an acronym never defined, whose letters are the initials of one name on the page
        (["Western Power Authority", "WPA"], "Western Power Authority", "WPA"),
        (["General Motors", "GM", "General Motors Corp."], "General Motors Corp.", "GM"),
        (["World Trade Organization", "W.T.O."], "World Trade Organization", "W.T.O."),
        (
            ["European Aeronautic Defense and Space Company", "E.A.D.S."],
            "European Aeronautic Defense and Space Company",
            "E.A.D.S.",
        ),
        # a national adjective and "of <country>"
        (["Kenyan Law Society", "Law Society of Kenya"], "Law Society of Kenya", None),
        # a later mention by the head noun alone
        (["Kalindra Water Agency", "Agency"], "Kalindra Water Agency", None),
        # the head last and the head first
        (["State Department", "U.S. Department of State"], "U.S. Department of State", None),
        (["Health Ministry", "Ministry of Health"], "Ministry of Health", None),
        # a name written again with a qualifier before it
        (["Federal Ministry of Health", "Ministry of Health"], "Federal Ministry of Health", None),
        (
            ["Environmental Protection Agency", "U.S. Environmental Protection Agency"],
            "U.S. Environmental Protection Agency",
            None,
        ),
    ],
)
def test_canonicalize_merges_forms_the_page_never_links(variants, name, acronym):
    names = canonicalize(variants, [])
    assert {names[v] for v in variants} == {OrgName(name, acronym)}


def test_canonicalize_keeps_a_defined_acronym_through_a_merge():
    kenya = canonicalize(
        ["Law Society of Kenya", "LSK", "Kenyan Law Society"], [("Law Society of Kenya", "LSK")]
    )
    assert set(kenya.values()) == {OrgName("Law Society of Kenya", "LSK")}
    northwind = canonicalize(["Northwind", "NW", "Northwind Holdings Inc."], [("Northwind", "NW")])
    assert set(northwind.values()) == {OrgName("Northwind Holdings Inc.", "NW")}


def test_canonicalize_leaves_ambiguous_forms_alone():
    names = canonicalize(["Ministry of Health", "Ministry of Hope", "MOH", "Agency"], [])
    assert names["MOH"] == OrgName("MOH", "MOH")  # two names have the letters M-O-H
    assert names["Agency"] == OrgName("Agency", None)  # no name ends in "Agency"
    # a short form with two legal-suffix forms may be either company
    companies = canonicalize(["Northwind Inc.", "Northwind Ltd", "Northwind"], [])
    assert len(set(companies.values())) == 3
    two = canonicalize(["Kenyan Law Society", "Ugandan Law Society", "Society"], [])
    assert two["Kenyan Law Society"] != two["Ugandan Law Society"]
    assert two["Society"] == OrgName("Society", None)  # two names end in "Society"


def test_org_key_strips_only_a_country_after_of():
    assert org_key("Statistics Bureau of Japan") == org_key("Japan's Statistics Bureau")
    assert org_key("University of Bonn") != org_key("University")
    assert org_key("Fisheries Commission of Ghana") == org_key("Fisheries Commission")


@pytest.fixture(scope="module")
def ruler_nlp():
    import spacy

    from extractor.entities.orgs.names import not_org_patterns, org_patterns

    nlp = spacy.blank("en")
    orgs_ruler = nlp.add_pipe(
        "span_ruler",
        name="orgs",
        config={"spans_key": "o", "spans_filter": {"@misc": "spacy.first_longest_spans_filter.v1"}},
    )
    orgs_ruler.add_patterns(list(org_patterns()))
    not_orgs = nlp.add_pipe(
        "span_ruler",
        name="not_orgs",
        config={"spans_key": "n", "spans_filter": {"@misc": "spacy.first_longest_spans_filter.v1"}},
    )
    not_orgs.add_patterns(list(not_org_patterns()))
    return nlp


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "whether the Ministry of Health, Labor and Welfare would",
            "Ministry of Health, Labor and Welfare",
        ),
        # modifiers listed with commas before the head; two "and"s after it
        (
            "a statement by the Foreign, Commonwealth & Development Office said",
            "Foreign, Commonwealth & Development Office",
        ),
        # a head written with a hyphen
        (
            "officials of the Directorate-General for International Partnerships met",
            "Directorate-General for International Partnerships",
        ),
        (
            "led by the Bureau of Oceans and International Environmental and Scientific Affairs.",
            "Bureau of Oceans and International Environmental and Scientific Affairs",
        ),
        (
            "officials of the Ministry of Justice and Home Affairs (MOJHA)",
            "Ministry of Justice and Home Affairs",
        ),
        (
            "At the Gender Equality Bureau of the Cabinet Office, the",
            "Gender Equality Bureau of the Cabinet Office",
        ),
        (
            "Kwame Mensah of the Fisheries Commission of Ghana showed",
            "Fisheries Commission of Ghana",
        ),
        (
            "hosted by the Hydrometeorological Service of the Republic of North Macedonia.",
            "Hydrometeorological Service of the Republic of North Macedonia",
        ),
        (
            "the delegation then visited the Tokyo Juvenile Classification Home, where",
            "Tokyo Juvenile Classification Home",
        ),
        ("(the Cabinet Secretariat)", "Cabinet Secretariat"),
        ("the Ministry of Health and UNICEF", "Ministry of Health"),
        ("a grant from the World Food Programme", "World Food Programme"),
        ("the FAO Agreement on Port State Measures", "FAO"),
    ],
)
def test_org_ruler_finds_names_by_head_noun_and_gazetteer(ruler_nlp, text, found):
    doc = ruler_nlp(text)
    spans = [s.text for s in doc.spans["o"]]
    assert found in spans or ("The " + found) in spans


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "the Sendai Framework for Disaster Risk Reduction 2015–2030",
            "Sendai Framework for Disaster Risk Reduction",
        ),
        ("the annual White Paper on Gender Equality is", "White Paper on Gender Equality"),
        (
            "under the National Programme on Climate Change and Human Health (NPCCHH)",
            "National Programme on Climate Change and Human Health",
        ),
        ("the FAO Agreement on Port State Measures (PSMA)", "FAO Agreement on Port State Measures"),
    ],
)
def test_not_org_ruler_finds_programmes_laws_and_documents(ruler_nlp, text, found):
    doc = ruler_nlp(text)
    assert [s.text for s in doc.spans["n"]] == [found]


def test_lexicon_and_gazetteer_files_load():
    from extractor.entities import lexicon

    assert "ministry" in lexicon.words("org_head")
    assert "programme" in lexicon.words("not_org_head")
    assert "SNS" in lexicon.words("not_org_acronym")
    known = {(o.name, o.acronym) for o in lexicon.known_orgs()}
    assert ("World Food Programme", "WFP") in known
    assert ("World Bank", None) in known


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        # a country's long name or its government's is the country
        ("Republic of Marshall Islands", "country"),
        ("Democratic People’s Republic of Korea’s", "country"),
        ("Governments of the United States of America", "country"),
        ("Government of Canada", "country"),
        # a body "of" a country is a body
        ("Bank of Japan", None),
        ("State Bank of India", None),
        ("Parliament of Fiji", None),
        # a launch, a review, a memorandum, a speech
        ("USAID Quality Healthcare Launch", "head:launch"),
        ("Memorandum of Understanding", "head:memorandum"),
        ("Speech", "generic"),
        ("Immediate Release", "head:release"),
        # a legal suffix alone
        ("LLC", "generic"),
    ],
)
def test_not_org_reason_of_states_and_documents(name, reason):
    assert not_org_reason(name) == reason


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        # venues: where something happens, not who acts
        ("Blossom Music Center", "head:music center"),
        ("Pepsi Arena", "head:arena"),
        ("Orange County Convention Center", "head:convention center"),
        # a label in a draw or a document
        ("Group H", "label"),
        ("Annex B", "label"),
        ("Group of Seven", None),
        # time zones
        ("Indochina Time", "time-zone"),
        ("Eastern Standard Time", "time-zone"),
        ("Japan Standard Time", "time-zone"),
        ("Financial Times", None),
        # doctrines and faiths
        ("National Socialism", "doctrine"),
        ("Buddhism", "doctrine"),
        ("Tourism Australia", None),
        ("Center for the Study of Terrorism", None),
        # a centre that is an institution keeps its name
        ("Carter Center", None),
        ("Arena Group", None),
    ],
)
def test_venue_heads_are_no_bodies(name, reason):
    assert not_org_reason(name) == reason
