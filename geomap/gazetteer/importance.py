"""How likely a place is to be the one a news text means, before reading the text.

The prior is computed once per place when the gazetteer is built and stored with it.

Examples
--------
>>> place_prior("city", 8_000_000) > place_prior("city", 2_000) > place_prior("place", 0)
True
>>> place_prior("city", 690_000, capital=True) > place_prior("region", 7_700_000)
True
"""

from __future__ import annotations

import math

__all__ = ["place_prior", "population_prior"]

_KIND_PRIOR = {
    "country": 0.95,
    "continent": 0.9,
    "sea": 0.8,
    "area": 0.78,
    "military": 0.45,
    "airport": 0.45,
    "place": 0.3,
}
#: National capitals stand for their governments ("Washington said"): as likely as a country.
CAPITAL_PRIOR = 0.97


def population_prior(population: int) -> float:
    """0.05 for an empty place up to 0.9 for ten million people.

    Steeper than logarithmic: a town of 4,000 rarely outranks a state or a large city.
    """
    return 0.05 + 0.85 * min(1.0, math.log10(max(population, 0) + 1) / 7.0) ** 1.5


def place_prior(kind: str, population: int, *, capital: bool = False) -> float:
    """Prior of a place of this kind and population (0..1).

    Subdivisions are judged by the people living in them: a US state outranks a town of its
    name, a parish of 80,000 does not outrank a city of 650,000.
    """
    if capital:
        return CAPITAL_PRIOR
    if kind == "city":
        return population_prior(population)
    if kind == "region":
        return min(0.93, population_prior(population) + 0.08)
    if kind == "district":
        return max(0.05, population_prior(population) - 0.05)
    return _KIND_PRIOR.get(kind, 0.3)
