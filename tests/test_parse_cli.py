"""``geomap parse``, run the way users run it: files of every kind in, JSON/GeoJSON/CSV out."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from geomap.cli import main

CHECKOUT = Path(__file__).resolve().parents[1]


@pytest.fixture
def parse_cli(gazetteer_path, geoparser, capsys, monkeypatch):
    """Run ``geomap parse --db ... --offline ARGS``; return (exit code, stdout, stderr).

    The session's geoparser stands in for the one the command would open from ``--db`` (the
    same database), so each run skips loading the name table; the subprocess test at the end
    runs the command unaided.
    """
    from geomap.geoparse.parser import Geoparser

    real_open = Geoparser.open

    def open_shared(db_path=None, *, offline=True, **options):
        if Path(db_path) != gazetteer_path or offline is not True or any(options.values()):
            return real_open(db_path, offline=offline, **options)
        return geoparser

    monkeypatch.setattr(Geoparser, "open", staticmethod(open_shared))

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(["parse", "--db", str(gazetteer_path), "--offline", *argv])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def place_texts(result: dict) -> list[str]:
    return [p["text"] for p in result["places"]]


def jsonl(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_txt_file(parse_cli, tmp_path):
    path = write(tmp_path / "story.txt", "Floods hit Dhaka and Chittagong, Bangladesh said.\n")
    code, out, err = parse_cli(path)
    assert code == 0, err
    result = json.loads(out)
    assert result["id"] == "story"
    assert place_texts(result) == ["Dhaka", "Chittagong", "Bangladesh"]
    assert {p["place"]["country_code"] for p in result["places"]} == {"BD"}
    text = Path(path).read_text()
    for p in result["places"]:
        assert text[p["start"] : p["end"]] == p["text"]


def test_html_file_body_places_without_scripts(parse_cli, tmp_path):
    html = (
        "<!doctype html><html><head><title>Storm</title>"
        '<script>var city = "Tokyo";</script><style>.x{content:"Oslo"}</style></head>'
        "<body><h1>Typhoon</h1><p>Floods hit <b>Manila</b> and Cebu.</p>"
        '<script>track("Berlin")</script><p>The Philippines asked for aid.</p></body></html>'
    )
    code, out, err = parse_cli(write(tmp_path / "page.html", html))
    assert code == 0, err
    found = place_texts(json.loads(out))
    assert found == ["Manila", "Cebu", "Philippines"]
    assert not {"Tokyo", "Berlin", "Oslo"} & set(found)


def test_jsonl_with_a_malformed_line(parse_cli, tmp_path):
    lines = [
        json.dumps({"id": "a1", "text": "Protests spread in Nairobi."}),
        '{"id": "a2", "text": broken',
        json.dumps({"id": "a3", "text": "Rain flooded Lima."}),
    ]
    path = write(tmp_path / "batch.jsonl", "\n".join(lines) + "\n")
    code, out, err = parse_cli(path, "--format", "jsonl")
    assert code == 0
    records = jsonl(out)
    assert [r["id"] for r in records] == ["a1", "a2", "a3"]  # the broken line keeps its id
    assert "error" in records[1] and "line 2" in records[1]["error"]
    assert place_texts(records[0]) == ["Nairobi"]
    assert place_texts(records[2]) == ["Lima"]
    assert "line 2" in err and "Traceback" not in err


def test_stdin(parse_cli, monkeypatch):
    data = b"Ferries sailed from Helsinki to Tallinn."
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    code, out, err = parse_cli("-")
    assert code == 0, err
    result = json.loads(out)
    assert result["id"] == "stdin"
    assert place_texts(result) == ["Helsinki", "Tallinn"]


def test_format_geojson_uses_lon_lat(parse_cli, tmp_path):
    path = write(tmp_path / "peru.txt", "Rain flooded Lima overnight, Peru said.")
    code, out, _ = parse_cli(path, "--format", "geojson")
    assert code == 0
    collection = json.loads(out)
    assert collection["type"] == "FeatureCollection"
    lima = next(f for f in collection["features"] if f["properties"]["text"] == "Lima")
    assert lima["type"] == "Feature"
    assert lima["geometry"]["type"] == "Point"
    lon, lat = lima["geometry"]["coordinates"]
    assert lon == pytest.approx(-77.03, abs=0.2)
    assert lat == pytest.approx(-12.05, abs=0.2)
    assert lima["properties"]["document"] == "peru"


def test_format_json_many_inputs_is_a_list(parse_cli, tmp_path):
    first = write(tmp_path / "one.txt", "Snow fell in Oslo.")
    second = write(tmp_path / "two.txt", "Heat hit Athens.")
    code, out, _ = parse_cli(first, second, "--format", "json")
    assert code == 0
    results = json.loads(out)
    assert [r["id"] for r in results] == ["one", "two"]
    assert [place_texts(r) for r in results] == [["Oslo"], ["Athens"]]


HOSTILE_DOCS = [
    {
        "id": '=HYPERLINK("http://x")',
        "text": "=SUM(1) Protesters clashed with police in Dhaka on Monday.",
    },
    {"id": "+cmd", "text": "@risk Rain flooded Lima and Cusco."},
]


@pytest.mark.parametrize("output_format", ["csv", "places-csv"])
def test_csv_reads_back_and_neutralises_formulas(parse_cli, tmp_path, output_format):
    import pandas as pd

    path = write(tmp_path / "docs.jsonl", "".join(json.dumps(d) + "\n" for d in HOSTILE_DOCS))
    out_path = tmp_path / "out.csv"
    code, out, err = parse_cli(path, "--format", output_format, "-o", str(out_path))
    assert code == 0, err
    assert out == ""
    table = pd.read_csv(out_path, dtype=str, keep_default_na=False)
    assert len(table) >= 1
    cells = [value for column in table.columns for value in table[column]]
    for value in cells:
        assert not value.startswith(("=", "+", "@")), value
    assert any("HYPERLINK" in value for value in cells)
    assert any(value.startswith("'=") for value in cells)


def test_places_csv_has_one_row_per_mention(parse_cli, tmp_path):
    import pandas as pd

    path = write(tmp_path / "docs.jsonl", "".join(json.dumps(d) + "\n" for d in HOSTILE_DOCS))
    code, out, err = parse_cli(path, "--format", "places-csv")
    assert code == 0, err
    table = pd.read_csv(io.StringIO(out))
    assert list(table["text"]) == ["Dhaka", "Lima", "Cusco"]
    assert list(table["country_code"]) == ["BD", "PE", "PE"]
    assert table["lat"].between(-90, 90).all() and table["lon"].between(-180, 180).all()
    assert table["lon"][1] == pytest.approx(-77.03, abs=0.2)


def test_output_into_a_missing_directory_is_a_one_line_error(parse_cli, tmp_path):
    path = write(tmp_path / "a.txt", "Snow fell in Oslo.")
    code, _out, err = parse_cli(path, "-o", str(tmp_path / "missing" / "out.json"))
    assert code == 1
    lines = err.strip().splitlines()
    assert lines and lines[-1].startswith("geomap: error:")
    assert len(lines) == 1, err
    assert "missing" in lines[0]
    assert "Traceback" not in err
    assert not (tmp_path / "missing").exists()


def test_output_file(parse_cli, tmp_path):
    path = write(tmp_path / "a.txt", "Snow fell in Oslo.")
    target = tmp_path / "out.jsonl"
    code, out, _ = parse_cli(path, "--format", "jsonl", "-o", str(target))
    assert code == 0 and out == ""
    assert place_texts(jsonl(target.read_text(encoding="utf-8"))[0]) == ["Oslo"]


def test_spans_mode(parse_cli, tmp_path):
    text = "Protests spread from Quito to the coast near Guayaquil."
    quito, guayaquil = text.index("Quito"), text.index("Guayaquil")
    record = {
        "id": "s1",
        "text": text,
        "toponyms": [
            {"start": guayaquil, "end": guayaquil + 9},
            {"start": quito, "end": quito + 5},
            {"start": 3, "end": 3},
        ],
    }
    path = write(tmp_path / "spans.jsonl", json.dumps(record) + "\n")
    code, out, err = parse_cli(path, "--spans", "--format", "jsonl")
    assert code == 0, err
    places = jsonl(out)[0]["places"]
    assert [(p["start"], p["end"]) for p in places] == [
        (guayaquil, guayaquil + 9),
        (quito, quito + 5),
        (3, 3),
    ]
    assert [p["place"]["country_code"] if p["place"] else None for p in places] == [
        "EC",
        "EC",
        None,
    ]


def test_spans_mode_reads_the_whole_article(parse_cli, tmp_path):
    """Only the title town is given; the county and state the article names place it, and
    only the given span is output."""
    text = (
        "Lebanon is a city in Warren County, Ohio, between Cincinnati and Dayton. The city "
        "holds a carriage parade each December."
    )
    record = {"id": "w1", "text": text, "toponyms": [{"start": 0, "end": 7}]}
    path = write(tmp_path / "article.jsonl", json.dumps(record) + "\n")
    code, out, err = parse_cli(path, "--spans", "--format", "jsonl")
    assert code == 0, err
    places = jsonl(out)[0]["places"]
    assert [(p["start"], p["end"]) for p in places] == [(0, 7)]
    assert places[0]["place"]["country_code"] == "US"
    assert places[0]["place"]["admin1"] == "Ohio"


def test_date_sets_published(parse_cli, tmp_path):
    path = write(tmp_path / "a.txt", "Snow fell in Oslo.")
    code, out, _ = parse_cli(path, "--date", "2024-03-05")
    assert code == 0
    assert json.loads(out)["published"] == "2024-03-05"


@pytest.mark.parametrize("bad", ["2024-13-45", "yesterday", "05/03/2024"])
def test_date_that_does_not_parse_is_a_usage_error(parse_cli, tmp_path, capsys, bad):
    path = write(tmp_path / "a.txt", "Snow fell in Oslo.")
    with pytest.raises(SystemExit) as exit_info:
        parse_cli(path, "--date", bad)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "--date" in err and "Traceback" not in err


def test_empty_file(parse_cli, tmp_path):
    path = write(tmp_path / "empty.txt", "")
    code, out, err = parse_cli(path)
    assert code == 0, err
    result = json.loads(out)
    assert result["id"] == "empty"
    assert result["places"] == []


def test_text_without_places(parse_cli, tmp_path):
    path = write(tmp_path / "plain.txt", "The committee met and agreed to meet again next week.")
    code, out, _ = parse_cli(path)
    assert code == 0
    assert json.loads(out)["places"] == []


BINARY = bytes(range(256)) * 8 + b"\x00\x00\x01\x02\x03" * 50


def test_binary_file_alone_is_an_error_record_and_exit_1(parse_cli, tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(BINARY)
    code, out, err = parse_cli(str(path))
    assert code == 1
    record = json.loads(out)
    assert record["id"] == "image"
    assert "binary" in record["error"]
    assert "Traceback" not in err


def test_binary_file_among_good_ones_exits_0(parse_cli, tmp_path):
    bad = tmp_path / "blob.txt"
    bad.write_bytes(BINARY)
    good = write(tmp_path / "good.txt", "Snow fell in Oslo.")
    code, out, _ = parse_cli(str(bad), good, "--format", "jsonl")
    assert code == 0
    records = jsonl(out)
    assert "error" in records[0]
    assert place_texts(records[1]) == ["Oslo"]


def test_latin1_and_utf16_files_decode(parse_cli, tmp_path):
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Grèves à São Paulo et à Montréal, a dit le Brésil.".encode("latin-1"))
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes("Talks in Kraków and Gdańsk ended; Poland agreed.".encode("utf-16"))
    assert utf16.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    code, out, err = parse_cli(str(latin), str(utf16), "--format", "jsonl")
    assert code == 0, err
    first, second = jsonl(out)
    assert {"São Paulo", "Montréal"} <= set(place_texts(first))
    assert place_texts(second) == ["Kraków", "Gdańsk", "Poland"]
    assert {p["place"]["country_code"] for p in second["places"]} == {"PL"}


def test_one_megabyte_single_line(parse_cli, tmp_path):
    filler = "the committee discussed harvests, rainfall and prices with local farmers; "
    body = filler * (1_000_000 // len(filler))
    middle = len(body) // 2
    text = "Officials in Nairobi said " + body[:middle] + " Kampala " + body[middle:] + " Kigali"
    assert "\n" not in text and len(text) > 1_000_000
    path = write(tmp_path / "big.txt", text)
    code, out, err = parse_cli(path, "--format", "jsonl")
    assert code == 0, err
    result = jsonl(out)[0]
    assert place_texts(result) == ["Nairobi", "Kampala", "Kigali"]
    for p in result["places"]:
        assert text[p["start"] : p["end"]] == p["text"]


def test_subprocess_exit_codes_and_clean_stderr(gazetteer_path, tmp_path):
    bad = tmp_path / "blob.txt"
    bad.write_bytes(BINARY)
    command = [sys.executable, "-m", "geomap", "parse", "--db", str(gazetteer_path), "--offline"]
    proc = subprocess.run(
        [*command, str(bad), "-o", str(tmp_path / "nowhere" / "x.json")],
        capture_output=True,
        text=True,
        cwd=CHECKOUT,
        timeout=300,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip()
    assert all(line.startswith("geomap: ") for line in proc.stderr.strip().splitlines())
    good = tmp_path / "good.txt"
    good.write_text("Snow fell in Oslo.", encoding="utf-8")
    proc = subprocess.run(
        [*command, str(good), "--format", "jsonl"],
        capture_output=True,
        text=True,
        cwd=CHECKOUT,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert place_texts(jsonl(proc.stdout)[0]) == ["Oslo"]


def test_timeout_bounds_a_long_document_with_one_worker(gazetteer_path, tmp_path):
    # One worker is the default for a file or two; --timeout used to be ignored there, and a
    # long document ran for minutes. Now it becomes an error record and the run goes on.
    story = "Gunmen attacked a checkpoint in Mosul on May 2, killing two policemen. " * 20000
    long = write(tmp_path / "long.txt", story)
    short = write(tmp_path / "short.txt", "Snow fell in Oslo.")
    command = [sys.executable, "-m", "geomap", "parse", "--db", str(gazetteer_path), "--offline"]
    proc = subprocess.run(
        [*command, "--timeout", "3", "--format", "jsonl", long, short],
        capture_output=True,
        text=True,
        cwd=CHECKOUT,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    first, second = jsonl(proc.stdout)
    assert first["id"] == "long" and first["error"] == "parse failed: timed out after 3 s"
    assert place_texts(second) == ["Oslo"]
    assert "geomap: error: parse failed: timed out after 3 s" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("seconds", ["0", "-2"])
def test_a_timeout_that_is_not_positive_is_refused(parse_cli, tmp_path, seconds):
    path = write(tmp_path / "story.txt", "Snow fell in Oslo.")
    code, out, err = parse_cli(path, "--timeout", seconds)
    assert code == 1 and out == ""
    assert (
        err == f"geomap: error: the timeout must be a positive number of seconds, got {seconds}\n"
    )
