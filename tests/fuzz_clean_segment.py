"""Coverage-guided fuzzing (atheris) of the clean (or PDF) and segment stages: `make fuzz`.

    python tests/fuzz_clean_segment.py [libFuzzer options] [CORPUS_DIR ...]

Each input is bytes as a scrape would store them; it goes through decode, clean (or, for a PDF,
the PDF stage) and segment. A named DocumentError (not HTML, no content, ...) or RecursionError (the pipeline turns it into a
`too_deep` reject) is an expected outcome; any other exception is a bug, and libFuzzer saves the
input that raised it (crash-<sha1>) in the working directory. The seed corpus is corpora/ and
the pages and PDFs of tests/data, copied into the first CORPUS_DIR by `make fuzz`.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from extractor import errors
    from extractor.inputs import load
    from extractor.pipeline import clean_decoded
    from extractor.sections.segment import segment
    from extractor.settings import Settings

MAX_BYTES = 2_000_000
SETTINGS = Settings(max_bytes=MAX_BYTES, max_pages=50)


def test_one_input(data: bytes) -> None:
    raw = load.RawDocument(ref=load.InputRef("<fuzz>"), data=data, sha256="0" * 64)
    try:
        page = segment(clean_decoded(load.decode(raw, MAX_BYTES), SETTINGS))
    except (errors.DocumentError, RecursionError):
        return
    for section in page.sections:  # what assemble relies on
        assert all(0 <= s <= e <= len(section.text) for s, e, _ in section.blocks), section
        if section.date is not None and section.heading is not None:
            assert section.heading[section.date.start : section.date.end] == section.date.text


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
