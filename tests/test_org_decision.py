"""Evidence on organization candidates, the decision over it, and how the decision is fit."""

from __future__ import annotations

import json

import pytest

from extractor.entities.orgs import decision as org_decision
from extractor.entities.orgs import names as orgs
from extractor.entities.orgs.evidence import (
    FEATURES,
    PAGE_FEATURES,
    OrgMentionAt,
    PageView,
    candidates,
)
from extractor.entities.orgs.train import _name_forms
from extractor.settings import Settings

TEXT = (
    "Hiroshi Sato met the Kalindra Water Agency (KWA) in Lyon. "
    "Sato said the KWA, a non-profit group, will work with Northwind Holdings Ltd on Monday."
)


def _at(text: str, source: str, nth: int = 0) -> OrgMentionAt:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(text, start + 1)
    return OrgMentionAt(0, start, start + len(text), source)


def _page() -> tuple[PageView, list[OrgMentionAt]]:
    found = [
        _at("Kalindra Water Agency", "acronym-definition"),
        _at("KWA", "acronym-definition"),
        _at("KWA", "acronym", 1),
        _at("Sato", "model", 1),
        _at("Northwind Holdings Ltd", "model"),
    ]
    labels = [
        (0, TEXT.index("Hiroshi Sato"), TEXT.index("Hiroshi Sato") + 12, "PERSON"),
        (0, TEXT.index("Lyon"), TEXT.index("Lyon") + 4, "GPE"),
        *((0, m.start, m.end, "ORG") for m in found if m.source == "model"),
    ]
    view = PageView(
        texts=[TEXT],
        blocks=[[(0, len(TEXT), "paragraph")]],
        labels=labels,
        defined=frozenset({"KWA"}),
    )
    return view, found


def _by_name() -> dict[str, dict[str, float]]:
    view, found = _page()
    names = orgs.canonicalize(
        [TEXT[m.start : m.end] for m in found], [("Kalindra Water Agency", "KWA")]
    )
    return {c.name: c.features for c in candidates(view, found, names)}


def test_candidates_merge_an_acronym_with_its_definition():
    view, found = _page()
    names = orgs.canonicalize(
        [TEXT[m.start : m.end] for m in found], [("Kalindra Water Agency", "KWA")]
    )
    found_names = [(c.name, c.acronym, len(c.mentions)) for c in candidates(view, found, names)]
    assert found_names == [
        ("Kalindra Water Agency", "KWA", 3),
        ("Northwind Holdings Ltd", None, 1),
        ("Sato", None, 1),
    ]


def test_evidence_reads_the_page():
    f = _by_name()
    agency, company, surname = f["Kalindra Water Agency"], f["Northwind Holdings Ltd"], f["Sato"]
    assert set(agency) == set(PAGE_FEATURES)
    # A bare word of a full name the model calls PERSON is a surname.
    assert surname["person_part"] == 1.0 and agency["person_part"] == 0.0
    assert agency["org_head"] == 1.0 and agency["acronym_defined"] == 1.0
    assert company["legal_suffix"] == 1.0
    # "Kalindra" is no English word; "Sato" is a rare one.
    assert agency["zipf_min"] == 0.0 and agency["rare_word"] == 1.0
    # "the KWA, a non-profit group," and "the Kalindra Water Agency"
    assert agency["body_appositive"] == pytest.approx(1 / 3)
    assert agency["the_before"] == pytest.approx(2 / 3)
    assert surname["said_after"] == 1.0
    assert company["ner_org"] == 1.0 and surname["ner_person"] == 0.0


PRODUCT_TEXT = (
    "Apple said sales rose. Buyers of a MacBook Pro with the new chip, and of the Apple TV, "
    "queued at the PPL Center. A Reuters reporter asked Walmart about the Apple TV."
)


def _product_features() -> dict[str, dict[str, float]]:
    spans = ["Apple", "MacBook Pro", "Apple TV", "PPL Center", "Reuters", "Walmart"]
    found = [
        OrgMentionAt(0, PRODUCT_TEXT.index(n), PRODUCT_TEXT.index(n) + len(n), "model")
        for n in spans
    ]
    view = PageView(
        texts=[PRODUCT_TEXT],
        blocks=[[(0, len(PRODUCT_TEXT), "paragraph")]],
        labels=[(0, m.start, m.end, "ORG") for m in found],
        defined=frozenset(),
    )
    names = orgs.canonicalize(spans, [])
    return {c.name: c.features for c in candidates(view, found, names)}


def test_product_and_company_evidence():
    f = _product_features()
    # Companies of the listed-company gazetteer (pytickersymbols), by name without the legal
    # suffix ("Apple Inc.", "Walmart"); a product or a stranger is none.
    assert f["Apple"]["listed_company"] == f["Walmart"]["listed_company"] == 1.0
    assert f["MacBook Pro"]["listed_company"] == f["Reuters"]["listed_company"] == 0.0
    # "a MacBook Pro with": a determiner no body's name takes, before a phrase that ends;
    # "A Reuters reporter" is a modifier, no evidence.
    assert f["MacBook Pro"]["determiner_before"] == 1.0
    assert f["Reuters"]["determiner_before"] == 0.0
    assert f["MacBook Pro"]["model_designator"] == 1.0 and f["Apple"]["model_designator"] == 0.0
    # A company's name and more words that are no body's head: its product.
    assert f["Apple TV"]["maker_product"] == 1.0 and f["Walmart"]["maker_product"] == 0.0
    # A venue named for a listed company.
    assert f["PPL Center"]["company_venue"] == 1.0 and f["Apple"]["company_venue"] == 0.0


def test_a_listed_company_is_known_by_its_short_name_when_that_is_no_common_word():
    assert orgs.is_listed_company("Ford") and orgs.is_listed_company("Ford Motor Company")
    assert not orgs.is_listed_company("General")  # General Motors: a common word alone
    assert not orgs.is_listed_company("MacBook Pro")


def test_company_key_drops_the_legal_suffix():
    assert orgs.company_key("Ford Motor Company") == "ford motor"
    assert orgs.company_key("Apple Inc.") == "apple"
    assert orgs.company_key("The Walt Disney Company") == "walt disney"
    assert orgs.company_key("Group") == "group"


@pytest.mark.parametrize(
    ("name", "given", "shaped"),
    [
        ("Anneliese Dodds", 1.0, 1.0),
        ("Moussa Faki Mahamat", 1.0, 1.0),
        ("Jean-Claude Juncker", 1.0, 1.0),
        # a given name that starts a body's name: the head and the suffix tell them apart
        ("Grace Foundation", 1.0, 0.0),
        ("Morgan Stanley Group", 1.0, 0.0),
        ("Kalindra Water Agency", 0.0, 0.0),
        ("NASA", 0.0, 0.0),
    ],
)
def test_person_name_evidence_reads_the_name_tables(name, given, shaped):
    from extractor.entities.orgs.evidence import _person_name_features

    words = name.split()
    f = _person_name_features(words, [w.lower() for w in words])
    assert (f["given_name_first"], f["person_shape"]) == (given, shaped)


def test_the_name_tables_hold_given_names_and_surnames_of_many_countries():
    from extractor.entities import lexicon

    names = lexicon.person_names()
    assert {"anneliese", "moussa", "hiroshi", "jean-claude"} <= names.given
    assert {"smith", "müller", "nowak", "dubois", "rossi"} <= names.surnames
    assert len(names.given) > 10_000 and "agency" not in names.given


def test_the_shipped_decision_prefers_a_defined_agency_to_a_surname():
    model = org_decision.load_model()
    f = _by_name()
    agency = model.confidence(f["Kalindra Water Agency"])
    surname = model.confidence(f["Sato"])
    assert 0.0 <= surname < agency <= 1.0
    kept = org_decision.Decision(
        agency, True, tuple(model.evidence(model.contributions(f["Kalindra Water Agency"]), True))
    )
    assert kept.evidence and all(isinstance(kind, str) for kind in kept.evidence)


def test_model_file_names_only_known_features_and_its_hash_is_in_the_config(tmp_path):
    shipped = org_decision.load_model()
    page_or_vector = {f for f in shipped.features if not f.startswith(org_decision.VECTOR_PREFIX)}
    assert page_or_vector <= set(FEATURES)
    data = json.loads(_shipped_text())
    data["intercept"] += 1.0
    other = tmp_path / "other.json"
    other.write_text(json.dumps(data), encoding="utf-8")
    assert Settings(org_model=str(other)).config_hash != Settings().config_hash
    assert Settings(min_org_confidence=0.7).config_hash != Settings().config_hash
    data["features"][0] = "no_such_feature"
    other.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="unknown features"):
        org_decision.model_from_json(other.read_text(encoding="utf-8"))


def _shipped_text() -> str:
    from importlib import resources

    return resources.files("extractor").joinpath("data", org_decision.MODEL_FILE).read_text("utf-8")


@pytest.mark.parametrize(
    ("mention", "forms"),
    [
        (
            "Durham University, United Kingdom",
            {"Durham University, United Kingdom", "Durham University"},
        ),
        ("the Royal Academy in the Louvre", {"Royal Academy in the Louvre", "Royal Academy"}),
        ("NASA's", {"NASA"}),
        ("The New York Times, which writes", {"New York Times, which writes", "New York Times"}),
    ],
)
def test_gum_mentions_give_their_name_forms(mention, forms):
    assert _name_forms(mention) == forms


def _labelled_set(name: str, shift: float):
    from extractor.entities.orgs.evidence import OrgCandidate
    from extractor.entities.orgs.train import LabelledPage, LabelledSet
    from extractor.evaluate.dev import Org

    pages = []
    for p in range(6):
        candidates, gold = [], []
        for i in range(8):
            is_org = (i + p) % 2 == 0
            features = dict.fromkeys(PAGE_FEATURES, 0.0)
            features.update(org_head=float(is_org), person_part=float(not is_org), words=i + shift)
            context = ["p1:the", "n1:said"] if is_org else ["p1:mr", "n1:,"]
            c = OrgCandidate(f"Name {p} {i}", None, features=features, contexts=[context])
            candidates.append(c)
            if is_org:
                gold.append(Org(name=c.name))
        pages.append(LabelledPage(f"{name}-{p}", candidates, gold))
    return LabelledSet(name, pages)


def test_fit_is_deterministic_and_learns_the_evidence():
    from extractor.entities.orgs.train import fit, score

    sets = [_labelled_set("a", 0.0), _labelled_set("b", 0.5)]
    first, second = fit(sets), fit(sets)
    assert json.dumps(first) == json.dumps(second)
    model = org_decision.model_from_json(json.dumps(first))
    coef = dict(zip(model.features, model.coef, strict=True))
    assert coef["org_head"] > 0 > coef["person_part"]
    tp, fp, fn = score(sets[0], first, 0.5)
    assert (tp, fp, fn) == (24, 0, 0)


LABEL_TEXT = (
    "This is AMERICAN MOSAIC from VOA. UNICEF and the WORLD HEALTH ORGANIZATION met. "
    "ECONOMICS REPORT - Trade Dispute Over Boeing."
)


def test_label_shapes_are_evidence():
    spans = ["AMERICAN MOSAIC", "UNICEF", "WORLD HEALTH ORGANIZATION", "ECONOMICS REPORT - Trade"]
    found = [
        OrgMentionAt(0, LABEL_TEXT.index(n), LABEL_TEXT.index(n) + len(n), "model") for n in spans
    ]
    view = PageView(
        texts=[LABEL_TEXT],
        blocks=[[(0, len(LABEL_TEXT), "paragraph")]],
        labels=[(0, m.start, m.end, "ORG") for m in found],
        defined=frozenset(),
    )
    f = {c.name: c.features for c in candidates(view, found, orgs.canonicalize(spans, []))}
    # Capitals over common words and no head: a programme's label; an acronym or a body's
    # name in capitals is not.
    assert f["AMERICAN MOSAIC"]["caps_common"] == 1.0
    assert f["UNICEF"]["caps_common"] == f["WORLD HEALTH ORGANIZATION"]["caps_common"] == 0.0
    # A spaced dash between a headline's parts.
    assert f["ECONOMICS REPORT - Trade"]["odd_punct"] == 1.0
    assert f["AMERICAN MOSAIC"]["odd_punct"] == 0.0
