"""One place for geomap's paths, defaults and environment variables.

Environment variables
---------------------
GEOMAP_DB
    Path of the gazetteer database (default: ``<user cache dir>/gazetteer.sqlite``).
GEOMAP_CACHE_DIR
    Directory for the gazetteer and other caches (default: the platform's user cache dir).
GEOMAP_OUTPUT_DIR
    Where the CLI writes generated files by default (default: ``./output``).
GEOMAP_GEOCODER
    geopy service name of the online fallback (default: ``nominatim``).
GEOMAP_GEOCODER_URL
    Base URL of that service, e.g. ``http://127.0.0.1:8080`` for a self-hosted Nominatim.
GEOMAP_USER_AGENT
    User-Agent sent to online services (Nominatim's policy requires a real one).
GEOMAP_GEOCODER_TIMEOUT
    Seconds one online request may take in all, from connecting to the last byte (default 10).
GEOMAP_OFFLINE
    ``1`` disables every network call, as ``--offline`` does.
GEOMAP_EVENT_MODEL
    A learned event model (``geomap events train``) that codes parsed events, as
    ``--event-model`` does.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

from platformdirs import user_cache_dir

from geomap.errors import InputError

__all__ = [
    "DEFAULT_GEOCODER",
    "DEFAULT_USER_AGENT",
    "ONLINE_MIN_DELAY_SECONDS",
    "ONLINE_TIMEOUT_SECONDS",
    "cache_dir",
    "database_path",
    "event_model_path",
    "geocoder_name",
    "geocoder_timeout",
    "geocoder_url",
    "offline_by_default",
    "output_dir",
    "user_agent",
]

DEFAULT_GEOCODER = "nominatim"
DEFAULT_USER_AGENT = "geomap/0.1 (+https://pypi.org/project/geomap/)"
# Nominatim's usage policy: at most one request per second, and give up rather than hang.
ONLINE_MIN_DELAY_SECONDS = 1.0
ONLINE_TIMEOUT_SECONDS = 10.0


def cache_dir() -> Path:
    """Directory holding the gazetteer database and other caches."""
    return Path(os.environ.get("GEOMAP_CACHE_DIR") or user_cache_dir("geomap"))


def database_path(override: str | os.PathLike[str] | None = None) -> Path:
    """Path of the gazetteer database: the option, else ``GEOMAP_DB``, else the cache dir."""
    if override:
        return Path(override)
    env = os.environ.get("GEOMAP_DB")
    if env:
        return Path(env)
    return cache_dir() / "gazetteer.sqlite"


def output_dir() -> Path:
    """Default destination of generated files."""
    return Path(os.environ.get("GEOMAP_OUTPUT_DIR") or "output")


def geocoder_name() -> str:
    return os.environ.get("GEOMAP_GEOCODER") or DEFAULT_GEOCODER


def geocoder_url() -> str | None:
    return os.environ.get("GEOMAP_GEOCODER_URL") or None


def geocoder_timeout() -> float:
    """Deadline of one online request in seconds: ``GEOMAP_GEOCODER_TIMEOUT`` or the default."""
    text = os.environ.get("GEOMAP_GEOCODER_TIMEOUT", "").strip()
    if not text:
        return ONLINE_TIMEOUT_SECONDS
    try:
        seconds = float(text)
    except ValueError:
        seconds = math.nan
    if not (math.isfinite(seconds) and seconds > 0):
        raise InputError(f"GEOMAP_GEOCODER_TIMEOUT must be a positive number of seconds: {text!r}")
    return seconds


def user_agent() -> str:
    return os.environ.get("GEOMAP_USER_AGENT") or DEFAULT_USER_AGENT


def event_model_path() -> Path | None:
    """The event model ``GEOMAP_EVENT_MODEL`` names, if any."""
    env = os.environ.get("GEOMAP_EVENT_MODEL", "").strip()
    return Path(env) if env else None


def offline_by_default() -> bool:
    return os.environ.get("GEOMAP_OFFLINE", "").strip().lower() in {"1", "true", "yes"}
