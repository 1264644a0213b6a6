"""Tests of geomap.map_inputs: which reader each kind of input goes to."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from map_samples import sample_events

from geomap.errors import InputError
from geomap.map_inputs import collect_inputs
from geomap.render.geojson import events_feature_collection


def test_parse_output_gives_events_and_places(tmp_path: Path) -> None:
    taji = sample_events()[0]
    result = {
        "id": "a",
        "published": None,
        "places": [
            {
                "text": "Taji",
                "start": 0,
                "end": 4,
                "mention": "toponym",
                "boilerplate": False,
                "place": taji["place"],
                "confidence": 0.9,
                "reason": "air base",
            },
            {
                "text": "Basra",
                "start": 9,
                "end": 14,
                "mention": "toponym",
                "boilerplate": False,
                "place": {"name": "Basra", "lat": 30.5, "lon": 47.8, "id": "g:1"},
                "confidence": 0.9,
                "reason": "city",
            },
        ],
        "events": [{**taji, "reason": ""}],
    }
    path = tmp_path / "parsed.json"
    path.write_text(json.dumps(result), encoding="utf-8")
    collected = collect_inputs([str(path)])
    assert [e["reason"] for e in collected.events] == ["air base"]
    assert [p["name"] for p in collected.places] == ["Basra"]


def test_event_files_are_read_with_their_problems(tmp_path: Path) -> None:
    geojson = tmp_path / "a.geojson"
    geojson.write_text(json.dumps(events_feature_collection(sample_events())), encoding="utf-8")
    table = tmp_path / "b.csv"
    table.write_text("event_type,latitude,longitude\nRiots,30.5,47.8\nRiots,,\n")
    collected = collect_inputs([str(geojson), str(table)])
    assert len(collected.events) == 6
    assert collected.problems == [f"{table} row 3: no coordinates; not mapped"]


def test_table_with_a_missing_place_column(tmp_path: Path, gazetteer_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text("town,deaths\nKirkuk,1\n")
    with pytest.raises(InputError, match=r"no column 'location'.*town, deaths"):
        collect_inputs([str(table)], place_column="location", db_path=gazetteer_path)


def test_table_is_geocoded(tmp_path: Path, gazetteer_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text("town,when\nKirkuk,2020-01-05\nQwxzzy,2020-01-06\n")
    collected = collect_inputs(
        [str(table)], place_column="town", date_column="when", db_path=gazetteer_path
    )
    kirkuk, unknown = collected.events
    assert kirkuk["place"]["country_code"] == "IQ" and kirkuk["date"] == "2020-01-05"
    assert unknown["place"] is None
    assert collected.problems == [f"{table} row 3: 'Qwxzzy' not found in the gazetteer; not mapped"]
