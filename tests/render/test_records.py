"""Tests of geomap.render.records: events from parse results and back from GeoJSON/CSV files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from map_samples import event, sample_events

from geomap.errors import InputError
from geomap.render.geojson import events_feature_collection
from geomap.render.records import (
    coordinates,
    events_from_results,
    places_without_events,
    read_events,
)
from geomap.render.table import write_event_table


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        ({"lat": 33.3, "lon": 44.4}, (33.3, 44.4)),
        ({"lat": "33.3", "lon": "44.4"}, (33.3, 44.4)),
        ({"lat": float("nan"), "lon": 44.4}, None),
        ({"lat": 95, "lon": 44.4}, None),
        ({"lat": "north", "lon": 44.4}, None),
        ({"lat": True, "lon": 44.4}, None),
        (None, None),
    ],
)
def test_coordinates(place: dict | None, expected: tuple | None) -> None:
    assert coordinates(place) == expected


def _mention(text: str, start: int, place_id: str, **extra: object) -> dict:
    place = {"name": text, "lat": 33.0, "lon": 44.0, "id": place_id}
    return {
        "text": text,
        "start": start,
        "end": start + len(text),
        "place": place,
        "reason": f"reason for {text}",
        "mention": "toponym",
        "boilerplate": False,
        **extra,
    }


def test_events_from_results_adds_reason_and_marks() -> None:
    text = "Rockets hit Taji, north of Baghdad."
    record = event(sentences=[{"text": text, "start": 50, "end": 50 + len(text)}])
    result = {
        "id": "a",
        "places": [_mention("Taji", 10, "test:Taji"), _mention("Taji", 62, "test:Taji")],
        "events": [{**record, "reason": "", "document": ""}],
    }
    [annotated] = events_from_results([result])
    assert annotated["reason"] == "reason for Taji"
    assert annotated["document"] == "a"
    assert annotated["sentences"][0]["marks"] == [[12, 16]]  # "Taji" inside the sentence only


def test_places_without_events_skips_event_places_boilerplate_and_datelines() -> None:
    result = {
        "id": "a",
        "places": [
            _mention("Taji", 0, "test:Taji"),
            _mention("Baghdad", 10, "geo:1"),
            _mention("Baghdad", 40, "geo:1"),
            _mention("Moscow", 60, "geo:2", mention="dateline"),
            _mention("London", 80, "geo:3", boilerplate=True),
        ],
        "events": [event()],
    }
    places = places_without_events([result])
    assert [(p["name"], p["mentions"]) for p in places] == [("Baghdad", ["Baghdad"])]


def test_events_csv_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        assert write_event_table([{"id": "doc", "events": sample_events()}], handle) == 4
    events, problems = read_events(path)
    assert problems == []
    assert [e["place"]["name"] for e in events] == ["Taji", "Abu Kamal", "Kirkuk", "Tahrir Square"]
    assert events[1]["fatalities"] == 26 and events[1]["place"]["country_code"] == "IQ"
    assert events[0]["date_precision"] == "day"  # ACLED's time_precision 1


def test_bad_csv_rows_are_reported_one_by_one(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text(
        "event_type,location,latitude,longitude\n"
        "Battles,Kirkuk,35.47,44.39\n"
        "Battles,Nowhere,,\n"
        "Riots,Mosul,abc,43.1\n"
        "Protests,Basra,30.5,47.8\n",
        encoding="utf-8",
    )
    events, problems = read_events(path)
    assert len(events) == 4
    assert [e["place"] is not None for e in events] == [True, False, False, True]
    assert problems == [
        f"{path} row 3: no coordinates; not mapped",
        f"{path} row 4: latitude 'abc' is not a number; not mapped",
    ]


def test_csv_without_coordinates_names_its_columns(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("town,deaths\nKirkuk,1\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"columns: town, deaths.*--place-column"):
        read_events(path)


def test_geojson_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "events.geojson"
    path.write_text(json.dumps(events_feature_collection(sample_events())), encoding="utf-8")
    events, problems = read_events(path)
    assert problems == []
    original = sample_events()
    for before, after in zip(original, events, strict=True):
        assert after["place"]["name"] == before["place"]["name"]
        assert after["place"]["lat"] == pytest.approx(before["place"]["lat"])
        assert after["sentences"][0]["text"] == before["sentences"][0]["text"]
        assert after["event_type"] == before["event_type"]
    assert events[1]["origin"]["name"] == "Kuwait"


def test_geojson_bad_features_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "e.geojson"
    features = [
        {"type": "Feature", "geometry": None, "properties": {"event_type": "Riots"}},
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": ["x", 1]},
            "properties": {},
        },
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [44.4, 33.3]},
            "properties": {"event_type": "Battles"},
        },
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    events, problems = read_events(path)
    assert [e["place"] is not None for e in events] == [False, False, True]
    assert [p.split(": ", 1)[1] for p in problems] == [
        "no coordinates; not mapped",
        "longitude 'x' is not a number; not mapped",
    ]


def test_unreadable_json_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "e.geojson"
    path.write_text("{not json")
    with pytest.raises(InputError, match="not valid JSON"):
        read_events(path)
