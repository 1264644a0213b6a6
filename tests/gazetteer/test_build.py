"""Building the gazetteer: atomic replacement, interrupted and concurrent builds, rebuilds when
the data changes (an explicit step: opening never builds), and clear errors for corrupt,
missing and unwritable databases.

These tests swap the big sources (cities500, airports, subdivisions) for a handful of records,
so a build takes about a second; the countries and the shipped overlays stay real.
"""

from __future__ import annotations

import importlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tiny_sources import place_record

from geomap import settings
from geomap.errors import (
    GazetteerCorruptError,
    GazetteerError,
    GazetteerMissingError,
    NotAGazetteerError,
)
from geomap.gazetteer.build import SCHEMA_VERSION, build, current_fingerprint, ensure_built
from geomap.gazetteer.sources import (
    PlaceRecord,
    airports,
    geonames_admin,
    geonames_cities,
    regions,
)
from geomap.gazetteer.store import SqliteGazetteer, open_gazetteer

CHECKOUT = Path(__file__).resolve().parents[2]
# `geomap.gazetteer.build` the attribute is the function; the module is needed for monkeypatching.
build_module = importlib.import_module("geomap.gazetteer.build")


def tiny_cities(admin1=None) -> Iterator[PlaceRecord]:
    yield place_record("geonames:990000001", "Fastville", 34.0, 41.0)
    yield place_record("geonames:990000002", "Quickton", 35.0, 42.0)


def tiny_airports() -> Iterator[PlaceRecord]:
    yield place_record("icao:XXFA", "Fastville Air Base", 34.01, 41.01, kind="military")


@pytest.fixture
def fast_sources(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(regions, "read_subdivisions", lambda: [])
    monkeypatch.setattr(regions, "iter_regions", lambda subdivisions: iter(()))
    monkeypatch.setattr(geonames_admin, "read_features", lambda: [])
    monkeypatch.setattr(geonames_cities, "iter_cities", tiny_cities)
    monkeypatch.setattr(airports, "iter_airports", tiny_airports)


@pytest.fixture
def db_path(tmp_path: Path, isolated_cache: Path, fast_sources: None) -> Path:
    (tmp_path / "gz").mkdir()
    return tmp_path / "gz" / "gazetteer.sqlite"


@pytest.fixture
def fast_db(db_path: Path) -> Path:
    build(db_path, progress=None)
    return db_path


def answers(path: Path, name: str = "Fastville") -> bool:
    gazetteer = SqliteGazetteer(path)
    try:
        return bool(gazetteer.lookup(name))
    finally:
        gazetteer.close()


def meta(path: Path) -> dict[str, str]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        return dict(connection.execute("SELECT k, v FROM meta"))


def leftovers(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.building-*"))


def _sql(path: Path, statement: str, params: tuple = ()) -> None:
    connection = sqlite3.connect(path)
    try:
        connection.execute(statement, params)
        connection.commit()
    finally:
        connection.close()


# -- a build ---------------------------------------------------------------------------------


def test_build_writes_a_current_database_and_reports_counts(db_path: Path) -> None:
    messages: list[str] = []
    report = build(db_path, progress=messages.append)
    assert report.path == db_path
    info = meta(db_path)
    assert info["schema_version"] == str(SCHEMA_VERSION)
    assert info["fingerprint"] == current_fingerprint()
    assert int(info["places"]) == report.places > 250  # the countries, seas, and the tiny ones
    assert int(info["names"]) == report.names
    assert messages and "gazetteer built" in messages[-1]
    assert leftovers(db_path) == []
    gazetteer = SqliteGazetteer(db_path)
    assert gazetteer.lookup("Fastville")[0].id == "geonames:990000001"
    assert gazetteer.lookup("Iraq")[0].kind == "country"
    assert gazetteer.lookup("Arabian Sea")[0].kind == "sea"


def test_build_of_a_current_database_without_force_keeps_it(fast_db: Path) -> None:
    _sql(fast_db, "INSERT INTO meta VALUES ('marker', 'kept')")
    report = build(fast_db, force=False, progress=None)
    assert report.places == 0
    assert meta(fast_db)["marker"] == "kept"
    build(fast_db, force=True, progress=None)
    assert "marker" not in meta(fast_db)


# -- atomicity -------------------------------------------------------------------------------


def test_failing_source_leaves_the_previous_database(
    fast_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = meta(fast_db)

    def broken_airports() -> Iterator[PlaceRecord]:
        yield from tiny_airports()
        raise RuntimeError("airports.csv is truncated")

    monkeypatch.setattr(airports, "iter_airports", broken_airports)
    with pytest.raises(RuntimeError, match="truncated"):
        build(fast_db, progress=None)
    assert meta(fast_db) == before
    assert answers(fast_db)
    assert leftovers(fast_db) == []


def test_interrupt_leaves_the_previous_database(
    fast_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = meta(fast_db)

    def interrupted(admin1=None) -> Iterator[PlaceRecord]:
        yield from tiny_cities()
        raise KeyboardInterrupt

    monkeypatch.setattr(geonames_cities, "iter_cities", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(fast_db, progress=None)
    assert meta(fast_db) == before
    assert answers(fast_db)
    assert leftovers(fast_db) == []


# A child process that builds with the tiny sources; in "hang" mode it stops in the middle of
# the cities, after telling the parent so by creating a file.
_CHILD = r"""
import sys, time
from pathlib import Path
import importlib
b = importlib.import_module("geomap.gazetteer.build")
from geomap.gazetteer.sources import PlaceRecord, airports, geonames_admin, geonames_cities, regions

target, mode, signal_file = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])

def rec(pid, name, lat, lon, kind="city"):
    r = PlaceRecord(id=pid, name=name, lat=lat, lon=lon, country_code="IQ", admin1=None,
                    kind=kind, population=1000, source="test")
    r.add_name(name, "name")
    return r

def cities(admin1=None):
    yield rec("geonames:990000001", "Fastville", 34.0, 41.0)
    yield rec("geonames:990000003", "Slowburg", 33.0, 40.0)
    if mode == "hang":
        signal_file.write_text("building")
        time.sleep(300)

regions.read_subdivisions = lambda: []
regions.iter_regions = lambda subdivisions: iter(())
geonames_admin.read_features = lambda: []
geonames_cities.iter_cities = cities
airports.iter_airports = lambda: iter(())
b.build(target, force=(mode == "hang"), progress=None)
"""


def _child(target: Path, mode: str, signal_file: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(CHECKOUT)}
    return subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(target), mode, str(signal_file)],
        env=env,
        cwd=CHECKOUT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _wait_for(path: Path, process: subprocess.Popen, patience: float = 60.0) -> None:
    deadline = time.monotonic() + patience
    while not path.exists():
        if process.poll() is not None:
            raise AssertionError(f"child ended early: {process.communicate()}")
        if time.monotonic() > deadline:
            process.kill()
            raise AssertionError("child never reached the middle of its build")
        time.sleep(0.05)


def test_killed_build_leaves_the_previous_database_and_the_next_build_cleans_up(
    fast_db: Path, tmp_path: Path
) -> None:
    before = meta(fast_db)
    signal_file = tmp_path / "child-is-building"
    child = _child(fast_db, "hang", signal_file)
    try:
        _wait_for(signal_file, child)
        assert leftovers(fast_db), "the child should be writing a temporary file"
        child.send_signal(signal.SIGKILL)
        child.wait()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    # The old database is untouched and still answers, even opened the normal way.
    assert meta(fast_db) == before
    assert answers(fast_db)
    assert not answers(fast_db, "Slowburg")
    gazetteer = open_gazetteer(fast_db)
    assert gazetteer.lookup("Iraq")[0].country_code == "IQ"
    gazetteer.close()
    stale = leftovers(fast_db)
    assert [p.name for p in stale] == [f"{fast_db.name}.building-{child.pid}"]
    # The kill also left the lock file; it must not block the next build.
    build(fast_db, progress=None)
    assert leftovers(fast_db) == []
    assert answers(fast_db)


def test_stale_temporary_files_are_removed_by_the_next_build(fast_db: Path) -> None:
    stale = [fast_db.with_name(f"{fast_db.name}.building-{n}") for n in (1, 99999)]
    for path in stale:
        path.write_bytes(os.urandom(1000))
    unrelated = fast_db.with_name("notes.building-1")
    unrelated.write_text("mine")
    build(fast_db, progress=None)
    assert leftovers(fast_db) == []
    assert unrelated.read_text() == "mine"
    assert answers(fast_db)


def test_an_open_reader_keeps_answering_across_a_rebuild(fast_db: Path) -> None:
    reader = SqliteGazetteer(fast_db)
    try:
        build(fast_db, progress=None)
        assert reader.lookup("Fastville")
        assert SqliteGazetteer(fast_db).lookup("Fastville")
    finally:
        reader.close()


# -- concurrent builds -----------------------------------------------------------------------


def test_two_threads_building_at_once_both_finish_and_build_once(db_path: Path) -> None:
    reports, errors = [], []

    def run() -> None:
        try:
            reports.append(build(db_path, force=False, progress=None))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    assert len(reports) == 2
    assert sorted(r.places for r in reports)[0] == 0  # the second found it current
    assert sorted(r.places for r in reports)[1] > 0
    assert answers(db_path)
    assert leftovers(db_path) == []


def test_two_processes_building_at_once_both_finish(db_path: Path, tmp_path: Path) -> None:
    children = [_child(db_path, "normal", tmp_path / f"unused-{n}") for n in range(2)]
    results = [child.communicate(timeout=120) for child in children]
    for child, (_out, err) in zip(children, results, strict=True):
        assert child.returncode == 0, err.decode()
    assert answers(db_path, "Slowburg")
    assert meta(db_path)["fingerprint"] == current_fingerprint()
    assert leftovers(db_path) == []
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


# -- rebuilding when out of date --------------------------------------------------------------


def _mark(path: Path) -> None:
    """Put a place into the database that a rebuild would not bring back."""
    overlay = path.with_name("stale.csv")
    overlay.write_text("name,lat,lon,country,kind\nStaleton,1,1,IQ,city\n", encoding="utf-8")
    build_module.apply_user_data(path, overlay, "overlay", register=False)
    assert answers(path, "Staleton")


def test_ensure_built_keeps_a_current_database(fast_db: Path) -> None:
    _mark(fast_db)
    assert ensure_built(fast_db, progress=None) == fast_db
    gazetteer = open_gazetteer(fast_db)
    assert gazetteer.lookup("Staleton")


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("fingerprint", "0123456789abcdef"),
        pytest.param("schema_version", "0"),
    ],
)
def test_ensure_built_rebuilds_an_out_of_date_database(fast_db: Path, key: str, value: str) -> None:
    _mark(fast_db)
    _sql(fast_db, "UPDATE meta SET v = ? WHERE k = ?", (value, key))
    ensure_built(fast_db, progress=None)
    gazetteer = open_gazetteer(fast_db)
    assert gazetteer.meta["fingerprint"] == current_fingerprint()
    assert gazetteer.meta["schema_version"] == str(SCHEMA_VERSION)
    assert not gazetteer.lookup("Staleton")
    assert gazetteer.lookup("Fastville")


def test_ensure_built_rebuilds_after_a_data_package_upgrade(
    fast_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _mark(fast_db)
    old = current_fingerprint()
    upgraded = build_module.distribution_version

    def version(distribution: str) -> str:
        return "9999.1" if distribution == "airportsdata" else upgraded(distribution)

    monkeypatch.setattr(build_module, "distribution_version", version)
    assert current_fingerprint() != old
    assert open_gazetteer(fast_db).lookup("Staleton")  # opening alone never rebuilds
    ensure_built(fast_db, progress=None)
    gazetteer = open_gazetteer(fast_db)
    assert gazetteer.meta["fingerprint"] == current_fingerprint()
    assert not gazetteer.lookup("Staleton")


def test_opening_never_builds_and_ensure_built_does(db_path: Path) -> None:
    with pytest.raises(GazetteerMissingError, match="geomap gazetteer build"):
        open_gazetteer(db_path)
    assert not db_path.exists()
    assert ensure_built(db_path, progress=None) == db_path
    assert open_gazetteer(db_path).lookup("Fastville")


def test_opening_an_out_of_date_schema_says_to_rebuild(fast_db: Path) -> None:
    _sql(fast_db, "UPDATE meta SET v = '0' WHERE k = 'schema_version'")
    with pytest.raises(GazetteerError, match="geomap gazetteer build"):
        open_gazetteer(fast_db)
    assert meta(fast_db)["schema_version"] == "0"


def test_default_path_is_in_the_cache_dir(isolated_cache: Path, fast_sources: None) -> None:
    assert not isolated_cache.exists()
    assert ensure_built(progress=None) == isolated_cache / "gazetteer.sqlite"  # folder made
    gazetteer = open_gazetteer()
    assert gazetteer.path == isolated_cache / "gazetteer.sqlite"
    assert gazetteer.lookup("Fastville")


def test_geomap_db_setting_is_the_default_path(
    tmp_path: Path, isolated_cache: Path, fast_sources: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "g.sqlite"
    monkeypatch.setenv("GEOMAP_DB", str(target))
    assert ensure_built(progress=None) == target
    assert open_gazetteer().path == target


# -- missing, corrupt, unwritable -------------------------------------------------------------


@pytest.mark.parametrize("content", [random.Random(7).randbytes(64 * 1024), b"", b"hello\n"])
def test_a_file_geomap_did_not_make_is_refused_and_left_alone(
    db_path: Path, content: bytes
) -> None:
    db_path.write_bytes(content)
    for attempt in (
        lambda: open_gazetteer(db_path),
        lambda: SqliteGazetteer(db_path),
        lambda: ensure_built(db_path, progress=None),
        lambda: build(db_path, progress=None),
    ):
        with pytest.raises(NotAGazetteerError) as caught:
            attempt()
        assert str(db_path) in str(caught.value)
    assert db_path.read_bytes() == content  # not someone else's file to replace


def test_truncated_database_says_to_rebuild_and_a_build_replaces_it(fast_db: Path) -> None:
    data = fast_db.read_bytes()
    fast_db.write_bytes(data[: len(data) // 3])
    with pytest.raises(GazetteerCorruptError, match=r"damaged.*geomap gazetteer build"):
        answers(fast_db, "Iraq")
        answers(fast_db, "Arabian Sea")
    build(fast_db, progress=None)  # what the message says to do
    assert answers(fast_db)


def test_unwritable_database_location_is_a_clear_error(
    tmp_path: Path, fast_sources: None, isolated_cache: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    target = blocker / "sub" / "gazetteer.sqlite"
    with pytest.raises(GazetteerError, match="GEOMAP_DB"):
        build(target, progress=None)
    with pytest.raises(GazetteerError, match="GEOMAP_DB"):
        ensure_built(target, progress=None)


def test_unwritable_cache_dir_is_a_clear_error(
    tmp_path: Path, fast_sources: None, isolated_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(blocker / "cache"))
    assert settings.database_path().parent == blocker / "cache"
    with pytest.raises(GazetteerError, match="GEOMAP_DB"):
        ensure_built(progress=None)


def test_read_only_cache_dir_is_a_clear_error(db_path: Path) -> None:
    directory = db_path.parent
    directory.chmod(0o555)
    try:
        if os.access(directory, os.W_OK):
            pytest.skip("running as root: a read-only directory is still writable")
        with pytest.raises(GazetteerError, match="not writable"):
            ensure_built(db_path, progress=None)
    finally:
        directory.chmod(0o755)


def test_reading_block_answers_as_single_lookups_and_lets_writers_in_when_it_ends(
    fast_db: Path,
) -> None:
    gazetteer = SqliteGazetteer(fast_db)
    outside = gazetteer.lookup("Fastville")
    gazetteer._lookups.clear()  # ask the database again, inside the block
    writer = sqlite3.connect(fast_db, timeout=0.05)
    with gazetteer.reading():
        with gazetteer.reading():  # blocks nest
            inside = gazetteer.lookup("Fastville")
        # A writer (the online cache, `gazetteer add`) waits while the block reads ...
        writer.execute("INSERT INTO meta VALUES ('probe', '1')")
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            writer.commit()
    assert inside == outside
    writer.commit()  # ... and gets in as soon as it ends
    assert dict(writer.execute("SELECT k, v FROM meta"))["probe"] == "1"
    writer.close()
    gazetteer.close()
