"""Tests of :func:`geomap.text.sentences.split_sentences`."""

from __future__ import annotations

import itertools

import pytest

from geomap.text.sentences import MAX_SENTENCE_CHARS, split_sentences


def _sentences(text: str) -> list[str]:
    spans = split_sentences(text)
    for start, end in spans:
        piece = text[start:end]
        assert piece and piece == piece.strip(), (start, end, piece)
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    return [text[s:e] for s, e in spans]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two! Three? Four", ["One.", "Two!", "Three?", "Four"]),
        (
            "Mr. Smith met Gen. Milley and Sen. Graham. They talked.",
            ["Mr. Smith met Gen. Milley and Sen. Graham.", "They talked."],
        ),
        ("Dr. Lt. Col. Sgt. Capt. Maj. Adm. Rep. Gov. Pres. Jones left.", None),
        (
            "St. Petersburg and Mt. Etna and Ft. Worth. Then home.",
            ["St. Petersburg and Mt. Etna and Ft. Worth.", "Then home."],
        ),
        ("Building No. 5 was hit. Police came.", ["Building No. 5 was hit.", "Police came."]),
        (
            "On Jan. 5 and Sept. 11 it rained. Dry after.",
            ["On Jan. 5 and Sept. 11 it rained.", "Dry after."],
        ),
        (
            "U.S. President Joe Biden and U.N. officials met. Talks ended.",
            ["U.S. President Joe Biden and U.N. officials met.", "Talks ended."],
        ),
        (
            "Troops went home to the U.S. The war was over.",
            ["Troops went home to the U.S.", "The war was over."],
        ),
        (
            "At 5 p.m. Monday the E.U. Commission met. It agreed.",
            ["At 5 p.m. Monday the E.U. Commission met.", "It agreed."],
        ),
        ("Apple Inc. Chief Tim Cook and Acme Ltd. Director spoke.", None),
        (
            "John F. Kennedy was shot in Dallas. He died.",
            ["John F. Kennedy was shot in Dallas.", "He died."],
        ),
        (
            "Growth was 3.5 percent. Inflation rose to 2.1. Prices fell.",
            ["Growth was 3.5 percent.", "Inflation rose to 2.1.", "Prices fell."],
        ),
        ('"We will win." He left.', ['"We will win."', "He left."]),
        ('He said: "We will win!" Then he left.', ['He said: "We will win!"', "Then he left."]),
        (
            "The deal collapsed (again.) Talks resume.",
            ["The deal collapsed (again.)", "Talks resume."],
        ),
        ('It ended. "Never again," she said.', ["It ended.", '"Never again," she said.']),
        ("Wait... What happened?", ["Wait...", "What happened?"]),
        (
            'Asked again, she said "No." Then she left.',
            ['Asked again, she said "No."', "Then she left."],
        ),
        ("In 2023. 2024 was worse.", ["In 2023.", "2024 was worse."]),
        ("lower case. after a period stays", None),
        ("See example.com. Visit now", ["See example.com.", "Visit now"]),
        ("Он уехал. Москва молчит.", ["Он уехал.", "Москва молчит."]),
        (
            "Headline without stop\n\nBody sentence one. Two.",
            ["Headline without stop", "Body sentence one.", "Two."],
        ),
        ("A line wrapped\nin the middle. Next.", ["A line wrapped\nin the middle.", "Next."]),
        ("  \n\n  Padded.  \n \n\n  Again  ", ["Padded.", "Again"]),
        ("", []),
        ("   \n\n ", []),
    ],
)
def test_split(text: str, expected: list[str] | None) -> None:
    assert _sentences(text) == (expected if expected is not None else [text])


def test_offsets_index_into_original_text() -> None:
    text = "  Первый. Second one!\n\n\tThird “quoted.” Fourth"
    spans = split_sentences(text)
    assert spans == [(2, 9), (10, 21), (24, 39), (40, 46)]
    assert [text[s:e] for s, e in spans] == ["Первый.", "Second one!", "Third “quoted.”", "Fourth"]


def test_one_megabyte_single_line() -> None:
    text = "The army said it moved 3.5 km. Mr. Smith agreed. " * 21000  # ~1 MB, one line
    assert len(text) > 1_000_000 and "\n" not in text
    spans = split_sentences(text)
    assert len(spans) == 42000
    assert text[spans[-1][0] : spans[-1][1]] == "Mr. Smith agreed."


@pytest.mark.parametrize(
    "text",
    ["." * 1_000_000, "a." * 500_000, "a." + " " * 1_000_000, "x" * 1_000_000, "\n \n" * 300_000],
    ids=["dots", "no-space", "spaces", "one-word", "blank-lines"],
)
def test_pathological_megabyte_inputs_finish(text: str) -> None:
    spans = split_sentences(text)
    assert all(text[s:e].strip() == text[s:e] for s, e in spans)
    assert all(e - s <= MAX_SENTENCE_CHARS for s, e in spans)
    assert "".join(text[s:e] for s, e in spans) == "".join(text.split())


def test_invariants_hold_for_arbitrary_text() -> None:
    hypothesis = pytest.importorskip("hypothesis")
    st = hypothesis.strategies

    @hypothesis.settings(max_examples=300, deadline=None)
    @hypothesis.given(
        st.text(alphabet=st.sampled_from(list('aA. !?\n"”(1')), max_size=60) | st.text(max_size=60)
    )
    def check(text: str) -> None:
        spans = split_sentences(text)
        covered = "".join(text[s:e] for s, e in spans)
        # Nothing but whitespace is dropped, and the order is kept.
        assert "".join(covered.split()) == "".join(text.split())
        _sentences(text)

    check()


def test_a_long_stretch_without_punctuation_is_cut_at_clause_breaks():
    # A flattened table or list has no sentence ends; read as one sentence it made the events
    # stage quadratic (100 KB took minutes).
    clause = "gunmen attacked a checkpoint in Mosul killing two policemen, "
    text = clause * 200
    pieces = _sentences(text)
    assert len(pieces) > 1
    assert all(len(p) <= MAX_SENTENCE_CHARS for p in pieces)
    assert all(p.endswith(",") for p in pieces[:-1])  # cut after a clause, not mid-word
    assert " ".join(pieces) == text.strip()


def test_a_long_word_without_any_break_is_cut_at_the_limit():
    text = "x" * (2 * MAX_SENTENCE_CHARS + 5)
    assert [len(p) for p in _sentences(text)] == [MAX_SENTENCE_CHARS, MAX_SENTENCE_CHARS, 5]
