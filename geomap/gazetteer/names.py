"""Name keys that survive transliteration, punctuation and spelling variants.

Every gazetteer name is stored under three keys, from strict to loose, and a query is looked up
under the same three:

``fold``
    Accents, case, apostrophes and ayn marks removed, punctuation turned into spaces:
    "Al Qā’im" → "al qaim".
``key``
    ``fold`` without the Arabic article ("al-", "el ", "ad-", …) before a word:
    "Al-Qa'im" → "qaim", "Ain al-Assad" → "ain assad".
``loose``
    ``key`` squeezed into a consonant skeleton: spaces and doubled letters removed, common
    vowel spellings merged ("Ayn"/"Ain", "Suleimani"/"Soleimani"), the "Abu"/"Albu"/"Bu"
    prefix unified: "Abu Kamal", "Albu Kamal" and "Al-Bukamal" all give "bkml".

Examples
--------
>>> fold("Al Qā’im")
'al qaim'
>>> key("Al-Qa'im") == key("Al Qaim") == key("Al Qā’im")
True
>>> loose("Abu Kamal") == loose("Albu Kamal") == loose("Al-Bukamal")
True
>>> loose("Ain al-Assad") == loose("Ayn al Asad")
True
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "FACILITY_WORDS",
    "SPECIAL_LETTERS",
    "fold",
    "is_facility_words",
    "is_latin",
    "key",
    "loose",
    "split_facility",
    "usable_alternate",
]

# Letters NFKD does not decompose into ASCII.
SPECIAL_LETTERS = {
    "ß": "ss",
    "æ": "ae",
    "Æ": "ae",
    "œ": "oe",
    "Œ": "oe",
    "ø": "o",
    "Ø": "o",
    "ł": "l",
    "Ł": "l",
    "đ": "d",
    "Đ": "d",
    "ð": "d",
    "Ð": "d",
    "þ": "th",
    "Þ": "th",
    "ı": "i",
    "ħ": "h",
    "Ħ": "h",
    "ŧ": "t",
    "ŋ": "n",
    "ĸ": "k",
    "ſ": "s",
}
# Apostrophes, ayn and hamza marks vanish ("Qa'im", "Qa’im", "Qaʿim" → "qaim").
_VANISHING = "'’‘ʿʼʾʻ`´′ʹ\u02bc\u02bb\u0027\u2019\u2018"
_TRANSLATE = str.maketrans({**{c: None for c in _VANISHING}, **SPECIAL_LETTERS, ".": None})
_NON_ALNUM = re.compile(r"[^0-9a-z]+")

# The Arabic article, written as its own word after folding ("al-qaim" → "al qaim").
_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "at", "az", "an", "ash", "adh", "ath", "aal"})

# Abbreviated first and last words of place names ("Mt.", "Ft.", "Co.", "Twp.").
_FIRST_WORD_ABBREVIATIONS = {"mt": "mount", "ft": "fort", "pt": "point"}
_LAST_WORD_ABBREVIATIONS = {"co": "county", "cnty": "county", "twp": "township", "twsp": "township"}

_LOOSE_REPLACEMENTS = (
    ("ph", "f"),
    ("ck", "k"),
    ("q", "k"),
    ("y", "i"),
    ("w", "u"),
    ("dh", "d"),
    ("kh", "k"),
    ("gh", "g"),
    ("dj", "j"),
)
_VOWELS_AFTER_FIRST = re.compile(r"(?<!^)[aeiou]")
_DOUBLED = re.compile(r"(.)\1+")
# "Abu", "Albu", "Bu" ("father of", and its tribal form) are one prefix in transliteration.
_ABU_PREFIX = re.compile(r"^(?:abu|albu|abou|bou|bu)(?=[a-z])")

#: Words that turn a place name into a facility at that place, longest first.
FACILITY_WORDS: tuple[tuple[str, str], ...] = (
    ("international airport", "airport"),
    ("army air field", "military"),
    ("army airfield", "military"),
    ("air force base", "military"),
    ("naval air station", "military"),
    ("military air base", "military"),
    ("military airbase", "military"),
    ("military base", "military"),
    ("army base", "military"),
    ("naval base", "military"),
    ("air base", "military"),
    ("airbase", "military"),
    ("air field", "military"),
    ("airfield", "military"),
    ("air station", "military"),
    ("airport", "airport"),
    ("aerodrome", "airport"),
    ("airstrip", "airport"),
    ("base", "military"),
    ("camp", "military"),
)
_FACILITY_SUFFIX = re.compile(
    r"^(?P<name>.+?)\s+(?P<facility>" + "|".join(re.escape(w) for w, _ in FACILITY_WORDS) + r")$"
)
_FACILITY_PREFIX = re.compile(r"^(?:camp|fort|base)\s+(?P<name>.+)$")
# Most names have no facility word: these let them skip both patterns.
_FACILITY_LAST_WORDS = frozenset(phrase.rpartition(" ")[2] for phrase, _ in FACILITY_WORDS)
_FACILITY_FIRST_WORDS = frozenset({"camp", "fort", "base"})
_FACILITY_KIND = dict(FACILITY_WORDS)
# Words that only describe a facility: "the air base" names no place.
_FACILITY_PARTS = frozenset(word for phrase, _ in FACILITY_WORDS for word in phrase.split()) | {
    "international",
    "military",
    "army",
    "naval",
    "navy",
    "national",
    "regional",
    "the",
}


@lru_cache(maxsize=262144)
def fold(name: str) -> str:
    """Lower-case ASCII words of ``name``: accents, apostrophes and punctuation removed.

    >>> fold("São Tomé-et-Príncipe")
    'sao tome et principe'
    >>> fold("U.S.")
    'us'
    """
    if name.isascii():  # most names in English text: nothing to decompose, same result
        return _NON_ALNUM.sub(" ", name.translate(_TRANSLATE).lower()).strip()
    return _fold_unicode(name)


def _fold_unicode(name: str) -> str:
    """:func:`fold` for any text: decomposed, combining marks dropped, case folded."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_TRANSLATE))
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return _NON_ALNUM.sub(" ", ascii_only.translate(_TRANSLATE)).strip()


@lru_cache(maxsize=262144)
def key(name: str) -> str:
    """``fold`` without Arabic articles in front of a word.

    >>> key("Ain al-Assad")
    'ain assad'
    >>> key("El Alamein")
    'alamein'
    >>> key("Loudon Co.") == key("Loudon County"), key("Ft. Worth") == key("Fort Worth")
    (True, True)
    """
    words = fold(name).split()
    if len(words) < 2:
        return " ".join(words)
    kept = [w for i, w in enumerate(words) if not (w in _ARTICLES and i < len(words) - 1)]
    # Abbreviations of news style: "Loudon Co." is Loudon County, "Mt. Vernon" Mount Vernon.
    kept[0] = _FIRST_WORD_ABBREVIATIONS.get(kept[0], kept[0])
    kept[-1] = _LAST_WORD_ABBREVIATIONS.get(kept[-1], kept[-1])
    return " ".join(kept)


@lru_cache(maxsize=262144)
def loose(name: str) -> str:
    """A consonant skeleton of ``key``: the loosest match geomap tries.

    >>> loose("Soleimani") == loose("Suleimani") == loose("Sulaymani")
    True
    """
    squeezed = key(name).replace(" ", "")
    squeezed = _ABU_PREFIX.sub("bu", squeezed)
    for old, new in _LOOSE_REPLACEMENTS:
        squeezed = squeezed.replace(old, new)
    squeezed = _DOUBLED.sub(r"\1", squeezed)
    return _DOUBLED.sub(r"\1", _VOWELS_AFTER_FIRST.sub("", squeezed))


def split_facility(name: str) -> tuple[str, str | None]:
    """Split a facility phrase into the place it names and the facility's kind.

    The name is returned folded. A name that is only a facility word stays whole.

    >>> split_facility("the Taji military base")
    ('taji', 'military')
    >>> split_facility("Baghdad International Airport")
    ('baghdad', 'airport')
    >>> split_facility("Camp Taji")
    ('taji', 'military')
    >>> split_facility("Paris")
    ('paris', None)
    >>> split_facility("the air base")
    ('air base', None)
    """
    folded = fold(name)
    if folded.startswith("the "):
        folded = folded[4:]
    if folded.rpartition(" ")[2] in _FACILITY_LAST_WORDS:
        match = _FACILITY_SUFFIX.match(folded)
        if match and not set(match["name"].split()) <= _FACILITY_PARTS:
            return match["name"], _FACILITY_KIND[match["facility"]]
    if folded.partition(" ")[0] in _FACILITY_FIRST_WORDS:
        match = _FACILITY_PREFIX.match(folded)
        if match:
            return match["name"], "military"
    return folded, None


def is_facility_words(phrase: str) -> bool:
    """Whether a folded phrase only describes a facility ("international", "air base").

    >>> is_facility_words("international"), is_facility_words("heathrow")
    (True, False)
    """
    return set(phrase.split()) <= _FACILITY_PARTS


def is_latin(name: str) -> bool:
    """True when ``name`` is written in Latin letters (possibly accented) and digits.

    Names in other scripts are not indexed: geomap reads English-language news.

    >>> is_latin("Qā’im"), is_latin("بغداد")
    (True, False)
    """
    folded = fold(name)
    if not folded:
        return False
    letters = sum(1 for c in name if c.isalpha())
    ascii_letters = sum(1 for c in folded if c.isalpha())
    return letters > 0 and ascii_letters >= letters


def usable_alternate(name: str) -> bool:
    """Whether a GeoNames alternate name is a name news text may use.

    Not other scripts, links or numbers, and not the airport codes GeoNames lists among a
    city's names ("THE" for Teresina, "AIR" for Aripuanã), which would match ordinary words.
    """
    if not is_latin(name) or "http" in name or name.isdigit():
        return False
    return not (len(name) <= 4 and name.isalpha() and name.isupper())
