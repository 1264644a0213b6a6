"""Code the rules' events with a learned model (:mod:`geomap.events.learn`).

The rules still find the events: their sentences, dates, places, numbers and actors. A model
trained on the user's coded data then codes what it learned (event type, sub-type, actor
categories, disorder type, civilian targeting) from each event's sentences. Its labels are used
as they are, even where they are not ACLED's (the user's codebook wins); the event's ``reason``
says what the model coded, with its probability, and what the rules had said where they differ.

Examples
--------
>>> from geomap.model import Event, SourceSentence
>>> event = Event("Battles", "Armed clash", None, None, None, None, "",
...               sentences=[SourceSentence("Police fired tear gas at marchers.", 0, 34)])
>>> code_event(model, event)                                    # doctest: +SKIP
>>> event.sub_event_type, event.reason                          # doctest: +SKIP
('Protest with intervention', 'event model: Protests (0.93), Protest with intervention ...')
"""

from __future__ import annotations

import os
from pathlib import Path

from geomap.events.learn import Coded, EventModel, load_model
from geomap.model import Event

__all__ = ["code_event", "resolve_event_model"]

# The order fields are told in the reason: what happened, then who.
_ORDER = ("event_type", "sub_event_type", "disorder_type", "civilian_targeting", "inter1", "inter2")


def _show(value: object) -> str:
    return "none" if value is None else str(value)


def code_event(model: EventModel, event: Event) -> None:
    """Set the fields ``model`` codes on ``event`` from its sentences; explain in ``reason``."""
    text = " ".join(s.text for s in event.sentences) or event.notes
    coded: dict[str, Coded] = model.code(text)
    said: list[str] = []
    rules: list[str] = []
    for name in _ORDER:
        answer = coded.get(name)
        if answer is None:
            continue
        before = getattr(event, name)
        said.append(f"{name} {_show(answer.label)} ({answer.probability:.2f})")
        if before is not None and before != answer.label:
            rules.append(f"{name} {_show(before)}")
        setattr(event, name, answer.label)
    reason = "event model: " + ", ".join(said)
    reason += "; the rules said " + ", ".join(rules) if rules else "; the rules agree"
    event.reason = f"{event.reason}; {reason}" if event.reason else reason


def resolve_event_model(model: EventModel | str | os.PathLike[str] | None) -> EventModel | None:
    """A model, loaded from a path when given one; ``None`` reads ``GEOMAP_EVENT_MODEL``."""
    if isinstance(model, EventModel):
        return model
    from geomap.settings import event_model_path

    path = Path(model) if model is not None else event_model_path()
    return load_model(path) if path is not None else None
