"""Reading what `extractor fetch` downloads: a page's links (--follow) and sitemaps."""

from __future__ import annotations

from urllib.parse import urldefrag, urljoin, urlsplit

from lxml import etree

from extractor import errors
from extractor.html import dom
from extractor.inputs import load


def links_of(body: bytes, base: str) -> tuple[str, ...]:
    """Absolute http(s) links of a page, without fragments, in document order."""
    raw = load.RawDocument(load.InputRef(base), body, "")
    try:
        root = dom.parse(load.decode(raw, len(body) + 1).html)
    except errors.DocumentError:
        return ()
    if root is None:
        return ()
    found: dict[str, None] = {}
    for href in root.xpath("//a/@href"):
        url = urldefrag(urljoin(base, str(href).strip())).url
        if urlsplit(url).scheme in ("http", "https"):
            found[url] = None
    return tuple(found)


def parse_sitemap(data: bytes, max_bytes: int) -> tuple[str, list[str]]:
    """("page", URLs) for a <urlset>, ("index", sitemap URLs) for a <sitemapindex>."""
    if data.startswith(load.GZIP_MAGIC):
        try:
            data = load._gunzip(data, max_bytes, "sitemap")
        except errors.DocumentError as exc:
            raise ValueError(str(exc)) from exc
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"not XML ({exc})") from exc
    if root is None:
        raise ValueError("empty document")
    tag = etree.QName(root).localname
    if tag not in ("urlset", "sitemapindex"):
        raise ValueError(f"<{tag}> is neither <urlset> nor <sitemapindex>")
    locs = [
        (el.text or "").strip()
        for el in root.iter("{*}loc")
        if isinstance(el.tag, str) and (el.text or "").strip()
    ]
    return ("page" if tag == "urlset" else "index"), locs
