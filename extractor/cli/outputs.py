"""`extractor query`, `export` and `report`: what researchers do with an output directory."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from extractor.cli.options import OutputDir
from extractor.research.formats import ExportFormat, QueryFormat


def query(
    out: OutputDir,
    sql: Annotated[str, typer.Argument(help="SQL over the views (see docs/querying.md).")],
    fmt: Annotated[QueryFormat, typer.Option("--format", "-f", help="Output format.")] = (
        QueryFormat.table
    ),
) -> None:
    """Run SQL (DuckDB) over the views of an output directory: documents, sections, mentions,
    orgs, organizations, org_aliases, countries, dates, edges, rejects.

    Example: extractor query out/ "SELECT name, count(*) AS docs FROM countries GROUP BY name
    ORDER BY docs DESC LIMIT 5"
    """
    from extractor.research.export import format_rows
    from extractor.research.views import query as run_query

    typer.echo(format_rows(run_query(out, sql), fmt))


def export(
    out: OutputDir,
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="File format.")] = (
        ExportFormat.parquet
    ),
    target: Annotated[Path, typer.Option("--out", "-o", help="Directory to write.")] = Path(
        "export"
    ),
) -> None:
    """Write the views as Parquet or CSV files (with schema.json), or the network as GraphML.

    Example: extractor export out/ --format parquet --out tables/
    """
    from extractor.research.export import export as export_tables
    from extractor.research.views import require_output

    require_output(out)  # before anything is written
    for path in export_tables(out, fmt, target):
        typer.echo(f"wrote {path}")


def report(
    out: OutputDir,
    target: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write.")] = Path(
        "report.html"
    ),
    title: Annotated[str | None, typer.Option(help="Page title.")] = None,
) -> None:
    """Write a self-contained HTML page (inline SVG, no network): counts, a timeline of sections
    per month, top organizations and countries, the org-country network, one row per document.

    Example: extractor report out/ --out report.html
    """
    from extractor.research.report import write_report
    from extractor.research.views import require_output

    require_output(out)
    typer.echo(f"wrote {write_report(out, target, title=title)}")
