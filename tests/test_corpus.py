"""Corpus-wide organizations and co-occurrence edges (pure functions over parsed records)."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest

from extractor.research.network import OrgIndex, Span, corpus_orgs, org_id, section_edges


def doc(doc_id: str, orgs: list[tuple[str, str | None, int]], countries=(), duplicate_of=None):
    return {
        "doc_id": doc_id,
        "duplicate_of": duplicate_of,
        "entities": {
            "orgs": [{"name": n, "acronym": a, "mentions": m} for n, a, m in orgs],
            "countries": [{"iso2": c} for c in countries],
        },
    }


def resolve(*documents):
    index = OrgIndex()
    for document in documents:
        index.add(document)
    return index, index.resolve()


def test_variants_of_one_agency_across_documents_share_one_id():
    # The example: a plural s, a country qualifier, and an acronym defined elsewhere.
    _, ids = resolve(
        doc("d1", [("Immigration Services Agency", "ISA", 3)], countries=["JP"]),
        doc("d2", [("Immigration Service Agency of Japan", None, 1)], countries=["JP", "VN"]),
        doc("d3", [("ISA", "ISA", 2)], countries=["JP"]),
    )
    assert len(set(ids.values())) == 1


def test_unqualified_name_joins_the_country_its_document_mentions():
    _, ids = resolve(
        doc("jp", [("Ministry of Health of Japan", None, 1)], countries=["JP"]),
        doc("kh", [("Ministry of Health of Cambodia", None, 1)], countries=["KH"]),
        doc("a", [("Ministry of Health", None, 1)], countries=["KH", "TH"]),
    )
    japan = ids[("jp", "Ministry of Health of Japan", None)]
    cambodia = ids[("kh", "Ministry of Health of Cambodia", None)]
    assert japan != cambodia
    assert ids[("a", "Ministry of Health", None)] == cambodia


def test_unqualified_name_stays_apart_when_its_document_mentions_both_countries():
    _, ids = resolve(
        doc("jp", [("Ministry of Health of Japan", None, 1)], countries=["JP"]),
        doc("kh", [("Ministry of Health of Cambodia", None, 1)], countries=["KH"]),
        doc("both", [("Ministry of Health", None, 1)], countries=["JP", "KH"]),
    )
    assert len(set(ids.values())) == 3


def test_one_acronym_for_two_bodies_keeps_them_apart():
    _, ids = resolve(
        doc("a", [("Migrant Forum in Asia", "MFA", 2)]),
        doc("b", [("Ministry of Foreign Affairs", "MFA", 2)]),
        doc("c", [("MFA", "MFA", 1)]),  # bare and ambiguous: neither body
    )
    assert len(set(ids.values())) == 3


def test_same_acronym_for_names_that_share_only_half_their_words_stays_apart():
    _, ids = resolve(
        doc("a", [("Asian Development Bank", "ADB", 1)]),
        doc("b", [("African Development Bank", "ADB", 1)]),
    )
    assert len(set(ids.values())) == 2


def test_same_acronym_and_overlapping_names_merge():
    _, ids = resolve(
        doc("a", [("Japan International Cooperation Agency", "JICA", 2)]),
        doc("b", [("Japan International Cooperation Agency (Headquarters)", "JICA", 1)]),
        doc("c", [("JICA", "JICA", 4)]),
    )
    assert len(set(ids.values())) == 1


def test_ids_do_not_depend_on_document_order():
    documents = [
        doc("a", [("World Health Organization", "WHO", 2)]),
        doc("b", [("WHO", "WHO", 1), ("World Bank", None, 1)]),
        doc("c", [("World Health Organisation", None, 1)]),
    ]
    _, forward = resolve(*documents)
    _, backward = resolve(*reversed(documents))
    assert forward == backward
    assert forward[("a", "World Health Organization", "WHO")] == forward[("b", "WHO", "WHO")]
    assert forward[("c", "World Health Organisation", None)] == forward[("b", "WHO", "WHO")]
    assert all(value.startswith("org-") and len(value) == 16 for value in forward.values())


def test_duplicate_documents_are_left_out():
    index, ids = resolve(
        doc("a", [("Asian Development Bank", "ADB", 2)]),
        doc("b", [("Asian Development Bank", "ADB", 2)], duplicate_of="a"),
    )
    assert list(ids) == [("a", "Asian Development Bank", "ADB")]
    (record,) = corpus_orgs(index, ids, {})
    assert (record.documents, record.mentions) == (1, 2)


def test_corpus_record_prefers_full_names_and_counts_aliases():
    index, ids = resolve(
        doc("a", [("ILO", "ILO", 5)]),
        doc("b", [("International Labour Organization", "ILO", 2)]),
    )
    oid = ids[("b", "International Labour Organization", "ILO")]
    aliases = {oid: Counter({"ILO": 6, "International Labour Organization": 1})}
    (record,) = corpus_orgs(index, ids, aliases)
    assert (record.name, record.acronym, record.documents, record.mentions) == (
        "International Labour Organization",
        "ILO",
        2,
        7,
    )
    assert [(a.form, a.count) for a in record.aliases] == [
        ("ILO", 6),
        ("International Labour Organization", 1),
    ]
    assert [o.doc_id for o in record.occurrences] == ["a", "b"]


def mention(label: str, text: str, **fields):
    return {"label": label, "text": text, **fields}


def test_edges_of_a_hand_checked_section():
    """JICA twice, IOM once, Japan once, Viet Nam twice, in a section dated 5-7 March 2025."""
    ids = {("d", "JICA", "JICA"): "org-aaaaaaaaaaaa", ("d", "IOM", "IOM"): "org-bbbbbbbbbbbb"}
    names = {"org-aaaaaaaaaaaa": "JICA", "org-bbbbbbbbbbbb": "IOM"}
    section = {
        "doc_id": "d",
        "index": 2,
        "date": {"start": "2025-03-05", "end": "2025-03-07", "text": "5-7 March 2025"},
        "entities": [
            mention("ORG", "JICA", name="JICA", acronym="JICA"),
            mention("COUNTRY", "Japan", iso2="JP", iso3="JPN", name="Japan"),
            mention("ORG", "JICA", name="JICA", acronym="JICA"),
            mention("ORG", "IOM", name="IOM", acronym="IOM"),
            mention("COUNTRY", "Vietnam", iso2="VN", iso3="VNM", name="Viet Nam"),
            mention("COUNTRY", "Viet Nam", iso2="VN", iso3="VNM", name="Viet Nam"),
            mention("DATE", "5-7 March 2025", value="2025-03-05/2025-03-07"),
        ],
    }
    aliases: dict[str, Counter[str]] = defaultdict(Counter)
    edges = list(section_edges(section, ids, names, Span(None, None, None), aliases))
    got = [(e.kind, e.source_name, e.target_name, e.count) for e in edges]
    assert got == [
        ("country-country", "Japan", "Viet Nam", 1),
        ("org-country", "JICA", "Japan", 1),
        ("org-country", "JICA", "Viet Nam", 2),
        ("org-country", "IOM", "Japan", 1),
        ("org-country", "IOM", "Viet Nam", 1),
        ("org-org", "JICA", "IOM", 1),
    ]
    assert {(e.start, e.end, e.date_from, e.section) for e in edges} == {
        ("2025-03-05", "2025-03-07", "section", 2)
    }
    assert aliases["org-aaaaaaaaaaaa"] == Counter({"JICA": 2})


@pytest.mark.parametrize(
    ("fallback", "expected"),
    [
        (Span("2024-10", "2024-11", "document"), ("2024-10", "2024-11", "document")),
        (Span(None, None, None), (None, None, None)),
    ],
)
def test_undated_section_takes_its_document_period(fallback, expected):
    section = {
        "doc_id": "d",
        "index": 0,
        "date": None,
        "entities": [
            mention("COUNTRY", "Japan", iso2="JP", iso3="JPN", name="Japan"),
            mention("COUNTRY", "Nepal", iso2="NP", iso3="NPL", name="Nepal"),
        ],
    }
    (edge,) = section_edges(section, {}, {}, fallback)
    assert (edge.start, edge.end, edge.date_from) == expected


def test_org_id_is_a_hash_of_the_node():
    assert org_id(("name", "world bank", "")) == org_id(("name", "world bank", ""))
    assert org_id(("name", "world bank", "")) != org_id(("name", "world bank", "US"))


def test_a_name_another_document_defines_as_an_acronym_joins_that_body():
    _, ids = resolve(
        doc("a", [("UN Women", None, 1)]),
        doc(
            "b",
            [
                (
                    "United Nations Entity for Gender Equality and the Empowerment of Women",
                    "UN Women",
                    2,
                )
            ],
        ),
    )
    assert len(set(ids.values())) == 1


def test_an_unqualified_definition_never_joins_two_countries_bodies():
    _, ids = resolve(
        doc("jp", [("Ministry of Health of Japan", "MOH", 1)], countries=["JP"]),
        doc("ke", [("Ministry of Health of Kenya", "MOH", 1)], countries=["KE"]),
        doc("x", [("Ministry of Health", "MOH", 1)]),
    )
    japan, kenya = (
        ids[("jp", "Ministry of Health of Japan", "MOH")],
        ids[("ke", "Ministry of Health of Kenya", "MOH")],
    )
    assert japan != kenya
    assert ids[("x", "Ministry of Health", "MOH")] not in (japan, kenya)
