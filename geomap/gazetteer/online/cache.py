"""The online cache: every answer an online geocoder gave, in a table of the gazetteer database.

A lookup is asked once: its answer, "not found" included, is kept in :data:`CACHE_TABLE` and
survives gazetteer rebuilds (:meth:`OnlineCache.copy_rows`). Failures are never kept. Offline,
:class:`CachedLookup` answers from this table alone and never touches the network.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any

from geomap import settings
from geomap.errors import InputError
from geomap.gazetteer.online.answers import candidate_problem
from geomap.model import Candidate

__all__ = [
    "BUSY_TIMEOUT_SECONDS",
    "CACHE_TABLE",
    "MAX_QUERY_CHARS",
    "CachedLookup",
    "OnlineCache",
    "lookup_arguments",
    "normalize_query",
    "service_and_url",
]

logger = logging.getLogger("geomap.online")

#: Table of the gazetteer database that holds online answers.
CACHE_TABLE = "online_cache"
#: How long a cache operation waits for a lock held by another process (e.g. a rebuild).
BUSY_TIMEOUT_SECONDS = 5.0
#: Longest query text sent; Nominatim rejects longer ones, so names are truncated to this.
MAX_QUERY_CHARS = 300

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS {CACHE_TABLE} (
    service TEXT NOT NULL,
    url TEXT NOT NULL,
    query TEXT NOT NULL,
    country TEXT NOT NULL,
    candidates TEXT NOT NULL,
    result_limit INTEGER NOT NULL DEFAULT 0,
    complete INTEGER NOT NULL DEFAULT 1,
    fetched_at REAL NOT NULL,
    PRIMARY KEY (service, url, query, country)
)
"""
_COLUMNS = (
    "service",
    "url",
    "query",
    "country",
    "candidates",
    "result_limit",
    "complete",
    "fetched_at",
)
_CANDIDATE_FIELDS = frozenset(f.name for f in fields(Candidate))


def normalize_query(text: str) -> str:
    """Cache key of a query text: casefolded, whitespace collapsed.

    Examples
    --------
    >>> normalize_query("  New   York\\n")
    'new york'
    """
    return " ".join(text.casefold().split())


def query_text(name: str) -> str:
    """The text actually sent: whitespace collapsed, cut to :data:`MAX_QUERY_CHARS`."""
    return " ".join(name.split())[:MAX_QUERY_CHARS].rstrip()


def _key(
    service: str, url: str | None, query: str, country: str | None
) -> tuple[str, str, str, str]:
    return (
        service.strip().casefold(),
        (url or "").strip().rstrip("/"),
        normalize_query(query),
        (country or "").strip().upper(),
    )


def _connect(uri: str, timeout: float) -> sqlite3.Connection:
    """Open a database by URI (one place, so tests can force read-only mode even as root)."""
    return sqlite3.connect(uri, timeout=timeout, uri=True, check_same_thread=False)


def _file_uri(path: Path, mode: str) -> str:
    return f"{path.absolute().as_uri()}?mode={mode}"


def lookup_arguments(name: str, country: str | None, limit: int) -> tuple[str, str | None]:
    """The query text and country code of a lookup, checked as every lookup checks them.

    Raises
    ------
    InputError
        ``limit`` below 1 or ``country`` not a two-letter code.
    """
    if limit < 1:
        raise InputError(f"limit must be at least 1, not {limit!r}")
    code = None
    if country is not None and country.strip():
        code = country.strip().upper()
        if not (len(code) == 2 and code.isalpha()):
            raise InputError(f"country must be an ISO 3166-1 alpha-2 code, not {country!r}")
    return query_text(name or ""), code


def service_and_url(service: str | None, url: str | None) -> tuple[str, str]:
    """The service and base URL a lookup goes to (and is cached under), settings filling gaps.

    ``url=None`` takes the configured URL when ``service`` is the configured service; ``""``
    means the service's public default.
    """
    configured = settings.geocoder_name().strip().lower()
    name = (service or configured).strip().lower()
    if url is None and name == configured:
        url = settings.geocoder_url()
    return name, (url or "").strip().rstrip("/")


# -- the cache ----------------------------------------------------------------------------------


class OnlineCache:
    """Every answer of an online geocoder, kept in a table of a SQLite database.

    Parameters
    ----------
    path
        Database file, normally the gazetteer's own; only the :data:`CACHE_TABLE` table is
        touched. ``":memory:"`` keeps the cache for the life of the object.
    busy_timeout
        Seconds to wait for a lock held by another connection before giving up.
    create
        Create the file if it does not exist. With ``False`` a missing file disables caching.
    read_only
        Only read: the file is opened read-only and nothing is created or written (offline
        lookups, a shared gazetteer).

    Notes
    -----
    A connection is opened per operation rather than held: the gazetteer is rebuilt into a new
    file that atomically replaces the old one, and a held connection would keep writing into
    the replaced file. Lookups are rate-limited to about one a second, so the cost is nothing.

    A database that cannot be written (read-only file or directory, full disk, a lock held too
    long) only disables writing: a warning is logged once and answers are simply not kept.

    The cache records the ``limit`` an answer was asked with: an answer that filled its limit
    may have been cut short, so a later lookup asking for more results is sent again.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        busy_timeout: float = BUSY_TIMEOUT_SECONDS,
        create: bool = True,
        read_only: bool = False,
    ) -> None:
        self.path: str = os.fspath(path)
        self.busy_timeout = busy_timeout
        self.create = create and not read_only
        self.read_only = read_only
        self._lock = threading.RLock()
        self._memory: sqlite3.Connection | None = None
        # A read-only cache keeps its one connection: an offline parse asks it for every
        # unsure name, and opening the gazetteer's file costs more than the query.
        self._reader: sqlite3.Connection | None = None
        self._warned: set[str] = set()
        if self.path == ":memory:":
            self._memory = sqlite3.connect(":memory:", check_same_thread=False)
        if read_only:
            return
        # Best effort: a read-only database keeps working without the table (no caching).
        with contextlib.suppress(sqlite3.Error), self._connection() as connection:
            self._ensure_table(connection)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.path!r})"

    # -- public API ------------------------------------------------------------------------

    def get(
        self,
        service: str,
        url: str | None,
        query: str,
        country: str | None = None,
        *,
        limit: int | None = None,
    ) -> list[Candidate] | None:
        """The kept answer to a lookup.

        Parameters
        ----------
        service, url, query, country
            The lookup; ``query`` is normalised with :func:`normalize_query`, ``country``
            upper-cased, ``url`` stripped of a trailing slash.
        limit
            Results wanted. An answer kept with a smaller limit that it filled is not
            returned, as the service may know more.

        Returns
        -------
        list[Candidate] | None
            The candidates (``[]`` when the service found nothing, at most ``limit`` of them),
            or ``None`` when this lookup was never answered (or the cache cannot be read, or
            holds an answer that fails today's checks of types and ranges).
        """
        key = _key(service, url, query, country)
        try:
            with self._connection() as connection:
                row = connection.execute(
                    f"SELECT candidates, result_limit, complete FROM {CACHE_TABLE}"
                    " WHERE service = ? AND url = ? AND query = ? AND country = ?",
                    key,
                ).fetchone()
        except sqlite3.Error as error:
            if "no such table" not in str(error):
                self._warn_once("read", "cannot read the online cache in %s: %s", self.path, error)
            return None
        if row is None:
            return None
        payload, result_limit, complete = row
        if limit is not None and not complete and result_limit and limit > result_limit:
            return None
        try:
            candidates = [
                Candidate(**{k: v for k, v in item.items() if k in _CANDIDATE_FIELDS})
                for item in json.loads(payload)
            ]
            problems = [p for p in map(candidate_problem, candidates) if p]
            if problems:
                raise ValueError(problems[0])
        except (TypeError, ValueError, AttributeError) as error:
            # A damaged row, or one kept before answers were checked, is as good as none: the
            # next answer overwrites it.
            logger.warning("ignoring a damaged online cache entry for %r: %s", key, error)
            return None
        return candidates if limit is None else candidates[:limit]

    def put(
        self,
        service: str,
        url: str | None,
        query: str,
        country: str | None,
        candidates: Sequence[Candidate],
        *,
        limit: int | None = None,
        complete: bool | None = None,
    ) -> bool:
        """Keep an answer (``[]`` for "not found"); commits at once.

        Parameters
        ----------
        service, url, query, country
            The lookup, as for :meth:`get`.
        candidates
            What the service answered.
        limit
            How many results were asked for (``None``: no limit).
        complete
            Whether the service had no more to give; by default, whether it answered fewer
            than ``limit``.

        Returns
        -------
        bool
            Whether the answer was stored (``False`` when the database cannot be written).
        """
        if self.read_only:
            return False
        if complete is None:
            complete = limit is None or len(candidates) < limit
        row = (
            *_key(service, url, query, country),
            json.dumps([c.to_dict() for c in candidates], ensure_ascii=False),
            int(limit or 0),
            int(complete),
            time.time(),
        )
        try:
            with self._connection() as connection:
                self._ensure_table(connection)
                connection.execute(
                    f"INSERT OR REPLACE INTO {CACHE_TABLE} ({', '.join(_COLUMNS)})"
                    f" VALUES ({', '.join('?' * len(_COLUMNS))})",
                    row,
                )
                connection.commit()
        except sqlite3.Error as error:
            self._warn_once(
                "write", "online answers are not cached: cannot write %s: %s", self.path, error
            )
            return False
        return True

    @classmethod
    def copy_rows(
        cls, src_path: str | os.PathLike[str], dst: sqlite3.Connection | str | os.PathLike[str]
    ) -> int:
        """Copy the cached answers of one database into another.

        The gazetteer is rebuilt into a new file; this carries the old file's answers over.
        When both hold an answer to the same lookup, the more recent one is kept.

        Parameters
        ----------
        src_path
            Old database; opened read-only. A missing file or one without the table gives 0.
        dst
            New database, as a path or an open connection. The table is created if needed. A
            connection already inside a transaction is left to its owner to commit; otherwise
            the copy is committed.

        Returns
        -------
        int
            Number of rows read from ``src_path``.
        """
        src = Path(src_path)
        if not src.exists():
            return 0
        try:
            with contextlib.closing(_connect(_file_uri(src, "ro"), BUSY_TIMEOUT_SECONDS)) as old:
                rows = old.execute(f"SELECT {', '.join(_COLUMNS)} FROM {CACHE_TABLE}").fetchall()
        except sqlite3.Error as error:
            if "no such table" not in str(error):
                logger.warning("online cache of %s not carried over: %s", src, error)
            return 0
        if isinstance(dst, sqlite3.Connection):
            cls._insert_newer(dst, rows, commit=not dst.in_transaction)
        else:
            with contextlib.closing(
                _connect(_file_uri(Path(dst), "rwc"), BUSY_TIMEOUT_SECONDS)
            ) as new:
                cls._insert_newer(new, rows, commit=True)
        return len(rows)

    def close(self) -> None:
        """Release the in-memory database or the read-only connection, if any (a writable
        file database holds no connection between calls)."""
        with self._lock:
            if self._memory is not None:
                self._memory.close()
                self._memory = None
            if self._reader is not None:
                self._reader.close()
                self._reader = None

    def __enter__(self) -> OnlineCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- internals -------------------------------------------------------------------------

    @staticmethod
    def _ensure_table(connection: sqlite3.Connection) -> None:
        connection.execute(_SCHEMA)

    @classmethod
    def _insert_newer(
        cls, connection: sqlite3.Connection, rows: Sequence[tuple[Any, ...]], *, commit: bool
    ) -> None:
        cls._ensure_table(connection)
        updates = ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS[4:])
        connection.executemany(
            f"INSERT INTO {CACHE_TABLE} ({', '.join(_COLUMNS)})"
            f" VALUES ({', '.join('?' * len(_COLUMNS))})"
            f" ON CONFLICT (service, url, query, country) DO UPDATE SET {updates}"
            f" WHERE excluded.fetched_at > {CACHE_TABLE}.fetched_at",
            rows,
        )
        if commit:
            connection.commit()

    @contextlib.contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self._memory is not None:
                yield self._memory
                return
            if self.read_only:
                if self._reader is None:
                    self._reader = _connect(_file_uri(Path(self.path), "ro"), self.busy_timeout)
                yield self._reader
                return
            mode = "rwc" if self.create else "rw"
            connection = _connect(_file_uri(Path(self.path), mode), self.busy_timeout)
            try:
                yield connection
            finally:
                connection.close()

    def _warn_once(self, what: str, message: str, *args: object) -> None:
        # Once per cache and kind of trouble: a read-only database must not flood the log.
        if what in self._warned:
            logger.debug(message, *args)
        else:
            self._warned.add(what)
            logger.warning(message, *args)


class CachedLookup:
    """The online fallback when offline: the answers cached earlier, and never a request.

    Implements :class:`geomap.gazetteer.online.OnlineLookup`, so it stands wherever an online
    geocoder does. The answers read are those the same service and URL gave (see
    :func:`service_and_url`).

    Parameters
    ----------
    cache
        Where answers were kept; open it with ``read_only=True``.
    service, url
        The online geocoder whose answers to read; the settings fill what is not given.

    Examples
    --------
    >>> lookup = CachedLookup(OnlineCache(":memory:"), "nominatim", "")
    >>> lookup.lookup("Xqzville Heights")
    []
    """

    def __init__(self, cache: OnlineCache, service: str | None = None, url: str | None = None):
        self.cache = cache
        self.service, self.url = service_and_url(service, url)
        self.failures: Counter[str] = Counter()  # nothing is asked, so nothing fails

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.service!r}, {self.url!r})"

    def lookup(self, name: str, *, country: str | None = None, limit: int = 5) -> list[Candidate]:
        """The cached answer for a name, ``[]`` when there is none (as with a "not found")."""
        query, code = lookup_arguments(name, country, limit)
        if not query:
            return []
        return self.cache.get(self.service, self.url, query, code, limit=limit) or []

    def close(self) -> None:
        self.cache.close()

    def __enter__(self) -> CachedLookup:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
