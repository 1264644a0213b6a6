"""ACLED's codebook: types decided by who acted on whom, actors typed, deaths that are not
political violence, statements that are not events (no gazetteer; sentences written for these
tests)."""

from __future__ import annotations

from datetime import date

import pytest

from geomap.events import extract_events
from geomap.events.actors import find_actors
from geomap.events.codebook import Evidence, actor_kind, decide_codes
from geomap.events.merge import merge_reports
from geomap.model import Document

PUBLISHED = date(2023, 9, 15)


def events(text: str):
    return extract_events(Document("t", text), [], published=PUBLISHED)


def codes(text: str) -> list[tuple[str, str]]:
    return [(e.event_type, e.sub_event_type) for e in events(text)]


@pytest.mark.parametrize(
    ("text", "event_type", "sub_event_type"),
    [
        # Who acted on whom: armed men on civilians, on soldiers, a crowd on a man.
        ("Two armed men shot dead a shopkeeper in the market on September 3.",
         "Violence against civilians", "Attack"),
        ("Gunmen ambushed an army patrol on September 3, killing two soldiers.",
         "Battles", "Armed clash"),
        ("A shoot-out took place between police officers and gang members on September 4.",
         "Battles", "Armed clash"),
        ("Residents caught a suspected thief and beat him to death on September 5.",
         "Riots", "Mob violence"),
        ("Rioters clashed with the police near the stadium on September 5.",
         "Riots", "Mob violence"),
        # Demonstrations: peaceful, met by force, killed, turned violent.
        ("About 200 nurses gathered outside the ministry on September 6 to demand higher pay.",
         "Protests", "Peaceful protest"),
        ("Traders staged a sit-in at the city hall on September 6.",
         "Protests", "Peaceful protest"),
        ("Farmers blocked the main highway on September 6 against the new tax. Police used "
         "tear gas to disperse the protesters.", "Protests", "Protest with intervention"),
        ("Students marched to the palace on September 7. Soldiers opened fire on the "
         "marchers, killing two protesters.", "Protests", "Excessive force against protesters"),
        ("Demonstrators threw stones at the police and burned tyres on September 7 over "
         "power cuts.", "Riots", "Violent demonstration"),
        # Strategic developments.
        ("Soldiers set fire to dozens of houses in the village on September 8.",
         "Strategic developments", "Looting/property destruction"),
        ("A new armed group announced its formation on September 8.",
         "Strategic developments", "Change to group/activity"),
        ("Hundreds of families were displaced from the valley on September 9.",
         "Strategic developments", "Other"),
        ("A rebel commander surrendered to the authorities on September 9.",
         "Strategic developments", "Agreement"),
        ("Soldiers found an IED planted under a bridge on September 10.",
         "Strategic developments", "Disrupted weapons use"),
        ("Rebels took control of the town without a fight on September 10.",
         "Strategic developments", "Non-violent transfer of territory"),
        ("Militants took control of the town after heavy fighting on September 11.",
         "Battles", "Non-state actor overtakes territory"),
        ("Government troops clashed with rebels on September 11 and recaptured the town.",
         "Battles", "Government regains territory"),
        # The gravest act decides: killing people outweighs the looting told with it.
        ("Militiamen killed two villagers on September 12 and looted their cattle.",
         "Violence against civilians", "Attack"),
        # Remote violence keeps its sub-type whatever the target.
        ("A landmine exploded under a minibus on September 11, killing four passengers.",
         "Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ("An explosion went off near the checkpoint on September 12.",
         "Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ("Militiamen raped two women near the camp on September 12.",
         "Violence against civilians", "Sexual violence"),
        # The ways reports say it: burned down, rustled, wounded by a bomb, barricades, the
        # weapon named before the target, a pretext that is no second event.
        ("Armed men burnt down two farm settlements on September 13.",
         "Strategic developments", "Looting/property destruction"),
        ("Bandits rustled about 200 cattle from the village on September 13.",
         "Strategic developments", "Looting/property destruction"),
        ("Three children were wounded by a bomb near the school on September 14.",
         "Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ("Residents erected barricades of burning tyres on September 14 to denounce a "
         "kidnapping.", "Riots", "Violent demonstration"),
        ("The army fired two BM-21 Grad rockets at rebel positions on September 15.",
         "Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ("Soldiers demolished a family house on September 15 under the pretext of a "
         "missing permit.", "Strategic developments", "Looting/property destruction"),
    ],
)  # fmt: skip
def test_who_acted_on_whom_decides_the_type(text, event_type, sub_event_type):
    assert codes(text) == [(event_type, sub_event_type)]


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("A chlorine gas attack on the rebel-held town on September 12 killed six people.",
         "Chemical weapon"),
        ("Government forces used chemical weapons against the besieged suburb on September 12.",
         "Chemical weapon"),
        ("A suicide bomber blew himself up at a checkpoint on September 12, killing three "
         "soldiers.", "Suicide bomb"),
        ("Warplanes bombed a rebel camp on September 12, killing twelve fighters.",
         "Air/drone strike"),
        ("A drone strike hit a car near the border on September 12, killing two militants.",
         "Air/drone strike"),
        ("Gunmen threw a grenade into a bar on September 13, wounding four customers.",
         "Grenade"),
    ],
)  # fmt: skip
def test_each_weapon_used_from_afar(text, sub_event_type):
    assert codes(text) == [("Explosions/Remote violence", sub_event_type)]


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("A security operation in the capital on September 8 led to the arrest of 40 people.",
         "Arrests"),
        ("The army set up a checkpoint at the entrance of the town on September 8.",
         "Change to group/activity"),
        ("The authorities extended the curfew in the province on September 8 by a month.",
         "Change to group/activity"),
        ("The army deployed reinforcements to the northern districts on September 8.",
         "Change to group/activity"),
        ("Soldiers bulldozed agricultural lands near the village on September 9.",
         "Looting/property destruction"),
        ("Police eradicated 3,000 cannabis plants in the hills on September 9.",
         "Looting/property destruction"),
        ("Unknown people set the premises of the logistics company on fire on September 10.",
         "Looting/property destruction"),
        ("Residents fled homes in the valley on September 9 as the fighting approached.",
         "Other"),
        ("Rifles and ammunition belonging to a local militia were seized by the army on "
         "September 10.", "Disrupted weapons use"),
    ],
)  # fmt: skip
def test_developments_without_fighting(text, sub_event_type):
    assert codes(text) == [("Strategic developments", sub_event_type)]


@pytest.mark.parametrize(
    ("text", "event_type", "sub_event_type"),
    [
        # A gang's member shot by armed men: armed actors fighting each other.
        ("Two armed men shot dead a drug trafficker in the market on September 3.",
         "Battles", "Armed clash"),
        # Intercepting a person is no disrupted weapons use.
        ("Gunmen stopped a farmer riding home on September 4 and shot him dead.",
         "Violence against civilians", "Attack"),
        # Off duty, a policeman is a civilian: shooting him is an attack, not a battle.
        ("Two armed men shot dead an off-duty police officer in the market on September 3.",
         "Violence against civilians", "Attack"),
        # An ambush on a bus of passengers is an attack on civilians.
        ("Militants ambushed a bus carrying passengers on the highway on September 3.",
         "Violence against civilians", "Attack"),
        # Mortars and small arms fired back and forth: a ground fight, not shelling alone.
        ("Rebels fired mortars at an army post on September 3 and the soldiers returned fire "
         "with small arms.", "Battles", "Armed clash"),
        # Only a state arrests; an armed group that detains people abducts them.
        ("Militants detained three truck drivers at their checkpoint on September 4.",
         "Violence against civilians", "Abduction/forced disappearance"),
    ],
)  # fmt: skip
def test_who_the_victim_and_the_agent_are_decides(text, event_type, sub_event_type):
    assert codes(text) == [(event_type, sub_event_type)]


@pytest.mark.parametrize(
    "text",
    [
        "About 50 teachers took part in a march to the ministry on September 6 to demand pay.",
        "Nurses organized a sit in outside the hospital on September 6.",
        "Residents closed the main road on September 6 to denounce power cuts.",
        "Truck drivers formed a picket line at the port entrance on September 6.",
        "Climate activists chained themselves to the gates of the refinery on September 6.",
        "Farmers held a tractor convoy through the capital on September 6 against the tax.",
    ],
)
def test_the_ways_a_demonstration_is_told(text):
    assert codes(text) == [("Protests", "Peaceful protest")]


@pytest.mark.parametrize(
    ("text", "inter1"),
    [
        # The subject of a passive without "by" is the victim, not the agent.
        ("Two men were killed in the village on September 5.", 3),
        # Men who shoot are armed men, not a crowd.
        ("Four men shot at a doctor outside his clinic on September 5.", 3),
        # Prison guards are the state's.
        ("Prison guards beat up three inmates on September 5.", 1),
    ],
)
def test_the_agent_of_an_attack_on_people(text, inter1):
    (event,) = events(text)
    assert (event.sub_event_type, event.inter1) == ("Attack", inter1)


@pytest.mark.parametrize(
    ("sentence", "trigger", "actor1"),
    [
        # An adverb between the subject and the verb.
        ("Rebel forces continuously shelled the town on Sunday.", "shelled", "Rebel forces"),
        # The trigger's own subject is no actor: the clause's earlier verb has one.
        ("Gunmen attacked and killed three farmers on Sunday.", "killed", "Gunmen"),
        ("Militants attacked the post with rifles and an IED on Sunday.", "IED", "Militants"),
    ],
)
def test_the_agent_is_the_subject_of_the_clause(sentence, trigger, actor1):
    assert find_actors(sentence, sentence.index(trigger))[0] == actor1


def test_artillery_of_no_named_side_is_taken_for_a_state_s():
    (event,) = events("Shells hit the market of the town on September 5, killing two people.")
    assert (event.sub_event_type, event.inter1) == ("Shelling/artillery/missile attack", 1)


@pytest.mark.parametrize(
    ("text", "event_type", "sub_event_type"),
    [
        ("Soldiers fired heavy weapons at the village on September 5, killing one man.",
         "Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ("Unknown people set ablaze a butchery in the town on September 5.",
         "Strategic developments", "Looting/property destruction"),
        ("Soldiers seized a hidden cocaine lab deep in the forest on September 5.",
         "Strategic developments", "Looting/property destruction"),
        ("Militants set up a number of checkpoints across the district on September 5.",
         "Strategic developments", "Change to group/activity"),
        ("On September 5, workers continued to stage a picket outside the factory.",
         "Protests", "Peaceful protest"),
        ("Youths hurled six petrol bombs at the town hall on September 5.",
         "Riots", "Violent demonstration"),
    ],
)  # fmt: skip
def test_more_ways_reports_tell_an_event(text, event_type, sub_event_type):
    assert codes(text) == [(event_type, sub_event_type)]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        # A date opening the sentence dates its main clause, not the clause inside it.
        ("On 14 September 2023, relatives of a man who was killed on 2 September protested "
         "outside the court.", "2023-09-14"),
        # Unless the opening date is a report's: "police said" on the 14th.
        ("On 14 September 2023, police said gunmen killed two farmers on 12 September.",
         "2023-09-12"),
    ],
)  # fmt: skip
def test_the_date_of_the_main_clause(text, day):
    (event,) = events(text)
    assert event.date == day


def test_a_base_set_up_is_a_strategic_development():
    assert codes("The rebels established a new base in the hills on September 13.") == [
        ("Strategic developments", "Headquarters or base established")
    ]


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        # No side bears arms: party supporters or students who fight are rioters.
        ("Supporters of two rival parties clashed near the polling station on September 12, "
         "injuring ten people.", "Mob violence"),
        ("Students of two colleges clashed with the police on the campus on September 12.",
         "Mob violence"),
        # What the demonstrators did, told in the next sentence, makes their protest a riot.
        ("About 300 residents demonstrated in front of the town hall on September 12. They "
         "broke the windows of the building and set a car on fire.", "Violent demonstration"),
        ("Farmers staged a demonstration at the crossroads on September 12. Police clashed "
         "with the demonstrators, who pelted stones.", "Violent demonstration"),
        ("Drivers blocked the highway by setting tyres on fire on September 12.",
         "Violent demonstration"),
    ],
)  # fmt: skip
def test_unarmed_crowds_that_fight_are_riots(text, sub_event_type):
    assert codes(text) == [("Riots", sub_event_type)]


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("the national army", 1),
        ("riot police", 1),
        ("jihadist rebels", 2),
        ("unidentified gunmen", 3),
        ("a drug cartel", 3),
        ("an ethnic militia", 4),
        ("local vigilantes", 4),
        ("rioters", 5),
        ("demonstrators", 6),
        ("villagers", 7),
        ("UN peacekeepers", 8),
    ],
)
def test_each_actor_category(phrase, code):
    assert actor_kind(phrase) == code


def test_state_forces_abroad_are_external_forces():
    assert actor_kind("Turkish troops", "TR", "IQ") == 8
    assert actor_kind("Turkish troops", "TR", "TR") == 1


def test_events_carry_actors_with_inter_codes_and_a_reason():
    (event,) = events("Unidentified gunmen killed three farmers on September 2.")
    assert (event.actor1, event.inter1, event.inter2, event.civilian_targeting) == (
        "Unidentified gunmen",
        3,
        7,
        True,
    )
    assert event.reason


def test_the_coding_function_takes_evidence_alone():
    # One function decides the codes from the evidence: a learned coder can replace it.
    decided = decide_codes(Evidence("clash", "Armed clash", "Troops clashed with rebels.",
                                    "Troops", "rebels"))  # fmt: skip
    assert (decided.event_type, decided.inter1, decided.inter2) == ("Battles", 1, 2)


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("Flash floods killed 14 people in the valley on September 3.", "Natural disaster"),
        ("A landslide buried six miners on September 3.", "Natural disaster"),
        ("Lightning killed two herders on September 4.", "Natural disaster"),
        ("Eleven people died when a bus crashed into a ravine on September 4.", "Accident"),
        ("A ferry capsized on the lake on September 5, and nine passengers drowned.",
         "Accident"),
        ("An outbreak of cholera has killed 30 people in the district since September 1.",
         "Disease outbreak"),
        ("A man killed his wife at their home on September 6.", "Crime"),
    ],
)  # fmt: skip
def test_deaths_that_are_not_political_violence(text, sub_event_type):
    found = events(text)
    assert [e.sub_event_type for e in found] == [sub_event_type]
    assert found[0].event_type in ("Disasters and accidents", "Crime (not political)")


@pytest.mark.parametrize(
    "text",
    [
        "The foreign ministry condemned the attack on September 4.",
        "The army denied that its soldiers had attacked the village.",
        "The rebels threatened to attack the capital next week.",
        "The governor warned of more clashes ahead of the vote.",
    ],
)
def test_statements_are_not_events(text):
    assert events(text) == []


def test_headline_and_lead_are_one_event():
    text = (
        "Car bomb kills nine at busy market\n"
        "A car bomb killed nine people at a busy market on Thursday, police said."
    )
    found = events(text)
    assert len(found) == 1 and found[0].fatalities == 9


def test_casualties_told_in_the_next_sentence_join_the_protest():
    text = (
        "On 5 September 2023, hundreds of miners blocked the road to the mine to demand "
        "unpaid wages. During the event, the police dispersed the protesters, killing one of "
        "them."
    )
    (event,) = events(text)
    assert (event.sub_event_type, event.date, event.fatalities) == (
        "Excessive force against protesters",
        "2023-09-05",
        1,
    )


def test_how_a_demonstration_ended_told_next_decides_its_kind():
    text = (
        "Students demonstrated in the capital on September 6 against the fees. The security "
        "forces fired tear gas to disperse them."
    )
    assert codes(text) == [("Protests", "Protest with intervention")]


def test_two_articles_reporting_one_event_are_one_record():
    place = {"name": "X", "lat": 12.0, "lon": 1.5, "country_code": "BF"}
    first = {"event_type": "Battles", "date": "2023-09-05", "date_precision": "day",
             "place": place, "document": "a.txt", "fatalities": 4}  # fmt: skip
    second = dict(first, document="b.txt", fatalities=6, place=dict(place, lat=12.02))
    elsewhere = dict(first, document="c.txt", place=dict(place, lat=13.5))
    merged = merge_reports([first, second, elsewhere])
    assert [(e["sources"], e["fatalities"]) for e in merged] == [
        (["a.txt", "b.txt"], 6),
        (["c.txt"], 4),
    ]


def test_both_sides_of_a_fight_told_after_the_trigger():
    (event,) = events("Heavy fighting broke out between the army and rebels on September 2.")
    assert (event.actor1, event.inter1, event.actor2, event.inter2) == ("army", 1, "rebels", 2)


def test_disasters_stay_out_of_the_acled_table_unless_asked():
    import io

    from geomap.render.table import write_event_table

    found = [e.to_dict() for e in events("Flash floods killed 14 people on September 3.")]
    results = [{"id": "t", "events": found}]
    assert write_event_table(results, io.StringIO()) == 0
    assert write_event_table(results, io.StringIO(), non_acled=True) == 1
