"""Clean stage: boilerplate removal and blocks, on small real-looking pages."""

from __future__ import annotations

import pytest

from extractor.clean import clean, normalize_space
from extractor.errors import NoContent

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
        ("  line one \n\n  line two ", "line one\nline two"),
        ("x\u3000y", "x y"),
    ],
)
def test_normalize_space(raw, expected):
    assert normalize_space(raw) == expected
