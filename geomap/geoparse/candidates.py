"""Mention → candidates: the gazetteer's readings of a name, filtered by what the text says.

The lookup itself ranks readings by importance (kind, population); the text then removes
readings it rules out: a generic word is no town ("the Valley"), an acronym no word-like name
("the OAS"), a name the text calls a street no small town, and a name in a list of counties
("Walton and Oconee counties") only a county.
"""

from __future__ import annotations

from geomap.gazetteer.names import fold
from geomap.gazetteer.store import Gazetteer
from geomap.geoparse.cues import (
    after_the,
    called_a_street,
    comma_before,
    is_acronym,
    subdivisions_called_after,
)
from geomap.geoparse.fold import without_possessive
from geomap.geoparse.lexicon import DEMONYM_KINDS, POINT_KINDS, SUBDIVISION_KINDS, is_generic_word
from geomap.geoparse.state import MentionState
from geomap.geoparse.weights import WEIGHTS
from geomap.model import Candidate, Mention


def lookup_candidates(gazetteer: Gazetteer, mention: Mention, *, article: bool) -> list[Candidate]:
    try:
        # "New Hampshire's": the place, not a spelling of it with an "s".
        candidates = gazetteer.lookup(without_possessive(mention.text), limit=WEIGHTS.candidates)
        if article and not mention.text.lower().startswith("the "):
            # A name written with its article ("the Gulf", "the Med", "the States") is the
            # place of that exact name, when the gazetteer has one.
            named = f"the {mention.text}"
            exact = [
                c
                for c in gazetteer.lookup(named, limit=WEIGHTS.article_readings)
                if fold(c.matched) == fold(named)
            ]
            if exact:
                ids = {c.id for c in exact}
                candidates = exact + [c for c in candidates if c.id not in ids]
        if mention.facility:
            # "the Taji base": the place part looked up as the facility it names.
            phrase = f"{mention.text} {'airport' if mention.facility == 'airport' else 'base'}"
            merged = {c.id: c for c in candidates}
            for candidate in gazetteer.lookup(phrase, limit=WEIGHTS.candidates):
                if candidate.id not in merged or candidate.score > merged[candidate.id].score:
                    merged[candidate.id] = candidate
            candidates = sorted(merged.values(), key=lambda c: -c.score)
    except Exception as exc:
        from geomap.errors import GeomapError

        if isinstance(exc, GeomapError):
            return []
        raise
    if mention.role == "demonym":
        # A people's name stands for a country, or a region, continent or larger area.
        peoples = [c for c in candidates if c.kind in DEMONYM_KINDS]
        candidates = peoples or candidates
    return candidates


def may_abbreviate(candidate: Candidate) -> bool:
    """Whether an acronym may stand for this place: a country or state, or a name not written
    as a word ("EU", "nyc"; not "Ch'u")."""
    if candidate.kind in {"country", "region"}:
        return True
    matched = candidate.matched
    return not (any(ch.isupper() for ch in matched) and any(ch.islower() for ch in matched))


def _capitals_first(candidates: list[Candidate]) -> list[Candidate]:
    """An acronym alone ("flights from LA") reads first as the places abbreviated in capitals
    ("L.A."), before those abbreviated as a word ("La.", Louisiana's AP form, which after a
    town and a comma still qualifies it: "Monroe, LA")."""
    if not any(_in_capitals(c.matched) for c in candidates):
        return candidates
    weighed = []
    for candidate in candidates:
        if not _in_capitals(candidate.matched):
            candidate = candidate.copy()
            candidate.score = round(candidate.score * WEIGHTS.word_abbreviation_factor, 4)
        weighed.append(candidate)
    return sorted(weighed, key=lambda c: -c.score)


def _in_capitals(name: str) -> bool:
    letters = [ch for ch in name if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def may_be_a_street(top: Candidate) -> bool:
    """Whether a name's likeliest reading is small enough for the text to mean a street of
    that name: not "Iraq and Syria roads", "California and Nevada roads", "Paris and London
    streets"."""
    if top.kind in {"country", "region", "continent", "sea"}:
        return False
    return top.population < WEIGHTS.street_namesake_population


#: One document's lookups: a name written the same way, with the same cues, is looked up once.
Lookups = dict[tuple[str, str | None, str, bool], list[Candidate]]


def mention_state(
    text: str, mention: Mention, gazetteer: Gazetteer, lookups: Lookups
) -> MentionState:
    """A mention with the readings the text allows."""
    # "the Gulf" is the Persian Gulf, whatever else "Gulf" names.
    article = after_the(text, mention.start)
    lookup_key = (mention.text, mention.facility, mention.role, article)
    if lookup_key not in lookups:
        lookups[lookup_key] = lookup_candidates(gazetteer, mention, article=article)
    candidates = lookups[lookup_key]
    generic_reading = None
    if candidates and " " not in mention.text.strip() and is_generic_word(mention.text):
        # "here in the Valley", "the Centre": no town or state of that word; a sea or
        # area of that name still counts.
        generic_reading = candidates[0]
        candidates = [c for c in candidates if c.kind not in POINT_KINDS | {"region"}]
    if candidates and is_acronym(text, mention):
        # "the CHU in Montpellier" is no Ch'u, China, "the OAS" no Oaş, Romania; "the
        # EU", "KY" (Ky.) and "DRC" (D.R.C.) are what they abbreviate.
        candidates = [c for c in candidates if may_abbreviate(c)]
        if len(candidates) > 1 and not comma_before(text, mention.start):
            candidates = _capitals_first(candidates)
    if candidates and may_be_a_street(candidates[0]) and called_a_street(text, mention):
        candidates = []  # "Bourbon and Dauphine streets"
    plural = subdivisions_called_after(text, mention.start, mention.end)
    if plural:
        # "Navarro, Henderson and Ellis counties": Henderson County, not Henderson, Nevada.
        kind, word = SUBDIVISION_KINDS[plural]
        named = []
        for found in gazetteer.lookup(f"{mention.text} {word}", limit=WEIGHTS.candidates):
            if found.kind == kind:
                found = found.copy()
                found.matched = mention.text  # the text's own name for it, not a spelling
                named.append(found)
        candidates = named or [c for c in candidates if c.kind == kind] or candidates
    state = MentionState(mention, list(candidates))
    if not candidates and generic_reading:
        state.generic_reading = generic_reading
    return state
