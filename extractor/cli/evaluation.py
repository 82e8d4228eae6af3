"""`extractor eval`: extraction scored against gold data, in one table."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from extractor.cli.options import MinOrgConfidence, ModelName, OrgModelPath, org_model_path
from extractor.errors import UsageError
from extractor.settings import DEFAULT_MIN_ORG_CONFIDENCE, DEFAULT_MODEL, Settings


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
    pdfs: Annotated[
        Path | None,
        typer.Option(help="Real PDFs by others with gold (docs/*.pdf, gold/, as --dev)."),
    ] = None,
    aeb: Annotated[Path | None, typer.Option(help="article-extraction-benchmark folder.")] = None,
    meantime: Annotated[Path | None, typer.Option(help="meantime-en folder.")] = None,
    printed: Annotated[
        Path | None,
        typer.Option(
            help="Also score the gold sets' pages printed to PDF (Chromium, two columns), "
            "cached in this folder."
        ),
    ] = None,
    olmocr: Annotated[
        Path | None,
        typer.Option(
            help="A folder in olmOCR-bench's layout (tests.jsonl, pdfs/): its reading-order, "
            "absent and present tests on the PDF stage's text."
        ),
    ] = None,
    meantime_errata: Annotated[
        Path | None,
        typer.Option(help="Reviewed errors of meantime-en's date gold (TSV): scored again."),
    ] = None,
    dates: Annotated[
        list[Path] | None,
        typer.Option(help="A date set in meantime-en's layout (html/, gold/); repeatable."),
    ] = None,
    gum: Annotated[
        Path | None, typer.Option(help="GUM's gum_entities.jsonl: recall of its time mentions.")
    ] = None,
    org_links: Annotated[
        Path | None,
        typer.Option(help="Hand-checked cross-document org links of the gold sets (TSV)."),
    ] = None,
    links: Annotated[
        Path | None,
        typer.Option(help="A blind set for org_id across documents: docs/, gold/, links.tsv."),
    ] = None,
    model: ModelName = DEFAULT_MODEL,
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
        ("--pdfs", pdfs),
        ("--aeb", aeb),
        ("--meantime", meantime),
        ("--links", links),
        ("--olmocr", olmocr),
        *(("--dates", folder) for folder in dates or ()),
    )
    for name, path in folders:
        if path is not None and not path.is_dir():
            raise UsageError(f"no such directory for {name}: {path}")
    settings = Settings(
        model=model, min_org_confidence=min_org_confidence, org_model=org_model_path(org_model)
    )
    if gum is not None and not gum.is_file():
        raise UsageError(f"no such file for --gum: {gum}")
    if meantime_errata is not None and not meantime_errata.is_file():
        raise UsageError(f"no such file for --meantime-errata: {meantime_errata}")
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
        pdfs_dir=pdfs,
        org_links=org_links,
        links_dir=links,
        date_dirs=tuple(dates or ()),
        gum=gum,
        meantime_errata=meantime_errata,
        printed_cache=printed,
        olmocr_dir=olmocr,
    )
    typer.echo(format_table(report))
    if verbose:
        typer.echo("")
        typer.echo(format_details(report))
