"""Shared fixtures: one real gazetteer database, built once per test session.

The build takes under a minute. During development set ``GEOMAP_TEST_DB`` to an existing,
current database to skip it; the fixture still checks that it is current.
"""

from __future__ import annotations

import gc
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

# Fixtures that need the real gazetteer, whose first build takes a minute and more.
_REAL_GAZETTEER = {"gazetteer_path", "gazetteer", "geoparser", "private_db"}


def pytest_collection_finish(session: pytest.Session) -> None:
    """What collecting imported lives to the end of the run: keep it out of the garbage
    collector's full passes, which otherwise walk it again and again (a test making many small
    objects took 5 s in the suite and 0.2 s alone)."""
    gc.freeze()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark ``slow`` every test that needs the real gazetteer: ``pytest -m "not slow"`` then
    runs the rest in well under a minute, without building it."""
    for item in items:
        if _REAL_GAZETTEER & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def gazetteer_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path of a built, current gazetteer database (shared, read-only for tests)."""
    from geomap.gazetteer.build import build

    given = os.environ.get("GEOMAP_TEST_DB")
    path = Path(given) if given else tmp_path_factory.mktemp("gazetteer") / "gazetteer.sqlite"
    build(path, force=False, progress=None)
    return path


@pytest.fixture(scope="session")
def gazetteer(gazetteer_path: Path):
    from geomap.gazetteer.store import SqliteGazetteer

    return SqliteGazetteer(gazetteer_path)


@pytest.fixture(scope="session")
def geoparser(gazetteer):
    from geomap.geoparse.parser import Geoparser

    return Geoparser(gazetteer, offline=True)


@pytest.fixture
def isolated_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private cache directory and no GEOMAP_* settings leaking in from the environment."""
    for name in list(os.environ):
        if name.startswith("GEOMAP_") and name != "GEOMAP_TEST_DB":
            monkeypatch.delenv(name)
    cache = tmp_path / "cache"
    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(cache))
    return cache


@pytest.fixture
def private_db(gazetteer_path: Path, tmp_path: Path, isolated_cache: Path) -> Iterator[Path]:
    """A writable copy of the session database (for overlays, imports, the online cache)."""
    target = tmp_path / "private" / "gazetteer.sqlite"
    target.parent.mkdir()
    shutil.copy(gazetteer_path, target)
    yield target
    shutil.rmtree(target.parent, ignore_errors=True)
