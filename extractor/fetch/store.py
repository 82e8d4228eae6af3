"""The corpus directory `extractor fetch` writes: bodies, sidecars and fetch-manifest.json.

A body is written before its sidecar, so a sidecar marks a complete page; every file goes in
through a temporary file and a rename.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from extractor.fetch.types import OUTCOMES, FetchOptions, Outcome
from extractor.version import __version__
from extractor.write import write_atomic

MANIFEST = "fetch-manifest.json"


def stored_page(html_path: Path, json_path: Path) -> tuple[dict[str, Any], bytes] | None:
    """The sidecar and body of a complete earlier fetch, or None (absent, partial, corrupt)."""
    try:
        sidecar = json.loads(json_path.read_text(encoding="utf-8"))
        body = html_path.read_bytes()
    except (OSError, ValueError):
        return None
    if not isinstance(sidecar, dict) or not isinstance(sidecar.get("headers"), dict):
        return None
    if sidecar.get("sha256") != hashlib.sha256(body).hexdigest():
        return None
    return sidecar, body


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def write_manifest(
    path: Path, outcomes: Iterable[Outcome], options: FetchOptions, started: str, complete: bool
) -> None:
    listed: dict[str, list[dict[str, str | None]]] = {kind: [] for kind in OUTCOMES}
    for outcome in sorted(outcomes, key=lambda o: o.url):
        entry: dict[str, str | None] = {"url": outcome.url}
        entry |= {"file": outcome.file} if outcome.file else {"reason": outcome.reason}
        if outcome.media_type:
            entry["media_type"] = outcome.media_type
        listed[outcome.kind].append(entry)
    manifest = {
        "extractor_version": __version__,
        "started_at": started,
        "finished_at": now(),
        "complete": complete,
        "settings": {
            "delay": options.delay,
            "user_agent": options.user_agent,
            "concurrency": options.concurrency,
            "timeout": options.timeout,
            "retries": options.retries,
            "max_bytes": options.max_bytes,
            "types": list(options.types),
            "follow": options.follow.pattern if options.follow else None,
            "depth": options.depth,
            "refresh": options.refresh,
            "warc": str(options.warc) if options.warc else None,
        },
        "counts": {kind: len(entries) for kind, entries in listed.items()},
        **listed,
    }
    write_atomic(path, json.dumps(manifest, indent=1) + "\n")


def not_html_before(path: Path) -> dict[str, str]:
    """URL -> reason, for the pages an earlier fetch-manifest.json lists as not HTML."""
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        skipped = manifest.get("skipped", [])
        return {
            entry["url"]: entry["reason"].removesuffix(" (an earlier fetch)")
            for entry in skipped
            if str(entry.get("reason", "")).startswith("content type ")
        }
    except (OSError, ValueError, AttributeError, TypeError, KeyError):
        return {}
