"""The words the geoparser's rules read, loaded once from data files.

Each list is a file of ``words/`` under this package: one entry a line, ``#`` lines saying
what the list is for. Adding a title, a speech verb or a kind of building is an edit of a data
file, not of code. The kinds of place (the gazetteer's schema) and the given names of the
US Census (read from the ``names`` package) are here too.

Examples
--------
>>> "general" in TITLES and "said" in SPEECH_VERBS
True
>>> is_generic_word("Valley"), is_generic_word("Boston")
(True, False)
"""

from __future__ import annotations

import functools
from importlib import resources

from geomap.geoparse.weights import WEIGHTS

__all__ = [
    "AFTER_A_TOWN",
    "ARTICLE_WORDS",
    "BUILDING_HEADS",
    "CALENDAR",
    "CONNECTORS",
    "DIRECTIONS",
    "ERAS",
    "FACILITY_HEADS",
    "FAMILY_WORDS",
    "FEATURE_HEADS",
    "FEATURE_HEAD_WORDS",
    "FEATURE_LEADS",
    "FUNCTION_WORDS",
    "GENERIC_WORDS",
    "INSTITUTION_WORDS",
    "LOCATIVES",
    "NOT_IN_FEATURE",
    "PLACE_WORDS",
    "PUBLICATION_HEADS",
    "SPEECH_VERBS",
    "STREET_HEADS",
    "SUBDIVISION_KINDS",
    "SURNAME_PARTICLES",
    "TITLES",
    "TO_A_PERSON",
    "first_names",
    "is_generic_word",
    "is_given_name",
    "word_list",
]


def word_list(name: str) -> list[str]:
    """The entries of ``words/<name>.txt``, in file order (comments and blank lines skipped)."""
    text = resources.files("geomap.geoparse").joinpath("words", f"{name}.txt").read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def _words(name: str) -> frozenset[str]:
    return frozenset(word_list(name))


TITLES = _words("titles")
SPEECH_VERBS = _words("speech_verbs")
CONNECTORS = _words("connectors")
CALENDAR = _words("calendar")
LOCATIVES = _words("locatives")
PUBLICATION_HEADS = _words("publication_heads")
ARTICLE_WORDS = _words("article_words")
DIRECTIONS = _words("directions")
PLACE_WORDS = DIRECTIONS | _words("place_words")
INSTITUTION_WORDS = _words("institution_words")
BUILDING_HEADS = _words("building_heads")
FACILITY_HEADS = _words("facility_heads")
NOT_IN_FEATURE = _words("not_in_feature")
ERAS = _words("eras")
FAMILY_WORDS = _words("family_words")
TO_A_PERSON = _words("to_a_person")
SURNAME_PARTICLES = _words("surname_particles")
STREET_HEADS = _words("street_heads")
FUNCTION_WORDS = _words("function_words")
AFTER_A_TOWN = _words("after_a_town")
#: Feature head words and leads ("Street", "St.", "Lake"), in file order.
FEATURE_HEADS = tuple(word_list("feature_heads"))
FEATURE_LEADS = tuple(word_list("feature_leads"))
FEATURE_HEAD_WORDS = frozenset(word.replace(".", "").lower() for word in word_list("feature_heads"))
GENERIC_WORDS = PLACE_WORDS | CALENDAR

# -- kinds of place (the gazetteer's schema) ---------------------------------------------------

#: Kinds without a country of their own: the countries an article names do not outvote them.
COUNTRYLESS = frozenset({"sea", "continent", "area"})
#: What a people's name ("Iraqi") may stand for.
DEMONYM_KINDS = frozenset({"country", "region", "area", "continent"})
#: Kinds that are a point on the map, as opposed to an area.
POINT_KINDS = frozenset({"city", "district", "military", "airport", "place"})
#: Kinds a list of names compares ("Washington, New York and Boston": towns).
KIND_CLASS = {"country": "country", "region": "region", "city": "town", "district": "town"}
#: What a list of names is called ("Walton and Oconee counties") → the kind and word for one.
SUBDIVISION_KINDS = {
    "counties": ("district", "County"),
    "parishes": ("district", "Parish"),
    "boroughs": ("district", "Borough"),
    "districts": ("district", "District"),
    "provinces": ("region", "Province"),
    "governorates": ("region", "Governorate"),
}
#: Kinds large enough for a name containing them to be named after them ("Bank of Japan").
NAMED_AFTER_KINDS = frozenset({"country", "region", "continent", "area", "sea"})
#: Kinds whose unsupported readings the checks judge.
JUDGED_KINDS = POINT_KINDS | {"region", "district"}
#: Kinds that cover a whole country or more.
COUNTRY_LEVEL = frozenset({"country", "continent"})
#: Places whose name outweighs the common word it also is.
MAJOR_KINDS = frozenset({"country", "continent", "sea", "area"})


def is_generic_word(word: str) -> bool:
    """Whether a word is a direction, a kind of place or feature, or a calendar word
    ("Central", "Valley", "Centre", "March"): never a place's whole name in running text,
    whatever town or region bears it."""
    word = word.lower()
    return word in GENERIC_WORDS or word in FEATURE_HEAD_WORDS


def is_given_name(word: str) -> bool:
    """Whether a word is a common given name ("Hailey", "Tyler")."""
    return word.lower() in first_names()


@functools.cache
def first_names() -> frozenset[str]:
    """Given names borne by at least :attr:`Weights.given_name_percent` of Americans (US
    Census 1990, shipped by the ``names`` package), lower case."""
    found: set[str] = set()
    for table in ("dist.male.first", "dist.female.first"):
        for line in resources.files("names").joinpath(table).read_text().splitlines():
            fields = line.split()
            if len(fields) >= 2 and float(fields[1]) >= WEIGHTS.given_name_percent:
                found.add(fields[0].lower())
    return frozenset(found)
