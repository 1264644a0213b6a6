"""How a name is held ranks its places: own names over other names, facilities by their name."""

from __future__ import annotations

import pytest

from geomap.gazetteer.lookup import geocode
from geomap.gazetteer.names import fold
from geomap.gazetteer.store import SqliteGazetteer, alternate_kind


@pytest.mark.parametrize("name", ["Salem", "Franklin", "Hudson", "Milford", "Centerville"])
def test_a_town_of_that_name_outranks_a_city_with_it_as_an_old_name(
    gazetteer: SqliteGazetteer, name: str
) -> None:
    # Jerusalem, Columbus, Jersey City, Newark and Fremont list these among their historical
    # or colloquial names; towns bear them as their own.
    top = gazetteer.lookup(name, limit=1)[0]
    assert fold(top.name) == fold(name), top


@pytest.mark.parametrize(
    ("name", "country"),
    [("Bombay", "IN"), ("Calcutta", "IN"), ("Odessa", "UA"), ("Kiev", "UA")],
)
def test_a_well_known_other_name_of_a_large_city_still_wins(
    gazetteer: SqliteGazetteer, name: str, country: str
) -> None:
    # Population still carries the names the world uses: a small town of that name does not
    # take "Bombay" from Mumbai, nor "Odessa" (a spelling of Odesa) from Ukraine.
    assert gazetteer.lookup(name, limit=1)[0].country_code == country


def test_an_air_field_named_by_the_query_outranks_a_town_by_another_spelling(
    gazetteer: SqliteGazetteer,
) -> None:
    # "Taji" is the whole distinctive name of Al Taji Army Air Field; Taiji, Japan only
    # lists it as a spelling.
    top = geocode(gazetteer, "Taji", offline=True)[0]
    assert (top.kind, top.country_code) == ("military", "IQ"), top


def test_a_fuzzy_match_through_another_spelling_counts_less(
    gazetteer: SqliteGazetteer,
) -> None:
    # "Kusshiro" misspells Kushiro's own name; "Kushiyara" (a river in Bangladesh) is only
    # close to "Kushira", one of Kushiro's alternates: two steps away from the town.
    direct = next(c for c in gazetteer.lookup("Kusshiro") if c.name == "Kushiro")
    drifted = [c for c in gazetteer.lookup("Kushiyara") if c.name == "Kushiro"]
    assert not drifted or drifted[0].score < 0.85 * direct.score


@pytest.mark.parametrize(
    ("alternate", "name", "relation"),
    [
        ("Odessa", "Odesa", "spelling"),
        ("Kiev", "Kyiv", "spelling"),
        ("Gaza", "Gaza City", "short"),
        ("Zion", "Jerusalem", "other"),
        ("Milford", "Newark", "other"),
        ("City", "Mexico City", "other"),
    ],
)
def test_spellings_and_short_forms_are_told_from_other_names(
    alternate: str, name: str, relation: str
) -> None:
    assert alternate_kind(alternate, name) == relation


def test_a_seat_of_government_keeps_its_city_over_a_town_of_that_name(
    gazetteer: SqliteGazetteer,
) -> None:
    # "the White House" is Washington (geomap's own alias), not White House, Tennessee.
    assert gazetteer.lookup("White House", limit=1)[0].admin1 == "District of Columbia"


def test_a_facility_does_not_weaken_the_town_it_is_named_after(
    gazetteer: SqliteGazetteer,
) -> None:
    # St Michael Airport (Alaska) is no reason to doubt "St. Michael" for Saint Michael.
    top = gazetteer.lookup("St. Michael", limit=1)[0]
    assert top.kind == "city", top


def test_a_short_form_of_a_city_is_not_weakened_by_a_state_of_that_name(
    gazetteer: SqliteGazetteer,
) -> None:
    # "New York" is the state's own name and New York City's short form: both stay readings.
    found = gazetteer.lookup("New York", limit=5)
    assert {c.kind for c in found[:2]} == {"region", "city"}, found
