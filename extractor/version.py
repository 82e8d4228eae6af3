"""The package's version: one place, read by pyproject.toml, the manifest and the fetcher's
user agent. Its own module, so that no part of the package imports the package's facade."""

__version__ = "0.1.0"
