"""Query results as text (table, CSV, JSON), and the views as files: Parquet, CSV or GraphML."""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb
import networkx as nx

from extractor.errors import OutputUnreadable, choice
from extractor.research.formats import ExportFormat, QueryFormat
from extractor.research.views import VIEWS, Rows, connect, sql_string
from extractor.write import ensure_writable, publish, write_atomic

TABLE_CELL_MAX = 60  # characters shown per cell in --format table; csv and json keep everything
SCHEMA_FILE = "schema.json"
GRAPHML_FILE = "network.graphml"


def format_rows(rows: Rows, fmt: QueryFormat | str) -> str:
    """`rows` as an aligned table, CSV (with a header) or a JSON list of row objects."""
    fmt = choice(QueryFormat, fmt, "format")
    if fmt is QueryFormat.json:
        records = [dict(zip(rows.columns, map(_plain, row), strict=True)) for row in rows.rows]
        return json.dumps(records, ensure_ascii=False, indent=1, default=str)
    if fmt is QueryFormat.csv:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(rows.columns)
        writer.writerows([_csv_cell(v) for v in row] for row in rows.rows)
        return buffer.getvalue().rstrip("\n")
    return _table(rows)


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)  # avg(), sum() * 1.0 ...
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _csv_cell(value: Any) -> Any:
    value = _plain(value)
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else value


def _table(rows: Rows) -> str:
    cells = [[_short(v) for v in row] for row in rows.rows]
    widths = [len(c) for c in rows.columns]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    numeric = [
        all(isinstance(row[i], int | float) or row[i] is None for row in rows.rows)
        for i in range(len(rows.columns))
    ]

    def line(values: Sequence[str]) -> str:
        parts = [
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(values, widths, numeric, strict=True)
        ]
        return "  ".join(parts).rstrip()

    out = [line(rows.columns), "  ".join("-" * w for w in widths)]
    out += [line(row) for row in cells]
    out.append(f"({len(rows.rows)} row{'s' if len(rows.rows) != 1 else ''})")
    return "\n".join(out)


def _short(value: Any) -> str:
    value = _plain(value)
    if value is None:
        return ""
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else str(value)
    text = " ".join(text.split())
    return text if len(text) <= TABLE_CELL_MAX else text[: TABLE_CELL_MAX - 1] + "…"


def export(out_dir: Path, fmt: ExportFormat | str, target: Path) -> list[Path]:
    """Write every view of `out_dir` into `target` as Parquet or CSV files (plus schema.json),
    or the entity network as GraphML; the paths written."""
    fmt = choice(ExportFormat, fmt, "format")
    ensure_writable(target)
    if fmt is ExportFormat.graphml:
        path = target / GRAPHML_FILE
        write_atomic(path, graphml(out_dir))
        return [path]
    con = connect(out_dir)
    written: list[Path] = []
    try:
        return _copy_views(con, fmt.value, target, written)
    except duckdb.Error as exc:
        raise OutputUnreadable(f"cannot export {out_dir}: {' '.join(str(exc).split())}") from exc
    finally:
        con.close()


def _copy_views(con: Any, fmt: str, target: Path, written: list[Path]) -> list[Path]:
    schema: dict[str, list[dict[str, str]]] = {}
    parquet = fmt == "parquet"
    options = "FORMAT parquet, COMPRESSION zstd" if parquet else "FORMAT csv, HEADER"
    for view in VIEWS:
        path = target / f"{view}.{fmt}"
        tmp = target / f".{view}.{fmt}.tmp"
        described = con.execute(f"DESCRIBE {view}").fetchall()
        select = f"SELECT * FROM {view}" if parquet else _csv_select(view, described)
        con.execute(f"COPY ({select}) TO {sql_string(tmp)} ({options})")
        publish(tmp, path)
        written.append(path)
        schema[view] = [{"name": row[0], "type": row[1]} for row in described]
    path = target / SCHEMA_FILE
    write_atomic(path, json.dumps({"format": fmt, "tables": schema}, indent=1) + "\n")
    return [*written, path]


def _csv_select(view: str, described: list[tuple[Any, ...]]) -> str:
    """CSV cells are scalars: lists (a section's path) become JSON text."""
    columns = []
    for name, kind, *_ in described:
        quoted = f'"{name}"'
        columns.append(f"to_json({quoted}) AS {quoted}" if kind.endswith("[]") else quoted)
    return f"SELECT {', '.join(columns)} FROM {view}"


def graphml(out_dir: Path) -> str:
    """The organizations and countries as nodes, their co-occurrences summed over the corpus
    as weighted edges (sections, documents, first and last date), for Gephi or networkx."""
    con = connect(out_dir)
    try:
        nodes = con.execute(
            """
            SELECT org_id, name, coalesce(acronym, ''), 'org', documents, mentions
            FROM organizations
            UNION ALL
            SELECT iso2, any_value(name), any_value(iso3), 'country', count(DISTINCT doc_id),
                   sum(mentions)
            FROM countries GROUP BY iso2
            ORDER BY 1"""
        ).fetchall()
        edges = con.execute(
            """
            SELECT source_id, target_id, kind, sum(count), count(*), count(DISTINCT doc_id),
                   coalesce(min(date_start), ''), coalesce(max(date_end), '')
            FROM edges GROUP BY source_id, target_id, kind ORDER BY 1, 2, 3"""
        ).fetchall()
    finally:
        con.close()
    graph = nx.Graph()
    for node_id, name, short, kind, documents, mentions in nodes:
        graph.add_node(
            node_id,
            label=short if kind == "org" and short else name,
            name=name,
            kind=kind,
            code=short,
            documents=int(documents),
            mentions=int(mentions),
        )
    for source, target, kind, weight, sections, documents, first, last in edges:
        graph.add_edge(
            source,
            target,
            kind=kind,
            weight=int(weight),
            sections=int(sections),
            documents=int(documents),
            first=first,
            last=last,
        )
    return "\n".join(nx.generate_graphml(graph, prettyprint=True)) + "\n"
