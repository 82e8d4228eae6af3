"""`extractor run URL...`: fetch the URLs among a run's inputs politely, then extract them.

The pages go into a corpus directory (OUT/pages by default) exactly as `extractor fetch` stores
them, so a second run reads them from disk instead of asking the site again, and the corpus can
be kept, shared or re-run. A URL that yields no page still ends as one input: a reject that says
why (robots.txt, not HTML, HTTP error...).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from extractor import errors
from extractor.fetch.types import DEFAULT_DELAY, FetchOptions, Outcome, default_user_agent
from extractor.settings import DEFAULT_MAX_BYTES

if TYPE_CHECKING:  # the command line reads UrlFetch before anything loads an input
    from extractor.inputs import load

LOGGER = logging.getLogger(__name__)

PAGES_DIR = "pages"  # under --out, unless --fetch-dir says otherwise

_PROBLEMS = {
    "disallowed": errors.FetchDisallowed.code,
    "skipped": errors.FetchSkipped.code,
    "failed": errors.FetchError.code,
}


@dataclass(frozen=True)
class UrlFetch:
    """How `extractor run` fetches URL inputs."""

    corpus: Path | None = None  # default: OUT/pages
    delay: float = DEFAULT_DELAY
    contact: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES  # the run's --max-bytes, so a page it may read is fetched


def is_url(arg: str) -> bool:
    return arg.lower().startswith(("http://", "https://"))


def fetch_refs(
    inputs: Sequence[str], out_dir: Path, how: UrlFetch | None = None
) -> dict[str, load.InputRef]:
    """Fetch the URL arguments among `inputs`; each one's input, by the argument as given."""
    urls = [arg for arg in inputs if is_url(arg)]
    if not urls:
        return {}
    from extractor.fetch.crawl import check_url, fetch  # the HTTP client, for URL inputs only

    how = how or UrlFetch()
    corpus = how.corpus or out_dir / PAGES_DIR
    options = FetchOptions(
        out=corpus,
        delay=how.delay,
        user_agent=default_user_agent(how.contact),
        max_bytes=how.max_bytes,
    )
    checked = {arg: check_url(arg) for arg in urls}  # BadUrl before any request
    summary = fetch(list(dict.fromkeys(checked.values())), options)
    by_url = {outcome.url: outcome for outcome in summary.outcomes}
    LOGGER.info("fetched URL inputs into %s: %s", corpus, summary.counts)
    return {arg: _ref(by_url[url], corpus) for arg, url in checked.items()}


def _ref(outcome: Outcome, corpus: Path) -> load.InputRef:
    from extractor.inputs import load

    if outcome.file is not None:
        path = (corpus / outcome.file).as_posix()
        url, charset = load.sidecar_info(path)
        return load.InputRef(path=path, url=url or outcome.url, charset=charset)
    code = _PROBLEMS[outcome.kind]
    message = f"{outcome.url}: {outcome.reason or outcome.kind}"
    return load.InputRef(path="", url=outcome.url, problem=(code, message))
