"""CSV tables from parse results, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO, Any

__all__ = [
    "EVENT_TABLE_COLUMNS",
    "PLACE_COLUMNS",
    "event_table_row",
    "neutralise_cell",
    "write_event_table",
    "write_places_csv",
]

PLACE_COLUMNS = (
    "document",
    "text",
    "start",
    "end",
    "mention",
    "boilerplate",
    "name",
    "lat",
    "lon",
    "country_code",
    "admin1",
    "kind",
    "source",
    "id",
    "confidence",
    "reason",
)


def neutralise_cell(value: Any) -> Any:
    """Defuse spreadsheet formula injection: text starting with = + - @ gets a quote.

    >>> neutralise_cell("=HYPERLINK(1)"), neutralise_cell("-12"), neutralise_cell(-12)
    ("'=HYPERLINK(1)", "'-12", -12)
    """
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def write_places_csv(results: Iterable[dict[str, Any]], handle: IO[str]) -> None:
    """One row per place mention; unresolved mentions have empty coordinates."""
    writer = csv.DictWriter(handle, fieldnames=PLACE_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for result in results:
        if "error" in result:
            continue
        for mention in result.get("places", []):
            row = {k: v for k, v in mention.items() if k != "place"}
            row.update(mention.get("place") or {})
            row["text"] = mention["text"]
            row["document"] = result.get("id")
            writer.writerow({k: neutralise_cell(v) for k, v in row.items()})


#: Columns of ``geomap parse --format csv``: ACLED's names and order, plus injuries.
EVENT_TABLE_COLUMNS = (
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "inter1",
    "actor2",
    "inter2",
    "civilian_targeting",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "injuries",
)
# ACLED's time_precision codes: 1 the day is known, 2 the week, 3 only the month (or less).
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}


def event_table_row(event: dict[str, Any], source: str = "") -> dict[str, Any]:
    """The ACLED-like row of one event dictionary (:meth:`geomap.model.Event.to_dict`).

    ``country`` is the ISO 3166-1 alpha-2 code; ``source`` the document.

    >>> row = event_table_row({"date": "2020-03-11", "date_precision": "day",
    ...                        "place": {"name": "Taji", "lat": 33.5, "lon": 44.3}})
    >>> row["event_date"], row["time_precision"], row["location"]
    ('2020-03-11', 1, 'Taji')
    """
    place = event.get("place") or {}
    return {
        "event_date": event.get("date"),
        "time_precision": _TIME_PRECISION.get(event.get("date_precision") or ""),
        "event_type": event.get("event_type"),
        "sub_event_type": event.get("sub_event_type"),
        "actor1": event.get("actor1"),
        "inter1": event.get("inter1"),
        "actor2": event.get("actor2"),
        "inter2": event.get("inter2"),
        # ACLED writes "Civilian targeting" when civilians were the target, else leaves it empty
        "civilian_targeting": "Civilian targeting" if event.get("civilian_targeting") else None,
        "country": place.get("country_code"),
        "admin1": place.get("admin1"),
        "location": place.get("name"),
        "latitude": place.get("lat"),
        "longitude": place.get("lon"),
        "geo_precision": event.get("geo_precision"),
        "source": event.get("document") or source,
        "notes": event.get("notes"),
        "fatalities": event.get("fatalities"),
        "injuries": event.get("injuries"),
    }


def write_event_table(
    results: Iterable[dict[str, Any]], handle: IO[str], *, non_acled: bool = False
) -> int:
    """One ACLED-like row per event of the parse ``results``; returns the number of rows.

    Events of geomap's own non-ACLED types (disasters, accidents, crime) are left out unless
    ``non_acled``: an ACLED table holds political violence and demonstrations only. Text cells
    that a spreadsheet would run as a formula are quoted (:func:`neutralise_cell`).
    """
    from geomap.events.vocabulary import NON_ACLED_EVENT_TYPES

    writer = csv.DictWriter(handle, fieldnames=EVENT_TABLE_COLUMNS)
    writer.writeheader()
    rows = 0
    for result in results:
        if "error" in result:
            continue
        for event in result.get("events") or []:
            if not non_acled and event.get("event_type") in NON_ACLED_EVENT_TYPES:
                continue
            row = event_table_row(event, result.get("id") or "")
            writer.writerow({k: neutralise_cell(v) for k, v in row.items()})
            rows += 1
    return rows
