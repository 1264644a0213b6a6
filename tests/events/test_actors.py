"""The subject of an event is read past the verb group before its trigger."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from geomap.events.actors import _VERB_GROUP_END_RE, _without_verb_group, find_actors

# Words of verb groups and of subjects, marks, and letters ``re`` folds when ignoring case.
_SAMPLE = (
    "militants have also launched a series of carried out stood behind Lately quickly the "
    "gunmen , ; İs ıs Then THE army’s two wave number of- x"
)
_WORDS = _SAMPLE.split()


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from([" ", "  ", "", "\n"]))))
def test_verb_group_is_cut_where_the_expression_cuts_it(pieces) -> None:
    before = "".join(word + sep for word, sep in pieces)
    assert _without_verb_group(before) == _VERB_GROUP_END_RE.sub("", before)


def test_subject_before_a_verb_group() -> None:
    sentence = "On Monday, rebel fighters also launched a series of attacks on the town."
    actor1, _ = find_actors(sentence, sentence.index("attacks"))
    assert actor1 == "rebel fighters"
