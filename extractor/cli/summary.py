"""Human-readable summaries printed by the CLI."""

from __future__ import annotations

from pathlib import Path

from extractor.run.driver import RunSummary

TOP_N = 5


def summary_table(summary: RunSummary, out_dir: Path) -> str:
    """A short plain-text table of what a run produced."""
    counts = summary.counts
    rows = [
        ("inputs", str(counts.get("inputs", 0))),
        ("documents", str(counts.get("documents", 0))),
        ("sections", str(counts.get("sections", 0))),
        ("rejects", _rejects(summary)),
        ("organizations", str(summary.entities.get("orgs", 0))),
        ("countries", str(summary.entities.get("countries", 0))),
        ("dates", str(summary.entities.get("dates", 0))),
        *_corpus_rows(summary),
        ("top countries", _top(summary.top_countries)),
        ("top organizations", _top(summary.top_orgs)),
        ("time", f"{summary.wall_seconds:.1f} s"),
        ("output", str(out_dir)),
    ]
    width = max(len(label) for label, _ in rows)
    return "\n".join(f"{label:<{width}}  {value}" for label, value in rows)


def _corpus_rows(summary: RunSummary) -> list[tuple[str, str]]:
    if summary.corpus is None:
        return []
    edges = summary.corpus.edges
    kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(edges.items()))
    return [
        ("corpus orgs", f"{summary.corpus.orgs} (orgs.jsonl)"),
        ("edges", f"{sum(edges.values())}" + (f" ({kinds})" if kinds else "")),
    ]


def _rejects(summary: RunSummary) -> str:
    total = summary.counts.get("rejects", 0)
    if not total:
        return "0"
    detail = ", ".join(f"{code} {n}" for code, n in sorted(summary.rejects_by_error.items()))
    return f"{total} ({detail})"


def _top(counter: dict[str, int]) -> str:
    ranked = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_N]
    return ", ".join(f"{name} ({n})" for name, n in ranked) or "-"
