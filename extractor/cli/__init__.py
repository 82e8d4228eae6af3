"""Command line: thin typer wrappers over the library's plain functions, one module per group.

Exit codes: 0 the run completed (rejects included); 1 with --strict when any input was rejected,
or when `schemas --check` finds drift; 2 a usage error (one line on stderr, no traceback); 130
interrupted.
"""

from __future__ import annotations

import atexit
import gc
import logging
import sys

import typer

from extractor.cli import evaluation, fetch, outputs, run
from extractor.cli.options import EXIT_INTERRUPTED, EXIT_USAGE
from extractor.errors import ExtractorError, UsageError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Turn HTML reports into dated sections, organizations, countries and ISO dates.",
)
app.command()(run.run)
app.command()(run.schemas)
app.command()(fetch.fetch)
app.command()(outputs.query)
app.command()(outputs.export)
app.command()(outputs.report)
app.command(name="eval")(evaluation.evaluate)


def main() -> None:
    """Entry point: domain errors become one line on stderr in exactly this one place."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    # Run last at exit: the interpreter's final collection then skips the objects a command
    # loaded, which it would walk only to find them alive (0.3 s after a run).
    atexit.register(gc.freeze)
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
