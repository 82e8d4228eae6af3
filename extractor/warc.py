"""WARC in and out, with warcio: `extractor fetch --warc` writes, `extractor run` reads.

Reading: the inputs of a .warc or .warc.gz file are its `response` records of http(s) URLs whose
Content-Type is HTML (or absent), and its `resource` records of HTML. Other records (requests,
metadata, revisits, images, robots.txt...) are not inputs, the way a directory's non-HTML files
are not. A record is located by its byte offset, so a worker re-reads just that record; a gzipped
WARC must therefore be compressed record by record, as every crawler writes it.

Writing: one gzip member (or plain block) per record, appended, so the file is valid after each
page and an interrupted fetch appends to it when resumed; a record cut short by a crash is
dropped from the end before anything is appended.
"""

from __future__ import annotations

import base64
import hashlib
import io
import logging
import os
import re
import threading
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from . import errors

LOGGER = logging.getLogger(__name__)

WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# Hop-by-hop and encoding headers that no longer describe the body we store (decoded, whole).
_DROPPED_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})
# What reading a damaged archive raises, from warcio, zlib, brotli or the file system.
_ARCHIVE_ERRORS: tuple[type[BaseException], ...] = (
    ArchiveLoadFailed,
    zlib.error,
    EOFError,
    ValueError,
    OSError,
    AttributeError,  # warcio on a record whose header block is cut off
    IndexError,
)

_RECORD_ERRORS: tuple[type[BaseException], ...] = (*_ARCHIVE_ERRORS, StopIteration)


_CHARSET = re.compile(r"""charset\s*=\s*["']?([\w.:-]+)""", re.I)


def is_warc(path: str) -> bool:
    return path.lower().endswith(WARC_SUFFIXES)


@dataclass(frozen=True)
class Entry:
    """One input record of a WARC: where it starts, and what it says it is."""

    offset: int
    url: str | None
    record_id: str | None
    charset: str | None = None  # of the archived response's Content-Type


@dataclass(frozen=True)
class Damage:
    """The rest of a WARC from `offset` on could not be read."""

    offset: int
    message: str


def entries(path: str) -> Iterator[Entry | Damage]:
    """The input records of the WARC at `path`, in file order; a Damage ends a broken file."""
    offset = 0
    try:
        with open(path, "rb") as handle:
            records = ArchiveIterator(handle)
            for record in records:
                offset = records.offset  # where this record starts, until it is read to its end
                _check_format(record)
                entry = None
                if _is_input(record):
                    record_id = record.rec_headers.get_header("WARC-Record-ID")
                    headers = record.http_headers or record.rec_headers
                    charset = charset_of(headers.get_header("content-type"))
                    entry = Entry(offset, _target(record), record_id, charset)
                _drain(record)  # a record cut short is part of the damage, not an input
                records.get_record_offset()  # reads to the record's end, and past its blank lines
                offset = records.offset
                if entry is not None:
                    yield entry
            size = os.fstat(handle.fileno()).st_size
        if offset < size:  # warcio ends quietly at a record cut off in its first bytes
            raise EOFError(f"{size - offset} bytes after the last complete record")
    except _ARCHIVE_ERRORS as exc:
        yield Damage(offset, f"{path}: unreadable WARC from byte {offset} on ({_why(exc)})")


def read_payload(path: str, offset: int, max_bytes: int) -> bytes:
    """The body of the input record at `offset` (content- and transfer-encoding removed).

    Raises HttpError when the archived response was not a success, TooLarge past `max_bytes`,
    WarcUnreadable when the record cannot be read.
    """
    try:
        with open(path, "rb") as handle:
            handle.seek(offset)
            record = next(iter(ArchiveIterator(handle)))
            if record.rec_type == "response" and record.http_headers is not None:
                status = record.http_headers.get_statuscode()
                if not str(status).startswith("2"):
                    line = record.http_headers.statusline
                    raise errors.HttpError(f"the archived response was HTTP {line}")
            body = record.content_stream().read(max_bytes + 1)
    except errors.DocumentError:
        raise
    except OSError as exc:
        raise errors.ReadFailed(f"cannot read {path}: {exc.strerror or exc}") from exc
    except _RECORD_ERRORS as exc:
        where = f"{path} at byte {offset}"
        raise errors.WarcUnreadable(
            f"cannot read the WARC record of {where} ({_why(exc)})"
        ) from exc
    if len(body) > max_bytes:
        raise errors.TooLarge(f"the record of {path} at byte {offset} is over {max_bytes} bytes")
    return bytes(body)


def _is_input(record: Any) -> bool:
    if record.rec_type == "response":
        url = _target(record) or ""
        if record.http_headers is None or not url.lower().startswith(("http://", "https://")):
            return False
        return _is_html(record.http_headers.get_header("content-type"))
    if record.rec_type == "resource":
        return _is_html(record.rec_headers.get_header("content-type"))
    return False


def _is_html(content_type: str | None) -> bool:
    media = (content_type or "").split(";")[0].strip().lower()
    return not media or media in HTML_TYPES


def charset_of(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type value ("text/html; charset=Shift_JIS")."""
    match = _CHARSET.search(content_type or "")
    return match.group(1) if match else None


def _target(record: Any) -> str | None:
    url = record.rec_headers.get_header("WARC-Target-URI")
    return url.strip("<> ") if url else None


def _check_format(record: Any) -> None:
    if record.format != "warc":  # warcio reads any text line as an old ARC header
        raise ArchiveLoadFailed("no WARC/1.x record header")


def _drain(record: Any) -> None:
    """Read a record's block to its end, and check that it is all there."""
    expected = record.length or 0
    if record.http_headers is not None and record.rec_type in ("response", "request", "revisit"):
        expected -= record.http_headers.total_len
    received = 0
    while chunk := record.raw_stream.read(1 << 16):
        received += len(chunk)
    if received < expected:
        raise EOFError(f"record cut short: {received} of {expected} bytes")


def _why(exc: BaseException) -> str:
    if isinstance(exc, (AttributeError, IndexError)):
        return "a record is cut short or malformed"
    text = " ".join(str(exc).split())
    if "non-chunked gzip" in text:
        return "gzipped as one stream, not record by record: run `warcio recompress` on it"
    return f"{exc.__class__.__name__}: {text}" if text else exc.__class__.__name__


def check_output(path: Path, corpus: Path) -> None:
    """WarcNotUsable unless `path` is a WARC name outside `corpus` (which `run` reads whole)."""
    if not is_warc(path.name):
        raise errors.WarcNotUsable(f"--warc {path}: the name must end in .warc.gz or .warc")
    if path.resolve().is_relative_to(corpus.resolve()):
        raise errors.WarcNotUsable(
            f"--warc {path} is inside --out {corpus}: `extractor run {corpus}` would read every "
            "page twice; put the WARC beside it"
        )
    if path.is_dir():
        raise errors.WarcNotUsable(f"--warc {path} is a directory")


def payload_digest(body: bytes) -> str:
    """WARC-Payload-Digest as warcio and Common Crawl write it: sha1, base32."""
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


class WarcWriter:
    """Appends response records to a WARC, safely across interrupted and resumed fetches."""

    def __init__(self, path: Path, software: str) -> None:
        self.path = path
        self.gzip = path.name.lower().endswith(".gz")
        self.present: set[tuple[str, str]] = set()  # (target URI, payload digest)
        self._lock = threading.Lock()
        self.written = 0
        end = self._recover() if path.exists() else 0
        self._file: IO[bytes] = open(path, "r+b" if path.exists() else "wb")  # noqa: SIM115
        self._file.truncate(end)
        self._file.seek(end)
        self._buffer = io.BytesIO()  # each record reaches the file in one write
        self._writer = WARCWriter(self._buffer, gzip=self.gzip, warc_version="1.1")
        info = self._writer.create_warcinfo_record(
            path.name, {"software": software, "format": "WARC File Format 1.1"}
        )
        self._append(info)

    def _recover(self) -> int:
        """Where the complete records of an existing file end; their (URI, digest) pairs."""
        if not _starts_as_warc(self.path):
            raise errors.WarcNotUsable(
                f"--warc {self.path} exists and is not a WARC file; give a new name"
            )
        if self.gzip and (whole := _gzip_members_end(self.path)) < self.path.stat().st_size:
            # A member without its end (a kill mid-write) would swallow what is appended.
            LOGGER.warning("%s: dropping a gzip member cut short", self.path)
            with self.path.open("r+b") as handle:
                handle.truncate(whole)
        end = 0
        for found in _complete_records(str(self.path)):
            if isinstance(found, Damage):
                dropped = self.path.stat().st_size - end
                LOGGER.warning("%s: dropping %d bytes of a record cut short", self.path, dropped)
                break
            end, key = found
            if key is not None:
                self.present.add(key)
        return end

    def has(self, url: str, body: bytes) -> bool:
        return (url, payload_digest(body)) in self.present

    def add_response(
        self, url: str, status: int, headers: dict[str, str], body: bytes, fetched_at: str
    ) -> bool:
        """Append the response for `url` unless the file already holds these bytes for it."""
        digest = payload_digest(body)
        if (url, digest) in self.present:
            return False
        kept = [(k, v) for k, v in headers.items() if k.lower() not in _DROPPED_HEADERS]
        kept.append(("content-length", str(len(body))))
        http = StatusAndHeaders(f"{status} {_reason(status)}", kept, protocol="HTTP/1.1")
        record = self._writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            http_headers=http,
            warc_headers_dict={"WARC-Date": _warc_date(fetched_at), "WARC-Payload-Digest": digest},
        )
        with self._lock:
            self._append(record)
            self.present.add((url, digest))
            self.written += 1
        return True

    def _append(self, record: Any) -> None:
        self._buffer.seek(0)
        self._buffer.truncate()
        self._writer.write_record(record)
        self._file.write(self._buffer.getvalue())
        self._file.flush()
        os.fsync(self._file.fileno())

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> WarcWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _complete_records(path: str) -> Iterator[tuple[int, tuple[str, str] | None] | Damage]:
    """(end offset, (URI, payload digest) of a response) per complete record, then any Damage."""
    end = 0
    try:
        with open(path, "rb") as handle:
            records = ArchiveIterator(handle)
            for record in records:
                _check_format(record)
                key = None
                if record.rec_type == "response":
                    digest = record.rec_headers.get_header("WARC-Payload-Digest")
                    url = _target(record)
                    key = (url, digest) if url and digest else None
                _drain(record)
                records.get_record_offset()  # reads to the record's end, and past its blank lines
                end = records.offset
                yield end, key
    except _ARCHIVE_ERRORS as exc:
        yield Damage(end, _why(exc))


def _starts_as_warc(path: Path) -> bool:
    """Whether the file is empty or begins with a WARC record header, gzipped or not."""
    with path.open("rb") as handle:
        head = handle.read(1 << 12)
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16).decompress(head, 16)
        except zlib.error:
            return False
    return not head or head.startswith(b"WARC/")


def _gzip_members_end(path: Path) -> int:
    """The offset where the last complete gzip member of the file ends."""
    end = position = 0
    inflater = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 16):
            position += len(chunk)
            while chunk:
                try:
                    inflater.decompress(chunk, 1 << 20)
                    while inflater.unconsumed_tail:
                        inflater.decompress(inflater.unconsumed_tail, 1 << 20)
                except zlib.error:
                    return end
                if not inflater.eof:
                    break
                chunk = inflater.unused_data
                end = position - len(chunk)
                inflater = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
    return end


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _warc_date(iso: str) -> str:
    """WARC-Date from our fetched_at (ISO 8601 with +00:00): the same instant, with Z."""
    return iso.replace("+00:00", "Z")
