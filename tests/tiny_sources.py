"""Gazetteer builds in about a second: the build's data sources swapped for a few records.

Tests that rebuild a database (overlays and imports applied again, cached online answers kept,
GeoNames' points taken) need a real build, not the full one's minute.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from geomap.gazetteer.sources import (
    PlaceRecord,
    airports,
    geonames_admin,
    geonames_cities,
    regions,
)

#: The one town of a tiny build, as keyword arguments of :func:`place_record`.
FASTVILLE: dict[str, Any] = {
    "place_id": "geonames:990000001",
    "name": "Fastville",
    "lat": 34.0,
    "lon": 41.0,
}


def place_record(
    place_id: str,
    name: str,
    lat: float,
    lon: float,
    *,
    kind: str = "city",
    country: str = "IQ",
    population: int = 1000,
) -> PlaceRecord:
    record = PlaceRecord(
        id=place_id,
        name=name,
        lat=lat,
        lon=lon,
        country_code=country,
        admin1=None,
        kind=kind,
        population=population,
        source="test",
    )
    record.add_name(name, "name")
    return record


def use_tiny_sources(
    monkeypatch: pytest.MonkeyPatch,
    cities: Sequence[dict[str, Any]] = (FASTVILLE,),
    features: Sequence[Any] = (),
) -> None:
    """Build from ``cities`` (fresh records every build) and GeoNames ``features`` only: no
    airports, no subdivisions."""
    monkeypatch.setattr(regions, "read_subdivisions", lambda: [])
    monkeypatch.setattr(regions, "iter_regions", lambda subdivisions: iter(()))
    monkeypatch.setattr(geonames_admin, "read_features", lambda: list(features))
    monkeypatch.setattr(
        geonames_cities, "iter_cities", lambda admin1=None: (place_record(**c) for c in cities)
    )
    monkeypatch.setattr(airports, "iter_airports", lambda: iter(()))
