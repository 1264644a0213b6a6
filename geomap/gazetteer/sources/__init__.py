"""The gazetteer's data sources: one module per dataset, each yielding :class:`PlaceRecord`.

A source reads data that pip installed (or a file the user gave) and knows nothing of SQLite;
:mod:`geomap.gazetteer.build` writes what the sources yield into the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["NameType", "PlaceRecord"]

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
