"""GeoJSON (RFC 7946) from parse results: a FeatureCollection, coordinates as [lon, lat]."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = ["places_feature_collection"]


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
