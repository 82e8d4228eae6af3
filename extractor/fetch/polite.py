"""Etiquette for `extractor fetch`: the per-host delay and robots.txt."""

from __future__ import annotations

import functools
import logging
import threading
import time
import urllib.robotparser
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from extractor.fetch.http import BodyTooLarge, FetchFailed, HttpClient

LOGGER = logging.getLogger(__name__)

ROBOTS_MAX_BYTES = 500_000  # RFC 9309 lets crawlers stop reading at 500 KiB
ROBOTS_MAX_REDIRECTS = 5  # RFC 9309: follow at least five


def host_of(url: str) -> str:
    """The key the per-host delay and robots.txt go by: scheme and authority."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


@dataclass
class HostGate:
    """At most one request at a time per host, `delay` seconds after the previous one ended."""

    delay: float
    stop: threading.Event = field(default_factory=threading.Event)
    _locks: dict[str, threading.Lock] = field(default_factory=dict)
    _last: dict[str, float] = field(default_factory=dict)
    _delays: dict[str, float] = field(default_factory=dict)  # robots.txt Crawl-delay, if longer
    _guard: threading.Lock = field(default_factory=threading.Lock)

    def slow_down(self, host: str, delay: float) -> None:
        with self._guard:
            self._delays[host] = max(self._delays.get(host, 0.0), delay)

    def acquire(self, host: str) -> None:
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        lock.acquire()
        delay = max(self.delay, self._delays.get(host, 0.0))
        wait = self._last.get(host, -1e9) + delay - time.monotonic()
        if wait > 0 and self.stop.wait(wait):
            lock.release()
            raise KeyboardInterrupt

    def release(self, host: str) -> None:
        self._last[host] = time.monotonic()
        self._locks[host].release()


class Robots:
    """robots.txt per host, fetched once with our own client (User-Agent, timeout, delay).

    As RFC 9309 says: 4xx means no rules (401/403 included, as Google reads it), while a 5xx
    or an unreachable robots.txt means the whole host is off limits for this run.
    """

    def __init__(self, client: HttpClient, gate: HostGate, agent: str) -> None:
        self.client = client
        self.gate = gate
        self.agent = agent
        self._parsers: dict[str, urllib.robotparser.RobotFileParser | str] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def refusal(self, url: str) -> str | None:
        """Why robots.txt forbids `url`, or None when it may be fetched."""
        host = host_of(url)
        parser = self._parser(host)
        if isinstance(parser, str):
            return parser
        if parser.can_fetch(self.agent, url):
            return None
        return f"robots.txt of {host} disallows it"

    def _parser(self, host: str) -> urllib.robotparser.RobotFileParser | str:
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        with lock:  # one fetch of robots.txt per host, even with many threads asking
            if host not in self._parsers:
                self._parsers[host] = self._load(host)
            return self._parsers[host]

    def _load(self, host: str) -> urllib.robotparser.RobotFileParser | str:
        url = f"{host}/robots.txt"
        parser = urllib.robotparser.RobotFileParser(url)
        for _ in range(ROBOTS_MAX_REDIRECTS + 1):
            target = host_of(url)
            try:
                response = self.client.get(
                    url,
                    before_attempt=functools.partial(self.gate.acquire, target),
                    after_attempt=functools.partial(self.gate.release, target),
                )
            except FetchFailed as exc:
                return f"robots.txt of {host} could not be read ({exc}), so the host is skipped"
            except BodyTooLarge:
                return f"robots.txt of {host} is too large to read, so the host is skipped"
            location = response.header("location")
            if response.status in (301, 302, 303, 307, 308) and location:
                url = urljoin(url, location)
                continue
            break
        else:
            return f"robots.txt of {host} redirects too often, so the host is skipped"
        if response.status >= 500:
            return f"robots.txt of {host} answered HTTP {response.status}, so the host is skipped"
        if response.status >= 400 or response.body is None:
            parser.parse([])  # no robots.txt: everything is allowed
        else:
            text = response.body[:ROBOTS_MAX_BYTES].decode("utf-8", errors="replace")
            parser.parse(text.splitlines())
        crawl_delay = parser.crawl_delay(self.agent)
        if crawl_delay:
            self.gate.slow_down(host, float(crawl_delay))
        return parser
