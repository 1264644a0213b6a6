"""cues"""

from __future__ import annotations

import re

from geomap.geoparse.lexicon import _ARTICLE_WORDS, _LOCATIVES, _TO_A_PERSON
from geomap.model import Mention

_QUALIFIER = re.compile(r",[ \t]*([A-Z][\w.]*(?:[ \t][A-Z][\w.]*)?)")
_ELIDED_ARTICLE = re.compile(r"^[dlDL]['’]")


_NUMBER_BEFORE = re.compile(r"\d\s*$")
_FACILITY_AFTER = re.compile(
    r"^[\s\-]*(?:(?:military|army|air|naval|navy|airforce|air force|us|u\.s\.|coalition|"
    r"american)\s+)*(base|airbase|air base|airfield|air field|airport|camp|garrison)\b",
    re.IGNORECASE,
)
_FACILITY_BEFORE = re.compile(r"\b(?:camp|fort|base|airbase)\s+$", re.IGNORECASE)
_SENTENCE_END = set('.!?:;\n"“”')


_WORD_RE = re.compile(r"[^\W\d_][\w'’\-]*")


# A person's age in apposition: "McDaniel, 19, of Paris"; not a year ("Paris, 1920,").
_AGE_AFTER = re.compile(r",\s?(?:1[01][0-9]|[1-9]?[0-9]),\s")


# "Walton and Oconee counties", "Navarro, Henderson and Ellis counties".
_SUBDIVISIONS_AFTER = re.compile(
    r"(?P<more>(?:\s*(?:,|,?\s+and|,?\s+or|&)\s+[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*)?)*)"
    r"\s+(?P<word>counties|parishes|boroughs|districts|provinces|governorates)\b"
)
_LIST_BEFORE = re.compile(r"(?:,|\band|\bor|&)\s+$")


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
    if match["more"] or _LIST_BEFORE.search(text, max(0, start - 6), start):
        return match["word"].lower()
    return None


def _after_locative(text: str, start: int) -> bool:
    """Whether a name follows "in", "at", "near", ...; "to" only where it leads to a place
    ("moved to Fremont", not "a source close to McGregor")."""
    previous = _previous_word(text, start).lower()
    if previous not in _LOCATIVES:
        return False
    if previous != "to":
        return True
    before = _previous_word(text, start - len(previous) - 1).lower()
    return before not in _TO_A_PERSON


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


def _in_foreign_compound(text: str, start: int) -> bool:
    if start < 2 or text[start - 1] not in "-‐‑":
        return False
    return _previous_word(text, start - 1).lower() in _ARTICLE_WORDS


def _previous_word(text: str, start: int) -> str:
    i = start - 1
    while i >= 0 and text[i] == " ":
        i -= 1
    j = i
    while j >= 0 and (text[j].isalnum() or text[j] in ".'’-"):
        j -= 1
    return text[j + 1 : i + 1]


def _next_word(text: str, end: int) -> str:
    match = _WORD_RE.match(text, end + 1) if end < len(text) and text[end] == " " else None
    return match.group(0) if match else ""


def _sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\"'“‘([":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


def facility_cue(text: str, start: int, end: int) -> str | None:
    after = text[end : end + 40]
    match = _FACILITY_AFTER.match(after)
    if match:
        word = match.group(1).lower()
        return "airport" if word == "airport" else "military"
    if _FACILITY_BEFORE.search(text[max(0, start - 12) : start]):
        return "military"
    return None


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
_LIST_JOINER = re.compile(r",\s*|,?\s+(?:and|or)\s+|\s*&\s*")


# named after towns far away, so the town of that name is not the place.
_STREET_WORDS = r"(?:streets|avenues|roads|boulevards|intersection)"
_STREET_AFTER = re.compile(
    rf"^(?:\s*(?:and|&|/)\s*[A-Z][\w'’-]*)?\s*{_STREET_WORDS}\b"
    r"|^\s+(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Blvd\.)(?![\w'’-])"
)
_STREET_BEFORE = re.compile(r"[A-Z][\w'’-]*\s*(?:and|&|/)\s*$")


def _is_acronym(text: str, mention: Mention) -> bool:
    """Whether a mention is an acronym: a short word in capitals in a text that is not ("OAS",
    "CHU"; not a dateline, nor a name in a headline written in capitals)."""
    word = mention.text.replace(".", "")
    if mention.role == "dateline" or not (2 <= len(word) <= 4) or not word.isalpha():
        return False
    if not word.isupper():
        return False
    around = text[max(0, mention.start - 40) : mention.start] + text[mention.end : mention.end + 40]
    return any(ch.islower() for ch in around)


def _after_the(text: str, start: int) -> bool:
    """Whether the word before ``start`` is "the" ("in the Gulf"; not "bathe Gulf")."""
    return text[max(0, start - 4) : start].lower() == "the " and (
        start < 5 or not text[start - 5].isalnum()
    )


def _called_a_street(text: str, mention: Mention) -> bool:
    """Whether the text calls this name a street ("Bourbon and Dauphine streets")."""
    after = text[mention.end : mention.end + 40]
    if not _STREET_AFTER.match(after):
        return False
    if after[:1].isspace() and after.lstrip()[:1].isupper():
        return True  # "Chartres Street" in a span of its own: "Chartres"
    # A lowercase plural needs a coordinated name: "Paris streets" are the city's.
    if re.match(r"^\s*(?:and|&|/)", after):
        return True
    return _STREET_BEFORE.search(text[max(0, mention.start - 40) : mention.start]) is not None


# -- context -----------------------------------------------------------------------------------

# "Crossroads Correctional Center in Shelby", "Royal Street, New Orleans", "the A417 near Birdlip"
_CONTAINER_AFTER = re.compile(r"^\s*(?:,|in|at|near|outside|on|of)\s+(?:the\s+)?$", re.IGNORECASE)
_POSSESSIVE_BEFORE = re.compile(r"^['’]s?\s+(?:the\s+)?$")
