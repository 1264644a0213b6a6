"""HTTP for the online geocoder: a geopy adapter with a deadline on the whole request.

geopy's stock adapters give each socket read its own timeout, so a server that sends a byte of
its headers or body every few seconds holds them for as long as it likes (a 10 s timeout was
seen to take 160 s); ``RequestsAdapter`` also lets urllib3 retry read timeouts, which sends
requests the rate limiter never saw. :class:`DeadlineAdapter` gives the whole request, from
connecting to the last byte of the answer, one wall-clock deadline: before every socket read
the read is allowed only the time left. It also never retries, refuses 2xx answers that are not
JSON, caps the size, and passes the JSON to a check of its shape (see ``answers``).
"""

from __future__ import annotations

import contextlib
import http.client
import io
import json
import socket
import time
import urllib.request
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any
from urllib.error import HTTPError, URLError

from geopy.adapters import AdapterHTTPError, URLLibAdapter
from geopy.exc import (
    GeocoderParseError,
    GeocoderTimedOut,
    GeocoderUnavailable,
    GeopyError,
)
from geopy.exc import GeocoderServiceError as GeopyServiceError

from geomap.gazetteer.online.answers import BadAnswer

__all__ = ["MAX_ANSWER_BYTES", "DeadlineAdapter", "WrongContentType"]

#: Largest answer accepted, in bytes: geocoders answer a few KiB, more means something is wrong.
MAX_ANSWER_BYTES = 4 * 1024 * 1024

_JSON_TYPES = frozenset({"application/json", "text/json"})


class WrongContentType(GeocoderParseError):
    """A successful answer that is not JSON (a captive portal, a proxy's page)."""


def _time_left(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("the request's deadline passed")
    return left


class _DeadlineReader(io.RawIOBase):
    """A socket's reads, each allowed only the time left before the deadline."""

    def __init__(self, sock: socket.socket, deadline: float) -> None:
        super().__init__()
        self._sock = sock
        self._raw = sock.makefile("rb", buffering=0)  # holds the socket open while we read
        self._deadline = deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int | None:
        self._sock.settimeout(_time_left(self._deadline))
        return self._raw.readinto(buffer)

    def close(self) -> None:
        if not self.closed:
            self._raw.close()
        super().close()


class _DeadlineResponse(http.client.HTTPResponse):
    """An HTTP response whose status line, headers and body are all read against a deadline."""

    def __init__(self, sock: socket.socket, *args: Any, deadline: float, **kwargs: Any) -> None:
        super().__init__(sock, *args, **kwargs)
        self.fp.close()
        self.fp = io.BufferedReader(_DeadlineReader(sock, deadline))


class _DeadlineConnection(http.client.HTTPConnection):
    """An HTTP connection that connects, and reads its response, against a deadline."""

    def __init__(self, *args: Any, deadline: float, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.deadline = deadline
        self.response_class = partial(_DeadlineResponse, deadline=deadline)  # type: ignore[assignment]

    def connect(self) -> None:
        # For HTTPS the TLS handshake runs with this timeout too.
        self.timeout = _time_left(self.deadline)
        super().connect()


class _DeadlineHTTPSConnection(_DeadlineConnection, http.client.HTTPSConnection):
    """The same over TLS."""


class _DeadlineRequest(urllib.request.Request):
    def __init__(self, url: str, headers: Mapping[str, str], deadline: float) -> None:
        super().__init__(url=url, headers=dict(headers))
        self.deadline = deadline


class _DeadlineHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req: Any) -> http.client.HTTPResponse:
        return self.do_open(partial(_DeadlineConnection, deadline=req.deadline), req)


class _DeadlineHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req: Any) -> http.client.HTTPResponse:
        connection = partial(_DeadlineHTTPSConnection, deadline=req.deadline)
        return self.do_open(connection, req, context=self._context)  # type: ignore[attr-defined]


class DeadlineAdapter(URLLibAdapter):
    """geopy adapter with one deadline per request, a content-type and a shape check.

    The request gets ``timeout`` seconds in all, from connecting to the end of the answer (the
    name lookup of the host is the one step no socket timeout reaches). It is never retried;
    a 2xx answer that is not JSON is refused unread; answers over :data:`MAX_ANSWER_BYTES` are
    refused; the decoded JSON goes to ``validate``, which raises for a wrong shape.

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
        # As URLLibAdapter's opener, with deadline handlers. A ProxyHandler is always given:
        # the system's proxies when proxies is None, none at all when it is {}.
        chosen = urllib.request.getproxies() if proxies is None else dict(proxies)
        chosen = {k: v if "://" in v else f"http://{v}" for k, v in chosen.items() if v}
        opener = urllib.request.build_opener(
            _DeadlineHTTPHandler(),
            _DeadlineHTTPSHandler(context=ssl_context),
            urllib.request.ProxyHandler(chosen),
        )
        self.urlopen = opener.open

    def get_json(self, url: str, *, timeout: float | None, headers: Mapping[str, str]) -> Any:
        body, content_type, charset = self._get(
            url, timeout=timeout, headers={"Accept": "application/json", **headers}, want_json=True
        )
        if content_type not in _JSON_TYPES and not content_type.endswith("+json"):
            raise WrongContentType(f"expected JSON, got {content_type!r}")
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
        # geopy always passes the geocoder's timeout; a day stands in for "none" all the same.
        seconds = timeout if timeout is not None else 86400.0
        deadline = time.monotonic() + seconds
        request = _DeadlineRequest(url, headers, deadline)
        try:
            page = self.urlopen(request, timeout=seconds)
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
                raise GeocoderTimedOut("no complete answer within the deadline") from None
            raise GeocoderUnavailable(f"service not available: {reason}") from None
        except TimeoutError:
            raise GeocoderTimedOut("no complete answer within the deadline") from None
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


def _read_body(page: Any, deadline: float) -> bytes:
    """Read a response body in pieces, giving up at ``deadline`` or :data:`MAX_ANSWER_BYTES`."""
    # read1 returns after one socket read; read(n) would wait for n bytes of a slow drip.
    read = getattr(page, "read1", None) or page.read
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise GeocoderTimedOut("service too slow: answer not complete within the deadline")
        try:
            chunk = read(16384)
        except TimeoutError:
            raise GeocoderTimedOut(
                "service too slow: answer not complete within the deadline"
            ) from None
        except (OSError, http.client.HTTPException) as error:
            raise GeopyServiceError(f"unable to read the answer: {error!r}") from None
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_ANSWER_BYTES:
            raise BadAnswer(f"answer larger than {MAX_ANSWER_BYTES} bytes")
