"""More of the ways news and monitors tell an event, and the codebook rules they need (no
gazetteer; sentences written for these tests)."""

from __future__ import annotations

from datetime import date

import pytest

from geomap.events import extract_events
from geomap.model import Document

PUBLISHED = date(2023, 9, 15)


def codes(text: str) -> list[tuple[str, str]]:
    events = extract_events(Document("t", text), [], published=PUBLISHED)
    return [(e.event_type, e.sub_event_type) for e in events]


@pytest.mark.parametrize(
    ("text", "event_type", "sub_event_type"),
    [
        # Shots fired at a target, whatever the words between.
        ("On 4 September, the rebels fired machine guns in the direction of army positions.",
         "Battles", "Armed clash"),
        ("On 4 September, police fired several shots at a car carrying three farmers.",
         "Violence against civilians", "Attack"),
        # A shooting told as a noun.
        ("On 4 September, a woman was injured in a drive-by shooting by two armed men.",
         "Violence against civilians", "Attack"),
        # Fights told with other verbs.
        ("On 4 September, rebels battled with the army near the river crossing.",
         "Battles", "Armed clash"),
        ("On 4 September, heavy gunfire erupted between militiamen and soldiers near the dam.",
         "Battles", "Armed clash"),
        # Forces sent somewhere, however the sentence turns it.
        ("On 4 September, about 500 soldiers were deployed in the northern district.",
         "Strategic developments", "Change to group/activity"),
        ("On 4 September, the militants deployed fighters in two villages near the lake.",
         "Strategic developments", "Change to group/activity"),
        ("On 4 September, a military convoy of twenty vehicles arrived at the airbase.",
         "Strategic developments", "Change to group/activity"),
        ("On 4 September, the city was placed under a strict lockdown after new infections.",
         "Strategic developments", "Change to group/activity"),
        ("On 4 September, militants ran a checkpoint on the road south of the town.",
         "Strategic developments", "Change to group/activity"),
        # Displacement seen from where people arrive; leaflets left for people to find.
        ("On 4 September, about 900 refugees from the war arrived in the border town.",
         "Strategic developments", "Other"),
        ("On 4 September, hateful flyers were found on cars in the suburb.",
         "Strategic developments", "Other"),
        # Infrastructure wrecked, vehicles seized by armed men.
        ("On 4 September, militants sabotaged a telephone antenna near the village.",
         "Strategic developments", "Looting/property destruction"),
        ("On 4 September, gunmen seized a truck from two traders on the main road.",
         "Strategic developments", "Looting/property destruction"),
        # Bombs dropped from above; bombs thrown by hand.
        ("On 4 September, a drone dropped two fragmentation grenades on the trenches.",
         "Explosions/Remote violence", "Air/drone strike"),
        ("On 4 September, youths hurled three bombs at a police patrol in the market.",
         "Explosions/Remote violence", "Grenade"),
        # Taken away to a place nobody is told: an enforced disappearance.
        ("On 4 September, soldiers took the village chief to an unknown location.",
         "Violence against civilians", "Abduction/forced disappearance"),
        # Arrested and tortured: an attack on the detainee, not an arrest.
        ("On 4 September, police arrested a student and tortured him at the station.",
         "Violence against civilians", "Attack"),
        # Demonstrations: roads blocked far down the sentence, slow convoys, placards, names.
        ("On 4 September, truck drivers blocked with their trucks km 40 of the coastal road.",
         "Protests", "Peaceful protest"),
        ("On 4 September, dozens of lorry drivers were driving slowly along the motorway.",
         "Protests", "Peaceful protest"),
        ("On 4 September, three council candidates displayed placards outside the town hall.",
         "Protests", "Peaceful protest"),
        ("On 4 September, members of the We Will Win Movement staged a protest in the square.",
         "Protests", "Peaceful protest"),
        ("On 4 September, teachers and No Fees students gathered outside the ministry.",
         "Protests", "Peaceful protest"),
        ("On 4 September, farmers from villages such as Alpha and Beta staged a protest.",
         "Protests", "Peaceful protest"),
        ("On 4 September, nurses continued to block the entrance of the clinic.",
         "Protests", "Peaceful protest"),
        # A place occupied or closed in order to demand something; a march named "March".
        ("On 4 September, students occupied two high schools in the city to demand better "
         "buses.", "Protests", "Peaceful protest"),
        ("On 4 September, graduates closed the governorate building to denounce unemployment.",
         "Protests", "Peaceful protest"),
        ("On 4 September, activists joined the Global March for Clean Rivers in the capital.",
         "Protests", "Peaceful protest"),
        # Straw thrown and crops damaged by rain do not make a demonstration violent.
        ("On 4 September, angry growers protested by throwing straw outside the ministry.",
         "Protests", "Peaceful protest"),
        ("On 4 September, farmers protested to demand help for crops damaged by the rain.",
         "Protests", "Peaceful protest"),
        # An effigy burnt, a self-immolation recalled, a damaged roof complained of, stones
        # laid for a railway: nobody else harmed, the protest stays peaceful.
        ("On 4 September, pupils marched to parliament and burned an effigy of the governor "
         "there.", "Protests", "Peaceful protest"),
        ("On 4 September, activists gathered to remember a monk who set himself on fire in "
         "1963.", "Protests", "Peaceful protest"),
        ("On 4 September, teachers protested against the school's damaged roof and crowded "
         "classrooms.", "Protests", "Peaceful protest"),
        ("On 4 September, villagers protested against the laying of stones for a new railway.",
         "Protests", "Peaceful protest"),
        # "March" the month is no march: cattle looted on 17 March is no riot.
        ("On 17 March, cattle were looted from a farm in the village.",
         "Strategic developments", "Looting/property destruction"),
        # A crowd that burns tyres or stones a man is a riot.
        ("On 4 September, party members burnt tyres to demonstrate against the candidate list.",
         "Riots", "Violent demonstration"),
        ("On 4 September, residents stoned a young man in the market.",
         "Riots", "Mob violence"),
        # A party's members who fight with no gun named are rioters, not armed groups, and
        # the ones stabbed are no armed targets.
        ("On 4 September, members of the Green Party and the Blue League clashed in the town.",
         "Riots", "Mob violence"),
        ("On 4 September, two ABC members were stabbed by XYZ members at a bar.",
         "Riots", "Mob violence"),
        # A rebel group named as the target fights back: a battle, not an attack on civilians.
        ("On 4 September, gunmen attacked the Taliban near the bridge, killing one.",
         "Battles", "Armed clash"),
        ("On 4 September, soldiers shot dead two members of the Islamic State in the desert.",
         "Battles", "Armed clash"),
        # A group of people who hurt someone with no gun or armed group named: a mob; armed
        # men doing the same: an attack.
        ("On 4 September, a group of youths attacked and injured a shopkeeper near the bus stop.",
         "Riots", "Mob violence"),
        ("On 4 September, members of the ruling party attacked a candidate with sticks in the "
         "village.", "Riots", "Mob violence"),
        ("On 4 September, a group of gunmen attacked and injured a man in the market.",
         "Violence against civilians", "Attack"),
        # The finite verb of a rape is a report of its own, even after "the other".
        ("On 4 September, soldiers stopped eight women on the road. One escaped, and the other "
         "seven were gang-raped.", "Violence against civilians", "Sexual violence"),
    ],
)  # fmt: skip
def test_the_way_news_tells_it(text: str, event_type: str, sub_event_type: str) -> None:
    assert (event_type, sub_event_type) in codes(text)


def test_dismissed_from_a_job_is_no_shooting() -> None:
    # "fired" for a dismissal is no attack, however far the preposition comes.
    assert codes("On 4 September, the manager was fired from his job at the plant.") == []


def test_a_date_in_march_is_no_march() -> None:
    assert codes("The council meeting was held on 5 March in the capital.") == []


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        ("On 4 September, the militiamen looted more than 300 cows in the village.", "militiamen"),
        ("On 4 September, settlers attacked two shepherds near the spring.", "settlers"),
        ("On 4 September, kidnappers abducted a trader on the highway.", "kidnappers"),
    ],
)
def test_who_acted_named_in_lower_case(text: str, actor1: str) -> None:
    events = extract_events(Document("t", text), [], published=PUBLISHED)
    assert [e.actor1 for e in events] == [actor1]


@pytest.mark.parametrize(
    "text",
    [
        "On 4 September, voters queued as a general election was held nationwide.",
        "On 4 September, the government held snap parliamentary elections after a long delay.",
        "On 4 September, the assembly elected a former judge as the country's president.",
        "On 4 September, two schools were emptied after a bomb threat was phoned in at noon.",
        "On 4 September, classes were suspended after receiving several bomb threats by email.",
    ],
)
def test_elections_and_bomb_threats_are_other_developments(text: str) -> None:
    # ACLED records a vote held, a head of state elected and a disruptive bomb threat as
    # "Other" strategic developments.
    assert codes(text) == [("Strategic developments", "Other")]


def test_a_protest_told_beside_an_election_is_the_protest() -> None:
    text = "On 4 September, thousands rallied in the capital after the runoff vote was held."
    assert codes(text) == [("Protests", "Peaceful protest")]
