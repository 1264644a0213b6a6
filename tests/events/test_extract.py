"""Whole short articles through the geoparser: places, cues, merging, origin (gazetteer)."""

from __future__ import annotations

from datetime import date

import pytest

from geomap.model import Document

PUBLISHED = date(2023, 5, 20)


@pytest.fixture
def parse(geoparser):
    def run(text: str, published: date | None = PUBLISHED):
        return geoparser.parse(Document("t", text, published=published))

    return run


def test_one_event_told_in_several_sentences_is_one_record(parse):
    text = (
        "Mortar rounds hit the outskirts of Mosul on May 14, killing four soldiers.\n"
        "The attack was the deadliest this year. Officials blamed a local cell for the "
        "shelling.\n"
        "Separately, police arrested 15 people in Fallujah on May 16."
    )
    events = parse(text).events
    assert [(e.sub_event_type, e.date) for e in events] == [
        ("Shelling/artillery/missile attack", "2023-05-14"),
        ("Arrests", "2023-05-16"),
    ]
    shelling = events[0]
    assert len(shelling.sentences) == 3
    assert shelling.place["name"] == "Mosul" and shelling.geo_precision == 2
    assert shelling.fatalities == 4
    city = events[1].place
    assert (city["country_code"], city["kind"], events[1].geo_precision) == ("IQ", "city", 1)


def test_lead_sentence_merges_forward_with_the_detailed_report(parse):
    text = (
        "Lawmakers condemned yesterday the rocket attack which killed two guards.\n\n"
        "Six rockets struck the Kandahar airport on May 17. No group claimed the attack."
    )
    (event,) = parse(text).events
    assert event.date == "2023-05-17"
    assert event.fatalities == 2
    assert len(event.sentences) == 3


def test_same_event_told_twice_with_its_date_is_merged(parse):
    text = (
        "Air strikes hit rebel camps in Idlib on May 2, killing 8 fighters.\n\n"
        "Monitors said that air strikes on May 2 in Idlib killed at least 8 rebels."
    )
    assert len(parse(text).events) == 1


def test_dateline_and_read_more_places_are_never_event_places(parse):
    text = (
        "NAIROBI, May 19 (Reuters) - Gunmen killed five herders on May 18, officials said.\n\n"
        "Read more: Bomb blast in Mogadishu kills 10"
    )
    (event,) = parse(text).events
    assert event.sub_event_type == "Attack"
    assert (event.place or {}).get("name") != "Nairobi"
    assert all("Mogadishu" not in s.text for s in event.sentences)


def test_country_fallback_when_no_place_is_tied_to_the_event(parse):
    text = (
        "Tensions are rising across Nigeria.\n\n"
        "Gunmen killed eleven farmers on May 12, witnesses told reporters."
    )
    (event,) = parse(text).events
    assert event.place["country_code"] == "NG"
    assert event.geo_precision == 3


def test_place_inherited_within_the_paragraph(parse):
    text = (
        "Rebels shelled Goma on May 10, killing three. Two days later, a roadside bomb "
        "killed two soldiers."
    )
    first, second = parse(text).events
    assert second.date == "2023-05-12"
    assert second.place["name"] == first.place["name"] == "Goma"
    assert second.geo_precision >= 2


def test_origin_when_a_country_attacks_another(parse):
    text = "On May 3, Russia fired missiles at power stations in Ukraine, killing two."
    (event,) = parse(text).events
    assert event.origin["country_code"] == "RU"
    assert event.place["country_code"] == "UA"
    assert event.actor1 == "Russia"


def test_border_between_two_countries(parse):
    text = "On May 6, warplanes struck smugglers on the border between Mali and Niger."
    (event,) = parse(text).events
    assert event.place["kind"] == "border"
    assert event.geo_precision == 3
    assert 10 < event.place["lat"] < 20 and -5 < event.place["lon"] < 5


def test_cue_near_gives_precision_two(parse):
    text = "A landmine exploded near Kharkiv on May 8, wounding three civilians."
    (event,) = parse(text).events
    assert event.place["name"].startswith("Kharkiv")
    assert event.geo_precision == 2
    assert event.injuries == 3
    assert event.where.startswith("near")


def test_over_a_country(parse):
    text = "A cargo plane was shot down over Sudan on May 4, killing all five crew members."
    (event,) = parse(text).events
    assert event.place["country_code"] == "SD" and event.geo_precision == 3
    assert event.fatalities == 5


def test_events_json_fields(parse):
    (event,) = parse("Rioters torched six cars in Lyon on May 1.").to_dict()["events"]
    for key in ("event_type", "sub_event_type", "date", "date_precision", "place",
                "geo_precision", "where", "actor1", "actor2", "fatalities", "injuries",
                "sentences", "origin", "inter1", "inter2", "civilian_targeting",
                "reason"):  # fmt: skip
        assert key in event
    assert set(event["sentences"][0]) == {"text", "start", "end"}


def test_the_police_answer_in_the_next_paragraph_is_the_same_protest(parse):
    text = (
        "Hundreds of teachers marched through Nakuru on May 18 over unpaid salaries.\n"
        "Police fired tear gas to disperse the marchers."
    )
    events = parse(text).events
    assert [(e.event_type, e.sub_event_type) for e in events] == [
        ("Protests", "Protest with intervention")
    ]
