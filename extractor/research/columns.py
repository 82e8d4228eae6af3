"""The DuckDB types of the JSON Lines files, derived from the pydantic records that write them:
the models stay the one source of truth, so a field added to a record reaches the views' raw
tables without a second spelling here (tests/test_query.py checks the views against them)."""

from __future__ import annotations

import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from extractor.models import CorpusOrg, Document, Edge, Reject, Section
from extractor.research.dataset import EDGES, ORGS

# The record behind each file an output directory holds.
RECORDS: dict[str, type[BaseModel]] = {
    "documents.jsonl": Document,
    "sections.jsonl": Section,
    "rejects.jsonl": Reject,
    ORGS: CorpusOrg,
    EDGES: Edge,
}
# Integers that can pass 2**31: sizes and offsets in bytes. Every other count fits an INTEGER.
BIGINT_FIELDS = frozenset({"bytes", "warc_offset"})
_SCALARS = {str: "VARCHAR", bool: "BOOLEAN", float: "DOUBLE"}


def columns(record: type[BaseModel]) -> dict[str, str]:
    """Column name -> DuckDB type for the top-level fields of `record`."""
    return {name: duckdb_type(field.annotation, name) for name, field in _fields(record)}


def _fields(record: type[BaseModel]) -> list[tuple[str, Any]]:
    return [(field.alias or name, field) for name, field in record.model_fields.items()]


def duckdb_type(annotation: Any, name: str = "") -> str:
    """The DuckDB type that holds the JSON values of the field `name` annotated `annotation`."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return duckdb_type(get_args(annotation)[0], name)
    if origin in (Union, types.UnionType):
        members = [a for a in get_args(annotation) if a is not type(None)]
        if len(members) == 1:
            return duckdb_type(members[0], name)
        if all(_is_record(m) for m in members):  # a tagged union of records: one wide struct
            return _struct(_merged_fields(members))
        raise TypeError(f"no DuckDB type for the union {annotation!r}")
    if origin is Literal:
        kinds = {type(value) for value in get_args(annotation)}
        if kinds == {str}:
            return "VARCHAR"
        raise TypeError(f"no DuckDB type for {annotation!r}")
    if origin is list:
        return f"{duckdb_type(get_args(annotation)[0], name)}[]"
    if _is_record(annotation):
        return _struct(_fields(annotation))
    if annotation is int:
        return "BIGINT" if name in BIGINT_FIELDS else "INTEGER"
    if annotation in _SCALARS:
        return _SCALARS[annotation]
    raise TypeError(f"no DuckDB type for {annotation!r}")


def _is_record(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _merged_fields(records: list[type[BaseModel]]) -> list[tuple[str, Any]]:
    """The fields of every member, each once, in order of first appearance."""
    merged: dict[str, Any] = {}
    for record in records:
        for name, field in _fields(record):
            merged.setdefault(name, field)
    return list(merged.items())


def _struct(fields: list[tuple[str, Any]]) -> str:
    members = ", ".join(f'"{name}" {duckdb_type(f.annotation, name)}' for name, f in fields)
    return f"STRUCT({members})"
