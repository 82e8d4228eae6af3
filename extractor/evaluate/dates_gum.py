"""Build the pages of tests/data/dates-blind-gum from GUM's Wikinews documents.

GUM (`../shared/external/gum/gum_entities.jsonl`) holds the text of 24 Wikinews news articles
and 19 Wikinews interviews, each opening with its title and a dateline ("Friday, July 21,
2017"). GUM marks their time expressions but gives them no calendar value, and no date rule was
tuned on their values. A page keeps the document's text as it is: the title as <h1>, the
dateline, and one paragraph per line. The gold was written by hand (see the set's README); this
only rebuilds the pages.

    python -m extractor.evaluate.dates_gum ../shared/external/gum/gum_entities.jsonl \
        tests/data/dates-blind-gum/html
"""

from __future__ import annotations

import html
import json
import random
import re
import sys
from pathlib import Path

# "Friday, July 21, 2017": the second line of a Wikinews document.
_DATELINE = re.compile(r"^[A-Z][a-z]+day, [A-Z][a-z]+ \d{1,2}, \d{4}$")
NEWS, INTERVIEWS, SEED = "news", "interview", 1206
INTERVIEWS_TAKEN = 6  # with the 24 news articles, 30 pages


def page(doc: dict) -> str:
    """The HTML page of one GUM document."""
    title, *lines = doc["text"].split("\n")
    dateline, lines = _second_line(doc), lines[1:]
    if not _DATELINE.match(dateline):
        raise ValueError(f"{doc['doc']}: no dateline on the second line")
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines if line.strip())
    source = (
        f"Adapted from an English Wikinews article ({doc['text_license']}) as included in the "
        f"GUM corpus (Georgetown University); text unaltered, one paragraph per line"
    )
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n"
        f'<link rel="canonical" href="{html.escape(doc["source_url"])}">\n'
        f'<meta name="source" content="{html.escape(source)}">\n</head>\n<body>\n<article>\n'
        f'<h1>{html.escape(title)}</h1>\n<p class="dateline">{dateline}</p>\n{body}\n'
        f"</article>\n</body>\n</html>\n"
    )


def chosen(docs: list[dict]) -> list[dict]:
    """Every news article, and INTERVIEWS_TAKEN interviews with a dateline, drawn at random."""
    news = [d for d in docs if d["genre"] == NEWS]
    dated = [d for d in docs if d["genre"] == INTERVIEWS and _DATELINE.match(_second_line(d))]
    return news + random.Random(SEED).sample(dated, INTERVIEWS_TAKEN)


def _second_line(doc: dict) -> str:
    lines = doc["text"].split("\n")
    return lines[1] if len(lines) > 1 else ""


def build(gum_jsonl: Path, out_dir: Path) -> int:
    """Write the set's pages into `out_dir`; returns how many were written."""
    docs = [json.loads(line) for line in gum_jsonl.read_text(encoding="utf-8").splitlines()]
    out_dir.mkdir(parents=True, exist_ok=True)
    pages = chosen(docs)
    for doc in pages:
        (out_dir / f"{doc['doc']}.html").write_text(page(doc), encoding="utf-8")
    return len(pages)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python -m extractor.evaluate.dates_gum GUM_JSONL OUT_DIR")
    print(build(Path(sys.argv[1]), Path(sys.argv[2])), "pages")
