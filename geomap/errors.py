"""One exception hierarchy for geomap.

Every error a user can cause derives from :class:`GeomapError`; the CLI turns any of them
into a one-line message and a non-zero exit code.
"""

from __future__ import annotations

__all__ = [
    "GazetteerCorruptError",
    "GazetteerError",
    "GazetteerMissingError",
    "GeocoderServiceError",
    "GeomapError",
    "InputError",
    "NotAGazetteerError",
    "OutputError",
    "OverlayError",
]


class GeomapError(Exception):
    """Base class of every error geomap raises on purpose."""


class InputError(GeomapError):
    """An input file, option or value the user gave cannot be used."""


class OutputError(GeomapError):
    """An output file cannot be written (no space, no permission), or would overwrite an input."""


class GazetteerError(GeomapError):
    """The local gazetteer database cannot be built, opened or queried."""


class GazetteerMissingError(GazetteerError):
    """The gazetteer database does not exist yet."""


class GazetteerCorruptError(GazetteerError):
    """The gazetteer database exists but is not a usable geomap database."""


class NotAGazetteerError(GazetteerError):
    """The database path holds a file geomap did not make; it is left alone."""


class OverlayError(GazetteerError):
    """A user overlay or GeoNames dump file cannot be read at all."""


class GeocoderServiceError(GeomapError):
    """An online geocoder failed (refused, timed out, throttled or answered nonsense)."""
