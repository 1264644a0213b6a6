"""Browser fixtures: Debian's headless chromium driven by playwright, with no network.

Never runs ``playwright install``: the browser is the system's ``/usr/bin/chromium`` (or
``$GEOMAP_CHROMIUM``), installed by ``.ci/run``. The tests skip, saying why, only when it is
absent. Leaflet is inlined into every map from installed Python packages.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from geomap.render.browser import CHROMIUM_ARGS, chromium_path

CHROMIUM = chromium_path()
CHROMIUM_ARGS = list(CHROMIUM_ARGS)
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"no chromium at {CHROMIUM}: apt-get install chromium (as .ci/run does)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def offline_page(browser) -> Iterator[object]:
    """A page with no network: every request other than file:// is refused and recorded."""
    context = browser.new_context(offline=True, viewport={"width": 1200, "height": 800})
    page = context.new_page()
    page.requests_out = []  # type: ignore[attr-defined]
    page.errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda error: page.errors.append(str(error)))

    def refuse(route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            page.requests_out.append((route.request.resource_type, route.request.url))
            route.abort()

    page.route("**/*", refuse)
    yield page
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
