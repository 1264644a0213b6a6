"""The interactive event map: one HTML file (folium + Leaflet) from event records.

folium builds the page and the base map; the events travel as one compact JSON object that a
small script (``event_map.js``) turns into clustered markers in the browser. That is what lets a
map of 100,000 events open and pan smoothly: no per-event Leaflet object is written into the page
and popups are built only when clicked. Every article-derived text reaches the page as JSON data
and is inserted with ``textContent`` (or escaped), never as markup.

Examples
--------
>>> html = render_map([{"event_type": "Battles", "date": "2020-01-03", "sentences": [],
...     "place": {"name": "Baghdad", "lat": 33.34, "lon": 44.4}}], title="Demo")
>>> "geomapEventMap" in html and "<title>Demo</title>" in html
True
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import secrets
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

import folium
from branca.element import Element, MacroElement
from folium.template import Template

from geomap.render.assets import html_tags
from geomap.render.basemap import base_labels, country_names, outlines
from geomap.render.records import coordinates

__all__ = ["ATTRIBUTION", "TYPE_STYLES", "render_map", "type_style"]


def _type_styles() -> dict[str, tuple[str, str]]:
    """Colour and marker shape per event type, from ``event_types.csv`` (each row says why)."""
    rows = csv.DictReader(io.StringIO(_resource("event_types.csv")))
    return {row["event_type"]: (row["colour"], row["shape"]) for row in rows}


@lru_cache(maxsize=8)
def _resource(name: str) -> str:
    return resources.files("geomap.render").joinpath(name).read_text(encoding="utf-8")


#: Colour and marker shape per known event type; any other type gets the fallback palette,
#: so a new type (from a new codebook) is drawn without a code change.
TYPE_STYLES: dict[str, tuple[str, str]] = _type_styles()
_FALLBACK_COLOURS = ("#7f8c8d", "#27ae60", "#f1c40f", "#e84393", "#0984e3", "#6c5ce7", "#b33939")
_FALLBACK_SHAPES = ("circle", "square", "diamond", "triangle")

#: The data sources the map must credit (tiles credit themselves through their own layer).
ATTRIBUTION = (
    'Places: <a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0), OurAirports, '
    "countrystatecity (ODbL) · outlines: mledoze/countries (ODbL)"
)


def type_style(event_type: str, index: int = 0) -> tuple[str, str]:
    """``(colour, shape)`` for an event type; ``index`` picks the fallback for unknown types.

    >>> type_style("Battles"), type_style("Parade", 1)
    (('#c0392b', 'diamond'), ('#27ae60', 'circle'))
    """
    return TYPE_STYLES.get(event_type) or (
        _FALLBACK_COLOURS[index % len(_FALLBACK_COLOURS)],
        _FALLBACK_SHAPES[index // len(_FALLBACK_COLOURS) % len(_FALLBACK_SHAPES)],
    )


def render_map(
    events: Iterable[Mapping[str, Any]],
    *,
    places: Sequence[Mapping[str, Any]] = (),
    title: str | None = None,
    heatmap: bool = False,
    tiles: bool = True,
    labels: Sequence[Sequence[Any]] | None = None,
    db_path: str | os.PathLike[str] | None = None,
    assets: str | os.PathLike[str] | None = None,
) -> str:
    """The HTML page of an event map: one file that works with no network.

    Parameters
    ----------
    events
        Event records (:meth:`geomap.model.Event.to_dict` shape, optionally with ``reason``).
        Those without coordinates are counted in the legend, not drawn.
    places
        Places mentioned without events (:func:`geomap.render.records.places_without_events`):
        labelled points, a layer that is off by default beside events.
    title
        Shown in the feed and legend, and as the page title.
    heatmap
        Add a heat-map layer weighted by fatalities, switched on.
    tiles
        Offer OpenStreetMap tiles as a second base layer (used only when chosen and online);
        the offline base map is always the default.
    labels
        Base-map labels (:func:`geomap.render.basemap.base_labels`); by default made from the
        gazetteer at ``db_path`` (the settings' when ``None``).
    assets
        A folder of other Leaflet script files to inline (see :mod:`geomap.render.assets`).

    Raises
    ------
    geomap.errors.InputError
        When a script file cannot be found (its package is not installed).
    """
    events = list(events)
    page = _EventPage(tiles=None, zoom_start=2)
    figure: Any = page.get_root()  # a branca Figure: it has the header
    slots = _Slots()
    figure.header.add_child(
        Element(slots.put("<title>" + html.escape(title or "geomap") + "</title>"))
    )
    for number, tag in enumerate(html_tags(heatmap=heatmap, directory=assets)):
        figure.header.add_child(Element(slots.put(tag)), name=f"geomap_asset_{number}")
    if labels is None:
        labels = base_labels(events, db_path)
    layer = _EventLayer()
    payload = _payload(events, places, title=title, heatmap=heatmap)
    payload["id"] = layer.get_name()  # prefix of the legend's element ids
    payload["tiles"] = tiles
    place_labels = payload.pop("place_labels")
    # A town's own label beside the event label of the same name would print it twice.
    named = {(str(label[2]).casefold(), round(label[0]), round(label[1])) for label in place_labels}
    payload["labels"] = [
        *place_labels,
        *(
            label
            for label in labels
            if (str(label[2]).casefold(), round(label[0]), round(label[1])) not in named
        ),
    ]
    layer.css = slots.put(_resource("event_map.css"))
    layer.js = slots.put(_resource("event_map.js"))
    layer.data = slots.put(_script_json(payload))
    page.add_child(layer)
    return slots.fill(figure.render())


def _place_labels(
    mapped: Sequence[tuple[Mapping[str, Any], tuple[float, float]]],
    places: Sequence[Mapping[str, Any]],
) -> list[list[Any]]:
    """One label per distinct named event place (kind 4) and place without events (kind 5)."""
    labels, seen = [], set()
    located = [((e.get("place") or {}).get("name"), point) for e, point in mapped]
    located_places = [(p.get("name"), point) for p in places if (point := coordinates(p))]
    for kind, items in ((4, located), (5, located_places)):
        for name, (lat, lon) in items:
            key = (name, round(lat, 4), round(lon, 4))
            if name and key not in seen:
                seen.add(key)
                labels.append([key[1], key[2], str(name), kind, 0])
    return labels


# -- the page --------------------------------------------------------------------------------


class _EventPage(folium.Map):
    """A folium map that loads only Leaflet and the plugins we use (see ``html_tags``).

    folium's default page pulls jQuery, Bootstrap and Font Awesome from CDNs; this map needs none
    of them, and each one would be a request that fails offline.
    """

    default_js: list[tuple[str, str]] = []  # noqa: RUF012 (folium's own class attribute)
    default_css: list[tuple[str, str]] = []  # noqa: RUF012


class _Slots:
    """Text kept out of folium's templates, put back into the rendered page in one pass.

    branca compiles every rendered element again as a Jinja template, so an article sentence
    containing ``{{ ... }}`` would be evaluated while rendering. Our texts (article data, inlined
    scripts, the title) therefore enter the page as opaque tokens with a random nonce, replaced
    after rendering by a single regex pass that never rescans what it inserted.
    """

    def __init__(self) -> None:
        self._nonce = secrets.token_hex(8)
        self._texts: list[str] = []

    def put(self, text: str) -> str:
        self._texts.append(text)
        return f"@@geomap-{self._nonce}-{len(self._texts) - 1}@@"

    def fill(self, page: str) -> str:
        pattern = re.compile(rf"@@geomap-{self._nonce}-(\d+)@@")
        return pattern.sub(lambda m: self._texts[int(m.group(1))], page)


class _EventLayer(MacroElement):
    """The events, legend, timeline and layers: the script and its data, once per page.

    ``css``, ``js`` and ``data`` hold :class:`_Slots` tokens, not the texts themselves. The data
    is a JSON block the script parses after the first paint, so that a page of 100,000 events
    shows its base map at once.
    """

    _template = Template(
        "{% macro header(this, kwargs) %}"
        "<style>{{ this.css }}</style>\n<script>{{ this.js }}</script>"
        "{% endmacro %}"
        "{% macro html(this, kwargs) %}"
        '<script type="application/json" id="{{ this.get_name() }}-data">{{ this.data }}</script>'
        "{% endmacro %}"
        "{% macro script(this, kwargs) %}"
        'geomapEventMap({{ this._parent.get_name() }}, "{{ this.get_name() }}-data");'
        "{% endmacro %}"
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "GeomapEvents"
        self.css = self.js = self.data = ""


def _script_json(value: Any) -> str:
    """JSON safe inside ``<script>``: no ``</script>``, ``<!--`` or JS line separators survive.

    >>> _script_json({"t": "</script><script>alert(1)</script>"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


# -- the data --------------------------------------------------------------------------------


def _payload(
    events: list[Mapping[str, Any]],
    places: Sequence[Mapping[str, Any]],
    *,
    title: str | None,
    heatmap: bool,
) -> dict[str, Any]:
    """The compact object ``event_map.js`` reads.

    ``ev`` holds one array per mapped event, ``[lat, lon, type index, date index, fatalities]``
    (-1 for an unknown date or toll); ``info`` holds the popup fields in short keys, parallel.
    """
    mapped = [(event, point) for event in events if (point := coordinates(event.get("place")))]
    type_names = sorted({str(e.get("event_type") or "Event") for e, _ in mapped})
    counts = {name: 0 for name in type_names}
    for event, _ in mapped:
        counts[str(event.get("event_type") or "Event")] += 1
    types = []
    unknown = 0
    for name in type_names:
        colour, shape = TYPE_STYLES.get(name) or type_style(name, unknown)
        unknown += name not in TYPE_STYLES
        types.append({"name": name, "color": colour, "shape": shape, "count": counts[name]})
    type_index = {name: i for i, name in enumerate(type_names)}
    dates = sorted({str(e["date"]) for e, _ in mapped if e.get("date")})
    date_index = {d: i for i, d in enumerate(dates)}

    rows, info = [], []
    for event, (lat, lon) in mapped:
        fatalities = event.get("fatalities")
        rows.append(
            [
                round(lat, 5),
                round(lon, 5),
                type_index[str(event.get("event_type") or "Event")],
                date_index.get(str(event.get("date")), -1),
                fatalities if isinstance(fatalities, int) and fatalities >= 0 else -1,
            ]
        )
        info.append(_popup_fields(event))
    used_countries = {str(fields["cc"]) for fields in info if fields.get("cc")}
    place_rows = []
    for place in places:
        point = coordinates(place)
        if point:
            fields = {
                "name": place.get("name"),
                "k": place.get("kind"),
                "cc": place.get("country_code"),
                "m": place.get("mentions") or [],
                "r": place.get("reason"),
                "doc": place.get("document"),
            }
            place_rows.append([round(point[0], 5), round(point[1], 5), _compact(fields)])
    return {
        "id": "",
        "title": title,
        "types": types,
        "dates": dates,
        "ev": rows,
        "info": info,
        "places": place_rows,
        "unmapped": len(events) - len(mapped),
        "heat": heatmap,
        "attribution": ATTRIBUTION,
        "outlines": outlines(),
        "place_labels": _place_labels(mapped, places),
        "countries": {cc: n for cc, n in country_names().items() if cc in used_countries},
    }


def _popup_fields(event: Mapping[str, Any]) -> dict[str, Any]:
    place = event.get("place") or {}
    origin = event.get("origin")
    origin_point = coordinates(origin)
    confidence = event.get("confidence")
    sentences, quoted = [], set()
    for sentence in event.get("sentences") or []:
        text = str(sentence.get("text") or "").strip()
        if text and text not in quoted:  # one article may state the same sentence twice
            quoted.add(text)
            sentences.append(_sentence(sentence, event))
    notes = str(event.get("notes") or "").strip()
    documents = [str(d) for d in event.get("documents") or [] if d]
    if event.get("document") and str(event["document"]) not in documents:
        documents.insert(0, str(event["document"]))
    fields = {
        "st": event.get("sub_event_type"),
        "dp": event.get("date_precision"),
        "p": place.get("name"),
        "cc": place.get("country_code"),
        "k": place.get("kind"),
        "g": event.get("geo_precision"),
        "w": event.get("where"),
        "a1": event.get("actor1"),
        "a2": event.get("actor2"),
        "inj": event.get("injuries"),
        "s": sentences,
        "r": event.get("reason"),
        "doc": documents,
        # Notes that only repeat a source sentence would show it twice.
        "n": None if notes in quoted else notes,
        "c": round(confidence, 2) if isinstance(confidence, int | float) and confidence else None,
        "o": [
            round(origin_point[0], 5),
            round(origin_point[1], 5),
            (origin or {}).get("name") or "",
        ]
        if origin_point
        else None,
    }
    return _compact(fields)


def _sentence(sentence: Mapping[str, Any], event: Mapping[str, Any]) -> list[Any]:
    """``[text, [[start, end], ...]]``: the sentence and where the place is named in it.

    Offsets found by the geoparser (``marks``) are used when present; otherwise the place's
    name and the event's ``where`` are searched for, ignoring case.
    """
    text = str(sentence["text"])
    marks = sentence.get("marks")
    if not marks:
        names = [(event.get("place") or {}).get("name"), (event.get("origin") or {}).get("name")]
        marks = _find_all(text, [str(n) for n in names if n])
    spans, last = [], -1
    for start, end in sorted((int(s), int(e)) for s, e in marks):
        if start >= last and 0 <= start < end <= len(text):
            spans.append([start, end])
            last = end
    return [text, spans]


def _find_all(text: str, names: list[str]) -> list[list[int]]:
    """Spans of every case-insensitive occurrence of the names (str.find: no regex per name).

    >>> _find_all("Kirkuk and KIRKUK", ["kirkuk"])
    [[0, 6], [11, 17]]
    """
    folded = text.lower()
    if len(folded) != len(text):  # rare letters whose lower case is longer: offsets would drift
        folded = text
    spans = []
    for name in names:
        needle = name.lower() if folded is not text else name
        at = folded.find(needle)
        while needle and at >= 0:
            spans.append([at, at + len(needle)])
            at = folded.find(needle, at + len(needle))
    return spans


def _compact(fields: dict[str, Any]) -> dict[str, Any]:
    """Drop empty fields: at 100,000 events every key counts."""
    return {k: v for k, v in fields.items() if v not in (None, "", [])}
