"""Counting the dead and injured, in words and digits."""

from __future__ import annotations

import pytest

from geomap.events.numbers import casualties, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("seven", 7),
        ("twenty-six", 26),
        ("one hundred and nine", 109),
        ("5,200", 5200),
        ("a dozen", 12),
        ("dozens", 12),  # ACLED's convention
        ("tens", 10),
        ("hundreds", 100),
        ("between 10 and 12", 10),  # a range: its lower bound, as ACLED codes it
        ("10-12", 10),
        ("ten to twelve", 10),
        ("several", None),
        ("many", None),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("sentence", "fatalities", "injuries"),
    [
        ("The blast killed two police officers and one passer-by.", 3, None),
        ("At least 14 soldiers were killed and about 30 injured.", 14, 30),
        ("Eleven people died.", 11, None),
        ("The shelling left 4 dead.", 4, None),
        ("The death toll rose to 31.", 31, None),
        ("Dozens of villagers were killed.", 12, None),
        ("Between 10 and 12 miners were killed.", 10, None),
        ("Gunmen killed 10-12 herders.", 10, None),
        ("A bomb killed a policeman and wounded four bystanders.", 1, 4),
        ("A local judge was killed in the ambush.", 1, None),
        ("No one was killed.", 0, None),
        ("Not a single guard was seriously injured.", 0, 0),
        ("There were no casualties.", 0, 0),
        ("Several people were killed.", None, None),
        ("The army deployed 3,000 troops.", None, None),
    ],
)
def test_casualties(sentence, fatalities, injuries):
    assert casualties(sentence) == (fatalities, injuries)
