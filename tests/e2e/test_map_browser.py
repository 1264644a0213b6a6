"""Every map in a real headless chromium with no network: base map, feed, filters, popups."""

from __future__ import annotations

from pathlib import Path

from map_samples import INJECTION, event, sample_events

from geomap.render.html_map import TYPE_STYLES, render_map

_MAP = "Object.values(window).find(v => v && v.geomap)"


def _open(page, tmp_path: Path, html: str, name: str = "map.html") -> None:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    page.goto(path.as_uri())
    page.wait_for_selector(".gm-legend")
    page.wait_for_selector(".gm-feed-count")


def _shown(page) -> str:
    return page.locator(".gm-feed-count").inner_text()


def test_offline_map_is_drawn_from_the_page_alone(
    offline_page, tmp_path: Path, artifacts: Path, gazetteer_path: Path
) -> None:
    page = offline_page
    _open(page, tmp_path, render_map(sample_events(), title="Iraq", db_path=gazetteer_path))
    page.wait_for_selector(".gm-marker, .marker-cluster")
    # No script, stylesheet or image was fetched: everything the page needs is inside it.
    assert page.requests_out == []
    assert page.errors == []
    assert page.locator(".leaflet-gm-outlines-pane path").count() > 100

    # World zoom: country names; city zoom: town names and the event place's own label.
    page.evaluate(f"{_MAP}.setView([20, 10], 2, {{animate: false}})")
    countries = {name.upper() for name in page.locator(".gm-lbl-0").all_text_contents()}
    assert {"RUSSIA", "CHINA", "BRAZIL", "INDIA"} <= countries, countries
    page.evaluate(f"{_MAP}.setView([33, 42], 5, {{animate: false}})")
    countries = {name.upper() for name in page.locator(".gm-lbl-0").all_text_contents()}
    assert {"IRAQ", "SYRIA", "JORDAN"} <= countries, countries
    page.evaluate(f"{_MAP}.setView([33.4, 44.35], 10, {{animate: false}})")
    names = set(page.locator(".gm-lbl").all_text_contents())
    assert "Baghdad" in names and "Taji" in names, names
    assert page.locator(".gm-lbl-3").count() >= 3  # towns around, not only the events
    page.screenshot(path=str(artifacts / "map-city-zoom.png"))


def test_feed_lists_the_markers_and_filters_act_on_both(offline_page, tmp_path: Path) -> None:
    page = offline_page
    _open(page, tmp_path, render_map(sample_events(), labels=[]))
    items = page.locator(".gm-feed-item")
    assert items.count() == 4 == page.evaluate(f"{_MAP}.geomap.visible().length")
    assert _shown(page) == "4 of 4 events shown"
    # Time order, newest first.
    dates = [items.nth(i).locator(".gm-feed-date").inner_text() for i in range(4)]
    assert dates == sorted(dates, reverse=True)

    # A type filter (the legend's checkbox) hides the marker and the feed entry together.
    page.locator(".gm-legend-row", has_text="Battles").locator("input").uncheck()
    assert _shown(page) == "3 of 4 events shown" and items.count() == 3
    assert "Kirkuk" not in page.locator(".gm-feed-list").inner_text()
    page.locator(".gm-legend-row", has_text="Battles").locator("input").check()

    # The timeline: only the first date (2019-12-27) left, in the feed and the markers.
    page.locator(".gm-timeline input").fill("0")
    page.wait_for_function(
        "document.querySelector('.gm-feed-count').textContent.startsWith('1 of 4')"
    )
    assert items.count() == 1 and page.evaluate(f"{_MAP}.geomap.visible().length") == 1
    legend = page.locator(".gm-legend").text_content()
    assert "Battles (1)" in legend and "Protests (0)" in legend  # counts follow the filters
    page.locator(".gm-timeline input").fill("3")

    # Search and the country filter.
    page.locator(".gm-search").fill("abu kamal")
    page.wait_for_function("document.querySelectorAll('.gm-feed-item').length === 1")
    page.locator(".gm-search").fill("")
    page.wait_for_function("document.querySelectorAll('.gm-feed-item').length === 4")
    assert page.locator(".gm-country option").all_inner_texts() == ["All countries", "Iraq"]


def test_clicking_a_feed_entry_opens_its_popup(offline_page, tmp_path: Path) -> None:
    page = offline_page
    _open(page, tmp_path, render_map(sample_events(), labels=[]))
    page.locator(".gm-feed-item", has_text="Kirkuk").click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert "Battles" in text and "Eighteen rockets hit the Kirkuk base" in text
    assert text.count("Eighteen rockets hit the Kirkuk base") == 1  # each sentence once
    assert popup.locator("mark").first.inner_text() == "Kirkuk"
    # Flown to the marker: it stands alone (not in a cluster) inside the view.
    assert page.evaluate(f"{_MAP}.getBounds().contains([35.4681, 44.3922])")
    assert page.locator(".gm-marker .gm-diamond").count() == 1


def test_injected_markup_never_runs(offline_page, tmp_path: Path, artifacts: Path) -> None:
    page = offline_page
    records = [
        *sample_events(),
        event(
            "Riots",
            f"Souk {INJECTION}",
            36.34,
            43.13,
            "2020-02-02",
            2,
            document=f"article {INJECTION}",
        ),
    ]
    places = [
        {
            "name": f"Hill {INJECTION}",
            "lat": 34.0,
            "lon": 42.0,
            "kind": "city",
            "mentions": [INJECTION],
            "document": INJECTION,
        }
    ]
    _open(page, tmp_path, render_map(records, places=places, title=f"Iraq {INJECTION}", labels=[]))
    page.wait_for_selector(".gm-marker, .marker-cluster")
    assert INJECTION in page.locator(".gm-legend").inner_text()  # the title, shown as text
    assert INJECTION in page.locator(".gm-feed").inner_text()  # place, document, sentence
    page.locator(".gm-feed-item", has_text="Tahrir Square").click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert INJECTION in popup.inner_text()
    assert popup.locator("mark").first.inner_text() == "Tahrir Square"
    page.locator(".leaflet-control-layers label", has_text="Places without events").locator(
        "input"
    ).check()
    page.wait_for_selector(".gm-lbl-5", state="attached")
    assert INJECTION in page.locator(".gm-lbl-5").text_content()
    assert page.locator(".gm-popup script, .gm-popup img, .gm-feed img, .gm-lbl img").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert page.errors == []
    page.screenshot(path=str(artifacts / "map-popup.png"))


def test_table_cells_never_run(offline_page, tmp_path: Path) -> None:
    from geomap.render.records import read_events

    table = tmp_path / "events.csv"
    table.write_text(
        "event_type,latitude,longitude,event_date,fatalities,notes,location\n"
        f'"Protests {INJECTION}",33.3,44.4,2021-05-01,0,"{INJECTION.replace(chr(34), chr(39))}",'
        f'"Square {INJECTION.replace(chr(34), chr(39))}"\n',
        encoding="utf-8",
    )
    events, problems = read_events(table)
    assert problems == []
    _open(page := offline_page, tmp_path, render_map(events, labels=[]))
    page.locator(".gm-feed-item").first.click()
    page.locator(".leaflet-popup-content").wait_for()
    assert "Protests <script>" in page.locator(".gm-legend").inner_text()
    assert page.evaluate("window.__pwned") is None and page.errors == []


def test_heat_map_is_on_and_weighted(offline_page, tmp_path: Path) -> None:
    page = offline_page
    _open(page, tmp_path, render_map(sample_events(), heatmap=True, labels=[]))
    assert page.locator("canvas.leaflet-heatmap-layer").count() == 1
    label = page.locator(".leaflet-control-layers label", has_text="Heat map")
    assert label.locator("input").is_checked()


def test_no_events_map_says_so(offline_page, tmp_path: Path, artifacts: Path) -> None:
    page = offline_page
    _open(page, tmp_path, render_map([], tiles=False))
    assert "No events" in page.locator(".gm-legend").inner_text()
    assert "No events" in page.locator(".gm-feed").inner_text()
    assert page.locator(".leaflet-gm-outlines-pane path").count() > 100
    page.screenshot(path=str(artifacts / "map-empty.png"))


def test_thousands_of_events_cluster(offline_page, tmp_path: Path) -> None:
    page = offline_page
    types = list(TYPE_STYLES)
    events = [
        event(types[i % 6], f"P{i}", 30 + (i % 100) / 10, 40 + (i // 100) / 5, None, i % 5)
        for i in range(5000)
    ]
    _open(page, tmp_path, render_map(events, labels=[]))
    page.wait_for_selector(".marker-cluster")
    assert page.locator(".gm-marker").count() < 500  # clustered, not 5,000 icons in the DOM
    assert page.locator(".gm-feed-item").count() == 200  # the feed draws a page at a time
    page.locator(".gm-more").click()
    assert page.locator(".gm-feed-item").count() == 400
    assert page.errors == []
