"""The record contract end to end: conservation, determinism, ids, atomic files, the library API."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor import extract_html
from extractor.errors import NoContent, NotHtml
from extractor.models import Document, Reject, Section
from extractor.research.dataset import DERIVED_FILES, SCHEMA_DIR
from extractor.run.driver import run_corpus
from extractor.run.options import RunOptions
from extractor.write import MANIFEST, OUTPUT_FILES, RunWriter

from .conftest import CORPORA


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_every_input_is_one_document_or_one_reject(mixed_inputs, tmp_path, pipeline):
    out = tmp_path / "out"
    summary = run_corpus([str(mixed_inputs)], out, options=RunOptions(progress=False))
    documents = _lines(out / "documents.jsonl")
    rejects = _lines(out / "rejects.jsonl")
    assert summary.counts["inputs"] == 5
    assert len(documents) + len(rejects) == 5
    paths = sorted(
        [d["source"]["path"] for d in documents] + [r["source"]["path"] for r in rejects]
    )
    assert paths == sorted(str(p) for p in mixed_inputs.iterdir())
    assert {r["error"] for r in rejects} == {"empty_input", "not_html", "no_content"}
    for reject in rejects:
        Reject.model_validate(reject)
        assert reject["message"] and "\n" not in reject["message"]


def test_manifest_counts_match_the_files(mixed_inputs, tmp_path, pipeline):
    out = tmp_path / "out"
    run_corpus([str(mixed_inputs)], out, options=RunOptions(progress=False))
    manifest = json.loads((out / MANIFEST).read_text())
    assert manifest["counts"] == {"inputs": 5, "documents": 2, "sections": 16, "rejects": 3}
    assert manifest["rejects_by_error"] == {"empty_input": 1, "no_content": 1, "not_html": 1}
    assert set(manifest["stage_seconds"]) >= {"load", "decode", "segment", "entities", "assemble"}
    assert manifest["extractor"]["model"].startswith("en_core_web_sm")


def test_identical_bytes_from_two_sources_are_two_documents(mixed_inputs, tmp_path, pipeline):
    out = tmp_path / "out"
    run_corpus([str(mixed_inputs)], out, options=RunOptions(progress=False))
    first, second = _lines(out / "documents.jsonl")
    assert first["doc_id"] != second["doc_id"]
    assert first["source"]["sha256"] == second["source"]["sha256"]
    assert first["duplicate_of"] is None
    assert second["duplicate_of"] == first["doc_id"]


def test_two_runs_write_byte_identical_jsonl(tmp_path, pipeline):
    run_corpus([str(CORPORA)], tmp_path / "one", options=RunOptions(progress=False))
    run_corpus([str(CORPORA)], tmp_path / "two", options=RunOptions(progress=False))
    for name in OUTPUT_FILES:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_all_four_files_are_written_even_when_empty(tmp_path, pipeline):
    page = tmp_path / "empty.html"
    page.write_bytes(b"")
    out = tmp_path / "out"
    run_corpus([str(page)], out, options=RunOptions(progress=False))
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [*OUTPUT_FILES, MANIFEST, *DERIVED_FILES, SCHEMA_DIR]
    )
    assert (out / "documents.jsonl").read_text() == ""
    assert (out / "sections.jsonl").read_text() == ""
    assert len(_lines(out / "rejects.jsonl")) == 1


def test_records_validate_and_documents_are_the_union_of_section_mentions(corpus_run):
    documents = [Document.model_validate(d) for d in _lines(corpus_run / "documents.jsonl")]
    sections = [Section.model_validate(s) for s in _lines(corpus_run / "sections.jsonl")]
    for document in documents:
        own = [s for s in sections if s.doc_id == document.doc_id]
        assert [s.index for s in own] == list(range(document.section_count))
        mentions = [m for s in own for m in s.entities]
        orgs = {(m.name, m.acronym) for m in mentions if m.label == "ORG"}
        countries = {m.iso2 for m in mentions if m.label == "COUNTRY"}
        dates = {m.value for m in mentions if m.label == "DATE"}
        assert {(o.name, o.acronym) for o in document.entities.orgs} == orgs
        assert {c.iso2 for c in document.entities.countries} == countries
        assert {d.value for d in document.entities.dates} == dates
        total = sum(o.mentions for o in document.entities.orgs)
        assert total == sum(1 for m in mentions if m.label == "ORG")
        assert own[0].heading == document.title


def test_doc_id_is_stable_and_depends_on_source_and_content(tmp_path, pipeline):
    data = (CORPORA / "kmcn-webinar-series-care-workers.html").read_bytes()
    a = extract_html(data, path="x/a.html").document.doc_id
    assert extract_html(data, path="x/a.html").document.doc_id == a
    assert extract_html(data, path="x/b.html").document.doc_id != a
    assert extract_html(data + b" ", path="x/a.html").document.doc_id != a
    assert extract_html(data, path="x/a.html", url="https://example.org/a").document.doc_id != a


def test_extract_html_returns_the_pydantic_records(pipeline):
    data = (CORPORA / "seed-fy2024-kccp.html").read_bytes()
    result = extract_html(data, url="https://example.org/report")
    assert isinstance(result.document, Document)
    assert all(isinstance(s, Section) for s in result.sections)
    assert result.document.source.url == "https://example.org/report"
    assert result.document.period.start == "2024-10-22"


def test_extract_html_raises_a_named_error_for_a_bad_page(pipeline):
    with pytest.raises(NotHtml) as caught:
        extract_html(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert (caught.value.code, caught.value.stage) == ("not_html", "load")
    with pytest.raises(NoContent):
        extract_html(b"<html><body><nav><a href='/'>Home</a></nav></body></html>")


def test_interrupted_write_leaves_previous_output_and_no_temporary_files(tmp_path, pipeline):
    out = tmp_path / "out"
    run_corpus([str(CORPORA)], out, options=RunOptions(progress=False))
    before = {name: (out / name).read_bytes() for name in OUTPUT_FILES}
    with pytest.raises(RuntimeError), RunWriter(out) as writer:
        writer.add(Reject(source=_source(), stage="load", error="read_failed", message="x"))
        raise RuntimeError("killed mid-run")
    assert {name: (out / name).read_bytes() for name in OUTPUT_FILES} == before
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [*OUTPUT_FILES, MANIFEST, *DERIVED_FILES, SCHEMA_DIR]
    )


def _source():
    from extractor.models import Source

    return Source(path="p.html", url=None, sha256=None, encoding=None, bytes=0)


@pytest.mark.slow
def test_jobs_two_writes_the_same_bytes_as_one_process(tmp_path, pipeline, monkeypatch):
    import multiprocessing

    from extractor.run import driver

    workers_then: list[int] = []  # the workers alive when the corpus dataset is written

    def write_dataset(*args, **kwargs):
        workers_then.append(len(multiprocessing.active_children()))
        return real_write_dataset(*args, **kwargs)

    real_write_dataset = driver.write_dataset
    monkeypatch.setattr(driver, "write_dataset", write_dataset)
    inputs = tmp_path / "in"
    inputs.mkdir()
    pages = sorted(CORPORA.glob("*.html"))
    for i in range(3):  # 12 pages plus two bad ones: two chunks, so both workers get work
        for page in pages:
            (inputs / f"{i}-{page.name}").write_bytes(page.read_bytes())
    (inputs / "z-empty.html").write_bytes(b"")
    (inputs / "z-binary.html").write_bytes(bytes(range(256)) * 8)
    one = run_corpus([str(inputs)], tmp_path / "one", options=RunOptions(progress=False, jobs=1))
    two = run_corpus([str(inputs)], tmp_path / "two", options=RunOptions(progress=False, jobs=2))
    assert (
        one.counts == two.counts == {"inputs": 14, "documents": 12, "sections": 105, "rejects": 2}
    )
    for name in OUTPUT_FILES:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    later = [json.loads(line) for line in (tmp_path / "two" / "documents.jsonl").open()][4:]
    assert all(d["duplicate_of"] for d in later)  # copies in other chunks still name the first
    assert workers_then == [0, 0]  # the pool ended with the last outcome, not with the run


def test_stage_seconds_are_counted_once_in_a_one_process_run(corpus_run):
    manifest = json.loads((corpus_run / "manifest.json").read_text())
    assert set(manifest["stage_seconds"]) >= {"load", "decode", "segment", "entities"}
    assert 0 < sum(manifest["stage_seconds"].values()) <= manifest["wall_seconds"]


@pytest.mark.model
def test_output_files_get_the_users_usual_permissions(tmp_path, mixed_inputs):
    import os
    import stat

    from extractor.run.driver import run_corpus
    from extractor.run.options import RunOptions

    out = tmp_path / "out"
    run_corpus([str(mixed_inputs)], out, options=RunOptions(progress=False))
    mask = os.umask(0)
    os.umask(mask)
    for path in (p for p in out.rglob("*") if p.is_file()):
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask, path.name


@pytest.mark.model
def test_a_section_dated_by_a_month_or_a_year_reads_its_dates_across_all_of_it():
    html = """<html><head><meta property="article:published_time" content="2019-11-19">
    </head><body><article><h1>The band's 50th anniversary tour</h1>
    <p>The band announced on Tuesday that tickets for its anniversary tour go on sale soon.</p>
    <h2>Tour 2020 dates</h2><p>July 2 – Chicago. July 22 – Denver. Sept. 12 – Seattle.</p>
    </article></body></html>"""
    extraction = extract_html(html.encode())
    (tour,) = [s for s in extraction.sections if s.heading == "Tour 2020 dates"]
    found = {m.text: m.value for m in tour.entities if m.label == "DATE"}
    # all in 2020: the section spans the whole year, not its first day
    assert found == {
        "2020": "2020",
        "July 2": "2020-07-02",
        "July 22": "2020-07-22",
        "Sept. 12": "2020-09-12",
    }


@pytest.mark.model
def test_a_placeholder_publication_date_in_the_metadata_loses_no_page():
    # "0001-01-01" anchored every inferred date outside the calendar: the page was rejected
    html = b"""<html><head><meta property="article:published_time" content="0001-01-01T00:00:00Z">
    </head><body><article><h1>Talks resume</h1><p>The ministers met on Tuesday and agreed to
    meet again in March, officials said on Friday. The talks began on 3 May 2019.</p>
    </article></body></html>"""
    extraction = extract_html(html)
    assert extraction.document.published is None
    dates = [m.value for s in extraction.sections for m in s.entities if m.label == "DATE"]
    assert dates == ["2019-05-03"]


TOUR_PAGE = """<html><head>
<meta property="article:published" itemprop="datePublished dateCreated" content="2024-12-10T09:00:00Z">
</head><body><article>
<h1>The Harbour Quartet announces a reunion</h1>
<p>The Harbour Quartet will reunite for a 2025 European tour, the band said on Monday.
The group first played together in 1998 and split in 2004.</p>
<p><strong>Tour dates</strong></p>
<p>June 9 – Oslo, Konserthus<br>July 2 – Vienna, Stadthalle<br>Jan. 20 – Lisbon, Coliseu</p>
</article></body></html>"""


def test_a_tour_list_takes_the_candidate_year_an_earlier_section_wrote(pipeline):
    # the list's section writes no year; the lead wrote 2025 (then 1998 and 2004, which are
    # no candidates around the publication day, 2024-12-10)
    extraction = extract_html(TOUR_PAGE.encode(), path="tour.html")
    assert extraction.document.published == "2024-12-10"
    listed = [m for m in extraction.sections[-1].entities if m.label == "DATE"]
    assert [m.value for m in listed] == ["2025-06-09", "2025-07-02", "2025-01-20"]
    assert listed[0].cues == ["year written before: 2025"]


def test_a_warmed_up_pipeline_has_loaded_what_a_first_page_loads_and_counted_no_time(pipeline):
    from extractor.dates import holidays
    from extractor.html import language

    language._load_identifier.cache_clear()
    holidays.day_of.cache_clear()
    holidays._calendar_days.cache_clear()
    pipeline._preloading = language.preload()  # as a new Pipeline starts it
    pipeline.warm_up()
    assert language._load_identifier.cache_info().currsize == 1  # the identifier is loaded
    assert holidays._calendar_days.cache_info().currsize == 1  # and the named days' table
    assert not pipeline._preloading.is_alive()  # and no thread is left for a fork to copy
    assert dict(pipeline.times.seconds) == {}  # the warm-up page is no stage time of a run


def test_a_pipeline_that_fails_to_start_leaves_no_thread_behind():
    import threading

    from extractor.errors import ModelNotFound
    from extractor.html import language
    from extractor.pipeline import Pipeline
    from extractor.settings import Settings

    language._load_identifier.cache_clear()  # so that the thread has half a second of work
    with pytest.raises(ModelNotFound):
        Pipeline(Settings(model="no_such_model_here"))
    assert not [t for t in threading.enumerate() if t.name == "langid-preload" and t.is_alive()]
