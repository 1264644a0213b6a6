"""The gazetteer's names as one hash table: folded name → what the rules need to know of it.

Every gazetteer name is folded (:func:`geomap.geoparse.fold.fold_text`) and packed with its
best prior, whether it is a major place, a people's name, an abbreviation or only a facility,
and its frequency as an English word. Names with an Arabic article between their words are
also keyed by their spelling skeleton (:func:`variant_key`), so that running text finds the
transliterations a lookup finds ("Maarat al-Numan"). The table is built once per gazetteer
version and stored beside the database as a small SQLite file (:class:`NameTable`), read a name
at a time: a parse starts at once instead of loading 730,000 names (0.5 s, and 4 s on a busy
machine). The same file holds the Zipf of English words (:mod:`~geomap.geoparse.english`).
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Protocol, runtime_checkable

from geomap.gazetteer.marker import read_only_uri
from geomap.gazetteer.names import loose
from geomap.geoparse.english import EnglishWords, english_frequencies, english_zipfs
from geomap.geoparse.fold import MAX_NAME_WORDS, name_key
from geomap.geoparse.lexicon import ARTICLE_WORDS, MAJOR_KINDS
from geomap.geoparse.weights import WEIGHTS

__all__ = [
    "CACHE_VERSION",
    "VARIANT",
    "GazetteerNames",
    "NameInfo",
    "NameSource",
    "NameTable",
    "SpellingIndex",
    "build_name_table",
    "load_name_table",
    "load_names",
    "variant_key",
]

#: Bump when the table's content or packing changes: caches of other versions are rebuilt.
CACHE_VERSION = 7


#: Marks a name's spelling skeleton in the table ("~mrtnmn"), beside its folded form.
VARIANT = "~"


def variant_key(folded: str) -> str:
    """The table key of a transliterated name's skeleton: "Maarat al-Numan" and "Ma'arrat an
    Nu'man" meet as ``~mrtnmn`` (:func:`geomap.gazetteer.names.loose`), as in a lookup."""
    return VARIANT + loose(folded)


def has_article(folded: str) -> bool:
    """Whether a folded name has an Arabic article between its words ("maarrat an numan")."""
    words = folded.split()
    return any(word in ARTICLE_WORDS for word in words[1:-1])


class NameSource(Protocol):
    """What the name table is built from: every name of a gazetteer."""

    def iter_names(self) -> Iterator[tuple[str, str, str, int, float]]: ...


@runtime_checkable
class _CachedNameSource(Protocol):
    """A gazetteer stored in a file, whose table can be cached beside it."""

    path: Path
    meta: dict[str, str]

    def iter_names(self) -> Iterator[tuple[str, str, str, int, float]]: ...


@dataclass(frozen=True, slots=True)
class NameInfo:
    """What the gazetteer knows about one folded name, for judging a hit."""

    prior: float  # best place prior among the places of this name
    major: bool  # a country, continent, sea or large area, or a city of 1M+
    demonym: bool  # a people's name ("iraqi"), whatever else it may be
    abbreviation: bool  # an abbreviation the gazetteer knows ("us", "uae")
    zipf: float  # frequency of the name as an English word (0: not a word)
    facility: bool  # only a facility's name or its place part
    postal: bool = False  # a postal code ("ok", "ne"): a state only after a town ("Tulsa, OK")

    def pack(self) -> int:
        """One int per name keeps the cached table small and quick to load."""
        return (
            round(self.prior * 255)
            | self.major << 8
            | self.demonym << 9
            | self.abbreviation << 10
            | self.facility << 11
            | self.postal << 12
            | round(self.zipf * 100) << 13
        )

    @classmethod
    def unpack(cls, packed: int) -> NameInfo:
        return cls(
            (packed & 255) / 255,
            bool(packed >> 8 & 1),
            bool(packed >> 9 & 1),
            bool(packed >> 10 & 1),
            (packed >> 13) / 100,
            bool(packed >> 11 & 1),
            bool(packed >> 12 & 1),
        )


# A document asks for a few hundred names; a stream of them for more and more new ones: the
# answers remembered are dropped when there are this many.
_MAX_REMEMBERED = 500_000
_PREFETCH_CHUNK = 500  # names per query: under SQLite's limit of bound parameters
_MAPPED_BYTES = 1 << 30  # of a read-only file, mapped rather than read (SQLite's own cap ~2 GB)


class _ReadOnlyFile:
    """An SQLite file read through one connection, opened when first asked; it pickles as its
    path (a worker opens its own)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._connection: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, Path]:
        return {"path": self.path}

    def __setstate__(self, state: dict[str, Path]) -> None:
        self.__init__(state["path"])  # type: ignore[misc]

    def _open(self) -> sqlite3.Connection:
        if self._connection is None:
            self._connection = sqlite3.connect(
                read_only_uri(self.path), uri=True, check_same_thread=False
            )
            # A document's names are a few hundred lookups spread over the file: its pages
            # mapped into memory are read without a system call each.
            self._connection.execute(f"PRAGMA mmap_size = {_MAPPED_BYTES}")
        return self._connection


class NameTable(_ReadOnlyFile, Mapping[str, int]):
    """Folded name → packed :class:`NameInfo`, read from the SQLite file at ``path`` a name at
    a time and remembered (a read-only mapping; it pickles as its path)."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self._known: dict[str, int | None] = {}

    def get(self, key: str, default: int | None = None) -> int | None:  # type: ignore[override]
        try:
            packed = self._known[key]
        except KeyError:
            packed = self._read(key)
        return default if packed is None else packed

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def prefetch(self, keys: Iterable[str]) -> Mapping[str, int | None]:
        """Read the names of ``keys`` not asked for before, in a few queries; the answers
        remembered, every one of ``keys`` among them (None: no such name)."""
        known = self._known
        wanted = list(set(keys).difference(known))
        if len(known) + len(wanted) >= _MAX_REMEMBERED:
            known.clear()
            wanted = list(set(keys))
        for chunk_start in range(0, len(wanted), _PREFETCH_CHUNK):
            chunk = wanted[chunk_start : chunk_start + _PREFETCH_CHUNK]
            marks = ",".join("?" * len(chunk))
            query = f"SELECT key, packed FROM names WHERE key IN ({marks})"
            try:
                with self._lock:
                    found = dict(self._open().execute(query, chunk).fetchall())
            except UnicodeEncodeError:  # a lone surrogate somewhere: one name at a time
                for key in chunk:
                    self._read(key)
                continue
            for key in chunk:
                packed = found.get(key)
                known[key] = None if packed is None else int(packed)
        return known

    def __getitem__(self, key: str) -> int:
        packed = self.get(key)
        if packed is None:
            raise KeyError(key)
        return packed

    def __iter__(self) -> Iterator[str]:
        with self._lock:
            rows = self._open().execute("SELECT key FROM names ORDER BY key").fetchall()
        return (key for (key,) in rows)

    def __len__(self) -> int:
        with self._lock:
            return int(self._open().execute("SELECT count(*) FROM names").fetchone()[0])

    def _read(self, key: str) -> int | None:
        try:
            with self._lock:
                row = self._open().execute("SELECT packed FROM names WHERE key = ?", (key,))
                found = row.fetchone()
        except UnicodeEncodeError:  # a lone surrogate: no stored name has one
            found = None
        if len(self._known) >= _MAX_REMEMBERED:
            self._known.clear()
        packed = self._known[key] = None if found is None else int(found[0])
        return packed


_VOWEL_RUN = re.compile(r"[aeiouy]+")
_CONSONANT = re.compile(r"[a-z0-9]")
_SAME_LETTERS = re.compile(r"(.)\1+")


def syllable_shape(folded: str) -> str:
    """Where a word's vowels and consonants fall, doubled letters as one: transliterations
    of a name vary their vowels ("Netrokona", "Netrakona") and double letters ("Peshawar",
    "Peshawwar") in the same places; a word that only shares its consonants ("Zalando",
    "Zealand"; "Beryllium", "Berlim") has another shape.

    >>> syllable_shape("netrokona") == syllable_shape("netrakona"), syllable_shape("zalando")
    (True, 'cVcVccV')
    """
    squeezed = _SAME_LETTERS.sub(r"\1", folded.replace(" ", ""))
    return _CONSONANT.sub("c", _VOWEL_RUN.sub("V", squeezed))


class SpellingIndex(_ReadOnlyFile):
    """Another spelling of a one-word name, as a lookup finds it: the gazetteer's names with
    the same consonant skeleton and a close spelling ("Netrokona" for Netrakona, "Peshawer" for
    Peshawar), read from the skeleton index of the gazetteer at ``path``."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self._known: dict[str, tuple[tuple[str, float], ...]] = {}

    def spellings(self, words: Iterable[str]) -> dict[str, tuple[tuple[str, float], ...]]:
        """Folded word → the folded gazetteer names spelt like it, each with the best prior of
        the places bearing it as their own name (none: an empty tuple)."""
        words = list(words)
        wanted = {word: loose(word) for word in words if word not in self._known}
        # A lookup tries no skeleton this short either: "tj" matches hundreds of names.
        skeletons = sorted({skeleton for skeleton in wanted.values() if len(skeleton) >= 4})
        by_skeleton: dict[str, list[tuple[str, str, float]]] = {}
        for chunk_start in range(0, len(skeletons), _PREFETCH_CHUNK):
            chunk = skeletons[chunk_start : chunk_start + _PREFETCH_CHUNK]
            marks = ",".join("?" * len(chunk))
            # Own names only: a spelling of another language's or an old name is two steps
            # from the place ("Christiano" ~ Christiania, an old name of Oslo).
            query = (
                f"SELECT n.loose, n.fold, n.key, max(p.prior) FROM names n "
                f"JOIN places p ON p.pid = n.pid "
                f"WHERE n.loose IN ({marks}) AND n.name_type = 'name' GROUP BY n.fold, n.key"
            )
            try:
                with self._lock:
                    rows = self._open().execute(query, chunk).fetchall()
            except (sqlite3.Error, UnicodeEncodeError):
                rows = []  # a spelling is a bonus: without it the exact names still work
            for skeleton, folded, keyed, prior in rows:
                by_skeleton.setdefault(skeleton, []).append((folded, keyed, prior))
        if len(self._known) + len(wanted) >= _MAX_REMEMBERED:
            self._known.clear()
        for word, skeleton in wanted.items():
            spelt = by_skeleton.get(skeleton)
            if not spelt:
                self._known[word] = ()
                continue
            shape = syllable_shape(word)
            self._known[word] = tuple(
                sorted(
                    (folded, prior)
                    for folded, keyed, prior in spelt
                    # In running text a spelling differs only in its vowels or doubled
                    # letters, and as a lookup judges a skeleton match it must still be close.
                    if syllable_shape(keyed) == shape
                    and SequenceMatcher(None, word, keyed).ratio() >= WEIGHTS.spelling_similarity
                )
            )
        return {word: self._known.get(word, ()) for word in words}


def _stored_stamp(path: Path) -> str | None:
    """The stamp of the table stored at ``path`` ("" for a table stored by an older geomap,
    without the words' Zipf); None when absent or unreadable."""
    if not path.is_file():
        return None
    try:
        uri = f"{path.resolve().as_uri()}?mode=ro"
        with contextlib.closing(sqlite3.connect(uri, uri=True)) as connection:
            row = connection.execute("SELECT stamp FROM meta").fetchone()
            words = connection.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'words'"
            ).fetchone()
    except sqlite3.Error:
        return None
    if row is None:
        return None
    return row[0] if words else ""


def _store(
    path: Path, stamp: str, table: dict[str, int], words: Iterable[tuple[str, float]]
) -> bool:
    """Write the table, and the Zipf of English ``words`` (:class:`EnglishWords`), atomically;
    False when it cannot be (a read-only folder only costs speed: the table in memory is used).
    A file there that is not a name table is the user's, never replaced."""
    if os.path.lexists(path) and _stored_stamp(path) is None:
        return False
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with contextlib.closing(sqlite3.connect(temporary)) as connection, connection:
            connection.execute("CREATE TABLE meta (stamp TEXT NOT NULL)")
            connection.execute(
                "CREATE TABLE names (key TEXT PRIMARY KEY, packed INTEGER NOT NULL) WITHOUT ROWID"
            )
            connection.executemany("INSERT INTO names VALUES (?, ?)", sorted(table.items()))
            connection.execute(
                "CREATE TABLE words (word TEXT PRIMARY KEY, zipf REAL NOT NULL) WITHOUT ROWID"
            )
            connection.executemany("INSERT INTO words VALUES (?, ?)", sorted(words))
            connection.execute("INSERT INTO meta VALUES (?)", (stamp,))
        os.replace(temporary, path)
    except (OSError, sqlite3.Error, UnicodeEncodeError):
        with contextlib.suppress(OSError):
            temporary.unlink()
        return False
    return True


@dataclass(frozen=True, slots=True)
class GazetteerNames:
    """What the recogniser reads of a gazetteer: its name table, the other spellings of its
    names (None for a gazetteer held in memory) and the Zipf of English words."""

    names: Mapping[str, int]
    spellings: SpellingIndex | None
    english: EnglishWords


def load_names(gazetteer: NameSource) -> GazetteerNames:
    """The names of ``gazetteer``, and the English words, read from the file beside it when
    current (built and stored there first when not)."""
    if not isinstance(gazetteer, _CachedNameSource):
        return GazetteerNames(build_name_table(gazetteer.iter_names()), None, EnglishWords())
    names, stored = _load_stored(gazetteer)
    return GazetteerNames(names, SpellingIndex(gazetteer.path), EnglishWords(stored))


def load_name_table(gazetteer: NameSource) -> Mapping[str, int]:
    """The name table of ``gazetteer``: read from the file beside it when current (built and
    stored there first when not)."""
    if not isinstance(gazetteer, _CachedNameSource):
        return build_name_table(gazetteer.iter_names())
    return _load_stored(gazetteer)[0]


def _load_stored(gazetteer: _CachedNameSource) -> tuple[Mapping[str, int], Path | None]:
    """The name table of a gazetteer stored in a file, and the file beside it that holds the
    table and the English words (None when it could not be written)."""
    stamp = (
        f"{CACHE_VERSION}-{gazetteer.meta.get('fingerprint')}-"
        f"{gazetteer.meta.get('built_at')}-{gazetteer.meta.get('names')}"
    )
    stored = gazetteer.path.with_name(gazetteer.path.name + ".names.sqlite")
    if _stored_stamp(stored) == stamp:
        return NameTable(stored), stored
    table = build_name_table(gazetteer.iter_names())
    written = _store(stored, stamp, table, english_zipfs(english_frequencies()))
    return table, stored if written else None


def build_name_table(names: Iterable[tuple[str, str, str, int, float]]) -> dict[str, int]:
    """Folded name → packed :class:`NameInfo`, from ``(name, type, kind, population,
    prior)``."""
    frequencies = english_frequencies()
    aggregated: dict[str, list] = {}
    for name, name_type, kind, population, prior in names:
        key = name_key(name)
        if len(key) < 2 or key.isdigit() or key.count(" ") >= MAX_NAME_WORDS:
            continue
        major = kind in MAJOR_KINDS or population >= WEIGHTS.major_population
        # Only towns' alternates are judged as words below; a region's ("Newfoundland") stays.
        town_alternate = name_type == "alt" and kind == "city"
        if name_type == "alt" and not major:
            # Another language's name for a town ("Luck" for Lutsk, "Ch'en" for Chenzhou)
            # is seldom what an English text means by the word.
            prior *= WEIGHTS.alternate_prior
        is_facility = name_type == "facility" or kind in {"military", "airport"}
        # Transliterations vary most around the article ("Maarat al-Numan", "Ma'arrat an
        # Nu'man"): such names are also found by their skeleton, as a lookup finds them.
        keys = [key, variant_key(key)] if has_article(key) else [key]
        for each in keys:
            _aggregate(aggregated, each, name_type, prior, major, is_facility, town_alternate)
    table = {}
    for key, (prior, major, demonym, abbreviation, facility, own, postal) in aggregated.items():
        frequency = frequencies.get(key, 0.0)
        zipf = max(0.0, math.log10(frequency * 1e9)) if frequency > 0 else 0.0
        if not own and not major and zipf >= WEIGHTS.alternate_word_zipf:
            # Only another language's name for a town, and a word English news uses:
            # "Hamas" (Hamm), "Taliban", "Abbas" are a movement and a man.
            continue
        table[key] = NameInfo(
            prior, major, demonym, abbreviation, round(zipf, 2), facility, postal
        ).pack()
    return table


def _aggregate(
    aggregated: dict[str, list],
    key: str,
    name_type: str,
    prior: float,
    major: bool,
    is_facility: bool,
    town_alternate: bool,
) -> None:
    """Fold one gazetteer name into what the table knows of its key."""
    entry = aggregated.get(key)
    if entry is None:
        aggregated[key] = [
            prior,
            major,
            name_type == "demonym",
            name_type == "abbr",
            is_facility,
            not town_alternate,
            name_type == "postal",
        ]
    else:
        entry[0] = max(entry[0], prior)
        entry[1] = entry[1] or major
        entry[2] = entry[2] or name_type == "demonym"
        entry[3] = entry[3] or name_type == "abbr"
        entry[4] = entry[4] and is_facility
        entry[5] = entry[5] or not town_alternate
        entry[6] = entry[6] or name_type == "postal"
