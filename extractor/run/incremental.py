"""`--incremental`: reuse an earlier run's records for the inputs that have not changed.

An input's earlier record is reused when the earlier run saw the same path (and URL) with the
same bytes (sha256), and the record was produced by the same extractor version, model and
configuration (a document's `extractor` field; for rejects, the earlier manifest's). Rejects are
reused only for reasons that depend on the bytes alone (an empty file, a PDF); a time-out, a
size limit, a failed read or a dead worker is tried again. Everything else is extracted again,
inputs that are gone are dropped (only the current inputs are planned), and duplicates are marked
anew over the whole run: the result equals a full run.

The earlier output is indexed, not loaded: documents and rejects by path, sections by the byte
offsets of their lines, read back when a document is reused.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

from pydantic import ValidationError

from extractor.errors import (
    BadCompression,
    BadPdf,
    DocumentError,
    EmptyInput,
    EncryptedPdf,
    NoContent,
    NoTextLayer,
    NotHtml,
    ParseFailed,
    TooDeep,
)
from extractor.inputs import load
from extractor.models import Document, Extraction, ExtractorInfo, Manifest, Reject, Section, Source
from extractor.settings import DEFAULT_MAX_BYTES
from extractor.write import MANIFEST

LOGGER = logging.getLogger(__name__)

# Rejects that the same bytes always get again (a limit's rejects depend on the run's limits).
REUSABLE_REJECTS = frozenset(
    kind.code
    for kind in (
        EmptyInput,
        NotHtml,
        BadCompression,
        NoContent,
        ParseFailed,
        TooDeep,
        EncryptedPdf,
        NoTextLayer,
        BadPdf,
    )
)
_READ_CHUNK = 1 << 20


class PreviousRun:
    """The records of the run in `out_dir`, ready to be reused by the run described by `info`."""

    def __init__(self, out_dir: Path, info: ExtractorInfo, max_bytes: int = DEFAULT_MAX_BYTES):
        self.info = info
        self.max_bytes = max_bytes
        self.sections_path = out_dir / "sections.jsonl"
        self.documents: dict[_Key, Document] = {}
        self.rejects: dict[_Key, Reject] = {}
        self.section_lines: dict[str, list[tuple[int, int]]] = {}
        self.reused = 0
        if not (out_dir / MANIFEST).exists():
            return  # no completed run here: nothing to reuse
        try:
            manifest = Manifest.model_validate_json((out_dir / MANIFEST).read_bytes())
            same_run = manifest.extractor == info
            for document in _records(out_dir / "documents.jsonl", Document):
                self.documents[_key(document.source)] = document
            if same_run:
                for reject in _records(out_dir / "rejects.jsonl", Reject):
                    if reject.error in REUSABLE_REJECTS and reject.source.sha256:
                        self.rejects[_key(reject.source)] = reject
            self.section_lines = _section_index(self.sections_path)
        except (OSError, ValueError) as exc:
            LOGGER.warning("cannot reuse the earlier output in %s (%s): full run", out_dir, exc)
            self.documents, self.rejects, self.section_lines = {}, {}, {}

    def reusable(self, ref: load.InputRef) -> Extraction | Reject | None:
        """The earlier result of `ref`, if its bytes and the extractor are unchanged."""
        key = _key(ref)
        document, reject = self.documents.get(key), self.rejects.get(key)
        if document is None and reject is None:
            return None
        if document is not None and document.extractor != self.info:
            return None
        sha256 = _sha256(ref, self.max_bytes)
        if document is not None and document.source.sha256 == sha256:
            self.reused += 1
            fresh = document.model_copy(update={"duplicate_of": None})  # marked anew
            return Extraction(document=fresh, sections=self._sections(document.doc_id))
        if reject is not None and reject.source.sha256 == sha256:
            self.reused += 1
            return reject
        return None

    def _sections(self, doc_id: str) -> list[Section]:
        sections = []
        with self.sections_path.open("rb") as handle:
            for offset, length in self.section_lines.get(doc_id, []):
                handle.seek(offset)
                sections.append(Section.model_validate_json(handle.read(length)))
        return sections


def _records(path: Path, model: type[Document] | type[Reject]) -> list:
    records = []
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                records.append(model.model_validate_json(line))
            except ValidationError as exc:
                raise ValueError(f"{path}:{number} is not a valid record") from exc
    return records


def _section_index(path: Path) -> dict[str, list[tuple[int, int]]]:
    """doc_id -> (offset, length) of each of its lines in sections.jsonl, in file order."""
    index: dict[str, list[tuple[int, int]]] = {}
    offset = 0
    with path.open("rb") as handle:
        for line in handle:
            doc_id = json.loads(line)["doc_id"]
            index.setdefault(doc_id, []).append((offset, len(line)))
            offset += len(line)
    return index


_Key = tuple[str | None, str | None, int | None]


def _key(item: Source | load.InputRef) -> _Key:
    """Where an input was read: its path (none for a failed URL), URL and WARC offset."""
    return (item.path or None, item.url, item.warc_offset)


def _sha256(ref: load.InputRef, max_bytes: int) -> str | None:
    if ref.problem is not None or not ref.path:
        return None
    if ref.warc_offset is not None:
        try:
            return load.read(ref, max_bytes).sha256
        except DocumentError:
            return None
    path = ref.path
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(_READ_CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()
