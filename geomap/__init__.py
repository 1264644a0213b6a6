"""geomap: turn news text into event maps, offline."""

from __future__ import annotations

__version__ = "0.1.0"
