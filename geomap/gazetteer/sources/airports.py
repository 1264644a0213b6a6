"""Airports and military air bases from ``airportsdata`` (MIT; from OurAirports and others)."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator

from geomap.gazetteer.names import split_facility
from geomap.gazetteer.sources import PlaceRecord
from geomap.gazetteer.sources._package_data import package_dir

__all__ = ["iter_airports"]

SOURCE = "airportsdata"

_MILITARY = re.compile(
    r"\b(air ?base|air force|army|naval|navy|military|marine corps|air station|camp|fort|"
    r"raf|afb|joint base|garrison)\b",
    re.IGNORECASE,
)


def iter_airports() -> Iterator[PlaceRecord]:
    path = package_dir("airportsdata") / "airports.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
            except (KeyError, ValueError):
                continue
            name = row["name"].strip()
            kind = "military" if _MILITARY.search(name) else "airport"
            record = PlaceRecord(
                id=f"icao:{row['icao']}",
                name=name,
                lat=lat,
                lon=lon,
                country_code=row.get("country") or None,
                admin1=row.get("subd") or None,
                kind=kind,
                population=0,
                source=SOURCE,
            )
            record.add_name(name, "name")
            place, facility = split_facility(name)
            # "Al Taji Army Air Field" is also found as "Taji" (with a facility cue, or when
            # nothing else of that name exists); small civil strips are left out of this, as
            # their stripped names would only shadow towns.
            if facility and place and (kind == "military" or row.get("iata")):
                record.add_name(place, "facility")
            yield record
