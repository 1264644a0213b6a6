"""Mentions + candidates + the document's context → resolved places.

Each mention's candidates come from the gazetteer, ranked by importance (kind, population). The
document then votes:

* **countries it names**: "Iraq", "Iraqi", and the countries of places it names without doubt;
* **explicit relations**: "Kirkuk, Iraq" and "Paris, Texas" (a country or region right after the
  name), "the Syrian Abu Kamal" (a demonym right before it), "north of Baghdad" / "near
  Baghdad" (a place named as a reference point), "on the border with Syria";
* **spatial coherence**: candidates close to the document's other places, or inside a county or
  district it names ("Paris" beside "Henry County" is Paris, Tennessee);
* **facility cues**: "the Taji military base" prefers the air field to the town.

A name the gazetteer lacks (a street, a building, a neighbourhood) is placed approximately by the
article: the town the text puts it in, a place its name contains, or the article's own town,
with a low confidence and a reason that says so. So is a name the text calls a street ("Bourbon
and Dauphine streets"), and a reading nothing in the article supports: a namesake of another
spelling, or a small town far from all the article's places in a country it does not name.

Every resolved mention carries a ``confidence`` and a one-line ``reason``. Below
:data:`FALLBACK_CONFIDENCE`, and when not offline, the online fallback is asked.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from geomap.gazetteer.names import fold, key
from geomap.gazetteer.store import Gazetteer, haversine_km
from geomap.model import Candidate, Mention, ResolvedMention
from geomap.recognize import is_generic_word, subdivisions_called_after

__all__ = ["FALLBACK_CONFIDENCE", "resolve_mentions"]

#: Mentions resolved with less confidence than this go to the online fallback (when allowed).
FALLBACK_CONFIDENCE = 0.35
_CANDIDATES = 25
_COUNTRY_WEIGHT = 0.25
_REGION_WEIGHT = 0.2
_RELATION_WEIGHT = 0.6
_PROXIMITY_WEIGHT = 0.1
_PROXIMITY_KM = 250.0
_PAIR_WEIGHT = 0.15  # a candidate near a candidate of another name ("Athens", "Clarke County")
_PAIR_KM = 20.0
_KM_PER_DEGREE = 111.195  # of latitude (mean Earth radius)
_PAIR_PARTNER_RANKS = 8  # only another name's likelier readings lend support
_DISTRICT_WEIGHT = 0.1  # a town inside a county the article names ("Paris", "Henry County")
_DISTRICT_KM = 40.0  # how near a district's centre (that of its towns) a town inside it lies
_SHARED_REGION_WEIGHT = 0.05  # readings of several names in one state ("Macon", "Augusta")
_COUNTRY_NAME_MARGIN = 0.2  # what a town named like a country must win by, absent a qualifier
_SHARED_REGION_FULL = 3  # other names in the region that earn the full weight
_CLEAR_MARGIN = 0.05
_EVIDENCE_MARGIN = 0.15
# Kinds without a country of their own (seas, continents, large areas) are not outvoted by the
# countries an article names: they get half of the strongest country's support.
_COUNTRYLESS = {"sea", "continent", "area"}
_DEMONYM_KINDS = {"country", "region", "area", "continent"}
_POINT_KINDS = {"city", "district", "military", "airport", "place"}

_NEAR_PHRASE = re.compile(
    r"\b(?:(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?"
    r"(?:\s+of)?|near|outside|close to|just outside|on the outskirts of|in the outskirts of|"
    r"\d+\s*(?:km|kilometers|kilometres|miles)\s+(?:\w+\s+)?(?:of|from))\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_BORDER_PHRASE = re.compile(
    r"\bborder(?:s)?\s+(?:with|between)\s+(?:\w+\s+and\s+)?$", re.IGNORECASE
)
_BORDER_DEMONYM = re.compile(r"^\s+border", re.IGNORECASE)
_LIST_JOINER = re.compile(r",\s*|,?\s+(?:and|or)\s+|\s*&\s*")
_LIST_REACH = 8  # a name of a list looks at this many names on each side ("A, B and C")
_LIST_KIND_WEIGHT = 0.1  # a reading of the kind its list-mates are ("New York" among cities)
_KIND_MARGIN = 0.15  # how far the readings of other kinds must trail for a kind to be sure
_KIND_CLASS = {"country": "country", "region": "region", "city": "town", "district": "town"}
# What a list of names is called ("Walton and Oconee counties"): the kind and word for one.
_SUBDIVISION_KINDS = {
    "counties": ("district", "County"),
    "parishes": ("district", "Parish"),
    "boroughs": ("district", "Borough"),
    "districts": ("district", "District"),
    "provinces": ("region", "Province"),
    "governorates": ("region", "Governorate"),
}
# A name the text calls a street: "Bourbon and Dauphine streets", "State and Hubbard streets",
# "the Chartres/Franklin intersection", "Royal Street" (a capitalised street word). Streets are
# named after towns far away, so the town of that name is not the place.
_STREET_WORDS = r"(?:streets|avenues|roads|boulevards|intersection)"
_STREET_AFTER = re.compile(
    rf"^(?:\s*(?:and|&|/)\s*[A-Z][\w'’-]*)?\s*{_STREET_WORDS}\b"
    r"|^\s+(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Blvd\.)(?![\w'’-])"
)
_STREET_NAMESAKE_POPULATION = 500_000
_STREET_BEFORE = re.compile(r"[A-Z][\w'’-]*\s*(?:and|&|/)\s*$")
_STREET_HEADS = frozenset(
    ["street", "st.", "avenue", "ave.", "road", "rd.", "boulevard", "blvd.", "drive", "lane"]
)


@dataclass
class _MentionState:
    mention: Mention
    candidates: list[Candidate]
    cues: list[tuple[str, str]] = field(default_factory=list)  # (kind of cue, explanation)
    anchors: list[int] = field(default_factory=list)  # indexes of reference mentions
    country_hint: set[str] = field(default_factory=set)
    region_hint: set[str] = field(default_factory=set)
    border_countries: set[str] = field(default_factory=set)
    choice: Candidate | None = None
    scores: list[tuple[float, Candidate]] = field(default_factory=list)
    anchor_places: list[Candidate] = field(default_factory=list)
    own_country: tuple[str, float] | None = None  # this mention's vote in the evidence
    own_region: tuple[str, float] | None = None
    # The votes of every mention of this name for the country and region of a town it seems
    # to be (a country's or a region's own name votes only through each mention).
    name_votes: tuple[Counter[str], Counter[str]] | None = None
    paired: frozenset[str] = frozenset()  # candidates near a candidate of another name
    # For each candidate, how many other names have a candidate in its first-level region.
    region_shared: dict[str, int] = field(default_factory=dict)
    # For each candidate inside a county or district the article names, that district's name.
    districts: dict[str, str] = field(default_factory=dict)
    # The town a generic word alone also names, left out ("the Valley": The Valley, Anguilla).
    generic_reading: Candidate | None = None
    # The states or countries the name written after it may be ("Paris, Texas").
    qualifiers: list[Candidate] = field(default_factory=list)
    list_mates: list[int] = field(default_factory=list)  # other names of its list ("A, B and C")


def resolve_mentions(
    text: str,
    mentions: Sequence[Mention],
    gazetteer: Gazetteer,
    *,
    offline: bool = True,
    online: object | None = None,
) -> list[ResolvedMention]:
    """Resolve every mention of one document, in order.

    Parameters
    ----------
    text
        The document's text (the mentions' offsets index into it).
    mentions
        What :class:`geomap.recognize.Recognizer` found, or spans given by the user.
    gazetteer
        Where candidates come from.
    offline, online
        With ``offline=False``, mentions resolved below :data:`FALLBACK_CONFIDENCE` are also
        looked up with ``online`` (an :class:`~geomap.gazetteer.online.OnlineGeocoder`).
    """
    # One read transaction for the document's lookups; none while the online fallback runs, as
    # it writes its answers to the same database.
    with gazetteer.reading():
        lookups: dict[tuple[str, str | None, str, bool], list[Candidate]] = {}
        states = []
        for mention in mentions:
            # "the Gulf" is the Persian Gulf, whatever else "Gulf" names.
            article = _after_the(text, mention.start)
            lookup_key = (mention.text, mention.facility, mention.role, article)
            if lookup_key not in lookups:
                lookups[lookup_key] = _candidates(gazetteer, mention, article=article)
            candidates = lookups[lookup_key]
            generic_reading = None
            if candidates and " " not in mention.text.strip() and is_generic_word(mention.text):
                # "here in the Valley", "the Centre": no town or state of that word; a sea or
                # area of that name still counts.
                generic_reading = candidates[0]
                candidates = [c for c in candidates if c.kind not in _POINT_KINDS | {"region"}]
            if candidates and _is_acronym(text, mention):
                # "the CHU in Montpellier" is no Ch'u, China, "the OAS" no Oaş, Romania; "the
                # EU", "KY" (Ky.) and "DRC" (D.R.C.) are what they abbreviate.
                candidates = [c for c in candidates if _may_abbreviate(c)]
            if candidates and _may_be_a_street(candidates[0]) and _called_a_street(text, mention):
                candidates = []  # "Bourbon and Dauphine streets"
            plural = subdivisions_called_after(text, mention.start, mention.end)
            if plural:
                # "Navarro, Henderson and Ellis counties": Henderson County, not Henderson, Nevada.
                kind, word = _SUBDIVISION_KINDS[plural]
                named = []
                for found in gazetteer.lookup(f"{mention.text} {word}", limit=_CANDIDATES):
                    if found.kind == kind:
                        found = found.copy()
                        found.matched = mention.text  # the text's own name for it, not a spelling
                        named.append(found)
                candidates = named or [c for c in candidates if c.kind == kind] or candidates
            states.append(_MentionState(mention, list(candidates)))
            if not candidates and generic_reading:
                states[-1].generic_reading = generic_reading
        _find_relations(text, states)
        _mark_pairs(states)
        _mark_shared_regions(states)
        _mark_lists(text, states)
        country_counts, region_counts = _evidence(states)
        countries = _named_countries(states)
        for state in states:
            _choose(state, states, country_counts, region_counts, pool=None, countries=countries)
        pool = _coherence_pool(states)
        proximity = _Proximity(pool)
        for state in states:
            _choose(
                state, states, country_counts, region_counts, pool=pool, proximity=proximity,
                countries=countries,
            )  # fmt: skip
        results = [_result(state, country_counts, gazetteer) for state in states]
        results = _short_forms(states, results)
        results = [
            _outside_qualifier(state, _without_unsupported_reading(state, r, pool, country_counts))
            for state, r in zip(states, results, strict=True)
        ]
    if not offline:
        results = [_ask_online(result, gazetteer, online) for result in results]
    with gazetteer.reading():
        context = _Context(text, states, results, country_counts, region_counts, pool, gazetteer)
        return [
            context.place_unknown(index, result) if result.place is None else result
            for index, result in enumerate(results)
        ]


# -- candidates ------------------------------------------------------------------------------


def _candidates(gazetteer: Gazetteer, mention: Mention, *, article: bool) -> list[Candidate]:
    try:
        candidates = gazetteer.lookup(mention.text, limit=_CANDIDATES)
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
            for candidate in gazetteer.lookup(phrase, limit=_CANDIDATES):
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
        peoples = [c for c in candidates if c.kind in _DEMONYM_KINDS]
        candidates = peoples or candidates
    return candidates


def _is_acronym(text: str, mention: Mention) -> bool:
    """Whether a mention is an acronym: a short word in capitals in a text that is not ("OAS",
    "CHU"; not a dateline, nor a name in a headline written in capitals)."""
    word = mention.text.replace(".", "")
    if mention.role == "dateline" or not (2 <= len(word) <= 4) or not word.isalpha():
        return False
    if not word.isupper():
        return False
    around = text[max(0, mention.start - 40) : mention.start] + text[mention.end : mention.end + 40]
    return any(ch.islower() for ch in around)


def _may_abbreviate(candidate: Candidate) -> bool:
    """Whether an acronym may stand for this place: a country or state, or a name not written
    as a word ("EU", "nyc"; not "Ch'u")."""
    if candidate.kind in {"country", "region"}:
        return True
    matched = candidate.matched
    return not (any(ch.isupper() for ch in matched) and any(ch.islower() for ch in matched))


def _after_the(text: str, start: int) -> bool:
    """Whether the word before ``start`` is "the" ("in the Gulf"; not "bathe Gulf")."""
    return text[max(0, start - 4) : start].lower() == "the " and (
        start < 5 or not text[start - 5].isalnum()
    )


def _may_be_a_street(top: Candidate) -> bool:
    """Whether a name's likeliest reading is small enough for the text to mean a street of
    that name: not "Iraq and Syria roads", "California and Nevada roads", "Paris and London
    streets"."""
    if top.kind in {"country", "region", "continent", "sea"}:
        return False
    return top.population < _STREET_NAMESAKE_POPULATION


def _called_a_street(text: str, mention: Mention) -> bool:
    """Whether the text calls this name a street ("Bourbon and Dauphine streets")."""
    after = text[mention.end : mention.end + 40]
    if not _STREET_AFTER.match(after):
        return False
    if after[:1].isspace() and after.lstrip()[:1].isupper():
        return True  # "Chartres Street" in a span of its own: "Chartres"
    # A lowercase plural needs a coordinated name: "Paris streets" are the city's.
    if re.match(r"^\s*(?:and|&|/)", after):
        return True
    return _STREET_BEFORE.search(text[max(0, mention.start - 40) : mention.start]) is not None


# -- context -----------------------------------------------------------------------------------


def _find_relations(text: str, states: list[_MentionState]) -> None:
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
            and re.fullmatch(r",\s*", text[mention.end : after.mention.start])
            and not _in_list(text, states, index + 1)
            and not (
                state.candidates
                and state.candidates[0].kind == "country"
                and not _town_in_state_after(state, after)
            )
        ):
            for candidate in after.candidates[:3]:
                if candidate.kind == "country" and candidate.country_code:
                    state.country_hint.add(candidate.country_code)
                    state.qualifiers.append(candidate)
                elif candidate.kind == "region":
                    state.qualifiers.append(candidate)
                    state.region_hint.add(candidate.name)
                    if candidate.country_code:
                        state.country_hint.add(candidate.country_code)
            if state.country_hint or state.region_hint:
                state.cues.append(("qualifier", f"written '{mention.text}, {after.mention.text}'"))
        # "the Syrian Abu Kamal", "Iraqi Kirkuk": a demonym right before the name.
        if (
            before
            and before.mention.role == "demonym"
            and re.fullmatch(r"\s+", text[before.mention.end : mention.start])
        ):
            for candidate in before.candidates[:1]:
                if candidate.country_code:
                    state.country_hint.add(candidate.country_code)
                    state.cues.append(("demonym", f"called {before.mention.text}"))
        # "north of Baghdad", "near Kirkuk": this mention is a reference point for the one
        # before it.
        if before and before.mention.role != "demonym":
            between = text[before.mention.end : mention.start]
            if len(between) < 60 and _NEAR_PHRASE.search(between):
                before.anchors.append(index)
        # "on the border with Syria", "near the Syrian border".
        preceding = text[max(0, mention.start - 40) : mention.start]
        if _BORDER_PHRASE.search(preceding) or (
            mention.role == "demonym"
            and _BORDER_DEMONYM.match(text[mention.end : mention.end + 12])
        ):
            for candidate in state.candidates[:1]:
                if candidate.kind == "country" and candidate.country_code:
                    for other in states[max(0, index - 3) : index]:
                        other.border_countries.add(candidate.country_code)


def _town_in_state_after(state: _MentionState, after: _MentionState) -> bool:
    """Whether a reading of ``state`` is a town in a state ``after`` may be ("Poland, Ohio")."""
    states_after = {(c.country_code, c.name) for c in after.candidates[:3] if c.kind == "region"}
    return any(
        (c.country_code, c.admin1) in states_after
        for c in state.candidates
        if c.kind in _POINT_KINDS
    )


def _in_list(text: str, states: list[_MentionState], index: int) -> bool:
    """Whether mention ``index`` is followed by another place after a comma or "and"."""
    if index + 1 >= len(states):
        return False
    between = text[states[index].mention.end : states[index + 1].mention.start]
    return re.fullmatch(r",?\s*(?:and|or|&)?\s*", between) is not None


def _mark_lists(text: str, states: list[_MentionState]) -> None:
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
    for run in runs:
        for place, member in enumerate(run if len(run) > 1 else ()):
            # A name's neighbours in the list tell its kind; a run of thousands of names (a
            # table flattened into text) must not make every name read every other.
            near = run[max(0, place - _LIST_REACH) : place + _LIST_REACH + 1]
            states[member].list_mates = [other for other in near if other != member]


def _joined(text: str, first: _MentionState, second: _MentionState) -> bool:
    between = text[first.mention.end : second.mention.start]
    return _LIST_JOINER.fullmatch(between) is not None


def _evidence(states: list[_MentionState]) -> tuple[Counter[str], Counter[str]]:
    """How strongly the document is about each country and each first-level region.

    Votes are kept on the mentions' states, so that a mention is judged by the rest of the
    document, not by itself: "Georgia" does not vote for the country Georgia, and a town's
    name does not vouch for itself by repetition ("London" four times beside "Canada" three
    times is London, Ontario); a country's name named ten times ("China") still outweighs the
    towns called after it. A dateline votes like any mention: a local paper's town lies in the
    state its stories are about, and the story's places are judged with it ("NEWARK -- ...
    Licking County").
    """
    countries: Counter[str] = Counter()
    regions: Counter[str] = Counter()
    by_name: dict[str, tuple[Counter[str], Counter[str]]] = {}
    for state in states:
        state.own_country, state.own_region, state.name_votes = None, None, None
        if state.mention.boilerplate:
            continue
        if not state.candidates:
            continue
        votes = state.name_votes = by_name.setdefault(
            fold(state.mention.text), (Counter(), Counter())
        )
        top = state.candidates[0]
        clear = (
            len(state.candidates) == 1 or top.score - state.candidates[1].score > _EVIDENCE_MARGIN
        )
        if top.country_code and (top.kind == "country" or state.mention.role == "demonym"):
            state.own_country = (top.country_code, 1.0)
        elif clear and top.country_code:
            votes[0][top.country_code] += 0.5
            countries[top.country_code] += 0.5
        if top.kind == "region" and top.admin1:
            state.own_region = (top.admin1, 1.0)
        elif clear and top.admin1 and top.kind != "country":
            votes[1][top.admin1] += 0.5
            regions[top.admin1] += 0.5
        if state.own_country:
            countries[state.own_country[0]] += state.own_country[1]
        if state.own_region:
            regions[state.own_region[0]] += state.own_region[1]
    return countries, regions


def _mark_pairs(states: list[_MentionState]) -> None:
    """Mark the candidates that lie near a candidate of another name of the document.

    Two ambiguous names whose readings meet ("Athens" and "Clarke County": Athens, Georgia lies
    in Clarke County, Georgia; Athens, Greece near no Clarke County) support those readings,
    before either is clear enough to vouch for the other. Only another name's likelier
    readings lend support: "Moscow" and "Russia" both have villages in Ohio, but Moscow, Ohio is
    no likely reading of "Moscow". Candidates are bucketed by half a degree, so the search stays
    near linear in the number of candidates.
    """
    first_state: dict[str, _MentionState] = {}
    cells: dict[tuple[int, int], list[tuple[str, Candidate]]] = {}
    partners: dict[tuple[int, int], list[tuple[str, Candidate]]] = {}  # likely readings only
    for state in states:
        state.paired = frozenset()
        if not _may_pair(state):
            continue
        name = fold(state.mention.text)
        if name in first_state:
            continue
        first_state[name] = state
        for rank, candidate in enumerate(state.candidates):
            if candidate.kind in _POINT_KINDS:
                cell = (math.floor(candidate.lat * 2), math.floor(candidate.lon * 2))
                cells.setdefault(cell, []).append((name, candidate))
                if rank < _PAIR_PARTNER_RANKS:
                    partners.setdefault(cell, []).append((name, candidate))
    if len(first_state) < 2:
        return
    limit = (_PAIR_KM / _KM_PER_DEGREE) ** 2  # squared, in degrees of latitude
    paired: dict[str, set[str]] = {}
    for (row, column), members in cells.items():
        around = [
            member
            for d_row in (-1, 0, 1)
            for d_column in (-1, 0, 1)
            for member in partners.get((row + d_row, column + d_column), ())
        ]
        if not around:
            continue
        for name, candidate in members:
            cos_lat = math.cos(math.radians(candidate.lat))
            for other_name, other in around:
                if other_name == name or other.id == candidate.id:
                    continue
                d_lat = other.lat - candidate.lat
                d_lon = (other.lon - candidate.lon) * cos_lat
                if d_lat * d_lat + d_lon * d_lon <= limit:
                    paired.setdefault(name, set()).add(candidate.id)
                    break
    for state in states:
        found = paired.get(fold(state.mention.text))
        if found and _may_pair(state):
            state.paired = frozenset(found)


def _may_pair(state: _MentionState) -> bool:
    """Whether a mention takes part in the support of readings that lie together."""
    return not state.mention.boilerplate and state.mention.role == "toponym"


def _mark_shared_regions(states: list[_MentionState]) -> None:
    """Count, for each candidate, the other names with a candidate in the same state or province.

    "Savannah", "Macon", "Augusta" and "Georgia" each have a reading in the US state of Georgia
    and none in a common region elsewhere: readings that share a region support each other,
    before any of them is clear. As with proximity, only a name's likelier readings count.
    """
    by_name: dict[str, _MentionState] = {}
    for state in states:
        state.region_shared = {}
        if _may_pair(state):
            by_name.setdefault(fold(state.mention.text), state)
    if len(by_name) < 2:
        return
    names_in: dict[tuple[str, str], set[str]] = {}
    for name, state in by_name.items():
        for candidate in state.candidates[:_PAIR_PARTNER_RANKS]:
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


def _without_votes(
    counts: Counter[str], own: tuple[str, float] | None, votes: Counter[str] | None
) -> Counter[str]:
    if not own and not votes:
        return counts
    result = Counter(counts)
    if own:
        result[own[0]] -= own[1]
    for code, weight in (votes or {}).items():
        result[code] -= weight
    return result


def _choose(
    state: _MentionState,
    states: list[_MentionState],
    country_counts: Counter[str],
    region_counts: Counter[str],
    *,
    pool: dict[str, tuple[Candidate, set[str]]] | None,
    proximity: _Proximity | None = None,
    countries: dict[str, set[tuple[float, float]]] | None = None,
) -> None:
    """Score ``state``'s candidates against the document and choose the best (with ``pool``,
    the places other names chose lend proximity support; ``proximity`` keeps its distances;
    ``countries`` is :func:`_named_countries` of ``states``, computed here when not given)."""
    if not state.candidates:
        state.choice = None
        state.scores = []
        return
    state.districts = {}
    votes = state.name_votes
    country_counts = _without_votes(country_counts, state.own_country, votes and votes[0])
    region_counts = _without_votes(region_counts, state.own_region, votes and votes[1])
    strongest = max(country_counts.values(), default=0.0)
    strongest_region = max(region_counts.values(), default=0.0)
    # Spatial coherence: the places other names of the document were clearly resolved to.
    name = fold(state.mention.text)
    if pool is not None and proximity is None:
        proximity = _Proximity(pool)
    others = proximity.others(name) if proximity else []
    anchors = [states[i].choice for i in state.anchors if states[i].choice]
    state.anchor_places = anchors
    country_name = state.candidates[0].kind in _COUNTRY_LEVEL
    list_kinds = _list_kinds(state, states) if pool is not None else set()
    # Only the text itself ("Peru, Indiana", "near Fort Wayne") makes a country's name a town.
    explicit = bool(state.country_hint or state.region_hint or anchors or state.border_countries)
    scored = []
    for candidate in state.candidates:
        score = candidate.score
        code = candidate.country_code
        if strongest:
            if candidate.kind in _COUNTRYLESS:
                score += _COUNTRY_WEIGHT / 2
            elif code:
                score += _COUNTRY_WEIGHT * country_counts.get(code, 0.0) / strongest
        if strongest_region and candidate.admin1:
            score += _REGION_WEIGHT * region_counts.get(candidate.admin1, 0.0) / strongest_region
        if code and code in state.country_hint:
            score += _RELATION_WEIGHT
        if candidate.admin1 and candidate.admin1 in state.region_hint:
            score += _RELATION_WEIGHT
        for anchor in anchors:
            if haversine_km(candidate.lat, candidate.lon, anchor.lat, anchor.lon) < 150:
                score += _RELATION_WEIGHT
        if (
            state.border_countries
            and code
            and (
                code in state.border_countries
                or _near_any_country(
                    candidate,
                    state.border_countries,
                    countries if countries is not None else _named_countries(states),
                )
            )
        ):
            score += _RELATION_WEIGHT / 2
        # Readings that lie together lift a town over another town, or a state over the
        # country of its name ("Georgia"), but not a village over the country a name means
        # ("Peru" and "Mexico" are not the Indiana villages 10 km apart).
        if not (country_name and candidate.kind in _POINT_KINDS):
            if candidate.id in state.paired:
                score += _PAIR_WEIGHT
            shared = state.region_shared.get(candidate.id)
            if shared:
                score += (
                    _SHARED_REGION_WEIGHT * min(shared, _SHARED_REGION_FULL) / _SHARED_REGION_FULL
                )
        if proximity and others and candidate.kind in _POINT_KINDS:
            nearest = proximity.nearest_km(candidate, name)
            score += _PROXIMITY_WEIGHT * math.exp(-nearest / _PROXIMITY_KM)
            # "Paris" beside "Henry County": Paris, Tennessee is the seat of Henry County,
            # Tennessee, which the article chose without doubt.
            district = (
                proximity.district_around(candidate, name) if candidate.kind == "city" else None
            )
            if district:
                score += _DISTRICT_WEIGHT
                state.districts[candidate.id] = district.name
        if list_kinds and _KIND_CLASS.get(candidate.kind) in list_kinds:
            score += _LIST_KIND_WEIGHT
        if country_name and candidate.kind in _POINT_KINDS and not explicit:
            score -= _COUNTRY_NAME_MARGIN
        scored.append((score, candidate))
    scored.sort(key=lambda pair: (-pair[0], -pair[1].population, pair[1].id))
    state.scores = scored
    state.choice = scored[0][1]


def _list_kinds(state: _MentionState, states: list[_MentionState]) -> set[str]:
    """The kind of place the other names of ``state``'s list are without doubt, when its own
    readings differ in kind (only then does the list tell which is meant)."""
    if not state.list_mates:
        return set()
    own = {_KIND_CLASS.get(c.kind) for _, c in state.scores[:3]} - {None}
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


def _clear_kind(state: _MentionState) -> str | None:
    """The kind of a mention's choice when no reading of another kind comes near it: "Boston"
    is a town whichever Boston; "New York" may be a state or a city."""
    if not state.scores:
        return None
    best, choice = state.scores[0]
    kind = _KIND_CLASS.get(choice.kind)
    if kind is None:
        return None
    for score, candidate in state.scores[1:]:
        if best - score > _KIND_MARGIN:
            break
        if _KIND_CLASS.get(candidate.kind) != kind:
            return None
    return kind


class _Proximity:
    """Distances from candidates to the places other names of the document chose (the pool),
    each computed once per pass: a long document names its towns many times."""

    def __init__(self, pool: dict[str, tuple[Candidate, set[str]]]) -> None:
        self.pool = pool
        self._others: dict[str, list[Candidate]] = {}
        self._nearest: dict[tuple[str, str], float] = {}
        self._districts: dict[tuple[str | None, str], list[tuple[Candidate, set[str]]]] | None = (
            None
        )

    def others(self, name: str) -> list[Candidate]:
        """The pool's places chosen by names other than ``name``."""
        found = self._others.get(name)
        if found is None:
            found = self._others[name] = [
                place for place, names in self.pool.values() if names - {name}
            ]
        return found

    def district_around(self, candidate: Candidate, name: str) -> Candidate | None:
        """A district of the pool (chosen by another name) in the candidate's first-level
        region whose centre lies within :data:`_DISTRICT_KM`: the county the town is in."""
        if not candidate.admin1:
            return None
        if self._districts is None:
            self._districts = {}
            for place, names in self.pool.values():
                if place.kind == "district" and place.admin1:
                    key = (place.country_code, place.admin1)
                    self._districts.setdefault(key, []).append((place, names))
        for district, names in self._districts.get((candidate.country_code, candidate.admin1), ()):
            if names - {name} and _nearest_km(candidate, [district]) <= _DISTRICT_KM:
                return district
        return None

    def nearest_km(self, candidate: Candidate, name: str) -> float:
        """Distance from ``candidate`` to the nearest of :meth:`others` (which must exist)."""
        found = self._nearest.get((name, candidate.id))
        if found is None:
            found = self._nearest[(name, candidate.id)] = _nearest_km(candidate, self.others(name))
        return found


def _nearest_km(candidate: Candidate, others: list[Candidate]) -> float:
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


def _coherence_pool(states: list[_MentionState]) -> dict[str, tuple[Candidate, set[str]]]:
    """Each place clearly chosen for some story mention, with the names that chose it.

    Keyed by place, so a document naming Baghdad forty times costs one comparison, not forty
    (and Baghdad does not vouch for itself).
    """
    pool: dict[str, tuple[Candidate, set[str]]] = {}
    for state in states:
        choice = state.choice
        if (
            choice is None
            or choice.kind not in _POINT_KINDS | {"region"}
            or state.mention.boilerplate
            or state.mention.role == "dateline"
            or not _clear(state)
        ):
            continue
        pool.setdefault(choice.id, (choice, set()))[1].add(fold(state.mention.text))
    return pool


def _clear(state: _MentionState) -> bool:
    """Whether a mention's choice stands well above its alternatives."""
    if len(state.scores) < 2:
        return bool(state.scores)
    return state.scores[0][0] - state.scores[1][0] > _CLEAR_MARGIN


def _named_countries(states: list[_MentionState]) -> dict[str, set[tuple[float, float]]]:
    """Country code → where the countries the document names (their likeliest reading) lie:
    built once per document, so that a border relation does not read every mention again."""
    named: dict[str, set[tuple[float, float]]] = {}
    for state in states:
        for other in state.candidates[:1]:
            if other.kind == "country" and other.country_code:
                named.setdefault(other.country_code, set()).add((other.lat, other.lon))
    return named


def _near_any_country(
    candidate: Candidate, codes: set[str], countries: dict[str, set[tuple[float, float]]]
) -> bool:
    return any(
        haversine_km(candidate.lat, candidate.lon, lat, lon) < 600
        for code in codes
        for lat, lon in countries.get(code, ())
    )


# -- output ------------------------------------------------------------------------------------


def _result(
    state: _MentionState, country_counts: Counter[str], gazetteer: Gazetteer
) -> ResolvedMention:
    if not state.scores:
        town = state.generic_reading
        if town:
            return ResolvedMention(
                state.mention,
                None,
                0.0,
                f"the reading {town.name} ({town.admin1 or town.country_code}, "
                f"{town.country_code}) is a town; '{state.mention.text}' alone is a common word",
            )
        return ResolvedMention(
            state.mention, None, 0.0, f"no place named '{state.mention.text}' in the gazetteer"
        )
    best_score, best = state.scores[0]
    runner_up = state.scores[1][0] if len(state.scores) > 1 else 0.0
    margin = best_score - runner_up
    confidence = max(0.0, min(1.0, 0.35 * min(best_score, 1.0) + 0.65 * min(margin / 0.4, 1.0)))
    if len(state.scores) == 1:
        confidence = max(confidence, min(1.0, best_score))
    return ResolvedMention(
        mention=state.mention,
        place=best,
        confidence=confidence,
        reason=_reason(state, best, country_counts, gazetteer),
        alternatives=[c for _, c in state.scores[1:4]],
    )


def _without_unsupported_reading(
    state: _MentionState,
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
    * a small town (under :data:`_SMALL_TOWN_POPULATION`) of the exact name, more than
      :data:`_SMALL_TOWN_KM` from every other place of the article, in a country the article
      does not otherwise name: "the Crescent" in a London article is not Crescent, Oklahoma, nor
      "Rehab" in an article about Cairo a village in Jordan.
    """
    place = result.place
    mention = state.mention
    if (
        place is None
        or mention.facility
        or mention.role != "toponym"
        or place.kind not in _JUDGED_KINDS
        or state.cues
    ):
        return result
    exact = key(place.matched) in (key(mention.text), key(f"the {mention.text}"))
    if exact and (place.kind != "city" or place.population >= _SMALL_TOWN_POPULATION):
        return result
    name = fold(mention.text)
    others = [other for other, names in pool.values() if names - {name} and other.id != place.id]
    others += state.anchor_places  # "near Remuera": near it, or not this place
    if exact:
        if len(others) < 2 or _nearest_km(place, others) <= _SMALL_TOWN_KM:
            return result
        votes = state.name_votes[0] if state.name_votes else None
        countries = _without_votes(country_counts, state.own_country, votes)
        if countries.get(place.country_code or "", 0.0) > 0:
            return result
        return ResolvedMention(
            mention,
            None,
            0.0,
            f"the reading {place.name} ({place.admin1 or place.country_code}, "
            f"{place.country_code}, pop. {place.population:,}) lies far from the article's places",
        )
    if others and _nearest_km(place, others) <= _SPELLING_SUPPORT_KM:
        return result
    return ResolvedMention(
        mention,
        None,
        0.0,
        f"no place named '{mention.text}' in the gazetteer; the nearest spelling, "
        f"{place.name}, is far from the article's places",
    )


def _short_forms(
    states: list[_MentionState], results: list[ResolvedMention]
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
                        min(result.confidence, 0.6),
                        f"short for {country.name}, which the article names (not "
                        f"{place.name}, {place.admin1 or place.country_code})",
                    )
                    break
        shortened.append(result)
    return shortened


def _outside_qualifier(state: _MentionState, result: ResolvedMention) -> ResolvedMention:
    """No place for a town outside the state or country the text writes after its name.

    "HOLLIDAY, Mo." is not Holliday, Texas when the gazetteer holds no Holliday in Missouri:
    the name is then placed by the article (in Missouri), like a name the gazetteer lacks.
    """
    place = result.place
    if place is None or not state.qualifiers or place.kind not in _POINT_KINDS:
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
        f"the reading {place.name} ({place.admin1 or place.country_code}, "
        f"{place.country_code}) is not in {state.qualifiers[0].name}, which the text names "
        "after it",
    )


def _country_name(gazetteer: Gazetteer, code: str | None) -> str:
    if not code:
        return "no country"
    country = gazetteer.country(code)
    return country.name if country else code


def _reason(
    state: _MentionState, best: Candidate, country_counts: Counter[str], gazetteer: Gazetteer
) -> str:
    parts = [
        f"{best.kind} in {_country_name(gazetteer, best.country_code)}"
        if best.kind != "country"
        else f"the country {best.name}"
    ]
    if state.mention.role == "demonym":
        parts[0] = f"people of {best.name}"
    if best.population and best.kind == "city":
        parts[0] += f", pop. {best.population:,}"
    mentions = int(country_counts.get(best.country_code or "", 0))
    if best.kind != "country" and mentions:
        parts.append(
            f"the article names {_country_name(gazetteer, best.country_code)} "
            f"{mentions} time{'s' if mentions != 1 else ''}"
        )
    parts.extend(explanation for _, explanation in state.cues)
    if best.id in state.districts:
        parts.append(f"in {state.districts[best.id]}, which the article names")
    for anchor in state.anchor_places[:1]:
        distance = haversine_km(best.lat, best.lon, anchor.lat, anchor.lon)
        parts.append(f"the article places it near {anchor.name}, {distance:.0f} km away")
    others = [
        c
        for _, c in state.scores[1:4]
        if c.name != best.name or c.country_code != best.country_code
    ]
    if others:
        parts.append(
            "other candidates: "
            + ", ".join(f"{c.name}, {_country_name(gazetteer, c.country_code)}" for c in others[:2])
        )
    return "; ".join(parts)


# -- names the gazetteer lacks: placed by what the article says around them --------------------

# "Crossroads Correctional Center in Shelby", "Royal Street, New Orleans", "the A417 near Birdlip"
_CONTAINER_AFTER = re.compile(r"^\s*(?:,|in|at|near|outside|on|of)\s+(?:the\s+)?$", re.IGNORECASE)
_POSSESSIVE_BEFORE = re.compile(r"^['’]s?\s+(?:the\s+)?$")
_NAMED_AFTER_KINDS = {"country", "region", "continent", "area", "sea"}
_NAMED_AFTER_POPULATION = 100_000
_NAMED_AFTER_KM = 100.0
_SPELLING_SUPPORT_KM = 300.0  # how near the article's places a town found by a variant must lie
_JUDGED_KINDS = _POINT_KINDS | {"region", "district"}
_SMALL_TOWN_POPULATION = 20_000
_SMALL_TOWN_KM = 500.0
_COUNTRY_LEVEL = {"country", "continent"}
# Places whose name outweighs the common word it also is (as the recogniser judges them).
_MAJOR_KINDS = {"country", "continent", "sea", "area"}
_MAJOR_POPULATION = 1_000_000
_CONTEXT_CONFIDENCE = 0.2
# The article's own town is judged with the places around it (see _Context._article_place).
_HOME_NEIGHBOUR_KM = 100.0
_HOME_NEIGHBOUR_WEIGHT = 0.5
_HOME_CONTENDERS = 20


class _Context:
    """Places for names the gazetteer lacks (streets, buildings, neighbourhoods, companies
    named after places), from the article itself, in order of how directly it speaks:

    1. a town or region the text puts it in: "Crossroads Correctional Center in Shelby",
       "Brooklyn's Barclays Center";
    2. a place the name contains, if large or among the article's places: "Manila Cathedral"
       -> Manila, "Bank of Japan" -> Japan;
    3. a country the text puts it in ("Oaxaca State, Mexico" when Oaxaca were unknown);
    4. the article's own place: the town it names most (its dateline counts once).

    The answer is approximate and says so: low confidence, and a reason naming the place used.
    """

    def __init__(
        self,
        text: str,
        states: list[_MentionState],
        results: list[ResolvedMention],
        country_counts: Counter[str],
        region_counts: Counter[str],
        pool: dict[str, tuple[Candidate, set[str]]],
        gazetteer: Gazetteer,
    ) -> None:
        self.text = text
        self.states = states
        self.results = results
        self.country_counts = country_counts
        self.region_counts = region_counts
        self.pool = pool
        self.gazetteer = gazetteer
        self._home: tuple[Candidate, int] | bool | None = False  # not computed yet
        self._by_start: list[tuple[int, int]] | None = None  # (start, index) of placed names

    def place_unknown(self, index: int, result: ResolvedMention) -> ResolvedMention:
        mention = result.mention
        if mention.boilerplate or not _is_proper_name(mention.text):
            return result  # only proper names are placed; "the" or an empty span names nothing
        if mention.role == "dateline":
            # "HOLLIDAY, Mo.": a dateline is placed only by the state written after it.
            container = self._container(index)
            if container is None:
                return result
            return self._approximate(result, container, f"the article puts it in {container.name}")
        if mention.role != "toponym":
            return result
        container = self._container(index)
        # A town or region the text puts it in beats a place inside its name, which beats a
        # whole country the text puts it in ("Oaxaca State, Mexico" is Oaxaca).
        if container and container.kind not in _COUNTRY_LEVEL:
            return self._approximate(result, container, f"the article puts it in {container.name}")
        # A street is named after a place elsewhere ("Northumberland Avenue" in Saskatoon).
        street = mention.text.split()[-1].lower() in _STREET_HEADS or _called_a_street(
            self.text, mention
        )
        found = None if street else self._named_after(mention)
        if found:
            return self._approximate(result, found, f"named after {found.name}")
        if container:
            return self._approximate(result, container, f"the article puts it in {container.name}")
        home = self._article_place()
        if home:
            return self._placed(result, *home, how="placed at {}, the article's place")
        country = self._article_country()
        if country:
            return self._placed(result, *country, how="placed in {}, the article's country")
        return result

    def _placed(
        self, result: ResolvedMention, place: Candidate, count: float, *, how: str
    ) -> ResolvedMention:
        times = f"named {count:g} time{'s' if count != 1 else ''}"
        return self._approximate(result, place, f"{how.format(place.name)} ({times})")

    def _article_country(self) -> tuple[Candidate, float] | None:
        """The country the article names most, for an article that names no town."""
        if not self.country_counts:
            return None
        code, count = self.country_counts.most_common(1)[0]
        if count < 1:
            return None
        found = self.gazetteer.country(code)
        return (found, count) if found else None

    def _approximate(self, result: ResolvedMention, place: Candidate, how: str) -> ResolvedMention:
        country = _country_name(self.gazetteer, place.country_code)
        where = place.name if place.kind == "country" else f"{place.name}, {country}"
        # A reading the article did not support says so; any other name is not in the gazetteer.
        why = result.reason if result.reason.startswith("the reading ") else None
        return ResolvedMention(
            mention=result.mention,
            place=place.copy(),
            confidence=_CONTEXT_CONFIDENCE,
            reason=f"{why or 'not in the gazetteer'}; {how}: approximately {where}",
        )

    def _named_after(self, mention: Mention) -> Candidate | None:
        words = mention.text.split()
        for size in range(len(words) - 1, 0, -1):
            found = []
            for start in range(len(words) - size + 1):
                phrase_words = words[start : start + size]
                if not phrase_words[0][:1].isupper():
                    continue
                phrase = " ".join(phrase_words).strip(",.;:()'’\"")
                if not phrase:
                    continue
                place = self._resolve_phrase(mention, phrase)
                if place:
                    found.append(place)
            if found:
                # A town named beats a larger area: "British Embassy Tokyo" is in Tokyo.
                return min(found, key=lambda place: place.kind not in _POINT_KINDS)
        return None

    def _resolve_phrase(self, mention: Mention, phrase: str) -> Candidate | None:
        if " " not in phrase and is_generic_word(phrase):
            return None  # "St. Peter's Basilica" is not in Basilicata ("Basilica")
        try:
            candidates = self.gazetteer.lookup(phrase, limit=_CANDIDATES)
        except Exception:  # an unusable phrase names nothing
            return None
        if not candidates:
            return None
        state = _MentionState(Mention(phrase, mention.start, mention.end), candidates)
        _choose(state, self.states, self.country_counts, self.region_counts, pool=self.pool)
        place = state.choice
        if place is None:
            return None
        if key(place.matched) != key(phrase):
            return None  # a loose spelling match is too weak a reason
        if len(phrase.split()) == 1 and _is_common_word(phrase) and not _stands_out(place, phrase):
            return None
        # "Manila Cathedral" in an article about Manila, "Bank of Japan": the place must be a
        # large one, or lie among the article's other places ("Rue Casa Calvo" is no Rue, France).
        others = [other for other, _ in self.pool.values()]
        if place.kind in _NAMED_AFTER_KINDS or (
            place.population >= _NAMED_AFTER_POPULATION and not others
        ):
            return place
        if others and _nearest_km(place, others) <= _NAMED_AFTER_KM:
            return place
        return None

    def _container(self, index: int) -> Candidate | None:
        """The place named right after ("... in Shelby") or right before ("Brooklyn's ...")."""
        mention = self.results[index].mention
        if self._by_start is None:
            self._by_start = sorted(
                (other.mention.start, order)
                for order, other in enumerate(self.results)
                if other.place is not None and other.confidence >= 0.3
            )
        by_start = self._by_start
        # Only the nearest names either side can be joined to it by a connector ("in", "'s").
        after = bisect.bisect_left(by_start, (mention.end, -1))
        for _, order in by_start[after : after + 3]:
            other = self.results[order]
            if other.mention is not mention and _CONTAINER_AFTER.match(
                self.text[mention.end : other.mention.start]
            ):
                return other.place
        before = bisect.bisect_left(by_start, (mention.start, -1))
        for _, order in reversed(by_start[max(0, before - 3) : before]):
            other = self.results[order]
            if (
                other.mention is not mention
                and other.mention.end <= mention.start
                and _POSSESSIVE_BEFORE.match(self.text[other.mention.end : mention.start])
            ):
                return other.place
        return None

    def _article_place(self) -> tuple[Candidate, int] | None:
        """The town the article is about: the most confidently named town, counting the
        confidence of the article's other places around it.

        A house-builder's model called "Norbury" three times is not the place of an article whose
        other towns (Gainesville, Centreville, Haymarket) and state (Virginia) lie together:
        each town's own mentions count in full, those of towns within
        :data:`_HOME_NEIGHBOUR_KM` and of the first-level region holding it at half weight.
        """
        if self._home is False:
            counts: Counter[str] = Counter()
            weights: Counter[str] = Counter()
            places: dict[str, Candidate] = {}
            regions: Counter[tuple[str, str]] = Counter()
            for result in self.results:
                place = result.place
                if (
                    place is None
                    or result.mention.boilerplate
                    or result.mention.role == "demonym"
                    or result.confidence <= _CONTEXT_CONFIDENCE
                ):
                    continue
                if place.kind == "region" and place.country_code and place.admin1:
                    regions[(place.country_code, place.admin1)] += result.confidence
                if place.kind not in _POINT_KINDS:
                    continue
                counts[place.id] += 1
                weights[place.id] += result.confidence
                places.setdefault(place.id, place)

            def support(place_id: str) -> float:
                place = places[place_id]
                around = sum(
                    weight
                    for other_id, weight in weights.items()
                    if other_id != place_id
                    and _nearest_km(place, [places[other_id]]) <= _HOME_NEIGHBOUR_KM
                )
                region = regions.get((place.country_code or "", place.admin1 or ""), 0.0)
                return weights[place_id] + _HOME_NEIGHBOUR_WEIGHT * (around + region)

            # The likeliest towns only (a long document names thousands); among equals, the
            # first named.
            contenders = sorted(weights, key=weights.__getitem__, reverse=True)[:_HOME_CONTENDERS]
            best = max(contenders, key=support, default=None)
            self._home = (places[best], counts[best]) if best else None
        return self._home or None


def _is_proper_name(text: str) -> bool:
    """A capitalised name, or an address: "Barclays Center", "2231 Royal"."""
    if text[:1].isupper():
        return True
    words = text.split()
    return len(words) > 1 and words[0].isdigit() and words[1][:1].isupper()


def _stands_out(place: Candidate, word: str) -> bool:
    """Whether a common word names this place whatever else it means: an acronym ("US
    Federal Reserve") or a major place ("Bank of Japan", "Colorado State University"), unless
    it is a direction or a kind of place ("Central Bank", "Valley Hospital")."""
    if word.isupper() and len(word) > 1:
        return True
    if is_generic_word(word):
        return False
    return place.kind in _MAJOR_KINDS or place.population >= _MAJOR_POPULATION


def _is_common_word(word: str) -> bool:
    """Whether a capitalised word is an everyday English word ("Union", "Valley", "State")."""
    from wordfreq import zipf_frequency  # the recogniser has loaded it already

    return zipf_frequency(word.lower(), "en") >= 4.0


def _ask_online(
    result: ResolvedMention, gazetteer: Gazetteer, online: object | None
) -> ResolvedMention:
    if result.confidence >= FALLBACK_CONFIDENCE or result.mention.role == "demonym":
        return result
    from geomap.gazetteer.lookup import default_online_geocoder

    geocoder = online or default_online_geocoder(gazetteer)
    found = geocoder.lookup(result.mention.text, limit=3)  # type: ignore[attr-defined]
    if not found:
        return result
    best = found[0]
    return ResolvedMention(
        mention=result.mention,
        place=best,
        confidence=max(result.confidence, 0.4),
        reason=f"{best.kind} found online ({best.source}); the local gazetteer was unsure"
        + (f"; local best: {result.place.name}" if result.place else ""),
        alternatives=[c for c in [result.place, *found[1:]] if c],
    )
