"""Tests of geomap.render.html_map: the page, its data and its safety (the browser test is in
tests/e2e)."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import pytest
from map_samples import INJECTION, event, sample_events

from geomap.errors import InputError
from geomap.render.html_map import ATTRIBUTION, TYPE_STYLES, render_map


def _data(page: str) -> dict[str, Any]:
    """The JSON object the page hands to its script."""
    match = re.search(r'<script type="application/json" id="[\w-]+">(.*?)</script>', page)
    assert match, "no event data in the page"
    return json.loads(match.group(1))


def test_types_dates_and_rows() -> None:
    data = _data(render_map(sample_events()))
    names = [t["name"] for t in data["types"]]
    assert names == ["Battles", "Explosions/Remote violence", "Protests"]
    assert data["types"][0]["color"] == TYPE_STYLES["Battles"][0]
    assert [t["count"] for t in data["types"]] == [1, 2, 1]
    assert data["dates"] == ["2019-12-27", "2020-01-03", "2020-03-11", "2020-03-12"]
    taji = data["ev"][0]
    assert taji == [33.5239, 44.2567, 1, 2, 3]


def test_popup_fields() -> None:
    data = _data(render_map(sample_events()))
    info = data["info"][1]
    assert info["p"] == "Abu Kamal" and info["st"] == "Air/drone strike"
    assert info["a1"] == "Kataib Hezbollah" and info["a2"] == "US military"
    assert info["r"] == "air base named in the text; near Baghdad"
    assert info["g"] == 1
    assert info["o"] == [29.37, 47.98, "Kuwait"]
    text, marks = info["s"][0]
    assert [text[s:e] for s, e in marks] == ["Abu Kamal"]


def test_geoparser_offsets_win_over_name_search() -> None:
    sentence = {"text": "It hit Ayn al-Asad again.", "start": 0, "end": 25, "marks": [[7, 18]]}
    data = _data(render_map([event(name="Al Asad Air Base", sentences=[sentence])]))
    assert data["info"][0]["s"][0][1] == [[7, 18]]


def test_article_text_never_appears_as_markup() -> None:
    page = render_map(sample_events(), title=INJECTION)
    assert "__pwned" in page  # it is there, as data...
    assert "<script>window.__pwned" not in page  # ...but never as a tag
    assert '<img src="x"' not in page
    assert "<title>&lt;script&gt;" in page
    assert _data(page)["info"][3]["n"] == INJECTION  # and reaches the script intact


def test_template_syntax_in_article_text_is_not_evaluated() -> None:
    # folium's renderer compiles elements as Jinja templates: article text must never reach it.
    page = render_map([event(notes="X{{ 7*7 }}Y {% if true %}Z{% endif %}")], title="T{{ 6*7 }}")
    assert "<title>T{{ 6*7 }}</title>" in page
    assert _data(page)["info"][0]["n"] == "X{{ 7*7 }}Y {% if true %}Z{% endif %}"
    assert "X49Y" not in page and "T42" not in page


def test_unmapped_events_are_counted_not_drawn() -> None:
    data = _data(render_map([event(), event(lat=None), event(place={"lat": "x", "lon": 1})]))
    assert len(data["ev"]) == 1 and data["unmapped"] == 2


def test_empty_map_still_renders() -> None:
    page = render_map([])
    data = _data(page)
    assert data["ev"] == [] and data["types"] == [] and data["places"] == []
    assert "No events" in page  # the legend's message, in the script


def test_places_layer_data() -> None:
    place = {
        "name": "Baghdad",
        "lat": 33.34,
        "lon": 44.4,
        "kind": "city",
        "country_code": "IQ",
        "mentions": ["Baghdad"],
        "reason": "capital",
        "document": "a",
    }
    data = _data(render_map([], places=[place]))
    assert data["places"] == [
        [
            33.34,
            44.4,
            {
                "name": "Baghdad",
                "k": "city",
                "cc": "IQ",
                "m": ["Baghdad"],
                "r": "capital",
                "doc": "a",
            },
        ]
    ]


def test_attribution_and_outlines_travel_with_the_page() -> None:
    data = _data(render_map(sample_events()))
    assert data["attribution"] == ATTRIBUTION and "GeoNames" in ATTRIBUTION
    assert "CC BY 4.0" in ATTRIBUTION
    assert len(data["outlines"]["features"]) > 150


def test_every_page_carries_its_scripts_and_links_nothing() -> None:
    page = render_map(sample_events(), heatmap=True)
    assert not re.findall(r"<(?:script|link)[^>]+(?:src|href)=", page)
    assert "Leaflet 1.9" in page and "markerClusterGroup" in page and "heatLayer" in page
    assert _data(page)["heat"] is True


def test_a_folder_of_other_script_copies_is_used(fake_assets: Path) -> None:
    page = render_map(sample_events(), assets=fake_assets, heatmap=True, labels=[])
    assert "/* leaflet.markercluster.js */" in page and "/* leaflet_heat.min.js */" in page


def test_missing_script_package_fails_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    from geomap.render import assets

    monkeypatch.setattr(assets, "_installed", lambda asset: None)
    with pytest.raises(InputError, match="pip install XStatic-Leaflet"):
        render_map([], labels=[])


def test_each_source_sentence_shows_once_with_all_documents() -> None:
    sentence = {"text": "Rockets hit Taji at dawn.", "start": 0, "end": 25}
    record = event(
        sentences=[sentence, dict(sentence)],
        notes="Rockets hit Taji at dawn.",
        document="wire-1",
        documents=["wire-1", "paper-2"],
    )
    info = _data(render_map([record], labels=[]))["info"][0]
    assert [s[0] for s in info["s"]] == ["Rockets hit Taji at dawn."]
    assert "n" not in info  # the notes only repeat the sentence
    assert info["doc"] == ["wire-1", "paper-2"]


def test_labels_name_countries_towns_and_every_event_place(gazetteer_path: Path) -> None:
    data = _data(render_map(sample_events(), db_path=gazetteer_path))
    by_kind: dict[int, set[str]] = {}
    for _lat, _lon, name, kind, _zoom in data["labels"]:
        by_kind.setdefault(kind, set()).add(name)
    assert {"Iraq", "Syria", "Iran"} <= by_kind[0]  # countries
    assert "Baghdad" in by_kind[1]  # capitals
    assert {"Taji", "Abu Kamal", "Kirkuk", "Tahrir Square"} <= by_kind[4]  # event places
    assert len(by_kind[3]) > 500  # towns, shown by zoom
    assert len(json.dumps(data["labels"])) < 400_000  # the page stays small


def test_unknown_event_types_get_their_own_style() -> None:
    records = [event("Disasters and accidents"), event("Parade"), event("Cyber attack")]
    styles = {t["name"]: (t["color"], t["shape"]) for t in _data(render_map(records))["types"]}
    assert styles["Disasters and accidents"] == TYPE_STYLES["Disasters and accidents"]
    assert styles["Parade"] != styles["Cyber attack"]


def _synthetic(n: int) -> list[dict[str, Any]]:
    types = list(TYPE_STYLES)
    return [
        event(
            types[i % len(types)],
            f"P{i}",
            -40 + (i * 7919 % 8000) / 100,
            -170 + (i * 104729 % 34000) / 100,
            f"2020-{1 + i % 12:02d}-{1 + i % 28:02d}",
            i % 30,
        )
        for i in range(n)
    ]


def test_large_maps_stay_one_compact_layer() -> None:
    events = _synthetic(20_000)
    started = time.perf_counter()
    page = render_map(events)
    seconds = time.perf_counter() - started
    assert page.count("L.marker(") == 1  # the one in the script, not one per event
    assert len(page) / len(events) < 400  # bytes per event, sentence included
    assert seconds < 20
    assert len(_data(page)["ev"]) == 20_000
