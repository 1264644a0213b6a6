"""Tests of :func:`geomap.text.read.read_documents`."""

from __future__ import annotations

import codecs
import io
import json
import random
from datetime import date
from pathlib import Path

import pytest

from geomap.model import Document, ErrorRecord
from geomap.text.read import read_documents


def _read(*sources: str | Path, **kwargs: object) -> list[Document | ErrorRecord]:
    return list(read_documents([str(s) for s in sources], **kwargs))  # type: ignore[arg-type]


def _docs(items: list[Document | ErrorRecord]) -> list[Document]:
    assert all(isinstance(i, Document) for i in items), items
    return items  # type: ignore[return-value]


@pytest.mark.parametrize(
    "data",
    [
        "Strikes hit Kharkiv. – é".encode(),
        codecs.BOM_UTF8 + "Strikes hit Kharkiv. – é".encode(),
        codecs.BOM_UTF16_LE + "Strikes hit Kharkiv. – é".encode("utf-16-le"),
        codecs.BOM_UTF16_BE + "Strikes hit Kharkiv. – é".encode("utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom"],
)
def test_text_file_encodings(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(data)
    [doc] = _docs(_read(path))
    assert doc.text == "Strikes hit Kharkiv. – é"
    assert doc.id == "story"
    assert doc.source == str(path)
    assert doc.published is None


def test_latin1_file(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes("Réunion à Besançon".encode("latin-1"))
    [doc] = _docs(_read(path))
    assert doc.text == "Réunion à Besançon"


def test_binary_file_is_an_error_record(tmp_path: Path) -> None:
    rng = random.Random(7)
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(2048)))
    [rec] = _read(path)
    assert isinstance(rec, ErrorRecord)
    assert rec.id == "image"
    assert rec.source == str(path)
    assert "binary" in rec.error
    assert "\n" not in rec.error


def test_nul_bytes_inside_text(tmp_path: Path) -> None:
    path = tmp_path / "nul.txt"
    path.write_bytes(b"Shelling in\x00 Donetsk.\r\nNext line.")
    [doc] = _docs(_read(path))
    assert doc.text == "Shelling in  Donetsk.\nNext line."


def test_missing_file_is_an_error_record(tmp_path: Path) -> None:
    path = tmp_path / "nope.txt"
    [rec] = _read(path)
    assert isinstance(rec, ErrorRecord)
    assert rec.id == "nope"
    assert rec.source == str(path)
    assert "not found" in rec.error
    assert "\n" not in rec.error


def test_empty_file_is_a_document(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert _read(path) == [Document(id="empty", text="", source=str(path))]


def test_errors_do_not_stop_later_sources(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Second.", encoding="utf-8")
    items = _read(tmp_path / "missing.txt", tmp_path / "b.txt")
    assert [type(i) for i in items] == [ErrorRecord, Document]
    assert items[1].text == "Second."  # type: ignore[union-attr]


def test_directory_expansion_recursive_sorted_filtered(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b.txt").write_text("B text", encoding="utf-8")
    (tmp_path / "a.html").write_text("<p>A html</p>", encoding="utf-8")
    (tmp_path / "sub" / "c.jsonl").write_text('{"text": "C line"}\n', encoding="utf-8")
    (tmp_path / "sub" / "d.NDJSON").write_text('{"id": "d1", "text": "D"}\n', encoding="utf-8")
    (tmp_path / "notes.csv").write_text("x,y", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / ".git" / "x.txt").write_text("git", encoding="utf-8")
    docs = _docs(_read(tmp_path))
    assert [d.id for d in docs] == ["a", "b", "c:1", "d1"]
    assert [d.text for d in docs] == ["A html", "B text", "C line", "D"]
    assert docs[2].source == str(tmp_path / "sub" / "c.jsonl")


def test_empty_directory_is_an_error_record(tmp_path: Path) -> None:
    (tmp_path / "notes.csv").write_text("x,y", encoding="utf-8")
    [rec] = _read(tmp_path)
    assert isinstance(rec, ErrorRecord)
    assert "no" in rec.error and ".txt" in rec.error


def test_glob_pattern(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "c.html"):
        (tmp_path / name).write_text(name, encoding="utf-8")
    docs = _docs(_read(tmp_path / "*.txt"))
    assert [d.id for d in docs] == ["a", "b"]


def test_glob_without_matches_is_an_error_record(tmp_path: Path) -> None:
    [rec] = _read(tmp_path / "*.txt")
    assert isinstance(rec, ErrorRecord)
    assert "no files match" in rec.error


def test_literal_name_wins_over_glob(tmp_path: Path) -> None:
    (tmp_path / "[x].txt").write_text("literal", encoding="utf-8")
    (tmp_path / "x.txt").write_text("glob match", encoding="utf-8")
    [doc] = _docs(_read(tmp_path / "[x].txt"))
    assert doc.text == "literal"


def test_jsonl_bad_lines_become_error_records_in_order(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "first", "text": "One.", "date": "2024-02-24", "url": "http://x"}),
        '{"id": "broken", "text": ',
        "",
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "no-text"}),
        json.dumps({"text": 5}),
        json.dumps({"text": "Six.", "published": "2023-10-07T06:30:00Z", "title": "T"}),
        "   ",
        json.dumps({"id": 42, "text": "Eight."}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _read(path)
    summary = [
        (type(i).__name__, i.id, i.error if isinstance(i, ErrorRecord) else i.text) for i in items
    ]
    assert [s[:2] for s in summary] == [
        ("Document", "first"),
        ("ErrorRecord", "broken"),  # a broken line keeps the id it has
        ("ErrorRecord", "feed:4"),
        ("ErrorRecord", "no-text"),
        ("ErrorRecord", "feed:6"),
        ("Document", "feed:7"),
        ("Document", "42"),
    ]
    errors = [i for i in items if isinstance(i, ErrorRecord)]
    assert [e.error.split(":")[0] for e in errors] == ["line 2", "line 4", "line 5", "line 6"]
    assert "invalid JSON" in errors[0].error
    assert "object" in errors[1].error
    assert "text" in errors[2].error and "text" in errors[3].error
    assert all(e.source == str(path) for e in errors)
    first, seventh = items[0], items[5]
    assert isinstance(first, Document) and isinstance(seventh, Document)
    assert first.published == date(2024, 2, 24)
    assert first.meta == {"date": "2024-02-24", "url": "http://x"}
    assert seventh.published == date(2023, 10, 7)
    assert seventh.meta["title"] == "T"


def test_html_file(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text(
        "<html><head><title>Raid</title>"
        '<meta property="article:published_time" content="2024-03-05T10:00:00Z"></head>'
        "<body><p>Gaza (AP) — A raid.</p><script>alert(1)</script></body></html>",
        encoding="utf-8",
    )
    [doc] = _docs(_read(path))
    assert doc.id == "page"
    assert doc.text == "Gaza (AP) — A raid."
    assert doc.published == date(2024, 3, 5)
    assert doc.meta == {"title": "Raid", "published": "2024-03-05"}


def test_path_objects_accepted(tmp_path: Path) -> None:
    path = tmp_path / "p.txt"
    path.write_text("x", encoding="utf-8")
    [doc] = _docs(list(read_documents([path])))  # type: ignore[list-item]
    assert doc.text == "x"


# --------------------------------------------------------------------------- stdin


def test_stdin_text() -> None:
    [doc] = _docs(_read("-", stdin=io.StringIO("Plain words about Mosul.\r\n")))
    assert doc == Document(id="stdin", text="Plain words about Mosul.\n", source="<stdin>")


def test_stdin_jsonl_sniffed() -> None:
    data = '{"id": "a", "text": "One"}\n{oops\n{"text": "Three"}\n'
    items = _read("-", stdin=io.StringIO(data))
    assert [(type(i).__name__, i.id) for i in items] == [
        ("Document", "a"),
        ("ErrorRecord", "stdin:2"),
        ("Document", "stdin:3"),
    ]
    assert all(i.source == "<stdin>" for i in items)


@pytest.mark.parametrize(
    "page",
    [
        "<!DOCTYPE html><html><body><p>Hello Aleppo</p><script>alert(1)</script></body></html>",
        "  <html><p>Hello Aleppo</p><script>alert(1)</script>",
        "<p>Hello Aleppo</p><script>alert(1)</script>",
    ],
)
def test_stdin_html_sniffed(page: str) -> None:
    [doc] = _docs(_read("-", stdin=io.BytesIO(page.encode("utf-8"))))
    assert doc.id == "stdin"
    assert doc.text == "Hello Aleppo"


def test_stdin_text_that_mentions_tags_stays_text() -> None:
    text = "<Kyiv> in angle brackets, then <b>bold</b> prose."
    [doc] = _docs(_read("-", stdin=io.StringIO(text)))
    assert doc.text == text


def test_stdin_prefers_raw_bytes_of_a_text_stream() -> None:
    # A text wrapper with the wrong encoding: the reader decodes the underlying bytes itself.
    stream = io.TextIOWrapper(io.BytesIO("Besançon".encode("latin-1")), encoding="utf-8")
    [doc] = _docs(_read("-", stdin=stream))
    assert doc.text == "Besançon"


def test_stdin_binary_is_an_error_record() -> None:
    [rec] = _read("-", stdin=io.BytesIO(b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\xff\xfe\x00"))
    assert isinstance(rec, ErrorRecord)
    assert rec.id == "stdin" and rec.source == "<stdin>"
