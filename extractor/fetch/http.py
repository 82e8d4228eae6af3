"""One polite HTTP GET for `extractor fetch`: retries, Retry-After, size limits, decompression.

The transport is httpx: one `httpx.Client` per fetch, shared by the host threads (it is
thread-safe), so a host's connection is kept alive from one request to the next instead of a new
TCP (and TLS) handshake each time; it also brings the timeouts and the *_proxy variables.
Redirects stay with the caller, which checks robots.txt and loops on every hop.

Decompression stays here on purpose: httpx inflates each network read (up to 64 KiB) in one call
with no bound, so 64 KiB of gzip came out as 67 MB and 304 bytes of brotli as 200 MB before any
limit could be checked. We read the raw bytes and inflate them in steps no larger than what
--max-bytes still allows.
"""

from __future__ import annotations

import email.utils
import http.cookiejar
import logging
import random
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

import brotli  # type: ignore[import-not-found, unused-ignore]
import httpx

LOGGER = logging.getLogger(__name__)

ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"
ACCEPT_ENCODING = "gzip, deflate, br"  # only what _Decoder reads; never httpx's default list
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
CHUNK = 64 * 1024
# A body we do not keep (a redirect, a 404 page, a 503) is still read to its end when it is at
# most this long: the connection then goes back to the pool, which costs less than a handshake.
# A longer one (a PDF) is dropped with its connection.
DRAIN_MAX_BYTES = 64 * 1024
# Backoff: 1 s, 2 s, 4 s... plus up to 50% jitter so that retries from many clients spread out.
BACKOFF_BASE = 1.0
BACKOFF_JITTER = 0.5
# Total time to read one body, as a multiple of the per-operation --timeout: a server that
# trickles one byte per second never trips the read timeout, and must not hold a worker forever.
BODY_DEADLINE_FACTOR = 4
# brotli >= 1.2 can stop its output at a limit; older versions inflate a whole input at once.
BROTLI_BOUNDED = hasattr(brotli.Decompressor, "can_accept_more_data")


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


@dataclass
class HttpClient:
    """GETs with retries over one pool of kept-alive connections; `close()` it when done."""

    user_agent: str
    timeout: float = 30.0
    retries: int = 3
    max_bytes: int = 10_000_000
    max_wait: float = 300.0  # the longest Retry-After we sit out; longer ones count as failures
    stop: Waiter = field(default_factory=threading.Event)
    _client: httpx.Client = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._client = _new_client(self.user_agent, self.timeout)

    def close(self) -> None:
        """Close the pooled connections."""
        self._client.close()

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
        try:
            with self._client.stream("GET", url, headers=_on_the_wire(headers)) as raw:
                merged = _merged_headers(raw.headers.raw)
                response = Response(
                    url=url, status=raw.status_code, reason=raw.reason_phrase, headers=merged
                )
                if raw.status_code in RETRY_STATUSES or not want_body(raw.status_code, merged):
                    _drain(raw, self.timeout)
                    return response
                response.body = self._read_body(raw, merged)
                return response
        except httpx.TimeoutException as exc:
            raise _Transient(f"timed out after {self.timeout:g} s") from exc
        except httpx.ConnectError as exc:
            raise _connect_failure(exc) from exc
        except (httpx.NetworkError, httpx.RemoteProtocolError) as exc:
            raise _Transient(f"connection failed: {_cause_name(exc)}") from exc
        except (httpx.HTTPError, httpx.InvalidURL, ValueError) as exc:
            raise FetchFailed(f"request failed: {exc.__class__.__name__}: {exc}") from exc

    def _read_body(self, raw: httpx.Response, headers: dict[str, str]) -> bytes:
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_bytes:
            raise BodyTooLarge(
                f"Content-Length {length} is over the maximum of {self.max_bytes} bytes"
            )
        decoder = _Decoder(headers.get("content-encoding", ""), self.max_bytes)
        deadline = time.monotonic() + BODY_DEADLINE_FACTOR * self.timeout
        received = 0
        for chunk in raw.iter_raw(CHUNK):  # raw: httpx leaves the decoding to _Decoder
            received += len(chunk)
            if received > self.max_bytes:
                raise BodyTooLarge(f"body is over the maximum of {self.max_bytes} bytes")
            decoder.feed(chunk)
            if time.monotonic() > deadline:
                raise _Transient(f"body not read within {BODY_DEADLINE_FACTOR * self.timeout:g} s")
        return decoder.finish()


def _new_client(user_agent: str, timeout: float) -> httpx.Client:
    """The connection pool of one fetch, shared by its threads.

    Redirects are not followed (the caller checks robots.txt on each hop); cookies are refused
    (a page must not depend on an earlier one, and a cookie may identify whoever ran the fetch);
    TLS trusts the system's certificates, as urllib did, rather than httpx's certifi bundle.
    """
    return httpx.Client(
        headers={"User-Agent": user_agent, "Accept": ACCEPT, "Accept-Encoding": ACCEPT_ENCODING},
        timeout=timeout,
        follow_redirects=False,
        verify=ssl.create_default_context(),
        cookies=http.cookiejar.CookieJar(http.cookiejar.DefaultCookiePolicy(allowed_domains=[])),
    )


def _merged_headers(raw: Iterable[tuple[bytes, bytes]]) -> dict[str, str]:
    """Lower-case names; a repeated header is one comma-separated value.

    Latin-1 maps the bytes one to one, as http.client did, so a validator (ETag) goes back to
    the server byte for byte in a conditional GET (`_on_the_wire`).
    """
    merged: dict[str, str] = {}
    for raw_name, raw_value in raw:
        name, value = raw_name.decode("latin-1").lower(), raw_value.decode("latin-1")
        merged[name] = f"{merged[name]}, {value}" if name in merged else value
    return merged


def _on_the_wire(headers: dict[str, str]) -> dict[bytes, bytes]:
    # httpx encodes str values as ASCII; ours came from _merged_headers, so Latin-1 is exact.
    return {name.encode("latin-1"): value.encode("latin-1") for name, value in headers.items()}


def _drain(raw: httpx.Response, timeout: float) -> None:
    """Read an unwanted short body to its end, so that its connection can be reused."""
    length = raw.headers.get("content-length", "")
    if length.isdigit() and int(length) > DRAIN_MAX_BYTES:
        return  # closing the response closes the connection
    deadline = time.monotonic() + timeout
    drained = 0
    try:
        for chunk in raw.iter_raw(CHUNK):
            drained += len(chunk)
            if drained > DRAIN_MAX_BYTES or time.monotonic() > deadline:
                return
    except httpx.HTTPError:
        return  # we have the status and headers; only the connection is lost


def _connect_failure(exc: httpx.ConnectError) -> Exception:
    """A refused or reset connection is retried; a name that does not resolve, or TLS, is not."""
    cause = _os_error(exc)
    if isinstance(cause, ConnectionError):
        return _Transient(f"connection failed: {cause.strerror or cause}")
    return FetchFailed(f"cannot connect: {cause or exc}")


def _cause_name(exc: httpx.HTTPError) -> str:
    cause = _os_error(exc)
    return (cause or exc).__class__.__name__


def _os_error(exc: BaseException) -> OSError | None:
    """The socket's error under an httpx error (httpx wraps httpcore's, which wraps it)."""
    current: BaseException | None = exc
    while current is not None and not isinstance(current, OSError):
        current = current.__cause__ or current.__context__
    return current


class _Decoder:
    """Content-Encoding removal in bounded steps, so that a compression bomb stops at the limit."""

    def __init__(self, encoding: str, max_bytes: int) -> None:
        self.encoding = encoding.strip().lower()
        self.max_bytes = max_bytes
        self.out = bytearray()
        self._zlib: Any = None
        self._brotli: Any = None
        if self.encoding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
        elif self.encoding == "br":
            self._brotli = brotli.Decompressor()
        elif self.encoding not in ("", "identity", "deflate"):  # deflate: chosen on first bytes
            raise FetchFailed(f"unsupported content-encoding {self.encoding!r}")

    def feed(self, chunk: bytes) -> None:
        if self.encoding in ("", "identity"):
            self.out += chunk
        elif self._brotli is not None:
            self._inflate_brotli(chunk)
        else:
            if self._zlib is None:  # deflate is zlib-wrapped per the RFC; some servers send raw
                wrapped = len(chunk) >= 2 and (chunk[0] * 256 + chunk[1]) % 31 == 0
                wbits = zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS
                self._zlib = zlib.decompressobj(wbits=wbits)
            self._inflate_zlib(chunk)
        self._check()

    def _inflate_zlib(self, chunk: bytes) -> None:
        try:
            pending = chunk
            while pending:
                self.out += self._zlib.decompress(pending, self._room())
                self._check()
                pending = self._zlib.unconsumed_tail
        except zlib.error as exc:
            raise FetchFailed(f"corrupt {self.encoding} body ({exc})") from exc

    def _inflate_brotli(self, chunk: bytes) -> None:
        try:
            if not BROTLI_BOUNDED:
                self.out += self._brotli.process(chunk)
                return
            self.out += self._brotli.process(chunk, output_buffer_limit=self._room())
            while not self._brotli.can_accept_more_data():  # output left: only empty input now
                self._check()
                self.out += self._brotli.process(b"", output_buffer_limit=self._room())
        except brotli.error as exc:
            raise FetchFailed(f"corrupt {self.encoding} body ({exc})") from exc

    def _room(self) -> int:
        """One byte more than may still come out: enough to tell that the limit is passed."""
        return self.max_bytes + 1 - len(self.out)

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
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
