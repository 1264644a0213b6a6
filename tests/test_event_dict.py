"""An event's dictionary (``geomap parse`` output) holds every field, as dataclasses write it."""

from __future__ import annotations

from dataclasses import asdict, fields

from geomap.model import Event, SourceSentence


def _event() -> Event:
    place = {"name": "Marenfield", "lat": 1.5, "lon": 2.5, "country_code": "AA", "tags": [1, 2]}
    return Event(
        "Battles", "Armed clash", "2024-05-06", "day", place, 1, "in Marenfield",
        actor1="Rebels", actor2="Police", fatalities=3, injuries=0, origin=dict(place),
        sentences=[SourceSentence("Rebels fought police in Marenfield.", 0, 35)],
        document="d1", notes="n", confidence=0.75, inter1=2, inter2=1,
        disorder_type="Political violence", civilian_targeting=True, reason="r", sources=["d1"],
    )  # fmt: skip


def test_every_field_is_written_with_its_value() -> None:
    event = _event()
    written = event.to_dict()
    assert list(written) == [f.name for f in fields(Event)]
    assert written == asdict(event)


def test_the_dictionary_is_a_copy() -> None:
    event = _event()
    written = event.to_dict()
    written["place"]["tags"].append(3)
    written["sentences"][0]["text"] = "changed"
    written["sources"].append("d2")
    assert event.place is not None and event.place["tags"] == [1, 2]
    assert event.sentences[0].text.startswith("Rebels")
    assert event.sources == ["d1"]
