"""The PDF stage: characters -> lines -> blocks -> the CleanPage the segmenter reads, and the
PDF rejects. The PDFs are drawn by tests/pdfs.py with the layouts real reports use."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pdfencrypt import StandardEncryption

from extractor import errors
from extractor.pdf.layout import join_lines
from extractor.pdf.page import read_pdf
from extractor.sections.segment import segment
from tests import pdfs

MAX_PAGES, MAX_CHARS = 2000, 50_000_000

REPORT = [
    pdfs.heading("Regional Workshop on Migration Data", 20),
    pdfs.body("Date: 14-16 May 2024"),
    pdfs.body(""),
    pdfs.body("The National Statistics Office held a regional workshop with the International"),
    pdfs.body("Organization for Migration (IOM) in Bangkok, Thailand."),
    pdfs.body(""),
    pdfs.heading("1. Opening session", 14),
    pdfs.body("Delegates from Cambodia and Viet Nam presented their national data systems."),
    pdfs.body(""),
    pdfs.heading("15 May: Field visit", 12),
    pdfs.body("Participants visited the immigration office on 15 May."),
]


def read(data: bytes, max_pages: int = MAX_PAGES):
    return read_pdf(data, max_pages, MAX_CHARS)


def test_report_page_becomes_title_heading_levels_and_paragraphs() -> None:
    page = read(pdfs.pdf([REPORT]))
    assert page.title == "Regional Workshop on Migration Data"
    assert page.media_type == "application/pdf" and page.page_count == 1
    texts = [(b.tag, b.text) for b in page.blocks]
    assert texts == [
        ("p", "Date: 14-16 May 2024"),
        (
            "p",
            "The National Statistics Office held a regional workshop with the International "
            "Organization for Migration (IOM) in Bangkok, Thailand.",
        ),
        ("h2", "1. Opening session"),  # below the title, the h1, as in HTML
        ("p", "Delegates from Cambodia and Viet Nam presented their national data systems."),
        ("h3", "15 May: Field visit"),
        ("p", "Participants visited the immigration office on 15 May."),
    ]
    assert all(b.page == 1 for b in page.blocks)
    assert page.language == "en"


def test_sections_of_a_pdf_carry_their_pages_and_dates() -> None:
    second = [pdfs.heading("2. Closing session", 14), pdfs.body("The workshop closed on 16 May.")]
    first = [*REPORT, pdfs.body("They met the director of the office.")]
    segmented = segment(read(pdfs.pdf([first, second])))
    by_heading = {s.heading: s for s in segmented.sections}
    assert segmented.period is not None and segmented.period.start == "2024-05-14"
    assert by_heading["Regional Workshop on Migration Data"].pages == (1, 1)
    assert by_heading["15 May: Field visit"].pages == (1, 1)
    assert by_heading["15 May: Field visit"].date.value == "2024-05-15"
    assert by_heading["2. Closing session"].pages == (2, 2)


def test_a_paragraph_running_over_a_page_break_spans_both_pages() -> None:
    first = [pdfs.heading("Annual Report 2023", 20), pdfs.heading("Activities", 14)]
    first += [pdfs.body(f"Line {i} of the activities of the year.") for i in range(52)]
    second = [pdfs.body("The last line of the activities.")]
    sections = segment(read(pdfs.pdf([first, second]))).sections
    activities = next(s for s in sections if s.heading == "Activities")
    assert activities.pages == (1, 2)


def test_running_header_footer_and_page_numbers_never_reach_the_text() -> None:
    pages = [[pdfs.heading("Programme Report", 18), pdfs.body("The first page of the report.")]]
    pages += [[pdfs.body(f"Page {n} tells of the programme's work.")] for n in (2, 3, 4)]
    for size in (8.0, pdfs.BODY):  # small print, and repeated at the body's own size
        data = pdfs.pdf(
            pages,
            header="Programme Report 2024 | Training Centre",
            footer=lambda n, count: f"Page {n} of {count}",
            furniture_size=size,
        )
        page = read(data)
        text = "\n".join(b.text for b in page.blocks)
        assert "Training Centre" not in text and "of 4" not in text, size
        assert [b.text for b in page.blocks][-1] == "Page 4 tells of the programme's work."


def test_a_one_page_pdf_loses_its_small_print_header_but_keeps_its_text() -> None:
    data = pdfs.pdf(
        [[pdfs.heading("Press release", 18), pdfs.body("The centre opens on 3 June 2024.")]],
        header="6/3/24, 10:15 AM Press release | Centre",
        footer=lambda n, count: f"https://example.org/press/2024-06-03 {n}/{count}",
    )
    page = read(data)
    assert [b.text for b in page.blocks] == ["The centre opens on 3 June 2024."]


def test_two_columns_are_read_left_column_first_whatever_the_drawing_order() -> None:
    left = [
        "The first column opens the report and",
        "goes on for a few lines about the",
        "training course held in Tokyo for",
        "officials of eight countries.",
    ]
    right = [
        "The second column follows it and",
        "tells of the field visits the",
        "participants made to two cities",
        "in the second week of the course.",
    ]
    data = pdfs.two_columns(left, right, title="Course Report", after=["A closing line."])
    blocks = [b.text for b in read(data).blocks]
    assert blocks == [
        " ".join(left),
        " ".join(right),
        "A closing line.",
    ]


def test_a_table_rows_cells_are_read_row_by_row_as_the_html_stage_reads_them() -> None:
    rows = [("14 May", "Opening", "Bangkok"), ("15 May", "Field visit", "Ayutthaya")]
    cells = [
        (x, 700 - 16 * i, cell)
        for i, row in enumerate(rows)
        for x, cell in zip((56, 200, 360), row, strict=True)
    ]
    page = read(pdfs.placed("Schedule", cells))
    assert [(b.text, b.tag, b.in_table) for b in page.blocks] == [
        (cell, "td", True) for row in rows for cell in row
    ]


def test_an_unruled_tables_wrapped_row_is_one_row_when_a_cell_is_centred_in_it() -> None:
    # A browser prints an HTML table's cells centred in their row: a row whose long cells wrap
    # onto two lines has its one-line cells half a line between those two. Cells sit only a
    # word gap apart (narrow padding), and the table's columns are not a page's gutter.
    lines = []
    for top, (number, course, period, who) in zip(
        (700, 660, 620, 580),
        [
            (
                "1",
                ("Integrated Coastal Zone", "Management (JICA)"),
                ("Jun. 5 – Jul.", "14"),
                ("9 (Fiji, Indonesia, Kenya,", "Mozambique, Viet Nam)"),
            ),
            (
                "2",
                ("Marine Plastic Litter", "Monitoring (JICA)"),
                ("Sep. 25 –", "Oct. 20"),
                ("11 (Maldives, Samoa,", "Solomon Islands, Tonga)"),
            ),
            (
                "3",
                ("Oil Spill Preparedness", "and Response"),
                ("Nov. 6 – 10",),
                ("7 (Bangladesh, Myanmar)",),
            ),
            (
                "4",
                ("Mangrove Ecosystem", "Restoration (JICA)"),
                ("Feb. 13 –", "Mar. 1"),
                ("8 (Ecuador, Honduras,", "Madagascar, Tanzania)"),
            ),
        ],
        strict=True,
    ):
        for x, cell in ((56, (number,)), (80, course), (200, period), (262, who)):
            first = top - 6 * (2 - len(cell))  # a one-line cell in the middle of the row
            lines += [(x, first - 12 * k, text) for k, text in enumerate(cell)]
    page = read(pdfs.placed("Training Courses Conducted", lines))
    cells = [b.text for b in page.blocks]
    assert cells[:8] == [
        "1",
        "Integrated Coastal Zone Management (JICA)",
        "Jun. 5 – Jul. 14",
        "9 (Fiji, Indonesia, Kenya, Mozambique, Viet Nam)",
        "2",
        "Marine Plastic Litter Monitoring (JICA)",
        "Sep. 25 – Oct. 20",
        "11 (Maldives, Samoa, Solomon Islands, Tonga)",
    ]
    assert cells[8:12] == [
        "3",
        "Oil Spill Preparedness and Response",
        "Nov. 6 – 10",
        "7 (Bangladesh, Myanmar)",
    ]
    assert all(b.in_table for b in page.blocks)


def test_bullets_are_list_items_and_bold_body_lines_are_labels() -> None:
    lines = [
        pdfs.heading("Outcomes", 18),
        ("Key results", pdfs.BODY, True),
        pdfs.body("• A national action plan was drafted."),
        pdfs.body("• Two ministries signed a memorandum."),
    ]
    page = read(pdfs.pdf([lines]))
    assert [(b.text, b.in_list, b.bold) for b in page.blocks] == [
        ("Key results", False, True),
        ("A national action plan was drafted.", True, False),
        ("Two ministries signed a memorandum.", True, False),
    ]


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["the inter-", "national office"], "the international office"),
        (["the partici-", "pants met"], "the participants met"),
        (["a long-", "term plan"], "a long-term plan"),  # the compound is the common spelling
        (["the Co-", "Creation Program"], "the Co-Creation Program"),
        (["Félix Houphouët-", "Boigny University"], "Félix Houphouët-Boigny University"),
        (["from 2019-", "2020 onwards"], "from 2019-2020 onwards"),
        (["a soft hy\u00ad", "phen"], "a soft hyphen"),
        (["no hyphen", "here"], "no hyphen here"),
    ],
)
def test_words_hyphenated_at_a_line_end_are_joined(lines: list[str], joined: str) -> None:
    assert join_lines(lines) == joined


def test_hyphenated_word_in_a_drawn_pdf_is_joined() -> None:
    lines = [
        pdfs.heading("Report", 18),
        pdfs.body("The participants discussed the coop-"),
        pdfs.body("eration between the two agencies."),
    ]
    page = read(pdfs.pdf([lines]))
    assert page.blocks[0].text == (
        "The participants discussed the cooperation between the two agencies."
    )


def test_title_from_document_information_when_meaningful() -> None:
    lines = [pdfs.body("A short note without a heading, written on 2 May 2024.")]
    assert read(pdfs.pdf([lines], title="Note on the 2024 survey")).title == (
        "Note on the 2024 survey"
    )
    assert read(pdfs.pdf([lines], title="Microsoft Word - note_final.docx")).title is None
    # a printed web page's <title> loses to the headline the page shows
    shown = [pdfs.heading("Workshop on Data", 20), *lines]
    assert read(pdfs.pdf([shown], title="Event Report | Site")).title == "Workshop on Data"


def test_the_title_heading_is_the_one_the_document_information_names() -> None:
    lines = [
        pdfs.heading("Activity Reports", 22),  # a section banner, set larger than the title
        pdfs.heading("Report on the Study Visit of the Delegation on Juvenile Justice", 18),
        pdfs.body("Posted: 2019/11/25"),
        pdfs.body("The centre received a delegation of seven officials from the Ministry of"),
        pdfs.body("Justice, the courts and the police for a study visit of five days."),
    ]
    info = "Study Visit of the Delegation on Juvenile Justice (2019) | Activity Reports | Site"
    page = read(pdfs.pdf([lines], title=info))
    assert page.title == "Report on the Study Visit of the Delegation on Juvenile Justice"
    assert read(pdfs.pdf([lines])).title == "Activity Reports"  # without it: the largest


def test_a_heading_after_the_lead_paragraph_is_no_title() -> None:
    lines = [
        pdfs.body("Posted: 03.04.2024"),
        pdfs.body("The centre invites applications for its two-week summer school on water"),
        pdfs.body("cooperation, organised with two universities in Germany and the Netherlands,"),
        pdfs.body("for mid-career professionals from ministries and river basin bodies."),
        pdfs.body(""),
        pdfs.heading("Who can apply", 16),
        pdfs.body("Professionals from ministries and river basin organisations."),
    ]
    page = read(pdfs.pdf([lines], title="Call for Applications: Summer School 2024 | Centre"))
    assert page.title == "Call for Applications: Summer School 2024"
    assert page.blocks[-2].text == "Who can apply" and page.blocks[-2].level


def test_link_dense_lines_are_navigation() -> None:
    lines = [
        pdfs.heading("Annual Report 2023", 18),
        pdfs.body("Home   About   Programmes   News"),
        pdfs.body(""),
        pdfs.body("The centre trained 420 officials from 31 countries in 2023."),
    ]
    page = read(pdfs.pdf([lines], links=[("https://example.org/", 1)]))
    assert [b.text for b in page.blocks] == [
        "The centre trained 420 officials from 31 countries in 2023."
    ]


def test_the_pdf_language_tag_decides_day_first_dates() -> None:
    lines = [pdfs.heading("News", 18), pdfs.body("Posted: 07/03/2022")]
    british = read(pdfs.pdf([lines], lang="en-GB"))
    assert british.day_first and british.language == "en"
    assert segment(british).published == "2022-03-07"
    assert segment(read(pdfs.pdf([lines], lang="en-US"))).published == "2022-07-03"


def test_encrypted_pdf_with_a_user_password_is_rejected() -> None:
    data = pdfs.pdf([REPORT], encrypt=StandardEncryption("secret", ownerPassword="owner"))
    with pytest.raises(errors.EncryptedPdf, match="user password"):
        read(data)


def test_pdf_with_only_an_owner_password_is_read() -> None:
    locked = StandardEncryption("", ownerPassword="owner", canPrint=0, canCopy=0)
    page = read(pdfs.pdf([REPORT], encrypt=locked))
    assert page.title == "Regional Workshop on Migration Data"


def test_scanned_pdf_has_no_text_layer() -> None:
    with pytest.raises(errors.NoTextLayer, match="OCR is out of scope"):
        read(pdfs.scanned())


@pytest.mark.parametrize("cut", [0.3, 0.02])
def test_truncated_pdf_is_bad_or_read_as_far_as_it_goes(cut: float) -> None:
    data = pdfs.pdf([REPORT, REPORT])
    short = data[: int(len(data) * cut)]
    with pytest.raises((errors.BadPdf, errors.NoTextLayer)):
        read(short)


def test_garbage_after_a_pdf_header_is_a_bad_pdf() -> None:
    with pytest.raises(errors.BadPdf, match="cannot be opened"):
        read(b"%PDF-1.7\n" + b"\x00garbage" * 100)


def test_too_many_pages() -> None:
    data = pdfs.pdf([[pdfs.body(f"Page {n}.")] for n in range(5)])
    with pytest.raises(errors.TooManyPages, match="5 pages, over the limit of 3"):
        read(data, max_pages=3)


def test_too_much_text_is_refused_like_a_decompression_bomb() -> None:
    data = pdfs.pdf([REPORT] * 3)
    with pytest.raises(errors.TooLarge, match="over 500 characters"):
        read_pdf(data, MAX_PAGES, 500)


def test_a_decompression_bomb_stops_before_its_text_is_read() -> None:
    data = pdfs.bomb(3_000_000)
    assert len(data) < 20_000
    with pytest.raises(errors.TooLarge, match="over 1000000 characters by page 1"):
        read_pdf(data, MAX_PAGES, 1_000_000)


# --- through the pipeline: folders, WARC files, the records -----------------------------------


@pytest.mark.model
def test_a_folder_of_html_and_pdf_gives_records_with_pages(tmp_path, pipeline) -> None:
    import json
    import shutil

    from extractor.run.driver import run_corpus
    from extractor.run.options import RunOptions
    from tests.conftest import CORPORA

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(CORPORA / "seed-fy2024-kccp.html", folder / "a.html")
    second = [pdfs.heading("2. Closing session", 14), pdfs.body("The workshop closed on 16 May.")]
    (folder / "b.pdf").write_bytes(pdfs.pdf([REPORT, second]))
    (folder / "c.pdf").write_bytes(pdfs.scanned())
    out = tmp_path / "out"
    run_corpus([str(folder)], out, options=RunOptions(progress=False))
    documents = [json.loads(line) for line in (out / "documents.jsonl").open()]
    sections = [json.loads(line) for line in (out / "sections.jsonl").open()]
    rejects = [json.loads(line) for line in (out / "rejects.jsonl").open()]
    html, pdf = documents
    assert (html["source"]["media_type"], html["page_count"]) == ("text/html", None)
    assert (pdf["source"]["media_type"], pdf["page_count"]) == ("application/pdf", 2)
    assert pdf["source"]["encoding"] is None
    assert {c["name"] for c in pdf["entities"]["countries"]} >= {"Thailand", "Cambodia"}
    assert any(o["acronym"] == "IOM" for o in pdf["entities"]["orgs"])
    pages = {s["heading"]: s["pages"] for s in sections if s["doc_id"] == pdf["doc_id"]}
    assert pages["2. Closing session"] == {"first": 2, "last": 2}
    assert all(s["pages"] is None for s in sections if s["doc_id"] == html["doc_id"])
    [scan] = rejects
    assert (scan["error"], scan["stage"]) == ("no_text_layer", "pdf")
    assert "OCR" in scan["message"]


@pytest.mark.model
def test_a_pdf_response_in_a_warc_is_an_input(tmp_path, pipeline) -> None:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from extractor.inputs import load

    path = tmp_path / "crawl.warc.gz"
    data = pdfs.pdf([REPORT])
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, kind, body in (
            ("https://example.org/report.pdf", "application/pdf", data),
            ("https://example.org/logo.png", "image/png", b"\x89PNG"),
        ):
            http = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), length=len(body), http_headers=http
            )
            writer.write_record(record)
    [ref] = load.discover([str(path)])
    assert ref.url == "https://example.org/report.pdf"
    [result] = list(pipeline.run([ref]))
    assert result.document.source.media_type == "application/pdf"
    assert result.document.title == "Regional Workshop on Migration Data"
    assert result.document.source.warc_offset is not None


# --- a page printed by a browser: the print header and footer never reach a section ------------


@pytest.mark.model
@pytest.mark.skipif(
    __import__("shutil").which("chromium") is None, reason="Chromium is not installed"
)
def test_a_page_printed_by_chromium_keeps_its_sections_and_loses_the_print_furniture(
    tmp_path, pipeline
) -> None:
    from extractor.evaluate.printed import FURNITURE, printed
    from tests.conftest import CORPORA

    page = CORPORA / "seed-fy2024-kccp.html"
    pdf = printed(page, tmp_path, "chromium").read_bytes()
    [html] = list(pipeline.run_bytes([(page.read_bytes(), str(page))]))
    [result] = list(pipeline.run_bytes([(pdf, "seed.pdf")]))
    assert result.document.page_count and result.document.page_count > 1
    assert result.document.title == html.document.title
    assert [s.heading for s in result.sections] == [s.heading for s in html.sections]
    assert [s.date for s in result.sections] == [s.date for s in html.sections]
    assert not any(FURNITURE.search(s.text) for s in result.sections)
    assert result.sections[-1].pages.last == result.document.page_count


ENCRYPTED = Path(__file__).parent / "data" / "pdf"  # pypdf's test files (see its README)


@pytest.mark.parametrize("revision", ["r2", "r4-aes", "r6"])
def test_every_encryption_revision_with_a_user_password_is_rejected(revision: str) -> None:
    data = (ENCRYPTED / f"{revision}-user-password.pdf").read_bytes()
    with pytest.raises(errors.EncryptedPdf):
        read(data)


@pytest.mark.parametrize("revision", ["r2", "r4", "r6"])
def test_every_encryption_revision_with_only_an_owner_password_is_read(revision: str) -> None:
    page = read((ENCRYPTED / f"{revision}-owner-password.pdf").read_bytes())
    assert "encryption" in " ".join(b.text for b in page.blocks)


def test_a_stamp_at_the_very_edge_of_a_one_page_pdf_is_furniture() -> None:
    lines = [pdfs.heading("Seminar Report", 18), pdfs.body("The seminar met on 3 June 2024.")]
    data = pdfs.pdf([lines], header="Electronic Library Service", furniture_size=pdfs.BODY)
    assert [b.text for b in read(data).blocks] == ["The seminar met on 3 June 2024."]


def test_many_single_words_set_far_apart_are_a_line_not_a_table() -> None:
    words = "LAUREAT. Crowned with laurel. The laureatship was a degree".split()
    # an OCR layer places each word on its own
    [block] = read(
        pdfs.placed("Glossary", [(56 + 52 * i, 700, w) for i, w in enumerate(words)])
    ).blocks
    assert (block.text, block.in_table) == (" ".join(words), False)


def test_olmocr_bench_tests_are_scored_on_the_pdf_text(tmp_path) -> None:
    import json

    from extractor.evaluate.olmocr import run_olmocr

    left = ["The first column opens the report and", "goes on about the training course"]
    left += ["held in Tokyo for officials of eight", "countries of the region in 2024."]
    right = ["The second column follows it and", "tells of the field visits the"]
    right += ["participants made to two cities", "in the second week of the course."]
    (tmp_path / "pdfs").mkdir()
    data = pdfs.two_columns(left, right, title="Course Report", after=["A closing line."])
    (tmp_path / "pdfs" / "a.pdf").write_bytes(data)
    tests = [
        {"pdf": "a.pdf", "type": "order", "before": left[3], "after": right[0]},
        {"pdf": "a.pdf", "type": "order", "before": right[0], "after": left[0]},  # fails
        {"pdf": "a.pdf", "type": "absent", "text": "Page 1"},
        {"pdf": "a.pdf", "type": "present", "text": "tells of the field visits"},
        {"pdf": "a.pdf", "type": "table", "cell": "ignored"},
    ]
    lines = "\n".join(json.dumps(t) for t in tests)
    (tmp_path / "tests.jsonl").write_text(lines, encoding="utf-8")
    report = run_olmocr(tmp_path, MAX_PAGES, MAX_CHARS)
    assert report.total == {"order": 2, "absent": 1, "present": 1}
    assert report.passed == {"order": 1, "absent": 1, "present": 1}
    assert len(report.failures) == 1 and report.failures[0].startswith("a.pdf order")


def test_a_page_that_cannot_be_loaded_costs_only_itself(monkeypatch) -> None:
    import pypdfium2 as pdfium

    real = pdfium.PdfDocument.__getitem__

    def broken_second(self, index):
        if index == 1:
            raise pdfium.PdfiumError("Failed to load page.")
        return real(self, index)

    monkeypatch.setattr(pdfium.PdfDocument, "__getitem__", broken_second)
    second = [pdfs.body("The second page is lost.")]
    page = read(pdfs.pdf([REPORT, second, [pdfs.body("The third page is read.")]]))
    texts = [b.text for b in page.blocks]
    assert "The third page is read." in texts and "The second page is lost." not in texts
    assert page.page_count == 3
    with pytest.raises(errors.BadPdf, match="no page of the PDF can be read"):
        monkeypatch.setattr(
            pdfium.PdfDocument, "__getitem__", lambda self, i: broken_second(self, 1)
        )
        read(pdfs.pdf([REPORT]))


def test_a_ruled_table_row_whose_cells_wrap_is_one_row() -> None:
    import io

    from reportlab.lib import colors
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    style = getSampleStyleSheet()
    cell = style["BodyText"]
    rows = [
        ["Date", "Session", "Venue"],
        [
            Paragraph("13 February – 1 March 2024", cell),
            Paragraph("Mangrove restoration course for officials of Ecuador and Honduras", cell),
            "Tokyo",
        ],
        ["2 March 2024", "Closing", "Osaka"],
    ]
    table = Table(rows, colWidths=[100, 200, 80])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    out = io.BytesIO()
    SimpleDocTemplate(out).build([Paragraph("Schedule", style["Title"]), table])
    page = read(out.getvalue())
    assert [b.text for b in page.blocks] == [
        "Date",
        "Session",
        "Venue",
        "13 February – 1 March 2024",
        "Mangrove restoration course for officials of Ecuador and Honduras",
        "Tokyo",
        "2 March 2024",
        "Closing",
        "Osaka",
    ]
    assert all(b.in_table for b in page.blocks)
