"""Names the document uses for people, so that their place namesakes are not taken.

A title ("General Kenneth Mackenzie"), a speech verb ("Mackenzie told"), a given name before
it ("Brian Munford"), a middle initial, an age ("Hailey, 6") or a quote's attribution ('"...,"
said Georgia') makes a name a person's, here or throughout the document.
"""

from __future__ import annotations

from collections.abc import Mapping

from geomap.geoparse.cues import (
    after_locative,
    age_after,
    next_word,
    previous_word,
    quote_speaker,
    sentence_initial,
)
from geomap.geoparse.fold import name_key
from geomap.geoparse.lexicon import (
    ARTICLE_WORDS,
    BUILDING_HEADS,
    CONNECTORS,
    FAMILY_WORDS,
    FEATURE_HEAD_WORDS,
    INSTITUTION_WORDS,
    LOCATIVES,
    PLACE_WORDS,
    SPEECH_VERBS,
    SURNAME_PARTICLES,
    TITLES,
    first_names,
)
from geomap.geoparse.names import NameInfo
from geomap.geoparse.weights import WEIGHTS


def person_names(
    text: str, chosen: list[tuple], names: Mapping[str, int]
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
    before = [previous_word(text, start) for start, _end, _key, _info in chosen]
    located = {
        name_key(text[start:end])
        for (start, end, _key, _info), previous in zip(chosen, before, strict=True)
        if after_locative(text, start, previous)
    }
    given_names = first_names()
    for (start, end, _key, info), previous in zip(chosen, before, strict=True):
        if info.demonym:
            continue
        # '"I love it," said Georgia.': the speaker of a quote, whatever country bears the name.
        if (
            quote_speaker(text, start, end)
            and not text[start:end].isupper()  # '," said U.S. Agriculture Secretary Johanns'
        ):
            here.add(start)
            if name_key(text[start:end]) not in located:
                people.add(name_key(text[start:end]))
                speakers.add(name_key(text[start:end]))
            continue
        if info.major:
            continue
        small = info.prior < WEIGHTS.person_prior
        prev_clean = previous.rstrip(".")
        surface = text[start:end]
        if (
            prev_clean.lower() in given_names
            and prev_clean[:1].isupper()
            and text[start - len(previous) - 1 : start].endswith(" ")
            and not names_a_place(names, prev_clean)
        ) or (
            surface.lower() in given_names
            and continues_proper_noun(text, end)
            and previous.lower() not in LOCATIVES
        ):
            # "Brian Munford", "Steven Anthony Eberhart": after a given name; "Mary Wheeler":
            # a given name before a surname.
            here.add(start)
            if small and name_key(surface) not in located:
                people.add(name_key(surface))
            continue
        # "General Kenneth Mackenzie": a title two words back counts only across a first name,
        # not across a preposition ("a spokesman for Oxford Police").
        before_previous = (
            previous_word(text, start - len(previous) - 1) if prev_clean[:1].isupper() else ""
        )
        if {prev_clean.lower(), before_previous.rstrip(".").lower()} & TITLES:
            here.add(start)
            if small:
                people.add(name_key(text[start:end]))
            continue
        # "Mike de Kock", "Vincent van Gogh": a surname's particle after a given name (not
        # "Santiago de Chile", whose first word is a place).
        if previous in SURNAME_PARTICLES:
            given = previous_word(text, start - len(previous) - 1)
            if given[:1].isupper() and not names_a_place(names, given.rstrip(".")):
                here.add(start)
                if small:
                    people.add(name_key(surface))
                continue
        # "Mackenzie told", but not "fishermen in Labrador said": after a locative, a place.
        # "Hailey, 6, and Caleb, 4": a name with an age; "the Ching family": a surname.
        if (
            (next_word(text, end).lower() in SPEECH_VERBS and previous.lower() not in LOCATIVES)
            or age_after(text, end)
            or (previous.lower() == "the" and next_word(text, end).lower() in FAMILY_WORDS)
        ):
            here.add(start)
            if small:
                people.add(name_key(text[start:end]))
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
                people.add(name_key(text[start:end]))
            continue
        if (
            prev_clean[:1].isupper()
            and prev_clean.lower() not in PLACE_WORDS
            and prev_clean.lower() not in CONNECTORS
            and gap.endswith(" ")
            and not prev_clean.endswith(("'s", "’s"))
            and not sentence_initial(text, start - len(previous) - 1)
            and not prev_clean.isupper()
            and not names_a_place(names, prev_clean)  # "the Syrian Abu Kamal", "Greater London"
            and prev_clean.lower() not in INSTITUTION_WORDS  # "First Baptist Church Maryville"
            and prev_clean.lower() not in BUILDING_HEADS
        ):
            here.add(start)
            if small and name_key(text[start:end]) not in located:
                people.add(name_key(text[start:end]))
    return people, here, speakers


def names_a_place(names: Mapping[str, int], word: str) -> bool:
    """Whether ``word`` before a name qualifies it as a place ("Syrian", "Greater"), rather than
    being a first name that a small town also bears ("Anthony", "Brent", "Lee")."""
    packed = names.get(name_key(word))
    if packed is None:
        return False
    info = NameInfo.unpack(packed)
    return info.demonym or info.major or info.prior >= WEIGHTS.large_place_prior


def after_capitalised_hyphen(text: str, start: int, names: Mapping[str, int]) -> bool:
    """Whether the name ends a hyphenated compound whose first part names no place ("Wal-Mart";
    not "Dallas-Fort Worth" or "Syrian-Turkish")."""
    if start < 2 or text[start - 1] not in "-‐‑":
        return False
    previous = previous_word(text, start - 1)
    if previous in {"D", "R", "I"}:
        return False  # "Rep. Wendell Gilliard, D-Charleston": a legislator's party and home
    return (
        previous[:1].isupper()
        and previous.lower() not in ARTICLE_WORDS
        and not names_a_place(names, previous)
    )


def continues_proper_noun(text: str, end: int) -> bool:
    """Whether a capitalised word (not a place word, not an institution's) follows in the
    same phrase, and the capitalised words after it name no institution ("Henry County
    General Sessions Court" is the county's court)."""
    following = next_word(text, end)
    if not following or not following[0].isupper():
        return False
    word = following.lower()
    if (
        word in PLACE_WORDS
        or word in CONNECTORS
        or word.rstrip(".") in FEATURE_HEAD_WORDS  # "Royal Street" is no person
    ):
        return False
    for _ in range(WEIGHTS.institution_lookahead):
        if word.replace("’", "'") in INSTITUTION_WORDS:
            return False
        end += len(following) + 1
        following = next_word(text, end)
        if not following or not following[0].isupper():
            break
        word = following.lower()
    return True
