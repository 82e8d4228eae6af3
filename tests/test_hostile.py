"""The hostile corpus (tests/hostile.py): every input ends as one document or one reject with a
clear code, the batch completes with no dead worker, and no page reaches a file or the network."""

from __future__ import annotations

import json
import socket

import pytest

from extractor.pipeline import extract_html
from extractor.run.driver import run_corpus
from extractor.run.options import RunOptions
from extractor.settings import Settings

from . import hostile

# A corpus of hostile pages extracted by two workers.
pytestmark = [pytest.mark.slow, pytest.mark.model]


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    folder = root / "in"
    cases = hostile.write_corpus(folder) + hostile.write_warc_cases(folder)
    cases += hostile.write_pdf_cases(folder)
    cases += hostile.add_filesystem_cases(folder)
    out = root / "out"
    summary = run_corpus(
        [str(folder)], out, Settings(max_seconds=120), RunOptions(progress=False, jobs=2)
    )
    documents = [json.loads(line) for line in (out / "documents.jsonl").open()]
    rejects = [json.loads(line) for line in (out / "rejects.jsonl").open()]
    sections = [json.loads(line) for line in (out / "sections.jsonl").open()]
    yield cases, summary, documents, rejects, sections, out
    for case in cases:  # let pytest clean up the unreadable file
        (folder / case.name).chmod(0o644)


def _outcomes(documents, rejects) -> dict[str, str]:
    found = {d["source"]["path"].rsplit("/", 1)[-1]: "document" for d in documents}
    found.update({r["source"]["path"].rsplit("/", 1)[-1]: r["error"] for r in rejects})
    return found


def test_every_hostile_input_ends_as_its_expected_outcome(hostile_run):
    cases, summary, documents, rejects, _, _ = hostile_run
    found = _outcomes(documents, rejects)
    assert sorted(found) == sorted(case.name for case in cases)  # the symlink loop is no input
    wrong = {c.name: found[c.name] for c in cases if found[c.name] not in c.outcomes}
    assert not wrong
    counts = summary.counts
    assert counts["inputs"] == counts["documents"] + counts["rejects"] == len(cases)


def test_rejects_say_what_happened_in_one_line(hostile_run):
    _, _, _, rejects, _, _ = hostile_run
    for reject in rejects:
        assert reject["error"] not in ("internal_error", "worker_failed"), reject
        assert "\n" not in reject["message"] and len(reject["message"].split()) >= 4


def test_text_past_spacy_max_length_is_read_whole_with_true_offsets(hostile_run):
    _, _, documents, _, sections, _ = hostile_run
    [doc] = [d for d in documents if d["source"]["path"].endswith("a18-over-max-length.html")]
    text = "".join(s["text"] for s in sections if s["doc_id"] == doc["doc_id"])
    assert len(text) > 1_000_000
    mentions = [m for s in sections if s["doc_id"] == doc["doc_id"] for m in s["entities"]]
    late = [m for m in mentions if m["start"] > 1_000_000 and m["label"] == "COUNTRY"]
    assert {m["text"] for m in late} == {"Kenya", "Nigeria"}
    for section in sections:
        for m in section["entities"]:
            assert section["text"][m["start"] : m["end"]] == m["text"]


def test_encodings_are_read_right(hostile_run):
    _, _, documents, _, sections, _ = hostile_run
    by_name = {d["source"]["path"].rsplit("/", 1)[-1]: d for d in documents}
    for name in ("a08-utf16-bom.html", "a09-utf16-nobom.html"):
        assert by_name[name]["title"] == "Training report"
        assert by_name[name]["source"]["encoding"].startswith("utf-16")
    text_of = {s["doc_id"]: s["text"] for s in sections}
    assert "Café “naïve” résumé" in text_of[by_name["a10-cp1252-declared-utf8.html"]["doc_id"]]
    mixed = text_of[by_name["a11-mixed-encodings.html"]["doc_id"]]
    assert "Café" in mixed and "François – Zürich" in mixed
    assert "\x00" not in text_of[by_name["a03-nul-bytes.html"]["doc_id"]]


def test_no_page_content_reaches_the_file_system(hostile_run):
    _, _, documents, _, _, out = hostile_run
    for path in out.rglob("*"):
        if path.is_file():
            assert hostile.SECRET not in path.read_text(encoding="utf-8")
    [doc] = [d for d in documents if d["source"]["path"].endswith("a19-external-entities.html")]
    assert doc["source"]["canonical_url"] is None


def test_extraction_opens_no_connection(monkeypatch, tmp_path, pipeline):
    hostile.write_corpus(tmp_path / "in", big_mb=1, word_mb=1)
    attempts = []

    def refuse(self, address):
        attempts.append(address)
        raise OSError("network access during extraction")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    page = (tmp_path / "in" / "a19-external-entities.html").read_bytes()
    result = extract_html(page, path="a19.html")
    assert result.document.title and hostile.SECRET not in result.model_dump_json()
    assert attempts == []
