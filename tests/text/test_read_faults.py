"""Input faults that must cost one line or one file, never the run (issue 17 items 2, 5, 6)."""

from __future__ import annotations

import json
import logging
import os
import random
import resource
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import geomap
from geomap.model import Document, ErrorRecord
from geomap.text.read import read_documents

# The tree whose geomap is under test (the subprocess must import the same one).
CHECKOUT = Path(geomap.__file__).resolve().parents[1]


def _read(*sources: str | Path) -> list[Document | ErrorRecord]:
    return list(read_documents([str(s) for s in sources]))


def _random_bytes(seed: int, n: int = 400) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.randrange(256) for _ in range(n)).replace(b"\n", b"\xff")


# --------------------------------------------------------------------------- item 2: decoding


def test_one_line_of_random_bytes_costs_that_line_only(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": f"n{i}", "text": f"Rain fell on day {i}."}).encode()
        for i in range(10_000)
    ]
    lines[4321] = _random_bytes(3)
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    items = _read(path)
    errors = [i for i in items if isinstance(i, ErrorRecord)]
    assert len(items) == 10_000
    assert len(errors) == 1
    assert errors[0].error.startswith("line 4322: ")
    assert errors[0].id == "feed:4322"
    assert items[4322].id == "n4322" and items[4322].text == "Rain fell on day 4322."


def test_a_binary_line_keeps_the_id_it_carries(tmp_path: Path) -> None:
    good = json.dumps({"id": "before", "text": "Calm in Lyon."}).encode()
    bad = b'{"id": "wire-77", "text": "' + _random_bytes(5, 200) + b'"}'
    path = tmp_path / "wire.jsonl"
    path.write_bytes(good + b"\n" + bad + b"\n")
    first, second = _read(path)
    assert isinstance(first, Document)
    assert isinstance(second, ErrorRecord)
    assert second.id == "wire-77"
    assert second.error.startswith("line 2: ")


def test_one_stray_byte_does_not_turn_a_utf8_file_into_cp1252(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "capital.txt"
    path.write_bytes("Ministers met in Brasília.\n".encode() + b"It rained \x92a lot\x92.\n")
    with caplog.at_level(logging.WARNING, logger="geomap.read"):
        [doc] = _read(path)
    assert isinstance(doc, Document)
    assert doc.text == "Ministers met in Brasília.\nIt rained ’a lot’.\n"
    assert "line 2" in caplog.text and "cp1252" in caplog.text


def test_a_latin1_jsonl_line_is_read_and_the_others_stay_utf8(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        '{"id": "a", "text": "Troops in Brasília."}\n'.encode()
        + '{"id": "b", "text": "Protest in Besançon."}\n'.encode("latin-1")
    )
    with caplog.at_level(logging.WARNING, logger="geomap.read"):
        a, b = _read(path)
    assert isinstance(a, Document) and isinstance(b, Document)
    assert (a.text, b.text) == ("Troops in Brasília.", "Protest in Besançon.")
    assert "first: line 2" in caplog.text


# --------------------------------------------------------------------------- item 5: ids


def test_same_name_in_two_folders_gives_two_ids(tmp_path: Path) -> None:
    for month in ("2020-01", "2020-02"):
        (tmp_path / "arch" / month).mkdir(parents=True)
        (tmp_path / "arch" / month / "article.txt").write_text(f"Written in {month}.")
    (tmp_path / "arch" / "2020-02" / "other.txt").write_text("Unique name.")
    items = _read(tmp_path / "arch")
    ids = [i.id for i in items]
    assert len(set(ids)) == 3
    assert ids[0].endswith("2020-01/article") and ids[1].endswith("2020-02/article")
    assert ids[2] == "other"  # names that do not collide stay short


def test_same_stem_with_two_suffixes_gives_two_ids(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Plain.")
    (tmp_path / "a.html").write_text("<p>Markup.</p>")
    ids = [i.id for i in _read(tmp_path)]
    assert len(set(ids)) == 2


def test_duplicate_jsonl_ids_get_a_suffix_and_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "dupes.jsonl"
    rows = [{"id": "x", "text": "One."}, {"id": "x", "text": "Two."}, {"id": "x", "text": "3."}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    with caplog.at_level(logging.WARNING, logger="geomap.read"):
        ids = [i.id for i in _read(path)]
    assert ids == ["x", "x#2", "x#3"]
    assert "'x' is used twice" in caplog.text


def test_jsonl_error_record_keeps_the_line_id(tmp_path: Path) -> None:
    path = tmp_path / "e.jsonl"
    path.write_text('{"id": "kept", "text": 12}\n{"id": "cut", "text": "unterminated\n')
    first, second = _read(path)
    assert isinstance(first, ErrorRecord) and isinstance(second, ErrorRecord)
    assert (first.id, second.id) == ("kept", "cut")


# --------------------------------------------------------------------------- item 6: names, files


def test_a_filename_that_is_not_utf8_gives_printable_id_and_source(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(raw, "wb") as handle:
        handle.write(b"Floods in Dhaka.")
    [doc] = _read(tmp_path)
    assert isinstance(doc, Document)
    assert doc.text == "Floods in Dhaka."
    doc.id.encode("utf-8")  # no lone surrogate: every output format can hold it
    doc.source.encode("utf-8")
    assert doc.id == "caf\\xe9"


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, 2 * 2**30))


def _read_in_subprocess(source: str | Path) -> list[dict]:
    """The records of ``source``, read in a process bounded in time and memory (a device or
    a FIFO read the old way would never end)."""
    code = (
        "import json, sys\n"
        "from geomap.text.read import read_documents\n"
        "for item in read_documents([sys.argv[1]]):\n"
        "    print(json.dumps({'type': type(item).__name__, 'id': item.id,\n"
        "                      'error': getattr(item, 'error', None)}))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(CHECKOUT)}
    done = subprocess.run(
        [sys.executable, "-c", code, str(source)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=True,
        preexec_fn=_limit_memory,
    )
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_fifo_and_socket_in_a_folder_are_error_records_not_a_hang(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Before.")
    os.mkfifo(tmp_path / "b.txt")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(tmp_path / "c.txt"))
        (tmp_path / "d.txt").write_text("After.")
        records = _read_in_subprocess(tmp_path)
    assert [(r["type"], r["id"]) for r in records] == [
        ("Document", "a"),
        ("ErrorRecord", "b"),
        ("ErrorRecord", "c"),
        ("Document", "d"),
    ]
    assert "FIFO" in records[1]["error"] and "socket" in records[2]["error"]


def test_a_fifo_named_on_the_command_line_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "piped.txt"
    os.mkfifo(fifo)

    def feed() -> None:
        with open(fifo, "w", encoding="utf-8") as handle:
            handle.write("Piped from zcat, about Oslo.")

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    [doc] = _read(fifo)
    writer.join(5)
    assert isinstance(doc, Document) and doc.text == "Piped from zcat, about Oslo."


def test_a_device_named_on_the_command_line_is_refused() -> None:
    [rec] = _read_in_subprocess("/dev/zero")
    assert rec["type"] == "ErrorRecord"
    assert "character device" in rec["error"]


def test_outputs_found_in_an_input_folder_are_not_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("An article.")
    (tmp_path / "out.jsonl").write_text('{"id": "earlier", "text": "an earlier output"}\n')
    items = list(read_documents([str(tmp_path)], exclude=[tmp_path / "out.jsonl"]))
    assert [i.id for i in items] == ["a"]


def test_jsonl_on_standard_input_is_read_line_by_line_too() -> None:
    import io

    lines = [json.dumps({"id": f"s{i}", "text": f"Story {i}."}).encode() for i in range(50)]
    lines[20] = _random_bytes(9) + b"\x00"  # a NUL made the whole input "binary"
    items = list(read_documents(["-"], stdin=io.BytesIO(b"\n".join(lines) + b"\n")))
    assert len(items) == 50
    assert [i.id for i in items if isinstance(i, ErrorRecord)] == ["stdin:21"]
