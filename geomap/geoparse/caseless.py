"""Lines written all in lower case or all in capitals: a tweet, a headline, a transcript.

There capitals say nothing, so every word may start a name, and a name found there is judged
by what else tells a place from a word: how common the word is in English (its zipf), how
likely the place is (its prior), and what the text says around it ("in franklin", "franklin
county", "franklin and hudson", "springfield, illinois"). Mixed-case lines are left to the
capitalisation rules of :mod:`~geomap.geoparse.rules`.

Examples
--------
>>> caseless_lines("Storm Update\\n\\nflooding closed roads in franklin on monday")
[(14, 57)]
>>> caseless_lines("ROADS CLOSED IN FRANKLIN\\nCrews worked all night.")
[(0, 24)]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from sys import maxsize
from typing import TYPE_CHECKING

from geomap.geoparse.cues import (
    after_locative,
    after_the,
    comma_between,
    list_joined,
    number_before,
)
from geomap.geoparse.fold import name_key
from geomap.geoparse.lexicon import (
    AFTER_A_TOWN,
    DIRECTIONS,
    ERAS,
    FUNCTION_WORDS,
    PLACE_WORDS,
    is_generic_word,
    is_given_name,
)
from geomap.geoparse.names import NameInfo
from geomap.geoparse.weights import WEIGHTS

if TYPE_CHECKING:
    from geomap.geoparse.rules import Hit, Verdict

__all__ = ["caseless_lines", "caseless_word", "in_spans", "place_cue", "shape_source"]

# ", illinois", ", new south wales", ", w.va.": a name after a comma, up to three words.
_QUALIFIER = re.compile(r",[ \t]*([^\W\d_][\w.]*(?:[ \t][^\W\d_]+){0,2})")
_TAGS = re.compile(r"[#@]\w+|\w+://\S+")
_WORD_AFTER = re.compile(r"[ \t]+([^\W\d_]+)")
# ", of " just before a name: the residence in "jane doe, 43, of jackson, said".
_OF_AFTER_A_COMMA = re.compile(r",[ \t]+of[ \t]+\Z", re.IGNORECASE)
# Kinds of place: "franklin county", "hudson township" (not directions: "north central").
_KINDS = PLACE_WORDS - DIRECTIONS
# "hudson is a city in", "franklin was a small town": the name is said to be a place.
_SAID_TO_BE_A_PLACE = re.compile(
    r"[ \t]+(?:is|was)[ \t]+(?:a|an|the)[ \t]+(?:[^\W\d_]+[ \t]+){0,2}?("
    + "|".join(sorted(_KINDS))
    + r")\b",
    re.IGNORECASE,
)


def caseless_lines(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of every line of ``text`` with no capital, or no lower-case letter,
    and at least :attr:`Weights.caseless_line_words` words.

    In a text with capitals elsewhere, a line in lower case counts only as a paragraph of its
    own: a line of a wrapped paragraph may hold no capital by chance.
    """
    bare = _without_tags(text)
    all_lower = bare.islower()
    if not all_lower and not bare.isupper() and "\n" not in text:
        return []  # one mixed-case line: the usual case, answered without splitting
    lines = text.split("\n")
    spans = []
    position = 0
    for index, line in enumerate(lines):
        end = position + len(line)
        bare_line = _without_tags(line)
        if (
            (
                bare_line.isupper()
                or (
                    bare_line.islower()
                    and (
                        all_lower
                        or (
                            (index == 0 or not lines[index - 1].strip())
                            and (index + 1 == len(lines) or not lines[index + 1].strip())
                        )
                    )
                )
            )
            and len(line.split()) >= WEIGHTS.caseless_line_words
            and len(line.title()) == len(line)  # capitalising keeps every offset
        ):
            spans.append((position, end))
        position = end + 1
    return spans


def _without_tags(text: str) -> str:
    """``text`` without hashtags, handles and links, whose case is their own ("#ATL",
    "@NWS"): a tweet in lower case is one whatever its tags."""
    if "#" not in text and "@" not in text and "://" not in text:
        return text
    return _TAGS.sub("", text)


def shape_source(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with every word of the caseless lines capitalised, for the recogniser's scan
    (which starts names at capitals); offsets are kept."""
    pieces = []
    position = 0
    for start, end in spans:
        pieces.append(text[position:start])
        pieces.append(text[start:end].title())
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def in_spans(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` lies in one of ``spans`` (sorted, not overlapping)."""
    index = bisect_right(spans, (offset, maxsize)) - 1
    return index >= 0 and spans[index][0] <= offset < spans[index][1]


def place_cue(hit: Hit) -> bool:
    """Whether the text around a name says place: a locative before it ("in
    franklin"), a list joining it to the place before it ("franklin and hudson"), a kind of
    place after it ("franklin township", "hudson is a city") or a large place after a comma
    ("springfield, illinois")."""
    text, start, end = hit.text, hit.start, hit.end
    if after_locative(text, start):
        return True
    if hit.previous_end >= 0 and list_joined(text, hit.previous_end, start):
        return True
    word = _WORD_AFTER.match(text, end)
    if word and word.group(1).lower() in _KINDS:
        return True
    if (
        hit.caseless
        and word
        and word.group(1).lower() in AFTER_A_TOWN
        and hit.info.zipf < WEIGHTS.frequent_zipf
    ):
        return True  # "fargo police"; after an everyday word its noun phrase ("trial judge")
    if _SAID_TO_BE_A_PLACE.match(text, end):
        return True
    if (
        hit.caseless
        and text[end : end + 1] == ","
        and _OF_AFTER_A_COMMA.search(text, max(0, start - 8), start)
    ):
        return True  # "jane doe, 43, of jackson, said": where a person lives
    qualifier = _QUALIFIER.match(text, end)
    if qualifier:
        words = qualifier.group(1).split()
        for size in range(len(words), 0, -1):
            packed = hit.names.get(name_key(" ".join(words[:size])))
            if packed is not None:
                qualifier_info = NameInfo.unpack(packed)
                # A large place or a state's abbreviation or postal code ("ky.", "ok"); a
                # country's abbreviation is no town's qualifier ("smith, u.s. envoy").
                if (
                    qualifier_info.major or qualifier_info.postal or qualifier_info.abbreviation
                ) and not (
                    qualifier_info.abbreviation
                    and qualifier_info.prior >= WEIGHTS.country_abbreviation_prior
                ):
                    return True
    return False


def caseless_word(hit: Hit) -> Verdict:
    """In a line all in lower case or all in capitals, a name is a place when no everyday
    word, or a likely place, or when the text around it says place. In lower case the
    capitalisation rules cannot apply, so this rule decides; in capitals, a name it does not
    accept is left to them (they judge words in capitals: "MOSCOW", "UAE")."""
    if not hit.caseless:
        return None
    if len(hit.words) == 1 and is_generic_word(hit.surface):
        return None  # "northern", "centre": the rule for generic words judges them as written
    if (
        hit.info.postal
        and hit.letters.lower() in FUNCTION_WORDS
        and _WORD_AFTER.match(hit.text, hit.end)
    ):
        return False  # "athens, in the": a postal code ends its address ("Fort Wayne, IN 46802")
    if _named_as_if_capitalised(hit):
        return None  # "china", "russian": the capitalisation rules judge them (money, papers)
    if _place_without_case(hit):
        return True
    if _everyday_words_after_the(hit):
        return False  # "THE CITY", "the state's": the words alone are tried next
    if (
        hit.info.abbreviation
        and hit.info.zipf >= WEIGHTS.caseless_abbreviation_zipf
        and "." not in hit.surface  # "U.S.", "D.C.": written as abbreviations
        and hit.text[hit.end : hit.end + 1] != "."
        and not (hit.previous_end >= 0 and comma_between(hit.text, hit.previous_end, hit.start))
    ):
        return False  # "MISS", "ILL" in a headline are words; "JACKSON, MISS." the state
    if len(hit.words) > 1 and hit.words[0].lower() in DIRECTIONS:
        return False  # "NORTH SIDE", "EAST END": a part of the town named, in any case
    return None if hit.letters.isupper() else False


def _named_as_if_capitalised(hit: Hit) -> bool:
    """Whether a word names a country, a large state, a capital or a people ("china",
    "florida", "london", "russian") whatever else it spells: its everyday senses are rarer in
    news than the place, so without case it is read as if capitalised ("China") and left to
    the rules for capitals."""
    info = hit.info
    return (
        len(hit.words) == 1
        and info.major
        and (info.demonym or info.prior >= WEIGHTS.named_without_case_prior)
        and len(hit.letters) > WEIGHTS.acronym_letters
        and not is_generic_word(hit.surface)
    )


def _everyday_words_after_the(hit: Hit) -> bool:
    """Whether a name is "the" and everyday words ("the city", "the white house"): a phrase
    of English, though a gazetteer holds it as some place's alternate name."""
    words = hit.words
    return (
        len(words) > 1
        and words[0].lower() == "the"
        and all(hit.english.zipf(word.lower()) >= WEIGHTS.frequent_zipf for word in words[1:])
    )


def _place_without_case(hit: Hit) -> bool:
    info = hit.info
    letters = hit.letters
    if (
        info.postal
        or (info.abbreviation and len(letters) <= WEIGHTS.acronym_letters)
        or len(letters) <= WEIGHTS.short_word_letters
    ):
        if info.abbreviation and "." in hit.surface:
            # "u.s.", "d.c.": written as an abbreviation; "500 b.c." is an era.
            return not (letters.lower() in ERAS and number_before(hit.text, hit.start))
        if info.abbreviation and info.prior >= WEIGHTS.country_abbreviation_prior:
            # A country's "uk", "uae" spell no English word; "us" is one, unless after "the".
            return letters.lower() not in FUNCTION_WORDS or after_the(hit.text, hit.start)
        # "in", "ok", "us", "miss", "ill" are words; "nyc", "calif", "uae" abbreviations.
        return (
            info.abbreviation and not info.postal and info.zipf < WEIGHTS.caseless_abbreviation_zipf
        )
    large = info.major or info.prior >= WEIGHTS.large_place_prior
    if len(hit.words) > 1:
        if _everyday_words_after_the(hit):
            return False
        # "new york", "grand rapids", "franklin county": a name of several words is seldom
        # a phrase of everyday words by chance.
        return (
            large
            or hit.words[-1].lower() in _KINDS
            or any(hit.english.zipf(word.lower()) < WEIGHTS.frequent_zipf for word in hit.words)
            or place_cue(hit)
        )
    if info.zipf >= WEIGHTS.very_common_zipf:
        return info.major and place_cue(hit)  # "in london", not "interested in reading"
    if info.zipf >= WEIGHTS.frequent_zipf and info.prior < WEIGHTS.capitals_prior:
        return place_cue(hit)  # "for sale" is no Salé; "in richmond" is a town; "ohio" likely
    if info.zipf < WEIGHTS.common_zipf and info.prior >= WEIGHTS.caseless_rare_prior:
        return True  # "fallujah", "kirkuk": no English word
    if (info.major or (large and info.zipf < WEIGHTS.frequent_zipf)) and not is_given_name(
        hit.surface
    ):
        return True  # "iraq", "tulsa"; not "jordan" or "chad"
    return place_cue(hit)  # "in franklin", "franklin and hudson"
