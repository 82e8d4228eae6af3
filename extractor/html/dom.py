"""The page's lxml tree: parsing it, reading its text, removing elements from it.

libxml2's HTML parser builds the tree and repairs unclosed and stray tags. It is the parser that
BeautifulSoup's "lxml" builder drove before, so the trees are the same; lxml only builds them
some fifteen times faster. The parser reads no network resource and no DTD. Where libxml2 2.14
loses text that a page plainly holds (after a stray </body> or </html>; after an unclosed
<title> or <iframe>), parse() repairs the tree or parses the page again with the element closed.

Text lives in `.text` (before an element's first child) and `.tail` (after an element, up to
its next sibling); comments are nodes whose `.tag` is not a string. The thresholds of the clean
stage were tuned on bs4 trees, in which a comment or a removed tag kept the strings on either
side of it apart; comments therefore stay in the tree, `drop` leaves an empty comment where the
element was, and `text_of` reads text the way bs4's get_text() did. Every walk here is a loop,
never recursion, so a page nested 20,000 deep is read like any other.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TypeAlias

from lxml import etree

from extractor.errors import ParseFailed

LOGGER = logging.getLogger(__name__)

Element: TypeAlias = etree._Element

# The parser: no network access; huge_tree lifts libxml2's 10 MB cap on one text node (a page
# within --max-bytes may hold a longer one, and bs4's event-fed tree had no such cap).
PARSER_OPTIONS = {"no_network": True, "huge_tree": True, "recover": True}
# libxml2 stops nesting at 256 elements (2048 with huge_tree) and drops whatever lies deeper,
# silently. A page that reaches this depth is built again from the parser's events, which have
# no such limit; real pages stay far below it (the deepest of our corpora: 51).
NATIVE_MAX_DEPTH = 256
# bs4 gave the strings inside these elements types of their own, which get_text() of any other
# element leaves out (the reading of a <ruby> annotation is not part of the sentence around it).
STRING_CONTAINERS = ("rt", "rp", "style", "script", "template")
# The name a removed element and its descendants take. libxml2 lower-cases every tag name it
# parses, so no element of a page can carry it.
GONE = "GONE"
# HTML's block-level elements: a line of text never runs across one's edge. Cleaning breaks
# blocks at them; the content scorer counts only the text outside them as a node's own.
BLOCK_TAGS = frozenset(
    """p div h1 h2 h3 h4 h5 h6 li dt dd td th tr table tbody thead ul ol dl blockquote pre
    figure figcaption section article main address center caption summary details hr header
    footer aside nav form""".split()
)


# Elements whose content libxml2 (2.14, lxml 6) reads as text up to their end tag, as browsers do.
# Left unclosed, one takes the rest of the page with it; libxml2 2.12 (lxml 5) parsed that rest
# as markup. <script> is left out: its strings hold markup in working pages, and a swallowed
# script is not told apart from one that writes tags.
SWALLOWING_TAGS = ("title", "textarea", "iframe", "xmp", "noembed", "noframes", "style")
# An end tag: in the text of such an element when it is the page's last, the sign that it took in
# the rest of the page (its own end tag would have closed it; text in a working one holds none).
_END_TAG = re.compile(r"</[a-z][\w:-]*\s*>", re.I)
_MARKUP_START = re.compile(r"<[a-z/!?]", re.I)
# Each element closed costs one more parse of the page. Real pages have none (0 of 662); a page
# with more unclosed ones than this keeps the rest as libxml2 read it.
MAX_CLOSED = 4
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


# --- parsing -------------------------------------------------------------------------------------


def parse(html: str) -> Element | None:
    """The page's tree (its <html> element), or None when it has no element at all (an empty
    page, only comments). Raises ParseFailed when the parser gives up.

    Two repairs follow libxml2 where it loses text that a browser shows or that a page plainly
    holds: what it strands after the first </body> goes back into <body>, and an unclosed
    <title>, <textarea>, <iframe>... that took in the rest of the page is closed, and the page
    parsed again."""
    if html.startswith("\ufeff"):
        html = html[1:]  # bs4 dropped a leading byte-order mark; so does this
    if _LONE_SURROGATE.search(html):
        # Only a str built in Python holds these (decoding bytes never makes one), e.g. read
        # with errors="surrogateescape": libxml2 takes UTF-8 and refused the whole page.
        LOGGER.warning("lone surrogates in the page replaced with U+FFFD")
        html = _LONE_SURROGATE.sub("\ufffd", html)
    try:
        root = _parse_once(html)
        for _ in range(MAX_CLOSED):
            swallowing = _swallowing(root) if root is not None else None
            if swallowing is None:
                break
            closed = _close_early(html, swallowing)
            if closed is None:
                break
            LOGGER.debug("unclosed <%s> took in the rest of the page: closed", swallowing.tag)
            html = closed
            root = _parse_once(html)
    except Exception as exc:  # lxml raises a variety of errors on pathological input
        raise ParseFailed(f"the HTML parser failed: {exc}") from exc
    return root


def _parse_once(html: str) -> Element | None:
    root = _feed(etree.HTMLParser(**PARSER_OPTIONS), html)
    if root is not None and _REACHES_MAX_DEPTH(root):
        LOGGER.debug("page nested %d deep: built again from parser events", NATIVE_MAX_DEPTH)
        root = _feed(etree.HTMLParser(target=_EventTree(), **PARSER_OPTIONS), html)
    if root is not None:
        _rehome_stranded(root)
    return root


def _feed(parser: etree.HTMLParser, html: str) -> Element | None:
    """Parse through the feed interface, as bs4 did: unlike fromstring() it takes a str that
    declares its encoding (<?xml ... encoding=...?>)."""
    parser.feed(html)
    return parser.close()


# True when the tree holds an element NATIVE_MAX_DEPTH deep (one libxml2 walk, no Python loop).
_REACHES_MAX_DEPTH = etree.XPath("boolean(/*" + "/*" * (NATIVE_MAX_DEPTH - 1) + ")")


def _rehome_stranded(root: Element) -> None:
    """Move into the first <body> what libxml2 leaves outside it: the nodes after it in <html>
    (a stray </body>, a second <body>) and the <html> elements it starts after a stray </html>,
    which parse() would never return. Browsers put all of it at the end of <body> (HTML's
    "after body" rule); the clean stage reads only the first <body>. Their <head>s stay out."""
    body = root.find("body")
    if body is None:
        return
    after = [*body.itersiblings(), *(n for n in root.itersiblings() if is_element(n))]
    stranded = any(is_element(n) or (n.tail or "").strip() for n in after)
    if not stranded and not (body.tail or "").strip():
        return
    _append_text(body, body.tail)
    body.tail = None
    _move_into(body, after)


def _move_into(body: Element, nodes: list[Element]) -> None:
    """Append the nodes and their tails to `body`, in order. A <body> or an <html> among them
    gives its content instead and is removed (a top-level one cannot be: it stays, empty, where
    parse() never looks); a <head> is removed with its content."""
    todo: list[Element | str] = list(reversed(nodes))  # a stack: what comes next is on top
    while todo:
        node = todo.pop()
        if isinstance(node, str):
            _append_text(body, node)
            continue
        tail, node.tail = node.tail, None
        if tail:
            todo.append(tail)
        if not is_element(node) or node.tag not in ("body", "html", "head"):
            body.append(node)
            continue
        text, node.text = node.text, None
        if node.tag != "head":
            todo.extend(reversed(node))
            todo.extend([text] if text else [])
        if (parent := node.getparent()) is not None:
            parent.remove(node)


def _append_text(parent: Element, text: str | None) -> None:
    """Add `text` at the end of `parent`: after its last child, or as its text."""
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _swallowing(root: Element) -> Element | None:
    """The unclosed element of SWALLOWING_TAGS that took in the rest of the page: the last
    element, with markup in its text. A browser shows none of that text either; libxml2 2.12
    parsed it as markup, and so does a page with the element closed."""
    last = _last_element(root)
    if last.tag in SWALLOWING_TAGS and _END_TAG.search(last.text or ""):
        return last
    return None


def _last_element(root: Element) -> Element:
    """The last element in document order, found from the end (a page may nest 20,000 deep)."""
    node = root
    while True:
        child = node[-1] if len(node) else None
        while child is not None and not is_element(child):
            child = child.getprevious()
        if child is None:
            return node
        node = child


def _close_early(html: str, element: Element) -> str | None:
    """`html` with an end tag for `element` where its first markup begins, so that what it took
    in is parsed as markup; None when its start tag cannot be found (a tree built from parser
    events has no line numbers)."""
    if element.sourceline is None:
        return None
    offset = 0
    for _ in range(element.sourceline - 1):
        offset = html.find("\n", offset) + 1
        if not offset:
            return None
    start = re.compile(rf"<{element.tag}(?=[\s/>])[^>]*>", re.I).search(html, offset)
    markup = _MARKUP_START.search(html, start.end()) if start else None
    if markup is None:
        return None
    return f"{html[: markup.start()]}</{element.tag}>{html[markup.start() :]}"


class _EventTree:
    """A parser target that builds the tree from the parser's events, as bs4 did, so without
    libxml2's depth limit: an end tag closes the latest open element of its name and all opened
    after it, and one with no open element of its name is ignored."""

    def __init__(self) -> None:
        self._maker = etree.HTMLParser()  # makes elements that take any HTML tag name
        self._root: Element | None = None
        self._open: list[tuple[str, Element]] = []
        self._names: Counter[str] = Counter()
        self._text: list[str] = []

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self._flush()
        if self._root is None:
            element = self._root = self._maker.makeelement(self._valid(tag))
        else:
            parent = self._open[-1][1] if self._open else self._root
            element = etree.SubElement(parent, self._valid(tag))
        for key, value in attrib.items():
            try:
                element.set(key, value)
            except ValueError:  # a name lxml cannot store: no attribute we read
                continue
        self._open.append((tag, element))
        self._names[tag] += 1

    def end(self, tag: str) -> None:
        self._flush()
        if not self._names[tag]:
            return
        while self._open:
            name, _ = self._open.pop()
            self._names[name] -= 1
            if name == tag:
                return

    def data(self, text: str) -> None:
        self._text.append(text)

    def comment(self, text: str) -> None:
        self._flush()
        if self._open:
            self._open[-1][1].append(etree.Comment())  # a string boundary, as in a parsed tree

    def pi(self, target: str, data: str | None = None) -> None:
        self.comment(target)

    def close(self) -> Element | None:
        self._flush()
        return self._root

    def _flush(self) -> None:
        """Add the text read since the last event where it goes: into the open element, or
        after its last child. Text outside the <html> element is whitespace, and dropped."""
        if not self._text or not self._open:
            self._text = []
            return
        text, self._text = "".join(self._text), []
        element = self._open[-1][1]
        if len(element):
            last = element[-1]
            last.tail = (last.tail or "") + xml_safe(text)
        else:
            element.text = (element.text or "") + xml_safe(text)

    def _valid(self, tag: str) -> str:
        """`tag`, or a name of no meaning to the clean stage if lxml cannot store it."""
        try:
            self._maker.makeelement(tag)
        except ValueError:
            return "x-invalid"
        return tag


# --- reading -------------------------------------------------------------------------------------


def is_element(node: Element) -> bool:
    """An element, not a comment or a processing instruction (whose `.tag` is a function)."""
    return isinstance(node.tag, str)


def classes(element: Element) -> list[str]:
    """The words of the class attribute (bs4 gave them as a list)."""
    return (element.get("class") or "").split()


def text_of(
    element: Element, separator: str = "", strip: bool = False, *, plain: bool = False
) -> str:
    """The element's text as bs4's get_text() read it, which the thresholds were tuned on: its
    `strings` joined by `separator`, each stripped and empty ones skipped when `strip`."""
    parts = strings(element, plain=plain)
    if strip:
        return separator.join(s for s in (string.strip() for string in parts) if s)
    return separator.join(parts)


def strings(element: Element, *, plain: bool = False) -> Iterable[str]:
    """The runs of text under `element`, in document order: between two tags, comments or
    removed elements, a run is one string. The text of <rt>, <rp>, <script>, <style> and
    <template> counts only within that element itself (bs4's string types). `plain` says
    that is_plain() holds for `element` or an element around it: no need to look."""
    if plain or is_plain(element):
        return element.itertext()
    return _strings_of_own_kind(element)


def is_plain(element: Element) -> bool:
    """No string container around or inside `element` (the usual case), so that its text and
    that of every element inside it is all its strings."""
    return (
        element.tag not in STRING_CONTAINERS
        and next(element.iterdescendants(*STRING_CONTAINERS), None) is None
        and next(element.iterancestors(*STRING_CONTAINERS), None) is None
    )


def short_text(element: Element, max_words: int) -> str | None:
    """text_of(element, " ", strip=True), or None as soon as it passes `max_words` words (a
    label is looked for: a container of the whole article need not be read to the end)."""
    kept: list[str] = []
    words = 0
    for string in strings(element):
        string = string.strip()
        if string:
            words += len(string.split())
            if words > max_words:
                return None
            kept.append(string)
    return " ".join(kept)


# An element's stripped strings and their words, while they are at most max_words; else None.
_Head = tuple[list[str], int] | None


def short_texts(root: Element, max_words: int) -> dict[Element, str | None]:
    """short_text() of `root` and of every element under it, read children first, so that each
    string is read once rather than once per ancestor (a page may nest 20,000 deep)."""
    elements = list(root.iter(etree.Element))
    if not is_plain(root):
        return {e: short_text(e, max_words) for e in elements}  # rare: <rt>, <rp>
    heads: dict[Element, _Head] = {}
    for element in reversed(elements):
        heads[element] = _head(element, heads, max_words)
    return {e: " ".join(head[0]) if head is not None else None for e, head in heads.items()}


def _head(element: Element, heads: dict[Element, _Head], max_words: int) -> _Head:
    pieces: list[str | Element | None] = [element.text]
    for child in element:
        if is_element(child):
            pieces.append(child)
        pieces.append(child.tail)
    kept: list[str] = []
    words = 0
    for piece in pieces:
        if piece is None:
            continue
        if isinstance(piece, str):
            stripped = piece.strip()
            if not stripped:
                continue
            part, count = [stripped], len(stripped.split())
        else:
            head = heads[piece]
            if head is None:
                return None
            part, count = head
        words += count
        if words > max_words:
            return None
        kept.extend(part)
    return kept, words


def _strings_of_own_kind(element: Element) -> Iterator[str]:
    """The strings under `element` whose innermost string container is that of `element`."""
    outer = next(element.iterancestors(*STRING_CONTAINERS), None)
    own = element.tag if element.tag in STRING_CONTAINERS else None
    kind = own or (outer.tag if outer is not None else None)
    for string, container in _typed_strings(element, kind):
        if container == own:
            yield string


def _typed_strings(element: Element, kind: str | None) -> Iterator[tuple[str, str | None]]:
    """Each string under `element` in document order, with its innermost string container."""
    if element.text:
        yield element.text, kind
    stack = [(element, iter(element), kind)]
    while stack:
        node, children, kind = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if stack and node.tail:
                yield node.tail, stack[-1][2]
        elif is_element(child):
            inner = child.tag if child.tag in STRING_CONTAINERS else kind
            if child.text:
                yield child.text, inner
            stack.append((child, iter(child), inner))
        elif child.tail:
            yield child.tail, kind


# --- removing ------------------------------------------------------------------------------------


def drop(element: Element) -> None:
    """Remove `element` with everything in it, as bs4's decompose() did: the text after it stays
    a string of its own (an empty comment takes its place and keeps it), and the element and
    its descendants are renamed GONE, so that a list of elements taken before can skip them."""
    for node in element.iter(etree.Element):
        node.tag = GONE
    parent = element.getparent()
    if parent is None:  # the root: what is left of the page is nothing
        element.clear()
        return
    if element.tail:
        marker = _marker(element.tail)
        element.tail = None
        parent.replace(element, marker)
    else:
        parent.remove(element)


def is_gone(element: Element) -> bool:
    """Whether `element` was removed by `drop`, itself or with an ancestor."""
    return element.tag == GONE


def unwrap(element: Element) -> None:
    """Put the element's children in its place, as bs4's unwrap() did: its text and its tail
    stay strings of their own, each kept by an empty comment."""
    parent = element.getparent()
    if parent is None:
        return  # the root: nothing to put its children into
    nodes = [_marker(element.text)] if element.text else []
    nodes.extend(element)
    if element.tail:
        nodes.append(_marker(element.tail))
    element.text = element.tail = None
    index = parent.index(element)
    parent[index : index + 1] = nodes


def _marker(tail: str) -> Element:
    """An empty comment that holds `tail` as a string of its own."""
    marker = etree.Comment()
    marker.tail = xml_safe(tail)
    return marker


# What lxml refuses to store although libxml2's HTML parser lets it into a tree: C0 controls
# other than tab and line breaks, lone surrogates, U+FFFE and U+FFFF. Vertical tab and form feed
# are blanks to clean.normalize_space, so they become spaces; the others are no text.
_BLANK_CONTROLS = str.maketrans({"\x0b": " ", "\x0c": " "})
_NOT_XML = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """`text` as lxml accepts it for an element's text or tail."""
    return _NOT_XML.sub("", text.translate(_BLANK_CONTROLS))
