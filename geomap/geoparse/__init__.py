"""Text → places: the geoparser, as a pipeline of rules held as data.

The modules are the stages, in the order they run (see CONTRIBUTING.md): ``lexicon`` and
``weights`` (the data the rules read), ``fold`` and ``names`` (the name table), ``cues`` (what
the text says around a name), ``recognize`` (``RULES``), ``people`` and ``features``,
``candidates``, ``evidence``, ``score``, ``checks`` (``CHECKS``), ``unknown``, ``explain``
(``Reason`` → text), and ``resolve`` and ``parser``, which wire them.
"""

from geomap.geoparse.checks import CHECKS
from geomap.geoparse.parser import Geoparser, ParseResult
from geomap.geoparse.recognize import Recognizer
from geomap.geoparse.resolve import OnlineLookup, resolve_mentions
from geomap.geoparse.rules import RULES
from geomap.geoparse.weights import WEIGHTS, Weights
from geomap.model import Reason

__all__ = [
    "CHECKS",
    "RULES",
    "WEIGHTS",
    "Geoparser",
    "OnlineLookup",
    "ParseResult",
    "Reason",
    "Recognizer",
    "Weights",
    "resolve_mentions",
]
