"""names"""

from __future__ import annotations

import contextlib
import marshal
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class NameInfo:
    """What the gazetteer knows about one folded name, for judging a hit."""

    prior: float  # best place prior among the places of this name
    major: bool  # a country, continent, sea or large area, or a city of 1M+
    demonym: bool  # a people's name ("iraqi"), whatever else it may be
    abbreviation: bool  # an abbreviation the gazetteer knows ("us", "uae")
    zipf: float  # frequency of the name as an English word (0: not a word)
    facility: bool  # only a facility's name or its place part

    def pack(self) -> int:
        """One int per name keeps the cached table small and quick to load."""
        return (
            round(self.prior * 255)
            | self.major << 8
            | self.demonym << 9
            | self.abbreviation << 10
            | self.facility << 11
            | round(self.zipf * 100) << 12
        )

    @classmethod
    def unpack(cls, packed: int) -> NameInfo:
        return cls(
            (packed & 255) / 255,
            bool(packed >> 8 & 1),
            bool(packed >> 9 & 1),
            bool(packed >> 10 & 1),
            (packed >> 12) / 100,
            bool(packed >> 11 & 1),
        )


def _english_frequencies() -> dict[str, float]:
    """Word frequencies of English (wordfreq), to tell common words from place names."""
    try:
        import wordfreq
    except ImportError:  # the recogniser still works, without the common-word rule
        return {}
    return wordfreq.get_frequency_dict("en", wordlist="large")


def _load_cached(path: Path, stamp: str) -> dict[str, int] | None:
    try:
        with path.open("rb") as handle:
            if handle.readline().decode().strip() != stamp:
                return None
            table = marshal.load(handle)
    except (OSError, EOFError, ValueError, TypeError, UnicodeDecodeError):
        return None
    return table if isinstance(table, dict) else None


def _save_cached(path: Path, stamp: str, table: dict[str, int]) -> None:
    """Write the table atomically; a read-only cache directory only costs speed."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("wb") as handle:
            handle.write(stamp.encode() + b"\n")
            marshal.dump(table, handle)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()
