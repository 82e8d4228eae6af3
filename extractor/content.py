"""Find the main-content container of a page, readability-style, and prune what it still holds.

The container is found by scoring: every paragraph-like node gives points (one, plus its commas,
plus one per 100 characters up to three) to its ancestors, decaying with distance; a candidate's
score is weighted by its class/id words and by how little of its text is link text. Semantic
containers (<article>, <main>) are preferred when they hold the best candidate, so that the title
and dateline beside the body stay in. The container then grows upward while its parent adds only
a little text (a title block, a dateline), and loses link-dense lists, "related" sections and
class-marked chrome inside it.

The class/id patterns and weights follow Mozilla Readability (Apache-2.0); the thresholds are
named constants below with the reason for each.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from bs4 import NavigableString, Tag

# Readability's class/id hints, matched at the start of the words of class and id values (split
# on "-", "_", spaces and camelCase), so "nav" matches "navbar" but not "canvas". "meta" and "date"
# are not negative here: a report's dateline is content.
POSITIVE = re.compile(
    r"\b(?:article|body|content|entry|hentry|h-entry|main|page\b|post|text|blog|story|report)", re.I
)
NEGATIVE = re.compile(
    r"\b(?:ads?\b|advert|hidden|hid\b|banner|combx|comment|contact|foot|gdpr|masthead|media\b|"
    r"outbrain|promo|related|scroll|share|sharing|shoutbox|sidebar|side\b|skyscraper|sponsor|"
    r"shopping|tags?\b|tool|widget|breadcrumb|crumb|cookie|consent|newsletter|subscribe|social|"
    r"sns\b|byline|author|recommend|popular|trending|pagination|pager|pagetop|nav|gnav|menu|"
    r"topicpath|skip|print|modal|popup|header|masthead)",
    re.I,
)
_WORD_SPLIT = re.compile(r"[-_\s]+|(?<=[a-z])(?=[A-Z])")
CLASS_WEIGHT = 25

PARAGRAPH_TAGS = frozenset({"p", "pre", "blockquote", "td", "dd"})
TEXT_HOLDERS = frozenset({"div", "section", "li", "article", "main", "font", "center", "span"})
BLOCK_LEVEL = frozenset(
    """p div h1 h2 h3 h4 h5 h6 li dt dd td th tr table tbody thead ul ol dl blockquote pre figure
    figcaption section article main address center caption header footer aside nav form""".split()
)
TAG_WEIGHT = {
    "div": 5, "article": 10, "main": 5, "section": 3, "pre": 3, "td": 3, "blockquote": 3,
    "address": -3, "ol": -3, "ul": -3, "dl": -3, "dd": -3, "dt": -3, "li": -3, "form": -3,
    "h1": -5, "h2": -5, "h3": -5, "h4": -5, "h5": -5, "h6": -5, "th": -5,
}  # fmt: skip

# A paragraph shorter than this carries no signal (buttons, labels, bylines).
MIN_PARAGRAPH_CHARS = 25
# Ancestors that receive a paragraph's points, as in Readability.
SCORE_LEVELS = 5
# The container grows to its parent when the parent adds at most this share of extra text
# (a title block or a dateline beside the body), and that extra text is mostly not links.
GROW_MAX_EXTRA_SHARE = 0.35
GROW_MAX_EXTRA_LINK_DENSITY = 0.5
# Inside the container, a list or box whose text is mostly links is navigation or "related".
PRUNE_LINK_DENSITY = 0.5
LINK_BOXES = frozenset({"ul", "ol", "div", "section", "table", "dl", "p", "li"})
# ... unless it is long enough to be real text with many inline links.
PRUNE_MAX_CHARS = 2000
# An element that holds this share of the page's prose is never pruned by its class words.
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


@dataclass
class Stats:
    """Text measures of one element, computed once for the whole tree."""

    text: int = 0  # characters of text (whitespace excluded)
    links: int = 0  # characters inside <a>
    commas: int = 0
    inline: int = 0  # characters not inside a block-level child
    score: float = 0.0

    @property
    def link_density(self) -> float:
        return self.links / self.text if self.text else 0.0


def measure(root: Tag) -> dict[int, Stats]:
    """Stats for every element under `root` (and `root`), children before parents, no recursion."""
    stats: dict[int, Stats] = {}
    tags = [root, *(t for t in root.descendants if isinstance(t, Tag))]
    for tag in reversed(tags):
        s = Stats()
        for child in tag.children:
            if isinstance(child, NavigableString):
                chars = len("".join(str(child).split()))
                s.text += chars
                s.inline += chars
                s.commas += child.count(",")
            elif isinstance(child, Tag):
                c = stats[id(child)]
                s.text += c.text
                s.links += c.links
                s.commas += c.commas
                if child.name not in BLOCK_LEVEL:
                    s.inline += c.inline
        if tag.name == "a":
            s.links = s.text
        stats[id(tag)] = s
    return stats


def class_weight(tag: Tag) -> int:
    """+25 for content-like class/id words, -25 for chrome-like ones (both: 0)."""
    words = " ".join(w for value in _attr_values(tag) for w in _WORD_SPLIT.split(value) if w)
    if not words:
        return 0
    weight = 0
    if NEGATIVE.search(words):
        weight -= CLASS_WEIGHT
    if POSITIVE.search(words):
        weight += CLASS_WEIGHT
    return weight


def _attr_values(tag: Tag) -> Iterator[str]:
    for key in ("class", "id"):
        value = tag.get(key)
        if isinstance(value, list):
            yield from value
        elif value:
            yield str(value)


def score_candidates(root: Tag, stats: dict[int, Stats]) -> dict[int, Tag]:
    """Give every paragraph's points to its ancestors; returns the scored candidates by id."""
    candidates: dict[int, Tag] = {}
    for tag in root.find_all(True):
        s = stats[id(tag)]
        paragraph = tag.name in PARAGRAPH_TAGS or (tag.name in TEXT_HOLDERS and s.inline)
        if not paragraph or s.inline < MIN_PARAGRAPH_CHARS:
            continue
        points = 1 + s.commas + min(s.inline // 100, 3)
        for level, ancestor in enumerate(_ancestors(tag, root, SCORE_LEVELS)):
            key = id(ancestor)
            if key not in candidates:
                candidates[key] = ancestor
                stats[key].score = TAG_WEIGHT.get(ancestor.name, 0) + class_weight(ancestor)
            divider = 1 if level == 0 else 2 if level == 1 else level * 3
            stats[key].score += points / divider
    return candidates


def _ancestors(tag: Tag, root: Tag, limit: int) -> Iterator[Tag]:
    node = tag.parent
    for _ in range(limit):
        if node is None or not isinstance(node, Tag):
            return
        yield node
        if node is root:
            return
        node = node.parent


def find_container(root: Tag) -> Tag:
    """The element that holds the page's main content."""
    stats = measure(root)
    candidates = score_candidates(root, stats)
    if not candidates:
        return root
    best = max(
        candidates.values(),
        key=lambda t: stats[id(t)].score * (1 - stats[id(t)].link_density),
    )
    semantic = _semantic_ancestor(best, root)
    if semantic is not None:
        best = semantic
    return _grow(best, root, stats)


def _semantic_ancestor(tag: Tag, root: Tag) -> Tag | None:
    """The nearest <article> or <main> around `tag` (a comment <article> does not count)."""
    node: Tag | None = tag
    while node is not None and node is not root:
        if node.name in ("article", "main") and not re.search(
            r"comment", " ".join(_attr_values(node)), re.I
        ):
            return node
        parent = node.parent
        node = parent if isinstance(parent, Tag) else None
    return None


def _grow(tag: Tag, root: Tag, stats: dict[int, Stats]) -> Tag:
    """Climb while the parent adds only a little, mostly non-link, text (title, dateline)."""
    while tag is not root and isinstance(tag.parent, Tag):
        parent = tag.parent
        inner, outer = stats[id(tag)], stats[id(parent)]
        extra = outer.text - inner.text
        extra_links = outer.links - inner.links
        if inner.text == 0 or extra > GROW_MAX_EXTRA_SHARE * inner.text:
            break
        if extra and extra_links / extra > GROW_MAX_EXTRA_LINK_DENSITY:
            break
        tag = parent
    return tag


def prune(container: Tag, page_text: int) -> None:
    """Remove chrome left inside the container: marked boxes, link lists, related sections."""
    stats = measure(container)
    for tag in list(container.find_all(True)):
        if tag.decomposed or tag is container:
            continue
        s = stats[id(tag)]
        protected = page_text and s.text >= PROTECT_SHARE * page_text
        chrome = not protected and class_weight(tag) < 0
        link_box = tag.name in LINK_BOXES and (
            s.link_density > PRUNE_LINK_DENSITY and s.text < PRUNE_MAX_CHARS
        )
        if chrome or link_box:
            tag.decompose()
    _drop_related_sections(container)


def _drop_related_sections(container: Tag) -> None:
    """A heading like "Related reports" and the link list under it are not content."""
    for heading in list(container.find_all(["h2", "h3", "h4", "h5", "h6", "p", "div"])):
        if heading.decomposed:
            continue
        text = heading.get_text(" ", strip=True)
        if len(text.split()) > RELATED_HEADING_MAX_WORDS or not RELATED_HEADING.match(text):
            continue
        following = heading.find_next_sibling()
        if following is not None and following.find("a") is not None:
            following.decompose()
        heading.decompose()
