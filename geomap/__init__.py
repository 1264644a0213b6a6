"""geomap: turn news text into event maps, offline.

The public API: :func:`parse`, :func:`geocode`, :func:`geocode_frame`, :func:`render_map` and
:func:`to_geojson` (see :mod:`geomap.api`). They are loaded on first use, so that
``import geomap`` and the command line start fast.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["geocode", "geocode_frame", "parse", "render_map", "to_geojson"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from geomap import api

        return getattr(api, name)
    raise AttributeError(f"module 'geomap' has no attribute {name!r}")
