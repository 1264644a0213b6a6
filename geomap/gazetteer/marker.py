"""What marks a file as a geomap gazetteer, checked before a file is opened or replaced.

``GEOMAP_DB`` and ``--db`` may point anywhere, by mistake too: at another program's SQLite
database, a text file, ``/dev/null``, a folder. geomap opens, and a build replaces, only a file
it made; anything else is refused with one line and left as it is.

A build stamps its database with SQLite's application id (``PRAGMA application_id``, four bytes
at offset 68 of the file's header, made for exactly this). A database built before the stamp
existed is recognised by its tables (``meta`` with a fingerprint, ``places``, ``names``).
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path
from typing import NoReturn

from geomap.errors import GazetteerError, NotAGazetteerError

__all__ = ["APPLICATION_ID", "is_gazetteer", "read_only_uri"]

#: ``PRAGMA application_id`` of every gazetteer geomap builds: "GMAP" in ASCII.
APPLICATION_ID = int.from_bytes(b"GMAP", "big")

_SQLITE_MAGIC = b"SQLite format 3\x00"
_APPLICATION_ID_OFFSET = 68
_TABLES = {"meta", "places", "names"}


def read_only_uri(path: Path) -> str:
    """An SQLite URI that opens ``path`` read-only (any character of the path escaped)."""
    return f"{Path(path).resolve().as_uri()}?mode=ro"


def is_gazetteer(path: Path) -> bool:
    """``True`` when ``path`` holds a gazetteer geomap made, ``False`` when nothing is there.

    Raises
    ------
    NotAGazetteerError
        When something else is there (it is not read beyond its first 100 bytes, nor changed).
    GazetteerError
        When the file cannot be read at all.
    """
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as exc:
        raise GazetteerError(f"cannot read the gazetteer {path}: {exc.strerror}") from exc
    if stat.S_ISDIR(info.st_mode):
        _refuse(path, "a folder")
    if not stat.S_ISREG(info.st_mode):
        # Opening a FIFO would hang, writing a device would destroy or discard: never touched.
        _refuse(path, "a device, pipe or socket, not a file")
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise GazetteerError(f"cannot read the gazetteer {path}: {exc.strerror}") from exc
    if not header:
        _refuse(path, "an empty file")
    if not header.startswith(_SQLITE_MAGIC) or len(header) < 100:
        _refuse(path, "a file that is not an SQLite database")
    application_id = int.from_bytes(
        header[_APPLICATION_ID_OFFSET : _APPLICATION_ID_OFFSET + 4], "big"
    )
    if application_id == APPLICATION_ID:
        return True
    if application_id == 0 and _has_gazetteer_tables(path):
        return True  # built by a geomap from before the stamp
    _refuse(path, "an SQLite database geomap did not make")


def _has_gazetteer_tables(path: Path) -> bool:
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
            if not tables >= _TABLES:
                return False
            keys = {row[0] for row in connection.execute("SELECT k FROM meta")}
        finally:
            connection.close()
    except sqlite3.Error:
        return False
    return {"fingerprint", "schema_version"} <= keys


def _refuse(path: Path, what: str) -> NoReturn:
    raise NotAGazetteerError(
        f"{path} is not a geomap gazetteer ({what}); geomap leaves it alone: "
        f"point GEOMAP_DB or --db at a new path or at a gazetteer geomap built"
    )
