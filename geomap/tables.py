"""Tables of place names: geocode a pandas column through the gazetteer, map the rows.

Examples
--------
>>> import pandas as pd
>>> frame = pd.DataFrame({"location": ["Baghdad", "Kirkuk"], "deaths": [3, 1]})
>>> out = geocode_frame(frame, "location", gazetteer=open_gazetteer())   # doctest: +SKIP
>>> out[["location", "country_code", "kind"]].values.tolist()           # doctest: +SKIP
[['Baghdad', 'IQ', 'city'], ['Kirkuk', 'IQ', 'city']]
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap.errors import GeomapError, InputError
from geomap.gazetteer import Gazetteer, geocode, open_gazetteer

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["GEOCODE_COLUMNS", "frame_events", "geocode_frame", "read_table"]

#: Columns :func:`geocode_frame` adds (or overwrites).
GEOCODE_COLUMNS = ("lat", "lon", "country_code", "kind", "confidence", "place_id")


def read_table(path: str | Path) -> pd.DataFrame:
    """A CSV (or, by suffix, TSV) file as a DataFrame of strings; a one-line error otherwise."""
    import pandas as pd

    path = Path(path)
    separator = "\t" if path.suffix.lower() in {".tsv", ".tab"} else ","
    try:
        return pd.read_csv(
            path, sep=separator, dtype=str, keep_default_na=False, encoding="utf-8-sig"
        )
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError(f"cannot read the table {path}: {exc}") from exc


def geocode_frame(
    frame: pd.DataFrame,
    place_column: str,
    country_column: str | None = None,
    *,
    gazetteer: Gazetteer | None = None,
    db_path: str | Path | None = None,
    kind: str | None = None,
    offline: bool = True,
) -> pd.DataFrame:
    """A copy of ``frame`` with the best gazetteer match of each row's place name.

    Parameters
    ----------
    frame
        Any DataFrame.
    place_column
        Column of place names.
    country_column
        Optional column of ISO alpha-2 codes or country names that narrows each lookup.
    gazetteer
        An open gazetteer (default: :func:`geomap.gazetteer.open_gazetteer` on ``db_path``).
    kind
        Only places of this kind (``city``, ``country``, ...).
    offline
        Never ask the online fallback (the default).

    Returns
    -------
    pandas.DataFrame
        The rows of ``frame`` with :data:`GEOCODE_COLUMNS` added: ``lat``, ``lon``,
        ``country_code``, ``kind``, ``confidence`` (the lookup score, 0–1) and ``place_id``.
        Rows whose name is empty or not found have missing values there. Each distinct
        (name, country) pair is looked up once.

    Raises
    ------
    InputError
        When a named column does not exist (the message lists the columns that do).
    """
    for column in (place_column, country_column):
        if column is not None and column not in frame.columns:
            names = ", ".join(map(str, frame.columns)) or "none"
            raise InputError(f"no column {column!r} in the table; its columns are: {names}")
    gazetteer = gazetteer or open_gazetteer(db_path)
    countries = frame[country_column] if country_column else [None] * len(frame)
    found: dict[tuple[str, str | None], dict[str, Any]] = {}
    rows = []
    for name, country in zip(frame[place_column], countries, strict=True):
        query = (_text(name), _country_code(gazetteer, _text(country)))
        if query not in found:
            found[query] = _lookup(gazetteer, *query, kind=kind, offline=offline)
        rows.append(found[query])
    result = frame.copy()
    for column in GEOCODE_COLUMNS:
        result[column] = [row.get(column) for row in rows]
    return result


def frame_events(
    frame: pd.DataFrame,
    place_column: str,
    *,
    date_column: str | None = None,
    source: str = "",
) -> tuple[list[dict[str, Any]], list[str]]:
    """Event records from a geocoded frame, and one problem message per row not mapped.

    ``event_type`` comes from a column of that name when the table has one; every other
    column goes into the popup's notes. Row numbers count the header as row 1.
    """
    if date_column is not None and date_column not in frame.columns:
        names = ", ".join(map(str, frame.columns))
        raise InputError(f"no column {date_column!r} in the table; its columns are: {names}")
    type_column = next((c for c in frame.columns if str(c).lower() == "event_type"), None)
    described = [c for c in frame.columns if c not in {*GEOCODE_COLUMNS, place_column}]
    events: list[dict[str, Any]] = []
    problems: list[str] = []
    for number, (_, row) in enumerate(frame.iterrows(), start=2):
        name = _text(row[place_column])
        lat, lon = row["lat"], row["lon"]
        located = _present(lat) and _present(lon)
        if not located:
            problems.append(
                f"{source} row {number}: "
                + (f"{name!r} not found in the gazetteer" if name else "no place name")
                + "; not mapped"
            )
        notes = "; ".join(f"{column}: {row[column]}" for column in described if _text(row[column]))
        events.append(
            {
                "event_type": _text(row[type_column]) if type_column else "Table row",
                "sub_event_type": "",
                "date": _iso_date(row[date_column]) if date_column else None,
                "date_precision": "day" if date_column and _iso_date(row[date_column]) else None,
                "place": {
                    "name": name,
                    "lat": float(lat),
                    "lon": float(lon),
                    "country_code": row["country_code"],
                    "kind": row["kind"],
                    "id": row["place_id"],
                }
                if located
                else None,
                "geo_precision": None,
                "where": name or "",
                "sentences": [],
                "document": f"{source} row {number}",
                "notes": notes[:500],
                "confidence": float(row["confidence"]) if located else 0.0,
            }
        )
    return events, problems


# -- helpers ---------------------------------------------------------------------------------


def _present(value: Any) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def _text(value: Hashable) -> str:
    return "" if not _present(value) else str(value).strip()


def _country_code(gazetteer: Gazetteer, value: str) -> str | None:
    """An ISO alpha-2 code from a code or a country's name; ``None`` when unknown."""
    if not value:
        return None
    if len(value) == 2 and value.isalpha():
        return value.upper()
    try:
        hits = gazetteer.lookup(value, kind="country", limit=1)
    except GeomapError:
        return None
    return hits[0].country_code if hits else None


def _lookup(
    gazetteer: Gazetteer, name: str, country: str | None, *, kind: str | None, offline: bool
) -> dict[str, Any]:
    if not name:
        return {}
    try:
        hits = geocode(gazetteer, name, country=country, kind=kind, limit=1, offline=offline)
    except InputError:  # a cell too long to be a place name, say
        return {}
    if not hits:
        return {}
    best = hits[0]
    return {
        "lat": best.lat,
        "lon": best.lon,
        "country_code": best.country_code,
        "kind": best.kind,
        "confidence": round(best.score, 3),
        "place_id": best.id,
    }


def _iso_date(value: Any) -> str | None:
    import pandas as pd

    text = _text(value)
    if not text:
        return None
    stamp = pd.to_datetime(text, errors="coerce", dayfirst=False)
    return None if pd.isna(stamp) else stamp.date().isoformat()
