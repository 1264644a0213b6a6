"""Country outlines: which country a point lies in, and shapes to draw.

Outlines come from ``countryinfo`` (from mledoze/countries and Natural Earth, public domain /
ODbL), loaded once into a shapely STRtree.

Examples
--------
>>> country_at(33.34, 44.40)
'IQ'
>>> country_at(0.0, -30.0) is None   # the Atlantic
True
"""

from __future__ import annotations

import json
from functools import lru_cache

import shapely
from shapely.geometry import shape
from shapely.strtree import STRtree

from geomap.gazetteer.sources._package_data import package_dir

__all__ = ["country_at", "country_shapes"]


@lru_cache(maxsize=1)
def country_shapes() -> dict[str, shapely.Geometry]:
    """ISO alpha-2 code → the country's outline (multi)polygon."""
    shapes: dict[str, shapely.Geometry] = {}
    for path in sorted((package_dir("countryinfo") / "data").glob("*.json")):
        with path.open(encoding="utf-8") as handle:
            info = json.load(handle)
        code = (info.get("ISO") or {}).get("alpha2")
        collection = info.get("geoJSON") or {}
        geometries = [
            shape(f["geometry"]) for f in collection.get("features", []) if f.get("geometry")
        ]
        if code and geometries:
            shapes[code] = shapely.union_all(geometries) if len(geometries) > 1 else geometries[0]
    return shapes


@lru_cache(maxsize=1)
def _index() -> tuple[STRtree, list[str]]:
    shapes = country_shapes()
    codes = list(shapes)
    return STRtree([shapes[c] for c in codes]), codes


def country_at(lat: float, lon: float) -> str | None:
    """ISO code of the country containing the point, or ``None`` (sea, unknown)."""
    tree, codes = _index()
    hits = tree.query(shapely.Point(lon, lat), predicate="intersects")
    return codes[int(hits[0])] if len(hits) else None
