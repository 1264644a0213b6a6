"""``geomap parse`` against hostile input, a broken gazetteer and a misbehaving geocoder.

What tests elsewhere already cover is not repeated here: empty, binary, Latin-1, UTF-16, 1 MB
single-line, HTML-with-scripts and malformed-JSONL inputs and bad ``--date`` values are in
tests/test_parse_cli.py; decoding in tests/text/; each online failure mode at the geocoder level
in tests/gazetteer/test_online.py; corrupt, concurrent and killed builds in
tests/gazetteer/test_build.py, and a damaged or foreign database in
tests/test_gazetteer_safety.py (one clear line each). The 50 MB input is in
benchmarks/batch_bench.py (5 MB here).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from geomap.cli import main

try:
    from tests.nominatim_stub import NominatimStub
except ModuleNotFoundError:  # plain `pytest` puts tests/, not the checkout, on sys.path
    from nominatim_stub import NominatimStub  # type: ignore[no-redef]


@pytest.fixture
def parse_cli(gazetteer_path, geoparser, capsys, monkeypatch):
    """``geomap parse --db ... ARGS`` in process, reusing the session's geoparser when offline."""
    from geomap.geoparse.parser import Geoparser

    real_open = Geoparser.open

    def open_shared(db_path=None, *, offline=True, **options):
        if Path(db_path or "") != gazetteer_path or offline is not True or any(options.values()):
            return real_open(db_path, offline=offline, **options)
        return geoparser

    monkeypatch.setattr(Geoparser, "open", staticmethod(open_shared))

    def run(*argv: str, db: Path = gazetteer_path) -> tuple[int, str, str]:
        code = main(["parse", "--db", str(db), *argv])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_nul_bytes_in_a_text_file(parse_cli, tmp_path):
    path = tmp_path / "nul.txt"
    path.write_bytes(b"Snow fell in\x00Oslo\x00 and Bergen.\x00\x00")
    code, out, err = parse_cli("--offline", str(path), "--format", "jsonl")
    assert code == 0, err
    (record,) = jsonl(out)
    assert [p["text"] for p in record["places"]] == ["Oslo", "Bergen"]
    text = "Snow fell in Oslo  and Bergen.  "  # each NUL became one space: offsets hold
    assert all(text[p["start"] : p["end"]] == p["text"] for p in record["places"])


def test_five_megabyte_text_finishes_with_valid_offsets(parse_cli, tmp_path):
    filler = "The committee discussed harvests, rainfall and prices with local farmers.\n"
    block = "Officials in Nairobi said.\n" + filler * 100 + "\n"
    text = block * (5_000_000 // len(block))
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    code, out, err = parse_cli("--offline", str(path), "--format", "jsonl")
    assert code == 0, err
    (record,) = jsonl(out)
    assert len(record["places"]) == text.count("Nairobi")
    assert all(text[p["start"] : p["end"]] == "Nairobi" for p in record["places"])


def test_impossible_dates_inside_inputs_are_ignored(parse_cli, tmp_path):
    lines = [
        {"id": "a", "text": "Snow fell in Oslo.", "published": "2024-13-45"},
        {"id": "b", "text": "Heat hit Athens.", "date": "yesterday"},
        {"id": "c", "text": "Rain flooded Lima.", "published": 20240305},
    ]
    source = tmp_path / "dates.jsonl"
    source.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text(
        '<html><head><meta property="article:published_time" content="2024-02-30">'
        "</head><body><p>Protests in Nairobi.</p></body></html>",
        encoding="utf-8",
    )
    code, out, err = parse_cli("--offline", str(source), str(page), "--format", "jsonl")
    assert code == 0, err
    records = jsonl(out)
    assert [r["id"] for r in records] == ["a", "b", "c", "page"]
    assert all(r["published"] is None and "error" not in r for r in records)


def test_every_input_failing_is_exit_1_with_one_record_each(parse_cli, tmp_path):
    blob = tmp_path / "blob.txt"
    blob.write_bytes(bytes(range(256)) * 4)
    code, out, err = parse_cli(
        "--offline", str(tmp_path / "gone.txt"), str(blob), str(tmp_path / "*.html"),
        "--format", "jsonl",
    )  # fmt: skip
    assert code == 1
    records = jsonl(out)
    assert [r["id"] for r in records] == ["gone", "blob", "*"]
    assert all(set(r) == {"id", "error", "source"} for r in records)
    lines = err.strip().splitlines()
    assert len(lines) == 3 and all(line.startswith("geomap: error: ") for line in lines)


# -- where output goes ----------------------------------------------------------------------
# The rule (docs/SCALE.md): a path the user names with -o (or --geojson, ...) is used as given,
# wherever it is. Names geomap makes up itself go under the output folder and are built from
# the input's file stem only, so no input name or document id can steer them elsewhere.


def test_document_ids_never_become_paths(parse_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source = tmp_path / "ids.jsonl"
    ids = ["../../escaped", "/tmp/absolute-escape", "..", "out/../../x"]
    source.write_text(
        "".join(json.dumps({"id": i, "text": "Snow fell in Oslo."}) + "\n" for i in ids),
        encoding="utf-8",
    )
    before = set(tmp_path.parent.rglob("*escape*"))
    code, out, _ = parse_cli("--offline", str(source), "--format", "jsonl")
    assert code == 0
    assert [r["id"] for r in jsonl(out)] == ids
    assert set(tmp_path.parent.rglob("*escape*")) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ids.jsonl"]


def test_map_default_output_stays_in_the_output_folder(gazetteer_path, tmp_path, monkeypatch):
    monkeypatch.setenv("GEOMAP_OUTPUT_DIR", str(tmp_path / "output"))
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    (tmp_path / "evil.txt").write_text("Snow fell in Oslo.", encoding="utf-8")
    sneaky = str(deep / ".." / ".." / "evil.txt")  # resolves above the input folder
    code = main(["map", sneaky, "--offline", "--db", str(gazetteer_path), "--no-tiles"])
    assert code == 0
    assert [p.name for p in (tmp_path / "output").iterdir()] == ["evil.html"]


def test_named_output_may_be_anywhere(parse_cli, tmp_path):
    doc = tmp_path / "in" / "a.txt"
    doc.parent.mkdir()
    doc.write_text("Snow fell in Oslo.", encoding="utf-8")
    target = tmp_path / "in" / ".." / "elsewhere.jsonl"
    code, _, err = parse_cli("--offline", str(doc), "--format", "jsonl", "-o", str(target))
    assert code == 0, err
    assert jsonl((tmp_path / "elsewhere.jsonl").read_text(encoding="utf-8"))[0]["id"] == "a"


# -- the online fallback misbehaving during a parse run ---------------------------------------

# Both names stay unsure, so both are asked online. (Not "Springfield and Alexandria": the two
# Virginia towns lie 10 km apart and vouch for each other.)
UNSURE = "Fighting near Springfield and Richmond was reported."


@pytest.fixture(scope="module")
def private_db(gazetteer_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A copy of the gazetteer: online answers would be cached in it."""
    target = tmp_path_factory.mktemp("private") / "gazetteer.sqlite"
    shutil.copy(gazetteer_path, target)
    for sidecar in (".names.sqlite", ".names"):  # the name table, not built again
        names = gazetteer_path.with_name(gazetteer_path.name + sidecar)
        if names.exists():
            shutil.copy(names, target.with_name(names.name))
    yield target
    shutil.rmtree(target.parent, ignore_errors=True)


def cached_rows(db: Path) -> int:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
        if "online_cache" not in tables:
            return 0
        return connection.execute("SELECT count(*) FROM online_cache").fetchone()[0]


@pytest.mark.parametrize("mode", ["refuse", "hang", "429", "500", "bad_json", "html"])
def test_parse_goes_on_offline_counts_and_caches_nothing(
    parse_cli, private_db, tmp_path, monkeypatch, mode
):
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("GEOMAP_OFFLINE", raising=False)
    doc = tmp_path / "unsure.txt"
    doc.write_text(UNSURE, encoding="utf-8")
    with NominatimStub({}) as stub:
        stub.hang_seconds = 1.0  # then the connection closes with no answer
        stub.retry_after = "3600"
        monkeypatch.setenv("GEOMAP_GEOCODER", "nominatim")
        monkeypatch.setenv("GEOMAP_GEOCODER_URL", stub.url)
        if mode == "refuse":
            stub.stop()
        else:
            stub.mode = mode
        code, out, err = parse_cli(str(doc), "--format", "jsonl", db=private_db)
    assert code == 0, err
    (record,) = jsonl(out)
    assert [p["text"] for p in record["places"]] == ["Springfield", "Richmond"]
    assert all(p["place"] and "online" not in p["place"]["source"] for p in record["places"])
    summary = [line for line in err.splitlines() if "online lookups failed" in line]
    assert len(summary) == 1 and summary[0].startswith("geomap: warning: 2 online lookups")
    assert "Traceback" not in err
    assert cached_rows(private_db) == 0
