"""Build the pages of tests/data/dates-blind from meantime-en's full articles.

Each page keeps the title and the dateline of `html_full/NAME.html` and the body sentences that
come after the annotated part (the sentences of `html/NAME.html`): text that MEANTIME's
annotation does not cover and that no date rule was tuned on. Articles with no such sentence are
left out. The gold was written by hand (see the set's README); this only rebuilds the pages.

    python -m extractor.evaluate.dates_blind \
        ../shared/external/meantime-en tests/data/dates-blind/html
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

_PARAGRAPH = re.compile(r'<p(?: class="dateline")?>.*?</p>', re.S)
_SOURCE_NOTE = "rebuilt from the CAT tokens"
_TAIL_NOTE = "; only the title, the dateline and the sentences after the annotated part"


def tail_page(full: str, annotated: str) -> str | None:
    """The page of `full` without the annotated body sentences, or None if nothing follows."""
    shown, short = _PARAGRAPH.findall(full), _PARAGRAPH.findall(annotated)
    if shown[: len(short)] != short:
        raise ValueError("the full article does not start with the annotated part")
    tail = shown[len(short) :]
    if not tail:
        return None
    head = full[: full.index("<p")].replace(_SOURCE_NOTE + '"', _SOURCE_NOTE + _TAIL_NOTE + '"')
    return head + short[0] + "\n" + "\n".join(tail) + "\n</article>\n</body>\n</html>\n"


def build(meantime_dir: Path, out_dir: Path) -> int:
    """Write one tail page per article into `out_dir`; returns how many were written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = 0
    for full in sorted((meantime_dir / "html_full").glob("*.html")):
        annotated = (meantime_dir / "html" / full.name).read_text(encoding="utf-8")
        page = tail_page(full.read_text(encoding="utf-8"), annotated)
        if page is not None:
            (out_dir / full.name).write_text(page, encoding="utf-8")
            written += 1
    return written


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python -m extractor.evaluate.dates_blind MEANTIME_DIR OUT_DIR")
    print(build(Path(sys.argv[1]), Path(sys.argv[2])), "pages")
