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


_NUM = r"(?:\w+\s+){0,4}?"  # a few words: "fired (two Grad) rockets"
_WEAPON_NOUN = (
    r"(?:(?:rockets?|missiles?|mortars?|artillery)(?: (?:rounds|shells|fire))?|shells?|rounds"
    r"|projectiles?)"
)

TRIGGERS: tuple[Trigger, ...] = (
    # -- Strategic developments first: their phrases contain violent words ("shot down a drone").
    Trigger("disrupt_down", rf"(?:shot|brought) down {_NUM}(?:drones?|{_WEAPON_NOUN}|UAVs?)",
            "Disrupted weapons use", verb=True),
    Trigger("disrupt", r"intercepted|defused|dismantled (?:an? |the )?(?:bomb|IED|explosive)s?"
            r"|(?:seized|found) (?:an? )?(?:weapons|arms|ammunition|explosives) (?:cache|depot)",
            "Disrupted weapons use", verb=True),
    Trigger("agreement", r"signed (?:\w+ ){0,4}?(?:agreement|accord|deal|ceasefire|truce|treaty)"
            r"|agreed (?:to|on) (?:an? )?(?:ceasefire|truce|prisoner (?:swap|exchange))"
            r"|(?:ceasefire|truce|peace deal) (?:was|were) (?:signed|agreed)",
            "Agreement", verb=True),
    Trigger("arrest", r"arrested|detained|taken into custody|rounded up", "Arrests", verb=True),
    Trigger("base", r"(?:set up|established|opened) (?:an? |its |their )?(?:new )?"
            r"(?:military )?(?:base|headquarters|outpost)", "Headquarters or base established",
            verb=True),
    Trigger("withdraw", r"withdrew (?:\w+ ){0,3}?from|pulled out (?:\w+ ){0,3}?of"
            r"|handed over (?:control of )?", "Non-violent transfer of territory", verb=True),
    Trigger("deploy", r"(?:deployed|dispatched|sent) (?:\w+ ){0,4}?(?:troops|soldiers|forces"
            r"|warships|battalions?|units)\b(?= (?:\w+ ){0,3}?to\b)"
            r"|(?:troops|soldiers|forces) were (?:deployed|sent) to", "Change to group/activity",
            verb=True),
    Trigger("loot", r"looted|ransacked|plundered|vandali[sz]ed", "Looting/property destruction",
            verb=True),
    # -- Explosions/Remote violence.
    Trigger("chemical", r"chemical (?:weapons? )?attacks?|(?:sarin|chlorine|nerve) gas attacks?",
            "Chemical weapon"),
    Trigger("suicide", r"suicide (?:bomb(?:ing|er)?s?|attacks?|car bombs?|vest)"
            r"|blew (?:himself|herself|themselves) up", "Suicide bomb"),
    Trigger("ied", r"roadside bombs?|car bombs?|IEDs?|improvised explosive devices?|landmines?"
            r"|land mines?|bomb (?:blast|explosion|attack)s?|explosive devices?"
            r"|(?:a |the )?bomb (?:exploded|went off|detonated)",
            "Remote explosive/landmine/IED"),
    Trigger("grenade", r"(?:hand )?grenade attacks?|(?:threw|hurled|lobbed) (?:an? |two |several )?"
            r"(?:hand )?grenades?", "Grenade"),
    Trigger("air", r"air ?strikes?|air ?raids?|air attacks?|aerial (?:attack|bombardment|strike)s?"
            r"|drone (?:strike|attack)s?|air operations?|bombing (?:raid|run)s?"
            r"|(?:warplanes|jets|aircraft|helicopters?|drones?) (?:bombed|struck|pounded|hit)",
            "Air/drone strike"),
    Trigger("shell_noun", rf"{_WEAPON_NOUN} (?:attack|strike|fire|barrage|bombardment|salvo)s?"
            r"|shelling|bombardments?", "Shelling/artillery/missile attack"),
    Trigger("shell_hit", rf"{_WEAPON_NOUN} (?:were |was |had been |have been )?"
            r"(?:fired|launched|landed|hit|struck|slammed|rained|exploded|fell)"
            r"|shelled|(?:fired|launched|lobbed) " + _NUM + _WEAPON_NOUN
            + r"|shot down", "Shelling/artillery/missile attack", verb=True),
    # -- Violence against civilians.
    Trigger("abduct", r"kidnapp?ed|abducted|abductions?|kidnappings?|taken hostage"
            r"|took (?:\w+ ){0,3}?hostage", "Abduction/forced disappearance", verb=True),
    Trigger("sexual", r"raped|sexual(?:ly)? (?:assault|violence|abuse)d?", "Sexual violence"),
    Trigger("massacre", r"massacred?|executed|lynched", GENERIC, verb=True),
    # -- Battles.
    Trigger("retake", r"recaptured|retook|regained control|liberated|won back",
            "Government regains territory", verb=True),
    Trigger("overtake", r"(?:seized|captured|took|taken) control of|overran|captured the"
            r" (?:town|city|village|district|base)|fell to", "Non-state actor overtakes territory",
            verb=True),
    Trigger("clash", r"clash(?:ed|es)|gun ?battles?|firefights?|(?:heavy )?fighting (?:between|with"
            r"|broke out|erupted)|fought|exchanged (?:gun)?fire|ambush(?:ed)?",
            "Armed clash", verb=True),
    # -- Demonstrations.
    Trigger("riot", r"riot(?:s|ed|ers|ing)?|(?:torched|set fire to|burned) (?:\w+ ){0,3}?"
            r"(?:cars|vehicles|buildings|tyres|tires|shops|police station)"
            r"|(?:threw|hurled) (?:stones|rocks|petrol bombs|molotov cocktails)",
            "Violent demonstration", verb=True),
    Trigger("mob", r"(?:a |an angry )?mob (?:attacked|beat|killed|lynched)", "Mob violence",
            verb=True),
    Trigger("protest", r"protest(?:ed|ers|s)?|demonstrat(?:ed|ors|ions?)|rall(?:y|ies|ied)"
            r"|marched|sit-ins?|took to the streets|strikers", "Peaceful protest", verb=True),
    # -- Generic violence: the weapon, the victims or the merged story say which kind.
    Trigger("attacked", r"attacked|raided|struck|stormed|opened fire|shot dead|gunned down"
            r"|bombed|assaulted", GENERIC, verb=True),
    Trigger("attack", r"attacks?|raids?|strikes?|incidents?|assaults?", GENERIC),
    Trigger("killed", r"killed|slain", GENERIC),
)  # fmt: skip

TRIGGER_RE = re.compile(
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
    landmines land bomb explosive grenade grenades threw hurled lobbed air airstrike
    airstrikes airraid airraids aerial drone drones bombing warplanes jets aircraft helicopter
    helicopters rocket rockets missile missiles mortar mortars artillery shell shells rounds
    projectile projectiles shelling bombardment bombardments shelled fired launched shot
    kidnapped kidnaped abducted abduction abductions kidnapping kidnappings hostage raped
    sexual sexually massacre massacred executed lynched recaptured retook regained liberated
    won captured took taken overran fell clash clashed clashes gun gunbattle gunbattles
    battle battles firefight firefights fighting fought exchanged ambush ambushed riot riots
    rioted rioters rioting torched burned mob protest protested protesters protests
    demonstrated demonstrators demonstration demonstrations rally rallies rallied marched sit
    strikers attacked raided struck stormed gunned bombed assaulted attack attacks raid raids
    strike strikes incident incidents assault assaults killed slain"""
)

#: Words naming the weapon used: they decide a generic trigger's sub-type, nearest first.
WEAPON_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (sub, re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE))
    for sub, pattern in (
        ("Suicide bomb", r"suicide bombers?|explosive vests?|suicide"),
        ("Remote explosive/landmine/IED", r"IEDs?|roadside bombs?|car bombs?|landmines?"
         r"|explosive devices?"),
        ("Grenade", r"grenades?"),
        ("Air/drone strike", r"air force|warplanes?|fighter jets?|jets|drones?|helicopters?"
         r"|aircraft|F-\d+s?|bombers"),
        ("Shelling/artillery/missile attack", r"rockets?|missiles?|mortars?|artillery|shells"
         r"|katyushas?|howitzers?"),
    )
)  # fmt: skip

#: Victims that make an attack violence against civilians.
CIVILIAN_RE = re.compile(
    r"\b(?:civilians?|villagers?|residents?|worshippers?|farmers?|passengers?|students?|pupils"
    r"|women|children|families|shoppers|pilgrims|journalists?|teachers?|herders?|traders?)\b",
    re.IGNORECASE,
)


def _cased(words: str) -> str:
    """Lower-case words also matched capitalised at a sentence start, but "may" not as "May"."""
    return "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in words.split())


# Right before a trigger (a few words): the event did not happen.
NEGATION_RE = re.compile(
    rf"\b(?:{_cased('not no never neither nor without')}|didn't|did not|denied|refrained from"
    r"|ruled out|called off|failed to)\s+(?:[\w-]+\s+){0,2}$"
)
# Earlier in the same clause: the event is threatened, planned, feared, possible or generic.
BLOCK_BEFORE_RE = re.compile(
    rf"\b(?:{_cased('will would shall could can might should must if unless whether')}|may"
    r"|won't|wouldn't|plan(?:s|ned|ning)? to|intend(?:s|ed)? to|threat(?:en(?:s|ed|ing)?)?"
    r"|vow(?:s|ed)? to|promis(?:e|es|ed) to|warn(?:s|ed)? (?:of|against)"
    r"|prepar(?:e|es|ed|ing) (?:to|for)|ready to|tr(?:y|ies|ied|ying) to|attempt(?:s|ed)? to"
    r"|in the event of|potential|possible|possibility|prospect|fears? of|risk of|avoid"
    r"|prevent(?:ed)?|[Aa]ny|[Oo]ngoing|continuing|constant|repeated|frequent|regular|routine"
    r"|[Ss]uch|future|decided not to|refuse[sd]? to)\b"
    r"[^.;:!?\n]{0,60}$"
)
# Right after a trigger: "was foiled", "were planned".
BLOCK_AFTER_RE = re.compile(
    r"^\s*(?:was|were|is|are|had been|has been)?\s*(?:planned|expected|feared|threatened"
    r"|averted|foiled|thwarted|prevented|called off)\b",
    re.IGNORECASE,
)
# "could have been inflicted by": attribution of an event told elsewhere, not a new one.
PERFECT_MODAL_RE = re.compile(
    r"\b(?:could|may|might|must|would)(?:\s+not)?\s+have\s+(?:been\s+)?\w+", re.IGNORECASE
)
# "the attack", "these air raids", "one of the strikes", "Iran's strike": a mention of an
# event already told (or told later), never a new one on its own.
ANAPHOR_RE = re.compile(
    r"(?:\b(?i:the|this|that|these|those|its|their|his|her|such|same|one\s+of\s+the)"
    r"|\b[A-Z][\w-]*['’]s)\s+(?:[\w-]+\s+){0,3}$"
)
# "after the rocket attack", "following the strike": a reference used to place another event.
REFERENCE_BEFORE_RE = re.compile(
    r"\b(?:after|following|before|since|prior to|in (?:response|retaliation|revenge) (?:to|for)"
    r"|to avenge|blamed for|responsibility for|behind)\s+(?:the|this|that|these|those"
    r"|[A-Z][\w-]*['’]s)\s+(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
# "X said on Tuesday", "condemned yesterday": a date that belongs to the report, not the event.
REPORTING_VERB_RE = re.compile(
    r"\b(?:said|says|say|told|condemned|denounced|announced|reported|stated|added|confirmed"
    r"|claimed|noted|wrote|tweeted|warned|called|urged|declared|informed|explained)"
    r"[\s,]*(?:on|this|last|late|early)?[\s,]*$",
    re.IGNORECASE,
)
# "called the death of X the cause of the strikes", "in retaliation for the killing of X":
# the casualties named on the far side of these phrases belong to an earlier event.
CAUSE_RE = re.compile(
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
OBJECT_VERB_RE = re.compile(
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
CUMULATIVE_RE = re.compile(
    r"\b(?:since\s+(?:(?:19|20)\d\d|the\s+(?:start|beginning|outbreak)|(?:the\s+)?(?:war|conflict"
    r"|insurgency|uprising|invasion|coup)\b|records\s+began)|so\s+far|to\s+date"
    r"|over\s+the\s+(?:past|last)|in\s+recent\s+(?:years|months|weeks)|every\s+year"
    r"|(?:over|during|in|for)\s+(?:\w+\s+)?(?:decades?|years|months)\s+of"
    r"|each\s+year|a\s+year|per\s+year|annually|the\s+(?:war|conflict|insurgency|crisis)"
    r"\s+(?:has|have|had))\b",
    re.IGNORECASE,
)
