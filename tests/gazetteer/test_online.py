"""The online fallback against a loopback Nominatim stub: real geopy client, no internet."""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from geopy.location import Location

from geomap import settings
from geomap.errors import InputError
from geomap.gazetteer.online import (
    API_KEY_ENV,
    CACHE_TABLE,
    MAX_QUERY_CHARS,
    OnlineCache,
    OnlineGeocoder,
    answers,
    cache,
    normalize_query,
)
from geomap.model import Candidate

try:
    from tests.nominatim_stub import NominatimStub, nominatim_place
except ModuleNotFoundError:  # plain `pytest` puts tests/, not the checkout, on sys.path
    from nominatim_stub import NominatimStub, nominatim_place  # type: ignore[no-redef]

TIMEOUT = 0.5  # small, so failure modes cost well under a second each

BERLIN = nominatim_place(
    "Berlin",
    52.5170365,
    13.3888599,
    country_code="de",
    country="Deutschland",
    state="Berlin",
    osm_type="relation",
    osm_id=62422,
    cls="boundary",
    type="administrative",
    addresstype="city",
    importance=0.85,
    population=3_677_472,
    extratags={"admin_level": "4"},
)
BERLIN_NH = nominatim_place(
    "Berlin",
    44.4687,
    -71.1851,
    country_code="us",
    state="New Hampshire",
    osm_type="node",
    osm_id=7,
    type="town",
)
PARIS = nominatim_place("Paris", 48.8589, 2.32, country_code="fr", osm_id=7444, importance=None)


@pytest.fixture
def stub() -> Iterator[NominatimStub]:
    with NominatimStub({"berlin": [BERLIN, BERLIN_NH], "paris": [PARIS]}) as server:
        server.hang_seconds = 3.0  # a hung handler never outlives a test by much
        yield server


def cache_rows(path: Path) -> list[tuple[str, str, str, str, str]]:
    with sqlite3.connect(path) as connection:
        return connection.execute(
            f"SELECT service, url, query, country, candidates FROM {CACHE_TABLE} ORDER BY query"
        ).fetchall()


# -- answers ------------------------------------------------------------------------------------


def test_found_maps_candidate_fields_and_sends_user_agent(
    geocoder: OnlineGeocoder, stub: NominatimStub
) -> None:
    found = geocoder.lookup("Berlin")

    assert [c.country_code for c in found] == ["DE", "US"]
    berlin = found[0]
    assert berlin == Candidate(
        id="osm:relation/62422",
        name="Berlin",
        lat=pytest.approx(52.5170365),
        lon=pytest.approx(13.3888599),
        country_code="DE",
        admin1="Berlin",
        kind="city",  # addresstype wins over the boundary's admin_level 4
        population=3_677_472,
        source="online:nominatim",
        score=pytest.approx(0.85),
        matched="Berlin",
    )
    assert stub.user_agents == [settings.user_agent()]
    sent = stub.requests[0]
    assert sent.path == "/search"
    assert sent.params["q"] == "Berlin"
    assert sent.params["limit"] == "5"
    assert sent.params["addressdetails"] == "1"
    assert "countrycodes" not in sent.params


def test_custom_user_agent_and_url_path_prefix(stub: NominatimStub, db: Path) -> None:
    with OnlineGeocoder(
        "nominatim",
        stub.url + "/nominatim/",
        user_agent="geomap-tests/1 (ops@example.org)",
        timeout=TIMEOUT,
        min_delay=0.0,
        cache=OnlineCache(db),
    ) as g:
        assert g.lookup("Paris")[0].name == "Paris"
    assert stub.requests[0].path == "/nominatim/search"
    assert stub.user_agents == ["geomap-tests/1 (ops@example.org)"]


def test_missing_importance_scores_half_and_id_is_osm(geocoder: OnlineGeocoder) -> None:
    (paris,) = geocoder.lookup("paris")
    assert paris.score == 0.5
    assert paris.id == "osm:relation/7444"
    assert paris.population == 0
    assert paris.kind == "city"


def test_second_lookup_is_served_from_cache_with_server_stopped(
    geocoder: OnlineGeocoder, stub: NominatimStub
) -> None:
    first = geocoder.lookup("Berlin")
    assert stub.request_count == 1 and geocoder.requests == 1
    stub.stop()

    # Same name, other case and spacing: the same cache key.
    again = geocoder.lookup("  BERLIN ")

    assert again == first
    assert stub.request_count == 1
    assert geocoder.requests == 1
    assert not geocoder.failures


def test_cache_survives_a_new_geocoder_on_the_same_database(
    geocoder: OnlineGeocoder, stub: NominatimStub, db: Path
) -> None:
    geocoder.lookup("Berlin")
    stub.stop()
    with OnlineGeocoder("nominatim", stub.url, timeout=TIMEOUT, cache=OnlineCache(db)) as other:
        assert [c.id for c in other.lookup("berlin")] == ["osm:relation/62422", "osm:node/7"]
        assert other.requests == 0


def test_not_found_is_cached_too(geocoder: OnlineGeocoder, stub: NominatimStub, db: Path) -> None:
    assert geocoder.lookup("Atlantis") == []
    assert geocoder.lookup("atlantis") == []
    assert stub.request_count == 1
    assert [(r[2], r[4]) for r in cache_rows(db)] == [("atlantis", "[]")]
    assert not geocoder.failures


def test_blank_name_asks_nothing(geocoder: OnlineGeocoder, stub: NominatimStub) -> None:
    assert geocoder.lookup("") == []
    assert geocoder.lookup("  \n\t ") == []
    assert stub.request_count == 0 and geocoder.requests == 0


def test_long_name_is_truncated_for_the_query(
    geocoder: OnlineGeocoder, stub: NominatimStub
) -> None:
    name = "Kafr " + "x" * 1000
    assert geocoder.lookup(name) == []
    assert stub.requests[0].params["q"] == name[:MAX_QUERY_CHARS]
    # The truncated text is the cache key: asking again sends nothing.
    geocoder.lookup(name)
    assert stub.request_count == 1


def test_country_filter_is_sent_as_countrycodes(
    geocoder: OnlineGeocoder, stub: NominatimStub
) -> None:
    found = geocoder.lookup("Berlin", country="us")
    assert [c.country_code for c in found] == ["US"]
    assert stub.requests[-1].params["countrycodes"] == "us"
    # The country is part of the cache key: unfiltered is another question.
    geocoder.lookup("Berlin")
    assert stub.request_count == 2
    assert "countrycodes" not in stub.requests[-1].params
    geocoder.lookup("Berlin", country="US")
    assert stub.request_count == 2


def test_bad_country_or_limit_is_an_input_error(geocoder: OnlineGeocoder) -> None:
    with pytest.raises(InputError):
        geocoder.lookup("Berlin", country="Germany")
    with pytest.raises(InputError):
        geocoder.lookup("Berlin", limit=0)


def test_limit_is_sent_and_a_filled_answer_is_asked_again_for_more(
    geocoder: OnlineGeocoder, stub: NominatimStub
) -> None:
    assert [c.country_code for c in geocoder.lookup("Berlin", limit=1)] == ["DE"]
    assert stub.requests[-1].params["limit"] == "1"
    # One of one may have been cut short: asking for more goes out again.
    assert len(geocoder.lookup("Berlin", limit=5)) == 2
    assert stub.request_count == 2
    # Two of five is all there is: any smaller or larger limit is served from the cache.
    assert len(geocoder.lookup("Berlin", limit=1)) == 1
    assert len(geocoder.lookup("Berlin", limit=10)) == 2
    assert stub.request_count == 2


@pytest.mark.parametrize(
    ("record", "kind"),
    [
        (nominatim_place("X", 1, 1, cls="place", type="village"), "city"),
        (nominatim_place("X", 1, 1, cls="place", type="suburb", addresstype="suburb"), "city"),
        (
            nominatim_place(
                "X", 1, 1, cls="boundary", type="administrative", addresstype="country"
            ),
            "country",
        ),
        (
            nominatim_place(
                "X",
                1,
                1,
                cls="boundary",
                type="administrative",
                addresstype="boundary",
                extratags={"admin_level": "2"},
            ),
            "country",
        ),
        (
            nominatim_place(
                "X",
                1,
                1,
                cls="boundary",
                type="administrative",
                addresstype="boundary",
                extratags={"admin_level": "4"},
            ),
            "region",
        ),
        (nominatim_place("X", 1, 1, cls="place", type="state"), "region"),
        (nominatim_place("X", 1, 1, cls="place", type="province"), "region"),
        (nominatim_place("X", 1, 1, cls="aeroway", type="aerodrome"), "airport"),
        (
            nominatim_place(
                "X", 1, 1, cls="aeroway", type="aerodrome", extratags={"military": "airfield"}
            ),
            "military",
        ),
        (nominatim_place("X", 1, 1, cls="landuse", type="military"), "military"),
        (nominatim_place("X", 1, 1, cls="military", type="base"), "military"),
        (nominatim_place("X", 1, 1, cls="natural", type="bay"), "sea"),
        (nominatim_place("X", 1, 1, cls="natural", type="strait"), "sea"),
        (nominatim_place("X", 1, 1, cls="place", type="sea"), "sea"),
        (nominatim_place("X", 1, 1, cls="place", type="ocean"), "sea"),
        (nominatim_place("X", 1, 1, cls="place", type="continent"), "continent"),
        (nominatim_place("X", 1, 1, cls="amenity", type="hospital"), "place"),
    ],
)
def test_kinds(
    geocoder: OnlineGeocoder, stub: NominatimStub, record: dict[str, Any], kind: str
) -> None:
    stub.add("somewhere", [record])
    (found,) = geocoder.lookup("Somewhere")
    assert found.kind == kind


def test_photon_feature_maps_to_candidate() -> None:
    feature = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [13.3888599, 52.5170365]},
        "properties": {
            "osm_type": "R",
            "osm_id": 62422,
            "osm_key": "place",
            "osm_value": "city",
            "type": "city",
            "name": "Berlin",
            "countrycode": "de",
            "state": "Berlin",
            "country": "Germany",
        },
    }
    location = Location("Berlin, Germany", (52.5170365, 13.3888599), feature)
    found = answers.to_candidate(location, service="photon", query="berlin")
    assert (found.id, found.name, found.country_code, found.admin1, found.kind) == (
        "osm:relation/62422",
        "Berlin",
        "DE",
        "Berlin",
        "city",
    )
    assert found.source == "online:photon"
    assert found.score == 0.5


# -- failures -----------------------------------------------------------------------------------

FAILURES = [
    ("refuse", "unavailable"),
    ("hang", "timeout"),
    ("drip", "timeout"),
    ("429", "rate_limited"),
    ("500", "server_error"),
    ("bad_json", "bad_json"),
    ("html", "content_type"),
    ("bad_shape", "bad_shape"),
]


@pytest.mark.parametrize(("mode", "kind"), FAILURES)
def test_failure_gives_nothing_counts_and_is_not_cached(
    geocoder: OnlineGeocoder,
    stub: NominatimStub,
    db: Path,
    caplog: pytest.LogCaptureFixture,
    mode: str,
    kind: str,
) -> None:
    if mode == "refuse":
        stub.stop()
    else:
        stub.mode = mode
    stub.retry_after = "0"  # a 429 that allows the next request at once
    caplog.set_level(logging.WARNING, logger="geomap.online")

    assert geocoder.lookup("Berlin") == []

    assert geocoder.failures == {kind: 1}
    assert geocoder.requests == 1
    assert geocoder.cache.get("nominatim", stub.url, "berlin") is None
    assert cache_rows(db) == []
    assert any(kind in r.getMessage() for r in caplog.records if r.name == "geomap.online")
    # Exactly one request per lookup: no hidden retries behind the rate limiter's back.
    assert stub.request_count == (0 if mode == "refuse" else 1)

    # Healthy again: the name is asked again and the answer kept.
    stub.mode = "ok"
    stub.start()
    assert [c.country_code for c in geocoder.lookup("Berlin")] == ["DE", "US"]
    assert geocoder.requests == 2
    assert len(cache_rows(db)) == 1


def test_429_logs_retry_after_and_neither_sleeps_on_it_nor_asks_again(
    geocoder: OnlineGeocoder, stub: NominatimStub, caplog: pytest.LogCaptureFixture
) -> None:
    stub.mode = "429"
    stub.retry_after = "120"
    started = time.monotonic()
    assert geocoder.lookup("Berlin") == []
    assert geocoder.lookup("Paris") == []
    # Two minutes is longer than a request may take: the service is stopped, not waited for.
    assert time.monotonic() - started < 60
    assert stub.request_count == 1
    assert any("Retry-After: 120" in r.getMessage() for r in caplog.records)


def test_rate_limit_spaces_requests(stub: NominatimStub, db: Path) -> None:
    min_delay = 0.2
    with OnlineGeocoder(
        "nominatim", stub.url, timeout=TIMEOUT, min_delay=min_delay, cache=OnlineCache(db)
    ) as g:
        g.lookup("Berlin")
        g.lookup("Paris")
        g.lookup("Berlin")  # cached: neither a request nor a wait
    first, second = stub.request_times()
    # Slack for loopback latency jitter between the client's clock and the server's arrival.
    assert second - first >= min_delay - 0.02


def test_public_nominatim_is_never_asked_faster_than_once_a_second() -> None:
    with OnlineGeocoder("nominatim", "", min_delay=0.0) as g:
        assert g.min_delay == 1.0


# -- configuration ------------------------------------------------------------------------------


def test_unknown_service_is_an_input_error() -> None:
    with pytest.raises(InputError, match="unknown geocoder"):
        OnlineGeocoder("no-such-service")


def test_service_needing_a_url_says_so() -> None:
    with pytest.raises(InputError, match="GEOMAP_GEOCODER_URL"):
        OnlineGeocoder("pelias")


def test_api_key_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(InputError, match=API_KEY_ENV):
        OnlineGeocoder("opencage")
    monkeypatch.setenv(API_KEY_ENV, "secret")
    with OnlineGeocoder("opencage") as g:
        assert g.service == "opencage"


def test_settings_supply_service_and_url(
    monkeypatch: pytest.MonkeyPatch, stub: NominatimStub
) -> None:
    monkeypatch.setenv("GEOMAP_GEOCODER", "Nominatim")
    monkeypatch.setenv("GEOMAP_GEOCODER_URL", stub.url)
    monkeypatch.setenv("GEOMAP_USER_AGENT", "geomap-env-test/2")
    with OnlineGeocoder(timeout=TIMEOUT, min_delay=0.0) as g:
        assert (g.service, g.url) == ("nominatim", stub.url)
        assert g.lookup("Paris")
    assert stub.user_agents == ["geomap-env-test/2"]


def test_bad_url_is_an_input_error() -> None:
    with pytest.raises(InputError):
        OnlineGeocoder("nominatim", "ftp://example.org")


# -- the cache ----------------------------------------------------------------------------------


def test_cache_get_put_roundtrip_and_key_normalisation(db: Path) -> None:
    cache = OnlineCache(db)
    berlin = Candidate("osm:relation/1", "Berlin", 52.5, 13.4, "DE", None, "city", 0, "online:x")
    assert cache.get("nominatim", "", "Berlin") is None
    assert cache.put("Nominatim", "http://h/", "  Berlin\n", "de", [berlin])
    assert cache.get("nominatim", "http://h", "berlin", "DE") == [berlin]
    assert cache.get("nominatim", "http://h", "berlin") is None  # no country: other key
    assert normalize_query(" Straße  X ") == "strasse x"


def test_cache_leaves_other_tables_alone(db: Path) -> None:
    with sqlite3.connect(db) as connection:
        connection.execute("CREATE TABLE places (id TEXT)")
        connection.execute("INSERT INTO places VALUES ('geonames:1')")
    cache = OnlineCache(db)
    cache.put("nominatim", "", "x", None, [])
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT id FROM places").fetchall() == [("geonames:1",)]


def test_damaged_cache_row_counts_as_never_asked(db: Path) -> None:
    cache = OnlineCache(db)
    cache.put("nominatim", "", "x", None, [])
    with sqlite3.connect(db) as connection:
        connection.execute(f"UPDATE {CACHE_TABLE} SET candidates = 'not json'")
    assert cache.get("nominatim", "", "x") is None


def test_copy_rows_carries_cache_into_a_new_database(
    geocoder: OnlineGeocoder, stub: NominatimStub, db: Path, tmp_path: Path
) -> None:
    geocoder.lookup("Berlin")
    geocoder.lookup("Atlantis")
    new_db = tmp_path / "gazetteer.sqlite.building"
    with sqlite3.connect(new_db) as connection:
        connection.execute("CREATE TABLE places (id TEXT)")

    assert OnlineCache.copy_rows(db, new_db) == 2

    assert cache_rows(new_db) == cache_rows(db)
    stub.stop()
    with OnlineGeocoder(
        "nominatim", stub.url, timeout=TIMEOUT, min_delay=0.0, cache=OnlineCache(new_db)
    ) as g:
        assert len(g.lookup("Berlin")) == 2
        assert g.lookup("Atlantis") == []
        assert g.requests == 0


def test_copy_rows_into_an_open_transaction_keeps_newer_rows(db: Path, tmp_path: Path) -> None:
    old = OnlineCache(db)
    stale = Candidate("osm:node/1", "Old", 1.0, 1.0, None, None, "place", 0, "online:nominatim")
    old.put("nominatim", "", "a", None, [stale])
    old.put("nominatim", "", "b", None, [])
    new_db = tmp_path / "new.sqlite"
    fresh = Candidate("osm:node/2", "New", 2.0, 2.0, None, None, "place", 0, "online:nominatim")
    time.sleep(0.01)
    OnlineCache(new_db).put("nominatim", "", "a", None, [fresh])

    connection = sqlite3.connect(new_db)
    connection.execute("CREATE TABLE places (id TEXT)")
    connection.execute("INSERT INTO places VALUES ('x')")  # the builder's open transaction
    assert connection.in_transaction
    assert OnlineCache.copy_rows(db, connection) == 2
    assert connection.in_transaction  # left for the builder to commit
    connection.commit()
    connection.close()

    cache = OnlineCache(new_db)
    assert cache.get("nominatim", "", "a") == [fresh]
    assert cache.get("nominatim", "", "b") == []


def test_copy_rows_from_nothing(tmp_path: Path) -> None:
    plain = tmp_path / "plain.sqlite"
    with sqlite3.connect(plain) as connection:
        connection.execute("CREATE TABLE places (id TEXT)")
    assert OnlineCache.copy_rows(tmp_path / "missing.sqlite", tmp_path / "new.sqlite") == 0
    assert OnlineCache.copy_rows(plain, tmp_path / "new.sqlite") == 0


def _make_read_only(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    if os.geteuid() == 0:
        # root writes through file modes; make SQLite open the file read-only instead.
        connect = cache._connect

        def read_only(uri: str, timeout: float) -> sqlite3.Connection:
            return connect(re.sub(r"mode=rwc?", "mode=ro", uri), timeout)

        monkeypatch.setattr(cache, "_connect", read_only)


def test_read_only_database_still_looks_up(
    stub: NominatimStub, db: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    with sqlite3.connect(db) as connection:
        connection.execute("CREATE TABLE places (id TEXT)")  # a gazetteer without the table
    _make_read_only(db, monkeypatch)
    caplog.set_level(logging.WARNING, logger="geomap.online")

    with OnlineGeocoder(
        "nominatim", stub.url, timeout=TIMEOUT, min_delay=0.0, cache=OnlineCache(db)
    ) as g:
        assert [c.country_code for c in g.lookup("Berlin")] == ["DE", "US"]
        assert g.lookup("Berlin")  # not cached, so asked again, and no crash
        assert g.lookup("Paris")
        assert g.requests == 3
        assert not g.failures
    warnings = [r for r in caplog.records if "not cached" in r.getMessage()]
    assert len(warnings) == 1  # said once, not per lookup


def test_read_only_database_still_serves_its_cache(
    geocoder: OnlineGeocoder, stub: NominatimStub, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    geocoder.lookup("Berlin")
    _make_read_only(db, monkeypatch)
    with OnlineGeocoder(
        "nominatim", stub.url, timeout=TIMEOUT, min_delay=0.0, cache=OnlineCache(db)
    ) as g:
        assert len(g.lookup("Berlin")) == 2
        assert g.requests == 0
