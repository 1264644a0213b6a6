"""``geomap parse``'s JSON output: the indented text is exactly what :func:`json.dumps` writes."""

from __future__ import annotations

import enum
import json
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


def test_any_json_value_gives_the_same_text() -> None:
    hypothesis = pytest.importorskip("hypothesis")
    st = hypothesis.strategies
    scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
    values = st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
        max_leaves=30,
    )

    @hypothesis.settings(max_examples=300, deadline=None)
    @hypothesis.given(values)
    def check(value: Any) -> None:
        assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=1)

    check()
