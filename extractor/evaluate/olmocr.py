"""olmOCR-bench's layout tests on PDFs written by others: reading order and page furniture.

olmOCR-bench (allenai, https://huggingface.co/datasets/allenai/olmOCR-bench) holds real PDF pages
with checks written for them: `order` (one passage comes before another: two columns, footnotes),
`absent` (a running header, a footer, a page number or a stamp must not be in the text) and
`present` (a passage must be there). A folder in its layout (`tests.jsonl`, `pdfs/NAME.pdf`) is
scored here on the text of the PDF stage: the title and the blocks, in order. The benchmark's
`table` and `math` checks need its own parsers and are not scored.

Passages are compared lower-cased with whitespace collapsed and soft hyphens dropped; an `order`
or `present` passage is looked for by its first ORDER_PREFIX characters (the checker of the
benchmark allows a few differences; a prefix keeps ours simple and strict elsewhere).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

from pydantic import BaseModel

from extractor.errors import DocumentError
from extractor.pdf.page import read_pdf

ORDER_PREFIX = 50
KINDS = ("order", "absent", "present")
_SPACE = re.compile(r"\s+")


class OlmocrReport(BaseModel):
    passed: dict[str, int]
    total: dict[str, int]
    failures: list[str] = []


def normalize(text: str) -> str:
    text = text.replace("\u00ad", "").replace("\ufffe", "")
    return _SPACE.sub(" ", text).strip().lower()


def run_olmocr(folder: Path, max_pages: int, max_chars: int) -> OlmocrReport:
    """Score each `order`, `absent` and `present` test of `folder`'s tests.jsonl."""
    texts: dict[str, str] = {}
    passed: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    failures: list[str] = []
    for line in (folder / "tests.jsonl").read_text(encoding="utf-8").splitlines():
        test = json.loads(line)
        kind = test.get("type")
        if kind not in KINDS:
            continue
        name = test["pdf"]
        if name not in texts:
            texts[name] = _text(folder / "pdfs" / name, max_pages, max_chars)
        ok = check(test, texts[name])
        total[kind] += 1
        passed[kind] += ok
        if not ok:
            failures.append(f"{name} {kind}: {test.get('before') or test.get('text')!s:.60}")
    return OlmocrReport(passed=dict(passed), total=dict(total), failures=failures)


def check(test: dict, text: str) -> bool:
    """Whether one test passes on `text` (already normalized)."""
    kind = test["type"]
    if kind == "absent":
        return normalize(test["text"]) not in text
    if kind == "present":
        return normalize(test["text"])[:ORDER_PREFIX] in text
    before = text.find(normalize(test["before"])[:ORDER_PREFIX])
    after = text.find(normalize(test["after"])[:ORDER_PREFIX])
    return 0 <= before < after


def _text(path: Path, max_pages: int, max_chars: int) -> str:
    try:
        page = read_pdf(path.read_bytes(), max_pages, max_chars)
    except DocumentError:
        return ""
    return normalize("\n".join([page.title or "", *(b.text for b in page.blocks)]))
