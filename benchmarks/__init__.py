"""Benchmarks: synthetic corpora, a naive baseline and the speed/accuracy run (`make bench`)."""
