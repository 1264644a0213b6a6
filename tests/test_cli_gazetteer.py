"""The ``geomap geocode`` and ``geomap gazetteer`` commands, run the way users run them."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from tiny_sources import use_tiny_sources

import geomap
from geomap.cli import main
from geomap.gazetteer.build import user_data_registry
from geomap.gazetteer.store import SqliteGazetteer

CHECKOUT = Path(__file__).resolve().parents[1]
CANDIDATE_FIELDS = {
    "id",
    "name",
    "lat",
    "lon",
    "country_code",
    "admin1",
    "kind",
    "population",
    "source",
    "score",
}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_one_line_error(err: str, *fragments: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("geomap: error:"), err
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in lines[0], err


def lookup(db: Path, name: str, **options):
    gazetteer = SqliteGazetteer(db)
    try:
        return gazetteer.lookup(name, **options)
    finally:
        gazetteer.close()


@pytest.fixture
def shared_db(gazetteer_path: Path, isolated_cache: Path) -> str:
    """The session database, for commands that only read it (and no GEOMAP_* settings)."""
    return str(gazetteer_path)


# -- geocode ---------------------------------------------------------------------------------


def test_geocode_prints_the_place(capsys, shared_db: str) -> None:
    code, out, err = run(capsys, "geocode", "Abu Kamal", "--offline", "--db", shared_db)
    assert code == 0, err
    top = out.splitlines()[0]
    assert top.startswith("1. ")
    assert "Syria" in top
    assert "34.45, 40.92" in top


def test_geocode_json_lists_candidates_with_their_fields(capsys, shared_db: str) -> None:
    code, out, _ = run(capsys, "geocode", "Al Qaim", "--offline", "--json", "--db", shared_db)
    assert code == 0
    found = json.loads(out)
    assert isinstance(found, list) and found
    assert set(found[0]) >= CANDIDATE_FIELDS
    assert found[0]["country_code"] == "IQ"
    assert abs(found[0]["lat"] - 34.39) < 0.05 and abs(found[0]["lon"] - 40.99) < 0.05
    assert len(found) <= 5  # the default limit


def test_geocode_country(capsys, shared_db: str) -> None:
    code, out, _ = run(
        capsys, "geocode", "Paris", "--country", "us", "--offline", "--json", "--db", shared_db
    )
    assert code == 0
    assert {c["country_code"] for c in json.loads(out)} == {"US"}


def test_geocode_kind(capsys, shared_db: str) -> None:
    code, out, _ = run(
        capsys, "geocode", "Kirkuk", "--kind", "military", "--offline", "--json", "--db", shared_db
    )
    assert code == 0
    found = json.loads(out)
    assert found and {c["kind"] for c in found} == {"military"}


def test_geocode_near(capsys, shared_db: str) -> None:
    code, out, _ = run(
        capsys,
        "geocode",
        "Paris",
        "--near",
        "33.66,-95.55",
        "--offline",
        "--json",
        "--db",
        shared_db,
    )
    assert code == 0
    assert json.loads(out)[0]["country_code"] == "US"


@pytest.mark.parametrize("limit", ["1", "3"])
def test_geocode_limit(capsys, shared_db: str, limit: str) -> None:
    code, out, _ = run(
        capsys, "geocode", "Paris", "--limit", limit, "--offline", "--json", "--db", shared_db
    )
    assert code == 0
    assert len(json.loads(out)) == int(limit)
    code, out, _ = run(capsys, "geocode", "Paris", "--limit", limit, "--offline", "--db", shared_db)
    assert len(out.strip().splitlines()) == int(limit)


def test_geocode_nothing_found(capsys, shared_db: str) -> None:
    code, out, err = run(capsys, "geocode", "Xqzville Heights", "--offline", "--db", shared_db)
    assert code == 1
    assert out == ""
    assert "no place found" in err and "Traceback" not in err
    code, out, _ = run(
        capsys, "geocode", "Xqzville Heights", "--offline", "--json", "--db", shared_db
    )
    assert code == 1
    assert json.loads(out) == []


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["geocode", ""], "empty"),
        (["geocode", "   "], "empty"),
        (["geocode", "x" * 10_000], "too long"),
        (["geocode", "Paris", "--country", "ZZZ"], "country"),
        (["geocode", "Paris", "--country", "1"], "country"),
        (["geocode", "Paris", "--kind", "planet"], "kind"),
    ],
)
def test_geocode_errors_are_one_line(
    capsys, shared_db: str, argv: list[str], fragment: str
) -> None:
    code, out, err = run(capsys, *argv, "--offline", "--db", shared_db)
    assert code == 1
    assert out == ""
    assert_one_line_error(err, fragment)


def test_hostile_name_is_just_not_found(capsys, private_db: Path) -> None:
    code, _, err = run(
        capsys, "geocode", "'; DROP TABLE places; --", "--offline", "--db", str(private_db)
    )
    assert code == 1 and "Traceback" not in err
    assert lookup(private_db, "Kirkuk")


def test_garbage_at_the_database_path_is_one_line_and_left_alone(
    capsys, tmp_path: Path, isolated_cache: Path
) -> None:
    db = tmp_path / "broken.sqlite"
    db.write_bytes(b"\x00garbage" * 1000)
    code, _, err = run(capsys, "geocode", "Paris", "--offline", "--db", str(db))
    assert code == 1
    assert_one_line_error(err, str(db), "not a geomap gazetteer")
    assert db.read_bytes() == b"\x00garbage" * 1000


def test_unusable_database_location_is_one_line(
    capsys, tmp_path: Path, isolated_cache: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run(capsys, "geocode", "Paris", "--offline", "--db", str(blocker / "g.sqlite"))
    assert code == 1
    assert_one_line_error(err)


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["geocode"],
        ["geocode", "Paris", "--limit", "0"],
        ["geocode", "Paris", "--limit", "many"],
        ["geocode", "Paris", "--near", "somewhere"],
        ["geocode", "Paris", "--near", "100,0"],
        ["geocode", "Paris", "--bogus"],
        ["gazetteer"],
        ["gazetteer", "explode"],
        ["teleport"],
    ],
)
def test_usage_errors_exit_2(capsys, argv: list[str], isolated_cache: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "usage:" in err and "Traceback" not in err


def test_version_runs_as_a_module(isolated_cache: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "geomap", "--version"],
        cwd=CHECKOUT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"geomap {geomap.__version__}"


def test_geocode_runs_as_a_module(shared_db: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "geomap", "geocode", "Abu Kamal", "--offline", "--db", shared_db],
        cwd=CHECKOUT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Syria" in result.stdout


# -- gazetteer info --------------------------------------------------------------------------


def test_gazetteer_info(capsys, shared_db: str) -> None:
    code, out, _ = run(capsys, "gazetteer", "info", "--db", shared_db)
    assert code == 0
    assert shared_db in out
    table = out[out.index("source") :]
    for source in ("geonames", "airportsdata", "geomap-overlay"):
        assert source in table
    for kind in ("city", "country", "military", "airport", "sea", "region"):
        assert f" {kind} " in table
    code, out, _ = run(capsys, "gazetteer", "info", "--json", "--db", shared_db)
    info = json.loads(out)
    assert info["places"] > 100_000
    rows = {(r["source"], r["kind"]): r["places"] for r in info["by_source_and_kind"]}
    assert rows[("airportsdata", "military")] > 100
    assert rows[("geonames", "city")] > 100_000


def test_gazetteer_info_of_a_missing_database(capsys, tmp_path: Path, isolated_cache: Path) -> None:
    code, _, err = run(capsys, "gazetteer", "info", "--db", str(tmp_path / "none.sqlite"))
    assert code == 1
    assert_one_line_error(err, "geomap gazetteer build")
    assert not (tmp_path / "none.sqlite").exists()


# -- gazetteer add ---------------------------------------------------------------------------

OVERLAY_CSV = """\
name,alternate_names,lat,lon,country,kind
Xqz Forward Base,FOB Xqz|Xqz Outpost,34.1234,41.5678,IQ,military
Xqz Crossing,,34.2,41.6,IQ,place
Xqz Broken Row,,north,41.6,IQ,place
Far Xqz,,95,41.6,IQ,place
Xqz Wadi,,34.3,41.7,IQ,city
"""


def test_add_overlay_loads_good_rows_and_reports_bad_ones(
    capsys, private_db: Path, tmp_path: Path
) -> None:
    overlay = tmp_path / "overlay.csv"
    overlay.write_text(OVERLAY_CSV, encoding="utf-8")
    code, out, err = run(capsys, "gazetteer", "add", str(overlay), "--db", str(private_db))
    assert code == 0, err
    assert "added 3 places" in out
    assert "overlay.csv:4:" in err and "north" in err  # the line number in the file
    assert "overlay.csv:5:" in err and "range" in err
    assert "Traceback" not in err
    base = lookup(private_db, "Xqz Forward Base")[0]
    assert (base.kind, base.country_code, base.source) == ("military", "IQ", "overlay")
    assert (base.lat, base.lon) == (34.1234, 41.5678)
    assert lookup(private_db, "FOB Xqz")[0].id == base.id
    assert lookup(private_db, "Xqz Outpost")[0].id == base.id
    assert lookup(private_db, "Xqz Crossing")[0].kind == "place"
    assert lookup(private_db, "Xqz Wadi")[0].kind == "city"
    assert lookup(private_db, "Xqz Broken Row") == []
    # geocode sees it too, and the registry remembers the file for rebuilds
    code, out, _ = run(capsys, "geocode", "FOB Xqz", "--offline", "--db", str(private_db))
    assert code == 0 and "Xqz Forward Base" in out
    registry = json.loads(user_data_registry().read_text(encoding="utf-8"))
    assert {"path": str(overlay.resolve()), "type": "overlay"} in registry


def test_overlay_place_wins_for_its_exact_name(capsys, private_db: Path, tmp_path: Path) -> None:
    assert lookup(private_db, "Paris")[0].country_code == "FR"
    overlay = tmp_path / "ours.csv"
    overlay.write_text("name,lat,lon,country,kind\nParis,31.5,35.1,PS,place\n", encoding="utf-8")
    code, _, err = run(capsys, "gazetteer", "add", str(overlay), "--db", str(private_db))
    assert code == 0, err
    for spelling in ("Paris", "PARIS", "paris"):
        top = lookup(private_db, spelling)[0]
        assert (top.source, top.lat, top.lon) == ("overlay", 31.5, 35.1), spelling
    # the big city is still there, second
    assert any(c.country_code == "FR" for c in lookup(private_db, "Paris"))


def test_add_geojson_overlay(capsys, private_db: Path, tmp_path: Path) -> None:
    overlay = tmp_path / "points.geojson"
    overlay.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "geometry": {"type": "Point", "coordinates": [42.25, 33.75]},
                        "properties": {
                            "name": "Xqz Checkpoint",
                            "alternate_names": ["Checkpoint Xqz"],
                            "country": "IQ",
                            "kind": "military",
                        },
                    },
                    {
                        "type": "Feature",
                        "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]},
                        "properties": {"name": "Xqz Road"},
                    },
                    {
                        "type": "Feature",
                        "geometry": {"type": "Point", "coordinates": [40.0, 30.0]},
                        "properties": {"name": "Xqz Well", "kind": "place"},
                    },
                ],
            }
        ),
        encoding="utf-8",
    )
    code, out, err = run(capsys, "gazetteer", "add", str(overlay), "--db", str(private_db))
    assert code == 0, err
    assert "added 2 places" in out
    assert "points.geojson:2:" in err and "Point" in err
    checkpoint = lookup(private_db, "Checkpoint Xqz")[0]
    # GeoJSON is [lon, lat]
    assert (checkpoint.name, checkpoint.lat, checkpoint.lon) == ("Xqz Checkpoint", 33.75, 42.25)
    assert checkpoint.kind == "military"
    assert lookup(private_db, "Xqz Well")[0].lat == 30.0
    assert lookup(private_db, "Xqz Road") == []


def test_add_one_place_by_options(capsys, private_db: Path, isolated_cache: Path) -> None:
    code, out, err = run(
        capsys,
        "gazetteer",
        "add",
        "--name",
        "Xqz Ridge",
        "--lat",
        "35.5",
        "--lon",
        "43.25",
        "--country",
        "IQ",
        "--kind",
        "military",
        "--alt",
        "Ridge Xqz",
        "--alt",
        "Xqz Heights",
        "--db",
        str(private_db),
    )
    assert code == 0, err
    assert "added 1 places" in out
    ridge = lookup(private_db, "Xqz Ridge")[0]
    assert (ridge.lat, ridge.lon, ridge.country_code, ridge.kind) == (35.5, 43.25, "IQ", "military")
    assert lookup(private_db, "Xqz Heights")[0].id == ridge.id
    # a second place by options keeps the first
    code, _, err = run(
        capsys,
        "gazetteer",
        "add",
        "--name",
        "Xqz Dam",
        "--lat",
        "36",
        "--lon",
        "43",
        "--db",
        str(private_db),
    )
    assert code == 0, err
    assert lookup(private_db, "Xqz Ridge")[0].lat == 35.5
    dam = lookup(private_db, "Xqz Dam")
    assert len(dam) == 1 and dam[0].lat == 36.0 and dam[0].kind == "place"
    assert (isolated_cache / "overlays" / "user.csv").exists()


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["--name", "Xqz"], "--lat"),
        (["--lat", "1", "--lon", "2"], "--name"),
        (["/no/such/overlay.csv"], "no such overlay"),
    ],
)
def test_add_errors(capsys, private_db: Path, argv: list[str], fragment: str) -> None:
    code, _, err = run(capsys, "gazetteer", "add", *argv, "--db", str(private_db))
    assert code == 1
    assert_one_line_error(err, fragment)


def test_add_overlay_without_coordinates_columns(capsys, private_db: Path, tmp_path: Path) -> None:
    overlay = tmp_path / "wrong.csv"
    overlay.write_text("place,latitude,longitude\nXqz,1,2\n", encoding="utf-8")
    code, _, err = run(capsys, "gazetteer", "add", str(overlay), "--db", str(private_db))
    assert code == 1
    assert_one_line_error(err, "missing column")


def test_add_overlay_with_only_bad_rows_fails(capsys, private_db: Path, tmp_path: Path) -> None:
    overlay = tmp_path / "bad.csv"
    overlay.write_text("name,lat,lon\nXqz,abc,2\n,1,2\n", encoding="utf-8")
    code, _, err = run(capsys, "gazetteer", "add", str(overlay), "--db", str(private_db))
    assert code == 1
    assert "bad.csv:2:" in err and "bad.csv:3:" in err
    assert "Traceback" not in err


def test_two_overlays_with_the_same_file_name_keep_their_places(
    capsys, private_db: Path, tmp_path: Path
) -> None:
    for folder, name, lat in (("a", "Xqz One", 10.0), ("b", "Xqz Two", 20.0)):
        overlay = tmp_path / folder / "places.csv"
        overlay.parent.mkdir()
        overlay.write_text(f"name,lat,lon\n{name},{lat},30\n", encoding="utf-8")
        code, _, err = run(capsys, "gazetteer", "add", str(overlay), "--db", str(private_db))
        assert code == 0, err
    one = lookup(private_db, "Xqz One")
    assert one and (one[0].name, one[0].lat) == ("Xqz One", 10.0), one


# -- gazetteer import ------------------------------------------------------------------------


def geonames_line(
    geonameid: int,
    name: str,
    lat: float,
    lon: float,
    feature_class: str,
    feature_code: str,
    country: str,
    population: int = 0,
    alternates: str = "",
) -> str:
    columns = [
        str(geonameid),
        name,
        name,
        alternates,
        f"{lat}",
        f"{lon}",
        feature_class,
        feature_code,
        country,
        "",
        "01",
        "",
        "",
        "",
        str(population),
        "",
        "12",
        "Asia/Baghdad",
        "2024-01-01",
    ]
    assert len(columns) == 19
    return "\t".join(columns) + "\n"


DUMP = "".join(
    [
        geonames_line(991000001, "Xqz Sea", 25.5, 55.5, "H", "SEA", "", 0, "Sea of Xqz,بحر"),
        geonames_line(991000002, "Xqz Air Base", 33.1, 43.2, "S", "AIRB", "IQ"),
        geonames_line(991000003, "Xqztown", 33.3, 43.4, "P", "PPL", "IQ", 12345, "Xqz Town"),
        "991000004\tTruncated Line\t33.0\n",
        geonames_line(991000005, "Xqz Gulf", 26.0, 52.0, "H", "GULF", ""),
        geonames_line(991000006, "Bad Latitude", 0, 0, "P", "PPL", "IQ").replace(
            "\t0\t", "\tnorth\t", 1
        ),
        geonames_line(991000007, "Xqz Province", 33.5, 43.5, "A", "ADM1", "IQ"),
    ]
)


def check_imported(db: Path) -> None:
    sea = lookup(db, "Xqz Sea")[0]
    assert (sea.kind, sea.id, sea.lat, sea.lon) == ("sea", "geonames:991000001", 25.5, 55.5)
    assert lookup(db, "Sea of Xqz")[0].id == sea.id
    base = lookup(db, "Xqz Air Base")[0]
    assert (base.kind, base.country_code) == ("military", "IQ")
    town = lookup(db, "Xqz Town")[0]
    assert (town.name, town.kind, town.population) == ("Xqztown", "city", 12345)
    assert lookup(db, "Xqz Gulf")[0].kind == "sea"
    assert lookup(db, "Xqz Province")[0].kind == "region"
    assert lookup(db, "Truncated Line") == []
    assert lookup(db, "Bad Latitude") == []


@pytest.mark.parametrize("packed", [False, True], ids=["txt", "zip"])
def test_import_geonames_dump(capsys, private_db: Path, tmp_path: Path, packed: bool) -> None:
    dump = tmp_path / "XQ.txt"
    dump.write_text(DUMP, encoding="utf-8")
    if packed:
        archive = tmp_path / "XQ.zip"
        with zipfile.ZipFile(archive, "w") as zipped:
            zipped.write(dump, "XQ.txt")
            zipped.writestr("readme.txt", "GeoNames readme, not a dump\n")
        dump.unlink()
        dump = archive
    code, out, err = run(capsys, "gazetteer", "import", str(dump), "--db", str(private_db))
    assert code == 0, err
    assert "imported 5 places" in out
    assert ":4:" in err and "columns" in err  # the truncated line, by number
    assert ":6:" in err and "north" in err
    assert "Traceback" not in err
    check_imported(private_db)
    code, out, _ = run(
        capsys, "geocode", "Xqz Air Base", "--offline", "--json", "--db", str(private_db)
    )
    assert json.loads(out)[0]["kind"] == "military"


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("missing.txt", None, "no such"),
        ("empty.zip", b"", "cannot read"),
        ("nodump.zip", "zip-without-txt", "no .txt"),
    ],
)
def test_import_errors(
    capsys, private_db: Path, tmp_path: Path, name: str, content, fragment: str
) -> None:
    dump = tmp_path / name
    if content == "zip-without-txt":
        with zipfile.ZipFile(dump, "w") as zipped:
            zipped.writestr("data.csv", "a,b\n")
    elif content is not None:
        dump.write_bytes(content)
    code, _, err = run(capsys, "gazetteer", "import", str(dump), "--db", str(private_db))
    assert code == 1
    assert_one_line_error(err, fragment)


def test_import_of_nothing_but_bad_lines_fails(capsys, private_db: Path, tmp_path: Path) -> None:
    dump = tmp_path / "junk.txt"
    dump.write_text("this is not\ta dump\n", encoding="utf-8")
    code, _out, err = run(capsys, "gazetteer", "import", str(dump), "--db", str(private_db))
    assert code == 1
    assert "junk.txt:1:" in err and "Traceback" not in err


# -- rebuild keeps the user's data -----------------------------------------------------------


@pytest.fixture
def fast_sources(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rebuilds in about a second: one town, no airports or subdivisions."""
    use_tiny_sources(monkeypatch)


def test_rebuild_applies_overlays_and_imports_again(
    capsys, private_db: Path, tmp_path: Path, fast_sources: None
) -> None:
    overlay = tmp_path / "overlay.csv"
    overlay.write_text(OVERLAY_CSV, encoding="utf-8")
    dump = tmp_path / "XQ.txt"
    dump.write_text(DUMP, encoding="utf-8")
    assert run(capsys, "gazetteer", "add", str(overlay), "--db", str(private_db))[0] == 0
    assert run(capsys, "gazetteer", "import", str(dump), "--db", str(private_db))[0] == 0
    assert (
        run(
            capsys,
            "gazetteer",
            "add",
            "--name",
            "Xqz Ridge",
            "--lat",
            "35.5",
            "--lon",
            "43.25",
            "--db",
            str(private_db),
        )[0]
        == 0
    )

    code, _, err = run(capsys, "gazetteer", "build", "--db", str(private_db))
    assert code == 0, err
    assert lookup(private_db, "Fastville")  # it really was rebuilt, from the tiny sources
    assert not lookup(private_db, "Abu Kamal")
    assert lookup(private_db, "FOB Xqz")[0].name == "Xqz Forward Base"
    assert lookup(private_db, "Xqz Ridge")[0].lat == 35.5
    check_imported(private_db)
    # the build reports the overlay's bad rows again, as warnings
    assert "overlay.csv:4:" in err and "Traceback" not in err


def test_rebuild_skips_user_files_that_are_gone(
    capsys, private_db: Path, tmp_path: Path, fast_sources: None
) -> None:
    overlay = tmp_path / "temporary.csv"
    overlay.write_text("name,lat,lon\nXqz Gone,1,2\n", encoding="utf-8")
    assert run(capsys, "gazetteer", "add", str(overlay), "--db", str(private_db))[0] == 0
    overlay.unlink()
    code, _, err = run(capsys, "gazetteer", "build", "--db", str(private_db))
    assert code == 0
    assert "temporary.csv" in err and "gone" in err
    assert lookup(private_db, "Fastville")
    assert lookup(private_db, "Xqz Gone") == []


def test_overlay_row_with_a_known_id_corrects_that_place(
    capsys, private_db: Path, tmp_path: Path
) -> None:
    # The user moves Baghdad's point and gives it a name of their own: every lookup of the
    # place, by any of its names, sees the correction at once.
    baghdad = lookup(private_db, "Baghdad", country="IQ")[0]
    overlay = tmp_path / "fix.csv"
    overlay.write_text(
        f"id,name,alternate_names,lat,lon,country,kind\n"
        f"{baghdad.id},Baghdad,Xqz Capital,33.4,44.5,IQ,city\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "gazetteer", "add", str(overlay), "--db", str(private_db))
    assert code == 0, err
    for name in ("Baghdad", "Bagdad", "Xqz Capital"):
        top = lookup(private_db, name, country="IQ")[0]
        assert (top.id, top.lat, top.lon) == (baghdad.id, 33.4, 44.5), name
