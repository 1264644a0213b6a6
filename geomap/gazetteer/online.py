"""Online geocoders as a cached, polite fallback of the local gazetteer.

geomap resolves names from its own SQLite gazetteer; only names it does not know are sent to
an online geocoder (Nominatim by default, or any geopy service). Three rules hold:

* **Ask once.** Every answer a service gives, "not found" included, is kept in the
  ``online_cache`` table of the gazetteer database (:class:`OnlineCache`) and survives
  gazetteer rebuilds (:meth:`OnlineCache.copy_rows`). Failures are never cached, so a name
  whose lookup failed is asked again next time.
* **Be polite.** Nominatim's usage policy is kept: a real User-Agent, at most one request per
  ``min_delay`` seconds (geopy's :class:`~geopy.extra.rate_limiter.RateLimiter`, no retries),
  a timeout on every request, and no retry storms after errors or ``429``.
* **Never fail the caller.** Refused connections, timeouts, slow drips, ``429``, ``5xx``,
  invalid JSON, a wrong content type or an unexpected JSON shape are logged (logger
  ``geomap.online``), counted in :attr:`OnlineGeocoder.failures` by kind, and turn into ``[]``.

HTTP goes through a geopy adapter (:class:`DeadlineAdapter`, built on geopy's
:class:`~geopy.adapters.URLLibAdapter`) that adds what geopy's stock adapters lack: a deadline on
the whole answer rather than on each socket read, a content-type check, a size cap, a check of
the JSON's shape, and no transport-level retries.

Examples
--------
>>> cache = OnlineCache(settings.database_path())  # doctest: +SKIP
>>> geocoder = OnlineGeocoder(cache=cache)  # doctest: +SKIP
>>> geocoder.lookup("Ain al-Asad", country="IQ")  # doctest: +SKIP
[Candidate(id='osm:way/123', name='Ain al-Asad Air Base', ..., source='online:nominatim')]
"""

from __future__ import annotations

import contextlib
import http.client
import inspect
import json
import logging
import math
import os
import re
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import fields
from functools import partial
from pathlib import Path
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import Request

from geopy.adapters import AdapterHTTPError, URLLibAdapter
from geopy.exc import (
    ConfigurationError,
    GeocoderNotFound,
    GeocoderParseError,
    GeocoderRateLimited,
    GeocoderTimedOut,
    GeocoderUnavailable,
    GeopyError,
)
from geopy.exc import GeocoderServiceError as GeopyServiceError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import get_geocoder_for_service
from geopy.location import Location

from geomap import settings
from geomap.errors import GeocoderServiceError, InputError
from geomap.model import Candidate

__all__ = [
    "API_KEY_ENV",
    "BUSY_TIMEOUT_SECONDS",
    "CACHE_TABLE",
    "FAILURE_KINDS",
    "MAX_QUERY_CHARS",
    "DeadlineAdapter",
    "OnlineCache",
    "OnlineGeocoder",
    "normalize_query",
]

logger = logging.getLogger("geomap.online")

#: Environment variable holding the API key of services that need one.
API_KEY_ENV = "GEOMAP_GEOCODER_API_KEY"
#: Table of the gazetteer database that holds online answers.
CACHE_TABLE = "online_cache"
#: How long a cache operation waits for a lock held by another process (e.g. a rebuild).
BUSY_TIMEOUT_SECONDS = 5.0
#: Longest query text sent; Nominatim rejects longer ones, so names are truncated to this.
MAX_QUERY_CHARS = 300
#: Largest answer accepted, in bytes: geocoders answer a few KiB, more means something is wrong.
MAX_ANSWER_BYTES = 4 * 1024 * 1024

#: Kinds of failure counted in :attr:`OnlineGeocoder.failures`.
FAILURE_KINDS = (
    "unavailable",  # connection refused, host unreachable, DNS failure
    "timeout",  # no answer, or not all of it, within the timeout
    "rate_limited",  # HTTP 429
    "server_error",  # HTTP 5xx
    "http_error",  # any other non-success status (400, 401, 403, ...)
    "content_type",  # a 2xx answer that is not JSON (a captive portal, a proxy's page)
    "bad_json",  # declared JSON that does not parse
    "bad_shape",  # JSON that parses but is not what the service answers
    "error",  # anything else geopy reports
)

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


def _query_text(name: str) -> str:
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
    ) -> None:
        self.path: str = os.fspath(path)
        self.busy_timeout = busy_timeout
        self.create = create
        self._lock = threading.RLock()
        self._memory: sqlite3.Connection | None = None
        self._warned: set[str] = set()
        if self.path == ":memory:":
            self._memory = sqlite3.connect(":memory:", check_same_thread=False)
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
            or ``None`` when this lookup was never answered (or the cache cannot be read).
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
        except (TypeError, ValueError, AttributeError) as error:
            # A damaged row is as good as none: the next answer overwrites it.
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
        """Release the in-memory database, if any (file databases hold no connection)."""
        with self._lock:
            if self._memory is not None:
                self._memory.close()
                self._memory = None

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


# -- HTTP ---------------------------------------------------------------------------------------


class _WrongContentType(GeocoderParseError):
    """A successful answer that is not JSON."""


class _BadShape(GeocoderParseError):
    """JSON that is not what the service answers."""


_JSON_TYPES = frozenset({"application/json", "text/json"})


class DeadlineAdapter(URLLibAdapter):
    """geopy adapter with a deadline on the whole answer, a content-type and a shape check.

    geopy's own adapters time out each socket read, so a server dripping a byte at a time
    holds them forever; ``RequestsAdapter`` also lets urllib3 retry read timeouts twice,
    which triples a hang and sends requests the rate limiter never saw. This adapter reads the
    body in small pieces against a deadline of ``timeout`` seconds from the start of the
    request (the wait for the status line and headers is bounded per read only, so a request
    takes at most about twice ``timeout``), never retries, refuses 2xx answers that are not
    JSON, caps the size at :data:`MAX_ANSWER_BYTES`, and passes the parsed JSON to
    ``validate``, which raises :class:`geopy.exc.GeocoderParseError` for a wrong shape.

    Parameters
    ----------
    proxies, ssl_context
        As for every geopy adapter.
    validate
        Check of the decoded JSON for :meth:`get_json`, or ``None``.
    """

    def __init__(
        self,
        *,
        proxies: Mapping[str, str] | None,
        ssl_context: Any,
        validate: Callable[[Any], None] | None = None,
    ) -> None:
        super().__init__(proxies=proxies, ssl_context=ssl_context)
        self.validate = validate

    def get_json(self, url: str, *, timeout: float | None, headers: Mapping[str, str]) -> Any:
        body, content_type, charset = self._get(
            url, timeout=timeout, headers={"Accept": "application/json", **headers}, want_json=True
        )
        if content_type not in _JSON_TYPES and not content_type.endswith("+json"):
            raise _WrongContentType(f"expected JSON, got {content_type!r}")
        try:
            data = json.loads(body.decode(charset))
        except (LookupError, ValueError) as error:
            raise GeocoderParseError(f"invalid JSON: {error}") from None
        if self.validate is not None:
            self.validate(data)
        return data

    def get_text(self, url: str, *, timeout: float | None, headers: Mapping[str, str]) -> str:
        body, _, charset = self._get(url, timeout=timeout, headers=headers, want_json=False)
        try:
            return body.decode(charset)
        except (LookupError, ValueError) as error:
            raise GeocoderParseError(f"cannot decode the answer: {error}") from None

    def _get(
        self, url: str, *, timeout: float | None, headers: Mapping[str, str], want_json: bool
    ) -> tuple[bytes, str, str]:
        deadline = None if timeout is None else time.monotonic() + timeout
        request = Request(url=url, headers=dict(headers))
        try:
            page = self.urlopen(request, timeout=timeout)
        except HTTPError as error:
            with contextlib.closing(error):
                try:
                    text = _read_body(error, deadline).decode("utf-8", "replace")
                except GeopyError:
                    text = ""
                raise AdapterHTTPError(
                    f"Non-successful status code {error.code}",
                    status_code=error.code,
                    headers={k.lower(): v for k, v in error.headers.items()},
                    text=text,
                ) from None
        except URLError as error:
            reason = error.reason
            if isinstance(reason, TimeoutError) or "timed out" in str(reason):
                raise GeocoderTimedOut("service timed out") from None
            raise GeocoderUnavailable(f"service not available: {reason}") from None
        except TimeoutError:
            raise GeocoderTimedOut("service timed out") from None
        except ConnectionError as error:
            raise GeocoderUnavailable(f"service not available: {error}") from None
        except (OSError, http.client.HTTPException, ValueError) as error:
            raise GeopyServiceError(f"request failed: {error!r}") from None
        with page:
            content_type = page.headers.get_content_type()
            charset = page.headers.get_content_charset() or "utf-8"
            if want_json and content_type not in _JSON_TYPES and not content_type.endswith("+json"):
                # Do not even read a page that cannot be the answer.
                return b"", content_type, charset
            return _read_body(page, deadline), content_type, charset


def _read_body(page: Any, deadline: float | None) -> bytes:
    """Read a response body in pieces, giving up at ``deadline`` or :data:`MAX_ANSWER_BYTES`."""
    # read1 returns after one socket read; read(n) would wait for n bytes of a slow drip.
    read = getattr(page, "read1", None) or page.read
    chunks: list[bytes] = []
    size = 0
    while True:
        try:
            chunk = read(16384)
        except TimeoutError:
            raise GeocoderTimedOut("service timed out while answering") from None
        except (OSError, http.client.HTTPException) as error:
            raise GeopyServiceError(f"unable to read the answer: {error!r}") from None
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_ANSWER_BYTES:
            raise _BadShape(f"answer larger than {MAX_ANSWER_BYTES} bytes")
        if deadline is not None and time.monotonic() > deadline:
            raise GeocoderTimedOut("service too slow: answer not complete within the timeout")


def _is_finite(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError):
        return False


def _validate_nominatim(data: Any) -> None:
    # geopy takes a lone object for a one-place answer and a place without lat/lon for (0, 0).
    if not isinstance(data, list):
        raise _BadShape(f"expected a JSON list of places, got {type(data).__name__}")
    for place in data:
        if not isinstance(place, dict):
            raise _BadShape("expected JSON objects in the list of places")
        if not (_is_finite(place.get("lat")) and _is_finite(place.get("lon"))):
            raise _BadShape("a place has no usable lat/lon")


def _validate_features(data: Any) -> None:
    # Photon and Pelias answer a GeoJSON FeatureCollection.
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise _BadShape("expected a GeoJSON FeatureCollection")
    for feature in features:
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        coords = geometry.get("coordinates") if isinstance(geometry, dict) else None
        if not (
            isinstance(coords, list)
            and len(coords) >= 2
            and all(_is_finite(c) for c in coords[:2])
            and isinstance(feature.get("properties"), dict)
        ):
            raise _BadShape("a feature has no usable point geometry or properties")


_VALIDATORS: dict[str, Callable[[Any], None]] = {
    "nominatim": _validate_nominatim,
    "photon": _validate_features,
    "pelias": _validate_features,
    "geocodeearth": _validate_features,
}


# -- mapping geopy locations to candidates ------------------------------------------------------

_CITY = frozenset({"city", "town", "village", "hamlet", "suburb"})
_REGION = frozenset({"state", "province", "region"})
_SEA = frozenset({"sea", "bay", "strait", "ocean"})
_OSM_TYPES = {"n": "node", "w": "way", "r": "relation"}
# Pelias layers (Who's On First placetypes) → geomap kinds.
_PELIAS_LAYERS = {
    "locality": "city",
    "localadmin": "city",
    "borough": "city",
    "neighbourhood": "city",
    "country": "country",
    "dependency": "country",
    "region": "region",
    "macroregion": "region",
    "ocean": "sea",
    "marinearea": "sea",
    "continent": "continent",
}


def _text(value: Any) -> str:
    return str(value).strip().lower() if value is not None else ""


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _kind(raw: Mapping[str, Any]) -> str:
    """geomap kind of an online result, from OSM class/type, addresstype or Photon's tags."""
    props = _mapping(raw.get("properties"))
    extratags = _mapping(raw.get("extratags"))
    if props:  # Photon / Pelias feature; its top-level "type" is just "Feature"
        cls, typ = _text(props.get("osm_key")), _text(props.get("osm_value"))
        addresstype = _text(props.get("type"))
        layer = _text(props.get("layer"))
        extratags = {**_mapping(props.get("extra")), **extratags}
    else:  # Nominatim: "class" in format=json, "category" in jsonv2
        cls, typ = _text(raw.get("class") or raw.get("category")), _text(raw.get("type"))
        addresstype, layer = _text(raw.get("addresstype")), ""
    admin_level = _text(extratags.get("admin_level") or raw.get("admin_level"))
    place_rank = _text(raw.get("place_rank"))

    if cls == "military" or (cls == "landuse" and typ == "military"):
        return "military"
    if addresstype == "military" or typ == "military":
        return "military"
    if cls == "aeroway" and typ == "aerodrome":
        mentions = "military" in json.dumps(raw, ensure_ascii=False, default=str).lower()
        return "military" if mentions else "airport"
    if typ == "continent" or addresstype == "continent":
        return "continent"
    if (cls in {"natural", "place"} and typ in _SEA) or addresstype in _SEA:
        return "sea"
    if addresstype == "country" or (cls == "place" and typ == "country"):
        return "country"
    if addresstype in _REGION or (cls == "place" and typ in _REGION):
        return "region"
    if addresstype in _CITY or (cls == "place" and typ in _CITY):
        return "city"
    if layer in _PELIAS_LAYERS:
        return _PELIAS_LAYERS[layer]
    if cls == "boundary":
        if admin_level == "2" or (not admin_level and place_rank == "4"):
            return "country"
        if admin_level == "4" or (not admin_level and place_rank == "8"):
            return "region"
    return "place"


def _population(value: Any) -> int:
    """OSM ``population`` tags are free text: "2873000", "2,873,000", "2 873 000 (2020)"."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return max(0, int(value))
    match = re.match(r"\s*(\d[\d\s,.'’]*)", str(value or ""))
    if not match:
        return 0
    digits = re.sub(r"\D", "", match.group(1))
    return int(digits) if digits else 0


def _country_code(value: Any) -> str | None:
    code = str(value or "").strip().upper()
    return code if len(code) == 2 and code.isalpha() else None


def _score(value: Any) -> float:
    if not _is_finite(value):
        return 0.5
    return min(1.0, max(0.0, float(value)))


def _to_candidate(location: Location, *, service: str, query: str) -> Candidate:
    raw = location.raw
    if not isinstance(raw, Mapping):
        raise _BadShape("a result carries no raw record")
    lat, lon = float(location.latitude), float(location.longitude)
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise _BadShape(f"coordinates out of range: {lat}, {lon}")
    props = _mapping(raw.get("properties"))
    address = _mapping(raw.get("address")) or props
    extratags = _mapping(raw.get("extratags")) or _mapping(props.get("extra"))

    display = str(location.address or "")
    name = str(raw.get("name") or props.get("name") or display.split(",")[0]).strip() or query
    country = _country_code(
        address.get("country_code") or props.get("countrycode") or props.get("country_code")
    )
    admin1 = address.get("state") or address.get("province") or address.get("region")
    osm_type = _text(raw.get("osm_type") or props.get("osm_type"))
    osm_id = raw.get("osm_id") or props.get("osm_id")
    if osm_type and osm_id:
        place_id = f"osm:{_OSM_TYPES.get(osm_type, osm_type)}/{osm_id}"
    else:
        place_id = f"{service}:{lat:.5f},{lon:.5f}"
    return Candidate(
        id=place_id,
        name=name,
        lat=lat,
        lon=lon,
        country_code=country,
        admin1=str(admin1) if admin1 else None,
        kind=_kind(raw),
        population=_population(extratags.get("population")),
        source=f"online:{service}",
        score=_score(raw.get("importance")),
        matched=query,
    )


# -- the geocoder -------------------------------------------------------------------------------


class _Failure(GeocoderServiceError):
    """A failed online lookup, with the kind counted in :attr:`OnlineGeocoder.failures`."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def _failure(error: Exception) -> _Failure:
    """Classify an error raised while asking a service."""
    cause = error.__cause__
    status = cause.status_code if isinstance(cause, AdapterHTTPError) else None
    if isinstance(error, GeocoderRateLimited) or status == 429:
        retry_after = getattr(error, "retry_after", None)
        return _Failure(
            "rate_limited", f"throttled (HTTP 429, Retry-After: {retry_after}); not retrying"
        )
    if status is not None:
        kind = "server_error" if status >= 500 else "http_error"
        return _Failure(kind, f"HTTP {status}")
    for cls, kind in (
        (_WrongContentType, "content_type"),
        (_BadShape, "bad_shape"),
        (GeocoderParseError, "bad_json"),
        (GeocoderTimedOut, "timeout"),
        (GeocoderUnavailable, "unavailable"),
    ):
        if isinstance(error, cls):
            return _Failure(kind, str(error))
    if not isinstance(error, GeopyError):  # geopy choked on JSON it did not expect
        return _Failure("bad_shape", f"unexpected answer: {error!r}")
    return _Failure("error", str(error) or type(error).__name__)


def _split_url(url: str, service: str) -> tuple[str, str]:
    """``https://host[:port][/path]`` → (scheme, domain) as geopy geocoders take them."""
    text = url.strip()
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme not in {"http", "https"} or not parts.netloc or parts.query or parts.fragment:
        raise InputError(f"geocoder URL must look like https://host[:port][/path], not {url!r}")
    path = parts.path.rstrip("/")
    if service == "nominatim":  # geopy appends /search itself
        path = re.sub(r"/search(\.php)?$", "", path)
    return parts.scheme, parts.netloc + path


class OnlineGeocoder:
    """Look names up with an online geocoder, politely, cached, and without ever failing.

    Parameters
    ----------
    service
        geopy service name (``nominatim``, ``photon``, ``pelias``, ...); default
        :func:`geomap.settings.geocoder_name`.
    url
        Base URL of the service, e.g. ``http://127.0.0.1:8080`` or
        ``https://nominatim.example.org/nominatim``. ``None`` takes
        :func:`geomap.settings.geocoder_url` when ``service`` is the configured one; ``""`` (or
        ``None`` with nothing configured) uses the service's public default.
    user_agent
        Sent with every request; Nominatim's policy requires a real one.
    timeout
        Seconds allowed for a whole answer (see :class:`DeadlineAdapter`).
    min_delay
        Least seconds between two requests. Raised to 1 for the public Nominatim server.
    cache
        Where answers are kept. ``None`` keeps them in memory for the life of this object.
    language
        Preferred language of names in answers, for services that take one (``None``: the
        service's default, often the local name).

    Attributes
    ----------
    requests : int
        Requests sent so far (cache hits send none).
    failures : collections.Counter[str]
        Failed requests by kind, see :data:`FAILURE_KINDS`.

    Raises
    ------
    InputError
        Unknown service, unusable URL, or a service that needs settings not given (an API key
        in ``GEOMAP_GEOCODER_API_KEY``, a URL, ...).

    Notes
    -----
    The cache key is (service, URL, normalised query, country); the language is not part of it.
    The rate limiter belongs to the instance: share one instance to share the limit.
    """

    def __init__(
        self,
        service: str | None = None,
        url: str | None = None,
        *,
        user_agent: str | None = None,
        timeout: float = settings.ONLINE_TIMEOUT_SECONDS,
        min_delay: float = settings.ONLINE_MIN_DELAY_SECONDS,
        cache: OnlineCache | None = None,
        language: str | None = "en",
    ) -> None:
        configured = settings.geocoder_name().strip().lower()
        self.service: str = (service or configured).strip().lower()
        if url is None and self.service == configured:
            url = settings.geocoder_url()
        self.url: str = (url or "").strip().rstrip("/")
        self.user_agent: str = (user_agent or settings.user_agent()).strip()
        if not self.user_agent:
            raise InputError("an online geocoder needs a User-Agent")
        if not timeout or timeout <= 0:
            raise InputError(f"geocoder timeout must be positive, not {timeout!r}")
        if min_delay < 0:
            raise InputError(f"geocoder min_delay must not be negative, not {min_delay!r}")
        if self.service == "nominatim" and not self.url and min_delay < 1.0:
            logger.warning("the public Nominatim server allows 1 request/s: min_delay set to 1")
            min_delay = 1.0
        self.timeout = float(timeout)
        self.min_delay = float(min_delay)
        self.language = language
        self._own_cache = cache is None
        self.cache: OnlineCache = cache if cache is not None else OnlineCache(":memory:")
        self.requests = 0
        self.failures: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._geocoder = self._build_geocoder()
        self._geocode_params = frozenset(inspect.signature(self._geocoder.geocode).parameters)
        # geopy's RateLimiter, as its docs advise for Nominatim; failures are not retried
        # (error_wait_seconds is unused with max_retries=0 but must be >= min_delay).
        self._geocode = RateLimiter(
            self._geocoder.geocode,
            min_delay_seconds=self.min_delay,
            max_retries=0,
            error_wait_seconds=self.min_delay,
            swallow_exceptions=False,
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.service!r}, {self.url!r})"

    def lookup(self, name: str, *, country: str | None = None, limit: int = 5) -> list[Candidate]:
        """Candidates an online service offers for a name.

        Parameters
        ----------
        name
            Place name. Whitespace is collapsed; names longer than :data:`MAX_QUERY_CHARS`
            characters are cut to that length, as Nominatim rejects longer queries.
        country
            ISO 3166-1 alpha-2 code to restrict results to (sent as Nominatim's
            ``countrycodes``, Pelias' ``countries``; other services are filtered here).
        limit
            Most results wanted.

        Returns
        -------
        list[Candidate]
            Best first; ``[]`` when the service knows no such place, when ``name`` is blank, and
            when the service failed (the failure is logged and counted, not cached).

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
        query = _query_text(name or "")
        if not query:
            return []
        cached = self.cache.get(self.service, self.url, query, code, limit=limit)
        if cached is not None:
            return cached
        try:
            candidates, complete = self._ask(query, code, limit)
        except _Failure as failure:
            with self._lock:
                self.failures[failure.kind] += 1
            logger.warning(
                "%s lookup of %r failed (%s): %s", self.service, query, failure.kind, failure
            )
            return []
        self.cache.put(
            self.service, self.url, query, code, candidates, limit=limit, complete=complete
        )
        return candidates[:limit]

    def close(self) -> None:
        """Close HTTP connections, and the cache if this object made it."""
        self._geocoder.__exit__(None, None, None)
        if self._own_cache:
            self.cache.close()

    def __enter__(self) -> OnlineGeocoder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- internals -------------------------------------------------------------------------

    def _build_geocoder(self) -> Any:
        try:
            cls = get_geocoder_for_service(self.service)
        except GeocoderNotFound as error:
            raise InputError(f"unknown geocoder service {self.service!r}") from error
        params = inspect.signature(cls.__init__).parameters
        kwargs: dict[str, Any] = {}
        if self.url:
            scheme, domain = _split_url(self.url, self.service)
            if "domain" not in params:
                raise InputError(f"geocoder {self.service!r} cannot be pointed at {self.url!r}")
            kwargs["domain"] = domain
            if "scheme" in params:
                kwargs["scheme"] = scheme
            elif scheme != "https":
                raise InputError(f"geocoder {self.service!r} only speaks https")
        # Pass only what this geocoder's __init__ accepts: their signatures differ.
        offered = {
            "user_agent": self.user_agent,
            "timeout": self.timeout,
            "adapter_factory": partial(DeadlineAdapter, validate=_VALIDATORS.get(self.service)),
            "api_key": os.environ.get(API_KEY_ENV) or None,
        }
        kwargs.update({k: v for k, v in offered.items() if k in params and v is not None})
        missing = [
            name
            for name, p in params.items()
            if name != "self"
            and p.kind in {p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY}
            and p.default is p.empty
            and name not in kwargs
        ]
        if missing:
            hints = {"api_key": API_KEY_ENV, "domain": "GEOMAP_GEOCODER_URL"}
            needs = ", ".join(f"{m} ({hints[m]})" if m in hints else m for m in missing)
            raise InputError(f"geocoder {self.service!r} needs {needs}")
        try:
            return cls(**kwargs)
        except (ConfigurationError, TypeError, ValueError) as error:
            raise InputError(f"cannot set up geocoder {self.service!r}: {error}") from error

    def _ask(self, query: str, country: str | None, limit: int) -> tuple[list[Candidate], bool]:
        """Send one request; raise :class:`_Failure` for anything but a real answer."""
        params = self._geocode_params
        kwargs: dict[str, Any] = {"exactly_one": False}
        wanted = {"limit": limit, "addressdetails": True, "extratags": True}
        if self.language:
            wanted["language"] = self.language
        kwargs.update({k: v for k, v in wanted.items() if k in params})
        filter_here = False
        if country:
            if "country_codes" in params:
                kwargs["country_codes"] = country.lower()
            elif "countries" in params:
                kwargs["countries"] = [country]
            else:
                filter_here = True
        with self._lock:
            self.requests += 1
        try:
            found = self._geocode(query, **kwargs)
            if found is None:  # geopy's "nothing found"
                found = []
            elif isinstance(found, Location):
                found = [found]
            if not isinstance(found, list):
                raise _BadShape(f"geocoder returned {type(found).__name__}")
            candidates = [_to_candidate(loc, service=self.service, query=query) for loc in found]
        except (GeopyError, TypeError, ValueError, KeyError, AttributeError, IndexError) as error:
            raise _failure(error) from error
        complete = len(found) < limit
        if filter_here:
            candidates = [c for c in candidates if c.country_code in {None, country}]
        return candidates, complete
