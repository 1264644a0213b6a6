"""Sentence → event mention: the trigger, whether the event happened, and what the sentence says
about its date, place, actors and victims.

Each sentence of the story (never a "Read more:" teaser or site footer) yields at most one
:class:`EventMention`. Its ``status`` says how the later merge must treat it:

* ``new``: a report of an event ("18 missiles were fired on March 11");
* ``reference``: a mention of an event told elsewhere: an anaphor ("the attack", "these air
  raids", "one of the strikes"), an attribution ("could have been inflicted by"), or an anchor
  ("after the rocket bombardment", "after Iran's missile strike on January 8th");
* ``casualty``: victims without any event word of their own ("No one was killed", "Three
  more soldiers died in hospital"): the count belongs to the event told just before.

Blocked mentions (negated, threatened, planned, hypothetical, generic) yield nothing.

Examples
--------
>>> from datetime import date
>>> text = "Gunmen killed five villagers in the town on March 2."
>>> m = detect_sentence(text, 0, len(text), [], date(2024, 3, 5), 0, 0)
>>> m.status, m.sub_event_type, m.civilians, str(m.date.date), m.fatalities
('new', '', True, '2024-03-02', 5)
>>> detect_sentence("Rebels threatened to attack the town.", 0, 37, [], None, 0, 0) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from geomap.events import vocabulary as v
from geomap.events.actors import find_actors
from geomap.events.dates import DateMention, find_dates
from geomap.events.guard import guarded, may_match, quick_search, tail_search
from geomap.events.locate import Located, admin_fallback, in_span, locate
from geomap.events.numbers import casualties
from geomap.events.scan import PhraseScan
from geomap.model import ResolvedMention
from geomap.regex_cache import compiled

__all__ = ["EventMention", "Fragment", "detect_sentence"]

_CLAUSE_BREAK_RE = compiled(r"[;:!?]|,\s+(?:which|who|but|while|whereas)\b|\s[–—]\s")
_WORD_RE = compiled(r"[a-z]+")
# Tried only where a match can begin (:mod:`geomap.events.guard`): the same matches. The
# trigger phrases, hundreds, are tried only those that may begin there (:mod:`.scan`).
_TRIGGER_SCAN = PhraseScan(v.TRIGGER_RE, width=10)  # ten letters: many phrases share four or six
# A scan whose words are rare in news runs only on text that holds one of them.
_CIVILIAN_SEARCH = quick_search(v.CIVILIAN_RE)
_CAUSE_SEARCH = quick_search(v.CAUSE_RE)
_STATEMENT_SEARCH = quick_search(v.STATEMENT_RE)
_CUMULATIVE_SCAN = guarded(v.CUMULATIVE_RE)
_REPORTING_VERB_SEARCH = quick_search(v.REPORTING_VERB_RE)
_NEGATION_SCAN = guarded(v.NEGATION_RE)
_BLOCK_BEFORE_SEARCH = tail_search(v.BLOCK_BEFORE_RE)  # a few words before the trigger
_REFERENCE_BEFORE_SEARCH = quick_search(v.REFERENCE_BEFORE_RE)
_PERFECT_MODAL_SCAN = guarded(v.PERFECT_MODAL_RE)
_PRETEXT_RE = compiled(r"\b(?:under|on|with)\s+$", re.IGNORECASE)
_CAUSE_NOUN_RE = compiled(r"(?:the|a|as)\b", re.IGNORECASE)
_SEPARATION_RE = compiled(r"[\s,]*")
_REFERENCE_ONLY = frozenset({"incident", "incidents"})
# The weak word "killed" gives way to any other trigger in the sentence.
# "accused of theft" is no event of its own; an election or a bomb threat told beside a
# protest or an attack is its background.
_WEAK_TRIGGERS = frozenset({"killed", "crime", "election", "bomb_threat"})
# Each weapon's words: a quick test for one of them, then the scan where a match can begin.
_WEAPON_SCANS = tuple((sub, may_match(p), guarded(p)) for sub, p in v.WEAPON_CUES)


@dataclass(slots=True)
class Fragment:
    """Victims and place named as the cause of another event ("the death of X ... the cause of
    the strikes"): they belong to an earlier event told nearby."""

    fatalities: int | None
    located: Located


@dataclass(slots=True)
class EventMention:
    """What one sentence says about one event."""

    sentence: int  # index of the sentence in the document
    start: int  # sentence offsets in the document
    end: int
    paragraph: int
    status: str  # "new", "reference" or "casualty"
    trigger: str  # the trigger's text
    trigger_start: int  # document offset
    sub_event_type: str  # vocabulary.GENERIC when the words do not say
    verb: bool  # a finite verb reports the event ("clashed")
    date: DateMention | None
    fatalities: int | None
    injuries: int | None
    located: Located
    actor1: str | None
    actor2: str | None
    civilians: bool  # victims named are civilians
    fragment: Fragment | None = None
    rejected_dates: list[DateMention] = field(default_factory=list)
    kind: str = ""  # the trigger's name in vocabulary.TRIGGERS
    after: str = ""  # the sentence from the trigger on: targets and victims
    statement: bool = False  # said about an event (condemned, denied), no report of one
    actor1_country: str | None = None  # the state an actor's words name ("Turkish troops")
    actor2_country: str | None = None

    @property
    def family(self) -> str:
        """``violence``, ``demonstration`` or ``strategic``: kinds that may merge."""
        event_type = v.ALL_SUB_EVENT_TYPES.get(self.sub_event_type, "Battles")
        if event_type in ("Protests", "Riots"):
            return "demonstration"
        if event_type in v.NON_ACLED_EVENT_TYPES:
            return "other"
        return "strategic" if event_type == "Strategic developments" else "violence"

    @property
    def specific(self) -> bool:
        """Says enough on its own to stand as an event (a date, victims, a place, a verb)."""
        return (
            (self.date is not None and (self.date.date is not None or self.date.relative))
            or self.fatalities is not None
            or (self.located.cued and self.located.rank >= 3)
            or self.verb
        )


def detect_sentence(
    text: str,
    start: int,
    end: int,
    mentions: Sequence[ResolvedMention],
    published: date | None,
    index: int,
    paragraph: int,
    *,
    after_event: bool = True,
) -> EventMention | None:
    """The event mention of ``text[start:end]``, or None when it reports no event.

    Parameters
    ----------
    text
        The whole document; offsets are document offsets.
    mentions
        The document's resolved place mentions, in text order.
    published
        Publication date, for dates without a year and relative dates.
    after_event
        Whether a violent or demonstration event was told in the sentences just before: only
        then may a sentence of victims alone ("No one was killed.") be a mention.
    """
    sentence = text[start:end]
    words = set(_WORD_RE.findall(sentence.lower()))
    if v.TRIGGER_WORDS.isdisjoint(words):
        # Most sentences report nothing: skip them cheaply.
        if after_event and not v.CASUALTY_WORDS.isdisjoint(words):
            return _casualty_mention(text, start, end, index, paragraph)
        return None
    main, prior = _segments(sentence)
    triggers = _triggers(sentence, main)
    if not triggers:
        return _casualty_mention(text, start, end, index, paragraph) if after_event else None
    status, trigger = _choose(triggers)
    t_start = trigger.start()
    sub = _sub_event_type(sentence, trigger, triggers, main)
    date_mention, rejected = _event_date(text, start, end, published, start + t_start)
    main_text = sentence[main[0] : main[1]]
    fatalities, injuries = casualties(main_text)
    located = locate(text, mentions, start + main[0], start + main[1], start + t_start)
    located = admin_fallback(text, mentions, start + main[0], start + main[1], located)
    places = {r.mention.text for r in in_span(mentions, start, end)}
    actor1, actor2 = find_actors(sentence, t_start, places)
    statement = _STATEMENT_SEARCH(_clause_before(sentence, t_start)) is not None
    if statement and status == "new":
        status = "reference"  # "the ministry condemned the attack": told elsewhere, if at all
    fragment = None
    if prior is not None:
        lost = casualties(sentence[prior[0] : prior[1]]).fatalities
        where = locate(text, mentions, start + prior[0], start + prior[1], start + prior[0])
        if lost is not None or where.place is not None:
            fragment = Fragment(lost, where)
    name = trigger.lastgroup or ""
    return EventMention(
        sentence=index,
        start=start,
        end=end,
        paragraph=paragraph,
        status=status,
        trigger=trigger.group(),
        trigger_start=start + t_start,
        sub_event_type=sub,
        verb=v.TRIGGERS_BY_NAME[name].verb and status == "new",
        date=date_mention,
        fatalities=fatalities,
        injuries=injuries,
        located=located,
        actor1=actor1,
        actor2=actor2,
        civilians=_CIVILIAN_SEARCH(main_text) is not None,
        fragment=fragment,
        rejected_dates=rejected,
        kind=name,
        after=sentence[t_start:],
        statement=statement,
        actor1_country=_actor_country(text, start, sentence, actor1, mentions),
        actor2_country=_actor_country(text, start, sentence, actor2, mentions),
    )


def _actor_country(
    text: str, start: int, sentence: str, actor: str | None, mentions: Sequence[ResolvedMention]
) -> str | None:
    """The country an actor phrase names ("Turkish troops", "the Malian army"), if any."""
    if not actor:
        return None
    at = sentence.find(actor)
    if at < 0:
        return None
    low, high = start + at, start + at + len(actor)
    for r in in_span(mentions, low, high):
        if r.place is not None and r.place.kind == "country":
            return r.place.country_code
    return None


def _casualty_mention(
    text: str, start: int, end: int, index: int, paragraph: int
) -> EventMention | None:
    """A sentence that counts victims without an event word of its own ("No one was killed,
    although more than a hundred troops were treated for injuries"); not a running total
    ("since 2014", "so far this year")."""
    sentence = text[start:end]
    if _CUMULATIVE_SCAN.search(sentence):
        return None
    fatalities, injuries = casualties(sentence)
    if fatalities is None and injuries is None:
        return None
    return EventMention(
        sentence=index,
        start=start,
        end=end,
        paragraph=paragraph,
        status="casualty",
        trigger="",
        trigger_start=start,
        sub_event_type=v.GENERIC,
        verb=False,
        date=None,
        fatalities=fatalities,
        injuries=injuries,
        located=Located(None, None),
        actor1=None,
        actor2=None,
        civilians=_CIVILIAN_SEARCH(sentence) is not None,
    )


def _segments(sentence: str) -> tuple[tuple[int, int], tuple[int, int] | None]:
    """The part of the sentence about its own event, and the part about a cause, if any."""
    cause = _CAUSE_SEARCH(sentence)
    if cause is None:
        return (0, len(sentence)), None
    pretext = _PRETEXT_RE.search(sentence[: cause.start()])
    if _CAUSE_NOUN_RE.match(cause.group()) and not pretext:
        # "called [the death of X] the cause of [the strikes]"
        return (cause.end(), len(sentence)), (0, cause.start())
    # "[strikes] in retaliation for [the killing of X]"
    return (0, cause.start()), (cause.end(), len(sentence))


def _clause_before(sentence: str, pos: int) -> str:
    before = sentence[:pos]
    breaks = list(_CLAUSE_BREAK_RE.finditer(before))
    return before[breaks[-1].end() :] if breaks else before


def _triggers(sentence: str, main: tuple[int, int]) -> list[tuple[str, re.Match[str]]]:
    """Every trigger with its status: ``new``, ``anaphor``, ``consumed`` or ``blocked``."""
    found: list[tuple[str, re.Match[str]]] = []
    for m in _TRIGGER_SCAN.finditer(sentence, main[0], main[1]):
        before = _clause_before(sentence, m.start())
        after = sentence[m.end() : m.end() + 40]
        word = m.group().lower()
        if (
            _NEGATION_SCAN.search(before)
            or _BLOCK_BEFORE_SEARCH(before)
            or v.BLOCK_AFTER_RE.match(after)
            or (m.lastgroup in _WEAK_TRIGGERS and _CUMULATIVE_SCAN.search(sentence))
        ):
            status = "blocked"
        elif _REFERENCE_BEFORE_SEARCH(before):
            status = "consumed"
        elif (
            word in _REFERENCE_ONLY
            or (not _finite_verb(m) and v.ANAPHOR_RE.search(before))  # the cheap test first
            or _PERFECT_MODAL_SCAN.search(sentence, m.end(), m.end() + 60)
        ):
            status = "anaphor"
        else:
            status = "new"
        found.append((status, m))
    if any(m.lastgroup not in _WEAK_TRIGGERS for s, m in found if s != "blocked"):
        found = [(s, m) for s, m in found if m.lastgroup not in _WEAK_TRIGGERS]
    return [(s, m) for s, m in found if s != "blocked"]


def _finite_verb(m: re.Match[str]) -> bool:
    """ "the military soldiers abducted": a past-tense verb after "the ..." has a subject there,
    it does not refer back to an event told before (as "the attack" does)."""
    trigger = v.TRIGGERS_BY_NAME[m.lastgroup or ""]
    return trigger.verb and m.group().lower().split()[0].endswith("ed")


def _choose(triggers: list[tuple[str, re.Match[str]]]) -> tuple[str, re.Match[str]]:
    """The sentence's main trigger: a new report before a reference, a specific word first."""
    for wanted in ("new", "anaphor", "consumed"):
        chosen = [m for s, m in triggers if s == wanted]
        if chosen:
            specific = [m for m in chosen if v.TRIGGERS_BY_NAME[m.lastgroup or ""].sub_event_type]
            best = (specific or chosen)[0]
            return ("new" if wanted == "new" else "reference"), best
    raise ValueError("no trigger")  # pragma: no cover - callers pass a non-empty list


def _sub_event_type(
    sentence: str,
    trigger: re.Match[str],
    triggers: list[tuple[str, re.Match[str]]],
    main: tuple[int, int],
) -> str:
    """The trigger's sub-type; for a generic word, the nearest weapon named (not in an anchor)."""
    sub = v.TRIGGERS_BY_NAME[trigger.lastgroup or ""].sub_event_type
    if sub == "Peaceful protest":
        return _protest_kind(sentence)
    if sub:
        return sub
    excluded = [(m.start(), m.end()) for s, m in triggers if s == "consumed"]
    best: tuple[int, str] | None = None
    for weapon_sub, may_name, pattern in _WEAPON_SCANS:
        if not may_name(sentence):
            continue  # most sentences name no weapon of the kind
        for w in pattern.finditer(sentence, main[0], main[1]):
            if any(a <= w.start() < b for a, b in excluded):
                continue
            distance = abs(w.start() - trigger.start())
            if best is None or distance < best[0]:
                best = (distance, weapon_sub)
    return best[1] if best else v.GENERIC


_INTERVENTION_RE = compiled(
    r"\b(?:tear\s?gas|water\s+cannons?|dispersed|rubber\s+bullets|baton|arrested|detained)\b",
    re.IGNORECASE,
)
_EXCESSIVE_RE = compiled(
    r"\b(?:live\s+(?:ammunition|fire|rounds)|opened\s+fire|shot\s+dead|killed|killing)\b",
    re.IGNORECASE,
)

_INTERVENTION_SEARCH = quick_search(_INTERVENTION_RE)
_EXCESSIVE_SEARCH = quick_search(_EXCESSIVE_RE)


def _protest_kind(sentence: str) -> str:
    """A protest met by force is no longer peaceful (ACLED's three protest sub-types)."""
    if _EXCESSIVE_SEARCH(sentence):
        return "Excessive force against protesters"
    if _INTERVENTION_SEARCH(sentence):
        return "Protest with intervention"
    return "Peaceful protest"


def _event_date(
    text: str,
    start: int,
    end: int,
    published: date | None,
    trigger: int,
) -> tuple[DateMention | None, list[DateMention]]:
    """The date nearest the trigger, skipping dates of the report ("said on Monday")."""
    found = find_dates(text, published, start, end)
    usable: list[DateMention] = []
    rejected: list[DateMention] = []
    speech_end = -1
    for d in found:
        before = text[start : d.start]
        appositive = speech_end >= 0 and _SEPARATION_RE.fullmatch(text[speech_end : d.start])
        if _REPORTING_VERB_SEARCH(before) or appositive:
            speech_end = d.end  # "condemned yesterday, March 12": both are the report's
            continue
        if d.rejected:
            rejected.append(d)
            continue
        usable.append(d)
    if not usable:
        return None, rejected
    # "On 20 January, relatives of a man found dead on 13 January protested": a date that
    # opens the sentence dates its main clause; later dates belong to clauses inside it.
    lead = usable[0]
    if (
        lead.start < trigger
        and v.LEAD_DATE_RE.fullmatch(text[start : lead.start])
        and not v.REPORTED_RE.search(text[lead.end : trigger])
    ):
        return lead, rejected
    return min(usable, key=lambda d: abs(d.start - trigger)), rejected
