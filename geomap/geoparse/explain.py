"""Why a mention was resolved as it was: structured reasons, rendered to one line at output.

The rules record :class:`~geomap.model.Reason` values (a code and its arguments); code that
needs to know why (:mod:`~geomap.geoparse.unknown` keeping a rejected reading's reason) tests
the code, never the text. :data:`TEMPLATES` holds the one-line English for every code; a
template's ``{sN}`` is "s" unless argument ``N`` is 1.

Examples
--------
>>> render((Reason("place", ("city", "Iraq")), Reason("country_named", ("Iraq", 3))))
'city in Iraq; the article names Iraq 3 times'
"""

from __future__ import annotations

from collections.abc import Sequence

from geomap.gazetteer.store import Gazetteer, haversine_km
from geomap.geoparse.state import MentionState, Votes
from geomap.model import Candidate, Reason

__all__ = ["REJECTED_READING", "TEMPLATES", "Reason", "country_name", "render"]

#: Reason code → its one-line English (``str.format`` fields; ``{sN}``: plural of argument N).
TEMPLATES: dict[str, str] = {
    # what was chosen
    "place": "{0} in {1}",
    "town": "{0} in {1}, pop. {2:,}",
    "country": "the country {0}",
    "people": "people of {0}",
    "people_of_town": "people of {0}, pop. {1:,}",
    # the evidence for it
    "country_named": "the article names {0} {1} time{s1}",
    "qualifier": "written '{0}, {1}'",
    "demonym": "called {0}",
    "in_district": "in {0}, which the article names",
    "near_anchor": "the article places it near {0}, {1:.0f} km away",
    "other_candidate": "other candidates: {0}, {1}",
    "other_candidates": "other candidates: {0}, {1}, {2}, {3}",
    # no place
    "unknown_name": "no place named '{0}' in the gazetteer",
    "common_word": "the reading {0} ({1}, {2}) is a town; '{3}' alone is a common word",
    "far_small_town": "the reading {0} ({1}, {2}, pop. {3:,}) lies far from the article's places",
    "far_spelling": (
        "no place named '{0}' in the gazetteer; the nearest spelling, {1}, is far from the "
        "article's places"
    ),
    "outside_qualifier": "the reading {0} ({1}, {2}) is not in {3}, which the text names after it",
    "short_form": "short for {0}, which the article names (not {1}, {2})",
    # placed by the article's context (approximately)
    "not_in_gazetteer": "not in the gazetteer",
    "put_in": "the article puts it in {0}: approximately {1}",
    "named_after": "named after {0}: approximately {1}",
    "article_place": (
        "placed at {0}, the article's place (named {1:g} time{s1}): approximately {2}"
    ),
    "article_country": (
        "placed in {0}, the article's country (named {1:g} time{s1}): approximately {2}"
    ),
    # the online fallback
    "online": "{0} found online ({1}); the local gazetteer was unsure",
    "local_best": "local best: {0}",
}

#: Codes saying a reading was rejected: a name then placed by the article keeps the reason.
REJECTED_READING = frozenset({"common_word", "far_small_town", "outside_qualifier"})


_COUNTED = frozenset(code for code, template in TEMPLATES.items() if "{s" in template)


def _text(reason: Reason) -> str:
    template = TEMPLATES[reason.code]
    if reason.code not in _COUNTED:
        return template.format(*reason.args)
    plurals = {f"s{i}": "" if arg == 1 else "s" for i, arg in enumerate(reason.args)}
    return template.format(*reason.args, **plurals)


def render(reasons: Sequence[Reason]) -> str:
    """The reasons as one line of text, "; " between them."""
    return "; ".join(map(_text, reasons))


def country_name(gazetteer: Gazetteer, code: str | None) -> str:
    """A country's name for a reason ("no country" when the place has none)."""
    if not code:
        return "no country"
    country = gazetteer.country(code)
    return country.name if country else code


def choice_reasons(
    state: MentionState, best: Candidate, country_counts: Votes, gazetteer: Gazetteer
) -> tuple[Reason, ...]:
    """What a chosen reading is, and what in the article supports it."""
    country = country_name(gazetteer, best.country_code)
    town = bool(best.population) and best.kind == "city"
    if state.mention.role == "demonym":
        what = (
            Reason("people_of_town", (best.name, best.population))
            if town
            else Reason("people", (best.name,))
        )
    elif best.kind == "country":
        what = Reason("country", (best.name,))
    elif town:
        what = Reason("town", (best.kind, country, best.population))
    else:
        what = Reason("place", (best.kind, country))
    reasons = [what]
    mentions = int(country_counts.get(best.country_code or "", 0))
    if best.kind != "country" and mentions:
        reasons.append(Reason("country_named", (country, mentions)))
    reasons.extend(state.cues)
    if best.id in state.districts:
        reasons.append(Reason("in_district", (state.districts[best.id],)))
    for anchor in state.anchor_places[:1]:
        distance = haversine_km(best.lat, best.lon, anchor.lat, anchor.lon)
        reasons.append(Reason("near_anchor", (anchor.name, distance)))
    others = [
        c
        for _, c in state.scores[1:4]
        if c.name != best.name or c.country_code != best.country_code
    ][:2]
    if others:
        names = [part for c in others for part in (c.name, country_name(gazetteer, c.country_code))]
        code = "other_candidates" if len(others) == 2 else "other_candidate"
        reasons.append(Reason(code, tuple(names)))
    return tuple(reasons)


def where(place: Candidate, gazetteer: Gazetteer) -> str:
    """A place and its country, as an approximate placement names it."""
    if place.kind == "country":
        return place.name
    return f"{place.name}, {country_name(gazetteer, place.country_code)}"
