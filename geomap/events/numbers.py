"""Numbers written as digits or words, and the fatalities and injuries a sentence reports.

Vague quantities follow ACLED's published convention ("Fatalities", ACLED FAQ, 2023): "tens"
→ 10, "dozens" → 12, "hundreds" → 100, "thousands" → 1000; a range ("between 10 and 12",
"10 to 12", "10-12") → its lower bound, ACLED's most conservative estimate; "at least 25",
"more than 25", "about 25" → 25. "Several", "many", "scores" → unknown (``None``).

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
"""

from __future__ import annotations

import re
from typing import NamedTuple

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

_WORD_NUMBER = (
    r"(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine)\s+)?(?:hundred|thousand)"
    r"(?:\s+(?:and\s+)?[a-z]+(?:-[a-z]+)?)?"
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
_NUMBER_RE = re.compile(rf"^(?:{NUMBER})$", re.IGNORECASE)
_QUALIFIER = r"(?:(?:at\s+least|more\s+than|over|about|around|some|nearly|almost|roughly|up\s+to"
_QUALIFIER += r"|approximately|an\s+estimated|as\s+many\s+as|all)\s+)?"


def parse_number(text: str) -> int | None:
    """The value of a number written in digits or English words; a range gives its lower bound.

    >>> parse_number("one hundred and nine"), parse_number("between 10 and 12"), parse_number("x")
    (109, 10, None)
    """
    text = text.strip().lower().replace("–", "-")
    between = re.match(r"between\s+(.+?)\s+and\s+(.+)$", text)
    if between:
        return _single(between[1])
    # "10-12", "10 to 12", "ten or twelve"; but "twenty-six" is one number.
    low = re.split(r"\s*(?:(?<=\d)\s*-\s*(?=\d)|\bto\b|\bor\b)\s*", text, maxsplit=1)
    if len(low) == 2 and _single(low[1]) is not None:
        text = low[0]
    return _single(text)


def _single(text: str) -> int | None:
    text = text.strip()
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", text):
        return int(text.replace(",", ""))
    if text in _VAGUE:
        return _VAGUE[text]
    total, current = 0, 0
    words = re.split(r"[\s-]+", text.replace(" of", ""))
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


_KILLED = r"(?:killed|dead|died|slain|massacred|executed|lost\s+their\s+lives|perished)"
_INJURED = r"(?:injured|wounded|hurt|injuries|wounds|concussions?|hospitali[sz]ed"
_INJURED += r"|treated\s+for\s+injuries)"
_BE = r"(?:(?:were|was|have\s+been|has\s+been|had\s+been|are|is|got)\s+)?(?:(?:seriously|"
_BE += r"critically|badly|slightly|lightly|reportedly|also)\s+)?"
# A noun phrase of victims after the number: "Kataib Hezbollah fighters", "US troops".
_VICTIMS = r"(?:[\w’'-]+\s+){0,5}?"
# "25 fighters were killed", "55 injured", "two people died", "three dead".
_COUNT_THEN_VERB = re.compile(
    rf"\b{_QUALIFIER}(?P<n>{NUMBER})\s+{_VICTIMS}{_BE}(?P<verb>{_KILLED}|{_INJURED})\b",
    re.IGNORECASE,
)
# "killed two Americans and one British soldier", "wounding 12", "the death of an officer".
_VERB_THEN_COUNTS = re.compile(
    rf"\b(?P<verb>killed|killing|kills|wounded|wounding|injured|injuring|(?:the\s+)?deaths?\s+of"
    rf"|claimed\s+the\s+lives\s+of|left)\s+(?P<list>{_QUALIFIER}(?:{NUMBER}|an?)\b[^.;:]*)",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(
    rf"(?:\s*(?:,|and|as\s+well\s+as)?\s*){_QUALIFIER}(?P<n>{NUMBER}|an?)"
    rf"(?:\s+(?P<noun>(?:[\w’'-]+\s+){{0,3}}?[\w’'-]+))?"
    rf"(?=\s*(?:,|\band\b|\bas\s+well\b|$|[^\w\s]|\s+(?:in|on|at|near|during"
    rf"|when|while|after|and|who|which|as)\b))",
    re.IGNORECASE,
)
# "death toll rose to 12", "12 fatalities".
_TOLL = re.compile(
    rf"\b(?:death\s+toll|toll)\s+(?:\w+\s+){{0,3}}?(?:to|of|at|reached)\s+{_QUALIFIER}"
    rf"(?P<n>{NUMBER})\b|\b{_QUALIFIER}(?P<m>{NUMBER})\s+(?:fatalities|deaths|casualties)\b",
    re.IGNORECASE,
)
# "no one was killed", "not a single member ... was injured", "no casualties".
_ZERO = re.compile(
    rf"\b(?:no\s+one|nobody|none|not\s+a\s+single\s+[\w\s’'-]{{0,60}}?|no\s+\w+)\s+{_BE}"
    rf"(?:(?P<k>{_KILLED})|(?P<i>{_INJURED}))\b"
    r"|\b(?:no|without)\s+(?:(?P<c>casualties)|(?P<kk>deaths|fatalities)|(?P<ii>injuries))\b",
    re.IGNORECASE,
)
# "was killed", "died" with a singular subject and no number: one person.
_ONE = re.compile(
    r"(?:\b(?:was|has\s+been|had\s+been)\s+(?:\w+\s+)?(?P<k>killed|shot\s+dead|slain|assassinated)"
    r"|\b(?P<i>was\s+(?:\w+\s+)?(?:injured|wounded|hurt))"
    r"|(?<![sS]\s)(?<=\w\s)(?P<d>died)\b)",
)


def casualties(sentence: str) -> Casualties:
    """The fatalities and injuries ``sentence`` reports, summing listed groups of victims."""
    killed: list[int] = []
    injured: list[int] = []
    taken: list[tuple[int, int]] = []

    def add(value: int | None, verb: str, span: tuple[int, int]) -> None:
        if value is None or any(s < span[1] and span[0] < e for s, e in taken):
            return
        taken.append(span)
        is_injury = re.match(_INJURED + r"|wound|injur", verb, re.IGNORECASE) is not None
        (injured if is_injury else killed).append(value)

    for m in _ZERO.finditer(sentence):
        taken.append(m.span())
        if m["k"] or m["kk"] or m["c"]:
            killed.append(0)
        if m["i"] or m["ii"] or m["c"]:
            injured.append(0)
    pos = 0
    while (m := _VERB_THEN_COUNTS.search(sentence, pos)) is not None:
        total, used = _list_total(m["list"])
        end = m.start("list") + used
        if total is not None:
            add(total, m["verb"], (m.start(), end))
        pos = max(end, m.start("list"))
    for m in _COUNT_THEN_VERB.finditer(sentence):
        add(parse_number(m["n"]), m["verb"], m.span())
    for m in _TOLL.finditer(sentence):
        add(parse_number(m["n"] or m["m"]), "killed", m.span())
    if not killed or not injured:
        for m in _ONE.finditer(sentence):
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


def _list_total(text: str) -> tuple[int | None, int]:
    """The sum of "two Americans and one British soldier" (``None`` when no count leads), and
    the length of text it read."""
    total, pos, found = 0, 0, False
    while pos < len(text):
        m = _LIST_ITEM.match(text, pos)
        if not m:
            break
        value = parse_number(m["n"])
        if value is None:
            break
        total += value
        found = True
        pos = m.end()
    return (total if found else None), pos
