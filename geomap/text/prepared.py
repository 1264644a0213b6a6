"""A document's text prepared once: what every stage reads of it besides its words.

The recogniser needs the boilerplate and the dateline, the events stage the boilerplate and
the sentences. Each is a scan of the whole text; :func:`prepare_text` makes each at most once
per document, on first use, and the stages share the result.

Examples
--------
>>> prepared = prepare_text("KABUL (AP) - Rockets hit the city. Two died.\\nFollow us on Twitter")
>>> prepared.dateline.name, prepared.sentences[:2]
('KABUL', [(0, 34), (35, 44)])
>>> prepared.boilerplate
[(45, 65)]
"""

from __future__ import annotations

from functools import cached_property

from geomap.text.clean import Dateline, find_boilerplate, find_dateline
from geomap.text.sentences import split_sentences

__all__ = ["PreparedText", "prepare_text"]


class PreparedText:
    """The scans of one document's text that more than one stage reads.

    Attributes
    ----------
    text
        The text itself; every span below indexes into it.
    boilerplate
        :func:`~geomap.text.clean.find_boilerplate`'s sorted spans.
    dateline
        :func:`~geomap.text.clean.find_dateline`'s answer.
    sentences
        :func:`~geomap.text.sentences.split_sentences`'s spans.

    Each is made on first use.
    """

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def boilerplate(self) -> list[tuple[int, int]]:
        return find_boilerplate(self.text)

    @cached_property
    def dateline(self) -> Dateline | None:
        return find_dateline(self.text)

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        return split_sentences(self.text)


def prepare_text(text: str) -> PreparedText:
    """Boilerplate, dateline and sentences of ``text``, each scanned once when first read."""
    return PreparedText(text)
