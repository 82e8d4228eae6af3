"""Synthetic PDF reports for `make bench`: the synthetic HTML pages (benchmarks/synth.py), eight
at a time, typeset as one two-column report each (extractor/evaluate/printed.py's layout), until
the set holds the pages asked for. Needs reportlab (the dev extra)."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from extractor.evaluate.printed import columns_pdf
from extractor.html.clean import Block, clean

PAGES_PER_REPORT = 8  # synthetic HTML pages typeset into one PDF report


def write_pdfs(html_folder: Path, out: Path, pages: int) -> tuple[int, int]:
    """Write reports into `out` until they hold at least `pages` PDF pages; (PDFs, pages)."""
    out.mkdir(parents=True, exist_ok=True)
    sources = sorted(p for p in html_folder.rglob("*.html"))
    written = total = 0
    for start in range(0, len(sources), PAGES_PER_REPORT):
        if total >= pages:
            break
        title, blocks, published = "", [], None
        for path in sources[start : start + PAGES_PER_REPORT]:
            page = clean(path.read_text(encoding="utf-8", errors="replace"))
            if not title:
                title, published = page.title or path.stem, page.meta_published
            else:
                blocks.append(Block(tag="h2", text=page.title or path.stem, level=2))
            blocks.extend(page.blocks)
        data = columns_pdf(title, blocks, published)
        (out / f"report-{written:04d}.pdf").write_bytes(data)
        written += 1
        total += len(pdfium.PdfDocument(data))
    return written, total
