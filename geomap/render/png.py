"""A PNG of the static map: the SVG drawn by headless chromium, pixel for pixel.

The PNG is the SVG of :func:`geomap.render.static.render_svg` (same labels, legend and title),
rasterised by the system's chromium (``chromium --headless --screenshot``): no Python
rasteriser needs native libraries, and the browser is the one the map tests already use.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

from geomap.errors import InputError
from geomap.render.browser import CHROMIUM_ARGS, chromium_path

__all__ = ["svg_to_png"]

_SIZE = re.compile(r'<svg[^>]*\bwidth="(\d+)"[^>]*\bheight="(\d+)"')
_TIMEOUT_SECONDS = 120


def svg_to_png(svg: str, target: str | Path) -> None:
    """Write ``svg`` as a PNG at ``target`` (its own width × height in pixels).

    Raises
    ------
    InputError
        When chromium is missing or fails; the message names the fix.
    """
    chromium = chromium_path()
    if not Path(chromium).is_file():
        raise InputError(
            f"PNG output needs chromium (not found at {chromium}): apt-get install chromium, "
            "or set GEOMAP_CHROMIUM; --svg PATH writes the same map as SVG"
        )
    size = _SIZE.search(svg)
    width, height = (int(size.group(1)), int(size.group(2))) if size else (1000, 700)
    target = Path(target).resolve()
    with tempfile.TemporaryDirectory(prefix="geomap-png-") as folder:
        page = Path(folder) / "map.html"
        # An HTML page holding the SVG: no margin, so the screenshot is the SVG alone.
        page.write_text(
            '<!doctype html><meta charset="utf-8"><style>html,body{margin:0;overflow:hidden}'
            f"</style>{svg}",
            encoding="utf-8",
        )
        shot = Path(folder) / "map.png"
        command = [
            chromium,
            *CHROMIUM_ARGS,
            "--hide-scrollbars",
            f"--user-data-dir={Path(folder) / 'profile'}",
            f"--window-size={width},{height}",
            f"--screenshot={shot}",
            page.as_uri(),
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=_TIMEOUT_SECONDS, check=False
            )
        except subprocess.TimeoutExpired as exc:
            raise InputError(f"chromium took over {_TIMEOUT_SECONDS} s to draw the PNG") from exc
        if not shot.is_file():
            last = (done.stderr.strip().splitlines() or ["no output"])[-1]
            raise InputError(f"chromium could not draw the PNG: {last}")
        target.write_bytes(shot.read_bytes())
