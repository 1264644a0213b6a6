"""Numbers written as digits or words, and the fatalities and injuries a sentence reports.

Conventions (ACLED's "Fatalities" FAQ, 2023, where it speaks; the most conservative reading
where it does not):

* vague plurals: "tens" → 10, "dozens" → 12, "hundreds" → 100, "thousands" → 1000;
  "several", "many", "scores", "a number of" → unknown (``None``);
* a range ("between 10 and 12", "10 to 12", "10-12") → its lower bound;
* a bound or an approximation is recorded as the figure stated, the qualifier dropped:
  "at least 25", "more than 25", "over 25", "more than a hundred" → 25, 25, 25, 100 (the
  stated lower bound); "about 25", "some 25", "nearly 25", "almost 25", "up to 25" → 25 (the
  only figure given; reports round, and one fewer would be a false precision);
* groups listed with one verb are summed: "two Americans and one British soldier were
  killed", "killed five fighters and three soldiers" → 3, 8;
* a victim named or described as one person counts 1: "killed the Iranian general Qassem
  Soleimani", "killed a police officer", "the commander was killed";
* "no one", "nobody", "none of ...", "not a single ...", "no casualties" → 0; nobody hurt
  means nobody killed either.

Examples
--------
>>> parse_number("twenty-six"), parse_number("5,200"), parse_number("dozens")
(26, 5200, 12)
>>> casualties("Gunmen killed two soldiers and one police officer.")
Casualties(fatalities=3, injuries=None)
>>> casualties("At least 25 fighters were killed and about 55 injured.")
Casualties(fatalities=25, injuries=55)
>>> casualties("Not a single soldier was seriously injured.")
Casualties(fatalities=0, injuries=0)
>>> casualties("Two Malian soldiers and one French officer were killed.")
Casualties(fatalities=3, injuries=None)
"""

from __future__ import annotations

import re
from typing import NamedTuple

from geomap.events.guard import guarded, may_match
from geomap.events.vocabulary import PEOPLE_NOUNS, PERSON_NOUNS
from geomap.regex_cache import compiled

__all__ = ["NUMBER", "Casualties", "casualties", "parse_number"]

_UNITS = {
    "zero": 0, "no": 0, "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "couple": 2,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
# ACLED's codes for vague plurals.
_VAGUE = {"tens": 10, "dozens": 12, "hundreds": 100, "thousands": 1000}

# Longest first, then in alphabetical order: the same pattern in every process (a set's order
# changes with the hash seed), so that its compiled form is found in the cache.
_SMALL = "|".join(sorted(sorted(set(_UNITS) - {"no", "a", "an", "single", "couple"}), key=len,
                         reverse=True))  # fmt: skip
_TENS_WORDS = "|".join(_TENS)
_WORD_NUMBER = (
    r"(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine)\s+)?(?:hundred|thousand)"
    rf"(?:\s+(?:and\s+)?(?:(?:{_TENS_WORDS})(?:-(?:{_SMALL}))?|{_SMALL})\b)?"
    r"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four"
    r"|five|six|seven|eight|nine))?"
    r"|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|a\s+dozen|a\s+couple\s+of|tens|dozens"
    r"|hundreds|thousands"
)
#: A number in digits or words, with an optional range ("between 10 and 12", "10-12").
NUMBER = (
    rf"(?:between\s+)?(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{_WORD_NUMBER})"
    rf"(?:\s*(?:-|–|to|and|or)\s*(?:\d+|{_WORD_NUMBER})(?=\s))?"
)
_NUMBER_RE = compiled(rf"^(?:{NUMBER})$", re.IGNORECASE)
_QUALIFIER = r"(?:(?:at\s+least|more\s+than|over|about|around|some|nearly|almost|roughly|up\s+to"
_QUALIFIER += r"|approximately|an\s+estimated|as\s+many\s+as|all)\s+)?"


# Read for every count found: compiled once, not looked up in ``re``'s cache at each call.
_BETWEEN_RE = compiled(r"between\s+(.+?)\s+and\s+(.+)$")
_RANGE_RE = compiled(r"\s*(?:(?<=\d)\s*-\s*(?=\d)|\bto\b|\bor\b)\s*")
_DIGITS_RE = compiled(r"\d{1,3}(?:,\d{3})+|\d+")
_WORD_BREAK_RE = compiled(r"[\s-]+")


def parse_number(text: str) -> int | None:
    """The value of a number written in digits or English words; a range gives its lower bound.

    >>> parse_number("one hundred and nine"), parse_number("between 10 and 12"), parse_number("x")
    (109, 10, None)
    """
    text = text.strip().lower().replace("–", "-")
    between = _BETWEEN_RE.match(text)
    if between:
        return _single(between[1])
    # "10-12", "10 to 12", "ten or twelve"; but "twenty-six" is one number.
    low = _RANGE_RE.split(text, maxsplit=1)
    if len(low) == 2 and _single(low[1]) is not None:
        text = low[0]
    return _single(text)


def _single(text: str) -> int | None:
    text = text.strip()
    if _DIGITS_RE.fullmatch(text):
        return int(text.replace(",", ""))
    if text in _VAGUE:
        return _VAGUE[text]
    total, current = 0, 0
    words = _WORD_BREAK_RE.split(text.replace(" of", ""))
    if not words or words == [""]:
        return None
    for word in words:
        if word == "and":
            continue
        if word == "dozen":
            current = max(current, 1) * 12
        elif word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total, current = total + current, 0
        else:
            return None
    return total + current


class Casualties(NamedTuple):
    """Fatalities and injuries one sentence reports (``None``: not said)."""

    fatalities: int | None
    injuries: int | None


_KILLED = (
    r"(?:killed|dead|died|slain|massacred|executed|assassinated|lost\s+their\s+lives|perished)"
)
_INJURY_NOUN = r"(?:injuries|wounds|concussions?|burns|fractures)"
_INJURED = (
    r"(?:injured|wounded|hurt|injuries|wounds|concussions?|hospitali[sz]ed"
    rf"|(?:treated\s+for|suffered|sustained|received)\s+(?:[\w-]+\s+){{0,2}}?{_INJURY_NOUN})"
)
_ADVERB = (
    r"(?:seriously|critically|badly|slightly|lightly|severely|reportedly|allegedly|also|later"
    r"|subsequently|since|initially|all|both)"
)
_AUX = r"(?:were|was|have\s+been|has\s+been|had\s+been|are|is|got)\s+"
_BE = rf"(?:{_AUX})?(?:{_ADVERB}\s+){{0,2}}"
_AUX += rf"(?:{_ADVERB}\s+){{0,2}}"
_CALENDAR = (
    r"January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
)
# A noun phrase of victims after the number: "Kataib Hezbollah fighters", "US troops", "troops
# who fought and"; never over another number (each listed group has its own).
_NUMBER_WORD = rf"(?:\d|(?:{_SMALL}|{_TENS_WORDS}|hundreds?|thousands?|dozens?|tens)\b)"
_VICTIMS = rf"(?:(?!(?:or|but|while|when|after)\b|{_NUMBER_WORD}|and\s+an?\s)[\w’'-]+\s+){{0,5}}?"
# "25 fighters were killed", "55 injured", "two people died", "three dead".
# "a civilian were killed" (with an auxiliary: "a bomb killed" is no victim) ends a list.
_COUNT_THEN_VERB = compiled(
    rf"\b(?:{_QUALIFIER}(?P<n>{NUMBER})\s+{_VICTIMS}{_BE}|(?P<n1>an?)\s+{_VICTIMS}{_AUX})"
    rf"(?P<verb>{_KILLED}|{_INJURED})\b",
    re.IGNORECASE,
)
_PEOPLE = "|".join(sorted(sorted(map(re.escape, PEOPLE_NOUNS)), key=len, reverse=True))
_TITLE = "|".join(sorted(sorted(map(re.escape, PERSON_NOUNS)), key=len, reverse=True))
_CAPITAL = rf"(?-i:(?!(?:{_CALENDAR})\b)[A-Z][\w’'-]*)"
# A word inside a victim phrase: not a function word, not another casualty verb.
_FILLER = (
    r"(?:(?!(?:the|a|an|was|were|is|are|had|has|have|in|on|at|of|by|and|or|to|from|with"
    r"|when|while|after|as|during|near|that|who|which|but)\b"
    r"|(?:wound|injur|kill|hurt|abduct|kidnap|arrest|detain)\w*)[\w’'-]+\s+)"
)
# An earlier group of the same list: "[two American soldiers and] one British soldier were
# killed", "[five Malian and] three Burkinabe soldiers". It must name people (or be written
# with capitals, as nationalities are), so "[18 rockets hit the base and] two died" is not one.
_PRIOR_ITEM = compiled(
    rf"\b{_QUALIFIER}(?P<n>{NUMBER})\s+(?:{_FILLER}{{0,3}}?(?:{_PEOPLE})\b|{_CAPITAL}"
    rf"(?:\s+{_CAPITAL}){{0,2}})\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)$",
    re.IGNORECASE,
)
_PRIOR_WINDOW = 100
# "killed two Americans and one British soldier", "wounding 12", "the death of an officer",
# "killed the Iranian general Qassem Soleimani".
_VERB_THEN_COUNTS = compiled(
    r"\b(?P<verb>killed|killing|kills|assassinated|assassinating|murdered|murdering|beheaded"
    r"|shot\s+dead|gunned\s+down|wounded|wounding|injured|injuring"
    r"|(?:the\s+)?(?:deaths?|assassination)\s+of|claimed\s+the\s+lives\s+of"
    r"|left)\s+(?P<list>[^.;:]*)",
    re.IGNORECASE,
)
_ITEM_WORDS = r"in|on|at|near|during|when|while|after|and|who|which|as|with|by|from|outside|inside"
_ITEM_END = rf"(?=\s*(?:,|\band\b|\bas\s+well\b|$|[^\w\s’'-]|\s+(?:{_ITEM_WORDS})\b))"
# A person's title ends before "of": "the commander [of the brigade]".
_PERSON_END = rf"(?=\s*(?:,|\band\b|\bas\s+well\b|$|[^\w\s’'-]|\s+(?:{_ITEM_WORDS}|of)\b))"
_SEPARATOR = r"(?:\s*(?:,|and|as\s+well\s+as)?\s*)"
_LEADING_SEPARATOR = compiled(r"\s*(?:,|(?:and|or|as\s+well\s+as)\b)", re.IGNORECASE)
_LIST_ITEM = compiled(
    rf"{_SEPARATOR}{_QUALIFIER}(?P<n>{NUMBER}|an?)"
    rf"(?:\s+(?P<noun>(?:[\w’'-]+\s+){{0,3}}?[\w’'-]+"
    rf"(?:\s+of\s+(?:the\s+)?(?:[\w’'-]+\s+){{0,3}}?[\w’'-]+)?))?{_ITEM_END}",
    re.IGNORECASE,
)
_NAME = rf"(?:{_CAPITAL}|(?-i:(?:al|el|bin|ibn|abu|de|van|von|der)\b)[\w’'-]*)"
# One person without a number: "the Iranian general Qassem Soleimani", "his deputy",
# "Abu Bakr al-Baghdadi".
_PERSON_ITEM = compiled(
    rf"{_SEPARATOR}(?:(?:(?:the|a|an|his|her|their|its)\s+)?{_FILLER}{{0,3}}?(?:{_TITLE})\b"
    rf"(?:\s+{_NAME}){{0,4}}|{_CAPITAL}(?:\s+{_NAME}){{1,3}}){_PERSON_END}",
    re.IGNORECASE,
)
# "death toll rose to 12", "12 fatalities".
_TOLL_NOUNS = r"(?:fatalities|deaths|casualties)"
_TOLL = compiled(
    rf"\b(?:death\s+toll|toll)\s+(?:\w+\s+){{0,3}}?(?:to|of|at|reached)\s+{_QUALIFIER}"
    rf"(?P<n>{NUMBER})\b|\b{_QUALIFIER}(?P<m>{NUMBER})\s+{_TOLL_NOUNS}\b",
    re.IGNORECASE,
)
# "no one was killed", "nobody was hurt", "none of the passengers was injured", "not a single
# member ... was injured", "no one was killed or injured", "no casualties".
_ZERO = compiled(
    rf"\b(?:no\s+one(?:\s+else)?|nobody(?:\s+else)?|not\s+one\b[\w\s’'-]{{0,40}}?"
    rf"|none(?:\s+of\s+(?:the|them|those|us|its|their)\b[\w\s’'-]{{0,40}}?)?"
    rf"|not\s+a\s+single\s+[\w\s’'-]{{0,60}}?|no\s+\w+)\s+{_AUX}"
    rf"(?:(?P<k>{_KILLED})|(?P<i>{_INJURED}))\b"
    rf"(?:\s+(?:or|nor|and)\s+(?:(?P<k2>{_KILLED})|(?P<i2>{_INJURED}))\b)?"
    r"|\b(?:no|without)\s+(?:reports?\s+of\s+)?(?:(?P<c>casualties)|(?P<kk>deaths|fatalities)"
    r"|(?P<ii>injuries))\b",
    re.IGNORECASE,
)
# "was killed", "died" with a singular subject and no number: one person.
_ONE = compiled(
    r"(?:\b(?:was|has\s+been|had\s+been)\s+(?:\w+\s+(?:and\s+)?)?(?P<k>killed|shot\s+dead|slain"
    r"|assassinated)"
    r"|\b(?P<i>was\s+(?:\w+\s+)?(?:injured|wounded|hurt))"
    r"|(?<![sS]\s)(?<=\w\s)(?P<d>died)\b)",
)
_PASSIVE_RE = compiled(r"\b(?:were|was|been|are|is|got)\s", re.IGNORECASE)
_TRANSITIVE_RE = compiled(
    r"killed|wounded|injured|hurt|executed|massacred|assassinated|slain", re.IGNORECASE
)
_ACTIVE_OBJECT_RE = compiled(
    rf"\s+(?:(?:several|many|scores|numerous|some|at\s+least|more\s+than|the|a|an|his|her"
    rf"|their|its)\b|{_NUMBER_WORD})",
    re.IGNORECASE,
)
# The same expressions tried only where a match can begin (:mod:`geomap.events.guard`).
_ZERO_SCAN = guarded(_ZERO)
_VERB_THEN_COUNTS_SCAN = guarded(_VERB_THEN_COUNTS)
_COUNT_THEN_VERB_SCAN = guarded(_COUNT_THEN_VERB)
_TOLL_SCAN = guarded(_TOLL)
_PRIOR_ITEM_SCAN = guarded(_PRIOR_ITEM)
_ONE_SCAN = guarded(_ONE)
_STATE_RE = compiled(rf"(?:{_KILLED}|{_INJURED})\b", re.IGNORECASE)
# A word every match of _COUNT_THEN_VERB and _ONE holds, and one every match of _TOLL holds:
# a sentence without it skips those scans (most sentences name no victims), one quick test
# instead of a scan that stops at every number.
_MAY_NAME_HARM = may_match(compiled(rf"{_KILLED}|{_INJURED}", re.IGNORECASE))
_MAY_NAME_TOLL = may_match(compiled(rf"toll|{_TOLL_NOUNS}", re.IGNORECASE))
_MAY_COUNT_AFTER_VERB = may_match(_VERB_THEN_COUNTS)  # "killed", "wounding", "the death of"...
_IS_INJURY = compiled(_INJURED + r"|wound|injur", re.IGNORECASE)


def casualties(sentence: str) -> Casualties:
    """The fatalities and injuries ``sentence`` reports, summing listed groups of victims."""
    killed: list[int] = []
    injured: list[int] = []
    taken: list[tuple[int, int]] = []

    def add(value: int | None, verb: str, span: tuple[int, int]) -> None:
        if value is None or any(s < span[1] and span[0] < e for s, e in taken):
            return
        taken.append(span)
        (injured if _IS_INJURY.match(verb) else killed).append(value)

    for zero in _ZERO_SCAN.finditer(sentence):
        taken.append(zero.span())
        if zero["k"] or zero["k2"] or zero["kk"] or zero["c"]:
            killed.append(0)
        if zero["i"] or zero["i2"] or zero["ii"] or zero["c"]:
            injured.append(0)
    pos = 0
    counts_after_verb = _MAY_COUNT_AFTER_VERB(sentence)
    while counts_after_verb and (m := _VERB_THEN_COUNTS_SCAN.search(sentence, pos)) is not None:
        left = m["verb"].lower() == "left"
        total, used, state = _list_total(m["list"], people=not left)
        end = m.start("list") + used
        if total is not None and not (left and state is None):
            # "left four dead", "left 11 injured": the state after the count says which
            add(total, state if left and state else m["verb"], (m.start(), end))
        pos = max(end, m.start("list"))
    harm = _MAY_NAME_HARM(sentence)
    for m in _COUNT_THEN_VERB_SCAN.finditer(sentence) if harm else ():
        value = 1 if m["n1"] else parse_number(m["n"])
        if (
            _TRANSITIVE_RE.fullmatch(m["verb"])
            and _ACTIVE_OBJECT_RE.match(sentence, m.end())
            and not _PASSIVE_RE.search(m.group())
        ):
            continue  # "three gunmen killed several villagers": the count is the killers'
        if value is not None:
            earlier, first = _prior_total(sentence, m.start())
            add(value + earlier, m["verb"], (first, m.end()))
    for m in _TOLL_SCAN.finditer(sentence) if _MAY_NAME_TOLL(sentence) else ():
        add(parse_number(m["n"] or m["m"]), "killed", m.span())
    if harm and (not killed or not injured):
        for m in _ONE_SCAN.finditer(sentence):
            if m["i"]:
                if not injured:
                    add(1, "injured", m.span())
            elif not killed:
                add(1, "killed", m.span())
    fatalities = max(killed) if killed else None
    injuries = max(injured) if injured else None
    if fatalities is None and injuries == 0:
        fatalities = 0  # nobody hurt: nobody killed either
    return Casualties(fatalities, injuries)


def _prior_total(sentence: str, start: int) -> tuple[int, int]:
    """The victims of the groups listed right before ``start`` ("two Americans and"), and
    where the list begins."""
    total = 0
    while start > 0:
        low = max(0, start - _PRIOR_WINDOW)
        m = _PRIOR_ITEM_SCAN.search(sentence, low, start)
        value = parse_number(m["n"]) if m else None
        if m is None or value is None:
            break
        total += value
        start = m.start()
    return total, start


def _list_total(text: str, *, people: bool = True) -> tuple[int | None, int, str | None]:
    """The sum of "two Americans and one British soldier" or (with ``people``) "the general
    and his deputy" (``None`` when no count or person leads), the length of text read, and
    the state named after the first count ("four dead": "dead"), if any.

    A later count naming another state ("four dead and 11 injured") ends the list."""
    total, pos, found, state = 0, 0, False, None
    if _LEADING_SEPARATOR.match(text):
        return None, 0, None  # "killed and 30 injured": no victims of the verb itself
    while pos < len(text):
        m = _LIST_ITEM.match(text, pos)
        value = parse_number(m["n"]) if m else None
        if m is not None and value is not None:
            named = _STATE_RE.search(m["noun"] or "")
            if named and found:
                break
            if named:
                state = named.group()
        else:
            m = _PERSON_ITEM.match(text, pos) if people else None
            if m is None or m.end() == pos:
                break
            value = 1
        total += value
        found = True
        pos = m.end()
    return (total if found else None), pos, state
