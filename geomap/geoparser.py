"""Old import path of :class:`geomap.geoparse.Geoparser`, kept while other branches merge."""

from geomap.geoparse.parser import Geoparser, ParseResult

__all__ = ["Geoparser", "ParseResult"]
