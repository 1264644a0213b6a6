"""The Python API: the calls a user makes after ``import geomap``."""

from __future__ import annotations

import pandas as pd

import geomap


def test_parse_gives_places_and_dated_events(gazetteer_path) -> None:
    text = "Rockets hit Camp Taji, north of Baghdad, on March 11, killing two soldiers."
    result = geomap.parse(text, published="2020-03-13", db_path=str(gazetteer_path))
    assert [(p.mention.text, p.place.country_code) for p in result.places] == [
        ("Camp Taji", "IQ"),
        ("Baghdad", "IQ"),
    ]
    assert [(e.date, e.fatalities) for e in result.events] == [("2020-03-11", 2)]


def test_geocode_ranks_the_likely_place_first(gazetteer_path) -> None:
    best = geomap.geocode("Abu Kamal", db_path=str(gazetteer_path))[0]
    assert (best.country_code, round(best.lat, 1), round(best.lon, 1)) == ("SY", 34.5, 40.9)


def test_geocode_frame_adds_coordinates(gazetteer_path) -> None:
    frame = pd.DataFrame({"location": ["Kirkuk", "Paris"]})
    out = geomap.geocode_frame(frame, "location", db_path=str(gazetteer_path))
    assert list(out["country_code"]) == ["IQ", "FR"]


def test_exports_take_event_records(gazetteer_path) -> None:
    result = geomap.parse("An air strike hit Mosul on 3 May 2021.", db_path=str(gazetteer_path))
    collection = geomap.to_geojson(result.events)
    assert collection["type"] == "FeatureCollection"
    lon, lat = collection["features"][0]["geometry"]["coordinates"]
    assert abs(lat - 36.3) < 0.5 and abs(lon - 43.1) < 0.5
    assert "<html" in geomap.render_map(result.events, title="Mosul").lower()
