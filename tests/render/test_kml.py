"""Tests of geomap.render.kml."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from map_samples import INJECTION, event, sample_events

from geomap.render.kml import events_kml

_NS = {"k": "http://www.opengis.net/kml/2.2"}


def test_one_placemark_per_mapped_event_with_lon_lat() -> None:
    root = ET.fromstring(events_kml([*sample_events(), event(lat=None)]))
    marks = root.findall(".//k:Placemark", _NS)
    assert len(marks) == 4
    assert marks[0].find(".//k:coordinates", _NS).text == "44.2567,33.5239"
    assert marks[0].find(".//k:TimeStamp/k:when", _NS).text == "2020-03-11"


def test_a_style_per_event_type() -> None:
    root = ET.fromstring(events_kml(sample_events()))
    assert len(root.findall(".//k:Style", _NS)) == 3
    colours = {s.find(".//k:color", _NS).text for s in root.findall(".//k:Style", _NS)}
    assert "ff2b39c0" in colours  # Battles' #c0392b as aabbggrr


def test_article_text_stays_text() -> None:
    kml = events_kml(sample_events(), title="T <b>")
    root = ET.fromstring(kml)  # still well-formed XML
    assert "<script>" not in kml
    descriptions = [d.text for d in root.iter("{http://www.opengis.net/kml/2.2}description")]
    assert any(INJECTION in d for d in descriptions)
    assert root.find(".//k:Document/k:name", _NS).text == "T <b>"


def test_control_characters_are_stripped_so_the_kml_stays_well_formed() -> None:
    sample = event(name="Taji\x0b\x1b[0m", where="near Taji\x00", actor1="Militia\x07")
    kml = events_kml([sample], title="Report\x0c of the day")
    root = ET.fromstring(kml)  # raises on an ill-formed document
    assert root.find(".//k:Document/k:name", _NS).text == "Report of the day"
    assert root.find(".//k:Placemark/k:name", _NS).text.endswith("Taji[0m")
