"""GeoNames dump files (allCountries.txt, cities*.txt, XX.txt; plain or zipped).

The format is GeoNames' own: 19 tab-separated columns, documented at
https://download.geonames.org/export/dump/readme.txt. Users who download these files can grow
the gazetteer to GeoNames' full 12 million features with ``geomap gazetteer import``.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

from geomap.errors import OverlayError
from geomap.gazetteer.names import usable_alternate
from geomap.gazetteer.sources import PlaceRecord
from geomap.gazetteer.sources.overlay import OverlayProblems

__all__ = ["feature_kind", "iter_dump"]

SOURCE = "geonames"
_COUNTRY_CODES = {"PCL", "PCLD", "PCLF", "PCLI", "PCLIX", "PCLS", "TERR"}
_SEA_CODES = {"SEA", "OCN", "GULF", "BAY", "BGHT", "STRT", "SD", "CHN", "STRTS", "COVE", "FJD"}
_MILITARY_CODES = {"AIRB", "MILB", "INSM", "AIRF", "NVB", "CMPMN"}


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


def _open_lines(path: Path) -> Iterator[str]:
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
                    with archive.open(member) as raw:
                        yield from io.TextIOWrapper(raw, encoding="utf-8")
        else:
            with path.open(encoding="utf-8") as handle:
                yield from handle
    except (OSError, zipfile.BadZipFile, UnicodeDecodeError) as exc:
        raise OverlayError(f"cannot read GeoNames dump {path}: {exc}") from exc


def iter_dump(path: Path, *, problems: OverlayProblems) -> Iterator[PlaceRecord]:
    """Every feature of a GeoNames dump file; malformed lines are reported and skipped."""
    for line_number, line in enumerate(_open_lines(path), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        columns = line.rstrip("\n").split("\t")
        if len(columns) < 15:
            problems.add(
                path, line_number, f"expected 19 tab-separated columns, got {len(columns)}"
            )
            continue
        try:
            geonameid = int(columns[0])
            lat, lon = float(columns[4]), float(columns[5])
            population = int(columns[14] or 0)
        except ValueError as exc:
            problems.add(path, line_number, f"bad number: {exc}")
            continue
        country = columns[8] or None
        record = PlaceRecord(
            id=f"geonames:{geonameid}",
            name=columns[1],
            lat=lat,
            lon=lon,
            country_code=country,
            admin1=None,
            kind=feature_kind(columns[6], columns[7]),
            population=population,
            source=SOURCE,
        )
        record.add_name(columns[1], "name")
        record.add_name(columns[2])
        for alternate in columns[3].split(","):
            if alternate and usable_alternate(alternate):
                record.add_name(alternate)
        yield record
