"""An optional named-entity back end that adds place names the gazetteer lacks.

geomap's own recogniser (:mod:`geomap.geoparse.recognize`) finds every name the gazetteer knows. A
statistical NER model also finds names it does not know ("Moore's Ford", a new settlement), which
then go to the online fallback. It is a plug-in: any callable from text to ``(start, end, label)``
spans works; :class:`SpacyEntities` wraps any installed English spaCy pipeline.

It is not the default: on the benchmarks it costs throughput by an order of magnitude for a small
gain in recall (see docs/BENCHMARKS.md).

Examples
--------
>>> spans = lambda text: [(0, 11, "GPE")]
>>> [m.text for m in add_entities("Xqz Heights was shelled.", [], spans)]
['Xqz Heights']
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from geomap.errors import InputError
from geomap.model import Mention

__all__ = ["PLACE_LABELS", "EntityFinder", "SpacyEntities", "add_entities"]

#: spaCy (OntoNotes) labels of places: countries/cities/states, other locations, facilities.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

EntityFinder = Callable[[str], Sequence[tuple[int, int, str]]]


class SpacyEntities:
    """Place entities from an installed spaCy pipeline, with only its NER component running.

    Parameters
    ----------
    model
        The pipeline's package name, e.g. ``en_core_web_sm``.
    """

    def __init__(self, model: str = "en_core_web_sm") -> None:
        try:
            import spacy
        except ImportError:
            raise InputError(
                "the spaCy back end needs spaCy: pip install spacy and an English "
                "pipeline such as en_core_web_sm"
            ) from None
        try:
            nlp = spacy.load(model)
        except OSError:
            raise InputError(f"spaCy pipeline {model!r} is not installed") from None
        self._nlp = spacy.load(model, disable=[p for p in nlp.pipe_names if p != "ner"])

    def __call__(self, text: str) -> list[tuple[int, int, str]]:
        return [(e.start_char, e.end_char, e.label_) for e in self._nlp(text).ents]


def add_entities(text: str, mentions: Sequence[Mention], finder: EntityFinder) -> list[Mention]:
    """``mentions`` plus the place entities ``finder`` sees that overlap none of them."""
    taken = [(m.start, m.end) for m in mentions]
    added = []
    for start, end, label in finder(text):
        if label not in PLACE_LABELS or not text[start:end].strip():
            continue
        if any(start < other_end and other_start < end for other_start, other_end in taken):
            continue
        added.append(Mention(text[start:end], start, end, role="toponym"))
        taken.append((start, end))
    return sorted([*mentions, *added], key=lambda m: m.start)
