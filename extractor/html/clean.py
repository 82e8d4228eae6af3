"""Clean stage: HTML text -> the page's main content as a flat list of typed blocks.

dom.py parses the page with lxml (libxml2's HTML parser, which repairs unclosed and stray
tags). Junk (scripts, styles, hidden elements, small forms) goes first; then page chrome (nav,
aside, footer, a <header> outside the article, class/id-marked boxes); then content.py finds
the main-content container by text and link density and prunes what it still holds. Blocks keep
what the segmenter needs: the tag, the heading level, whether the whole block is bold, and
list/table context. The title is the first <h1> of the main content that is not the site's name.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from lxml import etree

from extractor.errors import NoContent
from extractor.html import boilerplate, content, language, metadata
from extractor.html.dom import (
    BLOCK_TAGS,
    Element,
    classes,
    drop,
    is_element,
    is_gone,
    is_plain,
    parse,
    short_text,
    short_texts,
    text_of,
    unwrap,
)

# Never content, wherever they are.
JUNK_TAGS = (
    "script", "style", "noscript", "template", "iframe", "svg", "canvas", "object", "embed",
    "button", "input", "select", "textarea", "link", "meta", "head", "dialog",
)  # fmt: skip
# Page chrome. A <header> inside <article>/<main> usually holds the title and stays.
CHROME_TAGS = ("nav", "aside", "footer")
# A <form> this short is a search or login box; a longer one wraps the page (ASP.NET) and stays.
FORM_MAX_CHARS = 300

HEADING_TAGS = {f"h{i}": i for i in range(1, 7)}
BOLD_TAGS = frozenset({"strong", "b"})
_SPACE = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200b\u3000]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(bold|[6-9]00)", re.I)


@dataclass(frozen=True)
class Block:
    """One block of main-content text in reading order."""

    tag: str  # the HTML element that holds the text: p, h2, li, dt, td, figcaption...
    text: str
    level: int = 0  # 1-6 for h1-h6, else 0
    bold: bool = False  # the whole text is bold
    in_list: bool = False
    in_table: bool = False
    caption: bool = False  # a figure caption, or text in a caption/credit box
    # a date line found only by its place under the headline: its day yields to a publication
    # meta tag (a site's meta times are often UTC: its US evening story is the next day there)
    by_place: bool = False
    page: int = 0  # the page of a PDF the block is on (1-based); 0 for HTML


@dataclass(frozen=True)
class CleanPage:
    """Main content and page metadata."""

    title: str | None
    blocks: tuple[Block, ...]
    language: str | None
    canonical_url: str | None
    meta_published: str | None  # raw value of a publication-date meta tag, if any
    html_title: str | None  # <title>, a fallback for the document title
    day_first: bool = False  # the page's locale writes 07/03/2022 for 7 March
    description: str | None = None  # the page's own summary (<meta name="description">)
    media_type: str = "text/html"  # or application/pdf: a PDF read by extractor.pdf
    page_count: int | None = None  # a PDF's pages


def clean(html: str) -> CleanPage:
    """Parse `html` and return its main content; raises NoContent when nothing is left."""
    root = parse(html)
    if root is None:
        raise NoContent("no main-content text remains once boilerplate is removed")

    head = metadata.read(root)  # before the tree is pruned
    html_title = head.html_title
    fallback_title = head.og_title or (metadata.title_head(html_title) if html_title else None)
    site_names = set(head.site_names)

    kept = _drop_junk(root)  # hidden boxes a reader opens, which the class rules keep whole
    # Stories in dialogs are read after the page, and not measured with it: they would win
    # the main-content search over the teasers that open them.
    in_order = [box for box in root.iter(etree.Element) if box in kept] if kept else []
    dialogs = [box for box in in_order if _is_dialog(box) and not content.inside(box, kept)]
    for dialog in dialogs:
        _take_out(dialog)
    kept.difference_update(box for box in list(kept) if _is_dialog(box))
    body = next(root.iter("body"), root)
    # before the chrome goes: it may sit in the article's footer or the headline's byline box
    titles = [metadata.title_head(t) for t in (head.og_title, html_title) if t]
    dateline = _dateline(body) or _headline_dateline(body, titles)
    stats = content.measure(body)
    page_prose = stats[body].prose
    labels = _menu_labels(body)
    site_names |= labels
    photos = _drop_chrome(body, page_prose, stats, kept)
    parts = content.find_main(body, stats)
    dateline = dateline or _date_heading_before(parts[0], body, stats)
    lead_photo = _lead_photo_before(parts[0], body, stats, photos)
    blocks: list[Block] = []
    for part in parts:
        content.prune(part, page_prose, stats, kept)  # the parts do not overlap
        blocks.extend(_blocks(part))
    for dialog in dialogs:
        blocks.extend(_blocks(dialog))
    if lead_photo is not None and not any(lead_photo.text in b.text for b in blocks):
        blocks.insert(0, lead_photo)
    blocks = _drop_noise(blocks)
    title, blocks = _take_title(blocks, body, site_names, labels, fallback_title)
    blocks = _with_dateline(blocks, dateline)
    if not blocks and not title:
        raise NoContent("no main-content text remains once boilerplate is removed")
    text = "\n".join(b.text for b in blocks)
    return CleanPage(
        title=title,
        blocks=tuple(blocks),
        language=language.detect(text, head.language),
        canonical_url=head.canonical_url,
        meta_published=head.published,
        html_title=html_title,
        day_first=metadata.writes_day_first(head.locale),
        description=head.description,
    )


@dataclass(frozen=True)
class _Dateline:
    """The article's own date line ("Posted on December 12, 2017"), and whether it comes before
    the article's first paragraph (a header) or after it (a footer)."""

    text: str
    day: str  # the written day in it
    on_top: bool
    by_place: bool = False  # found by its place under the headline, with no label or <article>


def _dateline(body: Element) -> _Dateline | None:
    """The first short line of an <article> (or <main>) that writes a day with its year, with a
    label before it ("Posted on"). Pages put it in the article's header or footer, often as a
    link or beside share buttons, where the chrome and link-density rules would remove it; it
    is the article's dateline, which is content. Lines in lists, comments and related boxes do
    not count."""
    article = next(body.iter("article"), None)
    if article is None:
        article = next(body.iter("main"), None)
    if article is None:
        return None
    texts = short_texts(article, DATELINE_MAX_WORDS)
    paragraph_seen = False
    for element in article.iter(etree.Element):
        text = texts.get(element)
        if element.tag == "p" and text is None:
            paragraph_seen = True  # a paragraph longer than a dateline: the body has begun
        if text is None or (day := content.DATELINE_DAY.search(text)) is None:
            continue
        if any(content.DATELINE_DAY.search(texts.get(child) or "") for child in element):
            continue  # the innermost element that writes it comes next
        if not _may_hold_dateline(element, article) and not _marked_published(element, article):
            continue
        # up over a label before it ("Posted on", "Published:"), not over what follows it
        line = element
        while (parent := line.getparent()) is not None and parent is not article:
            above = texts.get(parent)
            if above is None or not above.endswith(texts.get(line) or "") or _has_heading(parent):
                break
            if len(above.split()) - len((texts.get(line) or "").split()) > DATELINE_LABEL_WORDS:
                break
            line = parent
        text = texts.get(line) or text
        return _Dateline(normalize_space(text), day.group(0), on_top=not paragraph_seen)
    return None


def _marked_published(element: Element, article: Element) -> bool:
    """Whether the line is the article's own publication time by its markup (schema.org's
    itemprop="datePublished", HTML5's pubdate), as an <aside> of author, time and permalink
    at the article's foot writes it; never in a comment or related box."""
    if not any(map(metadata.marks_publication, element.iter(etree.Element))):
        return False
    for tag in element.iterancestors():
        if tag is article:
            return True
        if DATELINE_NOT_CLASS.search(tag.get("class") or ""):
            return False
    return True


def _headline_dateline(body: Element, titles: Sequence[str] = ()) -> _Dateline | None:
    """The date line between the page's headline and its first paragraph, on pages with no
    dateline in an <article>: "By NAME | 10/9/10 7:15 AM EDT" or "Updated: August 13, 2010"
    in a byline box that the chrome rules would remove. The headline is the <h1> closest
    before a paragraph (a section's <h1> over a column comes far before one); the line may sit
    just above it, in the same header box. The nearest such line to the headline wins."""
    elements = list(body.iter(etree.Element))
    where = {element: i for i, element in enumerate(elements)}
    texts = short_texts(body, DATELINE_MAX_WORDS)
    paragraphs = [i for i, e in enumerate(elements) if e.tag == "p" and texts.get(e) is None]
    best: tuple[int, int] | None = None  # (headline, first paragraph after it)
    lone: tuple[int, int] | None = None  # a page of no prose (an event's): the first headline
    headlines = [h for h in body.iter("h1") if text_of(h, " ", strip=True)]
    # the page's <title> names its headline: an <h1> it holds comes before "Comment on this
    # article" over the comment form
    named = [h for h in headlines if _named_by(h, titles)]
    for headline in named or headlines:  # (a named headline always gives `best` or `lone`)
        i = where[headline]
        after = next((j for j in paragraphs if j > i), None)
        if after is None or after - i > HEADLINE_BODY_MAX_ELEMENTS:
            # no paragraph follows, or only far below (a body of <br> lines in a <div>)
            lone = lone or (i, min(i + HEADLINE_LINES_MAX_ELEMENTS, len(elements)))
            continue
        gap = after - i
        if best is None or gap < best[1] - best[0]:
            best = (i, after)
    best = best or lone
    if best is None:
        return None
    headline, first = best
    found: list[tuple[int, Element, re.Match[str], str]] = []
    for i in range(max(0, headline - DATELINE_BEFORE_HEADLINE), first):
        element = elements[i]
        text = texts.get(element) or _own_text(element)
        if i == headline or text is None or (day := content.DATELINE_DAY.search(text)) is None:
            continue
        if any(content.DATELINE_DAY.search(texts.get(child) or "") for child in element):
            continue  # the innermost element that writes it comes next
        # between a headline and its body, a "comments" class names the link to the comments
        if not _may_hold_dateline(
            element, body, HEADLINE_DATELINE_NOT_IN, HEADLINE_DATELINE_NOT_CLASS
        ):
            continue
        if i < headline and not _shares_box(element, elements[headline]):
            continue  # above the headline only in its own header box, not a column before it
        # a line after the headline before one above it
        distance = i - headline if i > headline else headline - i + DATELINE_BEFORE_HEADLINE
        found.append((distance, element, day, text))
    if not found:
        return None
    _, element, day, text = min(found, key=lambda f: f[0])
    return _Dateline(normalize_space(text), day.group(0), on_top=True, by_place=True)


def _named_by(headline: Element, titles: Sequence[str]) -> bool:
    """Whether the headline is most of a title's head ("Story | Site" -> "Story"): a site's
    logo <h1> is not."""
    words = normalize_space(text_of(headline, " ", strip=True)).casefold()
    return len(words) >= HEADLINE_MIN_CHARS and any(
        words in t.casefold() and 2 * len(words) >= len(t) for t in titles
    )


# A headline this short ("News") is no evidence of being the page's title.
HEADLINE_MIN_CHARS = 12


def _own_text(element: Element) -> str | None:
    """The text an element writes itself, between its children, when short: the date of a
    byline written after the author's link and before a tag list ("By <a>NAME</a> | Friday June
    7, 2013 @ 6:43pm EDT<span>Tags: ...</span>")."""
    own = normalize_space(" ".join([element.text or "", *(c.tail or "" for c in element)]))
    return own if own and len(own.split()) <= DATELINE_MAX_WORDS else None


def _shares_box(element: Element, headline: Element) -> bool:
    """`element` is inside the headline's parent or grandparent: the same header box."""
    box = headline.getparent()
    for _ in range(HEADLINE_BOX_LEVELS):
        if box is None:
            return False
        if element in box.iterdescendants():
            return True
        box = box.getparent()
    return False


def _has_heading(element: Element) -> bool:
    return (
        element.tag in HEADING_TAGS
        or next(element.iterdescendants(*HEADING_TAGS), None) is not None
    )


def _may_hold_dateline(
    element: Element,
    top: Element,
    not_in: frozenset[str] = frozenset(),
    not_class: re.Pattern[str] | None = None,
) -> bool:
    """Whether `element`, up to `top`, is in none of the boxes that hold other items' dates
    (lists, asides, related boxes...): DATELINE_NOT_IN and DATELINE_NOT_CLASS unless given."""
    not_in = not_in or DATELINE_NOT_IN
    not_class = not_class or DATELINE_NOT_CLASS
    for tag in itertools.chain([element], element.iterancestors()):
        if tag is top:
            return True
        if tag.tag in not_in or not_class.search(tag.get("class") or ""):
            return False
    return True


# A dateline is a short line; lists, asides and these boxes hold other items' dates.
DATELINE_MAX_WORDS = 12
# Words of a label before the date ("Last updated on").
DATELINE_LABEL_WORDS = 3
DATELINE_NOT_IN = frozenset(
    {"li", "nav", "aside", "form", "table", "blockquote", "figure", *HEADING_TAGS}
)
DATELINE_NOT_CLASS = re.compile(r"comment|related|recommend|popular|trending|teaser|card", re.I)
# A headline's date line: within this many elements before the headline (a header box that
# holds the date over the title), or after it up to the first paragraph when that comes within
# HEADLINE_BODY_MAX_ELEMENTS of the headline (else within HEADLINE_LINES_MAX_ELEMENTS).
DATELINE_BEFORE_HEADLINE = 8
HEADLINE_BODY_MAX_ELEMENTS = 200
HEADLINE_BOX_LEVELS = 2
# On a page with no paragraph after its headline (an event page of lists and links), the date
# line is looked for this far after the headline.
HEADLINE_LINES_MAX_ELEMENTS = 40
HEADLINE_DATELINE_NOT_IN = frozenset(
    {"li", "dl", "nav", "aside", "footer", "form", "blockquote", "figure", "h1"}
)
HEADLINE_DATELINE_NOT_CLASS = re.compile(r"related|recommend|popular|trending|teaser|card", re.I)


def _with_dateline(blocks: list[Block], dateline: _Dateline | None) -> list[Block]:
    """The blocks with the article's dateline, where cleaning removed it."""
    if dateline is None or any(dateline.day in block.text for block in blocks):
        return blocks
    line = Block("p", dateline.text, by_place=dateline.by_place)
    return [line, *blocks] if dateline.on_top else [*blocks, line]


def normalize_space(text: str) -> str:
    """Collapse all whitespace (&nbsp;, ideographic space, the source's line wrapping) to one
    space. Line breaks that mean something (<br>, blocks) already end a block."""
    return " ".join(_SPACE.sub(" ", text).split())


def _is_hidden(tag: Element) -> bool:
    if tag.get("hidden") is not None:
        return True
    if tag.get("aria-hidden") == "true" and not _aria_hidden_is_visible(tag):
        return True
    style = tag.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def _aria_hidden_is_visible(tag: Element) -> bool:
    """aria-hidden hides from screen readers only: a page shows a dateline so ("Mon 20 Jan
    2020 06.05 GMT", its accessible twin elsewhere). Other aria-hidden boxes are taken as
    hidden (closed menus and dialogs, decorative duplicates)."""
    text = short_text(tag, ARIA_DATELINE_MAX_WORDS)  # never reads a whole hidden menu
    return text is not None and bool(content.DATELINE_DAY.search(text))


# "Mon 20 Jan 2020 06.05 GMT Last modified on Mon 20 Jan 2020 06.07 GMT": two datelines.
ARIA_DATELINE_MAX_WORDS = 2 * DATELINE_MAX_WORDS


def _drop_junk(root: Element) -> set[Element]:
    """Remove junk tags, hidden elements and small forms, in one walk of the tree. Returns the
    hidden boxes it kept (`_shown_on_demand`)."""
    junk, hidden, forms = [], [], []
    kept: set[Element] = set()
    # A list holds every element while the loop runs: lxml frees an element object that is no
    # longer referenced, and freeing one whose parent is already freed walks up to the root,
    # which on a page nested 20,000 deep makes the loop quadratic.
    for node in list(root.iter(etree.Element)):
        if node.tag in _JUNK:
            junk.append(node)
        elif _is_hidden(node):
            if _shown_on_demand(node):
                kept.add(node)
            else:
                hidden.append(node)
        elif node.tag == "form":
            forms.append(node)
    for tag in junk + hidden:
        if not is_gone(tag):
            drop(tag)
    for form in forms:
        if is_gone(form):
            continue
        if len(text_of(form, " ", strip=True)) > FORM_MAX_CHARS:
            unwrap(form)
        else:
            drop(form)
    return kept


_JUNK = frozenset(JUNK_TAGS)


def _shown_on_demand(node: Element) -> bool:
    """Hidden content a reader opens: a slideshow's next caption (hidden until its slide
    comes), or a story in a dialog behind its teaser ("Read more" opens an annual report's
    letter). Never a consent, sign-up or search box."""
    words = " ".join(classes(node)) + " " + (node.get("id") or "")
    if ON_DEMAND_NEVER.search(words) or next(node.iter("form", "input"), None) is not None:
        return False
    text = text_of(node, " ", strip=True)
    links = sum(len(text_of(a, " ", strip=True)) for a in node.iter("a"))
    if links > ON_DEMAND_MAX_LINK_SHARE * max(len(text), 1):
        return False
    if _is_dialog(node):
        paragraphs = [p for p in node.iter("p") if len(text_of(p, " ", strip=True)) >= 80]
        return len(paragraphs) >= ON_DEMAND_MIN_PARAGRAPHS
    if not CAPTION_MIN_CHARS <= len(text) <= CAPTION_MAX_CHARS:
        return False
    before = node.getprevious()
    return (
        node.tag in ("figcaption", "cite", "figure")
        or bool(CAPTION_CLASS.search(words))
        or (before is not None and before.tag == "img")
    )


def _is_dialog(node: Element) -> bool:
    return node.get("role") == "dialog" or bool(MODAL_CLASS.search(" ".join(classes(node))))


def _take_out(element: Element) -> None:
    """Detach `element` from its tree whole, leaving the text after it in place."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        before = element.getprevious()
        if before is not None:
            before.tail = (before.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
        element.tail = None
    parent.remove(element)


# A dialog is a story when it holds this many paragraphs of 80 characters or more.
ON_DEMAND_MIN_PARAGRAPHS = 3
ON_DEMAND_MAX_LINK_SHARE = 0.2
CAPTION_MIN_CHARS = 40
CAPTION_MAX_CHARS = 600
MODAL_CLASS = re.compile(r"\bmodal\b|lightbox|popup", re.I)
ON_DEMAND_NEVER = re.compile(
    r"cookie|consent|gdpr|privacy|newsletter|subscri|sign-?(?:in|up)|log-?in|regist|search|"
    r"paywall|survey|video|player",
    re.I,
)


def _menu_labels(body: Element) -> set[str]:
    """Texts that are not a page's title: menu and breadcrumb links (an <h1> that repeats one
    is a section banner) and links to the home page (an <h1> that is one is the logo)."""
    # Whether an element is, or is inside, a nav or a chrome-classed box below `body`; each
    # element is decided once, from its parent's answer.
    in_menu: dict[Element, bool] = {body: False}

    def inside_menu(link: Element) -> bool:
        path = []
        node = link.getparent()
        while node is not None and node not in in_menu:
            path.append(node)
            node = node.getparent()
        answer = in_menu[node] if node is not None else False
        for parent in reversed(path):
            answer = answer or parent.tag == "nav" or content.class_weight(parent) < 0
            in_menu[parent] = answer
        return answer

    labels: set[str] = set()
    plain = is_plain(body)
    for link in body.iterdescendants("a"):
        if inside_menu(link) or HOME_LINK.match(link.get("href") or ""):
            labels.add(text_of(link, " ", strip=True, plain=plain).casefold())
    labels.discard("")
    return labels


# href of a link to the site's home page: "/", "./", "index.html", "https://host/".
HOME_LINK = re.compile(r"^(?:\.?/|(?:\.?/)?index\.\w+|https?://[^/]+/?)$", re.I)


def _drop_chrome(
    body: Element, page_prose: int, stats: dict[Element, content.Stats], kept: set[Element]
) -> set[Element]:
    """Remove nav/aside/footer, a <header> outside the article, and class-marked chrome, but not
    the boxes in `kept`; `stats`, the measure of `body`, is kept up to date. Returns the photo
    boxes it spared (also added to `kept`)."""
    photos: set[Element] = set()
    parents = []
    for tag in list(body.iterdescendants(*CHROME_TAGS)):
        if not is_gone(tag):
            parents.append(tag.getparent())
            drop(tag)
    for tag in list(body.iterdescendants("header")):
        if not is_gone(tag) and next(tag.iterancestors("article", "main"), None) is None:
            parents.append(tag.getparent())
            drop(tag)
    for table in list(body.iterdescendants("table")):
        if not is_gone(table) and _is_calendar(table):
            box = _calendar_box(table)
            parents.append(box.getparent())
            drop(box)
    content.remeasure(stats, parents)
    parents = []
    for tag in list(body.iterdescendants(etree.Element)):
        if is_gone(tag) or content.class_weight(tag) >= 0:
            continue
        if tag in kept or content.inside(tag, kept):
            continue
        if content.dates_the_document(tag, stats[tag]):
            continue
        if content.is_photo_box(tag, stats[tag]):
            photos.add(tag)  # with what it holds: its picture's wrapper may be marked too
            kept.add(tag)
            continue
        # Never let a class word remove most of the page's paragraphs: that is the content.
        if stats[tag].prose < content.PROTECT_SHARE * page_prose:
            parents.append(tag.getparent())
            drop(tag)
    content.remeasure(stats, parents)
    return photos


def _is_calendar(table: Element) -> bool:
    """A month's calendar widget: a row of weekday names ("Mo Tu We", "S M T W T F S") over
    cells that hold only day numbers."""
    cells = [text_of(cell, " ", strip=True) for cell in table.iter("td", "th")]
    weekdays = sum(cell.casefold() in CALENDAR_WEEKDAYS for cell in cells)
    if weekdays < CALENDAR_MIN_WEEKDAYS:
        return False
    others = [cell for cell in cells if cell and cell.casefold() not in CALENDAR_WEEKDAYS]
    return all(cell.isdigit() and 1 <= int(cell) <= 31 for cell in others)


def _calendar_box(table: Element) -> Element:
    """The calendar's own box: the table with its title ("« February, 2017 »"), when its
    parent holds no more than that."""
    parent = table.getparent()
    if parent is None or parent.tag == "body":
        return table
    outside = len(text_of(parent, " ", strip=True)) - len(text_of(table, " ", strip=True))
    return parent if outside <= CALENDAR_TITLE_MAX_CHARS else table


CALENDAR_WEEKDAYS = frozenset(
    """mo tu we th fr sa su mon tue wed thu fri sat sun m t w f s monday tuesday wednesday
    thursday friday saturday sunday""".split()
)
CALENDAR_MIN_WEEKDAYS = 5
CALENDAR_TITLE_MAX_CHARS = 40


# How far up from the main content, and how many siblings back, a date heading or the lead
# photo is looked for: Blogger's "date-header" sits three levels above the post's body, before
# the post's title.
BEFORE_MAIN_LEVELS = 4
BEFORE_MAIN_SIBLINGS = 3


def _boxes_before(main: Element, body: Element) -> Iterator[Element]:
    """The few boxes just before the main content, outside it, nearest first, up to
    BEFORE_MAIN_LEVELS ancestors of it (never the body's own children's siblings beyond)."""
    node: Element | None = main
    for _ in range(BEFORE_MAIN_LEVELS):
        if node is None or node is body:
            return
        yield from itertools.islice(
            node.itersiblings(etree.Element, preceding=True), BEFORE_MAIN_SIBLINGS
        )
        node = node.getparent()


def _date_heading_before(
    main: Element, body: Element, stats: dict[Element, content.Stats]
) -> _Dateline | None:
    """A date heading just before the main content, outside it: a blog's "Wednesday, March 30,
    2011" over the post it dates (the post's title may come between)."""
    for sibling in _boxes_before(main, body):
        s = stats.get(sibling)
        if s is not None and s.text and content.is_date_heading(sibling, s):
            text = normalize_space(text_of(sibling, " ", strip=True))
            return _Dateline(text, text, on_top=True)
    return None


def _lead_photo_before(
    main: Element, body: Element, stats: dict[Element, content.Stats], photos: set[Element]
) -> Block | None:
    """The caption of the article's lead photo, in a box just before the main content (the
    story's header or a lead-media module above its body): "FILE - In this March 2, 2011
    file photo, ..."."""
    for sibling in _boxes_before(main, body):
        boxes = [
            (s.text, box)
            for box in sibling.iter(etree.Element)
            if (s := stats.get(box)) is not None and (box in photos or content.is_photo_box(box, s))
        ]
        if boxes:  # the innermost: the picture and its caption, not the header around them
            text = normalize_space(text_of(min(boxes, key=lambda b: b[0])[1], " ", strip=True))
            return Block("figcaption", text, caption=True)
    return None


@dataclass
class _Frame:
    """An element whose children the block walk is reading."""

    element: Element
    owner: Element  # the block the text belongs to: the element itself, or its nearest block
    bold: bool
    children: Iterator[Element]


def _blocks(container: Element) -> Iterator[Block]:
    """Walk the tree in reading order; text between block boundaries becomes one Block. A loop
    over a stack of frames, not recursion: a page may nest thousands of elements deep."""
    buffer: list[str] = []
    bold_chars = 0
    data_tables: dict[Element, bool] = {}
    caption_boxes: dict[Element, bool] = {}

    def in_data_table(owner: Element) -> bool:
        table = owner if owner.tag == "table" else next(owner.iterancestors("table"), None)
        if table is None:
            return False
        if table not in data_tables:
            data_tables[table] = _is_data_table(table)
        return data_tables[table]

    ended: Element | None = None  # the element that ended since the last text, if any

    def add(text: str | None, bold: bool, opening: bool = False) -> None:
        nonlocal bold_chars, ended
        if text:
            if ended is not None and buffer and _drawn_apart(ended, buffer[-1], text, opening):
                buffer.append(" ")
            ended = None
            buffer.append(text)
            if bold:
                bold_chars += len("".join(text.split()))

    def flush(owner: Element) -> Iterator[Block]:
        nonlocal buffer, bold_chars
        text = normalize_space("".join(buffer))
        if text:
            visible = len(text) - text.count(" ")  # normalize_space left no other space
            yield Block(
                tag=owner.tag,
                text=text,
                level=HEADING_TAGS.get(owner.tag, 0),
                bold=bold_chars >= visible > 0 or _styled_bold(owner),
                in_list=_in_list(owner),
                in_table=in_data_table(owner),
                caption=_is_caption(owner, caption_boxes),
            )
        buffer, bold_chars = [], 0

    add(container.text, False)
    stack = [_Frame(container, container, False, iter(container))]
    while stack:
        frame = stack[-1]
        child = next(frame.children, None)
        if child is None:  # the element ends
            stack.pop()
            if not stack:
                break
            if frame.owner is frame.element:
                yield from flush(frame.element)
            ended = frame.element
            add(frame.element.tail, stack[-1].bold)
        elif not is_element(child):
            add(child.tail, frame.bold)
        elif child.tag == "br":
            # A line break ends a block: in old layouts, bold lines between <br> are the
            # headings, and "Date: ...<br>Venue: ..." are separate meta lines.
            yield from flush(frame.owner)
            add(child.tail, frame.bold)
        elif child.tag in BLOCK_TAGS:
            yield from flush(frame.owner)
            add(child.text, False)
            stack.append(_Frame(child, child, False, iter(child)))
        elif child.tag == "img":
            add(child.tail, frame.bold)
        else:
            bold = frame.bold or child.tag in BOLD_TAGS or _styled_bold(child)
            add(child.text, bold, opening=True)
            stack.append(_Frame(child, frame.owner, bold, iter(child)))
    yield from flush(container)


def _drawn_apart(ended: Element, before: str, after: str, opening: bool) -> bool:
    """Whether the texts either side of an element's end are parted on screen by what a
    stylesheet draws, though no space is written: after a <time> or an empty box (a divider)
    any two words or numbers ("<time>Mar 27</time><span class=divider></span>14 min"); after
    another element, a number and the capitalized first word of the next element
    ("2016</span><span>Author:"). "201</em>9" stays one number, "H<sub>2</sub>O" one formula."""
    last, first = before[-1:], after[:1]
    if not (last.isalnum() and first.isalnum()):
        return False
    if ended.tag == "time" or (len(ended) == 0 and not (ended.text or "").strip()):
        return True
    return opening and last.isdigit() and first.isupper()


def _in_list(owner: Element) -> bool:
    return next(owner.iterancestors("ul", "ol"), None) is not None or owner.tag == "li"


def _is_caption(owner: Element, caption_boxes: dict[Element, bool]) -> bool:
    """A figure caption, or text inside a caption/credit box of the article."""
    if owner.tag in ("figcaption", "caption"):
        return True
    if next(owner.iterancestors("figcaption"), None) is not None:
        return True
    for tag in itertools.chain((owner,), owner.iterancestors()):
        if tag.tag in ("article", "main", "body"):
            break
        if tag not in caption_boxes:
            caption_boxes[tag] = bool(CAPTION_CLASS.search(" ".join(classes(tag))))
        if caption_boxes[tag]:
            return True
    return False


# Class words of boxes that hold a picture's caption or credit.
CAPTION_CLASS = re.compile(r"caption|cutline|credit|photo-?desc|image-?desc|wp-caption", re.I)


def _is_data_table(table: Element) -> bool:
    """A table of short cells (a schedule, a list of figures), not a page-layout grid."""
    if next(table.iterdescendants("table"), None) is not None:
        return False
    cells = list(table.iterdescendants("td", "th"))
    return bool(cells) and (
        max(len(text_of(c, " ", strip=True)) for c in cells) <= DATA_CELL_MAX_CHARS
    )


# Cells of a data table hold a date, a time, a session title; a layout table's cell holds
# the page.
DATA_CELL_MAX_CHARS = 300


def _drop_noise(blocks: list[Block]) -> list[Block]:
    """Drop interface labels, credits and near copies of a block (galleries, carousels)."""
    kept: list[Block] = []
    for block in blocks:
        if block.level == 0 and boilerplate.is_noise_line(block.text):
            continue
        recent = {b.text.casefold() for b in kept[-boilerplate.REPEAT_WINDOW :]}
        if len(block.text) >= boilerplate.REPEAT_MIN_CHARS and block.text.casefold() in recent:
            continue
        kept.append(block)
    return kept


def _styled_bold(tag: Element) -> bool:
    style = tag.get("style")
    return bool(style and _BOLD_STYLE.search(style))


def _take_title(
    blocks: list[Block],
    body: Element,
    site_names: set[str],
    labels: set[str],
    fallback: str | None,
) -> tuple[str | None, list[Block]]:
    """The report's own main heading, and the blocks without it.

    In order: the first <h1> of the main content that is not the site's name or a menu label
    (short labels before it, a category or report type, are dropped); the first such <h1> of
    the page; a heading or bold line that opens the main content (sites whose <h1> is a banner,
    old layouts with <font><b> titles); og:title or <title>.
    """
    for i, block in enumerate(blocks):
        if block.level == 1 and block.text.casefold() not in site_names:
            return block.text.replace("\n", " "), _after_title(blocks, i)
    for h1 in body.iterdescendants("h1"):
        text = normalize_space(text_of(h1, " ")).replace("\n", " ")
        if text and text.casefold() not in site_names:
            return text, blocks
    for i, block in enumerate(blocks[:TITLE_SEARCH_BLOCKS]):
        if content.DATE_HEADING.fullmatch(block.text):
            continue  # a blog's date header over the post's title
        heading_like = block.level or (block.bold and not block.in_list and not block.in_table)
        # Only menu labels here: a <title> part may be this very heading ("Site - Title").
        known = block.text.casefold() in labels
        if heading_like and not known and len(block.text.split()) <= TITLE_MAX_WORDS:
            return block.text.replace("\n", " "), _after_title(blocks, i)
        if len(block.text.split()) > PRE_TITLE_MAX_WORDS:
            break
    return fallback, blocks


def _after_title(blocks: list[Block], i: int) -> list[Block]:
    """The blocks without the title at i, and without the short labels before it; a date line
    there ("02.12.19" over the headline) is the article's dateline and stays."""
    before = [
        b
        for b in blocks[:i]
        if len(b.text.split()) > PRE_TITLE_MAX_WORDS or content.DATE_HEADING.fullmatch(b.text)
    ]
    return before + blocks[i + 1 :]


# A title that opens the content sits among its first few blocks, after short labels only.
TITLE_SEARCH_BLOCKS = 4
TITLE_MAX_WORDS = 30
# Category labels and report-type kickers above the title are a few words long; a longer
# block before the <h1> is real text (a lead or a dateline) and is kept.
PRE_TITLE_MAX_WORDS = 8
