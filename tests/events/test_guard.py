"""The guarded patterns find exactly what the event vocabulary's own patterns find."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap.events import codebook, dates, detect, locate, numbers
from geomap.events import vocabulary as v
from geomap.events.guard import (
    _CASE_EXTRAS,
    begins_words,
    guarded,
    match_prefixes,
    may_match,
    quick_search,
    required_words,
    tail_search,
)

_PATTERNS = {
    f"{module.__name__}.{name}": pattern
    for module in (v, numbers, dates, locate, detect, codebook)
    for name, pattern in vars(module).items()
    if isinstance(pattern, re.Pattern) and guarded(pattern) is not pattern
}
# Words of the kind the patterns read, in any case, with digits, punctuation and other scripts.
_SAMPLE = (
    "rockets struck hit the a an at least 25 three were killed injured no one was died on March "
    "11 2020 near north of Baghdad Kirkuk region air strikes ﬁghters Kıll ſhelled \u212aILLED "
    "troops, said; yesterday border between and - – Mr. (Taji) death toll rose to 12 fatalities "
    "in retaliation for protesters gathered 10-12 civilians Ａ １２"
)
_WORDS = st.sampled_from(_SAMPLE.split())
_TEXTS = st.lists(st.tuples(_WORDS, st.sampled_from([" ", " ", ", ", ". ", "\n", ""])))


@pytest.mark.parametrize("name", sorted(_PATTERNS))
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=_TEXTS, cut=st.integers(0, 40))
def test_guarded_pattern_finds_the_same_matches(name: str, pieces, cut: int) -> None:
    pattern = _PATTERNS[name]
    text = "".join(word + sep for word, sep in pieces)
    fast = guarded(pattern)
    for pos, endpos in ((0, len(text)), (min(cut, len(text)), max(len(text) - cut, 0))):
        expected = [
            (m.span(), m.groupdict(), m.lastgroup) for m in pattern.finditer(text, pos, endpos)
        ]
        found = [(m.span(), m.groupdict(), m.lastgroup) for m in fast.finditer(text, pos, endpos)]
        assert found == expected


def test_trigger_and_date_patterns_are_guarded() -> None:
    """The two patterns that cost most are the ones a guard must speed up."""
    assert guarded(v.TRIGGER_RE) is not v.TRIGGER_RE
    assert guarded(dates._DATE_RE) is not dates._DATE_RE


def test_prefixes_of_an_alternation_of_phrases() -> None:
    pattern = re.compile(r"\b(?:(?:at least )?\d+ killed|air ?strikes?)\b", re.IGNORECASE)
    assert match_prefixes(pattern) == {"at l", "0 ki", "00 k", "000 ", "0000", "airs", "air "}


def test_a_pattern_that_may_begin_with_anything_is_left_alone() -> None:
    for source in (r"\w+ed", r"(?:x)?", r"[^,]+ killed", r"(?i)\b(?:killed|died)"):
        pattern = re.compile(source)
        guarded_pattern = guarded(pattern)
        assert guarded_pattern.findall("He was killed; she died.") == pattern.findall(
            "He was killed; she died."
        )


def test_case_extras_hold_every_character_an_ascii_letter_matches_ignoring_case() -> None:
    """The guard spells letters as classes ("[kK]"): it must hold each character ``re`` takes
    for that letter when ignoring case, or it would reject text the pattern accepts."""
    beyond_ascii = "".join(map(chr, range(128, 0x110000)))
    for char in set(re.findall("(?i)[a-z]", beyond_ascii)):
        letters = [c for c in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(f"(?i){c}", char)]
        assert letters and all(char in _CASE_EXTRAS.get(c, "") for c in letters), char


# A scan run only where a quick test passes: the test must pass wherever the scan finds a match.
_TESTED_SCANS = {
    "counts": (numbers._COUNT_THEN_VERB, numbers._MAY_NAME_HARM),
    "one victim": (numbers._ONE, numbers._MAY_NAME_HARM),
    "toll": (numbers._TOLL, numbers._MAY_NAME_TOLL),
    **{name: (pattern, may_match(pattern)) for name, pattern in _PATTERNS.items()},
    **{f"weapon {sub}": (pattern, may_match(pattern)) for sub, pattern in v.WEAPON_CUES},
}
_HARM_WORDS = st.sampled_from(
    [*_SAMPLE.split(), "KİLLED", "wounded", "ſlain", "a", "toll", "of", "IED", "Mortars", "F-16s"]
)


@pytest.mark.parametrize("name", sorted(_TESTED_SCANS))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=st.lists(st.tuples(_HARM_WORDS, st.sampled_from([" ", " ", ", ", ". ", "\n"]))))
def test_quick_test_passes_every_text_the_scan_matches(name: str, pieces) -> None:
    pattern, test = _TESTED_SCANS[name]
    text = "".join(word + sep for word, sep in pieces)
    if pattern.search(text):
        assert test(text), text


def test_quick_test_refuses_text_without_any_beginning_of_a_match() -> None:
    pattern = re.compile(r"\b(?:killed|died|toll)\b", re.IGNORECASE)
    test = may_match(pattern)
    assert not test("Rockets hit the base near the town on Monday.")
    # Any case, and the letters re takes for ASCII ones when ignoring case.
    for text in ("Two were KILLED.", "KİLLED", "kılled", "\u212aILLED", "the toll", "dİed"):
        assert pattern.search(text) and test(text), text
    # A match that may begin anywhere and holds no word of its own: every text passes.
    assert may_match(re.compile(r"\d+\s+\w+"))("no number here")


def test_quick_test_looks_for_a_word_inside_every_match() -> None:
    """A match that begins with a common word ("in") is looked for by a rarer one it holds."""
    pattern = re.compile(r"\bin\s+(?:retaliation|revenge)\s+for\b|\bto\s+avenge\b", re.I)
    assert required_words(pattern) == {"retaliation", "revenge", "avenge"}
    test = may_match(pattern)
    assert not test("The talks were held in Geneva in early May.")
    for text in (
        "Troops shelled the village IN REVENGE FOR the raid.",
        "They struck back in retal\u0130ation for it.",
    ):
        assert pattern.search(text) and test(text), text


def test_quick_search_finds_what_the_pattern_finds() -> None:
    pattern = re.compile(r"\b(?:the|a)\s+(?:cause|reason)\s+of\b", re.IGNORECASE)
    search = quick_search(pattern)
    for text in ("He called the death the cause of the strike.", "A reason of state.", "The end."):
        expected = pattern.search(text)
        found = search(text)
        assert (found and found.span()) == (expected and expected.span()), text


_TAIL_WORDS = st.sampled_from([*_SAMPLE.split(), "could", "Could", "if", "may", "May", "\n"])


@settings(max_examples=200, deadline=None)
@given(pieces=st.lists(st.tuples(_TAIL_WORDS, st.sampled_from([" ", ", ", ". ", "\n", ""]))))
def test_tail_search_finds_what_an_end_anchored_pattern_finds(pieces) -> None:
    """A clause before a trigger is searched only in its last characters: the same match."""
    text = "".join(word + sep for word, sep in pieces)
    expected = v.BLOCK_BEFORE_RE.search(text)
    found = tail_search(v.BLOCK_BEFORE_RE)(text)
    assert (found and found.span()) == (expected and expected.span()), text


def test_tail_search_of_a_pattern_not_anchored_at_the_end_searches_everything() -> None:
    pattern = re.compile(r"\b(?:could|might) attack\b")
    assert tail_search(pattern)("Rebels could attack the town, officials said.") is not None


def test_a_pattern_whose_matches_begin_words_is_told_from_one_that_may_begin_inside() -> None:
    assert begins_words(re.compile(r"\b(?:an? )?(?:bomb|IED)s?\b", re.IGNORECASE))
    assert begins_words(dates._DATE_RE, 8)
    assert not begins_words(re.compile(r"(?:bomb|IED)s?\b"))  # "carbombs" holds a match
    assert not begins_words(re.compile(r"\b(?:-|bomb)"))  # "-" begins no word
