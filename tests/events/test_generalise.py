"""Short articles from other regions, told in other words: the rules are general, not tuned to
one story. Where the struck place is, what only describes it, how victims are counted.

Counting conventions pinned here (see :mod:`geomap.events.numbers`): groups listed with one verb
are summed; "more than a hundred", "over 200", "at least 25" → the figure stated (a lower
bound); "nearly 40", "about 40" → the figure stated; "no one", "nobody", "none of" → 0; one
named or described person → 1.
"""

from __future__ import annotations

from datetime import date

import pytest

from geomap.model import Document

PUBLISHED = date(2024, 6, 20)


@pytest.fixture
def parse(geoparser):
    def run(text: str, published: date | None = PUBLISHED):
        return geoparser.parse(Document("t", text, published=published)).events

    return run


# -- Where: the struck object, and places that only describe it ---------------------------------


def test_struck_site_not_the_town_that_describes_it_sahel(parse):
    text = (
        "On June 9, jihadists attacked Djibo, a town north of Ouagadougou, killing four "
        "soldiers and two volunteers."
    )
    (event,) = parse(text)
    assert event.place["name"] == "Djibo"
    assert event.geo_precision == 1
    assert event.where.startswith("Djibo, a town north of")
    assert event.fatalities == 6


def test_struck_city_described_by_a_region_ukraine(parse):
    text = (
        "Russian missiles struck Kramatorsk, a city in the Donetsk region, on June 14. Three "
        "civilians were killed and 17 were injured."
    )
    (event,) = parse(text)
    assert event.place["name"] == "Kramatorsk"
    assert event.geo_precision == 1
    assert (event.fatalities, event.injuries) == (3, 17)


def test_relative_place_alone_is_the_location_with_precision_two(parse):
    text = "On June 11, gunmen ambushed a convoy 30 km north of Mogadishu, wounding five soldiers."
    (event,) = parse(text)
    assert event.place["name"] == "Mogadishu"
    assert event.geo_precision == 2
    assert event.injuries == 5


def test_near_the_town_of_with_a_nationality(parse):
    text = (
        "On June 2, an air strike hit a market near the Burkinabe town of Djibo, killing "
        "more than a hundred civilians."
    )
    (event,) = parse(text)
    assert event.place["name"] == "Djibo"
    assert event.geo_precision == 2
    assert event.where == "near the Burkinabe town of Djibo"
    assert event.fatalities == 100


def test_names_listed_after_near_share_the_cue(parse):
    text = "Troops clashed with rebels near Lashio and Hsipaw on June 5, killing nearly 40 rebels."
    (event,) = parse(text)
    assert event.place["name"] in ("Lashio", "Hsipaw")
    assert event.geo_precision == 2
    assert event.fatalities == 40


def test_a_description_that_contradicts_the_gazetteer_is_not_trusted(parse):
    # Mogadishu is not "north of" Kyiv: the rule stands down instead of vouching for either.
    text = "On June 3, shells hit Mogadishu, a city north of Kyiv."
    (event,) = parse(text)
    assert "north of Kyiv" not in event.where


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("On June 3, rockets were fired at the Bagram air base north of Kabul.", "Bagram"),
        ("Along the Hostomel airport near Kyiv, 18 missiles were fired on June 3.", "Hostomel"),
        ("Fighting broke out on June 3 in Kupiansk, a town east of Kharkiv.", "Kupyansk"),
    ],
)
def test_the_site_not_the_city_it_is_near(parse, text, name):
    (event,) = parse(text)
    assert event.place["name"].startswith(name)
    assert event.geo_precision == 1


# -- How many: coordinated, bounded, zero, named, wounded ---------------------------------------


def test_coordinated_counts_before_the_verb_are_summed_myanmar(parse):
    text = (
        "On June 8, junta troops shelled a village in Sagaing. Five children and two teachers "
        "were killed, and several others were wounded."
    )
    (event,) = parse(text)
    assert event.fatalities == 7
    assert event.injuries is None  # "several": unknown


def test_nobody_killed_in_its_own_sentence_is_zero(parse):
    text = (
        "A car bomb exploded outside a police station in Culiacan on June 12. Nobody was "
        "killed, although over 200 windows were shattered and 14 people were hurt."
    )
    (event,) = parse(text)
    assert event.fatalities == 0
    assert event.injuries == 14


def test_none_of_the_passengers_and_no_one_else(parse):
    text = (
        "Militants fired rockets at a bus near Gao on June 1. None of the passengers were injured."
    )
    (event,) = parse(text)
    assert (event.fatalities, event.injuries) == (0, 0)


def test_a_named_person_killed_counts_one(parse):
    text = "On June 4, a drone strike near Jilib killed the al-Shabaab commander Ahmed Diriye."
    (event,) = parse(text)
    assert event.fatalities == 1


def test_victims_sentence_without_event_word_joins_the_event_before(parse):
    text = (
        "Cartel gunmen attacked a checkpoint in Culiacan on June 15.\n\n"
        "Gunmen killed two farmers in Sinaloa on June 16. Over 200 people were later treated "
        "for smoke inhalation injuries."
    )
    first, second = parse(text)
    assert first.injuries is None
    assert second.fatalities == 2 and second.injuries == 200


def test_victims_sentence_too_far_from_any_event_adds_nothing(parse):
    text = (
        "Gunmen attacked a checkpoint in Culiacan on June 15. Police said the attackers fled. "
        "Officers searched the area. Two people were wounded.\n\n"
        "The city was calm on Sunday. Three people were hurt."
    )
    (event,) = parse(text)
    assert event.injuries is None
    assert len(event.sentences) == 1


def test_running_totals_are_not_an_event_s_victims(parse):
    text = (
        "Gunmen attacked a village near Menaka on June 6, killing 12 herders. More than 1,000 "
        "civilians have been killed in the region since 2022."
    )
    (event,) = parse(text)
    assert event.fatalities == 12


@pytest.mark.parametrize(
    ("sentence", "fatalities", "injuries"),
    [
        ("Two Malian soldiers and one French officer were killed.", 3, None),
        ("At least five fighters and three soldiers were killed.", 8, None),
        ("Five Burkinabe and three Nigerien soldiers died.", 8, None),
        ("Six soldiers, two police officers and a civilian were killed.", 9, None),
        ("Gunmen killed four police officers and a woman visiting from abroad.", 5, None),
        ("Eighteen rockets hit the base and two soldiers were killed.", 2, None),
        ("Nobody was hurt.", 0, 0),
        ("No one else was injured.", 0, 0),
        ("None of the passengers was injured.", 0, 0),
        ("No one was killed or injured.", 0, 0),
        (
            "No one was killed, although more than a hundred troops were later treated for "
            "brain injuries.",
            0,
            100,
        ),
        ("None of the injured were soldiers.", None, None),
        ("Over 200 people were injured.", None, 200),
        ("Nearly 40 civilians died.", 40, None),
        ("About 40 civilians died.", 40, None),
        ("More than 100 people were wounded.", None, 100),
        ("A drone strike killed the Iranian general Qassem Soleimani.", 1, None),
        ("A sniper shot dead a police officer and wounded two passers-by.", 1, 2),
        ("The strike killed the commander and his deputy.", 2, None),
        ("The attack killed Abu Bakr al-Baghdadi.", 1, None),
        ("Rebels killed Congolese army soldiers.", None, None),
        ("Two soldiers were killed and 14 others were wounded.", 2, 14),
        ("The blast killed three people and injured 12.", 3, 12),
        ("Seven people were hurt.", None, 7),
        ("Eighteen troops who fought and were wounded in the battle were decorated.", None, 18),
        ("The shelling left four dead and 11 injured.", 4, 11),
        ("The blast left two people dead and five wounded.", 2, 5),
        ("The stabbing left a raft of others in custody.", None, None),
        ("Three gunmen killed several villagers.", None, None),  # the killers' number
        ("One woman has died after being struck by a car.", 1, None),
        ("Two men died the next day.", 2, None),
    ],
)
def test_counting_conventions(sentence, fatalities, injuries):
    from geomap.events.numbers import casualties

    assert casualties(sentence) == (fatalities, injuries)
