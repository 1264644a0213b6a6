"""A static SVG map, drawn offline with no browser and no plotting library.

Country outlines come from :func:`geomap.gazetteer.boundaries.country_shapes` (a real boundary
dataset, shipped by ``countryinfo``); the view is the events' bounding box in a plate carrée
projection whose x axis is shrunk by cos(latitude) so shapes keep their proportions. On top:
origin→target arcs, a marker per event (the HTML map's colour and shape per type, sized by
fatalities), place labels, a legend, the title and the data attribution. Every text is
XML-escaped, and characters XML cannot hold (controls) are stripped.

Examples
--------
>>> svg = render_svg([{"event_type": "Protests", "place": {"name": "Paris", "lat": 48.86,
...     "lon": 2.35}}], title="Demo")
>>> svg.startswith("<svg") and "Paris" in svg and "Protests (1)" in svg
True
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from xml.sax.saxutils import escape

from geomap.render.html_map import type_style
from geomap.render.records import coordinates
from geomap.render.xmlsafe import strip_non_xml

__all__ = ["render_svg"]

_MIN_SPAN = (6.0, 4.0)  # degrees of longitude, latitude shown at least: a city, not a street
_MAX_LABELS = 30


class _View:
    """Degrees → pixels for a bounding box fitted into ``width`` × ``height``."""

    def __init__(self, points: Sequence[tuple[float, float]], width: int, height: int) -> None:
        if points:
            lats = [p[0] for p in points]
            lons = [p[1] for p in points]
            south, north, west, east = min(lats), max(lats), min(lons), max(lons)
        else:
            south, north, west, east = -58.0, 78.0, -170.0, 180.0
        pad_lon = max((east - west) * 0.15, (_MIN_SPAN[0] - (east - west)) / 2, 0.5)
        pad_lat = max((north - south) * 0.15, (_MIN_SPAN[1] - (north - south)) / 2, 0.5)
        south, north = max(-85.0, south - pad_lat), min(85.0, north + pad_lat)
        west, east = max(-180.0, west - pad_lon), min(180.0, east + pad_lon)
        self.kx = math.cos(math.radians((south + north) / 2))
        # Widen the box along one axis so that it has the image's aspect ratio.
        span_x, span_y = (east - west) * self.kx, north - south
        if span_x / span_y < width / height:
            extra = (span_y * width / height / self.kx - (east - west)) / 2
            west, east = west - extra, east + extra
        else:
            extra = (span_x * height / width - span_y) / 2
            south, north = south - extra, north + extra
        self.west, self.east, self.south, self.north = west, east, south, north
        self.scale = width / (east - west)
        self.scale_y = height / (north - south)

    def xy(self, lat: float, lon: float) -> tuple[float, float]:
        return (lon - self.west) * self.scale, (self.north - lat) * self.scale_y


def render_svg(
    events: Iterable[Mapping[str, Any]],
    *,
    places: Sequence[Mapping[str, Any]] = (),
    title: str | None = None,
    width: int = 1000,
    height: int = 700,
) -> str:
    """An SVG document of the events (and, with no events, the places mentioned).

    Parameters
    ----------
    events
        Event records; those without coordinates are counted in the legend only.
    places
        Places mentioned without events, drawn as small hollow circles.
    title
        Drawn at the top left.
    width, height
        Size in pixels.
    """
    events = list(events)
    mapped = [(e, p) for e in events if (p := coordinates(e.get("place")))]
    place_points = [p for p in map(coordinates, places) if p]
    origins = [p for e, _ in mapped if (p := coordinates(e.get("origin")))]
    view = _View([p for _, p in mapped] + origins or place_points, width, height)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="DejaVu Sans, Arial, sans-serif">',
        f'<rect width="{width}" height="{height}" fill="#d6e6f0"/>',
        *_outlines(view),
    ]
    types = Counter(str(e.get("event_type") or "Event") for e, _ in mapped)
    styles = {name: type_style(name, i) for i, name in enumerate(sorted(types))}
    for event, point in mapped:
        origin = coordinates(event.get("origin"))
        if origin:
            parts.append(_arc(view, origin, point, styles[str(event.get("event_type") or "Event")]))
    for lat, lon in place_points:
        x, y = view.xy(lat, lon)
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="#fff" stroke="#555"/>')
    # Biggest tolls first, so that small markers stay visible on top.
    for event, (lat, lon) in sorted(mapped, key=lambda m: -(m[0].get("fatalities") or 0)):
        colour, shape = styles[str(event.get("event_type") or "Event")]
        parts.append(_marker(view.xy(lat, lon), shape, colour, event.get("fatalities")))
    parts += _labels(view, mapped, places if not mapped else ())
    parts += _legend(types, styles, len(events) - len(mapped), title, width, height)
    parts.append("</svg>")
    return strip_non_xml("\n".join(parts)) + "\n"


def _outlines(view: _View) -> list[str]:
    import shapely

    from geomap.gazetteer.boundaries import country_shapes

    parts = ['<g fill="#f4f1ea" stroke="#8c8c8c" stroke-width="0.8" fill-rule="evenodd">']
    labels: list[tuple[str, float, float]] = []
    for code, shape in country_shapes().items():
        clipped = shapely.clip_by_rect(shape, view.west, view.south, view.east, view.north)
        if clipped.is_empty:
            continue
        rings = []
        for polygon in getattr(clipped, "geoms", [clipped]):
            if polygon.geom_type != "Polygon":
                continue
            for ring in (polygon.exterior, *polygon.interiors):
                points = [view.xy(lat, lon) for lon, lat in ring.coords]
                rings.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
        if rings:
            parts.append(f'<path d="{"".join(rings)}"/>')
        # Label countries that fill a fair part of the view, at a point inside them.
        if clipped.area * view.scale * view.scale_y > 6000:
            inside = clipped.representative_point()
            labels.append((code, *view.xy(inside.y, inside.x)))
    parts.append("</g>")
    parts.append('<g font-size="13" fill="#9a9488" text-anchor="middle" letter-spacing="2">')
    parts += [f'<text x="{x:.0f}" y="{y:.0f}">{escape(code)}</text>' for code, x, y in labels]
    parts.append("</g>")
    return parts


def _marker(xy: tuple[float, float], shape: str, colour: str, fatalities: Any) -> str:
    x, y = xy
    toll = fatalities if isinstance(fatalities, int) and fatalities > 0 else 0
    r = 7 + min(9, 2.5 * math.log2(1 + toll))
    if shape == "circle":
        body = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"'
    else:
        body = f'<path d="{_shape_path(shape, x, y, r)}"'
    mark = f'{body} fill="{colour}" stroke="#fff" stroke-width="1.5"/>'
    if toll:
        mark += (
            f'<text x="{x:.1f}" y="{y + 3.5:.1f}" font-size="9" font-weight="bold" fill="#fff" '
            f'text-anchor="middle">{toll}</text>'
        )
    return mark


def _shape_path(shape: str, x: float, y: float, r: float) -> str:
    corners = {"square": (4, 45), "diamond": (4, 0), "triangle": (3, 0), "hexagon": (6, 30)}
    if shape == "star":
        r *= 1.35  # a star's area is small for its radius
        points = [
            (
                x + (r if k % 2 == 0 else r * 0.45) * math.sin(math.pi * k / 5),
                y - (r if k % 2 == 0 else r * 0.45) * math.cos(math.pi * k / 5),
            )
            for k in range(10)
        ]
    else:
        n, turn = corners.get(shape, (4, 45))
        points = [
            (
                x + r * math.sin(math.radians(turn + 360 * k / n)),
                y - r * math.cos(math.radians(turn + 360 * k / n)),
            )
            for k in range(n)
        ]
    return "M" + "L".join(f"{px:.1f},{py:.1f}" for px, py in points) + "Z"


def _arc(
    view: _View, origin: tuple[float, float], target: tuple[float, float], style: tuple[str, str]
) -> str:
    (x1, y1), (x2, y2) = view.xy(*origin), view.xy(*target)
    cx, cy = (x1 + x2) / 2 - (y2 - y1) * 0.25, (y1 + y2) / 2 + (x2 - x1) * 0.25
    return (
        f'<path d="M{x1:.1f},{y1:.1f}Q{cx:.1f},{cy:.1f} {x2:.1f},{y2:.1f}" fill="none" '
        f'stroke="{style[0]}" stroke-width="2" stroke-dasharray="6 4"/>'
        f'<circle cx="{x1:.1f}" cy="{y1:.1f}" r="3" fill="{style[0]}"/>'
    )


def _labels(
    view: _View,
    mapped: list[tuple[Mapping[str, Any], tuple[float, float]]],
    places: Sequence[Mapping[str, Any]],
) -> list[str]:
    """One label per distinct place, the deadliest first, at most :data:`_MAX_LABELS`."""
    seen: dict[str, tuple[float, float]] = {}
    ranked = sorted(mapped, key=lambda m: -(m[0].get("fatalities") or 0))
    candidates: list[tuple[Any, tuple[float, float] | None]] = [
        ((e.get("place") or {}).get("name"), p) for e, p in ranked
    ]
    candidates += [(p.get("name"), coordinates(p)) for p in places]
    for name, point in candidates:
        if name and point and str(name) not in seen and len(seen) < _MAX_LABELS:
            seen[str(name)] = point
    parts = ['<g font-size="12" fill="#222" stroke="#fff" stroke-width="3" paint-order="stroke">']
    for name, (lat, lon) in seen.items():
        x, y = view.xy(lat, lon)
        parts.append(f'<text x="{x + 11:.1f}" y="{y - 8:.1f}">{escape(name)}</text>')
    parts.append("</g>")
    return parts


def _legend(
    types: Counter[str],
    styles: dict[str, tuple[str, str]],
    unmapped: int,
    title: str | None,
    width: int,
    height: int,
) -> list[str]:
    lines: list[tuple[str, tuple[str, str] | None]] = [
        (f"{name} ({count})", styles[name]) for name, count in sorted(types.items())
    ]
    if not types:
        lines.append(("No events", None))
    if unmapped:
        lines.append((f"{unmapped} events without coordinates", None))
    box_w = 20 + 7.2 * max(len(text) for text, _ in lines) + 20
    box_h = 14 + 20 * len(lines)
    x0, y0 = width - box_w - 12, height - box_h - 28
    parts = [
        f'<rect x="{x0:.0f}" y="{y0:.0f}" width="{box_w:.0f}" height="{box_h}" rx="5" '
        'fill="#fff" fill-opacity="0.93" stroke="#999"/>'
    ]
    for row, (text, style) in enumerate(lines):
        y = y0 + 20 + 20 * row
        if style:
            parts.append(_marker((x0 + 16, y - 4), style[1], style[0], 0))
        parts.append(f'<text x="{x0 + 30:.0f}" y="{y:.0f}" font-size="13">{escape(text)}</text>')
    if title:
        parts.append(
            f'<text x="14" y="28" font-size="18" font-weight="bold" fill="#222" stroke="#fff" '
            f'stroke-width="4" paint-order="stroke">{escape(title)}</text>'
        )
    attribution = (
        "Outlines: mledoze/countries via countryinfo (ODbL) · places: GeoNames (CC BY 4.0) · geomap"
    )
    parts.append(
        f'<text x="{width - 8}" y="{height - 8}" font-size="10" fill="#444" '
        f'text-anchor="end">{escape(attribution)}</text>'
    )
    return parts
