"""geomap.batch: many documents in, one record each out, on one core or several.

The worker-process tests start real ``spawn`` workers (a few seconds each to load the
gazetteer's names); faults are planted in those workers with a ``sitecustomize`` module put on
their ``PYTHONPATH``, so that no test hook lives in geomap itself.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from geomap import batch
from geomap.batch import BatchStats, default_workers, parse_stream, prepare_resume
from geomap.cli import main

ARTICLES = [
    ("oslo", "Snow fell in Oslo and Bergen on Monday."),
    ("lima", "Rain flooded Lima overnight, Peru said."),
    ("dhaka", "Floods hit Dhaka and Chittagong, Bangladesh said."),
    ("nairobi", "Protests spread in Nairobi."),
    ("quiet", "The committee met and agreed to meet again next week."),
    ("athens", "Heat hit Athens."),
]


@pytest.fixture
def shared_parser(gazetteer_path, geoparser, monkeypatch):
    """In-process runs use the session's geoparser instead of loading the names again."""
    from geomap.geoparse.parser import Geoparser

    real_open = Geoparser.open

    def open_shared(db_path=None, *, offline=True, **options):
        if Path(db_path or "") != gazetteer_path or offline is not True or any(options.values()):
            return real_open(db_path, offline=offline, **options)
        return geoparser

    monkeypatch.setattr(Geoparser, "open", staticmethod(open_shared))
    return geoparser


def write_jsonl(path: Path, docs: list[tuple[str, str]], extra: list[str] = ()) -> Path:
    lines = [json.dumps({"id": i, "text": t}) for i, t in docs] + list(extra)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def places(record: dict) -> list[tuple[str, str | None]]:
    return [(p["text"], (p["place"] or {}).get("country_code")) for p in record["places"]]


def test_in_process_one_record_per_input_in_order(shared_parser, gazetteer_path, tmp_path):
    source = write_jsonl(tmp_path / "news.jsonl", ARTICLES[:3], ['{"id": "x", "text": 1}'])
    missing = tmp_path / "missing.txt"
    stats = BatchStats()
    records = list(parse_stream([source, missing], db_path=gazetteer_path, workers=1, stats=stats))
    assert [r["id"] for r in records] == ["oslo", "lima", "dhaka", "x", "missing"]
    assert places(records[0]) == [("Oslo", "NO"), ("Bergen", "NO")]
    assert set(records[3]) == {"id", "error", "source"} and "line 4" in records[3]["error"]
    assert "not found" in records[4]["error"]
    assert (stats.inputs, stats.records, stats.errors, stats.workers) == (5, 5, 2, 0)


def test_an_exception_inside_parsing_is_an_error_record(
    shared_parser, gazetteer_path, tmp_path, monkeypatch
):
    real_parse = type(shared_parser).parse

    def parse(self, document):
        if document.id == "lima":
            raise RuntimeError("boom\nsecond line")
        return real_parse(self, document)

    monkeypatch.setattr(type(shared_parser), "parse", parse)
    source = write_jsonl(tmp_path / "news.jsonl", ARTICLES[:3])
    records = list(parse_stream([source], db_path=gazetteer_path))
    assert [r["id"] for r in records] == ["oslo", "lima", "dhaka"]
    assert records[1] == {
        "id": "lima",
        "error": "parse failed: RuntimeError: boom second line",
        "source": str(source),
    }
    assert places(records[2])[0] == ("Dhaka", "BD")


def test_resume_skips_ids_and_repairs_a_half_written_line(shared_parser, gazetteer_path, tmp_path):
    source = write_jsonl(tmp_path / "news.jsonl", ARTICLES)
    out = tmp_path / "out.jsonl"
    argv = ["parse", "--db", str(gazetteer_path), "--offline", "--format", "jsonl", str(source)]
    assert main([*argv, "-o", str(out)]) == 0
    full = out.read_text(encoding="utf-8").splitlines()
    # A run killed after two records and half of the third.
    out.write_text("\n".join(full[:2]) + "\n" + full[2][:25], encoding="utf-8")
    assert prepare_resume(out) == {"oslo", "lima"}
    assert out.read_text(encoding="utf-8") == "\n".join(full[:2]) + "\n"

    assert main([*argv, "-o", str(out), "--resume"]) == 0
    assert out.read_text(encoding="utf-8").splitlines() == full
    # Everything done: a further resume adds nothing and is not a failure.
    assert main([*argv, "-o", str(out), "--resume"]) == 0
    assert out.read_text(encoding="utf-8").splitlines() == full


def test_resume_needs_a_jsonl_output_file(shared_parser, gazetteer_path, tmp_path, capsys):
    source = write_jsonl(tmp_path / "news.jsonl", ARTICLES[:1])
    code = main(["parse", "--db", str(gazetteer_path), "--offline", str(source), "--resume"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert len(err) == 1 and err[0].startswith("geomap: error: --resume")


def test_prepare_resume_of_a_missing_file(tmp_path):
    assert prepare_resume(tmp_path / "nothing.jsonl") == set()


def test_progress_bar_shows_documents_per_second(shared_parser, gazetteer_path, tmp_path, capsys):
    source = write_jsonl(tmp_path / "news.jsonl", ARTICLES)
    argv = ["parse", "--db", str(gazetteer_path), "--offline", "--format", "jsonl", str(source)]
    assert main([*argv, "--progress"]) == 0
    captured = capsys.readouterr()
    assert "docs/s" in captured.err and "6 docs" in captured.err
    assert len(captured.out.splitlines()) == 6
    assert main(argv) == 0  # not a terminal, no --progress: no bar
    assert "docs/s" not in capsys.readouterr().err


def test_default_workers(tmp_path):
    cores = os.cpu_count() or 1
    small = write_jsonl(tmp_path / "small.jsonl", ARTICLES)
    big = tmp_path / "big.jsonl"
    big.write_bytes(b"x" * batch.SMALL_INPUT_BYTES)
    text = tmp_path / "a.txt"
    text.write_text("Oslo", encoding="utf-8")
    assert default_workers([str(small), str(text), "-"]) == 1
    assert default_workers([str(big)]) == cores
    assert default_workers([str(tmp_path)]) == cores
    assert default_workers([str(tmp_path / "*.txt")]) == cores
    assert default_workers([str(text)] * 64) == cores


def test_workers_must_be_positive(gazetteer_path):
    with pytest.raises(Exception, match="at least 1"):
        list(parse_stream(["x"], workers=0, db_path=gazetteer_path))


# -- worker processes ---------------------------------------------------------------------------

FAULTS = """
import os, time
import geomap.geoparse.parser

_parse = geomap.geoparse.parser.Geoparser.parse

def parse(self, document):
    if "PLANTED-CRASH" in document.text:
        os._exit(3)
    if "PLANTED-HANG" in document.text:
        time.sleep(600)
    if "PLANTED-RAISE" in document.text:
        raise ValueError("planted")
    return _parse(self, document)

geomap.geoparse.parser.Geoparser.parse = parse
"""


@pytest.fixture
def faulty_workers(tmp_path, monkeypatch) -> None:
    """Worker processes started from now on crash, hang or raise on planted documents."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(FAULTS, encoding="utf-8")
    checkout = Path(__file__).resolve().parents[1]
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(site), str(checkout)]))
    monkeypatch.setattr(batch, "CHUNK_DOCUMENTS", 2)


def test_worker_processes_give_the_same_records_in_order(shared_parser, gazetteer_path, tmp_path):
    docs = [(f"{i}-{d}", t) for i, (d, t) in enumerate(ARTICLES * 3)]
    source = write_jsonl(tmp_path / "news.jsonl", docs, ["not json"])
    here = list(parse_stream([source], db_path=gazetteer_path, workers=1))
    stats = BatchStats()
    there = list(parse_stream([source], db_path=gazetteer_path, workers=2, stats=stats))
    assert there == here
    assert len(there) == len(docs) + 1 and "error" in there[-1]
    assert stats.workers == 2 and stats.records == len(docs) + 1 and stats.errors == 1
    assert stats.memory and all(m.peak_rss_mb > 50 for m in stats.memory.values())
    unordered = list(parse_stream([source], db_path=gazetteer_path, workers=2, ordered=False))
    assert sorted(map(json.dumps, unordered)) == sorted(map(json.dumps, here))


def test_crash_hang_and_exception_in_workers_become_error_records(
    faulty_workers, gazetteer_path, tmp_path
):
    docs = [
        ("a", "Snow fell in Oslo."),
        ("crash", "PLANTED-CRASH in Lima."),
        ("b", "Heat hit Athens."),
        ("hang", "PLANTED-HANG in Cairo."),
        ("c", "Rain flooded Lima."),
        ("raise", "PLANTED-RAISE in Quito."),
        ("d", "Protests spread in Nairobi."),
    ]
    source = write_jsonl(tmp_path / "news.jsonl", docs)
    stats = BatchStats()
    records = list(
        parse_stream([source], db_path=gazetteer_path, workers=2, timeout=3, stats=stats)
    )
    assert [r["id"] for r in records] == [d for d, _ in docs]
    by_id = {r["id"]: r for r in records}
    assert "worker crashed (exit code 3)" in by_id["crash"]["error"]
    assert "timed out after 3 s" in by_id["hang"]["error"]
    assert by_id["raise"]["error"] == "parse failed: ValueError: planted"
    assert [places(by_id[i])[0][0] for i in "abcd"] == ["Oslo", "Athens", "Lima", "Nairobi"]
    assert stats.errors == 3
    # Crash and hang each: once with their chunk, once alone.
    assert stats.restarts == 4


def test_cli_workers_stream_jsonl(gazetteer_path, tmp_path):
    import subprocess

    docs = [(f"{i}-{d}", t) for i, (d, t) in enumerate(ARTICLES * 2)]
    source = write_jsonl(tmp_path / "news.jsonl", docs, ['{"text": []}'])
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "geomap", "parse", "--db", str(gazetteer_path)]
    proc = subprocess.run(
        [*command, "--offline", "--workers", "2", "--format", "jsonl", str(source), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == [d for d, _ in docs] + ["news:13"]
    assert proc.stderr.strip().splitlines() == [
        'geomap: error: line 13: "text" must be a string, got list'
    ]
