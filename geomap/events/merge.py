"""One event, one record: sentence mentions → :class:`~geomap.model.Event` records.

Mentions are read in text order, as a reader does:

1. a reference ("the attack", "these air raids") joins the event last mentioned that it fits
   (same kind of violence, compatible date); with a date of its own ("after Iran's strike on
   January 8th"), the event of that date, even one told later; a lead sentence that refers
   forward ("condemned the rocket attack") joins the first fitting event told after it;
2. a new report with a date joins an event already told with the same kind, date and place
   (the same strike told twice), and without a date, the event of its paragraph (or the
   demonstration told just before, even in the paragraph before: how the police answered it);
3. otherwise a report specific enough (date, victims, named place, or a finite verb) opens a
   new record, and a vague one ("attacks pose a threat") is dropped;
4. victims told without an event word ("No one was killed.") join the violent or
   demonstration event told in the one or two sentences before, in the same paragraph; with
   none, they are dropped.

A relative date ("a few hours after") counts from the event last mentioned.

Examples
--------
>>> compatible_dates(("2019-12-01", "month"), ("2019-12-29", "day"))
True
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from geomap.events import vocabulary as v
from geomap.events.codebook import Evidence, decide_codes
from geomap.events.detect import EventMention
from geomap.events.locate import KIND_RANK, Located
from geomap.gazetteer.store import haversine_km
from geomap.model import Event, SourceSentence

# The type under another name: a Record has a field called ``date``.
Day = date

__all__ = ["CASUALTY_REACH", "Record", "compatible_dates", "merge_mentions", "merge_reports"]

_PRECISION_ORDER = {"day": 3, "month": 2, "year": 1}
_SAME_PLACE_KM = 50.0  # two sites further apart than this are two events
CASUALTY_REACH = 2  # a victims-only sentence belongs to an event this many sentences back


@dataclass(slots=True)
class Record:
    """An event being assembled from its mentions (joined by :meth:`add` or :meth:`attach`)."""

    mentions: list[EventMention] = field(default_factory=list)
    date: date | None = None
    precision: str | None = None
    last_position: int = -1
    # Kept up to date as mentions join, so that asking costs nothing however many mentions a
    # record has (an event retold a thousand times in a long document).
    _first_new: EventMention | None = field(default=None, repr=False)
    _new_sub: str = field(default="", repr=False)
    _any_sub: str = field(default="", repr=False)
    _located: Located | None = field(default=None, repr=False)
    _victims: bool = field(default=False, repr=False)

    @property
    def first(self) -> EventMention:
        """The first report of the event (else its first mention)."""
        return self._first_new or self.mentions[0]

    @property
    def sub_event_type(self) -> str:
        return self._new_sub or self._any_sub or v.GENERIC

    @property
    def family(self) -> str:
        return self.first.family

    @property
    def located(self) -> Located:
        """The strongest place of its mentions (the first of equals)."""
        return self._located or Located(None, None)

    @property
    def has_fatalities(self) -> bool:
        return self._victims

    def attach(self, mention: EventMention) -> None:
        """Add a mention that says nothing of the record's date."""
        self.mentions.append(mention)
        if mention.status == "new" and self._first_new is None:
            self._first_new = mention
        if mention.sub_event_type:
            if mention.status == "new" and not self._new_sub:
                self._new_sub = mention.sub_event_type
            if not self._any_sub:
                self._any_sub = mention.sub_event_type
        found = mention.located
        # References count only for places their own words tie to the event.
        if (
            found.place is not None
            and (mention.status != "reference" or found.cued)
            and (self._located is None or found.strength > self._located.strength)
        ):
            self._located = found
        self._victims = self._victims or mention.fatalities is not None

    def add(self, mention: EventMention, when: Day | None, precision: str | None) -> None:
        self.attach(mention)
        self.last_position = max(self.last_position, mention.start)
        if when is not None and (
            self.date is None
            or _PRECISION_ORDER[precision or "year"] > _PRECISION_ORDER[self.precision or "year"]
        ):
            self.date, self.precision = when, precision


def compatible_dates(a: tuple[str, str] | None, b: tuple[str, str] | None) -> bool:
    """Whether two ``(iso date, precision)`` pairs may name the same day."""
    if a is None or b is None:
        return True
    coarse = min(_PRECISION_ORDER[a[1]], _PRECISION_ORDER[b[1]])
    width = {3: 10, 2: 7, 1: 4}[coarse]
    return a[0][:width] == b[0][:width]


def _fits(record: Record, mention: EventMention, when: date | None, precision: str | None) -> bool:
    if record.family != mention.family and not _during_demonstration(record, mention):
        return False
    sub, other = record.sub_event_type, mention.sub_event_type
    # A demonstration's kind is decided on all its sentences ("During the event, the police
    # dispersed the protesters"): its sentences may read as different kinds alone.
    if sub and other and sub != other and record.family != "demonstration":
        return False
    mine = (record.date.isoformat(), record.precision or "day") if record.date else None
    theirs = (when.isoformat(), precision or "day") if when else None
    return compatible_dates(mine, theirs)


def _during_demonstration(record: Record, mention: EventMention) -> bool:
    """Whether ``mention`` tells what happened at the demonstration told just before ("They
    threw stones at the police", "Police dispersed the protesters"): one event, whose kind
    all its sentences decide (ACLED codes a demonstration that turns violent a riot)."""
    if record.family != "demonstration" or mention.family not in ("violence", "strategic"):
        return False
    if v.ALL_SUB_EVENT_TYPES.get(mention.sub_event_type) == "Explosions/Remote violence":
        return False  # a bomb or a strike is an event of its own
    last = record.mentions[-1]
    # The very next sentence, even in a new paragraph: news gives the police's answer its own.
    if not 0 <= mention.sentence - last.sentence <= 1:
        return False
    named = " ".join(filter(None, (mention.actor1, mention.actor2, mention.after)))
    return mention.actor1 is None or v.DEMONSTRATORS_RE.search(named) is not None


def _same_place(record: Record, mention: EventMention, *, strict: bool = True) -> bool:
    """Whether the places may be one event's. Within a paragraph (``strict=False``) only two
    distant sites part events: a strike told "in Iraq", then "on Syrian territory", is one."""
    here, there = record.located, mention.located
    if here.place is None or there.place is None:
        return True
    if min(here.rank, there.rank) < 3:  # a country or region holds the site
        if not strict:
            return True
        a, b = here.place.get("country_code"), there.place.get("country_code")
        return a is None or b is None or a == b or here.rank <= 0 or there.rank <= 0
    distance = haversine_km(
        here.place["lat"], here.place["lon"], there.place["lat"], there.place["lon"]
    )
    return distance <= _SAME_PLACE_KM


def merge_mentions(mentions: Sequence[EventMention]) -> list[Record]:
    """Group sentence mentions into event records (see the module docstring for the rules)."""
    records: list[Record] = []
    recent: list[tuple[int, int, Record]] = []  # (position, order, record), by position

    def note(record: Record, m: EventMention, when: date | None, precision: str | None) -> None:
        record.add(m, when, precision)
        insort(recent, (m.start, len(recent), record), key=lambda x: (x[0], x[1]))

    # Reports first: they make the records that references then point to.
    last: tuple[int, Record] | None = None  # paragraph and record of the last report
    for m in mentions:
        if m.status != "new":
            continue
        when, precision = _date_of(m, (r for _, _, r in reversed(recent)))
        target = None
        if when is not None:
            target = next(
                (r for r in records if r.date and _fits(r, m, when, precision)
                 and _same_place(r, m)),
                None,
            )  # fmt: skip
        elif last is not None and (last[0] == m.paragraph or _during_demonstration(last[1], m)):
            candidate = last[1]
            if _fits(candidate, m, when, precision) and _same_place(candidate, m, strict=False):
                target = candidate
        if target is None and not m.specific:
            continue
        if target is None:
            target = Record()
            records.append(target)
        note(target, m, when, precision)
        last = (m.paragraph, target)

    # References, in reading order: the event last mentioned that fits, else the next one.
    for m in mentions:
        if m.status != "reference":
            continue
        told_before = bisect_left(recent, m.start, key=lambda x: x[0])
        when, precision = _date_of(m, _latest_first(recent, told_before))
        dated = when is not None and m.date is not None and not m.date.relative
        if dated:
            fitting = (r for r in records if r.date and _fits(r, m, when, precision))
        else:
            fitting = (
                r for r in _latest_first(recent, told_before) if _fits(r, m, when, precision)
            )
        found = next(fitting, None) or next(
            (r for r in records if r.first.start > m.start and _fits(r, m, when, precision)),
            None,
        )
        if found is not None:
            note(found, m, when, precision)
        elif (dated or m.fatalities is not None) and not m.statement:
            # Nothing told before or after fits: the reference is the only report of it.
            record = Record()
            records.append(record)
            note(record, m, when, precision)
    by_sentence = _SentenceIndex(records)
    _attach_casualties(by_sentence, mentions)
    _attach_fragments(by_sentence, mentions)
    records.sort(key=lambda r: r.first.start)
    return records


def _latest_first(recent: list[tuple[int, int, Record]], end: int) -> Iterator[Record]:
    """The records of ``recent[:end]``, the last mentioned first (read lazily: most searches
    stop at the first)."""
    for index in range(end - 1, -1, -1):
        yield recent[index][2]


def _date_of(m: EventMention, latest_first: Iterable[Record]) -> tuple[date | None, str | None]:
    """The mention's date, counting a relative one from the event last mentioned."""
    if m.date is None:
        return None, None
    if not m.date.relative:
        return m.date.date, m.date.precision
    for record in latest_first:
        if record.date is not None and record.precision == "day":
            return record.date + timedelta(days=m.date.offset_days or 0), "day"
    return None, None


class _SentenceIndex:
    """Which record holds a mention of which sentence: victims and cause fragments join an
    event told in the sentences around theirs, found here without reading every record."""

    def __init__(self, records: list[Record]) -> None:
        self.records = records
        self._at: dict[
            int, list[tuple[int, EventMention]]
        ] = {}  # sentence → (record order, mention)
        for order, record in enumerate(records):
            for m in record.mentions:
                self._at.setdefault(m.sentence, []).append((order, m))

    def holding(self, sentences: Iterable[int], paragraph: int) -> list[int]:
        """The records (their order) with a mention of one of ``sentences`` in ``paragraph``."""
        return sorted(
            {
                order
                for sentence in sentences
                for order, m in self._at.get(sentence, ())
                if m.paragraph == paragraph
            }
        )

    def owner(self, mention: EventMention) -> Record | None:
        found = (o for o, m in self._at.get(mention.sentence, ()) if m is mention)
        order = next(found, None)
        return None if order is None else self.records[order]

    def attach(self, order: int, mention: EventMention) -> None:
        self.records[order].attach(mention)
        self._at.setdefault(mention.sentence, []).append((order, mention))


def _attach_casualties(index: _SentenceIndex, mentions: Sequence[EventMention]) -> None:
    """Give each victims-only sentence to the event told just before it in its paragraph."""
    for m in mentions:
        if m.status != "casualty":
            continue
        for gap in range(1, CASUALTY_REACH + 1):
            orders = [
                order
                for order in index.holding([m.sentence - gap], m.paragraph)
                if index.records[order].family != "strategic"
            ]
            if orders:
                index.attach(orders[0], m)
                break


def _attach_fragments(index: _SentenceIndex, mentions: Sequence[EventMention]) -> None:
    """Give a cause fragment ("the death of X at K1 ... the cause of the strikes") to the
    neighbouring event that lacks victims or a place."""
    for m in mentions:
        if m.fragment is None:
            continue
        own = index.owner(m)
        around = (m.sentence - 1, m.sentence, m.sentence + 1)
        for order in index.holding(around, m.paragraph):
            record = index.records[order]
            if record is own or record.family != "violence":
                continue
            if not record.has_fatalities or record.located.rank < 3:
                index.attach(order, _fragment_mention(m))
                break


def _fragment_mention(m: EventMention) -> EventMention:
    """The fragment as a mention of its own, so the record counts its victims and place."""
    assert m.fragment is not None
    return EventMention(
        sentence=m.sentence,
        start=m.start,
        end=m.end,
        paragraph=m.paragraph,
        status="fragment",
        trigger="",
        trigger_start=m.start,
        sub_event_type=v.GENERIC,
        verb=False,
        date=None,
        fatalities=m.fragment.fatalities,
        injuries=None,
        located=m.fragment.located,
        actor1=None,
        actor2=None,
        civilians=False,
    )


# The next sentence, also when it opens the next paragraph (news gives the police its own).
_NEXT_SENTENCE_RE = re.compile(r"[^\S\n]*\n?[^\S\n]*[^\n]{0,300}?[.!?](?=\s|$)")


def _only_an_actor(located: Located, fallback: Located) -> bool:
    """ "Ukrainian forces killed 40 Russian soldiers": a people or a country named as an actor
    says whose forces, not where; a place the paragraph set before places the event."""
    return (
        located.rank <= 0
        and not located.cued
        and fallback.place is not None
        and fallback.rank > KIND_RANK["country"]
    )


def to_event(
    record: Record,
    text: str,
    document_id: str,
    fallback: Located | None = None,
    published: date | None = None,
) -> Event:
    """The ACLED-style :class:`~geomap.model.Event` of a record.

    Without a date of its own the event takes the publication date, day precision (ACLED
    dates a report that says no date by its publication).
    """
    located = record.located
    if fallback is not None and (located.place is None or _only_an_actor(located, fallback)):
        located = fallback
    mentions = record.mentions
    own = [m for m in mentions if m.status != "fragment"]
    fatalities = _max(m.fatalities for m in mentions)
    injuries = _max(m.injuries for m in own)
    # Actors from the reports first: a reference's "by" may name someone else's role.
    ordered = sorted(own, key=lambda m: m.status != "new")
    actor1 = next((m.actor1 for m in ordered if m.actor1), None)
    actor2 = next((m.actor2 for m in ordered if m.actor2 and m.actor2 != actor1), None)
    origin = next((m.located.origin for m in own if m.located.origin), None)
    sentences = sorted({(m.start, m.end) for m in mentions})
    first = record.first
    told = " ".join(text[s:e] for s, e in sentences)
    if record.family == "demonstration":
        # How a demonstration ended is often told next, without an event word of its own
        # ("The security forces fired tear gas to disperse them."): the codebook reads it too.
        following = _NEXT_SENTENCE_RE.match(text, sentences[-1][1])
        if following is not None:
            told = f"{told} {following.group().strip()}"
    codes = decide_codes(
        Evidence(
            trigger=first.kind,
            sub_event_type=record.sub_event_type,
            text=told,
            actor1=actor1,
            actor2=actor2,
            after=first.after,
            fatalities=fatalities,
            country=(located.place or {}).get("country_code"),
            actor1_country=next((m.actor1_country for m in ordered if m.actor1 == actor1), None),
            actor2_country=next((m.actor2_country for m in ordered if m.actor2 == actor2), None),
        )
    )
    when, precision = record.date, record.precision
    if when is None and published is not None:
        when, precision = published, "day"
    confidence = 0.4 + 0.15 * (record.date is not None) + 0.15 * located.cued
    confidence += 0.15 * bool(record.sub_event_type) + 0.15 * (fatalities is not None)
    return Event(
        event_type=codes.event_type,
        sub_event_type=codes.sub_event_type,
        date=when.isoformat() if when else None,
        date_precision=precision if when else None,
        place=located.place,
        geo_precision=located.geo_precision,
        where=located.where,
        actor1=actor1,
        actor2=actor2,
        fatalities=fatalities,
        injuries=injuries,
        origin=origin,
        sentences=[SourceSentence(text[s:e], s, e) for s, e in sentences],
        document=document_id,
        notes=" ".join(text[first.start : first.end].split())[:500],
        confidence=round(min(confidence, 1.0), 2),
        inter1=codes.inter1,
        inter2=codes.inter2,
        civilian_targeting=codes.civilian_targeting,
        reason=codes.reason,
    )


def _max(values: Any) -> int | None:
    found = [x for x in values if x is not None]
    return max(found) if found else None


def main_country(located: Sequence[Located]) -> Located | None:
    """The country the story names most: the place of last resort (precision 3)."""
    counts = Counter(
        o.place["country_code"]
        for o in located
        if o.place is not None and o.place.get("country_code")
    )
    if not counts:
        return None
    code = counts.most_common(1)[0][0]
    for o in located:
        if o.place is not None and o.place.get("country_code") == code:
            return o
    return None


_SAME_REPORT_KM = 10.0  # two articles' events this close (same type, same day) are one event


def merge_reports(events: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events of several articles, each event once: the same event told by two articles
    (same type, compatible dates, places within a few km) becomes one record whose
    ``sources`` lists every article, with the most precise date, the highest count of
    fatalities and every sentence. Events of one article are never merged here: its own
    reading already did. Input order is kept.

    >>> a = {"event_type": "Battles", "date": "2024-05-02", "date_precision": "day",
    ...      "place": {"lat": 10.0, "lon": 20.0}, "document": "a", "fatalities": 3}
    >>> b = dict(a, document="b", fatalities=5)
    >>> [(e["sources"], e["fatalities"]) for e in merge_reports([a, b])]
    [(['a', 'b'], 5)]
    """
    merged: list[dict[str, Any]] = []
    for event in events:
        source = str(event.get("document") or "")
        target = next((m for m in merged if _same_report(m, event, source)), None)
        if target is None:
            record = dict(event)
            record["sources"] = list(event.get("sources") or ([source] if source else []))
            merged.append(record)
            continue
        for name in event.get("sources") or [source]:
            if name and name not in target["sources"]:
                target["sources"].append(name)
        if _PRECISION_ORDER.get(event.get("date_precision") or "", 0) > _PRECISION_ORDER.get(
            target.get("date_precision") or "", 0
        ):
            target["date"], target["date_precision"] = event["date"], event["date_precision"]
        for key in ("fatalities", "injuries"):
            target[key] = _max([target.get(key), event.get(key)])
        target["sentences"] = list(target.get("sentences") or []) + list(
            event.get("sentences") or []
        )
    return merged


def _same_report(kept: dict[str, Any], event: dict[str, Any], source: str) -> bool:
    if not source or source in kept["sources"] or kept.get("event_type") != event.get("event_type"):
        return False
    a, b = kept.get("place") or {}, event.get("place") or {}
    if None in (a.get("lat"), b.get("lat")):
        return False
    if haversine_km(a["lat"], a["lon"], b["lat"], b["lon"]) > _SAME_REPORT_KM:
        return False
    dates = [
        (e["date"], e.get("date_precision") or "day") if e.get("date") else None
        for e in (kept, event)
    ]
    return compatible_dates(dates[0], dates[1])
