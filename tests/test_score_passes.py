"""score.choose keeps the terms its two passes share: they follow the vote tables it is given."""

from __future__ import annotations

from geomap.geoparse.score import choose
from geomap.geoparse.state import MentionState, Votes
from geomap.model import Candidate, Mention


def _town(code: str, lat: float, lon: float) -> Candidate:
    return Candidate(f"test:{code}", "Marenfield", lat, lon, code, None, "city", 5_000, "test", 0.5)


def test_a_second_choice_with_other_votes_follows_the_new_votes() -> None:
    state = MentionState(
        Mention("Marenfield", 0, 10), [_town("AA", 10.0, 10.0), _town("BB", -10.0, -10.0)]
    )
    choose(state, [state], Votes({"AA": 3.0}), Votes(), pool=None)
    assert state.choice is not None and state.choice.country_code == "AA"
    choose(state, [state], Votes({"BB": 3.0}), Votes(), pool=None)
    assert state.choice is not None and state.choice.country_code == "BB"


def test_the_same_votes_give_the_same_scores_in_both_passes() -> None:
    state = MentionState(
        Mention("Marenfield", 0, 10), [_town("AA", 10.0, 10.0), _town("BB", -10.0, -10.0)]
    )
    countries, regions = Votes({"AA": 2.0, "BB": 1.0}), Votes()
    choose(state, [state], countries, regions, pool=None)
    first = list(state.scores)
    choose(state, [state], countries, regions, pool=None)
    assert state.scores == first
