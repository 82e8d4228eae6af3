"""extractor: HTML reports -> dated sections, organizations, countries, ISO dates (JSON Lines)."""

from __future__ import annotations

from extractor.version import __version__

__all__ = ["__version__", "extract_html", "extract_many"]


def __getattr__(name: str):  # lazy: importing the package must not import spaCy
    if name in ("extract_html", "extract_many"):
        from extractor import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
