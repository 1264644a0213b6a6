"""The Zipf of English words, stored beside the name table so that a parse never loads
wordfreq, and read back exactly as wordfreq gives it."""

from __future__ import annotations

import os
import pickle
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

from wordfreq import zipf_frequency

import geomap
from geomap.geoparse.english import EnglishWords
from geomap.geoparse.names import load_names

# Words of our own: everyday words, dotted abbreviations, a name no list holds, and words
# wordfreq splits or normalises itself (asked of it, never of the stored table).
WORDS = ["people", "union", "valley", "u.s", "a.m", "zzqx", "o'brien", "café", "e-mail", "ﬁne"]


class FileGazetteer:
    """A gazetteer stored in a file: its name table and words are kept beside it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.meta = {"fingerprint": "f1", "built_at": "2026-01-01", "names": "1"}

    def iter_names(self) -> Iterator[tuple[str, str, str, int, float]]:
        return iter([("Marsh Harbour", "name", "city", 5000, 0.4)])


def test_stored_words_give_wordfreqs_zipf(tmp_path: Path) -> None:
    english = load_names(FileGazetteer(tmp_path / "g.sqlite")).english
    assert english.path is not None
    assert [english.zipf(word) for word in WORDS] == [zipf_frequency(w, "en") for w in WORDS]
    copy = pickle.loads(pickle.dumps(english))  # a worker reads the same file
    assert copy.path == english.path and copy.zipf("valley") == zipf_frequency("valley", "en")


def test_a_table_stored_without_words_is_rebuilt_with_them(tmp_path: Path) -> None:
    gazetteer = FileGazetteer(tmp_path / "g.sqlite")
    load_names(gazetteer)
    stored = tmp_path / "g.sqlite.names.sqlite"
    with closing(sqlite3.connect(stored)) as connection, connection:
        connection.execute("DROP TABLE words")  # as an older geomap stored it
    english = load_names(gazetteer).english
    assert english.zipf("people") == zipf_frequency("people", "en") > 0
    with closing(sqlite3.connect(stored)) as connection:
        assert connection.execute("SELECT zipf FROM words WHERE word = 'people'").fetchone()


def test_without_a_stored_file_wordfreq_answers() -> None:
    assert EnglishWords().zipf("valley") == zipf_frequency("valley", "en")


# Our sentences for the paths that ask a word's Zipf: a line without case with a name of
# several words, another spelling of a town, and unknown names holding everyday words.
TEXT = (
    "Rockets hit Peshawer on Monday, officials said.\n\n"
    "crews cleared roads near the city and in grand rapids after the storm on monday\n\n"
    "Fans gathered outside Union Station in Kansas City and at Valley Stadium in Fresno."
)

_SCRIPT = """
import sys
from geomap.geoparse.parser import Geoparser
from geomap.model import Document
result = Geoparser.open(sys.argv[1], offline=True).parse(Document(id="d", text=sys.argv[2]))
print(len(result.places), "wordfreq" in sys.modules)
"""


def test_a_parse_never_loads_wordfreq(geoparser, gazetteer_path: Path) -> None:
    # The session's parser has stored the words beside the gazetteer already.
    root = str(Path(geomap.__file__).resolve().parent.parent)
    environment = {**os.environ, "PYTHONPATH": root}
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(gazetteer_path), TEXT],
        capture_output=True,
        text=True,
        env=environment,
        check=True,
    )
    places, loaded = done.stdout.split()
    assert int(places) >= 4
    assert loaded == "False", "a parse imported wordfreq"
