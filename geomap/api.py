"""The Python API in a few calls; each opens the default gazetteer once and reuses it.

The first call builds the gazetteer when it is missing or out of date
(:func:`geomap.gazetteer.build.ensure_built`): opening one never builds it.

Examples
--------
>>> import geomap
>>> result = geomap.parse("Rockets hit Camp Taji, north of Baghdad, on March 11.",
...                       published="2020-03-13")                          # doctest: +SKIP
>>> [(p.mention.text, p.place.name) for p in result.places]                # doctest: +SKIP
[('Camp Taji', 'Al Taji Army Air Field'), ('Baghdad', 'Baghdad')]
>>> geomap.geocode("Abu Kamal")[0].country_code                            # doctest: +SKIP
'SY'
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import Any

from geomap.model import Candidate, Document, Event

__all__ = ["geocode", "geocode_frame", "parse", "render_map", "to_geojson"]


@lru_cache(maxsize=4)
def _geoparser(db_path: str | None, offline: bool):
    from geomap.gazetteer.build import ensure_built
    from geomap.geoparse.parser import Geoparser

    return Geoparser.open(ensure_built(db_path), offline=offline)


def parse(
    text: str | Document,
    *,
    published: str | date | None = None,
    offline: bool = True,
    db_path: str | None = None,
    event_model: Any = None,
):
    """Places and events of one article (a :class:`~geomap.geoparse.parser.ParseResult`).

    ``event_model``: a learned event coder (:func:`geomap.events.load_model`) or its path that
    codes the events; ``None`` uses the one ``GEOMAP_EVENT_MODEL`` names, if any.
    """
    model = _event_model(event_model)
    document = text if isinstance(text, Document) else Document("text", text)
    if published is not None:
        document.published = (
            published if isinstance(published, date) else date.fromisoformat(published)
        )
    return _geoparser(db_path, offline).parse(document, event_model=model)


def _event_model(choice: Any) -> Any:
    """The event model to use: the one given, loaded from its path, or ``GEOMAP_EVENT_MODEL``'s."""
    from geomap.events.learn import EventModel

    if choice is None or isinstance(choice, EventModel):
        from geomap.settings import event_model_path

        path = event_model_path() if choice is None else None
        return _load_event_model(str(path)) if path is not None else choice
    return _load_event_model(str(choice))


@lru_cache(maxsize=4)
def _load_event_model(path: str) -> Any:
    from geomap.events.learn import load_model

    return load_model(path)


def geocode(
    name: str,
    *,
    country: str | None = None,
    kind: str | None = None,
    near: tuple[float, float] | None = None,
    limit: int = 10,
    offline: bool = True,
    db_path: str | None = None,
) -> list[Candidate]:
    """Ranked candidates for a place name (online fallback only with ``offline=False``)."""
    from geomap.gazetteer.lookup import geocode as lookup

    gazetteer = _geoparser(db_path, True).gazetteer
    return lookup(
        gazetteer, name, country=country, kind=kind, near=near, limit=limit, offline=offline
    )


def geocode_frame(frame, place_column: str, country_column: str | None = None, **options):
    """A pandas DataFrame with lat, lon, country_code, kind, confidence added."""
    from geomap.gazetteer.build import ensure_built
    from geomap.tables import geocode_frame as geocode_table

    if options.get("gazetteer") is None:
        options["db_path"] = ensure_built(options.get("db_path"))
    return geocode_table(frame, place_column, country_column, **options)


def render_map(events: Iterable[Event | dict[str, Any]], **options) -> str:
    """A Leaflet HTML map of event records (see :func:`geomap.render.html_map.render_map`)."""
    from geomap.render.html_map import render_map as render

    return render(_records(events), **options)


def to_geojson(events: Iterable[Event | dict[str, Any]]) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection of event records."""
    from geomap.render.geojson import events_feature_collection

    return events_feature_collection(_records(events))


def _records(events: Iterable[Event | dict[str, Any]]) -> list[dict[str, Any]]:
    """Events as the renderers read them: :class:`Event` objects become dictionaries."""
    return [e.to_dict() if isinstance(e, Event) else e for e in events]
