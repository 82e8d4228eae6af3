"""`extractor run` and `extractor schemas`: the records, and the contract they follow."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from extractor.cli.options import (
    EXIT_INTERRUPTED,
    EXIT_STRICT,
    MinOrgConfidence,
    ModelName,
    OrgModelPath,
    org_model_path,
)
from extractor.errors import UsageError
from extractor.fetch.types import DEFAULT_DELAY
from extractor.run.options import DEFAULT_JOBS, DaskOptions, Engine, RunOptions
from extractor.settings import (
    BATCH_INPUTS,
    DEFAULT_BATCH_SIZE,
    DEFAULT_FISCAL_YEAR_START,
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_PAGES,
    DEFAULT_MAX_SECONDS,
    DEFAULT_MIN_ORG_CONFIDENCE,
    DEFAULT_MODEL,
    Settings,
)


def run(
    inputs: Annotated[
        list[str],
        typer.Argument(help="HTML or WARC files, directories, globs, or http(s) URLs to fetch."),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output directory.")] = Path("out"),
    model: ModelName = DEFAULT_MODEL,
    strict: Annotated[bool, typer.Option(help="Exit 1 if any input is rejected.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or table.")] = False,
    batch_size: Annotated[
        int, typer.Option(min=1, help="Sections per nlp.pipe batch.")
    ] = DEFAULT_BATCH_SIZE,
    max_bytes: Annotated[
        int, typer.Option(min=1, help="Per-input size limit.")
    ] = DEFAULT_MAX_BYTES,
    max_pages: Annotated[
        int,
        typer.Option(min=1, help="Per-PDF page limit (a longer PDF is a too_many_pages reject)."),
    ] = DEFAULT_MAX_PAGES,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, help="Worker processes (default: the cores).")
    ] = DEFAULT_JOBS,
    fiscal_year_start: Annotated[
        int, typer.Option(min=1, max=12, help="First month of the pages' fiscal years (4: April).")
    ] = DEFAULT_FISCAL_YEAR_START,
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
    ] = DEFAULT_DELAY,
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
    from extractor.inputs.urls import UrlFetch
    from extractor.run import head_start

    if scheduler is not None and engine is not Engine.dask:
        raise UsageError("--scheduler needs --engine dask")
    settings = Settings(
        model=model,
        batch_size=batch_size,
        max_bytes=max_bytes,
        max_pages=max_pages,
        max_seconds=max_seconds,
        fiscal_year_start_month=fiscal_year_start,
        min_org_confidence=min_org_confidence,
        org_model=org_model_path(org_model),
    )
    options = RunOptions(
        progress=not quiet,
        jobs=jobs,
        engine=engine,
        dask=DaskOptions(scheduler=scheduler),
        resume=resume,
        incremental=incremental,
        batch_inputs=batch_inputs,
        url_fetch=UrlFetch(corpus=fetch_dir, delay=delay, contact=contact, max_bytes=max_bytes),
    )
    # First thing, before the driver's modules and the model load: the head start prepares the
    # first inputs meanwhile.
    wanted = head_start.wanted(inputs, options)
    head = head_start.HeadStart(inputs, settings, batch_inputs) if wanted else None
    try:
        from extractor.cli.summary import summary_table
        from extractor.run.driver import run_corpus

        summary = run_corpus(inputs, out, settings, options, head)
    except KeyboardInterrupt:
        typer.echo(_interrupted(out), err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    finally:
        if head is not None:
            head.close()
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
