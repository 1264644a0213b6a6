"""Postal codes, AP abbreviations and city nicknames: in the lookup and in running text."""

from __future__ import annotations

from pathlib import Path

import pytest

from geomap.gazetteer.sources.overlay import OverlayProblems, iter_aliases, iter_overlay
from geomap.gazetteer.store import SqliteGazetteer, haversine_km
from geomap.model import Document


def places(geoparser, text: str) -> dict[str, tuple[str | None, str | None, str]]:
    """Each mention's text → (admin1, country, kind) of the place it was resolved to."""
    result = geoparser.parse(Document("t", text))
    return {
        r.mention.text: (r.place.admin1, r.place.country_code, r.place.kind)
        for r in result.places
        if r.place
    }


# -- the lookup --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "state", "country"),
    [
        ("CA", "California", "US"),
        ("AZ", "Arizona", "US"),
        ("IL", "Illinois", "US"),
        ("NE", "Nebraska", "US"),
        ("OK", "Oklahoma", "US"),
        ("IN", "Indiana", "US"),
        ("ON", "Ontario", "CA"),
    ],
)
def test_a_postal_code_is_its_state_or_province(
    gazetteer: SqliteGazetteer, code: str, state: str, country: str
) -> None:
    top = gazetteer.lookup(code, limit=1)[0]
    assert (top.kind, top.name, top.country_code) == ("region", state, country), top


@pytest.mark.parametrize(
    ("nickname", "lat", "lon"),
    [
        ("SF", 37.77, -122.42),
        ("Bay Area", 37.75, -122.25),
        ("DFW", 32.78, -97.0),
        ("GTA", 43.7, -79.4),
        ("SoCal", 34.0, -118.0),
    ],
)
def test_a_nickname_is_its_city_or_region(
    gazetteer: SqliteGazetteer, nickname: str, lat: float, lon: float
) -> None:
    top = gazetteer.lookup(nickname, limit=1)[0]
    assert haversine_km(top.lat, top.lon, lat, lon) <= 161, top


# -- running text ------------------------------------------------------------------------------


def test_a_postal_code_after_a_town_places_it_in_that_state(geoparser) -> None:
    found = places(geoparser, "A tornado flattened two barns outside Washington, IL on Sunday.")
    assert found["Washington"][:2] == ("Illinois", "US"), found
    assert found["IL"] == ("Illinois", "US", "region"), found


def test_postal_codes_alone_name_their_states(geoparser) -> None:
    found = places(geoparser, "Red-flag warnings were posted across CA and AZ by noon.")
    assert found.get("CA") == ("California", "US", "region"), found
    assert found.get("AZ") == ("Arizona", "US", "region"), found


def test_city_nicknames_in_a_sentence(geoparser) -> None:
    found = places(geoparser, "Fares rose in SF and NYC, and rents across the Bay Area.")
    assert found.get("SF", (None,))[0] == "California", found
    assert found.get("NYC", (None,))[0] == "New York", found
    assert found.get("Bay Area", (None, None, None))[2] == "area", found


def test_codes_that_are_english_words_are_no_states_alone(geoparser) -> None:
    # "IN", "OR", "OK", "ME", "HI" stand for their states only after a town.
    found = places(geoparser, "OK, so who is IN charge? Tell ME OR HI, the memo said.")
    assert not set(found) & {"OK", "IN", "ME", "OR", "HI"}, found


# -- overlay files -----------------------------------------------------------------------------


def test_overlay_comment_rows_are_skipped_without_complaint(tmp_path: Path) -> None:
    places_csv = tmp_path / "places.csv"
    places_csv.write_text(
        "id,name,alternate_names,lat,lon,country,kind\n"
        "# Lakes the sources lack, by hand: a comment, not a place\n"
        "x:mirror-lake,Mirror Lake,,44.3,-73.98,US,sea\n",
        encoding="utf-8",
    )
    aliases_csv = tmp_path / "aliases.csv"
    aliases_csv.write_text(
        "id,names,name_type\n# Short names, one line of why\nx:mirror-lake,ML,abbr\n",
        encoding="utf-8",
    )
    problems = OverlayProblems()
    records = list(iter_overlay(places_csv, source="overlay", problems=problems))
    aliases = list(iter_aliases(aliases_csv, problems=problems))
    assert [r.name for r in records] == ["Mirror Lake"]
    assert aliases == [("x:mirror-lake", "ML", "abbr")]
    assert problems.messages == []
