"""Tests of the ``geomap map`` and ``geomap geocode-table`` commands."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from map_samples import sample_events

from geomap.cli import main
from geomap.render.geojson import events_feature_collection


@pytest.fixture
def env(tmp_path: Path, gazetteer_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The gazetteer under test and a private output directory; returns the latter."""
    monkeypatch.setenv("GEOMAP_DB", str(gazetteer_path))
    monkeypatch.setenv("GEOMAP_OUTPUT_DIR", str(tmp_path / "out"))
    monkeypatch.setenv("GEOMAP_OFFLINE", "1")
    return tmp_path / "out"


def _data(page: str) -> dict:
    return json.loads(
        re.search(r'<script type="application/json" id="[\w-]+">(.*?)</script>', page).group(1)
    )


def test_events_file_to_map_and_every_export(tmp_path: Path, env: Path, capsys) -> None:
    source = tmp_path / "events.geojson"
    source.write_text(json.dumps(events_feature_collection(sample_events())), encoding="utf-8")
    out = {s: tmp_path / f"x.{s}" for s in ("geojson", "csv", "kml", "svg")}
    code = main(["map", str(source), *(a for s, p in out.items() for a in (f"--{s}", str(p)))])
    assert code == 0
    page = (env / "events.html").read_text(encoding="utf-8")  # the default place
    assert len(_data(page)["ev"]) == 4
    assert len(json.loads(out["geojson"].read_text())["features"]) == 4
    assert len(list(csv.DictReader(out["csv"].open(encoding="utf-8")))) == 4
    assert out["kml"].read_text().count("<Placemark>") == 4
    assert out["svg"].read_text().startswith("<svg")
    assert "4 of 4 events mapped" in capsys.readouterr().out


def test_bad_rows_are_reported_and_the_rest_mapped(tmp_path: Path, env: Path, capsys) -> None:
    source = tmp_path / "events.csv"
    source.write_text("event_type,latitude,longitude\nRiots,30.5,47.8\nRiots,north,47\n")
    assert main(["map", str(source), "-o", str(tmp_path / "m.html")]) == 0
    captured = capsys.readouterr()
    assert f"geomap: warning: {source} row 3: latitude 'north' is not a number" in captured.err
    assert "1 of 2 events mapped" in captured.out
    assert _data((tmp_path / "m.html").read_text())["unmapped"] == 1


def test_empty_article_gives_a_no_events_map(tmp_path: Path, env: Path) -> None:
    article = tmp_path / "empty.txt"
    article.write_text("")
    code = main(["map", str(article), "-o", str(tmp_path / "m.html")])
    data = _data((tmp_path / "m.html").read_text())
    assert data["ev"] == [] and data["places"] == []
    assert code in (0, 1)  # an empty file may be reported as an input error, never a crash


def test_article_end_to_end(tmp_path: Path, env: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Rockets hit Kirkuk on Monday. Officials in Basra and Mosul condemned it.\n")
    geojson = tmp_path / "a.geojson"
    assert main(["map", str(article), "--date", "2020-03-13", "--geojson", str(geojson)]) == 0
    data = _data((env / "a.html").read_text(encoding="utf-8"))
    mentioned = {m for p in data["places"] for m in p[2]["m"]}
    located = mentioned | {i.get("p") for i in data["info"]}
    assert {"Basra", "Mosul"} <= located
    assert json.loads(geojson.read_text())["type"] == "FeatureCollection"


def test_missing_output_directory_is_one_line(tmp_path: Path, env: Path, capsys) -> None:
    source = tmp_path / "e.geojson"
    source.write_text(json.dumps(events_feature_collection(sample_events())))
    code = main(["map", str(source), "--kml", str(tmp_path / "nowhere" / "x.kml")])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "does not exist" in err


def test_table_with_a_wrong_column(tmp_path: Path, env: Path, capsys) -> None:
    table = tmp_path / "t.csv"
    table.write_text("town,deaths\nKirkuk,1\n")
    assert main(["map", str(table), "--place-column", "location"]) == 1
    assert "its columns are: town, deaths" in capsys.readouterr().err


def test_geocode_table(tmp_path: Path, env: Path, capsys) -> None:
    table = tmp_path / "t.csv"
    table.write_text("town,note\nKirkuk,=cmd()\nMosul,\n")
    out = tmp_path / "out.csv"
    assert main(["geocode-table", str(table), "--place-column", "town", "-o", str(out)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["country_code"] for r in rows] == ["IQ", "IQ"]
    assert [r["place_name"] for r in rows] == ["Kirkuk", "Mosul"]  # the choice, to review
    assert rows[0]["kind"] and float(rows[0]["confidence"]) > 0
    assert "matched" in rows[0]["reason"]
    assert rows[0]["note"] == "'=cmd()"  # formula neutralised
    assert "geocoded 2 of 2 rows" in capsys.readouterr().err


def test_a_border_of_two_countries_is_mapped(tmp_path: Path, env: Path) -> None:
    # It used to raise a GEOSException in the events stage and the whole map was lost.
    article = tmp_path / "border.txt"
    article.write_text("Shelling hit a village on the Russian-Ukrainian border on May 6.\n")
    geojson = tmp_path / "b.geojson"
    assert main(["map", str(article), "--date", "2024-05-08", "--geojson", str(geojson)]) == 0
    (feature,) = json.loads(geojson.read_text())["features"]
    assert feature["properties"]["place_kind"] == "border"


def test_a_document_that_fails_is_reported_and_the_rest_mapped(
    tmp_path: Path, env: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    from geomap.geoparse.parser import Geoparser

    real_parse = Geoparser.parse

    def parse(self, document):  # any fault inside parsing, planted here
        if "PLANTED" in document.text:
            raise ValueError("planted fault")
        return real_parse(self, document)

    monkeypatch.setattr(Geoparser, "parse", parse)
    bad = tmp_path / "bad.txt"
    bad.write_text("PLANTED: rockets hit Basra on Monday.\n")
    good = tmp_path / "good.txt"
    good.write_text("Rockets hit Kirkuk on Monday.\n")
    target = tmp_path / "m.html"
    assert main(["map", str(bad), str(good), "--date", "2020-03-13", "-o", str(target)]) == 0
    captured = capsys.readouterr()
    assert f"geomap: warning: {bad}: parse failed: ValueError: planted fault" in captured.err
    assert "1 of 1 events mapped" in captured.out
    assert [e["p"] for e in _data(target.read_text())["info"]] == ["Kirkuk"]
    # Nothing could be processed: a map is still written, and the exit code says so.
    assert main(["map", str(bad), "-o", str(target)]) == 1


def test_unreadable_input_writes_no_map(tmp_path: Path, env: Path, capsys) -> None:
    target = tmp_path / "m.html"
    assert main(["map", str(tmp_path / "missing.txt"), "-o", str(target)]) == 1
    assert not target.exists()
    assert "not written" in capsys.readouterr().err


def test_empty_events_file_gives_a_map_saying_no_events(tmp_path: Path, env: Path) -> None:
    source = tmp_path / "none.geojson"
    source.write_text('{"type": "FeatureCollection", "features": []}')
    assert main(["map", str(source), "-o", str(tmp_path / "m.html")]) == 0
    assert _data((tmp_path / "m.html").read_text())["ev"] == []


def test_acled_export_maps_with_no_options(tmp_path: Path, env: Path) -> None:
    export = tmp_path / "acled.csv"
    export.write_text(
        "event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,actor2,"
        "country,admin1,location,latitude,longitude,geo_precision,source,notes,fatalities\n"
        "XYZ1,05 January 2020,1,Battles,Armed clash,Militia A,Army B,Iraq,Ninewa,Sinjar,"
        '36.32,41.87,2,Local paper,"On 5 January, Militia A fought Army B in Sinjar.",4\n'
        "XYZ2,2020-01-07,2,Protests,Peaceful protest,Protesters,,Iraq,Basra,Basra,"
        "30.51,47.81,1,Wire,A march in Basra.,0\n",
        encoding="utf-8",
    )
    assert main(["map", str(export), "-o", str(tmp_path / "m.html")]) == 0
    data = _data((tmp_path / "m.html").read_text())
    assert [t["name"] for t in data["types"]] == ["Battles", "Protests"]
    assert data["dates"] == ["2020-01-05", "2020-01-07"]
    sinjar = next(i for i, info in enumerate(data["info"]) if info["p"] == "Sinjar")
    assert data["ev"][sinjar][4] == 4
    assert data["info"][sinjar]["n"].startswith("On 5 January")
    assert data["info"][sinjar]["doc"] == ["Local paper"] and data["info"][sinjar]["dp"] == "day"


def test_table_columns_for_type_date_toll_and_label(tmp_path: Path, env: Path) -> None:
    table = tmp_path / "incidents.csv"
    table.write_text(
        "town,what,when,dead,headline,reporter\n"
        "Kirkuk,Riots,2021-04-02,2,Shops burned in the market,Ann\n"
    )
    args = ["--place-column", "town", "--type-column", "what", "--date-column", "when"]
    args += ["--fatalities-column", "dead", "--label-column", "headline"]
    assert main(["map", str(table), *args, "-o", str(tmp_path / "m.html")]) == 0
    data = _data((tmp_path / "m.html").read_text())
    assert [t["name"] for t in data["types"]] == ["Riots"]
    assert data["dates"] == ["2021-04-02"] and data["ev"][0][4] == 2
    info = data["info"][0]
    assert info["s"][0][0] == "Shops burned in the market"
    assert info["n"] == "reporter: Ann" and "Kirkuk" in info["r"]


def test_png_is_the_static_map(tmp_path: Path, env: Path) -> None:
    from geomap.render.browser import chromium_path

    if not Path(chromium_path()).is_file():
        pytest.skip("no chromium: apt-get install chromium (as .ci/run does)")
    source = tmp_path / "e.geojson"
    source.write_text(json.dumps(events_feature_collection(sample_events())))
    png = tmp_path / "m.png"
    assert main(["map", str(source), "-o", str(tmp_path / "m.html"), "--png", str(png)]) == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(png.read_bytes()[16:20], "big") == 1000  # the SVG's own width
