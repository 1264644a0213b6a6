"""checks"""

from __future__ import annotations

from collections import Counter

from geomap.gazetteer.names import fold, key
from geomap.geoparse.evidence import _nearest_km
from geomap.geoparse.lexicon import JUDGED_KINDS, POINT_KINDS
from geomap.geoparse.score import _without_votes
from geomap.geoparse.state import MentionState
from geomap.geoparse.weights import WEIGHTS
from geomap.model import Candidate, Reason, ResolvedMention


def _without_unsupported_reading(
    state: MentionState,
    result: ResolvedMention,
    pool: dict[str, tuple[Candidate, set[str]]],
    country_counts: Counter[str],
) -> ResolvedMention:
    """No place for a reading nothing in the article supports, far from the article's places.

    Two kinds of reading are judged; the name is then placed by the article, like a name the
    gazetteer lacks:

    * a place found only by another spelling: spelling variants find "Albu Kamal" for "Abu
      Kamal", but for a name the gazetteer lacks they offer a namesake of a similar name
      ("Harwinton" -> Harrington, "Madinaty" -> Madinah in an article about Cairo, "Fire
      Island" -> Fryslân). Right only when the article's other places are near it, or the text
      relates it to them. A large city's own variants ("Kiev", "Peking") are its alternate
      names, not spellings, and are not judged here;
    * a small town (under :data:`WEIGHTS.small_town_population`) of the exact name, more than
      :data:`WEIGHTS.small_town_km` from every other place of the article, in a country the article
      does not otherwise name: "the Crescent" in a London article is not Crescent, Oklahoma, nor
      "Rehab" in an article about Cairo a village in Jordan.
    """
    place = result.place
    mention = state.mention
    if (
        place is None
        or mention.facility
        or mention.role != "toponym"
        or place.kind not in JUDGED_KINDS
        or state.cues
    ):
        return result
    exact = key(place.matched) in (key(mention.text), key(f"the {mention.text}"))
    if exact and (place.kind != "city" or place.population >= WEIGHTS.small_town_population):
        return result
    name = fold(mention.text)
    others = [other for other, names in pool.values() if names - {name} and other.id != place.id]
    others += state.anchor_places  # "near Remuera": near it, or not this place
    if exact:
        if len(others) < 2 or _nearest_km(place, others) <= WEIGHTS.small_town_km:
            return result
        votes = state.name_votes[0] if state.name_votes else None
        countries = _without_votes(country_counts, state.own_country, votes)
        if countries.get(place.country_code or "", 0.0) > 0:
            return result
        return ResolvedMention(
            mention,
            None,
            0.0,
            (
                Reason(
                    "far_small_town",
                    (
                        place.name,
                        place.admin1 or place.country_code,
                        place.country_code,
                        place.population,
                    ),
                ),
            ),
        )
    if others and _nearest_km(place, others) <= WEIGHTS.spelling_support_km:
        return result
    return ResolvedMention(
        mention,
        None,
        0.0,
        (Reason("far_spelling", (mention.text, place.name)),),
    )


def _short_forms(
    states: list[MentionState], results: list[ResolvedMention]
) -> list[ResolvedMention]:
    """A name that begins the name of a country the article names is that country, unless
    the text places it: "Trinidad" in an article naming "Trinidad and Tobago" is not
    Trinidad, Bolivia."""
    countries: dict[str, Candidate] = {}
    for state in states:
        choice = state.choice
        if choice and choice.kind == "country" and " " in state.mention.text.strip():
            countries.setdefault(fold(state.mention.text), choice)
    if not countries:
        return results
    shortened = []
    for state, result in zip(states, results, strict=True):
        place, name = result.place, fold(state.mention.text)
        if (
            place
            and place.kind != "country"  # "Guinea" beside "Guinea Bissau" is Guinea
            and state.mention.role == "toponym"
            and not state.cues
            and name
        ):
            for full, country in countries.items():
                if full.startswith(name + " ") and place.country_code != country.country_code:
                    result = ResolvedMention(
                        state.mention,
                        country,
                        min(result.confidence, WEIGHTS.short_form_confidence),
                        (
                            Reason(
                                "short_form",
                                (country.name, place.name, place.admin1 or place.country_code),
                            ),
                        ),
                    )
                    break
        shortened.append(result)
    return shortened


def _outside_qualifier(state: MentionState, result: ResolvedMention) -> ResolvedMention:
    """No place for a town outside the state or country the text writes after its name.

    "HOLLIDAY, Mo." is not Holliday, Texas when the gazetteer holds no Holliday in Missouri:
    the name is then placed by the article (in Missouri), like a name the gazetteer lacks.
    """
    place = result.place
    if place is None or not state.qualifiers or place.kind not in POINT_KINDS:
        return result
    for qualifier in state.qualifiers:
        if place.country_code == qualifier.country_code and (
            qualifier.kind == "country" or place.admin1 == qualifier.name
        ):
            return result
    return ResolvedMention(
        state.mention,
        None,
        0.0,
        (
            Reason(
                "outside_qualifier",
                (
                    place.name,
                    place.admin1 or place.country_code,
                    place.country_code,
                    state.qualifiers[0].name,
                ),
            ),
        ),
    )
