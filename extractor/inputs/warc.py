"""WARC in and out, with warcio: `extractor fetch --warc` writes, `extractor run` reads.

Reading: the inputs of a .warc or .warc.gz file are its `response` records of http(s) URLs whose
Content-Type is HTML or PDF (or absent), and its `resource` records of HTML or PDF. Other
records (requests, metadata, revisits, images, robots.txt...) are not inputs, the way a
directory's other files are not. A record is located by its byte offset, so a worker re-reads
just that record; a gzipped WARC must therefore be compressed record by record, as every
crawler writes it.

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

from extractor import errors

LOGGER = logging.getLogger(__name__)

WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
PDF_TYPES = frozenset({"application/pdf", "application/x-pdf"})
# Hop-by-hop and encoding headers that no longer describe the body we store (decoded, whole).
_DROPPED_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})


def _archive_errors() -> tuple[type[BaseException], ...]:
    """What reading a damaged archive raises, from warcio, zlib, brotli or the file system.

    warcio (with fsspec and asyncio, 40 ms) is imported where an archive is read or written,
    not with this module, which every run imports to discover its inputs."""
    from warcio.exceptions import ArchiveLoadFailed

    return (
        ArchiveLoadFailed,
        zlib.error,
        EOFError,
        ValueError,
        OSError,
        AttributeError,  # warcio on a record whose header block is cut off
        IndexError,
    )


def _record_errors() -> tuple[type[BaseException], ...]:
    return (*_archive_errors(), StopIteration)


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


@dataclass(frozen=True)
class _Scanned:
    """What a scan keeps of one complete record (its block read to the end and checked)."""

    start: int
    end: int  # where the next record starts (blank lines included)
    entry: Entry | None  # set for an input record
    key: tuple[str, str] | None  # (target URI, payload digest) of a response


def _scan(path: str) -> Iterator[_Scanned | Damage]:
    """Every complete record of the WARC at `path`, in file order; a Damage ends a broken file.

    A record cut short, bytes after the last record, or a gzip stream that is not one member
    per record end the scan with the byte offset from which nothing more can be read.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    offset = 0
    try:
        with open(path, "rb") as handle:
            records = ArchiveIterator(handle)
            for record in records:
                offset = max(0, records.offset)  # the start, until the record is read to its end
                _check_format(record)
                entry = _entry(record, offset) if _is_input(record) else None
                key = None
                if record.rec_type == "response" and (url := _target(record)):
                    digest = record.rec_headers.get_header("WARC-Payload-Digest")
                    key = (url, digest) if digest else None
                _drain(record)  # a record cut short is part of the damage, not an input
                records.get_record_offset()  # reads to the record's end, and past its blank lines
                if records.offset < offset:
                    raise ArchiveLoadFailed("non-chunked gzip")  # warcio's offsets run backwards
                yield _Scanned(offset, records.offset, entry, key)
                offset = records.offset
            size = os.fstat(handle.fileno()).st_size
        if offset < size:  # warcio ends quietly at a record cut off in its first bytes
            raise EOFError(f"{size - offset} bytes after the last complete record")
    except _archive_errors() as exc:
        yield Damage(offset, _why(exc))


def entries(path: str) -> Iterator[Entry | Damage]:
    """The input records of the WARC at `path`, in file order; a Damage ends a broken file.

    A file gzipped as one stream is one Damage: its records cannot be read by offset.
    """
    found: list[Entry] = []
    for scanned in _scan(path):
        if isinstance(scanned, Damage):
            if "one stream" in scanned.message:
                found, scanned = [], Damage(0, scanned.message)
            message = f"{path}: unreadable WARC from byte {scanned.offset} on ({scanned.message})"
            yield from found
            yield Damage(scanned.offset, message)
            return
        if scanned.entry is not None:
            found.append(scanned.entry)
    yield from found


def _entry(record: Any, offset: int) -> Entry:
    headers = record.http_headers or record.rec_headers
    charset = charset_of(headers.get_header("content-type"))
    return Entry(offset, _target(record), record.rec_headers.get_header("WARC-Record-ID"), charset)


def read_payload(path: str, offset: int, max_bytes: int) -> bytes:
    """The body of the input record at `offset` (content- and transfer-encoding removed).

    Raises HttpError when the archived response was not a success, TooLarge past `max_bytes`,
    WarcUnreadable when the record cannot be read.
    """
    from warcio.archiveiterator import ArchiveIterator

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
    except _record_errors() as exc:
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
        return is_document(record.http_headers.get_header("content-type"))
    if record.rec_type == "resource":
        return is_document(record.rec_headers.get_header("content-type"))
    return False


def media_type(content_type: str | None) -> str:
    """The media type of a Content-Type value, lower case: "text/html; charset=x" -> "text/html"."""
    return (content_type or "").split(";")[0].strip().lower()


def is_html(content_type: str | None) -> bool:
    """Whether a response with this Content-Type is a page to read: HTML, or no type at all."""
    media = media_type(content_type)
    return not media or media in HTML_TYPES


def is_document(content_type: str | None) -> bool:
    """Whether a record with this Content-Type is an input: an HTML page, a PDF, or untyped."""
    return is_html(content_type) or media_type(content_type) in PDF_TYPES


def charset_of(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type value ("text/html; charset=Shift_JIS")."""
    match = _CHARSET.search(content_type or "")
    return match.group(1) if match else None


def _target(record: Any) -> str | None:
    url = record.rec_headers.get_header("WARC-Target-URI")
    return url.strip("<> ") if url else None


def _check_format(record: Any) -> None:
    from warcio.exceptions import ArchiveLoadFailed

    if record.format != "warc":  # warcio reads any text line as an old ARC header
        raise ArchiveLoadFailed("no WARC/1.x record header")
    length = (record.rec_headers.get_header("Content-Length") or "").strip()
    if not length.isdigit():  # without it warcio reads the rest of the file as this record
        raise ArchiveLoadFailed(f"a record without a valid Content-Length ({length or 'none'})")


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
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise errors.WarcNotUsable(f"--warc {path}: {exc.strerror or exc}") from exc


def payload_digest(body: bytes) -> str:
    """WARC-Payload-Digest as warcio and Common Crawl write it: sha1, base32."""
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


class WarcWriter:
    """Appends response records to a WARC, safely across interrupted and resumed fetches."""

    def __init__(self, path: Path, software: str) -> None:
        self.path = path
        self.present: set[tuple[str, str]] = set()  # (target URI, payload digest)
        self._lock = threading.Lock()
        exists = path.exists() and path.stat().st_size > 0
        # Compressed like what the file already holds, whatever its name says.
        self.gzip = _is_gzip(path) if exists else path.name.lower().endswith(".gz")
        end = self._recover() if exists else 0
        try:
            self._file: IO[bytes] = open(path, "r+b" if exists else "wb")  # noqa: SIM115
        except OSError as exc:
            raise errors.WarcNotUsable(f"--warc {path}: {exc.strerror or exc}") from exc
        self._file.truncate(end)
        self._file.seek(end)
        from warcio.warcwriter import WARCWriter

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
        end = 0
        for found in _scan(str(self.path)):
            if isinstance(found, Damage):
                if "one stream" in found.message:
                    raise errors.WarcNotUsable(
                        f"--warc {self.path} is gzipped as one stream, which appending would "
                        "make unreadable: run `warcio recompress` on it, or give a new name"
                    )
                dropped = self.path.stat().st_size - end
                LOGGER.warning("%s: dropping %d bytes of a record cut short", self.path, dropped)
                break
            end = found.end
            if found.key is not None:
                self.present.add(found.key)
        if self.gzip:  # a member without its end (a kill mid-write) would swallow what follows
            end = min(end, _gzip_members_end(self.path))
        return end

    def has(self, url: str, body: bytes) -> bool:
        return (url, payload_digest(body)) in self.present

    def add_response(
        self, url: str, status: int, headers: dict[str, str], body: bytes, fetched_at: str
    ) -> bool:
        """Append the response for `url` unless the file already holds these bytes for it."""
        from warcio.statusandheaders import StatusAndHeaders

        digest = payload_digest(body)
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
        with self._lock:  # two hosts redirecting to one URL: two threads, one record
            if (url, digest) in self.present:
                return False
            self._append(record)
            self.present.add((url, digest))
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


def _is_gzip(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(2) == b"\x1f\x8b"


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
