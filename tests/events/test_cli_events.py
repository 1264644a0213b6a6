"""``geomap parse`` with events: JSON, the ACLED-like CSV that pandas reads back, bad --date."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from geomap.cli import main
from geomap.render.table import EVENT_TABLE_COLUMNS, write_event_table

ARTICLE = (
    "Rioters torched six cars in Lyon on May 1.\n\n"
    "Gunmen killed =2+3 villagers, the report said.\n\n"
    "On May 3, warplanes struck a depot near Aleppo, killing 7 fighters and wounding 11."
)


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_parse_json_has_events(article, gazetteer_path, capsys):
    assert main(["parse", str(article), "--date", "2023-05-20", "--db", str(gazetteer_path)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert [e["sub_event_type"] for e in result["events"]] == [
        "Violent demonstration",
        "Air/drone strike",
    ]


def test_parse_csv_is_the_event_table_pandas_reads_back(article, gazetteer_path, capsys):
    code = main(
        ["parse", str(article), "--date", "2023-05-20", "--format", "csv",
         "--db", str(gazetteer_path)]
    )  # fmt: skip
    assert code == 0
    out = capsys.readouterr().out
    table = pd.read_csv(io.StringIO(out))
    assert tuple(table.columns) == EVENT_TABLE_COLUMNS
    strike = table[table["sub_event_type"] == "Air/drone strike"].iloc[0]
    assert (strike["event_date"], strike["time_precision"]) == ("2023-05-03", 1)
    assert (strike["fatalities"], strike["injuries"], strike["geo_precision"]) == (7, 11, 2)
    assert strike["country"] == "SY"


def test_event_table_round_trip_and_formula_cells():
    events = [
        {"date": "2023-05-03", "date_precision": "day", "event_type": "Riots",
         "sub_event_type": "Mob violence", "actor1": "=HYPERLINK(1)", "actor2": "-x",
         "place": {"name": "Lyon", "lat": 45.75, "lon": -4.85, "country_code": "FR",
                   "admin1": "Auvergne-Rhône-Alpes"},
         "geo_precision": 1, "notes": "a, \"quoted\"\nnote", "fatalities": 0, "injuries": 3},
    ]  # fmt: skip
    out = io.StringIO()
    assert write_event_table([{"id": "doc", "events": events}, {"error": "x"}], out) == 1
    row = pd.read_csv(io.StringIO(out.getvalue())).iloc[0]
    assert row["actor1"] == "'=HYPERLINK(1)" and row["actor2"] == "'-x"
    assert row["longitude"] == -4.85 and row["notes"] == 'a, "quoted"\nnote'
    assert (row["fatalities"], row["injuries"], row["source"]) == (0, 3, "doc")


@pytest.mark.parametrize("bad", ["2023-02-30", "13/05/2023", "yesterday"])
def test_bad_date_is_a_clear_error(article, bad, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["parse", str(article), "--date", bad])
    assert exit_info.value.code == 2
    assert "expected a date as YYYY-MM-DD" in capsys.readouterr().err
