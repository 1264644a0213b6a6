"""ACLED's codebook: an event's type, sub-type and interaction codes, decided by who acted on whom.

:func:`decide_codes` is the one place where an event's codes are decided. It reads the
:class:`Evidence` the words give (the trigger's own sub-type, the actors as written, the victims,
the event's sentences) and applies the codebook's rules:

* explosions and remote weapons keep their sub-type whatever the target;
* demonstrators are a protest, met by force ("with intervention"), killed ("excessive force"),
  or turned violent (a riot); a crowd attacking people is mob violence;
* an armed actor against civilians is violence against civilians; against another armed
  actor, a battle (and a territorial one when ground changed hands);
* strategic developments keep their sub-type, except property a crowd destroys (a riot) and
  ground taken without a fight (a non-violent transfer);
* deaths without a political actor (floods, crashes, disease, crime) are not ACLED events.

A learned coder can replace :func:`decide_codes` (same input, same output).

Examples
--------
>>> codes = decide_codes(Evidence("attacked", "", "Gunmen attacked villagers.",
...                               "Gunmen", "villagers", "villagers."))
>>> codes.event_type, codes.sub_event_type, codes.inter1, codes.inter2
('Violence against civilians', 'Attack', 3, 7)
>>> actor_kind("Ukrainian soldiers"), actor_kind("communal militiamen"), actor_kind(None)
(1, 4, None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geomap.events import vocabulary as v
from geomap.events.guard import quick_search

__all__ = ["Codes", "Evidence", "actor_kind", "decide_codes"]

_ARMED = frozenset({1, 2, 3, 4, 8})
# "march" in lower case only: "On 17 March" is a date, not a demonstration.
_PROTEST_WORDS_RE = re.compile(
    r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies|ied)|(?-i:march)(?:ed|es)?|sit-?ins?|strik(?:e|ers)"
    r"|picket\w*|blocked)\b",
    re.IGNORECASE,
)
# "five villagers were killed": the victims are the few words before a passive verb. The verb
# alone is searched first: no match begins more than _VICTIM_CHARS before it, so an event told
# in many sentences is read once, not tried at every character.
_VICTIM_CHARS = 60
_PASSIVE_VERB = (
    r"\s+(?:was|were|had been|have been|has been)\s+(?:\w+\s+)?"
    r"(?:killed|shot|injured|wounded|attacked|beaten|stabbed|hacked|abducted|kidnapped"
    r"|murdered|executed|found dead|hit)\b"
)
_PASSIVE_VERB_RE = re.compile(_PASSIVE_VERB, re.IGNORECASE)
_PASSIVE_VICTIM_RE = re.compile(
    rf"(?P<victims>[\w'() -]{{0,{_VICTIM_CHARS}}}?){_PASSIVE_VERB}", re.IGNORECASE
)


_AGENT_RE = re.compile(r"\bby\b|[;:]", re.IGNORECASE)
# Rebels and foreign forces named as targets ("attacked the Taliban", "killed a member of the
# Islamic State"): they fight back, as the armed targets' words say.
_ARMED_GROUPS = tuple(pattern for code, pattern, _why in v.ACTOR_KINDS if code in (2, 8))

# The searches of an event's words, each after a quick test for a word every match holds
# (most events hold none of a rule's rarer words).
_ARMED_SIDES = quick_search(v.ARMED_SIDES_RE)
_ARMED_TARGET = quick_search(v.ARMED_TARGET_RE)
_CIVILIAN_VICTIM = quick_search(v.CIVILIAN_VICTIM_RE)
_CUSTODY_HARM = quick_search(v.CUSTODY_HARM_RE)
_DEMONSTRATOR_VIOLENCE = quick_search(v.DEMONSTRATOR_VIOLENCE_RE)
_EXCESSIVE_FORCE = quick_search(v.EXCESSIVE_FORCE_RE)
_FIREARM = quick_search(v.FIREARM_RE)
_GROUND_FIRE = quick_search(v.GROUND_FIRE_RE)
_HARM = quick_search(v.HARM_RE)
_INTERVENTION = quick_search(v.INTERVENTION_RE)
_NO_FIGHT = quick_search(v.NO_FIGHT_RE)
_PROTEST_WORDS = quick_search(_PROTEST_WORDS_RE)
_TERRITORY = quick_search(v.TERRITORY_RE)
_UNARMED_ATTACK = quick_search(v.UNARMED_ATTACK_RE)
_UNARMED_SIDES = quick_search(v.UNARMED_SIDES_RE)


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the words of one event say, as the codebook needs it.

    ``trigger`` is the name of the trigger in :data:`geomap.events.vocabulary.TRIGGERS`
    ("" without one); ``sub_event_type`` its sub-type, or the weapon's, or
    :data:`~geomap.events.vocabulary.GENERIC`; ``after`` the text from the trigger to the end
    of its sentence, where the target and victims are named; ``text`` all the event's
    sentences. ``actor1_country``, ``actor2_country`` and ``country`` are ISO codes of the
    actors' states (when the text names them) and of the event's place.
    """

    trigger: str
    sub_event_type: str
    text: str
    actor1: str | None = None
    actor2: str | None = None
    after: str = ""
    fatalities: int | None = None
    country: str | None = None
    actor1_country: str | None = None
    actor2_country: str | None = None


@dataclass(frozen=True, slots=True)
class Codes:
    """An event's ACLED codes and why (``reason``, one line)."""

    event_type: str
    sub_event_type: str
    inter1: int | None
    inter2: int | None
    civilian_targeting: bool
    reason: str


def actor_kind(
    phrase: str | None, country: str | None = None, home: str | None = None
) -> int | None:
    """ACLED's interaction code (1-8) of an actor as written, ``None`` when the words do not
    say. State forces of ``country`` acting in another country (``home``, the event's) are
    external forces (8).

    >>> actor_kind("Turkish troops", "TR", "SY"), actor_kind("a mob"), actor_kind("Mr Smith")
    (8, 5, None)
    """
    if not phrase:
        return None
    for code, pattern, _why in v.ACTOR_KINDS:
        if pattern.search(phrase):
            if code == 1 and country and home and country != home:
                return 8
            return code
    return None


def _victims(evidence: Evidence) -> tuple[bool, bool]:
    """Whether the targets or victims named are civilians, and whether they are armed."""
    after = _AGENT_RE.split(evidence.after[:160], maxsplit=1)[0]  # the agent is no victim
    parts = [evidence.actor2 or "", after]
    verb = _PASSIVE_VERB_RE.search(evidence.text)
    passive = verb and _PASSIVE_VICTIM_RE.search(
        evidence.text, max(0, verb.start() - _VICTIM_CHARS)
    )
    if passive:
        parts.insert(1, passive["victims"])
    civilian = armed = False
    for part in parts:
        c = _CIVILIAN_VICTIM(part)
        a = _ARMED_TARGET(part) or next(
            (m for m in (p.search(part) for p in _ARMED_GROUPS) if m), None
        )
        if c and (not a or c.start() < a.start()):
            civilian = True
            break
        if a:
            armed = True
            break
    return civilian, armed


def _codes(
    sub: str, inter1: int | None, inter2: int | None, reason: str, *, civilians: bool = False
) -> Codes:
    event_type = v.ALL_SUB_EVENT_TYPES[sub]
    return Codes(event_type, sub, inter1, inter2, civilians, reason)


def decide_codes(evidence: Evidence) -> Codes:
    """The codes of one event (see the module docstring for the rules)."""
    e = evidence
    k1 = actor_kind(e.actor1, e.actor1_country, e.country)
    k2 = actor_kind(e.actor2, e.actor2_country, e.country)
    sub = e.sub_event_type
    trigger = e.trigger
    civilian_victims, armed_victims = _victims(e)

    if sub in v.NON_ACLED_SUB_EVENT_TYPES:
        if sub == "Crime" and k1 in _ARMED:
            return _codes("Attack", k1, 7, f"an armed actor ({e.actor1}) harmed people",
                          civilians=True)  # fmt: skip
        return _codes(sub, k1, k2, f"'{sub.lower()}': harm without a political actor")

    protest_words = _PROTEST_WORDS(e.text) is not None
    if trigger == "riot" and not protest_words and (civilian_victims or armed_victims):
        # Rioters who fight people or forces outside a demonstration: ACLED's mob violence.
        return _codes("Mob violence", 5, k2, "a violent crowd fought people: mob violence")
    if trigger == "protest" or sub in ("Peaceful protest", "Violent demonstration"):
        return _demonstration(e, k1, k2, trigger)
    if k1 == 7 and _FIREARM(e.text):
        k1 = 3  # "four men shot at a doctor": men who shoot are armed men, not a crowd
    # Residents or a crowd who beat or kill someone are a mob (ACLED: rioters), not a militia.
    if trigger == "mob" or (sub in ("", "Armed clash") and k1 in (5, 6, 7) and trigger != "clash"):
        if k1 in _ARMED:
            return _codes("Attack", k1, 7, f"armed {e.actor1} beat or lynched people",
                          civilians=True)  # fmt: skip
        return _codes("Mob violence", 5, k2 or (7 if civilian_victims else None),
                      "a crowd attacked people: mob violence")  # fmt: skip

    if trigger == "clash" and _unarmed_clash(e, k1, k2):
        # Party supporters, students or locals who fight each other or the police are
        # rioters: ACLED's mob violence, not a battle between armed groups.
        return _codes("Mob violence", 5, k2 if k2 in (1, 5, 7) else 5,
                      "unarmed people fought each other or the police: mob violence")  # fmt: skip

    family = v.SUB_EVENT_TYPES.get(sub, "")
    graver = _HARM(e.text) is not None and k1 not in (1, 5, 6, 7)
    lesser = trigger in ("property", "burn", "loot") or sub == "Abduction/forced disappearance"
    if graver and lesser and (civilian_victims or not armed_victims):
        return _codes("Attack", k1 if k1 is not None else 3, 7,
                      "armed men hurt or killed people (graver than what else they did)",
                      civilians=True)  # fmt: skip
    if trigger in ("property", "burn", "loot"):
        if k1 in (5, 6, 7) or (k1 is None and protest_words):
            crowd = protest_words or k1 in (5, 6)
            kind = "Violent demonstration" if crowd else "Mob violence"
            return _codes(kind, 5, k2, "a crowd destroyed or looted property: a riot")
        return _codes("Looting/property destruction", k1 if k1 is not None else 3, k2 or 7,
                      "property looted or destroyed, nobody fighting back")  # fmt: skip
    territorial = sub == "Armed clash" and _TERRITORY(e.text) is not None
    if (
        trigger in ("overtake", "retake", "withdraw")
        or territorial
        or sub
        in (
            "Government regains territory",
            "Non-state actor overtakes territory",
        )
    ):
        if _NO_FIGHT(e.text):
            return _codes("Non-violent transfer of territory", k1, k2,
                          "ground changed hands without a fight")  # fmt: skip
        if k1 == 1:
            return _codes("Government regains territory", k1, k2,
                          "state forces took ground back by fighting")  # fmt: skip
        return _codes("Non-state actor overtakes territory", k1, k2 or 1,
                      "an armed group took ground by fighting")  # fmt: skip
    if sub == "Arrests" and _CUSTODY_HARM(e.text):
        return _codes("Attack", k1 if k1 is not None else 1, 7,
                      "people arrested and hurt or killed in custody", civilians=True)  # fmt: skip
    if sub == "Arrests" and k1 in (2, 3, 4):
        # Only a state arrests: people detained by an armed group are abducted (ACLED).
        why = f"people detained by a non-state group ({e.actor1})"
        return _codes("Abduction/forced disappearance", k1, 7, why, civilians=True)
    if family == "Strategic developments":
        inter1 = (
            k1 if k1 is not None else (1 if sub in ("Arrests", "Disrupted weapons use") else None)
        )
        return _codes(sub, inter1, k2, f"'{trigger}': {sub.lower()}, no violence")
    ground = sub in ("Shelling/artillery/missile attack", "Remote explosive/landmine/IED")
    if ground and (armed_victims or k2 in _ARMED) and _GROUND_FIRE(e.text):
        return _codes("Armed clash", k1 if k1 is not None else 3, k2 or None,
                      "armed actors fought with guns as well as heavier weapons")  # fmt: skip
    if family == "Explosions/Remote violence" or trigger == "explosion":
        if not sub:
            sub = "Remote explosive/landmine/IED"
        civilians = civilian_victims and not armed_victims
        # Aircraft and artillery are mostly a state's; bombs and grenades an armed group's.
        state_weapon = sub in ("Air/drone strike", "Shelling/artillery/missile attack")
        inter1 = k1 if k1 is not None else (1 if state_weapon else 3 if sub in (
            "Remote explosive/landmine/IED", "Suicide bomb", "Grenade") else None)  # fmt: skip
        return _codes(sub, inter1, k2 or (7 if civilians else None),
                      f"a weapon used from afar ({sub.lower()}) whatever the target",
                      civilians=civilians)  # fmt: skip
    if sub in ("Abduction/forced disappearance", "Sexual violence"):
        return _codes(sub, k1 if k1 is not None else 3, 7, f"{sub.lower()} of people",
                      civilians=True)  # fmt: skip
    # Violence between people: who acted on whom decides.
    armed_target = k2 in _ARMED or (armed_victims and not civilian_victims and k2 != 7)
    ambush_on_civilians = e.after[:6].lower() == "ambush" and civilian_victims
    if (trigger == "clash" and not ambush_on_civilians) or armed_target:
        return _codes("Armed clash", k1 if k1 is not None else 3, k2 or None,
                      "armed actors fought each other")  # fmt: skip
    unarmed = not _ARMED_SIDES(e.text) and not _FIREARM(e.text)
    if k1 in (5, 6) or (k1 is None and unarmed and _UNARMED_ATTACK(f"{e.actor1 or ''} {e.after}")):
        return _codes("Mob violence", 5, 7, "a crowd attacked people: mob violence")
    if civilian_victims or k2 == 7 or k1 is None or k1 in _ARMED:
        return _codes("Attack", k1 if k1 is not None else 3, 7,
                      "an armed actor attacked people who could not fight back",
                      civilians=True)  # fmt: skip
    return _codes("Armed clash", k1, k2, "violence between armed actors")


def _unarmed_clash(e: Evidence, k1: int | None, k2: int | None) -> bool:
    """A clash whose sides are unarmed people, or unarmed people and the police."""
    kinds = {k for k in (k1, k2) if k is not None}
    if kinds & {2, 3, 4, 8} or _ARMED_SIDES(e.text):
        return False
    if kinds & {5, 6, 7}:
        return True
    return not kinds - {1} and _UNARMED_SIDES(e.text) is not None


def _demonstration(e: Evidence, k1: int | None, k2: int | None, trigger: str) -> Codes:
    """Protests and riots: peaceful, met by force, or violent (ACLED's demonstration types)."""
    force = k2 if k2 in (1, 8) else 1
    if _DEMONSTRATOR_VIOLENCE(e.text) or e.sub_event_type == "Violent demonstration":
        return _codes("Violent demonstration", 5, k2,
                      "demonstrators used violence or destroyed property: a riot")  # fmt: skip
    lethal = _EXCESSIVE_FORCE(e.text)
    if lethal and (lethal["fire"] or (e.fatalities or 0) > 0):
        return _codes("Excessive force against protesters", 6, force,
                      "forces killed or shot at demonstrators", civilians=True)  # fmt: skip
    if _INTERVENTION(e.text):
        return _codes("Protest with intervention", 6, force,
                      "forces dispersed, stopped or arrested peaceful demonstrators")  # fmt: skip
    return _codes("Peaceful protest", 6, None, f"people demonstrated ('{trigger}') peacefully")
