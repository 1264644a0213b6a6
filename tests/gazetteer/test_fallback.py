"""The online fallback as users meet it: ``geocode`` and ``geomap geocode`` against a loopback
Nominatim (the real geopy client; nothing leaves the machine), cached in the gazetteer file."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tiny_sources import use_tiny_sources

from geomap.cli import main
from geomap.gazetteer.build import build
from geomap.gazetteer.lookup import geocode
from geomap.gazetteer.online import CACHE_TABLE, OnlineCache, OnlineGeocoder
from geomap.gazetteer.store import SqliteGazetteer

try:
    from tests.nominatim_stub import NominatimStub, nominatim_place
except ModuleNotFoundError:  # plain `pytest` puts tests/, not the checkout, on sys.path
    from nominatim_stub import NominatimStub, nominatim_place  # type: ignore[no-redef]

CHECKOUT = Path(__file__).resolve().parents[2]
MADE_UP = "Xqzville Heights"  # no gazetteer has it
XQZVILLE = nominatim_place(
    MADE_UP,
    12.3456,
    45.6789,
    country_code="ye",
    country="Yemen",
    state="Xqz Governorate",
    osm_type="node",
    osm_id=4242,
    type="suburb",
    importance=0.7,
)


@pytest.fixture(autouse=True)
def _no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    # geopy honours the system proxies; a loopback test must never leave the machine.
    for scheme in ("http", "https", "all", "no"):
        monkeypatch.delenv(f"{scheme}_proxy", raising=False)
        monkeypatch.delenv(f"{scheme.upper()}_PROXY", raising=False)


@pytest.fixture
def stub() -> Iterator[NominatimStub]:
    with NominatimStub({MADE_UP: [XQZVILLE]}) as server:
        server.hang_seconds = 2.0
        yield server


@pytest.fixture
def stub_settings(
    stub: NominatimStub, isolated_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> NominatimStub:
    """Point geomap's settings (what the CLI uses) at the stub."""
    monkeypatch.setenv("GEOMAP_GEOCODER", "nominatim")
    monkeypatch.setenv("GEOMAP_GEOCODER_URL", stub.url)
    return stub


def online(stub: NominatimStub, db: Path) -> OnlineGeocoder:
    return OnlineGeocoder("nominatim", stub.url, timeout=2.0, min_delay=0.0, cache=OnlineCache(db))


def cached_queries(db: Path) -> list[str]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        return [row[0] for row in connection.execute(f"SELECT query FROM {CACHE_TABLE}")]


def check_xqzville(found) -> None:
    assert found, "the online answer is missing"
    top = found[0]
    assert top.name == MADE_UP
    assert (round(top.lat, 4), round(top.lon, 4)) == (12.3456, 45.6789)
    assert top.country_code == "YE"
    assert "nominatim" in top.source


# -- geocode() -------------------------------------------------------------------------------


def test_unknown_name_is_asked_online_then_served_from_the_cache_in_the_database(
    stub: NominatimStub, private_db: Path
) -> None:
    gazetteer = SqliteGazetteer(private_db)
    assert gazetteer.lookup(MADE_UP) == []
    with online(stub, private_db) as geocoder:
        check_xqzville(geocode(gazetteer, MADE_UP, offline=False, online=geocoder))
    assert stub.request_count == 1
    assert stub.requests[0].params["q"] == MADE_UP
    assert cached_queries(private_db)  # kept in the gazetteer file itself

    stub.stop()
    gazetteer = SqliteGazetteer(private_db)  # a later run: new objects, same file
    with online(stub, private_db) as geocoder:
        check_xqzville(geocode(gazetteer, MADE_UP, offline=False, online=geocoder))
        assert geocoder.requests == 0
    assert stub.request_count == 1


def test_default_fallback_comes_from_settings_and_caches_in_the_database(
    stub_settings: NominatimStub, private_db: Path
) -> None:
    gazetteer = SqliteGazetteer(private_db)
    check_xqzville(geocode(gazetteer, MADE_UP, offline=False))
    assert stub_settings.request_count == 1
    stub_settings.stop()
    check_xqzville(geocode(SqliteGazetteer(private_db), MADE_UP, offline=False))


def test_a_good_local_answer_is_not_asked_online(stub: NominatimStub, private_db: Path) -> None:
    with online(stub, private_db) as geocoder:
        found = geocode(SqliteGazetteer(private_db), "Abu Kamal", offline=False, online=geocoder)
    assert found[0].country_code == "SY"
    assert stub.request_count == 0


def test_offline_never_asks(
    stub_settings: NominatimStub, private_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gazetteer = SqliteGazetteer(private_db)
    with online(stub_settings, private_db) as geocoder:
        assert geocode(gazetteer, MADE_UP, offline=True, online=geocoder) == []
        monkeypatch.setenv("GEOMAP_OFFLINE", "1")
        assert geocode(gazetteer, MADE_UP, online=geocoder) == []
        assert geocode(gazetteer, MADE_UP) == []
    assert stub_settings.request_count == 0
    assert cached_queries(private_db) == []


def test_offline_answers_from_the_cache(
    stub_settings: NominatimStub, private_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Asked once online; offline is when the answer on disk is needed most.
    check_xqzville(geocode(SqliteGazetteer(private_db), MADE_UP, offline=False))
    stub_settings.stop()
    gazetteer = SqliteGazetteer(private_db)
    check_xqzville(geocode(gazetteer, MADE_UP, offline=True))
    monkeypatch.setenv("GEOMAP_OFFLINE", "1")
    check_xqzville(geocode(gazetteer, MADE_UP))
    assert geocode(gazetteer, "Xqzville Lowlands") == []  # never asked: nothing to give
    assert stub_settings.request_count == 1


def test_refused_connection_gives_nothing_with_a_warning_and_is_not_cached(
    stub: NominatimStub, private_db: Path, caplog: pytest.LogCaptureFixture
) -> None:
    stub.stop()
    gazetteer = SqliteGazetteer(private_db)
    with caplog.at_level(logging.WARNING), online(stub, private_db) as geocoder:
        assert geocode(gazetteer, MADE_UP, offline=False, online=geocoder) == []
    assert any(record.levelno == logging.WARNING for record in caplog.records)
    # the failure was not remembered as "no such place": once the server is back, it answers
    stub.start()
    with online(stub, private_db) as geocoder:
        check_xqzville(geocode(gazetteer, MADE_UP, offline=False, online=geocoder))


def test_not_found_online_is_remembered(stub: NominatimStub, private_db: Path) -> None:
    gazetteer = SqliteGazetteer(private_db)
    with online(stub, private_db) as geocoder:
        assert geocode(gazetteer, "Xqzville Lowlands", offline=False, online=geocoder) == []
        assert geocode(gazetteer, "Xqzville Lowlands", offline=False, online=geocoder) == []
    assert stub.request_count == 1


def test_kind_filter_applies_to_online_answers(stub: NominatimStub, private_db: Path) -> None:
    gazetteer = SqliteGazetteer(private_db)
    with online(stub, private_db) as geocoder:
        assert geocode(gazetteer, MADE_UP, kind="sea", offline=False, online=geocoder) == []


def test_cached_answers_survive_a_rebuild(
    stub: NominatimStub, private_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with online(stub, private_db) as geocoder:
        check_xqzville(
            geocode(SqliteGazetteer(private_db), MADE_UP, offline=False, online=geocoder)
        )
    stub.stop()
    use_tiny_sources(monkeypatch)
    build(private_db, progress=None)
    gazetteer = SqliteGazetteer(private_db)
    assert gazetteer.lookup("Fastville")  # rebuilt
    with online(stub, private_db) as geocoder:
        check_xqzville(geocode(gazetteer, MADE_UP, offline=False, online=geocoder))
        assert geocoder.requests == 0


# -- geomap geocode --------------------------------------------------------------------------


def test_cli_falls_back_then_answers_from_the_cache(
    capsys: pytest.CaptureFixture[str], stub_settings: NominatimStub, private_db: Path
) -> None:
    code = main(["geocode", MADE_UP, "--db", str(private_db)])
    out = capsys.readouterr().out
    assert code == 0
    assert MADE_UP in out and "12.35, 45.68" in out
    assert stub_settings.request_count == 1
    stub_settings.stop()
    code = main(["geocode", MADE_UP, "--json", "--db", str(private_db)])
    out = capsys.readouterr().out
    assert code == 0
    assert '"Xqzville Heights"' in out
    assert stub_settings.request_count == 1


def test_cli_offline_never_asks(
    capsys: pytest.CaptureFixture[str], stub_settings: NominatimStub, private_db: Path
) -> None:
    code = main(["geocode", MADE_UP, "--offline", "--db", str(private_db)])
    assert code == 1
    assert "no place found" in capsys.readouterr().err
    assert stub_settings.request_count == 0


def test_cli_offline_answers_from_the_cache(
    capsys: pytest.CaptureFixture[str],
    stub_settings: NominatimStub,
    private_db: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert main(["geocode", MADE_UP, "--db", str(private_db)]) == 0
    capsys.readouterr()
    stub_settings.stop()
    assert main(["geocode", MADE_UP, "--offline", "--db", str(private_db)]) == 0
    assert MADE_UP in capsys.readouterr().out
    monkeypatch.setenv("GEOMAP_OFFLINE", "1")
    assert main(["geocode", MADE_UP, "--json", "--db", str(private_db)]) == 0
    assert '"Xqzville Heights"' in capsys.readouterr().out
    assert stub_settings.request_count == 1


def _geocode_process(stub: NominatimStub, db: Path, **env_vars: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env.update(GEOMAP_GEOCODER="nominatim", GEOMAP_GEOCODER_URL=stub.url, PYTHONPATH=str(CHECKOUT))
    env.update(env_vars)
    return subprocess.Popen(
        [sys.executable, "-m", "geomap", "geocode", MADE_UP, "--db", str(db)],
        cwd=CHECKOUT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_cli_dripping_server_is_cut_at_the_deadline(
    stub: NominatimStub, private_db: Path, isolated_cache: Path
) -> None:
    # Headers dripped one byte per 50 ms for about 30 s: no socket read ever times out.
    stub.mode = "drip_headers"
    stub.drip_interval = 0.05
    stub.header_padding = 600
    stub.hang_seconds = 40
    started = time.monotonic()
    process = _geocode_process(stub, private_db, GEOMAP_GEOCODER_TIMEOUT="1")
    try:
        _, err = process.communicate(timeout=60)
    finally:
        process.kill()
    elapsed = time.monotonic() - started
    assert process.returncode == 1
    assert "Traceback" not in err and "no place found" in err
    assert "timeout" in err
    # Starting Python and opening the gazetteer take a few seconds; the drip would take 30.
    assert elapsed < 15


def test_cli_bad_timeout_setting_is_one_line(private_db: Path, isolated_cache: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "geomap", "geocode", MADE_UP, "--db", str(private_db)],
        cwd=CHECKOUT,
        env={**os.environ, "PYTHONPATH": str(CHECKOUT), "GEOMAP_GEOCODER_TIMEOUT": "soon"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "GEOMAP_GEOCODER_TIMEOUT" in result.stderr


def test_cli_refused_connection_is_no_place_found_with_a_warning(
    stub: NominatimStub, private_db: Path, isolated_cache: Path
) -> None:
    stub.stop()  # the port now refuses connections
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env.update(GEOMAP_GEOCODER="nominatim", GEOMAP_GEOCODER_URL=stub.url, PYTHONPATH=str(CHECKOUT))
    result = subprocess.run(
        [sys.executable, "-m", "geomap", "geocode", MADE_UP, "--db", str(private_db)],
        cwd=CHECKOUT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert "no place found" in result.stderr
    assert "warning" in result.stderr.lower()
    assert stub.request_count == 0


# -- geomap parse ----------------------------------------------------------------------------

# A name the gazetteer holds in many places: alone in a text it resolves unsure, and so is asked
# online; the loopback answer differs from every local one, so the output tells where it came
# from.
UNSURE = "Springfield"
UNSURE_ONLINE = nominatim_place(
    UNSURE, 39.7990, -89.6440, country_code="us", country="United States", state="Illinois",
    osm_type="relation", osm_id=4242424, type="city", importance=0.8,
)  # fmt: skip


def _parse_place(tmp_path: Path, db: Path, *options: str) -> dict:
    article = tmp_path / "article.txt"
    article.write_text(f"Protesters gathered in {UNSURE} on Monday.\n", encoding="utf-8")
    output = tmp_path / "parsed.jsonl"
    command = ["parse", *options, "--format", "jsonl", "--db", str(db), str(article)]
    assert main([*command, "-o", str(output)]) == 0
    record = json.loads(output.read_text(encoding="utf-8"))
    return next(p for p in record["places"] if p["text"] == UNSURE)


def test_cli_parse_offline_reads_what_was_asked_online(
    stub_settings: NominatimStub, private_db: Path, tmp_path: Path
) -> None:
    """Asked online once, the answer is on disk: ``parse --offline`` uses it, as ``geocode
    --offline`` does, and sends nothing."""
    stub_settings.add(UNSURE, [UNSURE_ONLINE])
    online_place = _parse_place(tmp_path, private_db)
    assert "nominatim" in online_place["place"]["source"]
    assert stub_settings.request_count == 1
    stub_settings.stop()
    offline_place = _parse_place(tmp_path, private_db, "--offline")
    assert offline_place["place"] == online_place["place"]
    assert offline_place["confidence"] == online_place["confidence"]
    assert stub_settings.request_count == 1


def test_cli_parse_offline_without_a_cached_answer_keeps_the_local_one(
    stub_settings: NominatimStub, private_db: Path, tmp_path: Path
) -> None:
    place = _parse_place(tmp_path, private_db, "--offline")
    assert place["place"]["source"] != "nominatim" and "nominatim" not in place["place"]["source"]
    assert stub_settings.request_count == 0
