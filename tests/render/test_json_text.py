"""``geomap parse``'s JSON output: the indented text is exactly what :func:`json.dumps` writes."""

from __future__ import annotations

import enum
import json
import random
from typing import Any

import pytest

from geomap.render.json_text import dumps_indented


class _Level(enum.IntEnum):
    HIGH = 3


VALUES: list[Any] = [
    {"document": {"id": "n1", "text": "Floods hit Gulu, Uganda.\nRoads closed."}, "events": []},
    {"places": [{"name": "Gulu", "lat": 2.78, "lon": 32.3, "population": 150_000}]},
    {"empty": {}, "none": None, "flags": [True, False], "nested": [[], [[]], {"a": {}}]},
    {7: "int key", 2.5: "float key", None: "null key", False: "bool key"},
    [float("nan"), float("inf"), -float("inf"), -0.0, 1e300, 0.1 + 0.2],
    ("a tuple", 'é ✓ "quoted" \\ \t'),
    {"an int enum value": _Level.HIGH},
    # The same keys first and later in a dict, at several depths, and in repeated records.
    {"a": [{"a": 1, "b": {"a": 2, "b": [{"b": 0.5}]}}, {"b": 1.5, "a": -3}], "b": {"a": None}},
    "just a string",
    42,
    None,
]


@pytest.mark.parametrize("value", VALUES, ids=range(len(VALUES)))
@pytest.mark.parametrize("indent", [1, 2])
def test_same_text_as_json_dumps(value: Any, indent: int) -> None:
    assert dumps_indented(value, indent) == json.dumps(value, ensure_ascii=False, indent=indent)


def test_what_json_cannot_write_fails_as_json_dumps_does() -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        dumps_indented({"when": object()})
    with pytest.raises(TypeError, match="keys must be"):
        dumps_indented({(1, 2): "a tuple key"})


def _random_value(rng: random.Random, depth: int = 0) -> Any:
    """A JSON value of random shape: nested containers, odd floats, any characters."""
    roll = rng.random()
    if depth < 4 and roll < 0.3:
        return [_random_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    if depth < 4 and roll < 0.6:
        return {_random_text(rng): _random_value(rng, depth + 1) for _ in range(rng.randrange(4))}
    scalars = [
        None,
        rng.random() < 0.5,
        rng.randrange(-(10**20), 10**20),
        rng.uniform(-1e6, 1e6),
        rng.choice([float("nan"), float("inf"), -float("inf"), 0.0, -0.0, 5e-324, 1.7e308]),
        _random_text(rng),
    ]
    return rng.choice(scalars)


def _random_text(rng: random.Random) -> str:
    alphabet = 'aZ é✓"\\\n\t\x00\x1f\u2028\ud800😀'
    return "".join(rng.choice(alphabet) for _ in range(rng.randrange(6)))


def test_any_json_value_gives_the_same_text() -> None:
    rng = random.Random(15)
    for _ in range(2000):
        value = _random_value(rng)
        assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=1)
