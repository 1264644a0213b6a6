"""GeoNames dump files (allCountries.txt, cities*.txt, XX.txt; plain or zipped).

The format is GeoNames' own: 19 tab-separated columns, documented at
https://download.geonames.org/export/dump/readme.txt. Users who download these files can grow
the gazetteer to GeoNames' full 12 million features with ``geomap gazetteer import``.

A dump is streamed: lines are read in bounded pieces and decoded one by one, so a malformed
file (one endless line, millions of bad ones, bytes that are not UTF-8) costs no more memory
than a good one. Every number is checked; a bad line is reported and skipped.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from geomap.errors import OverlayError
from geomap.gazetteer.names import usable_alternate
from geomap.gazetteer.sources import (
    MAX_NAME_LENGTH,
    PlaceRecord,
    checked_name,
    checked_point,
    checked_population,
)
from geomap.gazetteer.sources.overlay import OverlayProblems

__all__ = ["feature_kind", "iter_dump"]

SOURCE = "geonames"
_COUNTRY_CODES = {"PCL", "PCLD", "PCLF", "PCLI", "PCLIX", "PCLS", "TERR"}
_SEA_CODES = {"SEA", "OCN", "GULF", "BAY", "BGHT", "STRT", "SD", "CHN", "STRTS", "COVE", "FJD"}
_MILITARY_CODES = {"AIRB", "MILB", "INSM", "AIRF", "NVB", "CMPMN"}
# GeoNames' longest lines (a capital with hundreds of alternate names) are tens of KB; a line
# longer than this is not a dump line, and is skipped without being held whole.
MAX_LINE_BYTES = 1 << 20
_COLUMNS = 19


def feature_kind(feature_class: str, feature_code: str) -> str:
    """geomap's kind for a GeoNames feature class and code.

    >>> feature_kind("P", "PPLC"), feature_kind("S", "AIRB"), feature_kind("H", "GULF")
    ('city', 'military', 'sea')
    """
    if feature_class == "P":
        return "city"
    if feature_class == "A":
        if feature_code in _COUNTRY_CODES:
            return "country"
        return "region" if feature_code == "ADM1" else "place"
    if feature_class == "H" and feature_code in _SEA_CODES:
        return "sea"
    if feature_class == "L":
        if feature_code == "CONT":
            return "continent"
        return "area" if feature_code in {"RGN", "AREA", "PRSH", "TRB"} else "place"
    if feature_class == "S":
        if feature_code in _MILITARY_CODES:
            return "military"
        if feature_code == "AIRP":
            return "airport"
    return "place"


def _open_lines(path: Path) -> Iterator[bytes | None]:
    """Each line of the dump (of every dump in a zip), as bytes; ``None`` for one too long."""
    try:
        if path.suffix.lower() == ".zip":
            with zipfile.ZipFile(path) as archive:
                members = [
                    m
                    for m in archive.namelist()
                    if m.endswith(".txt") and not m.lower().startswith("readme")
                ]
                if not members:
                    raise OverlayError(f"{path}: the archive holds no .txt dump file")
                for member in members:
                    # Buffered in C: zipfile's own readline is Python, line by line.
                    with (
                        archive.open(member) as raw,
                        io.BufferedReader(raw, 1 << 16) as buffered,  # type: ignore[type-var]
                    ):
                        yield from _bounded_lines(buffered)
        else:
            with path.open("rb") as raw:
                yield from _bounded_lines(raw)
    except (OSError, zipfile.BadZipFile, EOFError, zlib.error) as exc:
        raise OverlayError(f"cannot read GeoNames dump {path}: {exc}") from exc


def _bounded_lines(raw: IO[bytes]) -> Iterator[bytes | None]:
    while line := raw.readline(MAX_LINE_BYTES):
        if len(line) == MAX_LINE_BYTES and not line.endswith(b"\n"):
            while (rest := raw.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                pass  # the rest of the overlong line, dropped piece by piece
            yield None
        else:
            yield line


def iter_dump(path: Path, *, problems: OverlayProblems) -> Iterator[PlaceRecord]:
    """Every feature of a GeoNames dump file; malformed lines are reported and skipped."""
    for line_number, raw_line in enumerate(_open_lines(path), start=1):
        if raw_line is None:
            problems.add(path, line_number, f"line longer than {MAX_LINE_BYTES:,} bytes")
            continue
        try:
            line = raw_line.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.add(path, line_number, f"not UTF-8 (byte 0x{raw_line[exc.start]:02x})")
            continue
        if not line.strip() or line.startswith("#"):
            continue
        columns = line.rstrip("\r\n").split("\t", _COLUMNS)
        if len(columns) < 15:
            problems.add(
                path, line_number, f"expected 19 tab-separated columns, got {len(columns)}"
            )
            continue
        try:
            record = _record(columns)
        except ValueError as exc:
            problems.add(path, line_number, str(exc))
            continue
        yield record


def _record(columns: list[str]) -> PlaceRecord:
    """The place of one dump line's columns; ``ValueError`` with a readable reason."""
    geonameid = columns[0].strip()
    if not (geonameid.isascii() and geonameid.isdigit() and len(geonameid) <= 12):
        raise ValueError(f"bad geonameid {geonameid[:20]!r}")
    lat, lon = checked_point(columns[4], columns[5])
    population = checked_population(columns[14])
    country = columns[8].strip()
    if country and not (len(country) == 2 and country.isascii() and country.isalpha()):
        raise ValueError(f"country must be a two-letter ISO code, got {country[:20]!r}")
    name = checked_name(columns[1])
    record = PlaceRecord(
        id=f"geonames:{int(geonameid)}",
        name=name,
        lat=lat,
        lon=lon,
        country_code=country.upper() or None,
        admin1=None,
        kind=feature_kind(columns[6], columns[7]),
        population=population,
        source=SOURCE,
    )
    record.add_name(name, "name")
    if len(columns[2]) <= MAX_NAME_LENGTH:
        record.add_name(columns[2])
    for alternate in columns[3].split(","):
        # Too long to be looked up, or not a name news uses: left out, as GeoNames' own
        # link and code entries are.
        if alternate and len(alternate) <= MAX_NAME_LENGTH and usable_alternate(alternate):
            record.add_name(alternate)
    return record
