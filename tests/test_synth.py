"""The synthetic page generator of the benchmark: deterministic, valid gold, pages that parse.

No timing here: speed is measured by `make bench`, never asserted in tests.
"""

from __future__ import annotations

import datetime as dt
import re

import pycountry
import pytest
from bs4 import BeautifulSoup

from benchmarks import synth
from extractor.evaluate.dev import Gold, normalize

ISO_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}-\d{2}-\d{2})?$")
PAGES = [synth.generate_page(i, seed=3) for i in range(120)]


def _main_text(page: synth.SynthPage) -> str:
    soup = BeautifulSoup(page.html, "lxml")
    main = soup.find("main") or soup.find("article") or soup.find(class_="contents-inner")
    assert main is not None
    return " ".join(main.get_text(" ").split())


def test_synth_page_is_the_same_for_a_seed_and_index():
    assert synth.generate_page(7, seed=1) == synth.generate_page(7, seed=1)
    assert list(synth.generate(10, seed=1))[7] == synth.generate_page(7, seed=1)


def test_synth_seeds_and_indexes_give_different_pages():
    assert synth.generate_page(7, seed=1).html != synth.generate_page(7, seed=2).html
    assert len({p.html for p in PAGES}) == len(PAGES)
    assert len({p.name for p in PAGES}) == len(PAGES)


def test_synth_corpus_is_byte_identical_across_runs(tmp_path):
    first = synth.write_corpus(6, tmp_path / "a", seed=4).parent
    second = synth.write_corpus(6, tmp_path / "b", seed=4).parent
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert len(files) == 12  # docs/*.html and gold/*.json
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes()


@pytest.mark.parametrize("page", PAGES[:40], ids=lambda p: p.name)
def test_synth_gold_validates_as_dev_gold(page):
    gold = Gold.model_validate(page.gold)
    assert gold.doc == page.name
    assert gold.period is not None and gold.period.start <= gold.period.end
    for value in [*gold.dates, *gold.dates_optional]:
        assert ISO_VALUE.match(value), value
    for code in gold.countries:
        assert pycountry.countries.get(alpha_2=code) is not None, code
    for section in gold.sections:
        assert (section.start is None) == (section.end is None)
        if section.start:
            assert dt.date.fromisoformat(section.start) <= dt.date.fromisoformat(section.end)
            assert f"{section.start}/{section.end}" in gold.dates or section.start in gold.dates


@pytest.mark.parametrize("page", PAGES[:40], ids=lambda p: p.name)
def test_synth_gold_names_what_the_main_content_says(page):
    text = normalize(_main_text(page))
    soup = BeautifulSoup(page.html, "lxml")
    assert normalize(soup.find("h1").get_text()) == normalize(page.gold["title"])
    for section in page.gold["sections"]:
        assert normalize(section["heading"]) in text
    for org in page.gold["orgs"]:
        assert normalize(org["name"]) in text
        assert org["acronym"] is None or org["acronym"] in _main_text(page)


def test_synth_pages_parse_and_cover_every_layout():
    seen: set[str] = set()
    for page in PAGES:
        soup = BeautifulSoup(page.html, "lxml")
        assert soup.find("h1") is not None and soup.find("body") is not None
        checks = {
            "main": soup.find("main") is not None,
            "no main or article": soup.find("main") is None and soup.find("article") is None,
            "h2 headings": soup.find("h2") is not None,
            "bold headings": soup.select_one("p > strong, p > b") is not None,
            "dl sessions": soup.select_one("dl.sessions") is not None,
            "fact box": soup.select_one("dl.facts") is not None,
            "schedule table": soup.select_one("table.schedule") is not None,
            "cookie banner": soup.select_one(".cookie-notice") is not None,
            "sidebar": "Related reports" in soup.get_text(),
            "footer": soup.find("footer") is not None,
            "fiscal year": page.gold["title"].startswith("FY"),
            "numbered heading": any(
                re.match(r"^(\d+[.-]|\(\d+\))", s["heading"]) for s in page.gold["sections"]
            ),
            "dated heading": any(s["start"] for s in page.gold["sections"]),
            "range": any("/" in d for d in page.gold["dates"]),
            "acronym first": _acronym_first(page),
            "official country name": "Republic of" in _main_text(page),
            "org without acronym": any(o["acronym"] is None for o in page.gold["orgs"]),
            "crosses new year": page.gold["period"]["start"][:4] != page.gold["period"]["end"][:4],
        }
        seen |= {name for name, found in checks.items() if found}
    assert seen == set(checks)


def _acronym_first(page: synth.SynthPage) -> bool:
    text = _main_text(page)
    return any(
        o["acronym"] and f"{o['acronym']} (" in text and o["name"] != o["acronym"]
        for o in page.gold["orgs"]
    )


@pytest.mark.parametrize(
    ("a", "b", "style", "year", "expected"),
    [
        ((2025, 3, 5), (2025, 3, 7), "dmy", True, "5 to 7 March 2025"),
        ((2025, 3, 5), (2025, 3, 7), "ord", True, "5th to 7th March 2025"),
        ((2024, 10, 22), (2024, 11, 21), "mdy", True, "October 22 to November 21, 2024"),
        ((2022, 12, 5), (2023, 1, 27), "mdy", True, "December 5, 2022 to January 27, 2023"),
        ((2024, 11, 5), (2024, 11, 12), "mdy", False, "November 5 to 12"),
        ((2024, 11, 5), (2024, 11, 5), "abbr", True, "Nov. 5, 2024"),
        ((2024, 12, 10), (2024, 12, 10), "slash", True, "2024/12/10"),
    ],
)
def test_synth_dates_are_written_as_reports_write_them(a, b, style, year, expected):
    assert synth.range_text(dt.date(*a), dt.date(*b), style, year=year) == expected


def test_synth_weekday_matches_the_calendar():
    assert synth.day_text(dt.date(2024, 11, 5), "abbr", year=True, weekday=True) == (
        "Nov. 5, 2024 (Tue)"
    )


def test_synth_cli_writes_docs_and_gold(tmp_path, capsys):
    synth.main(["3", str(tmp_path), "--seed", "2"])
    assert len(list((tmp_path / "docs").glob("*.html"))) == 3
    assert len(list((tmp_path / "gold").glob("*.json"))) == 3
    assert "wrote 3 pages" in capsys.readouterr().out
