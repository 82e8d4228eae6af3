"""Page metadata read from <head> and attributes: language, canonical URL, dates, site name."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, Tag

_PUBLISHED_META: tuple[tuple[str, str], ...] = (
    ("property", "article:published_time"),
    ("itemprop", "datePublished"),
    ("name", "dc.date.issued"),
    ("name", "DC.date.issued"),
    ("name", "dc.date"),
    ("name", "DC.date"),
    ("name", "date"),
    ("name", "pubdate"),
    ("name", "publication_date"),
    ("name", "citation_publication_date"),
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


def read(soup: BeautifulSoup) -> HeadFacts:
    """All head facts of a page, with one pass over its <meta> tags."""
    metas = Metas(soup)
    return HeadFacts(
        html_title=html_title(soup),
        og_title=metas.content("property", "og:title"),
        site_names=frozenset(site_names(soup, metas)),
        language=language(soup, metas),
        locale=locale(soup),
        canonical_url=canonical_url(soup, metas),
        published=published(soup, metas),
    )


class Metas:
    """The page's <meta> tags, found once; lookups by one attribute's exact value."""

    def __init__(self, soup: BeautifulSoup):
        self._tags = [t for t in soup.find_all("meta") if isinstance(t, Tag)]

    def content(self, attr: str, value: str | re.Pattern[str]) -> str | None:
        """The stripped content of the first <meta attr=value content=...>, or None."""
        for tag in self._tags:
            found = tag.get(attr)
            if not isinstance(found, str):
                continue
            if found == value if isinstance(value, str) else value.fullmatch(found):
                content = tag.get("content")
                return str(content).strip() or None if content else None
        return None


def language(soup: BeautifulSoup, metas: Metas | None = None) -> str | None:
    """ISO 639-1 code declared by the page (<html lang>, xml:lang, content-language)."""
    html = soup.find("html")
    lang = (html.get("lang") or html.get("xml:lang")) if isinstance(html, Tag) else None
    if not lang:
        lang = (metas or Metas(soup)).content("http-equiv", _CONTENT_LANGUAGE)
    if not isinstance(lang, str) or not lang.strip():
        return None
    code = re.split(r"[-_,;\s]", lang.strip())[0].lower()
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


def locale(soup: BeautifulSoup) -> str | None:
    """The page's declared language tag as written ("en-GB", "fr", "ja")."""
    html = soup.find("html")
    lang = (html.get("lang") or html.get("xml:lang")) if isinstance(html, Tag) else None
    return lang.strip() if isinstance(lang, str) and lang.strip() else None


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


def canonical_url(soup: BeautifulSoup, metas: Metas | None = None) -> str | None:
    """<link rel="canonical">, else og:url."""
    link = soup.find("link", rel="canonical")
    if isinstance(link, Tag) and link.get("href"):
        return str(link["href"]).strip() or None
    return (metas or Metas(soup)).content("property", "og:url")


def published(soup: BeautifulSoup, metas: Metas | None = None) -> str | None:
    """Raw value of a publication-date meta tag, or of a <time datetime> that the page marks as
    its publication time (pubdate, itemprop, a "published" class) or that sits in an <article>;
    never a <time> of a sidebar or a teaser list."""
    metas = metas or Metas(soup)
    for attr, name in _PUBLISHED_META:
        value = metas.content(attr, name)
        if value:
            return value
    for time in soup.find_all("time", attrs={"datetime": True}):
        classes = " ".join(time.get("class") or []).lower()
        marked = (
            time.has_attr("pubdate")
            or time.get("itemprop") == "datePublished"
            or "publish" in classes
        )
        if marked or _in_article_head(time):
            return str(time["datetime"]).strip() or None
    return None


def _in_article_head(tag: Tag) -> bool:
    """A <time> inside an <article> but not inside a list of other items."""
    return tag.find_parent("article") is not None and tag.find_parent(["li", "aside"]) is None


def html_title(soup: BeautifulSoup) -> str | None:
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    return " ".join(title.split()) or None


def site_names(soup: BeautifulSoup, metas: Metas | None = None) -> set[str]:
    """Names the site goes by: og:site_name and the non-first parts of <title>, casefolded."""
    names = set()
    site = (metas or Metas(soup)).content("property", "og:site_name")
    if site:
        names.add(site.casefold())
    title = html_title(soup)
    if title:
        parts = _TITLE_SEPARATORS.split(title)
        names.update(p.strip().casefold() for p in parts[1:] if p.strip())
    return names


def title_head(title: str) -> str:
    """'Report title | Section | Site' -> 'Report title'."""
    return _TITLE_SEPARATORS.split(title)[0].strip()
