"""Lookups on the real gazetteer database: the answers users rely on, and hostile input."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from geomap.errors import InputError
from geomap.gazetteer.lookup import ACCEPT_SCORE
from geomap.gazetteer.store import MAX_NAME_LENGTH, SqliteGazetteer, haversine_km
from geomap.model import KINDS, Candidate

TOLERANCE = 0.05  # degrees


def first(gazetteer: SqliteGazetteer, name: str, **options) -> Candidate:
    found = gazetteer.lookup(name, **options)
    assert found, f"nothing found for {name!r} {options}"
    return found[0]


def near(candidate: Candidate, lat: float, lon: float, tolerance: float = TOLERANCE) -> bool:
    return abs(candidate.lat - lat) <= tolerance and abs(candidate.lon - lon) <= tolerance


# -- must-shows ------------------------------------------------------------------------------


@pytest.mark.parametrize("spelling", ["Abu Kamal", "Albu Kamal", "Al-Bukamal", "Al Bukamal"])
def test_abu_kamal_is_in_syria(gazetteer: SqliteGazetteer, spelling: str) -> None:
    top = first(gazetteer, spelling)
    assert top.country_code == "SY"
    assert near(top, 34.45, 40.92), top


@pytest.mark.parametrize("spelling", ["Al-Qa'im", "Al Qaim", "Al Qā’im", "al-Qaʿim", "Al Qa`im"])
def test_al_qaim_is_in_iraq(gazetteer: SqliteGazetteer, spelling: str) -> None:
    top = first(gazetteer, spelling)
    assert top.country_code == "IQ"
    assert near(top, 34.39, 40.99), top


def test_ain_al_assad_is_the_air_base(gazetteer: SqliteGazetteer) -> None:
    top = first(gazetteer, "Ain al-Assad")
    assert top.kind == "military"
    assert top.country_code == "IQ"
    assert near(top, 33.79, 42.44), top
    assert "asad" in top.name.lower()


def test_ayn_al_asad_offers_the_air_base(gazetteer: SqliteGazetteer) -> None:
    found = gazetteer.lookup("Ayn al Asad", country="IQ")
    assert found and near(found[0], 33.79, 42.44), found


def test_taji_in_iraq(gazetteer: SqliteGazetteer) -> None:
    top = first(gazetteer, "Taji", country="IQ")
    assert haversine_km(top.lat, top.lon, 33.52, 44.26) <= 25, top


def test_the_taji_base_is_the_air_field_without_a_country(gazetteer: SqliteGazetteer) -> None:
    top = first(gazetteer, "the Taji base")
    assert top.kind == "military"
    assert top.country_code == "IQ"
    assert haversine_km(top.lat, top.lon, 33.52, 44.26) <= 25, top


def test_kirkuk(gazetteer: SqliteGazetteer) -> None:
    top = first(gazetteer, "Kirkuk")
    assert top.country_code == "IQ"
    assert haversine_km(top.lat, top.lon, 35.47, 44.39) <= 60, top  # the city or its province


def test_baghdad_international_airport(gazetteer: SqliteGazetteer) -> None:
    top = first(gazetteer, "Baghdad International Airport")
    assert top.kind == "airport"
    assert near(top, 33.26, 44.23), top


@pytest.mark.parametrize(
    ("name", "country", "lat", "lon"),
    [
        ("Heathrow", "GB", 51.47, -0.46),
        ("Gatwick", "GB", 51.15, -0.19),
        ("O'Hare", "US", 41.98, -87.9),
    ],
)
def test_an_airport_is_found_by_its_own_name(
    gazetteer: SqliteGazetteer, name: str, country: str, lat: float, lon: float
) -> None:
    # "London Heathrow Airport" is "Heathrow" in the news; a town called Heathrow stays too.
    airports = [c for c in gazetteer.lookup(name, limit=10) if c.kind == "airport"]
    assert airports, name
    assert airports[0].country_code == country
    assert haversine_km(airports[0].lat, airports[0].lon, lat, lon) < 5


def test_a_common_word_left_of_an_airport_name_is_not_the_airport(
    gazetteer: SqliteGazetteer,
) -> None:
    # "Scribner State Airport" serves Scribner: it is no place called "State".
    assert all(c.kind != "airport" for c in gazetteer.lookup("State", limit=25))


def test_arabian_sea_is_a_sea(gazetteer: SqliteGazetteer) -> None:
    top = first(gazetteer, "Arabian Sea")
    assert top.kind == "sea"
    assert top.name == "Arabian Sea"


def test_iraq_is_a_country(gazetteer: SqliteGazetteer) -> None:
    top = first(gazetteer, "Iraq")
    assert (top.kind, top.country_code) == ("country", "IQ")


@pytest.mark.parametrize("demonym", ["Iraqi", "Iraqis"])
def test_demonym_gives_the_country(gazetteer: SqliteGazetteer, demonym: str) -> None:
    top = first(gazetteer, demonym)
    assert (top.kind, top.country_code) == ("country", "IQ")


@pytest.mark.parametrize(
    ("demonym", "kind", "name"),
    [
        ("Texans", "region", "Texas"),
        ("Ohioan", "region", "Ohio"),
        ("Bavarian", "region", "Bayern"),
        ("Korean", "area", "Korean Peninsula"),
    ],
)
def test_people_of_a_region_give_the_region(
    gazetteer: SqliteGazetteer, demonym: str, kind: str, name: str
) -> None:
    top = first(gazetteer, demonym)
    assert (top.kind, top.name) == (kind, name)


def test_paris_is_france_first(gazetteer: SqliteGazetteer) -> None:
    top = first(gazetteer, "Paris")
    assert top.country_code == "FR"
    assert near(top, 48.85, 2.35, tolerance=0.1), top


def test_paris_near_texas_is_paris_texas(gazetteer: SqliteGazetteer) -> None:
    top = first(gazetteer, "Paris", near=(33.66, -95.55))
    assert top.country_code == "US"
    assert near(top, 33.66, -95.55, tolerance=0.1), top


# -- filters, limit, fields -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "lat", "lon"),
    [("city", 35.47, 44.39), ("military", 35.47, 44.35), ("airport", None, None)],
)
def test_kind_filter(gazetteer: SqliteGazetteer, kind: str, lat, lon) -> None:
    found = gazetteer.lookup("Kirkuk", kind=kind)
    assert all(c.kind == kind for c in found), found
    if lat is not None:
        assert found and near(found[0], lat, lon, tolerance=0.1), found


def test_kind_filter_can_leave_nothing(gazetteer: SqliteGazetteer) -> None:
    assert gazetteer.lookup("Arabian Sea", kind="city") == []


@pytest.mark.parametrize("code", ["US", "us", " us "])
def test_country_filter(gazetteer: SqliteGazetteer, code: str) -> None:
    found = gazetteer.lookup("Paris", country=code)
    assert len(found) > 1
    assert {c.country_code for c in found} == {"US"}


def test_well_formed_but_unused_country_code_finds_nothing(gazetteer: SqliteGazetteer) -> None:
    assert gazetteer.lookup("Paris", country="ZZ") == []


def test_empty_country_means_no_filter(gazetteer: SqliteGazetteer) -> None:
    assert first(gazetteer, "Paris", country="").country_code == "FR"


@pytest.mark.parametrize("limit", [1, 2, 5])
def test_limit(gazetteer: SqliteGazetteer, limit: int) -> None:
    found = gazetteer.lookup("Paris", limit=limit)
    assert len(found) == limit
    assert found == gazetteer.lookup("Paris", limit=50)[:limit]


@pytest.mark.parametrize("limit", [0, -3])
def test_limit_below_one_gives_nothing(gazetteer: SqliteGazetteer, limit: int) -> None:
    assert gazetteer.lookup("Paris", limit=limit) == []


def test_candidates_are_ranked_and_unique(gazetteer: SqliteGazetteer) -> None:
    found = gazetteer.lookup("Paris", limit=50)
    scores = [c.score for c in found]
    assert scores == sorted(scores, reverse=True)
    assert len({c.id for c in found}) == len(found)


def test_candidate_fields(gazetteer: SqliteGazetteer) -> None:
    top = first(gazetteer, "Abu Kamal")
    assert top.name
    assert isinstance(top.lat, float) and isinstance(top.lon, float)
    assert top.country_code == "SY"
    assert top.admin1  # the governorate
    assert top.kind == "city" and top.kind in KINDS
    assert isinstance(top.population, int) and top.population > 1000
    assert top.source == "geonames"
    assert top.id.startswith("geonames:") and top.id.split(":", 1)[1].isdigit()
    assert top.score >= ACCEPT_SCORE > 0
    data = top.to_dict()
    assert {
        "name",
        "lat",
        "lon",
        "country_code",
        "admin1",
        "kind",
        "population",
        "source",
        "id",
        "score",
    } <= set(data)


def test_get_by_id_and_country(gazetteer: SqliteGazetteer) -> None:
    top = first(gazetteer, "Abu Kamal")
    again = gazetteer.get(top.id)
    assert again is not None
    assert (again.id, again.name, again.lat, again.lon) == (top.id, top.name, top.lat, top.lon)
    assert gazetteer.get("geonames:0") is None
    iraq = gazetteer.country("iq")
    assert iraq is not None and (iraq.kind, iraq.country_code) == ("country", "IQ")
    assert gazetteer.country("ZZ") is None


def test_info_counts(gazetteer: SqliteGazetteer) -> None:
    info = gazetteer.info()
    assert info["places"] > 100_000
    assert info["names"] >= info["places"]
    rows = info["by_source_and_kind"]
    kinds = {row["kind"] for row in rows}
    assert {"city", "country", "region", "airport", "military", "sea"} <= kinds
    assert sum(row["places"] for row in rows) <= info["places"]


# -- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["", " ", "\t\n  "])
def test_empty_name_is_an_input_error(gazetteer: SqliteGazetteer, name: str) -> None:
    with pytest.raises(InputError, match="empty"):
        gazetteer.lookup(name)


@pytest.mark.parametrize("name", [None, 42, b"Paris"])
def test_non_text_name_is_an_input_error(gazetteer: SqliteGazetteer, name) -> None:
    with pytest.raises(InputError):
        gazetteer.lookup(name)


def test_very_long_name_is_refused_clearly(gazetteer: SqliteGazetteer) -> None:
    with pytest.raises(InputError, match=r"too long.*10,000") as caught:
        gazetteer.lookup("x" * 10_000)
    assert str(MAX_NAME_LENGTH) in str(caught.value)


def test_name_at_the_length_limit_is_looked_up(gazetteer: SqliteGazetteer) -> None:
    assert gazetteer.lookup("Paris " + "x" * (MAX_NAME_LENGTH - 6)) == []


@pytest.mark.parametrize(
    "name",
    [
        "'; DROP TABLE places; --",
        "Paris'; DELETE FROM names WHERE '1'='1",
        '"Paris"',
        "Par\x00is",
        "\x00",
        "\x1b[31mBaghdad\x1b[0m",
        "Bag\x07hdad\x7f",
        "%",
        "_",
        "*",
        "\ud800",  # a lone surrogate
        "🏳️‍🌈",
        "بغداد",
    ],
)
def test_hostile_names_do_not_crash_or_change_the_database(
    gazetteer: SqliteGazetteer, gazetteer_path: Path, name: str
) -> None:
    before = _counts(gazetteer_path)
    found = gazetteer.lookup(name)
    assert isinstance(found, list)
    assert all(isinstance(c, Candidate) for c in found)
    assert _counts(gazetteer_path) == before
    assert gazetteer.lookup("Kirkuk")  # still answering


@pytest.mark.parametrize("name", ["%", "_", "*"])
def test_wildcards_are_not_wildcards(gazetteer: SqliteGazetteer, name: str) -> None:
    assert gazetteer.lookup(name) == []


def test_quotes_around_a_name_are_ignored(gazetteer: SqliteGazetteer) -> None:
    assert first(gazetteer, '"Kirkuk"').country_code == "IQ"


@pytest.mark.parametrize("code", ["ZZZ", "1", "I", "IRQ", "12", "Iraq"])
def test_unknown_country_code_is_an_input_error(gazetteer: SqliteGazetteer, code: str) -> None:
    with pytest.raises(InputError, match="country"):
        gazetteer.lookup("Paris", country=code)


@pytest.mark.parametrize("kind", ["planet", "City ", "cities", "airbase"])
def test_unknown_kind_is_an_input_error(gazetteer: SqliteGazetteer, kind: str) -> None:
    with pytest.raises(InputError, match="kind") as caught:
        gazetteer.lookup("Paris", kind=kind)
    assert "city" in str(caught.value)  # the message lists the kinds


def test_a_bare_facility_phrase_is_not_a_trusted_town(gazetteer: SqliteGazetteer) -> None:
    trusted = [c for c in gazetteer.lookup("the air base") if c.score >= ACCEPT_SCORE]
    assert all("air" in c.name.lower() for c in trusted), trusted


def _counts(path: Path) -> tuple[int, int, list[str]]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        places = connection.execute("SELECT COUNT(*) FROM places").fetchone()[0]
        names = connection.execute("SELECT COUNT(*) FROM names").fetchone()[0]
        tables = [
            r[0]
            for r in connection.execute(
                "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"
            )
        ]
    return places, names, tables
