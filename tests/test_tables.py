"""Tests of geomap.tables: geocoding a DataFrame column through the gazetteer."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from geomap.errors import InputError
from geomap.tables import GEOCODE_COLUMNS, frame_events, geocode_frame


def test_adds_the_geocode_columns(gazetteer) -> None:
    frame = pd.DataFrame({"town": ["Baghdad", "Kirkuk"], "deaths": [3, 1]})
    result = geocode_frame(frame, "town", gazetteer=gazetteer)
    assert list(result.columns) == ["town", "deaths", *GEOCODE_COLUMNS]
    assert result["country_code"].tolist() == ["IQ", "IQ"]
    assert result.loc[0, "lat"] == pytest.approx(33.34, abs=0.1)
    assert 0 < result.loc[0, "confidence"] <= 1
    assert "lat" not in frame.columns  # the input frame is left alone


def test_country_column_takes_codes_and_names(gazetteer) -> None:
    frame = pd.DataFrame({"town": ["Tripoli", "Tripoli"], "country": ["LB", "Libya"]})
    result = geocode_frame(frame, "town", "country", gazetteer=gazetteer)
    assert result["country_code"].tolist() == ["LB", "LY"]


def test_empty_and_unknown_names_stay_missing(gazetteer) -> None:
    frame = pd.DataFrame({"town": ["", None, "Qwxzzyq", "x" * 500]})
    result = geocode_frame(frame, "town", gazetteer=gazetteer)
    assert all(math.isnan(v) for v in result["lat"].astype(float))


def test_missing_column_names_the_columns_that_exist(gazetteer) -> None:
    frame = pd.DataFrame({"town": ["Baghdad"], "deaths": [1]})
    with pytest.raises(
        InputError, match="no column 'location' in the table; its columns are: town, deaths"
    ):
        geocode_frame(frame, "location", gazetteer=gazetteer)
    with pytest.raises(InputError, match="no column 'nation'"):
        geocode_frame(frame, "town", "nation", gazetteer=gazetteer)


def test_frame_events(gazetteer) -> None:
    frame = pd.DataFrame(
        {
            "town": ["Kirkuk", "Qwxzzyq"],
            "event_type": ["Riots", "Riots"],
            "when": ["2020-01-05", "soon"],
            "note": ["=1+1", ""],
        }
    )
    events, problems = frame_events(
        geocode_frame(frame, "town", gazetteer=gazetteer),
        "town",
        date_column="when",
        source="t.csv",
    )
    assert events[0]["event_type"] == "Riots" and events[0]["date"] == "2020-01-05"
    assert (
        events[0]["place"]["name"] == "Kirkuk"
        and events[0]["notes"] == "note: =1+1"  # type and date columns are not repeated
    )
    assert events[1]["place"] is None and events[1]["date"] is None
    assert problems == ["t.csv row 3: 'Qwxzzyq' not found in the gazetteer; not mapped"]
