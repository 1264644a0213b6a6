"""A misbehaving geocoder on 127.0.0.1: deadlines, Retry-After, the circuit breaker, answers
with wrong types. Every wait here is a fraction of a second or a few seconds at most."""

from __future__ import annotations

import email.utils
import logging
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from geomap.gazetteer.online import (
    CACHE_TABLE,
    STOP_AFTER_FAILURES,
    OnlineCache,
    OnlineGeocoder,
)

try:
    from tests.nominatim_stub import NominatimStub, nominatim_place
except ModuleNotFoundError:  # plain `pytest` puts tests/, not the checkout, on sys.path
    from nominatim_stub import NominatimStub, nominatim_place  # type: ignore[no-redef]

KESTREL = nominatim_place(
    "Kestrel Bay", -41.25, 174.5, country_code="nz", state="Wellington", osm_id=99, type="town"
)


@pytest.fixture
def stub() -> Iterator[NominatimStub]:
    with NominatimStub({"kestrel bay": [KESTREL]}) as server:
        server.hang_seconds = 3.0
        yield server


def cached_queries(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return [row[0] for row in connection.execute(f"SELECT query FROM {CACHE_TABLE}")]


def warnings_of(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "geomap.online" and r.levelno >= logging.WARNING
    ]


# -- a deadline on the whole request ------------------------------------------------------------


def test_dripped_headers_are_cut_at_the_deadline(
    geocoder: OnlineGeocoder, stub: NominatimStub
) -> None:
    # One byte every 20 ms never trips a per-read timeout; the headers alone take 5 s.
    stub.mode = "drip_headers"
    stub.drip_interval = 0.02
    stub.header_padding = 250
    started = time.monotonic()
    assert geocoder.lookup("Kestrel Bay") == []
    assert time.monotonic() - started < geocoder.timeout + 0.5
    assert geocoder.failures == {"timeout": 1}


def test_dripped_body_is_cut_at_the_deadline(geocoder: OnlineGeocoder, stub: NominatimStub) -> None:
    stub.mode = "drip"
    stub.drip_interval = 0.02
    started = time.monotonic()
    assert geocoder.lookup("Kestrel Bay") == []
    assert time.monotonic() - started < geocoder.timeout + 0.5
    assert geocoder.failures == {"timeout": 1}


# -- the circuit breaker ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mode", "kind"), [("refuse", "unavailable"), ("hang", "timeout"), ("500", "server_error")]
)
def test_repeated_failures_stop_asking_for_the_rest_of_the_run(
    geocoder: OnlineGeocoder,
    stub: NominatimStub,
    caplog: pytest.LogCaptureFixture,
    mode: str,
    kind: str,
) -> None:
    geocoder.lookup("Kestrel Bay")  # answered and cached while the service was healthy
    if mode == "refuse":
        stub.stop()
    else:
        stub.mode = mode
    caplog.set_level(logging.WARNING, logger="geomap.online")

    started = time.monotonic()
    for i in range(10):
        assert geocoder.lookup(f"Nowhere {i}") == []
    # Ten hangs would take ten deadlines; the breaker waits out only the first few.
    assert time.monotonic() - started < (STOP_AFTER_FAILURES + 1) * geocoder.timeout + 1
    assert geocoder.requests == 1 + STOP_AFTER_FAILURES
    assert geocoder.failures == {kind: STOP_AFTER_FAILURES, "stopped": 10 - STOP_AFTER_FAILURES}
    said = [m for m in warnings_of(caplog) if "for the rest of this run" in m]
    assert len(said) == 1, warnings_of(caplog)
    # What is cached is still served: the breaker stops the network, not the cache.
    assert [c.name for c in geocoder.lookup("kestrel bay")] == ["Kestrel Bay"]


def test_a_success_between_failures_keeps_the_service(
    geocoder: OnlineGeocoder, stub: NominatimStub
) -> None:
    for round_ in range(3):
        stub.mode = "500"
        for i in range(STOP_AFTER_FAILURES - 1):
            assert geocoder.lookup(f"Nowhere {round_} {i}") == []
        stub.mode = "ok"
        assert geocoder.lookup(f"Somewhere {round_}") == []  # "not found" is an answer
    assert "stopped" not in geocoder.failures
    assert geocoder.lookup("Kestrel Bay")


# -- Retry-After --------------------------------------------------------------------------------


def _http_date(seconds_ahead: float) -> str:
    return email.utils.formatdate(time.time() + seconds_ahead, usegmt=True)


@pytest.mark.parametrize("status", ["429", "503"])
@pytest.mark.parametrize("retry_after", ["3600", _http_date(3600)])
def test_a_long_retry_after_stops_asking_for_the_run(
    geocoder: OnlineGeocoder,
    stub: NominatimStub,
    caplog: pytest.LogCaptureFixture,
    status: str,
    retry_after: str,
) -> None:
    stub.mode = status
    stub.retry_after = retry_after
    caplog.set_level(logging.WARNING, logger="geomap.online")
    started = time.monotonic()
    for i in range(10):
        assert geocoder.lookup(f"Nowhere {i}") == []
    assert time.monotonic() - started < 2  # nothing waited an hour, nor ten deadlines
    assert stub.request_count == 1  # never ten requests in ten seconds after a 429
    assert geocoder.failures["stopped"] == 9
    assert len([m for m in warnings_of(caplog) if "for the rest of this run" in m]) == 1


def test_429_without_retry_after_stops_asking_too(
    geocoder: OnlineGeocoder, stub: NominatimStub
) -> None:
    # The service did not say when: guessing risks a ban, so the run stops asking.
    stub.mode = "429"
    stub.retry_after = ""
    for i in range(5):
        geocoder.lookup(f"Nowhere {i}")
    assert stub.request_count == 1


@pytest.mark.parametrize("status", ["429", "503"])
def test_a_short_retry_after_is_waited_before_the_next_request(
    stub: NominatimStub, db: Path, status: str
) -> None:
    stub.mode = status
    stub.retry_after = "1"
    with OnlineGeocoder(
        "nominatim", stub.url, timeout=1.5, min_delay=0.0, cache=OnlineCache(db)
    ) as g:
        assert g.lookup("Kestrel Bay") == []
        stub.mode = "ok"
        assert [c.name for c in g.lookup("Kestrel Bay")] == ["Kestrel Bay"]
    first, second = stub.request_times()
    assert second - first >= 0.9  # Retry-After: 1, less the jitter of two clocks


# -- answers with wrong types or ranges ---------------------------------------------------------


def _changed(**changes: Any) -> dict[str, Any]:
    record = {**KESTREL, "address": dict(KESTREL["address"])}
    for key, value in changes.items():
        if value is None:
            record.pop(key, None)
        else:
            record[key] = value
    return record


BAD_ANSWERS = {
    "lat not a number": _changed(lat="south"),
    "lat out of range": _changed(lat="200"),
    "lon out of range": _changed(lon="-181.5"),
    "lat missing": _changed(lat=None),
    "lat a boolean": _changed(lat=True),
    "display_name missing": _changed(display_name=None),
    "name not text": _changed(name=["Kestrel", "Bay"]),
    "display_name not text": _changed(display_name={"en": "Kestrel Bay"}),
    "osm_id not a whole number": _changed(osm_id="ninety-nine"),
    "osm_type unknown": _changed(osm_type=["node"]),
    "importance not a number": _changed(importance="high"),
    "importance infinite": _changed(importance=float("inf")),
    "address not an object": _changed(address="Wellington, New Zealand"),
    "country code not text": _changed(address={"country_code": 64}),
    "extratags not an object": _changed(extratags=[1, 2]),
    "class not text": _changed(**{"class": 7}),
}


@pytest.mark.parametrize("record", BAD_ANSWERS.values(), ids=BAD_ANSWERS.keys())
def test_an_answer_with_wrong_types_is_not_found_with_a_warning_and_not_cached(
    geocoder: OnlineGeocoder,
    stub: NominatimStub,
    db: Path,
    caplog: pytest.LogCaptureFixture,
    record: dict[str, Any],
) -> None:
    stub.add("kestrel bay", [KESTREL, record])  # one bad place spoils the answer
    caplog.set_level(logging.WARNING, logger="geomap.online")
    assert geocoder.lookup("Kestrel Bay") == []
    assert geocoder.failures == {"bad_shape": 1}
    assert warnings_of(caplog)
    assert cached_queries(db) == []
    # Asked again next time, and kept once the answer is sound.
    stub.add("kestrel bay", [KESTREL])
    assert [c.name for c in geocoder.lookup("Kestrel Bay")] == ["Kestrel Bay"]
    assert cached_queries(db) == ["kestrel bay"]


def test_a_cached_answer_out_of_range_counts_as_never_asked(db: Path) -> None:
    # A cache written before answers were checked may hold one; it must not be served for good.
    cache = OnlineCache(db)
    cache.put("nominatim", "", "kestrel bay", None, [])
    bad = '[{"id": "x", "name": "X", "lat": 200.0, "lon": 1.0, "country_code": null,'
    bad += ' "admin1": null, "kind": "city", "population": 0, "source": "online:nominatim"}]'
    with sqlite3.connect(db) as connection:
        connection.execute(f"UPDATE {CACHE_TABLE} SET candidates = ?", (bad,))
    assert cache.get("nominatim", "", "kestrel bay") is None
