"""The record models: validation rules and the committed JSON Schemas."""

from __future__ import annotations

from typing import get_args

import pytest
from pydantic import ValidationError

from extractor.errors import document_errors
from extractor.models import (
    DateMention,
    DateSpan,
    OrgMention,
    Reject,
    RejectCode,
    Section,
    Source,
)
from extractor.write import stale_schemas

from .conftest import ROOT


def test_committed_schemas_match_the_models():
    assert stale_schemas(ROOT / "schemas") == [], "schemas/ is stale: run `make schemas`"


@pytest.mark.parametrize("value", ["2024-11-05", "2024-11", "2024", "2024-11-05/2024-11-12"])
def test_date_values_accept_iso_days_months_years_and_intervals(value):
    assert DateMention(text="x", start=0, end=1, source="grammar", value=value).value == value


@pytest.mark.parametrize("value", ["5 Nov 2024", "2024/11/05", "24-11-05", "2024-11-05/"])
def test_date_values_reject_anything_else(value):
    with pytest.raises(ValidationError):
        DateMention(text="x", start=0, end=1, source="grammar", value=value)


def test_date_span_end_before_start_is_invalid():
    with pytest.raises(ValidationError, match="before start"):
        DateSpan(start="2024-11-12", end="2024-11-05", text="x")


def test_mention_offsets_must_fit_its_text():
    with pytest.raises(ValidationError, match="do not fit"):
        OrgMention(
            text="JICA", start=0, end=3, source="model", name="JICA", confidence=0.9, evidence=[]
        )


def _section(text: str, mentions: list) -> Section:
    return Section(
        doc_id="d", index=0, heading=None, level=0, path=[], date=None, text=text, entities=mentions
    )


def test_section_mentions_must_sit_at_their_offsets():
    mention = OrgMention(
        text="JICA",
        start=4,
        end=8,
        source="model",
        name="JICA",
        confidence=0.9,
        evidence=["acronym"],
    )
    assert _section("The JICA", [mention]).entities == [mention]
    with pytest.raises(ValidationError, match="is not at"):
        _section("JICA and", [mention])


def test_unknown_fields_are_rejected():
    with pytest.raises(ValidationError):
        DateSpan(start="2024", end="2024", text="2024", note="extra")


def test_the_reject_schema_lists_exactly_the_codes_of_the_named_errors():
    codes = [kind.code for kind in document_errors()]
    assert len(codes) == len(set(codes)), "two document errors share a code"
    assert set(get_args(RejectCode)) == set(codes)


def test_a_reject_with_an_unknown_code_is_invalid():
    source = Source(path="a.html", url=None, sha256=None, encoding=None, bytes=0)
    Reject(source=source, stage="load", error="empty_input", message="no bytes")
    with pytest.raises(ValidationError):
        Reject(source=source, stage="load", error="oops", message="no bytes")


def test_an_unknown_engine_or_format_is_a_usage_error_naming_the_choices():
    from extractor.errors import UnknownChoice
    from extractor.research.export import format_rows
    from extractor.run.options import Engine, RunOptions

    assert RunOptions(engine="dask").engine is Engine.dask
    with pytest.raises(UnknownChoice, match="unknown engine 'spark': choose one of local, dask"):
        RunOptions(engine="spark")
    with pytest.raises(UnknownChoice, match="unknown format 'xml': choose one of table, csv, json"):
        format_rows(None, "xml")
