"""The optional NER back end: entities the gazetteer lacks are added, never duplicated."""

from __future__ import annotations

from geomap.model import Document, Mention
from geomap.ner import add_entities


def _finder(spans):
    return lambda text: spans


def test_place_entities_the_gazetteer_lacks_are_added_in_order() -> None:
    text = "Shelling hit Xqzabad and Kabul."
    existing = [Mention("Kabul", 25, 30)]
    merged = add_entities(text, existing, _finder([(13, 20, "GPE"), (25, 30, "GPE")]))
    assert [(m.text, m.start) for m in merged] == [("Xqzabad", 13), ("Kabul", 25)]


def test_people_organisations_and_blank_spans_are_not_places() -> None:
    text = "Mackenzie of CENTCOM spoke."
    spans = [(0, 9, "PERSON"), (13, 20, "ORG"), (9, 10, "GPE")]
    assert add_entities(text, [], _finder(spans)) == []


def test_an_entity_overlapping_a_gazetteer_mention_is_dropped() -> None:
    text = "Baghdad International Airport was closed."
    existing = [Mention("Baghdad International Airport", 0, 29)]
    merged = add_entities(text, existing, _finder([(0, 7, "GPE"), (0, 29, "FAC")]))
    assert merged == existing


def test_the_geoparser_resolves_what_the_back_end_adds(gazetteer) -> None:
    from geomap.geoparse.parser import Geoparser

    text = "Clashes were reported in the old quarter of Mosul yesterday."
    start = text.index("Mosul")
    # A back end that sees the name as written, whatever the gazetteer recogniser does.
    parser = Geoparser(
        gazetteer, offline=True, with_events=False, ner=_finder([(start, start + 5, "GPE")])
    )
    places = parser.parse(Document("n", text)).places
    assert [(p.mention.text, p.place.country_code) for p in places] == [("Mosul", "IQ")]
