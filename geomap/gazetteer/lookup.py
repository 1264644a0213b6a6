"""Local lookup with the online fallback: the one call that answers "where is NAME?"."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from geomap import settings
from geomap.gazetteer.store import Gazetteer, SqliteGazetteer
from geomap.model import Candidate

if TYPE_CHECKING:
    from geomap.gazetteer.online import OnlineLookup

__all__ = ["ACCEPT_SCORE", "default_online_geocoder", "geocode"]

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
    online: OnlineLookup | None = None,
) -> list[Candidate]:
    """Ranked candidates for ``name``: the local gazetteer first, then an online geocoder.

    The online geocoder (``online``, any :class:`geomap.gazetteer.online.OnlineLookup`; one is
    made from the settings when not given) is asked only when no local candidate scores at
    least :data:`ACCEPT_SCORE`. Its answers, "not found" included, are cached in the gazetteer
    database, so a name is asked once. Offline (``offline``, else ``GEOMAP_OFFLINE``), nothing
    is sent, but the answers cached earlier are still read: ``online`` is then not used.

    Examples
    --------
    >>> [c.country_code for c in geocode(gaz, "Abu Kamal", offline=True)][:1]  # doctest: +SKIP
    ['SY']
    """
    if offline is None:
        offline = settings.offline_by_default()
    local = gazetteer.lookup(name, country=country, kind=kind, near=near, limit=limit)
    if local and local[0].score >= ACCEPT_SCORE:
        return local
    if offline:
        online = default_online_geocoder(gazetteer, offline=True)
    elif online is None:
        online = default_online_geocoder(gazetteer)
    remote = online.lookup(name, country=country, limit=limit)
    if kind:
        remote = [c for c in remote if c.kind == kind]
    merged = {c.id: c for c in [*local, *remote]}
    return sorted(merged.values(), key=lambda c: -c.score)[:limit]


def default_online_geocoder(gazetteer: Gazetteer, *, offline: bool = False) -> OnlineLookup:
    """The fallback the settings describe, caching into the gazetteer's own database.

    With ``offline``, a :class:`~geomap.gazetteer.online.CachedLookup` that reads the answers
    cached there and never sends a request (nor writes to the database).
    """
    from geomap.gazetteer.online import CachedLookup, OnlineCache

    path = gazetteer.path if isinstance(gazetteer, SqliteGazetteer) else None
    if offline:
        cache = OnlineCache(path or ":memory:", read_only=True)
        return CachedLookup(cache, settings.geocoder_name(), settings.geocoder_url())
    from geomap.gazetteer.online import OnlineGeocoder

    return OnlineGeocoder(
        settings.geocoder_name(),
        settings.geocoder_url(),
        timeout=settings.geocoder_timeout(),
        cache=OnlineCache(path) if path else None,
    )
