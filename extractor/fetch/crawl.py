"""`extractor fetch`: URLs, sitemaps or a listing page -> a corpus directory `extractor run` reads.

Each requested URL that yields HTML is stored as `<sha256 of the URL>.html` (the body with its
content-encoding removed), one that yields a PDF as `<sha256 of the URL>.pdf` (`--types` says
which kinds are kept; both by default), and `<sha256 of the URL>.json`, its sidecar. The
sidecar is written last, so its presence marks a complete page: an interrupted fetch resumes by
skipping those.
`fetch-manifest.json` lists what was fetched, and every URL disallowed, skipped or failed with
its reason.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import threading
from collections import deque
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

from extractor import errors
from extractor.fetch.http import BodyTooLarge, FetchFailed, HttpClient, Response
from extractor.fetch.links import links_of, parse_sitemap
from extractor.fetch.polite import HostGate, Robots, host_of
from extractor.fetch.store import (
    MANIFEST,
    not_html_before,
    now,
    stored_page,
    write_manifest,
)
from extractor.fetch.types import (
    DEFAULT_CONCURRENCY,
    DEFAULT_DELAY,
    DEFAULT_MAX_BYTES,
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
    FetchOptions,
    FetchSummary,
    Outcome,
    default_user_agent,
)
from extractor.inputs import load, warc
from extractor.write import ensure_writable, write_atomic

__all__ = [
    "DEFAULT_CONCURRENCY",
    "DEFAULT_DELAY",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_RETRIES",
    "DEFAULT_TIMEOUT",
    "MANIFEST",
    "FetchOptions",
    "FetchSummary",
    "Outcome",
    "check_url",
    "default_user_agent",
    "fetch",
    "read_url_list",
]

LOGGER = logging.getLogger(__name__)

MAX_REDIRECTS = 10
SITEMAP_MAX_DEPTH = 3  # a sitemap index of sitemap indexes of sitemaps
REDIRECTS = frozenset({301, 302, 303, 307, 308})


def check_url(url: str) -> str:
    """The URL without its fragment, or BadUrl when it is not an absolute http(s) URL."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise errors.BadUrl(f"not an http(s) URL: {url}")
    return urldefrag(url.strip()).url


def read_url_list(path: Path) -> list[str]:
    """One URL per line; blank lines and lines starting with # are ignored."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        why = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise errors.UrlListUnreadable(f"cannot read URL list {path}: {why}") from exc
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def fetch(urls: Sequence[str], options: FetchOptions, sitemaps: Sequence[str] = ()) -> FetchSummary:
    """Fetch `urls` (and the pages `sitemaps` list) into `options.out`; see the module doc."""
    starts = [check_url(url) for url in urls]
    sitemap_urls = [check_url(url) for url in sitemaps]
    if options.warc is not None:
        warc.check_output(options.warc, options.out)
    ensure_writable(options.out)
    fetcher = _Fetcher(options)
    if options.warc is not None:
        fetcher.warc = warc.WarcWriter(options.warc, software=default_user_agent())
    started = now()
    outcomes: list[Outcome] = []
    complete = False
    try:
        for sitemap in sitemap_urls:
            found, problems = fetcher.sitemap(sitemap)
            starts += found
            outcomes += problems
        outcomes += fetcher.run(list(dict.fromkeys(starts)))
        complete = True
    finally:
        fetcher.client.close()
        if fetcher.warc is not None:
            fetcher.warc.close()
        manifest = options.out / MANIFEST
        write_manifest(manifest, outcomes, options, started, complete)
    return FetchSummary(outcomes=outcomes, manifest=manifest)


class _Fetcher:
    def __init__(self, options: FetchOptions) -> None:
        self.options = options
        self.stop = threading.Event()
        self.gate = HostGate(options.delay, stop=self.stop)
        self.client = HttpClient(
            user_agent=options.user_agent,
            timeout=options.timeout,
            retries=options.retries,
            max_bytes=options.max_bytes,
            max_wait=options.max_wait,
            stop=self.stop,
        )
        self.robots = Robots(self.client, self.gate, options.user_agent)
        self.warc: warc.WarcWriter | None = None
        # URLs an earlier fetch into this corpus found not to be HTML: not asked again on resume.
        self.not_html = {} if options.refresh else not_html_before(options.out / MANIFEST)

    def run(self, starts: list[str]) -> list[Outcome]:
        """Each host's URLs in order on one thread; up to `concurrency` hosts at once."""
        by_host: dict[str, list[str]] = {}
        for url in starts:
            by_host.setdefault(host_of(url), []).append(url)
        results: list[Outcome] = []
        workers = max(1, min(self.options.concurrency, len(by_host)))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="fetch") as pool:
            futures = [pool.submit(self._host, host, queue) for host, queue in by_host.items()]
            try:
                for future in futures:
                    results += future.result()
            except BaseException:
                self.stop.set()  # sleeping workers wake up and stop; the manifest is written
                pool.shutdown(wait=True, cancel_futures=True)
                raise
        return results

    def _host(self, host: str, urls: list[str]) -> list[Outcome]:
        queue = deque((url, 0) for url in urls)
        seen = set(urls)
        results = []
        while queue and not self.stop.is_set():
            url, depth = queue.popleft()
            outcome = self.page(url, want_links=self._follows(depth))
            results.append(outcome)
            pattern = self.options.follow
            if pattern is None:
                continue
            for link in outcome.links:
                # Never off the start host: --follow crawls one site, never the web.
                if link not in seen and host_of(link) == host and pattern.search(link):
                    seen.add(link)
                    queue.append((link, depth + 1))
        return results

    def _follows(self, depth: int) -> bool:
        return self.options.follow is not None and depth < self.options.depth

    def page(self, url: str, want_links: bool = False) -> Outcome:
        """Fetch one URL into the corpus; never raises for a problem of the URL itself."""
        stem = hashlib.sha256(url.encode()).hexdigest()
        json_path = self.options.out / f"{stem}.json"
        if url in self.not_html:
            return Outcome(url, "skipped", reason=f"{self.not_html[url]} (an earlier fetch)")
        body_path, stored = self.options.out / f"{stem}.html", None
        for suffix in (".html", ".pdf"):
            if (self.options.out / f"{stem}{suffix}").is_file():
                body_path = self.options.out / f"{stem}{suffix}"
                stored = stored_page(body_path, json_path)
                break
        if stored is not None and not self.options.refresh:
            self._archive(*stored)
            links = _links(stored[1], stored[0].get("final_url", url), want_links)
            media = _media_of(stored[1])
            return Outcome(url, "resumed", file=body_path.name, links=links, media_type=media)
        conditional = {}
        if stored is not None:
            etag, modified = (
                stored[0]["headers"].get("etag"),
                stored[0]["headers"].get("last-modified"),
            )
            if etag:
                conditional["If-None-Match"] = etag
            if modified:
                conditional["If-Modified-Since"] = modified
        try:
            response, hops = self._follow_redirects(url, conditional)
        except _Refused as refused:
            return Outcome(url, refused.kind, reason=str(refused))
        if response.status == 304 and stored is not None:
            self._archive(*stored)
            links = _links(stored[1], stored[0].get("final_url", url), want_links)
            media = _media_of(stored[1])
            return Outcome(url, "unchanged", file=body_path.name, links=links, media_type=media)
        body = response.body
        assert body is not None  # _follow_redirects raised _Refused otherwise
        media = _media_of(body)
        if media == load.PDF and "pdf" not in self.options.types:
            return Outcome(url, "skipped", reason="a PDF (not in --types)")
        if media == load.HTML and "html" not in self.options.types:
            return Outcome(url, "skipped", reason="an HTML page (not in --types)")
        path = self.options.out / f"{stem}{'.pdf' if media == load.PDF else '.html'}"
        sidecar = {
            "url": url,
            "final_url": response.url,
            "redirects": hops,
            "status": response.status,
            # Cookies say nothing about the page, and may identify whoever ran the fetch.
            "headers": {k: v for k, v in response.headers.items() if k != "set-cookie"},
            "fetched_at": now(),
            "sha256": hashlib.sha256(body).hexdigest(),
            "bytes": len(body),
            "media_type": media,
            "user_agent": self.options.user_agent,
        }
        same = stored is not None and stored[0].get("sha256") == sidecar["sha256"]
        unchanged = same and path == body_path
        if not unchanged:  # identical bytes are not rewritten; new validators still are
            write_atomic(path, body)
            if stored is not None and path != body_path:  # the URL now serves the other kind
                body_path.unlink(missing_ok=True)
        self._archive(sidecar, body)  # before the sidecar: a complete page is archived
        write_atomic(json_path, json.dumps(sidecar, indent=1) + "\n")
        links = _links(body, response.url, want_links)
        kind = "unchanged" if unchanged else "fetched"
        return Outcome(url, kind, file=path.name, links=links, media_type=media)

    def _wanted(self, status: int, headers: dict[str, str]) -> bool:
        """Read the body only of a success of a kept type: HTML (no content type: we look,
        and decode) or PDF."""
        if not 200 <= status < 300:
            return False
        content_type = headers.get("content-type")
        if warc.is_html(content_type):
            return True
        return "pdf" in self.options.types and warc.media_type(content_type) in warc.PDF_TYPES

    def _archive(self, sidecar: dict[str, Any], body: bytes) -> None:
        if self.warc is not None:
            url = sidecar.get("final_url") or sidecar["url"]
            status, headers = sidecar.get("status", 200), sidecar["headers"]
            self.warc.add_response(url, status, headers, body, sidecar["fetched_at"])

    def _follow_redirects(
        self, url: str, headers: dict[str, str], html_only: bool = True
    ) -> tuple[Response, list[str]]:
        hops = [url]
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            refusal = self.robots.refusal(current)
            if refusal is not None:
                via = f" (redirected to {current})" if current != url else ""
                raise _Refused("disallowed", refusal + via)
            host = host_of(current)
            try:
                response = self.client.get(
                    current,
                    headers,
                    want_body=self._wanted if html_only else _ok,
                    before_attempt=functools.partial(self.gate.acquire, host),
                    after_attempt=functools.partial(self.gate.release, host),
                )
            except FetchFailed as exc:
                raise _Refused("failed", str(exc)) from exc
            except BodyTooLarge as exc:
                raise _Refused("skipped", f"{exc} (--max-bytes)") from exc
            location = response.header("location")
            if response.status not in REDIRECTS or not location:
                break
            target = urldefrag(urljoin(current, location)).url
            if target in hops:
                raise _Refused("failed", "redirect loop: " + " -> ".join([*hops, target]))
            if urlsplit(target).scheme.lower() not in ("http", "https"):
                raise _Refused("failed", f"redirect to a non-HTTP URL: {target}")
            hops.append(target)
            current = target
        else:
            raise _Refused("failed", f"more than {MAX_REDIRECTS} redirects")
        if response.status == 304 and headers:  # only an answer to our conditional GET
            return response, hops[1:]
        if not 200 <= response.status < 300 or response.status in (204, 206):
            tries = f" (after {response.attempts} attempts)" if response.attempts > 1 else ""
            raise _Refused("failed", f"HTTP {response.status} {response.reason}".strip() + tries)
        if response.body is None:
            media = warc.media_type(response.headers.get("content-type"))
            kept = " or ".join(t.upper() for t in self.options.types)
            raise _Refused("skipped", f"content type {media or '(none)'} is not {kept}")
        return response, hops[1:]

    def sitemap(self, url: str, level: int = 0) -> tuple[list[str], list[Outcome]]:
        """The page URLs a sitemap (or sitemap index, gzipped or not) lists."""
        try:
            response, _ = self._follow_redirects(url, {}, html_only=False)
        except _Refused as refused:
            return [], [Outcome(url, refused.kind, reason=f"sitemap: {refused}")]
        try:
            kind, locs = parse_sitemap(response.body or b"", self.options.max_bytes)
        except ValueError as exc:
            return [], [Outcome(url, "failed", reason=f"sitemap: {exc}")]
        if kind == "page":
            good = []
            problems = []
            for loc in locs:
                try:
                    page_url = check_url(loc)
                except errors.BadUrl as exc:
                    problems.append(Outcome(loc, "skipped", reason=f"in sitemap {url}: {exc}"))
                    continue
                if host_of(page_url) != host_of(response.url):  # the sitemaps.org rule
                    why = f"in sitemap {url}: on another host than the sitemap"
                    problems.append(Outcome(page_url, "skipped", reason=why))
                else:
                    good.append(page_url)
            return good, problems
        pages: list[str] = []
        problems = []
        for child in locs:
            if level + 1 >= SITEMAP_MAX_DEPTH:
                problems.append(Outcome(child, "skipped", reason="sitemap index nested too deep"))
                continue
            found, more = self.sitemap(child, level + 1)
            pages += found
            problems += more
        return pages, problems


class _Refused(Exception):
    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(reason)
        self.kind = kind


def _links(body: bytes, url: str, wanted: bool) -> tuple[str, ...]:
    """A page's links for --follow; a PDF's are not followed."""
    return links_of(body, url) if wanted and _media_of(body) == load.HTML else ()


def _media_of(body: bytes) -> str:
    """What a stored body is, by its bytes, as `extractor run` will read it."""
    return load.PDF if load.is_pdf(body) else load.HTML


def _ok(status: int, headers: dict[str, str]) -> bool:
    return 200 <= status < 300
