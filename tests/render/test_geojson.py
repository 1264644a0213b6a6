"""Tests of the events FeatureCollection in geomap.render.geojson (RFC 7946)."""

from __future__ import annotations

import json

from map_samples import event, sample_events
from shapely.geometry import shape

from geomap.render.geojson import events_feature_collection


def test_points_are_lon_lat_and_load_in_shapely() -> None:
    collection = json.loads(json.dumps(events_feature_collection(sample_events())))
    assert collection["type"] == "FeatureCollection"
    point = shape(collection["features"][0]["geometry"])
    assert (point.x, point.y) == (44.2567, 33.5239)


def test_properties_come_from_the_record() -> None:
    [feature] = events_feature_collection([sample_events()[1]])["features"]
    properties = feature["properties"]
    assert properties["event_type"] == "Explosions/Remote violence"
    assert properties["sub_event_type"] == "Air/drone strike"
    assert properties["fatalities"] == 26
    assert properties["place_name"] == "Abu Kamal"
    assert properties["place_country_code"] == "IQ"
    assert properties["origin_name"] == "Kuwait"
    assert properties["sentences"][0]["text"].startswith("Eighteen rockets")
    assert "place_lat" not in properties  # the geometry holds the coordinates


def test_event_without_coordinates_keeps_a_null_geometry() -> None:
    collection = events_feature_collection([event(lat=None), event()])
    assert [f["geometry"] is None for f in collection["features"]] == [True, False]
    json.dumps(collection, allow_nan=False)  # strict JSON: no NaN anywhere


def test_empty_input_is_an_empty_collection() -> None:
    assert events_feature_collection([]) == {"type": "FeatureCollection", "features": []}
