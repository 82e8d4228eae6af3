"""An output directory as SQL tables: DuckDB views over its JSON Lines files, no copy, no server.

Every view is flat (one value per column) and documented in docs/querying.md;
`extractor query` and `extractor export` read them, and so can any DuckDB client.
"""

from __future__ import annotations

import atexit
import glob
import logging
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from extractor.errors import NotAnOutput, QueryFailed
from extractor.research.columns import RECORDS, columns

LOGGER = logging.getLogger(__name__)

# Every field of the records, typed from the models (research/columns.py).
_COLUMNS: dict[str, dict[str, str]] = {file: columns(record) for file, record in RECORDS.items()}

# The documented views, in the order `export` writes them. Entity views leave duplicate
# documents out (identical bytes from another URL), so that nothing is counted twice.
VIEWS: dict[str, str] = {
    "documents": """
        SELECT doc_id, source.path AS path, source.url AS url, title,
               TRY_CAST(published AS DATE) AS published, period.start AS period_start,
               period."end" AS period_end, period.text AS period_text, language, section_count,
               len(entities.orgs) AS orgs, len(entities.countries) AS countries,
               len(entities.dates) AS dates, entities_skipped, duplicate_of,
               source.sha256 AS sha256, source.bytes AS bytes
        FROM raw_documents""",
    "sections": """
        SELECT doc_id, "index" AS section, heading, level, path, date.start AS date_start,
               date."end" AS date_end, date.text AS date_text, text, len(entities) AS mentions
        FROM raw_sections""",
    "mentions": """
        WITH m AS (
            SELECT s.doc_id, s."index" AS section, s.date, UNNEST(s.entities) AS e
            FROM raw_sections s JOIN raw_documents d USING (doc_id)
            WHERE d.duplicate_of IS NULL)
        SELECT m.doc_id, m.section, e.label, e.text, e.start, e."end", e.source, e.name,
               e.acronym, o.org_id, e.iso2, e.iso3, e.value, e.relative, e.inferred,
               e.anchor.kind AS anchor, e.anchor.value AS anchor_value,
               m.date.start AS date_start, m.date."end" AS date_end
        FROM m LEFT JOIN occurrences o
          ON e.label = 'ORG' AND o.doc_id = m.doc_id AND o.doc_name = e.name
         AND o.doc_acronym IS NOT DISTINCT FROM e.acronym""",
    "orgs": """
        SELECT doc_id, org_id, name, acronym, mentions, doc_name, doc_acronym
        FROM occurrences""",
    "organizations": """
        SELECT org_id, name, acronym, documents, mentions FROM raw_orgs""",
    "org_aliases": """
        SELECT org_id, name, a.form, a.count
        FROM (SELECT org_id, name, UNNEST(aliases) AS a FROM raw_orgs)""",
    "countries": """
        SELECT doc_id, c.iso2, c.iso3, c.name, c.mentions
        FROM (SELECT doc_id, UNNEST(entities.countries) AS c FROM raw_documents
              WHERE duplicate_of IS NULL)""",
    "dates": """
        SELECT doc_id, d.value, d.mentions
        FROM (SELECT doc_id, UNNEST(entities.dates) AS d FROM raw_documents
              WHERE duplicate_of IS NULL)""",
    "edges": """
        SELECT doc_id, section, kind, source_id, source_name, target_id, target_name, count,
               start AS date_start, "end" AS date_end, date_from
        FROM raw_edges""",
    "rejects": """
        SELECT source.path AS path, source.url AS url, stage, error, message FROM raw_rejects""",
}
_HELPERS = {
    "occurrences": """
        SELECT o.doc_id, org_id, raw_orgs.name, raw_orgs.acronym, o.mentions,
               o.name AS doc_name, o.acronym AS doc_acronym
        FROM (SELECT org_id, name, acronym, UNNEST(occurrences) AS o FROM raw_orgs)
             AS raw_orgs""",
}


@dataclass(frozen=True)
class Rows:
    columns: list[str]
    rows: list[tuple[Any, ...]]


def require_output(out_dir: Path) -> None:
    """NotAnOutput unless `out_dir` holds a run's records."""
    if not (out_dir / "documents.jsonl").is_file():
        raise NotAnOutput(f"{out_dir} is not an extractor output directory (no documents.jsonl)")


def connect(out_dir: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the views of `out_dir`; NotAnOutput if it holds no run."""
    require_output(out_dir)
    con = duckdb.connect(":memory:")
    readable = _without_glob_characters(out_dir)
    for file, typed in _COLUMNS.items():
        name = "raw_" + file.removesuffix(".jsonl")
        path = out_dir / file
        if path.is_file() and path.stat().st_size:
            spec = ", ".join(f"'{col}': '{kind}'" for col, kind in typed.items())
            literal = sql_string(readable / file)
            source = f"read_json({literal}, format='newline_delimited', columns={{{spec}}})"
        else:  # an empty or missing file: the same columns, no rows
            cols = ", ".join(f'NULL::{kind} AS "{col}"' for col, kind in typed.items())
            source = f"(SELECT {cols} WHERE false)"
            if not path.is_file():
                LOGGER.warning("%s has no %s (written by extractor runs since 0.1)", out_dir, file)
        con.execute(f"CREATE VIEW {name} AS SELECT * FROM {source}")
    for name, sql in {**_HELPERS, **VIEWS}.items():
        con.execute(f"CREATE VIEW {name} AS {sql}")
    return con


def query(out_dir: Path, sql: str) -> Rows:
    """Run `sql` against the views of `out_dir`; QueryFailed with DuckDB's message."""
    con = connect(out_dir)
    try:
        result = con.execute(sql)
        columns = [d[0] for d in result.description or []]
        return Rows(columns, result.fetchall())
    except duckdb.Error as exc:
        raise QueryFailed(" ".join(str(exc).split())) from exc
    finally:
        con.close()


def _without_glob_characters(out_dir: Path) -> Path:
    """`out_dir`, or a private directory of links to its files when its path holds * ? or [
    (DuckDB reads those as a glob: "out [v2]" would read "out v"), removed at exit."""
    if not glob.has_magic(str(out_dir.resolve())):
        return out_dir
    links = Path(tempfile.mkdtemp(prefix="extractor-views-"))
    atexit.register(shutil.rmtree, links, ignore_errors=True)
    for file in _COLUMNS:
        if (out_dir / file).is_file():
            (links / file).symlink_to((out_dir / file).resolve())
    return links


def sql_string(path: Path) -> str:
    """A path as an SQL string literal."""
    return "'" + str(path).replace("'", "''") + "'"
