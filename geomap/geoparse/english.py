"""How often English writes a word: its Zipf (log10 of its uses per billion words), as wordfreq
counts it, to tell everyday words from the names of places.

Importing wordfreq and loading its list costs a parse 0.4 s, so the Zipf of every word of the
list is stored when the name table is built, in the same file (:mod:`~geomap.geoparse.names`),
and a parse reads a word at a time (:class:`EnglishWords`). wordfreq splits what it is asked
into tokens by Unicode's rules first; ASCII lower-case letters, with single dots between them
("u.s", "a.m"), are one token whatever those rules, so those are the words stored, and any
other word ("o'brien", "café") is still asked of wordfreq itself.
"""

from __future__ import annotations

import math
import re
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

from geomap.gazetteer.marker import read_only_uri

__all__ = ["STORED_WORD", "EnglishWords", "english_frequencies", "english_zipfs", "wordfreq_zipf"]

#: The words whose Zipf is stored: one wordfreq token each, unchanged by its tokenizer.
STORED_WORD = re.compile(r"[a-z]+(?:\.[a-z]+)*")

# A stream of documents asks for more and more words: those remembered are dropped at this many.
_MAX_REMEMBERED = 100_000


def english_frequencies() -> dict[str, float]:
    """Word frequencies of English (wordfreq), to tell common words from place names."""
    try:
        import wordfreq
    except ImportError:  # the recogniser still works, without the common-word rule
        return {}
    return wordfreq.get_frequency_dict("en", wordlist="large")


def english_zipfs(frequencies: dict[str, float]) -> Iterator[tuple[str, float]]:
    """``(word, Zipf)`` for every word of ``frequencies`` (:func:`english_frequencies`) of the
    stored form, the Zipf as :func:`wordfreq.zipf_frequency` gives it: the frequency to three
    significant digits, on the Zipf scale to two decimals."""
    # wordfreq keeps its frequencies in centibels: a few hundred values for 300,000 words.
    zipf_of: dict[float, float] = {}
    for word, frequency in frequencies.items():
        if frequency > 0 and STORED_WORD.fullmatch(word):
            zipf = zipf_of.get(frequency)
            if zipf is None:
                rounded = round(frequency, math.floor(-math.log(frequency, 10)) + 3)
                zipf = zipf_of[frequency] = round(math.log(rounded, 10) + 9, 2)
            yield word, zipf


def wordfreq_zipf(word: str) -> float:
    """The Zipf of ``word`` (any text) from wordfreq itself."""
    from wordfreq import zipf_frequency  # slow to import: only words not stored ask it

    return zipf_frequency(word, "en")


class EnglishWords:
    """Word → its Zipf in English (0: not a word), read from the ``words`` table of the SQLite
    file at ``path`` a word at a time and remembered; without a file, from wordfreq. It
    pickles as its path (a worker opens its own connection)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._connection: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self._known: dict[str, float] = {}

    def __getstate__(self) -> dict[str, Path | None]:
        return {"path": self.path}

    def __setstate__(self, state: dict[str, Path | None]) -> None:
        self.__init__(state["path"])  # type: ignore[misc]

    def zipf(self, word: str) -> float:
        """The Zipf of ``word``, as :func:`wordfreq.zipf_frequency` gives it in English."""
        known = self._known.get(word)
        if known is not None:
            return known
        if self.path is None or not STORED_WORD.fullmatch(word):
            zipf = wordfreq_zipf(word)
        else:
            with self._lock:
                if self._connection is None:
                    self._connection = sqlite3.connect(
                        read_only_uri(self.path), uri=True, check_same_thread=False
                    )
                row = self._connection.execute(
                    "SELECT zipf FROM words WHERE word = ?", (word,)
                ).fetchone()
            zipf = 0.0 if row is None else float(row[0])
        if len(self._known) >= _MAX_REMEMBERED:
            self._known.clear()
        self._known[word] = zipf
        return zipf
