"""After a run: corpus-wide organizations and edges (network), the dataset card, the
DuckDB views, exports and the HTML report page (report, svg)."""
