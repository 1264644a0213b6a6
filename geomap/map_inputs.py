"""What ``geomap map`` reads: articles, parse output, event files or tables → events to draw.

This is wiring, not rendering: articles are parsed and tables geocoded here, and the renderers
(:mod:`geomap.render`) only ever take the results.

Each input is recognised by its suffix (and, for JSON, its content):

- ``.geojson``, or ``.json`` holding a FeatureCollection: events written by geomap (or any points);
- ``.json`` / ``.jsonl`` holding ``geomap parse`` output: its events and places;
- ``.csv`` / ``.tsv``: events with latitude/longitude columns, or, with ``place_column``, a table
  whose place names are geocoded through the gazetteer;
- anything else (``.txt``, ``.html``, ``.jsonl`` articles, directories, ``-``): articles, parsed.

Problems with single rows or inputs are collected as messages; the rest is still mapped.

Examples
--------
>>> collected = collect_inputs([])
>>> collected.events, collected.places, collected.problems
([], [], [])
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from geomap.errors import InputError
from geomap.render.records import events_from_results, places_without_events, read_events

__all__ = ["Collected", "collect_inputs"]

_TABLE_SUFFIXES = frozenset({".csv", ".tsv", ".tab"})


@dataclass(slots=True)
class Collected:
    """Everything the inputs gave: events, places without events, and what went wrong."""

    events: list[dict[str, Any]] = field(default_factory=list)
    places: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    inputs_failed: int = 0
    inputs_read: int = 0


def collect_inputs(
    sources: Sequence[str],
    *,
    published: date | None = None,
    offline: bool = True,
    db_path: str | Path | None = None,
    place_column: str | None = None,
    country_column: str | None = None,
    date_column: str | None = None,
    type_column: str | None = None,
    fatalities_column: str | None = None,
    label_column: str | None = None,
    exclude: Sequence[str | Path] = (),
    event_model: str | os.PathLike[str] | None = None,
) -> Collected:
    """Read every source into one :class:`Collected`.

    Parameters
    ----------
    sources
        Paths (files or directories) or ``-`` for standard input.
    published
        Publication date given to articles (their relative dates are read against it).
    offline
        Never ask an online geocoder.
    db_path
        Gazetteer database (default: the settings').
    place_column, country_column, date_column, type_column, fatalities_column, label_column
        For tables: the column of place names to geocode, and optional columns of countries,
        dates, event types, fatalities and the text shown first in the feed and popup.
    exclude
        Files a directory or a glob finds that are not read as articles (this run's outputs).
    event_model
        Path of a learned event coder (``geomap events train``) that codes the articles' events.

    Raises
    ------
    InputError
        When a table lacks a named column, or an events CSV has no coordinates and no
        ``place_column`` was given: the whole input is unusable, not one row.
    """
    collected = Collected()
    articles: list[str] = []
    for source in sources:
        path = Path(source)
        suffix = path.suffix.lower()
        if source != "-" and path.is_file() and suffix in {".json", ".jsonl"}:
            results = _parse_output(path)
            if results is not None:
                collected.inputs_read += 1
                collected.events += events_from_results(results)
                collected.places += places_without_events(results)
                continue
        if source != "-" and suffix in {".geojson", ".json"}:
            _add(collected, *read_events(path))
            continue
        if source != "-" and suffix in _TABLE_SUFFIXES:
            if place_column:
                _add(
                    collected,
                    *_table_events(
                        path,
                        place_column,
                        country_column,
                        {
                            "date_column": date_column,
                            "type_column": type_column,
                            "fatalities_column": fatalities_column,
                            "label_column": label_column,
                        },
                        db_path=db_path,
                        offline=offline,
                    ),
                )
            else:
                _add(collected, *read_events(path))
            continue
        articles.append(source)
    if articles:
        _parse_articles(
            collected,
            articles,
            published,
            offline=offline,
            db_path=db_path,
            exclude=exclude,
            event_model=event_model,
        )
    return collected


def _add(collected: Collected, events: list[dict[str, Any]], problems: list[str]) -> None:
    collected.inputs_read += 1
    collected.events += events
    collected.problems += problems


def _parse_output(path: Path) -> list[dict[str, Any]] | None:
    """The results of ``geomap parse`` saved as JSON or JSON Lines, or ``None`` if not that."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path}: {exc}") from exc
    try:
        if path.suffix.lower() == ".jsonl":
            first = next((line for line in text.splitlines() if line.strip()), "")
            if '"places"' not in first:
                return None  # articles (id, text per line): parsed as such
            data: Any = [json.loads(line) for line in text.splitlines() if line.strip()]
        else:
            data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON ({exc.msg}, line {exc.lineno})") from exc
    items = data if isinstance(data, list) else [data]
    if items and all(isinstance(i, dict) and ("places" in i or "error" in i) for i in items):
        return items
    return None


def _table_events(
    path: Path,
    place_column: str,
    country_column: str | None,
    columns: dict[str, str | None],
    *,
    db_path: str | Path | None,
    offline: bool,
) -> tuple[list[dict[str, Any]], list[str]]:
    from geomap.tables import frame_events, geocode_frame, read_table

    frame = geocode_frame(
        read_table(path), place_column, country_column, db_path=db_path, offline=offline
    )
    return frame_events(frame, place_column, source=str(path), **columns)


def _parse_articles(
    collected: Collected,
    sources: Iterable[str],
    published: date | None,
    *,
    offline: bool,
    db_path: str | Path | None,
    exclude: Sequence[str | Path] = (),
    event_model: str | os.PathLike[str] | None = None,
) -> None:
    """Parse articles as ``geomap parse`` does: a document that cannot be read or parsed is a
    problem reported, and the others are still mapped."""
    from geomap.batch import parse_stream

    results = []
    for record in parse_stream(
        list(sources),
        db_path=db_path,
        offline=offline,
        date=published,
        stdin=sys.stdin,
        exclude=exclude,
        event_model=event_model,
    ):
        collected.inputs_read += 1
        if "error" in record:
            collected.inputs_failed += 1
            error = record["error"]
            source = record.get("source") or record["id"]
            collected.problems.append(error if source in error else f"{source}: {error}")
            continue
        results.append(record)
    collected.events += events_from_results(results)
    collected.places += places_without_events(results)
