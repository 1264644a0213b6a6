"""Event records for the map tests, shaped like ``Event.to_dict()`` (with a gazetteer reason)."""

from __future__ import annotations

from typing import Any

__all__ = ["INJECTION", "event", "sample_events"]

#: Article text that would run script if any renderer let it through as markup.
INJECTION = '<script>window.__pwned = 1</script><img src="x" onerror="window.__pwned = 2">'


def event(
    event_type: str = "Explosions/Remote violence",
    name: str = "Taji",
    lat: float | None = 33.5239,
    lon: float | None = 44.2567,
    date: str | None = "2020-03-11",
    fatalities: int | None = 3,
    **extra: Any,
) -> dict[str, Any]:
    """One event record located at ``name``; ``extra`` overrides any field."""
    sentence = f"Eighteen rockets hit the {name} base north of Baghdad."
    record = {
        "event_type": event_type,
        "sub_event_type": "Shelling/artillery/missile attack",
        "date": date,
        "date_precision": "day" if date else None,
        "place": None
        if lat is None
        else {
            "name": name,
            "lat": lat,
            "lon": lon,
            "country_code": "IQ",
            "admin1": None,
            "kind": "military",
            "source": "airportsdata",
            "id": f"test:{name}",
        },
        "geo_precision": 1,
        "where": f"{name} base",
        "actor1": "Kataib Hezbollah",
        "actor2": "US military",
        "fatalities": fatalities,
        "injuries": None,
        "origin": None,
        "sentences": [{"text": sentence, "start": 100, "end": 100 + len(sentence)}],
        "document": "doc-1",
        "notes": "",
        "confidence": 0.8,
        "reason": "air base named in the text; near Baghdad",
    }
    record.update(extra)
    return record


def sample_events() -> list[dict[str, Any]]:
    """Four events of three types, one with an origin, one carrying injected markup."""
    return [
        event(),
        event(
            "Explosions/Remote violence",
            "Abu Kamal",
            34.45226,
            40.91854,
            "2020-03-12",
            26,
            sub_event_type="Air/drone strike",
            origin={"name": "Kuwait", "lat": 29.37, "lon": 47.98, "id": "test:kw"},
        ),
        event("Battles", "Kirkuk", 35.4681, 44.3922, "2019-12-27", 1),
        event(
            "Protests",
            "Tahrir Square",
            33.3342,
            44.4091,
            "2020-01-03",
            0,
            actor1=f"Crowd {INJECTION}",
            sentences=[
                {"text": f"Protesters at Tahrir Square shouted {INJECTION}", "start": 0, "end": 120}
            ],
            notes=INJECTION,
        ),
    ]
