"""Page metadata read from <head> and attributes: language, canonical URL, dates, site name.

Read from the lxml tree (dom.parse) before it is pruned; each lookup takes the first element
of its kind in document order, wherever it is, as bs4's find() did.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from extractor.html.dom import Element, classes, text_of

_PUBLISHED_META: tuple[tuple[str, str], ...] = (
    ("property", "article:published_time"),
    ("itemprop", "datePublished"),
    ("property", "article:published"),  # non-standard, but written by large news sites
    ("name", "dc.date.issued"),
    ("name", "DC.date.issued"),
    ("name", "dc.date"),
    ("name", "DC.date"),
    ("name", "date"),
    ("name", "pubdate"),
    ("name", "publication_date"),
    ("name", "citation_publication_date"),
)
# Other names sites give their publication time, after the ones above (names from htmldate's
# and newspaper's lists of date metas; a modification time is not one).
_OTHER_PUBLISHED_META = re.compile(
    r"(?:article:publicationdate|og:published_time|og:article:published_time|article\.published"
    r"|article_date_original|bt:pubdate|date_?published|datepublished|dc\.date\.(?:created|"
    r"published)|dc\.dcterms\.(?:issued|created)|dcterms\.(?:issued|created|date)|displaydate"
    r"|originalpublicationdate|parsely-pub-date|publish[-_]?date|published[-_]?date"
    r"|publisheddate|rnews:datepublished|sailthru\.date|shareaholic:article_published_time"
    r"|release_date|doc_date)",
    re.I,
)
_TITLE_SEPARATORS = re.compile(r"\s+[|–—:»]\s+|\s+-\s+")


@dataclass(frozen=True)
class HeadFacts:
    """What a page says about itself in <head> and attributes, read before the tree is pruned."""

    html_title: str | None  # <title>
    og_title: str | None
    site_names: frozenset[str]
    language: str | None  # declared ISO 639-1 code
    locale: str | None  # declared language tag as written
    canonical_url: str | None
    published: str | None  # raw value of a publication-date meta tag or <time>
    description: str | None = None  # <meta name="description"> or og:description


def read(root: Element) -> HeadFacts:
    """All head facts of a page, with one pass over its <meta> tags."""
    metas = Metas(root)
    url = canonical_url(root, metas)
    title = html_title(root)
    return HeadFacts(
        html_title=title,
        og_title=metas.content("property", "og:title"),
        site_names=frozenset(site_names(root, metas)),
        language=language(root, metas),
        locale=locale(root),
        canonical_url=url,
        published=published(root, metas) or url_published(url) or title_published(title),
        description=metas.content("name", "description")
        or metas.content("property", "og:description"),
    )


# Attributes whose value is a list of tokens (HTML microdata, RDFa).
_TOKEN_LIST_ATTRS = frozenset({"itemprop", "property"})


class Metas:
    """The page's <meta> tags, found once; lookups by one attribute's exact value."""

    def __init__(self, root: Element):
        self._tags = list(root.iter("meta"))

    def content(self, attr: str, value: str | re.Pattern[str]) -> str | None:
        """The stripped content of the first <meta attr=value content=...>, or None. `itemprop`
        and `property` hold a space-separated list ("datePublished dateCreated"): one of its
        tokens must match."""
        for tag in self._tags:
            found = tag.get(attr)
            if found is None:
                continue
            tokens = found.split() if attr in _TOKEN_LIST_ATTRS else [found]
            if any(t == value if isinstance(value, str) else value.fullmatch(t) for t in tokens):
                content = tag.get("content")
                return content.strip() or None if content else None
        return None


def language(root: Element, metas: Metas | None = None) -> str | None:
    """ISO 639-1 code declared by the page (<html lang>, xml:lang, content-language)."""
    lang = _html_lang(root)
    if not lang:
        lang = (metas or Metas(root)).content("http-equiv", _CONTENT_LANGUAGE)
    if not isinstance(lang, str) or not lang.strip():
        return None
    code = re.split(r"[-_,;\s]", lang.strip())[0].lower()
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


def locale(root: Element) -> str | None:
    """The page's declared language tag as written ("en-GB", "fr", "ja")."""
    lang = _html_lang(root)
    return lang.strip() if isinstance(lang, str) and lang.strip() else None


def _html_lang(root: Element) -> str | None:
    """<html lang>, else <html xml:lang>: libxml2's HTML parser keeps "xml:lang" as a plain
    name, which bs4 read too; the namespaced form is read as well, should a parser give it."""
    html = next(root.iter("html"), None)
    if html is None:
        return None
    return html.get("lang") or html.get("xml:lang") or html.get(_XML_LANG)


_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


# Regions that write numeric dates month first; everywhere else (and in languages other than
# English) 07/03/2022 is 7 March.
MONTH_FIRST_REGIONS = frozenset({"us", "ph", "fm", "mh", "pw", "as", "gu", "mp", "pr", "vi", "um"})


def writes_day_first(tag: str | None) -> bool:
    """Whether a page declared with language tag `tag` writes numeric dates day first.
    Plain "en" (or no tag) keeps the US reading, the common default of English templates."""
    if not tag:
        return False
    parts = tag.replace("_", "-").lower().split("-")
    if parts[0] in ("ja", "zh", "ko", "hu", "lt"):  # year first: no day/month ambiguity
        return False
    if parts[0] != "en":
        return True
    return len(parts) > 1 and parts[1] not in MONTH_FIRST_REGIONS


_CONTENT_LANGUAGE = re.compile("content-language", re.I)


def canonical_url(root: Element, metas: Metas | None = None) -> str | None:
    """<link rel="canonical">, else og:url. rel is a list of words: "canonical shortlink"."""
    links = (link for link in root.iter("link") if "canonical" in (link.get("rel") or "").split())
    link = next(links, None)
    if link is not None and link.get("href"):
        return link.get("href").strip() or None
    return (metas or Metas(root)).content("property", "og:url")


def published(root: Element, metas: Metas | None = None) -> str | None:
    """Raw value of a publication-date meta tag, of the JSON-LD datePublished of the article the
    page describes, or of a <time datetime> that the page marks as its publication time
    (pubdate, itemprop, a "published" class) or that sits in an <article>; never a <time> of a
    sidebar or a teaser list."""
    metas = metas or Metas(root)
    for attr, name in _PUBLISHED_META:
        value = metas.content(attr, name)
        if value:
            return value
    for attr in ("property", "name", "itemprop"):
        if value := metas.content(attr, _OTHER_PUBLISHED_META):
            return value
    if value := _json_ld_published(root):
        return value
    for time in root.iter("time"):
        datetime = time.get("datetime")
        if datetime is None:
            continue
        marked = marks_publication(time) or "publish" in " ".join(classes(time)).lower()
        if marked or _in_article_head(time):
            return datetime.strip() or None
    return _microformat_published(root) or _byline_time(root) or _labelled_published(root)


def marks_publication(tag: Element) -> bool:
    """Whether markup names the element the page's publication time: schema.org's
    itemprop="datePublished" or HTML5's pubdate."""
    return tag.get("pubdate") is not None or "datePublished" in (tag.get("itemprop") or "").split()


def title_published(title: str | None) -> str | None:
    """A full date that is a whole part of the page's <title>, as sites stamp it ("Berlin
    confronts its colonial past | Germany | DW | 19.01.2020", "Institutes get behind IFRS -
    26 Sep 2011 - Accountancy Age"); a date inside the headline's words is not one."""
    if not title:
        return None
    for part in _TITLE_PARTS.split(title):
        part = part.strip()
        if _TITLE_DAY.fullmatch(part):
            return part
    return None


_TITLE_PARTS = re.compile(r"\s+[|\-–—:·•]+\s+|\s*[|·•]\s*")
_TITLE_DAY = re.compile(
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(?:"
    r"\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3,9}\.?,?\s+(?:19|20)\d\d"
    r"|[a-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d"
    r"|\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d\d|(?:19|20)\d\d[./-]\d{1,2}[./-]\d{1,2})",
    re.I,
)


def url_published(url: str | None) -> str | None:
    """The day a news site writes in its article's address, the last resort for a page that
    dates itself nowhere else: /2010/08/13/slug, /2010/POLITICS/08/13/slug (one section word
    between year and month), /news/2019-03-07-slug."""
    if not url:
        return None
    match = _URL_DAY.search(url)
    if match is None:
        return None
    year, month, day = (int(g) for g in match.groups() if g is not None)
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


_URL_DAY = re.compile(
    r"/((?:19|20)\d\d)/(?:[A-Za-z][\w-]*/)?(\d\d?)/(\d\d?)/"
    r"|/((?:19|20)\d\d)-(\d\d)-(\d\d)(?=[-/_.]|$)"
)


# hAtom and h-entry (microformats.org): the entry's publication time, else its update time, as
# the ISO value of a `datetime` or `title` attribute (`<div class="timestamp updated"
# title="2016-06-13T1603Z">Jun 13, 4:03 PM EDT</div>`), inside the entry it dates.
_MICROFORMAT_TIMES = ("published", "dt-published", "updated", "dt-updated")
_MICROFORMAT_ENTRIES = frozenset({"hentry", "h-entry"})
_ISO_DAY = re.compile(r"\s*(?:19|20)\d\d-\d\d-\d\d")


def _microformat_published(root: Element) -> str | None:
    for name in _MICROFORMAT_TIMES:
        for tag in root.xpath(
            f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"
        ):
            value = tag.get("datetime") or tag.get("title") or ""
            if not _ISO_DAY.match(value) or not _outside_lists(tag):
                continue
            if any(_MICROFORMAT_ENTRIES & set(classes(a)) for a in tag.iterancestors()):
                return value.strip()
    return None


def _byline_time(root: Element) -> str | None:
    """The ISO time a byline gives as an attribute of its "1 hr 4 mins ago" or "Aug 24": the
    `title` of an <abbr> or <span>, or the `datetime` of any element, inside a box marked
    byline, dateline or author (`<cite class="byline vcard">By ... <abbr
    title="2011-08-25T01:40:40Z">`, MSN's "authortime-info"), outside lists and comments."""
    for tag in root.xpath("//abbr[@title] | //span[@title] | //*[@datetime]"):
        value = tag.get("datetime") or tag.get("title") or ""
        if not _ISO_TIME.match(value) or not _outside_lists(tag):
            continue
        words = [" ".join(classes(box)) for box in tag.iterancestors()]
        near = words[:AUTHOR_BOX_LEVELS]  # an author box holds its time; a page's class is no box
        byline = any(map(_BYLINE_BOX.search, words)) or any(map(_AUTHOR_BOX.search, near))
        if byline and not any(map(_COMMENT_BOX.search, words)):
            return value.strip()
    return None


_ISO_TIME = re.compile(r"\s*(?:19|20)\d\d-\d\d-\d\d[T ]\d\d:\d\d")
_BYLINE_BOX = re.compile(r"byline|dateline", re.I)
_AUTHOR_BOX = re.compile(r"\bauthor", re.I)
AUTHOR_BOX_LEVELS = 3
_COMMENT_BOX = re.compile(r"comment|cmt|reply|related|teaser", re.I)


# schema.org types whose datePublished is the page's own (not an image's or a video's).
_ARTICLE_TYPES = re.compile(r".*(?:Article|BlogPosting|Report|PressRelease)$")
# Works a page shows or names rather than is: their dates are theirs.
_MEDIA_TYPES = re.compile(r".*(?:Object|Person|Organization|Event|Product|Place|Offer)$")
# Other kinds of page whose date is the page's own (a fact check's ClaimReview, an AboutPage).
_PAGE_TYPES = re.compile(r".*(?:Page|Review)$")
# A page's JSON-LD is a few kB; a bigger script is data, not the page's description.
JSON_LD_MAX_CHARS = 200_000


def _json_ld_published(root: Element) -> str | None:
    """datePublished of the article the page's JSON-LD (schema.org) describes: of an article
    type first (NewsArticle, BlogPosting, Report...), else of the WebPage, else of another work
    it is (a ClaimReview); never of the images, videos, people or events it also lists."""
    found: dict[int, str] = {}
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        text = (script.text or "").strip()
        if not text or len(text) > JSON_LD_MAX_CHARS:
            continue
        try:
            data = json.loads(text)
        except ValueError:
            continue  # broken JSON-LD is common; the page's other dates still count
        for item in _json_ld_items(data):
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            value = item.get("datePublished")
            if not isinstance(value, str) or not value.strip():
                continue
            for kind in kinds:
                if not isinstance(kind, str) or _MEDIA_TYPES.fullmatch(kind):
                    continue
                if _ARTICLE_TYPES.fullmatch(kind):
                    tier = 0
                elif kind == "WebPage":
                    tier = 1
                elif _PAGE_TYPES.fullmatch(kind):
                    tier = 2
                else:
                    continue  # a WebSite's, a Book's, a Dataset's own dates
                found.setdefault(tier, value.strip())
    return found[min(found)] if found else None


def _json_ld_items(data: object) -> Iterator[dict]:
    """Every object of a JSON-LD document: the top, lists, and @graph members (no deeper)."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            yield item
            graph = item.get("@graph")
            if isinstance(graph, list):
                stack.extend(reversed(graph))


# A label that says the date after it is the publication day: "Published", "Posted on",
# "Release date:".
_PUBLISHED_LABEL = re.compile(
    r"^(?:first\s+)?(?:published|posted|released|issued|release\s+date|date\s+published|"
    r"publication\s+date)(?:\s+on)?\s*:?\s*",
    re.I,
)
# A labelled date is short: "Published 20 November 2023", not a paragraph that starts so.
LABELLED_DATE_MAX_CHARS = 60


def _labelled_published(root: Element) -> str | None:
    """The date a page labels as its publication day, outside lists and sidebars: a <dd>
    after a <dt>Published</dt>, or an element whose class names publication
    (`gem-c-published-dates`) and whose text is "Published <date>"."""
    for dt in root.iter("dt"):
        label = " ".join(text_of(dt, " ", strip=True).split())
        found = _PUBLISHED_LABEL.match(label)
        dd = dt.getnext()
        if found and found.end() == len(label) and dd is not None and dd.tag == "dd":
            value = " ".join(text_of(dd, " ", strip=True).split())
            if value and len(value) <= LABELLED_DATE_MAX_CHARS and _outside_lists(dt):
                return value
    for tag in root.iter("p", "div", "span"):
        if "publish" not in " ".join(classes(tag)).lower():
            continue
        text = " ".join(text_of(tag, " ", strip=True).split())
        found = _PUBLISHED_LABEL.match(text)
        if found and len(text) <= LABELLED_DATE_MAX_CHARS and _outside_lists(tag):
            return text[found.end() :] or None
    return None


def _outside_lists(tag: Element) -> bool:
    return next(tag.iterancestors("li", "aside", "nav"), None) is None


def _in_article_head(tag: Element) -> bool:
    """A <time> inside an <article> but not inside a list of other items."""
    in_article = next(tag.iterancestors("article"), None) is not None
    return in_article and next(tag.iterancestors("li", "aside"), None) is None


def html_title(root: Element) -> str | None:
    """The first <title> (an <svg> may hold others further on)."""
    title = next(root.iter("title"), None)
    text = text_of(title, " ", strip=True) if title is not None else ""
    return " ".join(text.split()) or None


def site_names(root: Element, metas: Metas | None = None) -> set[str]:
    """Names the site goes by: og:site_name and the non-first parts of <title>, casefolded."""
    names = set()
    site = (metas or Metas(root)).content("property", "og:site_name")
    if site:
        names.add(site.casefold())
    title = html_title(root)
    if title:
        parts = _TITLE_SEPARATORS.split(title)
        names.update(p.strip().casefold() for p in parts[1:] if p.strip())
    return names


def title_head(title: str) -> str:
    """'Report title | Section | Site' -> 'Report title'."""
    return _TITLE_SEPARATORS.split(title)[0].strip()
