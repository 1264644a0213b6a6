"""Long documents: the events stage reads each place mention, and merging each sentence
mention, a number of times that does not grow with the document (it grew with it: the time
was quadratic, a 1 MB line took minutes)."""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from typing import Any

from geomap.events import extract_events
from geomap.events.detect import EventMention, detect_sentence
from geomap.events.merge import merge_mentions
from geomap.model import Document, ResolvedMention

PUBLISHED = date(2023, 5, 20)
# Linear (or n log n) work keeps the reads per item nearly flat from n to 4n; quadratic work
# multiplies them by 4.
_GROWTH_ALLOWED = 1.6


class _Counter:
    reads = 0


class _CountedPlace(ResolvedMention):
    """A resolved mention that counts how often its mention is read."""

    __slots__ = ()

    def __getattribute__(self, name: str) -> Any:
        if name == "mention":
            _Counter.reads += 1
        return super().__getattribute__(name)


class _CountedMention(EventMention):
    """A sentence mention that counts reads of its fields."""

    __slots__ = ()

    def __getattribute__(self, name: str) -> Any:
        _Counter.reads += 1
        return super().__getattribute__(name)


def _copy(item: Any, cls: type) -> Any:
    return cls(**{f.name: getattr(item, f.name) for f in fields(item)})


def _story(repeats: int) -> str:
    """Events with places, one a sentence, over many days, and a victims-only sentence."""
    sentences = [
        "Gunmen attacked a checkpoint in Mosul on May {day}, killing two policemen.",
        "Rockets struck a base near Kirkuk on May {day}.",
        "The attack wounded three soldiers.",
    ]
    return " ".join(s.format(day=1 + n % 18) for n in range(repeats) for s in sentences)


def _place_reads_per_place(geoparser: Any, repeats: int) -> float:
    text = _story(repeats)
    places = geoparser.parse(Document("t", text, published=PUBLISHED)).places
    counted = [_copy(r, _CountedPlace) for r in places]
    assert len(counted) >= 2 * repeats
    _Counter.reads = 0
    assert extract_events(Document("t", text), counted, published=PUBLISHED)
    return _Counter.reads / len(counted)


def test_events_stage_reads_each_place_a_bounded_number_of_times(geoparser):
    small, large = (_place_reads_per_place(geoparser, n) for n in (50, 200))
    assert large <= _GROWTH_ALLOWED * small


def _merge_reads_per_mention(count: int) -> float:
    sentence = "Rebels shelled the town on May 3, killing four civilians."
    text = " ".join([sentence] * count)
    mentions = []
    for index in range(count):
        start = index * (len(sentence) + 1)
        found = detect_sentence(text, start, start + len(sentence), [], PUBLISHED, index, 0)
        assert found is not None
        mentions.append(_copy(found, _CountedMention))
    _Counter.reads = 0
    records = merge_mentions(mentions)
    assert len(records) == 1 and len(records[0].mentions) == count  # one event told many times
    return _Counter.reads / count


def test_merging_one_event_told_many_times_reads_each_mention_a_bounded_number_of_times():
    small, large = (_merge_reads_per_mention(n) for n in (100, 400))
    assert large <= _GROWTH_ALLOWED * small
