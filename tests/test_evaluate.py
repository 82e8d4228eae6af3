"""Scorers of the evaluation harness, on tiny hand-computed cases; reference figures on the
shared benchmark folders when they are present."""

from __future__ import annotations

import gzip
import json
import sys
import types
from pathlib import Path
from types import SimpleNamespace as NS

import pytest

from extractor.evaluate import (
    EvalReport,
    aeb,
    dev,
    format_details,
    format_table,
    meantime,
    run_eval,
)
from extractor.evaluate.dev import Counts, Gold, Heading, Org, Prediction, Span
from extractor.models import Reject, Source

SHARED = Path("/work/shared")
AEB_DIR = SHARED / "external" / "article-extraction-benchmark"
MEANTIME_DIR = SHARED / "external" / "meantime-en"
DEV_DIR = SHARED / "eval" / "dev"


# --- normalization -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("National Women\u2019s Education Center", "national women's education center"),
        ("\u201cQuoted\u201d Title", 'quoted" title'),
        ("JP-MIRAI", "jp mirai"),
        ("Session 1 \u2014 Nov. 5", "session 1 nov. 5"),
        ("  Many   \n spaces\t", "many spaces"),
        ("\uff2a\uff29\uff23\uff21", "jica"),  # full-width letters, NFKC
        ("Stra\u00dfe", "strasse"),  # casefold, not lower
        ("The ILO", "ilo"),
        ("(the ILO)", "ilo"),
        ('the "ILO"', "ilo"),
        ("Theatre Association", "theatre association"),
        ("1. Overview:", "1. overview"),
        ("the", "the"),
        (None, ""),
        ("...", ""),
    ],
)
def test_normalize(text: str | None, expected: str) -> None:
    assert dev.normalize(text) == expected


# --- dev scorers ---------------------------------------------------------------------------


def test_counts_precision_recall_f1() -> None:
    c = Counts(tp=3, fp=1, fn=2)
    assert (c.precision, c.recall) == (0.75, 0.6)
    assert c.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert Counts().f1 == 0.0
    assert c + Counts(tp=1, fp=1, fn=0) == Counts(tp=4, fp=2, fn=2)


def test_score_set_optional_values_count_neither_way() -> None:
    s = dev.score_set(["JP", "TH", "HK", "FR"], ["JP", "TH", "VN"], ["HK"])
    assert s.counts == Counts(tp=2, fp=1, fn=1)
    assert (s.false_positives, s.false_negatives) == (["FR"], ["VN"])


def test_score_orgs_unmerged_acronym_is_one_hit_and_one_false_positive() -> None:
    gold = [
        Org(name="Japan International Cooperation Agency", acronym="JICA"),
        Org(name="Colabo"),
        Org(name="UNODC", acronym="UNODC"),
    ]
    pred = [
        Org(name="JICA"),  # acronym alone matches the gold acronym
        Org(name="the Japan International Cooperation Agency"),  # same body again: FP
        Org(name="ASEAN"),  # optional: neutral
        Org(name="Dr. Oberoi"),  # FP
    ]
    s = dev.score_orgs(pred, gold, ["ASEAN"])
    assert s.counts == Counts(tp=1, fp=2, fn=2)
    assert s.false_negatives == ["Colabo", "UNODC"]


def test_score_orgs_name_matches_gold_acronym_across_fields() -> None:
    gold = [Org(name="International Labour Organization", acronym="ILO")]
    s = dev.score_orgs([Org(name="ILO", acronym=None)], gold, [])
    assert s.counts == Counts(tp=1)
    s = dev.score_orgs([Org(name="Intl Labour Org.", acronym="ilo")], gold, [])
    assert s.counts == Counts(tp=1)


def test_score_orgs_matching_does_not_depend_on_prediction_order() -> None:
    # A greedy matcher would give the first prediction gold 0 and leave the second a duplicate.
    gold = [Org(name="Alpha"), Org(name="Beta Agency", acronym="BA")]
    pred = [Org(name="Alpha", acronym="BA"), Org(name="Alpha")]
    assert dev.score_orgs(pred, gold, []).counts == Counts(tp=2)
    assert dev.score_orgs(pred[::-1], gold, []).counts == Counts(tp=2)


def test_score_sections_ignores_titles_and_scores_dates_on_matched_headings() -> None:
    gold = [
        Heading(heading="Overview"),
        Heading(heading="November 5 to 12: Visits", start="2024-11-05", end="2024-11-12"),
        Heading(heading="November 20: Closing", start="2024-11-20", end="2024-11-20"),
        Heading(heading="Report Title"),  # equal to the gold title: ignored
    ]
    pred = [
        Heading(heading="Report title"),  # section 0 carries the title: ignored
        Heading(heading="overview"),
        Heading(heading="November 5 to 12: Visits", start="2024-11-05", end="2024-11-05"),
        Heading(heading="November 20: Closing", start="2024-11-20", end="2024-11-20"),
        Heading(heading="Related reports"),
        Heading(heading=None),
    ]
    s, dates, errors = dev.score_sections(pred, gold, "Report Title", "Report title")
    assert s.counts == Counts(tp=3, fp=1, fn=0)
    assert (dates.correct, dates.total) == (2, 3)
    assert len(errors) == 1 and "2024-11-05/2024-11-05" in errors[0]


def test_score_sections_a_repeated_heading_is_matched_once_per_gold_occurrence() -> None:
    gold = [Heading(heading="Summary")]
    pred = [Heading(heading="Summary"), Heading(heading="Summary")]
    s, dates, _ = dev.score_sections(pred, gold, None)
    assert s.counts == Counts(tp=1, fp=1, fn=0)
    assert dates.total == 1


def test_score_sections_ignores_a_wrong_predicted_title_on_the_predicted_side() -> None:
    s, _, _ = dev.score_sections([Heading(heading="Site Name")], [], "Real Title", "Site Name")
    assert s.counts == Counts()


GOLD = Gold(
    doc="a.html",
    title="The \u201cReport\u201d",
    period=Span(start="2024-11-05", end="2024-11-12"),
    sections=[Heading(heading="Overview")],
    orgs=[Org(name="Colabo")],
    countries=["JP", "TH"],
    dates=["2024-11-05/2024-11-12", "2024-11-20"],
    dates_optional=["2024"],
)


def test_score_doc_title_and_period_exact_after_normalization() -> None:
    pred = Prediction(title='"report"', period=Span(start="2024-11-05", end="2024-11-12"))
    score = dev.score_doc(GOLD, pred)
    assert score.title_ok and score.period_ok
    score = dev.score_doc(GOLD, Prediction(title="Report 2", period=None))
    assert not score.title_ok and not score.period_ok
    assert any(e.startswith("title:") for e in score.errors)


def test_a_period_is_compared_as_its_first_and_last_day() -> None:
    month = GOLD.model_copy(update={"period": Span(start="2014-06-01", end="2014-06-30")})
    assert dev.score_doc(month, Prediction(period=Span(start="2014-06", end="2014-06"))).period_ok
    fiscal = GOLD.model_copy(update={"period": Span(start="2020-04", end="2021-03")})
    pred = Prediction(period=Span(start="2020-04-01", end="2021-03-31"))
    assert dev.score_doc(fiscal, pred).period_ok
    pred = Prediction(period=Span(start="2020-04-01", end="2021-03-30"))
    assert not dev.score_doc(fiscal, pred).period_ok


def test_score_doc_reject_misses_all_gold() -> None:
    score = dev.score_doc(GOLD, Prediction(rejected="no_content"))
    assert score.counts["orgs"] == Counts(fn=1)
    assert score.counts["countries"] == Counts(fn=2)
    assert score.counts["dates"] == Counts(fn=2)
    assert score.counts["sections"] == Counts(fn=1)
    assert score.rejected == "no_content"
    assert not score.title_ok and not score.period_ok


def test_summarize_micro_averages_over_documents() -> None:
    # Doc 1: 1 of 1 country, doc 2: 1 correct and 3 wrong. Micro P = 2/5, not (1 + 1/4) / 2.
    d1 = dev.score_doc(GOLD.model_copy(update={"countries": ["JP"]}), Prediction(countries=["JP"]))
    d2 = dev.score_doc(GOLD, Prediction(countries=["JP", "FR", "DE", "IT"]))
    report = dev.summarize([d1, d2])
    assert report.countries == Counts(tp=2, fp=3, fn=1)
    assert report.countries.precision == pytest.approx(0.4)
    assert (report.title.correct, report.title.total) == (0, 2)


def _extraction(gold: Gold) -> NS:
    """A fake Extraction that predicts exactly the gold (title section first)."""
    date = lambda h: None if h.start is None else NS(start=h.start, end=h.end)  # noqa: E731
    sections = [NS(index=0, heading=gold.title, date=None, text="")]
    sections += [
        NS(index=i + 1, heading=h.heading, date=date(h)) for i, h in enumerate(gold.sections)
    ]
    entities = NS(
        orgs=[NS(name=o.name, acronym=o.acronym) for o in gold.orgs],
        countries=[NS(iso2=c) for c in gold.countries],
        dates=[NS(value=v) for v in gold.dates],
    )
    document = NS(title=gold.title, period=gold.period, entities=entities)
    return NS(document=document, sections=sections)


def _reject() -> Reject:
    source = Source(path="x.html", url=None, sha256=None, encoding=None, bytes=0)
    return Reject(source=source, stage="clean", error="no_content", message="Nothing left.")


def test_prediction_from_result_reads_extraction_and_reject() -> None:
    pred = dev.prediction_from_result(_extraction(GOLD))
    assert pred.sections[1] == Heading(heading="Overview")
    assert pred.period == GOLD.period and pred.dates == GOLD.dates
    assert dev.prediction_from_result(_reject()) == Prediction(rejected="no_content")


# --- aeb -----------------------------------------------------------------------------------


def test_aeb_shingles_short_and_empty_texts() -> None:
    assert aeb.shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert aeb.shingles("x, y!") == {("x", "y"): 1}  # fewer than 4 tokens: one short shingle
    assert aeb.shingles("") == {} and aeb.shingles(None) == {}


def test_aeb_page_counts_are_multisets_normalised_to_one() -> None:
    s = aeb.score_page("a b c d a b c d", "a b c d")
    # gold shingles: abcd x2, bcda, cdab, dabc; pred: abcd -> tp 1, fp 0, fn 4
    assert s == pytest.approx(aeb.PageScore(0.2, 0.0, 0.8))
    assert aeb.score_page("", None) == aeb.PageScore(0.0, 0.0, 0.0)


def test_aeb_precision_skips_empty_predictions_recall_counts_them() -> None:
    pages = {
        "1": ("a b c d e", "a b c d x"),  # tp 1 fp 1 fn 1: P 1/2, R 1/2
        "2": ("p q r s", None),  # empty prediction: no precision, R 0
        "3": ("x y", "x y z"),  # short texts: one shingle each, no overlap: P 0, R 0
    }
    gold = {k: {"articleBody": t} for k, (t, _) in pages.items()}
    pred = {k: {"articleBody": p} for k, (_, p) in pages.items()}
    report = aeb.score_predictions(gold, pred)
    assert report.precision == pytest.approx(0.25)
    assert report.recall == pytest.approx(1 / 6)
    assert report.f1 == pytest.approx(0.2)
    assert (report.pages, report.predicted, report.accuracy) == (3, 2, 0.0)


def test_aeb_keys_must_match() -> None:
    with pytest.raises(ValueError, match="keys"):
        aeb.score_predictions({"1": {"articleBody": "a"}}, {})


@pytest.mark.skipif(not AEB_DIR.is_dir(), reason="shared benchmark folder absent")
@pytest.mark.parametrize(
    ("name", "f1", "precision", "recall"),
    [("trafilatura", 0.958, 0.938, 0.978), ("beautifulsoup", 0.665, 0.499, 0.994)],
)
def test_aeb_reproduces_upstream_reference_figures(
    name: str, f1: float, precision: float, recall: float
) -> None:
    gold = json.loads((AEB_DIR / "ground-truth.json").read_text(encoding="utf-8"))
    report = aeb.score_predictions(
        gold, aeb.load_predictions(AEB_DIR / f"reference-outputs/{name}.json")
    )
    assert (round(report.f1, 3), round(report.precision, 3), round(report.recall, 3)) == (
        f1,
        precision,
        recall,
    )


def test_run_aeb_gunzips_and_counts_failures_as_empty(tmp_path: Path) -> None:
    from extractor.errors import NoContent

    (tmp_path / "html").mkdir()
    gold = {"p1": {"articleBody": "one two three four five"}, "p2": {"articleBody": "six seven"}}
    (tmp_path / "ground-truth.json").write_text(json.dumps(gold))
    for key, html in (("p1", b"<p>one two three four five</p>"), ("p2", b"")):
        (tmp_path / "html" / f"{key}.html.gz").write_bytes(gzip.compress(html))

    def main_text(data: bytes) -> str:
        if not data:
            raise NoContent("empty")
        return data.decode().removeprefix("<p>").removesuffix("</p>")

    report = aeb.run_aeb(tmp_path, main_text)
    assert (report.precision, report.recall, report.failed, report.predicted) == (1.0, 0.5, 1, 1)


# --- meantime ------------------------------------------------------------------------------


def test_meantime_splits_intervals_and_scores_both_gold_sets() -> None:
    full = Gold(doc="m.html", title="T", dates=["2009-01", "2009-02-03", "2008"], dates_optional=[])
    explicit = full.model_copy(update={"dates": ["2009-02-03"], "dates_optional": ["2009-01"]})
    pred = Prediction(title="T", dates=["2009-02-03", "2008/2009-01", "2010"])
    doc = meantime.score_doc(pred, full, explicit)
    assert doc.full == Counts(tp=3, fp=1, fn=0)
    assert doc.explicit == Counts(tp=1, fp=2, fn=0)  # 2008 and 2010 are wrong on the subset
    assert doc.title_ok
    assert meantime.split_intervals(["2024-11-05/2024-11-12", "2024"]) == {
        "2024-11-05",
        "2024-11-12",
        "2024",
    }


def test_meantime_scores_orgs_and_countries_against_entity_gold() -> None:
    full = Gold(doc="m.html", title="T", dates=["2009"])
    entities = Gold(
        doc="m.html",
        orgs=[Org(name="General Motors", acronym="GM"), Org(name="Fiat")],
        orgs_optional=["Chrysler"],
        countries=["US"],
        countries_optional=["IT"],
    )
    pred = Prediction(
        title="T",
        dates=["2009"],
        orgs=[Org(name="GM"), Org(name="Chrysler"), Org(name="Dow Jones")],
        countries=["US", "IT", "FR"],
    )
    doc = meantime.score_doc(pred, full, full, entities)
    assert doc.orgs == Counts(tp=1, fp=1, fn=1)
    assert doc.countries == Counts(tp=1, fp=1, fn=0)
    assert "orgs FP: Dow Jones" in doc.errors and "orgs FN: Fiat" in doc.errors
    assert "countries FP: FR" in doc.errors
    report = meantime.summarize([doc])
    assert (report.orgs, report.countries) == (doc.orgs, doc.countries)
    table = format_table(EvalReport(meantime=report))
    assert "| meantime orgs | 0.500 | 0.500 | 0.500 | 2 |" in table
    assert "| meantime countries | 0.500 | 1.000 | 0.667 | 1 |" in table
    assert "orgs 1/1/1, countries 1/1/0" in format_details(EvalReport(meantime=report))


# --- run_eval and the table ----------------------------------------------------------------


def _write_case(root: Path, gold: Gold, sub: str = "gold") -> None:
    (root / sub).mkdir(parents=True, exist_ok=True)
    (root / sub / gold.doc.replace(".html", ".json")).write_text(gold.model_dump_json())


@pytest.fixture
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    """Stand-in for extractor.pipeline: a perfect dev predictor, a reject for bad pages."""
    golds: dict[str, Gold] = {}
    module = types.ModuleType("extractor.pipeline")

    def extract_many(items, settings):  # type: ignore[no-untyped-def]
        for data, path in items:
            gold = golds.get(Path(path).name)
            yield _extraction(gold) if gold and data else _reject()

    module.extract_many = extract_many  # type: ignore[attr-defined]
    module.main_text = lambda data: data.decode()  # type: ignore[attr-defined]
    module.golds = golds  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "extractor.pipeline", module)
    return module


def test_run_eval_scores_dev_and_meantime_with_fakes(
    tmp_path: Path, fake_pipeline: types.ModuleType
) -> None:
    dev_dir, mt_dir = tmp_path / "dev", tmp_path / "mt"
    bad = Gold(doc="b.html", title="B", countries=["JP"])
    for root, sub in ((dev_dir, "docs"), (mt_dir, "html")):
        for gold, html in ((GOLD, b"<html>"), (bad, b"")):
            _write_case(root, gold)
            (root / sub).mkdir(exist_ok=True)
            (root / sub / gold.doc).write_bytes(html)
    # meantime gold has no intervals: the predicted range must be split to match it.
    mt_gold = GOLD.model_copy(update={"dates": ["2024-11-05", "2024-11-12", "2024-11-20"]})
    for sub in ("gold", "gold/_explicit"):
        _write_case(mt_dir, mt_gold, sub)
        _write_case(mt_dir, bad, sub)
    fake_pipeline.golds.update({"a.html": GOLD})  # type: ignore[attr-defined]

    report = run_eval(dev_dir, None, mt_dir, verbose=True)
    assert report.aeb is None and report.dev is not None and report.meantime is not None
    assert report.dev.countries == Counts(tp=2, fn=1)
    assert report.dev.orgs == Counts(tp=1)
    assert (report.dev.title.correct, report.dev.title.total) == (1, 2)
    assert [d.rejected for d in report.dev.docs] == [None, "no_content"]
    assert report.meantime.full == Counts(tp=3)  # the interval's two ends and 2024-11-20
    table = format_table(report)
    assert "| dev countries | 1.000 | 0.667 | 0.800 | 3 |" in table
    assert "| dev title (acc) | | | 0.500 | 2 |" in table
    assert "meantime dates (full)" in table and "aeb" not in table
    details = format_details(report)
    assert "b.html (rejected: no_content) | 0/0/0 | 0/0/1 |" in details
    assert "countries FN: JP" in details


def test_run_eval_without_verbose_keeps_counts_only(
    tmp_path: Path, fake_pipeline: types.ModuleType
) -> None:
    _write_case(tmp_path, GOLD)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / GOLD.doc).write_bytes(b"")
    report = run_eval(tmp_path, None, None)
    assert report.dev is not None and report.dev.docs[0].errors == []
    assert report.dev.dates == Counts(fn=2)


def test_a_set_of_pdfs_is_scored_as_pdfs_and_not_printed_again(
    tmp_path: Path, fake_pipeline: types.ModuleType
) -> None:
    pdfs = tmp_path / "pdfs"
    gold = GOLD.model_copy(update={"doc": "report.pdf", "countries": []})
    (pdfs / "gold").mkdir(parents=True)
    (pdfs / "gold" / "report.json").write_text(gold.model_dump_json())
    (pdfs / "docs").mkdir()
    (pdfs / "docs" / "report.pdf").write_bytes(b"%PDF-1.4")
    fake_pipeline.golds.update({"report.pdf": gold})  # type: ignore[attr-defined]

    report = run_eval(None, None, None, pdfs_dir=pdfs, printed_cache=tmp_path / "cache")
    assert report.pdfs is not None and report.pdfs.orgs == Counts(tp=1)
    assert report.printed == {} and not (tmp_path / "cache").exists()
    table = format_table(report)
    assert "| pdfs orgs | 1.000 | 1.000 | 1.000 | 1 |" in table
    assert "| pdfs countries | | | | 0 |" in table  # nothing to find, nothing found: no figure


def test_run_eval_with_no_folders_is_empty() -> None:
    report = run_eval(None, None, None)
    assert report == EvalReport()
    assert format_table(report).count("\n") == 1  # header only


@pytest.mark.skipif(not DEV_DIR.is_dir(), reason="shared dev set absent")
def test_dev_gold_as_prediction_scores_perfectly() -> None:
    golds = [dev.load_gold(p) for p in sorted((DEV_DIR / "gold").glob("*.json"))]
    report = dev.summarize(
        [dev.score_doc(g, dev.prediction_from_result(_extraction(g))) for g in golds]
    )
    for category in dev.SET_CATEGORIES:
        counts = getattr(report, category)
        assert counts.fp == counts.fn == 0 and counts.tp > 0, category
    assert report.section_dates.accuracy == report.title.accuracy == report.period.accuracy == 1.0


@pytest.mark.skipif(not MEANTIME_DIR.is_dir(), reason="shared meantime folder absent")
def test_meantime_dct_only_reproduces_readme_reference_points() -> None:
    # README: predicting only the DCT gives P 1.000, R 0.471 (full) and R 0.571 (explicit).
    docs = []
    for path in sorted((MEANTIME_DIR / "gold").glob("*.json")):
        full = dev.load_gold(path)
        explicit = dev.load_gold(MEANTIME_DIR / "gold" / "_explicit" / path.name)
        dct = json.loads(path.read_text(encoding="utf-8"))["dct"]
        docs.append(meantime.score_doc(Prediction(dates=[dct]), full, explicit))
    report = meantime.summarize(docs)
    assert report.full.precision == 1.0
    assert round(report.full.recall, 3) == 0.471 and round(report.full.f1, 3) == 0.640
    assert round(report.explicit.recall, 3) == 0.571 and round(report.explicit.f1, 3) == 0.727


def test_meantime_fair_readings_of_ago_durations_and_sub_year_spans():
    from extractor.evaluate.meantime import fair_readings

    timex = [
        {"text": "a year ago", "value": "P1Y"},
        {"text": "20 years ago", "value": "P20Y"},
        {"text": "six years", "value": "P6Y"},  # a duration, not counted back
        {"text": "later this year", "value": "2006-Q4"},
        {"text": "the first half", "value": "2006-H1"},
        {"text": "this week", "value": "2006-W40"},
        {"text": "less than two weeks ago", "value": "2006-W38"},
    ]
    assert fair_readings(timex, "2006-10-05") == {
        "2005",
        "1986",
        "2006",
        "2006-10",
        "2006-12",
        "2006-01",
        "2006-06",
        "2006-09-21",
    }
    # a page without a publication day: no "ago" to count back from, the spans still read
    assert fair_readings(timex, None) == {"2006", "2006-10", "2006-12", "2006-01", "2006-06"}


def test_meantime_errata_correct_a_value_only_where_no_other_timex_carries_it(
    tmp_path: Path,
) -> None:
    errata = tmp_path / "errata.tsv"
    errata.write_text(
        "doc\ttext\tgold\tvalue\texplicit\treason\n"
        "a.html\tWednesday\t2009-11-05\t2009-11-04\tno\tthe DCT is a Thursday\n"
        "a.html\tby 2012\t2010\t2012\tyes\ta typo\n"
        "a.html\tMarch\t\t2006-03\tno\tleft unannotated\n",
        encoding="utf-8",
    )
    found = meantime.load_errata(errata)["a.html"]
    timex = [
        {"text": "November 5, 2009", "value": "2009-11-05", "explicit": True},
        {"text": "Wednesday", "value": "2009-11-05", "explicit": False},
        {"text": "by 2012", "value": "2010", "explicit": True},
    ]
    gold = Gold(doc="a.html", dates=["2009-11-05", "2010"], dates_optional=["2012"])
    full = meantime.corrected(gold, timex, found, explicit=False)
    # the DCT keeps 2009-11-05 in the gold; the typo's 2010 leaves it
    assert full.dates == ["2006-03", "2009-11-04", "2009-11-05", "2012"]
    assert full.dates_optional == []
    explicit = meantime.corrected(gold, timex, found, explicit=True)
    assert explicit.dates == ["2009-11-05", "2012"]


def test_dev_scorer_counts_predicted_vague_spans_neither_way():
    from extractor.evaluate.dev import vague_spans

    assert vague_spans(
        ["2009-01/2009-03", "2006-12/2007-02", "1970/1979", "1300/1399", "2024-07/2024-12"]
    ) == ["2009-01/2009-03", "2006-12/2007-02", "1970/1979", "1300/1399", "2024-07/2024-12"]
    # a real span of months or years, and points, are scored
    assert vague_spans(["2009-02/2009-05", "1971/1979", "2009-01", "2023"]) == []


def test_gum_time_mentions_are_split_into_explicit_relative_and_not_date_like(tmp_path):
    from extractor.evaluate.gum_times import kind, run_gum_times

    assert [kind(t) for t in ("October 19, 2013", "1841", "last month", "a Monday", "2 hours")] == [
        "explicit",
        "explicit",
        "relative",
        None,
        None,
    ]
    # recurring days and counts of years are not date-like
    assert kind("Friday", " nights at the gym") is None and kind("Saturdays") is None
    assert kind("2000 year", " old tradition") is None
    assert kind("Friday", " night, the") == "relative"
    text = "The bridge opened in 1841. Last month it closed; it reopens in two hours."
    entities = [
        {
            "start": text.index("1841"),
            "end": text.index("1841") + 4,
            "text": "1841",
            "type": "time",
        },
        {
            "start": text.index("Last"),
            "end": text.index("Last") + 10,
            "text": "Last month",
            "type": "time",
        },
        {
            "start": text.index("two"),
            "end": text.index("two") + 9,
            "text": "two hours",
            "type": "time",
        },
        {"start": 0, "end": 10, "text": "The bridge", "type": "object"},
    ]
    path = tmp_path / "gum.jsonl"
    path.write_text(json.dumps({"text": text, "entities": entities}) + "\n")
    found = run_gum_times(path)
    assert (found.explicit.correct, found.explicit.total) == (1, 1)
    assert (found.relative.correct, found.relative.total) == (1, 1)


def test_date_values_predicted_only_in_lines_the_gold_leaves_out_are_found(tmp_path):
    from extractor.evaluate.meantime import unannotated_kinds, values_outside

    def mention(start, value):
        return NS(label="DATE", start=start, value=value)

    section = NS(
        blocks=[NS(start=0, end=40, kind="paragraph"), NS(start=41, end=90, kind="caption")],
        entities=[
            mention(5, "2019-11-19"),
            mention(50, "2019-11-19"),  # also in the body: scored as usual
            mention(60, "2017-03-28/2017-03-29"),  # only in the caption
            NS(label="ORG", start=70, value=None),
        ],
    )
    result = NS(sections=[section])
    assert values_outside(result, frozenset({"caption"})) == {"2017-03-28", "2017-03-29"}
    assert values_outside(result, frozenset()) == set()
    assert unannotated_kinds(tmp_path) == frozenset()
    (tmp_path / "scope.json").write_text('{"unannotated_line_kinds": ["caption"], "why": "x"}')
    assert unannotated_kinds(tmp_path) == frozenset({"caption"})


def test_the_benchmark_date_sets_leave_captions_out_of_their_gold():
    for name in ("dates-blind-news", "dates-blind-final", "dates-blind-heldout"):
        from extractor.evaluate.meantime import unannotated_kinds

        assert unannotated_kinds(Path("tests/data") / name) == frozenset({"caption"})


GUM_JSONL = SHARED / "external" / "gum" / "gum_entities.jsonl"


def test_a_gum_page_keeps_the_title_dateline_and_lines_escaped():
    from extractor.evaluate.dates_gum import page

    doc = {
        "doc": "GUM_news_x",
        "text": "Storm hits <coast>\nMonday, May 18, 2015\nA storm hit the coast.\n\nIt's over.",
        "text_license": "CC BY 2.5",
        "source_url": "https://en.wikinews.org/wiki/X",
    }
    html = page(doc)
    assert "<h1>Storm hits &lt;coast&gt;</h1>" in html
    assert '<p class="dateline">Monday, May 18, 2015</p>' in html
    assert html.count("<p>") == 2 and "<p>It&#x27;s over.</p>" in html
    with pytest.raises(ValueError, match="no dateline"):
        page({**doc, "text": "Title\nA first line."})


@pytest.mark.skipif(not GUM_JSONL.is_file(), reason="shared GUM folder absent")
def test_the_gum_date_set_pages_are_rebuilt_byte_identical(tmp_path):
    from extractor.evaluate.dates_gum import build

    assert build(GUM_JSONL, tmp_path) == 30
    committed = Path("tests/data/dates-blind-gum/html")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in committed.iterdir())
    for path in committed.iterdir():
        assert (tmp_path / path.name).read_bytes() == path.read_bytes()
