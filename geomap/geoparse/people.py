"""people"""

from __future__ import annotations

from geomap.geoparse.cues import (
    _AGE_AFTER,
    _ATTRIBUTION_END,
    _QUOTE_ATTRIBUTION,
    _after_locative,
    _next_word,
    _previous_word,
    _sentence_initial,
)
from geomap.geoparse.fold import _fold_surface, _name_key
from geomap.geoparse.lexicon import (
    _ARTICLE_WORDS,
    _BUILDING_HEADS,
    _CONNECTORS,
    _FAMILY_WORDS,
    _FEATURE_HEAD_WORDS,
    _INSTITUTION_WORDS,
    _LOCATIVES,
    _PLACE_WORDS,
    _SPEECH_VERBS,
    _SURNAME_PARTICLES,
    _TITLES,
    _first_names,
)
from geomap.geoparse.names import NameInfo
from geomap.geoparse.weights import WEIGHTS


def _person_names(
    text: str, chosen: list[tuple], names: dict[str, int]
) -> tuple[set[str], set[int], set[str]]:
    """Names the document uses for people.

    Returns the folded names that are people's names throughout the document, the start
    offsets of hits that are people here, and the names of quotes' speakers, which are people
    throughout even when a country bears the name ('"I love it," said Georgia'). A title
    ("General Kenneth Mackenzie") or a speech verb ("Mackenzie told") makes a small place's
    name a person's name everywhere; a capitalised word before it ("Kenneth Mackenzie",
    "Charlie Crist") does so only for small places, as "Metropolitan Atlanta" and "FBI's
    Atlanta office" still name Atlanta.
    """
    people: set[str] = set()
    speakers: set[str] = set()  # people even where a country or large place bears the name
    here: set[int] = set()
    # Names the document also uses after "in", "at", "near": places there, whatever a
    # capitalised word before them elsewhere suggests ("First Baptist Church Maryville").
    located = {
        _fold_surface(text[start:end])
        for start, end, _key, _info in chosen
        if _after_locative(text, start)
    }
    first_names = _first_names()
    for start, end, _key, info in chosen:
        if info.demonym:
            continue
        # '"I love it," said Georgia.': the speaker of a quote, whatever country bears the name.
        if (
            _QUOTE_ATTRIBUTION.search(text, max(0, start - 20), start)
            and _ATTRIBUTION_END.match(text, end)
            and not text[start:end].isupper()  # '," said U.S. Agriculture Secretary Johanns'
        ):
            here.add(start)
            if _fold_surface(text[start:end]) not in located:
                people.add(_fold_surface(text[start:end]))
                speakers.add(_fold_surface(text[start:end]))
            continue
        if info.major:
            continue
        small = info.prior < WEIGHTS.person_prior
        previous = _previous_word(text, start)
        prev_clean = previous.rstrip(".")
        surface = text[start:end]
        if (
            prev_clean.lower() in first_names
            and prev_clean[:1].isupper()
            and text[start - len(previous) - 1 : start].endswith(" ")
            and not _names_a_place(names, prev_clean)
        ) or (
            surface.lower() in first_names
            and _continues_proper_noun(text, end)
            and _previous_word(text, start).lower() not in _LOCATIVES
        ):
            # "Brian Munford", "Steven Anthony Eberhart": after a given name; "Mary Wheeler":
            # a given name before a surname.
            here.add(start)
            if small and _fold_surface(surface) not in located:
                people.add(_fold_surface(surface))
            continue
        # "General Kenneth Mackenzie": a title two words back counts only across a first name,
        # not across a preposition ("a spokesman for Oxford Police").
        before_previous = (
            _previous_word(text, start - len(previous) - 1) if prev_clean[:1].isupper() else ""
        )
        if {prev_clean.lower(), before_previous.rstrip(".").lower()} & _TITLES:
            here.add(start)
            if small:
                people.add(_fold_surface(text[start:end]))
            continue
        # "Mike de Kock", "Vincent van Gogh": a surname's particle after a given name (not
        # "Santiago de Chile", whose first word is a place).
        if previous in _SURNAME_PARTICLES:
            given = _previous_word(text, start - len(previous) - 1)
            if given[:1].isupper() and not _names_a_place(names, given.rstrip(".")):
                here.add(start)
                if small:
                    people.add(_fold_surface(surface))
                continue
        # "Mackenzie told", but not "fishermen in Labrador said": after a locative, a place.
        # "Hailey, 6, and Caleb, 4": a name with an age; "the Ching family": a surname.
        if (
            (_next_word(text, end).lower() in _SPEECH_VERBS and previous.lower() not in _LOCATIVES)
            or _AGE_AFTER.match(text, end)
            or (previous.lower() == "the" and _next_word(text, end).lower() in _FAMILY_WORDS)
        ):
            here.add(start)
            if small:
                people.add(_fold_surface(text[start:end]))
            continue
        if not previous:
            continue
        gap = text[start - len(previous) - 1 : start]
        if (
            len(previous) == 2
            and previous[0].isupper()
            and previous[1] == "."
            and gap.endswith(" ")
            and (end >= len(text) or text[end] != ".")
        ):
            # "Vincent J. Fumo", "Ronnie M. Campbell": a middle initial ("Washington, D.C."
            # and "U.S." end in a dot of their own).
            here.add(start)
            if small:
                people.add(_fold_surface(text[start:end]))
            continue
        if (
            prev_clean[:1].isupper()
            and prev_clean.lower() not in _PLACE_WORDS
            and prev_clean.lower() not in _CONNECTORS
            and gap.endswith(" ")
            and not prev_clean.endswith(("'s", "’s"))
            and not _sentence_initial(text, start - len(previous) - 1)
            and not prev_clean.isupper()
            and not _names_a_place(names, prev_clean)  # "the Syrian Abu Kamal", "Greater London"
            and prev_clean.lower() not in _INSTITUTION_WORDS  # "First Baptist Church Maryville"
            and prev_clean.lower() not in _BUILDING_HEADS
        ):
            here.add(start)
            if small and _fold_surface(text[start:end]) not in located:
                people.add(_fold_surface(text[start:end]))
    return people, here, speakers


def _names_a_place(names: dict[str, int], word: str) -> bool:
    """Whether ``word`` before a name qualifies it as a place ("Syrian", "Greater"), rather than
    being a first name that a small town also bears ("Anthony", "Brent", "Lee")."""
    packed = names.get(_name_key(word))
    if packed is None:
        return False
    info = NameInfo.unpack(packed)
    return info.demonym or info.major or info.prior >= WEIGHTS.large_place_prior


def _after_capitalised_hyphen(text: str, start: int, names: dict[str, int]) -> bool:
    """Whether the name ends a hyphenated compound whose first part names no place ("Wal-Mart";
    not "Dallas-Fort Worth" or "Syrian-Turkish")."""
    if start < 2 or text[start - 1] not in "-‐‑":
        return False
    previous = _previous_word(text, start - 1)
    if previous in {"D", "R", "I"}:
        return False  # "Rep. Wendell Gilliard, D-Charleston": a legislator's party and home
    return (
        previous[:1].isupper()
        and previous.lower() not in _ARTICLE_WORDS
        and not _names_a_place(names, previous)
    )


def _continues_proper_noun(text: str, end: int) -> bool:
    """Whether a capitalised word (not a place word, not an institution's) follows in the
    same phrase, and the capitalised words after it name no institution ("Henry County
    General Sessions Court" is the county's court)."""
    following = _next_word(text, end)
    if not following or not following[0].isupper():
        return False
    word = following.lower()
    if (
        word in _PLACE_WORDS
        or word in _CONNECTORS
        or word.rstrip(".") in _FEATURE_HEAD_WORDS  # "Royal Street" is no person
    ):
        return False
    for _ in range(WEIGHTS.institution_lookahead):
        if word.replace("’", "'") in _INSTITUTION_WORDS:
            return False
        end += len(following) + 1
        following = _next_word(text, end)
        if not following or not following[0].isupper():
            break
        word = following.lower()
    return True
