"""Clean stage: HTML text -> the page's main content as a flat list of typed blocks.

BeautifulSoup with lxml builds the tree (lxml repairs unclosed and stray tags). Boilerplate is
removed by tag (script, nav, footer...), by hidden state, and by class/id words (cookie banners,
breadcrumbs, share bars, sidebars). The main container is <main>/<article> when the page has one;
otherwise the body with boilerplate removed. Blocks keep what the segmenter needs: the tag, the
heading level, whether the whole block is bold, and list/table context.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from bs4.element import Doctype, ProcessingInstruction

from .errors import NoContent, ParseFailed

LOGGER = logging.getLogger(__name__)

# Never content, wherever they are.
JUNK_TAGS = (
    "script", "style", "noscript", "template", "iframe", "svg", "canvas", "object", "embed",
    "form", "button", "input", "select", "textarea", "link", "meta", "head", "dialog",
)  # fmt: skip
# Page chrome. Outside the chosen container they always go; inside an <article>, a <header>
# usually holds the title, so only nav/aside/footer are dropped there.
CHROME_TAGS = ("nav", "aside", "footer", "header")
CHROME_TAGS_IN_ARTICLE = ("nav", "aside", "footer")

# Words in class/id attributes that mark boilerplate. Matched against whole words of the
# attribute (split on -, _, space and case changes) so "contents-inner" never matches "nav".
BOILERPLATE_WORDS = frozenset(
    """breadcrumb breadcrumbs topicpath crumbs cookie cookies consent gdpr share sharing social
    sns related recommended widget widgets sidebar side sidenav subnav gnav globalnav navbar
    nav navigation menu pagetop skip masthead footer header banner advert ads advertisement
    promo newsletter subscribe popup modal comments comment pagination pager print tags
    tagcloud""".split()
)
# Inside <main>/<article> a "header" class usually wraps the title: keep it there.
BOILERPLATE_WORDS_IN_ARTICLE = BOILERPLATE_WORDS - {"header", "masthead", "banner"}

BLOCK_TAGS = frozenset(
    """p div h1 h2 h3 h4 h5 h6 li dt dd td th tr table ul ol dl blockquote pre figure figcaption
    section article main address center caption summary details hr""".split()
)
HEADING_TAGS = {f"h{i}": i for i in range(1, 7)}
BOLD_TAGS = frozenset({"strong", "b"})
_WORD_SPLIT = re.compile(r"[-_\s]+|(?<=[a-z])(?=[A-Z])")
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
    css: str = ""  # class words of the element, for the segmenter's meta-line hints


@dataclass(frozen=True)
class CleanPage:
    """Main content and page metadata."""

    title: str | None
    blocks: tuple[Block, ...]
    language: str | None
    canonical_url: str | None
    meta_published: str | None  # raw value of a publication-date meta tag, if any
    html_title: str | None  # <title>, a fallback for the document title


def clean(html: str) -> CleanPage:
    """Parse `html` and return its main content; raises NoContent when nothing is left."""
    try:
        soup = BeautifulSoup(html, "lxml")
    except Exception as exc:  # lxml raises a variety of errors on pathological input
        raise ParseFailed(f"the HTML parser failed: {exc}") from exc

    language = _language(soup)
    canonical = _canonical_url(soup)
    published = _meta_published(soup)
    html_title = _text(soup.title) if soup.title else None

    _drop_junk(soup)
    container = _main_container(soup)
    in_article = container.name in ("main", "article")
    _drop_chrome(container, in_article)

    blocks = list(_blocks(container))
    title, blocks = _take_title(blocks, html_title)
    if not blocks and not title:
        raise NoContent("no main-content text remains once boilerplate is removed")
    return CleanPage(
        title=title,
        blocks=tuple(blocks),
        language=language,
        canonical_url=canonical,
        meta_published=published,
        html_title=html_title or None,
    )


def normalize_space(text: str) -> str:
    """Collapse runs of spaces (incl. &nbsp;) and trim; keep newlines from <br> as single."""
    lines = (_SPACE.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _text(node: Tag) -> str:
    return normalize_space(node.get_text(" "))


def _language(soup: BeautifulSoup) -> str | None:
    html = soup.find("html")
    lang = html.get("lang") or html.get("xml:lang") if isinstance(html, Tag) else None
    if not lang:
        meta = soup.find("meta", attrs={"http-equiv": re.compile("content-language", re.I)})
        lang = meta.get("content") if isinstance(meta, Tag) else None
    if not isinstance(lang, str) or not lang.strip():
        return None
    return lang.strip().split("-")[0].split("_")[0].lower()[:3] or None


def _canonical_url(soup: BeautifulSoup) -> str | None:
    link = soup.find("link", rel="canonical")
    if isinstance(link, Tag) and link.get("href"):
        return str(link["href"]).strip()
    og = soup.find("meta", property="og:url")
    if isinstance(og, Tag) and og.get("content"):
        return str(og["content"]).strip()
    return None


_PUBLISHED_META: tuple[dict[str, Any], ...] = (
    {"property": "article:published_time"},
    {"name": "date"},
    {"name": "pubdate"},
    {"name": "publication_date"},
    {"itemprop": "datePublished"},
    {"name": "dc.date"},
    {"name": "DC.date.issued"},
)


def _meta_published(soup: BeautifulSoup) -> str | None:
    for attrs in _PUBLISHED_META:
        meta = soup.find("meta", attrs=attrs)
        if isinstance(meta, Tag) and meta.get("content"):
            return str(meta["content"]).strip()
    time = soup.find("time", attrs={"datetime": True})
    if isinstance(time, Tag):
        return str(time["datetime"]).strip()
    return None


def _words(tag: Tag) -> set[str]:
    attrs: list[str] = []
    for key in ("class", "id", "role"):
        value = tag.get(key)
        if isinstance(value, list):
            attrs.extend(value)
        elif value:
            attrs.append(str(value))
    return {w.lower() for a in attrs for w in _WORD_SPLIT.split(a) if w}


def _is_hidden(tag: Tag) -> bool:
    if tag.has_attr("hidden") or tag.get("aria-hidden") == "true":
        return True
    style = tag.get("style")
    return bool(style and _HIDDEN_STYLE.search(str(style)))


def _drop_junk(soup: BeautifulSoup) -> None:
    for node in soup.find_all(
        string=lambda s: isinstance(s, Comment | Doctype | ProcessingInstruction)
    ):
        node.extract()
    for tag in soup.find_all(JUNK_TAGS):
        tag.decompose()
    for tag in soup.find_all(_is_hidden):
        tag.decompose()


def _main_container(soup: BeautifulSoup) -> Tag:
    """<article> (the longest, preferring one inside <main>), else <main>, else <body>."""
    mains = soup.find_all("main")
    scope: list[Tag] = mains or [soup]
    articles = [a for m in scope for a in m.find_all("article")]
    if articles:
        return max(articles, key=lambda a: len(a.get_text()))
    if mains:
        return max(mains, key=lambda m: len(m.get_text()))
    body = soup.body
    return body if isinstance(body, Tag) else soup


def _drop_chrome(container: Tag, in_article: bool) -> None:
    tags = CHROME_TAGS_IN_ARTICLE if in_article else CHROME_TAGS
    words = BOILERPLATE_WORDS_IN_ARTICLE if in_article else BOILERPLATE_WORDS
    for tag in container.find_all(tags):
        tag.decompose()
    for tag in container.find_all(lambda t: bool(_words(t) & words)):
        if not tag.decomposed:
            tag.decompose()


def _blocks(container: Tag) -> Iterator[Block]:
    """Walk the tree in reading order; text between block boundaries becomes one Block."""
    buffer: list[str] = []
    bold_chars = 0

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
                in_table=owner.find_parent("table") is not None or owner.name in ("td", "th"),
                css=" ".join(sorted(_words(owner))),
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
                    buffer.append("\n")
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


def _styled_bold(tag: Tag) -> bool:
    style = tag.get("style")
    return bool(style and _BOLD_STYLE.search(str(style)))


def _take_title(blocks: list[Block], html_title: str | None) -> tuple[str | None, list[Block]]:
    """The first <h1> of the main content is the title; short labels before it are dropped."""
    for i, block in enumerate(blocks):
        if block.level == 1:
            before = [b for b in blocks[:i] if len(b.text.split()) > PRE_TITLE_MAX_WORDS]
            return block.text.replace("\n", " "), before + blocks[i + 1 :]
    if html_title:
        # "Report title | Section | Site name": the first segment is the page's own title.
        return re.split(r"\s+[|–—]\s+|\s+-\s+", html_title)[0].strip() or None, blocks
    return None, blocks


# Category labels and report-type kickers above the title are a few words long; a longer
# block before the <h1> is real text (a lead or a dateline) and is kept.
PRE_TITLE_MAX_WORDS = 8
