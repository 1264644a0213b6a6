"""What the text says around a name: every pattern the geoparser reads from raw text.

The recogniser, the people rules and the resolver never match the text themselves; they ask
these questions at a name's offsets (and, of the whole text, where it names streets, buildings
and lakes): is it qualified ("Paris, Texas"), a reference point
("north of Baghdad"), on a border, in a list, a street, one of a list of counties, a facility,
a quote's speaker, a currency, a disease? Each answer is a plain value.

Examples
--------
>>> text = "Rockets hit Taji, north of Baghdad."
>>> near_between(text, 16, 27)
True
>>> facility_after("the Taji military base", 4, 8)
'military'
>>> currency_after("40 US dollars", 5)
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from geomap.geoparse.lexicon import (
    ARTICLE_WORDS,
    FEATURE_HEADS,
    FEATURE_LEADS,
    LOCATIVES,
    PUBLICATION_HEADS,
    TO_A_PERSON,
)
from geomap.model import Mention
from geomap.regex_cache import compiled

__all__ = [
    "ELIDED_ARTICLE",
    "after_locative",
    "after_the",
    "age_after",
    "border_after_demonym",
    "border_before",
    "called_a_street",
    "comma_between",
    "container_between",
    "currency_after",
    "disease_after",
    "facility_after",
    "feature_names",
    "in_foreign_compound",
    "is_acronym",
    "list_between",
    "list_joined",
    "near_between",
    "next_word",
    "number_before",
    "possessive_between",
    "previous_word",
    "qualifier_after",
    "quote_speaker",
    "sentence_initial",
    "space_between",
    "subdivisions_called_after",
]

# How far around a name each cue looks, in characters.
_NEAR_SPAN = 60  # "north of", "20 km south-west of the"
_BORDER_SPAN = 40  # "on the border between Iraq and"
_BORDER_DEMONYM_SPAN = 12  # "Syrian border"
_STREET_SPAN = 40  # "and Dauphine streets"
_FACILITY_SPAN = 40  # "military air base"
_FACILITY_BEFORE_SPAN = 12  # "Camp ", "Fort "
_SPEAKER_SPAN = 20  # '," said '
_ACRONYM_SPAN = 40  # lower-case letters this near: not a headline in capitals
_ERA_SPAN = 8  # "500 " before "BC"
_LIST_BEFORE_SPAN = 6  # ", and " before a list's name

# "Richmond, Va.", "Lincoln, Nebraska": a capitalised name after a comma.
_QUALIFIER = re.compile(r",[ \t]*([A-Z][\w.]*(?:[ \t][A-Z][\w.]*)?)")
#: "d'Ivoire", "l'Aquila": an elided article before a capitalised name.
ELIDED_ARTICLE = re.compile(r"^[dlDL]['’]")
_NUMBER_BEFORE = re.compile(r"\d\s*$")
_FACILITY_AFTER = re.compile(
    r"^[\s\-]*(?:(?:military|army|air|naval|navy|airforce|air force|us|u\.s\.|coalition|"
    r"american)\s+)*(base|airbase|air base|airfield|air field|airport|camp|garrison)\b",
    re.IGNORECASE,
)
_FACILITY_BEFORE = re.compile(r"\b(?:camp|fort|base|airbase)\s+$", re.IGNORECASE)
_SENTENCE_END = set('.!?:;\n"“”')
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
# A person's age in apposition: "McDaniel, 19, of Paris"; not a year ("Paris, 1920,").
_AGE_AFTER = re.compile(r",\s?(?:1[01][0-9]|[1-9]?[0-9]),\s")
# "Walton and Oconee counties", "Navarro, Henderson and Ellis counties". At most 30 names
# follow: a longer run is a table, and reading to its end from each name took quadratic time.
_SUBDIVISIONS_AFTER = re.compile(
    r"(?P<more>(?:\s*(?:,|,?\s+and|,?\s+or|&)\s+[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*)?){0,30})"
    r"\s+(?P<word>counties|parishes|boroughs|districts|provinces|governorates)\b"
)
_LIST_BEFORE = re.compile(r"(?:,|\band|\bor|&)\s+$")
# A quote's speaker: a closing quotation mark, a speech verb, the name, then the sentence ends.
_QUOTE_ATTRIBUTION = re.compile(r"[\"”’'],?\s+(?:said|says|added|asked|explained|recalled)\s+$")
_ATTRIBUTION_END = re.compile(r"\s*[.,;]")
# A currency after a country's name or people: the money, not the place.
_CURRENCY_AFTER = re.compile(
    r"\$|\s+(?:dollars?|cents|pounds? sterling|pesos?|rupees?|yuan|francs?|riyals?|dinars?"
    r"|shekels?)\b"
)
# A disease named after a place: the disease, not the place.
_DISEASE_AFTER = re.compile(
    r"\s+(?:virus(?:es)?|ebolavirus|fever|(?:ha)?emorrhagic fever|disease|encephalitis|flu)\b",
    re.IGNORECASE,
)
# The capitalised words right after a name, possessive dropped ("the Kansas| City Star's").
_CAPITALISED_AFTER = re.compile(r"(?: [A-Z][a-z]+\b(?!-))+")
# "the " and any capitalised words of the name before this one ("the New| York Times").
_THE_AND_NAME_BEFORE = re.compile(r"(?:^|[^\w])[Tt]he (?:[A-Z][\w'-]* ){0,3}$")
_NEAR_PHRASE = re.compile(
    r"\b(?:(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?"
    r"(?:\s+of)?|near|outside|close to|just outside|on the outskirts of|in the outskirts of|"
    r"\d+\s*(?:km|kilometers|kilometres|miles)\s+(?:\w+\s+)?(?:of|from))\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_BORDER_PHRASE = re.compile(
    r"\bborder(?:s)?\s+(?:with|between)\s+(?:\w+\s+and\s+)?$", re.IGNORECASE
)
_BORDER_DEMONYM = re.compile(r"^\s+border", re.IGNORECASE)
_COMMA = re.compile(r",\s*")
_SPACE = re.compile(r"\s+")
_LIST_JOINER = re.compile(r",\s*|,?\s+(?:and|or)\s+|\s*&\s*")
_LIST_PARTNER = re.compile(
    r"(?:,[ \t]*|,?[ \t]+(?:and|or)[ \t]+)([A-Z][^\W\d_]+(?:[ \t][A-Z][^\W\d_]+)*)"
)
_LIST_NEXT = re.compile(r",?\s*(?:and|or|&)?\s*")
# A name the text calls a street: "Bourbon and Dauphine streets", "State and Hubbard streets",
# "the Chartres/Franklin intersection", "Royal Street" (a capitalised street word). Streets are
# named after towns far away, so the town of that name is not the place.
_STREET_WORDS = r"(?:streets|avenues|roads|boulevards|intersection)"
_STREET_AFTER = re.compile(
    rf"^(?:\s*(?:and|&|/)\s*[A-Z][\w'’-]*)?\s*{_STREET_WORDS}\b"
    r"|^\s+(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Blvd\.)(?![\w'’-])"
)
_STREET_BEFORE = re.compile(r"[A-Z][\w'’-]*\s*(?:and|&|/)\s*$")
_COORDINATED = re.compile(r"^\s*(?:and|&|/)")
# "Crossroads Correctional Center in Shelby", "Royal Street, New Orleans", "the A417 near Birdlip"
_CONTAINER_AFTER = re.compile(r"^\s*(?:,|in|at|near|outside|on|of)\s+(?:the\s+)?$", re.IGNORECASE)
_POSSESSIVE_BEFORE = re.compile(r"^['’]s?\s+(?:the\s+)?$")


def _behind_first_letter(words: Iterable[str], look_behind: str) -> list[str]:
    """Each word as a pattern that checks ``look_behind`` (two characters wide: the one
    before the word, and its first letter) after the word's first letter: a pattern that
    opens with letters lets ``re`` skip in C to where one stands, where one that opens with a
    look-behind is tried at every character of the text. (Longer to compile: kept compiled
    by :func:`~geomap.regex_cache.compiled`.)"""
    return [re.escape(word[0]) + look_behind + re.escape(word[1:]) for word in words]


# A word of a feature's name: capitalised ("St." and "E." keep their dot) or an ordinal ("8th
# Avenue"); not a possessive, which names another place ("Toronto's Pearson Airport").
_FEATURE_WORD = (
    r"(?:[A-Z][\w&-]*(?<!['’]s)(?:(?<=\b[A-Z][a-z])\.|(?<=\b[A-Z])\.)?|[0-9]+(?:st|nd|rd|th))"
)
# Streets, buildings, natural features: found from their head word, the rare part, then
# extended back over the capitalised words.
_FEATURE_HEAD = compiled(
    "(?:" + "|".join(_behind_first_letter(FEATURE_HEADS, r"(?<=\s.)")) + r")(?![\w'’-])"
    r"(?:\s(?:North|South|East|West)\b)?"
)
_FEATURE_NAME_BEFORE = re.compile(rf"(?<![\w'’.-])(?:{_FEATURE_WORD}\s){{1,4}}$")
_NOT_AFTER_A_WORD = r"(?<![\w'’.-].)"  # checked after the first letter: the one before it
_FEATURE_LED = compiled(
    "|".join(
        [
            lead + r"\s[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)?"
            for lead in _behind_first_letter(FEATURE_LEADS, _NOT_AFTER_A_WORD)
        ]
        + [
            road + r"[- ](?:[0-9]+[A-Z]?)\b"
            for road in _behind_first_letter(
                ("Highway", "Route", "Interstate", "U.S.", "US", "I"), _NOT_AFTER_A_WORD
            )
        ]
    )
)


# -- words around a name -----------------------------------------------------------------------


def previous_word(text: str, start: int) -> str:
    """The word before ``start`` (dots, apostrophes and hyphens included: "Gen.", "O'Neil")."""
    i = start - 1
    while i >= 0 and text[i] == " ":
        i -= 1
    j = i
    while j >= 0 and (text[j].isalnum() or text[j] in ".'’-"):
        j -= 1
    return text[j + 1 : i + 1]


def next_word(text: str, end: int) -> str:
    """The word after one space at ``end`` ("" when something else follows)."""
    match = _WORD.match(text, end + 1) if end < len(text) and text[end] == " " else None
    return match.group(0) if match else ""


def sentence_initial(text: str, start: int) -> bool:
    """Whether ``start`` begins a sentence (quotes and brackets before it aside)."""
    i = start - 1
    while i >= 0 and text[i] in " \t\"'“‘([":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


def after_locative(text: str, start: int, previous: str | None = None) -> bool:
    """Whether a name follows "in", "at", "near", ...; "to" only where it leads to a place
    ("moved to Fremont", not "a source close to McGregor"). ``previous``: the word before
    ``start`` (:func:`previous_word`), when the caller has it already."""
    previous = (previous_word(text, start) if previous is None else previous).lower()
    if previous not in LOCATIVES:
        return False
    if previous != "to":
        return True
    before = previous_word(text, start - len(previous) - 1).lower()
    return before not in TO_A_PERSON


def after_the(text: str, start: int) -> bool:
    """Whether the word before ``start`` is "the" ("in the Gulf"; not "bathe Gulf")."""
    return text[max(0, start - 4) : start].lower() == "the " and (
        start < 5 or not text[start - 5].isalnum()
    )


def number_before(text: str, start: int) -> bool:
    """Whether a number ends just before ``start`` ("500 BC")."""
    return _NUMBER_BEFORE.search(text[max(0, start - _ERA_SPAN) : start]) is not None


def in_foreign_compound(text: str, start: int) -> bool:
    """Whether the name ends an Arabic compound ("Al-Jazeera")."""
    if start < 2 or text[start - 1] not in "-‐‑":
        return False
    return previous_word(text, start - 1).lower() in ARTICLE_WORDS


def is_acronym(text: str, mention: Mention) -> bool:
    """Whether a mention is an acronym: a short word in capitals in a text that is not ("OAS",
    "CHU"; not a dateline, nor a name in a headline written in capitals)."""
    word = mention.text.replace(".", "")
    if mention.role == "dateline" or not (2 <= len(word) <= 4) or not word.isalpha():
        return False
    if not word.isupper():
        return False
    around = (
        text[max(0, mention.start - _ACRONYM_SPAN) : mention.start]
        + text[mention.end : mention.end + _ACRONYM_SPAN]
    )
    return any(ch.islower() for ch in around)


# -- what follows a name -----------------------------------------------------------------------


def qualifier_after(text: str, end: int) -> str | None:
    """The capitalised name written after a comma ("Richmond, Va." → "Va."), if any."""
    match = _QUALIFIER.match(text, end)
    return match.group(1) if match else None


def facility_after(text: str, start: int, end: int) -> str | None:
    """ "military" or "airport" when the phrase around the name makes it a facility ("the Taji
    military base", "Camp Taji", "Baghdad airport")."""
    match = _FACILITY_AFTER.match(text[end : end + _FACILITY_SPAN])
    if match:
        word = match.group(1).lower()
        return "airport" if word == "airport" else "military"
    if _FACILITY_BEFORE.search(text[max(0, start - _FACILITY_BEFORE_SPAN) : start]):
        return "military"
    return None


def currency_after(text: str, end: int) -> bool:
    """ "US$543 million", "40 US dollars": money, not the place."""
    return _CURRENCY_AFTER.match(text, end) is not None


def disease_after(text: str, end: int) -> bool:
    """ "West Nile virus", "Marburg haemorrhagic fever": a disease named after a place."""
    return _DISEASE_AFTER.match(text, end) is not None


def publication_around(text: str, start: int, end: int) -> bool:
    """ "the New York Times", "the Jerusalem Post": a newspaper named after its town."""
    after = _CAPITALISED_AFTER.match(text, end)
    return (
        after is not None
        and any(word in PUBLICATION_HEADS for word in after.group().split())
        and _THE_AND_NAME_BEFORE.search(text[max(0, start - 40) : start]) is not None
    )


def age_after(text: str, end: int) -> bool:
    """ "Hailey, 6, and Caleb, 4": a name with an age is a person's."""
    return _AGE_AFTER.match(text, end) is not None


def quote_speaker(text: str, start: int, end: int) -> bool:
    """'"I love it," said Georgia.': the name is a quote's speaker."""
    return (
        _QUOTE_ATTRIBUTION.search(text, max(0, start - _SPEAKER_SPAN), start) is not None
        and _ATTRIBUTION_END.match(text, end) is not None
    )


def subdivisions_called_after(text: str, start: int, end: int) -> str | None:
    """The plural subdivision word ("counties", "provinces") that a list the name at
    ``start:end`` belongs to ends in, if any.

    Only a list counts: "Indiana counties" are the counties of Indiana.

    >>> subdivisions_called_after("Navarro, Henderson and Ellis counties", 9, 18)
    'counties'
    >>> subdivisions_called_after("the middle of Indiana counties", 14, 21) is None
    True
    """
    match = _SUBDIVISIONS_AFTER.match(text, end)
    if not match:
        return None
    if match["more"] or _LIST_BEFORE.search(text, max(0, start - _LIST_BEFORE_SPAN), start):
        return match["word"].lower()
    return None


def called_a_street(text: str, mention: Mention) -> bool:
    """Whether the text calls this name a street ("Bourbon and Dauphine streets")."""
    after = text[mention.end : mention.end + _STREET_SPAN]
    if not _STREET_AFTER.match(after):
        return False
    if after[:1].isspace() and after.lstrip()[:1].isupper():
        return True  # "Chartres Street" in a span of its own: "Chartres"
    # A lowercase plural needs a coordinated name: "Paris streets" are the city's.
    if _COORDINATED.match(after):
        return True
    before = text[max(0, mention.start - _STREET_SPAN) : mention.start]
    return _STREET_BEFORE.search(before) is not None


# -- between two names -------------------------------------------------------------------------


def list_partner_after(text: str, end: int) -> str | None:
    """The capitalised name a list joins after ``end`` ("Hudson and Milford" → "Milford")."""
    match = _LIST_PARTNER.match(text, end)
    return match.group(1) if match else None


def comma_before(text: str, start: int) -> bool:
    """Whether a comma, then only spaces, stands before ``start`` ("Monroe, LA")."""
    return text[max(0, start - 3) : start].rstrip(" ").endswith(",")


def comma_between(text: str, end: int, start: int) -> bool:
    """Only a comma between two names: "Kirkuk, Iraq"."""
    return _COMMA.fullmatch(text[end:start]) is not None


def space_between(text: str, end: int, start: int) -> bool:
    """Only space between two names: "the Syrian Abu Kamal"."""
    return _SPACE.fullmatch(text[end:start]) is not None


def near_between(text: str, end: int, start: int) -> bool:
    """Whether the text between two names makes the second a reference point for the first
    ("Taji, north of Baghdad", "a village near Kirkuk")."""
    between = text[end:start]
    return len(between) < _NEAR_SPAN and _NEAR_PHRASE.search(between) is not None


def border_before(text: str, start: int) -> bool:
    """ "on the border with Syria", "the border between Iraq and Syria"."""
    return _BORDER_PHRASE.search(text[max(0, start - _BORDER_SPAN) : start]) is not None


def border_after_demonym(text: str, end: int) -> bool:
    """ "near the Syrian border": a people's name before "border"."""
    return _BORDER_DEMONYM.match(text[end : end + _BORDER_DEMONYM_SPAN]) is not None


def list_between(text: str, end: int, start: int) -> bool:
    """Whether two names are neighbours in a list ("Iraq, Syria", "Iraq and Syria")."""
    return _LIST_NEXT.fullmatch(text[end:start]) is not None


def list_joined(text: str, end: int, start: int) -> bool:
    """Whether a list's joiner, and only that, stands between two names ("A, B and C")."""
    return _LIST_JOINER.fullmatch(text[end:start]) is not None


def container_between(text: str, end: int, start: int) -> bool:
    """Whether the second name contains the first ("Center in Shelby", "Street, New Orleans")."""
    return _CONTAINER_AFTER.match(text[end:start]) is not None


def possessive_between(text: str, end: int, start: int) -> bool:
    """Whether the first name owns the second ("Brooklyn's Barclays Center")."""
    return _POSSESSIVE_BEFORE.match(text[end:start]) is not None


# -- in the whole text -------------------------------------------------------------------------


def feature_names(text: str) -> list[tuple[int, int]]:
    """Spans of the names of streets, buildings and natural features ("Royal Street", "Lake
    Hartwell", "Highway 61"), by start and longest first; they may overlap.

    >>> text = "Divers searched Lake Hartwell near the Barclays Center."
    >>> [text[start:end] for start, end in feature_names(text)]
    ['Lake Hartwell', 'Barclays Center']
    """
    spans = [match.span() for match in _FEATURE_LED.finditer(text)]
    for head in _FEATURE_HEAD.finditer(text):
        name = _FEATURE_NAME_BEFORE.search(text, max(0, head.start() - 120), head.start())
        if name:
            spans.append((name.start(), head.end()))
    return sorted(spans, key=lambda span: (span[0], -span[1]))
