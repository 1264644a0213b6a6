"""Tests of geomap.render.static: the SVG map drawn without a browser."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from map_samples import INJECTION, event, sample_events

from geomap.render.static import render_svg

_SVG = "{http://www.w3.org/2000/svg}"


def _texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{_SVG}text")]


def test_outlines_markers_labels_and_legend() -> None:
    root = ET.fromstring(render_svg(sample_events(), title="Iraq"))
    outlines = root.find(f"{_SVG}g")
    assert len(outlines) >= 3  # Iraq, Syria, Iran, ... clipped to the view
    texts = _texts(root)
    assert {"Taji", "Abu Kamal", "Kirkuk"} <= set(texts)
    assert "Explosions/Remote violence (2)" in texts
    assert "Battles (1)" in texts
    assert "Iraq" in texts
    assert any("GeoNames" in t for t in texts)
    assert "26" in texts  # the fatalities badge


def test_arc_from_origin() -> None:
    svg = render_svg(sample_events())
    assert svg.count('stroke-dasharray="6 4"') == 1


def test_text_is_escaped() -> None:
    svg = render_svg(sample_events(), title=INJECTION)
    assert "<script>" not in svg
    assert INJECTION in _texts(ET.fromstring(svg))


def test_empty_map_says_no_events() -> None:
    root = ET.fromstring(render_svg([event(lat=None)]))
    texts = _texts(root)
    assert "No events" in texts
    assert "1 events without coordinates" in texts


def test_view_fits_the_events() -> None:
    root = ET.fromstring(
        render_svg([event(name="Paris", lat=48.86, lon=2.35)], width=800, height=600)
    )
    circles = [c for c in root.iter(f"{_SVG}path") if c.get("fill") == "#e67e22"]
    x, y = (float(v) for v in circles[0].get("d")[1:].split("L")[0].split(","))
    assert 300 < x < 500 and 200 < y < 400  # near the middle


def test_control_characters_are_stripped_so_the_svg_stays_well_formed() -> None:
    svg = render_svg([event(name="Taji\x0b\x1b")], title="Night\x08 raids")
    texts = _texts(ET.fromstring(svg))  # fromstring raises on an ill-formed document
    assert "Night raids" in texts and "Taji" in texts
