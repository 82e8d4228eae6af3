"""Entities stage on spacy.blank("en") with our components; the model's proposals are faked."""

from __future__ import annotations

import datetime

import pytest
import spacy

from extractor.entities.extract import (
    Candidate,
    ModelCache,
    model_candidates,
    page_mentions,
    split_text,
)
from extractor.entities.nlp import add_components
from extractor.html.clean import clean
from extractor.sections.segment import segment

PAGE = """<html><body><article>
<h1>Report on the FY2024 programme</h1>
<p>Date: November 5 to 21, 2024</p>
<p>The Japan International Cooperation Agency (JICA) invited officials from the Kingdom of Thailand.
The Thai Network in Japan explained its work.</p>
<h2>November 18 to 19: Visits</h2>
<p>JICA hosted a visit on November 19. Viet Nam sent two officials.</p>
</article></body></html>"""


@pytest.fixture(scope="module")
def blank_nlp():
    return add_components(spacy.blank("en"))


@pytest.fixture
def page():
    return segment(clean(PAGE))


def _at(text: str, phrase: str, label: str, source: str = "model") -> Candidate:
    start = text.index(phrase)
    return Candidate(label, start, start + len(phrase), source)


def test_country_ruler_finds_long_official_names(blank_nlp, page):
    found = model_candidates([page], blank_nlp, batch_size=8)[0]
    lead = page.sections[0].text
    countries = {(lead[c.start : c.end], c.iso2) for c in found[0] if c.label == "COUNTRY"}
    assert ("Kingdom of Thailand", "TH") in countries
    assert ("Japan", "JP") in countries  # proposed here; the ORG around it wins later


def test_page_mentions_resolve_orgs_countries_and_dates(blank_nlp, page):
    proposed = model_candidates([page], blank_nlp, batch_size=8)[0]
    lead = page.sections[0].text
    proposed[0].append(_at(lead, "Thai Network in Japan", "ORG"))
    mentions = page_mentions(page, proposed)

    lead_view = {(m.label, m.text) for m in mentions[0]}
    assert ("ORG", "Thai Network in Japan") in lead_view
    assert ("COUNTRY", "Japan") not in lead_view  # inside an organization's name
    assert ("COUNTRY", "Kingdom of Thailand") in lead_view
    assert ("DATE", "November 5 to 21, 2024") in lead_view

    jica = [m for section in mentions for m in section if m.label == "ORG" and "JICA" in m.text]
    assert {(m.name, m.acronym, m.source) for m in jica} == {
        ("Japan International Cooperation Agency", "JICA", "acronym-definition"),
        ("Japan International Cooperation Agency", "JICA", "acronym"),
    }
    later = {(m.label, m.text, getattr(m, "value", None)) for m in mentions[1]}
    assert ("DATE", "November 19", "2024-11-19") in later
    assert ("COUNTRY", "Viet Nam", None) in later


def test_page_mentions_offsets_index_the_section_text(blank_nlp, page):
    mentions = page_mentions(page, model_candidates([page], blank_nlp, batch_size=8)[0])
    for section, found in zip(page.sections, mentions, strict=True):
        for m in found:
            assert section.text[m.start : m.end] == m.text


def test_model_org_that_names_a_country_becomes_a_country(page):
    lead = page.sections[0].text
    proposed = [[_at(lead, "Kingdom of Thailand", "ORG")], []]
    mentions = page_mentions(page, proposed)
    thailand = [m for m in mentions[0] if m.text == "Kingdom of Thailand"]
    assert [(m.label, m.iso2, m.iso3) for m in thailand] == [("COUNTRY", "TH", "THA")]


def test_implausible_model_orgs_are_dropped(page):
    lead = page.sections[0].text
    proposed = [[_at(lead, "officials", "ORG")], []]
    assert all(m.text != "officials" for m in page_mentions(page, proposed)[0])


@pytest.mark.parametrize(
    ("text", "limit", "pieces"),
    [
        ("abc", 10, [(0, "abc")]),
        ("aa\nbb\ncc", 6, [(0, "aa\nbb\n"), (6, "cc")]),
        ("abcdefgh", 3, [(0, "abc"), (3, "def"), (6, "gh")]),
    ],
)
def test_split_text_cuts_at_newlines_with_offsets(text, limit, pieces):
    assert list(split_text(text, limit)) == pieces


def test_relative_dates_are_marked_and_resolved_against_the_section():
    page = segment(
        clean(
            """<article><h1>Study tour</h1><p>Date: 5 to 9 June 2023</p>
            <h2>6 June: Visits</h2><p>The group met the ministry. The following day it
            visited a shelter.</p></article>"""
        )
    )
    mentions = page_mentions(page, [[] for _ in page.sections])
    dates = [(m.text, m.value, m.relative) for s in mentions for m in s if m.label == "DATE"]
    assert dates == [
        ("5 to 9 June 2023", "2023-06-05/2023-06-09", False),
        ("6 June", "2023-06-06", False),
        ("The following day", "2023-06-07", True),
    ]


def _page(html: str):
    return segment(clean(html))


def test_definition_of_a_programme_is_no_org_nor_is_its_acronym(blank_nlp):
    page = _page(
        """<article><h1>Seminar</h1><p>Surveillance under the National Programme on Climate
        Change and Human Health (NPCCHH) was explained by the World Health Organization (WHO).</p>
        <h2>Next</h2><p>NPCCHH and WHO will report.</p></article>"""
    )
    proposed = model_candidates([page], blank_nlp, batch_size=8)[0]
    later = page.sections[1].text
    proposed[1].append(_at(later, "NPCCHH", "ORG"))  # the model tags the bare acronym
    found = page_mentions(page, proposed)
    orgs = {(m.text, m.name, m.source) for s in found for m in s if m.label == "ORG"}
    assert all("NPCCHH" not in text and "Programme" not in text for text, _, _ in orgs)
    assert ("WHO", "World Health Organization", "acronym") in orgs


def test_a_definition_that_modifies_the_noun_after_it_names_a_thing(blank_nlp):
    page = _page(
        """<article><h1>Moon</h1><p>The Lunar Surface Exploration Rover (LSER) mission was
        announced by the Kalindra Space Agency (KSA). The Polar Cargo Delivery (PCD)
        initiative pays for it, and the Kalindra Weather Administration (KWA) satellite will
        fly with it.</p></article>"""
    )
    found = page_mentions(page, model_candidates([page], blank_nlp, batch_size=8)[0])
    orgs = {(m.name, m.acronym) for s in found for m in s if m.label == "ORG"}
    assert ("Kalindra Space Agency", "KSA") in orgs
    # a body's name before a thing it owns stays a body
    assert ("Kalindra Weather Administration", "KWA") in orgs
    assert not {name for name, _ in orgs} & {
        "Lunar Surface Exploration Rover",
        "Polar Cargo Delivery",
    }


def test_a_rare_word_in_parentheses_names_the_body_unless_it_is_a_place(blank_nlp):
    page = _page(
        """<article><h1>Visit</h1><p>The National Planning Agency (Bappenas) met the Muktagacha
        Power Company (Mymensingh). Bappenas will report.</p></article>"""
    )
    found = page_mentions(page, model_candidates([page], blank_nlp, batch_size=8)[0])
    orgs = {(m.text, m.name, m.acronym) for s in found for m in s if m.label == "ORG"}
    assert ("Bappenas", "National Planning Agency", "Bappenas") in orgs
    assert all(acronym != "Mymensingh" for _, _, acronym in orgs)


def test_pattern_names_in_headings_need_a_mention_outside_headings(blank_nlp):
    page = _page(
        """<article><h1>Report</h1><p>Participants met staff.</p>
        <h2>Network for Support of Migrant Workers</h2><p>A lecture on support.</p>
        <h2>Visit to the Tama Juvenile Training School</h2>
        <p>At the Tama Juvenile Training School, the delegation observed classes.</p>
        </article>"""
    )
    found = page_mentions(page, model_candidates([page], blank_nlp, batch_size=8)[0])
    orgs = [(m.text, s_index) for s_index, s in enumerate(found) for m in s if m.label == "ORG"]
    assert ("Network for Support of Migrant Workers", 1) not in orgs
    assert ("Tama Juvenile Training School", 2) in [(t, i) for t, i in orgs]
    assert [t for t, _ in orgs].count("Tama Juvenile Training School") == 2


def test_gazetteer_links_a_written_name_and_its_acronym(blank_nlp):
    page = _page(
        """<article><h1>Report</h1><p>Cash was financed by the World Food Programme.</p>
        <h2>Next</h2><p>WFP will follow up.</p></article>"""
    )
    found = page_mentions(page, model_candidates([page], blank_nlp, batch_size=8)[0])
    orgs = {(m.text, m.name, m.acronym, m.source) for s in found for m in s if m.label == "ORG"}
    assert ("World Food Programme", "World Food Programme", "WFP", "gazetteer") in orgs
    assert ("WFP", "World Food Programme", "WFP", "acronym") in orgs


def test_demonyms_become_demonym_mentions_and_document_demonyms(blank_nlp):
    from extractor.assemble import aggregate

    page = _page("<article><h1>Report</h1><p>Nepali workers met officials of Japan.</p></article>")
    found = page_mentions(page, model_candidates([page], blank_nlp, batch_size=8)[0])
    mentions = [m for s in found for m in s]
    assert {(m.label, m.text, getattr(m, "iso2", None)) for m in mentions} >= {
        ("DEMONYM", "Nepali", "NP"),
        ("COUNTRY", "Japan", "JP"),
    }
    entities = aggregate(mentions)
    assert [c.iso2 for c in entities.countries] == ["JP"]
    assert [(c.iso2, c.surface_forms) for c in entities.demonyms] == [("NP", ["Nepali"])]


def test_gulf_of_guinea_is_no_mention_of_guinea(blank_nlp):
    page = _page(
        "<article><h1>Report</h1><p>Six Gulf of Guinea countries met in Ghana.</p></article>"
    )
    found = page_mentions(page, model_candidates([page], blank_nlp, batch_size=8)[0])
    assert {m.iso2 for s in found for m in s if m.label == "COUNTRY"} == {"GH"}


def test_day_first_locale_reaches_the_dates_of_dated_sections():
    page = segment(
        clean(
            """<html lang="en-GB"><body><article><h1>Course</h1><p>Date: 1 to 20 March 2022</p>
            <h2>7 March: Opening</h2><p>Certificates are due on 11/03/2022.</p></article></body></html>"""
        )
    )
    mentions = page_mentions(page, [[] for _ in page.sections])
    values = {m.text: m.value for s in mentions for m in s if m.label == "DATE"}
    assert values["11/03/2022"] == "2022-03-11"


def test_a_year_less_day_named_again_keeps_the_year_of_its_first_mention():
    from extractor import dates
    from extractor.entities.extract import _same_day_same_year

    anchor = dates.Anchor(reference=datetime.date(2020, 1, 19))
    lead = dates.find_dates(
        "No one could predict what might happen at the Oscars on Feb. 9.", anchor
    )
    later = dates.find_dates(
        "Several contenders at the Oscars on Feb. 9 were not nominated.", anchor
    )
    assert [d.value for d in lead] == ["2020-02-09"]
    assert [d.value for d in later] == ["2019-02-09"]  # alone, the past verb pulls it back
    named: dict[str, str] = {}
    assert [d.value for d in _same_day_same_year(lead, named)] == ["2020-02-09"]
    (again,) = _same_day_same_year(later, named)
    assert again.value == "2020-02-09"
    assert again.inference.cues[0] == "the same day as named before (2020-02-09)"
    # a weekday written with the day fixes its own year
    fixed = dates.find_dates("It aired on Saturday, Feb. 9, 2019... on Saturday, Feb. 9.", anchor)
    assert [d.value for d in _same_day_same_year(fixed[1:], named)] == ["2019-02-09"]


def test_a_story_told_in_the_past_keeps_the_year_it_gave_its_month():
    from extractor import dates
    from extractor.entities.extract import _month_told_before

    anchor = dates.Anchor(reference=datetime.date(2020, 5, 14))
    story = dates.find_dates(
        "On February 26, 2017, the group announced the release. Two days after the "
        "announcement, on February 28, he was flown to a hotel in Alexandria.",
        anchor,
    )
    assert [d.value for d in story] == ["2017-02-26", "2020-02-28"]  # alone: nearest past
    told = _month_told_before(story, {}, set(), 0)
    assert [d.value for d in told] == ["2017-02-26", "2017-02-28"]
    assert told[1].inference.cues[0] == "the month told before with its year (2017-02)"
    # ahead, or a day the page named before, keeps its reading
    ahead = dates.find_dates(
        "In February 2017 the group met. It will meet again on February 28.", anchor
    )
    assert [d.value for d in _month_told_before(ahead, {}, set(), 0)] == ["2017-02", "2021-02-28"]
    war = dates.find_dates(
        "The war began on February 7. In February 2017 the group met. The attack on "
        "February 7 surprised them.",
        anchor,
    )
    assert [d.value for d in _month_told_before(war, {}, set(), 0)][-1] == "2020-02-07"


def test_each_post_of_a_river_reads_its_dates_from_its_own_published_line():
    def post(title: str, day: str, sub: str) -> str:
        return (
            f"<article class='post hentry'><h2>{title}</h2><p>Today the court heard the case "
            f"of {title}, and the judge ruled from the bench.</p>{sub}<p>Published on: {day}</p>"
            "</article>"
        )

    river = post("Ruling", "January 10, 2016", "") + post(
        "Bloody paralegals!", "October 12, 2015", "<h6>Ring-ring</h6><p>More of it today.</p>"
    )
    page = segment(clean(f"<html><body><main>{river}</main></body></html>"))
    mentions = page_mentions(page, [[] for _ in page.sections])
    todays = [
        m.value for s in mentions for m in s if m.label == "DATE" and m.text in ("Today", "today")
    ]
    assert sorted(todays) == ["2015-10-12", "2015-10-12", "2016-01-10"]


def test_a_post_whose_published_line_is_under_its_last_subheading_reads_its_day():
    ruling = (
        "<article class='post'><h2>Ruling</h2><p>The judge ruled from the bench that day, "
        "briefly.</p><p>Published on: January 10, 2016</p></article>"
    )
    paralegals = (
        "<article class='post'><h2>Bloody paralegals</h2><p>The order came in on a hot morning, "
        "as the paralegals knew.</p><h6>Ring-ring</h6><p>Today he fired the paralegal.</p>"
        "<h6>Fired</h6><p>A call followed that afternoon.</p><p>Published on: October 12, 2015"
        "</p></article>"
    )
    page = segment(clean(f"<html><body><main>{ruling}{paralegals}</main></body></html>"))
    mentions = page_mentions(page, [[] for _ in page.sections])
    todays = [m.value for s in mentions for m in s if m.label == "DATE" and m.text == "Today"]
    assert todays == ["2015-10-12"]


class _Counting:
    """An nlp whose pipe counts the texts it reads."""

    def __init__(self, nlp):
        self.nlp, self.read = nlp, []
        self.max_length = nlp.max_length
        self.make_doc = nlp.make_doc

    def pipe(self, items, **kwargs):
        items = list(items)
        self.read += [doc.text for doc, _ in items]
        return self.nlp.pipe(items, **kwargs)


def test_a_text_read_again_is_taken_from_the_cache_with_the_same_candidates(blank_nlp):
    about = "<h2>About us</h2><p>The Mekong Institute (MI) works with Viet Nam and Laos.</p>"
    pages = [
        segment(
            clean(f"<html><body><h1>Report {n}</h1><p>Visit {n} to Kenya.</p>{about}</body></html>")
        )
        for n in range(4)
    ]
    counting, cache = _Counting(blank_nlp), ModelCache()
    cached = [model_candidates([p], counting, 8, cache) for p in pages]
    fresh = [model_candidates([p], blank_nlp, 8) for p in pages]
    assert cached == fresh
    about_text = pages[0].sections[-1].text
    # kept from its second reading on: read twice, then taken from the cache twice
    assert counting.read.count(about_text) == 2 and cache.hits == 2
    assert sum("Kenya" in text for text in counting.read) == 4  # each page's own text is read
