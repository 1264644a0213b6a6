"""Dates in every form the extractor reads, resolved against a publication date."""

from __future__ import annotations

from datetime import date

import pytest

from geomap.events.dates import find_dates

PUBLISHED = date(2021, 4, 14)  # a Wednesday


def one(text: str, published: date | None = PUBLISHED):
    found = find_dates(text, published)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("on April 2", date(2021, 4, 2), "day"),
        ("on the evening of April 2", date(2021, 4, 2), "day"),
        ("on the night of February 9", date(2021, 2, 9), "day"),
        ("February 9th", date(2021, 2, 9), "day"),
        ("9 February 2020", date(2020, 2, 9), "day"),
        ("Feb. 9, 2020", date(2020, 2, 9), "day"),
        ("2021-03-30", date(2021, 3, 30), "day"),
        ("yesterday", date(2021, 4, 13), "day"),
        ("the day before yesterday", date(2021, 4, 12), "day"),
        ("on Monday", date(2021, 4, 12), "day"),
        ("last Wednesday", date(2021, 4, 7), "day"),
        ("the last Friday of last year", date(2020, 12, 25), "day"),
        ("the first Monday of March", date(2021, 3, 1), "day"),
        ("at the end of 2020", date(2020, 12, 1), "month"),
        ("at the beginning of the year", date(2021, 1, 1), "month"),
        ("late 2019", date(2019, 12, 1), "month"),
        ("in March 2018", date(2018, 3, 1), "month"),
        ("in 2017", date(2017, 1, 1), "year"),
    ],
)
def test_absolute_and_publication_relative_forms(text, expected, precision):
    found = one(text)
    assert (found.date, found.precision) == (expected, precision)


def test_month_after_the_publication_month_means_last_year():
    assert one("on November 30").date == date(2020, 11, 30)


def test_impossible_date_is_rejected():
    found = one("on February 30")
    assert found.date is None and found.rejected == "impossible"


@pytest.mark.parametrize("text", ["on April 20", "May 3, 2022", "2030-01-01"])
def test_future_date_is_rejected(text):
    found = one(text)
    assert found.date is None and found.rejected == "future"


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("A few hours after the raid", 0),
        ("Hours later", 0),
        ("the next day", 1),
        ("Two days later", 2),
        ("on the same day", 0),
    ],
)
def test_forms_relative_to_the_previous_event(text, offset):
    found = one(text)
    assert found.relative and found.offset_days == offset and found.date is None


@pytest.mark.parametrize("text", ["He may return.", "the march ended", "in may"])
def test_words_that_look_like_months_are_not_dates(text):
    assert find_dates(text, PUBLISHED) == []


def test_without_publication_date_only_full_dates_resolve():
    assert one("on March 3, 2020", None).date == date(2020, 3, 3)
    assert one("yesterday", None).date is None
    assert one("on March 3", None).date is None


def test_offsets_are_document_offsets():
    text = "Intro. Rockets fell on April 2."
    found = find_dates(text, PUBLISHED, 7, len(text))[0]
    assert text[found.start : found.end] == found.text == "on April 2"
