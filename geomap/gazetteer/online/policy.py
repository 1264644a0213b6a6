"""What happens around each request: failures named, Retry-After honoured, a circuit breaker.

Like geopy's :class:`~geopy.extra.rate_limiter.RateLimiter`, each rule is a small wrapper
around the function that sends one request, so they compose::

    send = CircuitBreaker(HonourRetryAfter(RateLimiter(classified(geocode)), ...), ...)

* :func:`classified` turns whatever geopy raises into one :class:`OnlineFailure` with a kind
  (:data:`FAILURE_KINDS`) and, for ``429``/``503``, the ``Retry-After`` in seconds.
* :class:`HonourRetryAfter` sends nothing until the time a service asked for; a wait longer
  than the request deadline stops the service for the run instead of stalling it.
* :class:`CircuitBreaker` stops asking after :data:`STOP_AFTER_FAILURES` failures in a row,
  for the rest of the run, and says so once; every later call fails at once as ``stopped``.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from geopy.adapters import AdapterHTTPError, get_retry_after
from geopy.exc import (
    GeocoderParseError,
    GeocoderRateLimited,
    GeocoderTimedOut,
    GeocoderUnavailable,
    GeopyError,
)

from geomap.errors import GeocoderServiceError
from geomap.gazetteer.online.answers import BadAnswer
from geomap.gazetteer.online.transport import WrongContentType

__all__ = [
    "FAILURE_KINDS",
    "STOP_AFTER_FAILURES",
    "CircuitBreaker",
    "HonourRetryAfter",
    "OnlineFailure",
    "classified",
]

logger = logging.getLogger("geomap.online")

T = TypeVar("T")

#: Kinds of failure counted in ``OnlineGeocoder.failures``.
FAILURE_KINDS = (
    "unavailable",  # connection refused, host unreachable, DNS failure
    "timeout",  # no complete answer within the request's deadline
    "rate_limited",  # HTTP 429
    "server_error",  # HTTP 5xx
    "http_error",  # any other non-success status (400, 401, 403, ...)
    "content_type",  # a 2xx answer that is not JSON (a captive portal, a proxy's page)
    "bad_json",  # declared JSON that does not parse
    "bad_shape",  # JSON that parses but is not what the service answers (types, ranges)
    "error",  # anything else geopy reports
    "stopped",  # not asked: the service was stopped for this run (breaker, long Retry-After)
)

#: Failures in a row after which a service is not asked again in this run. One failure can be
#: a blip; three with no answer between mean it is down or hanging, and each further request
#: would cost a whole deadline.
STOP_AFTER_FAILURES = 3

#: Kinds that say nothing about the service's health: it answered, the answer was wrong.
_ANSWERED_KINDS = frozenset({"bad_shape"})


class OnlineFailure(GeocoderServiceError):
    """A failed request, with its kind (:data:`FAILURE_KINDS`).

    Attributes
    ----------
    kind
        What went wrong.
    retry_after
        Seconds the service asked to be left alone (``Retry-After`` of a 429 or 503), if any.
    stops_run
        Set by a wrapper when this failure stops the service for the rest of the run.
    """

    def __init__(self, kind: str, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.retry_after = retry_after
        self.stops_run = False


def _classify(error: Exception) -> OnlineFailure:
    cause = error.__cause__
    status = cause.status_code if isinstance(cause, AdapterHTTPError) else None
    retry_after = None
    if isinstance(cause, AdapterHTTPError) and status in {429, 503}:
        retry_after = get_retry_after(cause.headers)
    if isinstance(error, GeocoderRateLimited) or status == 429:
        shown = "none" if retry_after is None else f"{retry_after:g} s"
        return OnlineFailure(
            "rate_limited", f"throttled (HTTP 429, Retry-After: {shown})", retry_after=retry_after
        )
    if status is not None:
        kind = "server_error" if status >= 500 else "http_error"
        shown = "" if retry_after is None else f", Retry-After: {retry_after:g} s"
        return OnlineFailure(kind, f"HTTP {status}{shown}", retry_after=retry_after)
    for cls, kind in (
        (WrongContentType, "content_type"),
        (BadAnswer, "bad_shape"),
        (GeocoderParseError, "bad_json"),
        (GeocoderTimedOut, "timeout"),
        (GeocoderUnavailable, "unavailable"),
    ):
        if isinstance(error, cls):
            return OnlineFailure(kind, str(error))
    if not isinstance(error, GeopyError):  # geopy choked on JSON it did not expect
        return OnlineFailure("bad_shape", f"unexpected answer: {error!r}")
    return OnlineFailure("error", str(error) or type(error).__name__)


def classified(func: Callable[..., T]) -> Callable[..., T]:
    """Wrap a request function so that any failure is raised as one :class:`OnlineFailure`."""

    def send(*args: Any, **kwargs: Any) -> T:
        try:
            return func(*args, **kwargs)
        except OnlineFailure:
            raise
        # geopy raises its own errors, and plain ones when it chokes on JSON it did not expect.
        except (GeopyError, ValueError, TypeError, KeyError, AttributeError, IndexError) as error:
            raise _classify(error) from error

    return send


class HonourRetryAfter:
    """Wrap a request function: after a ``Retry-After``, send nothing until that time.

    A wait up to ``max_wait`` seconds is slept before the next request; a longer one (or a
    ``429`` that does not say how long) marks the failure :attr:`OnlineFailure.stops_run`, as
    waiting would hold the run longer than a request may take.
    """

    def __init__(
        self,
        func: Callable[..., T],
        *,
        max_wait: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.func = func
        self.max_wait = max_wait
        self._clock = clock
        self._sleep = sleep
        self._not_before = 0.0
        self._lock = threading.Lock()

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        with self._lock:  # other threads queue behind the wait rather than skip it
            wait = self._not_before - self._clock()
            if wait > 0:
                self._sleep(wait)
        try:
            return self.func(*args, **kwargs)
        except OnlineFailure as failure:
            seconds = failure.retry_after
            if seconds is None and failure.kind == "rate_limited":
                failure.stops_run = True  # throttled without a word on how long: do not guess
            elif seconds is not None and seconds > self.max_wait:
                failure.stops_run = True
            elif seconds is not None:
                with self._lock:
                    self._not_before = max(self._not_before, self._clock() + seconds)
            raise


class CircuitBreaker:
    """Wrap a request function: after repeated failures, stop calling it for the run.

    ``threshold`` failures in a row, or one that :attr:`OnlineFailure.stops_run`, open the
    breaker: a warning is logged once and every later call raises an :class:`OnlineFailure` of
    kind ``stopped`` without sending anything. An answer, even a wrong one, resets the count.
    """

    def __init__(self, func: Callable[..., T], *, threshold: int, service: str) -> None:
        self.func = func
        self.threshold = threshold
        self.service = service
        self.failures_in_a_row = 0
        self.open_because: str | None = None
        self._lock = threading.Lock()

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self.open_because is not None:
            raise OnlineFailure("stopped", f"not asked: {self.open_because}")
        try:
            result = self.func(*args, **kwargs)
        except OnlineFailure as failure:
            self._count(failure)
            raise
        with self._lock:
            self.failures_in_a_row = 0
        return result

    def _count(self, failure: OnlineFailure) -> None:
        with self._lock:
            if failure.kind in _ANSWERED_KINDS:
                self.failures_in_a_row = 0
                return
            self.failures_in_a_row += 1
            if self.open_because is not None:
                return
            if failure.stops_run:
                because = f"{failure} asks for a longer wait than a request may take"
            elif self.failures_in_a_row >= self.threshold:
                because = f"{self.failures_in_a_row} failures in a row, the last {failure.kind}"
            else:
                return
            self.open_because = f"{self.service} was stopped after {because}"
        logger.warning("%s: not asking again for the rest of this run", self.open_because)
