"""The data files extractor/derived.py writes are what their sources give now, and a run reads
them instead of deriving them again."""

from __future__ import annotations

import pytest

from extractor import derived


@pytest.mark.parametrize("name", sorted(derived.FILES))
def test_a_derived_file_is_what_its_sources_give_now(name: str) -> None:
    from extractor.entities.lexicon import entries

    written = entries((derived.DATA / name).read_text(encoding="utf-8"))
    assert written, f"{name} is empty"
    assert written == entries(derived.FILES[name]()), f"{name} is stale: run `make data`"


def test_the_tables_read_back_are_those_derived() -> None:
    from extractor.entities import countries, lexicon, places

    names = lexicon.person_names()
    assert names == lexicon._faker_person_names()
    assert len(names.given) > 15_000 and len(names.surnames) > 15_000
    assert "moussa" in names.given and "smith" in names.surnames
    cities = {countries.normalize(n) for _, (n, _) in lexicon.read_rows(places.CITIES_FILE, 2)}
    assert places._cities() == cities
    assert {"AZ", "ON", "WA"} <= places.postal_subdivisions()


def test_a_run_reads_the_derived_files_without_importing_their_sources() -> None:
    from tests.conftest import modules_imported

    code = (
        "from extractor.entities import lexicon, places\n"
        "from extractor.dates import holidays\n"
        "lexicon.person_names(); places.is_city('Skopje'); places.postal_subdivisions()\n"
        "assert holidays.day_of('Thanksgiving', 2024).isoformat() == '2024-11-28'"
    )
    assert modules_imported(code, ("faker", "holidays")) == []
