"""Lines that are page furniture, not content, even inside the main container.

Kept as data (patterns), like trafilatura keeps its selectors in one module: interface labels of
image galleries and share bars, photo credits, lone contact handles. Captions themselves stay
(they are content of a report); their credits and repeated copies go.
"""

from __future__ import annotations

import re

# Whole-line interface labels (case-insensitive).
UI_LABEL = re.compile(
    r"^(?:caption|close|open|expand|enlarge( this image)?|(?:hide|toggle|show) caption|"
    r"published|updated|advertisement|advert|sponsored|share( this( article| story| page)?)?|"
    r"print|e-?mail|comments?|post comment( \(\+\))?|add (?:a )?comment|read more|"
    r"continue reading|loading\.*|image|photo|video|play video|watch|next|prev(?:ious)?|"
    r"subscribe|sign up|learn more|like this article\??|iklan|getty|"
    r"(?:image|photo|slide) \d+ of \d+|don'?t miss|like this|columnists?|home|by|"
    r"\d+ comments?|(?:tags?|filed under|related posts?|categories|category)\s*:.*|"
    r"back to top|page top|top of page|skip (?:to (?:main )?content|ad(?:vertisement)?)|"
    r"\d+\s*of\s*\d+|\d+/\d+|view (?:gallery|slideshow|photos?)|see more|more)\s*[:.]?$",
    re.I,
)
# Photo and image credits: "Photo: Hau Dinh, AP", "(Reed Saxon / Associated Press)",
# "Image: Hanwha Q cells", "Credit: ESA", "REUTERS/Brendan McDermid".
CREDIT = re.compile(
    r"^\(?(?:photo|image|picture|credit|illustration|file photo|photograph)s?"
    r"(?:\s+credit)?\s*(?::|by\b)"
    r"|^\([^()]{2,80}/\s*[^()]{2,60}\)$"
    r"|(?:^|[\s/,|(])"
    r"(?:associated press|ap photo|getty images|getty|reuters/\w|afp|epa|shutterstock)\s*\)?$",
    re.I,
)
# Calls to action and promotions that end or interrupt a story.
PROMO = re.compile(
    r"^(?:sign up|subscribe|click here|follow (?:us|@)|join (?:us|our)|get (?:access|the latest)|"
    r"download (?:the|our) app|chat with us|like this article|if you (?:enjoyed|liked) this|"
    r"support (?:our|independent) journalism|more (?:ap|from)\b)",
    re.I,
)
PROMO_MAX_WORDS = 40
# "Keith Bradsher contributed reporting from Hong Kong."
CONTRIBUTED = re.compile(r"\bcontributed (?:to )?(?:this )?(?:report|reporting|story)\b", re.I)
CONTRIBUTED_MAX_WORDS = 16
# "By Phil Helsel", "By Sherif Saed,": a byline without a date names a writer, not content.
BYLINE = re.compile(r"^by\s+(?:[A-Z][\w.'’-]*\s*){1,4}[,|]?$")
# "© Amazon", "Copyright ⓒ Entermedia": rights notices.
COPYRIGHT = re.compile(r"^(?:™\s*&\s*)?(?:©|ⓒ|\(c\)|copyright\b)", re.I)
COPYRIGHT_MAX_WORDS = 15
# "2011 AOL Inc. All Rights Reserved.", "Copyright 2023 Scripps Media, Inc. All rights
# reserved. This material may not be published, broadcast, rewritten, or redistributed."
RIGHTS_RESERVED = re.compile(r"\ball rights reserved\b", re.I)
RIGHTS_RESERVED_MAX_WORDS = 30
# A credit line is short.
CREDIT_MAX_WORDS = 12
# A lone e-mail address or social handle under a story.
CONTACT = re.compile(
    r"^(?:\S+@\S+\.\w+|(?:https?://)?(?:www\.)?(?:twitter|x)\.com/\S+|@\w+)$", re.I
)
# A copy of one of the last few blocks (a gallery caption shown twice, a carousel) is dropped
# when it is at least this long; short repeats ("Yes") and repeats far apart (the same question
# in each interview of a series) are real text.
REPEAT_MIN_CHARS = 20
REPEAT_WINDOW = 6


def is_noise_line(text: str) -> bool:
    """True for a block whose whole text is an interface label, a credit or a contact handle."""
    line = " ".join(text.split())
    words = len(line.split())
    if UI_LABEL.match(line) or CONTACT.match(line) or BYLINE.match(line):
        return True
    if PROMO.match(line) and words <= PROMO_MAX_WORDS:
        return True
    if COPYRIGHT.match(line) and words <= COPYRIGHT_MAX_WORDS:
        return True
    if RIGHTS_RESERVED.search(line) and words <= RIGHTS_RESERVED_MAX_WORDS:
        return True
    if CONTRIBUTED.search(line) and words <= CONTRIBUTED_MAX_WORDS:
        return True
    return len(line.split()) <= CREDIT_MAX_WORDS and bool(CREDIT.search(line))
