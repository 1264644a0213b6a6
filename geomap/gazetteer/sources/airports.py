"""Airports and military air bases from ``airportsdata`` (MIT; from OurAirports and others)."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator

from geomap.gazetteer.names import fold, is_facility_words, split_facility
from geomap.gazetteer.sources import PlaceRecord
from geomap.gazetteer.sources._package_data import package_dir
from geomap.gazetteer.sources.geonames_admin import COMMON_WORD_ZIPF

__all__ = ["iter_airports"]

SOURCE = "airportsdata"

_MILITARY = re.compile(
    r"\b(air ?base|air force|army|naval|navy|military|marine corps|air station|camp|fort|"
    r"raf|afb|joint base|garrison)\b",
    re.IGNORECASE,
)


# A word of four letters or more with a vowel: a name, not an abbreviation ("lrrs", "afb").
_WORDLIKE = re.compile(r"(?=\w*[aeiouy])[a-z]{4,}")


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
                # "London Heathrow Airport" is "Heathrow", "Chicago O'Hare International
                # Airport" "O'Hare": the airport's own name after the city it serves.
                own = _own_name(place, row.get("city") or "")
                if own:
                    record.add_name(own, "facility")
            yield record


def _own_name(place: str, city: str) -> str | None:
    """The folded airport name without the city that begins it, if something distinctive is
    left ("heathrow"; not "international", nor a common word: "Scribner State" is no "State")."""
    from wordfreq import zipf_frequency  # slow to import: only builds need it

    city = fold(city)
    if not city or not place.startswith(city + " "):
        return None
    own = place[len(city) + 1 :]
    if is_facility_words(own) or not _WORDLIKE.search(own) or any(c.isdigit() for c in own):
        return None  # "international", "afb", "nr 2"
    if min(zipf_frequency(word, "en") for word in own.split()) >= COMMON_WORD_ZIPF:
        return None
    return own
