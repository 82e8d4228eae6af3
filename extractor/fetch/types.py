"""The records and defaults of `extractor fetch`: what a fetch is asked to do (`FetchOptions`),
what became of each URL (`Outcome`) and of the whole fetch (`FetchSummary`). The fetcher
(`extractor.fetch`) and the corpus store (`store`) both import them from here."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from extractor.version import __version__

OUTCOMES = ("fetched", "unchanged", "resumed", "disallowed", "skipped", "failed")

DEFAULT_DELAY = 1.0
DEFAULT_CONCURRENCY = 4  # hosts fetched at once; each host still gets one request at a time
DEFAULT_TIMEOUT = 30.0
DEFAULT_RETRIES = 3
DEFAULT_MAX_BYTES = 10_000_000  # larger than any report page; a 50 MB "page" is not a report
# What a fetch keeps: web pages and the PDF reports sites publish beside them.
TYPES = ("html", "pdf")


def default_user_agent(contact: str | None = None) -> str:
    """An identifying User-Agent: our name and version, and how to reach whoever runs us."""
    who = f"+{contact}" if contact else "+https://pypi.org/project/extractor/"
    return f"extractor/{__version__} (research fetcher; {who})"


@dataclass(frozen=True)
class FetchOptions:
    out: Path
    delay: float = DEFAULT_DELAY
    user_agent: str = field(default_factory=default_user_agent)
    concurrency: int = DEFAULT_CONCURRENCY
    timeout: float = DEFAULT_TIMEOUT
    retries: int = DEFAULT_RETRIES
    max_bytes: int = DEFAULT_MAX_BYTES
    max_wait: float = 300.0
    follow: re.Pattern[str] | None = None
    depth: int = 1
    refresh: bool = False  # revalidate pages already stored (conditional GET) instead of skipping
    warc: Path | None = None  # also append every stored page's response to this WARC file
    types: tuple[str, ...] = TYPES  # the kinds of documents kept (others are skipped)


@dataclass(frozen=True)
class Outcome:
    url: str
    kind: str  # one of OUTCOMES
    reason: str | None = None
    file: str | None = None
    links: tuple[str, ...] = ()  # for --follow: the page's links, resolved
    media_type: str | None = None  # of a stored document: text/html or application/pdf


@dataclass
class FetchSummary:
    outcomes: list[Outcome]
    manifest: Path

    @property
    def counts(self) -> dict[str, int]:
        return {kind: sum(o.kind == kind for o in self.outcomes) for kind in OUTCOMES}

    @property
    def problems(self) -> int:
        counts = self.counts
        return counts["disallowed"] + counts["skipped"] + counts["failed"]
