"""CSV tables from parse results, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO, Any

__all__ = ["PLACE_COLUMNS", "neutralise_cell", "write_places_csv"]

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
