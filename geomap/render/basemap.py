"""The offline base map: country outlines and the labels that appear zoom by zoom.

A newsroom map names what it shows: country names at world zoom, capitals and big cities next,
then first-level regions and towns as the reader zooms in. Outlines, country names and capitals
come from ``countryinfo`` (shipped on PyPI); regions and towns from the local gazetteer,
largest first, so a map needs no tiles and no network to be read.

A label is ``[lat, lon, name, kind, min_zoom]``; the list is in priority order (the browser
places labels in that order and skips those that would overlap one already placed).

Examples
--------
>>> label_min_zoom(LABEL_CITY, 2_000_000), label_min_zoom(LABEL_CITY, 40_000)
(5, 8)
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from geomap.render.records import coordinates

__all__ = [
    "LABEL_CAPITAL",
    "LABEL_CITY",
    "LABEL_COUNTRY",
    "LABEL_REGION",
    "base_labels",
    "country_names",
    "label_min_zoom",
    "outlines",
]

# Label kinds, as the browser script's CSS classes number them.
LABEL_COUNTRY, LABEL_CAPITAL, LABEL_REGION, LABEL_CITY = 0, 1, 2, 3

#: (population at least, first zoom shown) per kind: the larger the place, the earlier it shows.
_ZOOM_STEPS: dict[int, tuple[tuple[int, int], ...]] = {
    LABEL_CITY: ((5_000_000, 4), (1_000_000, 5), (300_000, 6), (100_000, 7), (20_000, 8)),
    LABEL_REGION: ((5_000_000, 5), (0, 6)),
}
_LAST_ZOOM = {LABEL_CITY: 9, LABEL_REGION: 6}

#: How many towns and regions a page carries: near the events, and worldwide.
_NEAR_TOWNS, _WORLD_TOWNS, _REGIONS = 2500, 1200, 1500
_NEAR_MARGIN_DEGREES = 3.0  # around the events' bounding box


def label_min_zoom(kind: int, population: int) -> int:
    """The first zoom level at which a region or town of this population is labelled."""
    for floor, zoom in _ZOOM_STEPS[kind]:
        if population >= floor:
            return zoom
    return _LAST_ZOOM[kind]


@lru_cache(maxsize=1)
def _countries() -> list[dict[str, Any]]:
    """countryinfo's entries that have an outline: code, name, capital and its point."""
    from geomap.gazetteer.boundaries import country_shapes
    from geomap.gazetteer.sources._package_data import package_dir

    shapes = country_shapes()
    rows = []
    for path in sorted((package_dir("countryinfo") / "data").glob("*.json")):
        with path.open(encoding="utf-8") as handle:
            info = json.load(handle)
        code = (info.get("ISO") or {}).get("alpha2")
        if code in shapes and info.get("name"):
            rows.append(
                {
                    "code": code,
                    "name": str(info["name"]),
                    "capital": info.get("capital"),
                    "capital_point": info.get("capital_latlng"),
                    "shape": shapes[code],
                }
            )
    return rows


def country_names() -> dict[str, str]:
    """ISO alpha-2 code → English country name."""
    return {row["code"]: row["name"] for row in _countries()}


@lru_cache(maxsize=1)
def _country_labels() -> tuple[list[Any], ...]:
    """Country names at the pole of inaccessibility of their largest part, largest first."""
    from shapely.ops import polylabel

    labels = []
    for row in _countries():
        shape = row["shape"]
        parts = list(getattr(shape, "geoms", [shape]))
        largest = max(parts, key=lambda part: part.area)
        point = polylabel(largest, tolerance=0.1)
        # Big countries are named at world zoom; micro-states once there is room for them.
        zoom = 2 if largest.area > 60 else 3 if largest.area > 8 else 4 if largest.area > 1 else 5
        labels.append((largest.area, [round(point.y, 2), round(point.x, 2), row["name"], 0, zoom]))
    labels.sort(key=lambda item: -item[0])
    return tuple(label for _, label in labels)


def _capital_labels() -> list[list[Any]]:
    labels = []
    for row in _countries():
        point = row["capital_point"]
        if row["capital"] and isinstance(point, list) and len(point) == 2:
            zoom = 4 if row["shape"].area > 8 else 5
            labels.append(
                [round(point[0], 3), round(point[1], 3), str(row["capital"]), LABEL_CAPITAL, zoom]
            )
    return labels


def base_labels(
    events: Iterable[Mapping[str, Any]], db_path: str | os.PathLike[str] | None = None
) -> list[list[Any]]:
    """Labels for a map of these events: countries, capitals, then regions and towns.

    Towns come from the gazetteer at ``db_path`` (default: the settings'): the largest near the
    events first, then the largest worldwide. Without a gazetteer only countries and capitals
    are labelled.
    """
    labels = [list(label) for label in _country_labels()] + _capital_labels()
    points = [p for e in events if (p := coordinates(e.get("place")))]
    database = _open_read_only(db_path)
    if database is None:
        return labels
    with database:
        taken = {(label[2], round(label[0]), round(label[1])) for label in labels}
        for lat, lon, name, kind, population in _gazetteer_rows(database, points):
            key = (name, round(lat), round(lon))
            if key in taken:
                continue
            taken.add(key)
            labels.append(
                [round(lat, 3), round(lon, 3), name, kind, label_min_zoom(kind, population)]
            )
    return labels


def _open_read_only(db_path: str | os.PathLike[str] | None) -> sqlite3.Connection | None:
    from geomap import settings

    path = settings.database_path(db_path)
    if not path.is_file():
        return None
    try:
        database = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        database.execute("SELECT 1 FROM places LIMIT 1")
    except sqlite3.Error:
        return None
    return database


def _gazetteer_rows(
    database: sqlite3.Connection, points: list[tuple[float, float]]
) -> list[tuple[float, float, str, int, int]]:
    rows: list[tuple[float, float, str, int, int]] = []
    select = "SELECT lat, lon, name, population FROM places WHERE kind = ? AND population > 0 "
    if points:
        south = max(-90.0, min(p[0] for p in points) - _NEAR_MARGIN_DEGREES)
        north = min(90.0, max(p[0] for p in points) + _NEAR_MARGIN_DEGREES)
        west = max(-180.0, min(p[1] for p in points) - _NEAR_MARGIN_DEGREES)
        east = min(180.0, max(p[1] for p in points) + _NEAR_MARGIN_DEGREES)
        near = "AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? ORDER BY population DESC LIMIT ?"
        box = (south, north, west, east)
        rows += [
            (r[0], r[1], r[2], LABEL_CITY, r[3])
            for r in database.execute(select + near, ("city", *box, _NEAR_TOWNS))
        ]
        rows += [
            (r[0], r[1], r[2], LABEL_REGION, r[3])
            for r in database.execute(select + near, ("region", *box, _REGIONS // 3))
        ]
    world = "ORDER BY population DESC LIMIT ?"
    rows += [
        (r[0], r[1], r[2], LABEL_CITY, r[3])
        for r in database.execute(select + world, ("city", _WORLD_TOWNS))
    ]
    rows += [
        (r[0], r[1], r[2], LABEL_REGION, r[3])
        for r in database.execute(select + world, ("region", _REGIONS))
    ]
    # Larger first within each kind: the browser keeps the first of two overlapping labels.
    rows.sort(key=lambda r: (r[3] != LABEL_REGION, -r[4]))
    return rows


@lru_cache(maxsize=1)
def outlines() -> dict[str, Any]:
    """Country outlines, simplified to about 5 km and rounded to 0.01°, as GeoJSON (~150 kB)."""
    import numpy as np
    import shapely
    from shapely.geometry import mapping

    features = []
    for row in _countries():
        simple = shapely.transform(
            row["shape"].simplify(0.05, preserve_topology=True), lambda xy: np.round(xy, 2)
        )
        features.append({"type": "Feature", "properties": {}, "geometry": mapping(simple)})
    return {"type": "FeatureCollection", "features": features}
