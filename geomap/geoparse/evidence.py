"""What the document says about its places, gathered before any reading is scored.

* **votes**: how strongly the document is about each country and first-level region (the
  countries it names, and the countries of towns it names without doubt);
* **relations** between neighbouring names, read from :mod:`~geomap.geoparse.cues`: "Kirkuk,
  Iraq" (a qualifier), "the Syrian Abu Kamal" (a demonym), "north of Baghdad" (an anchor), "on
  the border with Syria";
* **lists** ("Washington, New York and Boston": places of one kind);
* **pairs and shared regions**: readings of different names that lie together ("Athens" and
  "Clarke County"; "Macon" and "Augusta" in one state);
* **proximity** to the places other names clearly chose (:class:`Proximity`).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from geomap.gazetteer.names import fold
from geomap.gazetteer.store import haversine_km
from geomap.geoparse.cues import (
    border_after_demonym,
    border_before,
    comma_between,
    list_between,
    list_joined,
    near_between,
    space_between,
)
from geomap.geoparse.lexicon import POINT_KINDS
from geomap.geoparse.state import MentionState, Votes
from geomap.geoparse.weights import WEIGHTS
from geomap.model import Candidate, Reason

if TYPE_CHECKING:
    import numpy as np

_KM_PER_DEGREE = 111.195  # of latitude (mean Earth radius)
# From this many places, distances are measured over arrays: below it numpy costs more.
_VECTOR_FROM = 64


def find_relations(text: str, states: list[MentionState]) -> None:
    """Explicit relations between neighbouring mentions."""
    for index, state in enumerate(states):
        mention = state.mention
        after = states[index + 1] if index + 1 < len(states) else None
        before = states[index - 1] if index > 0 else None
        # "Kirkuk, Iraq" / "Paris, Texas": a country or region right after the name.
        # Not in a list ("Russia, Iran and Turkey"), and not a country "qualified" by another,
        # unless a town of its name lies in the state after it ("Poland, Ohio").
        if (
            after
            and comma_between(text, mention.end, after.mention.start)
            and (not _in_list(text, states, index + 1) or _state_code(after))
            and not (
                state.candidates
                and state.candidates[0].kind == "country"
                and not _town_in_state_after(state, after)
            )
        ):
            for candidate in after.candidates[: WEIGHTS.qualifier_readings]:
                if candidate.kind == "country" and candidate.country_code:
                    state.country_hint.add(candidate.country_code)
                    state.qualifiers.append(candidate)
                elif candidate.kind == "region":
                    state.qualifiers.append(candidate)
                    state.region_hint.add(candidate.name)
                    if candidate.country_code:
                        state.country_hint.add(candidate.country_code)
            if state.country_hint or state.region_hint:
                state.cues.append(Reason("qualifier", (mention.text, after.mention.text)))
        # "the Syrian Abu Kamal", "Iraqi Kirkuk": a demonym right before the name.
        if (
            before
            and before.mention.role == "demonym"
            and space_between(text, before.mention.end, mention.start)
        ):
            for candidate in before.candidates[:1]:
                if candidate.country_code:
                    state.country_hint.add(candidate.country_code)
                    state.cues.append(Reason("demonym", (before.mention.text,)))
        # "north of Baghdad", "near Kirkuk": this mention is a reference point for the one
        # before it.
        if (
            before
            and before.mention.role != "demonym"
            and near_between(text, before.mention.end, mention.start)
        ):
            before.anchors.append(index)
        # "on the border with Syria", "near the Syrian border".
        if border_before(text, mention.start) or (
            mention.role == "demonym" and border_after_demonym(text, mention.end)
        ):
            for candidate in state.candidates[:1]:
                if candidate.kind == "country" and candidate.country_code:
                    for other in states[max(0, index - WEIGHTS.border_mentions) : index]:
                        other.border_countries.add(candidate.country_code)


def _state_code(state: MentionState) -> bool:
    """Whether a mention is a state's code ("IL", "Ill.", "Calif."): a qualifier even when a
    list goes on after it ("Washington, IL and Marshall, MO"); "US and EU" is still a list."""
    name = state.mention.text
    letters = name.replace(".", "")
    return (
        bool(state.candidates)
        and state.candidates[0].kind == "region"
        and letters.isalpha()
        and (name.endswith(".") or (letters.isupper() and len(letters) <= WEIGHTS.acronym_letters))
    )


def _town_in_state_after(state: MentionState, after: MentionState) -> bool:
    """Whether a reading of ``state`` is a town in a state ``after`` may be ("Poland, Ohio")."""
    states_after = {
        (c.country_code, c.name)
        for c in after.candidates[: WEIGHTS.qualifier_readings]
        if c.kind == "region"
    }
    return any(
        (c.country_code, c.admin1) in states_after
        for c in state.candidates
        if c.kind in POINT_KINDS
    )


def _in_list(text: str, states: list[MentionState], index: int) -> bool:
    """Whether mention ``index`` is followed by another place after a comma or "and"."""
    if index + 1 >= len(states):
        return False
    return list_between(text, states[index].mention.end, states[index + 1].mention.start)


def mark_lists(text: str, states: list[MentionState]) -> None:
    """Link the names of each coordinated list ("Washington, New York and Boston").

    A list names places of one kind: cities beside cities, states beside states. A name and
    the state or country that qualifies it ("Paris, Texas") are no list.
    """
    runs: list[list[int]] = [[]]
    for index, state in enumerate(states):
        state.list_mates = []
        if not _may_pair(state):
            runs.append([])
            continue
        run = runs[-1]
        # A name with a cue (a qualifier after it, a demonym before) ends its list.
        if run and not (_joined(text, states[run[-1]], state) and not states[run[-1]].cues):
            run = []
            runs.append(run)
        run.append(index)
    reach = WEIGHTS.list_reach
    for run in runs:
        for place, member in enumerate(run if len(run) > 1 else ()):
            # A name's neighbours in the list tell its kind; a run of thousands of names (a
            # table flattened into text) must not make every name read every other.
            near = run[max(0, place - reach) : place + reach + 1]
            states[member].list_mates = [other for other in near if other != member]


def _joined(text: str, first: MentionState, second: MentionState) -> bool:
    return list_joined(text, first.mention.end, second.mention.start)


def count_votes(states: list[MentionState]) -> tuple[Votes, Votes]:
    """How strongly the document is about each country and each first-level region.

    Votes are kept on the mentions' states, so that a mention is judged by the rest of the
    document, not by itself: "Georgia" does not vote for the country Georgia, and a town's
    name does not vouch for itself by repetition ("London" four times beside "Canada" three
    times is London, Ontario); a country's name named ten times ("China") still outweighs the
    towns called after it. A dateline votes like any mention: a local paper's town lies in the
    state its stories are about, and the story's places are judged with it ("NEWARK -- ...
    Licking County").
    """
    countries = Votes()
    regions = Votes()
    by_name: dict[str, tuple[Votes, Votes]] = {}
    for state in states:
        state.own_country, state.own_region, state.name_votes = None, None, None
        if state.mention.boilerplate:
            continue
        if not state.candidates:
            continue
        votes = state.name_votes = by_name.setdefault(fold(state.mention.text), (Votes(), Votes()))
        top = state.candidates[0]
        clear = (
            len(state.candidates) == 1
            or top.score - state.candidates[1].score > WEIGHTS.evidence_margin
        )
        if top.country_code and (top.kind == "country" or state.mention.role == "demonym"):
            state.own_country = (top.country_code, WEIGHTS.own_vote)
        elif clear and top.country_code:
            votes[0][top.country_code] += WEIGHTS.clear_vote
            countries[top.country_code] += WEIGHTS.clear_vote
        if top.kind == "region" and top.admin1:
            state.own_region = (top.admin1, WEIGHTS.own_vote)
        elif clear and top.admin1 and top.kind != "country":
            votes[1][top.admin1] += WEIGHTS.clear_vote
            regions[top.admin1] += WEIGHTS.clear_vote
        if state.own_country:
            countries[state.own_country[0]] += state.own_country[1]
        if state.own_region:
            regions[state.own_region[0]] += state.own_region[1]
    return countries, regions


def mark_pairs(states: list[MentionState]) -> None:
    """Mark the candidates that lie near a candidate of another name of the document.

    Two ambiguous names whose readings meet ("Athens" and "Clarke County": Athens, Georgia lies
    in Clarke County, Georgia; Athens, Greece near no Clarke County) support those readings,
    before either is clear enough to vouch for the other. Only another name's likelier
    readings lend support: "Moscow" and "Russia" both have villages in Ohio, but Moscow, Ohio is
    no likely reading of "Moscow". Candidates are bucketed by half a degree, so the search stays
    near linear in the number of candidates.
    """
    first_state: dict[str, MentionState] = {}
    # (name, id, lat, lon) of each point reading, by cell; partners: likely readings only.
    cells: dict[tuple[int, int], list[tuple[str, str, float, float]]] = {}
    partners: dict[tuple[int, int], list[tuple[str, str, float, float]]] = {}
    partner_ranks = WEIGHTS.pair_partner_ranks
    for state in states:
        state.paired = frozenset()
        if not _may_pair(state):
            continue
        name = fold(state.mention.text)
        if name in first_state:
            continue
        first_state[name] = state
        for rank, candidate in enumerate(state.candidates):
            if candidate.kind in POINT_KINDS:
                lat, lon = candidate.lat, candidate.lon
                cell = (math.floor(lat * 2), math.floor(lon * 2))
                reading = (name, candidate.id, lat, lon)
                cells.setdefault(cell, []).append(reading)
                if rank < partner_ranks:
                    partners.setdefault(cell, []).append(reading)
    if len(first_state) < 2:
        return
    # Each cell's likely readings are lent to the cells around it that hold readings.
    around: dict[tuple[int, int], list[tuple[str, str, float, float]]] = {}
    for (row, column), lent in partners.items():
        for d_row in (-1, 0, 1):
            for d_column in (-1, 0, 1):
                cell = (row + d_row, column + d_column)
                if cell in cells:
                    around.setdefault(cell, []).extend(lent)
    limit = (WEIGHTS.pair_km / _KM_PER_DEGREE) ** 2  # squared, in degrees of latitude
    paired: dict[str, set[str]] = {}
    for cell, nearby in around.items():
        for name, place_id, lat, lon in cells[cell]:
            cos_lat = math.cos(math.radians(lat))
            for other_name, other_id, other_lat, other_lon in nearby:
                if other_name == name or other_id == place_id:
                    continue
                d_lat = other_lat - lat
                d_lon = (other_lon - lon) * cos_lat
                if d_lat * d_lat + d_lon * d_lon <= limit:
                    paired.setdefault(name, set()).add(place_id)
                    break
    for state in states:
        found = paired.get(fold(state.mention.text))
        if found and _may_pair(state):
            state.paired = frozenset(found)


def _may_pair(state: MentionState) -> bool:
    """Whether a mention takes part in the support of readings that lie together."""
    return not state.mention.boilerplate and state.mention.role == "toponym"


def mark_shared_regions(states: list[MentionState]) -> None:
    """Count, for each candidate, the other names with a candidate in the same state or province.

    "Savannah", "Macon", "Augusta" and "Georgia" each have a reading in the US state of Georgia
    and none in a common region elsewhere: readings that share a region support each other,
    before any of them is clear. As with proximity, only a name's likelier readings count.
    """
    by_name: dict[str, MentionState] = {}
    for state in states:
        state.region_shared = {}
        if _may_pair(state):
            by_name.setdefault(fold(state.mention.text), state)
    if len(by_name) < 2:
        return
    names_in: dict[tuple[str, str], set[str]] = {}
    for name, state in by_name.items():
        for candidate in state.candidates[: WEIGHTS.pair_partner_ranks]:
            if candidate.country_code and candidate.admin1 and candidate.kind != "country":
                names_in.setdefault((candidate.country_code, candidate.admin1), set()).add(name)
    shared_by_name: dict[str, dict[str, int]] = {}
    for name, state in by_name.items():
        shared: dict[str, int] = {}
        for candidate in state.candidates:
            names = names_in.get((candidate.country_code or "", candidate.admin1 or ""))
            if names and candidate.kind != "country":
                others = len(names) - (name in names)
                if others:
                    shared[candidate.id] = others
        shared_by_name[name] = shared
    for state in states:
        if _may_pair(state):
            state.region_shared = shared_by_name[fold(state.mention.text)]


class Proximity:
    """Distances from candidates to the places other names of the document chose (the pool),
    each computed once per pass: a long document names its towns many times."""

    def __init__(self, pool: dict[str, tuple[Candidate, set[str]]]) -> None:
        self.pool = pool
        self._others: dict[str, list[Candidate]] = {}
        self._nearest: dict[tuple[str, str], float] = {}
        self._arrays: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._districts: dict[tuple[str | None, str], list[tuple[Candidate, set[str]]]] | None = (
            None
        )
        # Whether :meth:`district_around` can find anything: most articles' places hold no
        # district, and their towns need not ask.
        self.has_districts = any(
            place.kind == "district" and place.admin1 for place, _ in pool.values()
        )

    def others(self, name: str) -> list[Candidate]:
        """The pool's places chosen by names other than ``name``."""
        found = self._others.get(name)
        if found is None:
            found = self._others[name] = [
                place for place, names in self.pool.values() if chosen_by_another(names, name)
            ]
        return found

    def district_around(self, candidate: Candidate, name: str) -> Candidate | None:
        """A district of the pool (chosen by another name) in the candidate's first-level
        region whose centre lies within :attr:`Weights.district_km`: the county the town is in."""
        if not candidate.admin1:
            return None
        if self._districts is None:
            self._districts = {}
            for place, names in self.pool.values():
                if place.kind == "district" and place.admin1:
                    key = (place.country_code, place.admin1)
                    self._districts.setdefault(key, []).append((place, names))
        for district, names in self._districts.get((candidate.country_code, candidate.admin1), ()):
            if (
                chosen_by_another(names, name)
                and nearest_km(candidate, [district]) <= WEIGHTS.district_km
            ):
                return district
        return None

    def nearest_km(self, candidate: Candidate, name: str) -> float:
        """Distance from ``candidate`` to the nearest of :meth:`others` (which must exist)."""
        found = self._nearest.get((name, candidate.id))
        if found is None:
            others = self.others(name)
            if len(others) < _VECTOR_FROM:
                found = nearest_km(candidate, others)
            else:
                found = self._nearest_in_arrays(candidate, name, others)
            self._nearest[(name, candidate.id)] = found
        return found

    def _nearest_in_arrays(self, candidate: Candidate, name: str, others: list[Candidate]) -> float:
        """:func:`nearest_km` over arrays: a long document's pool holds thousands of places
        and each of its candidates is measured against all of them."""
        import numpy as np  # only long documents need it: short ones start without it

        arrays = self._arrays.get(name)
        if arrays is None:
            arrays = self._arrays[name] = (
                np.array([o.lat for o in others]),
                np.array([o.lon for o in others]),
            )
        lats, lons = arrays
        cos_lat = math.cos(math.radians(candidate.lat))
        squared = np.square(lats - candidate.lat) + np.square(
            ((lons - candidate.lon + 180) % 360 - 180) * cos_lat
        )
        return math.sqrt(float(squared.min())) * _KM_PER_DEGREE


def chosen_by_another(names: set[str], name: str) -> bool:
    """Whether a pool place was chosen by a name other than ``name`` (``names - {name}``
    without building a set: a long document asks it for every name and every place)."""
    return len(names) > 1 or (len(names) == 1 and name not in names)


def nearest_km(candidate: Candidate, others: list[Candidate]) -> float:
    """Distance to the nearest of ``others``, by the equirectangular approximation: within a
    few percent at the few hundred km that proximity is about, and far cheaper than haversine."""
    cos_lat = math.cos(math.radians(candidate.lat))
    nearest = min(
        (
            (other.lat - candidate.lat) ** 2
            + (((other.lon - candidate.lon + 180) % 360 - 180) * cos_lat) ** 2
        )
        for other in others
    )
    return math.sqrt(nearest) * _KM_PER_DEGREE


def coherence_pool(states: list[MentionState]) -> dict[str, tuple[Candidate, set[str]]]:
    """Each place clearly chosen for some story mention, with the names that chose it.

    Keyed by place, so a document naming Baghdad forty times costs one comparison, not forty
    (and Baghdad does not vouch for itself).
    """
    pool: dict[str, tuple[Candidate, set[str]]] = {}
    for state in states:
        choice = state.choice
        if (
            choice is None
            or choice.kind not in POINT_KINDS | {"region"}
            or state.mention.boilerplate
            or state.mention.role == "dateline"
            or not _clear(state)
        ):
            continue
        pool.setdefault(choice.id, (choice, set()))[1].add(fold(state.mention.text))
    return pool


def _clear(state: MentionState) -> bool:
    """Whether a mention's choice stands well above its alternatives."""
    if len(state.scores) < 2:
        return bool(state.scores)
    return state.scores[0][0] - state.scores[1][0] > WEIGHTS.clear_margin


def named_countries(states: list[MentionState]) -> dict[str, set[tuple[float, float]]]:
    """Country code → where the countries the document names (their likeliest reading) lie:
    built once per document, so that a border relation does not read every mention again."""
    named: dict[str, set[tuple[float, float]]] = {}
    for state in states:
        for other in state.candidates[:1]:
            if other.kind == "country" and other.country_code:
                named.setdefault(other.country_code, set()).add((other.lat, other.lon))
    return named


def near_any_country(
    candidate: Candidate, codes: set[str], countries: dict[str, set[tuple[float, float]]]
) -> bool:
    """Whether ``candidate`` lies near one of the named countries ``codes`` (a border town)."""
    return any(
        haversine_km(candidate.lat, candidate.lon, lat, lon) < WEIGHTS.border_km
        for code in codes
        for lat, lon in countries.get(code, ())
    )


# -- output ------------------------------------------------------------------------------------
