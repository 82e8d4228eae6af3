"""Running a corpus: the driver, its plan of shards, the local worker pool (workers),
the Dask engine (cluster), resumable and incremental runs, per-document limits."""
