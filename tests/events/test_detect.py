"""Which sentences report an event, of which ACLED type; and which do not (no gazetteer)."""

from __future__ import annotations

from datetime import date

import pytest

from geomap.events import extract_events, publication_date
from geomap.model import Document

PUBLISHED = date(2022, 6, 10)


def events(text: str, published: date | None = PUBLISHED):
    return extract_events(Document("t", text), [], published=published)


@pytest.mark.parametrize(
    ("text", "event_type", "sub_event_type"),
    [
        ("Government troops clashed with rebels on Monday.", "Battles", "Armed clash"),
        ("Insurgents seized control of the district headquarters on June 3.", "Battles",
         "Non-state actor overtakes territory"),
        ("The army recaptured the town on June 2.", "Battles", "Government regains territory"),
        ("Warplanes bombed a fuel depot on June 8.", "Explosions/Remote violence",
         "Air/drone strike"),
        ("A drone strike hit a convoy on June 8.", "Explosions/Remote violence",
         "Air/drone strike"),
        ("Rebels fired 40 rockets at the port on June 7.", "Explosions/Remote violence",
         "Shelling/artillery/missile attack"),
        ("A roadside bomb killed three soldiers on June 1.", "Explosions/Remote violence",
         "Remote explosive/landmine/IED"),
        ("A suicide bomber killed nine worshippers on June 5.", "Explosions/Remote violence",
         "Suicide bomb"),
        ("A man threw a grenade into a bar on June 4, wounding six.",
         "Explosions/Remote violence", "Grenade"),
        ("Gunmen killed seven villagers on June 6.", "Violence against civilians", "Attack"),
        ("Armed men abducted 20 students on June 6.", "Violence against civilians",
         "Abduction/forced disappearance"),
        ("Thousands of teachers protested peacefully on June 9.", "Protests",
         "Peaceful protest"),
        ("Police fired tear gas to disperse demonstrators on June 9.", "Protests",
         "Protest with intervention"),
        ("Security forces opened fire on protesters on June 9, killing four.", "Protests",
         "Excessive force against protesters"),
        ("Rioters torched five cars on June 8.", "Riots", "Violent demonstration"),
        ("An angry mob lynched a suspected thief on June 8.", "Riots", "Mob violence"),
        ("The two sides signed a ceasefire agreement on June 2.", "Strategic developments",
         "Agreement"),
        ("Police arrested 12 opposition members on June 7.", "Strategic developments",
         "Arrests"),
        ("Air defences shot down two drones on June 7.", "Strategic developments",
         "Disrupted weapons use"),
        ("Engineers defused a bomb near the market on June 7.", "Strategic developments",
         "Disrupted weapons use"),
        ("The ministry deployed 500 troops to the region on June 3.", "Strategic developments",
         "Change to group/activity"),
        ("Looters ransacked the warehouse on June 4.", "Strategic developments",
         "Looting/property destruction"),
    ],
)  # fmt: skip
def test_each_event_type(text, event_type, sub_event_type):
    found = events(text)
    assert [(e.event_type, e.sub_event_type) for e in found] == [(event_type, sub_event_type)]


@pytest.mark.parametrize(
    "text",
    [
        "Officials said the rebels did not attack the camp on June 2.",
        "The militia threatened to hit 30 targets in the city.",
        "The president decided not to retaliate with air strikes.",
        "The army will try to launch air strikes next week.",
        "Residents fear a possible attack on the town.",
        "If talks fail, rebels could shell the port.",
        "These ongoing attacks pose a threat to the region.",
        "The plot to bomb the embassy was foiled.",
    ],
)
def test_events_that_did_not_happen_are_not_events(text):
    assert events(text) == []


def test_attribution_is_the_same_event_not_a_new_one():
    text = (
        "Rockets hit an army base on June 4, killing two soldiers.\n"
        "The attack could have been carried out by a local militia."
    )
    found = events(text)
    assert len(found) == 1
    assert len(found[0].sentences) == 2
    assert found[0].actor1 == "local militia"


def test_headline_style_plural_without_anchor_is_dropped():
    assert events("After air strikes, tensions rise in the region") == []


def test_dates_of_reports_are_not_dates_of_events():
    # The report's date is not the attack's: without its own date the attack takes the
    # publication date, as ACLED dates an undated report.
    text = "The police said on Wednesday, June 8, that a rocket attack had killed four."
    found = events(text)
    assert len(found) == 1 and found[0].date == PUBLISHED.isoformat()


def test_relative_date_counts_from_the_previous_event():
    text = (
        "Rebels shelled a village on June 3, killing two.\n"
        "Two days later, warplanes struck rebel positions, killing nine fighters."
    )
    found = events(text)
    assert [(e.sub_event_type, e.date) for e in found] == [
        ("Shelling/artillery/missile attack", "2022-06-03"),
        ("Air/drone strike", "2022-06-05"),
    ]


def test_future_and_impossible_dates_fall_back_to_the_publication_date():
    found = events("Militants attacked a checkpoint on February 30, killing three.")
    assert found and found[0].date == PUBLISHED.isoformat()
    found = events("Militants attacked a checkpoint on June 20, killing three.")
    assert found and found[0].date == PUBLISHED.isoformat()
    found = events("Militants attacked a checkpoint, killing three.", published=None)
    assert found and found[0].date is None


def test_year_inferred_from_publication_month():
    found = events("Rebels attacked a convoy on December 28, killing five.")
    assert found[0].date == "2021-12-28" and found[0].date_precision == "day"


def test_month_precision():
    found = events("Rebels carried out air strikes at the end of 2021, killing dozens.")
    assert (found[0].date, found[0].date_precision, found[0].fatalities) == (
        "2021-12-01",
        "month",
        12,
    )


def test_no_publication_date_leaves_relative_dates_unknown():
    found = events("Gunmen killed four farmers yesterday.", published=None)
    assert len(found) == 1 and found[0].date is None


def test_publication_date_from_metadata_or_text():
    assert publication_date(Document("a", "x", meta={"published": "2020-05-01T10:00Z"})) == date(
        2020, 5, 1
    )
    doc = Document("b", "LAGOS, June 3, 2019 (Reuters) - Gunmen killed two.")
    assert publication_date(doc) == date(2019, 6, 3)
    assert publication_date(Document("c", "No date here.")) is None


def test_read_more_and_footer_lines_are_not_events():
    text = (
        "Rebels shelled a village on June 3, killing two.\n\n"
        "Read more: Air strikes killed 40 fighters on June 1\n\n"
        "Follow us on Twitter and Facebook. Subscribe to our newsletter."
    )
    found = events(text)
    assert len(found) == 1 and found[0].fatalities == 2


def test_source_sentences_carry_offsets():
    text = "Intro line without events.\nRebels shelled a village on June 3, killing two."
    (event,) = events(text)
    (sentence,) = event.sentences
    assert text[sentence.start : sentence.end] == sentence.text
    assert sentence.text.startswith("Rebels shelled")


@pytest.mark.parametrize("text", ["", "   \n\n", "No events at all here.", "Killed." * 3])
def test_degenerate_input(text):
    assert isinstance(events(text), list)
