"""Polite fetching: `crawl` is the `extractor fetch` command (URLs, sitemaps or a listing page
-> a corpus directory); `http`, `polite`, `links`, `store` and `types` are its parts.

This package module imports nothing, so that what needs only the small `types` module (the
command line's options) does not load the HTTP client.
"""
