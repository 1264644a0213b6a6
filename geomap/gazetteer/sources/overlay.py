"""Overlays: places and alternate names added as CSV or GeoJSON files.

Two kinds of file share this reader:

* **place overlays**, CSV with the columns ``name, alternate_names, lat, lon, country, kind``
  (optional ``id``, ``population``, ``admin1``; alternate names separated by ``|``), or GeoJSON
  Point features with those properties. geomap ships some (seas, gulfs, large regions) under
  ``gazetteer/overlays/``; a user's own overlay is merged in the same way and wins for exact
  names.
* **alias overlays**, CSV with the columns ``id, names`` (and optional ``name_type``), which give
  more names to places other sources already hold (``icao:ORAA`` is also "Ain al-Asad").

A malformed row is reported with its line number and skipped; the good rows still load. A row
whose first field starts with ``#`` is a comment (geomap's own overlays say why each section is
there).
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from geomap.errors import OverlayError
from geomap.gazetteer.sources import PlaceRecord
from geomap.model import KINDS

__all__ = ["OverlayProblems", "iter_aliases", "iter_overlay", "overlay_record"]

REQUIRED_COLUMNS = ("name", "lat", "lon")


@dataclass
class OverlayProblems:
    """Rows that could not be loaded, as ``"file:line: reason"`` messages."""

    messages: list[str] = field(default_factory=list)

    def add(self, path: Path, line: int, reason: str) -> None:
        self.messages.append(f"{path.name}:{line}: {reason}")


def overlay_record(properties: dict, *, default_id: str, source: str) -> PlaceRecord:
    """Build a record from overlay fields; raises ``ValueError`` with a readable reason."""
    name = str(properties.get("name") or "").strip()
    if not name:
        raise ValueError("empty name")
    try:
        lat = float(properties.get("lat"))
        lon = float(properties.get("lon"))
    except (TypeError, ValueError):
        raise ValueError(
            f"lat/lon must be numbers, got {properties.get('lat')!r}, {properties.get('lon')!r}"
        ) from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"coordinates out of range: {lat}, {lon}")
    kind = str(properties.get("kind") or "place").strip().lower()
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r} (one of {', '.join(KINDS)})")
    country = str(properties.get("country") or properties.get("country_code") or "").strip()
    if country and (len(country) != 2 or not country.isalpha()):
        raise ValueError(f"country must be a two-letter ISO code, got {country!r}")
    population_text = str(properties.get("population") or "0").strip() or "0"
    try:
        population = int(float(population_text))
    except ValueError:
        raise ValueError(f"population must be a number, got {population_text!r}") from None
    record = PlaceRecord(
        id=str(properties.get("id") or "").strip() or default_id,
        name=name,
        lat=lat,
        lon=lon,
        country_code=country.upper() or None,
        admin1=str(properties.get("admin1") or "").strip() or None,
        kind=kind,
        population=population,
        source=source,
    )
    record.add_name(name, "name")
    alternates = properties.get("alternate_names") or ""
    if isinstance(alternates, str):
        alternates = alternates.split("|")
    for alternate in alternates:
        record.add_name(str(alternate))
    return record


def _file_tag(path: Path) -> str:
    """Part of a row's default id: the file's name and a digest of its full path, so two
    overlays called places.csv in different folders do not share ids."""
    digest = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:8]
    return f"{path.stem}-{digest}"


def _open_text(path: Path):
    try:
        return path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise OverlayError(f"cannot read overlay {path}: {exc.strerror}") from exc


def iter_overlay(path: Path, *, source: str, problems: OverlayProblems) -> Iterator[PlaceRecord]:
    """Places of one overlay file (CSV or GeoJSON)."""
    if path.suffix.lower() in {".geojson", ".json"}:
        yield from _iter_geojson(path, source=source, problems=problems)
        return
    with _open_text(path) as handle:
        reader = csv.DictReader(handle)
        columns = [c.strip().lower() for c in reader.fieldnames or []]
        missing = [c for c in REQUIRED_COLUMNS if c not in columns]
        if missing:
            raise OverlayError(
                f"{path}: missing column(s) {', '.join(missing)}; "
                f"expected name, alternate_names, lat, lon, country, kind"
            )
        for row in reader:
            line = reader.line_num
            if _is_comment(row, reader.fieldnames):
                continue
            fields = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
            try:
                yield overlay_record(
                    fields, default_id=f"{source}:{_file_tag(path)}:{line}", source=source
                )
            except ValueError as exc:
                problems.add(path, line, str(exc))


def _iter_geojson(path: Path, *, source: str, problems: OverlayProblems) -> Iterator[PlaceRecord]:
    with _open_text(path) as handle:
        try:
            data = json.load(handle)
        except json.JSONDecodeError as exc:
            raise OverlayError(f"{path}: not valid JSON (line {exc.lineno})") from exc
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise OverlayError(f"{path}: expected a GeoJSON FeatureCollection")
    for number, feature in enumerate(features, start=1):
        try:
            geometry = feature.get("geometry") or {}
            if geometry.get("type") != "Point":
                raise ValueError("only Point features are supported")
            lon, lat = geometry["coordinates"][:2]
            properties = dict(feature.get("properties") or {}, lat=lat, lon=lon)
            yield overlay_record(
                properties, default_id=f"{source}:{_file_tag(path)}:{number}", source=source
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            problems.add(path, number, f"feature {number}: {exc}")


def _is_comment(row: dict, columns: list[str] | None) -> bool:
    """Whether a CSV row is a comment: its first field starts with ``#``."""
    first = row.get(columns[0]) if columns else None
    return isinstance(first, str) and first.lstrip().startswith("#")


def iter_aliases(path: Path, *, problems: OverlayProblems) -> Iterator[tuple[str, str, str]]:
    """``(place id, name, name_type)`` for every alias in an alias overlay."""
    with _open_text(path) as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            if _is_comment(row, reader.fieldnames):
                continue
            place_id = (row.get("id") or "").strip()
            names = [n.strip() for n in (row.get("names") or "").split("|") if n.strip()]
            if not place_id or not names:
                problems.add(path, reader.line_num, "needs an id and at least one name")
                continue
            name_type = (row.get("name_type") or "alt").strip() or "alt"
            for name in names:
                yield place_id, name, name_type
