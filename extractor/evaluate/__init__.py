"""Evaluation harness: the dev set, our blind set, article-extraction-benchmark and meantime-en.

`run_eval` runs the pipeline over whichever benchmark folders it is given and returns one
`EvalReport`; `format_table` renders its headline figures as a single markdown table and
`format_details` the per-document counts (and, for a verbose run, every error).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from extractor.evaluate.aeb import AebReport, run_aeb
from extractor.evaluate.dev import SET_CATEGORIES, Accuracy, Counts, DevReport, run_dev
from extractor.evaluate.gum_times import GumTimes, run_gum_times
from extractor.evaluate.linking import read_links, score_linking
from extractor.evaluate.meantime import MeantimeReport, run_meantime
from extractor.evaluate.olmocr import OlmocrReport, run_olmocr
from extractor.evaluate.printed import run_printed

__all__ = ["EvalReport", "format_details", "format_table", "run_eval"]

LOGGER = logging.getLogger(__name__)

# The sets whose cross-document links tests/data/org_links.tsv holds.
LINKED_SETS = frozenset({"dev", "blind", "blind2"})


class EvalReport(BaseModel):
    """Every figure of one evaluation run; a benchmark that was not run is None."""

    dev: DevReport | None = None
    blind: DevReport | None = None  # our own pages, gold written before any run
    blind2: DevReport | None = None  # a second such set, held out while tuning
    blind3: DevReport | None = None  # real text by others, gold before the first run
    blind4: DevReport | None = None  # issue 14's final blind set: real text, run once at the end
    pdfs: DevReport | None = None  # real PDFs by others, gold written before their first run
    aeb: AebReport | None = None  # the article body: section lines without captions and meta
    aeb_sections: AebReport | None = None  # every line of the sections but the title
    meantime: MeantimeReport | None = None
    # Date sets in meantime-en's layout (html/, gold/, gold/_explicit/), by folder name.
    date_sets: dict[str, MeantimeReport] = {}
    gum_times: GumTimes | None = None  # recall of GUM's date-like time mentions
    org_links: Counts | None = None  # org_id over cross-document pairs of the three sets
    links_orgs: Counts | None = None  # organizations of the blind-links set (documents alone)
    links_set: Counts | None = None  # org_id over its cross-document pairs
    # The named sets' pages (dev, blind...blind4) pooled: as HTML, and printed to PDF by each
    # generator of evaluate/printed.py; and the sections in which print furniture was found.
    printed: dict[str, DevReport] = {}
    printed_furniture: dict[str, int] = {}
    olmocr: OlmocrReport | None = None  # olmOCR-bench's order/absent/present tests on PDFs
    seconds: dict[str, float] = {}


def run_eval(
    dev_dir: Path | str | None,
    aeb_dir: Path | str | None,
    meantime_dir: Path | str | None,
    settings: Any = None,
    verbose: bool = False,
    blind_dir: Path | str | None = None,
    blind2_dir: Path | str | None = None,
    blind3_dir: Path | str | None = None,
    blind4_dir: Path | str | None = None,
    pdfs_dir: Path | str | None = None,
    org_links: Path | str | None = None,
    links_dir: Path | str | None = None,
    date_dirs: tuple[Path | str, ...] = (),
    gum: Path | str | None = None,
    meantime_errata: Path | str | None = None,
    printed_cache: Path | str | None = None,
    olmocr_dir: Path | str | None = None,
) -> EvalReport:
    """Run the pipeline over each given benchmark folder and score it.

    With `verbose`, the per-document false positives and negatives are kept in the report.
    """
    named = (
        ("dev", dev_dir),
        ("blind", blind_dir),
        ("blind2", blind2_dir),
        ("blind3", blind3_dir),
        ("blind4", blind4_dir),
        ("pdfs", pdfs_dir),
    )
    folders = (
        *(folder for _, folder in named),
        aeb_dir,
        meantime_dir,
        links_dir,
        *date_dirs,
        gum,
        olmocr_dir,
    )
    if all(d is None for d in folders):
        return EvalReport()
    # Imported here: the pipeline loads spaCy, which the scorers themselves never need.
    from extractor.models import SECTION_KINDS
    from extractor.pipeline import extract_many, main_text

    if settings is None:
        from extractor.settings import Settings

        settings = Settings()
    seconds: dict[str, float] = {}
    sets: dict[str, DevReport | None] = {name: None for name, _ in named}
    aeb: AebReport | None = None
    aeb_sections: AebReport | None = None
    meantime: MeantimeReport | None = None
    pooled: list = []
    for name, folder in named:
        if folder is not None:
            started = time.perf_counter()
            # org_links.tsv holds the hand-checked links of dev, blind and blind2 only.
            collect = pooled if name in LINKED_SETS else None
            sets[name] = run_dev(Path(folder), extract_many, settings, verbose, collect)
            seconds[name] = time.perf_counter() - started
    printed: dict[str, DevReport] = {}
    furniture: dict[str, int] = {}
    # the pages of the HTML sets, printed; the PDF set is PDFs already
    given = [Path(folder) for name, folder in named if folder is not None and name != "pdfs"]
    if printed_cache is not None and given:
        started = time.perf_counter()
        printed, furniture = run_printed(given, Path(printed_cache), extract_many, settings)
        seconds["printed"] = time.perf_counter() - started
    links = read_links(Path(org_links)) if org_links is not None else []
    linking = score_linking(pooled, links) if pooled else None
    links_orgs = links_set = None
    if links_dir is not None:
        started = time.perf_counter()
        own: list = []
        links_orgs = run_dev(Path(links_dir), extract_many, settings, False, own).orgs
        links_set = score_linking(own, read_links(Path(links_dir) / "links.tsv"))
        seconds["links"] = time.perf_counter() - started
    if aeb_dir is not None:
        started = time.perf_counter()
        aeb = run_aeb(Path(aeb_dir), main_text)
        aeb_sections = run_aeb(Path(aeb_dir), lambda data: main_text(data, SECTION_KINDS))
        seconds["aeb"] = time.perf_counter() - started
    if meantime_dir is not None:
        started = time.perf_counter()
        errata = Path(meantime_errata) if meantime_errata is not None else None
        meantime = run_meantime(Path(meantime_dir), extract_many, settings, verbose, errata)
        seconds["meantime"] = time.perf_counter() - started
    date_sets = {}
    for folder in date_dirs:
        started = time.perf_counter()
        date_sets[Path(folder).name] = run_meantime(Path(folder), extract_many, settings, verbose)
        seconds[Path(folder).name] = time.perf_counter() - started
    gum_times = run_gum_times(Path(gum)) if gum is not None else None
    olmocr = None
    if olmocr_dir is not None:
        olmocr = run_olmocr(Path(olmocr_dir), settings.max_pages, settings.max_bytes)
    for name, secs in seconds.items():
        LOGGER.info("%s evaluated in %.1f s", name, secs)
    return EvalReport(
        dev=sets["dev"],
        blind=sets["blind"],
        blind2=sets["blind2"],
        blind3=sets["blind3"],
        blind4=sets["blind4"],
        pdfs=sets["pdfs"],
        aeb=aeb,
        aeb_sections=aeb_sections,
        meantime=meantime,
        date_sets=date_sets,
        gum_times=gum_times,
        org_links=linking,
        links_orgs=links_orgs,
        links_set=links_set,
        printed=printed,
        printed_furniture=furniture,
        olmocr=olmocr,
        seconds=seconds,
    )


def _prf(name: str, c: Counts) -> str:
    # n is the number of gold items, so a recall can be read back as a count.
    if not (c.tp or c.fp or c.fn):  # nothing to find and nothing found: no figure to give
        return f"| {name} | | | | 0 |"
    return f"| {name} | {c.precision:.3f} | {c.recall:.3f} | {c.f1:.3f} | {c.tp + c.fn} |"


def _acc(name: str, a: Accuracy) -> str:
    return f"| {name} | | | {a.accuracy:.3f} | {a.total} |"


def format_table(report: EvalReport) -> str:
    """One markdown table: P, R, F1 (accuracy rows fill only the last figure) and n."""
    rows = ["| benchmark | P | R | F1 / acc | n |", "|---|---:|---:|---:|---:|"]
    for name, dev in _dev_sets(report):
        if dev is not None:
            rows += [_prf(f"{name} {c}", getattr(dev, c)) for c in SET_CATEGORIES]
            rows.append(_acc(f"{name} section dates (acc)", dev.section_dates))
            rows.append(_acc(f"{name} title (acc)", dev.title))
            rows.append(_acc(f"{name} period (acc)", dev.period))
    for name, pooled in report.printed.items():
        label = "gold sets as HTML" if name == "html" else f"gold sets printed ({name})"
        rows += [_prf(f"{label} {c}", getattr(pooled, c)) for c in SET_CATEGORIES]
        rows.append(_acc(f"{label} section dates (acc)", pooled.section_dates))
        rows.append(_acc(f"{label} title (acc)", pooled.title))
        if name in report.printed_furniture:
            furniture = report.printed_furniture[name]
            rows.append(f"| {label} sections with print furniture | | | {furniture} | |")
    if (olm := report.olmocr) is not None:
        for kind, total in olm.total.items():
            rate = olm.passed.get(kind, 0) / total if total else 0.0
            rows.append(f"| olmOCR-bench PDF {kind} tests passed | | | {rate:.3f} | {total} |")
    for name, aeb in (
        ("aeb main text (article body)", report.aeb),
        ("aeb all section text", report.aeb_sections),
    ):
        if aeb is not None:
            rows.append(
                f"| {name} | {aeb.precision:.3f} | {aeb.recall:.3f} | {aeb.f1:.3f} | {aeb.pages} |"
            )
    if report.org_links is not None:
        rows.append(_prf("corpus org_id links (pairs, gold sets pooled)", report.org_links))
    if report.links_orgs is not None and report.links_set is not None:
        rows.append(_prf("blind-links orgs", report.links_orgs))
        rows.append(_prf("blind-links org_id links (pairs)", report.links_set))
    if (mt := report.meantime) is not None:
        rows.append(_prf("meantime dates (explicit)", mt.explicit))
        rows.append(_prf("meantime dates (full)", mt.full))
        if mt.explicit_corrected is not None and mt.full_corrected is not None:
            rows.append(_prf("meantime dates (explicit, errata applied)", mt.explicit_corrected))
            rows.append(_prf("meantime dates (full, errata applied)", mt.full_corrected))
        rows.append(_acc("meantime title (acc)", mt.title))
        rows.append(_prf("meantime orgs", mt.orgs))
        rows.append(_prf("meantime countries", mt.countries))
    for name, dates in report.date_sets.items():
        rows.append(_prf(f"{name} dates (explicit)", dates.explicit))
        rows.append(_prf(f"{name} dates (full)", dates.full))
        if dates.explicit_in_scope is not None and dates.full_in_scope is not None:
            rows.append(_prf(f"{name} dates (explicit, annotated lines)", dates.explicit_in_scope))
            rows.append(_prf(f"{name} dates (full, annotated lines)", dates.full_in_scope))
    if (gum := report.gum_times) is not None:
        rows.append(_acc("gum date-like time mentions found (explicit)", gum.explicit))
        rows.append(_acc("gum date-like time mentions found (relative)", gum.relative))
    return "\n".join(rows)


def _tfn(c: Counts) -> str:
    return f"{c.tp}/{c.fp}/{c.fn}"


def format_details(report: EvalReport) -> str:
    """Per-document tp/fp/fn of the dev set, then every recorded error of a verbose run."""
    lines: list[str] = []
    for name, dev in _dev_sets(report):
        if dev is not None:
            lines += _set_details(name, dev)
    if (mt := report.meantime) is not None:
        for m in mt.docs:
            if m.errors:
                lines += [
                    f"\nmeantime {m.doc} (full {_tfn(m.full)}, orgs {_tfn(m.orgs)}, "
                    f"countries {_tfn(m.countries)}):"
                ]
                lines += [f"  {e}" for e in m.errors]
    for name, dates in report.date_sets.items():
        for m in dates.docs:
            if m.errors:
                lines += [f"\n{name} {m.doc} (full {_tfn(m.full)}):"]
                lines += [f"  {e}" for e in m.errors if not e.startswith("title")]
    return "\n".join(lines)


def _set_details(name: str, dev: DevReport) -> list[str]:
    head = " | ".join(SET_CATEGORIES)
    lines = [
        f"| {name} doc (tp/fp/fn) | {head} | section dates | title | period |",
        "|---|" + "---|" * (len(SET_CATEGORIES) + 3),
    ]
    for d in dev.docs:
        cells = " | ".join(_tfn(d.counts[c]) for c in SET_CATEGORIES)
        doc = f"{d.doc} (rejected: {d.rejected})" if d.rejected else d.doc
        lines.append(
            f"| {doc} | {cells} | {d.section_dates.correct}/{d.section_dates.total} "
            f"| {'ok' if d.title_ok else 'wrong'} | {'ok' if d.period_ok else 'wrong'} |"
        )
    for d in dev.docs:
        if d.errors:
            lines += [f"\n{d.doc}:"] + [f"  {e}" for e in d.errors]
    lines.append("")
    return lines


def _dev_sets(report: EvalReport) -> tuple[tuple[str, DevReport | None], ...]:
    return (
        ("dev", report.dev),
        ("blind", report.blind),
        ("blind2", report.blind2),
        ("blind3", report.blind3),
        ("blind4", report.blind4),
        ("pdfs", report.pdfs),
    )
