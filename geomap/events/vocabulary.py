"""The words event extraction reads: ACLED's event types, their trigger phrases, and the cues
that make a mention not an event (negation, threat, future, generic), all as data.

Patterns are regular-expression fragments matched case-insensitively on word boundaries. Order
matters in :data:`TRIGGERS`: the first pattern that matches a span wins, so specific phrases
("shot down a drone") come before general ones ("shot down").

Examples
--------
>>> TRIGGER_RE.search("Rockets hit the base.").lastgroup
'shell_hit'
>>> SUB_EVENT_TYPES["Air/drone strike"]
'Explosions/Remote violence'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geomap.regex_cache import compiled

__all__ = [
    "ANAPHOR_RE",
    "BLOCK_AFTER_RE",
    "BLOCK_BEFORE_RE",
    "CASUALTY_WORDS",
    "CAUSE_RE",
    "CIVILIAN_RE",
    "CUMULATIVE_RE",
    "GENERIC",
    "NEGATION_RE",
    "OBJECT_VERB_RE",
    "PEOPLE_NOUNS",
    "PERFECT_MODAL_RE",
    "PERSON_NOUNS",
    "REFERENCE_BEFORE_RE",
    "REPORTING_VERB_RE",
    "SUB_EVENT_TYPES",
    "TRIGGERS",
    "TRIGGER_RE",
    "TRIGGER_WORDS",
    "WEAPON_CUES",
    "Trigger",
]

#: ACLED sub-event type → its event type (ACLED codebook, 2024).
SUB_EVENT_TYPES: dict[str, str] = {
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Chemical weapon": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Sexual violence": "Violence against civilians",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Peaceful protest": "Protests",
    "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Agreement": "Strategic developments",
    "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
}

#: Deaths and harm that are not political violence (floods, crashes, disease, crime without a
#: political or communal actor): kept as their own type, never an ACLED one, and out of the
#: ACLED table unless asked for.
NON_ACLED_SUB_EVENT_TYPES: dict[str, str] = {
    "Natural disaster": "Disasters and accidents",
    "Accident": "Disasters and accidents",
    "Disease outbreak": "Disasters and accidents",
    "Crime": "Crime (not political)",
}
NON_ACLED_EVENT_TYPES = frozenset(NON_ACLED_SUB_EVENT_TYPES.values())
ALL_SUB_EVENT_TYPES = SUB_EVENT_TYPES | NON_ACLED_SUB_EVENT_TYPES

#: Placeholder sub-type of a trigger whose kind of violence the context decides ("attacked").
GENERIC = ""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True, slots=True)
class Trigger:
    """A phrase that reports an event of ``sub_event_type`` (:data:`GENERIC`: decided later).

    ``verb`` marks a finite past-tense verb ("clashed"): a report that something happened even
    without a date or place, unlike a bare noun ("attacks").
    """

    name: str
    pattern: str
    sub_event_type: str
    verb: bool = False


_NUM = r"(?:[\w,.-]+\s+){0,6}?"  # a few words: "fired (two BM-21 Grad) rockets"
_WEAPON_NOUN = (
    r"(?:(?:rockets?|missiles?|mortars?|artillery)(?: (?:rounds|shells|fire))?|shells?|rounds"
    r"|grenade launchers?|rocket launchers?|MLRS|howitzers?"
    r"|projectiles?|heavy (?:weapons|guns|artillery))"
)

TRIGGERS: tuple[Trigger, ...] = (
    # -- Strategic developments first: their phrases contain violent words ("shot down a drone").
    Trigger("disrupt_down", rf"(?:shot|brought) down {_NUM}(?:drones?|{_WEAPON_NOUN}|UAVs?)",
            "Disrupted weapons use", verb=True),
    # Weapons intercepted, not people ("intercepted a man on a motorcycle and shot him").
    Trigger("disrupt", r"intercepted (?:\w+ ){0,3}?(?:missiles?|rockets?|drones?|UAVs?|shells?"
            r"|projectiles?|weapons|arms|ammunition|shipments?|bombs?)"
            r"|defused|dismantled (?:an? |the )?(?:bomb|IED|explosive)s?"
            r"|(?:IEDs?|bombs?|explosives?|landmines?|mines|weapons|arms|ammunition|shells|grenades)"
            r" (?:\w+ ){0,7}?(?:were|was) (?:\w+ )?(?:found|discovered|recovered|seized|defused)"
            r"|(?:discovered|recovered|found|located|seized|secured|unearthed|confiscated)"
            r" (?:\w+ ){0,5}?(?:IEDs?|bombs?|explosives?|landmines?|mines|weapons|arms"
            r"|ammunition|cache|rifles|guns|grenades)"
            r"|(?:seized|found) (?:an? )?(?:weapons|arms|ammunition|explosives) (?:cache|depot)",
            "Disrupted weapons use", verb=True),
    Trigger("agreement", r"signed (?:\w+ ){0,4}?(?:agreement|accord|deal|ceasefire|truce|treaty)"
            r"|agreed (?:to|on) (?:an? )?(?:ceasefire|truce|prisoner (?:swap|exchange))"
            r"|(?:ceasefire|truce|peace deal) (?:was|were) (?:signed|agreed)",
            "Agreement", verb=True),
    # "leading to the arrest of 40 people": the arrest told as a noun.
    Trigger("arrest", r"arrested|detained|taken into custody|rounded up|apprehended|nabbed"
            r"|(?:led|leading|resulted in|resulting in) (?:to )?the (?:arrests?|detention) of",
            "Arrests", verb=True),
    # A surrender is an agreement to stop fighting (ACLED codes it so).
    Trigger("surrender", r"surrendered|laid down (?:their |his |her )?(?:arms|weapons)"
            r"|(?:held|holds|resumed) (?:\w+ ){0,2}?(?:peace )?talks|prisoner (?:swap|exchange)",
            "Agreement", verb=True),
    # A group that forms, splits, defects, deploys or patrols changes without fighting.
    Trigger("change", r"announced (?:the |their |its |his )?(?:formation|creation|establishment"
            r"|merger|dissolution)|(?:was|were) (?:formed|created|founded|dissolved|subordinated"
            r"|integrated)|defected|(?:conducted|carried out|held) (?:\w+ ){0,2}?(?:patrols?"
            r"|military (?:exercises?|drills?)|trainings?|recruitment)"
            r"|patrols? (?:took place|was conducted|were conducted)|(?:was|were) (?:seen|observed)"
            r" (?:\w+ ){0,2}?patrolling|patrolled|declared (?:\w+ ){0,3}?state of emergency"
            r"|(?:imposed|extended|lifted) (?:[\w-]+ ){0,3}?(?:curfew|lockdown)"
            # A town put under lockdown, forces starting drills, a military convoy arriving.
            r"|(?:placed|put|entered|went) (?:[\w,'-]+ ){0,8}?'?(?:lockdown|curfew)"
            r"|(?:started|began|launched|completed|concluded) (?:[\w-]+ ){0,4}?(?:military|joint"
            r"|combat|army|naval) (?:trainings?|exercises?|drills?|manoeuvres|maneuvers)"
            r"|(?:military|army|armou?red|coalition|troop) (?:convoy|patrol|vessel)s?"
            r" (?:[\w,-]+ ){0,10}?(?:arrived|entered|reached|headed)"
            # A checkpoint set up or run, reinforcements arriving: forces changing posture
            # unopposed.
            r"|(?:erected|established|set up|installed|ran|manned|mounted) (?:\w+ ){0,4}?"
            r"checkpoints?"
            r"|(?:deployed|sent|brought|dispatched) (?:\w+ ){0,2}?reinforcements"
            r"|reinforcements? (?:\w+ ){0,8}?(?:arrived|reached)"
            r"|convoy of (?:\w+ ){0,3}?reinforcements", "Change to group/activity", verb=True),
    # People forced from their homes, banners and leaflets: ACLED's "Other" developments.
    Trigger("other", r"(?:were|was) (?:forcibly )?displaced|forced (?:\w+ ){0,3}?to flee"
            r"|fled (?:from )?(?:(?:the|their|his|her) )?(?:villages?|homes?|towns?|area)"
            r"|(?:were|was) evacuated|(?:dropped|hung|displayed) (?:\w+ ){0,2}?banners?"
            r"|distributed (?:[\w-]+ ){0,3}?(?:flyers|leaflets|pamphlets)"
            r"|(?:flyers|leaflets|pamphlets) (?:[\w-]+ ){0,4}?(?:were|was) (?:found|distributed"
            r"|left|posted|placed|scattered)"
            # Refugees arriving are displacement seen from where they arrive.
            r"|(?:refugees|displaced (?:people|persons|families|civilians)|IDPs)"
            r" (?:[\w,()\[\]-]+ ){0,8}?arrived", "Other", verb=True),
    # An election held or a head of state elected, and a bomb threat that empties a school
    # or office: ACLED records them as "Other" strategic developments. Weak (detect.py): a
    # protest or an attack told in the same sentence is the event.
    Trigger("election", r"(?:general|presidential|parliamentary|legislative|local|municipal"
            r"|regional|snap|runoff) (?:elections?|polls|vote) (?:was|were) held"
            r"|held (?:\w+ ){0,3}?(?:general|presidential|parliamentary|legislative|local"
            r"|municipal|snap|runoff) elections"
            r"|elected (?:[\w'-]+ ){1,4}?as (?:the )?(?:country's |new )?(?:president|prime "
            r"minister)", "Other", verb=True),
    Trigger("bomb_threat", r"bomb threats? (?:\w+ ){0,4}?(?:was|were) (?:given|made|received"
            r"|called in|phoned in|sent|reported)|(?:received|receiving|after|following)"
            r" (?:an? |multiple |several |two |three )?(?:\w+ )?bomb threats?"
            r"|bomb threats? (?:\w+ ){0,3}?(?:arrived|prompted|forced|led|disrupted)",
            "Other", verb=True),
    Trigger("base", r"(?:set up|established|opened) (?:an? |its |their )?(?:new )?"
            r"(?:military )?(?:base|headquarters|outpost)", "Headquarters or base established",
            verb=True),
    Trigger("withdraw", r"withdrew (?:\w+ ){0,3}?from|pulled out (?:\w+ ){0,3}?of"
            r"|handed over (?:control of )?", "Non-violent transfer of territory", verb=True),
    # Forces sent somewhere, however the sentence turns it ("deployed 100 troops at the hall",
    # "militants deployed in the city", "700 soldiers were deployed"): a change of posture.
    Trigger("deploy", r"(?:deployed|dispatched|sent) (?:[\w-]+ ){0,4}?(?:troops|soldiers|forces"
            r"|fighters|militants|elements|personnel|policemen|warships|battalions?|units)\b"
            r"(?= (?:[\w-]+ ){0,3}?(?:to|in|at|into|on)\b)"
            r"|(?:troops|soldiers|forces|fighters|militants|elements|personnel|policemen)"
            r" (?:were|was|had been|have been) (?:\w+ )?(?:deployed|sent|redeployed)"
            r"|(?:troops|soldiers|forces|fighters|militants|militias) (?:re)?deployed"
            r" (?:in|to|at|into|from)", "Change to group/activity", verb=True),
    # Property burned or destroyed: by armed men a strategic development, by a crowd a riot
    # (the codebook decides from the actor).
    Trigger("property", r"(?:set (?:fire to|ablaze|on fire)|torched|burn(?:ed|t)(?: down)?"
            r"|destroyed|demolished|razed|vandali[sz]ed|damaged|smashed|sabotaged)"
            r" (?:[\w,'-]+ ){0,5}?(?:antennas?|masts?|pylons?|poles?|power lines"
            r"|houses?|homes?|buildings?|shops?|vehicles?|cars?|trucks?"
            r"|bus(?:es)?|offices?|propert(?:y|ies)|crops|farms?|fields|lands?|schools?|church(?:es)?"
            r"|mosques?|temples?|villages?|huts|stores?|markets?|statues?|monuments?|facilit(?:y|ies)"
            r"|equipment|boats?|warehouses?|billboards?|posters?|stations?|tents?|motorcycles?"
            r"|motorbikes?|granar(?:y|ies)|towers?|bridges?|windows|hideouts?|camps?|speakers"
            r"|rooms|structures|shelters|sheds|walls|wells|plantations?|laborator(?:y|ies)"
            r"|labs?|greenhouses?|trees)"
            # Land bulldozed, crops or drug plantations eradicated: property destroyed.
            r"|(?:bulldoz(?:ed|ing)|raz(?:ed|ing)) (?:\w+ ){0,3}?(?:lands?|fields|activities)"
            r"|(?:eradicated|uprooted) (?:[\w,.-]+ ){0,4}?(?:plants|crops|plantations?|trees)",
            "Looting/property destruction", verb=True),
    Trigger("burn", r"set (?:[\w-]+ ){1,7}?(?:on fire|ablaze|alight)|burn(?:ed|t) down"
            r"|set (?:ablaze|alight|fire to)",
            "Looting/property destruction", verb=True),
    Trigger("loot", r"looted|ransacked|plundered|pillaged|vandali[sz]ed|stole|extorted"
            r"|rustled|seized (?:[\w,.-]+ ){0,5}?(?:cattle|livestock|goods|money|cash|motorbikes?"
            r"|vehicles?|trucks?|cars?|houses?|homes?|plants"
            r"|laborator(?:y|ies)|labs?|plantations?"
            r"|motorcycles?|(?:mobile )?phones|property"
            r"|belongings|food)", "Looting/property destruction",
            verb=True),
    # -- Not political violence: nature, accidents, disease, crime among private persons.
    Trigger("disaster", r"(?:flash )?floods?|flooding|landslides?|mudslides?|lightning"
            r"|earthquakes?|cyclones?|hurricanes?|typhoons?|tornado(?:e?s)?|avalanches?"
            r"|wildfires?|bush ?fires?|forest fires?|heat ?waves?|tsunamis?|heavy rains?"
            r"|(?:building|roof|wall|bridge|mine) (?:collapse|collapsed)",
            "Natural disaster", verb=True),
    Trigger("accident", r"(?:road|traffic|car|bus|train|plane|boat|ferry|mining|industrial|motor)"
            r" (?:accidents?|crash(?:es)?|collisions?)|accidents?|crashed|collided|capsized"
            r"|sank|derailed|overturned|plunged|drowned|gas (?:explosion|leak|cylinder)s?"
            r"|fire broke out|caught fire|stampedes?|electrocuted",
            "Accident", verb=True),
    Trigger("disease", r"(?:outbreak|epidemic)s? of|died (?:of|from) (?!(?:their|his|her|gunshot"
            r"|injur|wound)\w*)\w+|cholera|ebola|measles|dengue",
            "Disease outbreak", verb=True),
    Trigger("crime", r"robber(?:y|ies)|burglar(?:y|ies)|burgled|thefts?|domestic (?:violence"
            r"|dispute|quarrel)|(?:killed|murdered|stabbed|shot) (?:his|her) (?:own )?(?:wife"
            r"|husband|partner|girlfriend|boyfriend|mother|father|son|daughter|brother|sister"
            r"|neighbou?r|friend)", "Crime", verb=True),
    # -- Explosions/Remote violence.
    # A chemical agent used as a weapon is its own sub-type, however it was delivered.
    Trigger("chemical", r"chemical (?:weapons? )?attacks?|(?:sarin|chlorine|nerve) gas attacks?"
            r"|(?:used|dropped|fired|launched|released) (?:\w+ ){0,2}?(?:chemical (?:weapons?"
            r"|agents?|munitions)|chlorine|sarin|mustard gas|nerve agents?)",
            "Chemical weapon", verb=True),
    Trigger("suicide", r"suicide (?:bomb(?:ing|er)?s?|attacks?|car bombs?|vest)"
            r"|blew (?:himself|herself|themselves) up", "Suicide bomb"),
    Trigger("ied", r"(?:by|with) (?:an? )?(?:bomb|IED|explosive device|landmine)s?"
            r"|(?:hit|struck|stepped on|ran over|drove over) (?:by )?(?:an? )?"
            r"(?:land ?)?mines?"
            r"|roadside bombs?|car bombs?|IEDs?|improvised explosive devices?|landmines?"
            r"|land mines?|bomb (?:blast|explosion|attack)s?|explosive devices?"
            r"|(?:a |the )?bomb (?:exploded|went off|detonated)",
            "Remote explosive/landmine/IED"),
    # An explosion whose weapon the words do not name: the weapon cues decide, else a device.
    Trigger("explosion", r"explosions? (?:occurred|went off|took place|rocked|hit|struck|was heard"
            r"|were heard)|exploded|detonated|blasts?|explosions?",
            GENERIC, verb=True),
    Trigger("grenade", r"(?:hand )?grenade attacks?|(?:threw|hurled|lobbed|tossed)"
            r" (?:(?!petrol|molotov|gasoline)[\w-]+ ){0,2}?(?:hand )?"
            r"(?:grenades?|bombs?|explosives)",
            "Grenade"),
    Trigger("air", r"air ?strikes?|air ?raids?|air attacks?|aerial (?:attack|bombardment|strike)s?"
            r"|drone (?:strike|attack)s?|air operations?|bombing (?:raid|run)s?"
            r"|(?:warplanes|jets|aircraft|helicopters?|drones?) (?:bombed|struck|pounded|hit)"
            r"|dropped (?:[\w-]+ ){0,4}?(?:bombs?|grenades|explosives|munitions"
            r"|incendiary \w+)",
            "Air/drone strike"),
    Trigger("shell_noun", rf"{_WEAPON_NOUN} (?:attack|strike|fire|barrage|bombardment|salvo)s?"
            r"|shellings?|bombardments?", "Shelling/artillery/missile attack"),
    Trigger("shell_hit", rf"{_WEAPON_NOUN} (?:were |was |had been |have been )?"
            r"(?:fired|launched|landed|hit|struck|slammed|rained|exploded|fell)"
            r"|shelled|(?:fired|launched|lobbed) " + _NUM + _WEAPON_NOUN
            + r"|shot down", "Shelling/artillery/missile attack", verb=True),
    # -- Violence against civilians.
    Trigger("abduct", r"kidnapp?ed|abducted|abducting|kidnapping|abductions?|kidnappings?"
            r"|taken hostage|held (?:\w+ ){0,3}?(?:hostages?|captive)|forcibly disappeared"
            # Taken away to a place nobody is told: an enforced disappearance.
            r"|(?:took|taken|transported|carried) (?:[\w-]+ ){0,3}?(?:to|in) an? unknown"
            r" (?:destination|location|place)"
            r"|took (?:\w+ ){0,3}?hostage", "Abduction/forced disappearance", verb=True),
    Trigger("sexual_act", r"(?:gang-)?raped|sexually (?:assaulted|abused)", "Sexual violence",
            verb=True),
    Trigger("sexual", r"rapes?|sexual (?:assault|violence|abuse)", "Sexual violence"),
    Trigger("massacre", r"massacred?|executed|lynched|beheaded|murdered|assassinated", GENERIC,
            verb=True),
    # -- Battles.
    Trigger("retake", r"recaptured|retook|regained control|liberated|won back",
            "Government regains territory", verb=True),
    Trigger("overtake", r"(?:seized|captured|took|taken) control of|overran|captured the"
            r" (?:town|city|village|district|base)|fell to", "Non-state actor overtakes territory",
            verb=True),
    Trigger("clash", r"clash(?:ed|es|ing)?|battled|(?:heavy )?gunfire (?:erupted|broke out)"
            r"|exchanged (?:heavy |intense )?fire|armed confrontations?|confrontations?"
            r"|skirmish(?:ed|es)?"
            r"|shoot-?outs?|exchanges? of (?:gun)?fire|gun ?fights?|repulsed|repelled|fought off"
            r"|engaged (?:in (?:an? )?(?:\w+ )?(?:gun ?fight|fire ?fight|battle|clash|fighting"
            r"|combat"
            r"|offensive)|with)"
            r"|gun ?battles?|firefights?|(?:heavy )?fighting (?:between|with"
            r"|broke out|erupted)|fought|exchanged (?:gun)?fire|ambush(?:ed)?",
            "Armed clash", verb=True),
    # -- Demonstrations.
    Trigger("riot", r"riot(?:s|ed|ers|ing)?|stoned|(?:torched|set fire to|burned|burnt)"
            r" (?:\w+ ){0,3}?"
            r"(?:cars|vehicles|buildings|tyres|tires|shops|police station)"
            r"|(?:threw|hurled|pelted) (?:[\w-]+ ){0,2}?(?:stones|rocks|bricks|petrol bombs"
            r"|molotov cocktails)",
            "Violent demonstration", verb=True),
    Trigger("mob", r"(?:a |an angry )?mobs? (?:\w+ ){0,2}?(?:attacked|beat|killed|lynched|assaulted"
            r"|set|burned|torched|stoned)|mob (?:justice|violence|attack)|lynch(?:ing)? mob"
            r"|beat (?:\w+ ){0,3}?(?:to death|up)|beaten (?:up|to death)",
            "Mob violence",
            verb=True),
    # ACLED's notes and the news say a demonstration many ways: people gather, block roads,
    # stage sit-ins, strike, march, hold vigils ("march" in lower case: "March" is the month).
    Trigger("protest", r"protest(?:ed|ers|s|ing)?|demonstrat(?:ed|ors|ions?|ing)|rall(?:y|ies|ied)"
            r"|gathered|assembled|congregated|picketed|boycotted|vigils?|sit-?ins?"
            r"|(?:went|are|were|was|is|remained) on (?:a )?(?:hunger |general )?strike"
            r"|(?:hunger|general|labou?r) strikes?|(?:walked|staged a) (?:out|walkout)|walkouts?"
            r"|(?:blocked|barricaded|occupied|cut off|cut|closed|block) (?:[\w-]+ ){0,5}?"
            r"(?:roads?|highways?"
            r"|streets?|routes?|entrances?|access|traffic|bridges?|avenues?|railways?|tracks"
            r"|junctions?|intersections?|offices?|premises|sites?|parking lots?|toll booths?"
            r"|gates?|ports?|terminals?|crossings?|km)|road ?blocks?|petitioned|chanted"
            # Driving slowly to jam traffic, a sign held up: demonstrations too.
            r"|(?:drove|driving) (?:[\w-]+ ){0,3}?(?:at a )?slow(?:ly| pace| speed)|go-slow"
            r"|demonstrate (?:against|for|in support)|took (?:to )?the streets"
            r"|(?:erected|installed|set up|built|placed) (?:\w+ ){0,2}?barricades?"
            r"|(?:held|staged|organi[sz]ed|carried out|conducted) (?:\w+ ){0,3}?(?:marches"
            r"|(?-i:march|March(?= (?:for|against|of)\b))|caravans?|motorcades?|processions?"
            r"|flash mobs?)"
            r"|staged (?:[\w'’-]+ ){0,6}?(?:(?-i:march|March(?= (?:for|against|of)\b))"
            r"|rally|protest|strike|demonstration|sit-in|vigil)|to block|(?:with|holding|carrying"
            r"|displaying|displayed|held up|waving) (?:\w+ ){0,2}?(?:banners?|placards|signs|flags"
            r"|pickets)"
            r"|marched|sit-ins?|took to the streets|strikers"
            # Taking part in a march, a sit in, a picket line, a protest camp or convoy, or
            # chaining oneself to a gate: ways ACLED's notes and the news tell a demonstration.
            r"|(?:participated|took part|joined) (?:in )?(?:[\w'’-]+ ){0,5}?"
            r"(?:(?-i:march|March(?= (?:for|against|of)\b))|marches"
            r"|rally|protest|demonstration|strike|picket|vigil|parade)"
            r"|(?:organi[sz]ed|held|staged) an? sit[- ]in|picket lines?"
            r"|stag(?:e|es|ing) (?:an? )?(?:picket|protest|demonstration|sit-in|strike|rally)"
            r"|(?:held|organi[sz]ed|staged|formed) (?:[\w'’-]+ ){0,5}?convoy"
            r"|set up (?:an? )?(?:protest )?camp (?:in front of|outside|at)"
            r"|chained (?:themselves|himself|herself)"
            # A place occupied, closed or surrounded in order to demand or denounce something:
            # the purpose makes it a demonstration ("students occupied two schools to demand").
            r"|(?:occupied|closed|took over|surrounded|shut down|blocked) (?:[\w'’(),.-]+ ){1,12}?"
            r"(?:in order )?to (?:demand|denounce|protest|complain|oppose|reject|repudiate"
            r"|call for)", "Peaceful protest", verb=True),
    # -- Generic violence: the weapon, the victims or the merged story say which kind.
    Trigger("attacked", r"attacked|raided|struck|stormed|opened fire|shot dead|gunned down|targeted"
            r"|shot (?:and |at |upon |\w+ (?:and|in) )?(?:killed|dead|injured|wounded|at|upon)?"
            r"|fired (?:shots |gunshots )?(?:at|upon|on|into)"
            # "fired heavy and light weapons at the village", "fired in the direction of":
            # shots at a target (not "was fired from his job").
            r"|(?<!was )(?<!were )(?<!been )fired (?:(?!from\b|by\b)[\w,.-]+ ){0,6}?(?:at|towards?"
            r"|upon|into|in the direction of)\b|strangled|stabbed|hacked|tortured|mutilated"
            r"|burned alive|whipped|flogged|beat|beaten|shot"
            r"|bombed|assaulted", GENERIC, verb=True),
    # "a man was injured in a drive-by shooting": a shooting told as a noun.
    Trigger("attack", r"attacks?|raids?|strikes?|incidents?|assaults?"
            r"|(?:drive-by |mass )?shootings?", GENERIC),
    Trigger("killed", r"killed|slain", GENERIC),
)  # fmt: skip

TRIGGER_RE = compiled(
    "|".join(rf"(?P<{t.name}>\b(?:{t.pattern})\b)" for t in TRIGGERS), re.IGNORECASE
)
TRIGGERS_BY_NAME = {t.name: t for t in TRIGGERS}

#: One of these lower-case words occurs in every trigger phrase: a sentence without any is
#: skipped before the (slower) trigger expression runs. Keep in step with :data:`TRIGGERS`.
TRIGGER_WORDS = _words(
    """down intercepted defused dismantled seized found signed agreed ceasefire truce peace
    arrested detained custody rounded set established opened withdrew pulled handed deployed
    dispatched sent troops soldiers forces looted ransacked plundered vandalised vandalized
    chemical sarin chlorine nerve suicide blew roadside car ied ieds improvised landmine
    landmines land bomb explosive grenade grenades threw hurled lobbed air airstrike airstrikes
    airraid airraids aerial drone drones bombing warplanes jets aircraft helicopter helicopters
    rocket rockets missile missiles mortar mortars artillery shell shells rounds projectile
    projectiles shelling bombardment bombardments shelled fired launched shot kidnapped kidnaped
    abducted abduction abductions kidnapping kidnappings hostage raped sexual sexually massacre
    massacred executed lynched recaptured retook regained liberated won captured took taken
    overran fell clash clashed clashes gun gunbattle gunbattles battle battles firefight
    firefights fighting fought exchanged ambush ambushed riot riots rioted rioters rioting
    torched burned mob protest protested protesters protests demonstrated demonstrators
    demonstration demonstrations rally rallies rallied marched sit strikers attacked raided
    struck stormed gunned bombed assaulted attack attacks raid raids strike strikes incident
    incidents assault assaults killed slain apprehended nabbed surrendered talks prisoner formed
    created founded dissolved subordinated integrated defected patrolled displaced fled burnt
    destroyed demolished razed damaged smashed pillaged stole extorted floods flood flooding
    landslide landslides mudslide mudslides lightning earthquake earthquakes cyclone cyclones
    hurricane hurricanes typhoon typhoons tornado tornados tornadoes avalanche avalanches
    wildfire wildfires bushfire bushfires heatwave heatwaves tsunami tsunamis collapse collapsed
    accident accidents crashed collided capsized sank derailed overturned plunged drowned
    stampede stampedes electrocuted outbreak outbreaks epidemic epidemics died cholera ebola
    measles dengue robbery robberies burglary burglaries burgled theft thefts domestic murdered
    explosion explosions exploded detonated blast blasts abducting rape rapes beheaded
    assassinated confrontation confrontations skirmish skirmished skirmishes shoot shootout
    shootouts gunfight gunfights repulsed repelled mobs beat beaten lynch lynching protesting
    demonstrating gathered assembled congregated picketed boycotted vigil vigils stage walkout
    walkouts blocked barricaded occupied roadblock roadblocks petitioned chanted staged
    organised organized march marches caravan caravans motorcade motorcades procession
    processions stabbed hacked tortured mutilated whipped flogged weapons arms ammunition
    election elections polls vote elected threat threats
    block clashing battled gunfire shooting shootings sabotaged stoned redeployed fighters
    militants elements personnel policemen militias lockdown curfew placed put entered went
    training trainings exercise exercises drills drill manoeuvres maneuvers convoy convoys
    patrol vessel reinforcement flyers leaflets pamphlets refugees displaced idps arrived
    antennas antenna masts mast pylons pylon poles pole sabotaged strangled incendiary bombs
    explosives munitions tossed unknown drove driving slow slowly demonstrate streets
    displayed placards sexually
    explosives mines shellings evacuated banners banner placards pickets bombs hideouts camps
    rustled phones device patrol patrols erected barricade barricades targeted fires mine
    formation creation establishment merger dissolution emergency curfew flee cache rifles guns
    surrounded arrest arrests detention lockdown checkpoint checkpoints reinforcements
    bulldozed bulldozing razing eradicated uprooted cut closed participated joined
    picket convoy camp chained heavy pelted stage stages staging"""
)

#: Words naming the weapon used: they decide a generic trigger's sub-type, nearest first.
WEAPON_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (sub, compiled(rf"\b(?:{pattern})\b", re.IGNORECASE))
    for sub, pattern in (
        ("Suicide bomb", r"suicide bombers?|explosive vests?|suicide"),
        ("Remote explosive/landmine/IED", r"IEDs?|roadside bombs?|car bombs?|landmines?"
         r"|explosive devices?|(?:remote )?mines?|mine attacks?"),
        ("Grenade", r"grenades?"),
        ("Air/drone strike", r"air force|warplanes?|fighter jets?|jets|drones?|helicopters?"
         r"|aircraft|F-\d+s?|bombers"),
        ("Shelling/artillery/missile attack", r"rockets?|missiles?|mortars?|artillery|shells"
         r"|katyushas?|howitzers?"),
    )
)  # fmt: skip

#: Victims that make an attack violence against civilians.
CIVILIAN_RE = compiled(
    r"\b(?:civilians?|villagers?|residents?|worshippers?|farmers?|passengers?|students?|pupils"
    r"|women|children|families|shoppers|pilgrims|journalists?|teachers?|herders?|traders?)\b",
    re.IGNORECASE,
)


def _cased(words: str) -> str:
    """Lower-case words also matched capitalised at a sentence start, but "may" not as "May";
    a capitalised word right after another word is part of a name ("We Will Not Yield
    Movement", "No Toll Road activists"), not a modal or a negation."""
    return "|".join(f"(?:{w}|(?<!\\w ){w[0].upper()}{w[1:]})" for w in words.split())


# Right before a trigger (a few words): the event did not happen.
NEGATION_RE = compiled(
    rf"\b(?:{_cased('not no never neither nor without')}|didn't|did not|denied|refrained from"
    r"|ruled out|called off|failed to)\s+(?:[\w-]+\s+){0,2}$"
)
# Earlier in the same clause: the event is threatened, planned, feared, possible or generic.
BLOCK_BEFORE_RE = compiled(
    rf"\b(?:{_cased('will would shall could can might should must if unless whether')}|may"
    r"|won't|wouldn't|plan(?:s|ned|ning)? to|intend(?:s|ed)? to|threat(?:en(?:s|ed|ing)?)?"
    r"|vow(?:s|ed)? to|promis(?:e|es|ed) to|warn(?:s|ed)? (?:of|against)"
    r"|prepar(?:e|es|ed|ing) (?:to|for)|ready to|tr(?:y|ies|ied|ying) to|attempt(?:s|ed)? to"
    r"|in the event of|potential|possible|possibility|prospect|fears? of|risk of|avoid"
    r"|prevent(?:ed)?|[Aa]ny|[Oo]ngoing|continuing|constant|repeated|frequent|regular|routine"
    r"|[Ss]uch(?! as)|future|decided not to|refuse[sd]? to)\b"
    r"[^.;:!?\n]{0,60}$"
)
# Right after a trigger: "was foiled", "were planned".
BLOCK_AFTER_RE = compiled(
    r"^\s*(?:was|were|is|are|had been|has been)?\s*(?:planned|expected|feared|threatened"
    r"|averted|foiled|thwarted|prevented|called off)\b",
    re.IGNORECASE,
)
# "could have been inflicted by": attribution of an event told elsewhere, not a new one.
PERFECT_MODAL_RE = compiled(
    r"\b(?:could|may|might|must|would)(?:\s+not)?\s+have\s+(?:been\s+)?\w+", re.IGNORECASE
)
# "the attack", "these air raids", "one of the strikes", "Iran's strike": a mention of an
# event already told (or told later), never a new one on its own.
ANAPHOR_RE = compiled(
    r"(?:\b(?i:the|this|that|these|those|its|their|his|her|such|same|one\s+of\s+the)"
    r"|\b[A-Z][\w-]*['’]s)\s+(?:[\w-]+\s+){0,3}$"
)
# "after the rocket attack", "following the strike": a reference used to place another event.
REFERENCE_BEFORE_RE = compiled(
    r"\b(?:after|following|before|since|prior to|in (?:response|retaliation|revenge) (?:to|for)"
    r"|to avenge|blamed for|responsibility for|behind)\s+(?:the|this|that|these|those"
    r"|[A-Z][\w-]*['’]s)\s+(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
# What may stand before a date that opens a sentence: "On 3 May,", "Around 3 May", "Early on".
LEAD_DATE_RE = compiled(
    r"[\s\W]*(?:(?:on|around|early\s+on|late\s+on|in\s+the\s+(?:early\s+)?(?:morning|night"
    r"|evening|afternoon)\s+of)\s+)?(?:the\s+)?",
    re.IGNORECASE,
)
# Between an opening date and the event: a report of it, whose date is the report's.
REPORTED_RE = compiled(
    r"\b(?:said|says|told|reported|announced|claimed|stated|confirmed|according\s+to)\b",
    re.IGNORECASE,
)
# "X said on Tuesday", "condemned yesterday": a date that belongs to the report, not the event.
REPORTING_VERB_RE = compiled(
    r"\b(?:said|says|say|told|condemned|denounced|announced|reported|stated|added|confirmed"
    r"|claimed|noted|wrote|tweeted|warned|called|urged|declared|informed|explained)"
    r"[\s,]*(?:on|this|last|late|early)?[\s,]*$",
    re.IGNORECASE,
)
# "called the death of X the cause of the strikes", "in retaliation for the killing of X":
# the casualties named on the far side of these phrases belong to an earlier event.
CAUSE_RE = compiled(
    r"\b(?:the|a|as)\s+(?:main\s+|direct\s+)?(?:cause|reason|pretext|trigger)\s+(?:of|for)\b"
    r"|\bin\s+(?:retaliation|response|revenge|reprisal)\s+(?:for|to)\b|\bto\s+avenge\b"
    r"|\bafter\s+the\s+(?:death|killing|murder)s?\s+of\b",
    re.IGNORECASE,
)

#: Words of a sentence that may report victims without any event trigger ("No one was killed",
#: "Three more soldiers died in hospital"): such a sentence adds its counts to the event told
#: just before it in the same paragraph.
CASUALTY_WORDS = _words(
    """killed dead died slain wounded injured hurt injuries wounds casualties fatalities deaths
    toll concussions hospitalised hospitalized perished lives"""
)

#: Verbs whose direct object is the place struck: "rockets struck Camp Taji", "rebels overran
#: Gao". A place right after one of them is tied to the event as firmly as "at" or "in" would.
OBJECT_VERB_RE = compiled(
    r"\b(?:struck|strikes?|striking|hit|hits|hitting|attacked|attacking|shelled|shelling"
    r"|bombed|bombing|bombarded|bombarding|raided|raiding|stormed|storming|targeted|targeting"
    r"|pounded|pounding|overran|overrunning|captured|capturing|seized|seizing|besieged|ambushed"
    r"|rocked|invaded|entered|retook|recaptured|liberated|surrounded|encircled)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)

#: Singular nouns for one person ("the Iranian general Qassem Soleimani", "a police officer",
#: "his deputy"): a victim counted as 1 without a number.
PERSON_NOUNS = _words(
    """general commander leader chief colonel major captain lieutenant sergeant brigadier
    officer soldier policeman policewoman trooper marine sailor pilot guard fighter militant
    rebel insurgent jihadist gunman militiaman civilian man woman boy girl child baby teenager
    student teacher doctor nurse journalist reporter photographer cameraman activist lawyer
    judge prosecutor mayor governor minister official politician lawmaker senator deputy
    legislator president spokesman spokeswoman cleric imam priest pastor sheikh emir founder
    head chairman contractor worker farmer herder villager resident driver passenger
    pilgrim trader businessman engineer employee volunteer bystander passer-by"""
)

#: Nouns for groups of people: in "five fighters and three soldiers were killed" each
#: listed group counts (the last group before the verb may be anything).
PEOPLE_NOUNS = PERSON_NOUNS | _words(
    """people persons civilians soldiers troops servicemen servicemembers marines sailors pilots
    guards fighters militants rebels insurgents jihadists gunmen militiamen combatants
    policemen police officers officials men women children boys girls teenagers students
    pupils teachers doctors nurses journalists reporters activists villagers residents
    farmers herders miners workers contractors passengers pilgrims worshippers shoppers
    traders bystanders passers-by members supporters protesters demonstrators rioters
    attackers assailants bandits refugees migrants prisoners detainees hostages crew
    personnel staff employees volunteers relatives family families others more"""
)

#: A count of victims over a long span, not one event's: "since 2014", "so far this year",
#: "over four decades of violence", "the war has killed". A victims-only sentence with one of
#: these adds nothing to a nearby event, and the bare word "killed" in it reports no event.
CUMULATIVE_RE = compiled(
    r"\b(?:since\s+(?:(?:19|20)\d\d|the\s+(?:start|beginning|outbreak)|(?:the\s+)?(?:war|conflict"
    r"|insurgency|uprising|invasion|coup)\b|records\s+began)|so\s+far|to\s+date"
    r"|over\s+the\s+(?:past|last)|in\s+recent\s+(?:years|months|weeks)|every\s+year"
    r"|(?:over|during|in|for)\s+(?:\w+\s+)?(?:decades?|years|months)\s+of"
    r"|each\s+year|a\s+year|per\s+year|annually|the\s+(?:war|conflict|insurgency|crisis)"
    r"\s+(?:has|have|had))\b",
    re.IGNORECASE,
)

# -- Actors and the codebook -------------------------------------------------------------------

#: ACLED's interaction codes for the kinds of actor.
INTER_CODES: dict[int, str] = {
    1: "State forces",
    2: "Rebel group",
    3: "Political militia",
    4: "Identity militia",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}

#: What kind of actor a phrase names, first match wins: (inter code, pattern, why). Specific
#: phrases come first: "pro-government militia" is a militia, not the government.
ACTOR_KINDS: tuple[tuple[int, re.Pattern[str], str], ...] = tuple(
    (code, compiled(rf"\b(?:{pattern})\b", re.IGNORECASE), why)
    for code, pattern, why in (
        (8, r"peacekeep\w*|U\.?N\.? (?:forces|troops|mission)|(?:multinational|international|"
            r"joint) (?:task )?force|(?:led )?coalition(?: forces| aircraft| jets)?|private "
            r"security|security (?:company|contractors?|guards?)|mercenar(?:y|ies)",
         "foreign and international forces, and hired guards, are ACLED's external/other forces"),
        (4, r"(?:communal|ethnic|tribal|clan|community|village|local) (?:militias?|militiamen"
            r"|fighters|gunmen|defen[cs]e (?:group|force)s?)|tribesmen|clansmen|herdsmen|herders"
            r"|vigilantes?|self-defen[cs]e (?:group|force|militia)s?"
            r"|hunters' (?:militia|association)",
         "armed men organised by ethnicity, clan, tribe or village are identity militias"),
        (3, r"pro-government (?:militias?|militiamen|fighters|gunmen)|(?:political|party) "
            r"(?:militias?|thugs|youth wing)|militias?|militiam[ae]n|gangs?|gangsters?|gang "
            r"members?|cartels?|drug (?:traffickers?|dealers?|lords?|suspects?)|traffickers?"
            r"|narco\w*|criminal (?:groups?|gangs?|organi[sz]ations?)|gunm[ae]n|armed (?:m[ae]n"
            r"|individuals?|persons?|groups?|suspects?|assailants?|attackers?|bandits?)|bandits?"
            r"|hitm[ae]n|assassins?|assailants?|attackers?|perpetrators?|unidentified"
            r"|unknown|suspected (?:gunmen|attackers)|thugs",
         "unidentified armed men, gangs and militias serving a cause are political militias"),
        (2, r"rebels?|insurgents?|insurgency|jihadists?|jihadis?|islamists?|separatists?|guerrill"
            r"\w*|maoists?|naxal\w*|militants?|terrorists?|extremists?|liberation (?:army|front)"
            r"|islamic state|isis|isil|daesh|al[- ]qa'?eda|al[- ]shabaa?b|boko haram|iswap"
            r"|taliban|pkk|farc|eln|new people's army|npa",
         "armed groups fighting the state for power or territory are rebels"),
        (1, r"(?:armed|security|government|state|defen[cs]e|federal|regime|special|army|air|naval"
            r"|military|police|border|national|republican|presidential|elite|riot|anti-riot)"
            r" (?:forces?|troops|units?|guards?|personnel|officers?|agents?)|armed forces|army"
            r"|armies|military|militaries|soldiers?|troops?|servicem[ae]n|police\w*|gendarm\w*"
            r"|cops?|navy|naval|air force|airforce|marines?|coast ?guards?|national guard"
            r"|border guards?|prison (?:guards?|officers?|staff|wardens?)|paratroopers?"
            r"|commandos?|special forces|officers?|authorities"
            r"|government|administration|regime|ministry|junta|warplanes?|fighter jets?"
            r"|helicopters?|forces",
         "a state's army, police and their aircraft act for the government: state forces"),
        (6, r"protesters?|protestors?|demonstrators?|marchers|strikers|picketers|activists?"
            r"|campaigners?",
         "people demonstrating are protesters"),
        (5, r"rioters?|mobs?|angry (?:crowd|residents|villagers|youths?)|supporters|cadres"
            r"|partisans|party (?:workers|members|activists)|(?:rival )?factions?|hooligans",
         "a violent crowd, or a party's or faction's unarmed followers, are rioters"),
        (7, r"civilians?|villagers?|residents?|inhabitants|locals?|farmers?|people|persons?"
            r"|m[ae]n|wom[ae]n|child(?:ren)?|boys?|girls?|teen\w*|students?|pupils?|teachers?"
            r"|journalists?|reporters?|traders?|merchants?|vendors?|drivers?|passengers?"
            r"|worshipp?ers?|pilgrims?|families|family|relatives|workers?|miners?|fishermen"
            r"|doctors?|nurses?|priests?|pastors?|imams?|clerics?|refugees?|migrants?"
            r"|displaced|shepherds?|labou?rers?|victims?|couple|motorists?|customers|owners?"
            r"|businessm[ae]n|candidates?|politicians?|councillors?|officials?|leaders?|chiefs?"
            r"|mayors?|lawyers?|judges?",
         "unarmed people are civilians"),
    )
)  # fmt: skip

#: Victims whose kind makes an attack one on civilians ("killed two men", "a farmer was shot").
CIVILIAN_VICTIM_RE = compiled(
    # Off duty or retired, a soldier or policeman is a civilian (ACLED).
    r"\b(?:off-duty|former (?:[\w-]+ ){0,2}?(?:soldiers?|officers?|members?|commanders?"
    r"|police\w*|fighters?)|civilians?|villagers?|residents?|inhabitants|locals?|farmers?|people|persons?|m[ae]n"
    r"|wom[ae]n|child(?:ren)?|boys?|girls?|teen\w*|students?|pupils?|teachers?|journalists?"
    r"|reporters?|traders?|merchants?|vendors?|drivers?|passengers?|worshipp?ers?|pilgrims?"
    r"|famil(?:y|ies)|relatives|workers?|miners?|fishermen|doctors?|nurses?|priests?|pastors?"
    r"|imams?|clerics?|refugees?|migrants?|shepherds?|herders?|labou?rers?|victims?|couple"
    r"|motorists?|businessm[ae]n|candidates?|politicians?|councillors?|officials?|activists?"
    r"|leaders?|chiefs?|mayors?|lawyers?|judges?|\w+ (?:mother|father|son|daughter|wife"
    r"|husband)|citizens?|individuals?|youths?|body|bodies|corpses?)\b",
    re.IGNORECASE,
)
#: Targets that fight back: an attack on them is a battle.
ARMED_TARGET_RE = compiled(
    r"\b(?:soldiers?|troops?|army|military|police\w*|officers?|gendarm\w*|forces|militants?"
    r"|rebels?|insurgents?|fighters?|militias?|militiam[ae]n|gunm[ae]n|jihadists?|guards?"
    r"|positions?|bases?|outposts?|checkpoints?|convoys?|patrols?|posts?|barracks|servicem[ae]n"
    r"|combatants?|gang members?|armed|suspects?|regime|brigades?|battalions?|divisions?"
    r"|units?|squads?|platoons?|detachments?|volunteers"
    # A gang's or armed group's member is an armed actor: "shot a drug trafficker", "killed
    # two FDLR fighters" is a fight between armed groups (ACLED: armed clash). A party's
    # members ("XYZ members") are civilians: only its fighters are armed.
    r"|(?:drug )?traffickers?|drug dealers?|gangsters?|cartel members?|hitm[ae]n"
    r"|(?-i:[A-Z][\w-]*[A-Z0-9][\w-]*) (?:fighters?|militants?))\b",
    re.IGNORECASE,
)
#: Guns fired at close range alongside heavier weapons: a ground fight (ACLED: armed clash),
#: not shelling alone.
GROUND_FIRE_RE = compiled(
    r"\b(?:small arms|firearms|light weapons|rifles|exchang\w* (?:of )?(?:gun)?fire"
    r"|fired back|returned fire|retaliated|gun ?fights?|fire ?fights?)\b",
    re.IGNORECASE,
)
#: Guns used: people who fire them are armed men, not a crowd.
FIREARM_RE = compiled(
    r"\b(?:shot|shooting|shoot|opened fire|fired|gunfire|gunshots?|guns?|rifles?|pistols?"
    r"|firearms)\b",
    re.IGNORECASE,
)
#: Demonstrators who turn violent make a riot (ACLED: a "violent demonstration").
DEMONSTRATOR_VIOLENCE_RE = compiled(
    # Things thrown to hurt (not straw or leaflets), and damage done, not suffered ("crops
    # damaged due to rain", "its damaged facilities"); an effigy burnt or a man setting himself
    # on fire harms no one else (ACLED: still a peaceful protest).
    r"\b(?:(?:threw|throwing|hurled|hurling) (?:[\w-]+ ){0,3}?(?:stones|rocks|bricks|bottles"
    r"|objects|projectiles|chairs|eggs|at)|pelted|pelting)\b|\b(?:(?:stones|rocks) (?:at|towards)"
    r"|with (?:sticks and )?(?:stones|rocks)|stone-throw\w*|molotov"
    r"|petrol bombs?|firecrackers|slingshots)\b|\b(?:burn(?:ed|t|ing)|set(?:ting)? (?:fire|ablaze)"
    r"|torch(?:ed|ing)) (?:\w+ ){0,3}?(?:tyres|tires|vehicles?|cars?|buses|buildings?|offices?"
    r"|shops?|houses?|property|police)|vandali[sz](?:ed|ing)|smash(?:ed|ing)"
    r"|(?<!was )(?<!were )(?<!its )(?<!the )(?<!their )(?<!'s )damag(?:ed|ing)"
    r"(?! (?:due|because|by|in|during)\b)|loot(?:ed|ing)"
    r"|ransack(?:ed|ing)|stormed|clash(?:ed|es)? with|scuffl(?:ed|es?)"
    r"|brawl|riot(?:ed|ing)|rioters|turned violent|fought (?:with|against)"
    r"|broke (?:\w+ ){0,3}?(?:windows|doors|gates|glass)"
    r"|(?:set|setting) (?!(?:him|her|them)sel(?:f|ves)\b)(?:[\w-]+ ){1,4}?"
    r"(?:on fire|ablaze|alight)|(?:attacked|assaulted|beat) (?:the |a )?"
    r"(?:police|officers|journalists?|passers-by|vehicles?)",
    re.IGNORECASE,
)
#: The people of a demonstration: a sentence naming them after one tells what happened there.
DEMONSTRATORS_RE = compiled(
    r"\b(?:protesters|protestors|demonstrators|marchers|strikers|rioters|crowd|participants"
    r"|demonstration|protest|rally|(?-i:march))\b",  # "March" is the month
    re.IGNORECASE,
)
#: Forces met the demonstration: "Protest with intervention" (ACLED).
INTERVENTION_RE = compiled(
    r"\b(?:tear ?gas|water ?cannons?|rubber bullets|batons?|pepper spray|stun grenades"
    r"|(?:police|policemen|officers|forces|soldiers|troops|authorities|security|guards"
    r"|gendarmes)\b[^.;]{0,60}?\b(?:dispersed|arrested|detained|intervened|broke up|stopped"
    r"|prevented|removed|evicted|cleared|charged|beat|assaulted|kettled|pushed back|blocked"
    r"|confiscated)|(?:were|was) (?:\w+ )?(?:dispersed|arrested|detained|removed|evicted"
    r"|forcibly)|dispers(?:ed|ing) (?:the )?(?:protesters|demonstrators|crowd|gathering|rally))\b",
    re.IGNORECASE,
)
#: Demonstrators killed or shot at: "Excessive force against protesters" (ACLED).
EXCESSIVE_FORCE_RE = compiled(
    r"\b(?:(?P<fire>live (?:ammunition|fire|rounds|bullets)|opened fire (?:on|at|towards|into)"
    r"|fired (?:live )?(?:shots|bullets) (?:at|into|towards))|shot (?:dead|and killed)"
    r"|(?:killing|killed) (?:\w+ ){0,4}?(?:protesters|demonstrators|of them|participants"
    r"|marchers|strikers))\b",
    re.IGNORECASE,
)
#: A crowd that attacks people: "Mob violence" (ACLED).
MOB_RE = compiled(
    r"\b(?:mobs?|lynch\w*|angry (?:crowd|residents|villagers|youths?|relatives)|crowd"
    r"|residents|villagers|locals|community members|relatives|supporters|youths?|students"
    r"|passers-by|neighbou?rs)\b",
    re.IGNORECASE,
)
#: Who took part in a clash, when none of them bears arms: party supporters, students, locals
#: fighting each other or the police are rioters (ACLED: mob violence), not a battle.
UNARMED_SIDES_RE = compiled(
    r"\b(?:supporters|cadres|activists|partisans|factions|students|locals|villagers|residents"
    r"|youths?|workers|drivers|vendors|traders|fans|prisoners|inmates|relatives|neighbou?rs"
    r"|families|groups of (?:people|men|youths|students)|community members|party members"
    # A group's members or individuals fighting with no weapon named, "physical clashes",
    # two mobs: unarmed people.
    r"|members|individuals|mobs|physical)\b",
    re.IGNORECASE,
)
#: An attacker told as a group of people, or harm done with bare hands or sticks: with no
#: firearm or armed group named, a crowd's violence (ACLED: mob violence), not an armed one.
UNARMED_ATTACK_RE = compiled(
    r"\b(?:group|members|cadres|followers|physically|punched|kicked|with (?:\w+ )?(?:sticks"
    r"|clubs|rods|fists|stones|bricks))\b",
    re.IGNORECASE,
)
#: Words for weapons of war or organised armed men: a clash that names them is a battle.
ARMED_SIDES_RE = compiled(
    r"\b(?:militants?|rebels?|insurgents?|militias?|militiam[ae]n|gunm[ae]n|armed|soldiers?"
    r"|troops?|army|military|fighters?|jihadists?|gangs?|gang members|cartels?|traffickers"
    r"|guns?|gunfire|gunshots|firearms?|rifles?|shoot-?outs?|fire ?fights?|gun ?fights?"
    r"|exchanged fire|exchange of fire|bandits?|forces)\b",
    re.IGNORECASE,
)
#: Territory taken without a fight: "Non-violent transfer of territory" (ACLED).
NO_FIGHT_RE = compiled(
    r"\b(?:without (?:a |any )?(?:fight|confrontation|resistance|clash(?:es)?|a shot)"
    r"|no (?:clashes|fighting|confrontation|resistance)|(?:evacuated|withdrew|vacated|abandoned"
    r"|handed over))\b",
    re.IGNORECASE,
)
#: People killed or hurt: the gravest act of an event decides its sub-type (ACLED), so an armed
#: group that kills and also abducts or loots commits an attack.
HARM_RE = compiled(
    r"\b(?:killed|killing|shot|wounded|wounding|injured|injuring|murdered|beheaded|stabbed"
    r"|hacked)\b",
    re.IGNORECASE,
)

#: A detainee hurt or killed in custody: the arrest is an attack on a civilian (ACLED codes
#: torture and deaths in custody as violence against civilians).
CUSTODY_HARM_RE = compiled(
    r"\b(?:tortur(?:ed|ing)|torture|beaten|died (?:in|under) (?:custody|detention"
    r"|torture)|ill-treated|mistreated|strangl\w+|stripped|shot (?:and|at|him|her|them)"
    r"|opened fire)\b",
    re.IGNORECASE,
)

#: Ground changing hands in a fight: the battle is a territorial one (ACLED).
TERRITORY_RE = compiled(
    r"\b(?:recaptured|retook|regained (?:full )?control|(?:took|seized|gained|captured|assumed)"
    r" (?:full )?control|took over|overran|captured the (?:town|city|village|district|base"
    r"|area|positions?)|liberated)\b",
    re.IGNORECASE,
)

#: Said about an event, not the event: a statement, condemnation, denial or accusation.
STATEMENT_RE = compiled(
    r"(?<!\bto )\b(?:condemn(?:ed|s)|denounc(?:ed|es)|deplor(?:ed|es)|criticis(?:ed|es)"
    r"|criticiz(?:ed|es)|den(?:ied|ies)|accus(?:ed|es)(?! of)|blam(?:ed|es)(?! for)"
    r"|call(?:ed|s) for"
    r"|urg(?:ed|es)|vow(?:ed|s)|warn(?:ed|s)|threaten(?:ed|s)|demand(?:ed|s) (?:an? )?"
    r"(?:investigation|inquiry|probe)|expressed (?:concern|outrage|sympathy|condolences))\b"
    r"[^.;:!?]{0,80}$",
    re.IGNORECASE,
)
