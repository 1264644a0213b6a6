"""Event records for the renderers: from parse results, and back from files geomap wrote.

Every renderer takes event dictionaries shaped like :meth:`geomap.model.Event.to_dict`, optionally
with a ``reason`` (why the gazetteer chose the place). This module produces them from parse
results and reads them back from an events GeoJSON or CSV, reporting bad rows one by one
instead of failing the whole file. It also defines the flat, ACLED-like row used by the CSV
export and the GeoJSON properties, so that writing and reading agree.

Examples
--------
>>> coordinates({"lat": "33.3", "lon": 44.4})
(33.3, 44.4)
>>> coordinates({"lat": None, "lon": 44.4}) is None
True
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from geomap.errors import InputError

__all__ = [
    "coordinates",
    "events_from_results",
    "places_without_events",
    "read_events",
]

# Column names accepted when reading, per event field: geomap's CSV and GeoJSON names first.
_ALIASES: dict[str, tuple[str, ...]] = {
    "lat": ("latitude", "lat", "place_lat", "y"),
    "lon": ("longitude", "lon", "lng", "long", "place_lon", "x"),
    "date": ("event_date", "date"),
    "date_precision": ("date_precision", "time_precision"),  # ACLED's is 1, 2 or 3
    "event_type": ("event_type", "type"),
    "sub_event_type": ("sub_event_type",),
    "actor1": ("actor1",),
    "actor2": ("actor2",),
    "country_code": ("country_code", "place_country_code", "iso2", "country"),
    "admin1": ("admin1", "place_admin1"),
    "name": ("location", "place_name", "name", "place"),
    "geo_precision": ("geo_precision",),
    "where": ("where",),
    "fatalities": ("fatalities",),
    "injuries": ("injuries",),
    "origin_name": ("origin", "origin_name"),
    "origin_lat": ("origin_latitude", "origin_lat"),
    "origin_lon": ("origin_longitude", "origin_lon"),
    "notes": ("notes",),
    "source_text": ("source_text",),
    "document": ("document", "source"),
    "id": ("place_id",),
    "kind": ("place_kind", "kind"),
    "reason": ("reason",),
    "confidence": ("confidence",),
}

# ACLED's time_precision codes, as geomap's date_precision words.
_TIME_PRECISION = {"1": "day", "2": "week", "3": "month"}


def coordinates(place: Mapping[str, Any] | None) -> tuple[float, float] | None:
    """``(lat, lon)`` of a place dictionary when both are finite numbers in range, else ``None``."""
    if not place:
        return None
    lat, lon = _number(place.get("lat")), _number(place.get("lon"))
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon


def events_from_results(results: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The events of parse results (dicts), annotated from the document's place mentions.

    Each event gets the gazetteer's ``reason`` for its place (from the mention resolved to the
    same gazetteer entry: the first inside the event's sentences, else the first anywhere), and
    each source sentence gets ``marks``: ``[start, end]`` offsets, relative to the sentence, of
    the mentions of the event's place and origin, for highlighting.
    """
    events = []
    for result in results:
        if "error" in result:
            continue
        mentions = [m for m in result.get("places", []) if m.get("place")]
        for event in result.get("events") or []:
            event = dict(event)
            event.setdefault("document", result.get("id") or "")
            event["document"] = event["document"] or result.get("id") or ""
            _annotate(event, mentions)
            events.append(event)
    return events


def places_without_events(results: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Places the results mention that no event of the same document is located at.

    One entry per document and gazetteer place: the place's fields, the mention texts, the
    first reason and the document id. Boilerplate mentions and datelines are left out: they
    are not places the article is about.
    """
    places: dict[tuple[str, str], dict[str, Any]] = {}
    for result in results:
        if "error" in result:
            continue
        document = result.get("id") or ""
        taken = {
            (p or {}).get("id")
            for event in result.get("events") or []
            for p in (event.get("place"), event.get("origin"))
        }
        for mention in result.get("places", []):
            place = mention.get("place")
            if (
                not place
                or mention.get("boilerplate")
                or mention.get("mention") == "dateline"
                or place.get("id") in taken
                or coordinates(place) is None
            ):
                continue
            key = (document, str(place.get("id") or place.get("name")))
            entry = places.setdefault(
                key,
                {
                    **place,
                    "mentions": [],
                    "reason": mention.get("reason", ""),
                    "document": document,
                },
            )
            if mention.get("text") not in entry["mentions"]:
                entry["mentions"].append(mention.get("text"))
    return list(places.values())


def read_events(path: str | Path) -> tuple[list[dict[str, Any]], list[str]]:
    """Events from a GeoJSON or CSV file, and one problem message per row that cannot be mapped.

    Rows whose coordinates are missing or not numbers are kept with ``place`` set to ``None``
    (so the exports still carry them) and reported as ``"<file> row N: ..."``.

    Raises
    ------
    InputError
        When the file cannot be read at all, or a CSV has no latitude/longitude columns.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path}: {exc}") from exc
    if path.suffix.lower() in {".geojson", ".json"}:
        return _read_geojson(path, text)
    return _read_csv(path, text)


# -- helpers ---------------------------------------------------------------------------------


def _number(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    if type(value) is float or type(value) is int:  # the common case: no string parsing
        return float(value) if math.isfinite(value) else None
    try:
        number = float(str(value).strip().lstrip("'"))  # a neutralised "-12" reads as -12
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _annotate(event: dict[str, Any], mentions: list[Mapping[str, Any]]) -> None:
    ids = {(p or {}).get("id") for p in (event.get("place"), event.get("origin"))} - {None}
    place_id = (event.get("place") or {}).get("id")
    same = [m for m in mentions if m["place"].get("id") in ids]
    reasons = []
    sentences = []
    for sentence in event.get("sentences") or []:
        start, end = sentence.get("start", 0), sentence.get("end", -1)
        inside = [m for m in same if start <= m.get("start", -1) and m.get("end", end + 1) <= end]
        reasons += [m for m in inside if m["place"].get("id") == place_id]
        marks = [[m["start"] - start, m["end"] - start] for m in inside]
        sentences.append({**sentence, "marks": marks} if marks else sentence)
    event["sentences"] = sentences
    if not event.get("reason"):
        reasons += [m for m in same if m["place"].get("id") == place_id]
        event["reason"] = str(reasons[0].get("reason") or "") if reasons else ""


def _pick(record: Mapping[str, Any], field: str) -> Any:
    for name in _ALIASES[field]:
        value = record.get(name)
        if value not in (None, ""):
            return value
    return None


# Date forms of ACLED's exports ("05 January 2020", "2020-01-05") and common spreadsheets.
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%B %d, %Y", "%d/%m/%Y")


def _iso_date(value: Any) -> str | None:
    """An ISO date from the forms above; any other text is kept as it is (never dropped).

    >>> _iso_date("05 January 2020"), _iso_date("2020-01"), _iso_date(None)
    ('2020-01-05', '2020-01', None)
    """
    if value in (None, ""):
        return None
    text = str(value).strip()
    for form in _DATE_FORMATS:
        try:
            return datetime.strptime(text, form).date().isoformat()
        except ValueError:
            continue
    return text


def _integer(value: Any) -> int | None:
    number = _number(value)
    return int(number) if number is not None else None


def _event_from_record(record: Mapping[str, Any], lat: Any, lon: Any) -> dict[str, Any]:
    """An event dict from a flat record (a CSV row or GeoJSON properties)."""
    place = {
        "name": _pick(record, "name"),
        "lat": _number(lat),
        "lon": _number(lon),
        "country_code": _pick(record, "country_code"),
        "admin1": _pick(record, "admin1"),
        "kind": _pick(record, "kind"),
        "id": _pick(record, "id"),
    }
    origin = None
    origin_lat, origin_lon = _pick(record, "origin_lat"), _pick(record, "origin_lon")
    if origin_lat is not None and origin_lon is not None:
        origin = {
            "name": _pick(record, "origin_name"),
            "lat": _number(origin_lat),
            "lon": _number(origin_lon),
        }
        origin = origin if coordinates(origin) else None
    sentences = record.get("sentences")
    if not isinstance(sentences, list):
        text = _pick(record, "source_text")
        sentences = [{"text": str(text), "start": 0, "end": len(str(text))}] if text else []
    confidence = _number(_pick(record, "confidence"))
    precision = _pick(record, "date_precision")
    precision = _TIME_PRECISION.get(str(precision), precision)
    return {
        "event_type": str(_pick(record, "event_type") or "Event"),
        "sub_event_type": str(_pick(record, "sub_event_type") or ""),
        "date": _iso_date(_pick(record, "date")),
        "date_precision": precision,
        "place": place if coordinates(place) else None,
        "geo_precision": _integer(_pick(record, "geo_precision")),
        "where": str(_pick(record, "where") or place["name"] or ""),
        "actor1": _pick(record, "actor1"),
        "actor2": _pick(record, "actor2"),
        "fatalities": _integer(_pick(record, "fatalities")),
        "injuries": _integer(_pick(record, "injuries")),
        "origin": origin,
        "sentences": [s for s in sentences if isinstance(s, dict) and s.get("text")],
        "document": str(_pick(record, "document") or ""),
        "notes": str(_pick(record, "notes") or ""),
        "confidence": confidence if confidence is not None else 0.0,
        "reason": str(_pick(record, "reason") or ""),
    }


def _problem(lat: Any, lon: Any) -> str | None:
    if lat in (None, "") or lon in (None, ""):
        return "no coordinates"
    for label, value in (("latitude", lat), ("longitude", lon)):
        if _number(value) is None:
            return f"{label} {str(value)[:40]!r} is not a number"
    if coordinates({"lat": lat, "lon": lon}) is None:
        return f"coordinates ({lat}, {lon}) are out of range"
    return None


def _read_csv(path: Path, text: str) -> tuple[list[dict[str, Any]], list[str]]:
    reader = csv.DictReader(text.splitlines())
    columns = [c for c in reader.fieldnames or [] if c]
    lowered = {c.strip().lower(): c for c in columns}
    if not any(a in lowered for a in _ALIASES["lat"]) or not any(
        a in lowered for a in _ALIASES["lon"]
    ):
        raise InputError(
            f"{path}: no latitude/longitude columns (columns: {', '.join(columns) or 'none'}); "
            "to geocode a column of place names give --place-column"
        )
    events, problems = [], []
    for number, raw in enumerate(reader, start=2):  # row 1 is the header
        record = {k.strip().lower(): v for k, v in raw.items() if k}
        lat, lon = _pick(record, "lat"), _pick(record, "lon")
        problem = _problem(lat, lon)
        if problem:
            problems.append(f"{path} row {number}: {problem}; not mapped")
        events.append(_event_from_record(record, lat, lon))
    return events, problems


def _read_geojson(path: Path, text: str) -> tuple[list[dict[str, Any]], list[str]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON ({exc.msg}, line {exc.lineno})") from exc
    if isinstance(data, dict) and data.get("type") == "Feature":
        data = {"type": "FeatureCollection", "features": [data]}
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise InputError(f"{path}: not a GeoJSON FeatureCollection")
    events, problems = [], []
    for number, feature in enumerate(data.get("features") or [], start=1):
        if not isinstance(feature, dict):
            problems.append(f"{path} feature {number}: not a GeoJSON feature; skipped")
            continue
        properties = {str(k).lower(): v for k, v in (feature.get("properties") or {}).items()}
        geometry = feature.get("geometry") or {}
        lon = lat = None
        if geometry.get("type") == "Point":
            position = geometry.get("coordinates") or []
            lon, lat = [*position, None, None][:2] if isinstance(position, list) else (None,) * 2
        elif geometry:
            from shapely.geometry import shape

            try:
                point = shape(geometry).representative_point()
                lon, lat = point.x, point.y
            except (ValueError, TypeError, AttributeError):
                lon = lat = None
        problem = _problem(lat, lon)
        if problem:
            problems.append(f"{path} feature {number}: {problem}; not mapped")
        events.append(_event_from_record(properties, lat, lon))
    return events, problems
