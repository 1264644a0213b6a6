"""The geoparser: a document's text → its place mentions, resolved in context.

This module wires the stages (recognise, resolve) for one document and for many; reading inputs
lives in :mod:`geomap.text`, writing outputs in :mod:`geomap.render`.

Examples
--------
>>> parser = Geoparser.open()  # doctest: +SKIP
>>> result = parser.parse(Document("a", "Rockets hit Taji, north of Baghdad."))  # doctest: +SKIP
>>> [(p.mention.text, p.place.country_code) for p in result.places]  # doctest: +SKIP
[('Taji', 'IQ'), ('Baghdad', 'IQ')]
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import Any

from geomap.gazetteer.store import Gazetteer, open_gazetteer
from geomap.geoparse.cues import facility_after
from geomap.geoparse.recognize import Recognizer
from geomap.geoparse.resolve import OnlineLookup, resolve_mentions
from geomap.model import Document, Event, Mention, ResolvedMention
from geomap.ner import EntityFinder, add_entities
from geomap.text.prepared import PreparedText, prepare_text

__all__ = ["Geoparser", "ParseResult"]


@dataclass(slots=True)
class ParseResult:
    """One document's places (and, once extracted, events)."""

    document: Document
    places: list[ResolvedMention]
    events: list[Event] = field(default_factory=list)  # dictionaries only at output

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.document.id,
            "published": self.document.published.isoformat() if self.document.published else None,
            "places": [place.to_dict() for place in self.places],
            "events": [event.to_dict() for event in self.events],
        }


class Geoparser:
    """Finds and resolves the places of documents with one gazetteer.

    Parameters
    ----------
    gazetteer
        Any gazetteer (:class:`~geomap.gazetteer.store.Gazetteer`): an open SQLite one, or
        another store offering lookups and its names.
    offline
        Never ask an online geocoder (the default); with ``False`` unsure mentions are looked up
        online and the answers cached.
    online
        The online geocoder to ask (by default the one the settings describe).
    ner
        Optional extra recogniser (see :mod:`geomap.ner`) whose place entities are added to
        the gazetteer's mentions.
    with_events
        Extract events too (the default); ``False`` gives the geoparser alone.
    event_model
        A learned event coder (:class:`geomap.events.learn.EventModel`) that codes each
        event's type, sub-type and actor categories; ``None``: the rules alone.
    """

    def __init__(
        self,
        gazetteer: Gazetteer,
        *,
        offline: bool = True,
        online: OnlineLookup | None = None,
        ner: EntityFinder | None = None,
        with_events: bool = True,
        event_model: Any = None,
    ) -> None:
        self.gazetteer = gazetteer
        self.event_model = event_model
        self.recognizer = Recognizer.for_gazetteer(gazetteer)
        self.offline = offline
        self.online = online
        # Offline, the online answers cached in the gazetteer's database, read through one
        # connection for every document (opening one per document was most of the reading).
        self._cached: OnlineLookup | None = None
        self.ner = ner
        self.with_events = with_events

    @classmethod
    def open(
        cls,
        db_path: str | Path | None = None,
        *,
        offline: bool = True,
        ner: EntityFinder | None = None,
        with_events: bool = True,
        event_model: Any = None,
    ) -> Geoparser:
        """A geoparser over the default (or given) gazetteer, which must exist (opening never
        builds one: see :func:`geomap.gazetteer.build.ensure_built`)."""
        return cls(
            open_gazetteer(db_path),
            offline=offline,
            ner=ner,
            with_events=with_events,
            event_model=event_model,
        )

    def mentions(self, text: str, prepared: PreparedText | None = None) -> list[Mention]:
        """Every place mention of ``text``: the gazetteer's, plus the NER back end's."""
        mentions = self.recognizer.mentions(text, prepared)
        return add_entities(text, mentions, self.ner) if self.ner else mentions

    def parse(self, document: Document, *, event_model: Any = None) -> ParseResult:
        """Find every place mention of ``document``, resolve it, and extract the events.

        Events are dated against ``document.published``, else a date found in its metadata.
        ``event_model`` codes them instead of the parser's own (``self.event_model``).
        """
        from geomap.events import extract_events, publication_date

        # Boilerplate, dateline and sentences: scanned once, read by recognition and events.
        prepared = prepare_text(document.text)
        places = self._resolve(document.text, self.mentions(document.text, prepared))
        if not self.with_events:
            return ParseResult(document, places)
        published = document.published or publication_date(document)
        events = extract_events(
            document,
            places,
            published=published,
            event_model=event_model or self.event_model,
            prepared=prepared,
        )
        return ParseResult(document, places, events)

    def parse_spans(self, document: Document, spans: Sequence[tuple[int, int]]) -> ParseResult:
        """Resolve given spans only (resolution-only evaluation): one entry per span, in order.

        A span that is empty or outside the text resolves to no place. A span the recogniser
        also found keeps what it learned (demonym, dateline, facility). The places the
        recogniser finds elsewhere in the text are context, as in :meth:`parse`, but not
        output: an article about "Santa Maria" that names Santa Barbara County and California
        is about the town in California, whichever spans were given.
        """
        text = document.text
        recognised = self.mentions(text)
        found = {(m.start, m.end): m for m in recognised}
        mentions = [self._span_mention(text, start, end, found) for start, end in spans]
        given = sorted(range(len(mentions)), key=lambda i: (mentions[i].start, mentions[i].end))
        context = _outside(recognised, [mentions[i] for i in given])
        # Resolution reads neighbours in text order ("Greenville, Illinois"), so given spans
        # and context are merged by offset; only the given spans' results are returned.
        order = sorted(
            [(mentions[i].start, mentions[i].end, i) for i in given]
            + [(m.start, m.end, -1 - n) for n, m in enumerate(context)]
        )
        merged = [mentions[i] if i >= 0 else context[-1 - i] for _, _, i in order]
        results = self._resolve(text, merged)
        by_span = {i: result for (_, _, i), result in zip(order, results, strict=True) if i >= 0}
        return ParseResult(document, [by_span[i] for i in range(len(mentions))])

    def _resolve(self, text: str, mentions: list[Mention]) -> list[ResolvedMention]:
        if self.offline and self._cached is None:
            from geomap.gazetteer.lookup import default_online_geocoder

            self._cached = default_online_geocoder(self.gazetteer, offline=True)
        return resolve_mentions(
            text,
            mentions,
            self.gazetteer,
            offline=self.offline,
            online=self.online,
            cached=self._cached,
            english=self.recognizer.english,
        )

    def _span_mention(
        self, text: str, start: int, end: int, found: dict[tuple[int, int], Mention]
    ) -> Mention:
        start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
        if (start, end) in found:
            return found[(start, end)]
        surface = text[start:end]
        alone = self.recognizer.mentions(surface) if surface.strip() else []
        whole = next((m for m in alone if m.start == 0 and m.end == len(surface)), None)
        return Mention(
            surface,
            start,
            end,
            role=whole.role if whole else "toponym",
            facility=facility_after(text, start, end),
            normalized=whole.normalized if whole else "",
        )


def _outside(found: list[Mention], given: list[Mention]) -> list[Mention]:
    """The recognised mentions that overlap no given span (``given`` sorted by start)."""
    starts = [span.start for span in given]
    reach = list(accumulate((span.end for span in given), max))  # furthest end so far
    kept = []
    for mention in found:
        if mention.role == "demonym":
            continue  # "French immersion", "the English program": a language as often as a people
        # Some span overlaps the mention when one starting before its end ends after its start.
        before = bisect_left(starts, mention.end)
        if before == 0 or reach[before - 1] <= mention.start:
            kept.append(mention)
    return kept
