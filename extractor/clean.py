"""Clean stage: HTML text -> the page's main content as a flat list of typed blocks.

BeautifulSoup with lxml builds the tree (lxml repairs unclosed and stray tags). Junk (scripts,
styles, hidden elements, small forms, comments) goes first; then page chrome (nav, aside, footer,
a <header> outside the article, class/id-marked boxes); then content.py finds the main-content
container by text and link density and prunes what it still holds. Blocks keep what the
segmenter needs: the tag, the heading level, whether the whole block is bold, and list/table
context. The title is the first <h1> of the main content that is not the site's name.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from bs4.element import Doctype, ProcessingInstruction

from . import boilerplate, content, language, metadata
from .errors import NoContent, ParseFailed

LOGGER = logging.getLogger(__name__)

# Never content, wherever they are.
JUNK_TAGS = (
    "script", "style", "noscript", "template", "iframe", "svg", "canvas", "object", "embed",
    "button", "input", "select", "textarea", "link", "meta", "head", "dialog",
)  # fmt: skip
# Page chrome. A <header> inside <article>/<main> usually holds the title and stays.
CHROME_TAGS = ("nav", "aside", "footer")
# A <form> this short is a search or login box; a longer one wraps the page (ASP.NET) and stays.
FORM_MAX_CHARS = 300

BLOCK_TAGS = frozenset(
    """p div h1 h2 h3 h4 h5 h6 li dt dd td th tr table ul ol dl blockquote pre figure figcaption
    section article main address center caption summary details hr header""".split()
)
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


def clean(html: str) -> CleanPage:
    """Parse `html` and return its main content; raises NoContent when nothing is left."""
    try:
        soup = BeautifulSoup(html, "lxml")
    except Exception as exc:  # lxml raises a variety of errors on pathological input
        raise ParseFailed(f"the HTML parser failed: {exc}") from exc

    head = metadata.read(soup)  # before the tree is pruned
    html_title = head.html_title
    fallback_title = head.og_title or (metadata.title_head(html_title) if html_title else None)
    site_names = set(head.site_names)

    _drop_junk(soup)
    body = soup.body if isinstance(soup.body, Tag) else soup
    page_prose = content.measure(body)[id(body)].prose
    labels = _menu_labels(body)
    site_names |= labels
    _drop_chrome(body, page_prose)
    parts = content.find_main(body)
    blocks: list[Block] = []
    for part in parts:
        content.prune(part, page_prose)
        blocks.extend(_blocks(part))
    blocks = _drop_noise(blocks)
    title, blocks = _take_title(blocks, body, site_names, labels, fallback_title)
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
    )


def normalize_space(text: str) -> str:
    """Collapse all whitespace (&nbsp;, ideographic space, the source's line wrapping) to one
    space. Line breaks that mean something (<br>, blocks) already end a block."""
    return " ".join(_SPACE.sub(" ", text).split())


def _is_hidden(tag: Tag) -> bool:
    if tag.has_attr("hidden") or tag.get("aria-hidden") == "true":
        return True
    style = tag.get("style")
    return bool(style and _HIDDEN_STYLE.search(str(style)))


def _drop_junk(soup: BeautifulSoup) -> None:
    """Remove comments, junk tags, hidden elements and small forms, in one walk of the tree."""
    strings, junk, hidden, forms = [], [], [], []
    for node in soup.descendants:
        if isinstance(node, Tag):
            if node.name in JUNK_TAGS:
                junk.append(node)
            elif _is_hidden(node):
                hidden.append(node)
            elif node.name == "form":
                forms.append(node)
        elif isinstance(node, (Comment, Doctype, ProcessingInstruction)):
            strings.append(node)
    for node in strings:
        node.extract()
    for tag in junk + hidden:
        if not content.is_gone(tag):
            tag.decompose()
    for form in forms:
        if content.is_gone(form):
            continue
        if len(form.get_text(" ", strip=True)) > FORM_MAX_CHARS:
            form.unwrap()
        else:
            form.decompose()


def _menu_labels(body: Tag) -> set[str]:
    """Texts that are not a page's title: menu and breadcrumb links (an <h1> that repeats one
    is a section banner) and links to the home page (an <h1> that is one is the logo)."""
    is_menu: dict[int, bool] = {}

    def in_menu(link: Tag) -> bool:
        for parent in link.parents:
            if parent is body:
                return False
            if id(parent) not in is_menu:
                is_menu[id(parent)] = parent.name == "nav" or content.class_weight(parent) < 0
            if is_menu[id(parent)]:
                return True
        return False

    labels: set[str] = set()
    for link in body.find_all("a"):
        if in_menu(link) or HOME_LINK.match(str(link.get("href") or "")):
            labels.add(link.get_text(" ", strip=True).casefold())
    labels.discard("")
    return labels


# href of a link to the site's home page: "/", "./", "index.html", "https://host/".
HOME_LINK = re.compile(r"^(?:\.?/|(?:\.?/)?index\.\w+|https?://[^/]+/?)$", re.I)


def _drop_chrome(body: Tag, page_prose: int) -> None:
    """Remove nav/aside/footer, a <header> outside the article, and class-marked chrome."""
    for tag in body.find_all(CHROME_TAGS):
        if not content.is_gone(tag):
            tag.decompose()
    for tag in body.find_all("header"):
        if not content.is_gone(tag) and tag.find_parent(["article", "main"]) is None:
            tag.decompose()
    stats = content.measure(body)
    for tag in list(body.find_all(True)):
        if content.is_gone(tag) or content.class_weight(tag) >= 0:
            continue
        # Never let a class word remove most of the page's paragraphs: that is the content.
        if stats[id(tag)].prose < content.PROTECT_SHARE * page_prose:
            tag.decompose()


def _blocks(container: Tag) -> Iterator[Block]:
    """Walk the tree in reading order; text between block boundaries becomes one Block."""
    buffer: list[str] = []
    bold_chars = 0
    data_tables: dict[int, bool] = {}

    def in_data_table(owner: Tag) -> bool:
        table = owner if owner.name == "table" else owner.find_parent("table")
        if table is None:
            return False
        if id(table) not in data_tables:
            data_tables[id(table)] = _is_data_table(table)
        return data_tables[id(table)]

    def flush(owner: Tag) -> Iterator[Block]:
        nonlocal buffer, bold_chars
        text = normalize_space("".join(buffer))
        if text:
            visible = len(re.sub(r"\s", "", text))
            yield Block(
                tag=owner.name,
                text=text,
                level=HEADING_TAGS.get(owner.name, 0),
                bold=bold_chars >= visible > 0 or _styled_bold(owner),
                in_list=owner.find_parent(["ul", "ol"]) is not None or owner.name == "li",
                in_table=in_data_table(owner),
                caption=_is_caption(owner),
            )
        buffer, bold_chars = [], 0

    def walk(node: Tag, owner: Tag, bold: bool) -> Iterator[Block]:
        nonlocal bold_chars
        for child in node.children:
            if isinstance(child, NavigableString):
                buffer.append(str(child))
                if bold:
                    bold_chars += len(re.sub(r"\s", "", str(child)))
            elif isinstance(child, Tag):
                if child.name == "br":
                    # A line break ends a block: in old layouts, bold lines between <br> are
                    # the headings, and "Date: ...<br>Venue: ..." are separate meta lines.
                    yield from flush(owner)
                elif child.name in BLOCK_TAGS:
                    yield from flush(owner)
                    yield from walk(child, child, False)
                    yield from flush(child)
                elif child.name == "img":
                    continue
                else:
                    yield from walk(
                        child, owner, bold or child.name in BOLD_TAGS or _styled_bold(child)
                    )

    yield from walk(container, container, False)
    yield from flush(container)


def _is_caption(owner: Tag) -> bool:
    if owner.name in ("figcaption", "caption") or owner.find_parent("figcaption") is not None:
        return True
    for tag in (owner, *owner.parents):
        if not isinstance(tag, Tag) or tag.name in ("article", "main", "body"):
            break
        if CAPTION_CLASS.search(" ".join(tag.get("class") or [])):
            return True
    return False


# Class words of boxes that hold a picture's caption or credit.
CAPTION_CLASS = re.compile(r"caption|cutline|credit|photo-?desc|image-?desc|wp-caption", re.I)


def _is_data_table(table: Tag) -> bool:
    """A table of short cells (a schedule, a list of figures), not a page-layout grid."""
    if table.find("table") is not None:
        return False
    cells = table.find_all(["td", "th"])
    return (
        bool(cells) and max(len(c.get_text(" ", strip=True)) for c in cells) <= DATA_CELL_MAX_CHARS
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


def _styled_bold(tag: Tag) -> bool:
    style = tag.get("style")
    return bool(style and _BOLD_STYLE.search(str(style)))


def _take_title(
    blocks: list[Block],
    body: Tag,
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
    for h1 in body.find_all("h1"):
        text = normalize_space(h1.get_text(" ")).replace("\n", " ")
        if text and text.casefold() not in site_names:
            return text, blocks
    for i, block in enumerate(blocks[:TITLE_SEARCH_BLOCKS]):
        heading_like = block.level or (block.bold and not block.in_list and not block.in_table)
        # Only menu labels here: a <title> part may be this very heading ("Site - Title").
        known = block.text.casefold() in labels
        if heading_like and not known and len(block.text.split()) <= TITLE_MAX_WORDS:
            return block.text.replace("\n", " "), _after_title(blocks, i)
        if len(block.text.split()) > PRE_TITLE_MAX_WORDS:
            break
    return fallback, blocks


def _after_title(blocks: list[Block], i: int) -> list[Block]:
    before = [b for b in blocks[:i] if len(b.text.split()) > PRE_TITLE_MAX_WORDS]
    return before + blocks[i + 1 :]


# A title that opens the content sits among its first few blocks, after short labels only.
TITLE_SEARCH_BLOCKS = 4
TITLE_MAX_WORDS = 30
# Category labels and report-type kickers above the title are a few words long; a longer
# block before the <h1> is real text (a lead or a dateline) and is kept.
PRE_TITLE_MAX_WORDS = 8
