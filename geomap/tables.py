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

#: Columns :func:`geocode_frame` adds (or overwrites): the chosen place, and why, so that a
#: person can review each choice.
GEOCODE_COLUMNS = (
    "lat",
    "lon",
    "place_name",
    "country_code",
    "kind",
    "confidence",
    "reason",
    "place_id",
)


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
        The rows of ``frame`` with :data:`GEOCODE_COLUMNS` added: ``lat``, ``lon``, the chosen
        ``place_name``, ``country_code``, ``kind``, ``confidence`` (the lookup score, 0–1), the
        ``reason`` (which name matched, the source, the runner-up) and ``place_id``.
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
    type_column: str | None = None,
    fatalities_column: str | None = None,
    label_column: str | None = None,
    source: str = "",
) -> tuple[list[dict[str, Any]], list[str]]:
    """Event records from a geocoded frame, and one problem message per row not mapped.

    The event type comes from ``type_column`` (default: a column named ``event_type``), the
    toll from ``fatalities_column`` (default: ``fatalities``), the date from ``date_column``
    (default: ``event_date`` or ``date``) and the text shown first from ``label_column``;
    every other column goes into the popup's notes. Row numbers count the header as row 1.
    """
    for column in (date_column, type_column, fatalities_column, label_column):
        if column is not None and column not in frame.columns:
            names = ", ".join(map(str, frame.columns))
            raise InputError(f"no column {column!r} in the table; its columns are: {names}")
    type_column = type_column or _column_named(frame, "event_type")
    fatalities_column = fatalities_column or _column_named(frame, "fatalities")
    date_column = date_column or _column_named(frame, "event_date", "date")
    used = {place_column, type_column, fatalities_column, date_column, label_column}
    described = [c for c in frame.columns if c not in {*GEOCODE_COLUMNS, *used}]
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
        label = _text(row[label_column]) if label_column else ""
        toll = _count(row[fatalities_column]) if fatalities_column else None
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
                "fatalities": toll,
                "sentences": [{"text": label, "start": 0, "end": len(label)}] if label else [],
                "document": f"{source} row {number}",
                "notes": notes[:500],
                "confidence": float(row["confidence"]) if located else 0.0,
                "reason": _text(row["reason"]) if located else "",
            }
        )
    return events, problems


# -- helpers ---------------------------------------------------------------------------------


def _column_named(frame: pd.DataFrame, *names: str) -> str | None:
    """The first column whose name is one of ``names``, ignoring case."""
    by_name = {str(c).strip().lower(): c for c in frame.columns}
    return next((by_name[n] for n in names if n in by_name), None)


def _count(value: Any) -> int | None:
    """A non-negative whole number from a cell ("3", "3.0"), else ``None``."""
    try:
        number = float(_text(value))
    except ValueError:
        return None
    return int(number) if math.isfinite(number) and number >= 0 else None


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
        hits = geocode(gazetteer, name, country=country, kind=kind, limit=2, offline=offline)
    except InputError:  # a cell too long to be a place name, say
        return {}
    if not hits:
        return {}
    best = hits[0]
    reason = f"matched {best.matched or best.name!r} in {best.source}"
    if best.population:
        reason += f"; population {best.population:,}"
    if country:
        reason += f"; within {country}"
    if len(hits) > 1:
        other = hits[1]
        reason += (
            f"; next best {other.name}, {other.country_code or '?'} ({other.kind}, "
            f"score {other.score:.2f})"
        )
    return {
        "lat": best.lat,
        "lon": best.lon,
        "place_name": best.name,
        "country_code": best.country_code,
        "kind": best.kind,
        "confidence": round(best.score, 3),
        "reason": reason,
        "place_id": best.id,
    }


def _iso_date(value: Any) -> str | None:
    import pandas as pd

    text = _text(value)
    if not text:
        return None
    stamp = pd.to_datetime(text, errors="coerce", dayfirst=False)
    return None if pd.isna(stamp) else stamp.date().isoformat()
