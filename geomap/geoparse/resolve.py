"""Mentions + candidates + the document's context → resolved places.

The stages, in order: :mod:`~geomap.geoparse.candidates` (readings the text allows),
:mod:`~geomap.geoparse.evidence` (what the document says: countries and regions it names,
relations, lists, readings that lie together), :mod:`~geomap.geoparse.score` (a weighted sum
per reading, twice: the second time with the places clearly chosen the first time),
:mod:`~geomap.geoparse.checks` (post-checks), the online fallback when allowed, and
:mod:`~geomap.geoparse.unknown` (names the gazetteer lacks, placed by the article).
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import closing
from typing import Protocol, cast

from geomap.gazetteer.store import Gazetteer
from geomap.geoparse.candidates import Lookups, mention_state
from geomap.geoparse.checks import document_facts, run_checks
from geomap.geoparse.english import EnglishWords
from geomap.geoparse.evidence import (
    Proximity,
    coherence_pool,
    count_votes,
    find_relations,
    mark_lists,
    mark_pairs,
    mark_shared_regions,
    named_countries,
)
from geomap.geoparse.score import choose, resolved
from geomap.geoparse.unknown import ArticleContext
from geomap.geoparse.weights import WEIGHTS
from geomap.model import Candidate, Mention, Reason, ResolvedMention


def resolve_mentions(
    text: str,
    mentions: Sequence[Mention],
    gazetteer: Gazetteer,
    *,
    offline: bool = True,
    online: OnlineLookup | None = None,
    cached: OnlineLookup | None = None,
    english: EnglishWords | None = None,
) -> list[ResolvedMention]:
    """Resolve every mention of one document, in order.

    Parameters
    ----------
    text
        The document's text (the mentions' offsets index into it).
    mentions
        What :class:`~geomap.geoparse.recognize.Recognizer` found, or spans given by the user.
    gazetteer
        Where candidates come from.
    offline, online
        With ``offline=False``, mentions resolved below :attr:`Weights.fallback_confidence` are also
        looked up with ``online`` (an :class:`~geomap.gazetteer.online.OnlineGeocoder`); offline,
        in the answers it gave before (cached in the gazetteer's database), and nothing is sent.
    cached
        Offline, the reader of those cached answers
        (:func:`~geomap.gazetteer.lookup.default_online_geocoder` with ``offline=True``) when
        the caller keeps one open across documents; otherwise one is opened for this document.
    english
        The Zipf of English words, to tell an everyday word inside an unknown name ("Union
        Station") from a place (:class:`~geomap.geoparse.english.EnglishWords`); without it,
        wordfreq's own.
    """
    # One read transaction for the document's lookups. Offline nothing is written and one
    # serves the whole document; online, none while the fallback runs, as it writes its answers
    # to the same database.
    with gazetteer.reading():
        lookups: Lookups = {}
        states = [mention_state(text, mention, gazetteer, lookups) for mention in mentions]
        find_relations(text, states)
        mark_pairs(states)
        mark_shared_regions(states)
        mark_lists(text, states)
        country_counts, region_counts = count_votes(states)
        countries = named_countries(states)
        for state in states:
            choose(state, states, country_counts, region_counts, pool=None, countries=countries)
        pool = coherence_pool(states)
        proximity = Proximity(pool)
        for state in states:
            choose(
                state, states, country_counts, region_counts, pool=pool, proximity=proximity,
                countries=countries,
            )  # fmt: skip
        results = [resolved(state, country_counts, gazetteer) for state in states]
        results = run_checks(states, results, document_facts(states, pool, country_counts))

        def place_unknown(results: list[ResolvedMention]) -> list[ResolvedMention]:
            """The results, with the names that found no place placed by the article."""
            context = ArticleContext(
                text, states, results, country_counts, region_counts, pool, gazetteer,
                english, proximity,
            )  # fmt: skip
            return [
                context.place_unknown(index, result) if result.place is None else result
                for index, result in enumerate(results)
            ]

        if offline:
            return place_unknown(_read_cached_answers(results, gazetteer, cached))
    results = [_ask_online(result, gazetteer, online) for result in results]
    with gazetteer.reading():
        return place_unknown(results)


def _read_cached_answers(
    results: list[ResolvedMention], gazetteer: Gazetteer, cached: OnlineLookup | None
) -> list[ResolvedMention]:
    """Offline, what the online geocoder answered before is on disk: read it, send nothing."""
    if not any(_unsure(result) for result in results):
        return results
    # A name the document repeats is read once: the answers on disk do not change.
    answers: dict[str, list[Candidate]] = {}
    if cached is not None:
        return [_ask_online(result, gazetteer, cached, answers) for result in results]
    from geomap.gazetteer.lookup import default_online_geocoder

    with closing(default_online_geocoder(gazetteer, offline=True)) as reader:
        return [_ask_online(result, gazetteer, reader, answers) for result in results]


#: Answers asked of the online geocoder: the best, and two alternatives to report.
ONLINE_CANDIDATES = 3


class OnlineLookup(Protocol):
    """An online geocoder, as the fallback asks it
    (:class:`~geomap.gazetteer.online.OnlineGeocoder`)."""

    def lookup(self, name: str, *, country: str | None = None, limit: int = 5) -> list[Candidate]:
        """Candidates for ``name``, best first."""
        ...


def _unsure(result: ResolvedMention) -> bool:
    """Resolved below the confidence at which the online geocoder is asked (never a demonym)."""
    return result.confidence < WEIGHTS.fallback_confidence and result.mention.role != "demonym"


def _ask_online(
    result: ResolvedMention,
    gazetteer: Gazetteer,
    online: OnlineLookup | None,
    answers: dict[str, list[Candidate]] | None = None,
) -> ResolvedMention:
    """``result``, or the online answer when it is unsure (with ``answers``, the answers read
    so far by name: each name is asked once, and every result gets its own copies)."""
    if not _unsure(result):
        return result
    name = result.mention.text
    known = answers.get(name) if answers is not None else None
    if known is not None:
        found = [candidate.copy() for candidate in known]
    else:
        from geomap.gazetteer.lookup import default_online_geocoder

        geocoder = online or cast(OnlineLookup, default_online_geocoder(gazetteer))
        found = geocoder.lookup(name, limit=ONLINE_CANDIDATES)
        if answers is not None:
            answers[name] = [candidate.copy() for candidate in found]
    if not found:
        return result
    best = found[0]
    return ResolvedMention(
        mention=result.mention,
        place=best,
        confidence=max(result.confidence, WEIGHTS.online_confidence),
        reasons=(
            Reason("online", (best.kind, best.source)),
            *((Reason("local_best", (result.place.name,)),) if result.place else ()),
        ),
        alternatives=[c for c in [result.place, *found[1:]] if c],
    )
