"""Acronym definitions: "Full Name (ACR)", "ACR (Full Name)", "ACR, the Full Name,".

Pure functions first, then a thin spaCy component (``abbreviation_detector``), the way scispaCy's
``AbbreviationDetector`` is built.

Schwartz & Hearst (2003), "A simple algorithm for identifying abbreviation definitions in
biomedical text": a short form is matched right-to-left, character by character, against the
words before it; the first letter of the short form must start a word of the long form. Three
changes for names of bodies:

- the word limit, min(|SF| + 5, 2|SF|), counts content words only: "International Federation
  of Red Cross and Red Crescent Societies (IFRC)" has nine words but six content words;
- the shortest long form the letters allow is widened to the whole capitalized name it sits in
  ("the Indian Institute of Public Health Gandhinagar (IIPH-G)", not "Institute of ...");
- when the letters do not match (an acronym of a name in another language: "Federal Ministry
  for Economic Cooperation and Development (BMZ)"), the capitalized name right before the
  parenthesis is the long form if its words name a body (an ``org_head`` of the lexicon);
- a short name written as a rare word is defined the same way when its long form names a body:
  "National Planning Agency (Bappenas)".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span
from wordfreq import zipf_frequency

from extractor.entities import lexicon

SPANS_KEY = "abbreviations"
LONG_LABEL = "LONG"
SHORT_LABEL = "SHORT"

# A short form: 2-10 characters, starts with a letter or digit. "AHA Centre", "UN Women": an
# acronym and one capitalized word are a short form too.
_SHORT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9&.\-/]{0,9}$")
_SHORT_WITH_WORD = re.compile(r"^([A-Z][A-Z0-9&.\-]{1,9}) ([A-Z][a-z]{2,})$")
_PAREN = re.compile(r"\(([^()]{1,200})\)")
_WORD = re.compile(r"\S+")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
# "UNHCR, the UN Refugee Agency," : an acronym, a comma, "the", a capitalized name, a comma.
_APPOSITIVE = re.compile(
    r"(?<![\w-])([A-Z][A-Za-z0-9&\-]{1,9}), the ([A-Z][^,;:()\n]{3,150}?)(?=[,;:.)]|\s+\(|$)"
)

# Words that never count against the word limit of a long form.
FUNCTION_WORDS = frozenset(
    "of for and the on in to against at by with from & de des du la le et für e y".split()
)
# Capitalized words that end a name when reading leftwards: articles, prepositions at the start
# of a sentence, titles of persons, month and day names.
NAME_STOPS = frozenset(
    """the a an at in on for from with by to of and or but as after before during since under
    between this that these those its their our his her dr mr mrs ms prof sir officials staff
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday""".split()
)
# Lowercase words allowed inside a capitalized name ("Centre for Gender and Development").
_NAME_CONNECTORS = frozenset("of for and & on in against de des du la le et für e y".split())


@dataclass(frozen=True)
class AcronymPair:
    """An acronym definition found in a text, with character offsets."""

    long_start: int
    long_end: int
    short_start: int
    short_end: int
    long: str
    short: str
    exact: bool = True  # False when the letters did not match (name right before "(SF)")


def find_acronym_pairs(text: str) -> list[AcronymPair]:
    """All acronym definitions in `text`, in either order, with character offsets."""
    pairs: list[AcronymPair] = []
    for match in _PAREN.finditer(text):
        raw = match.group(1)
        inner = raw.strip()
        inner_start = match.start(1) + len(raw) - len(raw.lstrip())
        inner_end = inner_start + len(inner)
        before = text[: match.start()].rstrip()
        if is_short_form(inner):
            pair = _long_before(before, inner, inner_start, inner_end)
        elif is_alias(inner):
            pair = _long_before(before, inner, inner_start, inner_end)
            if pair is not None and not _names_a_body(pair.long):
                pair = None
        else:
            pair = _short_before(before, inner, inner_start, inner_end)
        if pair:
            pairs.append(pair)
    for match in _APPOSITIVE.finditer(text):
        short, long_text = match.group(1), match.group(2).rstrip()
        if is_short_form(short) and _letters_match(long_text, short):
            start = match.start(2)
            pairs.append(
                AcronymPair(
                    start, start + len(long_text), match.start(1), match.end(1), long_text, short
                )
            )
    return pairs


def is_short_form(text: str) -> bool:
    """An abbreviation: short, with capitals ("JICA", "EPAs", "AIIH&PH", "AHA Centre")."""
    if _SHORT_WITH_WORD.match(text):
        return True
    if not _SHORT.match(text) or len(text) < 2:
        return False
    capitals = sum(c.isupper() for c in text)
    lower = sum(c.islower() for c in text)
    if lower > capitals:  # "Kobe", "Mon" are words, not abbreviations
        return False
    return capitals >= 2 or (capitals == 1 and text[0].isupper() and len(text) <= 4)


def is_alias(text: str) -> bool:
    """A one-word short name written like a word, not an acronym: "Bappenas", "Austrade",
    "Mercosur". It is rare in English (a common word in parentheses is a gloss: "(Secretariat)"),
    and it stands for a name with a body's head noun (checked by the caller)."""
    if not _ALIAS.match(text) or text.lower() in lexicon.words("org_head"):
        return False
    return zipf_frequency(text, "en") < ALIAS_MAX_ZIPF


# An alias: one capitalized word of letters, no body's head noun, rarer than this on
# wordfreq's Zipf scale ("the" is 7.7, "agency" 4.7, "Ottawa" 4.0; "Interpol" 3.2, "Mercosur"
# 2.2, "Austrade" 1.3).
ALIAS_MAX_ZIPF = 3.3
_ALIAS = re.compile(r"^[A-Z][a-z]{3,14}$")


def _acronym_letters(short: str) -> str:
    """The part of a short form matched letter by letter: "AHA Centre" -> "AHA"."""
    match = _SHORT_WITH_WORD.match(short)
    return match.group(1) if match else short


def _long_before(before: str, short: str, s_start: int, s_end: int) -> AcronymPair | None:
    """Schwartz-Hearst: the long form precedes "(SF)"; else the name right before it."""
    # The long form starts after the last parenthesis, colon, semicolon or line break:
    # "... Programme (SPREP), the Pacific Community (SPC)" never reaches back to "SPREP),".
    boundary = max(before.rfind(c) for c in "();:\n") + 1
    words = list(_WORD.finditer(before, _word_boundary_after(before, boundary)))
    if not words:
        return None
    letters = [c for c in _acronym_letters(short) if c.isalnum()]
    # "AHA Centre": the word of the short form stands for about two words of the long form.
    size = len(letters) + (2 if _SHORT_WITH_WORD.match(short) else 0)
    limit = min(size + 5, size * 2)
    window = _window(words, limit)
    start = _match_long(before, window, _acronym_letters(short))
    exact = start is not None
    if start is None:
        start = name_start(before, len(before))
        if start is None or not _names_a_body(before[start:]):
            return None
    else:
        widened = name_start(before, start, extend_only=True)
        start = widened if widened is not None else start
    long_text = before[start:].strip().rstrip(",;:")
    article = _LEADING_ARTICLE.match(long_text)
    if article:
        start += article.end()
        long_text = long_text[article.end() :]
    if len(long_text.split()) < 2 and not exact:
        return None
    return AcronymPair(start, start + len(long_text), s_start, s_end, long_text, short, exact)


def _window(words: Sequence[re.Match[str]], limit: int) -> list[re.Match[str]]:
    """The last words of `words` holding at most `limit` content words."""
    content = 0
    begin = len(words)
    while begin > 0:
        word = words[begin - 1].group().strip(",;:").lower()
        if word not in FUNCTION_WORDS:
            if content == limit:
                break
            content += 1
        begin -= 1
    return list(words[begin:])


def _letters_match(long_text: str, short: str) -> bool:
    words = list(_WORD.finditer(long_text))
    letters = [c for c in _acronym_letters(short) if c.isalnum()]
    if _content_words(long_text) > len(letters) * 2 + 2:
        return False
    return _match_long(long_text, words, _acronym_letters(short)) is not None


def _content_words(text: str) -> int:
    return sum(1 for w in text.split() if w.strip(",;:").lower() not in FUNCTION_WORDS)


def _match_long(before: str, window: Sequence[re.Match[str]], short: str) -> int | None:
    """Index in `before` where the long form starts, or None when the letters do not match."""
    if not window:
        return None
    first = window[0].start()
    candidate = before[first:]
    s_chars = [c.lower() for c in short if c.isalnum()]
    if not s_chars:
        return None
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
    while begin > 0 and candidate[begin - 1].isalnum():
        begin -= 1
    long_words = _content_words(candidate[begin:])
    if len(candidate[begin:].split()) < 2 or long_words > len(s_chars) * 2 + 4:
        return None
    return first + begin


def _short_before(before: str, inner: str, l_start: int, l_end: int) -> AcronymPair | None:
    """ "SF (Long Form)": the word before the parenthesis is the short form."""
    long_text = _LEADING_ARTICLE.sub("", inner).strip()
    offset = len(inner) - len(_LEADING_ARTICLE.sub("", inner))
    words = before.split()
    if not words or not long_text:
        return None
    short = words[-1].strip(",;:")
    if not is_short_form(short) or len(long_text.split()) < 2:
        return None
    if not _letters_match(long_text, short):
        return None
    s_end = len(before) - (len(words[-1]) - len(words[-1].rstrip(",;:")))
    s_start = s_end - len(short)
    return AcronymPair(l_start + offset, l_end, s_start, s_end, long_text, short)


_TOKEN = re.compile(r"[^\s]+")
# How far before its end a name (or the long form of an acronym) may start.
NAME_WINDOW_CHARS = 600


def _word_boundary_after(text: str, start: int, end: int | None = None) -> int:
    """Where to start reading words of `text` backwards from `end`: `start`, or, when that is
    more than NAME_WINDOW_CHARS before `end`, the first word start within that window. A name
    or a long form is a few dozen words at most, and a page-long paragraph must not cost its
    length per acronym."""
    end = len(text) if end is None else end
    if end - start <= NAME_WINDOW_CHARS:
        return start
    space = _SPACE.search(text, end - NAME_WINDOW_CHARS, end)
    return space.end() if space else end  # never start inside a word


_SPACE = re.compile(r"\s")


def name_start(text: str, end: int, extend_only: bool = False) -> int | None:
    """Start of the capitalized name that ends at `end` of `text`, reading leftwards.

    A name is capitalized words joined by lowercase connectors ("of", "for", "and", "de"); "the"
    only after a connector ("Coordinating Body on the Seas"). Reading stops at punctuation, at a
    lowercase word, at an article, preposition or title that starts a sentence ("At", "The",
    "Dr"), and before a possessive ("Germany's"). With `extend_only` the text from `end` on is
    already a name and only capitalized words right before it are added. None when no word is.
    """
    # A name is a few dozen words at most: reading a bounded stretch before `end` keeps a
    # page-long text without punctuation from costing its length per call.
    tokens = list(_TOKEN.finditer(text, _word_boundary_after(text, 0, end), end))
    start: int | None = None
    i = len(tokens) - 1
    while i >= 0:
        word = tokens[i].group()
        lower = word.lower()
        if any(p in word for p in _NAME_BREAKS):
            break
        previous = tokens[i - 1].group().lower() if i > 0 else ""
        connector = lower in _NAME_CONNECTORS or (lower == "the" and previous in _NAME_CONNECTORS)
        if connector and not extend_only and start is not None:
            i -= 1
            continue
        if word[:1].isupper() and lower not in NAME_STOPS and not _possessive(word):
            start = tokens[i].start()
            i -= 1
            continue
        break
    return start


_NAME_BREAKS = frozenset(',;:()[]"“”')


def _possessive(word: str) -> bool:
    return word.endswith(("'s", "’s", "'", "’"))


def _names_a_body(name: str) -> bool:
    """Whether a capitalized name has the head noun of a body ("... Ministry for ...")."""
    heads = lexicon.words("org_head")
    return any(w.strip(".,").lower() in heads for w in name.split())


# ---------------------------------------------------------------------------------------------
# spaCy component


# doc.user_data key of the document's text (text_of).
TEXT_KEY = "extractor_text"


def text_of(doc: Doc) -> str:
    """doc.text, joined from the tokens once per document and kept in doc.user_data: spaCy
    joins it again at every access, and two components read it."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


@Language.factory("abbreviation_detector")
def make_abbreviation_detector(nlp: Language, name: str) -> AbbreviationDetector:
    return AbbreviationDetector()


class AbbreviationDetector:
    """Puts every acronym definition of a Doc into ``doc.spans["abbreviations"]``.

    A long form is a span labelled LONG whose ``kb_id_`` is its short form; a short form is a
    span labelled SHORT whose ``kb_id_`` is its long form; ``id_`` is "exact" when the letters
    matched, "adjacent" when the long form is only the name right before "(SF)".
    """

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        for pair in find_acronym_pairs(text_of(doc)):
            how = "exact" if pair.exact else "adjacent"
            long_span = doc.char_span(
                pair.long_start, pair.long_end, LONG_LABEL, kb_id=pair.short, span_id=how
            )
            short_span = doc.char_span(
                pair.short_start, pair.short_end, SHORT_LABEL, kb_id=pair.long, span_id=how
            )
            if long_span is not None and short_span is not None:
                spans.extend((long_span, short_span))
        doc.spans[SPANS_KEY] = spans
        return doc
