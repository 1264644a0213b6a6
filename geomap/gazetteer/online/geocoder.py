"""The online geocoder: a name in, candidates out, asked once, politely, within a deadline.

:class:`OnlineGeocoder` composes the other modules of this package: the cache first; on a miss
one request through geopy (the service's own geocoder class) with :class:`DeadlineAdapter`,
wrapped in the rate limiter, :class:`HonourRetryAfter` and :class:`CircuitBreaker`; the answer
checked and mapped by ``answers``; then kept. Any failure is logged, counted by kind and turns
into ``[]``: the caller keeps its local answer.

Examples
--------
>>> cache = OnlineCache(settings.database_path())  # doctest: +SKIP
>>> geocoder = OnlineGeocoder(cache=cache)  # doctest: +SKIP
>>> geocoder.lookup("Ain al-Asad", country="IQ")  # doctest: +SKIP
[Candidate(id='osm:way/123', name='Ain al-Asad Air Base', ..., source='online:nominatim')]
"""

from __future__ import annotations

import inspect
import logging
import os
import re
import threading
from collections import Counter
from functools import partial
from typing import Any
from urllib.parse import urlsplit

from geopy.exc import ConfigurationError, GeocoderNotFound
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import get_geocoder_for_service
from geopy.location import Location

from geomap import settings
from geomap.errors import InputError
from geomap.gazetteer.online.answers import VALIDATORS, BadAnswer, to_candidate
from geomap.gazetteer.online.cache import OnlineCache, lookup_arguments, service_and_url
from geomap.gazetteer.online.policy import (
    STOP_AFTER_FAILURES,
    CircuitBreaker,
    HonourRetryAfter,
    OnlineFailure,
    classified,
)
from geomap.gazetteer.online.transport import DeadlineAdapter
from geomap.model import Candidate

__all__ = ["API_KEY_ENV", "OnlineGeocoder"]

logger = logging.getLogger("geomap.online")

#: Environment variable holding the API key of services that need one.
API_KEY_ENV = "GEOMAP_GEOCODER_API_KEY"


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
    """Look names up with an online geocoder, politely, cached, bounded, and never failing.

    Implements :class:`geomap.gazetteer.online.OnlineLookup`.

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
        Seconds allowed for a whole request, from connecting to the last byte (see
        :class:`DeadlineAdapter`); also the longest ``Retry-After`` waited for.
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
        Failed lookups by kind, see :data:`~geomap.gazetteer.online.policy.FAILURE_KINDS`
        (``stopped``: not asked, as the service was stopped for the run).

    Raises
    ------
    InputError
        Unknown service, unusable URL, or a service that needs settings not given (an API key
        in ``GEOMAP_GEOCODER_API_KEY``, a URL, ...).

    Notes
    -----
    The cache key is (service, URL, normalised query, country); the language is not part of it.
    The rate limiter, the ``Retry-After`` wait and the circuit breaker belong to the instance:
    share one instance to share them. A run is the life of the instance: after
    :data:`~geomap.gazetteer.online.policy.STOP_AFTER_FAILURES` failures in a row, or a
    ``Retry-After`` longer than ``timeout``, it asks nothing more (cached answers are still
    served) and says so once.
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
        self.service, self.url = service_and_url(service, url)
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
        # Innermost first: one request, its failure named; geopy's RateLimiter, as its docs
        # advise for Nominatim, never retrying (error_wait_seconds is unused with
        # max_retries=0 but must be >= min_delay); Retry-After; the breaker.
        spaced = RateLimiter(
            classified(self._send),
            min_delay_seconds=self.min_delay,
            max_retries=0,
            error_wait_seconds=self.min_delay,
            swallow_exceptions=False,
        )
        self._request = CircuitBreaker(
            HonourRetryAfter(spaced, max_wait=self.timeout),
            threshold=STOP_AFTER_FAILURES,
            service=f"{self.service} at {self.url or 'its public server'}",
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.service!r}, {self.url!r})"

    def lookup(self, name: str, *, country: str | None = None, limit: int = 5) -> list[Candidate]:
        """Candidates an online service offers for a name.

        Parameters
        ----------
        name
            Place name. Whitespace is collapsed; names longer than
            :data:`~geomap.gazetteer.online.cache.MAX_QUERY_CHARS`
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
            when the service failed, answered with wrong types or ranges, or was stopped for
            the run (the failure is logged and counted, not cached).

        Raises
        ------
        InputError
            ``limit`` below 1 or ``country`` not a two-letter code.
        """
        query, code = lookup_arguments(name, country, limit)
        if not query:
            return []
        cached = self.cache.get(self.service, self.url, query, code, limit=limit)
        if cached is not None:
            return cached
        try:
            candidates, complete = self._ask(query, code, limit)
        except OnlineFailure as failure:
            with self._lock:
                self.failures[failure.kind] += 1
            # "stopped" was said once, by the breaker; saying it per name would flood the log.
            log = logger.debug if failure.kind == "stopped" else logger.warning
            log("%s lookup of %r failed (%s): %s", self.service, query, failure.kind, failure)
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
            "adapter_factory": partial(DeadlineAdapter, validate=VALIDATORS.get(self.service)),
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
        """Ask the service (through the wrappers); :class:`OnlineFailure` but for an answer."""
        params = self._geocode_params
        kwargs: dict[str, Any] = {"exactly_one": False}
        wanted: dict[str, Any] = {"limit": limit, "addressdetails": True, "extratags": True}
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
        candidates = self._request(query, **kwargs)
        complete = len(candidates) < limit
        if filter_here:
            candidates = [c for c in candidates if c.country_code in {None, country}]
        return candidates, complete

    def _send(self, query: str, **kwargs: Any) -> list[Candidate]:
        """One request, innermost of the wrappers: the answer checked and mapped."""
        with self._lock:
            self.requests += 1
        found = self._geocoder.geocode(query, **kwargs)
        if found is None:  # geopy's "nothing found"
            found = []
        elif isinstance(found, Location):
            found = [found]
        if not isinstance(found, list):
            raise BadAnswer(f"geocoder returned {type(found).__name__}")
        return [to_candidate(location, service=self.service, query=query) for location in found]
