"""candidates"""

from __future__ import annotations

from geomap.gazetteer.names import fold
from geomap.gazetteer.store import Gazetteer
from geomap.geoparse.lexicon import DEMONYM_KINDS
from geomap.geoparse.weights import WEIGHTS
from geomap.model import Candidate, Mention


def _candidates(gazetteer: Gazetteer, mention: Mention, *, article: bool) -> list[Candidate]:
    try:
        candidates = gazetteer.lookup(mention.text, limit=WEIGHTS.candidates)
        if article and not mention.text.lower().startswith("the "):
            # A name written with its article ("the Gulf", "the Med", "the States") is the
            # place of that exact name, when the gazetteer has one.
            named = f"the {mention.text}"
            exact = [c for c in gazetteer.lookup(named, limit=5) if fold(c.matched) == fold(named)]
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


def _may_abbreviate(candidate: Candidate) -> bool:
    """Whether an acronym may stand for this place: a country or state, or a name not written
    as a word ("EU", "nyc"; not "Ch'u")."""
    if candidate.kind in {"country", "region"}:
        return True
    matched = candidate.matched
    return not (any(ch.isupper() for ch in matched) and any(ch.islower() for ch in matched))


def _may_be_a_street(top: Candidate) -> bool:
    """Whether a name's likeliest reading is small enough for the text to mean a street of
    that name: not "Iraq and Syria roads", "California and Nevada roads", "Paris and London
    streets"."""
    if top.kind in {"country", "region", "continent", "sea"}:
        return False
    return top.population < WEIGHTS.street_namesake_population
