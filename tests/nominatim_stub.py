"""A loopback stand-in for Nominatim's ``/search`` endpoint, for tests that must never go online.

The stub is a threaded :mod:`http.server` bound to ``127.0.0.1`` on an OS-assigned port. It
answers ``/search`` from canned place records the test gives (keyed by query text, compared
casefolded and whitespace-collapsed), honouring ``format``, ``limit``, ``addressdetails``,
``extratags`` and ``countrycodes`` the way Nominatim does, and records every request it
receives (arrival time, path, parameters, User-Agent).

It can be switched into the failure modes an online geocoder must survive; see :data:`MODES`.
``stop()`` makes the port refuse connections; ``start()`` brings the server back on the same
port.

Examples
--------
>>> berlin = nominatim_place("Berlin", 52.52, 13.40, country_code="de")
>>> with NominatimStub({"berlin": [berlin]}) as stub:
...     url = stub.url  # e.g. "http://127.0.0.1:41234"
...     stub.mode = "429"  # every request from now on is throttled
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal
from urllib.parse import parse_qs, urlsplit

__all__ = [
    "MODES",
    "NominatimStub",
    "RecordedRequest",
    "StubMode",
    "nominatim_place",
]

StubMode = Literal[
    "ok", "hang", "drip", "drip_headers", "429", "503", "500", "bad_json", "html", "bad_shape"
]

#: What each mode does to a request (``refuse`` is :meth:`NominatimStub.stop`).
MODES: dict[str, str] = {
    "ok": "answer like Nominatim",
    "hang": "accept the request, then say nothing until released (past any client timeout)",
    "drip": "send headers at once, then the valid JSON body one byte per drip_interval",
    "drip_headers": "send the status line and headers one byte per drip_interval, padded long",
    "429": "HTTP 429 Too Many Requests with a Retry-After header",
    "503": "HTTP 503 Service Unavailable with a Retry-After header",
    "500": "HTTP 500 with an HTML error page",
    "bad_json": "HTTP 200, application/json, but a truncated JSON body",
    "html": "HTTP 200 with a text/html page (a captive portal, a proxy's error page)",
    "bad_shape": "HTTP 200, valid JSON, but an object where Nominatim sends a list of places",
}


def _normalise(text: str) -> str:
    return " ".join(text.casefold().split())


@dataclass(frozen=True, slots=True)
class RecordedRequest:
    """One request as the stub saw it."""

    time: float  # time.monotonic() on arrival; comparable with the test's own clock
    path: str
    params: dict[str, str]
    user_agent: str | None
    headers: dict[str, str] = field(default_factory=dict)


def nominatim_place(
    name: str,
    lat: float,
    lon: float,
    *,
    country_code: str | None = None,
    country: str | None = None,
    state: str | None = None,
    osm_type: str = "relation",
    osm_id: int = 1,
    cls: str = "place",
    type: str = "city",
    addresstype: str | None = None,
    importance: float | None = 0.5,
    population: int | None = None,
    extratags: Mapping[str, str] | None = None,
    display_name: str | None = None,
) -> dict[str, Any]:
    """Build one place record shaped like Nominatim's ``format=json`` output.

    ``address`` and ``extratags`` are always filled in here; the stub removes them from the
    answer unless the request asked for ``addressdetails=1`` / ``extratags=1``.
    """
    address: dict[str, str] = {}
    if state:
        address["state"] = state
    if country:
        address["country"] = country
    if country_code:
        address["country_code"] = country_code.lower()
    tags = dict(extratags or {})
    if population is not None:
        tags["population"] = str(population)
    record: dict[str, Any] = {
        "place_id": osm_id * 10,
        "licence": "Data © OpenStreetMap contributors, ODbL 1.0. https://osm.org/copyright",
        "osm_type": osm_type,
        "osm_id": osm_id,
        "lat": f"{lat:.7f}",
        "lon": f"{lon:.7f}",
        "class": cls,
        "type": type,
        "place_rank": 16,
        "addresstype": addresstype or type,
        "name": name,
        "display_name": display_name or ", ".join(p for p in (name, state, country) if p),
        "address": address,
        "extratags": tags,
        "boundingbox": [f"{v:.7f}" for v in (lat - 0.1, lat + 0.1, lon - 0.1, lon + 0.1)],
    }
    if importance is not None:
        record["importance"] = importance
    return record


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # a hung handler must not keep the test process alive
    stub: NominatimStub

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients hanging up mid-answer (timeouts, drips) are the point of the stub: stay quiet.
        pass


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.0"  # one request per connection: no keep-alive surprises

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        stub = self.server.stub
        parts = urlsplit(self.path)
        params = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        stub._record(
            RecordedRequest(
                time=time.monotonic(),
                path=parts.path,
                params=params,
                user_agent=self.headers.get("User-Agent"),
                headers={k.lower(): v for k, v in self.headers.items()},
            )
        )
        mode = stub.mode
        if mode == "hang":
            stub._release.wait(stub.hang_seconds)
            return
        if mode in {"429", "503"}:
            headers = {"Retry-After": stub.retry_after} if stub.retry_after else {}
            self._send(int(mode), b"Come back later", "text/plain", headers)
            return
        if mode == "500":
            self._send(500, b"<html><body>Internal Server Error</body></html>", "text/html")
            return
        if mode == "html":
            self._send(200, b"<!doctype html><html><body>Please log in</body></html>", "text/html")
            return
        if mode == "bad_json":
            self._send(200, b'[{"lat": "52.5", "lon": ', "application/json; charset=utf-8")
            return
        if mode == "bad_shape":
            self._send(200, b'{"results": "none", "lat": null}', "application/json")
            return
        # Any prefix: Nominatim is often served under a path such as /nominatim/search.
        if not parts.path.rstrip("/").endswith(("/search", "/search.php")):
            self._send(404, b'{"error": "not found"}', "application/json")
            return
        body = json.dumps(stub.answer(params), ensure_ascii=False).encode("utf-8")
        if mode == "drip":
            self._drip(body)
            return
        if mode == "drip_headers":
            self._drip_headers(body)
            return
        self._send(200, body, "application/json; charset=utf-8")

    def _send(
        self, status: int, body: bytes, content_type: str, headers: Mapping[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def _drip(self, body: bytes) -> None:
        stub = self.server.stub
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.flush()
        try:
            for i in range(len(body)):
                if stub._release.wait(stub.drip_interval):
                    return
                self.wfile.write(body[i : i + 1])
                self.wfile.flush()
        except OSError:
            return  # the client gave up, as it should

    def _drip_headers(self, body: bytes) -> None:
        # Every byte comes well within any per-read timeout; only a deadline on the whole
        # request stops a client from waiting out all of them.
        stub = self.server.stub
        head = (
            "HTTP/1.0 200 OK\r\n"
            "Content-Type: application/json; charset=utf-8\r\n"
            f"Content-Length: {len(body)}\r\n"
            f"X-Padding: {'.' * stub.header_padding}\r\n\r\n"
        ).encode("ascii")
        try:
            for i in range(len(head)):
                if stub._release.wait(stub.drip_interval):
                    return
                self.wfile.write(head[i : i + 1])
                self.wfile.flush()
            self.wfile.write(body)
        except OSError:
            return  # the client gave up, as it should


class NominatimStub:
    """Loopback Nominatim ``/search`` server with switchable failure modes.

    Parameters
    ----------
    places
        Canned answers: query text → list of Nominatim place records (see
        :func:`nominatim_place`). Queries not listed get ``[]``, as Nominatim answers "not found".
    host, port
        Where to listen; the default port 0 lets the OS pick a free one.

    Attributes
    ----------
    mode
        Current behaviour, one of :data:`MODES`; may be changed at any time.
    retry_after
        Value of the ``Retry-After`` header sent in modes ``"429"`` and ``"503"`` (``""``: none).
    hang_seconds
        How long a ``"hang"`` request is held open at most (stopping the stub releases it).
    drip_interval
        Seconds between bytes in modes ``"drip"`` and ``"drip_headers"``.
    header_padding
        Length of the padding header in mode ``"drip_headers"``.
    requests
        Every request received, in order of arrival.
    """

    def __init__(
        self,
        places: Mapping[str, Iterable[Mapping[str, Any]]] | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.places: dict[str, list[dict[str, Any]]] = {}
        for query, records in (places or {}).items():
            self.add(query, records)
        self.mode: str = "ok"
        self.retry_after = "30"
        self.hang_seconds = 10.0
        self.drip_interval = 0.1
        self.header_padding = 200
        self.requests: list[RecordedRequest] = []
        self._host = host
        self._port = port
        self._lock = threading.Lock()
        self._release = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> NominatimStub:
        """Start serving (again, on the same port once one was assigned)."""
        if self._server is not None:
            return self
        self._release.clear()
        server = _Server((self._host, self._port), _Handler)
        server.stub = self
        self._port = server.server_address[1]
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving: the port then refuses connections. Releases hung and dripping requests."""
        server, self._server = self._server, None
        if server is None:
            return
        self._release.set()
        server.shutdown()
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    @property
    def running(self) -> bool:
        return self._server is not None

    def __enter__(self) -> NominatimStub:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- configuration and inspection --------------------------------------------------------

    @property
    def url(self) -> str:
        """Base URL to give the geocoder, e.g. ``http://127.0.0.1:41234``."""
        if not self._port:
            raise RuntimeError("the stub has not been started")
        return f"http://{self._host}:{self._port}"

    def add(self, query: str, records: Iterable[Mapping[str, Any]]) -> None:
        """Set the canned answer to ``query``."""
        self.places[_normalise(query)] = [dict(r) for r in records]

    @property
    def request_count(self) -> int:
        with self._lock:
            return len(self.requests)

    @property
    def user_agents(self) -> list[str | None]:
        with self._lock:
            return [r.user_agent for r in self.requests]

    def request_times(self) -> list[float]:
        with self._lock:
            return [r.time for r in self.requests]

    def answer(self, params: Mapping[str, str]) -> list[dict[str, Any]]:
        """The JSON Nominatim would give for these ``/search`` parameters (mode ``"ok"``)."""
        records = [dict(r) for r in self.places.get(_normalise(params.get("q", "")), [])]
        codes = {c.strip().lower() for c in params.get("countrycodes", "").split(",") if c.strip()}
        if codes:
            records = [r for r in records if (r.get("address") or {}).get("country_code") in codes]
        try:
            limit = int(params.get("limit", "10"))
        except ValueError:
            limit = 10
        records = records[: max(1, min(limit, 40))]  # Nominatim caps limit at 40
        for r in records:
            if params.get("addressdetails") not in {"1", "true", "True"}:
                r.pop("address", None)
            if params.get("extratags") not in {"1", "true", "True"}:
                r.pop("extratags", None)
            if params.get("format") == "jsonv2":
                r["category"] = r.pop("class", None)
        return records

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)
