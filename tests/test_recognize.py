"""Recognition: which spans of an article are place mentions, with what role and flags.

Each test is a short article written for the hazard it checks; the places come from all over the
world so that a rule tuned to one region cannot pass by accident.
"""

from __future__ import annotations

import pytest

from geomap.model import Document, Mention


@pytest.fixture(scope="module")
def recognizer(geoparser):
    return geoparser.recognizer


def texts(mentions: list[Mention]) -> list[str]:
    return [m.text for m in mentions]


def by_text(mentions: list[Mention], surface: str) -> Mention:
    found = [m for m in mentions if m.text == surface]
    assert found, f"no mention {surface!r} in {texts(mentions)}"
    return found[0]


def assert_offsets(text: str, mentions: list[Mention]) -> None:
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text), m
        assert text[m.start : m.end] == m.text, m


# -- multiword names -------------------------------------------------------------------------


def test_multiword_names_are_one_mention(recognizer):
    text = (
        "Fighting continued in the Democratic Republic of the Congo while pirates roamed the "
        "Gulf of Aden and tankers queued in the Strait of Hormuz."
    )
    mentions = recognizer.mentions(text)
    assert texts(mentions) == [
        "Democratic Republic of the Congo",
        "Gulf of Aden",
        "Strait of Hormuz",
    ]
    assert_offsets(text, mentions)


def test_multiword_city_name_with_particles(recognizer):
    text = "Ministers travelled between Ho Chi Minh City, Rio de Janeiro, then Le Mans."
    assert texts(recognizer.mentions(text)) == ["Ho Chi Minh City", "Rio de Janeiro", "Le Mans"]


def test_name_followed_by_lower_case_generic_word_is_kept(recognizer):
    text = "Fishermen worked the Nile river while a drone hit the Ain al-Asad air base."
    found = texts(recognizer.mentions(text))
    assert "Nile" in found
    assert any(t.startswith("Ain al-Asad") for t in found)


def test_name_with_elided_particle(recognizer):
    text = "Cocoa prices rose in Côte d'Ivoire and Côte d’Ivoire exported more."
    assert texts(recognizer.mentions(text)) == ["Côte d'Ivoire", "Côte d’Ivoire"]


def test_name_never_spans_a_sentence_end(recognizer):
    text = "Storms flooded Macon and Savannah. Georgia declared an emergency."
    mentions = recognizer.mentions(text)
    assert texts(mentions) == ["Macon", "Savannah", "Georgia"]


def test_name_with_lower_case_es_particle(recognizer):
    text = "Ships docked at Dar es Salaam after leaving Port of Spain."
    assert texts(recognizer.mentions(text)) == ["Dar es Salaam", "Port of Spain"]


def test_possessive_place_names(geoparser):
    text = "Kenya's capital, Russia's army, Iraq’s oil and Peru's coast were in the news."
    places = geoparser.parse(Document("d", text)).places
    assert [p.mention.text.rstrip("'’s") for p in places] == ["Kenya", "Russia", "Iraq", "Peru"]
    assert [p.place.country_code for p in places] == ["KE", "RU", "IQ", "PE"]
    assert all(p.place.kind == "country" for p in places)


# -- capitalisation and common words ---------------------------------------------------------


def test_lower_case_words_are_not_places(recognizer):
    text = "We ate turkey in march and grilled chicken in may. Officials in Turkey said so."
    mentions = recognizer.mentions(text)
    assert texts(mentions) == ["Turkey"]
    assert mentions[0].start == text.index("Turkey")


def test_month_may_is_not_a_place(recognizer):
    text = "May the talks succeed, the envoy said. They resume in May in Lima."
    assert texts(recognizer.mentions(text)) == ["Lima"]


def test_sentence_initial_common_word_is_not_a_town(recognizer):
    text = "Reading the report, officials in Nairobi were alarmed. March brought more rain."
    assert texts(recognizer.mentions(text)) == ["Nairobi"]


def test_large_city_that_is_also_a_word_mid_sentence(recognizer):
    text = "Storms hit Atlanta overnight and flights were cancelled."
    assert texts(recognizer.mentions(text)) == ["Atlanta"]


def test_town_that_is_a_common_word_mid_sentence(recognizer):
    text = "Reading the report, she frowned. Later she travelled to Reading by train."
    mentions = recognizer.mentions(text)
    assert texts(mentions) == ["Reading"]
    assert mentions[0].start == text.rindex("Reading")


# -- people ----------------------------------------------------------------------------------


def test_titled_person_and_later_surname_are_not_places(recognizer):
    text = (
        "General Kenneth Mackenzie said the strikes were over. Mackenzie told reporters in "
        "Nairobi that more would come. Later, Mackenzie flew home."
    )
    assert texts(recognizer.mentions(text)) == ["Nairobi"]


def test_surname_before_speech_verb_is_not_a_place(recognizer):
    text = "Mackenzie told reporters the mission was over. Troops left Kandahar."
    assert texts(recognizer.mentions(text)) == ["Kandahar"]


def test_full_name_of_a_politician_is_not_a_place(recognizer):
    text = "Donald Trump spoke in Ohio. Trump later flew to Florida."
    assert "Trump" not in " ".join(texts(recognizer.mentions(text)))
    assert set(texts(recognizer.mentions(text))) == {"Ohio", "Florida"}


def test_senator_surname_alone_later_is_not_a_place(recognizer):
    text = "Sen. Vincent Fumo spoke in Philadelphia. Later, Fumo returned to Harrisburg."
    assert texts(recognizer.mentions(text)) == ["Philadelphia", "Harrisburg"]


# -- acronyms and abbreviations --------------------------------------------------------------


def test_country_acronyms_are_places_and_other_capitals_are_not(recognizer):
    text = (
        "Our US partners joined U.S. Navy crews beside UK officers. "
        "NATO, a CEO plus FBI agents were briefed."
    )
    mentions = recognizer.mentions(text)
    assert texts(mentions) == ["US", "U.S.", "UK"]
    assert_offsets(text, mentions)


def test_uae_acronym_is_a_place(recognizer):
    text = "Officials from the UAE met envoys in Doha."
    assert texts(recognizer.mentions(text)) == ["UAE", "Doha"]


def test_a_common_word_a_list_calls_a_county_is_a_place(recognizer):
    # "Orange" alone is a colour; before "and Los Angeles counties" it is Orange County.
    text = "He toured Orange and Los Angeles counties, and the orange sky cleared."
    assert texts(recognizer.mentions(text)) == ["Orange", "Los Angeles"]


def test_a_disease_named_after_a_place_is_no_place(recognizer):
    text = (
        "Most West Nile virus cases were in Texas; Marburg haemorrhagic fever spread in Uganda, "
        "and officials in Marburg disagreed as the US flu season began."
    )
    assert texts(recognizer.mentions(text)) == ["Texas", "Uganda", "Marburg", "US"]


def test_a_newspaper_named_after_its_town_is_no_place(recognizer):
    text = (
        "Speaking to the Kansas City Star and The New York Times, the mayor told reporters in "
        "Denver that the Boston Globe's story was wrong; Times Square in New York was closed."
    )
    assert texts(recognizer.mentions(text)) == ["Denver", "Times Square", "New York"]


def test_a_three_letter_town_after_in_or_near_is_a_place(recognizer):
    text = "Miners marched in Ufa and near Kut; Us and Da and Her were not places, nor Hit."
    assert texts(recognizer.mentions(text)) == ["Ufa", "Kut"]


def test_a_day_and_a_month_are_a_date_not_a_town(recognizer):
    text = "On 28 May and again on May 9, lorries left Ganja for Baku."
    assert texts(recognizer.mentions(text)) == ["Ganja", "Baku"]


def test_a_currency_is_no_place(recognizer):
    text = "Damages of US$612 million, about 55 US dollars or 70 Canadian dollars, hit the US."
    assert texts(recognizer.mentions(text)) == ["US"]


def test_a_full_stop_after_an_acronym_is_not_part_of_it(recognizer):
    text = (
        "Nobody blames the EU. Funding arrived via the UK. plus the U.S. Staff at Richmond, Va. "
        "concurred."
    )
    mentions = recognizer.mentions(text)
    assert texts(mentions) == ["EU", "UK", "U.S.", "Richmond", "Va."]
    assert_offsets(text, mentions)


def test_an_abbreviation_joined_by_an_ampersand_is_a_place(recognizer):
    text = "The prime minister of T&T met officials from AT&T in Port of Spain."
    mentions = recognizer.mentions(text)
    assert texts(mentions)[0] == "T&T"
    assert "AT&T" not in texts(mentions) and "T" not in texts(mentions)
    assert_offsets(text, mentions)


def test_state_abbreviation_with_dot_but_not_miss_universe(recognizer):
    text = "She grew up in Richmond, Va. and later won Miss Universe in Manila."
    mentions = recognizer.mentions(text)
    assert texts(mentions) == ["Richmond", "Va.", "Manila"]
    assert_offsets(text, mentions)


# -- demonyms --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        ("Iraqi officials met the envoy.", "Iraqi", "IQ"),
        ("The envoy met Syrian officials.", "Syrian", "SY"),
        ("Americans were not invited to the talks.", "Americans", "US"),
        ("Kenyan runners won again.", "Kenyan", "KE"),
        ("The minister thanked Brazilian farmers.", "Brazilian", "BR"),
    ],
)
def test_demonyms_have_role_demonym_and_their_country(geoparser, text, surface, country):
    places = geoparser.parse(Document("d", text)).places
    found = [p for p in places if p.mention.text == surface]
    assert found, [p.mention.text for p in places]
    assert found[0].mention.role == "demonym"
    assert found[0].place is not None
    assert found[0].place.kind == "country"
    assert found[0].place.country_code == country


# -- facilities ------------------------------------------------------------------------------

TAJI_BASE = (33.52, 44.26)


def _near(place, point, km=25.0) -> bool:
    from geomap.gazetteer.store import haversine_km

    return haversine_km(place.lat, place.lon, point[0], point[1]) < km


def test_military_base_phrase_marks_facility_and_resolves_to_base(geoparser):
    text = "Rockets struck the Taji military base north of Baghdad, Iraqi officials said."
    places = geoparser.parse(Document("d", text)).places
    taji = next(p for p in places if p.mention.text == "Taji")
    assert taji.mention.facility == "military"
    assert taji.place is not None
    assert taji.place.kind == "military"
    assert taji.place.country_code == "IQ"
    assert _near(taji.place, TAJI_BASE)


def test_airport_after_name_marks_facility(recognizer):
    text = "Planes left the Erbil airport and the Mosul airport on Monday."
    mentions = recognizer.mentions(text)
    assert texts(mentions) == ["Erbil", "Mosul"]
    assert [m.facility for m in mentions] == ["airport", "airport"]


def test_air_base_in_lower_case_marks_facility(recognizer):
    text = "Supplies reached the Taji air base, the Balad air base and the Bagram air base."
    mentions = recognizer.mentions(text)
    assert texts(mentions) == ["Taji", "Balad", "Bagram"]
    assert [m.facility for m in mentions] == ["military"] * 3


def test_camp_name_resolves_to_the_base(geoparser):
    text = "Soldiers at Camp Taji, north of Baghdad, were unhurt, Iraq said."
    places = geoparser.parse(Document("d", text)).places
    camp = next(p for p in places if "Taji" in p.mention.text)
    assert camp.place is not None and camp.place.kind == "military"
    assert _near(camp.place, TAJI_BASE)


def test_facility_named_in_full_sets_facility(recognizer):
    text = "Soldiers at Camp Taji flew out of Baghdad International Airport."
    mentions = recognizer.mentions(text)
    assert by_text(mentions, "Camp Taji").facility == "military"
    assert by_text(mentions, "Baghdad International Airport").facility == "airport"


def test_airport_named_in_full_resolves_to_airport(geoparser):
    text = "Flights at Baghdad International Airport and Kabul International Airport resumed."
    places = geoparser.parse(Document("d", text)).places
    assert [p.mention.text for p in places] == [
        "Baghdad International Airport",
        "Kabul International Airport",
    ]
    assert [(p.place.kind, p.place.country_code) for p in places] == [
        ("airport", "IQ"),
        ("airport", "AF"),
    ]


def test_k1_base_is_found_and_resolved_to_the_base(geoparser):
    text = "Rockets hit the K1 base near Kirkuk, Iraqi officials said."
    places = geoparser.parse(Document("d", text)).places
    k1 = [p for p in places if p.mention.text.startswith("K1")]
    assert k1, [p.mention.text for p in places]
    assert k1[0].mention.facility == "military" or k1[0].mention.text == "K1 base"
    assert k1[0].place is not None and k1[0].place.kind == "military"
    assert _near(k1[0].place, (35.50, 44.28))


# -- datelines -------------------------------------------------------------------------------


def test_capitals_dateline_with_agency(recognizer):
    text = (
        "MOSCOW, (BM) – Russian forces shelled positions near Kharkiv on Tuesday, officials said."
    )
    mentions = recognizer.mentions(text)
    assert mentions[0].text == "MOSCOW"
    assert mentions[0].role == "dateline"
    assert by_text(mentions, "Kharkiv").role == "toponym"
    assert by_text(mentions, "Russian").role == "demonym"


def test_dateline_with_country_qualifier(geoparser):
    text = (
        "BEIRUT, Lebanon (Reuters) - Israeli jets struck targets in southern Lebanon on Monday, "
        "officials said."
    )
    places = geoparser.parse(Document("d", text)).places
    assert places[0].mention.text == "BEIRUT"
    assert places[0].mention.role == "dateline"
    assert places[0].place is not None and places[0].place.country_code == "LB"
    assert all(p.mention.role != "dateline" for p in places[1:])


def test_no_dateline_in_ordinary_sentence(recognizer):
    text = "Officials in Nairobi said the rains had ended."
    assert [m.role for m in recognizer.mentions(text)] == ["toponym"]


# -- boilerplate -----------------------------------------------------------------------------

BOILERPLATE_ARTICLE = """The Kenyan capital Nairobi hosted the regional trade summit on Tuesday, \
and delegates from Tanzania pledged new investment in the port of Zanzibar.

Read more: Floods in Mombasa leave thousands homeless

The talks continue in Arusha next week, organisers said in a statement.

Follow us on Facebook and Twitter
Share this article on WhatsApp
Subscribe to our newsletter for news from Kampala
"""


def test_teaser_and_footer_mentions_are_flagged_boilerplate(recognizer):
    mentions = recognizer.mentions(BOILERPLATE_ARTICLE)
    flags = {m.text: m.boilerplate for m in mentions}
    assert flags == {
        "Kenyan": False,
        "Nairobi": False,
        "Tanzania": False,
        "Zanzibar": False,
        "Mombasa": True,
        "Arusha": False,
        "Kampala": True,
    }
    assert_offsets(BOILERPLATE_ARTICLE, mentions)


# -- offsets ---------------------------------------------------------------------------------


def test_offsets_index_the_original_text(recognizer):
    text = (
        "Talks in São Paulo plus N'Djamena ended. Near St. Louis or Ho Chi Minh City 🎉 officials "
        "met. Al-Qa’im, Kraków; Tromsø with a U.S.-backed plan in Ecuador."
    )
    mentions = recognizer.mentions(text)
    assert_offsets(text, mentions)
    assert texts(mentions) == [
        "São Paulo",
        "N'Djamena",
        "St. Louis",
        "Ho Chi Minh City",
        "Al-Qa’im",
        "Kraków",
        "Tromsø",
        "U.S.",
        "Ecuador",
    ]


def test_offsets_hold_in_full_parse_output(geoparser):
    text = "\ufeffAl-Qa'im, U.S.A. — the U.K. and Zürich.\n\nÉvora, Portugal."
    result = geoparser.parse(Document("d", text))
    assert result.places
    for place in result.places:
        m = place.mention
        assert text[m.start : m.end] == m.text


# -- names inside organisations --------------------------------------------------------------


def test_al_arabia_tv_is_not_arabia(recognizer):
    text = "Al-Arabia TV reported that clashes erupted near Aden."
    found = texts(recognizer.mentions(text))
    assert not any("Arabia" in t for t in found)
    assert "Aden" in found


def test_small_place_followed_by_organisation_word_is_rejected(recognizer):
    text = "Reporters from Taji Radio arrived. Fighting near Taji continued."
    mentions = recognizer.mentions(text)
    assert [(m.text, m.start) for m in mentions] == [("Taji", text.rindex("Taji"))]


def test_newspaper_name_does_not_hide_the_town_elsewhere(recognizer):
    # A small town's name before other capitalised words is part of a longer name.
    text = "The Ketchum Express Weekly reported that snow fell in Ketchum."
    mentions = recognizer.mentions(text)
    assert [m.start for m in mentions if m.text == "Ketchum"] == [text.rindex("Ketchum")]


def test_a_city_before_a_name_is_named_unless_a_person_is(recognizer):
    # Portland and Houston are large enough to be named inside a team's name; a given name
    # before or after a town's name makes a person ("Hailey Smith", "Tyler Perry").
    text = (
        "Houston Rockets fans booed when Portland Trail Blazers players arrived, Hailey Smith "
        "said; Tyler Perry agreed."
    )
    assert texts(recognizer.mentions(text)) == ["Houston", "Portland"]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # Sheriffs, police and festivals are named after the place they serve.
        (
            "The Licking County Sheriff told reporters that Huntsville Fire Department crews had "
            "phoned Nashville Film Festival staff.",
            ["Licking County", "Huntsville", "Nashville"],
        ),
        # "General" and "Adult" are no institution words; the words after them are.
        (
            "A hearing at Hamilton County General Court was set, so the Pike County "
            "Adult Education office told Clay County Sheriff’s Department staff.",
            ["Hamilton County", "Pike County", "Clay County"],
        ),
        # A city's railway, company or bank is named after it.
        (
            "A New Orleans Railways Company depot went up; the Omaha Bank lent the money.",
            ["New Orleans", "Omaha"],
        ),
    ],
)
def test_place_named_by_its_institution_is_a_mention(recognizer, text, places):
    assert texts(recognizer.mentions(text)) == places


def test_a_place_name_before_a_name_that_is_no_institution_stays_out(recognizer):
    text = "Hailey Smith Jones spoke to reporters on Monday."
    assert "Hailey" not in texts(recognizer.mentions(text))


def test_a_legislators_home_after_the_party_letter_is_a_place(recognizer):
    text = "Rep. Laura Kessler, D-Charleston, and Sen. Peter Okafor, R-Charleston, both objected."
    assert texts(recognizer.mentions(text)) == ["Charleston", "Charleston"]


def test_end_of_a_hyphenated_brand_is_not_a_place(recognizer):
    text = "Wal-Mart will close its store near Dallas-Fort Worth, and Syrian-Turkish talks went on."
    found = texts(recognizer.mentions(text))
    assert "Mart" not in found
    assert "Turkish" in found
    assert any("Fort Worth" in t for t in found)


def test_a_building_word_alone_is_no_place(recognizer):
    # Centre is a region of France, Palace a town in Florida, Plaza one in North Dakota.
    text = "Fans met at the Centre, then at the Palace and the Plaza in Dublin."
    assert texts(recognizer.mentions(text)) == ["Dublin"]


def test_the_speaker_of_a_quote_is_a_person_even_with_a_countrys_name(recognizer):
    text = '"Practice matters," said Georgia. "Every morning counts." Georgia began skating young.'
    assert texts(recognizer.mentions(text)) == []


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ('"We will respond," said Russia\'s foreign ministry on Monday.', ["Russia"]),
        ('"Prices will hold," said U.S. envoy Mira Oduya.', ["U.S."]),
        # Named after "in" elsewhere, Jordan is the country there, and only there.
        ('"Yes," said Jordan, a striker. He later flew to Amman, in Jordan.', ["Amman", "Jordan"]),
    ],
)
def test_a_country_after_a_quote_stays_a_place_where_it_is_one(recognizer, text, places):
    assert texts(recognizer.mentions(text)) == places


def test_a_person_named_after_to_is_still_a_person(recognizer):
    # McGregor is a town in Florida; "close to" leads to a person, not a place.
    text = "Boxer Conor McGregor was detained. Someone close to McGregor described him as upset."
    assert "McGregor" not in texts(recognizer.mentions(text))


def test_a_town_moved_to_stays_a_place_where_a_word_precedes_it(recognizer):
    text = "One Fremont resident was shocked. Owners suggested relocating to Fremont next season."
    assert "Fremont" in texts(recognizer.mentions(text))


def test_surname_after_a_particle_is_a_person(recognizer):
    # Kock is a town in Poland, Gogh none; Santiago de Chile names its country's capital.
    text = "Trainer Mike de Kock flew to Santiago de Chile, where Vincent van Gogh was shown."
    found = texts(recognizer.mentions(text))
    assert "Kock" not in found
    assert "Santiago de Chile" in found


def test_surname_after_a_middle_initial_is_a_person(recognizer):
    text = "Retired Sen. Walter K. Fumo met Dana R. Campbell around Washington, D.C. later."
    found = texts(recognizer.mentions(text))
    assert "Fumo" not in found and "Campbell" not in found
    assert any(t.startswith("Washington") for t in found)


def test_dateline_in_capitals_is_the_dateline(recognizer):
    text = "COLUMBUS, Ohio (AP) -- State officials said the tax deal would be reviewed."
    columbus = by_text(recognizer.mentions(text), "COLUMBUS")
    assert columbus.role == "dateline"


# -- streets, buildings and natural features -------------------------------------------------


def test_streets_roads_and_natural_features_are_mentions(recognizer):
    text = (
        "Police closed Royal Street and North State Street after the crash on Highway 19. "
        "Anglers on Lake Hartwell said the Chattahoochee River was rising."
    )
    found = texts(recognizer.mentions(text))
    for name in (
        "Royal Street",
        "North State Street",
        "Highway 19",
        "Lake Hartwell",
        "Chattahoochee River",
    ):
        assert name in found, (name, found)
    assert_offsets(text, recognizer.mentions(text))


def test_building_named_after_its_town_stays_the_town(recognizer):
    text = "Medics drove him to Toronto General Hospital, later to the Barclays Center in Brooklyn."
    found = texts(recognizer.mentions(text))
    assert "Toronto" in found and "Toronto General Hospital" not in found
    assert "Barclays Center" in found and "Brooklyn" in found


def test_feature_words_need_a_proper_name(recognizer):
    text = "The street was closed. In Park Avenue the parade began; A Lake was drained."
    found = texts(recognizer.mentions(text))
    assert "Park Avenue" in found
    assert not any(t.lower().startswith(("the ", "in ", "a ")) for t in found), found


def test_surname_after_a_given_name_is_a_person_even_if_a_town_bears_both(recognizer):
    # Anthony (Texas) and Munford (Alabama) are towns; here they are people.
    text = (
        "Kevin Munford, 51, of Richmond, owned the truck. Daniel Anthony Eberhart pleaded "
        "guilty, said Mary Wheeler, who teaches in Munford."
    )
    mentions = recognizer.mentions(text)
    found = texts(mentions)
    assert "Eberhart" not in found and "Anthony" not in found and "Mary" not in found
    # the person's surname, not the town; the town after "in" is still the town
    assert [m.start for m in mentions if m.text == "Munford"] == [text.rindex("Munford")]


def test_era_after_a_year_is_not_a_province(recognizer):
    text = "The mound was built around 100 B.C. and used until 500 BC, long before Vancouver, B.C."
    found = recognizer.mentions(text)
    assert texts(found) == ["Vancouver", "B.C."]
    assert by_text(found, "B.C.").start == text.rindex("B.C.")


def test_a_continents_people_stand_for_the_continent(geoparser):
    places = geoparser.parse(Document("d", "European leaders met African envoys.")).places
    european = [p for p in places if p.mention.text == "European"]
    assert european and european[0].mention.role == "demonym"
    assert (european[0].place.name, european[0].place.kind) == ("Europe", "continent")


def test_another_languages_name_for_a_town_is_not_taken_for_the_word(recognizer):
    # "Chen" and "Luck" are GeoNames alternate names of Chenzhou and Lutsk; "Kiev" is one of
    # Kyiv's, a capital's.
    text = "Counsel representing Chen insisted Luck mattered little, officials in Kiev said."
    assert texts(recognizer.mentions(text)) == ["Kiev"]


@pytest.mark.parametrize("word", ["Hamas", "Taliban"])
def test_a_word_that_is_only_a_foreign_name_of_a_town_is_no_place(recognizer, word):
    # GeoNames lists "Hamas" among the names of Hamm, Germany, and "Taliban" for a Turkish town.
    text = f"Officials said talks with {word} would resume in Cairo next week."
    assert texts(recognizer.mentions(text)) == ["Cairo"]


def test_a_region_known_by_another_name_is_still_found(recognizer):
    text = "Fishermen in Newfoundland said the season would start late."
    assert texts(recognizer.mentions(text)) == ["Newfoundland"]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Survivors include his daughter Hailey, 6, and a son, police in Boise said.", "Hailey"),
        ("Neighbours said the Ching family had moved to Honolulu in May.", "Ching"),
    ],
)
def test_a_name_with_an_age_or_a_family_is_a_person(recognizer, text, person):
    found = texts(recognizer.mentions(text))
    assert person not in found and len(found) == 1, found


def test_a_place_and_a_year_are_still_a_place(recognizer):
    text = "Troops left Basra, 2003, and the Hailey family stayed in Boise."
    assert texts(recognizer.mentions(text)) == ["Basra", "Boise"]


def test_a_subdivision_list_is_read_at_most_thirty_names_ahead():
    # A run of thousands of names (a flattened table) made each name read to the run's end:
    # quadratic. A list of counties is short; the last names of a long run still count.
    from geomap.geoparse.cues import subdivisions_called_after

    names = [f"Name{chr(65 + i // 26)}{chr(97 + i % 26)}" for i in range(40)]
    text = ", ".join(names) + " counties"
    last = text.index(names[-3])
    assert subdivisions_called_after(text, last, last + len(names[-3])) == "counties"
    assert subdivisions_called_after(text, 0, len(names[0])) is None
