"""Property-based tests of the text pipeline: any text parses, and offsets index the text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap.model import Document
from geomap.text import read_documents
from geomap.text.read import decode_bytes, html_to_text

PLACES = ["Baghdad", "Paris", "São Paulo", "Kraków", "Al Qa'im", "New York", "Gaza", "Iraq"]
GLUE = [" ", ", ", ". ", "\n", "\n\n", " in ", " near ", " north of ", "(", ")", "\u00a0", "—"]

# Mostly text that names places (mentions to check), plus anything at all.
news_like = st.lists(st.sampled_from(PLACES) | st.sampled_from(GLUE) | st.text(max_size=8)).map(
    "".join
)
any_text = news_like | st.text(max_size=300)
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(text=any_text)
def test_any_text_parses_and_mentions_index_it(geoparser, text: str) -> None:
    result = geoparser.parse(Document("h", text))
    for place in result.places:
        m = place.mention
        assert 0 <= m.start <= m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert 0.0 <= place.confidence <= 1.0
    for event in result.events:  # the sentences an event was read from index the text too
        for sentence in event.sentences:
            assert text[sentence.start : sentence.end] == sentence.text
    record = result.to_dict()
    assert [p["text"] for p in record["places"]] == [p.mention.text for p in result.places]


@SETTINGS
@given(text=news_like)
def test_named_places_are_found_in_place(geoparser, text: str) -> None:
    for place in geoparser.parse(Document("h", text)).places:
        assert text[place.mention.start : place.mention.end] == place.mention.text


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=400))
def test_any_bytes_decode_or_are_refused_cleanly(data: bytes) -> None:
    from geomap.errors import InputError

    try:
        text = decode_bytes(data, "x")
    except InputError as exc:
        assert "binary" in str(exc)
        return
    assert "\r" not in text and "\x00" not in text


@settings(max_examples=100, deadline=None)
@given(markup=st.text(alphabet=st.sampled_from(list("<>/=\"'ab pscript!-&;#x")), max_size=200))
def test_any_markup_gives_text(markup: str) -> None:
    text, meta = html_to_text(markup)
    assert isinstance(text, str) and isinstance(meta, dict)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory):
    return tmp_path_factory.mktemp("props")


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".txt", ".html", ".jsonl"]))
def test_any_file_gives_records_and_never_raises(scratch, data: bytes, suffix: str) -> None:
    path = scratch / f"f{suffix}"
    path.write_bytes(data)
    items = list(read_documents([path]))
    if suffix != ".jsonl":
        assert len(items) == 1
    assert all(item.id for item in items)
