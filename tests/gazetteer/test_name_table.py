"""The recogniser's name table, stored beside a gazetteer and read a name at a time."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from pathlib import Path

from geomap.geoparse.names import NameTable, build_name_table, load_name_table
from geomap.geoparse.recognize import Recognizer

# (name, name type, kind, population, prior): a few places of our own.
NAMES = [
    ("Qaryat Tell", "name", "city", 1200, 0.3),
    ("Tell", "alt", "city", 1200, 0.2),
    ("Marsh Harbour", "name", "city", 5000, 0.4),
    ("Harbourish", "demonym", "country", 0, 0.9),
]


class FileGazetteer:
    """A gazetteer stored in a file: its name table can be kept beside it."""

    def __init__(self, path: Path, built_at: str) -> None:
        self.path = path
        self.meta = {"fingerprint": "f1", "built_at": built_at, "names": str(len(NAMES))}
        self.names = list(NAMES)
        self.reads = 0

    def iter_names(self) -> Iterator[tuple[str, str, str, int, float]]:
        self.reads += 1
        return iter(self.names)


def test_the_table_is_built_once_then_read_from_beside_the_gazetteer(tmp_path: Path) -> None:
    gazetteer = FileGazetteer(tmp_path / "g.sqlite", "2026-01-01")
    built = dict(load_name_table(gazetteer))
    stored = load_name_table(gazetteer)
    assert gazetteer.reads == 1  # the second load read no name from the gazetteer
    assert isinstance(stored, NameTable)
    assert dict(stored) == built == build_name_table(NAMES)
    assert stored.get("marsh harbour") == built["marsh harbour"]
    assert "marsh harbour" in stored and "marsh" not in stored and 7 not in stored
    assert stored.get("nowhere at all", -1) == -1
    assert len(stored) == len(built)


def test_a_rebuilt_gazetteer_gets_a_new_table(tmp_path: Path) -> None:
    gazetteer = FileGazetteer(tmp_path / "g.sqlite", "2026-01-01")
    load_name_table(gazetteer)
    gazetteer.names.append(("Nova Tell", "name", "city", 800, 0.3))
    gazetteer.meta["built_at"] = "2026-02-01"
    assert "nova tell" in load_name_table(gazetteer)
    assert "nova tell" in load_name_table(gazetteer)  # and the stored one is the new one


def test_the_stored_table_travels_to_worker_processes_as_its_path(tmp_path: Path) -> None:
    gazetteer = FileGazetteer(tmp_path / "g.sqlite", "2026-01-01")
    load_name_table(gazetteer)
    stored = load_name_table(gazetteer)
    copy = pickle.loads(pickle.dumps(Recognizer(stored)))
    text = "Boats left Marsh Harbour at dawn."
    assert [m.text for m in copy.mentions(text)] == ["Marsh Harbour"]
    assert [m.text for m in copy.mentions(text)] == [
        m.text for m in Recognizer(build_name_table(NAMES)).mentions(text)
    ]


def test_a_table_that_cannot_be_stored_costs_only_speed(tmp_path: Path) -> None:
    gazetteer = FileGazetteer(tmp_path / "missing-folder" / "g.sqlite", "2026-01-01")
    first, second = load_name_table(gazetteer), load_name_table(gazetteer)
    assert gazetteer.reads == 2
    assert dict(first) == dict(second) == build_name_table(NAMES)


def test_a_file_of_the_users_beside_the_gazetteer_is_never_replaced(tmp_path: Path) -> None:
    gazetteer = FileGazetteer(tmp_path / "g.sqlite", "2026-01-01")
    notes = tmp_path / "g.sqlite.names.sqlite"
    notes.write_text("my own notes, not a name table\n")
    assert dict(load_name_table(gazetteer)) == build_name_table(NAMES)
    assert notes.read_text() == "my own notes, not a name table\n"
