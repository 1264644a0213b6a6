"""Fixtures of the online fallback's tests: no proxy and no geocoder settings leaking in, a
private database, and a geocoder pointed at the module's own loopback ``stub`` fixture."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from geomap.gazetteer.online import API_KEY_ENV, OnlineCache, OnlineGeocoder

try:
    from tests.nominatim_stub import NominatimStub
except ModuleNotFoundError:  # plain `pytest` puts tests/, not the checkout, on sys.path
    from nominatim_stub import NominatimStub  # type: ignore[no-redef]

#: Deadline of one request in these tests: every failure mode costs at most this per request.
ONLINE_TIMEOUT = 0.5


@pytest.fixture(autouse=True)
def _no_proxies_no_config(monkeypatch: pytest.MonkeyPatch) -> None:
    # geopy honours the system proxies; a loopback test must never leave the machine.
    for scheme in ("http", "https", "all"):
        monkeypatch.delenv(f"{scheme}_proxy", raising=False)
        monkeypatch.delenv(f"{scheme.upper()}_PROXY", raising=False)
    for name in (
        "GEOMAP_GEOCODER",
        "GEOMAP_GEOCODER_URL",
        "GEOMAP_GEOCODER_TIMEOUT",
        "GEOMAP_USER_AGENT",
        "GEOMAP_OFFLINE",
        API_KEY_ENV,
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "gazetteer.sqlite"


@pytest.fixture
def geocoder(stub: NominatimStub, db: Path) -> Iterator[OnlineGeocoder]:
    with OnlineGeocoder(
        "nominatim", stub.url, timeout=ONLINE_TIMEOUT, min_delay=0.0, cache=OnlineCache(db)
    ) as g:
        yield g
