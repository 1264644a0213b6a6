"""Every threshold and weight of the geoparser, in one place, each with its unit and why.

The rules (:mod:`~geomap.geoparse.recognize`, :mod:`~geomap.geoparse.score`, ...) read these
values and hold no numbers of their own, so a benchmark can sweep them: build another
:class:`Weights` with :func:`dataclasses.replace` and compare.

Units: *prior* is the gazetteer's likelihood of a place (0-1, see
:mod:`geomap.gazetteer.importance`); *zipf* is an English word's frequency, log10 per billion
words (3 an uncommon word, 5 a very common one); *score* is a candidate's score, the lookup's
own plus the weights below; *confidence* is a resolved mention's (0-1).

Examples
--------
>>> WEIGHTS.relation
0.6
>>> describe("relation")
'relation = 0.6 score: the text relates the name to a place ("Kirkuk, Iraq", "near Baghdad")'
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

__all__ = ["WEIGHTS", "Weights", "describe"]


def _w(value: Any, unit: str, why: str) -> Any:
    """A weight's default with its unit and reason, kept as field metadata."""
    return field(default=value, metadata={"unit": unit, "why": why})


@dataclass(frozen=True, slots=True)
class Weights:
    """The geoparser's numbers. The defaults are what the benchmarks were measured with."""

    # -- recognition: is this capitalised run of words a place? ------------------------------
    spelling_letters: int = _w(
        5, "letters", "a shorter word is not tried as another spelling: too many names match"
    )
    spelling_zipf: float = _w(
        2.5,
        "zipf",
        "a capitalised word English writes this often is a name or a word ('Sancho'), not "
        "another spelling of a place ('Netrokona' is 0)",
    )
    spelling_similarity: float = _w(
        0.8, "ratio", "another spelling this close to a name is that name, as a lookup judges"
    )
    common_zipf: float = _w(3.0, "zipf", "an uncommon word: at a sentence's start, doubted")
    frequent_zipf: float = _w(
        4.0, "zipf", "an everyday word: mid-sentence too it is the word unless the place is large"
    )
    very_common_zipf: float = _w(5.0, "zipf", "a very common word ('Will'): doubted unless large")
    large_place_prior: float = _w(
        0.60,
        "prior",
        "a city of some 175,000 or a state outweighs a common word of its name, and is named "
        "even inside a longer name ('the Portland Trail Blazers')",
    )
    country_abbreviation_prior: float = _w(
        0.94,
        "prior",
        "an abbreviation this likely is a country's ('uk', 'usa'), not a state's ('ill', 'wash')",
    )
    named_without_case_prior: float = _w(
        0.9,
        "prior",
        "without case, a major place this likely (a country, a large state) is read as if "
        "capitalised: 'china', 'florida'; not 'hang', 'rivers', 'delta'",
    )
    capitals_prior: float = _w(
        0.75, "prior", "a long word in capitals (a headline) is a place only if this likely"
    )
    person_prior: float = _w(
        0.7, "prior", "a place less likely than this yields its name to a person or a brand"
    )
    caseless_line_words: int = _w(
        3, "words", "a line this long without case is a tweet or a headline, not an acronym"
    )
    caseless_abbreviation_zipf: float = _w(
        4.1,
        "zipf",
        "in lower case an abbreviation rarer than this is the place ('nyc', 'calif'); a more "
        "frequent one is a word ('ill', 'miss', 'wash')",
    )
    caseless_rare_prior: float = _w(
        0.45,
        "prior",
        "in a line without case, a name that is no English word ('fallujah') is a place if "
        "this likely",
    )
    sentence_start_very_common_prior: float = _w(
        0.8, "prior", "'Will' starting a sentence is the word unless the place is this likely"
    )
    sentence_start_common_prior: float = _w(
        0.5, "prior", "'Reading' starting a sentence is the word unless the place is this likely"
    )
    disease_prior: float = _w(
        0.9, "prior", "a country or large state stays a place before 'flu' ('US flu season')"
    )
    alternate_prior: float = _w(
        0.8, "factor", "another language's name for a town is seldom what English text means"
    )
    alternate_word_zipf: float = _w(
        3.0, "zipf", "a town's alternate name this frequent in English is the word ('Hamas')"
    )
    major_population: int = _w(
        1_000_000, "people", "a city this large is a major place, named whatever word it also is"
    )
    given_name_percent: float = _w(
        0.004, "% of Americans", "given names at least this common (1 in 25,000) mark people"
    )
    acronym_letters: int = _w(4, "letters", "a word in capitals this short is an acronym")
    short_word_letters: int = _w(
        3, "letters", "a word this short ('Us', 'Da') is a place only as an abbreviation"
    )
    short_town_prior: float = _w(
        0.5,
        "prior",
        "a three-letter name that is no English word is a town this likely after 'in', 'near' "
        "('in Ufa', 'near Gao')",
    )
    institution_lookahead: int = _w(
        4, "words", "capitalised words after a place that may end in an institution's name"
    )

    # -- candidates ------------------------------------------------------------------------------
    candidates: int = _w(25, "candidates", "readings looked up per name; more never won")
    article_readings: int = _w(
        5, "candidates", "readings of 'the Gulf' looked up with its article, before the others"
    )
    qualifier_readings: int = _w(
        3, "candidates", "readings of the name after a comma that may qualify ('Paris, Texas')"
    )
    word_abbreviation_factor: float = _w(
        0.9,
        "factor",
        "an acronym alone ('LA') means first a place abbreviated in capitals (L.A.), then one "
        "abbreviated as a word (La.)",
    )
    street_namesake_population: int = _w(
        500_000, "people", "below this, a name the text calls a street is the street"
    )

    # -- evidence and score ----------------------------------------------------------------------
    own_vote: float = _w(1.0, "votes", "a country's or region's own name votes for it in full")
    clear_vote: float = _w(
        0.5, "votes", "a clearly read town votes half for its country and region"
    )
    evidence_margin: float = _w(
        0.15, "score", "a town's top reading must lead by this to vote for its country"
    )
    country: float = _w(0.25, "score", "the article names the candidate's country most")
    countryless: float = _w(
        0.125, "score", "seas, continents and areas have no country: half the country weight"
    )
    region: float = _w(0.2, "score", "the article names the candidate's first-level region most")
    relation: float = _w(
        0.6, "score", 'the text relates the name to a place ("Kirkuk, Iraq", "near Baghdad")'
    )
    border_mentions: int = _w(
        3, "mentions", "'X, Y and Z on the border with Syria': the names before it that it reaches"
    )
    anchor_km: float = _w(150.0, "km", "'north of Baghdad' puts the place this near Baghdad")
    border: float = _w(0.3, "score", "'on the border with Syria': half a relation")
    border_km: float = _w(600.0, "km", "a town this near a border country may be on its border")
    list_reach: int = _w(
        8, "names", "a name of a list ('A, B and C') looks at this many names on each side"
    )
    proximity: float = _w(0.1, "score", "the candidate lies near the article's other places")
    proximity_km: float = _w(250.0, "km", "distance at which proximity support falls to 1/e")
    pair: float = _w(0.15, "score", "a reading near a reading of another name ('Athens', 'Clarke')")
    pair_km: float = _w(20.0, "km", "how near two names' readings lie to support each other")
    pair_partner_ranks: int = _w(
        8, "candidates", "only another name's likelier readings lend support"
    )
    district: float = _w(0.1, "score", "a town inside a county the article names")
    district_km: float = _w(40.0, "km", "how near a district's centre a town inside it lies")
    shared_region: float = _w(0.05, "score", "readings of several names in one state ('Macon')")
    shared_region_full: int = _w(3, "names", "other names in the region earning the full weight")
    list_kind: float = _w(0.1, "score", "a reading of the kind its list-mates are (cities)")
    kind_readings: int = _w(
        3, "candidates", "a name's first readings, which show whether it may be of two kinds"
    )
    kind_margin: float = _w(
        0.15, "score", "readings of other kinds must trail by this for a mate's kind to be sure"
    )
    country_name_margin: float = _w(
        0.2, "score", "a town named like a country must win by this, absent a qualifier"
    )
    clear_margin: float = _w(
        0.05, "score", "a choice this far ahead is clear enough to vouch for its neighbours"
    )

    # -- confidence ------------------------------------------------------------------------------
    confidence_score_share: float = _w(0.35, "confidence", "share of the best score (capped at 1)")
    confidence_margin_share: float = _w(
        0.65, "confidence", "share of the lead over the runner-up, full at the margin below"
    )
    confidence_full_margin: float = _w(0.4, "score", "a lead this large earns the full share")
    fallback_confidence: float = _w(
        0.35, "confidence", "below this, and not offline, the online geocoder is asked"
    )
    online_confidence: float = _w(0.4, "confidence", "at least this for an online answer")
    short_form_confidence: float = _w(
        0.6, "confidence", "at most this for 'Trinidad' read as Trinidad and Tobago"
    )

    # -- checks and names the gazetteer lacks ------------------------------------------------
    small_town_population: int = _w(
        20_000, "people", "a town this small far from the article's places is a namesake"
    )
    far_town_witnesses: int = _w(
        2, "places", "other places the article must name before a town can be far from them"
    )
    small_town_km: float = _w(500.0, "km", "how far from every other place such a town must lie")
    spelling_support_km: float = _w(
        300.0, "km", "how near the article's places a town found by a variant spelling must lie"
    )
    container_confidence: float = _w(
        0.3, "confidence", "a place this sure may contain a name ('Royal Street, New Orleans')"
    )
    context_confidence: float = _w(
        0.2, "confidence", "what a place given by the article's context (approximate) gets"
    )
    named_after_population: int = _w(
        100_000, "people", "a town this large is what a name containing it is named after"
    )
    named_after_km: float = _w(
        100.0, "km", "or one this near the article's places ('Manila Cathedral')"
    )
    home_neighbour_km: float = _w(100.0, "km", "towns this near the article's town support it")
    home_neighbour_weight: float = _w(0.5, "factor", "their mentions count at this weight")
    home_contenders: int = _w(20, "towns", "only the likeliest towns contend for the article's")


#: The weights every benchmark in docs/BENCHMARKS.md was measured with.
WEIGHTS = Weights()


def describe(name: str) -> str:
    """One weight as a line: its name, value, unit and why."""
    for spec in fields(Weights):
        if spec.name == name:
            value = getattr(WEIGHTS, name)
            return f"{name} = {value} {spec.metadata['unit']}: {spec.metadata['why']}"
    raise KeyError(name)
