"""Corpus-wide organizations (stable org_id) and co-occurrence edges, from a run's records.

A document already merges the variants of a name it uses and links them to their acronym. Across
documents, organizations are the same body when

- their names have the same key (`orgs.org_key`: case, spelling, plural s, article) and the same
  country qualifier ("Statistics Bureau of Japan", "Japan's Statistics Bureau"); a name with no
  qualifier joins the one qualified by a country its document mentions, when only one such
  qualified name exists ("Immigration Services Agency" in a page about Japan = "Immigration
  Service Agency of Japan");
- they are defined with the same acronym and their keys share most words (one contains the
  other, or Jaccard > ACRONYM_NAME_OVERLAP), so that two bodies sharing an acronym stay apart;
- one is a bare acronym its document never defines (or a name another document defines as an
  acronym, "UN Women"), and every definition of that acronym in the corpus is one body ("ISA"
  = "Immigration Services Agency" when defined as such).

`org_id` hashes the cluster's smallest key, so it depends on the corpus alone: the same inputs
give the same ids (reruns, --incremental, any --jobs); a new document that joins two bodies or
brings a variant that sorts first changes that one body's id.
"""

from __future__ import annotations

import hashlib
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from extractor.entities.orgs.names import org_key, split_country
from extractor.models import CorpusOrg, Edge, OrgAlias, OrgOccurrence

# Two definitions of one acronym are one body when their name keys share more than this share of
# their words: "Asian"/"African Development Bank" (ADB both) share half, and are two banks.
ACRONYM_NAME_OVERLAP = 0.5

Node = tuple[str, str, str]  # ("name", key, ISO2 or "") or ("acronym", acronym, "")


@dataclass(frozen=True, slots=True)
class DocOrg:
    doc_id: str
    name: str
    acronym: str | None
    mentions: int

    @property
    def bare(self) -> bool:
        """Written only as an acronym in its document (no long form)."""
        return self.acronym is not None and self.name == self.acronym


@dataclass
class _UnionFind:
    """Bodies as sets of nodes; a body never holds two countries' qualified names."""

    parent: dict[Node, Node] = field(default_factory=dict)
    countries: dict[Node, frozenset[str]] = field(default_factory=dict)  # per root

    def find(self, node: Node) -> Node:
        if node not in self.parent:
            self.parent[node] = node
            self.countries[node] = frozenset({node[2]} if node[2] else ())
        root = node
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[node] != root:  # path compression
            self.parent[node], node = root, self.parent[node]
        return root

    def union(self, a: Node, b: Node) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        ca, cb = self.countries[ra], self.countries[rb]
        if ca and cb and ca != cb:
            return  # "Ministry of Health" of Japan and of Kenya, even through a third name
        first, second = sorted((ra, rb))
        self.parent[second] = first  # the smaller node leads: the id does not depend on order
        self.countries[first] = ca | cb


class OrgIndex:
    """Collects each document's organizations, then resolves them to corpus-wide bodies."""

    def __init__(self) -> None:
        self.occurrences: list[DocOrg] = []
        self.countries: dict[str, set[str]] = {}

    def add(self, document: dict[str, Any]) -> None:
        """A documents.jsonl record (as parsed JSON); duplicates are left out."""
        if document.get("duplicate_of"):
            return
        doc_id = document["doc_id"]
        entities = document["entities"]
        self.countries[doc_id] = {c["iso2"] for c in entities["countries"]}
        for org in entities["orgs"]:
            # a body's name recurs across a corpus's documents: one string for all
            name, acronym = sys.intern(org["name"]), org["acronym"]
            acronym = sys.intern(acronym) if acronym else acronym
            self.occurrences.append(DocOrg(doc_id, name, acronym, org["mentions"]))

    def resolve(self) -> dict[tuple[str, str, str | None], str]:
        """(doc_id, name, acronym) -> org_id for every occurrence."""
        # Each distinct name's key and country qualifier, computed once.
        keyed = {
            occ.name: (org_key(occ.name), split_country(occ.name)[1])
            for occ in self.occurrences
            if not occ.bare
        }
        acronyms = {occ.acronym for occ in self.occurrences if occ.acronym and not occ.bare}
        qualifiers: dict[str, set[str]] = defaultdict(set)
        for key, iso2 in keyed.values():
            if iso2 is not None:
                qualifiers[key].add(iso2)
        nodes = {occ: self._node(occ, keyed, acronyms, qualifiers) for occ in self.occurrences}
        links = _UnionFind()
        for node in nodes.values():
            links.find(node)
        self._link_by_acronym(nodes, links)
        return {
            (occ.doc_id, occ.name, occ.acronym): org_id(links.find(node))
            for occ, node in nodes.items()
        }

    def _node(
        self,
        occ: DocOrg,
        keyed: dict[str, tuple[str, str | None]],
        acronyms: set[str],
        qualifiers: dict[str, set[str]],
    ) -> Node:
        if occ.bare:
            return ("acronym", occ.acronym or "", "")
        if occ.acronym is None and occ.name in acronyms:
            return ("acronym", occ.name, "")  # "UN Women" where another page defines it
        key, iso2 = keyed[occ.name]
        if iso2 is None:
            mentioned = self.countries[occ.doc_id]
            qualified = [c for c in qualifiers.get(key, ()) if c in mentioned]
            if len(qualified) == 1:
                iso2 = qualified[0]
        return ("name", key, iso2 or "")

    def _link_by_acronym(self, nodes: dict[DocOrg, Node], links: _UnionFind) -> None:
        defined: dict[str, set[Node]] = defaultdict(set)
        for occ, node in nodes.items():
            if occ.acronym is not None and not occ.bare:
                defined[occ.acronym].add(node)
        for group in defined.values():
            for a, b in combinations(sorted(group), 2):
                if _same_body(a, b) and not (_torn(a, group) or _torn(b, group)):
                    links.union(a, b)
        for acronym, group in defined.items():
            roots = {links.find(node) for node in group}
            bare = ("acronym", acronym, "")
            if len(roots) == 1 and bare in links.parent:
                links.union(bare, next(iter(roots)))


def _torn(node: Node, group: set[Node]) -> bool:
    """An unqualified name that fits the bodies of several countries: it joins none of them."""
    if node[2]:
        return False
    return len({other[2] for other in group if other[2] and _same_body(node, other)}) > 1


def _same_body(a: Node, b: Node) -> bool:
    if a[2] and b[2] and a[2] != b[2]:
        return False  # "Ministry of Health" of two countries
    words_a, words_b = set(a[1].split()), set(b[1].split())
    if words_a <= words_b or words_b <= words_a:
        return True
    return len(words_a & words_b) / len(words_a | words_b) > ACRONYM_NAME_OVERLAP


def org_id(node: Node) -> str:
    return "org-" + hashlib.sha256("\t".join(node).encode()).hexdigest()[:12]


def corpus_orgs(
    index: OrgIndex,
    ids: dict[tuple[str, str, str | None], str],
    aliases: dict[str, Counter[str]],
) -> Iterator[CorpusOrg]:
    """orgs.jsonl records, most mentioned first; `aliases` counts each org_id's written forms.
    Made one at a time in that order: a large corpus has many, and each is written at once."""
    order = []
    for oid, occs in _members(index, ids).items():
        name, acronym = _canonical(occs)
        order.append((-sum(occ.mentions for occ in occs), name, oid, acronym, occs))
    order.sort(key=lambda entry: entry[:3])
    for negative_mentions, name, oid, acronym, occs in order:
        seen = aliases.get(oid) or Counter({name: 1})
        yield CorpusOrg(
            org_id=oid,
            name=name,
            acronym=acronym,
            documents=len({occ.doc_id for occ in occs}),
            mentions=-negative_mentions,
            aliases=[
                OrgAlias(form=form, count=count)
                for form, count in sorted(seen.items(), key=lambda fc: (-fc[1], fc[0]))
            ],
            occurrences=[
                OrgOccurrence(
                    doc_id=occ.doc_id, name=occ.name, acronym=occ.acronym, mentions=occ.mentions
                )
                for occ in occs
            ],
        )


def org_names(index: OrgIndex, ids: dict[tuple[str, str, str | None], str]) -> dict[str, str]:
    """org_id -> the name its corpus record will carry."""
    return {oid: _canonical(occs)[0] for oid, occs in _members(index, ids).items()}


def _members(
    index: OrgIndex, ids: dict[tuple[str, str, str | None], str]
) -> dict[str, list[DocOrg]]:
    members: dict[str, list[DocOrg]] = defaultdict(list)
    for occ in index.occurrences:
        members[ids[(occ.doc_id, occ.name, occ.acronym)]].append(occ)
    return members


def _canonical(occs: list[DocOrg]) -> tuple[str, str | None]:
    """The name most mentions use (full names before acronyms), and the most used acronym."""
    names: Counter[str] = Counter()
    acronyms: Counter[str] = Counter()
    for occ in occs:
        names[occ.name] += occ.mentions
        if occ.acronym:
            acronyms[occ.acronym] += occ.mentions
    full = [n for n in names if n not in acronyms] or list(names)
    name = max(full, key=lambda n: (names[n], len(n), n))
    acronym = max(acronyms, key=lambda a: (acronyms[a], a)) if acronyms else None
    return name, acronym


@dataclass(frozen=True)
class Span:
    start: str | None
    end: str | None
    date_from: str | None


def section_edges(
    section: dict[str, Any],
    ids: dict[tuple[str, str, str | None], str],
    names: dict[str, str],
    fallback: Span,
    aliases: dict[str, Counter[str]] | None = None,
) -> Iterator[Edge]:
    """The co-occurrence edges of one sections.jsonl record (as parsed JSON).

    `names` gives org_id -> display name and receives ISO2 -> country name; `aliases` (if
    given) counts each organization's written forms.
    """
    doc_id = section["doc_id"]
    orgs: Counter[str] = Counter()
    countries: Counter[str] = Counter()
    for mention in section["entities"]:
        if mention["label"] == "ORG":
            oid = ids.get((doc_id, mention["name"], mention["acronym"]))
            if oid is None:
                continue  # the document is a duplicate
            orgs[oid] += 1
            if aliases is not None:
                aliases[oid][mention["text"]] += 1
        elif mention["label"] == "COUNTRY":
            countries[mention["iso2"]] += 1
            names.setdefault(mention["iso2"], mention["name"])
    date = section.get("date")
    span = Span(date["start"], date["end"], "section") if date else fallback
    pairs: list[tuple[str, str, str, int]] = []
    pairs += [("org-country", o, c, min(orgs[o], countries[c])) for o in orgs for c in countries]
    for a, b in combinations(sorted(orgs), 2):
        pairs.append(("org-org", a, b, min(orgs[a], orgs[b])))
    for a, b in combinations(sorted(countries), 2):
        pairs.append(("country-country", a, b, min(countries[a], countries[b])))
    for kind, source, target, count in sorted(pairs):
        yield Edge(
            doc_id=doc_id,
            section=section["index"],
            kind=kind,  # type: ignore[arg-type]
            source_id=source,
            source_name=names.get(source, source),
            target_id=target,
            target_name=names.get(target, target),
            count=count,
            start=span.start,
            end=span.end,
            date_from=span.date_from,  # type: ignore[arg-type]
        )


def document_span(document: dict[str, Any]) -> Span:
    period = document.get("period")
    return Span(period["start"], period["end"], "document") if period else Span(None, None, None)
