"""Shards: the results of one batch of inputs in a file of their own, merged later in order.

An engine that extracts batches out of order, on other machines or across interrupted runs writes
each batch's results to a shard and lets one driver merge the shards, in batch order, into the
output files. Shards live in a hidden work directory inside the output directory (`OUT/.shards`).

A shard, `part-000012.jsonl`, holds one JSON line per input of its batch, in input order, tagged
with what it holds, then a closing line that seals it:

    {"extraction": {"document": {...}, "sections": [...]}}
    {"reject": {...}}
    {"end": {"format": 1, "index": 12, "count": 2, "key": "3f0c9a6e1b2d4c5f"}}

A shard is written to a hidden temporary file and renamed into place, so a shard that exists is
whole. The seal says which batch it holds: `key` hashes the batch's inputs with what produces
the results (extractor version, model, config hash), so a shard is reusable only by the same
batch of the same run configuration. That is what a resumed run needs: plan the batches again
(discovery is sorted and the batch size fixed, so the plan is the same), skip those in
`complete_shards`, extract the rest, and read every shard back in order (tasks.py). Nothing
here depends on how batches are run.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from extractor.errors import ShardError
from extractor.inputs import load
from extractor.models import Extraction, Reject

LOGGER = logging.getLogger(__name__)

SHARD_DIR = ".shards"
# Bump when the line format changes: a shard of another format is not complete for this code.
SHARD_FORMAT = 1
# The seal is one short line; reading this much of a shard's tail always holds it whole.
_TAIL_BYTES = 4096


@dataclass(frozen=True)
class Batch:
    """Inputs extracted together and written to one shard; `key` identifies it across runs."""

    index: int
    refs: tuple[load.InputRef, ...]
    key: str

    @property
    def name(self) -> str:
        return f"part-{self.index:06d}.jsonl"


@dataclass(frozen=True)
class ShardInfo:
    """What writing a shard produced: small enough to send back from a worker."""

    index: int
    path: str
    inputs: int
    documents: int
    rejects: int


class ShardEnd(BaseModel):
    """The closing line of a shard."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: int
    index: int
    count: int
    key: str


class _Line(BaseModel):
    """One line of a shard: exactly one of the fields is set."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    extraction: Extraction | None = None
    reject: Reject | None = None
    end: ShardEnd | None = None


def plan(refs: Sequence[load.InputRef], size: int, salt: str) -> list[Batch]:
    """Cut `refs` into batches of `size`, in order, the last ones smaller (`batch_sizes`);
    `salt` names what produces the results."""
    batches: list[Batch] = []
    start = 0
    for length in batch_sizes(len(refs), size):
        chunk = tuple(refs[start : start + length])
        batches.append(Batch(index=len(batches), refs=chunk, key=batch_key(chunk, salt)))
        start += length
    return batches


# In a run of more than TAPER batches, the last TAPER * size inputs are cut into smaller and
# smaller batches, down to a TAPER-th of `size`, so that the workers that take the last ones
# finish closer together (with batches of 16 pages, one of two workers waited 0.4 s for the
# other at the end of a run).
TAPER = 4


def batch_sizes(count: int, size: int) -> list[int]:
    """The lengths of the batches of `count` inputs: `size`, then, over the last TAPER * size
    inputs of a longer run, a TAPER-th of what is left, never under size // TAPER."""
    if count <= TAPER * size:
        return [size] * (count // size) + ([count % size] if count % size else [])
    smallest = max(1, size // TAPER)
    lengths = []
    left = count
    while left > 0:
        length = min(size, left, max(smallest, -(-left // TAPER)))
        lengths.append(length)
        left -= length
    return lengths


def batch_key(refs: Sequence[load.InputRef], salt: str) -> str:
    """A short hash of the batch's inputs (paths and URLs, in order) and of `salt`."""
    digest = hashlib.sha256(salt.encode())
    for ref in refs:
        digest.update(f"\n{ref.key}".encode())
    return digest.hexdigest()[:16]


def shard_dir(out_dir: Path) -> Path:
    return out_dir / SHARD_DIR


def reset(directory: Path) -> None:
    """Start an empty shard directory (until resuming reuses what an earlier run left)."""
    remove(directory)
    directory.mkdir(parents=True)


def keep(directory: Path) -> None:
    """Resume in `directory`: keep its shards, drop the temporary files of unfinished ones."""
    directory.mkdir(parents=True, exist_ok=True)
    for leftover in directory.glob(".part-*.tmp"):
        leftover.unlink(missing_ok=True)


def remove(directory: Path) -> None:
    """Delete the shard directory once the merged output is committed."""
    shutil.rmtree(directory, ignore_errors=True)


def write_shard(directory: Path, batch: Batch, results: Iterable[Extraction | Reject]) -> ShardInfo:
    """Write `batch`'s results (one per input, in input order) as a sealed shard, atomically.

    A failure midway leaves no shard and no temporary file behind.
    """
    counts = {"documents": 0, "rejects": 0}
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed below, or on failure)
        "w", encoding="utf-8", dir=directory, prefix=f".{batch.name}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            for result in results:
                if isinstance(result, Reject):
                    handle.write('{"reject":' + result.model_dump_json() + "}\n")
                    counts["rejects"] += 1
                else:
                    handle.write('{"extraction":' + result.model_dump_json() + "}\n")
                    counts["documents"] += 1
            count = counts["documents"] + counts["rejects"]
            if count != len(batch.refs):
                raise ShardError(f"batch {batch.index} gave {count} results for {len(batch.refs)}")
            end = ShardEnd(format=SHARD_FORMAT, index=batch.index, count=count, key=batch.key)
            handle.write('{"end":' + end.model_dump_json() + "}\n")
            handle.flush()
            os.fsync(handle.fileno())
        path = directory / batch.name
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    return ShardInfo(index=batch.index, path=str(path), inputs=count, **counts)


def read_shard(directory: Path, batch: Batch) -> Iterator[Extraction | Reject]:
    """The results of `batch` from its shard, in input order; ShardError if it is not whole.

    The seal is checked before the first result is yielded.
    """
    path = directory / batch.name
    _check_end(path, batch)
    count = 0
    try:
        with path.open(encoding="utf-8") as handle:
            for number, text in enumerate(handle, start=1):
                line = _parse(text, path, number)
                if line.end is not None:
                    break
                count += 1
                result = line.extraction or line.reject
                assert result is not None
                yield result
    except OSError as exc:
        raise ShardError(f"cannot read shard {path}: {exc.strerror or exc}") from exc
    if count != len(batch.refs):
        raise ShardError(f"shard {path} holds {count} results, its seal says {len(batch.refs)}")


def complete_shards(directory: Path, batches: Iterable[Batch]) -> list[int]:
    """Indexes of the planned batches whose shard exists, is sealed and holds that batch."""
    complete = []
    for batch in batches:
        try:
            _check_end(directory / batch.name, batch)
        except ShardError as exc:
            LOGGER.debug("%s", exc)
            continue
        complete.append(batch.index)
    return complete


def complete_count(directory: Path) -> int:
    """How many sealed shard files `directory` holds (whatever run they belong to)."""
    count = 0
    for path in directory.glob("part-*.jsonl"):
        try:
            _end_of(path)
        except ShardError:
            continue
        count += 1
    return count


def _check_end(path: Path, batch: Batch) -> None:
    end = _end_of(path)
    expected = ShardEnd(
        format=SHARD_FORMAT, index=batch.index, count=len(batch.refs), key=batch.key
    )
    if end != expected:
        raise ShardError(f"shard {path} holds another batch or format ({end} != {expected})")


def _end_of(path: Path) -> ShardEnd:
    """The shard's seal, read from its tail without reading the records before it."""
    try:
        with path.open("rb") as handle:
            size = handle.seek(0, os.SEEK_END)
            handle.seek(max(0, size - _TAIL_BYTES))
            tail = handle.read()
    except OSError as exc:
        raise ShardError(f"cannot read shard {path}: {exc.strerror or exc}") from exc
    lines = tail.rstrip(b"\n").rsplit(b"\n", 1)
    line = _parse(lines[-1].decode("utf-8", errors="replace"), path, None)
    if line.end is None:
        raise ShardError(f"shard {path} is not sealed (its last line is not an end line)")
    return line.end


def _parse(text: str, path: Path, number: int | None) -> _Line:
    where = f"{path}:{number}" if number is not None else f"the end of {path}"
    try:
        line = _Line.model_validate_json(text)
    except ValidationError as exc:
        raise ShardError(f"bad line at {where}: {exc.error_count()} validation errors") from exc
    if sum(value is not None for value in (line.extraction, line.reject, line.end)) != 1:
        raise ShardError(f"bad line at {where}: expected one of extraction, reject, end")
    return line
