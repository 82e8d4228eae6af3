"""Clean stage: boilerplate removal and blocks, on small real-looking pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.errors import NoContent
from extractor.html import metadata
from extractor.html.clean import _headline_dateline, clean, normalize_space
from extractor.html.dom import parse

PAGE = """<!DOCTYPE html><html lang="en-GB"><head>
<title>Workshop report | News | Example Centre</title>
<link rel="canonical" href="https://example.org/news/workshop">
<meta property="article:published_time" content="2024-03-02T10:00:00Z">
<style>.x{color:red}</style><script>var d = "2019-01-01";</script></head>
<body>
<header><h1 class="logo">Example Centre</h1><nav><a href="/">Home</a><a href="/about">About</a></nav></header>
<nav class="breadcrumb"><a href="/">Home</a> &gt; News</nav>
<div id="cookie-banner">We use cookies. <button>Accept</button></div>
<main><article>
  <p class="category">News</p>
  <h1>Regional workshop on migration data</h1>
  <p>Date: 5&nbsp;to 7 March 2024</p>
  <p>The <strong>workshop</strong> met in Bangkok.<!-- edited 2020-01-01 --></p>
  <h2>1. Background</h2>
  <p><strong>Day one</strong></p>
  <ul><li>Cambodia<li>Viet Nam</ul>
  <figure><img src="a.jpg" alt="photo alt text"><figcaption>Participants on day one</figcaption></figure>
  <div class="share-buttons"><a href="#">Share on X</a></div>
  <p style="display:none">hidden text</p>
  <table><tr><td>5 March</td><td>Opening</td></tr></table>
</article>
<aside class="related"><h2>Related reports</h2><p>Report from Nepal, 2021</p></aside>
</main>
<footer><p>&copy; 2024 Example Centre, Tokyo, Japan</p></footer>
</body></html>"""


def test_clean_keeps_article_content_and_drops_chrome():
    page = clean(PAGE)
    texts = [b.text for b in page.blocks]
    assert page.title == "Regional workshop on migration data"
    assert texts[0] == "Date: 5 to 7 March 2024"
    joined = "\n".join(texts)
    for boilerplate in ("Home", "cookies", "Share on X", "hidden text", "Nepal", "Tokyo", "2019"):
        assert boilerplate not in joined
    assert "2020-01-01" not in joined  # comments are dropped
    assert "photo alt text" not in joined


def test_clean_records_page_metadata():
    page = clean(PAGE)
    assert page.language == "en"
    assert page.canonical_url == "https://example.org/news/workshop"
    assert page.meta_published == "2024-03-02T10:00:00Z"
    assert page.html_title == "Workshop report | News | Example Centre"


def test_clean_drops_short_labels_before_the_title():
    assert all(b.text != "News" for b in clean(PAGE).blocks)


def test_clean_marks_bold_list_table_and_caption_blocks():
    blocks = {b.text: b for b in clean(PAGE).blocks}
    assert blocks["Day one"].bold
    assert not blocks["The workshop met in Bangkok."].bold
    assert blocks["Cambodia"].in_list and blocks["Viet Nam"].in_list
    assert blocks["5 March"].in_table
    assert blocks["Participants on day one"].tag == "figcaption"
    assert blocks["1. Background"].level == 2


def test_clean_without_main_uses_body_minus_boilerplate_by_class_and_id():
    html = """<html><body>
    <div id="header"><h1>Site name</h1></div>
    <div id="side"><h3>Other reports</h3><ul><li>Kenya 2022</li></ul></div>
    <div class="contents"><div class="contents-inner">
      <h1 class="ttl">FY2022 training report</h1><p>Body text about Viet Nam.</p>
    </div></div>
    <div id="footer">Address</div></body></html>"""
    page = clean(html)
    assert page.title == "FY2022 training report"
    assert [b.text for b in page.blocks] == ["Body text about Viet Nam."]


def test_clean_survives_malformed_html():
    html = "<html><body><article><h1>T</h1><p>one<p>two</span><li>three<p>four</div></article>"
    page = clean(html)
    assert [b.text for b in page.blocks] == ["one", "two", "three", "four"]


def test_clean_header_inside_article_keeps_the_title():
    html = (
        "<article><header class='entry-header'><h1>Title here</h1></header><p>Text.</p></article>"
    )
    assert clean(html).title == "Title here"


def test_clean_falls_back_to_html_title_without_h1():
    page = clean(
        "<html><head><title>Annual report 2023 | Site</title></head><body><p>x y</p></body></html>"
    )
    assert page.title == "Annual report 2023"


def test_clean_page_of_only_scripts_is_no_content():
    with pytest.raises(NoContent):
        clean("<html><head><script>x()</script></head><body><style>p{}</style></body></html>")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\u00a0 b", "a b"),
        ("  line one \n\n  line two ", "line one line two"),
        ("x\u3000y", "x y"),
    ],
)
def test_normalize_space(raw, expected):
    assert normalize_space(raw) == expected


# --- parsing and metadata ----------------------------------------------------------------------------


@pytest.mark.parametrize("html", ["", "   ", "<!-- only a comment -->", "<!DOCTYPE html>"])
def test_clean_of_a_page_without_elements_is_no_content(html):
    assert parse(html) is None
    with pytest.raises(NoContent):
        clean(html)


def test_parse_takes_a_string_that_declares_its_encoding():
    html = '<?xml version="1.0" encoding="utf-8"?><html><body><p>Text here.</p></body></html>'
    assert [b.text for b in clean(html).blocks] == ["Text here."]


def test_clean_of_a_page_nested_20000_deep_keeps_its_text():
    text = "The ministry held a training course in Accra for officials from Kenya."
    page = clean("<html><body>" + "<div>" * 20_000 + text + "</div>" * 20_000 + "</body></html>")
    assert [b.text for b in page.blocks] == [text]


@pytest.mark.parametrize(
    ("body", "published"),
    [
        # a definition list's "Published" and a published-dates line (GOV.UK's layout)
        ("<dl><dt>Published</dt><dd>20 November 2023</dd></dl>", "20 November 2023"),
        ('<p class="gem-c-published-dates">Published 20 November 2023</p>', "20 November 2023"),
        ("<dl><dt>Release date:</dt><dd>May 4, 2021</dd></dl>", "May 4, 2021"),
        # a sidebar's dates, another label, a long paragraph
        ("<aside><dl><dt>Published</dt><dd>1 May 2020</dd></dl></aside>", None),
        ("<dl><dt>Author</dt><dd>Jane Doe</dd></dl>", None),
        ('<p class="published">Published research shows that ' + "x " * 40 + "</p>", None),
    ],
)
def test_metadata_reads_a_labelled_publication_day(body, published):
    assert metadata.published(parse(f"<html><body>{body}</body></html>")) == published


@pytest.mark.parametrize(
    ("html_tag", "locale"),
    [
        ('<html lang="en-GB">', "en-GB"),
        ('<html xml:lang="fr-CA">', "fr-CA"),
        ('<html lang="" xml:lang="ja">', "ja"),
        ("<HTML LANG='de'>", "de"),
        ("<html>", None),
    ],
)
def test_metadata_reads_the_declared_language_tag(html_tag, locale):
    assert metadata.locale(parse(f"{html_tag}<body><p>x</p></body></html>")) == locale


@pytest.mark.parametrize(
    ("link", "canonical"),
    [
        ('<link rel="canonical" href=" https://a.org/x ">', "https://a.org/x"),
        ('<link rel="canonical shortlink" href="https://a.org/x">', "https://a.org/x"),
        ('<link rel="Canonical" href="https://a.org/x">', None),
        ('<link rel="canonical"><link rel="canonical" href="https://a.org/y">', None),
    ],
)
def test_metadata_reads_the_canonical_link_like_a_list_of_rel_words(link, canonical):
    root = parse(f"<html><head>{link}</head><body><p>x</p></body></html>")
    assert metadata.canonical_url(root) == canonical


def test_clean_title_fallback_h1_keeps_strings_apart_where_a_comment_was():
    # The <h1> is outside the main content, so its text is read from the tree: "Annual<!---->
    # report" reads "Annual report", as bs4 read it, not "Annualreport".
    page = clean(
        """<html><body><div class="top"><h1>Annual<!-- x -->report</h1></div>
        <div class="content"><p>The ministry held a training course in Accra, in Ghana, for
        officials from Kenya, Nigeria and Ghana, from 3 to 7 June 2024.</p></div>
        <div class="sidebar"><h1>Site</h1></div></body></html>"""
    )
    assert page.title == "Annual report"


# --- whole pages -------------------------------------------------------------------------------

SIDEBAR = """<div class="sidebar">
  <h3>Latest reports</h3>
  <ul>
    <li><a href="/r/41">Kenya: returnee survey</a> 12 May 2021</li>
    <li><a href="/r/40">Seminar in Thailand</a> 2020/03/01</li>
    <li><a href="/r/39">Mongolia country brief</a> (March 2019)</li>
  </ul>
  <p>Offices in Peru and Chile since 2015.</p>
</div>"""
ARTICLE = """<h1>Study visit on shelters for trafficking survivors</h1>
<p>Date: 8 to 12 July 2024</p>
<p>A delegation of ten officials from Nepal and Bangladesh visited shelters in Osaka, where they
met the staff who run counselling, legal aid and job training for survivors.</p>
<h2>Findings</h2>
<p>The delegation noted that shelters work closely with the labour inspectors, the police and
the prosecutors, and that survivors can stay for up to six months while their cases proceed.</p>
<p>Officials also discussed how survivors are referred home, and how their families are
contacted before the return, so that no survivor travels back alone.</p>"""
EXPECTED_BLOCKS = [
    "Date: 8 to 12 July 2024",
    "A delegation of ten officials from Nepal and Bangladesh visited shelters in Osaka, where "
    "they met the staff who run counselling, legal aid and job training for survivors.",
    "Findings",
    "The delegation noted that shelters work closely with the labour inspectors, the police and "
    "the prosecutors, and that survivors can stay for up to six months while their cases proceed.",
    "Officials also discussed how survivors are referred home, and how their families are "
    "contacted before the return, so that no survivor travels back alone.",
]
SIDEBAR_WORDS = ("Kenya", "Thailand", "Mongolia", "Peru", "Chile", "2021", "2020", "2019", "2015")
NAV = """<div id="header"><a href="/"><img src="logo.png" alt="Migration Network"></a>
<ul class="gnav"><li><a href="/">Home</a></li><li><a href="/reports">Reports</a></li>
<li><a href="/about">About us</a></li></ul></div>"""
FOOTER = '<div id="footer"><p>Migration Network, 2-1 Kanda, Tokyo, Japan. © 2024</p></div>'


def _joined(page) -> str:
    return "\n".join([page.title or "", *(b.text.replace("\n", " ") for b in page.blocks)])


@pytest.mark.parametrize(
    "body",
    [
        f"{NAV}<main>{ARTICLE}</main>{SIDEBAR}{FOOTER}",
        f"{NAV}<div class='wrap'><article>{ARTICLE}</article>{SIDEBAR}</div>{FOOTER}",
        f"{NAV}<div class='wrap'><div id='main-content'>{ARTICLE}</div>{SIDEBAR}</div>{FOOTER}",
        f"{NAV}<div class='row'><div class='col-8'>{ARTICLE}</div>"
        f"<div class='col-4'>{SIDEBAR}</div></div>{FOOTER}",
        f"{NAV}<div><div><div>{SIDEBAR}</div><div><div>{ARTICLE}</div></div></div></div>{FOOTER}",
    ],
    ids=["main", "article", "content-div", "bootstrap-columns", "bare-divs"],
)
def test_clean_keeps_the_same_content_with_or_without_main(body):
    page = clean(f"<html><head><title>Study visit | Migration Network</title></head><body>{body}")
    assert page.title == "Study visit on shelters for trafficking survivors"
    assert [b.text.replace("\n", " ") for b in page.blocks] == EXPECTED_BLOCKS
    joined = _joined(page)
    for word in (*SIDEBAR_WORDS, "Home", "About us", "Tokyo", "Japan"):
        assert word not in joined


@pytest.mark.parametrize(
    "klass",
    [
        "left-side",
        "main-column",
        "sidebar-left",
    ],
)
def test_clean_content_column_with_a_chrome_looking_class_keeps_the_side_column_out(klass):
    page = clean(
        f"""<html><body><div class="wrap"><div class="{klass}">{ARTICLE}</div>
        <div class="col-right"><h3>Our offices</h3><p>Offices in Peru and Chile since 2015.</p>
        <p>Kenya desk opened on 1 June 2024.</p></div></div></body></html>"""
    )
    assert page.title == "Study visit on shelters for trafficking survivors"
    assert [b.text.replace("\n", " ") for b in page.blocks] == EXPECTED_BLOCKS


TABLE_LAYOUT = """<html><head><title>Training course in Japan</title></head>
<body bgcolor="#ffffff">
<table width="760" border="0" cellpadding="0" cellspacing="0">
<tr><td colspan="2"><img src="/img/title.gif" alt="Asia Labour Centre"></td></tr>
<tr>
<td width="160" valign="top" bgcolor="#eeeeee">
  <table width="150">
  <tr><td><a href="/">Top</a></td></tr>
  <tr><td><a href="/news/">News</a></td></tr>
  <tr><td><font size="1">2003.11.05</font><br><a href="/news/31">Seminar in Indonesia</a></td></tr>
  <tr><td><font size="1">2003.10.20</font><br><a href="/news/30">Visitors from Cambodia</a></td></tr>
  <tr><td><font size="1">2003.09.01</font><br>Mission to Sri Lanka and Pakistan</td></tr>
  </table>
</td>
<td width="600" valign="top">
  <table width="580"><tr><td>
  <font size="4"><b>Training course on occupational safety 2003</b></font><br>
  <br>
  <font size="2"><b>1. Outline</b></font><br>
  <font size="2">Twelve labour inspectors from six countries took part in the course, which was
  held in Osaka from 6 to 24 October 2003 with the support of the Ministry of Labour.</font><br>
  <br>
  <font size="2"><b>2. Programme</b></font><br>
  <font size="2">The course combined lectures on the law with visits to factories and
  construction sites, where the inspectors practised audits with their Japanese hosts.</font><br>
  <br>
  <font size="2"><b>Comments of participants</b></font><br>
  <font size="2">Participants said the site visits were the most useful part of the course,
  and several planned to train colleagues at home in the same audit method.</font>
  </td></tr></table>
</td>
</tr>
<tr><td colspan="2"><font size="1">Copyright (C) 2003 Asia Labour Centre, Osaka, Japan</font></td></tr>
</table>
</body></html>"""


def test_clean_table_layout_keeps_font_bold_headings_and_drops_the_menu_column():
    page = clean(TABLE_LAYOUT)
    assert page.title == "Training course on occupational safety 2003"
    headings = [b.text for b in page.blocks if b.bold]
    assert headings == ["1. Outline", "2. Programme", "Comments of participants"]
    assert not any(b.in_table for b in page.blocks)
    assert page.blocks[1].text.startswith("Twelve labour inspectors from six countries")
    joined = _joined(page)
    for word in ("Indonesia", "Cambodia", "Sri Lanka", "Pakistan", "2003.", "Top", "Copyright"):
        assert word not in joined


def test_segment_of_a_table_layout_page_finds_its_headings_and_no_menu_date():
    from extractor.sections.segment import segment

    page = segment(clean(TABLE_LAYOUT))
    assert page.published is None  # the menu column's news dates are not the page's
    headings = [s.heading for s in page.sections]
    assert headings == [
        "Training course on occupational safety 2003",
        "1. Outline",
        "2. Programme",
        "Comments of participants",
    ]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            "<article><h1>T</h1><p>one<p>two<ul><li>three<li>four</ul><p>five</article>",
            ["one", "two", "three", "four", "five"],
        ),
        (
            "<article><h1>T</h1><table><tr><td>Opening<td>Lectures<tr><td>Visits<td>Closing"
            "</table><p>after</article>",
            ["Opening", "Lectures", "Visits", "Closing", "after"],
        ),
        (
            "<article><h1>T</h1></span><p>one</b></p></div><p>two</font></td></p></article>",
            ["one", "two"],
        ),
        (
            "<article><h1>T</h1><p>one &amp; two&nbsp;&nbsp;three &lt;four&gt; &eacute;t&eacute;"
            " &#8211; &#x2014;</p></article>",
            ["one & two three <four> été – —"],
        ),
        (
            "<article><h1>T<p>text after an unclosed heading</article>",
            ["text after an unclosed heading"],
        ),
    ],
    ids=["unclosed-p-li", "unclosed-td-tr", "stray-end-tags", "entities", "unclosed-h1"],
)
def test_clean_survives_malformed_html_and_resolves_entities(html, expected):
    page = clean(html)
    assert page.title == "T"
    assert [b.text for b in page.blocks] == expected


@pytest.mark.parametrize(
    ("head", "logo"),
    [
        ('<meta property="og:site_name" content="Asia Labour Centre">', "Asia Labour Centre"),
        ("<title>Visit to Hanoi | Asia Labour Centre</title>", "Asia Labour Centre"),
        ("<title>Asia Labour Centre - Visit to Hanoi</title>", "Asia Labour Centre"),
    ],
    ids=["og-site-name", "title-suffix", "title-prefix"],
)
def test_clean_h1_that_is_the_site_name_is_not_the_title(head, logo):
    page = clean(
        f"""<html><head>{head}</head><body>
        <div class="brand"><h1><a href="/">{logo}</a></h1></div>
        <div class="entry"><h2>Visit to Hanoi</h2>
        <p>Officials of the labour ministry of Viet Nam received the delegation and described the
        new law on workers sent abroad, which took effect in January.</p>
        <h3>Meetings</h3><p>The delegation then met two recruitment agencies.</p></div>
        </body></html>"""
    )
    assert page.title == "Visit to Hanoi"
    assert [b.text for b in page.blocks][-2:] == [
        "Meetings",
        "The delegation then met two recruitment agencies.",
    ]
    assert logo not in _joined(page)


def test_clean_image_logo_h1_is_not_the_title():
    page = clean(
        """<html><head><title>Visit to Hanoi</title></head><body>
        <h1 class="logo"><a href="/"><img src="logo.png" alt="Asia Labour Centre"></a></h1>
        <div class="entry"><h2>Visit to Hanoi</h2>
        <p>Officials of the labour ministry of Viet Nam received the delegation and described the
        new law on workers sent abroad, which took effect in January.</p></div></body></html>"""
    )
    assert page.title == "Visit to Hanoi"
    assert "Asia Labour Centre" not in _joined(page)


def test_clean_h1_that_links_to_the_home_page_is_not_the_title():
    page = clean(
        """<html><head><title>Visit to Hanoi</title></head><body>
        <h1 id="site-title"><a href="/">Asia Labour Centre</a></h1>
        <div class="entry"><h2>Visit to Hanoi</h2>
        <p>Officials of the labour ministry of Viet Nam received the delegation and described the
        new law on workers sent abroad, which took effect in January.</p></div></body></html>"""
    )
    assert page.title == "Visit to Hanoi"


def test_clean_h1_section_banner_that_repeats_a_menu_item_is_not_the_title():
    page = clean(
        """<html><head><title>Reports</title></head><body>
        <ul class="menu"><li><a href="/">Home</a></li><li><a href="/reports">Reports</a></li>
        <li><a href="/events">Events</a></li></ul>
        <div class="page"><h1>Reports</h1>
        <h2>Online seminar on fair recruitment</h2><p>Posted on 4 April 2024</p>
        <p>Speakers from Nepal, Qatar and Japan discussed how employers can pay recruitment fees
        instead of the workers, and what buyers can ask of their suppliers.</p></div>
        </body></html>"""
    )
    assert page.title == "Online seminar on fair recruitment"
    texts = [b.text for b in page.blocks]
    assert texts[0] == "Posted on 4 April 2024"
    assert "Reports" not in texts


RELATED_LEAD = """<h1>Regional consultation on labour migration</h1>
<p>Posted on 20 November 2024</p>
<p>Senior officials from the member states met in Manila to review the regional guidelines
on the protection of migrant workers, and agreed to report on progress next year.</p>
<p>The meeting also heard from trade unions and employers, who asked for clearer rules on
fees, contracts and the return of workers at the end of their stay.</p>"""
RELATED_BLOCKS = [
    "Posted on 20 November 2024",
    "Senior officials from the member states met in Manila to review the regional guidelines "
    "on the protection of migrant workers, and agreed to report on progress next year.",
    "The meeting also heard from trade unions and employers, who asked for clearer rules on "
    "fees, contracts and the return of workers at the end of their stay.",
]


@pytest.mark.parametrize(
    "widget",
    [
        """<h2>Related reports</h2><ul>
        <li><a href="/r/1">Consultation in Malaysia</a> 3 October 2023</li>
        <li><a href="/r/2">Workshop in Myanmar</a> 14 February 2022</li></ul>""",
        """<div class="related"><h3>Other reports</h3><ul>
        <li><a href="/r/1">Consultation in Malaysia</a></li><li>3 October 2023, Myanmar</li>
        </ul></div>""",
        """<ul><li><a href="/r/1">Consultation in Malaysia, 3 October 2023</a></li>
        <li><a href="/r/2">Workshop in Myanmar, 14 February 2022</a></li></ul>""",
        '<div class="share"><a href="#">Facebook</a> <a href="#">X</a> <a href="#">LINE</a></div>',
        '<div class="tags">Tags: <a href="/t/ph">Philippines</a> <a href="/t/kh">Cambodia</a></div>',
        """<div class="related-posts"><h3>You may also like</h3>
            <p><a href="/r/3">Forum in Indonesia</a></p><p>5 May 2021 — Singapore</p></div>""",
    ],
    ids=["related-heading-list", "related-box", "link-list", "share-bar", "tags", "related-posts"],
)
def test_clean_related_lists_share_bars_and_tags_inside_the_article_do_not_leak(widget):
    page = clean(
        f"""<html><body><article>{RELATED_LEAD}{widget}</article>
        <aside><h2>Popular</h2><ol><li><a href="/p">Brunei visit</a> 2020</li></ol></aside>
        </body></html>"""
    )
    assert page.title == "Regional consultation on labour migration"
    assert [b.text.replace("\n", " ") for b in page.blocks] == RELATED_BLOCKS


JUNK_PAGE = """<html><body>
<div class="cookie-consent"><p>We use cookies to improve this site.</p><a href="#">OK</a></div>
<div id="gdpr">Your privacy matters to us. <a href="/privacy">Learn more</a></div>
<form action="/search"><label>Search the site</label><input name="q"><button>Go</button></form>
<article>
<h1>Seminar on domestic workers</h1>
<p>The seminar reviewed the rights of domestic workers in the region and the new standard
contract that the ministry adopted this year.</p>
<p hidden>Draft note: Laos to confirm</p>
<div aria-hidden="true">Myanmar carousel copy</div>
<div style="display: none">Sri Lanka popup</div>
<span style="visibility:hidden">Bhutan tooltip</span>
<ul class="social-share"><li><a href="#">Share</a></li><li><a href="#">Tweet</a></li></ul>
<p>Participants agreed to meet again in the spring to compare their national action plans.</p>
</article></body></html>"""


def test_clean_drops_cookie_banners_search_forms_hidden_elements_and_share_bars():
    page = clean(JUNK_PAGE)
    assert page.title == "Seminar on domestic workers"
    assert [b.text.replace("\n", " ") for b in page.blocks] == [
        "The seminar reviewed the rights of domestic workers in the region and the new standard "
        "contract that the ministry adopted this year.",
        "Participants agreed to meet again in the spring to compare their national action plans.",
    ]


def test_clean_page_wrapped_in_one_form_keeps_its_content():
    page = clean(
        f"""<html><body><form method="post" action="./report.aspx" id="form1">
        <input type="hidden" name="__VIEWSTATE" value="abc">
        {NAV}<div id="ctl00_Main">{ARTICLE}</div>{FOOTER}
        </form></body></html>"""
    )
    assert page.title == "Study visit on shelters for trafficking survivors"
    assert [b.text.replace("\n", " ") for b in page.blocks] == EXPECTED_BLOCKS


def test_clean_line_breaks_of_the_source_inside_a_paragraph_are_spaces():
    page = clean("<article><h1>T</h1><p>held in Skopje from 6 to\n   10 March 2023.</p></article>")
    assert [b.text for b in page.blocks] == ["held in Skopje from 6 to 10 March 2023."]


def test_clean_marks_caption_boxes_and_drops_teaser_headings():
    page = clean(
        """<article><h1>Minister visits Hanoi</h1>
        <p>The minister met officials of the labour ministry to discuss recruitment fees.</p>
        <div class="wp-caption"><img src="a.jpg"><p class="wp-caption-text">The minister in Hanoi.</p></div>
        <figure class="wp-block-table"><table><tr><td>Fees</td><td>USD 1,200</td></tr></table></figure>
        <h3><a href="/other-story">Another story about something else</a></h3>
        <p>Keith Bradsher contributed reporting from Hong Kong.</p>
        <p>Tags: Viet Nam, migration</p></article>"""
    )
    blocks = {b.text: b for b in page.blocks}
    assert blocks["The minister in Hanoi."].caption
    assert not blocks["Fees"].caption and blocks["Fees"].in_table
    assert "Another story about something else" not in blocks
    assert "Keith Bradsher contributed reporting from Hong Kong." not in blocks
    assert "Tags: Viet Nam, migration" not in blocks


def test_control_characters_next_to_removed_elements_do_not_break_clean():
    # Found by `make fuzz`: libxml2 keeps C0 controls in text that lxml then refuses to store
    # when a removed element leaves its tail behind.
    html = (
        "<html><body><main><h1>Report</h1><p>Held in Accra<script>x()</script>\x01 on 3 May"
        "\x0c2024<span hidden>menu</span>\x02 with WHO.</p></main></body></html>"
    )
    page = clean(html)
    text = " ".join(b.text for b in page.blocks)
    assert "Held in Accra on 3 May 2024 with WHO." in text


def test_elements_after_the_body_do_not_break_the_sibling_rule():
    # Found by `make fuzz`: a page whose body is its own main content, with elements that the
    # parser keeps after </body>, next to it.
    html = (
        "<html><body><p>The Ministry of Health of Ghana held a course for officials from Kenya "
        "and Nigeria in Accra, with WHO, from 3 to 7 June 2024.</p></body>"
        "<dt>Date</dt><dd>June 2024</dd><h2>More</h2><p>Trailing text.</p></html>"
    )
    page = clean(html)
    assert any("Ministry of Health of Ghana" in b.text for b in page.blocks)


def test_a_header_box_with_the_documents_title_and_day_is_content():
    page = clean(
        """<html><body><div class="site-header"><a href="/">Commission</a><nav><a href="/">Home</a>
        <a href="/press">Press</a></nav></div>
        <div id="content"><div class="document-header"><span>Press release</span>
        <h2>Two commissions step up their cooperation on jobs</h2><p>23 May 2018</p></div>
        <div class="document-body"><p>The ninth meeting of the two commissions was co-chaired by
        their presidents, with the participation of all commissioners of both sides.</p>
        <p>The two sides agreed today on a set of priorities for the coming year, on jobs, peace
        and security, and took stock of the progress made since their last meeting.</p></div>
        <div class="newsletter-header"><h2>Get our newsletter</h2><p>Delivered every morning.</p>
        </div></div></body></html>"""
    )
    assert page.title == "Two commissions step up their cooperation on jobs"
    texts = [b.text for b in page.blocks]
    assert "23 May 2018" in texts
    assert not any("newsletter" in t.lower() or t == "Commission" for t in texts)


_IMAGE = '{"@type": "ImageObject", "datePublished": "2017-11-21T13:46:32+0000"}'


@pytest.mark.parametrize(
    ("scripts", "published"),
    [
        # the article's own date, not the date of a photo it lists first
        (
            '[{"@context": "https://schema.org", "@type": "NewsArticle", "image": '
            + _IMAGE
            + ', "datePublished": "2019-11-20T09:29:08+0000"}]',
            "2019-11-20T09:29:08+0000",
        ),
        (
            '{"@graph": [' + _IMAGE + ', {"@type": "WebPage", "datePublished": "2019-11-18"}]}',
            "2019-11-18",
        ),
        (
            '{"@graph": [{"@type": "WebPage", "datePublished": "2019-01-01"},'
            ' {"@type": ["BlogPosting"], "datePublished": "2019-11-18"}]}',
            "2019-11-18",
        ),
        (_IMAGE, None),
        ('{"@type": "NewsArticle", "datePublished": ', None),  # broken JSON
    ],
)
def test_metadata_reads_the_publication_day_from_json_ld(scripts, published):
    html = f'<html><head><script type="application/ld+json">{scripts}</script></head><body></body></html>'
    assert metadata.published(parse(html)) == published


def test_metadata_reads_a_fact_checks_own_json_ld_date_but_never_an_images():
    script = '{"@type": "ClaimReview", "datePublished": "2019-11-18"}'
    html = f'<html><head><script type="application/ld+json">{script}</script></head></html>'
    assert metadata.published(parse(html)) == "2019-11-18"
    script = '{"@type": "VideoObject", "datePublished": "2017-01-01"}'
    html = f'<html><head><script type="application/ld+json">{script}</script></head></html>'
    assert metadata.published(parse(html)) is None


@pytest.mark.parametrize(
    ("head", "published"),
    [
        # itemprop and property hold token lists (microdata, RDFa)
        (
            '<meta property="article:published" itemprop="datePublished dateCreated"'
            ' content="2019-11-19T11:00:09.000Z">',
            "2019-11-19T11:00:09.000Z",
        ),
        ('<meta itemprop="dateCreated datePublished" content="2019-11-18">', "2019-11-18"),
        (
            '<meta property="og:updated_time article:published_time" content="2019-11-17">',
            "2019-11-17",
        ),
        ('<meta itemprop="dateModified" content="2019-11-16">', None),
    ],
)
def test_metadata_reads_a_publication_meta_whose_itemprop_or_property_lists_tokens(head, published):
    html = f"<html><head>{head}</head><body></body></html>"
    assert metadata.published(parse(html)) == published


_BODY = (
    "<p>" + "The programme trained forty nurses in the northern districts this year, with partners "
    "from the ministry and local clinics. " * 3 + "</p>"
)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # a dateline in the article's header, as a link behind a screen-reader label
        (
            '<nav><a href="/">Home</a><a href="/b">Blog</a></nav><article><header>'
            '<h1>Conference report</h1><div class="entry-meta"><span class="posted-on">'
            '<span class="screen-reader-text">Posted on</span> <a href="/2017/12/12/x">'
            '<time datetime="2017-12-12">December 12, 2017</time></a></span></div></header>'
            f'<div class="entry-content">{_BODY}{_BODY}</div></article>',
            ["Posted on December 12, 2017", "The programme"],
        ),
        # in the article's footer, beside share buttons (which stay out)
        (
            f'<article><h1>Meetup in Lisbon</h1><div class="entry">{_BODY}{_BODY}</div>'
            '<footer class="entry-footer"><div class="entry-meta">Posted 04 November 2016</div>'
            '<div class="share"><span>Share:</span> <a href="#">Twitter</a> '
            '<a href="#">Facebook</a></div></footer></article>',
            ["The programme", "Posted 04 November 2016"],
        ),
    ],
)
def test_the_articles_dateline_stays_where_chrome_rules_would_drop_it(html, expected):
    blocks = [b.text for b in clean(f"<html><body>{html}</body></html>").blocks]
    assert [text[: len(want)] for text, want in zip(blocks, expected, strict=True)] == expected


def test_dates_of_related_lists_and_titles_are_no_dateline():
    related = (
        f"<article><h1>Meetup on 4 November 2016</h1><div>{_BODY}{_BODY}</div>"
        '<div class="related-posts"><p><a href="/a">Other post</a> 12 October 2016</p></div>'
        "<ul><li>Earlier post, 1 October 2016</li></ul></article>"
    )
    page = clean(f"<html><body>{related}</body></html>")
    assert page.title == "Meetup on 4 November 2016"
    assert [b.text[:13] for b in page.blocks] == ["The programme", "Earlier post,"]


@pytest.mark.parametrize(
    ("body", "published"),
    [
        # hAtom: the entry's "updated" time as an ISO title, its text a year-less day
        (
            '<table class="hnews hentry"><tr><td><div class="timestamp updated" '
            'title="2016-06-13T1603Z">Jun 13, 4:03 PM EDT</div></td></tr></table>',
            "2016-06-13T1603Z",
        ),
        # h-entry: "published" wins over "updated"
        (
            '<div class="h-entry"><span class="dt-updated" title="2020-02-02">x</span>'
            '<span class="dt-published" title="2020-01-05">5 Jan</span></div>',
            "2020-01-05",
        ),
        # outside an entry, or in a list of other entries, the class says nothing
        ('<div class="updated" title="2016-06-13">Jun 13</div>', None),
        (
            '<ul><li class="hentry"><abbr class="published" title="2011-01-01">x</abbr></li></ul>',
            None,
        ),
    ],
)
def test_metadata_reads_the_microformat_time_of_the_entry(body, published):
    html = f"<html><head></head><body>{body}</body></html>"
    assert metadata.published(parse(html)) == published


# Pages of the 2000s and 2010s have no <article>: their byline box between the headline and the
# body is the dateline, under class names ("byline", "date", "timestamp") that mark chrome.
_NAV = '<div class="nav"><a href="/">Home</a> <a href="/politics">Politics</a></div>'


@pytest.mark.parametrize(
    ("html", "line"),
    [
        # after the headline: a byline with an all-digit US date and a time
        (
            f'{_NAV}<div class="story-head"><h1>Map takes unfamiliar shape</h1><div class="byline">'
            "By JANE DOE &amp; JOHN ROE | 10/9/10 7:15 AM EDT</div></div>"
            f'<div class="story-body">{_BODY}{_BODY}</div>',
            "By JANE DOE & JOHN ROE | 10/9/10 7:15 AM EDT",
        ),
        # above it, in the same header box
        (
            f'{_NAV}<div class="article-title"><div class="datehead"><div class="date">Updated: '
            "August 13, 2010, 5:02 PM ET</div></div><h1>Grandstanding?</h1></div>"
            f"{_BODY}{_BODY}",
            "Updated: August 13, 2010, 5:02 PM ET",
        ),
        # a date-only heading under the headline (a WordPress theme's h6.entry-date)
        (
            f'{_NAV}<div class="post-head"><h1>Morning show</h1><h6 class="entry-date">June 8, '
            f'2012 6:14 AM</h6><div class="share"><a href="/s">Share</a></div></div>'
            f'<div class="entry">{_BODY}</div>',
            "June 8, 2012 6:14 AM",
        ),
        # a date box of day, clock and year
        (
            "<div class='post'><h1>Deportees return home</h1><div class=\"article-controls\">"
            '<div class="date"><div class="calendar-date">November 20</div><div '
            'class="calendar-time"><font>15:23</font> <font>2019</font></div></div></div>'
            f"<div>{_BODY}{_BODY}</div></div>",
            "November 20 15:23 2019",
        ),
    ],
)
def test_the_headlines_dateline_stays_on_pages_without_an_article(html, line):
    page = clean(f"<html><body>{html}</body></html>")
    assert page.blocks[0].text == line


def test_a_section_headline_far_from_any_paragraph_is_not_the_headline():
    """The <h1> closest before a paragraph is the story's: a section's <h1> over a long column
    does not take the column's first dated line."""
    column = "".join(f'<div class="item"><span>{i} Sep 2011</span></div>' for i in range(1, 9))
    html = (
        f'<h1>Market Insider</h1><div class="col">{column * 30}</div>'
        '<div id="story"><h1>Statement on the programme</h1><div class="when">'
        f'<span class="date">Wednesday, 21 Sep 2011 | 4:35 PM ET</span></div>{_BODY}</div>'
    )
    page = clean(f"<html><body>{html}</body></html>")
    assert page.title == "Statement on the programme"
    assert page.blocks[0].text == "Wednesday, 21 Sep 2011 | 4:35 PM ET"


def test_dates_of_lists_and_quotes_near_the_headline_are_no_dateline():
    html = (
        '<div><h1>Meetup</h1><ul class="more"><li>Earlier post, 1 October 2016</li></ul>'
        f'<blockquote>"We met on 4 November 2016."</blockquote>{_BODY}</div>'
    )
    page = clean(f"<html><body>{html}</body></html>")
    assert not any(b.by_place for b in page.blocks)


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("http://www.cnn.com/2010/POLITICS/08/13/social.security/index.html", "2010-08-13"),
        ("https://example.org/2019/3/7/budget-talks", "2019-03-07"),
        ("https://example.org/news/2019-03-07-budget-talks", "2019-03-07"),
        ("https://example.org/2019/02/30/no-such-day", None),
        ("https://example.org/reports/2019/annual.pdf", None),  # a year is no day
        ("https://example.org/p/12345", None),
        (None, None),
    ],
)
def test_the_day_in_an_articles_address(url, day):
    assert metadata.url_published(url) == day


def test_the_address_dates_a_page_only_when_nothing_else_does():
    link = '<link rel="canonical" href="https://example.org/2010/08/13/story">'
    page = clean(f"<html><head>{link}</head><body><h1>Story</h1>{_BODY}</body></html>")
    assert page.meta_published == "2010-08-13"
    meta = '<meta property="article:published_time" content="2010-08-12T22:00:00Z">'
    page = clean(f"<html><head>{link}{meta}</head><body><h1>Story</h1>{_BODY}</body></html>")
    assert page.meta_published == "2010-08-12T22:00:00Z"


def test_a_ministry_layout_page_keeps_its_own_date_not_its_topic_lists():
    """A table layout: the side column's dated topic list (<dl>) comes just before the headline;
    the page's own date line ("October 5th, 2009", an ordinal day) comes after it."""
    topics = "".join(
        f'<dt>2009.08.{day}</dt><dd><a href="/t/{day}">Visit of a delegation</a></dd>'
        for day in (14, 21)
    )
    html = (
        f'<table><tr><td class="side"><dl>{topics}</dl></td><td class="main">'
        "<h1>High Level Officials Meeting on Caring Societies</h1>"
        f'<p class="date" align="right">October 5th, 2009</p>{_BODY}</td></tr></table>'
    )
    page = clean(f"<html><body>{html}</body></html>")
    lines = [b.text for b in page.blocks]
    assert "October 5th, 2009" in lines
    assert not any("2009.08" in line for line in lines)


_CAPTION = (
    "FILE - In this March 2, 2011 file photo, the chairman waves to his audience at an event."
)


def test_a_photo_and_its_caption_stay_though_their_box_is_marked_related_or_media():
    html = (
        f'<div class="entry-content">{_BODY}<div class="hmedia related-media">'
        f'<div class="thumb-media"><img src="/p.jpg"></div><p class="fn">{_CAPTION}</p></div>'
        f"{_BODY}</div>"
    )
    lines = [b.text for b in clean(f"<html><body><h1>Story</h1>{html}</body></html>").blocks]
    assert _CAPTION in lines


def test_the_lead_photo_before_the_story_body_keeps_its_caption():
    lead = (
        '<div class="mod art-related art-lead"><ul><li class="photo"><img src="/p.jpg">'
        f"<p>{_CAPTION}</p></li></ul></div>"
    )
    story = f'<div class="art-content"><h1>Story</h1>{_BODY * 4}</div>'
    html = f'<div class="col">{lead}<div class="art-hd"><h1>Story</h1></div>{story}</div>'
    page = clean(f"<html><body>{html}</body></html>")
    assert page.blocks[0].text == _CAPTION


@pytest.mark.parametrize(
    "box",
    [
        # a teaser of another story: its headline is a link
        '<div class="related-media"><img src="/t.jpg"><a href="/other">Officials meet again in '
        "Geneva to discuss the programme for next year</a></div>",
        # a gallery: several pictures
        '<div class="related-media"><img src="/1.jpg"><img src="/2.jpg"><p>'
        + _CAPTION
        + "</p></div>",
    ],
)
def test_teasers_and_galleries_in_media_boxes_still_go(box):
    html = f'<div class="entry-content">{_BODY}{box}{_BODY}</div>'
    text = " ".join(b.text for b in clean(f"<html><body><h1>Story</h1>{html}</body></html>").blocks)
    assert "Geneva" not in text and "file photo" not in text


def _post(day: str, title: str) -> str:
    return (
        f'<div class="post has-thumbnail"><div class="post-meta"><h2><a href="/{title}">{title}'
        f'</a></h2><div class="entrytext"><p>Short excerpt of the post about {title} and what it '
        f'brings to the writers who use the service.</p></div><div id="comments-date"><span '
        f'class="date">{day}</span> / <a class="comments" href="/{title}#c"></a></div></div></div>'
    )


def test_a_blog_front_page_is_its_river_of_posts_with_their_dates():
    days = ["August 30, 2017", "August 17, 2017", "August 16, 2017", "July 10, 2017"]
    river = "".join(_post(day, f"news{i}") for i, day in enumerate(days))
    html = (
        f'<div class="nav"><a href="/">Home</a></div><div id="blog-home"><h1>The Blog</h1>'
        f'<div id="post-river">{river}</div></div><div class="sidebar"><p>About us</p></div>'
    )
    text = "\n".join(b.text for b in clean(f"<html><body>{html}</body></html>").blocks)
    assert all(day in text for day in days)
    assert text.count("Short excerpt") == len(days)


def test_one_article_with_a_related_river_below_stays_the_article():
    related = "".join(_post(f"July {d}, 2017", f"other{d}") for d in (1, 2, 3))
    html = f'<div id="story"><h1>Story</h1>{_BODY * 5}</div><div class="more">{related}</div>'
    text = " ".join(b.text for b in clean(f"<html><body>{html}</body></html>").blocks)
    assert "Short excerpt" not in text


_STORY_P = (
    "<p>We decided to use one of those obscure legal processes to challenge the patent at the "
    "patent office, and in October 2013 the board agreed to review it.</p>"
)


def test_a_story_in_a_hidden_dialog_is_read_after_the_page():
    dialog = (
        '<div class="picture-modal modal fade" id="LawPodcast" role="dialog" aria-hidden="true">'
        f'<div class="modal-content"><div class="modal-body">{_STORY_P * 3}</div></div></div>'
    )
    teasers = "".join(
        f'<div class="teaser"><h3>Milestone {i}</h3><p>We fought for transparency this year, '
        f'with partners.</p><a href="#LawPodcast">Read more</a></div>'
        for i in range(4)
    )
    html = f"<h1>Annual Report 2015</h1><div class='milestones'>{teasers}</div>{dialog}"
    lines = [b.text for b in clean(f"<html><body>{html}</body></html>").blocks]
    assert lines[-1].startswith("We decided to use") and "October 2013" in lines[-1]
    assert any(line.startswith("We fought for transparency") for line in lines)


@pytest.mark.parametrize(
    "box",
    [
        '<div class="modal cookie-consent" role="dialog" aria-hidden="true">'
        + _STORY_P * 3
        + "</div>",
        '<div class="modal" id="newsletter-signup" aria-hidden="true">' + _STORY_P * 3 + "</div>",
        '<div class="modal" role="dialog" aria-hidden="true">' + _STORY_P + "</div>",  # one
        '<div role="dialog" aria-hidden="true"><form>' + _STORY_P * 3 + "<input></form></div>",
    ],
)
def test_hidden_consent_signup_short_or_form_dialogs_stay_out(box):
    html = f"<h1>Story</h1><div class='story'>{_BODY}{_BODY}</div>{box}"
    text = " ".join(b.text for b in clean(f"<html><body>{html}</body></html>").blocks)
    assert "patent office" not in text


def test_the_hidden_captions_of_a_slideshow_are_content():
    slides = "".join(
        f'<img src="/{i}.jpg" style="display:none"><cite style="display:none" id="cap{i}">'
        f"Passengers wait for a bus to arrive during a light rain on Wednesday, November {20 + i},"
        " in New York.</cite>"
        for i in range(3)
    )
    html = f'<h1>Storm</h1><div class="story"><div class="slideshow">{slides}</div>{_BODY}</div>'
    text = " ".join(b.text for b in clean(f"<html><body>{html}</body></html>").blocks)
    assert all(f"November {20 + i}" in text for i in range(3))
    hidden_menu = '<div style="display:none"><a href="/a">Home</a> <a href="/b">World</a></div>'
    page = clean(f"<html><body>{hidden_menu}{html}</body></html>")
    assert "World" not in " ".join(b.text for b in page.blocks)


@pytest.mark.parametrize(
    ("body", "published"),
    [
        # a byline's relative time with its ISO value as the title of an <abbr>
        (
            '<cite class="byline vcard">By <span class="fn">JANE DOE</span> | AP - '
            '<abbr title="2011-08-25T01:40:40Z">1 hr 4 mins ago</abbr></cite>',
            "2011-08-25T01:40:40Z",
        ),
        # the same in a comment's byline is the comment's time
        (
            '<div class="ugccmt-item"><span class="byline">Reader - <abbr '
            'title="2011-08-25T02:30:00+0000">16 minutes ago</abbr></span></div>',
            None,
        ),
        # a title that is no time, outside a byline
        ('<p><abbr title="2011-08-25T01:40:40Z">1 hr ago</abbr></p>', None),
        # the time of an author-and-time box (MSN: author name, then "1 day ago")
        (
            '<div class="authortime-info"><div class="authorname-txt" itemprop="author"><span>'
            'Suzanne Doe</span></div><div class="timeinfo-txt"><time datetime="2019-11-19T10:36:'
            '00.000Z">1 day ago</time></div></div>',
            "2019-11-19T10:36:00.000Z",
        ),
    ],
)
def test_metadata_reads_the_iso_time_of_a_bylines_relative_time(body, published):
    assert metadata.published(parse(f"<html><body>{body}</body></html>")) == published


def test_a_dateline_hidden_from_screen_readers_only_is_shown():
    """aria-hidden hides from assistive technology, not from the eye: a newspaper's dateline so
    marked is on the page. A closed menu so marked stays out."""
    head = (
        '<p class="content__dateline" aria-hidden="true"><time datetime="2020-01-20T06:05">Mon '
        "20 Jan 2020 06.05 GMT</time> Last modified on Mon 20 Jan 2020 06.07 GMT</p>"
    )
    menu = (
        '<div class="menu" aria-hidden="true"><a href="/a">World</a> <a href="/b">Sport</a></div>'
    )
    html = f"{menu}<article><h1>Story</h1>{head}{_BODY}{_BODY}</article>"
    text = " ".join(b.text for b in clean(f"<html><body>{html}</body></html>").blocks)
    assert "Mon 20 Jan 2020 06.05 GMT" in text
    assert "Sport" not in text


@pytest.mark.parametrize(
    "notice",
    [
        "2011 AOL Inc. All Rights Reserved.",
        "™ &amp; © 2013 Cable News Network, Inc., a Time Warner Company. All rights reserved.",
        "Copyright 2023 Scripps Media, Inc. All rights reserved. This material may not be "
        "published, broadcast, rewritten, or redistributed.",
    ],
)
def test_rights_notices_inside_the_article_are_no_content(notice):
    html = f"<article><h1>Story</h1>{_BODY}<p>{notice}</p></article>"
    lines = [b.text for b in clean(f"<html><body>{html}</body></html>").blocks]
    assert len(lines) == 1 and lines[0].startswith("The programme")


def test_a_sentence_about_rights_reserved_is_content():
    text = (
        "The publisher said all rights reserved by the original authors in 2009 would pass to the "
        "foundation, which plans to release the archive under an open licence next year after a "
        "review by its board and the authors' heirs."
    )
    html = f"<article><h1>Story</h1><p>{text}</p></article>"
    assert [b.text for b in clean(f"<html><body>{html}</body></html>").blocks] == [text]


def test_a_calendar_widget_and_its_month_title_are_no_content():
    head = "".join(f"<td>{d}</td>" for d in "Mo Tu We Th Fr Sa Su".split())
    days = "".join(
        "<tr>" + "".join(f"<td><a href='/d/{d}'>{d}</a></td>" for d in range(w, w + 7)) + "</tr>"
        for w in (1, 8, 15, 22)
    )
    widget = (
        f'<div class="b-box"><span class="title">February, 2017</span><table><thead><tr>{head}'
        f"</tr></thead>{days}</table></div>"
    )
    schedule = "<table><tr><td>Mon</td><td>Opening session with the ministers</td></tr></table>"
    html = f"<article><h1>Licensing</h1>{_BODY}{widget}{schedule}</article>"
    text = " ".join(b.text for b in clean(f"<html><body>{html}</body></html>").blocks)
    assert "February, 2017" not in text and "Tu" not in text.split()
    assert "Opening session with the ministers" in text  # a table of one weekday is a schedule


@pytest.mark.parametrize(
    ("title", "published"),
    [
        ("Berlin confronts its colonial past | Germany | DW | 19.01.2020", "19.01.2020"),
        ("Institutes get behind IFRS big bang - 26 Sep 2011 - Accountancy Age", "26 Sep 2011"),
        ("Workshop on 5 March 2023 in Geneva", None),  # a date inside the headline's words
        ("Monthly report - March 2023", None),  # a month is no day
    ],
)
def test_a_date_stamped_as_a_part_of_the_html_title_dates_the_page(title, published):
    html = f"<html><head><title>{title}</title></head><body><h1>Story</h1>{_BODY}</body></html>"
    assert clean(html).meta_published == published


def test_an_event_page_of_no_prose_keeps_the_date_line_by_its_headline():
    header = (
        '<div class="event-header"><p class="status">Past concert</p><div class="date-and-name">'
        '<p>Monday 12 June 2017</p><h1><a href="/artists/1">Tove Styrke</a></h1></div>'
        '<p><a href="/venues/2">Hoxton Square Bar &amp; Kitchen</a>, <a href="/l">London</a></p>'
        "</div>"
    )
    details = (
        '<div class="additional-details"><h2>Additional details</h2><p>Doors open at 7pm. '
        "Tickets are sold at the door while they last, and the show runs until late.</p></div>"
    )
    page = clean(f"<html><body>{header}{details}</body></html>")
    assert "Monday 12 June 2017" in [b.text for b in page.blocks]


def test_a_bylines_own_date_between_the_author_link_and_a_tag_list_is_the_dateline():
    meta = (
        '<div class="meta share-bar"><span class="meta-author">By <a href="/a">JANE DOE, Executive '
        'Editor</a></span> | Friday June 7, 2013 @ 6:43pm EDT<span class="post-tags">Tags: <a '
        'href="/t/1">Amazon Prime</a>, <a href="/t/2">Big Media</a>, <a href="/t/3">Steve '
        'Ballmer</a>, <a href="/t/4">TiVo</a></span></div>'
    )
    html = f'<div class="post"><h1>Story</h1>{meta}<div class="post-content">{_BODY}</div></div>'
    page = clean(f"<html><body>{html}</body></html>")
    assert page.blocks[0].text == "| Friday June 7, 2013 @ 6:43pm EDT"


def test_a_headline_whose_body_is_lines_of_a_div_keeps_its_byline_date():
    """A body of <br> lines in a <div> has no paragraph under the headline; the first <p> is
    far below, in the footer: the byline box under the headline still holds the dateline."""
    lines = "".join(f"Line {i} of the story, told at length.<br>" for i in range(150))
    footer = "".join(f"<div><span>{i}</span></div>" for i in range(120))
    html = (
        f'{_NAV}<h1><a href="/story">The American friends</a></h1><div class="article-info">'
        '<div class="byline">Max Doe<br><a href="/src">The Source</a><br>Thu, 14 May 2020 17:55 '
        f'UTC</div></div><div class="text">{lines}</div>{footer}<p>{"Footer words. " * 20}</p>'
    )
    root = parse(f"<html><body>{html}</body></html>")
    dateline = _headline_dateline(next(root.iter("body")))
    assert dateline is not None
    assert dateline.text == "Max Doe The Source Thu, 14 May 2020 17:55 UTC"


def test_numbers_of_two_abutting_elements_stay_apart():
    """A stylesheet draws the divider between "Mar 27" and "14 min": the text keeps them two."""
    html = (
        '<div class="meta"><time class="post-date">Mar 27</time><span class="divider"></span>'
        f"14 min</div>{_BODY}"
    )
    page = clean(f"<html><body><h1>Inside the lab</h1>{html}</body></html>")
    assert "Mar 27 14 min" in [b.text for b in page.blocks]
    # a number split by sloppy markup stays one number
    quote = f"<blockquote><a><em>— Jane Doe, April 15, 201</em>9</a></blockquote>{_BODY}"
    page = clean(f"<html><body><h1>Inside the lab</h1>{quote}</body></html>")
    assert "— Jane Doe, April 15, 2019" in [b.text for b in page.blocks]


def _wp_post(n: int, day: str) -> str:
    """A WordPress theme's post: its own id and tag classes beside the shared ones, its text
    four boxes down."""
    return (
        f'<article class="post-{n} post type-post status-publish hentry tag-t{n}">'
        f'<h2><a href="/p/{n}">Post {n}</a></h2><div class="entry-body"><div class="entry-content">'
        f'<div class="entry-text"><div><p>{day} was the day the court, again, ruled on a motion '
        f"of the plaintiff, which asked for more time, more discovery and more money.</p>"
        f"<p>The judge, who had seen such motions before, denied it in a short order that "
        f"cited the rules, the record and the earlier orders of the court.</p></div></div>"
        f'</div></div><div class="entry-meta">Posted {day}</div></article>'
    )


def test_a_river_of_full_posts_with_their_own_classes_is_the_content():
    days = ["January 15, 2016", "January 7, 2016", "December 22, 2015", "December 11, 2015"]
    river = "".join(_wp_post(100 - i, day) for i, day in enumerate(days))
    html = f'<div id="main">{river}</div><div class="sidebar"><p>About us</p></div>'
    text = "\n".join(b.text for b in clean(f"<html><body>{html}</body></html>").blocks)
    assert all(day in text for day in days)


def test_a_list_page_is_its_entries_not_its_one_featured_item():
    featured = (
        '<div class="featured"><div class="content"><h2>Wagging the Dog</h2><p>Japan has '
        "pledged, again, not to produce more plutonium than it needs, which raises, in turn, "
        "questions of its own, its neighbours, and its partners.</p></div></div>"
    )
    entries = "".join(
        f'<li class="item"><h5><a href="/e/{i}">Entry {i}</a></h5><div>January {10 + i}, '
        f"2016</div><p>Across the region {i}, large gaps exist in levels of political activity, "
        f"voter turnout, and the likelihood of being elected.</p></li>"
        for i in range(14)
    )
    html = f'{featured}<div class="list group"><ul class="listDisplay">{entries}</ul></div>'
    text = "\n".join(
        b.text for b in clean(f"<html><body><h1>Publications</h1>{html}</body></html>").blocks
    )
    assert all(f"January {10 + i}, 2016" in text for i in range(14))


def test_each_post_of_a_river_keeps_its_linked_published_and_updated_days():
    def post(n: int, day: str, updated: str) -> str:
        meta = (
            f'<div class="entry-meta"><div class="posted-author"><span class="posted-on">'
            f'<strong>Published on:</strong> <a href="/p/{n}"><time class="entry-date published">'
            f'{day}</time><time class="updated">{updated}</time></a></span><span class="byline">'
            f'<strong>Author:</strong> <a href="/a">SJD</a></span></div></div>'
        )
        return _wp_post(n, day).replace("</article>", f"{meta}</article>")

    days = [("January 15, 2016", "January 20, 2016"), ("January 7, 2016", "January 9, 2016")]
    days += [("December 22, 2015", "December 23, 2015"), ("December 11, 2015", "May 2, 2016")]
    river = "".join(post(100 - i, day, up) for i, (day, up) in enumerate(days))
    text = "\n".join(
        b.text for b in clean(f"<html><body><main>{river}</main></body></html>").blocks
    )
    for day, updated in days:
        assert f"Published on: {day} {updated} Author: SJD" in text


def test_the_articles_marked_publication_time_in_its_foot_aside_is_its_dateline():
    foot = (
        '<aside><p><span class="article-author" itemprop="author">Jane Doe —</span> <time '
        'datetime="2013-09-29" itemprop="datePublished">2013-09-29</time>— in <a href="/code/">'
        'Code</a> — <a href="/code/2013/post/">Permalink</a></p></aside>'
    )
    related = (
        '<aside class="related"><p><time itemprop="datePublished">2013-08-01</time> Older '
        "post</p></aside>"
    )
    html = f"<article><h1>Code coverage</h1>{_BODY}{_BODY}{foot}</article>"
    page = clean(f"<html><body>{html}</body></html>")
    assert page.blocks[-1].text == "2013-09-29"
    html = f"<article><h1>Code coverage</h1>{_BODY}{_BODY}{related}</article>"
    page = clean(f"<html><body>{html}</body></html>")
    assert not any("2013-08-01" in b.text for b in page.blocks)


def test_an_article_cut_into_twin_blocks_keeps_its_lead_block():
    """Quanta's story comes in "acf-content" blocks around a video: the lead block is as much
    the story as the long one that wins the main-content search."""
    lead = "".join(
        f"<p>When the immunologist looked deep inside the lungs of mice, in study {i}, he "
        "thought, at first, that the cells were an error of the method.</p>"
        for i in range(6)
    )
    rest = "".join(
        f"<p>Receptors for sweetness, in case {i}, also turned up on the cells lining the "
        "airways, and researchers, puzzled, went on looking for them elsewhere.</p>"
        for i in range(9)
    )
    video = (
        '<div class="acf-content"><figure><figcaption>Video: a talk.</figcaption></figure></div>'
    )
    html = (
        f'<div id="postBody"><div class="acf-content"><div class="post__content">{lead}</div></div>'
        f'{video}<div class="acf-content"><div class="post__content">{rest}</div></div></div>'
        '<div class="related"><a href="/x">More stories</a></div>'
    )
    text = "\n".join(
        b.text for b in clean(f"<html><body><h1>Cells</h1>{html}</body></html>").blocks
    )
    assert "study 0" in text and "case 8" in text


def test_the_headline_the_title_names_gives_the_dateline_not_the_comment_forms():
    story = (
        '<div class="post__title"><h1>Cells That Taste Danger Set Off Immune Responses</h1>'
        '<div class="byline">By Carrie Arnold <em>November 15, 2019</em></div></div>'
        + '<div class="nav"><a href="/a">A</a></div>' * 30
        + f"<div class='body'>{_BODY}{_BODY}</div>"
        + "<div class='comments'><h1>Comment on this article</h1><p>Quanta Magazine moderates "
        "comments to facilitate an informed, substantive, civil conversation.</p></div>"
    )
    head = "<head><title>Cells That Taste Danger Set Off Immune Responses | Quanta</title></head>"
    root = parse(f"<html>{head}<body>{story}</body></html>")
    titles = ["Cells That Taste Danger Set Off Immune Responses | Quanta"]
    dateline = _headline_dateline(next(root.iter("body")), titles)
    assert dateline is not None and dateline.day == "November 15, 2019"


def test_a_sentence_with_links_in_it_is_prose_and_a_link_list_is_not():
    sentence = (
        '<p>The suspect, <a href="/p/webb">Michael Webb, a 51-year-old former truck driver '
        'from the city of Fort Worth in Texas</a>, was <a href="/c">convicted</a> and sentenced '
        "to life in federal prison last Thursday.</p>"
    )
    links = (
        '<p><a href="/a">Fort Worth police news</a> <a href="/b">Tarrant County courts</a> '
        '<a href="/c">More from the trial of the year</a> and more.</p>'
    )
    html = f"<article><h1>Rescue</h1>{_BODY}{sentence}{links}{_BODY}</article>"
    text = "\n".join(b.text for b in clean(f"<html><body>{html}</body></html>").blocks)
    assert "last Thursday" in text
    assert "Tarrant County courts" not in text


def test_a_formula_stays_one_word_and_twin_wrappers_of_other_boxes_stay_out():
    formula = "<p>The formula H<sub>2</sub>SO<sub>4</sub> is taught, again and again, in every chemistry class.</p>"
    page = clean(f"<html><body><h1>Acids</h1>{formula}{_BODY}</body></html>")
    assert "H2SO4" in page.blocks[0].text
    about = (
        '<div class="container"><h4>About</h4><p>The Example Gazette is an independent paper, '
        "founded by its readers.</p><p>We welcome letters, in print or online.</p></div>"
    )
    story = f'<div class="container"><article><h1>Bridge opens</h1>{_BODY * 4}</article></div>'
    page = clean(f"<html><body><div id='page'>{story}{about}</div></body></html>")
    assert not any("Example Gazette" in b.text for b in page.blocks)


def test_a_logo_headline_that_names_the_site_is_not_the_storys():
    html = (
        "<h1>The Example Gazette</h1><div class='masthead'><span class='date'>Tuesday, March 5, "
        "2019</span></div>"
        + '<div class="nav"><a href="/a">A</a></div>' * 20
        + "<h1>Mayor opens the new bridge</h1><div class='byline'>By Jane Doe | March 3, 2019</div>"
        + f"<div class='body'>{_BODY}{_BODY}</div>"
    )
    head = "<head><title>Mayor opens new bridge | The Example Gazette</title></head>"
    page = clean(f"<html>{head}<body>{html}</body></html>")
    assert [b.text for b in page.blocks if "2019" in b.text] == ["By Jane Doe | March 3, 2019"]


def test_a_tag_name_with_control_bytes_does_not_break_the_river_search():
    # Found by `make fuzz`: "<d\xf7\x1dko\x0c\x0ca\xb7iv class=layout>" reached lxml's tag
    # matcher, which refuses control characters, when the river search looked for its twins.
    from extractor.inputs import load
    from extractor.sections.segment import segment

    data = (Path(__file__).parent / "data/fuzz/river-tag-with-control-bytes.html").read_bytes()
    raw = load.RawDocument(ref=load.InputRef("crash.html"), data=data, sha256="0" * 64)
    page = segment(clean(load.decode(raw, 2_000_000).html))
    assert page.page.title
