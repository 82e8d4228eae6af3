"""dom.py: parsing with lxml, reading text as bs4 did, removing elements."""

from __future__ import annotations

import pytest

from extractor.html import dom
from extractor.html.dom import parse

from .test_content import _first, _tree

# --- parsing -------------------------------------------------------------------------------------


@pytest.mark.parametrize("html", ["", "   ", "<!-- only a comment -->", "<!DOCTYPE html>"])
def test_parse_of_a_page_without_elements_is_none(html):
    assert parse(html) is None


def test_parse_keeps_a_text_node_over_ten_megabytes_whole():
    root = parse("<p>" + "x" * 10_500_000 + "</p>")
    assert root is not None
    assert len(next(root.iter("p")).text) == 10_500_000


def test_parse_rebuilds_a_tree_deeper_than_libxml2_nests():
    root = parse("<div>" * 3000 + "deep text" + "</div>" * 3000)
    assert root is not None
    assert sum(1 for _ in root.iter("div")) == 3000
    assert "".join(root.itertext()) == "deep text"


# --- reading and removing ----------------------------------------------------------------------


def test_text_of_keeps_strings_apart_at_comments_and_dropped_elements():
    root = _first(_tree("<p>a<!-- c -->b<span>x</span>c <b> d </b></p>"), "p")
    dom.drop(_first(root, "span"))
    assert dom.text_of(root, "|") == "a|b|c | d "
    assert dom.text_of(root, "|", strip=True) == "a|b|c|d"


def test_text_of_leaves_ruby_annotations_to_their_own_element():
    root = _first(_tree("<p>東京<ruby>都<rp>(</rp><rt>と</rt><rp>)</rp></ruby>です</p>"), "p")
    assert dom.text_of(root, "|") == "東京|都|です"
    assert dom.text_of(_first(root, "rt")) == "と"
    assert dom.short_text(root, 5) == "東京 都 です"


def test_drop_keeps_the_text_after_the_element_and_of_the_root_leaves_nothing():
    root = _tree("<div><p>one</p> after <p>two</p></div>")
    div = _first(root, "div")
    dom.drop(_first(div, "p"))
    assert dom.text_of(div, "|") == " after |two"
    dom.drop(root)
    assert dom.is_gone(root) and len(root) == 0


LONG = "Twelve officials from the labour ministries of the region met in Bangkok for three days."


def test_short_texts_read_children_first_equal_short_text_of_each_element():
    tree = _tree(
        "<html><body><div><h3>Related <b>reports</b></h3><p>See <!-- x -->also</p>"
        f"<div><p>{LONG}</p><p>Read more</p></div> tail words here</div></body></html>"
    )
    body = _first(tree, "body")
    labels = dom.short_texts(body, 5)
    for element in body.iter():
        if dom.is_element(element):
            assert labels[element] == dom.short_text(element, 5)


def test_is_gone_tells_dropped_tags_from_live_ones():
    tree = _tree("<div><p>kept <b>bold</b></p><aside><p>gone</p></aside></div>")
    aside = _first(tree, "aside")
    inner = _first(aside, "p")
    kept = _first(tree, "p")
    dom.drop(aside)
    assert dom.is_gone(aside) and dom.is_gone(inner)
    assert not dom.is_gone(kept) and not dom.is_gone(_first(kept, "b"))


def test_unwrap_puts_the_children_in_place_and_keeps_strings_apart():
    div = _first(_tree("<div>a<form>b<p>c</p>d</form>e</div>"), "div")
    dom.unwrap(_first(div, "form"))
    assert [child.tag for child in div if dom.is_element(child)] == ["p"]
    assert dom.text_of(div, "|") == "a|b|c|d|e"


def test_short_texts_of_a_page_with_ruby_equal_short_text_of_each_element():
    body = _first(
        _tree("<body><h2>東京<ruby>都<rt>と</rt></ruby></h2><p><rt>x y</rt></p></body>"), "body"
    )
    labels = dom.short_texts(body, 5)
    assert labels[_first(body, "h2")] == "東京 都"
    for element in body.iter():
        if dom.is_element(element):
            assert labels[element] == dom.short_text(element, 5)
