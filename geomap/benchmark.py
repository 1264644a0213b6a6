"""Running geomap over an annotated corpus and scoring it (``geomap eval``).

The metrics themselves live in :mod:`geomap.evaluate`; this module makes the predictions.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from geomap.evaluate import (
    GoldToponym,
    Prediction,
    evaluate_end_to_end,
    evaluate_resolution,
    gold_toponyms,
    load_corpus,
)
from geomap.gazetteer.boundaries import country_at
from geomap.gazetteer.names import fold
from geomap.gazetteer.store import Gazetteer
from geomap.geoparse import Geoparser
from geomap.model import Document, ResolvedMention
from geomap.ner import EntityFinder

__all__ = ["predictions_for", "run_evaluation"]

_COUNTRY_LEVEL = {"country", "continent"}


def _prediction(resolved: ResolvedMention) -> Prediction:
    place = resolved.place
    return Prediction(
        start=resolved.mention.start,
        end=resolved.mention.end,
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        country_code=place.country_code if place else None,
        kind=place.kind if place else None,
    )


def predictions_for(parser: Geoparser, doc: dict[str, Any], mode: str) -> list[Prediction | None]:
    document = Document(id=str(doc["id"]), text=doc["text"])
    if mode == "resolution":
        spans = [(t.start, t.end) for t in gold_toponyms(doc)]
        result = parser.parse_spans(document, spans)
        return [_prediction(r) if r.place else None for r in result.places]
    result = parser.parse(document)
    # The corpora annotate demonyms ("Iraqi") as toponyms of their country (LGL, GeoWebNews).
    return [_prediction(r) for r in result.places]


def _country_level(gazetteer: Gazetteer) -> Callable[[GoldToponym, Prediction | None], bool]:
    def is_country_level(gold: GoldToponym, prediction: Prediction | None) -> bool:
        try:
            top = gazetteer.lookup(gold.name, limit=1)
        except Exception:
            return False
        return (
            bool(top) and top[0].kind in _COUNTRY_LEVEL and fold(top[0].matched) == fold(gold.name)
        )

    return is_country_level


def run_evaluation(
    corpus: Path,
    *,
    mode: str = "resolution",
    db_path: str | None = None,
    limit: int | None = None,
    ner: EntityFinder | None = None,
) -> dict[str, Any]:
    """Score geomap (offline) on a corpus in the format of ``shared/bench``.

    A document whose parsing fails counts as resolving nothing; it is listed under ``failed``
    (``{"id", "error"}``).
    """
    docs = load_corpus(corpus)
    if limit:
        docs = docs[:limit]
    parser = Geoparser.open(db_path, offline=True, ner=ner, with_events=False)
    predictions: dict[str, list[Prediction | None]] = {}
    failed: list[dict[str, str]] = []
    for doc in docs:
        try:
            predictions[str(doc["id"])] = predictions_for(parser, doc, mode)
        except Exception as exc:  # one bad document must not end the run: it scores as missed
            failed.append({"id": str(doc["id"]), "error": f"{type(exc).__name__}: {exc}"})
    country_level = _country_level(parser.gazetteer)
    if mode == "resolution":
        result = evaluate_resolution(
            docs, predictions, country_of=country_at, is_country_level=country_level
        )
    else:
        # End to end, every prediction is a found place (no None).
        found = {key: [p for p in found if p is not None] for key, found in predictions.items()}
        result = evaluate_end_to_end(
            docs, found, country_of=country_at, is_country_level=country_level
        )
    result["failed"] = failed
    return result
