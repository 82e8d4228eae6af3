"""What the commands share: exit codes, the options of both `run` and `eval`, and the check of
an --org-model file. The defaults are the library's constants, never repeated here."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from extractor.errors import UsageError

EXIT_STRICT = 1  # --strict and any input rejected; `schemas --check` found drift
EXIT_USAGE = 2  # a usage error: one line on stderr, no traceback
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it

ModelName = Annotated[str, typer.Option(help="Installed spaCy pipeline.")]
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
OutputDir = Annotated[Path, typer.Argument(help="An output directory of `extractor run`.")]


def org_model_path(path: Path | None) -> str | None:
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
