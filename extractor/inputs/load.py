"""Find inputs, read their bytes, and decode them to text: the first stage of the pipeline."""

from __future__ import annotations

import codecs
import contextlib
import glob
import hashlib
import json
import logging
import os
import re
import stat
import unicodedata
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePath

import charset_normalizer

from extractor import errors, models
from extractor.inputs import warc

LOGGER = logging.getLogger(__name__)

HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
PDF_SUFFIXES = (".pdf",)
INPUT_SUFFIXES = HTML_SUFFIXES + PDF_SUFFIXES + warc.WARC_SUFFIXES  # what a directory walk picks up
PDF = "application/pdf"
HTML = "text/html"

GZIP_MAGIC = b"\x1f\x8b"

# A PDF's header; readers accept it within the first kilobyte (after a stray byte-order mark or
# an HTTP remnant).
PDF_MAGIC = b"%PDF-"
_PDF_HEADER_BYTES = 1024

# Leading bytes of binary formats that end up named .html (downloads saved under the wrong name).
_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (GZIP_MAGIC, "gzip data (compressed twice?)"),
)

_BOMS = (  # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Bytes examined for the NUL pattern of BOM-less UTF-16/32 and for a declared charset. Browsers
# prescan 1024 bytes; real pages often put <meta charset> after long inline scripts or comments.
_SNIFF_BYTES = 8192
# In UTF-16 HTML the ASCII markup makes one byte of most code units NUL, and the other byte
# almost never; NUL padding or stray NULs hit both positions alike.
_UTF16_NUL_SHARE = 0.3
_UTF16_OTHER_NUL_MAX = 0.05

_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*?\sencoding\s*=\s*["']?([\w.:-]+)""", re.I)
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_ISO2022_JP_ESCAPE = re.compile(rb"\x1b[$(][@BDJ]")
_SIDECAR_MAX_BYTES = 1_000_000  # a sidecar is a few kB; a bigger .json is not one
_GLOB_CHARS = re.compile(r"[*?[]")

# WHATWG labels Python does not know.
_EXTRA_LABELS = {"windows-31j": "cp932", "x-sjis": "cp932", "x-euc-jp": "euc_jp", "x-gbk": "gbk"}
# Browsers decode these labels with a superset (WHATWG encoding standard). Single-byte ones are
# replaced outright (latin-1 decodes anything, so trying it first would always win); multibyte
# ones are tried after the declared codec, which is then reported when it suffices.
_REPLACED = {"iso8859-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254", "tis-620": "cp874"}
_SUPERSETS = {"shift_jis": "cp932", "euc_kr": "cp949", "gb2312": "gb18030", "gbk": "gb18030"}

# Text in a correctly chosen encoding has essentially no control characters; uniform random
# bytes give about 11%. A page with a little junk in it stays well under this share.
_MAX_CONTROL_SHARE = 0.05
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class InputRef:
    """One input: a file, one record of a WARC file, or a URL whose fetch failed."""

    path: str  # "" when there is no local file (a URL that could not be fetched)
    url: str | None = None
    warc_offset: int | None = None  # the record's byte offset, for a WARC input
    warc_record_id: str | None = None
    problem: tuple[str, str] | None = None  # (error code, message) known before reading
    charset: str | None = None  # the charset of the HTTP Content-Type it was served with

    @property
    def key(self) -> str:
        """What tells this input from every other of a run."""
        offset = "" if self.warc_offset is None else f"@{self.warc_offset}"
        return f"{self.path}{offset}\t{self.url or ''}"


@dataclass(frozen=True)
class RawDocument:
    ref: InputRef
    data: bytes
    sha256: str


@dataclass(frozen=True)
class DecodedDocument:
    raw: RawDocument
    html: str  # "" for a PDF
    encoding: str | None  # None for a PDF
    media_type: str = HTML
    pdf: bytes = b""  # a PDF's bytes, decompressed


def is_pdf(data: bytes) -> bool:
    """Whether `data` is a PDF by its header."""
    return PDF_MAGIC in data[:_PDF_HEADER_BYTES]


def discover(
    inputs: Sequence[str], fetched: Mapping[str, InputRef] | None = None
) -> Iterator[InputRef]:
    """Files, directories (recursive: HTML and WARC files) and globs, each real file once; a
    WARC file is its HTML records. `fetched` holds the inputs of the URL arguments.

    Every argument is checked before anything is yielded, so a typo fails the run up front.
    """
    fetched = fetched or {}
    for arg in inputs:
        if arg in fetched:
            continue
        matches = glob.iglob(arg, recursive=True) if _GLOB_CHARS.search(arg) else iter(())
        if not os.path.exists(arg) and not any(os.path.exists(m) for m in matches):
            raise errors.InputNotFound(f"no such input: {arg}")
    return _discover(list(inputs), fetched)


def _discover(inputs: list[str], fetched: Mapping[str, InputRef]) -> Iterator[InputRef]:
    seen_paths: set[str] = set()
    seen_dirs: set[str] = set()  # real paths: a symlink loop or a second link is walked once
    for arg in inputs:
        if arg in fetched:
            ref = fetched[arg]
            mark = ref.path or ref.key  # the stored page, read once however it was named
            if mark not in seen_paths:
                seen_paths.add(mark)
                yield ref
            continue
        if os.path.exists(arg):
            matches = [arg]
        else:  # a glob; broken symlinks among its matches are not inputs
            matches = [m for m in sorted(glob.glob(arg, recursive=True)) if os.path.exists(m)]
        for match in matches:
            found = _walk(match, seen_dirs) if os.path.isdir(match) else iter([match])
            for path in found:
                posix = PurePath(path).as_posix()
                if posix in seen_paths:
                    continue
                seen_paths.add(posix)
                if warc.is_warc(posix):
                    yield from warc_refs(posix)
                else:
                    url, charset = sidecar_info(path)
                    yield InputRef(path=posix, url=url, charset=charset)


def warc_refs(path: str) -> Iterator[InputRef]:
    """One input per HTML response record of a WARC file; a damaged rest is one more input,
    which becomes a `bad_warc` reject."""
    count = 0
    for found in warc.entries(path):
        count += 1
        if isinstance(found, warc.Damage):
            problem = (errors.WarcUnreadable.code, found.message)
            yield InputRef(path=path, warc_offset=found.offset, problem=problem)
        else:
            yield InputRef(path, found.url, found.offset, found.record_id, charset=found.charset)
    if not count:  # still one input, so that the file is accounted for
        empty = os.path.getsize(path) == 0
        code = errors.EmptyInput.code if empty else errors.NoHtmlRecords.code
        why = "is empty (0 bytes)" if empty else "holds no HTML response or resource records"
        yield InputRef(path=path, problem=(code, f"{path} {why}"))


def sidecar_info(path: str) -> tuple[str | None, str | None]:
    """The URL and the HTTP charset the `extractor fetch` sidecar beside a page records."""
    lower = path.lower()
    suffix = next((s for s in HTML_SUFFIXES + PDF_SUFFIXES if lower.endswith(s)), None)
    if suffix is None:
        return None, None
    try:
        with open(path[: -len(suffix)] + ".json", "rb") as handle:
            sidecar = json.loads(handle.read(_SIDECAR_MAX_BYTES))
    except (OSError, ValueError):
        return None, None
    if not isinstance(sidecar, dict):
        return None, None
    headers = sidecar.get("headers")
    content_type = headers.get("content-type") if isinstance(headers, dict) else None
    charset = warc.charset_of(content_type if isinstance(content_type, str) else None)
    for key in ("final_url", "url"):  # where the bytes came from, after redirects
        url = sidecar.get(key)
        if isinstance(url, str) and url.startswith(("http://", "https://")):
            return url, charset
    return None, charset


def _walk(top: str, seen_dirs: set[str]) -> Iterator[str]:
    real_top = os.path.realpath(top)
    if real_top in seen_dirs:
        LOGGER.debug("skipping %s: already walked as %s", top, real_top)
        return
    seen_dirs.add(real_top)
    for dirpath, dirnames, filenames in os.walk(top, followlinks=True, onerror=_walk_error):
        kept = []
        for name in sorted(dirnames):
            real = os.path.realpath(os.path.join(dirpath, name))
            if not name.startswith(".") and real not in seen_dirs:
                seen_dirs.add(real)
                kept.append(name)
        dirnames[:] = kept  # os.walk descends only into what is left here, in this order
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            html = not name.startswith(".") and name.lower().endswith(INPUT_SUFFIXES)
            if html and os.path.isfile(path):
                yield path


def _walk_error(error: OSError) -> None:
    LOGGER.warning("cannot list %s: %s", error.filename, error.strerror)


def read(ref: InputRef, max_bytes: int) -> RawDocument:
    """The file's bytes as stored (still compressed for .gz), or a WARC record's body."""
    path = ref.path
    if ref.problem is not None:
        raise errors.document_error(*ref.problem)
    if ref.warc_offset is not None:
        data = warc.read_payload(path, ref.warc_offset, max_bytes)
        if not data:
            raise errors.EmptyInput(f"the record of {path} at byte {ref.warc_offset} is empty")
        return RawDocument(ref=ref, data=data, sha256=hashlib.sha256(data).hexdigest())
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise errors.ReadFailed(f"cannot read {path}: Is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise errors.ReadFailed(f"cannot read {path}: not a regular file")
        if info.st_size > max_bytes:
            raise errors.TooLarge(f"{path} is {info.st_size} bytes, over the limit of {max_bytes}")
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)  # the file may grow after the stat
    except OSError as exc:
        raise errors.ReadFailed(f"cannot read {path}: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise errors.TooLarge(f"{path} is over the limit of {max_bytes} bytes")
    if not data:
        raise errors.EmptyInput(f"{path} is empty (0 bytes)")
    return RawDocument(ref=ref, data=data, sha256=hashlib.sha256(data).hexdigest())


def decode(raw: RawDocument, max_bytes: int) -> DecodedDocument:
    """Gunzip if compressed, refuse binary content, and decode to text."""
    path = raw.ref.path
    data = _gunzip(raw.data, max_bytes, path) if raw.data.startswith(GZIP_MAGIC) else raw.data
    if not data:
        raise errors.EmptyInput(f"{path} is empty once decompressed")
    if is_pdf(data):
        return DecodedDocument(raw=raw, html="", encoding=None, media_type=PDF, pdf=data)
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise errors.NotHtml(f"{path} looks like {kind}, not HTML")
    text, encoding, lossy = _to_text(data, raw.ref.charset)
    body = text.strip("\x00")  # NUL padding from an interrupted write is not binary content
    if not body:
        raise errors.NotHtml(f"{path} looks like binary data (only NUL bytes), not HTML")
    if len(_CONTROLS.findall(body)) > _MAX_CONTROL_SHARE * len(body):
        raise errors.NotHtml(f"{path} looks like binary data, not HTML")
    if lossy:
        LOGGER.warning("%s: invalid %s; bad bytes replaced with U+FFFD", path, encoding)
    return DecodedDocument(raw=raw, html=text.replace("\x00", ""), encoding=encoding)


def _gunzip(data: bytes, max_bytes: int, path: str) -> bytes:
    """Inflate in bounded steps so that a gzip bomb stops at max_bytes, not at memory."""
    out = bytearray()
    inflater = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
    pending = data
    try:
        while True:
            out += inflater.decompress(pending, max_bytes + 1 - len(out))
            if len(out) > max_bytes:
                raise errors.TooLarge(f"{path} inflates past the limit of {max_bytes} bytes")
            if inflater.eof:
                pending = inflater.unused_data
                if not pending.startswith(GZIP_MAGIC):  # members may be concatenated
                    if pending.strip(b"\x00"):
                        LOGGER.warning("%s: ignoring trailing bytes after the gzip data", path)
                    return bytes(out)
                inflater = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
            elif inflater.unconsumed_tail:
                pending = inflater.unconsumed_tail
            else:
                raise errors.BadCompression(f"{path}: truncated gzip data")
    except zlib.error as exc:
        raise errors.BadCompression(f"{path}: corrupt gzip data ({exc})") from exc


def _to_text(data: bytes, http_charset: str | None = None) -> tuple[str, str, bool]:
    """Decode with the most trustworthy evidence first: text, codec used, bytes replaced.

    A BOM, then the NUL pattern of UTF-16/32, then valid multibyte UTF-8 (servers often
    declare a stale default), then what the HTTP header, <meta> or XML declaration says.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):  # a BOM overrides any declaration, as in browsers
            body = data[len(bom) :]
            return body.decode(codec, errors="replace"), codec, _try(body, codec) is None
    unicode_guess = _sniff_utf16_32(data[:_SNIFF_BYTES])
    if unicode_guess and (text := _try(data, unicode_guess)) is not None:
        return text, unicode_guess, False
    utf8 = _try(data, "utf-8")
    if utf8 is not None and not data.isascii():
        # Valid multibyte UTF-8 is too unlikely by accident to be anything else: this page is
        # UTF-8 whatever its meta says (saved pages often keep a stale legacy declaration).
        return utf8, "utf-8", False
    candidates = _declared_codecs(data[:_SNIFF_BYTES], http_charset)
    if utf8 is None and _mixed_utf8(data, declared_utf8=candidates[:1] == ["utf-8"]):
        # UTF-8 with pieces pasted in from a legacy page: the invalid bytes are cp1252.
        return data.decode("utf-8", errors=_CP1252_FALLBACK), MIXED_UTF8_CP1252, False
    if _ISO2022_JP_ESCAPE.search(data):  # 7-bit, so it would pass as ASCII below
        candidates.append("iso2022_jp")
    for codec in candidates:
        if (text := _try(data, codec)) is not None:
            return text, codec, False
    if utf8 is not None:
        return utf8, "utf-8", False
    if (detected := _detect(data)) is not None:
        return (*detected, False)
    if (text := _try(data, "cp1252")) is not None:
        return text, "cp1252", False
    return data.decode("utf-8", errors="replace"), "utf-8", True


MIXED_UTF8_CP1252 = "utf-8+cp1252"
_CP1252_FALLBACK = "extractor-cp1252-fallback"
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error(_CP1252_FALLBACK, _cp1252_fallback)


def _mixed_utf8(data: bytes, declared_utf8: bool) -> bool:
    """Whether invalid UTF-8 is UTF-8 with legacy (cp1252) pieces in it: it has valid multibyte
    sequences, and either declares UTF-8 or has most of its non-ASCII bytes in such sequences
    (legacy CJK encodings form some by accident, never most)."""
    in_sequences = sum(len(m.group()) for m in _UTF8_SEQUENCE.finditer(data))
    if not in_sequences:
        return False
    return declared_utf8 or in_sequences * 4 >= 3 * sum(1 for byte in data if byte >= 0x80)


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _sniff_utf16_32(sample: bytes) -> str | None:
    """Guess BOM-less UTF-16/32 from where the NUL bytes sit."""
    quads = len(sample) // 4
    if quads == 0:
        return None
    nul = [sample[i : quads * 4 : 4].count(0) / quads for i in range(4)]
    if nul[2] > 0.9 and nul[3] > 0.9 and nul[0] < _UTF16_OTHER_NUL_MAX:
        return "utf-32-le"
    if nul[0] > 0.9 and nul[1] > 0.9 and nul[3] < _UTF16_OTHER_NUL_MAX:
        return "utf-32-be"
    even, odd = (nul[0] + nul[2]) / 2, (nul[1] + nul[3]) / 2
    if odd > _UTF16_NUL_SHARE and even < _UTF16_OTHER_NUL_MAX:
        return "utf-16-le"
    if even > _UTF16_NUL_SHARE and odd < _UTF16_OTHER_NUL_MAX:
        return "utf-16-be"
    return None


def _declared_codecs(head: bytes, http_charset: str | None = None) -> list[str]:
    """Codecs to try for the charset declared: the HTTP header's first (as browsers do), then
    <meta>, then the XML declaration."""
    labels = [m.group(1) for m in (_META_CHARSET.search(head), _XML_DECL.search(head)) if m]
    if http_charset:
        labels.insert(0, http_charset.encode("ascii", errors="replace"))
    result: list[str] = []
    for label in labels:
        text = label.decode("ascii", errors="replace").strip().lower()
        try:
            codec = codecs.lookup(_EXTRA_LABELS.get(text, text)).name
        except LookupError:
            LOGGER.debug("ignoring unknown charset label %r", text)
            continue
        if codec.startswith(("utf-16", "utf-32")):
            codec = "utf-8"  # the declaration was readable as ASCII, so the page is not UTF-16
        codec = _REPLACED.get(codec, codec)
        result += [codec, _SUPERSETS[codec]] if codec in _SUPERSETS else [codec]
    return list(dict.fromkeys(result))


def _detect(data: bytes) -> tuple[str, str] | None:
    """Statistical detection, trusted for non-Latin scripts only.

    On a short Western page the detector cannot tell cp1252 from cp1250 or mac-roman; browsers
    fall back to cp1252 there, and so do we, but a CJK or Cyrillic guess is worth taking.
    """
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        return None
    codec = codecs.lookup(best.encoding).name
    if (text := _try(data, codec)) is None:
        return None
    letters = [ch for ch in text if not ch.isascii() and ch.isalpha()]
    latin = sum(unicodedata.name(ch, "").startswith("LATIN") for ch in letters)
    if letters and latin * 2 < len(letters):
        return text, codec
    if (cp1252 := _try(data, "cp1252")) is not None:
        return cp1252, "cp1252"
    return text, codec


def source_of(
    ref: InputRef, raw: RawDocument | None = None, encoding: str | None = None
) -> models.Source:
    """The Source record for an input, however far it got through this stage."""
    size, sha256 = (len(raw.data), raw.sha256) if raw is not None else (0, None)
    if raw is None and ref.path and ref.warc_offset is None:
        with contextlib.suppress(OSError):
            info = os.stat(ref.path)
            size = info.st_size if stat.S_ISREG(info.st_mode) else 0
    return models.Source(
        path=ref.path or None,
        url=ref.url,
        sha256=sha256,
        encoding=encoding,
        bytes=size,
        warc_offset=ref.warc_offset,
        warc_record_id=ref.warc_record_id,
    )
