"""Map benchmarks: render time and file size for 1,000 / 10,000 / 100,000 synthetic events, and
time to first paint and to visible clusters in headless chromium.

Run: python benchmarks/map_bench.py [--sizes 1000 10000 100000] [--repeats 3] [--no-browser]
Prints a Markdown section for docs/BENCHMARKS.md. Medians of repeated runs, because these
machines are shared and noisy. Maps are as ``geomap map`` writes them: Leaflet inlined, the
offline base map with its labels (from the gazetteer, when one is built) and the feed; the
browser has no network.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from geomap.render.browser import CHROMIUM_ARGS, chromium_path
from geomap.render.html_map import TYPE_STYLES, render_map

CHROMIUM = chromium_path()
CHROMIUM_ARGS = list(CHROMIUM_ARGS)


def synthetic_events(count: int, seed: int = 7) -> list[dict[str, Any]]:
    """Events spread over the Middle East and Africa, each with a sentence, like real output."""
    rng = random.Random(seed)
    types = list(TYPE_STYLES)
    events = []
    for i in range(count):
        lat, lon = rng.uniform(-10, 40), rng.uniform(-15, 60)
        name = f"Place {i}"
        sentence = f"Fighting was reported in {name} on Tuesday, officials said."
        events.append(
            {
                "event_type": rng.choice(types),
                "sub_event_type": "Armed clash",
                "date": f"2020-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "date_precision": "day",
                "place": {
                    "name": name,
                    "lat": lat,
                    "lon": lon,
                    "country_code": "XX",
                    "kind": "city",
                    "id": f"bench:{i}",
                },
                "geo_precision": 1,
                "where": name,
                "actor1": "Armed group",
                "actor2": "Military forces",
                "fatalities": rng.choice([0, 0, 1, 2, 5, 12]),
                "injuries": None,
                "origin": None,
                "sentences": [{"text": sentence, "start": 0, "end": len(sentence)}],
                "document": f"doc-{i // 10}",
                "notes": "",
                "confidence": 0.8,
            }
        )
    return events


def _render(events: list[dict[str, Any]], repeats: int) -> tuple[float, str]:
    times, page = [], ""
    for _ in range(repeats):
        started = time.perf_counter()
        page = render_map(events)
        times.append(time.perf_counter() - started)
    return statistics.median(times), page


def _paint(path: Path, repeats: int) -> tuple[float, float, float]:
    """Medians (first paint, clusters visible, a search applied) in seconds, offline chromium.

    The search ("place 1", matching about a tenth of the events) times a filter's round trip:
    markers, legend counts and the feed redrawn.
    """
    from playwright.sync_api import sync_playwright

    first, clusters, searches = [], [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(repeats):
            context = browser.new_context(offline=True, viewport={"width": 1200, "height": 800})
            page = context.new_page()
            started = time.perf_counter()
            page.goto(path.as_uri(), wait_until="commit", timeout=300_000)
            page.wait_for_selector(".marker-cluster, .gm-marker", timeout=300_000)
            page.wait_for_selector(".gm-feed-item", timeout=300_000)
            clusters.append(time.perf_counter() - started)
            paint = page.evaluate(
                "performance.getEntriesByType('paint').map(e => [e.name, e.startTime])"
            )
            first.append(dict(paint).get("first-contentful-paint", float("nan")) / 1000)
            before = page.locator(".gm-feed-count").text_content()
            started = time.perf_counter()
            page.locator(".gm-search").fill("place 1")
            page.wait_for_function(
                f"document.querySelector('.gm-feed-count').textContent !== {before!r}",
                timeout=300_000,
            )
            searches.append(time.perf_counter() - started)
            context.close()
        browser.close()
    return statistics.median(first), statistics.median(clusters), statistics.median(searches)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    browser = not args.no_browser and Path(CHROMIUM).is_file()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            seconds, page = _render(synthetic_events(size), args.repeats)
            path = Path(tmp) / f"map-{size}.html"
            path.write_text(page, encoding="utf-8")
            paint = _paint(path, args.repeats) if browser else (float("nan"),) * 3
            rows.append((size, seconds, path.stat().st_size, *paint))
    print("## Maps\n")
    print(
        f"`python benchmarks/map_bench.py --repeats {args.repeats}` on {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}: synthetic events with one "
        "source sentence each, the page `geomap map` writes (Leaflet inlined, offline labelled "
        "base map, feed), medians of "
        f"{args.repeats} runs. Paint times are from navigation in headless chromium, offline: "
        "first contentful paint, and the first cluster or marker and feed entry in the DOM.\n"
    )
    print(
        "| events | render (s) | HTML size (MB) | bytes / event | first paint (s) | "
        "markers and feed (s) | a search applied (s) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for size, seconds, nbytes, first, clusters, search in rows:
        print(
            f"| {size:,} | {seconds:.2f} | {nbytes / 1e6:.1f} | {nbytes / size:,.0f} | "
            f"{first:.2f} | {clusters:.2f} | {search:.2f} |"
        )


if __name__ == "__main__":
    main()
