"""Who acted and against whom, as written: the noun phrases around an event's trigger.

``actor1`` is the agent: the subject before the verb ("the United States Air Force launched"),
or the phrase after "by" ("hit by Houthi rebels"). ``actor2`` is the target after "against",
"on", "targeting" or "between X and". No normalisation: ACLED's actor dictionary is not
bundled, so names stay as the article writes them.

Examples
--------
>>> s = "Later, the United States Air Force launched strikes against pro-Iranian militias."
>>> find_actors(s, s.index("strikes"))
('United States Air Force', 'pro-Iranian militias')
>>> find_actors("The convoy was ambushed by Al-Shabaab fighters.", 15, {"Mogadishu"})
('Al-Shabaab fighters', None)
"""

from __future__ import annotations

import re
from collections.abc import Collection

__all__ = ["ACTOR_NOUNS", "find_actors"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Nouns that head an actor phrase in lower case ("militants", "police").
ACTOR_NOUNS = _words(
    """forces force army troops soldiers military police militants militia militias rebels
    fighters gunmen insurgents jihadists group groups protesters demonstrators rioters mob
    civilians villagers residents attackers assailants government authorities officers guards
    coalition members supporters students workers farmers herders youths men women
    bandits pirates extremists separatists paramilitaries individuals persons people men
    suspects traffickers gang gangs gangsters cartel cartels members assailants hitmen
    snipers jihadists tribesmen herdsmen vigilantes gendarmes gendarmerie policemen
    officers commandos marines navy soldier officer militant gunman rebel fighter warplanes
    jets aircraft helicopters drones artillery brigade battalion division regiment unit
    locals cadres activists partisans factions vendors relatives neighbours neighbors
    militiamen militiaman guerrillas guerrilla combatants settlers kidnappers abductors
    raiders robbers poachers"""
)
# Words that may stand inside an actor phrase without a capital.
_INNER = _words(
    """of the al el bin ibn and paramilitary armed security special federal national
    local unidentified unknown suspected rebel militia military air naval state allied
    backed"""
)
_TOKEN_RE = re.compile(r"[\w’'-]+(?:\.[\w’'-]+)*|[^\w\s]")
_NOT_ACTORS = _words(
    """January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday One Two Three This That These
    Those It Its They He She We There Here According Recall Earlier Later Meanwhile However"""
)
_CLAUSE_END = frozenset({",", ";", ":", "(", ")", "“", "”", '"', "—", "–"})
_VERB_BEFORE_AGENT = re.compile(r"\bby\s+$", re.IGNORECASE)
_TARGET_RE = re.compile(
    r"\b(?:against|targeting|on|at|between|with)\s+(?:the\s+)?(?:(?:positions|targets|bases?|"
    r"convoys?|members|homes?|camps?|headquarters)\s+(?:and\s+\w+\s+)?of\s+(?:the\s+)?)?",
    re.IGNORECASE,
)
# The agent of a passive: "hit by", "carried out by"; not "a base led by", "backed by".
_AGENT_RE = re.compile(
    r"\b(?!(?:led|backed|supported|used|owned|run|controlled|followed|condemned|reported"
    r"|confirmed|announced|called|funded|armed|trained|recognized|recognised)\b)"
    r"(?:\w+ed|hit|shot|struck|carried\s+out|thrown|blown|done|set)\s+by\s+",
    re.IGNORECASE,
)
_BY_RE = re.compile(r"\sby\s", re.IGNORECASE)  # in every agent: a quick test first
_JOINERS = frozenset({"of", "and"})
_QUANTIFIERS = _words(
    """one two three four five six seven eight nine ten dozens hundreds several some many
    group groups of unknown number suspected alleged presumed"""
)
# A passive's agent further on: "was shot in the market by three armed men".
_LATE_AGENT_RE = re.compile(r"\bby\s+(?!(?:the\s+)?(?:time|way|end|side|means)\b)", re.I)
_DETERMINERS = frozenset({"the", "a", "an", "this", "these", "its", "their"})
_BETWEEN_RE = re.compile(r"\bbetween\s+", re.IGNORECASE)


def _is_actor_word(word: str) -> bool:
    lower = word.lower()
    if word in _NOT_ACTORS:
        return False
    return (
        word[:1].isupper()
        or lower in ACTOR_NOUNS
        or lower in _INNER
        or (lower.startswith(("pro-", "anti-")) and len(lower) > 4)
    )


def _phrase(words: list[str]) -> str | None:
    """Trim determiners and inner words at the edges; keep a phrase with a capital or a head."""
    while words and words[0].lower() in _DETERMINERS | _JOINERS:
        words = words[1:]
    while words and words[-1].lower() in _DETERMINERS | _JOINERS:
        words = words[:-1]
    if words and words[-1].endswith(("’s", "'s")):
        words[-1] = words[-1][:-2]  # "Iran's" alone names Iran
    if not words:
        return None
    if not any(w[:1].isupper() or w.lower() in ACTOR_NOUNS for w in words):
        return None
    return " ".join(words)


def _subject(before: str) -> str | None:
    tokens = _TOKEN_RE.findall(before)
    words: list[str] = []
    for token in reversed(tokens):
        if token in _CLAUSE_END or not _is_actor_word(token):
            break
        words.insert(0, token)
        if len(words) >= 7:
            break
    return _phrase(words)


def _object(after: str) -> str | None:
    words: list[str] = []
    tokens = _TOKEN_RE.findall(after)
    # "three armed individuals", "a group of gunmen": the count is not the actor's name.
    while tokens and (tokens[0].lower() in _DETERMINERS | _QUANTIFIERS or tokens[0].isdigit()):
        tokens = tokens[1:]
    for token in tokens:
        if token in _CLAUSE_END or not _is_actor_word(token):
            break
        words.append(token)
        if len(words) >= 7:
            break
    return _phrase(words)


# A past-tense verb of the clause: "militants attacked and killed", "soldiers fired ... and".
_PAST_VERB_RE = re.compile(
    r"\b(?:[a-z]+ed|fought|shot|struck|threw|took|set|beat|stole|hit|overran|seized|burnt)\b"
)


# Read once per event sentence: compiled once, not looked up in re's cache each time.
_PASSIVE_AUX_END_RE = re.compile(r"\b(?:was|were|been|being|is|are)\s+$", re.IGNORECASE)
_PASSIVE_BEFORE_RE = re.compile(r"\b(?:was|were|been|being)\s+(?:\w+\s+){0,2}$")
_CLAUSE_END_RE = re.compile(r"[.;:]")
# The verb group right before a trigger ("launched a series of"), skipped to reach its subject.
_VERB_GROUP_WORDS = (
    r"has|have|had|was|were|is|are|\w+ly|also|then|later|again|"
    r"launched|carried\s+out|conducted|stood\s+behind|claimed|staged|mounted|a|an|the|"
    r"series|of|wave|number|two|three|several"
)
_VERB_GROUP_END_RE = re.compile(rf"(?:\b(?:{_VERB_GROUP_WORDS})\s*)+$", re.IGNORECASE)
# Each word of such a group is one of these (its phrases cut into words): the group begins
# after the last word or mark that is not, and is searched for only from there.
_VERB_GROUP_WORD_RE = re.compile(_VERB_GROUP_WORDS.replace(r"\s+", "|"), re.IGNORECASE)
_WORD_OR_MARK_RE = re.compile(r"\w+|[^\w\s]")


def _without_verb_group(before: str) -> str:
    """``before`` without the verb group it ends with: ``_VERB_GROUP_END_RE.sub("", before)``,
    not tried at every word of a long clause."""
    start = 0
    for token in reversed(list(_WORD_OR_MARK_RE.finditer(before))):
        if not _VERB_GROUP_WORD_RE.fullmatch(token.group()):
            start = token.end()
            break
    group = _VERB_GROUP_END_RE.search(before, start)
    return before if group is None else before[: group.start()]


def _earlier_subject(before: str) -> str | None:
    """The subject of an earlier verb of the sentence, when the trigger's own subject is not
    an actor ("militants attacked the army with small arms and an IED": IED's agent)."""
    for verb in reversed(list(_PAST_VERB_RE.finditer(before))):
        head = before[: verb.start()]
        if _PASSIVE_AUX_END_RE.search(head):
            continue
        found = _subject(head)
        if found is not None:
            return found
    return None


def find_actors(
    sentence: str, trigger: int, places: Collection[str] = ()
) -> tuple[str | None, str | None]:
    """``(actor1, actor2)`` for an event whose trigger starts at ``trigger`` in ``sentence``.

    A phrase that is only a place name in ``places`` is a location, not an actor.
    """
    before, after = sentence[:trigger], sentence[trigger:]
    actor1 = None
    window = after[:80]
    by = _AGENT_RE.search(window) if _BY_RE.search(window) else None
    if by:
        actor1 = _object(after[by.end() :])
    passive = _PASSIVE_BEFORE_RE.search(before) is not None
    if actor1 is None and passive:
        clause = _CLAUSE_END_RE.split(after[:160], maxsplit=1)[0]
        late = _LATE_AGENT_RE.search(clause)
        if late:
            actor1 = _object(clause[late.end() :])
    if actor1 is None and not passive:
        # The subject, skipping the verb group right before the trigger ("launched a series
        # of"). A passive's subject is its victim ("two men were killed"): no agent there.
        head = _without_verb_group(before)
        actor1 = _subject(head) or _earlier_subject(before)
    target = _TARGET_RE.search(after[:120])
    actor2 = _object(after[target.end() :]) if target else None
    # "fighting broke out between the army and rebels": both sides after the trigger.
    between = _BETWEEN_RE.search(after[:80])
    if between:
        first, _, second = after[between.end() :].partition(" and ")
        actor1 = actor1 or _object(first)
        actor2 = _object(second) or actor2
    # "strikes on Kabul", "attack at the Ain al-Asad base": a place after "on"/"at" is where.
    if target and target.group().split()[0].lower() in ("on", "at") and _is_place(actor2, places):
        actor2 = None
    return actor1, (None if actor2 == actor1 else actor2)


def _is_place(phrase: str | None, places: Collection[str]) -> bool:
    """A phrase inside a place name ("Ain" of "Ain al-Asad") or equal to one."""
    return phrase is not None and any(phrase in p for p in places)
