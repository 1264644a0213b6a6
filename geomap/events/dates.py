"""Dates in news text, resolved against the publication date.

Absolute forms ("March 11", "11 March 2020", "January 8th", "2020-03-11"), forms relative to the
publication date ("yesterday", "on Sunday", "the last Sunday of last year", "at the end of
2019", "in May") and forms relative to the previous event ("a few hours after", "the next day",
"on the same day"), each with a precision: ``day``, ``month`` or ``year``.

A date without a year takes the publication year, or the year before when its month comes after
the publication month (an article of March speaking of "December 27"). Impossible dates
("February 30") and dates after the publication are rejected: kept as mentions, with no date
and the reason in ``rejected``.

Examples
--------
>>> from datetime import date
>>> [(d.text, str(d.date), d.precision) for d in find_dates(
...     "on the evening of March 11 and on December 27", date(2020, 3, 13))]
[('on the evening of March 11', '2020-03-11', 'day'), ('on December 27', '2019-12-27', 'day')]
>>> find_dates("on the last Sunday of last year", date(2020, 3, 13))[0].date
datetime.date(2019, 12, 29)
>>> find_dates("February 30", date(2020, 3, 13))[0].rejected
'impossible'
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from geomap.events.numbers import parse_number
from geomap.events.scan import PhraseScan
from geomap.regex_cache import compiled

__all__ = ["DateMention", "find_dates", "shift"]

_MONTHS = {
    name: i
    for i, full in enumerate(calendar.month_name)
    if full
    for name in {full.lower(), full[:3].lower(), "sept" if i == 9 else full[:3].lower()}
}
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PART = r"(?:(?:on|in|during|by|late|early)\s+)?(?:the\s+)?(?:(?:early\s+|late\s+)?(?:evening|night|morning|afternoon|dawn|hours)\s+of\s+)?"  # noqa: E501
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1}
_REL_COUNT = r"(?P<count>a\s+few|several|a|an|one|two|three|four|five|six|seven|\d+)"

_PATTERNS: tuple[tuple[str, str], ...] = (
    ("iso", r"\b(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)\b"),
    ("nth_weekday", rf"\b(?:on\s+)?the\s+(?P<ord>first|second|third|fourth|last)\s+"
     rf"(?P<wd>{_WEEKDAY})\s+of\s+(?:(?P<rel>last|this)\s+(?P<unit>year|month)"
     rf"|(?P<month>{_MONTH})(?:,?\s+{_YEAR})?)"),
    ("period", rf"\b(?:(?:at|by|towards?)\s+the\s+(?P<edge>end|beginning|start)\s+of"
     rf"|(?:in\s+)?(?P<adj>late|early|mid)-?)\s*(?:(?P<rel>last|this|the)\s+(?P<unit>year|month)"
     rf"|(?P<month>{_MONTH})(?:,?\s+{_YEAR})?|(?P<year2>(?:19|20)\d\d))\b"),
    ("month_day", rf"\b{_PART}(?P<month>{_MONTH})\s+{_DAY}(?!\s*(?:%|[,.]\d))(?:,?\s+{_YEAR})?\b"),
    ("day_month", rf"\b{_PART}{_DAY}\s+(?:of\s+)?(?P<month>{_MONTH})(?:,?\s+{_YEAR})?\b"),
    ("month_year", rf"\b(?:in\s+)?(?P<month>{_MONTH})(?:,?\s+{_YEAR}|(?<=in\s[A-Z]\w{{2}}))\b"),
    ("month_in", rf"\bin\s+(?P<month>{_MONTH})\b"),
    ("year", rf"\b(?:in|during|since)\s+{_YEAR}\b"),
    ("yesterday", r"\b(?:(?P<before>the\s+day\s+before\s+)?yesterday|last\s+night)\b"),
    ("today", r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening))\b"),
    ("weekday", rf"\b(?:(?P<last>last)\s+|on\s+|(?:early|late)\s+)(?P<wd>{_WEEKDAY})\b"),
    ("same_day", r"\b(?:on\s+)?(?:the\s+same\s+day|that\s+(?:same\s+)?day)\b"),
    ("next_day", r"\b(?:the\s+(?:next|following)\s+(?:day|morning|night|evening)"
     r"|the\s+day\s+after)\b"),
    ("day_before", r"\b(?:the\s+(?:previous|preceding)\s+day|the\s+day\s+before)\b"),
    ("later", rf"\b{_REL_COUNT}\s+(?P<unit>minutes?|hours?|days?|weeks?)\s+(?:later|after"
     r"|afterwards)\b|\b(?:shortly|soon|hours|minutes)\s+(?:after|later)\b"),
)  # fmt: skip
# Group names repeat across alternatives: the combined scan uses unnamed groups and each kind's
# own pattern reads the groups of the match it found.
_GROUP_NAME_RE = compiled(r"\(\?P<\w+>")
_DATE_RE = compiled(
    "|".join(f"(?P<{n}_>{_GROUP_NAME_RE.sub('(?:', p)})" for n, p in _PATTERNS), re.IGNORECASE
)
# Tried only where a date can begin, with only the forms that begin with that letter; eight
# characters tell "March 11" from "Marchers".
_DATE_SCAN = PhraseScan(_DATE_RE, width=8)
_EACH = {name: compiled(p, re.IGNORECASE) for name, p in _PATTERNS}


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression: ``text[start:end]`` and what it means.

    ``date`` is absolute when known; relative forms have ``offset_days`` (days after the
    previous event: 0 for "a few hours after") and ``date`` None until :func:`shift` resolves
    them. ``rejected`` says why a date was refused ("impossible", "future"); ``explicit`` is
    False for dates reckoned from the publication date ("yesterday").
    """

    start: int
    end: int
    text: str
    date: date | None
    precision: str | None
    offset_days: int | None = None
    rejected: str = ""

    @property
    def relative(self) -> bool:
        """Whether the date counts from the previous event."""
        return self.offset_days is not None


def shift(anchor: date | None, days: int) -> date | None:
    """``anchor`` moved by ``days`` (None stays None)."""
    return None if anchor is None else anchor + timedelta(days=days)


def find_dates(
    text: str, published: date | None, start: int = 0, end: int | None = None
) -> list[DateMention]:
    """Every date expression in ``text[start:end]``, left to right, not overlapping.

    Parameters
    ----------
    text
        The document (offsets stay document offsets).
    published
        The publication date; without it, forms that need it have no date.
    """
    end = len(text) if end is None else end
    found: list[DateMention] = []
    for m in _DATE_SCAN.finditer(text, start, end):
        kind = (m.lastgroup or "_")[:-1]  # the kinds' groups are the only ones: "month_day_"
        inner = _EACH[kind].match(text, m.start(), m.end())
        if inner is None:
            continue
        name = inner.groupdict().get("month") or inner.groupdict().get("wd") or ""
        if name and not name[0].isupper():
            continue  # "may", "march": words, not months
        mention = _resolve(kind, inner, published)
        if mention is not None:
            found.append(mention)
    return found


def _resolve(kind: str, m: re.Match[str], published: date | None) -> DateMention | None:
    def make(
        value: date | None, precision: str | None, rejected: str = "", offset: int | None = None
    ) -> DateMention:
        if value is not None and published is not None and value > published:
            value, precision, rejected = None, None, "future"
        return DateMention(m.start(), m.end(), m.group(), value, precision, offset, rejected)

    groups = m.groupdict()
    raw_year = groups.get("year") or groups.get("year2")
    year = int(raw_year) if raw_year else None
    month = _MONTHS.get((groups.get("month") or "").lower().rstrip(".")[:4].rstrip("t") or "x")
    if groups.get("month") and month is None:
        month = _MONTHS.get(groups["month"].lower().rstrip(".")[:3])

    if kind == "iso":
        try:
            return make(date.fromisoformat(groups["iso"]), "day")
        except ValueError:
            return make(None, None, "impossible")
    if kind in ("month_day", "day_month"):
        return _day_date(make, int(groups["day"]), month or 0, year, published)
    if kind in ("month_year", "month_in"):
        if month is None:
            return None
        if year is None:
            if published is None:
                return make(None, None)
            year = published.year - (month > published.month)
        return make(date(year, month, 1), "month")
    if kind == "year":
        return make(date(year, 1, 1), "year") if year else None
    if kind == "nth_weekday":
        return _nth_weekday(make, groups, month, year, published)
    if kind == "period":
        return _period(make, groups, month, year, published)
    if published is None:
        offset = _relative_offset(kind, groups)
        return make(None, None, offset=offset) if offset is not None else make(None, None)
    if kind == "yesterday":
        return make(published - timedelta(days=2 if groups.get("before") else 1), "day")
    if kind == "today":
        return make(published, "day")
    if kind == "weekday":
        back = (published.weekday() - _WEEKDAYS[groups["wd"].lower()]) % 7
        if groups.get("last") and back == 0:
            back = 7
        return make(published - timedelta(days=back), "day")
    offset = _relative_offset(kind, groups)
    return make(None, None, offset=offset) if offset is not None else None


def _relative_offset(kind: str, groups: dict[str, str | None]) -> int | None:
    if kind == "same_day":
        return 0
    if kind == "next_day":
        return 1
    if kind == "day_before":
        return -1
    if kind != "later":
        return None
    unit = (groups.get("unit") or "hour").lower()
    if unit.startswith(("hour", "minute")):
        return 0
    raw = (groups.get("count") or "one").lower()
    count = 3 if raw in ("a few", "several") else parse_number(raw) or 1
    return count * (7 if unit.startswith("week") else 1)


def _day_date(make, day: int, month: int, year: int | None, published: date | None):
    if year is None:
        if published is None:
            return make(None, None)
        year = published.year - (month > published.month)
    try:
        value = date(year, month, day)
    except ValueError:
        return make(None, None, "impossible")
    return make(value, "day")


def _base_year(rel: str | None, explicit: int | None, published: date | None) -> int | None:
    if explicit is not None:
        return explicit
    if published is None:
        return None
    return published.year - (rel == "last")


def _nth_weekday(make, groups, month: int | None, year: int | None, published: date | None):
    wd = _WEEKDAYS[groups["wd"].lower()]
    nth = _ORDINALS[groups["ord"].lower()]
    unit = (groups.get("unit") or "").lower()
    if unit == "year":
        base = _base_year(groups.get("rel"), None, published)
        if base is None:
            return make(None, None)
        month = 12 if nth == -1 else 1
        year = base
    elif unit == "month":
        if published is None:
            return make(None, None)
        first = published.replace(day=1)
        if groups.get("rel") == "last":
            first = (first - timedelta(days=1)).replace(day=1)
        month, year = first.month, first.year
    elif month is not None and year is None:
        if published is None:
            return make(None, None)
        year = published.year - (month > published.month)
    if month is None or year is None:
        return None
    days = [d for d in calendar.Calendar().itermonthdates(year, month) if d.month == month]
    matching = [d for d in days if d.weekday() == wd]
    index = nth - 1 if nth > 0 else -1
    if index >= len(matching):
        return make(None, None, "impossible")
    return make(matching[index], "day")


def _period(make, groups, month: int | None, year: int | None, published: date | None):
    """ "at the end of 2019" → December 2019; "early March" → March (month precision)."""
    edge = (groups.get("edge") or groups.get("adj") or "").lower()
    late = edge in ("end", "late")
    unit = (groups.get("unit") or "").lower()
    rel = (groups.get("rel") or "").lower()
    if unit == "month":
        if published is None:
            return make(None, None)
        first = published.replace(day=1)
        if rel == "last":
            first = (first - timedelta(days=1)).replace(day=1)
        return make(first, "month")
    if month is not None:
        if year is None:
            if published is None:
                return make(None, None)
            year = published.year - (month > published.month)
        return make(date(year, month, 1), "month")
    if unit == "year":
        year = _base_year(rel if rel != "the" else "this", None, published)
    if year is None:
        return make(None, None)
    if edge == "mid":
        return make(date(year, 1, 1), "year")
    return make(date(year, 12 if late else 1, 1), "month")
