"""The output formats of `extractor query` and `extractor export`: one list, which the library
checks and the command line offers (this module imports nothing heavy, so `--help` stays fast)."""

from __future__ import annotations

from enum import StrEnum


class QueryFormat(StrEnum):
    """How `extractor query` prints its rows."""

    table = "table"
    csv = "csv"
    json = "json"


class ExportFormat(StrEnum):
    """What `extractor export` writes: the views as files, or the entity network."""

    parquet = "parquet"
    csv = "csv"
    graphml = "graphml"
