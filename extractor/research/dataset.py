"""What every run writes beside its records: orgs.jsonl, edges.jsonl and the dataset card.

Built from the committed documents.jsonl and sections.jsonl in two streaming passes (the
organizations of every document, then the mentions of every section), so it costs the same
whichever engine ran the stages, and an incremental run gets the same files as a full one.
The dataset card is `datapackage.json` (a Frictionless Data Package, each resource pointing at
its JSON Schema) and `DATASET.md`, for people.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, NamedTuple

from extractor.models import Manifest
from extractor.research.network import (
    OrgIndex,
    Span,
    corpus_orgs,
    document_span,
    org_names,
    section_edges,
)
from extractor.write import MANIFEST, publish, schema_texts, write_atomic

ORGS = "orgs.jsonl"
EDGES = "edges.jsonl"
DATAPACKAGE = "datapackage.json"
CARD = "DATASET.md"
SCHEMA_DIR = "schemas"
DERIVED_FILES = (ORGS, EDGES, DATAPACKAGE, CARD)
PROVENANCE_ROWS = 100  # inputs listed one by one in DATASET.md; all of them are in the records

# file -> (resource name, JSON Schema, what one line holds)
RESOURCES = {
    "documents.jsonl": ("documents", "document", "extracted page"),
    "sections.jsonl": ("sections", "section", "dated section of a page, in reading order"),
    "rejects.jsonl": ("rejects", "reject", "input that could not become a document, and why"),
    ORGS: ("orgs", "org", "organization across the corpus, with its aliases"),
    EDGES: ("edges", "edge", "pair of entities mentioned in one section"),
    MANIFEST: ("manifest", "manifest", "the run: counts, versions, model, configuration"),
}


@dataclass
class DatasetCounts:
    orgs: int = 0
    edges: Counter[str] = field(default_factory=Counter)


def write_dataset(out_dir: Path, inputs: Sequence[str] = ()) -> DatasetCounts:
    """Write orgs.jsonl, edges.jsonl, datapackage.json and DATASET.md into `out_dir`."""
    index = OrgIndex()
    spans: dict[str, Span] = {}
    sources: list[_Source] = []  # for the card's provenance
    for document in _lines(out_dir / "documents.jsonl"):
        index.add(document)
        sources.append(_Source.of(document["source"]))
        if not document.get("duplicate_of"):
            spans[document["doc_id"]] = document_span(document)
    ids = index.resolve()
    names = org_names(index, ids)
    aliases: dict[str, Counter[str]] = defaultdict(Counter)
    counts = DatasetCounts()
    with _AtomicLines(out_dir / EDGES) as edges:
        for section in _lines(out_dir / "sections.jsonl"):
            fallback = spans.get(section["doc_id"])
            if fallback is None:
                continue  # a duplicate document: its pairs are already counted
            for edge in section_edges(section, ids, names, fallback, aliases):
                edges.write(edge.model_dump_json())
                counts.edges[edge.kind] += 1
    with _AtomicLines(out_dir / ORGS) as lines:
        for org in corpus_orgs(index, ids, aliases):
            lines.write(org.model_dump_json())
            counts.orgs += 1
    schemas = out_dir / SCHEMA_DIR
    schemas.mkdir(exist_ok=True)
    for name, text in schema_texts().items():
        write_atomic(schemas / name, text + "\n")
    manifest = Manifest.model_validate_json((out_dir / MANIFEST).read_bytes())
    resources = [_resource(out_dir, name) for name in RESOURCES]
    package = _datapackage(out_dir, manifest, resources)
    write_atomic(out_dir / DATAPACKAGE, json.dumps(package, indent=2, ensure_ascii=False) + "\n")
    sources += [_Source.of(reject["source"]) for reject in _lines(out_dir / "rejects.jsonl")]
    card = _card(out_dir, manifest, resources, counts, inputs, sources)
    write_atomic(out_dir / CARD, card)
    return counts


def remove_dataset(out_dir: Path) -> None:
    """Delete the files this module writes (before the records they describe are replaced)."""
    for name in DERIVED_FILES:
        (out_dir / name).unlink(missing_ok=True)


def missing(out_dir: Path) -> bool:
    """Whether a completed run lacks any of the files this module writes."""
    return not all((out_dir / name).exists() for name in DERIVED_FILES)


def _lines(path: Path) -> Iterator[dict[str, Any]]:
    with path.open("rb") as handle:
        for line in handle:
            yield json.loads(line)


class _AtomicLines:
    """Lines streamed into a temporary file, renamed into place on a clean exit."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[str] = tempfile.NamedTemporaryFile(  # noqa: SIM115
            "w",
            encoding="utf-8",
            newline="\n",  # the same bytes on every system, as write_atomic writes them
            dir=path.parent,
            prefix=f".{path.name}.",
            suffix=".tmp",
            delete=False,
        )

    def write(self, line: str) -> None:
        self._handle.write(line + "\n")

    def __enter__(self) -> _AtomicLines:
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is None:
            self._handle.flush()
            os.fsync(self._handle.fileno())
        self._handle.close()
        if exc_type is None:
            publish(self._handle.name, self.path)
        else:
            Path(self._handle.name).unlink(missing_ok=True)


def _digest(path: Path) -> tuple[int, str, int]:
    """Bytes, sha256 and line count of a file."""
    digest = hashlib.sha256()
    size = lines = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
            lines += chunk.count(b"\n")
    return size, digest.hexdigest(), lines


def _resource(out_dir: Path, file: str) -> dict[str, Any]:
    name, schema, what = RESOURCES[file]
    size, sha256, lines = _digest(out_dir / file)
    jsonl = file.endswith(".jsonl")
    return {
        "name": name,
        "path": file,
        "format": "jsonl" if jsonl else "json",
        "mediatype": "application/jsonl" if jsonl else "application/json",
        "encoding": "utf-8",
        "bytes": size,
        "hash": f"sha256:{sha256}",
        "description": f"One line per {what}." if jsonl else what.capitalize() + ".",
        "jsonSchema": f"{SCHEMA_DIR}/{schema}.schema.json",
        "records": lines if jsonl else 1,
    }


def _datapackage(
    out_dir: Path, manifest: Manifest, resources: list[dict[str, Any]]
) -> dict[str, Any]:
    slug = re.sub(r"[^a-z0-9._-]+", "-", out_dir.resolve().name.lower()).strip("-") or "dataset"
    info = manifest.extractor
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": f"extractor-{slug}",
        "title": f"Organizations, countries and dates extracted from HTML reports ({slug})",
        "description": "Dated sections of HTML reports with the organizations (corpus-wide "
        "org_id), countries (ISO 3166-1) and dates (ISO 8601) they mention, and the pairs of "
        "entities that co-occur in a section. See DATASET.md.",
        "version": info.version,
        "keywords": ["organizations", "countries", "co-occurrence", "named entities"],
        "sources": [{"title": "HTML reports given to `extractor run` (see DATASET.md)"}],
        "contributors": [{"title": f"extractor {info.version}", "roles": ["creator"]}],
        "extractor": {
            "version": info.version,
            "model": info.model,
            "config_hash": info.config_hash,
            "run_key": manifest.run_key,
            "engine": manifest.engine,
        },
        "resources": resources,
    }


def _card(
    out_dir: Path,
    manifest: Manifest,
    resources: list[dict[str, Any]],
    counts: DatasetCounts,
    inputs: Sequence[str],
    sources: list[_Source],
) -> str:
    info = manifest.extractor
    run = manifest.counts
    rejects = ", ".join(f"{code} {n}" for code, n in manifest.rejects_by_error.items()) or "none"
    lines = [
        f"# Dataset: {out_dir.resolve().name}",
        "",
        f"Written by extractor {info.version} with the spaCy pipeline {info.model} "
        f"(configuration {info.config_hash}, run {manifest.run_key}, engine {manifest.engine}).",
        "Every file is JSON Lines (UTF-8), one record per line, with its JSON Schema in "
        "`schemas/`; `datapackage.json` describes them as a Frictionless Data Package.",
        "",
        "## Files",
        "",
        "| file | one line per | lines | bytes | sha256 |",
        "|---|---|---|---|---|",
    ]
    for resource in resources:
        what = RESOURCES[resource["path"]][2]
        lines.append(
            f"| `{resource['path']}` | {what} | {resource['records']} | {resource['bytes']} | "
            f"`{resource['hash'].removeprefix('sha256:')}` |"
        )
    edges = ", ".join(f"{kind} {n}" for kind, n in sorted(counts.edges.items())) or "none"
    lines += [
        "",
        "## Counts",
        "",
        f"- inputs {run.get('inputs', 0)}: documents {run.get('documents', 0)}, rejects "
        f"{run.get('rejects', 0)} ({rejects})",
        f"- sections {run.get('sections', 0)}",
        f"- organizations across the corpus {counts.orgs}",
        f"- edges {sum(counts.edges.values())} ({edges})",
        "",
        "## Provenance",
        "",
        "Inputs as given: " + (", ".join(f"`{arg}`" for arg in inputs) or "(not recorded)"),
        "",
    ]
    lines += _provenance(sources)
    return "\n".join(lines) + "\n"


class _Source(NamedTuple):
    """What the card says of an input: a tuple, not the record's dict (a corpus has many)."""

    path: str | None
    url: str | None
    sha256: str | None
    warc_offset: int | None

    @classmethod
    def of(cls, source: dict[str, Any]) -> _Source:
        return cls(source["path"], source["url"], source["sha256"], source.get("warc_offset"))


def _provenance(sources: list[_Source]) -> list[str]:
    """Every input (documents first, then rejects): a combined hash and the first rows."""
    combined = hashlib.sha256()
    for source in sorted(sources, key=lambda s: (s.path or "", s.url or "")):
        combined.update(f"{source.path}\t{source.url}\t{source.sha256}\n".encode())
    lines = [
        f"{len(sources)} inputs; sha256 over their (path, URL, sha256) lines, sorted: "
        f"`{combined.hexdigest()}`.",
        "",
        "| path | URL | sha256 |",
        "|---|---|---|",
    ]
    for source in sources[:PROVENANCE_ROWS]:
        where = source.path or ""
        if source.warc_offset is not None:
            where += f" @ {source.warc_offset}"
        url, sha256 = source.url or "", source.sha256 or ""
        lines.append(f"| {_cell(where)} | {_cell(url)} | {sha256} |")
    if len(sources) > PROVENANCE_ROWS:
        lines.append(
            f"| ... {len(sources) - PROVENANCE_ROWS} more: see `source` in documents.jsonl and "
            "rejects.jsonl | | |"
        )
    return lines


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")
