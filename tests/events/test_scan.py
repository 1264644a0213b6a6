"""A phrase scan finds exactly the matches (and groups) of the pattern it scans for."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap.events import dates
from geomap.events import vocabulary as v
from geomap.events.scan import PhraseScan

_PATTERNS = {
    "triggers": (v.TRIGGER_RE, 10),
    # Groups in branches cut away, an optional group in front, a look-behind, a class.
    "groups": (
        re.compile(
            r"(?P<a>\b(?:rockets? (?P<verb>hit|struck)|(?<!was )fired at)\b)"
            r"|(?P<b>\b(?:the )?(?:[0-9]+|two) (?:killed|dead)\b)|(shelled)",
            re.IGNORECASE,
        ),
        4,
    ),
    "case-sensitive": (re.compile(r"\b(?:May \d+|Kill(?:ed)?|(?i:s)hot)\b"), 4),
    "dates": (dates._DATE_RE, 8),
}
# Words in any case, the Kelvin sign ``re`` takes for "k" (lower-cased to "k"), and phrases
# glued to the end of a word (no match begins inside a word).
_SAMPLE = (
    "rockets Rockets ROCKETS hit struck was fired at the two 12 killed dead shelled May May "
    "KILLED Kill \u212aILLED Shot roc\u212aets , . the xrockets _shelled \xe9shot 9killed "
    "\u212aShot March 11 on Sunday 2020-03-11 yesterday"
)
_WORDS = _SAMPLE.split()
# Digits and spaces beyond ASCII, and letters ``re`` takes for ASCII ones that ``lower()``
# leaves as they are (or lengthens): such a text is scanned the old way.
_RARE_SAMPLE = "١٢ ſhelled ſhot İt ıt \xa0"
_RARE = _RARE_SAMPLE.split(" ")
_TEXTS = st.lists(
    st.tuples(st.sampled_from(_WORDS), st.sampled_from([" ", " ", ", ", "\n"]))
) | st.lists(st.tuples(st.sampled_from(_WORDS + _RARE), st.sampled_from([" ", "\xa0"])))


def _found(matches) -> list:
    return [(m.span(), m.groupdict(), m.groups(), m.lastgroup, m.lastindex) for m in matches]


@pytest.mark.parametrize("name", sorted(_PATTERNS))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=_TEXTS, cut=st.integers(0, 30))
def test_phrase_scan_finds_the_patterns_matches(name: str, pieces, cut: int) -> None:
    pattern, width = _PATTERNS[name]
    text = "".join(word + sep for word, sep in pieces)
    scan = PhraseScan(pattern, width)
    for pos, endpos in ((0, len(text)), (min(cut, len(text)), max(len(text) - cut, 0))):
        expected = _found(pattern.finditer(text, pos, endpos))
        assert _found(scan.finditer(text, pos, endpos)) == expected, text


def test_phrase_scan_reads_a_sentence_as_the_pattern_does() -> None:
    pattern, width = _PATTERNS["groups"]
    text = "Two rockets HIT the base; gunners fired at it and 12 killed, the shell was fired at."
    found = [(m.group(), m.lastgroup) for m in PhraseScan(pattern, width).finditer(text)]
    assert found == [("rockets HIT", "a"), ("fired at", "a"), ("12 killed", "b")]


def test_a_pattern_that_may_begin_anywhere_is_scanned_as_it_is() -> None:
    pattern = re.compile(r"\w+ed\b")
    text = "He walked and talked."
    assert _found(PhraseScan(pattern).finditer(text)) == _found(pattern.finditer(text))
