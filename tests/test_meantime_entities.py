"""Org and country gold converted from MEANTIME's CAT XML: the rules on a small inline document,
then sanity checks on the real meantime-en folder when it is present."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from extractor.evaluate import meantime_entities as me
from extractor.evaluate.dev import Org

ROOT = Path(__file__).resolve().parent.parent
MEANTIME_DIR = next(
    (
        d / "external" / "meantime-en"
        for d in (ROOT.parent / "shared", Path("/work/shared"))
        if (d / "external" / "meantime-en").is_dir()
    ),
    None,
)

SENTENCES = [
    "Boeing loses tanker deal",
    "March 6 , 2008",
    "The Government Accountability Office ( GAO ) upheld a protest by Boeing in the United States .",
    "The airline flew from Toulouse to the US with French and Air France crews .",
    "It said Ryanair would follow .",
]


def _tokens() -> str:
    lines, t_id = [], 0
    for sentence, text in enumerate(SENTENCES):
        for word in text.split():
            t_id += 1
            lines.append(
                f'<token number="{t_id - 1}" sentence="{sentence}" t_id="{t_id}">{word}</token>'
            )
    return "\n".join(lines)


def _mention(m_id: int, kind: str, first: int, last: int) -> str:
    anchors = "".join(f'<token_anchor t_id="{t}"/>' for t in range(first, last + 1))
    return f'<ENTITY_MENTION m_id="{m_id}" syntactic_type="{kind}">{anchors}</ENTITY_MENTION>'


# Token ids: sentence 2 runs from 9 ("The") to 25, sentence 3 from 26 ("The") to 40, and
# sentence 4 from 41 ("It") to 46.
CAT = f"""<?xml version="1.0" ?>
<Document doc_id="1" doc_name="1_Boeing_loses_tanker_deal" lang="en" url="http://example.org/1">
{_tokens()}
<Markables>
{_mention(1, "NAM", 1, 1)}
{_mention(2, "NAM", 20, 20)}
{_mention(3, "NAM", 9, 15)}
{_mention(4, "NAM", 22, 24)}
{_mention(5, "", 33, 33)}
{_mention(6, "NAM", 30, 30)}
{_mention(7, "NOM", 26, 27)}
{_mention(8, "PRO", 41, 41)}
{_mention(9, "PRE.NAM", 35, 35)}
{_mention(10, "PRE.NAM", 37, 38)}
{_mention(11, "NAM", 43, 43)}
<ENTITY TAG_DESCRIPTOR="Boeing" ent_type="ORG" m_id="100"/>
<ENTITY TAG_DESCRIPTOR="GAO" ent_type="ORG" m_id="101"/>
<ENTITY TAG_DESCRIPTOR="United States of America" ent_type="LOC" m_id="102"/>
<ENTITY TAG_DESCRIPTOR="Toulouse, France" ent_type="LOC" m_id="103"/>
<ENTITY TAG_DESCRIPTOR="the airline" ent_type="ORG" m_id="104"/>
<ENTITY TAG_DESCRIPTOR="France" ent_type="LOC" m_id="105"/>
<ENTITY TAG_DESCRIPTOR="Air France" ent_type="ORG" m_id="106"/>
<ENTITY TAG_DESCRIPTOR="Ryanair" ent_type="ORG" m_id="107"/>
</Markables>
<Relations>
<REFERS_TO r_id="1"><source m_id="1"/><source m_id="2"/><target m_id="100"/></REFERS_TO>
<REFERS_TO r_id="2"><source m_id="3"/><target m_id="101"/></REFERS_TO>
<REFERS_TO r_id="3"><source m_id="4"/><source m_id="5"/><target m_id="102"/></REFERS_TO>
<REFERS_TO r_id="4"><source m_id="6"/><target m_id="103"/></REFERS_TO>
<REFERS_TO r_id="5"><source m_id="7"/><source m_id="8"/><target m_id="104"/></REFERS_TO>
<REFERS_TO r_id="6"><source m_id="9"/><target m_id="105"/></REFERS_TO>
<REFERS_TO r_id="7"><source m_id="10"/><target m_id="106"/></REFERS_TO>
<REFERS_TO r_id="8"><source m_id="11"/><target m_id="107"/></REFERS_TO>
</Relations>
</Document>
"""


@pytest.fixture(scope="module")
def doc() -> me.CatDoc:
    return me.read_cat(CAT.encode())


def test_read_cat_links_mentions_to_their_entities(doc: me.CatDoc) -> None:
    assert doc.name == "1_Boeing_loses_tanker_deal"
    assert len(doc.tokens) == sum(len(s.split()) for s in SENTENCES)
    boeing = next(e for e in doc.entities if e.m_id == "100")
    assert boeing.ent_type == "ORG"
    assert [m.tokens[0].text for m in boeing.mentions] == ["Boeing", "Boeing"]
    assert doc.unlinked == ()


def test_gold_of_the_page_that_shows_sentences_0_to_3(doc: me.CatDoc) -> None:
    gold = me.build_gold(doc, sentences=4)
    assert gold.doc == "1_Boeing_loses_tanker_deal.html"
    # ORG with NAM mentions; "The" dropped and "( GAO )" kept apart as the acronym.
    assert gold.orgs == [
        Org(name="Boeing"),
        Org(name="Government Accountability Office", acronym="GAO"),
    ]
    # Named only as a modifier ("Air France crews"): optional. "The airline"/"It" (NOM and
    # PRO only) is no org at all, and Ryanair is in sentence 4, which the page does not show.
    assert gold.orgs_optional == ["Air France"]
    # A LOC sovereign state ("the United States", untyped "US"); Toulouse is a city; "French"
    # is a demonym of a country not otherwise named: optional.
    assert gold.countries == ["US"]
    assert gold.countries_optional == ["FR"]


def test_without_a_page_limit_every_sentence_counts(doc: me.CatDoc) -> None:
    assert Org(name="Ryanair") in me.build_gold(doc).orgs


def test_shown_sentences_counts_title_dateline_and_paragraphs() -> None:
    page = '<h1>T</h1><p class="dateline">Published: X</p><p>One.</p><p>Two.</p>'
    assert me.shown_sentences(page) == 4


@pytest.mark.parametrize(
    ("words", "kinds", "expected"),
    [
        ("Los Angeles based Northrop Grumman", "NAM", ("Northrop Grumman", None)),
        ("the United Kingdom 's Royal Air Force ( RAF", "NAM", ("Royal Air Force", "RAF")),
        ("European aircraft manufacturer , Airbus", "NAM", ("Airbus", None)),
        ("Chrysler , another U.S. car maker", "NAM", ("Chrysler", None)),
        ("the Bank of England", "NAM", ("Bank of England", None)),
        ("Wal - Mart", "NAM", ("Wal - Mart", None)),
        ("People 's Republic of China", "NAM", ("People's Republic of China", None)),
        ("the US automobile manufacturer", "", (None, None)),
    ],
)
def test_mention_name_takes_the_capitalized_head(
    words: str, kinds: str, expected: tuple[str | None, str | None]
) -> None:
    tokens = tuple(me.Token(str(i + 1), w, 2, i, i == 0) for i, w in enumerate(words.split()))
    named = me.mention_name(me.Mention("1", kinds, tokens))
    assert (named.name, named.acronym) == expected


def test_head_word_and_join_tokens() -> None:
    assert me.head_word("Royal Courts of Justice") == "courts"
    assert me.head_word("United States Senate") == "senate"
    assert me.join_tokens(["Apple", "Inc.", ",", "the", "Beatles", "'", "label"]) == (
        "Apple Inc., the Beatles' label"
    )
    assert me.join_tokens(["``", "New", "GM", "''", "(", "US$", "5", ")"]) == '"New GM" (US$5)'


# --- the real folder -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def folder() -> dict[str, me.Gold]:
    if MEANTIME_DIR is None:
        pytest.skip("shared meantime-en folder absent (../shared or /work/shared)")
    return me.load_folder(MEANTIME_DIR)


def _page_text(path: Path) -> str:
    body = path.read_text(encoding="utf-8").split("<body>", 1)[1]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_real_folder_counts_are_sane(folder: dict[str, me.Gold]) -> None:
    assert len(folder) == 120
    orgs = sum(len(g.orgs) for g in folder.values())
    countries = sum(len(g.countries) for g in folder.values())
    assert 150 <= orgs <= 260, orgs
    assert 60 <= countries <= 130, countries
    assert sum(bool(g.orgs) for g in folder.values()) >= 90  # most articles name a company
    assert all(len(set(g.countries)) == len(g.countries) for g in folder.values())


def test_real_folder_gold_is_written_on_its_page(folder: dict[str, me.Gold]) -> None:
    assert MEANTIME_DIR is not None
    missing = []
    for name, gold in folder.items():
        text = _page_text(MEANTIME_DIR / "html" / name)
        for org in gold.orgs:
            missing += [f"{name}: {k}" for k in (org.name, org.acronym) if k and k not in text]
    assert missing == []


def test_real_folder_is_deterministic(folder: dict[str, me.Gold]) -> None:
    assert MEANTIME_DIR is not None
    assert me.load_folder(MEANTIME_DIR) == folder
