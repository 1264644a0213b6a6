"""Resolution in context: the same name resolves differently as the article around it changes.

Also ``Geoparser.parse_spans``, the resolution-only entry point: one result per given span.
"""

from __future__ import annotations

import pytest

from geomap.gazetteer.store import haversine_km
from geomap.geoparse.evidence import mark_pairs
from geomap.geoparse.state import MentionState
from geomap.model import Candidate, Document, Mention, ResolvedMention


def parse(geoparser, text: str) -> list[ResolvedMention]:
    return geoparser.parse(Document("d", text)).places


def first(places: list[ResolvedMention], surface: str) -> ResolvedMention:
    found = [p for p in places if p.mention.text == surface]
    assert found, f"no mention {surface!r} in {[p.mention.text for p in places]}"
    assert found[0].place is not None, found[0].reason
    return found[0]


def where(resolved: ResolvedMention) -> tuple[str | None, str]:
    assert resolved.place is not None
    return resolved.place.country_code, resolved.place.kind


# -- the same name, different articles -------------------------------------------------------


def test_paris_alone_is_france(geoparser):
    paris = first(parse(geoparser, "Protesters gathered in Paris on Saturday."), "Paris")
    assert paris.place.country_code == "FR"
    assert haversine_km(paris.place.lat, paris.place.lon, 48.86, 2.35) < 20


def test_paris_texas_is_in_the_united_states(geoparser):
    places = parse(geoparser, "The rodeo in Paris, Texas drew ranchers from three counties.")
    paris = first(places, "Paris")
    assert paris.place.country_code == "US"
    assert paris.place.admin1 == "Texas"
    assert "Paris, Texas" in paris.reason


def test_moscow_idaho_is_in_the_united_states(geoparser):
    text = "Students at the university in Moscow, Idaho returned to class after the storm."
    moscow = first(parse(geoparser, text), "Moscow")
    assert moscow.place.country_code == "US"
    assert moscow.place.admin1 == "Idaho"


def test_moscow_in_a_russian_article_is_russia(geoparser):
    text = "The Kremlin said Moscow would respond to the sanctions, and Russia recalled its envoy."
    assert first(parse(geoparser, text), "Moscow").place.country_code == "RU"


def test_moscow_stays_russian_when_the_us_is_named_often(geoparser):
    text = (
        "Moscow will answer, the Kremlin said. Russia cautioned the United States; the United "
        "States shrugged; the United States stayed firm; the United States waited. Washington, "
        "like the United States, refused. American envoys said the United States disagreed."
    )
    moscow = first(parse(geoparser, text), "Moscow")
    assert moscow.place.country_code == "RU"
    assert haversine_km(moscow.place.lat, moscow.place.lon, 55.75, 37.62) < 50


def test_taji_in_an_iraqi_article_is_the_iraqi_base_or_town(geoparser):
    text = (
        "Rockets hit Taji overnight, officials in Baghdad said. Iraq blamed militias for the "
        "attack, the third on Taji this month."
    )
    places = parse(geoparser, text)
    tajis = [p for p in places if p.mention.text == "Taji"]
    assert len(tajis) == 2
    for taji in tajis:
        assert taji.place is not None
        assert taji.place.country_code == "IQ", taji.reason
        assert haversine_km(taji.place.lat, taji.place.lon, 33.52, 44.26) < 25


def test_taji_north_of_baghdad(geoparser):
    taji = first(parse(geoparser, "Rockets hit Taji, north of Baghdad, Iraq said."), "Taji")
    assert taji.place.country_code == "IQ"
    assert haversine_km(taji.place.lat, taji.place.lon, 33.52, 44.26) < 25


def test_al_qaim_on_the_border_with_syria_is_iraqi(geoparser):
    text = "Fighters overran Al-Qa'im, a town near its border with Syria, after days of clashes."
    assert where(first(parse(geoparser, text), "Al-Qa'im")) == ("IQ", "city")


def test_the_syrian_abu_kamal_is_in_syria(geoparser):
    text = "Fighters crossed the desert and fled to the Syrian Abu Kamal on Friday."
    assert first(parse(geoparser, text), "Abu Kamal").place.country_code == "SY"


def test_kirkuk_iraq(geoparser):
    kirkuk = first(parse(geoparser, "Car bombs exploded in Kirkuk, Iraq, on Sunday."), "Kirkuk")
    assert kirkuk.place.country_code == "IQ"
    assert haversine_km(kirkuk.place.lat, kirkuk.place.lon, 35.47, 44.39) < 60


def test_georgia_with_tbilisi_and_russia_is_the_country(geoparser):
    text = "Russia massed tanks on the border. In Tbilisi, leaders said Georgia would resist."
    assert where(first(parse(geoparser, text), "Georgia")) == ("GE", "country")


def test_georgia_with_us_cities_is_the_state(geoparser):
    text = (
        "Flooding hit Savannah, Macon and Augusta on Monday. The governor said Georgia would "
        "ask for federal aid."
    )
    georgia = first(parse(geoparser, text), "Georgia")
    assert where(georgia) == ("US", "region")


def test_paris_and_london_are_not_the_kentucky_towns(geoparser):
    places = parse(geoparser, "Flights between Paris and London resumed on Monday.")
    assert first(places, "Paris").place.country_code == "FR"
    assert first(places, "London").place.country_code == "GB"


def test_springfield_illinois(geoparser):
    text = "Lincoln practised law in Springfield, Illinois, before the war."
    springfield = first(parse(geoparser, text), "Springfield")
    assert springfield.place.country_code == "US"
    assert springfield.place.admin1 == "Illinois"
    assert haversine_km(springfield.place.lat, springfield.place.lon, 39.80, -89.64) < 30


def test_alexandria_in_an_egyptian_article(geoparser):
    text = "Egyptian police said tourists in Alexandria were safe after the Cairo protests."
    assert where(first(parse(geoparser, text), "Alexandria")) == ("EG", "city")


def test_qualifier_beats_population(geoparser):
    text = "Heavy snow closed schools in Lima, Ohio, on Thursday."
    lima = first(parse(geoparser, text), "Lima")
    assert lima.place.country_code == "US"
    assert lima.place.admin1 == "Ohio"


def test_context_pulls_an_ambiguous_city_to_its_country(geoparser):
    text = "Fishermen in Lagos and Faro protested, and Portugal promised help. Lisbon agreed."
    lagos = first(parse(geoparser, text), "Lagos")
    assert lagos.place.country_code == "PT"


def test_washington_dc(geoparser):
    text = "Negotiators gathered around Washington, D.C. plus St. Louis over the weekend."
    washington = first(parse(geoparser, text), "Washington")
    assert haversine_km(washington.place.lat, washington.place.lon, 38.90, -77.04) < 20


# -- confidence and reasons ------------------------------------------------------------------

REASON_ARTICLES = [
    "Rockets hit Taji, north of Baghdad, Iraqi officials said. Iraq blamed militias.",
    "Protesters gathered in Paris and Lyon on Saturday.",
    "Floods hit Lagos and Abuja, and Nigeria appealed for aid.",
    "Fishermen near Valparaíso and Santiago said Chile had warned them.",
    "Ships crossed the Gulf of Aden toward Djibouti.",
]


@pytest.mark.parametrize("text", REASON_ARTICLES)
def test_every_resolution_has_bounded_confidence_and_a_one_line_reason(geoparser, gazetteer, text):
    places = parse(geoparser, text)
    assert places
    for resolved in places:
        assert 0.0 <= resolved.confidence <= 1.0, resolved
        assert resolved.reason.strip(), resolved
        assert "\n" not in resolved.reason and "\r" not in resolved.reason
        place = resolved.place
        if place is None or not place.country_code or place.kind == "country":
            continue
        country = gazetteer.country(place.country_code)
        assert country is not None
        assert country.name in resolved.reason, resolved.reason


def test_reason_of_a_country_mention_names_it(geoparser):
    kenya = first(parse(geoparser, "Floods hit Kenya on Monday."), "Kenya")
    assert "Kenya" in kenya.reason


def test_reason_for_an_ambiguous_name_lists_other_candidates(geoparser):
    paris = first(parse(geoparser, "Protesters gathered in Paris on Saturday."), "Paris")
    assert "other candidates:" in paris.reason
    assert "United States" in paris.reason.split("other candidates:")[1]
    assert paris.alternatives


def test_unambiguous_qualified_name_is_confident(geoparser):
    springfield = first(parse(geoparser, "He grew up in Springfield, Illinois."), "Springfield")
    paris = first(parse(geoparser, "Protesters gathered in Paris on Saturday."), "Paris")
    assert springfield.confidence > paris.confidence


def test_resolution_to_dict_is_json_ready(geoparser):
    import json

    result = geoparser.parse(Document("doc-1", "Storms lashed Manila and Cebu."))
    data = json.loads(json.dumps(result.to_dict()))
    assert data["id"] == "doc-1"
    assert [p["text"] for p in data["places"]] == ["Manila", "Cebu"]
    assert all(p["place"]["country_code"] == "PH" for p in data["places"])


# -- parse_spans -----------------------------------------------------------------------------

SPAN_TEXT = "Protests spread from Quito to the coast near Guayaquil."


def span(word: str, text: str = SPAN_TEXT) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def every_span(text: str, *names: str) -> list[tuple[int, int]]:
    """Every occurrence of each name, in text order."""
    return sorted(
        (i, i + len(name)) for name in names for i in range(len(text)) if text.startswith(name, i)
    )


def resolve_first(geoparser, text: str, names: list[str]) -> list[ResolvedMention]:
    """The places of the first occurrence of each name, resolved as given spans."""
    return geoparser.parse_spans(Document("d", text), [span(n, text) for n in names]).places


def test_parse_spans_one_entry_per_span_in_order(geoparser):
    spans = [span("Guayaquil"), span("Quito"), span("Guayaquil")]
    places = geoparser.parse_spans(Document("d", SPAN_TEXT), spans).places
    assert [(p.mention.start, p.mention.end) for p in places] == spans
    assert [p.mention.text for p in places] == ["Guayaquil", "Quito", "Guayaquil"]
    assert all(p.place is not None and p.place.country_code == "EC" for p in places)


def test_parse_spans_empty_and_out_of_range_spans_name_nothing(geoparser):
    length = len(SPAN_TEXT)
    spans = [span("Quito"), (5, 5), (length + 10, length + 20), (30, 26)]
    places = geoparser.parse_spans(Document("d", SPAN_TEXT), spans).places
    assert len(places) == 4
    assert places[0].place is not None and places[0].place.country_code == "EC"
    assert [p.place for p in places[1:]] == [None, None, None]
    for p in places[1:]:
        assert p.confidence == 0.0
        assert p.reason


def test_parse_spans_no_spans(geoparser):
    assert geoparser.parse_spans(Document("d", SPAN_TEXT), []).places == []


def test_parse_spans_common_word_names_nothing(geoparser):
    places = geoparser.parse_spans(Document("d", SPAN_TEXT), [span("the"), span("Quito")]).places
    assert places[0].mention.text == "the"
    assert places[0].place is None
    assert places[1].place is not None and places[1].place.country_code == "EC"


def test_parse_spans_uses_the_document_context(geoparser):
    text = "The rodeo in Paris, Texas drew ranchers. Paris was quiet."
    spans = [span("Paris", text), span("Texas", text)]
    places = geoparser.parse_spans(Document("d", text), spans).places
    assert places[0].place.country_code == "US"
    assert places[1].place.country_code == "US"


def test_parse_spans_facility_cue_from_the_surrounding_text(geoparser):
    text = "Rockets struck the Taji military base north of Baghdad, Iraqi officials said."
    taji = geoparser.parse_spans(Document("d", text), [span("Taji", text)]).places[0]
    assert taji.mention.facility == "military"
    assert taji.place is not None and taji.place.kind == "military"
    assert haversine_km(taji.place.lat, taji.place.lon, 33.52, 44.26) < 25


# -- names the gazetteer lacks: placed by the article --------------------------------------

NEW_ORLEANS = (
    "NEW ORLEANS -- Police in New Orleans closed Royal Street on Friday after a balcony "
    "collapsed. Tourists on Royal Street were moved to safety, New Orleans officials said."
)


def test_unknown_street_is_placed_at_the_article_town(geoparser):
    spans = [span("Royal Street", NEW_ORLEANS), span("New Orleans", NEW_ORLEANS)]
    spans.append((NEW_ORLEANS.rindex("New Orleans"), NEW_ORLEANS.rindex("New Orleans") + 11))
    royal = geoparser.parse_spans(Document("d", NEW_ORLEANS), spans).places[0]
    assert royal.place is not None, royal.reason
    assert royal.place.name == "New Orleans" and royal.place.country_code == "US"
    assert royal.confidence <= 0.3  # approximate, and it says so
    assert royal.reason.startswith("not in the gazetteer") and "New Orleans" in royal.reason


def test_unknown_building_is_placed_at_the_town_the_text_puts_it_in(geoparser):
    text = (
        "Inmates rioted at Ridgeline Correctional Center at Shelby, Montana, while guards "
        "from Great Falls and Billings rushed over."
    )
    names = ["Ridgeline Correctional Center", "Shelby", "Montana", "Great Falls", "Billings"]
    spans = [span(name, text) for name in names]
    prison = geoparser.parse_spans(Document("d", text), spans).places[0]
    assert prison.place is not None, prison.reason
    assert (prison.place.name, prison.place.admin1) == ("Shelby", "Montana")
    assert "puts it in Shelby" in prison.reason


def test_unknown_name_containing_a_place_is_placed_there(geoparser):
    text = "Thousands prayed at Manila Cathedral as the Philippines marked Easter in Manila."
    spans = [span("Manila Cathedral", text), span("Philippines", text)]
    spans.append((text.rindex("Manila"), text.rindex("Manila") + 6))
    cathedral = geoparser.parse_spans(Document("d", text), spans)
    place = cathedral.places[0].place
    assert place is not None and place.country_code == "PH"
    assert haversine_km(place.lat, place.lon, 14.60, 120.98) < 25
    assert "named after Manila" in cathedral.places[0].reason


def test_unknown_name_in_an_article_without_places_stays_unresolved(geoparser):
    text = "Trustees gathered at Xqzbury Hall last Tuesday, debating spending."
    hall = geoparser.parse_spans(Document("d", text), [span("Xqzbury Hall", text)]).places[0]
    assert hall.place is None
    assert hall.confidence == 0.0


def test_street_found_in_an_article_is_placed_at_its_town(geoparser):
    royal = first(parse(geoparser, NEW_ORLEANS), "Royal Street")
    assert royal.place.name == "New Orleans" and royal.confidence <= 0.3
    assert "not in the gazetteer" in royal.reason


def test_unknown_institution_is_placed_in_the_town_its_name_holds(geoparser):
    text = "Helen Marsh, a diplomat posted to British Embassy Tokyo, promised the UK would act."
    embassy = geoparser.parse_spans(Document("d", text), [span("British Embassy Tokyo", text)])
    place = embassy.places[0].place
    assert place is not None and place.country_code == "JP"
    assert haversine_km(place.lat, place.lon, 35.69, 139.69) < 50


@pytest.mark.parametrize(
    ("name", "country", "kind"),
    [("Bank of Japan", "JP", "country"), ("Colorado State University", "US", "region")],
)
def test_a_major_place_named_by_a_common_word_still_places_an_institution(
    geoparser, name, country, kind
):
    text = f"Economists at the {name} said on Monday that prices would rise."
    found = geoparser.parse_spans(Document("d", text), [span(name, text)]).places[0]
    assert found.place is not None, found.reason
    assert (found.place.country_code, found.place.kind) == (country, kind)
    assert found.confidence <= 0.3


@pytest.mark.parametrize("name", ["Central Bank", "Farmers Service Centre"])
def test_a_generic_word_does_not_place_an_institution(geoparser, name):
    text = f"The {name} raised its fees on Thursday, traders said."
    found = geoparser.parse_spans(Document("d", text), [span(name, text)]).places[0]
    assert found.place is None, found.reason


def test_a_dateline_is_judged_with_the_story(geoparser):
    text = (
        "Foreclosures rise. NEWARK -- Licking County commissioners said on Monday that "
        "foreclosures in Ohio rose again, and Heath and Granville saw the most."
    )
    places = parse(geoparser, text)
    newark = first(places, "NEWARK")
    assert newark.mention.role == "dateline"
    assert (newark.place.country_code, newark.place.admin1) == ("US", "Ohio")


def test_unknown_place_goes_to_the_town_the_article_is_sure_of(geoparser):
    text = (
        "The new homes look a little like those in Charleston, buyers said. The community in "
        "Haymarket, Va., sits beside Stonewall Golf Club, close to Gainesville, Va."
    )
    names = ["Charleston", "Haymarket", "Va.", "Stonewall Golf Club", "Gainesville"]
    spans = [span(name, text) for name in names] + [(len(text) - 3, len(text))]
    club = geoparser.parse_spans(Document("d", text), spans).places[3]
    assert club.place is not None, club.reason
    assert haversine_km(club.place.lat, club.place.lon, 38.81, -77.64) < 50, club.reason


def test_a_far_namesake_of_a_similar_spelling_is_not_the_place(geoparser):
    text = "Police in Auckland said the crash happened in Greenlane, near Remuera and Epsom."
    names = ["Auckland", "Greenlane", "Remuera", "Epsom"]
    found = geoparser.parse_spans(Document("d", text), [span(name, text) for name in names])
    greenlane = found.places[1]
    assert greenlane.place is not None, greenlane.reason
    assert greenlane.place.country_code == "NZ", greenlane.reason
    assert greenlane.reason.startswith("not in the gazetteer")


def test_a_spelling_variant_near_the_article_places_is_kept(geoparser):
    text = "US air strikes hit Kataib Hezbollah near Albu Kamal and Deir ez-Zor in Syria."
    names = ["Albu Kamal", "Deir ez-Zor", "Syria"]
    found = geoparser.parse_spans(Document("d", text), [span(name, text) for name in names])
    town = found.places[0]
    assert town.place is not None and town.place.country_code == "SY", town.reason


def test_a_town_named_often_does_not_vouch_for_itself(geoparser):
    text = (
        "London police reported the blaze began downtown. Canada's fire marshal praised London "
        "crews. Across Canada, London residents and Canada's premier sent help; London will "
        "rebuild."
    )
    places = [p for p in parse(geoparser, text) if p.mention.text == "London"]
    assert len(places) == 4
    assert {(p.place.country_code, p.place.admin1) for p in places} == {("CA", "Ontario")}


def test_a_country_named_often_is_the_country_in_a_us_article(geoparser):
    text = " ".join(
        f"Day {n}: Washington hosted China while United States negotiators, U.S. aides too, "
        "praised China."
        for n in range(4)
    )
    china = [p for p in parse(geoparser, text) if p.mention.text == "China"]
    assert china and all(p.place.kind == "country" and p.place.country_code == "CN" for p in china)


@pytest.mark.parametrize(
    ("old_name", "country", "lat", "lon"),
    [("Bombay", "IN", 19.07, 72.88), ("Kiev", "UA", 50.45, 30.52), ("Peking", "CN", 39.90, 116.40)],
)
def test_a_city_is_found_by_its_former_or_foreign_name(geoparser, old_name, country, lat, lon):
    found = first(parse(geoparser, f"Flights to {old_name} resumed on Monday."), old_name)
    assert found.place.country_code == country
    assert haversine_km(found.place.lat, found.place.lon, lat, lon) < 50


def test_unknown_name_in_an_article_naming_only_a_country_is_placed_in_it(geoparser):
    text = (
        "Students counted turtles within the Xqzbury Protection Area. Saint Lucia's ministry "
        "said Saint Lucia would fund the work."
    )
    names = ["Xqzbury Protection Area", "Saint Lucia"]
    spans = [span(name, text) for name in names]
    spans.append((text.rindex("Saint Lucia"), text.rindex("Saint Lucia") + 11))
    area = geoparser.parse_spans(Document("d", text), spans).places[0]
    assert area.place is not None and area.place.country_code == "LC", area.reason
    assert area.confidence <= 0.3 and "the article's country" in area.reason


def test_two_ambiguous_names_whose_readings_meet_support_each_other(geoparser):
    text = "Crews plan repaving around Athens plus much of Clarke County soon."
    places = parse(geoparser, text)
    athens = first(places, "Athens")
    assert (athens.place.country_code, athens.place.admin1) == ("US", "Georgia")
    assert first(places, "Clarke County").place.admin1 == "Georgia"


def test_a_pair_of_greek_names_stays_greek(geoparser):
    places = parse(geoparser, "Ferries from Piraeus to the islands left Athens late.")
    assert first(places, "Athens").place.country_code == "GR"


def _town(place_id: str, lat: float, lon: float) -> Candidate:
    return Candidate(place_id, place_id, lat, lon, "US", "Ohio", "city", 1000, "test", 0.5)


@pytest.mark.parametrize(("partner_rank", "paired"), [(0, True), (12, False)])
def test_only_a_likely_reading_of_another_name_lends_support(partner_rank, paired):
    village = _town("russia-ohio", 40.23, -84.41)
    russia = MentionState(Mention("Russia", 0, 6), [_town("russia", 60.0, 100.0), village])
    others = [_town(f"far-{n}", 10.0 + n, 10.0) for n in range(20)]
    others.insert(partner_rank, _town("piqua", 40.14, -84.24))  # 17 km from the village
    washington = MentionState(Mention("Washington", 10, 20), others)
    mark_pairs([russia, washington])
    assert (village.id in russia.paired) is paired


def test_countries_named_together_stay_countries_beside_villages_of_their_names(geoparser):
    # Peru and Mexico, Indiana, are villages 10 km apart: their nearness must not outweigh the
    # countries these names mean.
    text = (
        "The United States expects Peru and Mexico at the summit, U.S. diplomats stated in "
        "Washington. The United States needs Peru and Mexico to sign, a U.S. envoy added."
    )
    places = parse(geoparser, text)
    for name, country in (("Peru", "PE"), ("Mexico", "MX")):
        found = [p for p in places if p.mention.text == name]
        assert found and all(p.place.country_code == country for p in found), name


def test_a_country_named_once_in_a_texan_article_is_the_country(geoparser):
    text = (
        "Cases rose in Houston and Fort Worth, Texas health officials said. The US agency "
        "said the US would send kits to Texas; the US had bought them from China."
    )
    china = first(parse(geoparser, text), "China")
    assert where(china) == ("CN", "country"), china.reason


def test_the_article_town_is_where_its_places_lie_together(geoparser):
    # A house model called "Norbury" (a town in England) three times does not outweigh the
    # Virginian towns named once each around the community.
    text = (
        "Three home designs exist. The Norbury offers twin sinks, the Norbury layout opens onto "
        "a patio, and families love the Norbury. Groceries come from Haymarket, Va., commuters "
        "ride from Manassas, Centreville lies close by, and everyone shops at Wegmans."
    )
    spans = every_span(text, "Norbury") + [
        span(name, text) for name in ["Haymarket", "Va.", "Manassas", "Centreville", "Wegmans"]
    ]
    found = geoparser.parse_spans(Document("d", text), spans).places
    shop = found[-1]
    assert shop.place is not None, shop.reason
    assert shop.place.country_code == "US", shop.reason
    assert haversine_km(shop.place.lat, shop.place.lon, 38.8, -77.6) < 50, shop.reason


@pytest.mark.parametrize(
    "street_text",
    [
        "A parade wound along Chartres and Dauphine streets toward the levee.",
        "A church stood at the Chartres/Dauphine intersection by the river.",
    ],
)
def test_names_the_text_calls_streets_are_placed_at_the_article_town(geoparser, street_text):
    # Streets named after French towns are in New Orleans, not in France.
    text = f"Tourists crowded New Orleans again. {street_text} New Orleans police closed it."
    names = ["New Orleans", "Dauphine"]
    spans = [span(name, text) for name in names]
    spans.append((text.rindex("New Orleans"), text.rindex("New Orleans") + 11))
    street = geoparser.parse_spans(Document("d", text), spans).places[1]
    assert street.place is not None, street.reason
    assert street.place.name == "New Orleans", street.reason
    assert street.reason.startswith("not in the gazetteer")


def test_a_street_is_not_placed_at_the_place_it_is_named_after(geoparser):
    text = (
        "Saskatoon police said a man pointed a handgun on Northumberland Avenue. Saskatoon "
        "officers arrested him."
    )
    spans = [span("Saskatoon", text), span("Northumberland Avenue", text)]
    spans.append((text.rindex("Saskatoon"), text.rindex("Saskatoon") + 9))
    avenue = geoparser.parse_spans(Document("d", text), spans).places[1]
    assert avenue.place is not None, avenue.reason
    assert avenue.place.country_code == "CA", avenue.reason


def test_an_address_is_placed_at_the_article_town(geoparser):
    text = "Volunteers meet inside the county museum at 1450 North Fourth Street, Red Oak, Iowa."
    spans = [span("1450 North Fourth Street", text), span("Red Oak", text), span("Iowa", text)]
    address = geoparser.parse_spans(Document("d", text), spans).places[0]
    assert address.place is not None, address.reason
    assert (address.place.name, address.place.admin1) == ("Red Oak", "Iowa"), address.reason


def test_a_far_large_city_of_a_similar_spelling_is_not_the_place(geoparser):
    # "Madinaty", a suburb of Cairo, is spelt like Madinah (1.3 million people) in Saudi Arabia.
    text = (
        "Around Cairo, parents in Madinaty enrol sons at football academies. Outside Madinaty, "
        "similar schools dot Egypt and the coast by Alexandria."
    )
    names = ["Cairo", "Madinaty", "Egypt", "Alexandria"]
    found = resolve_first(geoparser, text, names)
    suburb = found[1]
    assert suburb.place is not None, suburb.reason
    assert suburb.place.country_code == "EG", suburb.reason


def test_an_airport_named_alone_is_the_airport_in_a_british_article(geoparser):
    text = "Flights were cancelled at Heathrow and Gatwick as snow fell across London and England."
    heathrow = first(parse(geoparser, text), "Heathrow")
    assert heathrow.place.country_code == "GB", heathrow.reason
    assert haversine_km(heathrow.place.lat, heathrow.place.lon, 51.47, -0.46) < 20


def test_a_name_written_with_its_article_is_the_place_of_that_name(geoparser):
    # "Gulf" alone is also a province of Papua New Guinea; "the Gulf" is the Persian Gulf.
    text = "Saudi Arabia cut trade with Qatar, its neighbour in the Gulf."
    spans = [span("Saudi Arabia", text), span("Qatar", text), span("Gulf", text)]
    gulf = geoparser.parse_spans(Document("d", text), spans).places[2]
    assert gulf.place is not None and gulf.place.name == "Persian Gulf", gulf.reason


def test_a_regional_demonym_stands_for_its_region(geoparser):
    text = "Texans voted on Tuesday, and officials in Austin counted the ballots."
    texans = first(parse(geoparser, text), "Texans")
    assert texans.mention.role == "demonym"
    assert (texans.place.kind, texans.place.name) == ("region", "Texas"), texans.reason


@pytest.mark.parametrize(
    ("seat", "lat", "lon"),
    [("White House", 38.9, -77.04), ("Kremlin", 55.75, 37.62), ("Downing Street", 51.5, -0.13)],
)
def test_a_seat_of_power_stands_for_its_city(geoparser, seat, lat, lon):
    # "White House" is also a GeoNames name of Casablanca, "Whitehall" one of Atlanta.
    text = f"Officials at the {seat} said on Monday that talks would resume next week."
    found = first(parse(geoparser, text), seat)
    assert haversine_km(found.place.lat, found.place.lon, lat, lon) < 15, found.reason


def test_wa_in_an_australian_article_is_western_australia(geoparser):
    text = "Perth engineers say sewage in WA gets treated before reaching the ocean, Australia."
    wa = first(parse(geoparser, text), "WA")
    assert (wa.place.country_code, wa.place.kind) == ("AU", "region"), wa.reason


def test_a_small_far_town_the_article_does_not_support_is_not_the_place(geoparser):
    # Crescent, Oklahoma (1,500 people) is the only place of that name: in a London article it
    # is a street of crescent shape, placed at the article's town.
    text = (
        "Pupils in Enfield planted flowers on the Crescent, near Edmonton. Edmonton residents "
        "and Enfield councillors said the Crescent looks better, London officials added."
    )
    spans = every_span(text, "Enfield", "Crescent", "Edmonton", "London")
    found = geoparser.parse_spans(Document("d", text), spans)
    crescent = next(p for p in found.places if p.mention.text == "Crescent")
    assert crescent.place is not None and crescent.place.country_code == "GB", crescent.reason
    assert crescent.reason.startswith("the reading Crescent (Oklahoma"), crescent.reason
    assert crescent.confidence <= 0.3


def test_a_small_far_town_in_a_country_the_article_names_is_kept(geoparser):
    text = (
        "Children from Enfield planted bulbs by Edmonton, London councillors reported. Singers "
        "from Crescent toured, funded by United States donors."
    )
    names = ["Enfield", "Edmonton", "London", "Crescent", "United States"]
    found = resolve_first(geoparser, text, names)
    crescent = found[3]
    assert crescent.place is not None and crescent.place.country_code == "US", crescent.reason


def test_a_far_region_of_a_similar_spelling_is_not_the_place(geoparser):
    # "Fire Island" is spelt like Friesland (Fryslân), a province of the Netherlands.
    text = (
        "Kayla Brandt, raised in Oceanside, joins a ferry captain from Fire Island on a series "
        "filmed on Long Island and in New York."
    )
    names = ["Oceanside", "Fire Island", "Long Island", "New York"]
    found = resolve_first(geoparser, text, names)
    island = found[1]
    assert island.place is None or island.place.country_code == "US", island.reason


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        (
            "Between Iraq and Syria roads stayed shut following the raid, officials said.",
            "Iraq",
            "IQ",
        ),
        (
            "Paris and London streets were quiet on Sunday, police in both cities said.",
            "Paris",
            "FR",
        ),
        ("California and Nevada roads reopened after the storm, officials said.", "Nevada", "US"),
    ],
)
def test_large_places_before_streets_stay_places(geoparser, text, name, country):
    found = geoparser.parse_spans(Document("d", text), [span(name, text)]).places[0]
    assert found.place is not None and found.place.country_code == country, found.reason
    assert not found.reason.startswith("not in the gazetteer"), found.reason


def test_a_building_word_in_a_name_places_nothing(geoparser):
    # "Basilica" is also a name of Basilicata, a region of Italy.
    text = "Pilgrims queued for hours outside St. Mark's Basilica at dawn."
    found = geoparser.parse_spans(Document("d", text), [span("St. Mark's Basilica", text)])
    place = found.places[0].place
    assert place is None or place.name != "Basilicata", found.places[0].reason


def test_a_town_inside_a_county_the_article_names_is_that_town(geoparser):
    # No state is named; Paris, Tennessee is the seat of Henry County, Tennessee.
    text = (
        "Paris police detained a Paris resident overnight. He sits in the Henry County jail "
        "awaiting a Henry County judge, a Paris detective said."
    )
    spans = every_span(text, "Paris", "Henry County")
    paris = geoparser.parse_spans(Document("d", text), spans).places[0]
    assert paris.place is not None, paris.reason
    assert (paris.place.country_code, paris.place.admin1) == ("US", "Tennessee"), paris.reason
    assert "in Henry County, which the article names" in paris.reason


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Having visited Baltimore, New York and Denver, the prince flew west.", "city"),
        ("The band played Chicago, New York and Los Angeles on its tour.", "city"),
        ("Candidates campaigned in Iowa, New York and Ohio this week.", "region"),
    ],
)
def test_a_name_in_a_list_is_of_the_kind_of_its_list(geoparser, text, kind):
    # "New York" is a state and a city; the places listed with it tell which.
    new_york = first(parse(geoparser, text), "New York")
    assert (new_york.place.country_code, new_york.place.kind) == ("US", kind), new_york.reason


def test_a_town_outside_the_state_written_after_it_is_not_the_place(geoparser):
    # The gazetteer's only Holliday is in Texas: "HOLLIDAY, Mo." lies in Missouri.
    text = "HOLLIDAY, Mo. - A farmer was hurt when his tractor overturned on Tuesday."
    holliday = parse(geoparser, text)[0]
    assert holliday.mention.text == "HOLLIDAY"
    assert holliday.place is not None, holliday.reason
    assert (holliday.place.country_code, holliday.place.admin1) == ("US", "Missouri")
    assert "not in Missouri, which the text names after it" in holliday.reason
    assert holliday.confidence <= 0.3


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        ("TBILISI, Georgia - Talks resumed on Monday.", "TBILISI", "Tbilisi"),
        ("Delegates will travel to Guam, Louisiana, Nevada plus Texas.", "Louisiana", "Louisiana"),
    ],
)
def test_a_place_inside_what_is_written_after_it_is_kept(geoparser, text, name, admin1):
    found = first(parse(geoparser, text), name)
    assert found.place.admin1 == admin1, found.reason
    assert not found.reason.startswith("the reading"), found.reason


@pytest.mark.parametrize(
    ("text", "acronym", "lat", "lon"),
    [
        # "Ch'u" is a name of Quzhou, China; "Oaş" of a Romanian area.
        ("Surgeons from the CHU in Nantes fought to save her.", "CHU", 47.22, -1.55),
        ("Ambassadors gathered by the OAS in Miami on Thursday.", "OAS", 25.77, -80.19),
    ],
)
def test_an_acronym_is_not_a_town_of_that_word(geoparser, text, acronym, lat, lon):
    city = text.split(" in ")[1].split()[0]
    found = resolve_first(geoparser, text, [acronym, city])[0]
    assert found.place is not None, found.reason
    assert haversine_km(found.place.lat, found.place.lon, lat, lon) < 20, found.reason


@pytest.mark.parametrize(("acronym", "code"), [("EU", None), ("KY", "US"), ("NYC", "US")])
def test_an_acronym_of_a_place_stays_that_place(geoparser, acronym, code):
    text = f"Officials in the {acronym} said prices rose in March."
    found = geoparser.parse_spans(Document("d", text), [span(acronym, text)]).places[0]
    assert found.place is not None, found.reason
    assert found.place.country_code == code, found.reason
    assert not found.reason.startswith("not in the gazetteer"), found.reason


def test_a_name_that_begins_a_country_the_article_names_is_that_country(geoparser):
    text = (
        "Trinidad and Tobago skipped the summit. Its premier complained that officials in "
        "Trinidad were never informed."
    )
    found = first(parse(geoparser, text), "Trinidad")
    assert found.mention.start > 20
    assert found.place.country_code == "TT", found.reason
    assert found.reason.startswith("short for Trinidad and Tobago"), found.reason


def test_a_name_the_text_places_is_not_taken_for_the_country_it_begins(geoparser):
    text = "Trinidad and Tobago sent a team to Trinidad, Cuba for the festival."
    found = [p for p in parse(geoparser, text) if p.mention.text == "Trinidad"]
    assert found and found[0].place.country_code == "CU", found[0].reason


@pytest.mark.parametrize(
    ("former", "code"), [("Zaire", "CD"), ("Ceylon", "LK"), ("Persia", "IR"), ("Burma", "MM")]
)
def test_a_former_name_of_a_country_is_that_country(geoparser, former, code):
    # Zaire is also a province of Angola, Persia a village in New York.
    text = f"The outbreak began in {former} decades ago, doctors said."
    found = geoparser.parse_spans(Document("d", text), [span(former, text)]).places[0]
    assert found.place is not None and found.place.kind == "country", found.reason
    assert found.place.country_code == code, found.reason


def test_a_country_beside_a_longer_country_name_stays_itself(geoparser):
    # "Guinea Bissau" begins with "Guinea", itself a country.
    text = "Guinea Bissau and Guinea signed a border deal; Guinea will host the next talks."
    found = [p for p in parse(geoparser, text) if p.mention.text == "Guinea"]
    assert found and all(p.place.country_code == "GN" for p in found), found[0].reason


def test_names_the_text_calls_counties_are_counties(geoparser):
    # Henderson, Nevada is a city of 300,000; Henderson County, Texas lies beside Kaufman's.
    text = "Floods struck Kaufman, Henderson and Anderson counties overnight."
    found = first(parse(geoparser, text), "Henderson")
    assert (found.place.kind, found.place.admin1) == ("district", "Texas"), found.reason


def test_a_county_found_by_its_full_name_is_not_a_doubted_spelling(geoparser):
    # "Oconee" is found as "Oconee County": the county the text names, wherever it lies.
    text = "Wildfires spread through Madison and Oconee counties, rangers said."
    places = parse(geoparser, text)
    assert [p.mention.text for p in places] == ["Madison", "Oconee"]
    assert all(p.place is not None and p.place.kind == "district" for p in places), [
        p.reason for p in places
    ]


@pytest.mark.parametrize(
    ("text", "name", "where"),
    [
        (
            "An outbreak reached Midlands, Masvingo and Manicaland provinces of Zimbabwe.",
            "Midlands",
            ("ZW", "region", "Midlands"),
        ),
        # Indiana County is in Pennsylvania; "Indiana counties" are the counties of Indiana.
        (
            "Boone County ranks around the median among Indiana counties, analysts noted.",
            "Indiana",
            ("US", "region", "Indiana"),
        ),
    ],
)
def test_a_province_list_or_a_state_before_counties_is_a_region(geoparser, text, name, where):
    found = first(parse(geoparser, text), name)
    assert (found.place.country_code, found.place.kind, found.place.admin1) == where, found.reason


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        ("A flower shop in Poland, Ohio closed on Friday.", "Poland", "Ohio"),
        ("He grew up in Mexico, Missouri, and moved away.", "Mexico", "Missouri"),
    ],
)
def test_a_town_named_like_a_country_is_the_town_when_its_state_follows(
    geoparser, text, name, admin1
):
    found = first(parse(geoparser, text), name)
    assert (found.place.country_code, found.place.admin1) == ("US", admin1), found.reason
    assert f"written '{name}, {admin1}'" in found.reason


def test_a_generic_word_alone_is_placed_by_the_article_not_at_a_town_of_that_word(geoparser):
    # The Valley is the capital of Anguilla; "here in the Valley" is the article's valley.
    text = "Family shops keep the Valley alive, a grocer in Poland, Ohio, explained."
    names = ["Valley", "Poland", "Ohio"]
    valley = resolve_first(geoparser, text, names)[0]
    assert valley.place is not None and valley.place.country_code == "US", valley.reason
    assert valley.reason.startswith("the reading The Valley (")
    assert valley.confidence <= 0.3


# -- long documents --------------------------------------------------------------------------


def _distances_per_mention(geoparser, monkeypatch, repeats: int) -> float:
    import importlib
    import pkgutil

    import geomap.geoparse

    calls = [0]
    modules = [
        importlib.import_module(f"geomap.geoparse.{info.name}")
        for info in pkgutil.iter_modules(geomap.geoparse.__path__)
    ]
    modules = [m for m in modules if hasattr(m, "haversine_km")]
    measure = modules[0].haversine_km

    def counted(*args: float) -> float:
        calls[0] += 1
        return measure(*args)

    for module in modules:
        monkeypatch.setattr(module, "haversine_km", counted)
    sentence = "Troops clashed in Tripoli, on the border with Lebanon. "
    places = parse(geoparser, sentence * repeats)
    for module in modules:
        monkeypatch.setattr(module, "haversine_km", measure)
    return calls[0] / len(places)


def test_border_relations_do_not_compare_every_mention_with_every_other(geoparser, monkeypatch):
    # A place by a named border was compared with every country mention of the document:
    # quadratic in a long document. From n to 4n repeats the work per mention stays flat.
    small = _distances_per_mention(geoparser, monkeypatch, 40)
    large = _distances_per_mention(geoparser, monkeypatch, 160)
    assert large <= 1.6 * small
