"""Online answers: their types and ranges checked, then mapped to :class:`Candidate` records.

An answer is checked before anything is kept: a field of the wrong type, a latitude of 200, a
coordinate that is not a number or a required field missing makes the whole answer "not found
online" (:class:`BadAnswer`), logged and never cached. Which fields each service sends and what
they must be is data (:data:`NOMINATIM_FIELDS`, :data:`FEATURE_FIELDS`); the code holds the
mechanism. Every :class:`Candidate` made is checked once more (:func:`candidate_problem`), for
services without a field table and for answers read back from the cache.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from geomap.model import Candidate

if TYPE_CHECKING:
    from geopy.location import Location

__all__ = [
    "FEATURE_FIELDS",
    "NOMINATIM_FIELDS",
    "VALIDATORS",
    "BadAnswer",
    "candidate_problem",
    "to_candidate",
]


class BadAnswer(ValueError):
    """An answer that is not what the service sends: wrong shape, types or ranges."""


# -- what a field may hold ----------------------------------------------------------------------


def _is_number(value: Any) -> bool:
    # JSON numbers, or numbers written as text (Nominatim sends "52.5170365"); never booleans.
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return False
    try:
        return math.isfinite(float(value))
    except ValueError:
        return False


def _is_latitude(value: Any) -> bool:
    return _is_number(value) and -90.0 <= float(value) <= 90.0


def _is_longitude(value: Any) -> bool:
    # geopy folds 181 into -179: out of range is checked on the raw answer, before it can.
    return _is_number(value) and -180.0 <= float(value) <= 180.0


def _is_text(value: Any) -> bool:
    return isinstance(value, str)


def _is_whole(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return (isinstance(value, int) and value >= 0) or (isinstance(value, str) and value.isdigit())


def _is_osm_type(value: Any) -> bool:
    return isinstance(value, str) and value.lower() in {"node", "way", "relation", "n", "w", "r"}


def _is_text_map(value: Any) -> bool:
    return isinstance(value, Mapping) and all(isinstance(v, str) for v in value.values())


def _is_scalar_map(value: Any) -> bool:
    # OSM tags are text; some services send numbers.
    return isinstance(value, Mapping) and all(
        v is None or isinstance(v, str) or _is_number(v) for v in value.values()
    )


#: A field's rule: what it must be (for the message), the check, and whether it must be there.
FieldRule = tuple[str, Callable[[Any], bool], bool]

#: Fields of a Nominatim place (``format=json``/``jsonv2``) that geomap reads or keys on.
NOMINATIM_FIELDS: dict[str, FieldRule] = {
    "lat": ("a latitude", _is_latitude, True),
    "lon": ("a longitude", _is_longitude, True),
    "display_name": ("text", _is_text, True),  # Nominatim always sends it
    "name": ("text", _is_text, False),
    "osm_type": ("node, way or relation", _is_osm_type, False),
    "osm_id": ("a whole number", _is_whole, False),
    "place_id": ("a whole number", _is_whole, False),
    "class": ("text", _is_text, False),
    "category": ("text", _is_text, False),
    "type": ("text", _is_text, False),
    "addresstype": ("text", _is_text, False),
    "place_rank": ("a whole number", _is_whole, False),
    "importance": ("a number", _is_number, False),
    "address": ("an object of texts", _is_text_map, False),
    "extratags": ("an object of tags", _is_scalar_map, False),
}

#: Fields of the ``properties`` of a Photon or Pelias GeoJSON feature that geomap reads.
FEATURE_FIELDS: dict[str, FieldRule] = {
    "name": ("text", _is_text, False),
    "countrycode": ("text", _is_text, False),
    "country_code": ("text", _is_text, False),
    "state": ("text", _is_text, False),
    "region": ("text", _is_text, False),
    "osm_type": ("text", _is_text, False),
    "osm_id": ("a whole number", _is_whole, False),
    "osm_key": ("text", _is_text, False),
    "osm_value": ("text", _is_text, False),
    "type": ("text", _is_text, False),
    "layer": ("text", _is_text, False),
    "extra": ("an object of tags", _is_scalar_map, False),
}


def _check_fields(record: Mapping[str, Any], rules: Mapping[str, FieldRule], what: str) -> None:
    for field, (expected, check, required) in rules.items():
        value = record.get(field)
        if value is None:
            if required:
                raise BadAnswer(f"{what} has no {field}")
            continue
        if not check(value):
            raise BadAnswer(f"{what}'s {field} is not {expected}: {_show(value)}")


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def _validate_nominatim(data: Any) -> None:
    # geopy takes a lone object for a one-place answer and a place without lat/lon for (0, 0).
    if not isinstance(data, list):
        raise BadAnswer(f"expected a JSON list of places, got {type(data).__name__}")
    for place in data:
        if not isinstance(place, dict):
            raise BadAnswer("expected JSON objects in the list of places")
        _check_fields(place, NOMINATIM_FIELDS, "a place")


def _validate_features(data: Any) -> None:
    # Photon and Pelias answer a GeoJSON FeatureCollection.
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise BadAnswer("expected a GeoJSON FeatureCollection")
    for feature in features:
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        coords = geometry.get("coordinates") if isinstance(geometry, dict) else None
        properties = feature.get("properties") if isinstance(feature, dict) else None
        if not (
            isinstance(coords, list)
            and len(coords) >= 2
            and _is_longitude(coords[0])
            and _is_latitude(coords[1])
            and isinstance(properties, dict)
        ):
            raise BadAnswer("a feature has no usable point geometry or properties")
        _check_fields(properties, FEATURE_FIELDS, "a feature")


#: The check of each service's decoded JSON, run before geopy reads it.
VALIDATORS: dict[str, Callable[[Any], None]] = {
    "nominatim": _validate_nominatim,
    "photon": _validate_features,
    "pelias": _validate_features,
    "geocodeearth": _validate_features,
}


def candidate_problem(candidate: Candidate) -> str | None:
    """What is wrong with a candidate's types or ranges, or ``None`` when it is sound.

    Examples
    --------
    >>> c = Candidate("osm:node/1", "Kestrel Bay", -41.2, 174.5, "NZ", None, "city", 0, "online:x")
    >>> candidate_problem(c) is None
    True
    >>> candidate_problem(Candidate("x", "X", 200.0, 0.0, None, None, "city", 0, "online:x"))
    'latitude out of range: 200.0'
    """
    c = candidate
    if not all(isinstance(v, str) for v in (c.id, c.name, c.kind, c.source, c.matched)):
        return "a text field is not text"
    if not (_is_number(c.lat) and not isinstance(c.lat, str) and -90 <= c.lat <= 90):
        return f"latitude out of range: {c.lat!r}"
    if not (_is_number(c.lon) and not isinstance(c.lon, str) and -180 <= c.lon <= 180):
        return f"longitude out of range: {c.lon!r}"
    if not all(v is None or isinstance(v, str) for v in (c.country_code, c.admin1)):
        return "country or admin1 is not text"
    if isinstance(c.population, bool) or not isinstance(c.population, int) or c.population < 0:
        return f"population is not a whole number: {c.population!r}"
    if not (_is_number(c.score) and not isinstance(c.score, str) and 0 <= c.score <= 1):
        return f"score out of range: {c.score!r}"
    return None


# -- mapping geopy locations to candidates ------------------------------------------------------

_CITY = frozenset({"city", "town", "village", "hamlet", "suburb"})
_REGION = frozenset({"state", "province", "region"})
_SEA = frozenset({"sea", "bay", "strait", "ocean"})
_OSM_TYPES = {"n": "node", "w": "way", "r": "relation"}
# Pelias layers (Who's On First placetypes) → geomap kinds.
_PELIAS_LAYERS = {
    "locality": "city",
    "localadmin": "city",
    "borough": "city",
    "neighbourhood": "city",
    "country": "country",
    "dependency": "country",
    "region": "region",
    "macroregion": "region",
    "ocean": "sea",
    "marinearea": "sea",
    "continent": "continent",
}


def _text(value: Any) -> str:
    return str(value).strip().lower() if value is not None else ""


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _kind(raw: Mapping[str, Any]) -> str:
    """geomap kind of an online result, from OSM class/type, addresstype or Photon's tags."""
    props = _mapping(raw.get("properties"))
    extratags = _mapping(raw.get("extratags"))
    if props:  # Photon / Pelias feature; its top-level "type" is just "Feature"
        cls, typ = _text(props.get("osm_key")), _text(props.get("osm_value"))
        addresstype = _text(props.get("type"))
        layer = _text(props.get("layer"))
        extratags = {**_mapping(props.get("extra")), **extratags}
    else:  # Nominatim: "class" in format=json, "category" in jsonv2
        cls, typ = _text(raw.get("class") or raw.get("category")), _text(raw.get("type"))
        addresstype, layer = _text(raw.get("addresstype")), ""
    admin_level = _text(extratags.get("admin_level") or raw.get("admin_level"))
    place_rank = _text(raw.get("place_rank"))

    if cls == "military" or (cls == "landuse" and typ == "military"):
        return "military"
    if addresstype == "military" or typ == "military":
        return "military"
    if cls == "aeroway" and typ == "aerodrome":
        mentions = "military" in json.dumps(raw, ensure_ascii=False, default=str).lower()
        return "military" if mentions else "airport"
    if typ == "continent" or addresstype == "continent":
        return "continent"
    if (cls in {"natural", "place"} and typ in _SEA) or addresstype in _SEA:
        return "sea"
    if addresstype == "country" or (cls == "place" and typ == "country"):
        return "country"
    if addresstype in _REGION or (cls == "place" and typ in _REGION):
        return "region"
    if addresstype in _CITY or (cls == "place" and typ in _CITY):
        return "city"
    if layer in _PELIAS_LAYERS:
        return _PELIAS_LAYERS[layer]
    if cls == "boundary":
        if admin_level == "2" or (not admin_level and place_rank == "4"):
            return "country"
        if admin_level == "4" or (not admin_level and place_rank == "8"):
            return "region"
    return "place"


def _population(value: Any) -> int:
    """OSM ``population`` tags are free text: "2873000", "2,873,000", "2 873 000 (2020)"."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return max(0, int(value))
    match = re.match(r"\s*(\d[\d\s,.'’]*)", str(value or ""))
    if not match:
        return 0
    digits = re.sub(r"\D", "", match.group(1))
    return int(digits) if digits else 0


def _country_code(value: Any) -> str | None:
    code = str(value or "").strip().upper()
    return code if len(code) == 2 and code.isalpha() else None


def _score(value: Any) -> float:
    if not _is_number(value):
        return 0.5
    return min(1.0, max(0.0, float(value)))


def to_candidate(location: Location, *, service: str, query: str) -> Candidate:
    """The candidate of one geopy location; :class:`BadAnswer` when it is not sound."""
    raw = location.raw
    if not isinstance(raw, Mapping):
        raise BadAnswer("a result carries no raw record")
    lat, lon = float(location.latitude), float(location.longitude)
    props = _mapping(raw.get("properties"))
    address = _mapping(raw.get("address")) or props
    extratags = _mapping(raw.get("extratags")) or _mapping(props.get("extra"))

    display = str(location.address or "")
    name = str(raw.get("name") or props.get("name") or display.split(",")[0]).strip() or query
    country = _country_code(
        address.get("country_code") or props.get("countrycode") or props.get("country_code")
    )
    admin1 = address.get("state") or address.get("province") or address.get("region")
    osm_type = _text(raw.get("osm_type") or props.get("osm_type"))
    osm_id = raw.get("osm_id") or props.get("osm_id")
    if osm_type and osm_id:
        place_id = f"osm:{_OSM_TYPES.get(osm_type, osm_type)}/{osm_id}"
    else:
        place_id = f"{service}:{lat:.5f},{lon:.5f}"
    candidate = Candidate(
        id=place_id,
        name=name,
        lat=lat,
        lon=lon,
        country_code=country,
        admin1=str(admin1) if admin1 else None,
        kind=_kind(raw),
        population=_population(extratags.get("population")),
        source=f"online:{service}",
        score=_score(raw.get("importance")),
        matched=query,
    )
    problem = candidate_problem(candidate)
    if problem:
        raise BadAnswer(problem)
    return candidate
