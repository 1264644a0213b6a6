"""KML 2.2 (Google Earth) from event records: one Placemark per mapped event, styled by type.

ElementTree writes the document, so every text from an article is XML-escaped, and characters
XML cannot hold (controls) are stripped; the balloon description is plain text (no HTML), which
Google Earth shows as it is.

Examples
--------
>>> kml = events_kml([{"event_type": "Battles", "date": "2020-01-03", "where": "Baghdad",
...     "place": {"name": "Baghdad", "lat": 33.34, "lon": 44.4}}])
>>> "<coordinates>44.4,33.34</coordinates>" in kml
True
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from typing import Any

from geomap.render.html_map import type_style
from geomap.render.records import coordinates
from geomap.render.xmlsafe import strip_non_xml

__all__ = ["events_kml"]

_NS = "http://www.opengis.net/kml/2.2"


def _kml_colour(hex_colour: str) -> str:
    """KML colours are aabbggrr.

    >>> _kml_colour("#c0392b")
    'ff2b39c0'
    """
    rgb = hex_colour.lstrip("#")
    return "ff" + rgb[4:6] + rgb[2:4] + rgb[0:2]


def events_kml(events: Iterable[Mapping[str, Any]], *, title: str = "geomap events") -> str:
    """A KML document with a style per event type and a Placemark per event with coordinates.

    Each Placemark has the event's type and place as its name, a ``TimeStamp`` when the event
    is dated, a plain-text description (date, type, actors, fatalities, source sentences) and
    the record's main fields as ``ExtendedData``. Events without coordinates are left out.
    """
    ET.register_namespace("", _NS)
    root = ET.Element(f"{{{_NS}}}kml")
    document = ET.SubElement(root, "Document")
    ET.SubElement(document, "name").text = title
    styles: dict[str, str] = {}
    placemarks = []
    for event in events:
        point = coordinates(event.get("place"))
        if point is None:
            continue
        event_type = str(event.get("event_type") or "Event")
        if event_type not in styles:
            styles[event_type] = f"type{len(styles)}"
            colour, _ = type_style(event_type, len(styles) - 1)
            style = ET.SubElement(document, "Style", id=styles[event_type])
            icon_style = ET.SubElement(style, "IconStyle")
            ET.SubElement(icon_style, "color").text = _kml_colour(colour)
        placemarks.append((event, point, styles[event_type]))
    for event, (lat, lon), style_id in placemarks:
        document.append(_placemark(event, lat, lon, style_id))
    ET.indent(root, space=" ")
    document_xml = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + strip_non_xml(document_xml)


def _placemark(event: Mapping[str, Any], lat: float, lon: float, style_id: str) -> ET.Element:
    place = event.get("place") or {}
    mark = ET.Element("Placemark")
    ET.SubElement(mark, "name").text = f"{event.get('event_type') or 'Event'}: {place.get('name')}"
    if event.get("date"):
        ET.SubElement(ET.SubElement(mark, "TimeStamp"), "when").text = str(event["date"])
    ET.SubElement(mark, "styleUrl").text = f"#{style_id}"
    ET.SubElement(mark, "description").text = _description(event)
    extended = ET.SubElement(mark, "ExtendedData")
    for key in (
        "date",
        "event_type",
        "sub_event_type",
        "actor1",
        "actor2",
        "fatalities",
        "geo_precision",
        "where",
        "document",
    ):
        if event.get(key) not in (None, ""):
            data = ET.SubElement(extended, "Data", name=key)
            ET.SubElement(data, "value").text = str(event[key])
    point = ET.SubElement(mark, "Point")
    ET.SubElement(point, "coordinates").text = f"{round(lon, 6)},{round(lat, 6)}"
    return mark


def _description(event: Mapping[str, Any]) -> str:
    lines = [
        f"{event.get('date') or 'undated'} · {event.get('event_type')}"
        + (f" / {event['sub_event_type']}" if event.get("sub_event_type") else ""),
    ]
    if event.get("where"):
        lines.append(f"Where: {event['where']}")
    actors = " vs ".join(str(a) for a in (event.get("actor1"), event.get("actor2")) if a)
    if actors:
        lines.append(f"Actors: {actors}")
    if event.get("fatalities") is not None:
        lines.append(f"Fatalities: {event['fatalities']}")
    lines += [f"“{s['text']}”" for s in event.get("sentences") or [] if s.get("text")]
    return "\n".join(lines)
