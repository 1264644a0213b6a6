"""A document's text prepared once and read by both the recogniser and the events stage."""

from __future__ import annotations

from datetime import date

import pytest

from geomap.events import extract_events
from geomap.geoparse.names import NameInfo
from geomap.geoparse.recognize import Recognizer
from geomap.model import Document
from geomap.text import prepared as prepared_module
from geomap.text.prepared import prepare_text

TEXT = (
    "KORVALA (Wire) - Protesters marched through Korvala on Monday.\n"
    "Police fired tear gas at the crowd.\n"
    "Follow us on Twitter\n"
)


def test_each_scan_of_the_text_runs_once_for_both_stages(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: dict[str, int] = {}

    def counted(name: str):
        real = getattr(prepared_module, name)

        def wrapper(text: str):
            calls[name] = calls.get(name, 0) + 1
            return real(text)

        return wrapper

    for name in ("find_boilerplate", "find_dateline", "split_sentences"):
        monkeypatch.setattr(prepared_module, name, counted(name))
    recognizer = Recognizer({"korvala": NameInfo(0.3, False, False, False, 0.0, False).pack()})
    prepared = prepare_text(TEXT)
    mentions = recognizer.mentions(TEXT, prepared)
    document = Document("d", TEXT)
    events = extract_events(document, [], published=date(2024, 5, 8), prepared=prepared)
    assert calls == {"find_boilerplate": 1, "find_dateline": 1, "split_sentences": 1}
    assert [m.role for m in mentions] == ["dateline", "toponym"]
    assert [e.event_type for e in events] == ["Protests"]
    # The same answers as each stage finding them itself.
    assert mentions == recognizer.mentions(TEXT)
    assert events == extract_events(document, [], published=date(2024, 5, 8))


def test_a_prepared_text_of_another_text_is_not_used() -> None:
    recognizer = Recognizer({"korvala": NameInfo(0.3, False, False, False, 0.0, False).pack()})
    other = prepare_text("Nothing here.")
    assert recognizer.mentions(TEXT, other) == recognizer.mentions(TEXT)
