"""Report page: one self-contained HTML file (inline CSS and SVG, no script) for an output.

`write_report` reads an output directory (documents, sections, rejects, manifest, and the
corpus-wide orgs.jsonl and edges.jsonl when present) and writes a page that opens without the
network. The aggregations and the charts are pure functions, so tests can call them alone.
"""

from __future__ import annotations

import json
import logging
import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pycountry

from extractor.errors import InputNotFound, OutputUnreadable
from extractor.research.svg import (
    Bar,
    Link,
    Node,
    bar_chart_svg,
    el,
    esc,
    network_svg,
    plural,
    timeline_svg,
)
from extractor.version import __version__
from extractor.write import ensure_writable, write_atomic

LOGGER = logging.getLogger(__name__)

Row = dict[str, Any]

TOP_BARS = 15  # enough bars to compare, few enough that every label stays readable
NETWORK_ORGS = 25  # beyond ~25 rows a column the network's lines turn into a hairball
NETWORK_COUNTRIES = 25


def read_jsonl(path: Path, keep: Sequence[str] | None = None) -> list[Row]:
    """The records of a JSON Lines file (only the fields in `keep`, if given); a missing file
    reads as empty (older outputs)."""
    if not path.is_file():
        return []
    rows = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise OutputUnreadable(f"{path}:{number}: not a JSON line ({exc.msg})") from exc
            rows.append(record if keep is None else {k: record.get(k) for k in keep})
    return rows


# Aggregations ----------------------------------------------------------------------------------


def _month(point: str | None) -> str | None:
    return point[:7] if point and len(point) >= 7 else None


def section_months(
    sections: Iterable[Row], documents: Iterable[Row]
) -> tuple[Counter[str], int, int]:
    """Sections per month (YYYY-MM), how many took their document's period, how many no month.

    A section's month is its own date's start month, else its document's period start month;
    a bare year ("2024") has no month.
    """
    periods = {d["doc_id"]: (d.get("period") or {}).get("start") for d in documents}
    counts: Counter[str] = Counter()
    from_period = undated = 0
    for section in sections:
        month = _month((section.get("date") or {}).get("start"))
        if month is None and (month := _month(periods.get(section["doc_id"]))):
            from_period += 1
        if month:
            counts[month] += 1
        else:
            undated += 1
    return counts, from_period, undated


def orgs_from_documents(documents: Iterable[Row]) -> list[Row]:
    """orgs.jsonl-like rows grouped by acronym or name, for outputs written without orgs.jsonl."""
    groups: dict[str, list[Row]] = defaultdict(list)
    for doc in documents:
        for org in (doc.get("entities") or {}).get("orgs", []):
            groups[org.get("acronym") or org["name"]].append(org)
    rows = []
    for key, members in groups.items():
        acronym = next((m["acronym"] for m in members if m.get("acronym")), None)
        names: Counter[str] = Counter()
        for m in members:
            names[m["name"]] += m["mentions"]
        name = min(names, key=lambda n: (n == acronym, -names[n], n))  # spelled out, most used
        row = {"org_id": key, "name": name, "acronym": acronym, "documents": len(members)}
        rows.append(row | {"mentions": sum(names.values())})
    return sorted(rows, key=lambda r: (-r["mentions"], r["name"]))


def corpus_countries(documents: Iterable[Row]) -> list[Row]:
    """Countries with their mentions summed over `documents`, most mentioned first."""
    rows: dict[str, Row] = {}
    for doc in documents:
        for c in (doc.get("entities") or {}).get("countries", []):
            row = rows.setdefault(c["iso2"], {"iso2": c["iso2"], "name": c["name"]})
            row["mentions"] = row.get("mentions", 0) + c["mentions"]
            row["documents"] = row.get("documents", 0) + 1
    return sorted(rows.values(), key=lambda r: (-r["mentions"], r["name"]))


def country_label(iso2: str, name: str) -> str:
    """The common name where ISO's is long ("Laos" for "Lao People's Democratic Republic")."""
    return str(getattr(pycountry.countries.get(alpha_2=iso2), "common_name", None) or name)


def top_bars(rows: Iterable[Row], n: int = TOP_BARS) -> list[Bar]:
    """The `n` most mentioned orgs (labelled by acronym or name) or countries (by common name)."""
    ranked = sorted(rows, key=lambda r: (-r["mentions"], r["name"]))[:n]
    return [
        Bar(
            country_label(r["iso2"], r["name"]) if "iso2" in r else r.get("acronym") or r["name"],
            r["mentions"],
            f"{r['name']}: {plural(r['mentions'], 'mention')}, "
            f"{plural(r.get('documents', 1), 'document')}",
        )
        for r in ranked
    ]


def org_country_graph(
    edges: Iterable[Row],
    org_labels: Mapping[str, str],
    *,
    max_orgs: int = NETWORK_ORGS,
    max_countries: int = NETWORK_COUNTRIES,
) -> tuple[list[Node], list[Link], str]:
    """Org-country pairs summed over sections, cut to the heaviest nodes, and a note if cut."""
    weights: Counter[tuple[str, str]] = Counter()
    names: dict[str, str] = {}
    for edge in edges:
        if edge.get("kind") == "org-country":
            weights[edge["source_id"], edge["target_id"]] += edge.get("count", 1)
            names[edge["source_id"]] = edge.get("source_name") or edge["source_id"]
            names[edge["target_id"]] = edge.get("target_name") or edge["target_id"]
    org_w: Counter[str] = Counter()
    country_w: Counter[str] = Counter()
    for (org, country), weight in weights.items():
        org_w[org] += weight
        country_w[country] += weight
    orgs = sorted(org_w, key=lambda k: (-org_w[k], k))[:max_orgs]
    countries = sorted(country_w, key=lambda k: (-country_w[k], k))[:max_countries]
    links = [Link(o, c, w) for (o, c), w in sorted(weights.items()) if o in orgs and c in countries]
    cut = [
        f"{len(kept)} of {len(every):,} {what}"
        for kept, every, what in (
            (orgs, org_w, "organizations"),
            (countries, country_w, "countries"),
        )
        if len(kept) < len(every)
    ]
    note = ""
    if cut:
        note = f"Showing the {' and '.join(cut)} with the most co-occurrences "
        note += f"({len(links):,} of {len(weights):,} pairs)."
    nodes = [
        Node(o, org_labels.get(o) or names[o], f"{names[o]}: {org_w[o]:,} with countries", "org")
        for o in orgs
    ]
    for c in countries:
        tip = f"{names[c]} ({c}): {country_w[c]:,} with organizations"
        nodes.append(Node(c, country_label(c, names[c]), tip, "country"))
    return nodes, links, note


# Page ------------------------------------------------------------------------------------------

CSS = """
:root{--fg:#1e293b;--muted:#64748b;--line:#e2e8f0;--org:#3b63c4;--country:#0f8a7e;--month:#6d5bd0}
*{box-sizing:border-box}
body{margin:0;background:#f8fafc;color:var(--fg);
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1120px;margin:0 auto;padding:36px 24px 40px}
h1{font-size:26px;line-height:1.25;margin:0 0 6px;letter-spacing:-.01em} h2{font-size:17px;margin:0}
.meta,.note,footer{color:var(--muted);font-size:13px;margin:0} .note{margin:2px 0 14px}
.meta span+span:before{content:"·";margin:0 8px}
.stats{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:12px;margin:24px 0}
.stats div,section{background:#fff;border:1px solid var(--line);border-radius:10px;
padding:12px 16px}
.stats dt,th{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.05em}
.stats dd{margin:2px 0 0;font-size:26px;font-weight:600;font-variant-numeric:tabular-nums}
section{padding:20px 24px;margin:0 0 20px;min-width:0;overflow-x:auto}
.pair{display:grid;grid-template-columns:repeat(auto-fit,minmax(400px,1fr));gap:0 20px}
svg.chart{display:block;max-width:100%;height:auto} svg.network{margin:0 auto}
svg text{font-size:12px;fill:var(--fg)}
svg .value,svg .axis,svg .tick,svg .head{fill:var(--muted)}
svg .head{font-weight:600;font-size:11px;letter-spacing:.05em;text-transform:uppercase}
line.grid,line.sep{stroke:var(--line)} line.baseline{stroke:var(--muted)}
.timeline rect{fill:var(--month)} .timeline rect.hit{fill:transparent}
.timeline .bar:hover rect.hit{fill:#f1f5f9}
.bars.org rect,.node.org circle{fill:var(--org)}
.bars.country rect,.node.country circle{fill:var(--country)}
.network path{fill:none;stroke:#94a3b8;stroke-opacity:.45}
.network path:hover{stroke:var(--org);stroke-opacity:.9}
table{width:100%;border-collapse:collapse;font-size:14px}
th{text-align:left;font-weight:600;border-bottom:2px solid var(--line);padding:8px 10px}
td{padding:9px 10px;border-bottom:1px solid var(--line);vertical-align:top}
td:not(:first-child){white-space:nowrap} .n{text-align:right;font-variant-numeric:tabular-nums}
.src{display:block;color:var(--muted);font-size:12px;word-break:break-all}
a{color:var(--org);text-decoration:none} a:hover{text-decoration:underline}
.badge{font-size:11px;color:#9a3412;background:#ffedd5;border-radius:4px;padding:1px 6px;margin:6px}
code{font-size:12px;background:#f1f5f9;padding:1px 5px;border-radius:4px}
footer{font-size:12px;text-align:center;margin-top:28px}
"""

PAGE = (
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    "<title>{title}</title>\n<style>{css}</style>\n</head>\n"
    "<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
)


def source_href(source: Mapping[str, Any], base: Path) -> str | None:
    """source.url when it is http(s), else a link to source.path relative to `base`."""
    if (url := source.get("url")) and urlsplit(url).scheme in ("http", "https"):
        return str(url)
    if not source.get("path"):
        return None
    # A relative input path is as the run was given it, so relative to the working directory:
    # reports are usually written from where the run was started.
    target = Path(source["path"]).resolve()
    return quote(Path(os.path.relpath(target, base.resolve())).as_posix())


def _section(heading: str, note: str, content: str = "") -> str:
    return el("section", el("h2", esc(heading)) + el("p", esc(note), class_="note") + content)


def _table(head: Sequence[str], rows: Iterable[Sequence[str]], numeric: int = 0) -> str:
    """A table of cells given as HTML; its last `numeric` columns align right."""
    cls = ["n" if i >= len(head) - numeric else None for i in range(len(head))]
    ths = "".join(el("th", esc(h), class_=c) for h, c in zip(head, cls, strict=True))
    trs = [
        el("tr", "".join(el("td", v, class_=c) for v, c in zip(r, cls, strict=True))) for r in rows
    ]
    return el("table", el("thead", el("tr", ths)) + el("tbody", "".join(trs)))


def _document_row(doc: Row, titles: Mapping[str, str], base: Path) -> list[str]:
    source, entities = doc.get("source") or {}, doc.get("entities") or {}
    where = source.get("url") or source.get("path") or ""
    name = esc(doc.get("title") or Path(where).name or doc["doc_id"])
    href = source_href(source, base)
    cell = el("a", name, href=href) if href else name
    if first := doc.get("duplicate_of"):
        cell += el("span", "duplicate", class_="badge", title=f"same bytes as {titles.get(first)}")
    period = "—"
    if span := doc.get("period"):
        start, end = span["start"], span["end"]
        shown = start if start == end else f"{start} – {end}"
        period = el("span", esc(shown), title=span.get("text", ""))
    orgs, countries = (len(entities.get(k, [])) for k in ("orgs", "countries"))
    counts = (doc.get("section_count", 0), orgs, countries)
    cell += el("span", esc(where), class_="src")
    return [cell, esc(doc.get("published") or "—"), period, *(f"{n:,}" for n in counts)]


def _reject_row(reject: Row) -> list[str]:
    source = reject.get("source") or {}
    where = source.get("url") or source.get("path") or ""
    code = el("code", esc(reject.get("error", "")))
    return [esc(where), esc(reject.get("stage", "")), code, esc(reject.get("message", ""))]


def _network(edges: list[Row] | None, orgs: Sequence[Row], dupes: set[str]) -> str:
    heading = "Organizations and countries mentioned together"
    if edges is None:
        return _section(heading, "This output has no edges.jsonl (newer versions write it).")
    labels = {r["org_id"]: r.get("acronym") or r["name"] for r in orgs}
    nodes, links, cut = org_country_graph(
        (e for e in edges if e.get("doc_id") not in dupes), labels
    )
    if not links:
        return _section(heading, "No organization and country are mentioned in the same section.")
    note = f"Pairs in the same section; a line's width grows with their count. {cut}"
    return _section(heading, note.strip(), network_svg(nodes, links))


def _timeline(sections: Sequence[Row], documents: Sequence[Row], left_out: str) -> str:
    months, from_period, undated = section_months(sections, documents)
    note = (
        f"Each section counts in the month its date starts; {plural(from_period, 'section')} "
        f"without a month of their own take their document's period start; "
        f"{plural(undated, 'section')} had neither and are not shown.{left_out}"
    )
    return _section("Sections per month", note, timeline_svg(months))


def _top_charts(
    orgs: Sequence[Row], countries: Sequence[Row], has_orgs: bool, left_out: str
) -> str:
    note = f"By mentions: the {min(TOP_BARS, len(orgs))} most mentioned of {len(orgs):,}."
    if not has_orgs:
        note += " From the documents' entities (this output has no orgs.jsonl)."
    by_org = _section("Top organizations", note, bar_chart_svg(top_bars(orgs)))
    note = f"By mentions summed over documents: the {min(TOP_BARS, len(countries))} most "
    note += f"mentioned of {len(countries):,}.{left_out}"
    chart = bar_chart_svg(top_bars(countries), kind="country")
    return el("div", by_org + _section("Top countries", note, chart), class_="pair")


def render_report(out_dir: Path, *, title: str | None = None, link_base: Path | None = None) -> str:
    """The page for `out_dir`; file links are relative to `link_base` (the page's directory)."""
    if not out_dir.is_dir():
        raise InputNotFound(f"no such output directory: {out_dir}")
    manifest = out_dir / "manifest.json"
    info = (json.loads(manifest.read_text("utf-8")) if manifest.is_file() else {}).get("extractor")
    documents, rejects, orgs_file, edges_file = (
        read_jsonl(out_dir / f"{name}.jsonl") for name in ("documents", "rejects", "orgs", "edges")
    )
    # A section's text is most of an output's bytes, and the page needs only its date.
    sections = read_jsonl(out_dir / "sections.jsonl", keep=("doc_id", "date"))
    dupes = {d["doc_id"] for d in documents if d.get("duplicate_of")}
    kept = [d for d in documents if d["doc_id"] not in dupes]
    has_orgs, has_edges = ((out_dir / f"{name}.jsonl").is_file() for name in ("orgs", "edges"))
    orgs, countries = orgs_file if has_orgs else orgs_from_documents(kept), corpus_countries(kept)
    stats = {"Documents": len(documents), "Sections": len(sections), "Rejects": len(rejects)}
    stats |= {"Organizations": len(orgs), "Countries": len(countries)}
    cards = "".join(el("div", el("dt", k) + el("dd", f"{v:,}")) for k, v in stats.items())
    edge_count = f"{len(edges_file):,}" if has_edges else "—"  # older outputs have no edges.jsonl
    cards += el("div", el("dt", "Edges") + el("dd", edge_count))
    keys = {"extractor": "version", "model": "model", "config": "config_hash"}
    facts = [f"{k} {info[v]}" for k, v in keys.items() if info and info.get(v)]
    title = title or f"extractor report: {out_dir.resolve().name}"
    meta = "".join(el("span", esc(f)) for f in facts or ["no manifest.json"])
    body = [el("header", el("h1", esc(title)) + el("p", meta, class_="meta"))]
    body.append(el("dl", cards, class_="stats"))
    left_out = f" Left out: {plural(len(dupes), 'duplicate document')}." if dupes else ""
    if not documents:
        body.append(_section("Nothing to report", "This output has no documents."))
    else:
        body.append(_timeline([s for s in sections if s["doc_id"] not in dupes], kept, left_out))
        body.append(_top_charts(orgs, countries, has_orgs, left_out))
        body.append(_network(edges_file if has_edges else None, orgs, dupes))
        titles = {d["doc_id"]: d.get("title") or d["doc_id"] for d in documents}
        rows = [_document_row(d, titles, link_base or Path.cwd()) for d in documents]
        head = ["Title", "Published", "Period", "Sections", "Orgs", "Countries"]
        note = f"{plural(len(documents), 'document')}, in the order of the run."
        body.append(_section("Documents", note, _table(head, rows, numeric=3)))
    if rejects:
        table = _table(["Input", "Stage", "Error", "Message"], map(_reject_row, rejects))
        body.append(_section("Rejects", "Inputs that did not become documents.", table))
    body.append(el("footer", esc(f"Report page by extractor {__version__}.")))
    return PAGE.format(title=esc(title), css=CSS.strip(), body="\n".join(body))


def write_report(out_dir: Path, target: Path, *, title: str | None = None) -> Path:
    """Write the report page for `out_dir` to `target` (one self-contained HTML file)."""
    ensure_writable(target.parent)
    write_atomic(target, render_report(out_dir, title=title, link_base=target.parent))
    LOGGER.info("report written to %s", target)
    return target
