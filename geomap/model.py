"""Plain data passed between geomap's stages.

text ──► :class:`Document` ──► :class:`Mention` ──► :class:`Candidate` ──► :class:`ResolvedMention`
──► events ──► outputs. Every stage takes and returns these objects; none holds behaviour beyond
conversion to JSON-ready dictionaries.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import asdict, dataclass, field, is_dataclass
from datetime import date
from typing import Any, Literal, NamedTuple

__all__ = [
    "KINDS",
    "Candidate",
    "Document",
    "ErrorRecord",
    "Event",
    "Mention",
    "MentionRole",
    "Reason",
    "ResolvedMention",
    "SourceSentence",
]

#: Kinds of place the gazetteer knows, from most to least specific.
KINDS = (
    "city",  # populated place
    "military",  # air base, army air field, camp
    "airport",
    "region",  # first-level subdivision: state, province, governorate
    "district",  # second-level subdivision: county, district
    "country",
    "sea",  # sea, gulf, ocean, strait, bay
    "area",  # large region: Middle East, Gaza Strip, Sahel
    "continent",
    "place",  # any other GeoNames feature imported from a dump
)

MentionRole = Literal["toponym", "demonym", "dateline"]


@dataclass(slots=True)
class Candidate:
    """One gazetteer entry offered for a name, with the score of the lookup that found it."""

    id: str  # "<source-namespace>:<id>", e.g. "geonames:92138"
    name: str
    lat: float
    lon: float
    country_code: str | None
    admin1: str | None
    kind: str
    population: int
    source: str  # dataset, or online service
    score: float = 0.0
    matched: str = ""  # the gazetteer name that matched the query

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def copy(self) -> Candidate:
        """An independent copy (cheaper than :func:`dataclasses.replace`)."""
        return Candidate(
            self.id,
            self.name,
            self.lat,
            self.lon,
            self.country_code,
            self.admin1,
            self.kind,
            self.population,
            self.source,
            self.score,
            self.matched,
        )

    def place_dict(self) -> dict[str, Any]:
        """The place alone, as it appears in parse output (no lookup score)."""
        return {
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "country_code": self.country_code,
            "admin1": self.admin1,
            "kind": self.kind,
            "population": self.population,
            "source": self.source,
            "id": self.id,
        }


@dataclass(slots=True)
class Document:
    """One input article: its text and whatever the reader learned about it."""

    id: str
    text: str
    published: date | None = None
    source: str = ""  # file path, URL or "<stdin>"
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Mention:
    """A span of a document's text that names a place (or a people, or the dateline)."""

    text: str
    start: int
    end: int
    role: MentionRole = "toponym"
    facility: str | None = None  # "military", "airport" when the phrase names a facility
    boilerplate: bool = False  # inside a "Read more:" teaser or a site footer
    normalized: str = ""  # the name looked up in the gazetteer


class Reason(NamedTuple):
    """One reason for a resolution, as data: a code and its arguments.

    The text is made only at output (:func:`geomap.geoparse.explain.render`), so code that
    needs to know why tests ``code``, never words. (A named tuple: a document makes thousands.)
    """

    code: str
    args: tuple[Any, ...] = ()


@dataclass(slots=True)
class ResolvedMention:
    """A mention with the place it was resolved to (``None`` when nothing fitted)."""

    mention: Mention
    place: Candidate | None
    confidence: float
    reasons: tuple[Reason, ...]
    alternatives: list[Candidate] = field(default_factory=list)

    @property
    def reason(self) -> str:
        """The reasons as one line of text."""
        from geomap.geoparse.explain import render

        return render(self.reasons)

    def to_dict(self) -> dict[str, Any]:
        m = self.mention
        return {
            "text": m.text,
            "start": m.start,
            "end": m.end,
            "mention": m.role,
            "boilerplate": m.boilerplate,
            "place": self.place.place_dict() if self.place else None,
            "confidence": round(self.confidence, 3),
            "reason": self.reason,
        }


@dataclass(slots=True)
class ErrorRecord:
    """What an input that could not be processed yields instead of a result: nothing is dropped."""

    id: str
    error: str
    source: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "error": self.error, "source": self.source}


@dataclass(slots=True)
class SourceSentence:
    """A sentence an event was read from, with its offsets in the document."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Event:
    """One ACLED-style event record read from a document.

    ``place`` and ``origin`` are place dictionaries as in :meth:`Candidate.place_dict`;
    ``geo_precision`` follows ACLED: 1 the named town or site, 2 near it or part of a region,
    3 a region or country. ``date`` is ISO ``YYYY-MM-DD`` (the first day of the month or year
    when ``date_precision`` is ``month`` or ``year``).

    ``inter1``, ``inter2``, ``disorder_type`` and ``civilian_targeting`` are set by a learned
    event model (:mod:`geomap.events.coder`), which also says in ``reason`` what it coded and,
    where they differ, what the rules had said.
    """

    event_type: str
    sub_event_type: str
    date: str | None
    date_precision: str | None  # "day", "month", "year"
    place: dict[str, Any] | None
    geo_precision: int | None
    where: str
    actor1: str | None = None
    actor2: str | None = None
    fatalities: int | None = None
    injuries: int | None = None
    origin: dict[str, Any] | None = None
    sentences: list[SourceSentence] = field(default_factory=list)
    document: str = ""
    notes: str = ""
    confidence: float = 0.0
    # ACLED interaction codes of the actors (1 state forces ... 8 other); a learned coder may
    # use the user's own labels, hence str.
    inter1: int | str | None = None
    inter2: int | str | None = None
    disorder_type: str | None = None
    # The violence targeted civilians (ACLED's flag; a learned coder may give its own label).
    civilian_targeting: bool | str | None = False
    reason: str = ""  # why this type, in one line
    sources: list[str] = field(default_factory=list)  # every document reporting it

    def to_dict(self) -> dict[str, Any]:
        """:func:`dataclasses.asdict` of the event, written out: a long document's merged
        events hold thousands of sentences, and ``asdict`` deep-copies each field generically
        (a tenth of a second of a 1 MB document's output)."""
        return {
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "date": self.date,
            "date_precision": self.date_precision,
            "place": _copied(self.place),
            "geo_precision": self.geo_precision,
            "where": self.where,
            "actor1": self.actor1,
            "actor2": self.actor2,
            "fatalities": self.fatalities,
            "injuries": self.injuries,
            "origin": _copied(self.origin),
            "sentences": [{"text": s.text, "start": s.start, "end": s.end} for s in self.sentences],
            "document": self.document,
            "notes": self.notes,
            "confidence": self.confidence,
            "inter1": self.inter1,
            "inter2": self.inter2,
            "disorder_type": self.disorder_type,
            "civilian_targeting": self.civilian_targeting,
            "reason": self.reason,
            "sources": list(self.sources),
        }


_PLAIN = (str, int, float, bool, type(None))


def _copied(value: Any) -> Any:
    """A copy of a JSON-like value as :func:`dataclasses.asdict` makes it (new dicts and lists,
    the same scalars, dataclasses as dicts); anything else deep-copied, as it does."""
    if isinstance(value, _PLAIN):
        return value
    if type(value) is dict:
        return {_copied(k): _copied(v) for k, v in value.items()}
    if type(value) is list or type(value) is tuple:
        return type(value)(_copied(v) for v in value)
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    return deepcopy(value)
