"""Command line: thin typer wrappers over the library's plain functions.

Exit codes: 0 the run completed (rejects included); 1 with --strict when any input was rejected,
or when `schemas --check` finds drift; 2 a usage error (one line on stderr, no traceback).
"""

from __future__ import annotations

import logging
import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from extractor.errors import ExtractorError, UsageError
from extractor.settings import (
    BATCH_INPUTS,
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_SECONDS,
    DEFAULT_MIN_ORG_CONFIDENCE,
    DEFAULT_MODEL,
    Settings,
)

if TYPE_CHECKING:
    from extractor.run.cluster import DaskOptions

# Options of both `run` and `eval`.
MinOrgConfidence = Annotated[
    float,
    typer.Option(
        min=0, max=1, help="Keep the organizations the decision gives at least this confidence."
    ),
]
OrgModelPath = Annotated[
    Path | None,
    typer.Option(help="An organization decision model made by `make train-orgs`."),
]

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Turn HTML reports into dated sections, organizations, countries and ISO dates.",
)

EXIT_STRICT = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it


class Engine(str, Enum):
    """What runs the stages of `extractor run`."""

    local = "local"
    dask = "dask"


@app.command()
def run(
    inputs: Annotated[
        list[str],
        typer.Argument(help="HTML or WARC files, directories, globs, or http(s) URLs to fetch."),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output directory.")] = Path("out"),
    model: Annotated[str, typer.Option(help="Installed spaCy pipeline.")] = DEFAULT_MODEL,
    strict: Annotated[bool, typer.Option(help="Exit 1 if any input is rejected.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or table.")] = False,
    batch_size: Annotated[int, typer.Option(min=1, help="Sections per nlp.pipe batch.")] = 64,
    max_bytes: Annotated[
        int, typer.Option(min=1, help="Per-input size limit.")
    ] = DEFAULT_MAX_BYTES,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, help="Worker processes (default: the cores).")
    ] = os.cpu_count() or 1,
    fiscal_year_start: Annotated[
        int, typer.Option(min=1, max=12, help="First month of the pages' fiscal years (4: April).")
    ] = 4,
    min_org_confidence: MinOrgConfidence = DEFAULT_MIN_ORG_CONFIDENCE,
    org_model: OrgModelPath = None,
    engine: Annotated[
        Engine,
        typer.Option(
            help="What runs the stages: local processes, or a Dask cluster (needs the 'dask' "
            "extra; inputs and --out on a file system every worker shares)."
        ),
    ] = Engine.local,
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Dask scheduler address, tcp://HOST:PORT (--engine dask; default: start a "
            "local cluster of --jobs worker processes).",
        ),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option(
            help="Finish an interrupted run into the same --out: keep the batches it finished "
            "(a completed run of the same inputs is left as it is)."
        ),
    ] = False,
    incremental: Annotated[
        bool,
        typer.Option(
            help="Update --out: extract only inputs that are new or changed since the run that "
            "wrote it (or that another extractor version or configuration produced)."
        ),
    ] = False,
    max_seconds: Annotated[
        float,
        typer.Option(min=0, help="Per-input time limit of each stage, in seconds (0: none)."),
    ] = DEFAULT_MAX_SECONDS,
    fetch_dir: Annotated[
        Path | None,
        typer.Option(help="Where URL inputs are stored as fetched (default: OUT/pages)."),
    ] = None,
    delay: Annotated[
        float, typer.Option(min=0, help="URL inputs: seconds between two requests to one host.")
    ] = 1.0,
    contact: Annotated[
        str | None,
        typer.Option(help="URL inputs: how site owners reach you, in the User-Agent."),
    ] = None,
    batch_inputs: Annotated[
        int, typer.Option(min=1, hidden=True, help="Inputs per batch and shard (tests).")
    ] = BATCH_INPUTS,
) -> None:
    """Extract INPUTS into OUT/documents.jsonl, sections.jsonl, rejects.jsonl and manifest.json.

    Example: extractor run corpora/ --out out/

    From the web: extractor run https://example.org/report.html --out out/ --contact me@example.org

    After an interruption: extractor run corpora/ --out out/ --resume

    On a Dask cluster: extractor run corpora/ --out out/ --engine dask --scheduler tcp://HOST:8786
    """
    from extractor.cli.summary import summary_table
    from extractor.inputs.urls import UrlFetch
    from extractor.run.driver import run_batch

    if scheduler is not None and engine is not Engine.dask:
        raise UsageError("--scheduler needs --engine dask")
    settings = Settings(
        model=model,
        batch_size=batch_size,
        max_bytes=max_bytes,
        max_seconds=max_seconds,
        fiscal_year_start_month=fiscal_year_start,
        min_org_confidence=min_org_confidence,
        org_model=_org_model(org_model),
    )
    dask = _dask_options(scheduler) if engine is Engine.dask else None
    try:
        summary = run_batch(
            inputs,
            out,
            settings,
            progress=not quiet,
            jobs=jobs,
            engine=engine.value,
            dask=dask,
            resume=resume,
            incremental=incremental,
            batch_inputs=batch_inputs,
            url_fetch=UrlFetch(corpus=fetch_dir, delay=delay, contact=contact, max_bytes=max_bytes),
        )
    except KeyboardInterrupt:
        typer.echo(_interrupted(out), err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    if summary.already_complete:
        typer.echo(f"{out} already holds this run, complete: nothing to do", err=True)
    if not quiet:
        typer.echo(summary_table(summary, out))
    if strict and summary.counts.get("rejects", 0):
        raise typer.Exit(EXIT_STRICT)


def _interrupted(out: Path) -> str:
    from extractor.run.shards import SHARD_DIR, complete_count

    saved = complete_count(out / SHARD_DIR)
    return (
        f"extractor: interrupted; {out} is unchanged and {saved} finished batch(es) are kept in "
        f"{out / SHARD_DIR}: run the same command with --resume to finish"
    )


def _dask_options(scheduler: str | None) -> DaskOptions:
    from extractor.run.cluster import DaskOptions

    return DaskOptions(scheduler=scheduler)


@app.command()
def schemas(
    directory: Annotated[Path, typer.Argument(help="Where to write the schemas.")] = Path(
        "schemas"
    ),
    check: Annotated[bool, typer.Option(help="Only check that the files are up to date.")] = False,
) -> None:
    """Write the JSON Schemas of the output records (document, section, reject, manifest).

    Example: extractor schemas schemas/ --check
    """
    from extractor.write import stale_schemas, write_schemas

    if check:
        stale = stale_schemas(directory)
        if stale:
            typer.echo(f"schemas out of date: {', '.join(stale)} (run: make schemas)", err=True)
            raise typer.Exit(EXIT_STRICT)
        typer.echo(f"schemas in {directory} are up to date")
        return
    for path in write_schemas(directory):
        typer.echo(f"wrote {path}")


@app.command()
def fetch(
    urls: Annotated[
        list[str] | None, typer.Argument(help="Page URLs (or listing pages, with --follow).")
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Corpus directory to write.")] = Path(
        "corpus"
    ),
    urls_file: Annotated[
        Path | None, typer.Option("--urls", help="A file of URLs, one per line (# comments).")
    ] = None,
    sitemap: Annotated[
        list[str] | None, typer.Option(help="A sitemap.xml (or index) whose pages to fetch.")
    ] = None,
    follow: Annotated[
        str | None,
        typer.Option(help="Also fetch links of the fetched pages matching this regex (same host)."),
    ] = None,
    depth: Annotated[int, typer.Option(min=1, help="Link levels --follow goes down.")] = 1,
    delay: Annotated[
        float, typer.Option(min=0, help="Seconds between two requests to one host.")
    ] = 1.0,
    user_agent: Annotated[
        str | None, typer.Option(help="User-Agent (default: extractor/VERSION with --contact).")
    ] = None,
    contact: Annotated[
        str | None,
        typer.Option(help="How site owners reach you (email or URL), in the User-Agent."),
    ] = None,
    concurrency: Annotated[int, typer.Option(min=1, help="Hosts fetched at once.")] = 4,
    timeout: Annotated[float, typer.Option(min=0.1, help="Socket timeout, seconds.")] = 30.0,
    retries: Annotated[
        int, typer.Option(min=0, help="Retries on timeouts, 429 and 5xx (backoff, Retry-After).")
    ] = 3,
    max_bytes: Annotated[
        int, typer.Option(min=1, help="Largest body kept (after decompression).")
    ] = 10_000_000,
    refresh: Annotated[
        bool,
        typer.Option(
            help="Revalidate pages already in --out (conditional GET) instead of keeping them."
        ),
    ] = False,
    warc: Annotated[
        Path | None,
        typer.Option(
            help="Also append every stored page to this WARC file (.warc.gz or .warc; outside "
            "--out), which `extractor run` reads too."
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option(help="Exit 1 if any URL was disallowed, skipped or failed.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary.")] = False,
) -> None:
    """Fetch web pages politely into a corpus directory that `extractor run` reads.

    Example: extractor fetch https://example.org/reports/ --follow '/reports/.+' --out corpus/

    Then: extractor run corpus/ --out out/ (records carry source.url)

    With a WARC too: extractor fetch --urls urls.txt --out corpus/ --warc crawl.warc.gz

    robots.txt is always obeyed; run the same command again to resume an interrupted fetch.
    """
    import re

    from extractor.errors import BadFollowPattern, NothingToFetch
    from extractor.fetch import FetchOptions, default_user_agent, read_url_list
    from extractor.fetch import fetch as fetch_urls

    wanted = list(urls or [])
    if urls_file is not None:
        wanted += read_url_list(urls_file)
    if not wanted and not sitemap:
        raise NothingToFetch("nothing to fetch: give URLs, --urls FILE or --sitemap URL")
    try:
        pattern = re.compile(follow) if follow is not None else None
    except re.error as exc:
        raise BadFollowPattern(f"--follow is not a valid regular expression: {exc}") from exc
    options = FetchOptions(
        out=out,
        delay=delay,
        user_agent=user_agent or default_user_agent(contact),
        concurrency=concurrency,
        timeout=timeout,
        retries=retries,
        max_bytes=max_bytes,
        follow=pattern,
        depth=depth,
        refresh=refresh,
        warc=warc,
    )
    try:
        summary = fetch_urls(wanted, options, sitemaps=sitemap or ())
    except KeyboardInterrupt:
        typer.echo(
            f"extractor: interrupted; pages fetched so far are kept in {out}: run the same "
            "command again to resume",
            err=True,
        )
        raise typer.Exit(EXIT_INTERRUPTED) from None
    if not quiet:
        counts = ", ".join(f"{kind} {n}" for kind, n in summary.counts.items())
        typer.echo(f"{counts}; manifest: {summary.manifest}")
        for outcome in summary.outcomes:
            if outcome.kind in ("disallowed", "skipped", "failed"):
                typer.echo(f"{outcome.kind}: {outcome.url}: {outcome.reason}", err=True)
    if strict and summary.problems:
        raise typer.Exit(EXIT_STRICT)


class QueryFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


class ExportFormat(str, Enum):
    parquet = "parquet"
    csv = "csv"
    graphml = "graphml"


@app.command()
def query(
    out: Annotated[Path, typer.Argument(help="An output directory of `extractor run`.")],
    sql: Annotated[str, typer.Argument(help="SQL over the views (see README: Querying).")],
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

    typer.echo(format_rows(run_query(out, sql), fmt.value))


@app.command()
def export(
    out: Annotated[Path, typer.Argument(help="An output directory of `extractor run`.")],
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
    for path in export_tables(out, fmt.value, target):
        typer.echo(f"wrote {path}")


@app.command()
def report(
    out: Annotated[Path, typer.Argument(help="An output directory of `extractor run`.")],
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


@app.command(name="eval")
def evaluate(
    dev: Annotated[Path | None, typer.Option(help="Dev set: docs/ and gold/.")] = None,
    blind: Annotated[Path | None, typer.Option(help="Blind set (same layout as --dev).")] = None,
    blind2: Annotated[Path | None, typer.Option(help="A second, held-out blind set.")] = None,
    blind3: Annotated[
        Path | None, typer.Option(help="A third blind set (real text by others).")
    ] = None,
    blind4: Annotated[
        Path | None, typer.Option(help="A fourth blind set (real text by others, run once).")
    ] = None,
    aeb: Annotated[Path | None, typer.Option(help="article-extraction-benchmark folder.")] = None,
    meantime: Annotated[Path | None, typer.Option(help="meantime-en folder.")] = None,
    org_links: Annotated[
        Path | None,
        typer.Option(help="Hand-checked cross-document org links of the gold sets (TSV)."),
    ] = None,
    links: Annotated[
        Path | None,
        typer.Option(help="A blind set for org_id across documents: docs/, gold/, links.tsv."),
    ] = None,
    model: Annotated[str, typer.Option(help="Installed spaCy pipeline.")] = DEFAULT_MODEL,
    min_org_confidence: MinOrgConfidence = DEFAULT_MIN_ORG_CONFIDENCE,
    org_model: OrgModelPath = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List errors per doc.")] = False,
) -> None:
    """Score extraction against gold data and print one table.

    Example: extractor eval --dev ../shared/eval/dev --meantime ../shared/external/meantime-en
    """
    from extractor.evaluate import format_details, format_table, run_eval

    folders = (
        ("--dev", dev),
        ("--blind", blind),
        ("--blind2", blind2),
        ("--blind3", blind3),
        ("--blind4", blind4),
        ("--aeb", aeb),
        ("--meantime", meantime),
        ("--links", links),
    )
    for name, path in folders:
        if path is not None and not path.is_dir():
            raise UsageError(f"no such directory for {name}: {path}")
    settings = Settings(
        model=model, min_org_confidence=min_org_confidence, org_model=_org_model(org_model)
    )
    if org_links is not None and not org_links.is_file():
        raise UsageError(f"no such file for --org-links: {org_links}")
    report = run_eval(
        dev,
        aeb,
        meantime,
        settings=settings,
        verbose=verbose,
        blind_dir=blind,
        blind2_dir=blind2,
        blind3_dir=blind3,
        blind4_dir=blind4,
        org_links=org_links,
        links_dir=links,
    )
    typer.echo(format_table(report))
    if verbose:
        typer.echo("")
        typer.echo(format_details(report))


def _org_model(path: Path | None) -> str | None:
    """The path of a readable organization model, or a usage error that says what is wrong."""
    if path is None:
        return None
    from extractor.entities.orgs.decision import load_model

    try:
        load_model(str(path))
    except OSError as exc:
        raise UsageError(f"cannot read --org-model {path}: {exc.strerror or exc}") from exc
    except (ValueError, KeyError, TypeError) as exc:
        raise UsageError(f"--org-model {path} is not an organization model: {exc}") from exc
    return str(path)


def main() -> None:
    """Entry point: domain errors become one line on stderr in exactly this one place."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        app()
    except UsageError as exc:
        print(f"extractor: error: {exc}", file=sys.stderr)
        sys.exit(EXIT_USAGE)
    except ExtractorError as exc:
        print(f"extractor: error [{exc.code}]: {exc}", file=sys.stderr)
        sys.exit(EXIT_USAGE)
    except KeyboardInterrupt:
        print("extractor: interrupted; the output directory was left unchanged", file=sys.stderr)
        sys.exit(EXIT_INTERRUPTED)


if __name__ == "__main__":
    main()
