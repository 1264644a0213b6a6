"""The self-contained map in a real headless chromium with no network."""

from __future__ import annotations

from pathlib import Path

from map_samples import INJECTION, event, sample_events

from geomap.render.html_map import TYPE_STYLES, render_map


def _open(page, tmp_path: Path, html: str, name: str = "map.html") -> None:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    page.goto(path.as_uri())
    page.wait_for_selector(".gm-legend")


def test_markers_popup_legend_and_no_script_injection(
    offline_page, web_assets: Path, tmp_path: Path, artifacts: Path
) -> None:
    page = offline_page
    html = render_map(
        sample_events(), title=f"Iraq {INJECTION}", self_contained=True, assets=web_assets
    )
    _open(page, tmp_path, html)
    page.wait_for_selector(".gm-marker, .marker-cluster")
    # No script or stylesheet was fetched: everything the page needs is inside it.
    assert [r for r in page.requests_out if r[0] in {"script", "stylesheet"}] == []
    assert page.errors == []
    assert page.evaluate("typeof L.markerClusterGroup") == "function"

    legend = page.locator(".gm-legend")
    for name in ("Battles (1)", "Explosions/Remote violence (2)", "Protests (1)"):
        assert name in legend.inner_text()
    assert INJECTION in legend.inner_text()  # the title, shown as text

    # The protest's popup carries the injected markup: it must show as text and not run.
    # Zoom to the protest so that it stands alone, not in a cluster.
    page.evaluate("Object.values(window).find(v => v && v.geomap).setView([33.3342, 44.4091], 12)")
    protest = page.locator(".gm-marker .gm-circle").first
    protest.wait_for()
    protest.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert "Protesters at Tahrir Square shouted" in text
    assert INJECTION in text
    assert popup.locator("mark").first.inner_text() == "Tahrir Square"
    assert popup.locator("script, img").count() == 0
    assert page.evaluate("window.__pwned") is None
    page.screenshot(path=str(artifacts / "map-popup.png"))


def test_every_type_has_its_own_layer(offline_page, web_assets: Path, tmp_path: Path) -> None:
    page = offline_page
    _open(page, tmp_path, render_map(sample_events(), self_contained=True, assets=web_assets))
    labels = page.locator(".leaflet-control-layers-overlays label")
    names = [labels.nth(i).inner_text().strip() for i in range(labels.count())]
    assert any(n.startswith("Battles") for n in names)
    assert any(n.startswith("Origin → target") for n in names)
    shown = page.locator("[id$='-shown']")
    assert shown.inner_text() == "4 of 4 events shown"
    labels.filter(has_text="Battles").locator("input").uncheck()
    assert shown.inner_text() == "3 of 4 events shown"


def test_timeline_filters_by_date(offline_page, web_assets: Path, tmp_path: Path) -> None:
    page = offline_page
    _open(page, tmp_path, render_map(sample_events(), self_contained=True, assets=web_assets))
    slider = page.locator(".gm-timeline input")
    slider.fill("0")  # only the first date: 2019-12-27
    page.wait_for_function(
        "document.querySelector(\"[id$='-shown']\").textContent.startsWith('1 of 4')"
    )


def test_no_events_map(offline_page, web_assets: Path, tmp_path: Path, artifacts: Path) -> None:
    page = offline_page
    _open(page, tmp_path, render_map([], self_contained=True, assets=web_assets, tiles=False))
    assert "No events" in page.locator(".gm-legend").inner_text()
    # With no tiles the base map is the country outlines.
    assert page.locator(".leaflet-gm-outlines-pane path").count() > 100
    page.screenshot(path=str(artifacts / "map-empty.png"))


def test_thousands_of_events_cluster(offline_page, web_assets: Path, tmp_path: Path) -> None:
    page = offline_page
    types = list(TYPE_STYLES)
    events = [
        event(types[i % 6], f"P{i}", 30 + (i % 100) / 10, 40 + (i // 100) / 5, None, i % 5)
        for i in range(5000)
    ]
    _open(page, tmp_path, render_map(events, self_contained=True, assets=web_assets))
    page.wait_for_selector(".marker-cluster")
    assert page.locator(".gm-marker").count() < 500  # clustered, not 5,000 icons in the DOM
    assert page.errors == []
