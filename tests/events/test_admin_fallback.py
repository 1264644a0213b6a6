"""A place the text puts inside a district or province (gazetteer; sentences written for these
tests): the village itself when the gazetteer knows it there, else the district or province,
precision 2, never a namesake abroad."""

from __future__ import annotations

from datetime import date

from geomap.model import Document

PUBLISHED = date(2023, 5, 20)


def _event(geoparser, text: str) -> dict:
    (event,) = geoparser.parse(Document("t", text, published=PUBLISHED)).events
    return event


def test_an_unknown_village_goes_to_its_district(geoparser):
    event = _event(
        geoparser, "On 3 May 2023, gunmen killed four farmers in Dolbel (Tera, Tillaberi)."
    )
    assert (event.place["name"], event.place["country_code"], event.geo_precision) == (
        "Téra",
        "NE",
        2,
    )


def test_a_namesake_abroad_is_not_the_place(geoparser):
    # "Paris" is known only in France (and elsewhere), not in the district the text names.
    event = _event(
        geoparser, "On 3 May 2023, gunmen killed four farmers in Paris (Tera, Tillaberi)."
    )
    assert (event.place["country_code"], event.geo_precision) == ("NE", 2)


def test_a_known_village_in_its_province_is_the_village(geoparser):
    event = _event(geoparser, "On 3 May 2023, gunmen killed four farmers in Tera (Tillaberi).")
    assert (event.place["name"], event.geo_precision) == ("Téra", 1)


def test_a_quarter_is_placed_by_its_town(geoparser):
    # The quarter's name is also a town elsewhere; the text places it in Tera.
    text = "On 3 May 2023, in Tera (Tillaberi), gunmen shot a trader in the Paris neighbourhood."
    event = _event(geoparser, text)
    assert (event.place["name"], event.place["country_code"]) == ("Téra", "NE")


def test_the_parenthesised_place_beats_a_place_named_for_context(geoparser):
    # Lyon is named for the cause; the writer situates the march in Tera (Tillaberi).
    text = (
        "On 3 May 2023, in Tera (Tillaberi), teachers marched in solidarity with the "
        "strikers in Lyon."
    )
    event = _event(geoparser, text)
    assert (event.place["name"], event.place["country_code"]) == ("Téra", "NE")


def test_a_township_before_its_district_is_placed_there(geoparser):
    text = "On 3 May 2023, gunmen killed four farmers in Dolbel township (Tera, Tillaberi)."
    event = _event(geoparser, text)
    assert (event.place["name"], event.geo_precision) == ("Téra", 2)


def test_an_event_told_without_a_place_takes_the_scene_of_its_paragraph(geoparser):
    text = (
        "On 3 May 2023, soldiers surrounded a house in Tera (Tillaberi) at dawn. "
        "They arrested two men."
    )
    event = _event(geoparser, text)
    assert (event.sub_event_type, event.place["name"]) == ("Arrests", "Téra")


def test_a_name_before_a_facility_word_yields_to_the_town(geoparser):
    # "Lyon high school" is a school's name; the town it stands in is Niamey.
    text = "On 3 May 2023, teachers protested at the Lyon high school in Niamey."
    event = _event(geoparser, text)
    assert (event.place["name"], event.place["country_code"]) == ("Niamey", "NE")


def test_a_town_written_with_its_province_sets_the_scene(geoparser):
    # "Tera, Tillaberi" situates the attack; Lyon is where the traders came from.
    text = "On 3 May 2023, in Tera, Tillaberi, gunmen attacked traders coming from Lyon."
    event = _event(geoparser, text)
    assert (event.place["name"], event.place["country_code"]) == ("Téra", "NE")


def test_a_place_said_to_lie_in_a_town_but_found_far_from_it_is_a_namesake(geoparser):
    text = "On 3 May 2023, gunmen killed two farmers in Dublin village of Tera."
    event = _event(geoparser, text)
    assert (event.place["name"], event.place["country_code"]) == ("Téra", "NE")


def test_the_town_of_a_hospital_is_tied_to_the_event(geoparser):
    # "at the hospital of Tera" ties Tera as "in Tera" would; Niger is only the country.
    text = "On 3 May 2023, nurses protested at the hospital of Tera against unpaid wages in Niger."
    event = _event(geoparser, text)
    assert (event.place["name"], event.geo_precision) == ("Téra", 1)


def test_the_outermost_of_nested_holders_decides_the_country(geoparser):
    # Read alone, "Sangha" is a department of Congo; Bandiagara, the Malian district after
    # it, holds it and exists nowhere else.
    text = "On 3 May 2023, gunmen burned huts in Xqzvillage (Sangha, Bandiagara)."
    event = _event(geoparser, text)
    assert (event.place["country_code"], event.geo_precision) == ("ML", 2)


def test_a_holder_far_from_the_province_holding_it_is_a_namesake(geoparser):
    # Alone, "Santa Rosa" is a Guatemalan department; the Peruvian provinces after it say
    # which Santa Rosa, and a reading far from Ayacucho cannot be the one inside it.
    text = "On 3 May 2023, rioters burned a lorry in Xqzvillage (Santa Rosa, La Mar, Ayacucho)."
    event = _event(geoparser, text)
    assert event.place["admin1"] == "Ayacucho"


def test_city_dash_quarter_is_placed_at_the_quarter(geoparser):
    # Soshanguve lies some 30 km out of Pretoria's centre, still a quarter of the city.
    text = "On 3 May 2023, in Pretoria - Soshanguve (Gauteng), taxi owners blocked a main road."
    event = _event(geoparser, text)
    assert event.place["name"] == "Soshanguve"


def test_a_town_read_in_another_province_than_its_parenthesis_takes_the_one_inside(geoparser):
    # The larger Bozkir is in Konya; the parenthesis asks for the village of Aksaray.
    text = (
        "On 3 May 2023, a crowd stoned a suspected cattle thief to death in Bozkir"
        " (Bozkir, Aksaray)."
    )
    event = _event(geoparser, text)
    assert event.place["admin1"] == "Aksaray"


def test_a_town_found_only_in_another_province_than_the_one_written_is_a_namesake(geoparser):
    # The only Bolhrad the gazetteer knows is in Odesa province, far from Cherkasy: the
    # writer's Bolhrad is another one, and the province written places the event.
    event = _event(geoparser, "On 3 May 2023, shells hit farms in Bolhrad district, Cherkasy.")
    assert (event.place["admin1"], event.geo_precision) == ("Cherkaska oblast", 2)


def test_initials_in_a_parenthesis_do_not_outvote_a_named_province(geoparser):
    # "DC" alone is Washington's district, and a small Bogota lies in New Jersey; the words
    # around the initials name Colombia's capital district.
    text = (
        "On 3 May 2023, in Bogota - Kennedy (Capital District, DC), bus drivers blocked an"
        " avenue for hours."
    )
    event = _event(geoparser, text)
    assert event.place["country_code"] == "CO"
