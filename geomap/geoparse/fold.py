"""Folding text for matching, keeping offsets: accents, case, apostrophes and dots removed.

Every character maps to one character except apostrophes and dots, which are removed
("Qa'im" → "qaim", "U.S." → "us"); the positions of removed characters map offsets back.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache

from geomap.gazetteer.names import SPECIAL_LETTERS
from geomap.geoparse.lexicon import CONNECTORS

#: The longest run of words looked up as one name ("Democratic Republic of the Congo").
MAX_NAME_WORDS = 7

DELETED = "\x01"  # marks characters removed from the folded text (apostrophes, dots)
_APOSTROPHES = set("'’‘ʿʼʾʻ`´′ʹ")


# Letters NFKD leaves alone, one folded letter each so that offsets are kept ("ß" → "s").
_ONE_LETTER = {char: folded[0] for char, folded in SPECIAL_LETTERS.items()}


class _FoldTable(dict):
    """``str.translate`` table mapping every character to one folded character."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in _APOSTROPHES or char == ".":
            result = DELETED
        elif char.isascii():
            result = char.lower() if char.isalnum() else " "
        else:
            special = _ONE_LETTER
            if char in special:
                result = special[char]
            else:
                base = [
                    c for c in unicodedata.normalize("NFKD", char) if c.isascii() and c.isalnum()
                ]
                result = base[0].lower() if base else " "
        self[code] = result
        return result


_FOLD_TABLE = _FoldTable()


class _ShapeTable(dict):
    """``str.translate`` table, aligned with the folded text: "U" a capital or digit of a word,
    "a" another character of a word (a letter or digit of the folded text), "X" a capital or
    digit that folds to none ("Δ"), "s" a space, hyphen or "&", "x" anything else; apostrophes
    and dots are deleted as in the folded text. A word starts where "U" or "a" follows another
    class, so one scan of the shapes finds the capitalised words (:data:`CAPITALISED_WORD`)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in _APOSTROPHES or char == ".":
            result = DELETED
        elif char.isupper() or char.isdigit():
            result = "U" if TOKEN.fullmatch(_FOLD_TABLE[code]) else "X"
        elif char in " -‐‑–&":  # "&" joins the letters of "T&T"
            result = "s"
        else:
            result = "a" if TOKEN.fullmatch(_FOLD_TABLE[code]) else "x"
        self[code] = result
        return result


SHAPE_TABLE = _ShapeTable()
#: The shapes of a capital or digit (:data:`SHAPE_TABLE`), in a word or not.
CAPITAL = ("U", "X")
#: A word of the shapes (:data:`SHAPE_TABLE`) that starts with a capital: where a name may
#: start. Its span is the word's in the folded text. The capital comes before the look-behind
#: (no letter before it), so the engine skips to each capital instead of testing every character.
CAPITALISED_WORD = re.compile(r"U(?<![Ua]U)[Ua]*")
_SPACES = re.compile(r" +")
# "Sudan's", "Russia’s", "OMAHA’S" in a headline: the possessive is a word of its own, not
# part of the name. Replacing the apostrophe by a space keeps every offset.
POSSESSIVE = re.compile(r"['’]([sS])(?![^\W\d_])")


_TRAILING_POSSESSIVE = re.compile(r"['’`][sS]?$")


def without_possessive(name: str) -> str:
    """A name without the possessive that ends it: "New Hampshire's" → "New Hampshire";
    "Cox's Bazar" keeps its apostrophe, which is part of the name.

    >>> without_possessive("New Hampshire's"), without_possessive("Cox’s Bazar")
    ('New Hampshire', 'Cox’s Bazar')
    """
    return _TRAILING_POSSESSIVE.sub("", name) if name[-1:] in "sS'’`" else name


def fold_text(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` for matching; return it with the positions needed to map offsets back.

    Every character maps to one character except apostrophes and dots, which are removed
    ("Qa'im" → "qaim", "U.S." → "us"). ``original_offset`` maps an offset in the folded text
    back to ``text``.

    >>> fold_text("Al-Qā’im, U.S.")[0]
    'al qaim  us'
    """
    return fold_split(split_possessives(text))


def split_possessives(text: str) -> str:
    """``text`` with a space for each possessive's apostrophe ("Sudan s"), offsets kept."""
    return POSSESSIVE.sub(r" \1", text)


def fold_split(source: str) -> tuple[str, list[int]]:
    """:func:`fold_text` of a text whose possessives are split already
    (:func:`split_possessives`): the recogniser splits them once for the folded text and for
    the shapes of its characters."""
    folded = source.translate(_FOLD_TABLE)
    if DELETED not in folded:
        return folded, []
    shifts: list[int] = []
    position = folded.find(DELETED)
    while position != -1:
        shifts.append(position - len(shifts))
        position = folded.find(DELETED, position + 1)
    return folded.replace(DELETED, ""), shifts


def may_continue(folded: str, shape: str, token: tuple[int, int]) -> bool:
    """Whether a word can be part of a name the rules accept: capitalised, a connector, a
    possessive's "s", or capitalised after an elided article ("d'Ivoire")."""
    start, end = token
    return (
        shape[start] in CAPITAL
        or folded[start:end] in CONNECTORS
        # "Cox's Bazar", "Martha's Vineyard": a possessive inside a name ("'s" folds to " s")
        or folded[start:end] == "s"
        or (folded[start] in "dl" and shape[start + 1 : start + 2] in CAPITAL)
    )


def deleted_between(shifts: list[int], start: int, end: int) -> bool:
    """Whether a removed character (a dot, an apostrophe) stood between two folded offsets."""
    if not shifts:
        return False
    position = bisect_right(shifts, start - 1)
    return position < len(shifts) and shifts[position] <= end


def original_offset(shifts: list[int], folded_offset: int, *, end: bool = False) -> int:
    # Deleted characters before this point push it right; an end offset does not absorb a
    # deleted character that follows the match ("Baghdad." ends before the dot).
    return folded_offset + (
        bisect_right(shifts, folded_offset - (1 if end else 0)) if shifts else 0
    )


# A document names the same places, and people, again and again: each name is folded once.
@lru_cache(maxsize=16_384)
def name_key(name: str) -> str:
    return _SPACES.sub(" ", fold_text(name)[0]).strip()


TOKEN = re.compile(r"[a-z0-9]+")
