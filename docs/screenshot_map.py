"""Screenshot a geomap HTML map in headless chromium, offline, with one popup open.

Run: python docs/screenshot_map.py MAP.html OUT.png [--popup N] [--size 1200x800]

Used for the README's picture: make the map with ``geomap map ARTICLE``, then shoot it. The
browser has no network, so the picture shows the page's own offline base map.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

from geomap.render.browser import CHROMIUM_ARGS, chromium_path

CHROMIUM = chromium_path()
ARGS = list(CHROMIUM_ARGS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("map", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument(
        "--popup", type=int, default=0, help="click feed entry N, opening its popup (-1: none)"
    )
    parser.add_argument("--size", default="1200x800")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_context(
            offline=True, viewport={"width": width, "height": height}
        ).new_page()
        page.goto(args.map.resolve().as_uri())
        page.wait_for_selector(".gm-legend")
        page.wait_for_timeout(800)  # clustering and fitting animations
        entries = page.locator(".gm-feed-item")
        if args.popup >= 0 and entries.count() > args.popup:
            entries.nth(args.popup).click()
            page.wait_for_selector(".leaflet-popup-content")
            page.wait_for_timeout(400)
        page.screenshot(path=str(args.out))
        browser.close()
    print(args.out)


if __name__ == "__main__":
    main()
