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

from .errors import ExtractorError, UsageError
from .settings import (
    BATCH_INPUTS,
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_SECONDS,
    DEFAULT_MODEL,
    Settings,
)

if TYPE_CHECKING:
    from .dask_engine import DaskOptions

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
    inputs: Annotated[list[str], typer.Argument(help="HTML files, directories or globs.")],
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
    batch_inputs: Annotated[
        int, typer.Option(min=1, hidden=True, help="Inputs per batch and shard (tests).")
    ] = BATCH_INPUTS,
) -> None:
    """Extract INPUTS into OUT/documents.jsonl, sections.jsonl, rejects.jsonl and manifest.json.

    Example: extractor run corpora/ --out out/

    After an interruption: extractor run corpora/ --out out/ --resume

    On a Dask cluster: extractor run corpora/ --out out/ --engine dask --scheduler tcp://HOST:8786
    """
    from .batch import run_batch
    from .report import summary_table

    if scheduler is not None and engine is not Engine.dask:
        raise UsageError("--scheduler needs --engine dask")
    settings = Settings(
        model=model,
        batch_size=batch_size,
        max_bytes=max_bytes,
        max_seconds=max_seconds,
        fiscal_year_start_month=fiscal_year_start,
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
    from .shards import SHARD_DIR, complete_count

    saved = complete_count(out / SHARD_DIR)
    return (
        f"extractor: interrupted; {out} is unchanged and {saved} finished batch(es) are kept in "
        f"{out / SHARD_DIR}: run the same command with --resume to finish"
    )


def _dask_options(scheduler: str | None) -> DaskOptions:
    from .dask_engine import DaskOptions

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
    from .write import stale_schemas, write_schemas

    if check:
        stale = stale_schemas(directory)
        if stale:
            typer.echo(f"schemas out of date: {', '.join(stale)} (run: make schemas)", err=True)
            raise typer.Exit(EXIT_STRICT)
        typer.echo(f"schemas in {directory} are up to date")
        return
    for path in write_schemas(directory):
        typer.echo(f"wrote {path}")


@app.command(name="eval")
def evaluate(
    dev: Annotated[Path | None, typer.Option(help="Dev set: docs/ and gold/.")] = None,
    blind: Annotated[Path | None, typer.Option(help="Blind set (same layout as --dev).")] = None,
    blind2: Annotated[Path | None, typer.Option(help="A second, held-out blind set.")] = None,
    aeb: Annotated[Path | None, typer.Option(help="article-extraction-benchmark folder.")] = None,
    meantime: Annotated[Path | None, typer.Option(help="meantime-en folder.")] = None,
    model: Annotated[str, typer.Option(help="Installed spaCy pipeline.")] = DEFAULT_MODEL,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List errors per doc.")] = False,
) -> None:
    """Score extraction against gold data and print one table.

    Example: extractor eval --dev ../shared/eval/dev --meantime ../shared/external/meantime-en
    """
    from .evaluate import format_details, format_table, run_eval

    folders = (
        ("--dev", dev),
        ("--blind", blind),
        ("--blind2", blind2),
        ("--aeb", aeb),
        ("--meantime", meantime),
    )
    for name, path in folders:
        if path is not None and not path.is_dir():
            raise UsageError(f"no such directory for {name}: {path}")
    settings = Settings(model=model)
    report = run_eval(
        dev, aeb, meantime, settings=settings, verbose=verbose, blind_dir=blind, blind2_dir=blind2
    )
    typer.echo(format_table(report))
    if verbose:
        typer.echo("")
        typer.echo(format_details(report))


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
