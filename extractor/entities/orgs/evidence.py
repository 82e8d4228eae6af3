"""Evidence on a page's organization candidates: what the page itself says about each name.

A candidate is one organization of a page after the names were merged (orgs.canonicalize): its
canonical name and acronym and every mention the model, the rulers or an acronym definition
proposed. Its evidence comes from that page alone, so a document's record never depends on the
rest of the run:

- **label consistency**: the labels the model gave the same string elsewhere on the page; a
  string tagged PERSON twenty times and ORG twice is a person, and a bare word that is part of
  a person's full name ("Sato" after "Hiroshi Sato") is a surname;
- **heads**: the head noun of a body ("Agency", "Ministry of"), a legal suffix ("Ltd", "GmbH"),
  the head of a programme, law, event, product, index or work, an office or a title;
- **acronyms**: the name defined with an acronym on the page, or written only as one;
- **word frequency**: how common its words are in English (wordfreq's Zipf scale):
  "Budget Planning" is made of common words, "Kalindra" of none;
- **structure**: where the mentions stand: title and headings, captions, meta lines, lists,
  table cells, running text, and title-case lines;
- **context**: the words around the mentions: "the X", "at X", "X's director", "X, a
  non-profit", "Mr. X", "X, who";
- **source**: what proposed it (the model, the org_ruler, the gazetteer, a definition).

`features` turns the evidence into the named numbers the decision (decision.py) reads; the
kinds of evidence group them for the records (`EVIDENCE_KINDS`).
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from wordfreq import zipf_frequency

from extractor.entities import countries, lexicon, places
from extractor.entities.abbreviations import is_short_form
from extractor.entities.orgs import names as orgs

# The model's labels, grouped as evidence for (ORG) or against a body.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
WORK_LABELS = frozenset({"EVENT", "WORK_OF_ART", "LAW"})

# Legal suffixes and company words that end a company's name.
LEGAL_SUFFIXES = frozenset(
    "inc inc. incorporated ltd ltd. limited llc llp plc gmbh ag sa s.a. nv n.v. bv b.v. spa "
    "s.p.a. srl corp corp. corporation co co. company pty pte kk k.k. ab asa oy holdings "
    "group".split()
)
# Heads of things that are not bodies: products and services, indices, events and
# tournaments, storms and quakes, works. (The lexicon's not_org_head holds programmes, laws,
# events and documents.)
THING_HEADS = frozenset(
    "index indices average app apps phone phones console edition model series flight flights "
    "cup championship championships open tournament games olympics grand prix "
    "marathon award awards prize storm hurricane typhoon cyclone earthquake quake tsunami "
    "fire fires album book novel film movie show song documentary card cards curve".split()
)
# Heads of offices, job titles and titles won ("Attorney General", "Chief Negotiator", "Trade
# Commissioners", "International Master", "Most Valuable Player"): a person's post, not a body.
OFFICE_HEADS = frozenset(
    "general attorney inspector auditor solicitor prosecutor governor mayor president "
    "chairman chairwoman chairperson chair director spokesperson spokesman spokeswoman "
    "negotiator commissioner commissioners minister ministers secretary ambassador envoy "
    "chief officer officers adviser advisor coordinator representative rapporteur "
    "premier chancellor lawmaker senator master player champion laureate magistrate".split()
)
# Heads of venues and sites: a place where the text means where something happens.
VENUE_HEADS = frozenset(
    "arena stadium theater theatre hall amphitheater amphitheatre pavilion park center "
    "centre observatory museum gallery airport station square plaza garden gardens church "
    "cathedral temple mosque hotel resort club".split()
)
# Abbreviations that are not bodies: time zones, units, standards and devices.
NOT_BODY_ABBREVIATIONS = frozenset(
    "EST EDT CST CDT MST MDT PST PDT BST CET CEST GMT UTC JST IST AEST HP KW KWH MPH USB "
    "HDMI NAS SIM SSD LED LCD GPS PC TV AM FM PDF API CEO CFO CTO COO".split()
)
# Words before a person's name.
HONORIFICS = frozenset(
    "mr mr. mrs mrs. ms ms. dr dr. prof prof. sir dame lord lady president senator sen. rep. "
    "gov. governor judge justice coach mayor king queen prince princess pope "
    "chancellor premier sheikh general gen. colonel col. captain capt.".split()
)
WEEKDAYS_MONTHS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december".split()
)
# After a name: a role of, or a word about, a body ("X's director", "X headquarters").
_ORG_AFTER = re.compile(
    r"^(?:[’']s?\s+)?(?:own\s+)?(?:headquarters|hq|spokes(?:man|woman|person)|officials?|"
    r"director|chief|ceo|chairman|chairwoman|chair|president|board|members?|staff|employees|"
    r"executives?|secretariat|secretary-general|shareholders|subsidiary|branch|offices?)\b",
    re.I,
)
# An appositive that says what the name is: "X, a Malaysian NGO", "X, the country's largest bank".
_APPOSITIVE_BODY = re.compile(
    r"^\s*,\s+(?:a|an|the)\s+(?:[\w’'-]+\s+){0,5}?(?:company|firm|group|organi[sz]ation|"
    r"agency|ngo|charity|non-?profit|bank|university|institute|association|network|"
    r"foundation|union|party|body|coalition|alliance|manufacturer|maker|carrier|airline|"
    r"operator|retailer|publisher|broadcaster|newspaper|club|team|ministry|department|"
    r"council|committee|commission|authority|centre|center|think\s+tank)\b",
    re.I,
)
_BEFORE_PREPOSITION = re.compile(
    r"\b(?:at|from|by|with|of|for|to|between|and)\s+(?:the\s+)?$", re.I
)
_BEFORE_THE = re.compile(r"\bthe\s+$", re.I)
# A determiner a name of a body never takes, before a name that ends its noun phrase: a thing
# ("a MacBook with", "your Xbox One.", "the new iPad Pro"), not a modifier ("a Reuters
# reporter").
_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|your|my|our|their|his|her|new)\s+$", re.I)
_PHRASE_ENDS_AFTER = re.compile(
    r"^\s*(?:[,.;:!?)]|$|(?:with|and|or|for|that|which|to|in|on|at|is|was|will|can|has|had|"
    r"from|as|by|of|are|were|would|could|does|did|comes|costs|runs)\b)",
    re.I,
)
# A lowercase letter then a capital inside a word, past a "Mc"/"Mac" prefix of a surname.
_INTER_CAPS = re.compile(r"^(?!Ma?c[A-Z])[A-Za-z]*[a-z][A-Z]")
# Last words of a product's model name after its brand ("Xbox One", "iPad Pro", "Galaxy S").
MODEL_DESIGNATORS = frozenset("pro max plus mini ultra air lite se xl one neo duo".split())
_WHO_AFTER = re.compile(r"^\s*,?\s+who\b", re.I)
# A reference in academic text: "Prensky (2001)", "Prensky, 2001", "Devlin et al. 2019".
_CITATION_AFTER = re.compile(r"^(?:\s+et\s+al\.?)?\s*[,(]?\s*(?:19|20)\d\d\b")
_AT_BEFORE = re.compile(r"\b(?:at|in|inside|outside|near)\s+(?:the\s+)?$", re.I)
_SAID_AFTER = re.compile(r"^\s+(?:said|says|told|announced|reported|added)\b", re.I)
_WORD = re.compile(r"[^\W\d_][\w’'.&-]*")
_STOP = frozenset("of the and for on in at to a an & de du des la le der für y".split())
# Mentions the model must call ORG, and nothing else, for a name to count as consistently
# labelled.
CONSISTENT_ORG_COUNT = 2
# Context read on each side of a mention, in characters.
CONTEXT_CHARS = 60
# A line whose words of four letters or more are nearly all capitalized is a headline or label.
TITLE_CASE_SHARE = 0.8
TITLE_CASE_MIN_WORDS = 3
# Every word of a name in capitals at least this common for caps_common ("mosaic" 3.6).
CAPS_COMMON_MIN_ZIPF = 3.0
# Punctuation no name holds: a colon, bar, question mark, slash, or a spaced dash between a
# headline's parts ("ECONOMICS REPORT - Trade Dispute").
_ODD_PUNCT = re.compile(r"[:|?!;/]|\s[-\u2013\u2014]\s")
# Zipf value given to a name without any alphabetic word.
NO_WORD_ZIPF = 0.0

HEADING_BLOCKS = frozenset({"title", "heading"})

# The kind of evidence each feature belongs to, named in the records.
EVIDENCE_KINDS: dict[str, str] = {
    "ner_org": "label_consistency",
    "ner_person": "label_consistency",
    "ner_place": "label_consistency",
    "ner_product": "label_consistency",
    "ner_work": "label_consistency",
    "ner_norp": "label_consistency",
    "ner_seen": "label_consistency",
    "ner_org_count": "label_consistency",
    "consistent_org": "label_consistency",
    "person_part": "person_name",
    "honorific_before": "person_name",
    "given_name_first": "person_name",
    "given_name_only": "person_name",
    "surname_last": "person_name",
    "person_shape": "person_name",
    "who_after": "person_name",
    "org_head": "org_head",
    "legal_suffix": "legal_suffix",
    "gazetteer": "gazetteer",
    "listed_company": "gazetteer",
    "not_org_head": "not_org_head",
    "thing_head": "not_org_head",
    "position": "office",
    "generic": "generic_words",
    "acronym_defined": "acronym",
    "acronym_only": "acronym",
    "short_acronym": "acronym",
    "zipf_min": "word_frequency",
    "zipf_mean": "word_frequency",
    "zipf_max": "word_frequency",
    "rare_word": "word_frequency",
    "in_heading": "structure",
    "in_caption": "structure",
    "in_meta": "structure",
    "in_list": "structure",
    "in_table": "structure",
    "in_paragraph": "structure",
    "title_case_line": "structure",
    "the_before": "context",
    "preposition_before": "context",
    "org_after": "context",
    "body_appositive": "context",
    "said_after": "context",
    "possessive_after": "context",
    "src_model": "source",
    "src_ruler": "source",
    "src_gazetteer": "source",
    "src_definition": "source",
    "src_acronym": "source",
    "src_other": "source",
    "mentions": "frequency",
    "words": "shape",
    "single_word": "shape",
    "all_caps": "shape",
    "caps_common": "shape",
    "digit": "shape",
    "odd_punct": "shape",
    "date_word": "shape",
    "lower_first": "shape",
    "office_head": "office",
    "venue_head": "not_org_head",
    "not_body_abbreviation": "not_org_head",
    "maker_product": "product",
    "inter_caps": "shape",
    "determiner_before": "product",
    "model_designator": "product",
    "company_venue": "not_org_head",
    "citation_after": "context",
    "at_before": "context",
    "venue_at": "context",
    "caps_line": "structure",
    # From the mention model (org_decision.OrgModel.mention_features): how much the words of
    # the name and around its mentions look like an organization's.
    "mention_org_mean": "context_words",
    "mention_org_max": "context_words",
}
FEATURES: tuple[str, ...] = tuple(EVIDENCE_KINDS)
# Features the decision adds from its mention model; the others come from the page.
MENTION_FEATURES = ("mention_org_mean", "mention_org_max")
PAGE_FEATURES = tuple(f for f in FEATURES if f not in MENTION_FEATURES)


@dataclass(frozen=True)
class OrgMentionAt:
    """One proposed mention of a candidate: section, character offsets, what proposed it."""

    section: int
    start: int
    end: int
    source: str
    vector: tuple[float, ...] | None = field(default=None, compare=False)


@dataclass
class OrgCandidate:
    """One organization of a page before the decision, with its features."""

    name: str
    acronym: str | None
    mentions: list[OrgMentionAt] = field(default_factory=list)
    features: dict[str, float] = field(default_factory=dict)
    # Each mention's words and context as named indicators, read by the mention model.
    contexts: list[list[str]] = field(default_factory=list)
    # The ner's vectors of the mentions that have one, averaged; empty when none is kept.
    vector: tuple[float, ...] = ()

    @property
    def key(self) -> tuple[str, str | None]:
        return self.name, self.acronym


@dataclass(frozen=True)
class PageView:
    """What the evidence reads of a page: section texts, their lines (start, end, kind), the
    model's labels of every entity (section, start, end, label) and the page's acronyms."""

    texts: Sequence[str]
    blocks: Sequence[Sequence[tuple[int, int, str]]]
    labels: Sequence[tuple[int, int, int, str]]
    defined: frozenset[str]


def candidates(
    view: PageView, found: Iterable[OrgMentionAt], names: dict[str, orgs.OrgName]
) -> list[OrgCandidate]:
    """The page's organizations, each with its mentions and features, in name order."""
    by_key: dict[tuple[str, str | None], OrgCandidate] = {}
    for m in found:
        org = names[view.texts[m.section][m.start : m.end]]
        by_key.setdefault((org.name, org.acronym), OrgCandidate(org.name, org.acronym))
        by_key[(org.name, org.acronym)].mentions.append(m)
    evidence = _PageEvidence(view)
    result = sorted(by_key.values(), key=lambda c: (c.name, c.acronym or ""))
    evidence.org_names |= {_fold(c.name) for c in result}
    for c in result:
        c.features = evidence.features(c)
        c.contexts = [mention_context(view.texts[m.section], m.start, m.end) for m in c.mentions]
        c.vector = _mean_vector([m.vector for m in c.mentions if m.vector is not None])
    return result


# Words read on each side of a mention by the mention model.
CONTEXT_WORDS = 3
_TOKEN = re.compile(r"[^\W_][\w’'.&-]*|[^\w\s]")


def mention_context(text: str, start: int, end: int) -> list[str]:
    """A mention as named indicators: its words, their shape, and the words around it in its
    line ("w:agency", "last:agency", "shape:Xx Xx", "p1:the", "n1:said", "n12:said_on")."""
    name = text[start:end]
    words = [w.lower() for w in _WORD.findall(name)] or [name.lower()]
    line_start = max(
        text.rfind("\n", max(0, start - CONTEXT_CHARS), start) + 1, start - CONTEXT_CHARS
    )
    line_end = text.find("\n", end, end + CONTEXT_CHARS)
    line_end = min(len(text), end + CONTEXT_CHARS) if line_end < 0 else line_end
    # The first and last tokens of the window may be cut words; three words fit in 60 chars.
    before = _TOKEN.findall(text[line_start:start])[-CONTEXT_WORDS:]
    after = _TOKEN.findall(text[end:line_end])[:CONTEXT_WORDS]
    before = ["<s>"] * (CONTEXT_WORDS - len(before)) + [_context_word(w) for w in before]
    after = [_context_word(w) for w in after] + ["</s>"] * (CONTEXT_WORDS - len(after))
    found = [f"w:{w}" for w in words]
    found += [f"first:{words[0]}", f"last:{words[-1]}", f"suf3:{words[-1][-3:]}"]
    found += [f"shape:{_shape(name)}", f"nw:{min(len(words), 5)}"]
    found += [f"p1:{before[-1]}", f"p2:{before[-2]}", f"p12:{before[-2]}_{before[-1]}"]
    found += [f"n1:{after[0]}", f"n2:{after[1]}", f"n12:{after[0]}_{after[1]}"]
    found += [f"pb:{w}" for w in before] + [f"nb:{w}" for w in after]
    return found


def _context_word(word: str) -> str:
    word = word.lower()
    return word.rstrip(".") if len(word) > 1 and word.count(".") == 1 else word


def _shape(name: str) -> str:
    """ "Xx Xx" for "Kalindra Agency", "X" for "KWA", "xX" for "iPhone", "Xd" for "A380"."""
    shape = re.sub(r"[A-Z]+", "X", name)
    shape = re.sub(r"[a-z]+", "x", shape)
    shape = re.sub(r"\d+", "d", shape)
    return shape[:12]


class _PageEvidence:
    """Page-wide tallies read once: label counts per string and the words of persons' names."""

    def __init__(self, view: PageView):
        self.view = view
        self.labels: dict[str, Counter[str]] = {}
        self.person_words: set[str] = set()
        for s, start, end, label in view.labels:
            text = view.texts[s][start:end]
            self.labels.setdefault(_fold(text), Counter())[label] += 1
            words = text.split()
            if label == "PERSON" and len(words) > 1:
                self.person_words.update(_fold(w) for w in words)
        self._lines: dict[tuple[int, int], tuple[str, bool, int]] = {}
        self._block_starts: dict[int, list[int]] = {}
        # The page's names of bodies: what the model calls ORG, and the candidates.
        self.org_names = {k for k, c in self.labels.items() if c["ORG"]}

    def features(self, c: OrgCandidate) -> dict[str, float]:
        view = self.view
        surfaces = {view.texts[m.section][m.start : m.end] for m in c.mentions}
        folded = {_fold(s) for s in surfaces | {c.name}}
        tally: Counter[str] = Counter()
        for form in folded:
            tally.update(self.labels.get(form, Counter()))
        seen = sum(tally.values())

        def share(labels: Iterable[str]) -> float:
            return sum(tally[label] for label in labels) / seen if seen else 0.0

        words = _WORD.findall(c.name)
        lower = [w.lower() for w in words]
        content = [w for w in lower if w not in _STOP]
        zipfs = [_zipf(w) for w in content] or [NO_WORD_ZIPF]
        sources = {m.source for m in c.mentions}
        has_head = bool(set(lower) & lexicon.words("org_head"))
        n = len(c.mentions)
        f: dict[str, float] = {
            "ner_org": share(["ORG"]),
            "ner_person": share(["PERSON"]),
            "ner_place": share(PLACE_LABELS),
            "ner_product": share(["PRODUCT"]),
            "ner_work": share(WORK_LABELS),
            "ner_norp": share(["NORP"]),
            "ner_seen": math.log1p(seen),
            "ner_org_count": math.log1p(tally["ORG"]),
            # The model calls it ORG again and again and never anything else: a company named
            # by one word in business news ("Chrysler"), not a person or a product.
            "consistent_org": float(tally["ORG"] >= CONSISTENT_ORG_COUNT and tally["ORG"] == seen),
            "person_part": float(len(words) == 1 and lower[0] in self.person_words),
            **_person_name_features(words, lower),
            "org_head": float(has_head),
            "legal_suffix": float(bool(lower) and lower[-1] in LEGAL_SUFFIXES),
            "gazetteer": float(orgs.org_key(c.name) in _known_keys()),
            "listed_company": float(
                any(orgs.is_listed_company(n) for n in (c.name, c.acronym) if n)
            ),
            "not_org_head": float(bool(lower) and lower[-1] in lexicon.words("not_org_head")),
            "thing_head": float(bool(lower) and lower[-1] in THING_HEADS),
            "position": float(bool(set(lower) & lexicon.words("position"))),
            "generic": float(bool(content) and all(w in lexicon.words("generic") for w in content)),
            "acronym_defined": float(c.acronym is not None and c.acronym in view.defined),
            "acronym_only": float(is_short_form(c.name) and " " not in c.name),
            # Two capitals the page never defines ("CT", "RD", "IG"): an abbreviation of a
            # scan, a credential or a post as often as of a body.
            "short_acronym": float(
                len(c.name) <= 2 and c.name.isupper() and c.name not in view.defined
            ),
            "zipf_min": min(zipfs),
            "zipf_mean": sum(zipfs) / len(zipfs),
            "zipf_max": max(zipfs),
            "rare_word": float(min(zipfs) < 2.5),
            "src_model": float("model" in sources),
            "src_ruler": float("ruler" in sources),
            "src_gazetteer": float("gazetteer" in sources),
            "src_definition": float("acronym-definition" in sources),
            "src_acronym": float("acronym" in sources),
            "src_other": float(bool(sources - _NAMED_SOURCES)),
            "mentions": math.log1p(n),
            "words": float(len(words)),
            "single_word": float(len(words) == 1),
            "all_caps": float(c.name.isupper()),
            # Capitals over common words and no body's head ("AMERICAN MOSAIC", "ECONOMICS
            # REPORT"): a programme's or a heading's label, where an acronym is no word.
            "caps_common": float(
                c.name.isupper()
                and len(content) >= 2
                and min(zipfs) >= CAPS_COMMON_MIN_ZIPF
                and not has_head
            ),
            "digit": float(any(ch.isdigit() for ch in c.name)),
            "odd_punct": float(bool(_ODD_PUNCT.search(c.name))),
            "date_word": float(bool(set(lower) & WEEKDAYS_MONTHS)),
            "lower_first": float(c.name[:1].islower()),
            "office_head": float(bool(lower) and lower[-1] in OFFICE_HEADS),
            "venue_head": float(bool(lower) and lower[-1] in VENUE_HEADS),
            "not_body_abbreviation": float(
                c.name.rstrip("s") in NOT_BODY_ABBREVIATIONS
                or (c.acronym or "") in NOT_BODY_ABBREVIATIONS
            ),
            "maker_product": float(self._maker_product(words)),
            "model_designator": float(len(words) > 1 and lower[-1] in MODEL_DESIGNATORS),
            # A capital inside a word ("MacBook", "AirPods", "PayPal"): brands of products and
            # of companies alike; the decision weighs it with the rest.
            "inter_caps": float(any(_INTER_CAPS.search(w) for w in words)),
            "company_venue": float(
                bool(lower) and lower[-1] in VENUE_HEADS and self._company_first(words)
            ),
        }
        f.update(self._where(c.mentions))
        f["venue_at"] = f["venue_head"] * f["at_before"]
        return f

    def _maker_product(self, words: Sequence[str]) -> bool:
        """A name that is another of the page's names, or a listed company's, followed by
        more words that are no body's head, connector or place ("Apple TV", "Amazon Music
        Unlimited", "Microsoft xCloud"; not "Ministry of Labour and Vocational Training" or
        "HomeNet South Asia")."""
        if len(words) < 2:
            return False
        for cut in range(1, len(words)):
            head, rest = " ".join(words[:cut]), [w.lower() for w in words[cut:]]
            if set(rest) & (lexicon.words("org_head") | _STOP | LEGAL_SUFFIXES):
                continue
            if words[cut - 1].lower() in _STOP:
                continue
            tail = " ".join(words[cut:])
            if any(places.is_place(t) or countries.resolve(t) for t in (head, tail)):
                continue
            if countries.demonym(tail):
                continue
            if _fold(head) in self.org_names or orgs.is_listed_company(head):
                return True
        return False

    def _company_first(self, words: Sequence[str]) -> bool:
        """The name's first words name a company, of the page or a listed one: a venue or a
        product named for its sponsor or maker ("PPL Center")."""
        for cut in range(1, len(words)):
            head = " ".join(words[:cut])
            if _fold(head) in self.org_names or orgs.is_listed_company(head):
                return True
        return False

    def _starts(self, section: int) -> list[int]:
        if section not in self._block_starts:
            self._block_starts[section] = [b[0] for b in self.view.blocks[section]]
        return self._block_starts[section]

    def _line_at(self, section: int, at: int) -> tuple[str, bool, int]:
        """The kind of the line a mention stands in, whether it is a title-case line, and its
        number of letters when all are capitals (else 0); each line is read once."""
        text = self.view.texts[section]
        blocks = self.view.blocks[section]  # in text order
        i = bisect.bisect_right(self._starts(section), at) - 1
        inside = i >= 0 and blocks[i][0] <= at < blocks[i][1]
        block = blocks[i] if inside else (0, len(text), "paragraph")
        key = (section, block[0])
        if key not in self._lines:
            line = text[block[0] : block[1]]
            letters = [ch for ch in line if ch.isalpha()]
            caps = len(letters) if letters and all(ch.isupper() for ch in letters) else 0
            self._lines[key] = (block[2], _title_case(line), caps)
        return self._lines[key]

    def _where(self, mentions: Sequence[OrgMentionAt]) -> dict[str, float]:
        """Shares of the mentions by the line they stand in and the words around them."""
        counts: Counter[str] = Counter()
        for m in mentions:
            text = self.view.texts[m.section]
            kind, title_case, caps = self._line_at(m.section, m.start)
            counts[
                "in_heading"
                if kind in HEADING_BLOCKS
                else f"in_{_KIND_FEATURE.get(kind, 'paragraph')}"
            ] += 1
            counts["title_case_line"] += title_case
            before = text[max(0, m.start - CONTEXT_CHARS) : m.start]
            after = text[m.end : m.end + CONTEXT_CHARS]
            counts["the_before"] += bool(_BEFORE_THE.search(before))
            counts["determiner_before"] += bool(
                _DETERMINER_BEFORE.search(before) and _PHRASE_ENDS_AFTER.match(after)
            )
            counts["preposition_before"] += bool(_BEFORE_PREPOSITION.search(before))
            counts["honorific_before"] += _honorific(before)
            counts["org_after"] += bool(_ORG_AFTER.match(after))
            counts["body_appositive"] += bool(_APPOSITIVE_BODY.match(after))
            counts["who_after"] += bool(_WHO_AFTER.match(after))
            counts["said_after"] += bool(_SAID_AFTER.match(after))
            counts["possessive_after"] += after.startswith(("'s", "’s"))
            counts["citation_after"] += bool(_CITATION_AFTER.match(after))
            counts["at_before"] += bool(_AT_BEFORE.search(before))
            own = sum(ch.isalpha() for ch in text[m.start : m.end])
            counts["caps_line"] += caps > own
        n = len(mentions) or 1
        return {name: counts[name] / n for name in _WHERE_FEATURES}


_KIND_FEATURE = {
    "caption": "caption",
    "meta": "meta",
    "list_item": "list",
    "table_cell": "table",
    "paragraph": "paragraph",
}
_WHERE_FEATURES = (
    "in_heading",
    "in_caption",
    "in_meta",
    "in_list",
    "in_table",
    "in_paragraph",
    "title_case_line",
    "the_before",
    "determiner_before",
    "preposition_before",
    "honorific_before",
    "org_after",
    "body_appositive",
    "who_after",
    "said_after",
    "possessive_after",
    "citation_after",
    "at_before",
    "caps_line",
)
_NAMED_SOURCES = frozenset({"model", "ruler", "gazetteer", "acronym-definition", "acronym"})


# A person's name: two to four title-case words, the first a given name, none a body's
# head, a legal suffix or a connector ("Anneliese Dodds", "Moussa Faki Mahamat").
PERSON_NAME_WORDS = (2, 4)


def _person_name_features(words: Sequence[str], lower: Sequence[str]) -> dict[str, float]:
    names = lexicon.person_names()
    given = len(words) > 1 and lower[0] in names.given
    shaped = (
        given
        and PERSON_NAME_WORDS[0] <= len(words) <= PERSON_NAME_WORDS[1]
        and all(w[:1].isupper() and not w.isupper() for w in words)
        and not set(lower) & (lexicon.words("org_head") | LEGAL_SUFFIXES | _STOP)
    )
    return {
        "given_name_first": float(given),
        # One word that is a given name ("Kimberly"): a person named the familiar way.
        "given_name_only": float(len(words) == 1 and lower[0] in names.given),
        "surname_last": float(bool(lower) and lower[-1] in names.surnames),
        "person_shape": float(shaped),
    }


def _mean_vector(vectors: Sequence[tuple[float, ...]]) -> tuple[float, ...]:
    if not vectors:
        return ()
    return tuple(round(sum(column) / len(vectors), 4) for column in zip(*vectors, strict=True))


def _title_case(line: str) -> bool:
    words = [w for w in _WORD.findall(line) if len(w) >= 4]
    if len(words) < TITLE_CASE_MIN_WORDS:
        return False
    return sum(w[0].isupper() for w in words) / len(words) >= TITLE_CASE_SHARE


def _honorific(before: str) -> bool:
    words = before.split()
    return bool(words) and words[-1].lower() in HONORIFICS


def _fold(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).casefold().removeprefix("the ")


@functools.lru_cache(maxsize=65536)
def _zipf(word: str) -> float:
    return zipf_frequency(word, "en")


@functools.lru_cache(maxsize=1)
def _known_keys() -> frozenset[str]:
    keys = {orgs.org_key(org.name) for org in lexicon.known_orgs()}
    keys |= {orgs.org_key(org.acronym) for org in lexicon.known_orgs() if org.acronym}
    return frozenset(keys)
