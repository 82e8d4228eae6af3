"""Data files derived from other data and packages: written by `make data`, read at run time,
checked by tests/test_derived.py against what they derive from.

A table that a first page needs and that was computed at run time cost every process that loaded
it: the names of 46,000 GeoNames cities normalized (0.25 s), Faker's person names (80 provider
modules imported, 0.2 s), pycountry's subdivisions (0.1 s), every country's holiday calendars
(0.15 s). Each is written once into extractor/data/ by the function that derives it, and read
back in a few milliseconds. The test derives every file again and compares: a change to the code
or data a file derives from, or an upgraded package, fails it until `make data` writes the file
again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from extractor.dates import holidays
from extractor.entities import lexicon, places

DATA = Path(__file__).resolve().parent / "data"

# file in extractor/data/ -> the function that writes its text
FILES: dict[str, Callable[[], str]] = {
    holidays.NAMED_DAYS_FILE: holidays.named_days_text,
    places.CITY_KEYS_FILE: places.city_keys_text,
    places.POSTAL_FILE: places.postal_subdivisions_text,
    lexicon.PERSON_NAMES_FILE: lexicon.person_names_text,
}


def write(directory: Path = DATA) -> list[Path]:
    """Derive every file again into `directory`."""
    written = []
    for name, text in FILES.items():
        path = directory / name
        path.write_text(text(), encoding="utf-8", newline="\n")
        written.append(path)
    return written
