"""Querying the local gazetteer: the narrow interface every other stage uses.

:class:`Gazetteer` is the interface (lookup by name, get by id, every name for recognition);
:class:`SqliteGazetteer` implements it over the SQLite file :mod:`geomap.gazetteer.build` writes,
opened read-only so any number of processes can share it.

Examples
--------
>>> gaz = open_gazetteer()                                     # doctest: +SKIP
>>> [(c.name, c.country_code) for c in gaz.lookup("Al Qaim", limit=1)]  # doctest: +SKIP
[('Al Qa’im', 'IQ')]
"""

from __future__ import annotations

import contextlib
import marshal
import math
import os
import sqlite3
from collections import OrderedDict
from collections.abc import Iterator
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from geomap import settings
from geomap.errors import (
    GazetteerCorruptError,
    GazetteerError,
    GazetteerMissingError,
    InputError,
)
from geomap.gazetteer.build import SCHEMA_VERSION
from geomap.gazetteer.marker import is_gazetteer, read_only_uri
from geomap.gazetteer.names import fold, key, loose, split_facility
from geomap.gazetteer.sources import MAX_NAME_LENGTH  # longer queries are refused
from geomap.model import KINDS, Candidate

__all__ = [
    "MAX_NAME_LENGTH",
    "Gazetteer",
    "SqliteGazetteer",
    "haversine_km",
    "open_gazetteer",
]

_LOOKUP_CACHE_SIZE = 20_000

# How well a query matched a name, by the key that matched and the kind of name. "drift" is a
# loose match to an alternate that is itself no spelling of the place's own name: two steps
# away ("Kushiyara" ~ "Kushira", a name of Kushiro).
_MATCH_WEIGHT = {"fold": 1.0, "key": 0.95, "loose": 0.8, "drift": 0.65}
# A place's own name beats an alternate that happens to be spelt the same ("Mexico" the
# country, not Mexico City).
_NAME_TYPE_WEIGHT = {"name": 1.0, "alt": 0.93, "abbr": 1.0, "demonym": 0.9, "facility": 0.85}
_FACILITY_KINDS = {"military", "airport"}
# GeoNames lists, among a town's alternates, its historical, colloquial and other languages'
# names ("Salem" and "Zion" for Jerusalem, "Franklin" for Columbus, "Milford" for Newark). When
# another town bears the query as its own name, such a town is the weaker
# reading: by OTHER_NAME_WEIGHT for another name, by SPELLING_WEIGHT for a spelling of its own
# ("Odessa" for Odesa, "Taji" for Taiji). Population can still carry it ("Bombay", "Calcutta").
_OTHER_NAME_WEIGHT = 0.85
_SPELLING_WEIGHT = 0.9
# Names a place holds as its own: its name, an abbreviation or postal code.
_OWN_NAME_TYPES = {"name", "abbr", "postal"}
_TOWN_KINDS = {"city", "district"}
_EXACT = {"fold", "key"}  # match levels that find a name as it is written
# Two keys at least this similar (difflib's ratio) are spellings of one name.
_SPELLING_RATIO = 0.8
_COLUMNS = (
    "p.pid, p.id, p.name, p.lat, p.lon, p.country_code, p.admin1, p.kind, p.population, "
    "p.source, p.prior, n.name, n.name_type"
)
# Positions in a lookup row: the pid, the place's columns, then the name that matched, its type
# and fold.
_PID, _ID, _NAME, _LAT, _LON, _COUNTRY, _ADMIN1, _KIND, _POPULATION, _SOURCE, _PRIOR = range(11)
_MATCHED, _NAME_TYPE, _FOLD = 11, 12, 13

# Every name whose fold matches also matches on key (key is a function of fold), so one packed
# value holds both levels; the name's fold tells them apart. The database is the user's own
# build, so its marshalled values are trusted.
_BY_KEY = "SELECT rows FROM packed WHERE key = ?"
_BY_SKELETON = (
    f"SELECT {_COLUMNS}, n.fold, n.key FROM names n JOIN places p ON p.pid = n.pid "
    f"WHERE n.loose = ? LIMIT 300"
)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km.

    >>> round(haversine_km(33.34, 44.40, 33.52, 44.26))
    24
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


class Gazetteer(Protocol):
    """What geomap needs from a gazetteer, whatever stores it."""

    def lookup(
        self,
        name: str,
        *,
        country: str | None = None,
        kind: str | None = None,
        near: tuple[float, float] | None = None,
        limit: int = 10,
    ) -> list[Candidate]: ...

    def get(self, place_id: str) -> Candidate | None: ...

    def reading(self) -> contextlib.AbstractContextManager[None]: ...

    def country(self, country_code: str) -> Candidate | None: ...

    def iter_names(self) -> Iterator[tuple[str, str, str, int, float]]: ...

    def info(self) -> dict: ...


class SqliteGazetteer:
    """The gazetteer in one SQLite file, opened read-only.

    Opening never builds (:func:`geomap.gazetteer.build.ensure_built` does, when asked) and
    opens only a file geomap made (:mod:`geomap.gazetteer.marker`). A damaged database raises
    :class:`~geomap.errors.GazetteerCorruptError`, saying to rebuild it, from any query.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        if not is_gazetteer(self.path):
            raise GazetteerMissingError(
                f"no gazetteer at {self.path}; build it with: geomap gazetteer build"
            )
        try:
            self._db = sqlite3.connect(read_only_uri(self.path), uri=True, check_same_thread=False)
            self._db.execute("PRAGMA query_only=1")
            self._db.execute("PRAGMA cache_size=-65536")
            self._db.execute("PRAGMA mmap_size=268435456")
            self.meta = dict(self._db.execute("SELECT k, v FROM meta"))
            self._db.execute("SELECT pid FROM names LIMIT 1").fetchall()
        except sqlite3.Error as exc:
            raise self._read_error(exc) from exc
        if self.meta.get("schema_version") != str(SCHEMA_VERSION):
            self._db.close()
            raise GazetteerError(
                f"the gazetteer {self.path} was built by another version of geomap; "
                f"rebuild it with: geomap gazetteer build"
            )
        self._country_cache: dict[str, Candidate | None] = {}
        # News repeats its names: recent answers are kept (copies are handed out).
        self._lookups: OrderedDict[tuple, tuple[tuple, ...]] = OrderedDict()

    # -- the interface -------------------------------------------------------------------

    def lookup(
        self,
        name: str,
        *,
        country: str | None = None,
        kind: str | None = None,
        near: tuple[float, float] | None = None,
        limit: int = 10,
    ) -> list[Candidate]:
        """Ranked candidates for a place name.

        Parameters
        ----------
        name
            The name as written: any spelling, accents, apostrophes, facility words.
        country
            ISO 3166-1 alpha-2 code: only places in that country.
        kind
            Only places of this kind (see :data:`geomap.model.KINDS`).
        near
            ``(lat, lon)``: closer places rank higher.
        limit
            How many candidates at most.
        """
        name = _check_name(name)
        country = _check_country(country)
        if kind is not None and kind not in KINDS:
            raise InputError(f"unknown kind {kind!r}; one of: {', '.join(KINDS)}")
        cache_key = (name, country, kind, near, limit)
        cached = self._lookups.get(cache_key)
        if cached is not None:
            self._lookups.move_to_end(cache_key)
            return [Candidate(*fields) for fields in cached]
        ranked = self._lookup(name, country, kind, near, limit)
        # Kept as their fields: the cache hands out new candidates, and callers treat
        # candidates as values.
        self._lookups[cache_key] = tuple(_fields(candidate) for candidate in ranked)
        if len(self._lookups) > _LOOKUP_CACHE_SIZE:
            self._lookups.popitem(last=False)
        return ranked

    def _lookup(
        self,
        name: str,
        country: str | None,
        kind: str | None,
        near: tuple[float, float] | None,
        limit: int,
    ) -> list[Candidate]:
        # The hot path of every parse: rows stay tuples while they are scored, and Candidate
        # objects are made only for the ones returned.
        place_part, facility = split_facility(name)
        best: dict[int, list] = {}  # pid -> [score, row, level]: each place's best-scoring row
        self._score_rows(best, self._rows(name), facility, country, kind, near)
        # "the Taji base" also asks for Taji, to find the base at the town; a facility found
        # by its own full name ("Baghdad International Airport") needs no second query.
        if (
            facility
            and place_part
            and not any(row[_KIND] in _FACILITY_KINDS for _, row, _ in best.values())
        ):
            self._score_rows(best, self._rows(place_part), facility, country, kind, near)
        entries = list(best.values())
        for entry in entries:
            entry[0] = round(entry[0], 4)
        if len(entries) > 1:
            _prefer_own_names(entries)
            _prefer_countries_and_cities(entries)
            entries.sort(key=_rank)
        return [_candidate(row, score) for score, row, _ in entries[: max(0, limit)]]

    @staticmethod
    def _score_rows(
        best: dict[int, list],
        rows: list[tuple[tuple, str]],
        facility: str | None,
        country: str | None,
        kind: str | None,
        near: tuple[float, float] | None,
    ) -> None:
        for row, level in rows:
            if (country and row[_COUNTRY] != country) or (kind and row[_KIND] != kind):
                continue
            score = _score(row, level, facility)
            if near:
                distance = haversine_km(near[0], near[1], row[_LAT], row[_LON])
                score *= 0.4 + 0.6 * math.exp(-distance / 300.0)
            held = best.get(row[_PID])
            if held is None or score > held[0]:
                best[row[_PID]] = [score, row, level]

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """Answer the lookups of the block from one read transaction.

        On its own every query takes and drops the database's file lock (much of a lookup's
        time in SQLite); a burst of lookups (one document's names, a table's column)
        is faster in one transaction. Keep the block short: a writer (the online cache, a
        ``gazetteer add``) waits for it to end. Blocks may nest.

        >>> with gaz.reading():                                    # doctest: +SKIP
        ...     answers = [gaz.lookup(name) for name in names]
        """
        if self._db.in_transaction:
            yield
            return
        try:
            self._db.execute("BEGIN")
        except sqlite3.Error as exc:
            raise self._read_error(exc) from exc
        try:
            yield
        finally:
            self._db.commit()

    def get(self, place_id: str) -> Candidate | None:
        row = self._one_row(
            f"SELECT {_COLUMNS} FROM places p JOIN names n ON n.pid = p.pid WHERE p.id = ? LIMIT 1",
            (place_id,),
        )
        return _candidate(row, round(_score(row, "fold", None), 4)) if row else None

    def country(self, country_code: str) -> Candidate | None:
        """The country record for an ISO code."""
        code = country_code.upper()
        if code not in self._country_cache:
            row = self._one_row(
                f"SELECT {_COLUMNS} FROM places p JOIN names n ON n.pid = p.pid "
                f"WHERE p.kind = 'country' AND p.country_code = ? LIMIT 1",
                (code,),
            )
            self._country_cache[code] = (
                _candidate(row, round(_score(row, "fold", None), 4)) if row else None
            )
        return self._country_cache[code]

    def iter_names(self) -> Iterator[tuple[str, str, str, int, float]]:
        """Every ``(name, name type, kind, population, prior)``, for building recognisers."""
        try:
            yield from self._db.execute(
                "SELECT n.name, n.name_type, p.kind, p.population, p.prior FROM names n "
                "JOIN places p ON p.pid = n.pid"
            )
        except sqlite3.Error as exc:
            raise self._read_error(exc) from exc

    def info(self) -> dict:
        """Path, version and counts per source and kind."""
        try:
            per_source = self._db.execute(
                "SELECT p.source, p.kind, COUNT(DISTINCT p.pid), COUNT(*) FROM places p "
                "JOIN names n ON n.pid = p.pid GROUP BY p.source, p.kind "
                "ORDER BY p.source, p.kind"
            ).fetchall()
            tables = {row[0] for row in self._db.execute("SELECT name FROM sqlite_master")}
            online = 0
            if "online_cache" in tables:  # made by the first online answer
                online = self._db.execute("SELECT COUNT(*) FROM online_cache").fetchone()[0]
        except sqlite3.Error as exc:
            raise self._read_error(exc) from exc
        return {
            "path": str(self.path),
            "size_mb": round(self.path.stat().st_size / 1e6, 1),
            "schema_version": self.meta.get("schema_version"),
            "fingerprint": self.meta.get("fingerprint"),
            "built_at": self.meta.get("built_at"),
            "places": int(self.meta.get("places", 0)),
            "names": int(self.meta.get("names", 0)),
            "online_cache_entries": online,
            "by_source_and_kind": [
                {"source": s, "kind": k, "places": p, "names": n} for s, k, p, n in per_source
            ],
        }

    def close(self) -> None:
        self._db.close()

    # -- internals -----------------------------------------------------------------------

    def _read_error(self, exc: sqlite3.Error) -> GazetteerError:
        """The one-line error for a failed read: a damaged file says to rebuild it."""
        code = getattr(exc, "sqlite_errorname", "") or ""
        if (
            code.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
            or type(exc) is sqlite3.DatabaseError
        ):
            return GazetteerCorruptError(
                f"the gazetteer {self.path} is damaged ({exc}); rebuild it with: "
                f"geomap gazetteer build"
            )
        return GazetteerError(f"cannot read the gazetteer {self.path}: {exc}")

    def _one_row(self, sql: str, parameters: tuple) -> tuple | None:
        try:
            return self._db.execute(sql, parameters).fetchone()
        except sqlite3.Error as exc:
            raise self._read_error(exc) from exc

    def _rows(self, query: str) -> list[tuple[tuple, str]]:
        folded = fold(query)
        if not folded:
            return []
        keyed = key(query)
        try:
            packed = self._db.execute(_BY_KEY, (keyed,)).fetchone()
            if packed:
                return [
                    (row, "fold" if row[_FOLD] == folded else "key")
                    for row in marshal.loads(packed[0])
                ]
            skeleton = loose(query)
            # A short skeleton ("tj") matches hundreds of unrelated names: only long ones are
            # tried, and only when nothing closer matched.
            if len(keyed) < 5 or len(skeleton) < 4:
                return []
            # The skeleton only proposes; the spelling must still be close
            # ("Albu Kamal" ~ "Abu Kamal", not "South Ossetian" ~ "South Houston").
            return [
                (row, _loose_level(keyed, row))
                for row in self._db.execute(_BY_SKELETON, (skeleton,))
                if _close_spellings(keyed, row[-1])
            ]
        except sqlite3.Error as exc:
            raise self._read_error(exc) from exc
        except (ValueError, EOFError, TypeError) as exc:  # a damaged packed value
            raise self._read_error(sqlite3.DatabaseError(f"unreadable packed rows: {exc}")) from exc


def _close_spellings(first: str, second: str) -> bool:
    """Whether ``SequenceMatcher(None, first, second).ratio()`` reaches :data:`_SPELLING_RATIO`.

    Its two cheap upper bounds (the lengths, then the letters in common) settle most pairs
    before the matching itself, the costly part; they only ever say no when the ratio would.
    """
    length = len(first) + len(second)
    if length and 2.0 * min(len(first), len(second)) / length < _SPELLING_RATIO:
        return False
    matcher = SequenceMatcher(None, first, second)
    return matcher.quick_ratio() >= _SPELLING_RATIO and matcher.ratio() >= _SPELLING_RATIO


def _loose_level(keyed: str, row: tuple) -> str:
    """The level of a skeleton match: "drift" when it matched a town's alternate and the query
    is not close to the town's own name ("Kushiyara" ~ "Kushira" for Kushiro), else "loose"."""
    if row[_NAME_TYPE] != "alt" or row[_KIND] not in _TOWN_KINDS:
        return "loose"
    close = _close_spellings(keyed, key(row[_NAME]))
    return "loose" if close else "drift"


def _score(row: tuple, level: str, facility: str | None) -> float:
    """How well a row answers the query: the match's quality times the place's prior."""
    match_weight = _MATCH_WEIGHT[level]
    match = match_weight * _NAME_TYPE_WEIGHT.get(row[_NAME_TYPE], 1.0)
    if facility and row[_KIND] in _FACILITY_KINDS:
        match = max(match, match_weight)  # "the Taji base" names the air field
        prior = 0.95
    else:
        prior = row[_PRIOR]
        if facility:
            prior *= 0.6  # a facility was named: the town itself is a weaker reading
    score = match * (0.4 + 0.6 * prior)
    if level == "fold" and row[_SOURCE] == "overlay":
        score += 1.0  # the user's own places win for their exact names
    return score


@lru_cache(maxsize=65536)
def alternate_kind(alternate: str, name: str) -> str:
    """How an alternate name relates to a place's own name: ``"short"`` (its first words,
    "New York" for New York City), ``"spelling"`` (another spelling, "Kiev" for Kyiv) or
    ``"other"`` (another name: historical, colloquial, another language's).

    >>> alternate_kind("New York", "New York City"), alternate_kind("Gaza", "Gaza City")
    ('short', 'short')
    >>> alternate_kind("Odessa", "Odesa"), alternate_kind("Taji", "Taiji")
    ('spelling', 'spelling')
    >>> alternate_kind("Franklin", "Columbus"), alternate_kind("Calcutta", "Kolkata")
    ('other', 'other')
    """
    alternate_key, name_key = key(alternate), key(name)
    if not alternate_key or not name_key:
        return "other"
    if name_key.startswith(alternate_key + " "):
        return "short"
    if loose(alternate) == loose(name):
        return "spelling"
    return "spelling" if _close_spellings(alternate_key, name_key) else "other"


def _prefer_own_names(entries: list[list]) -> None:
    """Weaken the towns that only have the query among their alternates, when a town bears it
    as its own name (see :data:`_OTHER_NAME_WEIGHT`).

    A short form of a town's own name ("New York", "Gaza") is its own name as news writes it.
    Countries and states that bear the name have their own rules
    (:func:`_prefer_countries_and_cities`); a facility named after a town ("St Michael
    Airport") does not weaken the towns that spell it otherwise.
    """
    towns = [
        row
        for _, row, level in entries
        if row[_NAME_TYPE] in _OWN_NAME_TYPES and row[_KIND] in _TOWN_KINDS and level in _EXACT
    ]
    if not towns:
        return
    # A province listed also under its capital's name ("Baqubah" for Diyala) yields to the
    # capital, which bears the name as its own.
    capitals = {(row[_COUNTRY], row[_ADMIN1]) for row in towns}
    for entry in entries:
        row = entry[1]
        if (
            row[_KIND] == "region"
            and row[_NAME_TYPE] == "alt"
            and (row[_COUNTRY], row[_NAME]) in capitals
            and alternate_kind(row[_MATCHED], row[_NAME]) == "other"
        ):
            entry[0] = round(entry[0] * _OTHER_NAME_WEIGHT, 4)
            continue
        if row[_NAME_TYPE] != "alt" or row[_KIND] not in _TOWN_KINDS:
            continue
        relation = alternate_kind(row[_MATCHED], row[_NAME])
        if relation == "short":
            continue
        if relation == "spelling":
            entry[0] = round(entry[0] * _SPELLING_WEIGHT, 4)
            continue
        entry[0] = round(entry[0] * _OTHER_NAME_WEIGHT, 4)


def _prefer_countries_and_cities(entries: list[list]) -> None:
    """Adjust the ``[score, row, level]`` entries of one lookup for what news means by a name."""
    kinds = {row[_KIND] for _, row, _ in entries}
    # A country named by its own name is what the text means; a city that merely has the same
    # alternate name ("Mexico" for Mexico City) is a weaker reading.
    if "country" in kinds and any(s >= 0.9 and row[_KIND] == "country" for s, row, _ in entries):
        for entry in entries:
            row = entry[1]
            if row[_KIND] != "country" and row[_NAME_TYPE] != "name":
                entry[0] = round(entry[0] * 0.8, 4)
    # A city and the region it lies in both bear the name ("Kirkuk", "Basra", "Kharkiv"), and
    # most of the region's people live in the city: news means the city.
    if "region" in kinds and "city" in kinds:
        regions = {
            (row[_NAME], row[_COUNTRY]): (score, row[_POPULATION])
            for score, row, _ in entries
            if row[_KIND] == "region"
        }
        for entry in entries:
            row = entry[1]
            region = regions.get((row[_ADMIN1], row[_COUNTRY]))
            if row[_KIND] == "city" and region and row[_POPULATION] >= 0.4 * region[1]:
                entry[0] = max(entry[0], round(region[0] + 0.01, 4))


def _rank(entry: list) -> tuple:
    score, row, _ = entry
    return (-score, -row[_POPULATION], row[_ID])


def _candidate(row: tuple, score: float) -> Candidate:
    # Rows begin with the pid, then the Candidate fields from id to source, in order.
    # mypy cannot count a slice of a row: it thinks the slice may fill every field.
    return Candidate(*row[_ID : _SOURCE + 1], score, row[_MATCHED])  # type: ignore[call-arg]


def _fields(candidate: Candidate) -> tuple:
    """A candidate's fields, in order: ``Candidate(*fields)`` is a copy of it."""
    return (
        candidate.id,
        candidate.name,
        candidate.lat,
        candidate.lon,
        candidate.country_code,
        candidate.admin1,
        candidate.kind,
        candidate.population,
        candidate.source,
        candidate.score,
        candidate.matched,
    )


def _check_name(name: str) -> str:
    if not isinstance(name, str) or not name.strip():
        raise InputError("empty place name")
    if len(name) > MAX_NAME_LENGTH:
        raise InputError(
            f"place name too long ({len(name):,} characters; at most {MAX_NAME_LENGTH})"
        )
    return name


def _check_country(country: str | None) -> str | None:
    if country is None or country == "":
        return None
    code = country.strip().upper()
    if len(code) != 2 or not code.isalpha():
        raise InputError(f"unknown country code {country!r}: use ISO 3166-1 alpha-2, e.g. IQ")
    return code


def open_gazetteer(path: str | os.PathLike[str] | None = None) -> SqliteGazetteer:
    """Open the gazetteer at ``path`` (default: :func:`geomap.settings.database_path`).

    Opening never builds: commands and the Python API call
    :func:`geomap.gazetteer.build.ensure_built` first when they may be the first use.
    """
    return SqliteGazetteer(settings.database_path(path))
