"""Where an event happened: the best place of a passage, read from the words around it.

A place named after a locative cue ("at Baghdad International Airport", "on the Taji base",
"near the border", "in the Kirkuk region", "over Yemen", "near the Syrian town of Abu Kamal",
"near Jurf al-Sakhar and Al-Qa'im") or as the object of an attack verb ("rockets struck Camp
Taji", "rebels overran Gao") is where the event happened. A place that only situates another
("Camp Taji, a military base north of Baghdad", "Kupiansk, a town in the Kharkiv region",
"the Taji military base near Baghdad") describes it and is not the event's place. A country
named as a subject ("Iran attacked") or by an adjective ("Iraqi politicians") is an actor, used
only when nothing better is named. Precision follows ACLED: 1 the named town or site, 2 near it
or part of a region, 3 a region or country; a province or district that places an event stands
at its seat (the town of its name inside it), as ACLED codes a province-level event. Dateline
and boilerplate mentions are never used.

Examples
--------
>>> KIND_RANK["military"] > KIND_RANK["city"] > KIND_RANK["country"]
True
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from geomap.events.guard import guarded
from geomap.events.vocabulary import OBJECT_VERB_RE
from geomap.gazetteer.names import key
from geomap.gazetteer.store import haversine_km
from geomap.model import ResolvedMention
from geomap.regex_cache import compiled, remembered

__all__ = [
    "KIND_RANK",
    "Located",
    "MentionsInOrder",
    "admin_fallback",
    "border_place",
    "in_span",
    "locate",
    "scene_place",
    "usable",
]

#: How precisely a kind of place locates an event (higher: more precise).
KIND_RANK = {
    "military": 6, "airport": 6, "city": 5, "place": 5, "district": 4, "region": 3,
    "border": 2, "area": 2, "sea": 2, "country": 1, "continent": 0,
}  # fmt: skip

_DISTANCE = r"(?:\d+(?:[.,]\d+)?|a\s+few|several|some)\s*(?:km|kilomet(?:re|er)s?|miles?)"
_NEAR = (
    r"near|outside|around|close\s+to|not\s+far\s+from|on\s+the\s+outskirts\s+of"
    r"|adjacent\s+to|next\s+to|" + _DISTANCE + r"\s+(?:\w+\s+of|from|outside)"
)
_COMPASS = r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)"
_PREPOSITION = (
    rf"(?P<near>{_NEAR}|{_COMPASS}\s+of)|(?P<prep>in|at|on|along|over|across|inside|into|off"
    r"|within|throughout|towards?|from|near)"
)
_DESCRIPTOR = (
    r"(?:city|town|village|area|region|province|district|governorate|county|outskirts|vicinity"
    r"|countryside"
    r"|suburbs?|territory|border|base|airport|camp|capital|port|military\s+base|air\s+base"
    r"|municipality|commune|township|hospital|university|prison|market|school|square)"
)
# Words qualifying a descriptor: "the Syrian town of", "the restive northern province of".
_ADJECTIVE = r"(?:(?!(?:in|at|on|near|of|from|to|and|or|the|a|an|by|with)\b)[\w'’-]+\s+)"
# Names listed before this one share its cue: "near [Jurf al-Sakhar and] Al-Qa'im".
_NAME_WORD = r"(?:(?-i:[A-Z])[\w'’.-]*|(?-i:al|el|ad|as|ar|ash|bin|ibn|de|del|la|le)(?:-[\w'’-]+)?)"
_LISTED = (
    rf"(?-i:[A-Z])[\w'’.-]*(?:[\s-]+{_NAME_WORD}){{0,3}}"
    r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)"
)
# What stands between the cue and the name: "on the", "in the area of the city of", "in western",
# "near the Syrian town of", "near Jurf al-Sakhar and".
_CUE_RE = compiled(
    rf"\b(?:{_PREPOSITION})\s+(?:(?:the|an?)\s+)?(?:(?P<part>(?:{_COMPASS}(?:ern)?|central"
    rf"|northern|southern|eastern|western)\s+)?(?:{_ADJECTIVE}{{0,2}}?(?P<desc>{_DESCRIPTOR})\s+"
    rf"(?:of\s+)?(?:the\s+)?)*)*(?:{_LISTED})*$",
    re.IGNORECASE,
)
# Tried only where a match can begin (:mod:`geomap.events.guard`): the same matches.
_CUE_SCAN = guarded(_CUE_RE)
_OBJECT_VERB_SCAN = guarded(OBJECT_VERB_RE)
# What follows the name: "Kirkuk region", "Taji military base", "Syrian territory".
_AFTER_RE = compiled(
    r"^\s*(?:(?P<region>region|province|area|district|governorate|countryside|outskirts)"
    r"|(?P<site>(?:military\s+|air\s+|army\s+)?(?:base|airport|air\s+field|airfield|camp))"
    r"|(?P<land>territory|soil|side|airspace|waters))\b",
    re.IGNORECASE,
)
_SITE_TAIL = (
    r"(?:(?:military\s+|air\s+|army\s+|naval\s+)?(?:base|airport|air\s*field|camp)|region|province"
    r"|area|district|governorate)"
)
# Between a place and the cue of the next: the next only situates the first. Relative cues
# ("near", "north of", "20 km from") after the place itself or an appositive about it ...
_DESCRIBES_NEAR_RE = compiled(
    rf"^(?:\s+{_SITE_TAIL})?\s*(?:[,(–—]\s*(?:(?:a|an|the)\s+(?:[\w'’-]+\s+){{0,4}}?"
    rf"{_DESCRIPTOR}\b[^.;:!?(),]{{0,40}}?)?)?\s*(?:(?:located|situated|lying|just|only|about"
    r"|some|roughly|approximately)\s+)*$",
    re.IGNORECASE,
)
# ... and containing cues ("in", "on") only in an appositive: "Kupiansk, a town in".
_DESCRIBES_IN_RE = compiled(
    rf"^(?:\s+{_SITE_TAIL})?\s*[,(–—]\s*(?:a|an|the)\s+(?:[\w'’-]+\s+){{0,4}}?{_DESCRIPTOR}\b"
    r"(?:\s+(?:located|situated|lying))?\s*$",
    re.IGNORECASE,
)
# ... or right after it, when the second is a larger unit: "Arkalyk town in Kostanay region",
# "Radauti in Suceava county" (English situates a place by the unit that holds it).
_DIRECTLY_IN_RE = compiled(
    r"^(?:\s+(?:town|village|city|township|hamlet|locality|settlement|area|camp))?\s*$",
    re.IGNORECASE,
)
_CONTAINING = frozenset({"in", "on", "inside", "within"})
# What a demonstration is for or about ("to denounce the killings in Y", "in solidarity with
# Y"): the places named past these words are the cause, not the scene.
_PURPOSE_RE = compiled(
    r"\b(?:(?:in\s+order\s+)?to\s+(?:protest|denounce|condemn|demand|decry|mourn|commemorate"
    r"|mark|express|show|call\s+for|support|oppose|reject)|in\s+(?:solidarity|support)\s+"
    r"(?:with|of|for)|(?:demanding|denouncing|condemning|protesting|decrying|mourning)\b)",
    re.IGNORECASE,
)
_PURPOSE_SCAN = guarded(_PURPOSE_RE)
_CAUSE_PENALTY = 100.0  # a place in the cause loses its cue's weight
_ORIGIN_PENALTY = 15.0  # after "from", a place ranks below one of its kind after "in", "at"
_DESCRIBED_KM = 250.0  # a place described as near one further away is doubtful: no rule
_PART_OF_RE = compiled(
    r"\b(?:area|outskirts|vicinity|countryside|region|province|district)\b", re.I
)
# "hit the outskirts of Mosul": a part of the place, whatever word comes before.
_PART_OF_NAME_RE = compiled(r"\b(?:outskirts|vicinity|suburbs?)\s+of\s+(?:the\s+)?$", re.I)
_BORDER_RE = compiled(r"\bborder\b", re.IGNORECASE)
# A name followed by one of these in lower case names a facility or a street, not a town.
_FACILITY_RE = compiled(
    r"^[ \t]+(?:high\s+school|school|university|college|hospital|clinic|square|park|street"
    r"|road|avenue|boulevard|highway|market|mall|station|stadium|hall|church|mosque|temple"
    r"|cathedral|prison|factory|supermarket|store|shop|hotel|restaurant|building|cent(?:re|er)"
    r"|office|roundabout|junction|crossing|bridge)\b"
)
# "Iran attacked", "Russia fired": a country as the subject of the attack is where it came from.
_SUBJECT_VERB_RE = compiled(
    r"^\s*(?:\w+\s+)?(?:attacked|struck|fired|launched|shelled|bombed|hit|targeted|retaliated)\b",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Located:
    """A place chosen for a passage, and how sure the words make it."""

    place: dict[str, Any] | None
    geo_precision: int | None
    where: str = ""
    rank: int = -1  # :data:`KIND_RANK` of the place, -1 when none
    cued: bool = False  # a locative cue names it
    origin: dict[str, Any] | None = None
    start: int = -1  # offset of the mention
    end: int = -1  # end of the mention
    cue_start: int = -1  # offset of its locative cue ("north of"), -1 without one
    relation: str = ""  # "near" for relative cues, else the preposition ("in"), or ""

    @property
    def strength(self) -> tuple[int, int]:
        """Order for choosing between passages: a cued, precise place wins."""
        return (self.rank + (2 if self.cued else 0), int(self.cued))


def usable(mention: ResolvedMention) -> bool:
    """A resolved mention that may locate an event: not the dateline, not boilerplate."""
    m = mention.mention
    return mention.place is not None and m.role != "dateline" and not m.boilerplate


class MentionsInOrder(list[ResolvedMention]):
    """A document's resolved mentions in text order, with their offsets kept beside them so
    that :func:`in_span` bisects plain numbers."""

    def __init__(self, mentions: Iterable[ResolvedMention] = ()) -> None:
        super().__init__(sorted(mentions, key=_start))
        self.starts = [r.mention.start for r in self]


def in_span(mentions: Sequence[ResolvedMention], start: int, end: int) -> Sequence[ResolvedMention]:
    """The mentions that begin in ``[start, end)``, found by bisection: ``mentions`` must be in
    text order (a :class:`MentionsInOrder` is quickest). A sentence costs the logarithm of the
    document's mentions, not all of them.

    >>> in_span([], 0, 10)
    []
    """
    if isinstance(mentions, MentionsInOrder):
        low = bisect_left(mentions.starts, start)
        return mentions[low : bisect_left(mentions.starts, end, lo=low)]
    low = bisect_left(mentions, start, key=_start)
    high = bisect_left(mentions, end, lo=low, key=_start)
    return mentions[low:high]


def _start(r: ResolvedMention) -> int:
    return r.mention.start


def locate(
    text: str,
    mentions: Sequence[ResolvedMention],
    start: int,
    end: int,
    trigger: int,
) -> Located:
    """The best place for an event told in ``text[start:end]`` around offset ``trigger``.

    Parameters
    ----------
    mentions
        The document's resolved mentions in text order (:func:`in_span` finds the span's).
    """
    inside = [
        r for r in in_span(mentions, start, end) if usable(r) and not _names_organisation(text, r)
    ]
    best: tuple[float, Located] | None = None
    origin: dict[str, Any] | None = None
    judged: list[tuple[ResolvedMention, Located]] = []
    for r in inside:
        found = _judge(text, r, start, end)
        if found is None:
            continue
        if found.origin is not None:
            origin = found.origin
            continue
        judged.append((r, found))
    described = _described(text, [found for _, found in judged])
    purpose = _PURPOSE_SCAN.search(text, trigger, end)
    # Past "to protest", "in solidarity with", places name the cause, when a place was given.
    cause_from = (
        purpose.start()
        if purpose is not None
        and any(f.cued and f.start < purpose.start() for _, f in judged if id(f) not in described)
        else end
    )
    for r, found in judged:
        if id(found) in described:
            continue  # it only situates another place of the sentence
        distance = abs(r.mention.start - trigger)
        # A place the words tie to the event beats any place merely named nearby.
        score = found.rank * 10 + (100 if found.cued else 0) - distance / 200
        if found.start >= cause_from:
            score -= _CAUSE_PENALTY  # "held a protest in X to denounce the killings in Y"
        if found.relation == "from" and not _situated(text, found, judged):
            # "a civilian from Tadmor", "marched from the square": where people or a march
            # came from; a place the words put the event in or at wins.
            score -= _ORIGIN_PENALTY
        if r.mention.start > trigger:
            score += 3  # English names the place after the verb: "struck X in Y"
        if best is None or score > best[0]:
            best = (score, found)
    border = _border(text, inside, start, end)
    if border is not None and (best is None or best[1].rank < KIND_RANK["district"]):
        best = (0.0, border)
    located = best[1] if best else Located(None, None)
    if origin and located.place and origin.get("country_code") != located.place.get("country_code"):
        located.origin = origin
    if located.place is not None and located.place.get("kind") in _ADMIN_KINDS:
        # "Xqzivka, Cherkasy region" with the village found only as the province: the
        # province's seat, known from the mention that names the province itself.
        for r in inside:
            if r.place is not None and r.place.id == located.place.get("id"):
                seat = _namesake_town(r)
                if seat is not None:
                    located.place = seat.place_dict()
                    break
    return located


# Between a place and the "in" of the next: its kind or more names of a list ("from Al Bab
# city in", "from Avdiivka, Vuhledar and Marinka in").
# Possessive spaces and word characters: each run splits one way only, so a long run of
# capitals or of capitalised words that fails at its end is rejected in linear time.
_SITUATED_GAP_RE = compiled(
    r"^(?:\s+(?-i:[a-z])[\w'’-]*)?(?:\s*+,?\s*+(?:and\s+|or\s+)?(?-i:[A-Z])[\w'’.-]*+)*\s*$"
)


def _situated(text: str, found: Located, judged: list[tuple[ResolvedMention, Located]]) -> bool:
    """Whether the next place of the sentence, a larger one, only situates ``found`` ("from
    Al Bab city in Aleppo governorate"): the origin is then the most precise place named."""
    following = [f for _, f in judged if f.cue_start >= found.end and f.relation in _CONTAINING]
    if not following:
        return False
    nearest = min(following, key=lambda f: f.cue_start)
    larger = (nearest.geo_precision or 3) > (found.geo_precision or 3)
    return larger and _SITUATED_GAP_RE.match(text[found.end : nearest.cue_start]) is not None


_ORGANISATION_RE = compiled(
    r"^[ \t]+(?!(?:Province|Region|Governorate|District|County|State|Airport|Air|Base|City"
    r"|Oblast|Prefecture|International|Military|Army|Camp)\b)[A-Z][a-z]"
)


def _names_organisation(text: str, r: ResolvedMention) -> bool:
    """ "The Washington Post", "Kabul Bank": a place name opening a longer proper noun."""
    return _ORGANISATION_RE.match(text, r.mention.end) is not None


def _described(text: str, found: list[Located]) -> set[int]:
    """The places (by ``id``) that only situate the place named before them: "Camp Taji, a
    military base north of Baghdad" (Baghdad). The place described gains their cue and their
    words in its ``where``."""
    ordered = sorted((f for f in found if f.place is not None), key=lambda f: f.start)
    described: set[int] = _comma_holders(text, ordered)
    for x, y in pairwise(ordered):
        if id(y) in described:
            continue
        if y.cue_start < x.end or x.rank < y.rank or x.rank <= 0:
            continue
        between = text[x.end : y.cue_start]
        if y.relation == "near":
            if _DESCRIBES_NEAR_RE.match(between) is None:
                continue
        elif y.relation not in _CONTAINING or (
            _DESCRIBES_IN_RE.match(between) is None
            and (x.rank <= y.rank or _DIRECTLY_IN_RE.match(between) is None)
        ):
            continue
        assert x.place is not None and y.place is not None
        # A province is put at its seat, which may lie far from a town it holds.
        limit = _DESCRIBED_KM if y.rank > KIND_RANK["region"] else _HOLDS_KM["region"]
        if _point_km(x.place, y.place) > limit:
            continue  # the description contradicts where x was resolved: trust neither rule
        described.add(id(y))
        x.cued = True
        x.where = " ".join(f"{x.where}{text[x.end : y.end]}".split())
    return described


# After the last name of a comma run: "and", "or" make it a list ("Homs, Hama and Idlib").
_LIST_END_RE = compiled(r",?\s+(?:and|or)\s+(?-i:[A-Z])")


def _comma_holders(text: str, ordered: list[Located]) -> set[int]:
    """The places (by ``id``) that follow another after a bare comma and hold it, most local
    first ("in Balakliia, Kharkiv", "Kupiansk, Kharkiv, Ukraine"): the first names the place.
    A run ending in "and" or "or" is a list, and a name further away than a holder could be
    (or in another country) is not its holder."""
    runs: list[list[Located]] = []
    for x in ordered:
        if runs and text[runs[-1][-1].end : x.start] == ", ":
            runs[-1].append(x)
        else:
            runs.append([x])
    held: set[int] = set()
    for run in runs:
        if len(run) < 2 or _LIST_END_RE.match(text, run[-1].end):
            continue
        for x, y in pairwise(run):
            assert x.place is not None and y.place is not None
            if x.rank < y.rank or x.place.get("country_code") != y.place.get("country_code"):
                break
            if _point_km(x.place, y.place) > _DESCRIBED_KM:
                break
            held.add(id(y))
            x.cued = x.cued or y.cued
    return held


# Words that open the name of a town's quarter in Spanish and Portuguese ("Colonia Centro",
# "Barrio Norte"): read alone, they are namesakes of a town or province elsewhere.
_QUARTER_WORD_RE = compiled(r"(?:colonia|barrio|bairro)", re.IGNORECASE)
_NAME_NEXT_RE = compiled(r"[ \t]+(?:de(?:l|\s+la|\s+los|\s+las)?\s+)?(?-i:[A-Z0-9])")


def _judge(text: str, r: ResolvedMention, start: int, end: int) -> Located | None:
    m = r.mention
    if _QUARTER_WORD_RE.fullmatch(m.text) and _NAME_NEXT_RE.match(text, m.end):
        return None  # "in Colonia Las Brisas": a quarter, placed by its town
    before = text[max(start, m.start - 60) : m.start]
    after = text[m.end : min(end, m.end + 30)]
    place = _reading_named(r, before, text[m.end : min(end, m.end + 80)])
    kind = place.kind
    rank = KIND_RANK.get(kind, 1)
    cue = _CUE_SCAN.search(before)
    tail = _AFTER_RE.match(after)
    struck = None if cue else _OBJECT_VERB_SCAN.search(before)
    # "Iraqi politicians" is a people; "on Syrian territory" is the country.
    if m.role == "demonym" and (kind != "country" or not (tail and tail["land"] and cue)):
        return Located(place.place_dict(), 3, m.text, 0, False, start=m.start)
    if cue and cue["prep"] and cue["prep"].lower() == "from" and kind == "country":
        return Located(None, None, origin=place.place_dict())
    if kind == "country" and not cue and _SUBJECT_VERB_RE.match(after):
        return Located(None, None, origin=place.place_dict())
    cued = bool(cue) or bool(struck) or bool(tail and (tail["site"] or tail["land"]))
    if _FACILITY_RE.match(after):
        # "at Tolbiac university in Paris", "on Savanna road": the name is a facility's or a
        # street's, often a namesake of a town elsewhere; a town named beside it places it.
        cued, rank = False, min(rank, 1)
    if kind == "country" and not cued:
        rank = 0  # a country named as an actor: a last resort
    precision = _precision(kind, cue, tail)
    if precision == 1 and _PART_OF_NAME_RE.search(before):
        precision = 2
    phrase_start = (m.start - len(before) + cue.start()) if cue else m.start
    phrase_end = m.end + (tail.end() if tail else 0)
    where = " ".join(text[phrase_start:phrase_end].split())
    relation = ""
    if cue:
        relation = "near" if cue["near"] else (cue["prep"] or "").lower()
    # ACLED codes an event known only by its province to the province's seat: the town of
    # the same name inside it, when the gazetteer has one, stands for the seat.
    point = _namesake_town(r, place) or place
    return Located(
        point.place_dict(), precision, where, rank, cued, start=m.start, end=phrase_end,
        cue_start=phrase_start if cue else -1, relation=relation,
    )  # fmt: skip


# Words that make a name an administrative unit: "the Cherkasy region", "Suceava county", "the
# province of Soria", "in Rivne and Volyn oblasts".
_ADMIN_UNIT = (
    r"(?:region|province|state|governorate|oblast|county|department|district|prefecture"
    r"|regency|municipality|countryside|division|territory|rayon|raion|parish|upazila|LGA"
    r"|canton|voivodeship|emirate)"
)
_ADMIN_AFTER_RE = compiled(
    rf"^(?:\s*(?:,|and|or|&)\s*(?-i:[A-Z])[\w'’.-]*(?:[\s-]+(?-i:[A-Z])[\w'’.-]*)*)*"
    rf"\s+{_ADMIN_UNIT}s?\b|^'s\s+(?:\w+\s+)?{_ADMIN_UNIT}\b",
    re.IGNORECASE,
)
_ADMIN_BEFORE_RE = compiled(rf"\b{_ADMIN_UNIT}\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_TOWN_AFTER_RE = compiled(r"^\s+(?:city|town)\b(?!\s+(?:hall|council|centre|center))", re.I)
_TOWN_BEFORE_RE = compiled(r"\b(?:city|town)\s+of\s+$", re.IGNORECASE)
# A capitalised name (not a day or a month) and a comma: "Xqzivka, " before a holder.
_AFTER_NAME_COMMA_RE = compiled(
    r"(?<![\w'’.-])(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January"
    r"|February|March|April|May|June|July|August|September|October|November|December)\b)"
    r"(?-i:[A-Z])[\w'’.-]*[a-z][\w'’.-]*,[ \t]+$"
)
_HOLDER_BEFORE_RE = compiled(r"(?:,|\([^()]*)\s*$")
_SETTLEMENT_KINDS = frozenset({"city", "place"})
_TOWN_KINDS = _SETTLEMENT_KINDS | {"district"}  # a municipality may be found as a district
_UNIT_TOWN_KM = 150.0  # a district's namesake town lies this near its point


def _reading_named(r: ResolvedMention, before: str, after: str) -> Any:
    """The reading of ``r`` its words call for, among its place and alternatives.

    News names a province by its own word and a town by its name alone, and ACLED codes an
    event to the most precise place the words allow: "Parana city" is a town; a name after
    "Town, " holds that town, a province; "Kostanay region" is the province; a name read as
    a province or district with no such word ("in Suceava", not "in Suceava county" nor "X,
    Suceava") is the namesake town inside it when there is one."""
    place = r.place
    assert place is not None
    if not r.alternatives:
        return place
    if place.kind not in _SETTLEMENT_KINDS and (
        _TOWN_AFTER_RE.match(after) or _TOWN_BEFORE_RE.search(before)
    ):
        # "Parana city", "the town of Parana": a town, the unit's own namesake first; a
        # province's name said to be a city with no such town inside is a city elsewhere.
        inside = _namesake_town(r, place)
        if inside is not None or place.kind != "region":
            return inside or place
        towns = [c for c in r.alternatives if c.kind in _SETTLEMENT_KINDS]
        return max(towns, key=lambda c: c.population, default=place)
    if place.kind in _SETTLEMENT_KINDS and _AFTER_NAME_COMMA_RE.search(before):
        # "Xqzivka, Armavir": a name after a place and a comma is what holds that place, a
        # province, not a town of the name (here in another country).
        unit = next((c for c in r.alternatives if c.kind == "region"), None)
        if unit is not None:
            return unit
    if _ADMIN_AFTER_RE.match(after) or _ADMIN_BEFORE_RE.search(before):
        # "Kostanay region" read as the town: the words make it the province, the one
        # holding the town first, else a province of the name elsewhere ("Armavir region"
        # is not the Russian town of Armavir).
        if place.kind in _SETTLEMENT_KINDS:
            units = [c for c in r.alternatives if c.kind in _ADMIN_KINDS]
            holding = [
                c
                for c in units
                if c.country_code == place.country_code and c.admin1 == place.admin1
            ]
            regions = [c for c in units if c.kind == "region"]
            return (holding or regions or [place])[0]
        return place
    if place.kind not in _ADMIN_KINDS:
        return place
    if _HOLDER_BEFORE_RE.search(before):
        return place  # "Radauti, Suceava", "Radauti (Suceava)": the name holds the one before
    return _namesake_town(r) or place


# A seat may put one word before its unit's name ("Banda Aceh", "Birnin Kebbi", "Kuala
# Terengganu") or "City" after it ("Tarlac City"), but other words after it make another town named
# after the unit ("Brandenburg an der Havel"), and a compass word a part of it ("East New
# York"). Without the gazetteer's capital codes, this gives up seats such as "Johor Bahru".
_COMPASS_WORDS = frozenset({"north", "south", "east", "west", "upper", "lower"})
_SEAT_SUFFIXES = frozenset({"city", "town"})


def _names_it(town: str, names: tuple[str, ...]) -> bool:
    """Whether the ``town``'s name is one of ``names``, accents, articles and spaces aside, or
    that name after one leading word or before "City": "Ţarţūs" and "Tartus", "Banda Aceh"
    and "Aceh", "Tarlac City" and "Tarlac"; not "Faisalabad" and "Faisal", "Brandenburg an
    der Havel" and "Brandenburg", "East New York" and "New York".

    >>> _names_it("Ţarţūs", ("Tartus",)), _names_it("Banda Aceh", ("Aceh",))
    (True, True)
    >>> _names_it("Tarlac City", ("Tarlac",)), _names_it("Faisalabad", ("Faisal",))
    (True, False)
    >>> _names_it("Brandenburg an der Havel", ("Brandenburg",))
    False
    >>> _names_it("East New York", ("New York",))
    False
    """
    words = key(town).split()
    if len(words) > 1 and words[-1] in _SEAT_SUFFIXES:
        words = words[:-1]
    forms = {"".join(words)}
    if len(words) > 1 and words[0] not in _COMPASS_WORDS:
        forms.add("".join(words[1:]))
    return any(k.replace(" ", "") in forms for k in map(key, names) if k)


def _namesake_town(r: ResolvedMention, unit: Any = None) -> Any:
    """The town inside the province or district ``unit`` (by default ``r``'s reading) that
    shares its name, among ``r``'s readings (its seat, most often), or None."""
    place = unit or r.place
    if place is None or place.kind not in _ADMIN_KINDS:
        return None
    for candidate in [r.place, *r.alternatives]:
        if candidate is None or candidate is place:
            continue
        if (
            candidate.kind in _SETTLEMENT_KINDS
            and candidate.country_code == place.country_code
            and candidate.admin1 == place.admin1
            and _names_it(candidate.name, (place.name, r.mention.text))
            and (
                place.kind == "region"
                or _point_km(candidate.place_dict(), place.place_dict()) <= _UNIT_TOWN_KM
            )
        ):
            return candidate
    return None


def _precision(kind: str, cue: re.Match[str] | None, tail: re.Match[str] | None) -> int:
    if kind in ("country", "sea", "area", "continent", "border"):
        return 3
    if kind in ("region", "district"):
        return 2
    if (cue and (cue["near"] or cue["part"] or _PART_OF_RE.search(cue.group()))) or (
        tail and tail["region"]
    ):
        return 2
    return 1


_JOINED_RE = compiled(r"\s*(?:and|-|–|/)\s*")
_FRAMED_RE = compiled(r"border\s+(?:between|of)\s+(?:the\s+)?$", re.IGNORECASE)


def _border(text: str, inside: list[ResolvedMention], start: int, end: int) -> Located | None:
    """ "the border between Iraq and Syria", "the Iraq-Syria border": a point on that border."""
    countries = [r for r in inside if r.place is not None and r.place.kind == "country"]
    for a, b in pairwise(countries):
        assert a.place is not None and b.place is not None
        if a.place.country_code == b.place.country_code:
            continue
        between = text[a.mention.end : b.mention.start]
        before = text[max(start, a.mention.start - 40) : a.mention.start]
        after = text[b.mention.end : min(end, b.mention.end + 12)]
        joined = _JOINED_RE.fullmatch(between) is not None
        framed = _FRAMED_RE.search(before)
        if joined and (framed or _BORDER_RE.match(after.strip())):
            point = border_place(a.place.place_dict(), b.place.place_dict())
            if point is not None:
                phrase = text[a.mention.start - (len(before) - framed.start()) if framed
                              else a.mention.start : b.mention.end]  # fmt: skip
                return Located(point, 3, " ".join(phrase.split()), KIND_RANK["border"], True,
                               start=a.mention.start)  # fmt: skip
    return None


def border_place(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any] | None:
    """A place dictionary for the border of countries ``a`` and ``b``: a point on it.

    The point is the middle of their shared outline, the middlemost point where the outlines
    touch when they meet only in points (coarse data), or halfway between the outlines when
    they do not meet; ``None`` without outlines for both.
    """
    point = _border_point(a.get("country_code") or "", b.get("country_code") or "")
    if point is None:
        return None
    lat, lon = point
    return {
        "name": f"{a['name']}–{b['name']} border",
        "lat": lat,
        "lon": lon,
        "country_code": a.get("country_code"),
        "admin1": None,
        "kind": "border",
        "population": 0,
        "source": "geomap:border",
        "id": f"border:{a.get('country_code')}-{b.get('country_code')}",
    }


@lru_cache(maxsize=256)
def _border_point(code_a: str, code_b: str) -> tuple[float, float] | None:
    # Loading every outline takes a fifth of a second for one point that never changes: kept
    # across processes, keyed by the outlines' package and this file's own text.
    entry = ("border point", _outline_version(), code_a, code_b)
    point = remembered(entry, lambda: _measure_border(code_a, code_b))
    return None if point is None else (point[0], point[1])


@lru_cache(maxsize=1)
def _outline_version() -> str:
    source = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    versions = "|".join(importlib.metadata.version(p) for p in ("countryinfo", "shapely"))
    return f"{versions}|{source}"


def _measure_border(code_a: str, code_b: str) -> tuple[float, float] | None:
    import shapely
    from shapely.ops import nearest_points

    from geomap.gazetteer.boundaries import country_shapes

    shapes = country_shapes()
    if code_a not in shapes or code_b not in shapes:
        return None
    shape_a, shape_b = shapes[code_a], shapes[code_b]
    shared = shape_a.boundary.intersection(shape_b.boundary)
    # Outlines meet in lines, in isolated points, or both (a GeometryCollection): only the
    # lines have a middle, and a collection that holds points cannot be measured along.
    lines = [
        line
        for part in shapely.get_parts(shared)
        for line in shapely.get_parts(part)
        if line.geom_type == "LineString" and line.length > 0
    ]
    if lines:
        border = shapely.MultiLineString(lines)
        point = border.interpolate(border.project(border.centroid))
    elif not shared.is_empty:  # coarse outlines that only touch: the middlemost contact
        point = nearest_points(shared, shared.centroid)[0]
    else:
        near_a, near_b = nearest_points(shape_a, shape_b)
        point = shapely.Point((near_a.x + near_b.x) / 2, (near_a.y + near_b.y) / 2)
    return round(point.y, 5), round(point.x, 5)


# -- Admin fallback: a place the words put inside a district or province ----------------------

# "Nyapaga (Yamba, Gourma)", "Kan U village (Pakokku district, Magway region)": a place, then the
# districts and provinces that hold it, most local first.
_PAREN_ADMIN_RE = compiled(
    r"(?P<name>\b[A-Z][\w'’.-]*(?:[\s-]+(?:[A-Z][\w'’.-]*|de|do|da|al|el|ad|as))"
    r"{0,4}(?:\s+(?:village|town|city|area|locality|camp|neighbou?rhood|township|district"
    r"|county|municipality|commune|LGA|sub-?district|sector|department|governorate))?)"
    r"\s*[(\[](?P<inner>[^()\[\]]{2,120})[)\]]"
)
# "the Sarandi neighborhood": a part of a town, placed by the town the text names.
_QUARTER_RE = compiled(
    r"\s+(?:neighbou?rhood|quarter|ward|colony|sector|barrio|suburb|housing\s+complex"
    r"|community|favela|slum|district\s+of)\b",
    re.IGNORECASE,
)
_ADMIN_KINDS = frozenset({"district", "region"})
# "Sarmada, Idlib", "north of Idlib", and after a lower-case word or two naming what the place is
# ("Binnish town in Idlib", "Zabid axis (Hudaydah)"): the words tie the place to the next one.
_TIES_RE = compiled(
    r"^\s*(?:(?!(?:in|at|on|near|of|from|to|and|or|the|a|an|by|with|for)\b)(?-i:[a-z])[\w'’-]*"
    r"(?:\s+|(?=,)))"
    r"{0,2}"
    r"(?:,|\(|(?:(?:\d+\s*km\s+)?(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?"
    r"|near|outside|in)\s+(?:of\s+)?)\s*(?:the\s+)?$",
    re.IGNORECASE,
)
# A town holds a place only by these ties ("Zabid (Hudaydah)", "Binnish in Idlib", "Binnish village,
# Idlib"): "Paris, Kyiv" may be a list.
_HOLDS_TOWN_RE = compiled(r"\(|\bin\s|^\s*(?-i:[a-z])[\w'’-]*,", re.IGNORECASE)
_BRACKET_RE = compiled(r"[(\[]")
# A place further than this from the district or province said to hold it (measured to the
# holder's point, the middle of a province) is a namesake.
_HOLDS_KM = {"region": 1200.0, "district": 300.0}


def admin_fallback(
    text: str, mentions: Sequence[ResolvedMention], start: int, end: int, located: Located
) -> Located:
    """``located`` checked against the districts and provinces the words put it in.

    A village the gazetteer lacks, or finds only abroad, but that the text places in a
    district or province ("Nyapaga (Yamba, Gourma)", "in Sarmada, north of Idlib") is put at
    that district or province, precision 2; a quarter of a town found far away ("the Sarandi
    neighborhood") is put at the town.
    """
    inside = [r for r in in_span(mentions, start, end) if usable(r) and r.mention.role != "demonym"]
    if not inside:
        return located
    # "in the Floresta neighborhood": a quarter is placed by its town, not where its name is.
    quarter = located.place is not None and _QUARTER_RE.match(text, located.end) is not None
    bracketed = _BRACKET_RE.search(text, start, end) is not None  # most spans have none
    for m in _PAREN_ADMIN_RE.finditer(text, start, end) if bracketed else ():
        found = _parenthesised(m, inside, Located(None, None) if quarter else located)
        if found is not None:
            return found
        # A writer who gives a place its district or province ("in Halifax (Nova Scotia)")
        # names where the story happens; a place elsewhere in the sentence that lies in another
        # country or far away is context ("in solidarity with Ottawa") or a namesake.
        scene = _parenthesised(m, inside, Located(None, None))
        if scene is not None and _apart(located, scene):
            return scene
    # "in Chemax, Yucatan, a man was attacked in Colonia Madero": a town written with its
    # province sets the scene as a parenthesis does.
    scene = _comma_scene(text, inside)
    if scene is not None and located.start != scene.start and _apart(located, scene):
        return scene
    return _namesake_abroad(text, inside, located)


# "in Tera, Tillaberi", "in Tera municipality, Tillaberi": a town written with what holds it.
_COMMA_TIE_RE = compiled(
    r"(?:\s+(?:municipality|city|town|village|commune|canton|district|department))?, $"
)
_LIST_GOES_ON_RE = compiled(r"\s*(?:,(?:\s*(?:and|or)\b)?|and\b|or\b)\s*(?-i:[A-Z])")
_CAPITAL_KM = 30.0  # a province read as its capital lies this near a town it holds


def _comma_scene(text: str, inside: list[ResolvedMention]) -> Located | None:
    """The first "Town, Province" of the span whose town lies in that province. The province
    may be read as its capital ("Soyapango, San Salvador") or share the town's name ("Colima,
    Colima"): a holder found as a town counts within :data:`_CAPITAL_KM` of the first name."""
    for town, holder in pairwise(inside):
        if town.place is None or holder.place is None:
            continue
        if _COMMA_TIE_RE.match(text[town.mention.end : holder.mention.start]) is None:
            continue
        if _LIST_GOES_ON_RE.match(text, holder.mention.end):
            continue  # "Bama, Dikwa and Konduga": a list of places, not a town and its province
        held = _held_reading(town, holder)
        if held is not None:
            where = text[town.mention.start : holder.mention.end]
            return _as_located(town, 1 if held.kind in _SETTLEMENT_KINDS else 2, where, True, held)
        if town.place.country_code != holder.place.country_code:
            continue
        province = _province_reading(holder)
        if (
            province is not None
            and town.place.kind in _TOWN_KINDS
            and town.place.admin1
            and province.admin1
            and town.place.admin1 != province.admin1
        ):
            # "Bolhrad, Cherkasy" found as the Bolhrad of another province: a namesake;
            # the province the writer gave places the event (at its seat, precision 2).
            where = text[town.mention.start : holder.mention.end]
            return _as_located(holder, 2, where, True, province)
        km = _point_km(town.place.place_dict(), holder.place.place_dict())
        same_name = town.mention.text.lower() == holder.mention.text.lower()
        # A municipality may be found as a district of its province ("Macuspana, Tabasco") or
        # as a region at the province's point; regions far apart are a list ("Herat, Ghazni").
        if town.place.kind == "region":
            if not same_name and km > _CAPITAL_KM:
                continue
        elif town.place.kind == "district":
            if holder.place.kind != "region":
                continue  # "Bama, Dikwa and Konduga LGAs": districts listed
        elif town.place.kind not in ("city", "place"):
            continue
        if holder.place.kind in _ADMIN_KINDS:
            if km > _HOLDS_KM.get(holder.place.kind, 300.0):
                continue
        elif holder.place.kind not in ("city", "place") or km > _CAPITAL_KM:
            continue
        where = text[town.mention.start : holder.mention.end]
        return _as_located(town, 1 if town.place.kind in ("city", "place") else 2, where, True)
    return None


def _province_reading(holder: ResolvedMention) -> Any:
    """The province a holder after a comma names: its own reading, or, when it was read as
    the province's capital ("Bolhrad, Cherkasy" with Cherkasy the city), the province of
    that capital among its other readings. None when it names no province."""
    place = holder.place
    if place is None:
        return None
    if place.kind == "region":
        return place
    if place.kind not in _TOWN_KINDS:
        return None
    for reading in holder.alternatives:
        if (
            reading is not None
            and reading.kind == "region"
            and reading.country_code == place.country_code
            and reading.admin1 == place.admin1
        ):
            return reading
    return None


def _held_reading(town: ResolvedMention, holder: ResolvedMention) -> Any:
    """The reading of ``town`` that lies in the province a reading of ``holder`` names or
    lies in (the holder's own reading first): of the many San Joses, the one in the
    province the writer gave. None when no reading shares a province with the holder."""
    if holder.place is None or holder.place.kind in ("country", "continent"):
        return None  # "Tlalnepantla, Mexico": the country, not a province of its name
    for unit in [holder.place, *holder.alternatives]:
        if unit is None or not unit.admin1 or unit.kind in ("country", "continent"):
            continue
        for reading in [town.place, *town.alternatives]:
            if (
                reading is not None
                and reading is not unit
                and reading.kind in _TOWN_KINDS
                and reading.country_code == unit.country_code
                and reading.admin1 == unit.admin1
            ):
                return reading
    return None


def scene_place(text: str, mentions: Sequence[ResolvedMention], start: int, end: int) -> Located:
    """The place ``text[start:end]`` (the sentences before an event told without a place)
    sets as the scene: the one its words tie most firmly to what they tell."""
    if start >= end:
        return Located(None, None)
    return admin_fallback(text, mentions, start, end, locate(text, mentions, start, end, end))


# A place further than this from the parenthesised place of its sentence is not part of it
# (ACLED's own scale for "the same place": a town and its surroundings).
_SCENE_KM = 25.0


def _apart(located: Located, scene: Located) -> bool:
    """Whether ``located`` lies outside the ``scene`` the words set, or no place was found."""
    if located.place is None:
        return True
    assert scene.place is not None
    if located.place.get("country_code") != scene.place.get("country_code"):
        return True
    if located.place.get("kind") in ("country", "continent"):
        return True
    # A province's point is its middle: a place inside it may be far from that point.
    limit = _SCENE_KM if scene.geo_precision == 1 else _HOLDS_KM.get(scene.place["kind"], 300.0)
    return _point_km(located.place, scene.place) > limit


def _point_km(a: dict[str, Any], b: dict[str, Any]) -> float:
    if None in (a.get("lat"), b.get("lat")):
        return 0.0
    return haversine_km(a["lat"], a["lon"], b["lat"], b["lon"])


def _as_located(
    r: ResolvedMention, precision: int, where: str, cued: bool, place: Any = None
) -> Located:
    chosen = place or r.place
    assert chosen is not None
    # A province or district stands at its seat, as ACLED codes it (see :func:`_judge`).
    point = _namesake_town(r, chosen) or chosen
    return Located(
        point.place_dict(), precision, where, KIND_RANK.get(chosen.kind, 1), cued,
        start=r.mention.start, end=r.mention.end,
    )  # fmt: skip


def _reading_in(r: ResolvedMention, country: str | None, holder: Any) -> Any:
    """The reading of ``r`` (its place or an alternative) in ``country`` and near ``holder``."""
    limit = _HOLDS_KM.get(holder.kind, 400.0)  # a town may stand for its province
    near = [
        candidate
        for candidate in [r.place, *r.alternatives]
        if candidate is not None
        and candidate.country_code == country
        and candidate.kind not in ("country", "continent")
        and _point_km(candidate.place_dict(), holder.place_dict()) <= limit
    ]
    # A place said to lie in a province lies in it: of its readings near the holder, one in
    # the holder's province first ("Bozkir (Aksaray)", not the larger Bozkir in Konya).
    inside = [c for c in near if holder.admin1 and c.admin1 == holder.admin1]
    return next(iter(inside or near), None)


_ABBREVIATION_RE = compiled(r"(?:[A-Z]\.?){1,4}|[A-Z]&[A-Z]")


def _parenthesised(
    m: re.Match[str], inside: list[ResolvedMention], located: Located
) -> Located | None:
    """The event's place when it is "Name (District, Province)"; None when this parenthesis
    is not about the event's place."""
    name_span, inner_span = m.span("name"), m.span("inner")
    named = [r for r in inside if name_span[0] <= r.mention.start < name_span[1]]
    admins = [
        r
        for r in inside
        if inner_span[0] <= r.mention.start < inner_span[1]
        and r.place is not None
        and r.place.kind != "country"
    ]
    if not admins:
        return None
    starts = {r.mention.start for r in named + admins}
    if located.place is not None and located.start not in starts:
        return None  # the event is placed elsewhere in the sentence
    # The country most of the names agree on, each by its reading or, less, an alternative.
    votes: Counter[str] = Counter()
    # The districts and provinces vote twice a village's weight: the village is the likelier
    # namesake ("Rupa (Moroto, Northern)" is not Rupa, India).
    # "(District, Province)": the outermost (last) holds the others, so it is the least
    # likely namesake of them all.
    nested = len(admins) > 1 and "," in m.group("inner")
    for r in named + admins:
        weight = (3 if r is admins[-1] and nested else 2) if r in admins else 1
        if _ABBREVIATION_RE.fullmatch(r.mention.text):
            weight = 1  # "DC", "SC": initials stand for many places; they vote least
        own = r.place.country_code if r.place is not None else None
        if own:
            votes[own] += 2 * weight
        for code in {a.country_code for a in r.alternatives} - {own, None}:
            if code is not None:
                votes[code] += weight
    if not votes:
        return None
    country = votes.most_common(1)[0][0]
    readings = [(r, _in_country(r, country)) for r in admins]
    held = [(r, reading) for r, reading in readings if reading is not None]
    if not held:
        return None
    # Each holder lies in the next: one found far from the outermost is a namesake.
    outer = held[-1][1]
    limit = _HOLDS_KM["district"] if outer.kind in _TOWN_KINDS else _HOLDS_KM["region"]
    held = [(r, x) for r, x in held if _point_km(x.place_dict(), outer.place_dict()) <= limit]
    holder_mention, holder_place = held[0]
    where = " ".join(m.group().split())
    found = [(r, x) for r in named if (x := _reading_in(r, country, holder_place)) is not None]
    if len(found) > 1 and _point_km(found[0][1].place_dict(), found[-1][1].place_dict()) <= 50:
        found = found[-1:]  # "Al Quds - Abu Dis": the last name is the most local
    for r, reading in found[:1]:
        # "Suceava - Old Town (Suceava)": the place named before a parenthesis is a place,
        # not the unit that shares its name.
        reading = _namesake_town(r, reading) or reading
        if reading is not None:
            # The name is found where the text puts it: the place itself.
            same = located.place is not None and located.start == r.mention.start
            if reading is r.place and same:
                return located
            return _as_located(r, 1, where, True, reading)
    # The name is unknown, or known only far away: the district or province holding it, at
    # its seat when known (as ACLED codes it).
    return _as_located(holder_mention, 2, where, True, holder_place)


def _in_country(r: ResolvedMention, country: str) -> Any:
    """The reading of ``r`` in ``country``: its place, else its first such alternative."""
    return next(
        (c for c in [r.place, *r.alternatives] if c is not None and c.country_code == country),
        None,
    )


# "Alexandra Park in Hastings", "Novopavlovka village of Sokuluk": the town that holds a place.
_HELD_IN_RE = compiled(
    r"^\s+(?:(?:village|town|area|park|farm\s+area|sector|canton|neighbou?rhood|quarter|ward"
    r"|locality|community|square)\s+)?(?:in|of)\s+(?:the\s+)?(?:(?:city|town)\s+of\s+)?$",
    re.IGNORECASE,
)
_TOWN_KM = 60.0  # a place said to lie in a town but resolved further from it is a namesake


def _far_from_its_town(
    text: str, chosen: ResolvedMention, others: list[ResolvedMention], located: Located
) -> Located:
    """A place the words put in a town ("Alexandra Park in Hastings") but resolved far from
    that town is a namesake: the town places the event."""
    assert chosen.place is not None
    for r in others:
        if r.place is None or r.mention.start < chosen.mention.end:
            continue
        if r.place.kind not in ("city", "place", "district"):
            continue
        if not _HELD_IN_RE.match(text[chosen.mention.end : r.mention.start]):
            continue
        if _point_km(chosen.place.place_dict(), r.place.place_dict()) > _TOWN_KM:
            precision = 1 if r.place.kind in ("city", "place") else 2
            return _as_located(r, precision, located.where, True)
        return located
    return located


def _namesake_abroad(text: str, inside: list[ResolvedMention], located: Located) -> Located:
    """A town in one country while every district or province the sentence names is in
    another ("in Sarmada, north of Idlib" found in Turkey): the province, precision 2. A
    quarter of a town found far from the town the sentence names: the town."""
    place = located.place
    if place is None or place.get("kind") in ("country", "continent", "sea", "border"):
        return located
    chosen = next((r for r in inside if r.mention.start == located.start), None)
    others = [r for r in inside if r is not chosen and r.place is not None]
    if chosen is not None and _QUARTER_RE.match(text, chosen.mention.end):
        towns = [
            r
            for r in others
            if r.place is not None
            and r.place.kind in ("city", "place")
            and _point_km(r.place.place_dict(), place) > 30
        ]
        if towns:
            return _as_located(towns[0], 1, located.where, True)
    # Only a province the words tie to the town ("Sarmada, Idlib", "north of Idlib") places it.
    admins = [
        r
        for r in others
        if r.place is not None
        and chosen is not None
        and 0 <= r.mention.start - chosen.mention.end <= 40
        and (tie := _TIES_RE.match(text[chosen.mention.end : r.mention.start])) is not None
        and (r.place.kind in _ADMIN_KINDS or _HOLDS_TOWN_RE.search(tie.group()) is not None)
    ]
    countries = {r.place.country_code for r in admins if r.place is not None}
    if chosen is not None and not admins:
        return _far_from_its_town(text, chosen, others, located)
    if chosen is None or len(countries) != 1 or place.get("country_code") in countries:
        return located
    holder = admins[0]
    assert holder.place is not None
    if any(a.country_code == place.get("country_code") for a in holder.alternatives):
        return located  # the province may be the namesake: trust neither
    reading = _reading_in(chosen, holder.place.country_code, holder.place)
    if reading is not None:
        return _as_located(chosen, located.geo_precision or 1, located.where, True, reading)
    return _as_located(holder, 2, located.where, True)
