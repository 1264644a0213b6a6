"""The local gazetteer: building it, querying it, and the cached online fallback.

Public surface: :func:`open_gazetteer`, the :class:`Gazetteer` interface and its SQLite
implementation, :func:`geocode` (local lookup with the online fallback), and :func:`build`.
"""

from __future__ import annotations

from geomap.gazetteer.build import build
from geomap.gazetteer.lookup import ACCEPT_SCORE, geocode
from geomap.gazetteer.store import Gazetteer, SqliteGazetteer, open_gazetteer

__all__ = ["ACCEPT_SCORE", "Gazetteer", "SqliteGazetteer", "build", "geocode", "open_gazetteer"]
