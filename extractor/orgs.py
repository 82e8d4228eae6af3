"""Organization names: acronym detection (Schwartz-Hearst), cleanup and per-document merging.

Pure functions over strings; the spaCy side lives in nlp.py and entities.py.

Schwartz & Hearst (2003), "A simple algorithm for identifying abbreviation definitions in
biomedical text": a short form in parentheses is matched right-to-left, character by character,
against the words before it; the first letter of the short form must start a word of the long form.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# A short form: 2-10 characters, starts with a letter or digit, at least one capital letter.
_SHORT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9&.\-/ ]{0,9}$")
_PAREN = re.compile(r"\(([^()]{1,120})\)")
_WORD = re.compile(r"\S+")

# Long forms that end in these words name programmes, laws, events or documents, not bodies.
NOT_ORG_HEADS = frozenset(
    """program programme programs programmes course courses convention conventions agreement
    agreements act acts law laws plan plans project projects seminar seminars workshop workshops
    conference conferences summit declaration framework strategy policy report survey index
    pandemic disease syndrome visa status system systems standard standards goals goal
    partnership partnerships series session meeting forum? fund? award scheme treaty protocol
    regulation regulations guidelines campaign""".replace("?", "").split()
)
# Words that alone, or after "the"/"a", are generic, not a named body.
GENERIC_ORG_WORDS = frozenset(
    """police government governments ministry ministries npo npos ngo ngos company companies
    organization organizations organisation organisations association center centre office
    offices agency agencies university committee council secretariat bureau network""".split()
)
_PERSON_TITLES = re.compile(r"^(?:Dr|Prof|Mr|Mrs|Ms|Mx|Sir|Dame|H\.E|Hon)\.?\s", re.I)
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)


@dataclass(frozen=True)
class AcronymPair:
    """A "Long Form (SF)" or "SF (Long Form)" definition found in a text."""

    long_start: int
    long_end: int
    short_start: int
    short_end: int
    long: str
    short: str


def find_acronym_pairs(text: str) -> list[AcronymPair]:
    """All acronym definitions in `text`, in either order, with character offsets."""
    pairs: list[AcronymPair] = []
    for match in _PAREN.finditer(text):
        inner_start, inner_end = match.span(1)
        inner = match.group(1).strip()
        lead = len(match.group(1)) - len(match.group(1).lstrip())
        inner_start += lead
        inner_end = inner_start + len(inner)
        before = text[: match.start()].rstrip()
        if is_short_form(inner):
            pair = _long_before(text, before, inner, inner_start, inner_end)
        else:
            pair = _short_before(text, before, inner, inner_start, inner_end)
        if pair:
            pairs.append(pair)
    return pairs


def is_short_form(text: str) -> bool:
    """An abbreviation-like token: short, one word or two, with capitals."""
    if not _SHORT.match(text) or len(text) < 2:
        return False
    capitals = sum(c.isupper() for c in text)
    lower = sum(c.islower() for c in text)
    if lower > capitals:  # "UN Women", "Kobe" are names, not abbreviations
        return False
    return capitals >= 2 or (capitals == 1 and text[0].isupper() and len(text) <= 4)


def _long_before(
    text: str, before: str, short: str, s_start: int, s_end: int
) -> AcronymPair | None:
    """Schwartz-Hearst: the long form precedes "(SF)"."""
    words = list(_WORD.finditer(before))
    if not words:
        return None
    letters = [c for c in short if c.isalnum()]
    max_words = min(len(letters) + 5, len(letters) * 2)
    window = words[-max_words:]
    start = _match_long(before, window, short)
    if start is None:
        return None
    long_text = before[start:].strip().rstrip(",;:")
    # "the ILO (International ...)" handled by the other order; drop a leading article.
    article = _LEADING_ARTICLE.match(long_text)
    if article:
        start += article.end()
        long_text = long_text[article.end() :]
    return AcronymPair(start, start + len(long_text), s_start, s_end, long_text, short)


def _match_long(before: str, window: Sequence[re.Match[str]], short: str) -> int | None:
    """Index in `before` where the long form starts, or None when no match."""
    if not window:
        return None
    first = window[0].start()
    candidate = before[first:]
    s_chars = [c.lower() for c in short if c.isalnum()]
    l_index = len(candidate) - 1
    for s_index in range(len(s_chars) - 1, -1, -1):
        ch = s_chars[s_index]
        while l_index >= 0:
            c = candidate[l_index].lower()
            at_word_start = l_index == 0 or not candidate[l_index - 1].isalnum()
            if c == ch and (s_index > 0 or at_word_start):
                break
            l_index -= 1
        if l_index < 0:
            return None
        l_index -= 1
    begin = l_index + 1
    # Extend back to the start of the word the first character sits in.
    while begin > 0 and candidate[begin - 1].isalnum():
        begin -= 1
    long_words = len(candidate[begin:].split())
    if long_words < 2 or long_words > len(s_chars) * 2 + 2:
        return None
    return first + begin


def _short_before(
    text: str, before: str, inner: str, l_start: int, l_end: int
) -> AcronymPair | None:
    """ "SF (Long Form)": the word before the parenthesis is the short form."""
    long_text = _LEADING_ARTICLE.sub("", inner).strip()
    offset = len(inner) - len(_LEADING_ARTICLE.sub("", inner))
    words = before.split()
    if not words or not long_text:
        return None
    short = words[-1].strip(",;:")
    if not is_short_form(short) or len(long_text.split()) < 2:
        return None
    if _match_long(long_text, list(_WORD.finditer(long_text)), short) is None:
        return None
    s_end = len(before) - (len(words[-1]) - len(words[-1].rstrip(",;:")))
    s_start = s_end - len(short)
    return AcronymPair(l_start + offset, l_end, s_start, s_end, long_text, short)


def trim_org(text: str) -> tuple[int, int]:
    """Offsets (start, end) of the name inside a model span.

    The model's ORG spans often run across a line break or half a parenthesis ("International
    Labour Organization (ILO"), start with an article, end in a possessive, a quote or "No.".
    """
    start, end = 0, len(text)
    newline = text.find("\n")
    if newline >= 0:
        end = newline
    previous = None
    while previous != (start, end):
        previous = (start, end)
        part = text[start:end]
        if part.count("(") > part.count(")"):
            end = start + part.rfind("(")
        elif part.count(")") > part.count("("):
            end = start + part.find(")")
        part = text[start:end]
        article = _LEADING_ARTICLE.match(part)
        if article:
            start += article.end()
        part = text[start:end]
        tail = _TRAILING_NOISE.search(part)
        if tail and tail.start() > 0:
            end = start + tail.start()
    return start, end


# What trails a name inside a model span: a possessive, quotes, punctuation, "No. 189", or a
# dangling function word ("Gender Statistics for").
_TRAILING_NOISE = re.compile(
    r"(?:'s|’s|['’\"“”‘]|\s+(?:No\.?\s*\d*|for|of|and|the|in|on|to|by))$|[\s,;:.\-–—“”\"]+$"
)


def is_plausible_org(text: str) -> bool:
    """Reject what the model often tags ORG but is not a named body."""
    words = text.split()
    if not words or len(text) < 2 or not any(c.isupper() for c in text):
        return False
    if _PERSON_TITLES.match(text) or text.isdigit():
        return False
    if all(w.lower().strip(".,") in GENERIC_ORG_WORDS for w in words):
        return False
    head = words[-1].lower().strip(".,")
    return head not in NOT_ORG_HEADS


def org_key(name: str) -> str:
    """Comparison key that merges spelling variants of one body's name."""
    text = unicodedata.normalize("NFKC", name).replace("’", "'").replace("‘", "'")
    text = _LEADING_ARTICLE.sub("", text).casefold()
    text = re.sub(r"\blabor\b", "labour", text)
    text = re.sub(r"\bcenter\b", "centre", text)
    text = re.sub(r"\borganization\b", "organisation", text)
    text = re.sub(r"[^\w&]+", " ", text)
    # "Immigration Service(s) Agency": a plural s never tells two bodies apart.
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in text.split())


@dataclass(frozen=True)
class OrgName:
    """The canonical name and acronym of one organization of a document."""

    name: str
    acronym: str | None


def canonicalize(
    mentions: Iterable[str], definitions: Iterable[tuple[str, str]]
) -> dict[str, OrgName]:
    """Map every mention text of a document to its organization.

    `definitions` are (long form, acronym) pairs found in the document. A bare acronym joins
    the body it abbreviates; variants with the same key merge; the name is the longest form,
    preferring the one written with the acronym.
    """
    by_acronym: dict[str, str] = {}
    for long, short in definitions:
        known = by_acronym.get(short)
        if known is None or len(long) > len(known):
            by_acronym[short] = long
    defined_keys = {org_key(long): short for short, long in by_acronym.items()}

    groups: dict[str, list[str]] = {}
    for text in mentions:
        key = org_key(by_acronym.get(text, text))
        groups.setdefault(key, []).append(text)

    result: dict[str, OrgName] = {}
    for key, texts in groups.items():
        acronym = defined_keys.get(key)
        long_forms = [t for t in texts if t != acronym]
        if acronym:
            name = by_acronym[acronym]
        elif long_forms:
            name = max(long_forms, key=lambda t: (len(t), t))
        else:
            name = texts[0]
        if acronym is None and is_short_form(name) and " " not in name:
            acronym = name  # written only as an acronym: name = acronym
        for text in texts:
            result[text] = OrgName(name, acronym)
    return result
