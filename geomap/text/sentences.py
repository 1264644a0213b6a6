"""Split text into sentences with regular expressions: no model, linear time."""

from __future__ import annotations

import re

__all__ = ["MAX_SENTENCE_CHARS", "split_sentences"]

#: A stretch without sentence punctuation longer than this (a list, a table flattened into one
#: line) is cut into pieces at a clause or word break: what reads a sentence (the events stage)
#: may take time growing faster than its length. The news corpora's longest sentence has 700.
MAX_SENTENCE_CHARS = 1_000
_CLAUSE_ENDS = ",;:–—"


def _variants(*abbreviations: str) -> frozenset[str]:
    """Each abbreviation as written and in capitals ("Gen." and "GEN."), never lowercased."""
    return frozenset(a for abbr in abbreviations for a in (abbr, abbr.upper()))


# Titles and other abbreviations that a sentence practically never ends with.
_NEVER_FINAL = _variants(
    "Mr.", "Mrs.", "Ms.", "Messrs.", "Dr.", "Prof.", "Rev.", "Hon.", "Gen.", "Gens.", "Lt.",
    "Col.", "Sgt.", "Capt.", "Maj.", "Adm.", "Brig.", "Cmdr.", "Cpl.", "Pvt.", "Sen.", "Sens.",
    "Rep.", "Reps.", "Gov.", "Pres.", "Amb.", "Sec.", "Supt.", "Det.", "Insp.", "Fr.", "St.",
    "Mt.", "Ft.", "No.", "Nos.", "Vol.", "Art.", "vs.", "v.", "e.g.", "i.e.", "cf.", "approx.",
    "ca.",
)  # fmt: skip
# Abbreviations that may end a sentence ("... in the U.S. The ..."): a break is made only
# when the next word is a typical sentence opener, so "Jan. 5" and "U.S. President" hold.
_MAYBE_FINAL = _variants(
    "Jan.", "Feb.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec.",
    "U.S.", "U.K.", "U.N.", "E.U.", "a.m.", "p.m.", "etc.", "Inc.", "Ltd.", "Co.", "Corp.",
    "Jr.", "Sr.", "Bros.", "Plc.", "LLC.",
)  # fmt: skip
_OPENERS = frozenset(
    str.split(
        """The A An He She It They We I You His Her Its Their Our My This That These Those There
    In On At But And As After Before When While If However Meanwhile According Earlier Later
    No Some Many Most All One Two Three What Why How Who Officials Police"""
    )
)

# A terminator run not preceded by another terminator (so each run is tried once: linear
# time on "....." lines), closing quotes/brackets, then the whitespace before the next
# sentence. Possessive quantifiers rule out backtracking inside the run. The whitespace may be
# empty ("3.5"); the caller skips such matches. The run's first terminator comes before the
# look-behind (the character before it is no terminator), so the engine skips to each
# terminator instead of testing the look-behind at every character.
_BOUNDARY_RE = re.compile(
    r"[.!?…](?<![.!?…][.!?…])[.!?…]*+[\"'”’»)\]]*+[^\S\n]*+\n?[^\S\n]*+(?=\S)"
)
_PARAGRAPH_BREAK_RE = re.compile(r"\n[^\S\n]*\n")
_OPENING = "\"'“‘«([¿¡"
_DOTTED_ACRONYM_RE = re.compile(r"(?:[^\W\d_]\.){2,}")
_FIRST_WORD_RE = re.compile(r"[^\W\d_]+")
_TOKEN_LEFT_STRIP = "\"'“‘«([{"


def _token_before(text: str, dot: int, floor: int) -> str:
    """The whitespace-delimited token ending with the period at ``dot`` (period included)."""
    start = dot
    # Tokens worth checking are short; bound the scan so a long run costs nothing.
    limit = max(floor, dot - 24)
    while start > limit and not text[start - 1].isspace():
        start -= 1
    return text[start : dot + 1].lstrip(_TOKEN_LEFT_STRIP)


def _is_break(text: str, run_start: int, run: str, next_pos: int, floor: int) -> bool:
    """Whether the terminator run ``run`` at ``run_start`` ends a sentence."""
    pos = next_pos
    while pos < len(text) and text[pos] in _OPENING and pos - next_pos < 3:
        pos += 1
    if pos >= len(text):
        return False
    first = text[pos]
    # Caseless scripts (Arabic, Hebrew, CJK) have no capitals to wait for.
    if not (first.isupper() or first.isdigit() or (first.isalpha() and not first.islower())):
        return False
    if run != ".":
        return True  # ! ? ... and a quoted or bracketed ".": the end whatever precedes them
    token = _token_before(text, run_start, floor)
    if token in _NEVER_FINAL:
        return False
    stem = token[:-1]
    if len(stem) == 1 and stem.isupper():
        return False  # an initial: "John F. Kennedy"
    if token in _MAYBE_FINAL or _DOTTED_ACRONYM_RE.fullmatch(token):
        m = _FIRST_WORD_RE.match(text, pos)
        return m is not None and m.group() in _OPENERS
    return True


def _append_stripped(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while True:
        while start < end and text[start].isspace():
            start += 1
        piece_end = end if end - start <= MAX_SENTENCE_CHARS else _piece_end(text, start)
        stop = piece_end
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        if start < stop:
            out.append((start, stop))
        if piece_end >= end:
            return
        start = piece_end


def _piece_end(text: str, start: int) -> int:
    """Where to cut an over-long sentence beginning at ``start``: after the last clause mark
    followed by a space in the second half of the allowed length, else at the last space."""
    limit = start + MAX_SENTENCE_CHARS
    floor = start + MAX_SENTENCE_CHARS // 2
    space = -1
    for pos in range(limit - 1, floor, -1):
        if text[pos].isspace():
            if text[pos - 1] in _CLAUSE_ENDS:
                return pos
            if space < 0:
                space = pos
    return space if space > 0 else limit


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text``.

    Breaks after ``.``, ``!``, ``?`` or ``…`` (and any closing quotes or brackets) when
    whitespace and a capital, digit or opening quote follow, and always at blank lines. Does
    not break after common abbreviations (Mr., Gen., Jan., U.S., ...), initials
    ("John F. Kennedy") or inside numbers ("3.5"). A sentence longer than
    :data:`MAX_SENTENCE_CHARS` is cut at a clause or word break.

    Returns
    -------
    list[tuple[int, int]]
        ``(start, end)`` offsets into ``text``; ``text[start:end]`` is one sentence without
        surrounding whitespace.
    """
    spans: list[tuple[int, int]] = []
    para_start = 0
    paragraph_ends = [m.span() for m in _PARAGRAPH_BREAK_RE.finditer(text)]
    paragraph_ends.append((len(text), len(text)))
    for para_end, next_start in paragraph_ends:
        sent_start = para_start
        for m in _BOUNDARY_RE.finditer(text, para_start, para_end):
            run = m.group().rstrip()
            if len(run) == len(m.group()):
                continue  # no whitespace after the terminator: "3.5", "example.com"
            run_end = m.start() + len(run)
            if _is_break(text, m.start(), run, m.end(), para_start):
                _append_stripped(text, sent_start, run_end, spans)
                sent_start = m.end()
        _append_stripped(text, sent_start, para_end, spans)
        para_start = next_start
    return spans
