"""The report page: one self-contained HTML file with counts, SVG charts and tables."""

from __future__ import annotations

import html
import json
import re
import shutil
import struct
import subprocess
import time
import xml.etree.ElementTree as ET
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from extractor.errors import InputNotFound, OutputNotWritable
from extractor.research.report import (
    org_country_graph,
    render_report,
    section_months,
    top_bars,
    write_report,
)
from extractor.research.svg import Bar, Link, Node, bar_chart_svg, network_svg, timeline_svg

MANIFEST = {
    "schema_version": "1.0",
    "extractor": {
        "version": "0.1.0",
        "model": "en_core_web_sm==3.8.0",
        "config_hash": "9d460ace0b95",
    },
    "counts": {"inputs": 5, "documents": 4, "sections": 7, "rejects": 1},
}


def _source(path, url=None):
    return {"path": path, "url": url, "sha256": None, "encoding": "utf-8", "bytes": 100}


def _entities(orgs=(), countries=()):
    return {
        "orgs": [
            {"name": n, "acronym": a, "mentions": m, "surface_forms": [a or n]} for n, a, m in orgs
        ],
        "countries": [
            {"iso2": c, "iso3": c + "X", "name": n, "mentions": m, "surface_forms": [n]}
            for c, n, m in countries
        ],
        "dates": [],
        "demonyms": [],
    }


def _document(
    doc_id, title, source, period=None, published=None, entities=None, duplicate_of=None, sections=1
):
    return {
        "doc_id": doc_id,
        "source": source,
        "title": title,
        "published": published,
        "period": period
        and {"start": period[0], "end": period[1], "text": f"{period[0]} to {period[1]}"},
        "language": "en",
        "section_count": sections,
        "entities": entities or _entities(),
        "duplicate_of": duplicate_of,
    }


def _section(doc_id, index, date=None):
    span = date and {"start": date, "end": date, "text": date}
    return {
        "doc_id": doc_id,
        "index": index,
        "heading": f"Part {index}",
        "level": 2,
        "path": [],
        "date": span,
        "text": "",
        "entities": [],
        "blocks": [],
    }


SCRIPT_TITLE = '<script>alert("x")</script> Seminar & Review'
WORKSHOP = _entities(
    [
        ("Japan International Cooperation Agency", "JICA", 5),
        ("International Organization for Migration", "IOM", 3),
    ],
    [("JP", "Japan", 4), ("TH", "Thailand", 2)],
)
DOCUMENTS = [
    _document(
        "a1",
        "Workshop on Migration Data",
        _source("in/a.html", "https://example.org/reports/a.html"),
        ("2024-11-05", "2024-11-07"),
        "2024-11-20",
        WORKSHOP,
        sections=2,
    ),
    _document(
        "b2",
        SCRIPT_TITLE,
        _source("corpora/b.html"),
        ("2025-01-10", "2025-01-12"),
        entities=_entities(
            [("International Labour Organization", "ILO", 2), ("JICA", "JICA", 1)],
            [("JP", "Japan", 1), ("VN", "Viet Nam", 3)],
        ),
        sections=2,
    ),
    _document(
        "c3",
        "Workshop on Migration Data",
        _source("in/c.html"),
        ("2024-11-05", "2024-11-07"),
        "2024-11-20",
        WORKSHOP,
        duplicate_of="a1",
        sections=2,
    ),
    _document("d4", "Undated note", _source("pages/d.html", "javascript:alert(1)")),
]
SECTIONS = [
    _section("a1", 0),  # no date: the document's period says 2024-11
    _section("a1", 1, "2024-11-05"),
    _section("b2", 0, "2025-01"),  # a month
    _section("b2", 1, "2025"),  # a year alone: the document's period says 2025-01
    _section("c3", 0),  # the duplicate's sections are left out of the timeline
    _section("c3", 1, "2024-11-05"),
    _section("d4", 0),  # no date, no period
]
REJECTS = [
    {
        "source": _source("in/e.html"),
        "stage": "load",
        "error": "not_html",
        "message": "in/e.html looks like a PDF file, not HTML",
    }
]
ORGS = [
    {
        "org_id": "org-3f2a9c1b7d4e",
        "name": "Japan International Cooperation Agency",
        "acronym": "JICA",
        "documents": 2,
        "mentions": 6,
        "aliases": [{"form": "JICA", "count": 5}],
        "variants": [],
    },
    {
        "org_id": "org-0a1b2c3d4e5f",
        "name": "International Organization for Migration",
        "acronym": "IOM",
        "documents": 1,
        "mentions": 3,
        "aliases": [],
        "variants": [],
    },
    {
        "org_id": "org-9f8e7d6c5b4a",
        "name": "International Labour Organization",
        "acronym": "ILO",
        "documents": 1,
        "mentions": 2,
        "aliases": [],
        "variants": [],
    },
]


def _edge(doc_id, section, kind, source, target, count):
    names = {o["org_id"]: o["name"] for o in ORGS} | {
        "JP": "Japan",
        "TH": "Thailand",
        "VN": "Viet Nam",
    }
    return {
        "doc_id": doc_id,
        "section": section,
        "kind": kind,
        "source_id": source,
        "source_name": names[source],
        "target_id": target,
        "target_name": names[target],
        "count": count,
        "start": None,
        "end": None,
        "date_from": None,
    }


EDGES = [
    _edge("a1", 0, "org-country", "org-3f2a9c1b7d4e", "JP", 3),
    _edge("a1", 1, "org-country", "org-3f2a9c1b7d4e", "JP", 2),
    _edge("a1", 1, "org-country", "org-0a1b2c3d4e5f", "TH", 1),
    _edge("b2", 0, "org-country", "org-9f8e7d6c5b4a", "VN", 2),
    _edge("b2", 0, "country-country", "JP", "VN", 1),
    _edge("c3", 0, "org-country", "org-3f2a9c1b7d4e", "JP", 3),  # from the duplicate: left out
]


def _jsonl(path: Path, rows) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


@pytest.fixture
def out_dir(tmp_path, monkeypatch):
    """An output directory with a duplicate, a reject, orgs.jsonl and edges.jsonl."""
    monkeypatch.chdir(tmp_path)  # relative source paths are relative to the run's directory
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.json").write_text(json.dumps(MANIFEST), encoding="utf-8")
    for name, rows in [
        ("documents", DOCUMENTS),
        ("sections", SECTIONS),
        ("rejects", REJECTS),
        ("orgs", ORGS),
        ("edges", EDGES),
    ]:
        _jsonl(out / f"{name}.jsonl", rows)
    return out


@pytest.fixture
def page(out_dir, tmp_path):
    return write_report(out_dir, tmp_path / "site" / "report.html").read_text(encoding="utf-8")


def _svg(page: str, kind: str) -> ET.Element:
    """The chart of that kind, parsed as XML (the page's SVG is well-formed)."""
    found = re.findall(rf'<svg class="chart {kind}".*?</svg>', page, re.S)
    assert len(found) == 1, f"{len(found)} {kind} charts"
    return ET.fromstring(found[0])


def _bars(svg: ET.Element) -> list[tuple[str, str, str]]:
    """(label, value, tooltip) of each bar of a bar chart."""
    return [(g[1].text, g[3].text, g[0].text) for g in svg.iter("g") if g.get("class") == "bar"]


def _stats(page: str) -> dict[str, str]:
    return dict(re.findall(r"<dt>(\w+)</dt><dd>([^<]*)</dd>", page))


VOID = {
    "meta",
    "link",
    "br",
    "img",
    "input",
    "hr",
    "col",
    "source",
    "wbr",
    "area",
    "base",
    "embed",
    "track",
}


class _Nesting(HTMLParser):
    """Checks that every element is closed, in order (what a browser would otherwise repair)."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if not self.open or self.open.pop() != tag:
            self.errors.append(f"unexpected </{tag}>")


def _assert_well_formed(page: str) -> None:
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert '<meta charset="utf-8">' in page
    checker = _Nesting()
    checker.feed(page)
    assert checker.errors == []
    assert checker.open == []


def test_page_is_html5_with_the_default_title_and_the_manifest_versions(page):
    _assert_well_formed(page)
    assert "<title>extractor report: out</title>" in page
    assert "<h1>extractor report: out</h1>" in page
    assert (
        "<span>extractor 0.1.0</span><span>model en_core_web_sm==3.8.0</span><span>config 9d460ace0b95</span>"
        in page
    )


def test_page_counts_documents_sections_rejects_orgs_countries_and_edges(page):
    assert _stats(page) == {
        "Documents": "4",
        "Sections": "7",
        "Rejects": "1",
        "Organizations": "3",
        "Countries": "3",
        "Edges": "6",
    }


def test_page_needs_no_network(page):
    assert not re.search(r"<script|<link|<img|<iframe|@import|url\(|src=", page)
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert [h for h in hrefs if "//" in h] == [
        "https://example.org/reports/a.html"
    ]  # a document's own link


def test_every_document_title_links_to_its_url_or_else_its_file(page):
    links = {text: href for href, text in re.findall(r'<a href="([^"]*)">([^<]*)</a>', page)}
    assert re.findall(r'<a href="([^"]*)">Workshop on Migration Data</a>', page) == [
        "https://example.org/reports/a.html",
        "../in/c.html",
    ]
    assert (
        links["&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Seminar &amp; Review"]
        == "../corpora/b.html"
    )
    assert links["Undated note"] == "../pages/d.html"  # a javascript: URL is not a link
    assert "duplicate</span>" in page


def test_titles_are_escaped(out_dir, tmp_path):
    page = render_report(out_dir, title="<b>Report</b> & more")
    assert "<script" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Seminar &amp; Review" in page
    assert "<title>&lt;b&gt;Report&lt;/b&gt; &amp; more</title>" in page
    _assert_well_formed(page)


def test_top_orgs_are_labelled_by_acronym_with_the_full_name_as_tooltip(page):
    assert _bars(_svg(page, "bars org")) == [
        ("JICA", "6", "Japan International Cooperation Agency: 6 mentions, 2 documents"),
        ("IOM", "3", "International Organization for Migration: 3 mentions, 1 document"),
        ("ILO", "2", "International Labour Organization: 2 mentions, 1 document"),
    ]


def test_top_countries_sum_mentions_over_documents_leaving_out_duplicates(page):
    assert _bars(_svg(page, "bars country")) == [
        ("Japan", "5", "Japan: 5 mentions, 2 documents"),
        ("Vietnam", "3", "Viet Nam: 3 mentions, 1 document"),  # the common name labels the bar
        ("Thailand", "2", "Thailand: 2 mentions, 1 document"),
    ]


def test_without_orgs_jsonl_orgs_are_grouped_from_the_documents(out_dir, tmp_path):
    (out_dir / "orgs.jsonl").unlink()
    page = render_report(out_dir)
    labels = [(label, value) for label, value, _ in _bars(_svg(page, "bars org"))]
    assert labels == [("JICA", "6"), ("IOM", "3"), ("ILO", "2")]  # "JICA" alone joins its full name
    assert "this output has no orgs.jsonl" in page
    assert _stats(page)["Organizations"] == "3"


def test_top_bars_keep_the_15_most_mentioned():
    rows = [
        {"name": f"Org {n:02d}", "acronym": None, "mentions": n, "documents": 1}
        for n in range(1, 21)
    ]
    bars = top_bars(rows)
    assert [b.value for b in bars] == list(range(20, 5, -1))
    svg = ET.fromstring(bar_chart_svg(bars))
    assert [label for label, _, _ in _bars(svg)] == [f"Org {n:02d}" for n in range(20, 5, -1)]


def test_long_bar_labels_are_cut_and_keep_the_whole_name_in_the_tooltip():
    name = "Ministry of Health, Labour and Welfare of the Kingdom"
    [(label, _, title)] = _bars(ET.fromstring(bar_chart_svg([Bar(name, 3, name)])))
    assert label == "Ministry of Health, Labour…"  # cut between words
    assert title == name


@pytest.mark.parametrize(
    ("date", "period", "months", "from_period", "undated"),
    [
        ("2024-11-05", None, {"2024-11": 1}, 0, 0),
        ("2024-11", None, {"2024-11": 1}, 0, 0),
        (None, ("2023-02-01", "2023-03-01"), {"2023-02": 1}, 1, 0),
        ("2024", ("2024-06", "2024-07"), {"2024-06": 1}, 1, 0),  # a year has no month
        ("2024", None, {}, 0, 1),
        (None, None, {}, 0, 1),
    ],
)
def test_section_month_is_its_own_date_else_its_document_period(
    date, period, months, from_period, undated
):
    documents = [_document("x", "X", _source("x.html"), period)]
    counts, took_period, without = section_months([_section("x", 0, date)], documents)
    assert (dict(counts), took_period, without) == (months, from_period, undated)


def test_timeline_shows_months_without_sections_as_zero_bars():
    svg = ET.fromstring(timeline_svg({"2024-11": 3, "2025-01": 2}))
    bars = [
        (g.get("data-month"), g.get("data-count"), g[0].text)
        for g in svg.iter("g")
        if g.get("class") == "bar"
    ]
    assert bars == [
        ("2024-11", "3", "Nov 2024: 3 sections"),
        ("2024-12", "0", "Dec 2024: 0 sections"),
        ("2025-01", "2", "Jan 2025: 2 sections"),
    ]
    axis = [t.text for t in svg.iter("text") if t.get("class") == "axis"]
    assert axis == ["Nov", "Dec", "Jan", "2024", "2025"]
    [zero] = [g for g in svg.iter("g") if g.get("data-month") == "2024-12"]
    assert zero[2].get("height") == "0"


@pytest.mark.parametrize(
    ("years", "labels"),
    [
        (range(2000, 2025), [str(y) for y in range(2000, 2024)]),  # the last, short year has none
        (range(1975, 2025), [str(y) for y in range(1976, 2024, 2)]),  # every other year
    ],
)
def test_timeline_of_many_years_labels_years_only(years, labels):
    svg = ET.fromstring(
        timeline_svg({f"{year}-{month:02d}": 1 for year in years for month in (1, 7)})
    )
    assert sum(1 for g in svg.iter("g") if g.get("class") == "bar") == len(years) * 12 - 5
    assert [t.text for t in svg.iter("text") if t.get("class") == "axis"] == labels


def test_page_timeline_counts_each_document_once(page):
    bars = {
        g.get("data-month"): g.get("data-count")
        for g in _svg(page, "timeline").iter("g")
        if g.get("data-month")
    }
    assert bars == {"2024-11": "2", "2024-12": "0", "2025-01": "2"}
    note = "2 sections without a month of their own take their document&#x27;s period start; 1 section had neither and are not shown. Left out: 1 duplicate document."
    assert note in page


def test_org_country_graph_sums_counts_over_sections_and_ignores_other_kinds():
    nodes, links, note = org_country_graph(EDGES[:5], {"org-3f2a9c1b7d4e": "JICA"})
    assert links == [
        Link("org-0a1b2c3d4e5f", "TH", 1),
        Link("org-3f2a9c1b7d4e", "JP", 5),
        Link("org-9f8e7d6c5b4a", "VN", 2),
    ]
    assert [(n.label, n.kind) for n in nodes] == [
        ("JICA", "org"),
        ("International Labour Organization", "org"),
        ("International Organization for Migration", "org"),
        ("Japan", "country"),
        ("Vietnam", "country"),
        ("Thailand", "country"),
    ]
    assert note == ""


def test_org_country_graph_keeps_the_heaviest_nodes_and_says_so():
    edges = [
        _edge("a1", 0, "org-country", "org-3f2a9c1b7d4e", "JP", 1)
        | {"source_id": f"org-{n:012d}", "count": n}
        for n in range(1, 31)
    ]
    nodes, links, note = org_country_graph(edges, {})
    assert sum(n.kind == "org" for n in nodes) == 25
    assert [link.weight for link in links][:1] == [6]  # the five lightest are cut
    assert (
        note == "Showing the 25 of 30 organizations with the most co-occurrences (25 of 30 pairs)."
    )


def test_network_puts_orgs_left_and_countries_right_with_lines_as_wide_as_their_count():
    nodes = [
        Node("o1", "JICA", "Japan International Cooperation Agency", "org"),
        Node("o2", "IOM", "IOM", "org"),
        Node("JP", "Japan", "Japan", "country"),
    ]
    svg = ET.fromstring(network_svg(nodes, [Link("o1", "JP", 8), Link("o2", "JP", 2)]))
    circles = {g[0].text: float(g[1].get("cx")) for g in svg.iter("g")}
    assert circles["Japan International Cooperation Agency"] < circles["Japan"]
    assert circles["IOM"] == circles["Japan International Cooperation Agency"]
    widths = {p[0].text: float(p.get("stroke-width")) for p in svg.iter("path")}
    assert widths == {"IOM – Japan: 2": 2.8, "JICA – Japan: 8": 8.0}


def test_page_network_leaves_out_duplicates(page):
    svg = _svg(page, "network")
    assert sorted(p[0].text for p in svg.iter("path")) == [
        "ILO – Vietnam: 2",
        "IOM – Thailand: 1",
        "JICA – Japan: 5",
    ]


def test_page_says_when_there_is_no_edges_file(out_dir):
    (out_dir / "edges.jsonl").unlink()
    page = render_report(out_dir)
    assert "This output has no edges.jsonl" in page
    assert 'class="chart network"' not in page
    assert _stats(page)["Edges"] == "—"


def test_rejects_table_lists_each_reject(page):
    assert (
        "<td>in/e.html</td><td>load</td><td><code>not_html</code></td><td>in/e.html looks like a PDF file, not HTML</td>"
        in page
    )


def test_empty_output_dir_gives_a_valid_page_that_says_so(tmp_path):
    (tmp_path / "out").mkdir()
    page = write_report(tmp_path / "out", tmp_path / "report.html").read_text(encoding="utf-8")
    _assert_well_formed(page)
    assert "Nothing to report" in page
    assert "<svg" not in page
    assert set(_stats(page).values()) == {"0", "—"}
    for empty in ("documents", "sections", "rejects", "orgs", "edges"):
        (tmp_path / "out" / f"{empty}.jsonl").write_text("")
    assert "Nothing to report" in render_report(tmp_path / "out")


def test_missing_output_dir_is_input_not_found(tmp_path):
    with pytest.raises(InputNotFound, match="no such output directory"):
        write_report(tmp_path / "nowhere", tmp_path / "report.html")


def test_two_writes_give_the_same_bytes(out_dir, tmp_path):
    target = tmp_path / "report.html"
    first = write_report(out_dir, target).read_bytes()
    assert write_report(out_dir, target).read_bytes() == first


def test_report_of_the_real_corpus(corpus_run, tmp_path):
    page = write_report(corpus_run, tmp_path / "report.html").read_text(encoding="utf-8")
    _assert_well_formed(page)
    documents = [
        json.loads(line) for line in (corpus_run / "documents.jsonl").read_text().splitlines()
    ]
    sections = (corpus_run / "sections.jsonl").read_text().splitlines()
    assert _stats(page)["Documents"] == str(len(documents)) == "4"
    assert _stats(page)["Sections"] == str(len(sections))
    for doc in documents:
        href = Path(
            re.search(rf'<a href="([^"]*)">{re.escape(html.escape(doc["title"]))}</a>', page)[1]
        )
        assert ((tmp_path / href).resolve()) == Path(doc["source"]["path"]).resolve()
    timeline = {
        g.get("data-month"): int(g.get("data-count"))
        for g in _svg(page, "timeline").iter("g")
        if g.get("data-month")
    }
    assert sum(timeline.values()) == len(sections)  # every section of the corpus has a month
    assert timeline["2024-11"] > 0 and timeline["2024-06"] == 0
    assert [label for label, _, _ in _bars(_svg(page, "bars country"))][:1] == ["Japan"]
    if (corpus_run / "edges.jsonl").is_file():
        assert len(list(_svg(page, "network").iter("path"))) > 0
    else:
        assert "This output has no edges.jsonl" in page


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _png_rows(png: bytes) -> tuple[int, int, set[bytes]]:
    """Width, height and the distinct scanlines of a PNG (a blank page has very few)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height, _, colour = struct.unpack(">IIBB", png[16:26])
    data, at = b"", 8
    while at < len(png):
        size, kind = struct.unpack(">I4s", png[at : at + 8])
        data += png[at + 8 : at + 8 + size] if kind == b"IDAT" else b""
        at += size + 12
    raw, stride = zlib.decompress(data), 1 + width * {2: 3, 6: 4}[colour]
    return width, height, {raw[i : i + stride] for i in range(0, len(raw), stride)}


@pytest.mark.slow
@pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium); CI installs it"
)
def test_page_renders_in_headless_chromium(out_dir, tmp_path):
    target = write_report(out_dir, tmp_path / "report.html")
    shot = tmp_path / "report.png"
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]
    started = time.monotonic()
    done = subprocess.run(
        [
            CHROMIUM,
            *flags,
            f"--user-data-dir={tmp_path / 'profile'}",
            "--dump-dom",
            f"--screenshot={shot}",
            "--window-size=1200,2000",
            target.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    seconds = time.monotonic() - started
    assert done.returncode == 0, done.stderr[-2000:]
    assert seconds < 30
    dom = done.stdout
    assert dom.count("<svg") == 4  # timeline, two bar charts, network
    for kind in ("timeline", "bars org", "bars country", "network"):
        assert f'<svg class="chart {kind}"' in dom
    assert "<title>Japan International Cooperation Agency: 6 mentions, 2 documents</title>" in dom
    assert "<title>Dec 2024: 0 sections</title>" in dom
    assert "Workshop on Migration Data</a>" in dom
    assert "&lt;script&gt;alert" in dom and "<script>alert" not in dom
    width, height, rows = _png_rows(shot.read_bytes())
    assert (width, height) == (1200, 2000)
    assert len(rows) > 200  # text, bars and lines, not a blank page


def test_unwritable_target_is_output_not_writable(out_dir, tmp_path):
    (tmp_path / "a-file").write_text("")
    with pytest.raises(OutputNotWritable, match="cannot write to output directory"):
        write_report(out_dir, tmp_path / "a-file" / "report.html")
