"""Word tables for the date grammar in `dates.py`: data only, no logic.

All keys are lower case; `dates.py` matches words case-insensitively but asks month and weekday
names to be capitalized, so that the verbs "may" and "march" are never months.
"""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}

# Abbreviations, written with or without a dot ("Sept." / "Sept").
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

# Monday = 0, as in `datetime.date.weekday()`. Weekdays are recognized only to be skipped:
# "June 14 (Wed)" is June 14 whatever the parenthesis says.
WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}

# "14th", "1st": the suffixes a day number may carry.
ORDINAL_SUFFIXES: tuple[str, ...] = ("st", "nd", "rd", "th")

# Spelled-out days, accepted only as "the first of June" (never bare: "first" is too common).
ORDINAL_WORDS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
}

# Words and marks that join the two ends of a range ("14 to 19 June", "14–19 June").
RANGE_WORDS: frozenset[str] = frozenset({"to", "until", "till", "through", "thru"})
RANGE_MARKS: frozenset[str] = frozenset({"-", "–", "—", "~", "〜", "～"})

# Words after which a bare month name is a date ("in June", "since November", "mid-June").
# Without one, "March" or "May" alone is too often a verb, a name or an event.
MONTH_CUES: frozenset[str] = frozenset(
    {
        "in",
        "since",
        "until",
        "till",
        "by",
        "from",
        "of",
        "during",
        "before",
        "after",
        "early",
        "late",
        "mid",
        "end",
        "through",
        "between",
        "last",
        "next",
        "this",
        "throughout",
    }
)

# Month names that are dates on their own, without a cue word ("February sales", "the December
# debate"): none of them is also a common verb, given name or adjective, unlike "March", "May",
# "April", "June" and "August".
BARE_MONTHS: frozenset[str] = frozenset(
    {"january", "february", "july", "september", "october", "november", "december"}
)

# Words before a one-word named day that make it the day ("on Christmas", "after Easter",
# "last Thanksgiving"); "Christmas sales" or "Easter eggs" name the season or a thing.
NAMED_DAY_CUES: frozenset[str] = frozenset(
    "on at before after until till by since over through during last next this".split()
)

# "last September", "October of next year": a month read against the reference date, so the
# value is relative. The number is the year offset of "... of <cue> year".
DEICTIC_CUES: dict[str, int] = {"last": -1, "this": 0, "next": 1}

# A number right after one of these labels is a label, not a day or year ("Day 1 (5 March)",
# "Convention No. 189", "Session 2 — Nov. 19").
NUMBER_LABELS: frozenset[str] = frozenset(
    {
        "day",
        "days",
        "session",
        "no",
        "nos",
        "number",
        "part",
        "room",
        "chapter",
        "phase",
        "step",
        "section",
        "week",
        "table",
        "figure",
        "fig",
        "article",
        "level",
        "grade",
        "vol",
        "volume",
        "page",
        "pages",
        "p",
        "pp",
        "unit",
        "module",
        "lesson",
        "group",
        "team",
        "item",
        "annex",
        "box",
        "route",
        "flight",
        "model",
        "version",
        "code",
        "tel",
        "fax",
        "top",
    }
)

# After a four-digit number, a time zone makes it a time of day ("1909 GMT", "0930 EST").
TIME_ZONES: frozenset[str] = frozenset(
    """gmt utc est edt cst cdt mst mdt pst pdt akst hst bst cet cest eet eest wet msk ist jst kst
    hkt sgt awst acst aest aedt nzst nzdt""".split()
)
# A number before a few capitalized words and one of these is a street number ("1909 Jolinda
# Drive", "1871 Main Street"), not a year.
STREET_SUFFIXES: frozenset[str] = frozenset(
    """street st avenue ave road rd drive dr boulevard blvd lane ln way court ct place pl
    terrace parkway pkwy highway hwy square sq circle cir trail pike alley""".split()
)
# Number words of a spelled-out year ("two thousand and four", "nineteen eighty-four").
NUMBER_WORDS: tuple[str, ...] = tuple(
    """one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred thousand""".split()
)

# Numbers 1000-1899 are years only where the text writes them as years (`_in_year_context`):
# alone they are more often counts, codes and amounts.
HISTORIC_YEARS = range(1000, 1900)
# Words before such a number that introduce a year ("founded in 1871", "the winter of 1776").
YEAR_INTRODUCERS: frozenset[str] = frozenset(
    "in since until till before after circa c ca during year early late mid".split()
)
# Words of approximation between an introducer and a year ("in about 1868", "since around 1850").
YEAR_APPROXIMATORS: frozenset[str] = frozenset("about around approximately roughly".split())
# Nouns of time before "of" that make the number after it a year ("the end of 1865").
TIME_NOUNS: frozenset[str] = frozenset(
    """year years spring summer autumn fall winter end beginning start middle turn half quarter
    season""".split()
)
# A spelled-out year needs one of these before it ("in two thousand and four"): "by eleven
# thirty" is a time and "of two thousand" a count.
SPELLED_YEAR_INTRODUCERS: frozenset[str] = frozenset(
    "in since until till before after during year".split()
)
# Lower-case words that may follow a year ("in 1871 the company..."); any other lower-case word
# makes the number a count ("in 1500 cases", "by 1200 votes").
YEAR_FOLLOWERS: frozenset[str] = frozenset(
    """the a an and or but when he she it they we i his her its their as to at on for with by
    after before which who there this that these those was were is are had has in of
    until till per bc ad bce ce""".split()
)

REFLEXIVES: frozenset[str] = frozenset(
    "himself herself itself themselves myself ourselves yourself".split()
)

# Quadrants written after a street ("1600 Pennsylvania Ave NW").
COMPASS_POINTS: frozenset[str] = frozenset("n s e w ne nw se sw".split())
# How many capitalized words may stand between a street number and its suffix.
STREET_NAME_MAX_WORDS = 3

# Signs before a number that make it an amount ("$2012", "¥2000", "#2019").
AMOUNT_SIGNS: frozenset[str] = frozenset({"$", "¥", "€", "£", "#", "+", "₩", "₹", "฿"})

# Units of a measure written "W by H" ("1080 by 1920 pixels", "1200 x 1800 mm"): neither number
# is a year.
DIMENSION_UNITS: frozenset[str] = frozenset(
    {"pixels", "px", "pixel", "inches", "inch", "cm", "mm", "feet", "ft", "metres", "meters"}
)
DIMENSION_LINKS: frozenset[str] = frozenset({"by", "x", "×"})
# Nouns of a measure before "of" and a number: its value, not a year ("a total score of 2072").
MEASURE_NOUNS: frozenset[str] = frozenset(
    """score total average price cost sum rating maximum minimum capacity speed weight height
    length distance temperature mileage scores totals averages prices costs ratings speeds
    temperatures""".split()
)
# Verbs of change before "from A to B": A and B are values ("increased from 1061 to 1128").
CHANGE_VERBS: frozenset[str] = frozenset(
    """increased increase increases rose rise rises fell fall falls dropped drop drops grew
    grow grows climbed jumped declined decreased went improved""".split()
)
# Words after a number that make it a quantity, not a year or a day ("2000 people").
QUANTITY_UNITS: frozenset[str] = frozenset(
    {
        "%",
        "percent",
        "per",
        "people",
        "persons",
        "person",
        "participants",
        "members",
        "workers",
        "employees",
        "staff",
        "students",
        "children",
        "women",
        "men",
        "victims",
        "cases",
        "households",
        "respondents",
        "jobs",
        "cars",
        "vehicles",
        "units",
        "dealers",
        "shares",
        "points",
        "seats",
        "votes",
        "copies",
        "items",
        "times",
        "yen",
        "dollars",
        "euros",
        "pounds",
        "won",
        "baht",
        "pesos",
        "rupees",
        "usd",
        "jpy",
        "eur",
        "km",
        "kilometres",
        "kilometers",
        "miles",
        "metres",
        "meters",
        "m",
        "kg",
        "tonnes",
        "tons",
        "feet",
        "ft",
        "hours",
        "minutes",
        "days",
        "weeks",
        "months",
        "years",
        "hrs",
        "mins",
        "min",  # "Mar 17 · 11 min read" glued as "Mar 1711 min"
        "sec",
        "secs",
        "seconds",
        "words",
        "pages",
        "views",
        "comments",
        "replies",
        "followers",
        "likes",
        "million",
        "billion",
        "thousand",
        "index",  # "the Russell 2000 Index"
        "pixels",
        "px",
        "megapixels",
        "mah",
    }
)

# Sub-year spans of a written year ("the first quarter of 2009", "fourth-quarter 2006", "Q1
# 2025", "H2 2024", "summer 2023") are closed intervals of months: the schema has no quarter or
# season value (TimeML's 2009-Q1 and 2023-SU), and months say the same.
SUB_YEAR_WORDS: dict[str, tuple[str, ...]] = {
    "ordinal": ("first", "second", "third", "fourth", "final", "last"),
    "part": ("quarter", "half"),
    "season": ("spring", "summer", "autumn", "fall", "winter"),
}
# (first month, last month) of each quarter and half, by its number; "final"/"last" is the last.
QUARTER_MONTHS: dict[int, tuple[int, int]] = {1: (1, 3), 2: (4, 6), 3: (7, 9), 4: (10, 12)}
HALF_MONTHS: dict[int, tuple[int, int]] = {1: (1, 6), 2: (7, 12)}
SUB_YEAR_ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "final": 0,  # the last one, whatever the count
    "last": 0,
}
# Meteorological seasons of the northern hemisphere, where most of our pages' readers live:
# (first month, last month); winter runs from December of its year into February of the next.
SEASON_MONTHS: dict[str, tuple[int, int]] = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 2),
}

# --- relative expressions (`relative.py`) ----------------------------------------------

# Days named by their distance from the reference date ("yesterday": the day before it).
DEICTIC_DAYS: dict[str, int] = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
# Parts of a day named from the publication day, valued as that day (as TimeML annotators do):
# "last night" is the day before, "this morning" the day itself.
DEICTIC_PARTS_OF_DAY: dict[tuple[str, str], int] = {
    ("last", "night"): -1,
    ("last", "evening"): -1,
    ("this", "morning"): 0,
    ("this", "afternoon"): 0,
    ("this", "evening"): 0,
}

# Units that "last/this/next" turn into a date ("last year", "next month"). Weeks have no value
# in the gold format, so "last week" gives nothing.
DEICTIC_UNITS: frozenset[str] = frozenset({"year", "month"})

# "the following day", "the previous year": read from the last date the text mentioned.
ANAPHORIC_STEPS: dict[str, int] = {
    "following": 1,
    "next": 1,
    "previous": -1,
    "preceding": -1,
    "same": 0,
}

# Words before "the next ..." that make it a duration ("over the next day or two").
DURATION_CUES: frozenset[str] = frozenset({"over", "within", "for", "during", "throughout", "in"})

# "a week ago", "three days ago": the count words read before a unit.
CARDINAL_WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
}
# "three days ago", "two years later": the units counted, and the grain of the value they give.
# Weeks have no value in the schema: "a week ago" gives the day seven days back, as TimeML
# annotators value it (MEANTIME), and a reader places it.
COUNTED_UNITS: dict[str, str] = {
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
}
# "three days later", "two years afterwards": counted from the date mentioned last, forwards or
# backwards; "ago" counts back from the publication day.
COUNT_DIRECTIONS: dict[str, int] = {"later": 1, "afterwards": 1, "afterward": 1, "earlier": -1}

# "earlier this year", "later in the month", "the end of the year", "the current year": a part
# of the reference's year or month, given as that year or month (as "end of 2025" is 2025).
PART_OF_UNIT_ADVERBS: frozenset[str] = frozenset({"earlier", "later", "early", "late"})
PART_OF_UNIT_NOUNS: frozenset[str] = frozenset(
    {"beginning", "start", "end", "rest", "remainder", "middle", "close", "turn"}
)

# "the first seven months of the year", "the second half of this year": a part counted from one
# end of a year or month, given as that year or month.
PART_ENDS: frozenset[str] = frozenset({"first", "last", "final", "second", "opening", "closing"})
PART_UNITS: frozenset[str] = frozenset(
    {"months", "weeks", "days", "half", "quarter", "month", "week"}
)

# Prepositions before "year-end", "year end" and "end-of-year" that make them a time ("by
# year-end"; "year-end results" is an adjective).
YEAR_END_PREPOSITIONS: frozenset[str] = frozenset(
    "by at before until till toward towards around after from through near".split()
)

# Words before a weekday that make it the name of a day, not a date ("Black Monday"), or make
# it recurring ("every Monday").
NAMED_DAY_WORDS: frozenset[str] = frozenset(
    {
        "black",
        "good",
        "cyber",
        "super",
        "ash",
        "holy",
        "palm",
        "easter",
        "maundy",
        "blue",
        "whit",
        "shrove",
        "bloody",
        "every",
        "each",
    }
)

# Words that make "day" after "that" part of a compound noun ("so that day care centres").
DAY_COMPOUND_WORDS: frozenset[str] = frozenset({"care", "trading", "job", "trip", "pass"})
# Parts of a day written after a weekday ("Monday night", "a Sunday morning").
TIMES_OF_DAY: frozenset[str] = frozenset(
    {"morning", "afternoon", "evening", "night", "noon", "midnight"}
)
# Prepositions that put a weekday after the reference date: "closed until Friday".
FUTURE_PREPOSITIONS: frozenset[str] = frozenset({"until", "till", "by"})

# Tense cues, read in the clause around a date (see `context.clause_tense`).
FUTURE_CUES: frozenset[str] = frozenset("will shall ll upcoming forthcoming tomorrow".split())
# Modals point to the future from before the date ("might run out of money by March"); after
# it they govern another verb ("August data could cause a fall").
MODALS: frozenset[str] = frozenset({"may", "might", "could", "should", "must"})
# The future of a past report ("said Tuesday that they would meet Dec. 10", "his vow that
# Britain would leave on Oct. 31"): later than the saying, before or after the publication day.
FUTURE_IN_PAST: frozenset[str] = frozenset({"would"})
# Participles that announce ("scheduled for March", "is expected in June"), but only before a
# preposition or after a present "be": "an expected announcement" is no future, and "was
# scheduled" is read from its "was".
FUTURE_PARTICIPLES: frozenset[str] = frozenset({"scheduled", "planned", "expected", "due"})
PARTICIPLE_LINKS: frozenset[str] = frozenset(
    {"to", "for", "in", "on", "by", "at", "until", "around", "this", "next", "early", "late"}
)
PRESENT_BE: frozenset[str] = frozenset({"is", "are", "be", "been", "being"})
# Verbs before a past participle that make it a state, not a past event ("Markets stay closed
# until Friday", "the road remains blocked").
STATE_VERBS: frozenset[str] = frozenset(
    "stay stays remain remains seem seems look looks appear appears become becomes".split()
)
# "set to begin", "plans to open": future only before "to" ("the plan", "its aims" are nouns).
FUTURE_BEFORE_TO: frozenset[str] = frozenset(
    "set going about plans plan intends intend wants aims hopes seeks".split()
)
# Verbs of asking: a date in what they ask for ("asked for compliance by December 11",
# "requested that the hearing be held on May 3") is later than the asking.
REQUEST_VERBS: frozenset[str] = frozenset(
    "asked requested sought demanded urged petitioned".split()
)
REQUEST_LINKS: frozenset[str] = frozenset({"for", "to", "that"})
PAST_CUES: frozenset[str] = frozenset(
    {"was", "were", "had", "did", "ago", "earlier", "previously", "yesterday"}
)
# Verbs of scheduled events: in the present tense they announce ("The Gophers play Saturday",
# "the tour that stops at Blossom on July 22"); see `context._announces_schedule` for the shapes
# in which they count.
SCHEDULE_VERBS: frozenset[str] = frozenset(
    """start begin open close kick play host visit face air premiere debut resume expire arrive
    travel tour stop go""".split()
)
# Those whose -s form also announces in a main clause ("The show opens to the public on
# Friday", "Lowe's reports earnings Wednesday"): verbs of programmes and results. Verbs of
# movement stay out (a photo caption writes "The president visits a plant on Monday" of a past
# day), and so does "closes" (a market report's "The Dow closes at a record on Friday").
MAIN_CLAUSE_SCHEDULE_VERBS: frozenset[str] = frozenset(
    """start begin open kick play host air premiere debut resume expire report meet vote
    launch""".split()
)
# "is to visit", "are to travel": the British and agency future ("the minister is to visit
# Japan on Monday"), unless the infinitive is one of these ("is to blame").
BE_TO_NOT_FUTURE: frozenset[str] = frozenset({"blame", "say"})
# Words before "could" in its clause that make it the past of "can" ("Neither team could score
# on Sunday"); "could not" and "couldn't" are read so too ("could not be reached Monday").
NEGATIONS: frozenset[str] = frozenset({"not", "never", "neither", "nor", "no", "nobody", "none"})
# Words before a schedule verb's -s form that make it a verb of a relative clause ("the tour
# that stops ...").
RELATIVE_PRONOUNS: frozenset[str] = frozenset({"that", "which", "who"})
# Subjects before a schedule verb's bare form ("They host the Lakers on Friday").
PLURAL_PRONOUNS: frozenset[str] = frozenset({"they", "we", "you"})
# Words that open a clause of its own inside a sentence: a tense cue before one belongs to
# another clause than a date after it ("went ... and from October they will be released").
CLAUSE_LINKS: frozenset[str] = frozenset({"and", "but", "while", "whereas", "although", "though"})
# Prepositions between a clause link and the date of its clause ("and in May", "but from June").
LINKED_PREPOSITIONS: frozenset[str] = frozenset(
    "in on from by since until till after before during at".split()
)
# Words that open a relative aside between commas (", which was renovated in 2019,").
RELATIVE_WORDS: frozenset[str] = frozenset({"which", "who", "whom", "whose", "where"})
# A note on the page's own revision ("This blog post was edited on 9 July", "this story was
# updated Monday"): the page is revised soon after it is published, so the day is read nearest
# the publication day whatever the tense. The verb, and the noun after "this" that names the
# page.
REVISION_VERBS: frozenset[str] = frozenset({"updated", "edited", "corrected", "amended", "revised"})
PAGE_NOUNS: frozenset[str] = frozenset({"post", "article", "story", "page", "piece", "entry"})
# A word just before a date that fixes its tense: "since December" is past.
PAST_PREPOSITIONS: frozenset[str] = frozenset({"since"})
IRREGULAR_PAST: frozenset[str] = frozenset(
    """said told fell rose began saw made took came went held met won lost sold bought paid gave
    got left sent spent built led grew became brought found stood ran wrote spoke chose drove
    flew broke struck sank knew thought felt kept drew threw wore rode shook tore woke forgot
    fought caught taught sought dealt meant slept swept bent lent shot fed fled hung stuck
    spun sang rang drank shrank swam""".split()
)
# Words in -ed that are not past verbs, or not past in meaning.
NOT_PAST_ED: frozenset[str] = frozenset(
    """need indeed speed seed feed proceed succeed exceed breed based related limited united
    advanced detailed dedicated interested concerned experienced skilled talented hundred
    embed""".split()
)
# Present finite forms that end the search for a past report before a future cue ("said it
# has planned a vote for March": the plan is present).
PRESENT_FINITE: frozenset[str] = frozenset("has have says say am does do remains remain".split())
# Before a past participle: present or future passive ("is held", "will be held").
PRESENT_AUXILIARIES: frozenset[str] = frozenset({"is", "are", "am", "being", "get", "gets"})
FUTURE_AUXILIARIES: frozenset[str] = frozenset(
    {"will", "shall", "ll", "would", "could", "should", "may", "might", "must", "can", "to"}
)
# Adverbs skipped between an auxiliary and its verb ("has already announced").
VERB_ADVERBS: frozenset[str] = frozenset(
    """also already officially now not then first recently originally jointly just formally
    finally publicly reportedly initially""".split()
)
# Abbreviations whose dot does not end a sentence.
ABBREVIATIONS: frozenset[str] = frozenset(
    """inc co corp ltd mr mrs ms dr st no jr sr vs gen rep reps sen sens gov lt col capt sgt
    prof rev hon pres atty supt dept univ assn bros approx ave blvd rd mt ft
    ala ariz ark calif colo conn fla kan ky mich minn mont neb nev okla tenn tex vt wis
    wyo""".split()
)
