"""Find the parts of a news article that are not its story: the dateline and site boilerplate.

Nothing here changes the text; the functions return character spans, so mentions found later
keep offsets into the original document and can simply be flagged.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from geomap.regex_cache import compiled

__all__ = [
    "Dateline",
    "find_boilerplate",
    "find_dateline",
    "is_boilerplate",
]


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# --------------------------------------------------------------------------- dateline


@dataclass(frozen=True, slots=True)
class Dateline:
    """The place name of a wire-style dateline: ``text[start:end] == name``."""

    start: int
    end: int
    name: str


# A word of a place name: letters, with inner ' . - (U.S., ST. LOUIS, Ivano-Frankivsk).
_WORD = r"[^\W\d_](?:[^\W_]|['’.\-](?=[^\W\d_]))*\.?"
_NAME = rf"{_WORD}(?:[ \t]+{_WORD}){{0,3}}"
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = (
    rf"(?:{_WEEKDAY},?[ \t]+)?(?:{_MONTH}\.?[ \t]+{_DAY}|{_DAY}[ \t]+{_MONTH}\.?)"
    rf"(?:,?[ \t]+\d{{4}})?|{_WEEKDAY}"
)
# (Reuters), (AP), (AFP), (BM), (dpa): one to four short words in parentheses.
_AGENCY = r"\([ \t]*[^\W\d_][\w.&'/\-]*(?:[ \t]+[\w.&'/\-]+){0,3}[ \t]*\)"
_DASH = r"(?:--|[-–—―])"
_DATELINE_RE = compiled(
    rf"""
    (?P<name>{_NAME})
    (?:(?P<comma>,)[ \t]*
        (?:{_NAME}(?:,[ \t]*{_NAME})?,?[ \t]*)?     # qualifiers: ", Ukraine," / ", Ill.,"
    )?
    [ \t]*(?:(?P<date>{_DATE}),?[ \t]*)?
    (?:(?P<agency>{_AGENCY})[ \t]*(?P<dash>{_DASH})?|(?P<dash_only>{_DASH}))
    (?=\s)
    """,
    re.VERBOSE,
)
# Lowercase words allowed inside a Title Case place name.
_PARTICLES = frozenset(
    {"de", "del", "della", "da", "do", "dos", "das", "di", "du", "des", "la", "le", "les",
     "el", "al", "of", "on", "upon", "am", "an", "der", "es", "y", "i", "sur"}
)  # fmt: skip
# Words that open headlines or sentences, never a dateline ("BREAKING —", "Meanwhile, Russia —").
_NOT_PLACES = _wordset(
    """breaking update updated exclusive watch live opinion analysis editorial commentary
    video photos photo correction urgent flash alert review interview explainer news
    factcheck fact comment podcast sponsored advertisement developing just in
    meanwhile however yesterday today tonight now but and or so then also still earlier later
    last since after before when while the a an this that these those there here in on at
    for from with by of as if it he she they we i you his her their our its president
    minister mr mrs ms dr sen rep gov gen"""
)
_PARAGRAPH_RE = compiled(r"\S[^\n]*(?:\n[ \t]*\S[^\n]*)*")  # non-blank lines, run together
_NONBLANK_LINE_RE = compiled(r"\S[^\n]*")
_MAX_BLOCKS = 3  # a dateline opens the story, right after the headline and standfirst
_INLINE_SPAN = 400  # how far into a run-together opening line a dateline may stand
_HEADLINE_END_RE = compiled(r"[.!?][\"'”’)]?\s+")
_BYLINE_DATE_RE = compiled(rf"\b{_MONTH}\.?[ \t]+{_DAY},?[ \t]+\d{{4}}[ \t]+")


def _is_caps_name(words: list[str]) -> bool:
    return all(w.upper() == w and any(c.isalpha() for c in w) for w in words)


def _is_title_name(words: list[str]) -> bool:
    if not words[0][0].isupper():
        return False
    return all(w[0].isupper() or w in _PARTICLES for w in words)


def _dateline_at(text: str, pos: int, *, caps_only: bool = False) -> Dateline | None:
    m = _DATELINE_RE.match(text, pos)
    if not m:
        return None
    dash = m["dash"] or m["dash_only"]
    name = m["name"].rstrip(".") if m["name"].count(".") == 1 else m["name"]
    words = name.split()
    if words[0].lower().strip(".") in _NOT_PLACES:
        return None
    if _is_caps_name(words):
        pass
    elif _is_title_name(words) and not caps_only:
        # Title Case is ordinary prose far more often: demand "Name," or "Name (Agency) —".
        if not (m["comma"] or (m["agency"] and dash)):
            return None
    else:
        return None
    # The dateline opens a story sentence: a short all-caps rest is a headline ("KYIV — LIVE").
    line_end = text.find("\n", m.end())
    rest = text[m.end() : line_end if line_end >= 0 else len(text)]
    if len(rest.split()) < 3 or not any(c.islower() for c in rest):
        return None
    start = m.start("name")
    return Dateline(start=start, end=start + len(name), name=name)


def _first_starts(text: str, separator: re.Pattern[str], limit: int) -> list[int]:
    """Offsets of the first non-blank character of the first ``limit`` blocks."""
    starts: list[int] = []
    for m in separator.finditer(text):
        starts.append(m.start())
        if len(starts) >= limit:
            break
    return starts


def find_dateline(text: str) -> Dateline | None:
    """The place name of the wire-style dateline, if the article has one.

    Looks at the start of the first three paragraphs and of the first three lines, so a
    headline before the body is skipped whether paragraphs are separated by blank lines or
    single newlines. Recognises ``MOSCOW (Reuters) -``, ``BAGHDAD, Jan 5 (AFP) —``,
    ``WASHINGTON —``, ``KYIV, Ukraine, March 3 —``, ``Beirut, Lebanon (AP) —`` and the like.

    Returns
    -------
    Dateline or None
        The span of the place name only (``MOSCOW``), not of the whole dateline.
    """
    starts = _first_starts(text, _PARAGRAPH_RE, _MAX_BLOCKS)
    starts += _first_starts(text, _NONBLANK_LINE_RE, _MAX_BLOCKS)
    for pos in sorted(set(starts)):
        found = _dateline_at(text, pos)
        if found is not None:
            return found
    # Feeds that run the headline and byline into the story's line ("Pastor to be buried.
    # ATLANTA - A former...", "Advocate Reporter March 30, 2009 NEWARK -- The..."): only a
    # name in capitals counts there, as a capitalised word after a full stop is ordinary prose.
    for pos in _inline_starts(text):
        found = _dateline_at(text, pos, caps_only=True)
        if found is not None:
            return found
    return None


def _inline_starts(text: str) -> list[int]:
    """Where the first sentences, and the text after a date, begin within the opening line."""
    head = text[:_INLINE_SPAN]
    line_end = head.find("\n", len(head) - len(head.lstrip()))
    if line_end > 0:
        head = head[:line_end]
    starts = [m.end() for m in _HEADLINE_END_RE.finditer(head)][:_MAX_BLOCKS]
    date = _BYLINE_DATE_RE.search(head)
    if date:
        starts.append(date.end())
    return sorted(set(starts))


# --------------------------------------------------------------------------- boilerplate

# "Read more: ...", "ALSO READ | ...", "Related:" teasers for other articles.
_TEASER_LABEL = (
    r"(?:read|see|also\s+read|also\s+see|read\s+also|see\s+also|read\s+more|more|related"
    r"|related\s+(?:articles?|stories|news|content|coverage|posts?|topics?|links?|reading)"
    r"|more\s+(?:on|from|about)\b[^:|»›\n]{0,40}|recommended(?:\s+for\s+you)?|don'?t\s+miss"
    r"|must\s+read|read\s+next|up\s+next|further\s+reading|most\s+read|trending(?:\s+now)?"
    r"|you\s+(?:may|might)\s+also\s+(?:like|be\s+interested\s+in)|editor'?s\s+picks?"
    r"|top\s+stories|latest\s+news|more\s+stories|watch|listen)"
)
_TEASER_RE = compiled(
    rf"^\W{{0,3}}{_TEASER_LABEL}(?:\s*(?P<sep>[:|»›>•]+)|\s+(?P<dash>[-–—]+)(?=\s)|\s*$)",
    re.IGNORECASE,
)
# ALSO READ / READ MORE in capitals need no separator.
_TEASER_CAPS_RE = compiled(r"^\W{0,3}(?:ALSO READ|READ MORE|READ ALSO|SEE ALSO|RELATED)\b")
# Bare one-word labels too common in prose to introduce a list ("More", "Watch").
_WEAK_LABELS = frozenset({"read", "see", "more", "watch", "listen"})

# Phrases only site furniture uses: marked on any line of moderate length, anywhere.
_STRONG_FOOTER_PHRASES = (
    r"\bfollow\s+us\b",
    r"\bshare\s+(?:this|on)\s+(?:article|story|post|page|video|facebook|twitter|x|whatsapp"
    r"|telegram|linkedin|reddit)\b",
    r"\bbe\s+a\s+reporter\b",
    r"all\s+rights\s+reserved",
    r"©",
    r"\(c\)\s*\d{4}",
    r"\bcopyright\s+(?:\(c\)\s*)?\d{4}",
    r"\bsubscribe\s+(?:to\s+(?:our|us|the\s+newsletter)|now|today|here)\b",
    r"\bsign\s+up\s+(?:for|to)\s+(?:our|the)\s+(?:\w+\s+)?newsletters?\b",
    r"\bour\s+newsletters?\b",
    r"\bwe\s+uses?\s+cookies",
    r"\bthis\s+(?:site|website)\s+uses?\s+cookies",
    r"\bour\s+(?:site|website)\s+uses?\s+cookies",
    r"\baccept\s+(?:all\s+)?cookies",
    r"\bcookie\s+(?:settings|preferences|consent|banner)\b",
    r"\bapp\s?store\b",
    r"\bgoogle\s?play\b",
    r"\bdownload\s+(?:our|the)\s+(?:\w+\s+)?app\b",
    r"\bjoin\s+(?:us|our\s+\w+(?:\s+\w+)?)\s+on\s+(?:telegram|whatsapp|facebook|twitter|x"
    r"|instagram|youtube|viber)\b",
    r"\bclick\s+here\b",
    r"\bby\s+continuing\s+to\s+(?:use|browse)\b",
    r"^\W*editorial\s+(?:team|board|staff)\b",
)
_STRONG_FOOTER_RE = compiled("|".join(_STRONG_FOOTER_PHRASES), re.IGNORECASE)


def _letter_first(phrase: str) -> str:
    r"""``phrase`` with its opening ``\b`` checked after its first letter (``\bfollow`` →
    ``f(?<!\w.)ollow``, the same matches): a pattern whose every phrase opens with a letter
    lets ``re`` skip in C to where one stands, where one opening with ``\b`` is tried in full
    at every character of the line."""
    if phrase.startswith("\\b") and phrase[2].isalpha():
        return phrase[2] + r"(?<!\w.)" + phrase[3:]
    return phrase


# The same phrases for a line in ASCII, searched in lower case: ignoring case costs ``re`` a
# test per character and keeps it from skipping ahead; in ASCII, lower case is the same test.
_STRONG_FOOTER_ASCII_RE = compiled(
    "|".join(_letter_first(p) for p in _STRONG_FOOTER_PHRASES if not p.startswith("^"))
)
_STRONG_FOOTER_START_RE = compiled("|".join(p for p in _STRONG_FOOTER_PHRASES if p.startswith("^")))


def _has_strong_footer_phrase(text: str) -> bool:
    """Whether ``text`` holds one of :data:`_STRONG_FOOTER_PHRASES` (case ignored)."""
    if not text.isascii():
        return _STRONG_FOOTER_RE.search(text) is not None
    lowered = text.lower()
    return (
        _STRONG_FOOTER_START_RE.match(lowered) is not None
        or _STRONG_FOOTER_ASCII_RE.search(lowered) is not None
    )


# Words that are furniture only on a short, non-sentence line ("Facebook Twitter YouTube").
_WEAK_FOOTER_RE = compiled(
    r"\b(?:facebook|twitter|youtube|reddit|linkedin|telegram|instagram|whatsapp|tiktok|viber"
    r"|pinterest|vkontakte|vk|rss|subscribe|subscription|newsletters?|sign\s+up"
    r"|log\s+in|sign\s+in|cookies?|advertisement|advertising|sponsored|contact\s+us"
    r"|about\s+us|privacy\s+policy|terms\s+of\s+(?:use|service)|editorial\s+team"
    r"|editor-in-chief|tags?|share|tweet|comments?|print|e-?mail)\b",
    re.IGNORECASE,
)
# Words of menus, link bars and social buttons.
_NAV_WORDS = _wordset(
    """share tweet email e-mail print comment comments advertisement ad ads sponsored
    subscribe menu home close search login register facebook twitter youtube reddit linkedin
    telegram instagram whatsapp tiktok viber pinterest x vk rss copy link"""
)
# Words that may fill out a furniture line ("Join our channel on Telegram").
_FURNITURE_WORDS = _NAV_WORDS | _wordset(
    """follow us on our in and the join via channel page news app get download latest
    updates to for at with more read tags tag newsletter newsletters sign up log contact
    about privacy policy terms of use service cookies cookie editorial team editor chief
    subscription advertising and or by"""
)
_SENTENCE_END_RE = compiled(r"[.!?…][\"'”’)\]]*$")
_LINE_RE = compiled(r"[^\n]+")
_WORDS_RE = compiled(r"[^\W_]+(?:['’.\-][^\W_]+)*")

_MAX_STRONG_WORDS = 50  # strong phrases still do not mark a long paragraph
_STORY_WORDS = 12  # a line this long, not furniture, is story text
# A line's words are read only up to one past the largest count any test compares with
# (_MAX_STRONG_WORDS): a story paragraph's other words change no answer. They are looked for
# in the line's first characters, and in all of it when those hold too few.
_WORDS_KEPT = _MAX_STRONG_WORDS + 1
# Enough for _WORDS_KEPT words of running text (about six characters a word); a line that
# holds fewer there is read whole, so the words kept are the same whatever this is.
_WORDS_READ_CHARS = 400


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    text: str  # stripped
    words: list[str]  # its first _WORDS_KEPT words: all a test reads
    sentence: bool  # reads like a sentence of prose

    @property
    def footer_like(self) -> bool:
        """Short lines of the kind that fill page footers (links, tags, bylines, menus)."""
        n = len(self.words)
        return n <= 5 or (n <= 25 and not self.sentence)


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    for m in _LINE_RE.finditer(text):
        raw = m.group()
        stripped = raw.strip()
        if not stripped:
            continue
        start = m.start() + (len(raw) - len(raw.lstrip()))
        words = _WORDS_RE.findall(stripped, 0, _WORDS_READ_CHARS)
        if len(words) > _WORDS_KEPT:
            del words[_WORDS_KEPT:]  # the last word read may be cut short: it is not kept
        elif len(stripped) > _WORDS_READ_CHARS:
            words = _WORDS_RE.findall(stripped)[:_WORDS_KEPT]
        sentence = len(words) >= 6 and bool(_SENTENCE_END_RE.search(stripped))
        out.append(_Line(start, start + len(stripped), stripped, words, sentence))
    return out


def _furniture_share(line: _Line) -> float:
    if not line.words:
        return 1.0
    return sum(w.lower() in _FURNITURE_WORDS for w in line.words) / len(line.words)


def _is_footer_line(line: _Line) -> bool:
    """Site furniture wherever it stands: social bars, subscription pitches, copyright."""
    if len(line.words) <= 6 and all(w.lower() in _NAV_WORDS for w in line.words):
        return True
    if len(line.words) <= _MAX_STRONG_WORDS and _has_strong_footer_phrase(line.text):
        return True
    # "Trump said on Twitter that ..." is prose: a weak word marks only a short line made
    # mostly of furniture words ("Share on Facebook", "Tags: ...").
    return (
        line.footer_like
        and _furniture_share(line) >= 0.6
        and bool(_WEAK_FOOTER_RE.search(line.text))
    )


def _teaser_kind(line: _Line) -> str | None:
    """``"inline"`` for "Read more: Title", ``"label"`` for a bare "Related articles"."""
    m = _TEASER_RE.match(line.text)
    if m:
        rest = line.text[m.end() :].strip()
        if rest:
            return "inline"
        bare = " ".join(w.lower() for w in line.words)
        if len(line.words) <= 6 and bare not in _WEAK_LABELS:
            return "label"
        return None
    if _TEASER_CAPS_RE.match(line.text):
        return "inline" if len(line.words) > 3 else "label"
    return None


def find_boilerplate(text: str) -> list[tuple[int, int]]:
    """Character spans of lines that are not the article's story.

    Marks "Read more:" / "See also:" / "ALSO READ" teasers (and, after a bare label such as
    "Related articles", the short lines listed under it), site furniture (follow us,
    subscribe, social network links, app stores, copyright, cookie notices), and a footer block
    that starts after the story and runs to the end in short footer-like lines.

    Returns
    -------
    list[tuple[int, int]]
        Sorted, non-overlapping ``(start, end)`` spans covering whole lines.
    """
    lines = _lines(text)
    marked = [False] * len(lines)

    for i, line in enumerate(lines):
        kind = _teaser_kind(line)
        if kind is not None:
            marked[i] = True
            if kind == "label":
                # The headlines listed under the label: short lines up to the first prose.
                for j in range(i + 1, min(i + 11, len(lines))):
                    if lines[j].sentence or len(lines[j].words) > 20:
                        break
                    marked[j] = True
        elif _is_footer_line(line):
            marked[i] = True

    # A footer block: from the first furniture line whose remainder is all footer-like, to the
    # end. Only after some story text, so a page of short lines is not swallowed whole.
    # Inside the block a weak word is enough ("Tags: ...", "Facebook").
    tail_start = None
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if not (marked[i] or line.footer_like):
            break
        if marked[i] or _WEAK_FOOTER_RE.search(line.text):
            tail_start = i
    if tail_start is not None and any(
        not marked[j] and len(lines[j].words) >= _STORY_WORDS for j in range(tail_start)
    ):
        for j in range(tail_start, len(lines)):
            marked[j] = True

    spans: list[tuple[int, int]] = []
    for line, is_marked in zip(lines, marked, strict=True):
        if not is_marked:
            continue
        # Merge with the previous span when only whitespace lies between them.
        if spans and not text[spans[-1][1] : line.start].strip():
            spans[-1] = (spans[-1][0], line.end)
        else:
            spans.append((line.start, line.end))
    return spans


def is_boilerplate(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``text[start:end]`` overlaps one of the sorted :func:`find_boilerplate` spans."""
    # The last span starting at or before ``start`` may cover it; otherwise only the next can.
    i = bisect_right(spans, (start, float("inf"))) - 1
    if i >= 0 and spans[i][1] > start:
        return True
    return i + 1 < len(spans) and spans[i + 1][0] < end
