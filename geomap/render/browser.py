"""How geomap starts a headless chromium (browser tests, screenshots, paint benchmarks).

The system's chromium (Debian's ``chromium`` package, or ``$GEOMAP_CHROMIUM``) is driven by
playwright with ``executable_path``; no browser is ever downloaded. The flags keep it off the
network it would otherwise call home to.
"""

from __future__ import annotations

import os
import shutil

__all__ = ["CHROMIUM_ARGS", "chromium_path"]

CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def chromium_path() -> str:
    """``$GEOMAP_CHROMIUM``, else ``chromium`` on the PATH, else Debian's location."""
    return os.environ.get("GEOMAP_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
