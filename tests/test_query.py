"""The research side on corpora/: orgs.jsonl, edges.jsonl, the dataset card, query and export."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from extractor import errors
from extractor.research.columns import RECORDS, columns, duckdb_type
from extractor.research.export import export, format_rows
from extractor.research.views import VIEWS, connect, query

from .conftest import CORPORA, ROOT, invoke

pytestmark = pytest.mark.model


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8")]


def test_every_run_writes_orgs_edges_and_the_dataset_card(corpus_run):
    for name in ("orgs.jsonl", "edges.jsonl", "datapackage.json", "DATASET.md"):
        assert (corpus_run / name).is_file(), name
    orgs = _lines(corpus_run / "orgs.jsonl")
    documents = _lines(corpus_run / "documents.jsonl")
    named = sum(len(d["entities"]["orgs"]) for d in documents if not d["duplicate_of"])
    assert sum(len(o["occurrences"]) for o in orgs) == named  # every document's org, once
    iom = next(o for o in orgs if o["acronym"] == "IOM")
    assert (iom["name"], iom["documents"]) == ("International Organization for Migration", 2)
    assert {a["form"] for a in iom["aliases"]} == {
        "IOM",
        "International Organization for Migration",
    }


@pytest.mark.slow
def test_org_ids_and_edges_are_stable_across_reruns_jobs_and_incremental(corpus_run, tmp_path):
    from extractor.run.driver import run_corpus
    from extractor.run.options import RunOptions

    again = tmp_path / "again"
    run_corpus([str(CORPORA)], again, options=RunOptions(progress=False, jobs=2))
    for name in ("orgs.jsonl", "edges.jsonl"):
        assert (again / name).read_bytes() == (corpus_run / name).read_bytes(), name
    updated = tmp_path / "updated"
    shutil.copytree(corpus_run, updated)
    summary = run_corpus(
        [str(CORPORA)], updated, options=RunOptions(progress=False, incremental=True)
    )
    assert summary.reused_inputs == 4
    for name in ("orgs.jsonl", "edges.jsonl"):
        assert (updated / name).read_bytes() == (corpus_run / name).read_bytes(), name


def test_edges_of_a_hand_checked_document(corpus_run):
    """amdi-workshop, "4-2 Day 2 (6 March)": IOM, the ILO and TDRI (written out, then as
    TDRI: two mentions) with Lao PDR and Myanmar; "Thailand" only inside TDRI's name."""
    rows = query(
        corpus_run,
        """SELECT e.kind, e.source_name, e.target_name, e.count, e.date_start, e.date_end,
                  e.date_from
           FROM edges e JOIN documents d USING (doc_id) JOIN sections s
             ON s.doc_id = e.doc_id AND s.section = e.section
           WHERE d.path LIKE '%amdi-workshop%' AND s.heading LIKE '%Day 2 (6 March)%'""",
    ).rows
    assert {row[3:] for row in rows} == {(1, "2025-03-06", "2025-03-06", "section")}
    ilo, iom = "International Labour Organization", "International Organization for Migration"
    tdri, lao = "Thailand Development Research Institute", "Lao People's Democratic Republic"
    assert sorted((kind, *sorted((a, b))) for kind, a, b, *_ in rows) == sorted(
        [
            ("country-country", lao, "Myanmar"),
            *(
                ("org-country", *sorted((org, c)))
                for org in (ilo, iom, tdri)
                for c in (lao, "Myanmar")
            ),
            ("org-org", ilo, iom),
            ("org-org", ilo, tdri),
            ("org-org", iom, tdri),
        ]
    )


def test_query_answers_on_corpora(corpus_run):
    top = query(
        corpus_run,
        "SELECT name, count(DISTINCT doc_id) AS documents, sum(mentions) AS mentions "
        "FROM countries GROUP BY name ORDER BY documents DESC, mentions DESC, name LIMIT 2",
    )
    assert top.columns == ["name", "documents", "mentions"]
    assert top.rows == [("Japan", 3, 14), ("Viet Nam", 3, 5)]
    shared = query(
        corpus_run,
        "SELECT acronym FROM organizations WHERE documents > 1 ORDER BY mentions DESC, acronym",
    )
    assert [r[0] for r in shared.rows] == ["IOM", "JICA", "ILO", "ASEAN"]
    # Every ORG mention finds its organization.
    (missing,) = query(
        corpus_run, "SELECT count(*) FROM mentions WHERE label = 'ORG' AND org_id IS NULL"
    ).rows
    assert missing == (0,)


def test_every_view_has_its_documented_columns(corpus_run):
    doc = (ROOT / "docs" / "querying.md").read_text(encoding="utf-8")
    con = connect(corpus_run)
    try:
        for view in VIEWS:
            columns = [row[0] for row in con.execute(f"DESCRIBE {view}").fetchall()]
            line = next(line for line in doc.splitlines() if line.startswith(f"| `{view}` |"))
            assert all(f"`{c}`" in line for c in columns), (view, columns)
    finally:
        con.close()


def test_the_raw_tables_hold_every_field_of_the_records_with_their_types(corpus_run):
    con = connect(corpus_run)
    try:
        for file, record in RECORDS.items():
            table = "raw_" + file.removesuffix(".jsonl")
            described = {row[0]: row[1] for row in con.execute(f"DESCRIBE {table}").fetchall()}
            assert list(described) == list(record.model_fields), table
            unquoted = {name: kind.replace('"', "") for name, kind in columns(record).items()}
            assert {name: kind.replace('"', "") for name, kind in described.items()} == unquoted
        mention = con.execute("DESCRIBE raw_sections").fetchall()[7][1].replace('"', "")
        # a tagged union of mentions is one struct with the fields of every kind of mention
        assert all(f" {field} " in mention for field in ("iso2", "value", "relative", "evidence"))
        assert con.execute("SELECT max(source.bytes) FROM raw_documents").fetchone()[0] > 0
    finally:
        con.close()


def test_a_field_type_the_views_cannot_hold_fails_loudly():
    assert duckdb_type(list[str]) == "VARCHAR[]"
    assert duckdb_type(int | None) == "INTEGER"
    with pytest.raises(TypeError, match="no DuckDB type"):
        duckdb_type(dict[str, int])


def test_query_formats(corpus_run):
    rows = query(corpus_run, "SELECT iso2, name FROM countries WHERE iso2 = 'JP' LIMIT 1")
    assert format_rows(rows, "csv") == "iso2,name\nJP,Japan"
    assert json.loads(format_rows(rows, "json")) == [{"iso2": "JP", "name": "Japan"}]
    table = format_rows(rows, "table").splitlines()
    assert table == ["iso2  name", "----  -----", "JP    Japan", "(1 row)"]
    dated = query(corpus_run, "SELECT published FROM documents ORDER BY published LIMIT 1")
    assert json.loads(format_rows(dated, "json"))[0]["published"].count("-") == 2


def test_parquet_export_round_trips_through_pyarrow(corpus_run, tmp_path):
    import pyarrow.parquet as pq

    written = export(corpus_run, "parquet", tmp_path / "tables")
    assert {p.name for p in written} == {f"{v}.parquet" for v in VIEWS} | {"schema.json"}
    edges = pq.read_table(tmp_path / "tables" / "edges.parquet")
    assert edges.num_rows == len(_lines(corpus_run / "edges.jsonl"))
    assert edges.schema.field("count").type.bit_width == 32
    documents = pq.read_table(tmp_path / "tables" / "documents.parquet").to_pylist()
    assert {d["doc_id"] for d in documents} == {
        d["doc_id"] for d in _lines(corpus_run / "documents.jsonl")
    }
    sections = pq.read_table(tmp_path / "tables" / "sections.parquet")
    assert str(sections.schema.field("path").type) == "list<element: string>"
    schema = json.loads((tmp_path / "tables" / "schema.json").read_text())
    assert {"name": "org_id", "type": "VARCHAR"} in schema["tables"]["organizations"]


def test_csv_export_has_a_header_and_scalar_cells(corpus_run, tmp_path):
    export(corpus_run, "csv", tmp_path / "csv")
    with (tmp_path / "csv" / "sections.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(_lines(corpus_run / "sections.jsonl"))
    nested = next(r for r in rows if r["level"] == "2")
    assert isinstance(json.loads(nested["path"]), list)


def test_graphml_export_reads_back_in_networkx(corpus_run, tmp_path):
    import networkx as nx

    (path,) = export(corpus_run, "graphml", tmp_path / "graph")
    graph = nx.read_graphml(path)
    jica = next(n for n, a in graph.nodes(data=True) if a.get("code") == "JICA")
    assert graph.nodes[jica]["kind"] == "org"
    assert graph.nodes["JP"]["name"] == "Japan"
    assert graph.has_edge(jica, "JP")
    total = query(corpus_run, "SELECT sum(count) FROM edges").rows[0][0]
    assert sum(d["weight"] for _, _, d in graph.edges(data=True)) == total


def test_datapackage_is_a_valid_frictionless_package(corpus_run):
    from frictionless import Package

    report = Package.validate_descriptor(str(corpus_run / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])
    package = json.loads((corpus_run / "datapackage.json").read_text())
    by_name = {r["name"]: r for r in package["resources"]}
    assert set(by_name) == {"documents", "sections", "rejects", "orgs", "edges", "manifest"}
    for resource in package["resources"]:
        schema = corpus_run / resource["jsonSchema"]
        assert json.loads(schema.read_text())["title"]
        data = (corpus_run / resource["path"]).read_bytes()
        assert resource["bytes"] == len(data)
    assert by_name["documents"]["records"] == 4
    assert package["extractor"]["model"].startswith("en_core_web_sm")


def test_dataset_card_counts_files_and_provenance(corpus_run):
    card = (corpus_run / "DATASET.md").read_text(encoding="utf-8")
    documents = _lines(corpus_run / "documents.jsonl")
    assert "- inputs 4: documents 4, rejects 0 (none)" in card
    for document in documents:
        assert document["source"]["sha256"] in card
    assert "| `edges.jsonl` |" in card and "Frictionless Data Package" in card


def test_query_errors_are_one_line_usage_errors(corpus_run, tmp_path):
    with pytest.raises(errors.QueryFailed, match="nope"):
        query(corpus_run, "SELECT nope FROM documents")
    with pytest.raises(errors.NotAnOutput):
        query(tmp_path, "SELECT 1")
    done = invoke("query", str(tmp_path), "SELECT 1")
    assert done.exit_code == 2
    assert done.stderr.strip() == (
        f"extractor: error: {tmp_path} is not an extractor output directory (no documents.jsonl)"
    )


def test_cli_query_prints_json_rows(corpus_run):
    sql = "SELECT acronym FROM organizations WHERE acronym = 'JICA'"
    done = invoke("query", str(corpus_run), "-f", "json", sql)
    assert done.exit_code == 0, done.stderr
    assert json.loads(done.stdout) == [{"acronym": "JICA"}]


def test_views_work_on_a_run_with_no_documents(tmp_path):
    from extractor.run.driver import run_corpus
    from extractor.run.options import RunOptions

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.html").write_bytes(b"")
    out = tmp_path / "out"
    run_corpus([str(tmp_path / "in")], out, options=RunOptions(progress=False))
    for view in VIEWS:
        assert query(out, f"SELECT count(*) FROM {view}").rows[0][0] == (
            1 if view == "rejects" else 0
        )
    assert (out / "orgs.jsonl").read_text() == "" and (out / "edges.jsonl").read_text() == ""


def test_an_output_path_with_glob_characters_reads_only_itself(corpus_run, tmp_path):
    shutil.copytree(corpus_run, tmp_path / "out [v2]")
    shutil.copytree(corpus_run, tmp_path / "out v")  # what "[v2]" matches as a glob
    (tmp_path / "out v" / "documents.jsonl").write_text("")
    (count,) = query(tmp_path / "out [v2]", "SELECT count(*) FROM documents").rows[0]
    assert count == 4


def test_json_rows_carry_decimals_as_numbers(corpus_run):
    rows = query(corpus_run, "SELECT sum(mentions) * 1.0 / count(*) AS mean FROM countries")
    (row,) = json.loads(format_rows(rows, "json"))
    assert isinstance(row["mean"], float)


def test_export_of_an_edited_output_is_a_one_line_usage_error(corpus_run, tmp_path):
    edited = tmp_path / "edited"
    shutil.copytree(corpus_run, edited)
    with (edited / "edges.jsonl").open("a") as handle:
        handle.write("{not json\n")
    with pytest.raises(errors.OutputUnreadable, match="cannot export"):
        export(edited, "parquet", tmp_path / "tables")


def test_querying_doc_examples_print_what_the_doc_says(corpus_run):
    """The five worked questions of docs/querying.md, run on corpora/: answers as printed there."""
    import re

    doc = (ROOT / "docs" / "querying.md").read_text(encoding="utf-8")
    section = doc[doc.index("Five questions, with their real answers") :]
    examples = re.findall(r'```\n\$ extractor query out/ "(.*?)"\n(.*?)```', section, re.S)
    assert len(examples) == 5
    for sql, printed in examples:
        assert format_rows(query(corpus_run, sql), "table") == printed.strip(), sql
