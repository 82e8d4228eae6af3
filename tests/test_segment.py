"""Segment stage: headings, levels, paths, section dates, period and publication day."""

from __future__ import annotations

import pytest

from extractor import dates
from extractor.html.clean import clean
from extractor.sections.segment import is_meta_line, segment


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


# --- heading styles ------------------------------------------------------------------------

TITLE = "Field report on labour migration"
LEAD = "<p>The mission met officials, employers and workers in three provinces.</p>"
BODY = "<p>The team interviewed recruiters and returnees about their experience abroad.</p>"
LONG_CELL = (
    "The survey covered recruitment fees, contracts, wages and working hours of returnees, "
    "and compared what workers were promised before departure with what they found on arrival. "
    "Most respondents had paid a broker, and many had signed a second contract after arriving. "
    "Women working in domestic care reported the longest hours and the fewest days off."
)


@pytest.mark.parametrize(
    ("block", "heading", "level"),
    [
        ("<h2>Background</h2>", "Background", 2),
        ("<h3>Background</h3>", "Background", 3),
        ("<h4>Background</h4>", "Background", 4),
        ("<h5>Background</h5>", "Background", 5),
        ("<h6>Background</h6>", "Background", 6),
        ("<h1>Annex: Participants</h1>", "Annex: Participants", 1),
        ("<p><strong>Key findings</strong></p>", "Key findings", 2),
        ("<b>Key findings</b>", "Key findings", 2),
        ("<div><strong>Key findings</strong></div>", "Key findings", 2),
        ('<div style="font-weight: bold">Key findings</div>', "Key findings", 2),
        ('<p style="font-weight:700">Key findings</p>', "Key findings", 2),
        ('<p><span style="font-weight:bold">Key findings</span></p>', "Key findings", 2),
        ("<p><strong>Key </strong><strong>findings</strong>&nbsp;</p>", "Key findings", 2),
        ("<p><u><b>Key findings</b></u></p>", "Key findings", 2),
        (
            "<p><strong>Key findings</strong><br>Most workers had paid a broker.</p>",
            "Key findings",
            2,
        ),
        (
            f"<table><tr><td><b>Key findings</b></td></tr><tr><td>{LONG_CELL}</td></tr></table>",
            "Key findings",
            2,
        ),
        ("<p>1. Background</p>", "1. Background", 2),
        ("<p>3-2 Field visits</p>", "3-2 Field visits", 3),
        ("<p>(2) Study Tour</p>", "(2) Study Tour", 2),
        ("<p>2) Study Tour</p>", "2) Study Tour", 2),
        ("<p><strong>1.</strong> Background</p>", "1. Background", 2),
        ("<p>II. Results</p>", "II. Results", 2),
        ("<p>June 14: Closing session</p>", "June 14: Closing session", 2),
        ("<p>14–15 June: Site visits</p>", "14–15 June: Site visits", 2),
        ("<p>June 14 (Fri): Closing session</p>", "June 14 (Fri): Closing session", 2),
    ],
    ids=lambda v: v if isinstance(v, int) else None,
)
def test_segment_heading_style_starts_a_section(block, heading, level):
    page = _segment(f"<h1>{TITLE}</h1>{LEAD}{block}{BODY}")
    got = [(s.heading, s.level, s.path) for s in page.sections[1:]]
    assert got == [(heading, level, (TITLE,))]
    assert page.sections[1].text.splitlines()[-1] == (
        "The team interviewed recruiters and returnees about their experience abroad."
    )


def test_segment_dt_whose_dd_holds_paragraphs_heads_a_section():
    page = _segment(
        f"""<h1>{TITLE}</h1>{LEAD}
        <dl><dt>Visit to the labour office</dt>
        <dd><p>The officers explained how complaints from returnees are received, recorded and
        passed on to the recruitment agencies concerned.</p></dd>
        <dt>Meeting with employers</dt>
        <dd><p>Employers described the shortage of workers in construction and care, and the
        steps they take to check the fees that brokers charge.</p></dd></dl>"""
    )
    got = [(s.heading, s.level, s.path) for s in page.sections[1:]]
    assert got == [
        ("Visit to the labour office", 2, (TITLE,)),
        ("Meeting with employers", 2, (TITLE,)),
    ]


def test_segment_bold_sub_headings_nest_under_an_h2():
    page = _segment(
        f"""<h1>{TITLE}</h1>{LEAD}
        <h2>Activities</h2><p>Two kinds of activity took place.</p>
        <p><strong>Interviews</strong></p>{BODY}
        <p><b>Workshops</b></p><p>Officials discussed the draft guidelines.</p>
        <h2>Outcomes</h2><p>Agreed next steps.</p>"""
    )
    got = [(s.heading, s.level, s.path) for s in page.sections[1:]]
    assert got == [
        ("Activities", 2, (TITLE,)),
        ("Interviews", 3, (TITLE, "Activities")),
        ("Workshops", 3, (TITLE, "Activities")),
        ("Outcomes", 2, (TITLE,)),
    ]


def test_segment_dt_under_an_h2_nests_one_level_deeper():
    page = _segment(
        f"""<h1>{TITLE}</h1>{LEAD}<h2>Visits</h2>
        <dl><dt>Labour office</dt><dd><p>The officers explained how complaints from returnees
        are received, recorded and passed on to the agencies concerned.</p></dd></dl>"""
    )
    assert [(s.heading, s.level, s.path) for s in page.sections[1:]] == [
        ("Visits", 2, (TITLE,)),
        ("Labour office", 3, (TITLE, "Visits")),
    ]


def test_segment_bold_sub_headings_nest_under_a_numbered_line():
    page = _segment(
        f"""<h1>{TITLE}</h1>{LEAD}<p>2. Programme</p><p>Two parts.</p>
        <p><strong>Lectures</strong></p>{BODY}"""
    )
    assert [(s.heading, s.level, s.path) for s in page.sections[1:]] == [
        ("2. Programme", 2, (TITLE,)),
        ("Lectures", 3, (TITLE, "2. Programme")),
    ]


def test_segment_numbering_depth_gives_a_deeper_level():
    page = _segment(
        f"""<h1>{TITLE}</h1>{LEAD}
        <p>1. Overview</p><p>The programme ran for three weeks.</p>
        <p>2. Programme</p><p>It combined lectures and visits.</p>
        <p>2-1 Lectures</p><p>Lectures covered the law.</p>
        <p>2-2 Visits</p><p>Visits covered shelters.</p>
        <p>3. Outcomes</p><p>Each team drafted a plan.</p>"""
    )
    got = [(s.heading, s.level, s.path) for s in page.sections[1:]]
    assert got == [
        ("1. Overview", 2, (TITLE,)),
        ("2. Programme", 2, (TITLE,)),
        ("2-1 Lectures", 3, (TITLE, "2. Programme")),
        ("2-2 Visits", 3, (TITLE, "2. Programme")),
        ("3. Outcomes", 2, (TITLE,)),
    ]


def test_segment_numbered_lines_under_an_h2_go_one_level_deeper():
    page = _segment(
        f"""<h1>{TITLE}</h1>{LEAD}
        <h2>Programme</h2><p>Two parts.</p>
        <p>(1) Online Phase</p><p>Lectures online.</p>
        <p>(2) Study Tour</p><p>Visits in Japan.</p>"""
    )
    got = [(s.heading, s.level, s.path) for s in page.sections[1:]]
    assert got == [
        ("Programme", 2, (TITLE,)),
        ("(1) Online Phase", 3, (TITLE, "Programme")),
        ("(2) Study Tour", 3, (TITLE, "Programme")),
    ]


# --- look-alikes that are not headings ---------------------------------------------------------


@pytest.mark.parametrize(
    "block",
    [
        "<p><strong>Date: 3 June 2024</strong></p>",
        "<p><b>Posted on 4 June 2024</b></p>",
        "<p><strong>Published: 5 June 2024</strong></p>",
        "<p><strong>Last updated: 6 June 2024</strong></p>",
        "<p><b>Venue: Hanoi, Viet Nam</b></p>",
        "<p><strong>Updated: 6 June 2024</strong></p>",
        "<p><b>Date and venue: 3 June 2024, Hanoi</b></p>",
        "<p>Posted 4 June 2024</p>",
        "<p>Published 5 June 2024</p>",
        "<p>Last updated 6 June 2024</p>",
    ],
)
def test_segment_meta_lines_are_not_sections(block):
    page = _segment(f"<h1>{TITLE}</h1>{block}{LEAD}{BODY}")
    assert len(page.sections) == 1


SCHEDULE_TABLE = """<table>
<tr><th>Date</th><th>Programme</th></tr>
<tr><td><b>June 14</b></td><td><b>Opening session</b></td></tr>
<tr><td>June 15: Site visits</td><td>1. Shelter in Hanoi</td></tr>
<tr><td>(2) Day 3</td><td>Closing</td></tr>
</table>"""


@pytest.mark.parametrize(
    "block",
    [
        SCHEDULE_TABLE,
        "<ul><li>June 14: Opening session</li><li>June 15: Site visits</li></ul>",
        "<ul><li><b>Opening session</b></li><li><strong>Site visits</strong></li></ul>",
        "<ol><li>1. Opening</li><li>(2) Site visits</li></ol>",
        "<dl><dt>Date</dt><dd>14 June 2024</dd><dt>Venue</dt><dd>Hanoi, Viet Nam</dd></dl>",
        "<dl><dt><b>Organizer</b></dt><dd>Labour office</dd></dl>",
        '<figure><img src="a.jpg"><figcaption><b>Participants at the opening</b></figcaption>'
        "</figure>",
        '<figure><img src="a.jpg"><figcaption>1. Visit to a shelter</figcaption></figure>',
        "<p>1. The participants visited three shelters and met their staff.</p>",
        "<p>(2) Each team presented its action plan to the panel of experts.</p>",
        "<p><strong>All participants received a certificate at the end.</strong></p>",
        "<p><b>Key findings:</b> most workers had paid a broker before leaving home.</p>",
    ],
    ids=[
        "schedule-table",
        "dated-list-items",
        "bold-list-items",
        "numbered-list-items",
        "fact-box",
        "bold-fact-box",
        "bold-caption",
        "numbered-caption",
        "numbered-sentence",
        "paren-numbered-sentence",
        "bold-sentence",
        "bold-lead-in",
    ],
)
def test_segment_look_alikes_are_not_sections(block):
    page = _segment(f"<h1>{TITLE}</h1>{LEAD}{block}{BODY}")
    assert [s.heading for s in page.sections] == [TITLE]


@pytest.mark.parametrize(
    "label",
    [
        '<p class="category">Seminar report</p>',
        "<p><strong>Press release</strong></p>",
        '<div class="label"><a href="/reports">Reports</a></div>',
        "<span>News</span>",
    ],
)
def test_segment_category_label_above_the_title_is_not_a_section(label):
    page = _segment(f"{label}<h1>{TITLE}</h1>{LEAD}<h2>Background</h2>{BODY}")
    assert page.page.title == TITLE
    assert [s.heading for s in page.sections] == [TITLE, "Background"]


# --- section dates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("June 14: Closing session", ("2024-06-14", "2024-06-14")),
        ("14 June: Closing session", ("2024-06-14", "2024-06-14")),
        ("14–15 June: Site visits", ("2024-06-14", "2024-06-15")),
        ("June 3 to 7: Lectures in Hanoi", ("2024-06-03", "2024-06-07")),
        ("3 June (Mon) – 5 June (Wed): Lectures", ("2024-06-03", "2024-06-05")),
        ("Day 2 (June 4): Field visits", ("2024-06-04", "2024-06-04")),
    ],
)
def test_segment_section_date_span_takes_its_year_from_the_period_line(heading, expected):
    page = _segment(
        f"""<h1>{TITLE}</h1><p>Period: 3 June to 20 June 2024</p>{LEAD}
        <h2>{heading}</h2>{BODY}"""
    )
    section = page.sections[1]
    assert section.heading == heading
    assert dates.span_bounds(section.date.value) == expected


def test_segment_section_dates_cross_the_new_year_of_the_period():
    page = _segment(
        f"""<h1>{TITLE}</h1><p>Date: 10 December 2023 – 20 January 2024</p>{LEAD}
        <h2>December 12: Arrival</h2>{BODY}<h2>January 8: Presentations</h2>{BODY}"""
    )
    assert [s.date.value for s in page.sections[1:]] == ["2023-12-12", "2024-01-08"]


def test_segment_section_dates_take_their_year_from_the_posted_line():
    page = _segment(
        f"""<h1>{TITLE}</h1><p>Posted on 30 July 2024</p>{LEAD}
        <h2>July 8: Opening</h2>{BODY}<h2>July 9 to 12: Visits</h2>{BODY}"""
    )
    assert [s.date.value for s in page.sections[1:]] == ["2024-07-08", "2024-07-09/2024-07-12"]
    assert (page.period.start, page.period.end) == ("2024-07-08", "2024-07-12")


def test_segment_heading_without_a_date_has_no_section_date():
    page = _segment(f"<h1>{TITLE}</h1><p>Date: 3 June 2024</p><h2>Background</h2>{BODY}")
    assert page.sections[1].date is None


def test_segment_title_section_has_no_section_date():
    page = _segment("<h1>14 June 2024: Regional forum</h1><p>The forum met in Hanoi.</p>")
    assert page.sections[0].date is None


# --- publication day and period --------------------------------------------------------------


@pytest.mark.parametrize(
    ("lead", "head", "published"),
    [
        ("<p>Posted on 2024/12/10</p>", "", "2024-12-10"),
        (
            "<p>Date: 3–5 March 2025 | Published: 24 March 2025</p>",
            "",
            "2025-03-24",
        ),
        ("<p>27 June 2023 · by the team</p>", "", "2023-06-27"),
        (
            "<p>GENEVA, 14 March 2023 – Officials from eight countries agreed on a plan to "
            "protect migrant workers at a meeting that closed today.</p>",
            "",
            "2023-03-14",
        ),
        (
            "<p>Officials met.</p>",
            '<meta property="article:published_time" content="2022-09-30T09:00:00+00:00">',
            "2022-09-30",
        ),
        ("<p>Release date: 1 February 2024</p>", "", "2024-02-01"),
        ('<p><time datetime="2023-05-09T09:00:00+09:00">2023.05.09</time></p>', "", "2023-05-09"),
        ("<p>Officials met.</p>", "", None),
    ],
    ids=[
        "posted-on",
        "published-in-date-line",
        "byline",
        "press-dateline",
        "meta",
        "release",
        "time-element",
        "none",
    ],
)
def test_segment_published_day(lead, head, published):
    page = _segment(f"<h1>{TITLE}</h1>{lead}{BODY}", head=head)
    assert page.published == published


PRESS_LEAD = (
    "GENEVA, 14 March 2023 – A workshop held in Skopje from 6 to 10 March 2023 brought "
    "together officials from eight countries."
)


@pytest.mark.parametrize(
    ("body", "period"),
    [
        (
            f"<h1>{TITLE}</h1><p>Period: 5 to 9 August 2024</p>{LEAD}",
            ("2024-08-05", "2024-08-09"),
        ),
        (
            f"<h1>{TITLE}</h1><p>Date: 3–5 March 2025 | Published: 24 March 2025</p>{LEAD}",
            ("2025-03-03", "2025-03-05"),
        ),
        (
            "<h1>FY2023 Annual Report</h1><p>We trained 120 officials.</p>",
            ("2023-04-01", "2024-03-31"),
        ),
        (
            f"""<h1>{TITLE}</h1><p>Posted on 30 July 2024</p>{LEAD}
            <h2>July 8, 2024: Opening</h2>{BODY}<h2>July 9 to 12, 2024: Visits</h2>{BODY}""",
            ("2024-07-08", "2024-07-12"),
        ),
        (
            f"<h1>{TITLE}</h1><p>{PRESS_LEAD}</p>{BODY}",
            ("2023-03-06", "2023-03-10"),
        ),
    ],
    ids=["period-line", "date-line-with-published", "fiscal-year-title", "dated-sections", "press"],
)
def test_segment_period(body, period):
    page = _segment(body)
    assert (page.period.start, page.period.end) == period


def test_segment_press_release_period_is_the_event_not_the_release_day():
    page = _segment(f"<h1>{TITLE}</h1><p>{PRESS_LEAD}</p>{BODY}")
    assert page.published == "2023-03-14"
    assert (page.period.start, page.period.end) == ("2023-03-06", "2023-03-10")


def test_segment_press_release_lead_wrapped_in_the_source_still_gives_the_period():
    wrapped = PRESS_LEAD.replace("from 6 to ", "from 6 to\n        ")
    page = _segment(f"<h1>{TITLE}</h1><p>{wrapped}</p>{BODY}")
    assert (page.period.start, page.period.end) == ("2023-03-06", "2023-03-10")


def test_segment_page_without_dates_has_no_period():
    assert _segment(f"<h1>{TITLE}</h1>{LEAD}<h2>Background</h2>{BODY}").period is None


SIDEBAR_ARTICLE = """<div class="content"><h1>Study visit to Osaka</h1>
<p>The delegation from Nepal visited shelters and met city officials and support groups.</p>
<p>Members of the delegation discussed counselling services for migrant workers.</p></div>"""


@pytest.mark.parametrize(
    "chrome",
    [
        """<div class="sidebar"><h3>News</h3><ul>
        <li>Posted on 1 January 2020: <a href="/n/1">Office moves</a></li>
        <li>2019/12/24 <a href="/n/2">Year-end closure</a></li></ul></div>""",
        "<aside><p>Published: 2 February 2021</p></aside>",
        "<footer><p>Last updated 3 March 2022</p></footer>",
        '<script>var published = "2018-04-05";</script>',
        """<div class="sidebar"><h3>News</h3><ul><li><time datetime="2020-01-01">1 Jan
            2020</time> <a href="/n/1">Office moves</a></li></ul></div>""",
    ],
    ids=["sidebar-posted", "aside-published", "footer-updated", "script", "sidebar-time"],
)
def test_segment_sidebar_footer_and_script_dates_never_become_published(chrome):
    html = f"<html><head><title>Study visit</title></head><body>{chrome}{SIDEBAR_ARTICLE}</body>"
    page = segment(clean(html))
    assert page.published is None
    assert page.period is None


def test_section_blocks_mark_each_line_with_its_kind():
    page = _segment(
        """<h1>Workshop</h1><p>Date: 5 to 7 March 2025</p><p>Officials met in Bangkok.</p>
        <h2>Programme</h2><table><tr><td>5 March</td><td>Opening</td></tr></table>
        <ul><li>Cambodia</li></ul><figure><figcaption>Participants</figcaption></figure>
        <p>27 June 2023 · by the team</p>"""
    )
    lead, programme = page.sections
    assert [(lead.text[s:e], k) for s, e, k in lead.blocks] == [
        ("Workshop", "title"),
        ("Date: 5 to 7 March 2025", "meta"),
        ("Officials met in Bangkok.", "paragraph"),
    ]
    assert [(programme.text[s:e], k) for s, e, k in programme.blocks] == [
        ("Programme", "heading"),
        ("5 March", "table_cell"),
        ("Opening", "table_cell"),
        ("Cambodia", "list_item"),
        ("Participants", "caption"),
        ("27 June 2023 · by the team", "meta"),
    ]


@pytest.mark.parametrize(
    ("start_month", "period"),
    [
        (4, ("2023-04-01", "2024-03-31")),
        (1, ("2023-01-01", "2023-12-31")),
        (7, ("2023-07-01", "2024-06-30")),
    ],
)
def test_segment_fiscal_calendar_is_a_setting(start_month, period):
    page = segment(
        clean(
            "<article><h1>FY2023 Annual Activity Report</h1><p>We trained officials.</p></article>"
        ),
        fiscal_year_start_month=start_month,
    )
    assert (page.period.start, page.period.end) == period


@pytest.mark.parametrize(
    ("head", "body", "period"),
    [
        # the page's own country, named most, has a July-June year
        (
            "<title>Southeast Asia - Annual Report 2015–16</title>",
            "<p>Australia deepened ties with Indonesia. Australia and Vietnam met. Australia's "
            "aid grew.</p>",
            ("2015-07-01", "2016-06-30"),
        ),
        # the description names the report, the text the month its year ends
        (
            '<title>Pacific</title><meta name="description" content="Annual Report 2024/25">',
            "<p>Results for the financial year ended 30 September 2025 are below.</p>",
            ("2024-10-01", "2025-09-30"),
        ),
        # no evidence: the configured start month
        (
            "<title>Annual Review 2019-20</title>",
            "<p>We trained officials.</p>",
            ("2019-04-01", "2020-03-31"),
        ),
        # not a split year: no fiscal period
        ("<title>Annual Report 2015–17</title>", "<p>We trained officials.</p>", None),
    ],
)
def test_a_report_named_by_a_split_year_covers_that_fiscal_year(head, body, period):
    page = segment(
        clean(
            f"<html><head>{head}</head><body><article><h1>Results</h1>{body}"
            "</article></body></html>"
        )
    )
    assert ((page.period.start, page.period.end) if page.period else None) == period


@pytest.mark.parametrize(
    ("lang", "published"),
    [("en-GB", "2022-03-07"), ("fr", "2022-03-07"), ("en-US", "2022-07-03"), ("en", "2022-07-03")],
)
def test_segment_numeric_dates_follow_the_page_locale(lang, published):
    page = segment(
        clean(
            f"""<html lang="{lang}"><body><article><h1>Classes for refugee women</h1>
            <p>Posted: 07/03/2022</p><p>The classes start next week.</p></article></body></html>"""
        )
    )
    assert page.published == published


@pytest.mark.parametrize(
    ("heading", "level"),
    [("(a) Preparatory phase", 3), ("b) Lectures", 3), ("Ⅱ. Contents", 2), ("Ⅳ．Follow-up", 2)],
)
def test_segment_lettered_and_roman_numbered_lines_are_headings(heading, level):
    page = _segment(
        f"""<h1>FY2021 course report</h1><p>Period: January 17 to February 25, 2022</p>
        <p><b>1. Outline</b></p><p>Officials from five countries took part.</p>
        <p>{heading}</p><p>Text of the part that follows the heading.</p>"""
    )
    assert [(s.heading, s.level) for s in page.sections[1:]] == [
        ("1. Outline", 2),
        (heading, level),
    ]


def test_segment_fiscal_year_in_an_event_title_gives_way_to_the_event():
    page = _segment(
        """<h1>FY2023 Training Programme on Port Security</h1>
        <p>The programme brought twelve officers to Yokohama from 5 to 9 June 2023 for lectures
        and site visits with the port authority.</p><h2>Outcomes</h2><p>Plans.</p>"""
    )
    assert (page.period.start, page.period.end) == ("2023-06-05", "2023-06-09")
    yearly = _segment(
        """<h1>FY2023 Activities</h1>
        <p>Over the year the centre ran a training from 5 to 9 June 2023 and four seminars
        with partner agencies in the region.</p>"""
    )
    assert (yearly.period.start, yearly.period.end) == ("2023-04-01", "2024-03-31")


@pytest.mark.parametrize(
    ("lead", "period"),
    [
        # the day a release reports: "today", or a day its lead names
        (
            "<p>Published 20 July 2023</p><p>Today the two agencies signed a memorandum of "
            "understanding on environmental cooperation in the capital.</p>",
            "2023-07-20",
        ),
        (
            "<p>Published 3 March 2020</p><p>On Thursday, 27 February, the two Commissions met "
            "in Addis Ababa for their tenth meeting since the partnership began.</p>",
            "2020-02-27",
        ),
        # only the release's own date: the release reports that day
        (
            "<p>NAIROBI, 25 August 2023 – The ministry and its partners launched a five-year "
            "health programme for mothers and children in four regions.</p>",
            "2023-08-25",
        ),
        # a post whose lead names no day has no period
        (
            "<p>Posted on March 8, 2023</p><p>Twelve months after the first clubs opened, "
            "pupils and teachers tell us what has changed in their schools.</p>",
            None,
        ),
    ],
    ids=["today", "day-in-lead", "dateline-only", "blog-post"],
)
def test_segment_news_period_is_the_day_it_reports(lead, period):
    page = _segment(f"<h1>Partners meet</h1>{lead}<h2>Next steps</h2><p>More text.</p>")
    got = None if page.period is None else page.period.start
    assert got == period
    if period:
        assert page.period.end == period


def test_a_timestamp_line_is_no_date_led_heading():
    # The colon of "8:41" is a time of day, not a label: the line is the item's timestamp.
    page = _segment(
        """<h1>Man pleads guilty to threats</h1><p>Nov. 19, 2019, 8:41 AM UTC</p>
        <p>A New York man pleaded guilty Monday to threatening to kill a member of Congress,
        prosecutors said. He was arrested in April.</p>"""
    )
    assert [s.heading for s in page.sections[1:]] == []
    assert page.published == "2019-11-19"
    assert (page.period.start, page.period.text) == ("2019-11-18", "Monday")  # the day reported


def test_a_file_photo_from_years_before_is_not_the_day_a_news_item_reports():
    page = _segment(
        """<h1>Airline orders 30 jets</h1><p>Published Wed, Nov 20 2019</p>
        <figure><figcaption>The chairman at the Dubai Airshow on Monday, Nov. 13, 2017.
        </figcaption></figure>
        <p>The airline announced Wednesday that it had signed an order for 30 jets worth
        $9 billion at list prices, the manufacturer said.</p>"""
    )
    assert page.published == "2019-11-20"
    assert (page.period.start, page.period.text) == ("2019-11-20", "Wednesday")


def test_a_news_page_written_during_its_years_reads_dates_from_the_publication_day():
    # headings dated by years around the publication day give the page a period of whole
    # years; its year-less dates still follow the publication day and their tense
    page = _segment(
        """<h1>Qualifying: who is through</h1><p>Posted: 19 November 2019</p>
        <h2>Euro 2020 places</h2><p>Twenty teams have qualified.</p>
        <h2>The 2019 season</h2><p>The club sacked its coach on Friday.</p>"""
    )
    assert (page.period.start, page.period.end) == ("2019", "2020")
    assert page.anchor.period_start is None and page.anchor.reference == dates.to_date("2019-11-19")
    # a report published after its period keeps the period as its anchor
    report = _segment(
        """<h1>Annual review</h1><p>Posted: 19 March 2020</p>
        <h2>The 2019 season</h2><p>The club sacked its coach in May.</p>"""
    )
    assert report.anchor.period_start == dates.to_date("2019-01-01")


def test_a_page_with_no_publication_day_or_period_reads_its_dates_in_the_titles_year():
    html = (
        "<html><head><title>Regional Meeting 2014/Programme</title></head><body><main>"
        "<h1>Regional Meeting 2014/Programme</h1><h2>December 18, Thursday</h2>"
        "<p>19:00 Socializing and ice breaking at the venue for all participants.</p>"
        "<h2>December 19, Friday</h2><p>10:00 Opening session with the board of trustees.</p>"
        "</main></body></html>"
    )
    page = segment(clean(html))
    dated = [s.date.value for s in page.sections if s.date is not None]
    assert dated == ["2014-12-18", "2014-12-19"]
    assert page.period is not None and (page.period.start, page.period.end) == (
        "2014-12-18",
        "2014-12-19",
    )


def test_an_article_footers_posted_line_gives_the_publication_day():
    body = "<p>" + "The meetup gathered thirty affiliates from fifteen countries in Lisbon. " * 4
    html = (
        f"<html><body><article><h1>Meetup in Lisbon</h1>{body}</p>{body}</p>"
        '<footer class="entry-footer"><div class="entry-meta">Posted 04 November 2016</div>'
        '<div class="share"><a href="#">Twitter</a></div></footer></article></body></html>'
    )
    assert segment(clean(html)).published == "2016-11-04"


def _period_of(html: str) -> tuple[str, str] | None:
    period = segment(clean(html)).period
    return None if period is None else (period.start, period.end)


def test_a_report_on_one_year_has_that_year_as_its_period_unless_its_sections_date_a_part():
    body = "<p>" + "The foundation defended the rights of users in courts and in the press. " * 4
    review = (
        "<html><body><main><h1>EFF's 2015 Annual Report</h1>"
        f"<p>The foundation was founded in 1990 to protect users. {body}</p>"
        f"<h2>A word from the director</h2><p>I took on the role last April. {body}</p>"
        "</main></body></html>"
    )
    assert _period_of(review) == ("2015", "2015")
    anchor = segment(clean(review)).anchor
    assert "2015-04" in [m.value for m in dates.find_dates("last April", anchor)]
    news = review.replace("EFF's 2015 Annual Report", "GM posts first annual loss since 1992")
    assert _period_of(news) != ("1992", "1992")
    activities = (
        "<html><body><main><h1>Network activities 2023</h1>"
        f"<h2>14 February 2023: Webinar</h2>{body}</p><h2>28 November 2023: Meeting</h2>{body}</p>"
        "</main></body></html>"
    )
    assert _period_of(activities) == (
        "2023-02-14",
        "2023-11-28",
    )


def test_a_blogs_date_header_over_the_post_gives_the_publication_day():
    body = "<p>" + "This is where my blog used to be, before it moved to a new address. " * 4
    html = (
        '<html><body><div class="blog-posts"><div class="date-outer">'
        '<h2 class="date-header"><span>Wednesday, March 30, 2011</span></h2>'
        '<div class="date-posts"><div class="post-outer"><div class="post">'
        '<h3 class="post-title">Old Blog</h3>'
        f'<div class="post-body entry-content">{body}</p>{body}</p></div>'
        "</div></div></div></div></div></body></html>"
    )
    page = segment(clean(html))
    assert page.published == "2011-03-30"


def test_a_date_line_over_the_headline_stays_and_dates_the_page():
    body = "<p>" + "The professor talks on the radio about the challenges ahead for Europe. " * 4
    html = (
        '<html><body><article><header class="content-header">'
        '<div class="content-header__flag">In the media</div>'
        "<span>02.12.19</span><h1>What's on the cards?</h1></header>"
        f"{body}</p>{body}</p></article></body></html>"
    )
    page = segment(clean(html))
    assert page.published == "2019-12-02"


def test_a_period_label_on_a_line_of_its_own_takes_the_next_line():
    html = (
        "<html><body><main><h1>The 7th High Level Officials Meeting</h1><h3>2. About meeting</h3>"
        "<dl><dt>Duration and venue</dt><dd>From 31 August to 3 September 2009, Tokyo</dd></dl>"
        "<h3>3. Programme</h3><h4>Monday 31 August 2009</h4><p>Opening session.</p>"
        "</main></body></html>"
    )
    assert _period_of(html) == (
        "2009-08-31",
        "2009-09-03",
    )


def test_the_lead_may_follow_a_second_heading_and_open_with_a_month():
    body = "The regional conference gathered one hundred participants from twenty countries. "
    wiki = (
        "<html><body><main><h1>Regional Meeting 2018/Blog post</h1>"
        "<h2>Developing regional cooperation: the Regional Meeting in Lviv</h2>"
        f"<p>The seventh annual meeting was held in Lviv, Ukraine, on October 13-15th. {body}</p>"
        f"<p>{body * 2}</p></main></body></html>"
    )
    assert _period_of(wiki) == (
        "2018-10-13",
        "2018-10-15",
    )
    meetup = (
        "<html><body><main><h1>Europe meetup in Lisbon</h1>"
        f"<p>In September 2016, the network hosted a meeting for its affiliates. {body}</p>"
        f"<p>{body * 2}</p></main></body></html>"
    )
    assert _period_of(meetup) == (
        "2016-09",
        "2016-09",
    )


def test_a_lead_day_that_begins_a_counted_event_spans_its_days():
    body = "He will meet political leaders and see the impact of the development programme. "
    html = (
        "<html><body><main><h1>Minister to visit Kenya and Ethiopia</h1>"
        "<ul><li>Published on: 16 July 2024</li></ul>"
        f"<p>The Minister will begin a four day visit to the Horn of Africa today. {body}</p>"
        f"<p>{body * 2}</p></main></body></html>"
    )
    assert _period_of(html) == ("2024-07-16", "2024-07-19")
    # a count of days that is no event's length leaves the day alone
    html = html.replace("a four day visit to the Horn of Africa", "a visit after 30 days of talks")
    assert _period_of(html) == ("2024-07-16", "2024-07-16")


def test_a_headline_dateline_dates_the_page_and_yields_to_a_publication_meta():
    story = (
        "<div><h1>Concept car revealed</h1><div class='author_date'><span>By Jane Doe, Senior "
        "Correspondent, Autos Desk</span> <span>Nov 19, 2019, 8:15 pm CST</span></div><p>The carmaker revealed the concept today at the motor show, with a "
        "range of 500 kilometres and a launch planned for the year after next.</p></div>"
    )
    page = segment(clean(f"<html><body>{story}</body></html>"))
    assert page.published == "2019-11-19"
    meta = '<meta property="article:published_time" content="2019-11-20T02:15:00Z">'
    page = segment(clean(f"<html><head>{meta}</head><body>{story}</body></html>"))
    assert page.published == "2019-11-20"  # the site's own record; the line stays content
    assert page.page.blocks[0].text == "Nov 19, 2019, 8:15 pm CST"


def test_a_page_dated_nowhere_reads_its_weekdays_from_the_day_its_title_writes():
    body = (
        "<h1>Marketplace Tech for Friday, April 19, 2013</h1><p>Gun control advocates are looking "
        "for new options. On Wednesday, seven measures failed in the Senate, including a bill on "
        "background checks for gun buyers.</p>"
    )
    page = _segment(body)
    assert page.published is None
    assert (page.anchor.period_start, page.anchor.period_end) == (
        dates.to_date("2013-04-19"),
        dates.to_date("2013-04-19"),
    )


def test_a_dated_heading_of_history_does_not_become_the_time_of_a_news_story():
    body = (
        "<h1>Berlin confronts its colonial past</h1><p>In January, the city is launching a "
        "five-year project to reframe its colonial history, officials said on Sunday.</p>"
        "<h2>Reforms in 1907</h2><p>Colonial reforms followed the war in the south-west of the "
        "continent, historians write.</p>"
    )
    meta = '<meta property="article:published_time" content="2020-01-19">'
    page = _segment(body, head=meta)
    assert page.published == "2020-01-19"
    assert page.anchor.period_start is None  # read from the publication day, not from 1907


def test_a_quotations_dated_source_line_is_no_dateline():
    body = (
        '<h1>The American friends</h1><blockquote>"We lied, we cheated."</blockquote>'
        "<blockquote>— Mike Pompeo, College Station, TX, April 15, 2019</blockquote>"
        "<p>As the co-founder of a small security firm, he spent years in the minor leagues of "
        "the private security industry before the contract came.</p>"
    )
    assert _segment(body).published is None


def test_sections_headed_by_years_of_a_post_written_later_do_not_anchor_its_other_dates():
    """A 2015 post on research done in 2011 and 2013: "in January" in its lead is 2015's."""
    body = (
        "<h1>Better student journalism</h1><p>We pushed out the first version of the site in "
        "January, and we have been busy since then with the help of our readers.</p>"
        "<h2>Common problems in student newsrooms (2011)</h2><p>We asked editors what went "
        "wrong in their newsrooms and wrote down every answer.</p>"
        "<h2>Common problems in student newsrooms (2013)</h2><p>Two years later, we went back "
        "and looked at what had changed in the newsrooms.</p>"
    )
    meta = '<meta property="article:published_time" content="2015-03-17">'
    page = _segment(body, head=meta)
    assert page.published == "2015-03-17"
    assert page.anchor.period_start is None
    # within a year of its last year, the page still reports on those years
    soon = _segment(body, head=meta.replace("2015-03-17", "2014-03-17"))
    assert soon.anchor.period_start is not None


@pytest.mark.parametrize(
    ("meta", "published"),
    [
        # News Corp's name and a Java Date.toString() value
        (
            '<meta property="article:publicationdate" content="Fri Mar 13 21:30:09 EST 2015">',
            "2015-03-13",
        ),
        ('<meta name="parsely-pub-date" content="2019-07-02T10:00:00Z">', "2019-07-02"),
        ('<meta name="sailthru.date" content="Mon, 25 Dec 2023 10:00:00 GMT">', "2023-12-25"),
        # a value without its day is no publication day, a weekday is no day
        ('<meta name="publish-date" content="March 2015">', None),
        ('<meta name="publish-date" content="Fri Mar 2015">', None),
        # a modification time is not a publication time
        ('<meta name="last-modified" content="2015-03-13">', None),
    ],
)
def test_publication_day_from_the_other_meta_names_and_machine_formats(meta, published):
    body = "<h1>Angry media</h1><p>The Bill would require providers to store metadata for two years, said the minister in charge of it.</p>"
    assert _segment(body, head=meta).published == published


@pytest.mark.parametrize(
    ("heading", "dated"),
    [
        ("Stadia Is Essentially A Beta Version Until 2020", False),
        ("Changes since 2015", False),
        ("Day 2 — 7 March 2023", True),
        ("The 2020 season", True),
    ],
)
def test_a_bound_in_a_heading_dates_no_section(heading, dated):
    body = f"<h1>Story</h1><p>{'Words of the story. ' * 12}</p><h2>{heading}</h2><p>Body.</p>"
    page = _segment(body)
    assert (page.sections[-1].date is not None) == dated
