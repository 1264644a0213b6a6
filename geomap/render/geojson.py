"""GeoJSON (RFC 7946) from parse results: a FeatureCollection, coordinates as [lon, lat]."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from geomap.render.records import coordinates

__all__ = ["events_feature_collection", "places_feature_collection"]

# Event fields copied into properties as they are; place and origin are flattened beside them.
_EVENT_FIELDS = (
    "event_type",
    "sub_event_type",
    "date",
    "date_precision",
    "geo_precision",
    "where",
    "actor1",
    "actor2",
    "fatalities",
    "injuries",
    "document",
    "notes",
    "confidence",
    "reason",
)


def places_feature_collection(results: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """One Point feature per resolved place mention of every parse result (as dicts).

    >>> fc = places_feature_collection([{"id": "a", "places": [{"text": "Baghdad", "start": 0,
    ...     "end": 7, "mention": "toponym", "confidence": 0.9, "reason": "",
    ...     "place": {"name": "Baghdad", "lat": 33.34, "lon": 44.4}}]}])
    >>> fc["features"][0]["geometry"]
    {'type': 'Point', 'coordinates': [44.4, 33.34]}
    """
    features = []
    for result in results:
        for mention in result.get("places", []):
            place = mention.get("place")
            if not place:
                continue
            properties = {k: v for k, v in mention.items() if k != "place"}
            properties.update(
                {f"place_{k}": v for k, v in place.items() if k not in {"lat", "lon"}}
            )
            properties["document"] = result.get("id")
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
                    "properties": properties,
                }
            )
    return {"type": "FeatureCollection", "features": features}


def events_feature_collection(events: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """One Point feature per event record (RFC 7946), properties flattened from the record.

    ``place`` becomes ``place_name``, ``place_country_code``, ... (its coordinates are the
    geometry), ``origin`` becomes ``origin_name``, ``origin_lat``, ``origin_lon``, ...; the
    source ``sentences`` stay a list of ``{text, start, end}``. An event without usable
    coordinates keeps its properties with a ``null`` geometry, as RFC 7946 allows, so nothing is
    dropped. Flat properties load as columns in geopandas and QGIS.

    Examples
    --------
    >>> fc = events_feature_collection([{"event_type": "Battles", "date": "2020-01-03",
    ...     "place": {"name": "Baghdad", "lat": 33.34, "lon": 44.4, "id": "geonames:98182"}}])
    >>> fc["features"][0]["geometry"], fc["features"][0]["properties"]["place_name"]
    ({'type': 'Point', 'coordinates': [44.4, 33.34]}, 'Baghdad')
    """
    features = []
    for event in events:
        properties = {name: event.get(name) for name in _EVENT_FIELDS}
        place = event.get("place") or {}
        properties.update({f"place_{k}": v for k, v in place.items() if k not in {"lat", "lon"}})
        for key, value in (event.get("origin") or {}).items():
            properties[f"origin_{key}"] = value
        properties["sentences"] = [
            {"text": s.get("text"), "start": s.get("start"), "end": s.get("end")}
            for s in event.get("sentences") or []
        ]
        point = coordinates(place)
        geometry = (
            {"type": "Point", "coordinates": [round(point[1], 6), round(point[0], 6)]}
            if point
            else None
        )
        features.append({"type": "Feature", "geometry": geometry, "properties": properties})
    return {"type": "FeatureCollection", "features": features}
