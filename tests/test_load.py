"""Tests for the load stage: discovery, reading, gunzip and decoding."""

from __future__ import annotations

import gzip
import hashlib
import os
import random
import time
import tracemalloc
import zlib
from pathlib import Path

import pytest

from extractor import errors
from extractor.inputs import load

MB = 1_000_000

PAGE = """<!DOCTYPE html>
<html lang="en"><head>{meta}<title>FY2024 Training Report</title></head>
<body><h1>Knowledge Co-Creation Program</h1>
<p>{body}</p>
<p>Participants from Viet Nam, Thailand and the Philippines met in Tokyo.</p>
</body></html>
"""


def page(body: str = "The workshop was held on 12 March 2024.", meta: str = "") -> str:
    return PAGE.format(meta=meta, body=body)


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def paths(inputs: list[str]) -> list[str]:
    return [ref.path for ref in load.discover(inputs)]


def decode_bytes(tmp_path: Path, data: bytes, name: str = "page.html") -> load.DecodedDocument:
    ref = load.InputRef(str(write(tmp_path / name, data)))
    return load.decode(load.read(ref, MB), MB)


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small corpus; the tests run from tmp_path so that paths stay relative."""
    for name in ["b.html", "a.htm", "c.html.gz", "notes.txt", "sub/d.HTML", "sub/e.htm.gz"]:
        write(tmp_path / "corpus" / name, page())
    write(tmp_path / "corpus" / ".hidden" / "secret.html", page())
    write(tmp_path / "corpus" / ".draft.html", page())
    write(tmp_path / "other" / "z.html", page())
    monkeypatch.chdir(tmp_path)
    return tmp_path


# discover


def test_discover_directory_recursive_sorted_html_only(tree: Path) -> None:
    assert paths(["corpus"]) == [
        "corpus/a.htm",
        "corpus/b.html",
        "corpus/c.html.gz",
        "corpus/sub/d.HTML",
        "corpus/sub/e.htm.gz",
    ]


def test_discover_skips_hidden_directories_and_files(tree: Path) -> None:
    found = paths(["corpus"])
    assert not any("hidden" in p or "draft" in p for p in found)


def test_discover_explicit_file_any_suffix(tree: Path) -> None:
    assert paths(["corpus/notes.txt"]) == ["corpus/notes.txt"]


def test_discover_keeps_input_order_and_dedupes(tree: Path) -> None:
    found = paths(["other", "corpus/b.html", "corpus", "./corpus/b.html", "other/z.html"])
    assert found == [
        "other/z.html",
        "corpus/b.html",
        "corpus/a.htm",
        "corpus/c.html.gz",
        "corpus/sub/d.HTML",
        "corpus/sub/e.htm.gz",
    ]


def test_discover_absolute_paths_stay_absolute(tree: Path) -> None:
    assert paths([str(tree / "other")]) == [(tree / "other" / "z.html").as_posix()]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("corpus/*.html", ["corpus/b.html"]),
        ("corpus/*.htm*", ["corpus/a.htm", "corpus/b.html", "corpus/c.html.gz"]),
        ("corpus/**/*.htm", ["corpus/a.htm"]),
        ("**/*.html", ["corpus/b.html", "other/z.html"]),
        ("corpus/su?", ["corpus/sub/d.HTML", "corpus/sub/e.htm.gz"]),
    ],
)
def test_discover_globs(tree: Path, pattern: str, expected: list[str]) -> None:
    assert paths([pattern]) == expected


def test_discover_survives_symlink_loop(tree: Path) -> None:
    os.symlink("..", tree / "corpus" / "sub" / "loop")
    assert (
        paths(["corpus"])
        == paths(["corpus"])
        == [
            "corpus/a.htm",
            "corpus/b.html",
            "corpus/c.html.gz",
            "corpus/sub/d.HTML",
            "corpus/sub/e.htm.gz",
        ]
    )


def test_discover_walks_a_directory_linked_twice_once(tree: Path) -> None:
    os.symlink(tree / "corpus" / "sub", tree / "corpus" / "alias")
    assert paths(["corpus"]) == [
        "corpus/a.htm",
        "corpus/b.html",
        "corpus/c.html.gz",
        "corpus/alias/d.HTML",  # "alias" sorts before "sub"
        "corpus/alias/e.htm.gz",
    ]


def test_discover_follows_symlink_to_outside_directory(tree: Path) -> None:
    os.symlink(tree / "other", tree / "corpus" / "linked")
    assert "corpus/linked/z.html" in paths(["corpus"])


def test_discover_missing_input_message(tree: Path) -> None:
    with pytest.raises(errors.InputNotFound) as info:
        load.discover(["corpus", "nope/report.html"])
    assert str(info.value) == "no such input: nope/report.html"
    assert info.value.code == "input_not_found"


def test_discover_glob_matching_nothing(tree: Path) -> None:
    with pytest.raises(errors.InputNotFound, match=r"^no such input: corpus/\*\.pdf$"):
        load.discover(["corpus/*.pdf"])


def test_discover_checks_every_argument_before_yielding(tree: Path) -> None:
    # Raised by the call itself: the caller learns of the typo before opening any output.
    with pytest.raises(errors.InputNotFound):
        load.discover(["corpus/b.html", "missing"])


def test_discover_is_lazy(tree: Path) -> None:
    refs = load.discover(["corpus"])
    write(tree / "corpus" / "added-later.html", page())
    assert "corpus/added-later.html" in [ref.path for ref in refs]


# read


def test_read_returns_bytes_and_sha256(tmp_path: Path) -> None:
    data = page().encode()
    raw = load.read(load.InputRef(str(write(tmp_path / "p.html", data))), MB)
    assert raw.data == data
    assert raw.sha256 == hashlib.sha256(data).hexdigest()


def test_read_empty_file(tmp_path: Path) -> None:
    with pytest.raises(errors.EmptyInput, match="empty"):
        load.read(load.InputRef(str(write(tmp_path / "empty.html", b""))), MB)


def test_read_too_large_checks_size_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ref = load.InputRef(str(write(tmp_path / "big.html", page() * 100)))
    monkeypatch.setattr(load, "open", pytest.fail, raising=False)
    with pytest.raises(errors.TooLarge, match=r"big\.html is \d+ bytes, over the limit of 1000"):
        load.read(ref, 1000)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read anything")
def test_read_permission_denied(tmp_path: Path) -> None:
    path = write(tmp_path / "locked.html", page())
    path.chmod(0)
    try:
        with pytest.raises(errors.ReadFailed, match=r"locked\.html: Permission denied"):
            load.read(load.InputRef(str(path)), MB)
    finally:
        path.chmod(0o644)


def test_read_directory(tmp_path: Path) -> None:
    with pytest.raises(errors.ReadFailed, match="Is a directory"):
        load.read(load.InputRef(str(tmp_path)), MB)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_read_fifo_fails_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.html")
    with pytest.raises(errors.ReadFailed, match="not a regular file"):
        load.read(load.InputRef(str(tmp_path / "pipe.html")), MB)


def test_read_vanished_file(tmp_path: Path) -> None:
    with pytest.raises(errors.ReadFailed, match=r"gone\.html: No such file"):
        load.read(load.InputRef(str(tmp_path / "gone.html")), MB)


# gzip


def test_html_gz_is_read_compressed_and_decoded(tmp_path: Path) -> None:
    text = page("Café “opened”")
    data = gzip.compress(text.encode())
    raw = load.read(load.InputRef(str(write(tmp_path / "p.html.gz", data))), MB)
    assert raw.data == data
    decoded = load.decode(raw, MB)
    assert decoded.html == text
    assert decoded.encoding == "utf-8"


def test_gzip_detected_by_magic_whatever_the_suffix(tmp_path: Path) -> None:
    assert decode_bytes(tmp_path, gzip.compress(page().encode()), "p.html").html == page()


def test_concatenated_gzip_members(tmp_path: Path) -> None:
    data = gzip.compress(b"<html><body><p>one ") + gzip.compress(b"two</p></body></html>")
    assert decode_bytes(tmp_path, data).html == "<html><body><p>one two</p></body></html>"


def test_truncated_gzip(tmp_path: Path) -> None:
    data = gzip.compress(page().encode() * 20)
    with pytest.raises(errors.BadCompression, match="truncated"):
        decode_bytes(tmp_path, data[: len(data) // 2], "cut.html.gz")


def test_corrupt_gzip(tmp_path: Path) -> None:
    data = bytearray(gzip.compress(page().encode()))
    data[-8] ^= 0xFF  # the CRC
    with pytest.raises(errors.BadCompression, match="corrupt"):
        decode_bytes(tmp_path, bytes(data), "bad.html.gz")


def test_gzip_bomb_stops_at_limit(tmp_path: Path) -> None:
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    zeros = bytes(MB)
    bomb = b"".join(packer.compress(zeros) for _ in range(60)) + packer.flush()
    assert len(bomb) < MB  # the compressed file itself passes the size check
    raw = load.read(load.InputRef(str(write(tmp_path / "bomb.html.gz", bomb))), MB)
    started = time.perf_counter()
    tracemalloc.start()
    try:
        with pytest.raises(errors.TooLarge, match="inflates"):
            load.decode(raw, MB)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 1.0
    assert peak < 5 * MB  # never the 60 MB


# decode


@pytest.mark.parametrize(
    ("bom", "codec", "expected"),
    [
        (b"\xef\xbb\xbf", "utf-8", "utf-8"),
        (b"\xff\xfe", "utf-16-le", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be", "utf-16-be"),
        (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32-le"),
    ],
)
def test_bom(tmp_path: Path, bom: bytes, codec: str, expected: str) -> None:
    text = page("Zürich – 東京")
    decoded = decode_bytes(tmp_path, bom + text.encode(codec))
    assert decoded.html == text  # the BOM itself is not part of the text
    assert decoded.encoding == expected


def test_bom_beats_declared_charset(tmp_path: Path) -> None:
    text = page("café", meta='<meta charset="iso-8859-1">')
    decoded = decode_bytes(tmp_path, b"\xef\xbb\xbf" + text.encode())
    assert (decoded.html, decoded.encoding) == (text, "utf-8")


@pytest.fixture
def no_detector(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail if statistical detection is consulted: the evidence in the bytes must suffice."""

    def refuse(data: bytes) -> None:
        raise AssertionError("charset detection should not be needed")

    monkeypatch.setattr(load.charset_normalizer, "from_bytes", refuse)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.usefixtures("no_detector")
def test_unicode_without_bom(tmp_path: Path, codec: str) -> None:
    text = page("国際協力機構の研修は東京で開催されました。")
    decoded = decode_bytes(tmp_path, text.encode(codec))
    assert (decoded.html, decoded.encoding) == (text, codec)


JAPANESE = "2024年度 研修報告：国際協力機構（JICA）の研修プログラムは東京で開催されました。"


@pytest.mark.usefixtures("no_detector")
def test_meta_charset_shift_jis(tmp_path: Path) -> None:
    text = page(JAPANESE, meta='<meta charset="Shift_JIS">')
    decoded = decode_bytes(tmp_path, text.encode("shift_jis"))
    assert (decoded.html, decoded.encoding) == (text, "shift_jis")


@pytest.mark.usefixtures("no_detector")
def test_http_equiv_shift_jis_with_windows_extensions(tmp_path: Path) -> None:
    # ① and ㈱ exist only in Microsoft's cp932, which browsers use for "Shift_JIS".
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=shift_jis">'
    text = page("① 研修報告 ㈱", meta=meta)
    decoded = decode_bytes(tmp_path, text.encode("cp932"))
    assert (decoded.html, decoded.encoding) == (text, "cp932")


def test_xml_declaration(tmp_path: Path) -> None:
    text = '<?xml version="1.0" encoding="EUC-JP"?>\n' + page(JAPANESE)
    decoded = decode_bytes(tmp_path, text.encode("euc_jp"))
    assert (decoded.html, decoded.encoding) == (text, "euc_jp")


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (page(JAPANESE), "shift_jis"),
        (page(JAPANESE), "euc_jp"),
        (page("한국국제협력단은 서울에서 연수 프로그램을 개최했습니다."), "euc_kr"),
        (page("国际合作机构在北京举办了培训项目。参加者来自东南亚各国。"), "gb18030"),
        (page("Международная организация провела семинар в Москве."), "cp1251"),
        (page(JAPANESE), "iso2022_jp"),  # 7-bit: must not be taken for ASCII
    ],
)
def test_undeclared_legacy_encodings_are_detected(tmp_path: Path, text: str, codec: str) -> None:
    assert decode_bytes(tmp_path, text.encode(codec)).html == text


WESTERN = "The \u201ccafé\u201d opened in Zürich \u2013 a naïve façade, résumé attached."


def test_undeclared_cp1252(tmp_path: Path) -> None:
    data = page(WESTERN).encode("cp1252")
    assert b"\x93caf\xe9\x94" in data
    decoded = decode_bytes(tmp_path, data)
    assert (decoded.html, decoded.encoding) == (page(WESTERN), "cp1252")


def test_declared_utf8_but_written_in_cp1252(tmp_path: Path) -> None:
    text = page(WESTERN, meta='<meta charset="utf-8">')
    decoded = decode_bytes(tmp_path, text.encode("cp1252"))
    assert (decoded.html, decoded.encoding) == (text, "cp1252")


@pytest.mark.parametrize("label", ["iso-8859-1", "latin-1", "ascii", "windows-1252"])
def test_declared_latin1_is_read_as_cp1252(tmp_path: Path, label: str) -> None:
    text = page(WESTERN, meta=f'<meta charset="{label}">')
    decoded = decode_bytes(tmp_path, text.encode("cp1252"))
    assert (decoded.html, decoded.encoding) == (text, "cp1252")


def test_valid_utf8_beats_a_stale_latin1_declaration(tmp_path: Path) -> None:
    # Every byte of this UTF-8 is defined in cp1252 too, so the declaration alone would "work".
    text = page("A naïve façade in Zürich – résumé “attached", meta='<meta charset="iso-8859-1">')
    assert text.encode().decode("cp1252") != text
    decoded = decode_bytes(tmp_path, text.encode())
    assert (decoded.html, decoded.encoding) == (text, "utf-8")


@pytest.mark.parametrize("label", ["utf-16", "UTF-16LE"])
def test_declared_utf16_in_an_ascii_page_is_utf8(tmp_path: Path, label: str) -> None:
    text = page(meta=f'<meta charset="{label}">')
    text += " " * (len(text) % 2)  # even length: would decode "cleanly" as UTF-16
    decoded = decode_bytes(tmp_path, text.encode())
    assert (decoded.html, decoded.encoding) == (text, "utf-8")


def test_plain_utf8(tmp_path: Path) -> None:
    decoded = decode_bytes(tmp_path, page(WESTERN).encode())
    assert (decoded.html, decoded.encoding) == (page(WESTERN), "utf-8")


def test_nul_bytes_are_removed(tmp_path: Path) -> None:
    data = page("café").encode().replace(b"<h1>", b"<h1>\x00").replace(b"</p>", b"\x00</p>", 1)
    decoded = decode_bytes(tmp_path, data + b"\x00" * 4000)  # and NUL padding at the end
    assert decoded.html == page("café")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "a JPEG image"),
        (b"GIF89a\x01\x00\x01\x00", "a GIF image"),
        (b"PK\x03\x04\x14\x00\x06\x00", "a ZIP archive"),
    ],
)
def test_binary_formats_are_not_html(tmp_path: Path, data: bytes, kind: str) -> None:
    with pytest.raises(errors.NotHtml, match=f"looks like {kind}.*not HTML"):
        decode_bytes(tmp_path, data, "report.html")


def test_a_pdf_is_read_as_a_pdf_whatever_its_name_and_gzipped_too(tmp_path: Path) -> None:
    data = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n"
    for name, stored in (("report.html.gz", gzip.compress(data)), ("report.pdf", data)):
        decoded = decode_bytes(tmp_path, stored, name)
        assert (decoded.media_type, decoded.pdf, decoded.html) == (load.PDF, data, "")
        assert decoded.encoding is None
    # a header after a few stray bytes (a byte-order mark, a line of an HTTP response) counts
    assert decode_bytes(tmp_path, b"\xef\xbb\xbf" + data, "x.pdf").media_type == load.PDF


@pytest.mark.parametrize("size", [64, 300, 4096, 100_000])
def test_random_binary_is_not_html(tmp_path: Path, size: int) -> None:
    data = random.Random(size).randbytes(size)
    with pytest.raises(errors.NotHtml, match="looks like binary data, not HTML"):
        decode_bytes(tmp_path, data)


def test_only_nul_bytes_is_not_html(tmp_path: Path) -> None:
    with pytest.raises(errors.NotHtml, match="only NUL"):
        decode_bytes(tmp_path, bytes(2048))


# source_of


def test_source_of_read_document(tmp_path: Path) -> None:
    data = page().encode()
    ref = load.InputRef(str(write(tmp_path / "p.html", data)), url="https://example.org/p")
    source = load.source_of(ref, load.read(ref, MB), "utf-8")
    assert source.path == ref.path
    assert source.url == "https://example.org/p"
    assert source.sha256 == hashlib.sha256(data).hexdigest()
    assert (source.encoding, source.bytes) == ("utf-8", len(data))


def test_source_of_unread_input(tmp_path: Path) -> None:
    ref = load.InputRef(str(write(tmp_path / "big.html", b"x" * 1234)))
    assert load.source_of(ref).model_dump(
        exclude={"canonical_url", "warc_offset", "warc_record_id"}
    ) == {
        "path": ref.path,
        "url": None,
        "sha256": None,
        "encoding": None,
        "bytes": 1234,
        "media_type": None,
    }
    assert load.source_of(load.InputRef(str(tmp_path / "gone.html"))).bytes == 0


def test_utf8_page_with_pasted_cp1252_keeps_both_scripts(tmp_path):
    html = page("Café in Zürich: XSEP.", meta='<meta charset="utf-8">').encode("utf-8")
    data = html.replace(b"XSEP", "François – Ørsted".encode("cp1252"))
    decoded = decode_bytes(tmp_path, data)
    assert decoded.encoding == load.MIXED_UTF8_CP1252
    assert "Café in Zürich: François – Ørsted." in decoded.html


def test_undeclared_legacy_chinese_is_not_taken_for_mixed_utf8(tmp_path):
    text = "国际合作机构与越南卫生部于二零二四年三月在河内举办培训。" * 20
    data = page(text).encode("gb18030")
    decoded = decode_bytes(tmp_path, data)
    assert decoded.encoding != load.MIXED_UTF8_CP1252
    assert text in decoded.html
