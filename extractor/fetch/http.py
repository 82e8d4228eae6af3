"""One polite HTTP GET for `extractor fetch`: retries, Retry-After, size limits, decompression.

Built on urllib.request (no extra dependency, honours the usual *_proxy variables) with redirects
left to the caller, which checks robots.txt and loops on every hop.
"""

from __future__ import annotations

import email.utils
import http.client
import logging
import random
import threading
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Protocol

LOGGER = logging.getLogger(__name__)

try:  # optional: servers only send br when we advertise it, and we do only when we can read it
    import brotli  # type: ignore[import-not-found, unused-ignore]
except ImportError:  # pragma: no cover - depends on the environment
    brotli = None

ACCEPT_ENCODING = "gzip, deflate, br" if brotli is not None else "gzip, deflate"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
CHUNK = 64 * 1024
# Backoff: 1 s, 2 s, 4 s... plus up to 50% jitter so that retries from many clients spread out.
BACKOFF_BASE = 1.0
BACKOFF_JITTER = 0.5
# Total time to read one body, as a multiple of the per-operation --timeout: a server that
# trickles one byte per second never trips the socket timeout, and must not hold a worker forever.
BODY_DEADLINE_FACTOR = 4


class FetchFailed(Exception):
    """A URL could not be fetched (after its retries); the message is the manifest's reason."""


class BodyTooLarge(Exception):
    """The body (or its decompressed form) is over --max-bytes; the URL is skipped."""


class _Transient(Exception):
    """A failure worth retrying: a timeout or a dropped connection."""


class Waiter(Protocol):
    def wait(self, timeout: float | None = None) -> bool: ...


@dataclass
class Response:
    url: str
    status: int
    reason: str
    headers: dict[str, str]
    body: bytes | None = None  # None when the caller did not want it (a redirect, not HTML...)
    attempts: int = 1
    retry_after_waits: list[float] = field(default_factory=list)

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


class _NoRedirects(urllib.request.HTTPErrorProcessor):
    """Hands every status back to us: urllib would otherwise follow 3xx and raise on 4xx/5xx."""

    def http_response(self, request: Any, response: Any) -> Any:
        return response

    https_response = http_response


@dataclass
class HttpClient:
    user_agent: str
    timeout: float = 30.0
    retries: int = 3
    max_bytes: int = 10_000_000
    max_wait: float = 300.0  # the longest Retry-After we sit out; longer ones count as failures
    stop: Waiter = field(default_factory=threading.Event)
    _opener: urllib.request.OpenerDirector = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._opener = urllib.request.build_opener(_NoRedirects)

    def get(
        self,
        url: str,
        headers: dict[str, str] | None = None,
        *,
        want_body: Callable[[int, dict[str, str]], bool] = lambda status, headers: True,
        before_attempt: Callable[[], Any] | None = None,
        after_attempt: Callable[[], Any] | None = None,
    ) -> Response:
        """GET `url`, retrying timeouts, dropped connections, 429 and 5xx with backoff.

        `want_body(status, headers)` decides whether the body is read at all (a PDF is never
        downloaded); `before_attempt`/`after_attempt` wrap each attempt (the per-host delay).
        """
        waits: list[float] = []
        for attempt in range(self.retries + 1):
            if before_attempt is not None:
                before_attempt()
            try:
                response = self._once(url, headers or {}, want_body)
            except _Transient as exc:
                problem, retry_after = str(exc), None
            else:
                if response.status not in RETRY_STATUSES:
                    response.attempts, response.retry_after_waits = attempt + 1, waits
                    return response
                problem = f"HTTP {response.status} {response.reason}".strip()
                retry_after = parse_retry_after(response.header("retry-after"))
                if attempt == self.retries:
                    response.attempts, response.retry_after_waits = attempt + 1, waits
                    return response  # the caller records the final status
            finally:
                if after_attempt is not None:
                    after_attempt()
            if attempt == self.retries:
                raise FetchFailed(f"{problem} (after {attempt + 1} attempts)")
            if retry_after is not None and retry_after > self.max_wait:
                raise FetchFailed(
                    f"{problem} with Retry-After {retry_after:.0f} s, over the {self.max_wait:.0f}"
                    " s we wait"
                )
            wait = backoff(attempt) if retry_after is None else retry_after
            waits.append(wait)
            LOGGER.info("%s: %s; retrying in %.1f s", url, problem, wait)
            if self.stop.wait(wait):
                raise KeyboardInterrupt
        raise AssertionError("unreachable")  # pragma: no cover

    def _once(
        self, url: str, headers: dict[str, str], want_body: Callable[[int, dict[str, str]], bool]
    ) -> Response:
        request = urllib.request.Request(
            url,
            headers={
                "User-Agent": self.user_agent,
                "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
                "Accept-Encoding": ACCEPT_ENCODING,
                **headers,
            },
        )
        try:
            with self._opener.open(request, timeout=self.timeout) as raw:
                status = raw.status
                reason = raw.reason or ""
                names = [(name.lower(), value) for name, value in raw.headers.items()]
                merged: dict[str, str] = {}
                for name, value in names:  # repeated headers are one comma-separated value
                    merged[name] = f"{merged[name]}, {value}" if name in merged else value
                response = Response(url=url, status=status, reason=reason, headers=merged)
                if status in RETRY_STATUSES or not want_body(status, merged):
                    return response
                response.body = self._read_body(raw, merged)
                return response
        except TimeoutError as exc:
            raise _Transient(f"timed out after {self.timeout:g} s") from exc
        except (ConnectionError, http.client.IncompleteRead, http.client.BadStatusLine) as exc:
            raise _Transient(f"connection failed: {exc.__class__.__name__}") from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise _Transient(f"timed out after {self.timeout:g} s") from exc
            if isinstance(exc.reason, ConnectionError):
                raise _Transient(f"connection failed: {exc.reason.strerror or exc.reason}") from exc
            raise FetchFailed(f"cannot connect: {exc.reason}") from exc
        except (http.client.HTTPException, OSError, ValueError) as exc:
            raise FetchFailed(f"request failed: {exc.__class__.__name__}: {exc}") from exc

    def _read_body(self, raw: Any, headers: dict[str, str]) -> bytes:
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_bytes:
            raise BodyTooLarge(
                f"Content-Length {length} is over the maximum of {self.max_bytes} bytes"
            )
        decoder = _Decoder(headers.get("content-encoding", ""), self.max_bytes)
        deadline = time.monotonic() + BODY_DEADLINE_FACTOR * self.timeout
        received = 0
        while chunk := raw.read(CHUNK):
            received += len(chunk)
            if received > self.max_bytes:
                raise BodyTooLarge(f"body is over the maximum of {self.max_bytes} bytes")
            decoder.feed(chunk)
            if time.monotonic() > deadline:
                raise _Transient(f"body not read within {BODY_DEADLINE_FACTOR * self.timeout:g} s")
        return decoder.finish()


class _Decoder:
    """Content-Encoding removal in bounded steps, so that a compression bomb stops at the limit."""

    def __init__(self, encoding: str, max_bytes: int) -> None:
        self.encoding = encoding.strip().lower()
        self.max_bytes = max_bytes
        self.out = bytearray()
        self.raw = bytearray()  # deflate: kept until we know whether it is zlib-wrapped or raw
        self._zlib: Any = None
        self._brotli: Any = None
        if self.encoding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
        elif self.encoding == "deflate":
            self._zlib = None  # chosen on the first bytes
        elif self.encoding == "br":
            if brotli is None:
                raise FetchFailed("br content-encoding, and the brotli package is not installed")
            self._brotli = brotli.Decompressor()
        elif self.encoding not in ("", "identity"):
            raise FetchFailed(f"unsupported content-encoding {self.encoding!r}")

    def feed(self, chunk: bytes) -> None:
        if self.encoding in ("", "identity"):
            self.out += chunk
        elif self._brotli is not None:
            self.out += self._brotli.process(chunk)
        else:
            if self._zlib is None:  # deflate is zlib-wrapped per the RFC; some servers send raw
                wrapped = len(chunk) >= 2 and (chunk[0] * 256 + chunk[1]) % 31 == 0
                wbits = zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS
                self._zlib = zlib.decompressobj(wbits=wbits)
            try:
                pending = chunk
                while pending:
                    self.out += self._zlib.decompress(pending, self.max_bytes + 1 - len(self.out))
                    self._check()
                    pending = self._zlib.unconsumed_tail
            except zlib.error as exc:
                raise FetchFailed(f"corrupt {self.encoding} body ({exc})") from exc
        self._check()

    def _check(self) -> None:
        if len(self.out) > self.max_bytes:
            raise BodyTooLarge(f"body inflates past the maximum of {self.max_bytes} bytes")

    def finish(self) -> bytes:
        if self._zlib is not None and not self._zlib.eof:
            raise FetchFailed(f"truncated {self.encoding} body")
        return bytes(self.out)


def backoff(attempt: int) -> float:
    """Exponential backoff with jitter: about 1, 2, 4... seconds."""
    delay = BACKOFF_BASE * 2**attempt
    return delay + random.uniform(0, BACKOFF_JITTER * delay)


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())
