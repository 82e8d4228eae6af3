"""content.py: text measures, class weights, main-container search and pruning."""

from __future__ import annotations

import pytest

from extractor.html import content, dom
from extractor.html.dom import Element, parse


def _tree(html: str) -> Element:
    """The page's <html> element, parsed as the clean stage parses it."""
    root = parse(html)
    assert root is not None
    return root


def _first(root: Element, tag: str) -> Element:
    return next(root.iter(tag))


def _by_id(root: Element, ident: str) -> Element:
    return next(e for e in root.iter() if e.get("id") == ident)


def _texts(parts: list[Element]) -> str:
    return " ".join(dom.text_of(p, " ", strip=True) for p in parts)


# --- measure -----------------------------------------------------------------------------------

TINY = (
    '<div id="root"><p>Hello, world, again and again.</p>'
    '<ul><li><a href="/x">Link text</a></li></ul>tail</div>'
)


def test_measure_counts_text_links_commas_inline_and_prose():
    root = _by_id(_tree(TINY), "root")
    stats = content.measure(root)
    p, ul, li, a = (_first(root, tag) for tag in ("p", "ul", "li", "a"))
    # Characters exclude whitespace: "Hello,world,againandagain." is 26.
    assert (stats[p].text, stats[p].commas, stats[p].inline) == (26, 2, 26)
    assert stats[p].prose == 26  # a <p> of at least MIN_PARAGRAPH_CHARS is prose
    assert (stats[a].text, stats[a].links) == (8, 8)
    assert (stats[li].text, stats[li].links, stats[li].prose) == (8, 8, 0)
    assert stats[ul].inline == 0  # its text sits in a block-level child
    root_stats = stats[root]
    assert (root_stats.text, root_stats.links, root_stats.commas) == (38, 8, 2)
    assert root_stats.inline == 4  # only "tail" is the div's own text
    assert root_stats.prose == 26
    assert root_stats.link_density == pytest.approx(8 / 38)


def test_measure_short_paragraph_is_not_prose():
    root = _first(_tree("<div><p>Share this page</p></div>"), "div")
    stats = content.measure(root)
    assert stats[_first(root, "p")].prose == 0
    assert stats[root].link_density == 0.0


def test_measure_covers_every_element_of_a_deep_tree_without_recursion():
    depth = 3000
    root = _first(_tree("<div>" * depth + "deep text" + "</div>" * depth), "div")
    stats = content.measure(root)
    assert stats[root].text == len("deeptext")


# --- class_weight ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("attrs", "weight"),
    [
        ('class="article-body"', 25),
        ('id="content"', 25),
        ('class="entry-content"', 25),
        ('class="post"', 25),
        ('id="mainText"', 25),
        ('class="sidebar"', -25),
        ('class="navbar navbar-expand"', -25),
        ('id="breadcrumbs"', -25),
        ('class="site-footer"', -25),
        ('class="cookie_notice"', -25),
        ('class="relatedLinks"', -25),
        ('class="share-buttons"', -25),
        ('class="main-sidebar"', 0),  # "content-with-sidebar" wrappers hold articles
        ('class="content" id="comments"', 0),
        ('class="related-posts"', -25),  # "related" is not redeemed by "post"
        ('class="footer-text"', 0),
        ('class="canvas"', 0),
        ('class="left-side"', 0),
        ('class="post-meta date"', 25),
        ("", 0),
    ],
)
def test_class_weight(attrs, weight):
    assert content.class_weight(_first(_tree(f"<div {attrs}>x</div>"), "div")) == weight


# --- find_main ---------------------------------------------------------------------------------

PARAGRAPHS = [
    "Twelve officials from the labour ministries of the region met in Bangkok for three days, "
    "and compared how each country licenses and inspects recruitment agencies.",
    "The first day reviewed the laws, the second the inspection records, and the third the "
    "complaints that workers and their families had filed against agencies.",
    "Participants agreed to share the names of agencies whose licences were withdrawn, so that "
    "an agency closed in one country cannot reopen under a new name in another.",
    "The secretariat will draft a common form for the next meeting, which will be held in "
    "Jakarta, and circulate it to the ministries for comments by the end of the year.",
]
LINK_COLUMN = """<div class="right-col"><h3>News</h3><ul>
<li><a href="/n/5">2024.06.01 Seminar in Kenya</a></li>
<li><a href="/n/4">2024.05.12 Visit from Peru</a></li>
<li><a href="/n/3">2024.04.30 Report on Mongolia</a></li>
<li><a href="/n/2">2024.03.15 Forum in Chile</a></li></ul></div>"""


@pytest.mark.parametrize(
    "klass",
    [
        "left-side",
        "main-left",
        "sidebar-left",
        "col-side menu-area",
    ],
)
def test_find_main_picks_the_prose_column_whatever_its_class(klass):
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    tree = _tree(
        f"""<html><body><div class="wrap">
        <div class="{klass}"><h2>Meeting on recruitment agencies</h2>{paragraphs}</div>
        {LINK_COLUMN}</div></body></html>"""
    )
    parts = content.find_main(_first(tree, "body"))
    text = _texts(parts)
    for paragraph in PARAGRAPHS:
        assert paragraph in text
    for word in ("Kenya", "Peru", "Mongolia", "Chile"):
        assert word not in text


def test_find_main_merges_an_article_split_across_sibling_divs():
    tree = _tree(
        f"""<html><body>
        <div class="menu"><a href="/">Home</a> <a href="/news">News</a></div>
        <div id="body">
          <div class="block"><p>{PARAGRAPHS[0]}</p></div>
          <div class="block"><p>{PARAGRAPHS[1]}</p><p>{PARAGRAPHS[2]}</p></div>
          <div class="photo"><img src="a.jpg"></div>
          <div class="block"><p>{PARAGRAPHS[3]}</p></div>
        </div>
        {LINK_COLUMN}
        </body></html>"""
    )
    parts = content.find_main(_first(tree, "body"))
    text = _texts(parts)
    for paragraph in PARAGRAPHS:
        assert paragraph in text
    for word in ("Home", "Kenya", "Chile"):
        assert word not in text


def test_find_main_joins_scattered_sibling_parts_but_not_the_column_between_them():
    menu = "".join(
        f'<p><a href="/n/{i}">2024.05.{i + 10} News item {i} about Kenya</a></p>' for i in range(12)
    )
    tree = _tree(
        f"""<html><body><div id="wrap">
        <div class="text"><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p></div>
        <div class="col">{menu}</div>
        <div class="text"><p>{PARAGRAPHS[2]}</p></div>
        <p>{PARAGRAPHS[3]}</p>
        </div></body></html>"""
    )
    parts = content.find_main(_first(tree, "body"))
    assert [(p.tag, p.get("class")) for p in parts] == [
        ("div", "text"),
        ("div", "text"),
        ("p", None),
    ]
    assert "Kenya" not in _texts(parts)


def test_find_main_prefers_the_article_element_that_holds_the_best_candidate():
    tree = _tree(
        f"""<html><body><article><h1>Meeting on agencies</h1><p>Posted on 4 June 2024</p>
        <div class="body"><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p></div></article>
        {LINK_COLUMN}</body></html>"""
    )
    assert [p.tag for p in content.find_main(_first(tree, "body"))] == ["article"]


def test_find_main_grows_to_take_the_title_and_dateline_beside_the_body():
    tree = _tree(
        f"""<html><body><div class="outer"><div id="box"><h1>Meeting on agencies</h1>
        <p class="date">4 June 2024</p>
        <div class="text"><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p><p>{PARAGRAPHS[2]}</p></div>
        </div>{LINK_COLUMN}</div></body></html>"""
    )
    parts = content.find_main(_first(tree, "body"))
    assert [p.get("id") for p in parts] == ["box"]


def test_find_main_of_a_page_without_paragraphs_is_the_root():
    body = _first(_tree("<html><body><div><a href='/'>Home</a></div></body></html>"), "body")
    assert content.find_main(body) == [body]


# --- prune -------------------------------------------------------------------------------------


def _pruned(inner: str) -> str:
    container = _by_id(_tree(f"<div id='c'>{inner}</div>"), "c")
    content.prune(container, content.measure(container)[container].prose)
    return dom.text_of(container, " | ", strip=True)


BODY = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2])


@pytest.mark.parametrize(
    ("widget", "gone"),
    [
        (
            '<ul><li><a href="/a">Seminar in Kenya</a></li><li><a href="/b">Visit from Peru</a>'
            "</li><li><a href='/c'>Forum in Chile</a></li></ul>",
            ["Kenya", "Peru", "Chile"],
        ),
        (
            '<h3>Related reports</h3><ul><li><a href="/a">Mongolia 2021</a> (12 May)</li>'
            '<li><a href="/b">Nepal 2020</a> (3 June)</li></ul>',
            ["Related reports", "Mongolia", "Nepal", "12 May"],
        ),
        (
            '<p><strong>See also</strong></p><p><a href="/a">Country brief: Bhutan</a></p>',
            ["See also", "Bhutan"],
        ),
        (
            '<div class="sns-share"><span>Share</span> <a href="#">Facebook</a></div>',
            ["Share", "Facebook"],
        ),
    ],
    ids=["link-list", "related-heading-and-list", "see-also-paragraph", "share-box"],
)
def test_prune_removes_link_lists_and_related_sections(widget, gone):
    text = _pruned(f"{BODY}{widget}")
    for word in gone:
        assert word not in text
    assert PARAGRAPHS[0] in text and PARAGRAPHS[1] in text


@pytest.mark.parametrize(
    "kept",
    [
        "<ul><li>Cambodia</li><li>Lao PDR</li><li>Thailand</li><li>Viet Nam</li></ul>",
        "<h3>Participating countries</h3><ul><li>Cambodia</li><li>Thailand</li></ul>",
        "<p>Related to the survey, officials reported a fall in complaints from workers.</p>",
        '<p>The full report is <a href="/r.pdf">available here</a> with its annexes, tables and '
        "the list of agencies visited during the mission.</p>",
        "<table><tr><td>10:00</td><td>Opening</td></tr><tr><td>11:00</td><td>Lectures</td></tr>"
        "</table>",
    ],
    ids=[
        "country-list",
        "country-list-with-heading",
        "sentence-starting-related",
        "inline-link",
        "schedule",
    ],
)
def test_prune_keeps_lists_and_text_that_are_not_links(kept):
    expected = dom.text_of(_tree(kept), " | ", strip=True)
    assert expected in _pruned(f"{BODY}{kept}")


def test_prune_never_removes_the_bulk_of_the_prose_for_its_class():
    text = _pruned(f'<div class="sidebar-left">{BODY}</div><div class="ad">Buy now</div>')
    assert PARAGRAPHS[0] in text
    assert "Buy now" not in text


def test_remeasure_after_drops_equals_a_new_measure():
    body = _first(
        _tree(f"<html><body><div id='wrap'>{BODY}{LINK_COLUMN}{BODY}</div></body></html>"), "body"
    )
    stats = content.measure(body)
    parents = []
    for tag in list(body.iter("ul", "h3")):
        parents.append(tag.getparent())
        dom.drop(tag)
    content.remeasure(stats, parents)
    fresh = content.measure(body)
    assert {e: stats[e] for e in fresh} == fresh
