"""Which of a sentence's places is the event's (gazetteer; sentences written for these tests)."""

from __future__ import annotations

import subprocess
import sys

from geomap.model import Document
from tests.events.test_admin_fallback import PUBLISHED, _event  # the one event of a sentence


def test_a_town_said_to_lie_in_a_province_abroad_is_a_namesake(geoparser):
    # "Paris town in Tillaberi": the words put this Paris in Niger, not in France.
    event = _event(
        geoparser, "On 3 May 2023, gunmen killed four farmers in Paris town in Tillaberi."
    )
    assert (event.place["country_code"], event.geo_precision) == ("NE", 2)


def test_a_front_line_named_after_a_town_is_placed_by_its_parenthesis(geoparser):
    # "Paris axis (Tera)": a front near the town of Tera, whatever else is called Paris.
    event = _event(
        geoparser, "On 3 May 2023, soldiers shelled rebel positions in Paris axis (Tera)."
    )
    assert (event.place["name"], event.place["country_code"]) == ("Téra", "NE")


def test_a_place_named_for_solidarity_does_not_move_the_event(geoparser):
    event = _event(geoparser, "On 3 May 2023, a rally in Paris in support of Kyiv drew thousands.")
    assert (event.place["name"], event.place["country_code"]) == ("Paris", "FR")


def test_a_town_written_with_its_province_read_as_the_capital_sets_the_scene(geoparser):
    # "Soyapango, San Salvador": the department is found as its capital, a few km away; the
    # canton named after it is a namesake abroad, not the place.
    text = "On 3 May 2023, in Soyapango, San Salvador, gunmen shot a trader in the Paris canton."
    event = _event(geoparser, text)
    assert (event.place["name"], event.place["country_code"]) == ("Soyapango", "SV")


def test_a_town_written_with_a_province_of_the_same_name_sets_the_scene(geoparser):
    text = "On 3 May 2023, in Colima municipality, Colima, gunmen shot a trader in Paris."
    event = _event(geoparser, text)
    assert event.place["country_code"] == "MX"


def test_where_a_victim_came_from_is_not_where_the_event_happened(geoparser):
    # "a trader from Tera": his home town; the arrest happened at the checkpoint in Niamey.
    text = "On 3 May 2023, soldiers arrested a trader from Tera at a checkpoint in Niamey."
    event = _event(geoparser, text)
    assert event.place["name"] == "Niamey"


def test_an_origin_situated_by_its_province_stays_the_most_precise_place(geoparser):
    # "from Tera town in Niamey region": the region (named after its capital) only situates
    # the town; the child's town is the most precise place the sentence gives.
    text = "On 3 May 2023, soldiers beat a child from Tera town in Niamey region."
    event = _event(geoparser, text)
    assert (event.place["name"], event.geo_precision) == ("Téra", 1)


def test_a_municipality_found_as_a_district_written_with_its_province_sets_the_scene(geoparser):
    text = "On 3 May 2023, in Macuspana, Tabasco, gunmen shot a trader in the Paris canton."
    event = _event(geoparser, text)
    assert (event.place["name"], event.place["country_code"]) == ("Macuspana", "MX")


def test_a_list_of_towns_is_not_a_town_and_its_province(geoparser):
    # "Marte, Ngala and Paris" goes on: its first two names are not "Town, District".
    event = _event(
        geoparser, "On 3 May 2023, rebels attacked villages in Gwoza, Marte, Ngala and Paris."
    )
    assert event.place["name"] == "Gwoza"


def test_a_people_named_as_an_actor_does_not_place_the_event(geoparser):
    # "Malian fighters" says whose fighters, not where: the scene was set before, near Tera.
    text = (
        "On 3 May 2023, a rebel column tried to cross the river near Tera, Tillaberi region. "
        "Nigerien soldiers killed 40 Malian fighters."
    )
    event = _event(geoparser, text)
    assert (event.place["name"], event.place["country_code"]) == ("Téra", "NE")


def test_a_place_in_the_cause_of_a_protest_is_not_where_it_was_held(geoparser):
    # The protest was held in the region; Niamey is where the killing it denounces happened.
    text = (
        "On 3 May 2023, teachers held a protest in the Tillaberi region to denounce the "
        "killing of a colleague in Niamey."
    )
    event = _event(geoparser, text)
    assert event.place["name"] == "Tillabéri"


def test_a_more_precise_place_of_the_event_itself_still_wins(geoparser):
    # No purpose words: "killing a trader in Niamey" tells where the shelling struck.
    text = (
        "On 3 May 2023, soldiers shelled rebel positions in the Tillaberi region, killing a "
        "trader in Niamey."
    )
    event = _event(geoparser, text)
    assert event.place["name"] == "Niamey"


def test_in_town_comma_holder_the_town_is_the_place(geoparser):
    # "in Tera, Gotheye": the name after the bare comma situates the first, most local one,
    # even when it stands nearer the verb of a second clause.
    text = "On 3 May 2023, gunmen shot dead a trader in Tera, Gotheye, and stole his motorbike."
    event = _event(geoparser, text)
    assert event.place["name"] == "Téra"


def test_a_site_named_after_a_town_40_km_away_stays_in_the_scene_the_writer_set(geoparser):
    # "the Chapala bus terminal" is a site in Guadalajara, the place the writer gave with its
    # province; Chapala the town lies some 40 km away, further than the town's surroundings.
    text = (
        "On 3 May 2023, in Guadalajara (Jalisco), gunmen shot dead a man at the Chapala bus "
        "terminal."
    )
    event = _event(geoparser, text)
    assert event.place["name"] == "Guadalajara"


def test_a_village_written_with_its_town_is_placed_by_the_town(geoparser):
    # "Paris village, Tera": an address, village then town; this Paris is not in France.
    text = "On 3 May 2023, soldiers shelled rebel positions in Paris village, Tera."
    event = _event(geoparser, text)
    assert (event.place["name"], event.place["country_code"]) == ("Téra", "NE")


def test_a_name_shared_by_a_province_and_its_town_is_the_town(geoparser):
    # Suceava names a Romanian county and the town that is its seat; no word here makes it
    # the county, so the march went through the town.
    event = _event(geoparser, "On 3 May 2023, nurses marched through Suceava over unpaid wages.")
    assert (event.place["kind"], event.geo_precision) == ("city", 1)


def test_an_event_known_only_by_its_province_is_put_at_the_province_seat(geoparser):
    # ACLED codes a province-level event to the province's seat, not the middle of the map;
    # the words still make it a province, so the precision stays 2.
    text = "On 3 May 2023, nurses marched across Suceava county over unpaid wages."
    event = _event(geoparser, text)
    assert (event.place["kind"], event.geo_precision) == ("city", 2)
    assert event.place["name"] == "Suceava"


def test_a_province_holding_a_town_is_not_read_as_its_namesake_town(geoparser):
    # "Somewhere, Province": the second name holds the first, so the event is only known to
    # lie in the province (at its seat, precision 2), not in the seat itself.
    text = "On 3 May 2023, nurses marched in Xqzvillage, Suceava over unpaid wages."
    event = _event(geoparser, text)
    place = event.place
    assert (place["name"], place["kind"], event.geo_precision) == ("Suceava", "city", 2)


def test_a_village_unknown_to_the_gazetteer_is_put_at_its_district_seat(geoparser):
    text = "On 3 May 2023, gunmen burned a granary in Xqzvillage (Soria, Castilla y Leon)."
    event = _event(geoparser, text)
    assert (event.place["kind"], event.geo_precision) == ("city", 2)


def test_a_town_followed_by_the_province_holding_it_is_the_place(geoparser):
    # "X town in Y region": the region only situates the town, cued or not.
    text = "On 3 May 2023, residents of Radauti town in Suceava region blocked the main road."
    event = _event(geoparser, text)
    assert (event.place["name"], event.geo_precision) == ("Rădăuți", 1)


def test_a_province_name_read_as_a_town_is_the_province_when_the_words_say_so(geoparser):
    # "Kostanay" alone is first the city of that name, some 400 km from Arkalyk; followed
    # by "region" it is the province, and the province holds Arkalyk.
    text = "On 3 May 2023, residents of Arkalyk town in Kostanay region blocked a road."
    event = _event(geoparser, text)
    assert (event.place["name"], event.geo_precision) == ("Arkalyk", 1)


def test_the_countryside_of_a_town_is_near_that_town(geoparser):
    text = "On 3 May 2023, troops shelled a farm in the countryside of Radauti in Suceava region."
    event = _event(geoparser, text)
    assert (event.place["name"], event.geo_precision) == ("Rădăuți", 2)


def test_a_province_name_called_a_city_is_the_city_of_that_name(geoparser):
    # "Parana" alone is first the Brazilian state, which holds no town of its name; called
    # a city, it is the Argentine city of Parana.
    text = "On 3 May 2023, hundreds of teachers rallied in Parana city over late salaries."
    event = _event(geoparser, text)
    assert (event.place["kind"], event.place["country_code"]) == ("city", "AR")


def test_a_district_called_a_town_keeps_its_own_country_and_province(geoparser):
    # No town of the name inside the district: the district, not a namesake village.
    text = "On 3 May 2023, students rallied in Kartal town, Istanbul, over tuition fees."
    event = _event(geoparser, text)
    assert event.place["kind"] == "district"


def test_the_place_before_a_parenthesis_is_the_town_not_its_namesake_province(geoparser):
    text = (
        "On 3 May 2023, in Suceava - Old Town (Suceava), a shopkeeper was stabbed near the"
        " bus station."
    )
    event = _event(geoparser, text)
    assert (event.place["kind"], event.geo_precision) == ("city", 1)


def test_town_comma_province_takes_the_reading_inside_that_province(geoparser):
    # "Nizip city, Gaziantep": the Nizip in that province sets the scene; Kilis, named for
    # the cause of the march, does not.
    text = (
        "On 3 May 2023, traders rallied for the prisoners held in Kilis city at a march in"
        " Nizip city, Gaziantep."
    )
    event = _event(geoparser, text)
    assert event.place["name"] == "Nizip"


def test_a_quarter_named_with_colonia_is_not_a_town_abroad(geoparser):
    # "Colonia Centro" is a quarter of the town already named; the second killing stays
    # in Mexico and joins the first.
    text = (
        "On 3 May 2023, gunmen killed a taxi driver in Ensenada, Baja California, in"
        " Colonia Centro. Later, in Ensenada, a baker was shot dead in Colonia Moderna."
    )
    events = geoparser.parse(Document("t", text, published=PUBLISHED)).events
    assert {e.place["country_code"] for e in events if e.place} == {"MX"}


def test_a_name_after_a_town_and_a_comma_is_the_province_holding_it(geoparser):
    # "Russian" draws "Armavir" to the Russian town of that name; set after "Xqzvillage,"
    # it holds the village: the Armenian province, at its seat, precision 2.
    event = _event(geoparser, "On 3 May 2023, Russian forces shelled Xqzvillage, Armavir.")
    assert (event.place["country_code"], event.geo_precision) == ("AM", 2)


def test_a_name_the_words_make_a_province_may_be_a_province_abroad(geoparser):
    text = "On 3 May 2023, Russian troops shelled a depot in Armavir region."
    event = _event(geoparser, text)
    assert (event.place["country_code"], event.geo_precision) == ("AM", 2)


def test_a_namesake_abroad_is_put_at_the_seat_of_the_province_written(geoparser):
    # No French capital lies in a Romanian county: the county places the event, at its seat
    # (the town of the same name), as ACLED codes a province-level event.
    text = "On 3 May 2023, gunmen shot a trader in Paris town in Suceava county."
    event = _event(geoparser, text)
    place = event.place
    assert (place["name"], place["kind"], event.geo_precision) == ("Suceava", "city", 2)


def test_a_village_found_only_as_its_province_is_put_at_the_province_seat(geoparser):
    # The geoparser places the unknown village at the province the sentence names; the
    # mention of the province itself knows the seat.
    event = _event(geoparser, "On 3 May 2023, drones hit a barn in Xqzivka, Cherkasy region.")
    assert (event.place["name"], event.geo_precision) == ("Cherkasy", 2)


def test_a_town_that_only_begins_with_the_province_name_is_not_its_seat(geoparser):
    # Brandenburg an der Havel carries the state's name but is not its seat, and the
    # gazetteer has no town called Brandenburg alone: the state itself places the protest.
    text = "On 3 May 2023, farmers protested in Brandenburg state against diesel prices."
    event = _event(geoparser, text)
    assert (event.place["kind"], event.geo_precision) == ("region", 2)


def test_a_province_seat_called_city_is_the_seat(geoparser):
    # "Tarlac City" is the seat of Tarlac province: "City" after the name keeps it the seat.
    text = "On 3 May 2023, dock workers protested across Tarlac province over unpaid wages."
    event = _event(geoparser, text)
    assert (event.place["name"], event.geo_precision) == ("Tarlac City", 2)


def test_a_long_run_of_capitalised_words_between_two_places_is_read_quickly(gazetteer_path):
    # Thirty capitalised words between a town and its region, ended by a parenthesis: a
    # pattern that could split the run many ways took minutes; it now takes milliseconds.
    words = " ".join(["Northern", "Front", "Fighters", "Held", "Him"] * 6)
    text = (
        f"On 3 May 2023, soldiers beat a child from Tera town, {words} (aged 12) in Niamey region."
    )
    script = (
        "import datetime, sys\n"
        "from geomap.gazetteer.store import SqliteGazetteer\n"
        "from geomap.geoparse.parser import Geoparser\n"
        "from geomap.model import Document\n"
        "parser = Geoparser(SqliteGazetteer(sys.argv[1]), offline=True)\n"
        "for text in (sys.argv[2], sys.argv[2].upper()):\n"
        "    document = Document('t', text, published=datetime.date(2023, 5, 4))\n"
        "    print(len(parser.parse(document).events))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(gazetteer_path), text],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["1", "1"]
