"""What the resolver knows of one mention while it resolves a document."""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import itemgetter

from geomap.model import Candidate, Mention, Reason

#: Per candidate, the terms of its score that both passes of scoring share: the score with the
#: country, region and hint terms added; whether the border term applies; whether the pair
#: term does; the shared-region term (None when it does not apply); and the score with those
#: three terms added too (what the candidate scores when the text gives no reference point).
FixedTerms = tuple[float, bool, bool, "float | None", float]


class Votes(dict[str, float]):
    """Votes per country or region code: a Counter whose counts may be fractions.

    >>> votes = Votes()
    >>> votes["IQ"] += 0.5
    >>> votes["IQ"], votes["SY"]
    (0.5, 0.0)
    """

    def __missing__(self, code: str) -> float:
        return 0.0

    def top(self) -> tuple[str, float]:
        """The code with the most votes (the first named among equals)."""
        return max(self.items(), key=itemgetter(1))


@dataclass(slots=True)
class MentionState:
    """One mention, its readings, and what the document says of them, as resolution goes."""

    mention: Mention
    candidates: list[Candidate]
    # What the text says of it ("Paris, Texas": a qualifier; "the Syrian Abu Kamal": a demonym).
    cues: list[Reason] = field(default_factory=list)
    anchors: list[int] = field(default_factory=list)  # indexes of reference mentions
    country_hint: set[str] = field(default_factory=set)
    region_hint: set[str] = field(default_factory=set)
    border_countries: set[str] = field(default_factory=set)
    choice: Candidate | None = None
    scores: list[tuple[float, Candidate]] = field(default_factory=list)
    anchor_places: list[Candidate] = field(default_factory=list)
    own_country: tuple[str, float] | None = None  # this mention's vote in the evidence
    own_region: tuple[str, float] | None = None
    # The votes of every mention of this name for the country and region of a town it seems
    # to be (a country's or a region's own name votes only through each mention).
    name_votes: tuple[Votes, Votes] | None = None
    paired: frozenset[str] = frozenset()  # candidates near a candidate of another name
    # For each candidate, how many other names have a candidate in its first-level region.
    region_shared: dict[str, int] = field(default_factory=dict)
    # For each candidate inside a county or district the article names, that district's name.
    districts: dict[str, str] = field(default_factory=dict)
    # The town a generic word alone also names, left out ("the Valley": The Valley, Anguilla).
    generic_reading: Candidate | None = None
    # The states or countries the name written after it may be ("Paris, Texas").
    qualifiers: list[Candidate] = field(default_factory=list)
    list_mates: list[int] = field(default_factory=list)  # other names of its list ("A, B and C")
    # score.choose's terms that do not change between its two passes: the vote tables they
    # were computed with (compared by identity), then the folded name, whether it names a
    # country, and per candidate the partial score and the flags of the later fixed terms.
    prelude: tuple[Votes, Votes, tuple[str, bool, list[FixedTerms]]] | None = field(
        default=None, repr=False, compare=False
    )
