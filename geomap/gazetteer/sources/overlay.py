"""Overlays: places and alternate names added as CSV or GeoJSON files.

Two kinds of file share this reader:

* **place overlays**, CSV with the columns ``name, alternate_names, lat, lon, country, kind``
  (optional ``id``, ``population``, ``admin1``; alternate names separated by ``|``), or GeoJSON
  Point features with those properties. geomap ships some (seas, gulfs, large regions) under
  ``gazetteer/overlays/``; a user's own overlay is merged in the same way and wins for exact
  names.
* **alias overlays**, CSV with the columns ``id, names`` (and optional ``name_type``), which give
  more names to places other sources already hold (``icao:ORAA`` is also "Ain al-Asad").

A malformed row is reported with its line number and skipped; the good rows still load. Every
number is checked (finite, in range), a row an unclosed quote swallowed is reported with the
lines it took, and a file that is not UTF-8 or is nested too deeply is one clear error. A row
whose first field starts with ``#`` is a comment (geomap's own overlays say why each section is
there).
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from geomap.errors import OverlayError
from geomap.gazetteer.sources import (
    PlaceRecord,
    checked_name,
    checked_point,
    checked_population,
)
from geomap.model import KINDS

__all__ = ["OverlayProblems", "iter_aliases", "iter_overlay", "overlay_record"]

REQUIRED_COLUMNS = ("name", "lat", "lon")


@dataclass
class OverlayProblems:
    """Rows that could not be loaded, as ``"file:line: reason"`` messages.

    All are counted; only the first :attr:`limit` are kept, so that a malformed dump of
    millions of lines cannot fill the memory with messages.
    """

    messages: list[str] = field(default_factory=list)
    count: int = 0
    limit: int = 1000

    def add(self, path: Path, line: int, reason: str) -> None:
        if len(self.messages) < self.limit:
            self.note(f"{path.name}:{line}: {reason}")
        else:
            self.count += 1

    def note(self, message: str) -> None:
        self.count += 1
        if len(self.messages) < self.limit:
            self.messages.append(message)


def overlay_record(properties: dict, *, default_id: str, source: str) -> PlaceRecord:
    """Build a record from overlay fields; raises ``ValueError`` with a readable reason."""
    name = checked_name(str(properties.get("name") or ""))
    lat, lon = checked_point(properties.get("lat"), properties.get("lon"))
    kind = str(properties.get("kind") or "place").strip().lower()
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r} (one of {', '.join(KINDS)})")
    country = str(properties.get("country") or properties.get("country_code") or "").strip()
    if country and (len(country) != 2 or not country.isalpha()):
        raise ValueError(f"country must be a two-letter ISO code, got {country!r}")
    population = checked_population(properties.get("population"))
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
    if not isinstance(alternates, list):
        raise ValueError("alternate_names must be text or a list of names")
    for alternate in alternates:
        if str(alternate).strip():
            record.add_name(checked_name(str(alternate), "alternate name"))
    return record


def _file_tag(path: Path) -> str:
    """Part of a row's default id: the file's name and a digest of its full path, so two
    overlays called places.csv in different folders do not share ids."""
    digest = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:8]
    return f"{path.stem}-{digest}"


def _open_text(path: Path) -> IO[str]:
    """The file as UTF-8 text, after checking all of it decodes (before any row is read, so
    that a file in another encoding adds nothing rather than the rows before the bad byte)."""
    try:
        decoder = codecs.getincrementaldecoder("utf-8")()
        line = 1
        with path.open("rb") as raw:
            while chunk := raw.read(1 << 16):
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError as exc:
                    # exc.object is the chunk after the few bytes of a character it split.
                    line += exc.object[: exc.start].count(b"\n")
                    raise OverlayError(
                        f"{path}: line {line} is not UTF-8 (byte 0x{exc.object[exc.start]:02x}); "
                        f"save the file as UTF-8 and add it again"
                    ) from None
                line += chunk.count(b"\n")
            decoder.decode(b"", final=True)
        return path.open(encoding="utf-8-sig", newline="")
    except UnicodeDecodeError:
        raise OverlayError(f"{path}: the file ends inside a character; is it UTF-8?") from None
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
        for first_line, line, row in _rows(reader, path, problems):
            if _is_comment(row, reader.fieldnames):
                continue
            fields = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
            if any("\n" in value or "\r" in value for value in _texts(row)):
                problems.add(
                    path,
                    first_line,
                    f"a quote opened here is never closed: lines {first_line} to {line} were "
                    f"read as one row and none of them was added",
                )
                continue
            try:
                yield overlay_record(
                    fields, default_id=f"{source}:{_file_tag(path)}:{line}", source=source
                )
            except ValueError as exc:
                problems.add(path, line, str(exc))


def _rows(
    reader: csv.DictReader, path: Path, problems: OverlayProblems
) -> Iterator[tuple[int, int, dict]]:
    """``(first line, last line, row)`` of each row; a row the CSV reader cannot take (a field
    over its limit) is reported and the reading goes on at the next line."""
    while True:
        first_line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problems.add(path, first_line, f"{exc} (an unclosed quote, or not a CSV file?)")
            continue
        yield first_line, reader.line_num, row


def _texts(row: dict) -> Iterator[str]:
    for value in row.values():
        if isinstance(value, str):
            yield value
        elif isinstance(value, list):  # the extra cells of a row longer than the header
            yield from (v for v in value if isinstance(v, str))


def _iter_geojson(path: Path, *, source: str, problems: OverlayProblems) -> Iterator[PlaceRecord]:
    with _open_text(path) as handle:
        try:
            data = json.load(handle)
        except json.JSONDecodeError as exc:
            raise OverlayError(f"{path}: not valid JSON (line {exc.lineno})") from exc
        except RecursionError:
            raise OverlayError(f"{path}: JSON nested too deeply to be GeoJSON points") from None
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise OverlayError(f"{path}: expected a GeoJSON FeatureCollection")
    for number, feature in enumerate(features, start=1):
        try:
            geometry = feature.get("geometry") or {}
            if geometry.get("type") != "Point":
                raise ValueError("only Point features are supported")
            coordinates = geometry.get("coordinates")
            if not isinstance(coordinates, list) or len(coordinates) < 2:
                raise ValueError("a Point's coordinates are [lon, lat]")
            lon, lat = coordinates[:2]
            properties = dict(feature.get("properties") or {}, lat=lat, lon=lon)
            yield overlay_record(
                properties, default_id=f"{source}:{_file_tag(path)}:{number}", source=source
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            problems.add(path, number, f"feature {number}: {exc}")


def _is_comment(row: dict, columns: Sequence[str] | None) -> bool:
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
