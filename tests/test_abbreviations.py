"""Acronym definitions in every direction, and the abbreviation_detector on spacy.blank("en")."""

from __future__ import annotations

import pytest
import spacy

from extractor.entities.abbreviations import (
    SPANS_KEY,
    find_acronym_pairs,
    is_short_form,
    name_start,
)


@pytest.mark.parametrize(
    ("text", "long", "short"),
    [
        # "Full Name (ACR)"
        (
            "organized by the World Meteorological Organization (WMO) and",
            "World Meteorological Organization",
            "WMO",
        ),
        # more than 2|SF| words, but only content words count against the limit
        (
            "The International Federation of Red Cross and Red Crescent Societies (IFRC) and",
            "International Federation of Red Cross and Red Crescent Societies",
            "IFRC",
        ),
        (
            "the Food and Agriculture Organization of the United Nations (FAO) then",
            "Food and Agriculture Organization of the United Nations",
            "FAO",
        ),
        # the letters stop at "Institute"; the capitalized name goes on to "Indian"
        (
            "A researcher of the Indian Institute of Public Health Gandhinagar (IIPH-G) reviewed",
            "Indian Institute of Public Health Gandhinagar",
            "IIPH-G",
        ),
        (
            "through the Deutsche Gesellschaft für Internationale Zusammenarbeit (GIZ).",
            "Deutsche Gesellschaft für Internationale Zusammenarbeit",
            "GIZ",
        ),
        (
            "The UN Office for the Coordination of Humanitarian Affairs (OCHA) explained",
            "UN Office for the Coordination of Humanitarian Affairs",
            "OCHA",
        ),
        # an acronym with a word; a lowercase tail inside the name
        (
            "The ASEAN Coordinating Centre for Humanitarian Assistance on disaster management "
            "(AHA Centre) presented",
            "ASEAN Coordinating Centre for Humanitarian Assistance on disaster management",
            "AHA Centre",
        ),
        # a possessive country is not part of the name
        (
            "Cambodia's Ministry of Rural Development (MRD) reported",
            "Ministry of Rural Development",
            "MRD",
        ),
        (
            "All India Institute of Hygiene & Public Health (AIIH&PH) gave",
            "All India Institute of Hygiene & Public Health",
            "AIIH&PH",
        ),
        # the long form never reaches back over a parenthesis
        (
            "the Secretariat of the Regional Programme (SPREP), the Pacific Community (SPC) and",
            "Pacific Community",
            "SPC",
        ),
        (
            "networks (Japan Network Against Trafficking in Persons (JNATIP), and others)",
            "Japan Network Against Trafficking in Persons",
            "JNATIP",
        ),
        # "ACR (the Full Name)"
        (
            "ESCAP (the United Nations Economic and Social Commission for Asia and the Pacific) gave",
            "United Nations Economic and Social Commission for Asia and the Pacific",
            "ESCAP",
        ),
        (
            "A professor of UNAFEI (United Nations Asia and Far East Institute for the Prevention "
            "of Crime and the Treatment of Offenders) compared",
            "United Nations Asia and Far East Institute for the Prevention of Crime and the "
            "Treatment of Offenders",
            "UNAFEI",
        ),
        (
            "the ILO (International Labour Organization), with",
            "International Labour Organization",
            "ILO",
        ),
        # "ACR, the Full Name,"
        (
            "The WFP, the World Food Programme, said",
            "World Food Programme",
            "WFP",
        ),
    ],
)
def test_find_acronym_pairs_in_every_direction(text, long, short):
    pairs = [p for p in find_acronym_pairs(text) if p.short == short]
    assert [(p.long, p.short) for p in pairs] == [(long, short)]
    pair = pairs[0]
    assert text[pair.long_start : pair.long_end] == long
    assert text[pair.short_start : pair.short_end] == short
    assert pair.exact or short == "SPC"


@pytest.mark.parametrize(
    ("text", "long", "short"),
    [
        # the acronym of a German or French name: the name right before it, if it names a body
        (
            "funded by Germany’s Federal Ministry for Economic Cooperation and Development (BMZ)",
            "Federal Ministry for Economic Cooperation and Development",
            "BMZ",
        ),
        (
            "The Permanent Interstate Committee for Drought Control in the Sahel (CILSS) presented",
            "Permanent Interstate Committee for Drought Control in the Sahel",
            "CILSS",
        ),
        # a short name written as a rare word
        (
            "Indonesia's National Planning Agency (Bappenas) agreed",
            "National Planning Agency",
            "Bappenas",
        ),
    ],
)
def test_find_acronym_pairs_adjacent_name_when_letters_do_not_match(text, long, short):
    assert [(p.long, p.short, p.exact) for p in find_acronym_pairs(text)] == [(long, short, False)]


@pytest.mark.parametrize(
    "text",
    [
        "Eight (8) participants from 8 countries",
        "a lecture (see photo) on data",
        "the results (Table 2) show",
        "Kobe University (Japan) hosted",
        "Marine Plastic Litter Monitoring and Management (JICA)",  # a course: no body's noun
        "the UNHCR, the UN Refugee Agency, said",  # the letters do not match
        "Oil Spill Preparedness and Response (short course)",
        # a common word, or a body's head, in parentheses is a gloss, not a short name
        "the new Planning Board (Secretariat)",
        "the Coastal Resilience Board (Community) met",
        # a rare word after a name without a body's head
        "the Southern Common Market (Mercosur)",
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
        ("AIIH&PH", True),
        ("EPAs", True),
        ("AHA Centre", True),
        ("UN Women", True),  # "(UN Women)" after its long form: an acronym and a word
        ("Mon", False),
        ("Kobe", False),
        ("short course", False),
        ("8", False),
    ],
)
def test_is_short_form(text, expected):
    assert is_short_form(text) is expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "visited the Coordinating Body on the Seas of East Asia",
            "Coordinating Body on the Seas of East Asia",
        ),
        ("At Kobe University", "Kobe University"),
        ("Germany’s Federal Ministry", "Federal Ministry"),
        ("in Bangladesh the Department of Public Health", "Department of Public Health"),
        ("on blue carbon", None),
    ],
)
def test_name_start_reads_a_capitalized_name_leftwards(text, name):
    start = name_start(text, len(text))
    assert (None if start is None else text[start:]) == name


def test_abbreviation_detector_sets_long_and_short_spans():
    nlp = spacy.blank("en")
    nlp.add_pipe("abbreviation_detector")
    doc = nlp(
        "The Mekong River Commission (MRC) met. JICA (Japan International Cooperation Agency) too."
    )
    found = [(s.text, s.label_, s.kb_id_, s.id_) for s in doc.spans[SPANS_KEY]]
    assert found == [
        ("Mekong River Commission", "LONG", "MRC", "exact"),
        ("MRC", "SHORT", "Mekong River Commission", "exact"),
        ("Japan International Cooperation Agency", "LONG", "JICA", "exact"),
        ("JICA", "SHORT", "Japan International Cooperation Agency", "exact"),
    ]
