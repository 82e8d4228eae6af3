"""Segment stage: headings, levels, paths, section dates, period and publication day."""

from __future__ import annotations

import pytest

from extractor.clean import clean
from extractor.segment import is_meta_line, segment


def _segment(body: str, head: str = ""):
    return segment(clean(f"<html><head>{head}</head><body><article>{body}</article></body></html>"))


REPORT = """
<h1>FY2024 Program on Migration</h1>
<p>Date: October 22 (Tue) to November 21 (Thu), 2024</p>
<p>The program was held with partners from Asia.</p>
<h2>Overview</h2><p>Text of the overview.</p>
<h2>2. In Japan Program</h2>
<h3>November 5 to 12: Measures by the Government</h3><p>Body one.</p>
<h3>November 20: Action Plan presentation</h3><p>Body two.</p>
"""


def test_segment_heading_sections_levels_and_paths():
    page = _segment(REPORT)
    got = [(s.index, s.heading, s.level, s.path) for s in page.sections]
    title = "FY2024 Program on Migration"
    assert got == [
        (0, title, 0, ()),
        (1, "Overview", 2, (title,)),
        (2, "2. In Japan Program", 2, (title,)),
        (3, "November 5 to 12: Measures by the Government", 3, (title, "2. In Japan Program")),
        (4, "November 20: Action Plan presentation", 3, (title, "2. In Japan Program")),
    ]


def test_segment_section_zero_holds_title_and_lead():
    section = _segment(REPORT).sections[0]
    assert section.text.splitlines() == [
        "FY2024 Program on Migration",
        "Date: October 22 (Tue) to November 21 (Thu), 2024",
        "The program was held with partners from Asia.",
    ]


def test_segment_section_text_starts_with_its_heading():
    section = _segment(REPORT).sections[3]
    assert section.text == "November 5 to 12: Measures by the Government\nBody one."


def test_segment_period_line_anchors_year_less_section_dates():
    page = _segment(REPORT)
    assert (page.period.start, page.period.end) == ("2024-10-22", "2024-11-21")
    dated = {s.heading: s.date.value for s in page.sections if s.date}
    assert dated == {
        "November 5 to 12: Measures by the Government": "2024-11-05/2024-11-12",
        "November 20: Action Plan presentation": "2024-11-20",
    }


def test_segment_bold_numbered_and_date_led_pseudo_headings():
    page = _segment(
        """<h1>Training report</h1><p>Period: December 5, 2022 to January 27, 2023</p>
        <p><strong>Overview</strong></p><p>Some text here.</p>
        <p><strong>(1) Online Phase</strong></p>
        <p><b>December 20 to January 10: Self-study period</b></p><p>Study.</p>
        <p>January 16: Arrival in Kobe</p><p>They arrived.</p>
        <p>1. This numbered paragraph is a full sentence and not a heading.</p>
        """
    )
    got = [(s.heading, s.level, s.date.value if s.date else None) for s in page.sections[1:]]
    assert got == [
        ("Overview", 2, None),
        ("(1) Online Phase", 2, None),
        ("December 20 to January 10: Self-study period", 3, "2022-12-20/2023-01-10"),
        ("January 16: Arrival in Kobe", 3, "2023-01-16"),
    ]


def test_segment_dt_with_paragraphs_is_a_heading_but_a_fact_box_is_not():
    long_text = "A long paragraph about the session " * 4
    page = _segment(
        f"""<h1>Series</h1><p>Posted on 2024/12/10 in Seminars</p>
        <dl class="facts"><dt>Venue</dt><dd>Tokyo</dd><dt>Fee</dt><dd>Free</dd></dl>
        <dl><dt>Session 1 — Nov. 5, 2024 (Tue), 19:00–20:30 JST: Labour rights</dt>
        <dd><p>{long_text}</p></dd></dl>"""
    )
    headings = [s.heading for s in page.sections[1:]]
    assert headings == ["Session 1 — Nov. 5, 2024 (Tue), 19:00–20:30 JST: Labour rights"]
    assert page.sections[1].date.value == "2024-11-05"
    assert page.published == "2024-12-10"


def test_segment_schedule_table_rows_and_list_items_are_not_sections():
    page = _segment(
        """<h1>Workshop</h1><p>Date: 5th to 7th March 2025</p>
        <table><tr><td><b>5 March (Wed)</b></td><td>Opening</td></tr></table>
        <ul><li><b>Cambodia</b></li><li>6 March: visits</li></ul>
        <figure><figcaption><b>Participants</b></figcaption></figure>"""
    )
    assert len(page.sections) == 1
    assert (page.period.start, page.period.end) == ("2025-03-05", "2025-03-07")


def test_segment_fiscal_year_title_gives_period_without_a_period_line():
    page = _segment("<h1>FY2023 Annual Activity Report</h1><p>We trained officials.</p>")
    assert (page.period.start, page.period.end) == ("2023-04-01", "2024-03-31")


def test_segment_period_falls_back_to_span_of_dated_sections():
    page = _segment(
        """<h1>Study visit</h1><p>Posted: 1 March 2023</p>
        <h2>February 6 to 8, 2023: Tokyo</h2><p>x</p><h2>February 10, 2023: Osaka</h2><p>y</p>"""
    )
    assert (page.period.start, page.period.end) == ("2023-02-06", "2023-02-10")


def test_segment_published_from_meta_tag_when_no_dateline():
    page = _segment(
        "<h1>News</h1><p>Text.</p>",
        head='<meta property="article:published_time" content="2021-05-04T08:00:00+09:00">',
    )
    assert page.published == "2021-05-04"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Date: 5th to 7th March 2025", True),
        ("Period: December 5, 2022 to January 27, 2023", True),
        ("Posted on 2024/12/10 in Seminars", True),
        ("Published: September 1, 2007", True),
        ("Last updated: 2 May 2024", True),
        ("November 20: Action Plan presentation", False),
        ("Overview", False),
    ],
)
def test_is_meta_line(text, expected):
    assert is_meta_line(text) is expected
