"""Post-checks: ordered rules that may overturn a chosen reading, run after scoring.

Each check takes one mention's state, its result so far and the document's facts, and returns
the result, changed or not. A reading a check rejects has no place; :mod:`~geomap.geoparse.unknown`
then places the name by the article, keeping the check's reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from geomap.gazetteer.names import fold, key
from geomap.geoparse.evidence import chosen_by_another, nearest_km
from geomap.geoparse.fold import without_possessive
from geomap.geoparse.lexicon import JUDGED_KINDS, POINT_KINDS
from geomap.geoparse.names import syllable_shape
from geomap.geoparse.score import without_votes
from geomap.geoparse.state import MentionState, Votes
from geomap.geoparse.weights import WEIGHTS
from geomap.model import Candidate, Reason, ResolvedMention


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    """What the checks know of the whole document."""

    pool: dict[str, tuple[Candidate, set[str]]]  # places clearly chosen, with their names
    country_counts: Votes  # the document's votes for each country
    countries_named: dict[str, Candidate]  # folded multi-word country names it uses


def document_facts(
    states: list[MentionState],
    pool: dict[str, tuple[Candidate, set[str]]],
    country_counts: Votes,
) -> DocumentFacts:
    """The facts the checks read, gathered once per document."""
    countries: dict[str, Candidate] = {}
    for state in states:
        choice = state.choice
        if choice and choice.kind == "country" and " " in state.mention.text.strip():
            countries.setdefault(fold(state.mention.text), choice)
    return DocumentFacts(pool, country_counts, countries)


def unsupported_reading(
    state: MentionState, result: ResolvedMention, facts: DocumentFacts
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
    * a small town (under :attr:`Weights.small_town_population`) of the exact name, more than
      :attr:`Weights.small_town_km` from every other place of the article, in a country the article
      does not otherwise name: "the Crescent" in a London article is not Crescent, Oklahoma, nor
      "Rehab" in an article about Cairo a village in Jordan.
    """
    place = result.place
    mention = state.mention
    pool, country_counts = facts.pool, facts.country_counts
    if (
        place is None
        or mention.facility
        or mention.role != "toponym"
        or place.kind not in JUDGED_KINDS
        or state.cues
    ):
        return result
    written = without_possessive(mention.text)  # "New Hampshire's" is written exactly
    exact = key(place.matched) in (key(written), key(f"the {written}"))
    if exact and (place.kind != "city" or place.population >= WEIGHTS.small_town_population):
        return result
    name = fold(mention.text)
    others = [
        other
        for other, names in pool.values()
        if other.id != place.id and chosen_by_another(names, name)
    ]
    others += state.anchor_places  # "near Remuera": near it, or not this place
    if exact:
        if (
            len(others) < WEIGHTS.far_town_witnesses
            or nearest_km(place, others) <= WEIGHTS.small_town_km
        ):
            return result
        votes = state.name_votes[0] if state.name_votes else None
        countries = without_votes(country_counts, state.own_country, votes)
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
    if others and nearest_km(place, others) <= WEIGHTS.spelling_support_km:
        return result
    if _transliteration_in_its_country(state, place, written, country_counts, bool(others)):
        return result
    return ResolvedMention(
        mention,
        None,
        0.0,
        (Reason("far_spelling", (mention.text, place.name)),),
    )


def _transliteration_in_its_country(
    state: MentionState, place: Candidate, written: str, counts: Votes, others: bool
) -> bool:
    """Whether a spelling differs from the place's name only in vowels or doubled letters
    ("Benghazy", "Netrokona") and the article is about that country, or names no other place:
    transliterations vary so, where a namesake differs in its consonants ("Harwinton")."""
    if syllable_shape(key(written)) != syllable_shape(key(place.matched)):
        return False
    votes = state.name_votes[0] if state.name_votes else None
    countries = without_votes(counts, state.own_country, votes)
    if countries.get(place.country_code or "", 0.0) > 0:
        return True
    return not others and all(weight <= 0 for weight in countries.values())


def short_form(
    state: MentionState, result: ResolvedMention, facts: DocumentFacts
) -> ResolvedMention:
    """A name that begins the name of a country the article names is that country, unless
    the text places it: "Trinidad" in an article naming "Trinidad and Tobago" is not
    Trinidad, Bolivia."""
    place, name = result.place, fold(state.mention.text)
    if (
        not facts.countries_named
        or not place
        or place.kind == "country"  # "Guinea" beside "Guinea Bissau" is Guinea
        or state.mention.role != "toponym"
        or state.cues
        or not name
    ):
        return result
    for full, country in facts.countries_named.items():
        if full.startswith(name + " ") and place.country_code != country.country_code:
            return ResolvedMention(
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
    return result


def outside_qualifier(
    state: MentionState, result: ResolvedMention, facts: DocumentFacts
) -> ResolvedMention:
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


Check = Callable[[MentionState, ResolvedMention, DocumentFacts], ResolvedMention]

#: The checks, in the order they run on each mention's result.
CHECKS: tuple[Check, ...] = (short_form, unsupported_reading, outside_qualifier)


def run_checks(
    states: list[MentionState], results: list[ResolvedMention], facts: DocumentFacts
) -> list[ResolvedMention]:
    """Every mention's result after every check."""
    checked = []
    for state, result in zip(states, results, strict=True):
        for check in CHECKS:
            result = check(state, result, facts)
        checked.append(result)
    return checked
