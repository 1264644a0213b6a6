"""A large alternation of phrases scanned for its matches, sooner than its guard alone finds them.

:func:`geomap.events.guard.guarded` spares the engine most positions, but still enters it at
every word to read the guard, and where the guard passes it tries each of the pattern's
hundreds of phrases in turn (ignoring case, the engine cannot skip a phrase by its first
letter). :class:`PhraseScan` finds the same matches in two steps:

1. the positions where a match may begin are searched in the lower-cased text by a
   case-sensitive tree of the pattern's beginnings (:func:`~geomap.events.guard.match_prefixes`):
   the engine skips, in C, from one letter that may begin one to the next;
2. at each, the pattern is tried cut down to the phrases that may begin with that position's
   character: a branch of an alternation at the front of the pattern that cannot begin with
   it cannot match there, so dropping it changes no match (one holding groups stays, behind a
   test that always fails, so that every group keeps its number and name).

Examples
--------
>>> pattern = re.compile(r"(?P<hit>\\b(?:rockets? hit|shelled)\\b)|(?P<raid>\\braids?\\b)", re.I)
>>> [(m.group(), m.lastgroup) for m in PhraseScan(pattern).finditer("Rockets hit; a raid.")]
[('Rockets hit', 'hit'), ('raid', 'raid')]
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from geomap.events.guard import (
    begins_words,
    first_characters,
    guarded,
    match_prefixes,
    prefix_tree,
    source_digest,
)
from geomap.regex_cache import compiled, remembered

# CPython's own parser of patterns (private, the same since 3.11): a pattern's shortest match.
_parser: Any = importlib.import_module("re._parser")

__all__ = ["PhraseScan"]

# Lower-casing keeps every character's offset but for "İ" (two characters). Nor does it turn
# "ı" and "ſ" into the "i" and "s" ``re`` takes them for when ignoring case, and the tree of
# beginnings names digits and spaces in ASCII only: a text holding any of these (rare in news)
# is scanned as before.
_UNFOLDED_RE = re.compile(r"[\u0131\u017f]|(?![\x00-\x7f])[\d\s]")
_DIGITS = "0123456789"
_SPACES = " \t\n\r\f\v\x1c\x1d\x1e\x1f"  # what ``\s`` matches in ASCII
_SPELLED = {"0": r"\d", " ": r"\s"}


# The cut patterns kept across processes (regex_cache) are keyed by this module's digest.
_VERSION = source_digest(__file__)


class PhraseScan:
    """``pattern.finditer`` (same matches, same groups), for a pattern that never matches an
    empty string; a pattern whose matches may begin anywhere is scanned as it is."""

    def __init__(self, pattern: re.Pattern[str], width: int = 4) -> None:
        self.pattern = pattern
        self._guarded = guarded(pattern, width)
        prefixes = match_prefixes(pattern, width)
        cut = prefixes and not _has_free_flags(pattern) and _never_empty(pattern)
        key = ("phrase scan finder", _VERSION, pattern.pattern, pattern.flags, width)
        finder: str | None = remembered(
            key,
            lambda: _finder(prefixes, begins_words(pattern, width)) if prefixes and cut else None,
        )
        self._finder = compiled(finder) if finder is not None else None
        self._branches: dict[str, re.Pattern[str]] = {}

    def finditer(
        self, text: str, pos: int = 0, endpos: int | None = None
    ) -> Iterator[re.Match[str]]:
        """The matches of the pattern in ``text[pos:endpos]``, left to right, not overlapping."""
        end = len(text) if endpos is None else min(endpos, len(text))
        # Only the span is lowered and searched (a sentence of a whole document, for dates):
        # at its first character the finder cannot see the one before, so it may offer a
        # position more, which the pattern's own match refuses.
        base = max(pos, 0)
        lowered = text[base:end].lower()
        if (
            self._finder is None
            or len(lowered) != max(end - base, 0)
            or (not lowered.isascii() and _UNFOLDED_RE.search(lowered))
        ):
            yield from self._guarded.finditer(text, pos, end)
            return
        find = self._finder.search
        branches = self._branches
        at = 0
        while (candidate := find(lowered, at)) is not None:
            at = candidate.start()
            first = lowered[at]
            branch = branches.get(first)
            if branch is None:
                branch = branches[first] = self._branch(first)
            found = branch.match(text, base + at, end)
            if found is None:
                at += 1
            else:
                yield found
                at = found.end() - base

    def _branch(self, first: str) -> re.Pattern[str]:
        """The pattern without the phrases that cannot begin with ``first`` (lower-cased)."""
        key = ("phrase scan", _VERSION, self.pattern.pattern, self.pattern.flags, first)
        flags = self.pattern.flags
        source: str = remembered(
            key,
            lambda: (
                _pruned(self.pattern.pattern, flags, _begins_with(first, flags))
                or "(?!)" + self.pattern.pattern
            ),
        )
        return compiled(source, flags)


def _has_free_flags(pattern: re.Pattern[str]) -> bool:
    """Global inline flags, verbose syntax or comments: the source is not cut into branches."""
    return (
        bool(pattern.flags & re.VERBOSE)
        or re.match(r"\(\?[aiLmsux]+\)", pattern.pattern) is not None
        or "(?#" in pattern.pattern
    )


def _never_empty(pattern: re.Pattern[str]) -> bool:
    """Every match reads a character: the scan goes on from each match's end. (Parsing a long
    pattern is slow: the answer is kept across processes.)"""
    key = ("phrase scan never empty", _VERSION, pattern.pattern, pattern.flags)
    return bool(
        remembered(key, lambda: _parser.parse(pattern.pattern, pattern.flags).getwidth()[0] > 0)
    )


def _finder(prefixes: frozenset[str], at_word: bool) -> str:
    """A case-sensitive expression of the lower-cased ``prefixes`` as a tree, whose first
    level is plain characters: the engine looks, in C, only at characters that begin one.

    When every match begins a word, a position after a letter, digit or "_" is refused before
    the tree is tried: one test instead of a try of each first letter's branch at every letter
    inside a word. (A character that lower-cases to one of those is a word character: the
    pattern's own ``\\b`` would refuse the position too.)"""
    branches = []
    for char, rest in prefix_tree(prefixes).items():
        firsts = _DIGITS if char == "0" else _SPACES if char == " " else char
        branches += [re.escape(first) + _tree(rest) for first in firsts]
    tree = "|".join(branches)
    return f"(?<![a-z0-9_])(?:{tree})" if at_word else tree


def _tree(tree: dict) -> str:
    branches = [(_SPELLED.get(c) or re.escape(c)) + _tree(rest) for c, rest in tree.items()]
    if not branches:
        return ""
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _begins_with(first: str, flags: int) -> Callable[[str], bool]:
    """Whether a branch (its source) may begin with the lower-cased character ``first``."""
    # A branch's first characters write a digit "0" and a space " " (as prefixes do).
    keys = {first} | ({"0"} if first in _DIGITS else set()) | ({" "} if first in _SPACES else set())

    def test(source: str) -> bool:
        firsts = _branch_firsts(source, flags)
        return firsts is None or not firsts.isdisjoint(keys)

    return test


@lru_cache(maxsize=4096)
def _branch_firsts(source: str, flags: int) -> frozenset[str] | None:
    """A branch's :func:`~geomap.events.guard.first_characters`, read once for every character
    the pattern is cut for; None (may begin with anything) for one that does not stand alone
    (a back-reference)."""
    try:
        return first_characters(re.compile(source, flags))
    except re.error:
        return None


def _pruned(source: str, flags: int, may_begin: Callable[[str], bool]) -> str | None:
    """``source`` without the branches of its front alternations that ``may_begin`` refuses;
    None when none is left. A refused branch that holds groups stays, behind a test that always
    fails: the groups keep their numbers and names."""
    kept = []
    alive = False
    for branch in _split(source):
        inner = _pruned_front(branch, flags, may_begin) if may_begin(branch) else None
        if inner is not None:
            kept.append(inner)
            alive = True
        elif _holds_groups(branch, flags):
            kept.append("(?!)" + branch)
    return "|".join(kept) if alive else None


def _holds_groups(source: str, flags: int) -> bool:
    try:
        return re.compile(source, flags).groups > 0
    except re.error:  # a branch that does not stand alone: kept, as it may hold some
        return True


def _pruned_front(branch: str, flags: int, may_begin: Callable[[str], bool]) -> str | None:
    """``branch`` with the group it begins with (after zero-width tests such as ``\\b``)
    pruned in turn, unless a repeat follows the group (it may then be skipped)."""
    at = 0
    while True:
        if branch.startswith(("\\b", "\\B", "\\A"), at):
            at += 2
        elif branch.startswith(("(?=", "(?!", "(?<=", "(?<!"), at):
            at = _group_end(branch, at)
        else:
            break
    if not branch.startswith("(", at) or branch.startswith("(?#", at):
        return branch
    close = _group_end(branch, at)
    if close < len(branch) and branch[close] in "?*+{":
        return branch
    opener = re.match(r"\((?:\?:|\?P<\w+>|\?[aiLmsux-]+:|(?!\?))", branch[at:])
    if opener is None:
        return branch
    body_start = at + opener.end()
    body = _pruned(branch[body_start : close - 1], flags, may_begin)
    if body is None:
        return None
    return branch[:body_start] + body + branch[close - 1 :]


def _group_end(source: str, at: int) -> int:
    """The offset just past the group that opens at ``source[at]``."""
    depth = 0
    for i, char in _marks(source, at):
        depth += 1 if char == "(" else -1 if char == ")" else 0
        if depth == 0:
            return i + 1
    raise ValueError(f"unbalanced group in {source!r}")


def _split(source: str) -> list[str]:
    """The branches of the alternation at the top of ``source``."""
    branches = []
    depth = last = 0
    for i, char in _marks(source, 0):
        depth += 1 if char == "(" else -1 if char == ")" else 0
        if char == "|" and depth == 0:
            branches.append(source[last:i])
            last = i + 1
    branches.append(source[last:])
    return branches


def _marks(source: str, at: int) -> Iterator[tuple[int, str]]:
    """The brackets and bars of ``source`` from ``at`` on, with their offsets: not escaped,
    not inside a character class."""
    i = at
    while i < len(source):
        char = source[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = _class_end(source, i)
            continue
        if char in "()|":
            yield i, char
        i += 1


def _class_end(source: str, at: int) -> int:
    """The offset just past the character class that opens at ``source[at]``."""
    i = at + 1
    if source.startswith("^", i):
        i += 1
    if source.startswith("]", i):
        i += 1
    while source[i] != "]":
        i += 2 if source[i] == "\\" else 1
    return i + 1
