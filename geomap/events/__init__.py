"""Event extraction: a parsed document → ACLED-style event records.

What happened (ACLED event type and sub-type), when (resolved against the publication date, with
a precision), where (the place the words tie to the event, with ACLED's geo_precision and,
when stated, the origin), who (actors as written), how many killed and injured, and the
sentences it was read from. One event told in several sentences is one record.

Rules are data (:mod:`geomap.events.vocabulary`), read by small modules: :mod:`.dates`,
:mod:`.numbers`, :mod:`.actors`, :mod:`.locate`, :mod:`.detect` (one sentence) and
:mod:`.merge` (the document). No model, linear in the text's length.

Examples
--------
>>> from datetime import date
>>> from geomap.model import Document
>>> doc = Document("d", "Protesters rallied outside parliament on Monday.")
>>> [(e.event_type, e.sub_event_type, e.date)
...  for e in extract_events(doc, [], published=date(2024, 5, 8))]
[('Protests', 'Peaceful protest', '2024-05-06')]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from geomap.events.dates import find_dates
from geomap.events.detect import EventMention, detect_sentence
from geomap.events.locate import Located, MentionsInOrder, scene_place, usable
from geomap.events.merge import CASUALTY_REACH, main_country, merge_mentions, to_event
from geomap.model import Document, Event, ResolvedMention
from geomap.text.clean import is_boilerplate
from geomap.text.prepared import PreparedText, prepare_text
from geomap.text.read import parse_iso_date

if TYPE_CHECKING:
    from geomap.events.learn import EventModel

__all__ = ["evaluate", "extract_events", "load_model", "publication_date", "train"]

# A learned coder (geomap events train) is loaded on first use: parsing without one never
# imports it.
_LEARNED = frozenset({"evaluate", "load_model", "train"})


def __getattr__(name: str) -> Any:
    if name in _LEARNED:
        from geomap.events import learn

        return getattr(learn, name)
    raise AttributeError(f"module 'geomap.events' has no attribute {name!r}")


_NEWLINE_RE = re.compile("\n")
_HEAD_CHARS = 400  # a date written at the top of an article dates it
# Without a publication date to count from, only a date that writes its year ("June 3, 2019",
# "2019-06-03") is the date of a day: each holds these digits (as dates.py writes a year).
_YEAR_RE = re.compile(r"(?:19|20)\d\d")


def extract_events(
    document: Document,
    places: Sequence[ResolvedMention],
    *,
    published: date | None,
    event_model: EventModel | None = None,
    prepared: PreparedText | None = None,
) -> list[Event]:
    """The events ``document`` reports, in the order it first tells them.

    Parameters
    ----------
    document
        The article.
    places
        Its resolved place mentions (:meth:`geomap.geoparse.parser.Geoparser.parse`), any order.
    published
        The publication date: dates without a year and "yesterday" count from it; later dates
        are refused. Without it, such dates stay unknown.
    event_model
        A learned coder (:func:`geomap.events.learn.load_model`): it codes each event's type,
        sub-type and actor categories from its sentences (:mod:`geomap.events.coder`).
    prepared
        The text's boilerplate and sentences (:func:`geomap.text.prepared.prepare_text`) when
        an earlier stage made them; otherwise they are found here.
    """
    text = document.text
    places = MentionsInOrder(places)  # each sentence bisects for its own
    if prepared is None or prepared.text != text:
        prepared = prepare_text(text)
    boilerplate = prepared.boilerplate
    line_starts = [0] + [m.end() for m in _NEWLINE_RE.finditer(text)]
    mentions: list[EventMention] = []
    last_event: tuple[int, int] | None = None  # (sentence, paragraph) of the last violent event
    for index, (start, end) in enumerate(prepared.sentences):
        if boilerplate and is_boilerplate(boilerplate, start, end):
            continue  # (most texts have none: no call per sentence)
        paragraph = bisect_right(line_starts, start)
        after_event = (
            last_event is not None
            and last_event[1] == paragraph
            and index - last_event[0] <= CASUALTY_REACH
        )
        found = detect_sentence(
            text, start, end, places, published, index, paragraph, after_event=after_event
        )
        if found is not None:
            mentions.append(found)
            if found.status != "casualty" and found.family != "strategic":
                last_event = (index, paragraph)
    records = merge_mentions(mentions)
    country = main_country(
        [
            Located(r.place.place_dict(), 3, r.mention.text, 1)
            for r in places
            if usable(r) and r.place is not None and r.place.kind == "country"
        ]
    )
    events: list[Event] = []
    previous: tuple[int, Located] | None = None
    for record in records:
        fallback = country
        if record.located.place is None or record.located.rank <= 0:
            # "In X (District), troops surrounded the village. They arrested two men.": the
            # paragraph's earlier sentences set the scene of an event told without a place.
            paragraph_start = line_starts[record.first.paragraph - 1]
            scene = scene_place(text, places, paragraph_start, record.first.start)
            if scene.place is not None:
                fallback = scene
        if previous is not None and previous[0] == record.first.paragraph:
            inherited = previous[1]
            fallback = Located(
                inherited.place, max(2, inherited.geo_precision or 3), inherited.where,
                inherited.rank,
            )  # fmt: skip
        event = to_event(record, text, document.id, fallback, published)
        if event_model is not None:
            from geomap.events.coder import code_event

            code_event(event_model, event)
        events.append(event)
        located = record.located
        if located.place is not None:
            previous = (record.first.paragraph, located)
    return events


def publication_date(document: Document) -> date | None:
    """The date ``document`` was published: its own field, its metadata, or a full date
    ("March 12, 2020") at the top of its text.

    >>> publication_date(Document("d", "KABUL, May 3, 2021 (AP) - Rockets hit the city."))
    datetime.date(2021, 5, 3)
    """
    if document.published is not None:
        return document.published
    for key in ("published", "date", "datePublished"):
        found = parse_iso_date(document.meta.get(key))
        if found is not None:
            return found
    head = min(len(document.text), _HEAD_CHARS)
    if _YEAR_RE.search(document.text, 0, head) is None:
        return None  # no year written: no date of a day (most texts; a scan spared)
    for mention in find_dates(document.text, None, 0, head):
        if mention.date is not None and mention.precision == "day":
            return mention.date
    return None
