"""Text → places: the geoparser, as a pipeline of rules held as data."""

from geomap.geoparse.parser import Geoparser, ParseResult
from geomap.geoparse.recognize import Recognizer
from geomap.geoparse.resolve import resolve_mentions

__all__ = ["Geoparser", "ParseResult", "Recognizer", "resolve_mentions"]
