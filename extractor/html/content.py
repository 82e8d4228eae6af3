"""Find the main-content container of a page, readability-style, and prune what it still holds.

The container is found by scoring: every paragraph-like node gives points (one, plus its commas,
plus one per 100 characters up to three) to its ancestors, decaying with distance; a candidate's
score is weighted by its class/id words and by how little of its text is link text. Semantic
containers (<article>, <main>) are preferred when they hold the best candidate, so that the title
and dateline beside the body stay in. The container then grows upward while its parent adds only
a little text (a title block, a dateline), and loses link-dense lists, "related" sections and
class-marked chrome inside it.

The tree is lxml's (see dom.py); the walks are loops, never recursion, and the measures are
keyed by the elements themselves.

The class/id patterns and weights follow Mozilla Readability (Apache-2.0); the thresholds are
named constants below with the reason for each.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from lxml import etree

from extractor.html.dom import BLOCK_TAGS, Element, classes, drop, is_gone, short_texts, text_of

# Readability's class/id hints, matched at the start of the words of class and id values (split
# on "-", "_", spaces and camelCase), so "nav" matches "navbar" but not "canvas". "meta" and "date"
# are not negative here: a report's dateline is content.
POSITIVE = re.compile(
    r"\b(?:article|body|content|entry|hentry|h-entry|main|page\b|post|text|blog|story|report)", re.I
)
NEGATIVE = re.compile(
    r"\b(?:ads?\b|advert|hidden|hid\b|banner|combx|comment|contact|foot|gdpr|masthead|media\b|"
    r"outbrain|promo|related|scroll|share|sharing|shoutbox|sidebar|skyscraper|sponsor|"
    r"shopping|tags?\b|tool|widget|breadcrumb|crumb|cookie|consent|newsletter|subscribe|social|"
    r"sns\b|author|recommend|popular|trending|pagination|pager|pagetop|nav|gnav|menu|"
    r"topicpath|skip|print|modal|popup|header|masthead)",
    re.I,
)
# Chrome words that a content word beside them does not redeem.
STRONG_NEGATIVE = re.compile(
    r"\b(?:related|breadcrumb|cookie|newsletter|recommend|popular|trending)",
    re.I,
)
_WORD_SPLIT = re.compile(r"[-_\s]+|(?<=[a-z])(?=[A-Z])")
CLASS_WEIGHT = 25

CONTAINER_HOLDERS = frozenset({"div", "td", "section", "article", "main"})
PARAGRAPH_TAGS = frozenset({"p", "pre", "blockquote", "td", "dd"})
TEXT_HOLDERS = frozenset({"div", "section", "li", "article", "main", "font", "center", "span"})
TAG_WEIGHT = {
    "div": 5, "article": 10, "main": 5, "section": 3, "pre": 3, "td": 3, "blockquote": 3,
    "address": -3, "ol": -3, "ul": -3, "dl": -3, "dd": -3, "dt": -3, "li": -3, "form": -3,
    "h1": -5, "h2": -5, "h3": -5, "h4": -5, "h5": -5, "h6": -5, "th": -5,
}  # fmt: skip

# Readability's sibling rule: a sibling joins the best candidate when it scores at least this
# share of the best score (and at least the minimum), a bonus going to siblings of the same class.
SIBLING_SHARE = 0.2
SIBLING_MIN_SCORE = 10
SIBLING_P_CHARS = 80
# A paragraph shorter than this carries no signal (buttons, labels, bylines).
MIN_PARAGRAPH_CHARS = 25
# Ancestors that receive a paragraph's points, as in Readability.
SCORE_LEVELS = 5
# The container grows to its parent when the parent adds at most this share of extra text
# (a title block or a dateline beside the body), and that extra text is mostly not links.
GROW_MAX_EXTRA_SHARE = 0.35
GROW_MAX_EXTRA_LINK_DENSITY = 0.5
# ... and never more than a title block and a dateline hold: more is a column of its own.
GROW_MAX_EXTRA_CHARS = 500
# What may follow the body inside the parent: a "page top" link, not a sidebar.
GROW_MAX_TRAILING_CHARS = 60
# Inside the container, a list or box whose text is mostly links is navigation or "related".
PRUNE_LINK_DENSITY = 0.5
# A heading that is all link is the title of another story (a teaser), not a section.
TEASER_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
TEASER_LINK_DENSITY = 0.9
LINK_BOXES = frozenset({"ul", "ol", "div", "section", "table", "dl", "p", "li", "td", "tr"})
# A side cell of a layout table with this much text is a column of its own (menus, news).
LAYOUT_COLUMN_MIN_CHARS = 50
# ... unless it is long enough to be real text with many inline links.
PRUNE_MAX_CHARS = 2000
# An element that holds this share of the page's paragraph text is never removed for its
# class words: whatever its class says, that is the content.
PROTECT_SHARE = 0.5

RELATED_HEADING = re.compile(
    r"^(related|read (more|also|next)|more (from|on|stories|news|articles)|see also|"
    r"recommended|you (may|might) also|most (popular|read|viewed)|popular|trending|"
    r"share( this)?|comments?|leave a (reply|comment)|tags?|about the author|"
    r"follow us|newsletter|other (reports|news|articles)|latest (news|posts|articles))\b",
    re.I,
)


# "Related reports", "You may also like": a label, not a sentence that starts the same way.
RELATED_HEADING_MAX_WORDS = 5


# --- measures ------------------------------------------------------------------------------------


@dataclass
class Stats:
    """Text measures of one element, computed once for the whole tree."""

    text: int = 0  # characters of text (whitespace excluded)
    links: int = 0  # characters inside <a>
    commas: int = 0
    inline: int = 0  # characters not inside a block-level child
    prose: int = 0  # characters of paragraph text: what a reader reads
    score: float = 0.0

    @property
    def link_density(self) -> float:
        return self.links / self.text if self.text else 0.0


def measure(root: Element) -> dict[Element, Stats]:
    """Stats for every element under `root` (and `root`), children before parents, no recursion.

    Keyed by the element itself: an lxml element object lives only while it is referenced, so
    its id() could be reused, but a dict key keeps it alive."""
    stats: dict[Element, Stats] = {}
    for element in reversed(list(root.iter(etree.Element))):
        stats[element] = _measure_one(element, stats)
    return stats


def remeasure(stats: dict[Element, Stats], parents: Iterable[Element]) -> None:
    """Bring `stats` up to date once elements were dropped from under `parents`: an element's
    stats depend on its subtree only, so only these parents and their ancestors change. The
    result equals a new measure() of the tree, at the cost of a few elements."""
    depth_of: dict[Element, int] = {}  # of the elements to measure again, below the root
    for parent in parents:
        if is_gone(parent):
            continue  # dropped in turn: its own parent is among `parents`
        path = []
        node = parent
        while node is not None and node in stats and node not in depth_of:
            path.append(node)
            node = node.getparent()
        depth = depth_of.get(node, -1) if node is not None else -1
        for node in reversed(path):
            depth += 1
            depth_of[node] = depth
    for node in sorted(depth_of, key=depth_of.__getitem__, reverse=True):
        stats[node] = _measure_one(node, stats)


def _measure_one(element: Element, stats: dict[Element, Stats]) -> Stats:
    """The stats of `element` from its own strings and its children's stats (the hot loop of
    the clean stage, hence the inlined string counts)."""
    text = links = commas = inline = prose = 0
    string = element.text
    if string:
        text = inline = len("".join(string.split()))
        commas = string.count(",")
    for child in element:
        if child.tag.__class__ is str:  # an element, not a comment
            c = stats[child]
            text += c.text
            links += c.links
            commas += c.commas
            prose += c.prose
            if child.tag not in BLOCK_TAGS:
                inline += c.inline
        string = child.tail
        if string:
            chars = len("".join(string.split()))
            text += chars
            inline += chars
            commas += string.count(",")
    if element.tag == "a":
        links = text
    s = Stats(text, links, commas, inline, prose)
    if is_paragraph(element, s):
        s.prose += inline
    return s


def is_paragraph(tag: Element, s: Stats) -> bool:
    """A node that holds running text itself (not only through block children)."""
    holder = tag.tag in PARAGRAPH_TAGS or (tag.tag in TEXT_HOLDERS and s.inline > 0)
    return holder and s.inline >= MIN_PARAGRAPH_CHARS


def class_weight(tag: Element) -> int:
    """+25 for content-like class/id words, -25 for chrome-like ones (both: 0)."""
    return _class_weight(tag.get("class"), tag.get("id"))


@functools.lru_cache(maxsize=8192)
def _class_weight(klass: str | None, ident: str | None) -> int:
    """class_weight of the raw attribute values: pages repeat the same few, so they are read
    once."""
    values = [*(klass or "").split(), *([ident] if ident else [])]
    words = " ".join(w for value in values for w in _WORD_SPLIT.split(value) if w)
    if not words:
        return 0
    if STRONG_NEGATIVE.search(words):
        return -CLASS_WEIGHT  # "related-posts", "post-share": the content word does not save it
    weight = 0
    if NEGATIVE.search(words):
        weight -= CLASS_WEIGHT
    if POSITIVE.search(words):
        weight += CLASS_WEIGHT
    return weight


def _attr_values(tag: Element) -> Iterator[str]:
    yield from classes(tag)
    ident = tag.get("id")
    if ident:
        yield ident


# --- the main container --------------------------------------------------------------------------


def score_candidates(root: Element, stats: dict[Element, Stats]) -> dict[Element, Element]:
    """Give every paragraph's points to its ancestors; returns the scored candidates."""
    candidates: dict[Element, Element] = {}
    page_prose = stats[root].prose
    for tag in root.iterdescendants(etree.Element):
        s = stats[tag]
        if not is_paragraph(tag, s):
            continue
        points = 1 + s.commas + min(s.inline // 100, 3)
        # A <div> or <td> that holds running text itself (lines between <br>) is a candidate
        # container too, credited like its parent; a <p> only feeds its ancestors.
        holders = [tag] if tag.tag in CONTAINER_HOLDERS else []
        chain = [*holders, *_ancestors(tag, root, SCORE_LEVELS)]
        for level, ancestor in enumerate(chain[: SCORE_LEVELS + len(holders)]):
            if ancestor not in candidates:
                candidates[ancestor] = ancestor
                weight = class_weight(ancestor)
                if weight < 0 and stats[ancestor].prose >= PROTECT_SHARE * page_prose:
                    weight = 0  # it holds most of the page's paragraphs: a column, not chrome
                stats[ancestor].score = TAG_WEIGHT.get(ancestor.tag, 0) + weight
            level = max(level - len(holders), 0)
            divider = 1 if level == 0 else 2 if level == 1 else level * 3
            stats[ancestor].score += points / divider
    return candidates


def _ancestors(tag: Element, root: Element, limit: int) -> Iterator[Element]:
    node = tag.getparent()
    for _ in range(limit):
        if node is None:
            return
        yield node
        if node is root:
            return
        node = node.getparent()


def find_main(root: Element, stats: dict[Element, Stats] | None = None) -> list[Element]:
    """The element(s) that hold the page's main content, in document order. `stats`, if given,
    is measure(root) (find_main adds the candidates' scores to it)."""
    stats = measure(root) if stats is None else stats
    candidates = score_candidates(root, stats)
    if not candidates:
        return [root]
    best = max(candidates.values(), key=lambda t: _final_score(t, stats))
    best = _fuller(best, candidates.values(), stats)
    river = _river(best, stats)
    twins = _twin_blocks(best, stats) if river is None else None
    best = best if river is None else river
    parts = _with_siblings(best, stats)
    parent = best.getparent()
    if len(parts) > 1 and parent is not None:
        share = sum(stats[p].text for p in parts) / max(stats[parent].text, 1)
        if share >= 1 - GROW_MAX_EXTRA_SHARE:
            parts = [parent]
    semantic = _semantic_ancestor(parts[0], root)
    if semantic is not None and all(_inside(p, semantic) for p in parts):
        parts = [semantic]
    if len(parts) == 1:
        parts = [_grow(parts[0], root, stats)]
    if twins:
        parts = _with_twins(parts, twins, root)
    return parts


def _with_twins(parts: list[Element], twins: list[Element], root: Element) -> list[Element]:
    """The parts and the twin blocks of prose they leave out, in document order."""
    extra = [t for t in twins if not any(_inside(t, p) or t is p or _inside(p, t) for p in parts)]
    if not extra:
        return parts
    order = {e: i for i, e in enumerate(root.iter(etree.Element))}
    return sorted([*parts, *extra], key=lambda e: order.get(e, 0))


# A blog's front page or a tag page is a river of posts: twin boxes (same tag, same classes),
# each with its heading, a short excerpt and its date. The best candidate is then one excerpt;
# the river is the content when its posts hold RIVER_GAIN times the candidate's prose.
RIVER_LEVELS = 5
RIVER_MIN_POSTS = 3
RIVER_GAIN = 2


def _river(best: Element, stats: dict[Element, Stats]) -> Element | None:
    """The container of the river of posts that `best` is one excerpt of, if any."""
    for node, parent, own in _boxes_above(best):
        if own:
            posts = [
                sibling
                for sibling in _same_tag_children(parent, node)
                if _twins(own, set(classes(sibling))) and sibling in stats
            ]
            titled = [p for p in posts if next(p.iterdescendants(*_POST_TITLES), None) is not None]
            prose = sum(stats[p].prose for p in titled)
            if len(titled) >= RIVER_MIN_POSTS and prose >= RIVER_GAIN * stats[best].prose:
                return parent
    return None


def _boxes_above(best: Element) -> Iterator[tuple[Element, Element, set[str]]]:
    """(box, its parent, its classes) from `best` up RIVER_LEVELS boxes: where the river and
    twin-block searches look for a box's twins."""
    node = best
    for _ in range(RIVER_LEVELS + 1):
        parent = node.getparent()
        if parent is None:
            return
        yield node, parent, set(classes(node))
        node = parent


_POST_TITLES = ("h1", "h2", "h3", "h4")


def _same_tag_children(parent: Element, node: Element) -> Iterator[Element]:
    """The children of `parent` with `node`'s tag, compared as strings: lxml's tag matcher
    refuses a broken page's tag name with control characters."""
    return (child for child in parent.iterchildren(etree.Element) if child.tag == node.tag)


def _linked_sentence(tag: Element, s: Stats) -> bool:
    """A paragraph that is a sentence with links in it ("The suspect, <a>Michael Webb</a>,
    was convicted ... last Thursday."): prose, however linked; a link list is no sentence."""
    if tag.tag != "p" or s.link_density > LINKED_SENTENCE_MAX_LINK_DENSITY:
        return False
    text = text_of(tag, " ", strip=True)
    if len(text.split()) < LINKED_SENTENCE_MIN_WORDS or text[-1:] not in '.!?"”':
        return False
    linked = sum(len(text_of(a, " ", strip=True).split()) for a in tag.iter("a"))
    # its own words make the sentence ("was convicted and sentenced to ..."); a credit line
    # of linked names has few ("Photos by <a>A</a>, <a>B</a>, <a>C</a>.")
    return len(text.split()) - linked >= LINKED_SENTENCE_OWN_WORDS


LINKED_SENTENCE_MIN_WORDS = 10
LINKED_SENTENCE_OWN_WORDS = 8
LINKED_SENTENCE_MAX_LINK_DENSITY = 0.7


def _twin_blocks(best: Element, stats: dict[Element, Stats]) -> list[Element] | None:
    """An article cut into twin blocks of prose (Quanta's "acf-content" blocks around a
    video): the block that holds the best candidate and its twins (same tag and classes, under
    the same parent) that read as prose, in document order; None when it has no such twin."""
    for node, parent, own in _boxes_above(best):
        if own and parent.tag not in ("body", "html"):
            floor = max(TWIN_MIN_PROSE, TWIN_MIN_SHARE * stats[node].prose)
            twins = [
                sibling
                for sibling in _same_tag_children(parent, node)
                if sibling is node
                or (
                    set(classes(sibling)) == own
                    and sibling in stats
                    and stats[sibling].prose >= floor
                    and stats[sibling].link_density < TWIN_MAX_LINK_DENSITY
                    and class_weight(sibling) >= 0
                    and len(sibling.findall(".//p")) >= TWIN_MIN_PARAGRAPHS
                )
            ]
            if len(twins) > 1:
                return twins
    return None


TWIN_MIN_PROSE = 200
TWIN_MIN_SHARE = (
    0.2  # of the prose of the block that holds the best candidate: a lead, no "About" box
)
TWIN_MIN_PARAGRAPHS = 2  # a block of prose, not one paragraph of a story cut into <div>s
TWIN_MAX_LINK_DENSITY = 0.25


def _twins(own: set[str], other: set[str]) -> bool:
    """Whether two boxes' classes make them posts of one river: the same classes, or a shared
    kind beside each post's own ("post-11485 post type-post hentry tag-x" and "post-11470
    post type-post hentry tag-y")."""
    if own == other:
        return True
    shared = len(own & other)
    return shared >= RIVER_SHARED_CLASSES and 2 * shared >= min(len(own), len(other))


RIVER_SHARED_CLASSES = 3


def _fuller(best: Element, candidates: Iterable[Element], stats: dict[Element, Stats]) -> Element:
    """A candidate that scores nearly as well as a short best one and holds many times its
    prose: a list page's entries (a publications list under one featured item) outweigh the
    featured item, which wins on its one long paragraph."""
    small = stats[best].prose
    if small >= FULLER_MAX_BEST_PROSE:
        return best
    floor = _final_score(best, stats) * FULLER_MIN_SCORE_SHARE
    fuller = [
        c
        for c in candidates
        if stats[c].prose >= FULLER_GAIN * max(small, 1) and _final_score(c, stats) >= floor
    ]
    return max(fuller, key=lambda c: _final_score(c, stats), default=best)


# A best candidate of less prose than this may give way to one FULLER_GAIN times fuller that
# scores at least FULLER_MIN_SCORE_SHARE of its score.
FULLER_MAX_BEST_PROSE = 400
FULLER_GAIN = 8
FULLER_MIN_SCORE_SHARE = 0.6


def _final_score(tag: Element, stats: dict[Element, Stats]) -> float:
    s = stats[tag]
    return s.score * (1 - s.link_density)


def _with_siblings(best: Element, stats: dict[Element, Stats]) -> list[Element]:
    """Readability's sibling rule: siblings that score well, or read like paragraphs, join."""
    parent = best.getparent()
    if parent is None:
        return [best]
    best_score = _final_score(best, stats)
    threshold = max(SIBLING_MIN_SCORE, best_score * SIBLING_SHARE)
    best_classes = classes(best)
    parts = []
    for sibling in parent.iterchildren(etree.Element):
        s = stats.get(sibling)
        if s is None:  # outside the measured tree: what a broken page left after </body>
            continue
        same_class = best_classes and classes(sibling) == best_classes
        bonus = best_score * SIBLING_SHARE if same_class else 0
        scores = sibling is best or _final_score(sibling, stats) + bonus >= threshold
        paragraph = sibling.tag == "p" or is_paragraph(sibling, s)
        reads = paragraph and s.text > SIBLING_P_CHARS and s.link_density < 0.25
        if scores or reads:
            parts.append(sibling)
    return parts


def _inside(tag: Element, ancestor: Element) -> bool:
    return tag is ancestor or any(parent is ancestor for parent in tag.iterancestors())


def _semantic_ancestor(tag: Element, root: Element) -> Element | None:
    """The nearest <article> or <main> around `tag` (a comment <article> does not count)."""
    node: Element | None = tag
    while node is not None and node is not root:
        if node.tag in ("article", "main") and not re.search(
            r"comment", " ".join(_attr_values(node)), re.I
        ):
            return node
        node = node.getparent()
    return None


def _grow(tag: Element, root: Element, stats: dict[Element, Stats]) -> Element:
    """Climb while the parent adds only a little, mostly non-link, text (title, dateline)."""
    while tag is not root:
        parent = tag.getparent()
        if parent is None or parent is root:
            break
        inner, outer = stats[tag], stats[parent]
        extra = outer.text - inner.text
        extra_links = outer.links - inner.links
        if inner.text == 0 or extra > min(GROW_MAX_EXTRA_SHARE * inner.text, GROW_MAX_EXTRA_CHARS):
            break
        if extra and extra_links / extra > GROW_MAX_EXTRA_LINK_DENSITY:
            break
        if tag.tag in ("td", "th") and _has_text_column(tag, stats):
            break  # the other cells of a layout row are the site's side columns
        trailing = sum(stats[t].text for t in tag.itersiblings(etree.Element))
        if trailing > GROW_MAX_TRAILING_CHARS:
            break  # a title and a dateline come before the body; what follows is a column
        tag = parent
    return tag


def _has_text_column(cell: Element, stats: dict[Element, Stats]) -> bool:
    siblings = [*cell.itersiblings("td", "th"), *cell.itersiblings("td", "th", preceding=True)]
    return any(stats[s].text >= LAYOUT_COLUMN_MIN_CHARS for s in siblings)


# --- pruning -------------------------------------------------------------------------------------


def prune(
    container: Element,
    page_prose: int,
    stats: dict[Element, Stats] | None = None,
    kept: set[Element] | None = None,
) -> None:
    """Remove chrome left inside the container: marked boxes, link lists, related sections.
    `stats`, if given, holds measure(container) (or that of a tree around it); the boxes in
    `kept` (photos, hidden stories a reader opens) stay whole."""
    stats = measure(container) if stats is None else stats
    kept = kept or set()
    for tag in list(container.iterdescendants(etree.Element)):
        if is_gone(tag):
            continue
        s = stats[tag]
        protected = page_prose and s.prose >= PROTECT_SHARE * page_prose
        chrome = (
            not protected
            and class_weight(tag) < 0
            and not dates_the_document(tag, s)
            and tag not in kept
            and not inside(tag, kept)
        )
        link_box = (
            tag.tag in LINK_BOXES
            and s.link_density > PRUNE_LINK_DENSITY
            and s.text < PRUNE_MAX_CHARS
            and not dates_the_document(tag, s)  # a post's date line, linked to the post
            and not _linked_sentence(tag, s)
        )
        teaser = tag.tag in TEASER_HEADINGS and s.text and s.link_density >= TEASER_LINK_DENSITY
        if chrome or link_box or teaser:
            drop(tag)
    _drop_related_sections(container)


# A box marked "header" that holds the document's own heading and its date ("document-header"
# of a press release: type, title, date) is content; a site's masthead, a newsletter or video
# box has no date, or is mostly links once its nav is gone.
DOCUMENT_HEADER_MAX_CHARS = 600
DOCUMENT_HEADER_MAX_LINK_SHARE = 0.3
WRITTEN_DAY = re.compile(
    r"\b(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+"
    r"(?:19|20)\d\d"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+"
    r"(?:\d{1,2}:\d\d(?::\d\d)?\s+)?(?:19|20)\d\d"
    r"|(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2})\b",
    re.I,
)


# A day with its year as a dateline writes it: in words, ISO, or all digits with slashes or dots
# ("10/9/10 7:15 AM EDT", "05.10.2011"; the date grammar reads which is the day).
DATELINE_DAY = re.compile(
    WRITTEN_DAY.pattern + r"|\b\d{1,2}[./] ?\d{1,2}[./](?:\d{4}|\d\d)\b", re.I
)


# A heading or line that writes only a day ("Wednesday, March 30, 2011", "02.12.19") is a
# blog's date header over its post, though its class names it a "date-header": it is not chrome.
DATE_HEADING_MAX_CHARS = 40
DATE_HEADING = re.compile(
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:"
    + WRITTEN_DAY.pattern
    + r"|\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d\d))",
    re.I,
)


def dates_the_document(tag: Element, s: Stats) -> bool:
    """A box the chrome rules must spare though its class is negative: the document's own
    header with its date, a line that is only a date, or a post's meta line of a date and a
    comment count ("July 10, 2017 / 3 Comments" in a "comments-date" box)."""
    return is_document_header(tag, s) or is_date_heading(tag, s) or is_date_line(tag, s)


# A post's date line: a day and a few words more ("/ Leave a comment").
DATE_LINE_MAX_CHARS = 60
DATE_LINE_OTHER_CHARS = 25


def is_date_line(tag: Element, s: Stats) -> bool:
    if not s.text or s.text > DATE_LINE_MAX_CHARS:
        return False
    if STRONG_NEGATIVE.search(" ".join(_attr_values(tag))):
        return False  # "Other post, 12 October 2016" in a related box: another post's date
    text = text_of(tag, " ", strip=True)
    # "Published on: <day> <day updated> Author: SJD": the words beside its days are few
    rest = " ".join(DATE_HEADING.sub(" ", text).split())
    return rest != " ".join(text.split()) and len(rest) <= DATE_LINE_OTHER_CHARS


# A news photo and its caption, in a box a class word marks as chrome ("related-media",
# "featured-media", a lead-photo module named "art-related"): one picture, in a box that says
# it holds one (a <figure>, a "photo", "image" or "media" class), and a sentence or two of
# plain text. Teasers of other articles are links; galleries and related lists hold several.
PHOTO_CAPTION_MIN_CHARS = 40
PHOTO_CAPTION_MAX_CHARS = 600
PHOTO_CAPTION_MAX_LINK_DENSITY = 0.1
PHOTO_BOX = re.compile(r"photo|image|img|figure|media|picture", re.I)


def inside(tag: Element, boxes: set[Element]) -> bool:
    """Whether `tag` is inside one of `boxes`."""
    return bool(boxes) and any(box in boxes for box in tag.iterancestors())


def is_photo_box(tag: Element, s: Stats) -> bool:
    if not PHOTO_CAPTION_MIN_CHARS <= s.text <= PHOTO_CAPTION_MAX_CHARS:
        return False
    if s.link_density > PHOTO_CAPTION_MAX_LINK_DENSITY:
        return False
    if len(list(itertools.islice(tag.iter("img"), 2))) != 1:
        return False
    return any(
        box.tag in ("figure", "figcaption") or PHOTO_BOX.search(" ".join(classes(box)))
        for box in tag.iter(etree.Element)
    )


def is_date_heading(tag: Element, stats: Stats) -> bool:
    if stats.text > DATE_HEADING_MAX_CHARS or stats.links:
        return False
    return DATE_HEADING.fullmatch(text_of(tag, " ", strip=True)) is not None


def is_document_header(tag: Element, s: Stats) -> bool:
    """A header box with the document's own heading (not a link) and a written day."""
    if s.text == 0 or s.text > DOCUMENT_HEADER_MAX_CHARS:
        return False
    if s.links / s.text > DOCUMENT_HEADER_MAX_LINK_SHARE:
        return False
    if not WRITTEN_DAY.search(" ".join(tag.itertext())):
        return False
    return any(
        "".join(h.itertext()).strip() and next(h.iterdescendants("a"), None) is None
        for h in tag.iterdescendants("h1", "h2")
    )


def _drop_related_sections(container: Element) -> None:
    """A heading like "Related reports" and the link list under it are not content."""
    # Read once, before anything is dropped: the heading and list dropped at one step hold no
    # element looked at after them (those come later in document order), so the texts read
    # here stay right for every element still looked at.
    labels = short_texts(container, RELATED_HEADING_MAX_WORDS)
    for heading in list(container.iterdescendants("h2", "h3", "h4", "h5", "h6", "p", "div")):
        if is_gone(heading):
            continue
        text = labels[heading]
        if text is None or not RELATED_HEADING.match(text):
            continue
        following = next(heading.itersiblings(etree.Element), None)
        if following is not None and _link_density(following) > PRUNE_LINK_DENSITY:
            drop(following)
        drop(heading)


def _link_density(tag: Element) -> float:
    return measure(tag)[tag].link_density
