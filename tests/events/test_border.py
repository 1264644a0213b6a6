"""A border of two countries named in a sentence is a place on that border, whatever shape the
two outlines' meeting takes (lines, lines and points, or only points): it used to raise a
GEOSException or a TypeError, and the document failed."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

import pytest
import shapely

from geomap.events.locate import border_place
from geomap.gazetteer.boundaries import country_shapes
from geomap.model import Document

PUBLISHED = date(2023, 5, 20)


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # Their outlines meet in lines and in isolated points.
        ("Shelling hit a village on the Russian-Ukrainian border on May 6, killing two.", "RU UA"),
        # Their outlines only touch at points.
        ("On May 6, smugglers clashed with guards on the Andorran-Spanish border.", "AD ES"),
    ],
)
def test_a_sentence_naming_a_shared_border_yields_an_event_on_it(geoparser, text, codes):
    (event,) = geoparser.parse(Document("t", text, published=PUBLISHED)).events
    place = event.place
    assert place["kind"] == "border" and event.geo_precision == 3
    point = shapely.Point(place["lon"], place["lat"])
    for code in codes.split():
        assert country_shapes()[code].boundary.distance(point) < 0.1  # degrees: on the border


def test_every_pair_of_neighbours_has_a_border_point_on_both_outlines():
    shapes = country_shapes()
    codes = list(shapes)
    tree = shapely.STRtree([shapes[c] for c in codes])
    pairs = 0
    for code in codes:
        for index in tree.query(shapes[code], predicate="touches"):
            other = codes[int(index)]
            place = border_place(
                {"name": code, "country_code": code}, {"name": other, "country_code": other}
            )
            assert place is not None, (code, other)
            point = shapely.Point(place["lon"], place["lat"])
            assert shapes[code].boundary.distance(point) < 1e-3, (code, other)
            assert shapes[other].boundary.distance(point) < 1e-3, (code, other)
            pairs += 1
    assert pairs > 300


def test_a_border_point_is_kept_for_the_next_process(tmp_path):
    # Loading every outline for one point cost each process a fifth of a second.
    script = (
        "from geomap.events.locate import border_place\n"
        "from geomap.gazetteer.boundaries import country_shapes\n"
        "a = {'name': 'Russia', 'country_code': 'RU'}\n"
        "b = {'name': 'Ukraine', 'country_code': 'UA'}\n"
        "place = border_place(a, b)\n"
        "print(place['lat'], place['lon'], country_shapes.cache_info().currsize)\n"
    )
    env = {**os.environ, "GEOMAP_CACHE_DIR": str(tmp_path)}

    def run() -> list[str]:
        done = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        )
        return done.stdout.split()

    first, second = run(), run()
    assert first[2] == "1"  # the first process measured the outlines
    assert second[:2] == first[:2] and second[2] == "0"  # the next one read the point
