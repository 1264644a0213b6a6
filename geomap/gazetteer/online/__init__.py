"""Online geocoders as a cached, polite, bounded fallback of the local gazetteer.

geomap resolves names from its own SQLite gazetteer; only names it does not know are sent to
an online geocoder (Nominatim by default, or any geopy service). These rules hold:

* **Ask once.** Every answer, "not found" included, is kept in the gazetteer database and
  survives rebuilds; failures are never kept. Offline, the kept answers are still read.
* **Be polite.** A real User-Agent, at most one request per ``min_delay`` seconds, no retries,
  and a ``Retry-After`` is honoured: nothing is sent before it (a longer wait than a request
  may take stops the service for the run).
* **Bounded in time.** Each request has one deadline from connecting to the last byte; after
  :data:`STOP_AFTER_FAILURES` failures in a row the service is not asked again in the run.
* **Checked before kept.** An answer with a field of the wrong type or out of range is "not
  found online", with a warning, and is not cached.
* **Never fail the caller.** Every failure is logged (logger ``geomap.online``), counted by
  kind, and turns into ``[]``.

One module per job:

``cache``      the ``online_cache`` table; :class:`CachedLookup` answers from it offline
``transport``  the geopy adapter with a deadline on the whole request
``policy``     failure kinds, and the wrappers around a request: Retry-After, circuit breaker
``answers``    an answer's types and ranges checked, and mapped to candidates
``geocoder``   :class:`OnlineGeocoder`: query → candidates, composing the above

The geoparser depends only on :class:`OnlineLookup`. Importing this package does not import
geopy (about 0.2 s): the names that need it load when first used.
"""

from __future__ import annotations

import importlib
from collections import Counter
from typing import TYPE_CHECKING, Any, Protocol

from geomap.gazetteer.online.cache import (
    BUSY_TIMEOUT_SECONDS,
    CACHE_TABLE,
    MAX_QUERY_CHARS,
    CachedLookup,
    OnlineCache,
    normalize_query,
)
from geomap.model import Candidate

if TYPE_CHECKING:
    from geomap.gazetteer.online.geocoder import API_KEY_ENV, OnlineGeocoder
    from geomap.gazetteer.online.policy import FAILURE_KINDS, STOP_AFTER_FAILURES, OnlineFailure
    from geomap.gazetteer.online.transport import DeadlineAdapter

__all__ = [
    "API_KEY_ENV",
    "BUSY_TIMEOUT_SECONDS",
    "CACHE_TABLE",
    "FAILURE_KINDS",
    "MAX_QUERY_CHARS",
    "STOP_AFTER_FAILURES",
    "CachedLookup",
    "DeadlineAdapter",
    "OnlineCache",
    "OnlineFailure",
    "OnlineGeocoder",
    "OnlineLookup",
    "normalize_query",
]


class OnlineLookup(Protocol):
    """What the geoparser needs of an online geocoder.

    :class:`OnlineGeocoder` asks a service; :class:`CachedLookup` reads what was asked before.

    Attributes
    ----------
    failures
        Failed lookups so far, by kind; ``lookup`` never raises for a service's fault.
    """

    failures: Counter[str]

    def lookup(
        self, name: str, *, country: str | None = None, limit: int = 5
    ) -> list[Candidate]: ...

    def close(self) -> None: ...


# Names whose modules import geopy, loaded on first use (PEP 562).
_LAZY = {
    "API_KEY_ENV": "geocoder",
    "OnlineGeocoder": "geocoder",
    "FAILURE_KINDS": "policy",
    "STOP_AFTER_FAILURES": "policy",
    "OnlineFailure": "policy",
    "DeadlineAdapter": "transport",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module = importlib.import_module(f"{__name__}.{_LAZY[name]}")
        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
