"""`extractor fetch`: web pages, politely, into a corpus directory that `extractor run` reads."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from extractor.cli.options import EXIT_INTERRUPTED, EXIT_STRICT
from extractor.errors import UsageError
from extractor.fetch.types import (
    DEFAULT_CONCURRENCY,
    DEFAULT_DELAY,
    DEFAULT_MAX_BYTES,
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
    TYPES,
)


def fetch(
    urls: Annotated[
        list[str] | None, typer.Argument(help="Page URLs (or listing pages, with --follow).")
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Corpus directory to write.")] = Path(
        "corpus"
    ),
    urls_file: Annotated[
        Path | None, typer.Option("--urls", help="A file of URLs, one per line (# comments).")
    ] = None,
    sitemap: Annotated[
        list[str] | None, typer.Option(help="A sitemap.xml (or index) whose pages to fetch.")
    ] = None,
    follow: Annotated[
        str | None,
        typer.Option(help="Also fetch links of the fetched pages matching this regex (same host)."),
    ] = None,
    depth: Annotated[int, typer.Option(min=1, help="Link levels --follow goes down.")] = 1,
    delay: Annotated[
        float, typer.Option(min=0, help="Seconds between two requests to one host.")
    ] = DEFAULT_DELAY,
    user_agent: Annotated[
        str | None, typer.Option(help="User-Agent (default: extractor/VERSION with --contact).")
    ] = None,
    contact: Annotated[
        str | None,
        typer.Option(help="How site owners reach you (email or URL), in the User-Agent."),
    ] = None,
    concurrency: Annotated[
        int, typer.Option(min=1, help="Hosts fetched at once.")
    ] = DEFAULT_CONCURRENCY,
    timeout: Annotated[
        float, typer.Option(min=0.1, help="Socket timeout, seconds.")
    ] = DEFAULT_TIMEOUT,
    retries: Annotated[
        int, typer.Option(min=0, help="Retries on timeouts, 429 and 5xx (backoff, Retry-After).")
    ] = DEFAULT_RETRIES,
    max_bytes: Annotated[
        int, typer.Option(min=1, help="Largest body kept (after decompression).")
    ] = DEFAULT_MAX_BYTES,
    refresh: Annotated[
        bool,
        typer.Option(
            help="Revalidate pages already in --out (conditional GET) instead of keeping them."
        ),
    ] = False,
    warc: Annotated[
        Path | None,
        typer.Option(
            help="Also append every stored page to this WARC file (.warc.gz or .warc; outside "
            "--out), which `extractor run` reads too."
        ),
    ] = None,
    types: Annotated[
        str,
        typer.Option(
            help="The kinds of documents kept, comma-separated: html, pdf (others are skipped)."
        ),
    ] = ",".join(TYPES),
    strict: Annotated[
        bool, typer.Option(help="Exit 1 if any URL was disallowed, skipped or failed.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary.")] = False,
) -> None:
    """Fetch web pages politely into a corpus directory that `extractor run` reads.

    Example: extractor fetch https://example.org/reports/ --follow '/reports/.+' --out corpus/

    Then: extractor run corpus/ --out out/ (records carry source.url)

    With a WARC too: extractor fetch --urls urls.txt --out corpus/ --warc crawl.warc.gz

    robots.txt is always obeyed; run the same command again to resume an interrupted fetch.
    """
    import re

    from extractor.errors import BadFollowPattern, NothingToFetch
    from extractor.fetch.crawl import FetchOptions, default_user_agent, read_url_list
    from extractor.fetch.crawl import fetch as fetch_urls

    wanted = list(urls or [])
    if urls_file is not None:
        wanted += read_url_list(urls_file)
    if not wanted and not sitemap:
        raise NothingToFetch("nothing to fetch: give URLs, --urls FILE or --sitemap URL")
    try:
        pattern = re.compile(follow) if follow is not None else None
    except re.error as exc:
        raise BadFollowPattern(f"--follow is not a valid regular expression: {exc}") from exc
    options = FetchOptions(
        out=out,
        delay=delay,
        user_agent=user_agent or default_user_agent(contact),
        concurrency=concurrency,
        timeout=timeout,
        retries=retries,
        max_bytes=max_bytes,
        follow=pattern,
        depth=depth,
        refresh=refresh,
        warc=warc,
        types=_types(types),
    )
    try:
        summary = fetch_urls(wanted, options, sitemaps=sitemap or ())
    except KeyboardInterrupt:
        typer.echo(
            f"extractor: interrupted; pages fetched so far are kept in {out}: run the same "
            "command again to resume",
            err=True,
        )
        raise typer.Exit(EXIT_INTERRUPTED) from None
    if not quiet:
        counts = ", ".join(f"{kind} {n}" for kind, n in summary.counts.items())
        typer.echo(f"{counts}; manifest: {summary.manifest}")
        for outcome in summary.outcomes:
            if outcome.kind in ("disallowed", "skipped", "failed"):
                typer.echo(f"{outcome.kind}: {outcome.url}: {outcome.reason}", err=True)
    if strict and summary.problems:
        raise typer.Exit(EXIT_STRICT)


def _types(value: str) -> tuple[str, ...]:
    """--types "html,pdf" -> ("html", "pdf"); a UsageError for an unknown kind."""
    kinds = tuple(dict.fromkeys(k.strip().lower() for k in value.split(",") if k.strip()))
    unknown = [k for k in kinds if k not in TYPES] or ([] if kinds else [value])
    if unknown:
        raise UsageError(f"unknown --types kind {unknown[0]!r}: choose among {', '.join(TYPES)}")
    return kinds
