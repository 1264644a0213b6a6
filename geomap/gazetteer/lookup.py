"""Local lookup with the online fallback: the one call that answers "where is NAME?"."""

from __future__ import annotations

import logging

from geomap import settings
from geomap.gazetteer.store import Gazetteer, SqliteGazetteer
from geomap.model import Candidate

__all__ = ["ACCEPT_SCORE", "geocode"]

logger = logging.getLogger("geomap.gazetteer")

#: Below this lookup score a local answer is not trusted and the online fallback is asked.
ACCEPT_SCORE = 0.6


def geocode(
    gazetteer: Gazetteer,
    name: str,
    *,
    country: str | None = None,
    kind: str | None = None,
    near: tuple[float, float] | None = None,
    limit: int = 10,
    offline: bool | None = None,
    online: object | None = None,
) -> list[Candidate]:
    """Ranked candidates for ``name``: the local gazetteer first, then an online geocoder.

    The online geocoder (``online``, an :class:`geomap.gazetteer.online.OnlineGeocoder`; one is
    made from the settings when not given) is asked only when no local candidate scores at
    least :data:`ACCEPT_SCORE` and ``offline`` is false. Its answers, "not found" included, are
    cached in the gazetteer database, so a name is asked once.

    Examples
    --------
    >>> [c.country_code for c in geocode(gaz, "Abu Kamal", offline=True)][:1]  # doctest: +SKIP
    ['SY']
    """
    if offline is None:
        offline = settings.offline_by_default()
    local = gazetteer.lookup(name, country=country, kind=kind, near=near, limit=limit)
    if offline or (local and local[0].score >= ACCEPT_SCORE):
        return local
    if online is None:
        online = default_online_geocoder(gazetteer)
    remote = online.lookup(name, country=country, limit=limit)  # type: ignore[attr-defined]
    if kind:
        remote = [c for c in remote if c.kind == kind]
    merged = {c.id: c for c in [*local, *remote]}
    return sorted(merged.values(), key=lambda c: -c.score)[:limit]


def default_online_geocoder(gazetteer: Gazetteer) -> object:
    """The fallback the settings describe, caching into the gazetteer's own database."""
    from geomap.gazetteer.online import OnlineCache, OnlineGeocoder

    cache = OnlineCache(gazetteer.path) if isinstance(gazetteer, SqliteGazetteer) else None
    return OnlineGeocoder(settings.geocoder_name(), settings.geocoder_url(), cache=cache)
