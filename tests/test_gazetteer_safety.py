"""The gazetteer database under faults: geomap opens and replaces only files it made, creates no
folder but its cache's, reads imports and overlays with every number checked and in bounded
memory, keeps no rejected place, and says in one line that a damaged database needs a rebuild.

Every test runs the command line on a tiny gazetteer built in about a second.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from test_cli_gazetteer import assert_one_line_error, geonames_line, lookup, run
from tiny_sources import use_tiny_sources

from geomap.gazetteer.build import apply_user_data, build, user_data_registry

# A small sentence of our own for parse and map: the tiny gazetteer knows Fastville.
ARTICLE = "Police reported a protest in Fastville on Monday.\n"


@pytest.fixture
def tiny(monkeypatch: pytest.MonkeyPatch, isolated_cache: Path) -> None:
    use_tiny_sources(monkeypatch)


@pytest.fixture(scope="session")
def tiny_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder of one tiny build, made once: each test gets its own copy of it."""
    folder = tmp_path_factory.mktemp("tiny-build")
    with pytest.MonkeyPatch.context() as patch:
        for name in list(os.environ):
            if name.startswith("GEOMAP_") and name != "GEOMAP_TEST_DB":
                patch.delenv(name)
        patch.setenv("GEOMAP_CACHE_DIR", str(folder / "cache"))
        use_tiny_sources(patch)
        (folder / "gz").mkdir()
        build(folder / "gz" / "gazetteer.sqlite", progress=None)
    return folder / "gz"


@pytest.fixture
def tiny_db(tmp_path: Path, tiny: None, tiny_build: Path) -> Path:
    """A freshly built tiny gazetteer of this test's own (a copy: tests change it)."""
    shutil.copytree(tiny_build, tmp_path / "gz")
    return tmp_path / "gz" / "gazetteer.sqlite"


def other_sqlite(path: Path) -> bytes:
    """Another program's SQLite database at ``path``; returns its bytes."""
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    connection.execute("INSERT INTO notes (body) VALUES ('my only copy')")
    connection.commit()
    connection.close()
    return path.read_bytes()


# -- only files geomap made -------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["geocode", "Fastville", "--offline"],
        ["gazetteer", "build"],
        ["gazetteer", "info"],
        ["parse", "ARTICLE", "--offline"],
        ["map", "ARTICLE", "--offline", "-o", "OUT"],
    ],
    ids=["geocode", "build", "info", "parse", "map"],
)
def test_another_sqlite_database_is_refused_and_left_as_it_was(
    capsys, tmp_path: Path, tiny: None, argv: list[str]
) -> None:
    theirs = tmp_path / "notes.sqlite"
    before = other_sqlite(theirs)
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    argv = [{"ARTICLE": str(article), "OUT": str(tmp_path / "map.html")}.get(a, a) for a in argv]
    code, _, err = run(capsys, *argv, "--db", str(theirs))
    assert code == 1
    assert_one_line_error(err, str(theirs), "not a geomap gazetteer")
    assert theirs.read_bytes() == before
    assert not (tmp_path / "map.html").exists()


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _device(path: Path) -> None:
    """A character device like /dev/null (writing to it discards)."""
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root")


@pytest.mark.parametrize(
    ("make", "still_there"),
    [
        (lambda p: p.write_text("my notes\n"), lambda p: p.read_text() == "my notes\n"),
        (lambda p: p.write_bytes(b""), lambda p: p.is_file() and p.stat().st_size == 0),
        (lambda p: p.mkdir(), lambda p: p.is_dir()),
        (_fifo, lambda p: stat.S_ISFIFO(p.stat().st_mode)),
        (_device, lambda p: stat.S_ISCHR(p.stat().st_mode)),
    ],
    ids=["text", "empty", "folder", "fifo", "device"],
)
def test_build_over_a_file_geomap_did_not_make_is_refused(
    capsys, tmp_path: Path, tiny: None, make, still_there
) -> None:
    target = tmp_path / "gazetteer.sqlite"
    make(target)
    code, _, err = run(capsys, "gazetteer", "build", "--db", str(target))
    assert code == 1
    assert_one_line_error(err, str(target))
    assert still_there(target)
    assert not target.with_name(target.name + ".lock").exists()


def test_a_mistyped_database_folder_is_not_created(
    capsys, tmp_path: Path, tiny: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GEOMAP_DB", str(tmp_path / "nonexistent" / "dir" / "x.sqlite"))
    for argv in (["geocode", "Fastville", "--offline"], ["gazetteer", "build"]):
        code, _, err = run(capsys, *argv)
        assert code == 1
        assert_one_line_error(err, str(tmp_path / "nonexistent" / "dir"), "does not exist")
    assert not (tmp_path / "nonexistent").exists()


def test_first_map_on_a_new_machine_builds_the_gazetteer_in_the_cache(
    capsys, tmp_path: Path, tiny: None, isolated_cache: Path
) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    code, out, err = run(capsys, "map", str(article), "--offline", "-o", str(tmp_path / "m.html"))
    assert code == 0, err
    assert (isolated_cache / "gazetteer.sqlite").is_file()
    assert "1 of 1 events mapped" in out


def test_a_built_database_carries_geomap_s_mark(tiny_db: Path) -> None:
    with sqlite3.connect(tiny_db) as connection:
        (application_id,) = connection.execute("PRAGMA application_id").fetchone()
    assert application_id.to_bytes(4, "big") == b"GMAP"


def test_a_database_built_before_the_mark_is_still_geomap_s(capsys, tiny_db: Path) -> None:
    with sqlite3.connect(tiny_db) as connection:
        connection.execute("PRAGMA application_id = 0")
    code, _, err = run(capsys, "geocode", "Fastville", "--offline", "--db", str(tiny_db))
    assert code == 0, err
    assert run(capsys, "gazetteer", "build", "--db", str(tiny_db))[0] == 0
    assert lookup(tiny_db, "Fastville")


# -- gazetteer import ------------------------------------------------------------------------


def test_import_rejects_each_bad_number_with_a_warning_and_keeps_the_good_lines(
    capsys, tiny_db: Path, tmp_path: Path
) -> None:
    def line(number: int, name: str, lat="33.5", lon="44.5", population="100") -> str:
        good = geonames_line(992000000 + number, name, 0, 0, "P", "PPL", "IQ")
        columns = good.rstrip("\n").split("\t")
        columns[4], columns[5], columns[14] = lat, lon, population
        return "\t".join(columns) + "\n"

    dump = tmp_path / "XQ.txt"
    dump.write_text(
        line(1, "Xqz Good One")
        + line(2, "Xqz Nan", lat="nan")
        + line(3, "Xqz Inf", lon="inf")
        + line(4, "Xqz Far North", lat="200")
        + line(5, "Xqz Huge", population="9" * 400)
        + line(6, "Xqz Negative", population="-40")
        + line(7, "Xqz Good Two")
        + line(8, "Xqz Big Float", population="1e300"),
        encoding="utf-8",
    )
    code, out, err = run(capsys, "gazetteer", "import", str(dump), "--db", str(tiny_db))
    assert code == 0, err
    assert "imported 2 places" in out
    for number in range(2, 7):
        assert f"XQ.txt:{number}:" in err
    assert "XQ.txt:8:" in err
    assert "Traceback" not in err
    assert lookup(tiny_db, "Xqz Good One") and lookup(tiny_db, "Xqz Good Two")
    for name in ("Xqz Nan", "Xqz Inf", "Xqz Far North", "Xqz Huge", "Xqz Negative"):
        assert lookup(tiny_db, name) == [], name


def test_import_of_a_large_malformed_dump_holds_little_memory(
    tiny_db: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "bomb.zip"
    with (
        zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zipped,
        zipped.open("XQ.txt", "w") as member,
    ):
        member.write(b"x" * (40 << 20))  # one 40 MB line with no end
        member.write(b"\n")
        for _ in range(100_000):  # and many lines that are not GeoNames lines
            member.write(b"not\ta\tdump\tline\n")
        survivor = geonames_line(993000001, "Xqz Survivor", 33.0, 44.0, "P", "PPL", "IQ")
        member.write(survivor.encode())
    assert archive.stat().st_size < 1_000_000
    tracemalloc.start()
    try:
        report = apply_user_data(tiny_db, archive, "geonames", register=False)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert report.places == 1
    assert lookup(tiny_db, "Xqz Survivor")
    assert peak < 16 << 20, f"peak {peak / 2**20:.0f} MB"
    assert len(report.problems) <= 1000  # the first ones are kept, the rest counted
    assert report.problem_count == 100_001
    assert "bytes" in report.problems[0] and "longer" in report.problems[0]


def test_a_failed_import_is_not_registered(capsys, tiny_db: Path, tmp_path: Path) -> None:
    dump = tmp_path / "junk.txt"
    dump.write_text("1\tXqz\tXqz\t\tnan\tnan\n" * 3, encoding="utf-8")
    code, _, err = run(capsys, "gazetteer", "import", str(dump), "--db", str(tiny_db))
    assert code == 1
    assert "Traceback" not in err
    registry = user_data_registry()
    registered = json.loads(registry.read_text()) if registry.exists() else []
    assert all(entry["path"] != str(dump.resolve()) for entry in registered)


def test_a_registered_dump_that_no_longer_reads_does_not_stop_a_rebuild(
    capsys, tiny_db: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "XQ.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("XQ.txt", geonames_line(993000002, "Xqz Once", 33, 44, "P", "PPL", "IQ"))
    assert run(capsys, "gazetteer", "import", str(archive), "--db", str(tiny_db))[0] == 0
    archive.write_bytes(b"no longer a zip")
    code, _, err = run(capsys, "gazetteer", "build", "--db", str(tiny_db))
    assert code == 0, err
    assert "XQ.zip" in err and "Traceback" not in err
    assert lookup(tiny_db, "Fastville")


# -- gazetteer add ---------------------------------------------------------------------------


def add(capsys, db: Path, overlay: Path) -> tuple[int, str, str]:
    return run(capsys, "gazetteer", "add", str(overlay), "--db", str(db))


def test_add_reports_a_field_over_the_csv_limit_and_keeps_the_other_rows(
    capsys, tiny_db: Path, tmp_path: Path
) -> None:
    overlay = tmp_path / "long.csv"
    overlay.write_text(f"name,lat,lon\n{'Xqz' * 100_000},1,2\nXqz Short,3,4\n", encoding="utf-8")
    code, out, err = add(capsys, tiny_db, overlay)
    assert code == 0, err
    assert "added 1 places" in out
    assert "long.csv:2:" in err and "Traceback" not in err
    assert lookup(tiny_db, "Xqz Short")


def test_add_of_a_latin1_csv_says_it_is_not_utf8(capsys, tiny_db: Path, tmp_path: Path) -> None:
    overlay = tmp_path / "latin.csv"
    overlay.write_bytes("name,lat,lon\nXqz Ville,1,2\nXqz Bras\u00edlia,3,4\n".encode("latin-1"))
    code, _, err = add(capsys, tiny_db, overlay)
    assert code == 1
    assert_one_line_error(err, "line 3", "UTF-8")
    assert lookup(tiny_db, "Xqz Ville") == []  # nothing of the file, not the rows before


def test_add_of_deeply_nested_geojson_is_one_line(capsys, tiny_db: Path, tmp_path: Path) -> None:
    overlay = tmp_path / "deep.geojson"
    overlay.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    code, _, err = add(capsys, tiny_db, overlay)
    assert code == 1
    assert_one_line_error(err, "nested too deeply")


def test_add_reports_the_rows_an_unclosed_quote_swallowed(
    capsys, tiny_db: Path, tmp_path: Path
) -> None:
    overlay = tmp_path / "quote.csv"
    overlay.write_text(
        'name,lat,lon\nXqz First,1,2\n"Xqz Open,3,4\nXqz Lost One,5,6\nXqz Lost Two,7,8\n',
        encoding="utf-8",
    )
    code, out, err = add(capsys, tiny_db, overlay)
    assert code == 0, err
    assert "added 1 places" in out
    assert "quote.csv:3:" in err and "lines 3 to 5" in err and "never closed" in err


def test_add_refuses_booleans_as_geojson_coordinates(capsys, tiny_db: Path, tmp_path: Path) -> None:
    overlay = tmp_path / "bool.geojson"
    feature = {"type": "Feature", "properties": {"name": "Xqz Truth"}}
    overlay.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {**feature, "geometry": {"type": "Point", "coordinates": [True, False]}}
                ],
            }
        ),
        encoding="utf-8",
    )
    code, _, err = add(capsys, tiny_db, overlay)
    assert code == 1
    assert "bool.geojson:1:" in err and "number" in err
    assert lookup(tiny_db, "Xqz Truth") == []


@pytest.mark.parametrize("population", ["inf", "9" * 400, "-3", "nan"])
def test_add_rejects_a_bad_population_per_row(
    capsys, tiny_db: Path, tmp_path: Path, population: str
) -> None:
    overlay = tmp_path / "people.csv"
    overlay.write_text(
        f"name,lat,lon,population\nXqz Crowd,1,2,{population}\nXqz Hamlet,3,4,12\n",
        encoding="utf-8",
    )
    code, out, err = add(capsys, tiny_db, overlay)
    assert code == 0, err
    assert "added 1 places" in out and "people.csv:2:" in err and "population" in err
    assert lookup(tiny_db, "Xqz Crowd") == []


@pytest.mark.parametrize(
    "place",
    [
        ["--name", "Xqz Nowhere", "--lat", "nan", "--lon", "2"],
        ["--name", "Xqz Beyond", "--lat", "1", "--lon", "inf"],
        ["--name", "Xqz " * 100_000, "--lat", "1", "--lon", "2"],
        ["--name", "Xqz\nTwo Lines", "--lat", "1", "--lon", "2"],
    ],
    ids=["nan", "inf", "long-name", "line-break"],
)
def test_a_rejected_place_is_not_kept_in_user_csv(
    capsys, tiny_db: Path, isolated_cache: Path, place: list[str]
) -> None:
    user_csv = isolated_cache / "overlays" / "user.csv"
    good = ["--name", "Xqz Kept", "--lat", "1", "--lon", "2"]
    assert run(capsys, "gazetteer", "add", *good, "--db", str(tiny_db))[0] == 0
    before = user_csv.read_bytes()
    code, _, err = run(capsys, "gazetteer", "add", *place, "--db", str(tiny_db))
    assert code == 1
    assert_one_line_error(err, "not added")
    assert user_csv.read_bytes() == before
    # the next add and a rebuild are not haunted by it
    code, _, err = run(
        capsys,
        "gazetteer",
        "add",
        "--name",
        "Xqz Next",
        "--lat",
        "3",
        "--lon",
        "4",
        "--db",
        str(tiny_db),
    )
    assert code == 0 and err == ""
    code, _, err = run(capsys, "gazetteer", "build", "--db", str(tiny_db))
    assert code == 0 and "skipped" not in err
    assert lookup(tiny_db, "Xqz Kept") and lookup(tiny_db, "Xqz Next")


# -- a damaged database ----------------------------------------------------------------------


def damage(db: Path, tables: tuple[str, ...]) -> None:
    """Overwrite the root page of each table and index of ``tables`` with junk, as a bad disk
    sector or a stray write would."""
    with sqlite3.connect(db) as connection:
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        roots = [
            page
            for (page,) in connection.execute(
                f"SELECT rootpage FROM sqlite_master WHERE tbl_name IN "
                f"({','.join('?' * len(tables))}) AND rootpage > 1",
                tables,
            )
        ]
    connection.close()
    with db.open("r+b") as handle:
        for page in roots:
            handle.seek((page - 1) * page_size)
            handle.write(b"\xa5" * page_size)


@pytest.mark.parametrize(
    "argv",
    [
        ["geocode", "Fastville", "--offline"],
        ["gazetteer", "info"],
        ["parse", "ARTICLE", "--offline"],
        ["map", "ARTICLE", "--offline", "-o", "OUT"],
    ],
    ids=["geocode", "info", "parse", "map"],
)
def test_a_damaged_database_is_one_line_saying_to_rebuild(
    capsys, tiny_db: Path, tmp_path: Path, argv: list[str]
) -> None:
    # Not the first page of names, which opening reads: the damage is met later, by a lookup,
    # by the count of places, by the reading of every name.
    damage(tiny_db, ("places", "packed"))
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    argv = [{"ARTICLE": str(article), "OUT": str(tmp_path / "map.html")}.get(a, a) for a in argv]
    code, _, err = run(capsys, *argv, "--db", str(tiny_db))
    assert code == 1
    assert_one_line_error(err.replace(str(tiny_db), "DB"), "is damaged", "gazetteer build")
    # and what it says to do mends it
    assert run(capsys, "gazetteer", "build", "--db", str(tiny_db))[0] == 0
    assert lookup(tiny_db, "Fastville")


def test_damage_met_by_a_lookup_says_to_rebuild(tiny_db: Path) -> None:
    from geomap.errors import GazetteerCorruptError
    from geomap.gazetteer.store import SqliteGazetteer

    gazetteer = SqliteGazetteer(tiny_db)  # opens: the damage is further in
    damage(tiny_db, ("packed",))
    with pytest.raises(GazetteerCorruptError, match=r"is damaged.*geomap gazetteer build"):
        gazetteer.lookup("Fastville")
    gazetteer.close()
