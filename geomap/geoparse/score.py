"""Each reading's score: the lookup's own, plus a weighted sum of the document's evidence.

The weights are :class:`~geomap.geoparse.weights.Weights`; the best reading is the choice, and
the margin over the runner-up gives the confidence.
"""

from __future__ import annotations

import math

from geomap.gazetteer.names import fold
from geomap.gazetteer.store import Gazetteer, haversine_km
from geomap.geoparse.evidence import Proximity, named_countries, near_any_country
from geomap.geoparse.explain import choice_reasons
from geomap.geoparse.lexicon import COUNTRY_LEVEL, COUNTRYLESS, KIND_CLASS, POINT_KINDS
from geomap.geoparse.state import FixedTerms, MentionState, Votes
from geomap.geoparse.weights import WEIGHTS
from geomap.model import Candidate, Reason, ResolvedMention


def without_votes(counts: Votes, own: tuple[str, float] | None, votes: Votes | None) -> Votes:
    if not own and not votes:
        return counts
    result = Votes(counts)
    if own:
        result[own[0]] -= own[1]
    for code, weight in (votes or {}).items():
        result[code] -= weight
    return result


def choose(
    state: MentionState,
    states: list[MentionState],
    country_counts: Votes,
    region_counts: Votes,
    *,
    pool: dict[str, tuple[Candidate, set[str]]] | None,
    proximity: Proximity | None = None,
    countries: dict[str, set[tuple[float, float]]] | None = None,
) -> None:
    """Score ``state``'s candidates against the document and choose the best (with ``pool``,
    the places other names chose lend proximity support; ``proximity`` keeps its distances;
    ``countries`` is :func:`named_countries` of ``states``, computed here when not given)."""
    w = WEIGHTS  # read often below: one local name
    if not state.candidates:
        state.choice = None
        state.scores = []
        return
    state.districts = {}
    prelude = state.prelude
    if prelude is None or prelude[0] is not country_counts or prelude[1] is not region_counts:
        # The terms that read neither the other names' choices nor the coherence pool are the
        # same in both passes of resolve_mentions: summed once, in the order written below.
        prelude = state.prelude = (
            country_counts,
            region_counts,
            _fixed_terms(state, states, country_counts, region_counts, countries),
        )
    name, country_name, fixed = prelude[2]
    # Spatial coherence: the places other names of the document were clearly resolved to.
    if pool is not None and proximity is None:
        proximity = Proximity(pool)
    others = proximity.others(name) if proximity else []
    anchors = [choice for i in state.anchors if (choice := states[i].choice)]
    state.anchor_places = anchors
    list_kinds = _list_kinds(state, states) if pool is not None else set()
    # Only the text itself ("Peru, Indiana", "near Fort Wayne") makes a country's name a town.
    explicit = bool(state.country_hint or state.region_hint or anchors or state.border_countries)
    # Read once here, not once per candidate below.
    use_proximity = proximity is not None and bool(others)
    districts = use_proximity and proximity.has_districts  # type: ignore[union-attr]
    country_penalty = country_name and not explicit
    scored = []
    for candidate, (score, border, pair, shared_term, summed) in zip(
        state.candidates, fixed, strict=True
    ):
        if anchors:
            for anchor in anchors:
                if haversine_km(candidate.lat, candidate.lon, anchor.lat, anchor.lon) < w.anchor_km:
                    score += w.relation
            if border:
                score += w.border
            if pair:
                score += w.pair
            if shared_term is not None:
                score += shared_term
        else:
            score = summed  # the same additions, made once in _fixed_terms
        kind = candidate.kind
        if use_proximity and kind in POINT_KINDS:
            nearest = proximity.nearest_km(candidate, name)  # type: ignore[union-attr]
            score += w.proximity * math.exp(-nearest / w.proximity_km)
            # "Paris" beside "Henry County": Paris, Tennessee is the seat of Henry County,
            # Tennessee, which the article chose without doubt.
            if kind == "city" and districts:
                district = proximity.district_around(candidate, name)  # type: ignore[union-attr]
                if district:
                    score += w.district
                    state.districts[candidate.id] = district.name
        if list_kinds and KIND_CLASS.get(kind) in list_kinds:
            score += w.list_kind
        if country_penalty and kind in POINT_KINDS:
            score -= w.country_name_margin
        scored.append((score, candidate))
    if len(scored) > 1:
        scored.sort(key=_best_first)
    state.scores = scored
    state.choice = scored[0][1]


def _best_first(entry: tuple[float, Candidate]) -> tuple[float, int, str]:
    """The order of scored readings: best score, then larger population, then id."""
    return (-entry[0], -entry[1].population, entry[1].id)


def _fixed_terms(
    state: MentionState,
    states: list[MentionState],
    country_counts: Votes,
    region_counts: Votes,
    countries: dict[str, set[tuple[float, float]]] | None,
) -> tuple[str, bool, list[FixedTerms]]:
    """The folded name, whether it names a country, and each candidate's :data:`FixedTerms`."""
    w = WEIGHTS
    votes = state.name_votes
    country_counts = without_votes(country_counts, state.own_country, votes and votes[0])
    region_counts = without_votes(region_counts, state.own_region, votes and votes[1])
    strongest = max(country_counts.values(), default=0.0)
    strongest_region = max(region_counts.values(), default=0.0)
    country_name = state.candidates[0].kind in COUNTRY_LEVEL
    # What the loop reads for every candidate, read once.
    country_hint, region_hint = state.country_hint, state.region_hint
    border_countries = state.border_countries
    paired, region_shared = state.paired, state.region_shared
    country_weight, region_weight, relation = w.country, w.region, w.relation
    fixed: list[FixedTerms] = []
    for candidate in state.candidates:
        score = candidate.score
        code = candidate.country_code
        admin1 = candidate.admin1
        kind = candidate.kind
        if strongest:
            if kind in COUNTRYLESS:
                score += w.countryless
            elif code:
                score += country_weight * country_counts.get(code, 0.0) / strongest
        if strongest_region and admin1:
            score += region_weight * region_counts.get(admin1, 0.0) / strongest_region
        if country_hint and code and code in country_hint:
            score += relation
        if region_hint and admin1 and admin1 in region_hint:
            score += relation
        border = bool(
            border_countries
            and code
            and (
                code in border_countries
                or near_any_country(
                    candidate,
                    border_countries,
                    countries if countries is not None else named_countries(states),
                )
            )
        )
        summed = score + w.border if border else score
        # Readings that lie together lift a town over another town, or a state over the
        # country of its name ("Georgia"), but not a village over the country a name means
        # ("Peru" and "Mexico" are not the Indiana villages 10 km apart).
        pair = False
        shared_term: float | None = None
        if not (country_name and kind in POINT_KINDS):
            if paired and candidate.id in paired:
                pair = True
                summed += w.pair
            shared = region_shared.get(candidate.id) if region_shared else None
            if shared:
                shared_term = (
                    w.shared_region * min(shared, w.shared_region_full) / w.shared_region_full
                )
                summed += shared_term
        fixed.append((score, border, pair, shared_term, summed))
    return fold(state.mention.text), country_name, fixed


def _list_kinds(state: MentionState, states: list[MentionState]) -> set[str]:
    """The kind of place the other names of ``state``'s list are without doubt, when its own
    readings differ in kind (only then does the list tell which is meant)."""
    if not state.list_mates:
        return set()
    own = {KIND_CLASS.get(c.kind) for _, c in state.scores[: WEIGHTS.kind_readings]} - {None}
    if len(own) < 2:
        return set()
    name = fold(state.mention.text)
    kinds = set()
    for index in state.list_mates:
        mate = states[index]
        if fold(mate.mention.text) != name:
            kind = _clear_kind(mate)
            if kind:
                kinds.add(kind)
    return kinds if len(kinds) == 1 else set()


def _clear_kind(state: MentionState) -> str | None:
    """The kind of a mention's choice when no reading of another kind comes near it: "Boston"
    is a town whichever Boston; "New York" may be a state or a city."""
    if not state.scores:
        return None
    best, choice = state.scores[0]
    kind = KIND_CLASS.get(choice.kind)
    if kind is None:
        return None
    for score, candidate in state.scores[1:]:
        if best - score > WEIGHTS.kind_margin:
            break
        if KIND_CLASS.get(candidate.kind) != kind:
            return None
    return kind


def resolved(state: MentionState, country_counts: Votes, gazetteer: Gazetteer) -> ResolvedMention:
    if not state.scores:
        town = state.generic_reading
        if town:
            return ResolvedMention(
                state.mention,
                None,
                0.0,
                (
                    Reason(
                        "common_word",
                        (
                            town.name,
                            town.admin1 or town.country_code,
                            town.country_code,
                            state.mention.text,
                        ),
                    ),
                ),
            )
        return ResolvedMention(
            state.mention, None, 0.0, (Reason("unknown_name", (state.mention.text,)),)
        )
    best_score, best = state.scores[0]
    runner_up = state.scores[1][0] if len(state.scores) > 1 else 0.0
    margin = best_score - runner_up
    confidence = max(
        0.0,
        min(
            1.0,
            WEIGHTS.confidence_score_share * min(best_score, 1.0)
            + WEIGHTS.confidence_margin_share * min(margin / WEIGHTS.confidence_full_margin, 1.0),
        ),
    )
    if len(state.scores) == 1:
        confidence = max(confidence, min(1.0, best_score))
    return ResolvedMention(
        mention=state.mention,
        place=best,
        confidence=confidence,
        reasons=choice_reasons(state, best, country_counts, gazetteer),
        alternatives=[c for _, c in state.scores[1:4]],
    )
