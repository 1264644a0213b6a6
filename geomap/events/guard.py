"""A large regular expression made to skip, in C, the positions where no match can begin.

Python's ``re`` tries every alternative of a pattern at every position of the text. The event
vocabulary's expressions are alternations of dozens of phrases ("rockets struck", "air
strikes", "at least N killed"), so most of that work is spent where no phrase can begin.
:func:`guarded` reads a pattern's syntax tree once for the few first letters every match
begins with (:func:`match_prefixes`, up to :data:`PREFIX_CHARS` of them), and puts a
look-ahead for those in front of the pattern: the regular-expression engine rejects most
positions in that one test. The guard only states what every match already begins with, so
the guarded pattern finds exactly the pattern's matches (with the same groups); a pattern whose
matches may begin with anything is returned as it is.

Examples
--------
>>> pattern = re.compile(r"\\b(?:rockets? (?:hit|struck)|shelled)\\b", re.IGNORECASE)
>>> sorted(match_prefixes(pattern))
['rock', 'shel']
>>> [m.group() for m in guarded(pattern).finditer("Rockets hit Taji; gunners shelled it.")]
['Rockets hit', 'shelled']
>>> guarded(re.compile(r"\\w+ed")).pattern  # any letter may begin a match: as it was
'\\\\w+ed'
"""

from __future__ import annotations

import hashlib
import importlib
import re
from collections.abc import Callable
from typing import Any

from geomap.regex_cache import compiled, remembered

# CPython's own parser of patterns (private, the same since 3.11): the syntax tree to read.
parser: Any = importlib.import_module("re._parser")

__all__ = [
    "PREFIX_CHARS",
    "begins_words",
    "first_characters",
    "guarded",
    "match_prefixes",
    "may_match",
    "prefix_tree",
    "quick_search",
    "required_words",
    "source_digest",
    "tail_search",
]

#: Characters of each prefix: four tell most words of a text from the phrases' first words.
PREFIX_CHARS = 4
_MAX_PREFIXES = 5_000  # more would make the guard itself slow: the pattern stays as it is
_MAX_CLASS = 12  # a character class wider than this ends a prefix ("[a-z]")
_MAX_DEPTH = 400  # deeper is a pattern too intricate to read: it stays as it is
_REPEATS = (parser.MAX_REPEAT, parser.MIN_REPEAT, parser.POSSESSIVE_REPEAT)
# A class's digits and spaces are written "0" and " " in prefixes, and ``\d`` and ``\s`` in
# the guard: one prefix for "[0-3]?\d", not forty.
_FOLD = str.maketrans("0123456789\t\n\r\f\v", "0000000000     ")
_CATEGORIES = {parser.CATEGORY_DIGIT: "0", parser.CATEGORY_SPACE: " "}
_GUARD_CHARS = {"0": r"\d", " ": r"\s"}
# The guard spells letters as classes ("[kK]": the engine skips a class that fails at once),
# so it must hold the letters beyond ASCII that ``re`` takes for an ASCII one when ignoring
# case: "İ", "ı", "ſ" and the Kelvin sign (a test checks the list against every code point).
_CASE_EXTRAS = {"i": "\u0130\u0131", "s": "\u017f", "k": "\u212a"}
# Of those, the ones ``lower()`` does not turn into their ASCII letter: a text holding one
# passes :func:`may_match`'s test (its scan decides).
_LOWER_MISSES_RE = re.compile(
    "[" + "".join(c for a, cs in _CASE_EXTRAS.items() for c in cs if c.lower() != a) + "]"
)
# Up to this many words, ``in`` (a search in C per word) beats one expression of them all,
# which enters the engine at each letter that may begin one.
_FEW_WORDS = 32
_MARKS_RE = re.compile("[0 ]")  # a digit or a space in a prefix: where its literal text ends
_ONE_MORE = object()  # after a repeat's body: another turn, unless that one read nothing


def source_digest(path: str) -> str:
    """A module's own text (at ``path``), digested: what it keeps across processes
    (regex_cache) is keyed by it, so that a changed way of reading patterns never reuses an
    older answer."""
    try:
        with open(path, "rb") as source:
            return hashlib.sha256(source.read()).hexdigest()[:16]
    except OSError:  # no source beside the code: keep nothing from another version
        return f"unread-{id(_ONE_MORE)}"


_VERSION = source_digest(__file__)


class _Unbounded(Exception):
    """A match may begin with anything."""


def match_prefixes(pattern: re.Pattern[str], width: int = PREFIX_CHARS) -> frozenset[str] | None:
    """Lower-case strings of at most ``width`` characters, one of which begins every match of
    ``pattern`` (compared case-insensitively; "0" stands for a digit, " " for a space), or
    None when a match may begin with anything (``\\w``, a wide class, nothing at all).

    A prefix is shorter than ``width`` where the pattern ends or the tree names no few
    characters (a letter outside ASCII, a ``\\w``, a wide class).

    >>> sorted(match_prefixes(re.compile(r"\\b(?:an? )?(?:bomb|IED)s?\\b", re.I), 3))
    ['a b', 'a i', 'an ', 'bom', 'ied']
    """
    return _analyse(pattern, width)[0]


def begins_words(pattern: re.Pattern[str], width: int = PREFIX_CHARS) -> bool:
    """Whether every match of ``pattern`` begins a word: a ``\\b`` before a first letter that is
    a word's (read with :func:`match_prefixes`).

    >>> begins_words(re.compile(r"\\b(?:raids?|shelled)\\b")), begins_words(re.compile("ed\\b"))
    (True, False)
    """
    return _analyse(pattern, width)[1]


def first_characters(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """:func:`match_prefixes` of one character, read afresh: for the many small patterns read
    once (the branches :mod:`geomap.events.scan` cuts), not worth keeping across processes."""
    return _read_tree(pattern, 1)[0]


def _analyse(pattern: re.Pattern[str], width: int) -> tuple[frozenset[str] | None, bool]:
    """:func:`match_prefixes`, and whether every match begins a word (after a ``\\b``); read
    once per interpreter (:func:`~geomap.regex_cache.remembered`): the tree walk is slow."""
    key = ("guard prefixes", _VERSION, pattern.pattern, pattern.flags, width)
    return remembered(key, lambda: _read_tree(pattern, width))  # type: ignore[no-any-return]


def _read_tree(pattern: re.Pattern[str], width: int) -> tuple[frozenset[str] | None, bool]:
    found: set[str] = set()
    loose = False  # some match may begin inside a word (no "\\b" before its first letter)

    def end(prefix: str) -> None:
        if not prefix:
            raise _Unbounded
        found.add(prefix)
        if len(found) > _MAX_PREFIXES:
            raise _Unbounded

    def walk(items: list, prefix: str, depth: int, at_word: bool = False) -> None:
        nonlocal loose
        if len(prefix) >= width or (not items and prefix):
            end(prefix)
            return
        if not items or depth > _MAX_DEPTH:
            raise _Unbounded  # a match may be empty, or the pattern is too intricate
        (op, av), rest = items[0], items[1:]
        if op is parser.LITERAL:
            char = chr(av)
            if not prefix and not (at_word and (char.isalnum() or char == "_")):
                loose = True
            if char.isascii():
                walk(rest, prefix + char.lower().translate(_FOLD), depth + 1, at_word)
            else:
                end(prefix)  # case folding beyond ASCII is not ``lower()``: stop here
        elif op is parser.IN:
            chars = _class_chars(av)
            if chars is None:
                end(prefix)
            else:
                if not prefix and not (at_word and all(c.isalnum() for c in chars)):
                    loose = True
                for char in chars:
                    walk(rest, prefix + char, depth + 1, at_word)
        elif op is parser.BRANCH:
            for alternative in av[1]:
                walk([*alternative, *rest], prefix, depth + 1, at_word)
        elif op is parser.SUBPATTERN:
            walk([*av[3], *rest], prefix, depth + 1, at_word)
        elif op is parser.ATOMIC_GROUP:
            walk([*av, *rest], prefix, depth + 1, at_word)
        elif op in _REPEATS:
            low, high, body = av
            if low == 0:
                walk(rest, prefix, depth + 1, at_word)
            if high != 0:
                left = high if high == parser.MAXREPEAT else high - 1
                again = (_ONE_MORE, (len(prefix), (op, (max(0, low - 1), left, body))))
                walk([*body, again, *rest], prefix, depth + 1, at_word)
        elif op is _ONE_MORE:
            read, repeat = av
            # A turn that read nothing adds nothing a later turn could not: leave the repeat.
            walk(rest if len(prefix) == read else [repeat, *rest], prefix, depth + 1, at_word)
        elif op is parser.AT:
            walk(rest, prefix, depth + 1, at_word or (av is parser.AT_BOUNDARY and not prefix))
        elif op in (parser.ASSERT, parser.ASSERT_NOT):
            walk(rest, prefix, depth + 1, at_word)  # zero-width: only narrows the matches
        else:
            end(prefix)  # any character, a back-reference...: the prefix stops here

    try:
        walk(list(parser.parse(pattern.pattern, pattern.flags)), "", 0)
    except _Unbounded:
        return None, False
    return frozenset(found), not loose


def _class_chars(items: list) -> set[str] | None:
    """The lower-case, folded characters of a class ``[...]``, or None when it is wide."""
    chars: set[str] = set()
    for op, av in items:
        if op is parser.LITERAL:
            chars.add(chr(av))
        elif op is parser.RANGE and av[1] - av[0] < _MAX_CLASS:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        elif op is parser.CATEGORY and av in _CATEGORIES:
            chars.add(_CATEGORIES[av])
        else:
            return None
    if not all(c.isascii() for c in chars):
        return None
    folded = {c.lower().translate(_FOLD) for c in chars}
    return folded if len(folded) <= _MAX_CLASS else None


def guarded(pattern: re.Pattern[str], width: int = PREFIX_CHARS) -> re.Pattern[str]:
    """``pattern`` behind a look-ahead for its :func:`match_prefixes`: the same matches,
    found sooner (``pattern`` itself when its matches may begin with anything)."""
    key = ("guard", _VERSION, pattern.pattern, pattern.flags, width)
    guard: str | None = remembered(key, lambda: _guard(pattern, width))
    if guard is None:
        return pattern
    try:
        return compiled(f"{guard}(?:{pattern.pattern})", pattern.flags)
    except re.error:  # inline global flags ("(?i)...") must open a pattern
        return pattern


def _guard(pattern: re.Pattern[str], width: int) -> str | None:
    """The look-ahead :func:`guarded` puts in front of ``pattern``, or None for none."""
    prefixes, at_word = _analyse(pattern, width)
    if not prefixes:
        return None
    trie = prefix_tree(prefixes)
    return ("\\b" if at_word else "") + f"(?=(?-i:{_alternatives(trie)}))"


def prefix_tree(prefixes: frozenset[str]) -> dict:
    """``prefixes`` as a tree of characters (a dict of dicts, in sorted order); a prefix that
    begins with a shorter one adds nothing (the shorter one already lets its texts pass)."""
    kept = sorted(p for p in prefixes if not any(p[:n] in prefixes for n in range(1, len(p))))
    tree: dict = {}
    for prefix in kept:
        node = tree
        for char in prefix:
            node = node.setdefault(char, {})
    return tree


def _alternatives(trie: dict) -> str:
    """A prefix tree as a regular expression: one test per letter at each depth."""
    branches = [
        (_GUARD_CHARS.get(c) or _cases(c)) + _alternatives(rest) for c, rest in trie.items()
    ]
    if not branches:
        return ""
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _cases(char: str) -> str:
    if not char.isalpha():
        return re.escape(char)
    return "[" + char + char.upper() + _CASE_EXTRAS.get(char, "") + "]"


def may_match(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """A quick test, True for every text where ``pattern`` finds a match and False for most
    texts where it finds none: one of a few words every match holds must be in the text. The
    words are the longer of the match's beginnings (:func:`match_prefixes`, up to a digit or a
    space) and the :func:`required_words`. The lower-cased text is searched for each (or, for
    many, for all in one case-sensitive pass, which ``re`` runs in C from first letter to first
    letter): cheaper than any scan of the pattern, so a rare word every match holds spares most
    texts the scan.

    >>> test = may_match(re.compile(r"\\b(?:killed|died)\\b", re.IGNORECASE))
    >>> test("Two soldiers DIED."), test("Rockets hit the base.")
    (True, False)
    """
    prefixes = match_prefixes(pattern)
    literals = {_MARKS_RE.split(p, maxsplit=1)[0] for p in prefixes or ("",)}
    required = required_words(pattern)
    if required and _strength(required) > _strength(literals):
        literals = set(required)
    if "" in literals:
        return lambda text: True  # a match may begin with a digit or anything: no quick test
    kept = sorted(p for p in literals if not any(p[:n] in literals for n in range(1, len(p))))
    if len(kept) <= _FEW_WORDS:
        words = tuple(kept)

        def test_each(text: str) -> bool:
            lowered = text.lower()
            for word in words:
                if word in lowered:
                    return True
            return not text.isascii() and _LOWER_MISSES_RE.search(text) is not None

        return test_each
    finder = compiled("|".join(map(re.escape, kept)))

    def test(text: str) -> bool:
        if finder.search(text.lower()) is not None:
            return True
        return not text.isascii() and _LOWER_MISSES_RE.search(text) is not None

    return test


def quick_search(pattern: re.Pattern[str]) -> Callable[[str], re.Match[str] | None]:
    """``pattern``'s search of a whole text, the same answer sooner: the :func:`guarded` scan
    runs only on a text that passes :func:`may_match`'s test.

    >>> search = quick_search(re.compile(r"\\bin (?:retaliation|revenge) for\\b", re.IGNORECASE))
    >>> search("Rebels shelled the town in revenge for the raid.").group()
    'in revenge for'
    """
    test = may_match(pattern)
    scan = guarded(pattern).search

    def search(text: str) -> re.Match[str] | None:
        return scan(text) if test(text) else None

    return search


def tail_search(pattern: re.Pattern[str]) -> Callable[[str], re.Match[str] | None]:
    """``pattern``'s search of a whole text, the same answer sooner for a pattern whose every
    match ends at the text's end (``$``) and is at most so many characters long: no match can
    begin before the text's last few characters, so the :func:`guarded` scan starts there.

    >>> search = tail_search(re.compile(r"\\b(?:could|might)\\b[^.]{0,20}$"))
    >>> search("Troops came. Rebels could attack").group()
    'could attack'
    """
    scan = guarded(pattern).search
    key = ("guard tail reach", _VERSION, pattern.pattern, pattern.flags)
    reach: int | None = remembered(key, lambda: _tail_reach(pattern))
    if reach is None:
        return scan  # type: ignore[return-value]
    distance: int = reach

    def search(text: str) -> re.Match[str] | None:
        return scan(text, max(0, len(text) - distance))

    return search


def _tail_reach(pattern: re.Pattern[str]) -> int | None:
    """How far from a text's end every match of ``pattern`` begins, when it ends at ``$``."""
    tree = parser.parse(pattern.pattern, pattern.flags)
    longest = tree.getwidth()[1]
    if not tree or tree[-1] != (parser.AT, parser.AT_END) or longest >= parser.MAXREPEAT:
        return None
    return int(longest) + 1  # "$" also matches before a final newline


def _strength(words: set[str] | frozenset[str]) -> tuple[int, int]:
    """The shortest word first (a long word is rarely in a text), then fewer words."""
    return (min(map(len, words)) if words else 0), -len(words)


def required_words(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-case ASCII strings one of which every match of ``pattern`` holds (compared
    case-insensitively), the rarest the syntax tree names; None when it names none.

    >>> sorted(required_words(re.compile(r"\\b(?:the|a) (?:cause|reason) of\\b|\\bto avenge\\b")))
    [' cause', ' reason', 'to avenge']
    """
    key = ("guard required words", _VERSION, pattern.pattern, pattern.flags)
    return remembered(  # type: ignore[no-any-return]
        key, lambda: _required(list(parser.parse(pattern.pattern, pattern.flags)), 0)
    )


def _leading_run(items: list) -> str:
    """The literal (ASCII, lower-cased) characters a sequence begins with."""
    run = ""
    for op, av in items:
        if op is not parser.LITERAL or not chr(av).isascii():
            break
        run += chr(av).lower()
    return run


def _required(items: list, depth: int) -> frozenset[str] | None:
    """The strongest set of strings one of which every match of the sequence ``items`` holds:
    a run of literal characters, or what a group, an alternation (one set from each of its
    branches) or a repeat read at least once requires."""
    if depth > _MAX_DEPTH:
        return None
    best: frozenset[str] | None = None
    run = ""

    def offer(found: frozenset[str] | None) -> None:
        nonlocal best
        if found and (best is None or _strength(found) > _strength(best)):
            best = found

    for op, av in [*items, (None, None)]:
        if op is parser.LITERAL and chr(av).isascii():
            run += chr(av).lower()
            continue
        offer(frozenset({run}) if run else None)
        if op is parser.SUBPATTERN:
            offer(_required(list(av[3]), depth + 1))
        elif op is parser.ATOMIC_GROUP:
            offer(_required(list(av), depth + 1))
        elif op in _REPEATS and av[0] >= 1:
            offer(_required(list(av[2]), depth + 1))
        elif op is parser.BRANCH:
            branches = [_required(list(b), depth + 1) for b in av[1]]
            if all(branches):
                offer(frozenset().union(*branches))  # type: ignore[arg-type]
            # The parser takes letters the branches share out in front: "re(?:venge|prisal)".
            leads = [_leading_run(list(b)) for b in av[1]]
            if run and all(leads):
                offer(frozenset(run + lead for lead in leads))
        run = ""
    return best
