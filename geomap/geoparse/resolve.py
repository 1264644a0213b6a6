"""resolve"""

from __future__ import annotations

from collections.abc import Sequence

from geomap.gazetteer.store import Gazetteer
from geomap.geoparse.candidates import _candidates, _may_abbreviate, _may_be_a_street
from geomap.geoparse.checks import _outside_qualifier, _short_forms, _without_unsupported_reading
from geomap.geoparse.cues import after_the, called_a_street, is_acronym, subdivisions_called_after
from geomap.geoparse.evidence import (
    _coherence_pool,
    _evidence,
    _find_relations,
    _mark_lists,
    _mark_pairs,
    _mark_shared_regions,
    _Proximity,
)
from geomap.geoparse.lexicon import POINT_KINDS, SUBDIVISION_KINDS, is_generic_word
from geomap.geoparse.score import _choose, _result
from geomap.geoparse.state import MentionState
from geomap.geoparse.unknown import _Context
from geomap.geoparse.weights import WEIGHTS
from geomap.model import Candidate, Mention, Reason, ResolvedMention


def resolve_mentions(
    text: str,
    mentions: Sequence[Mention],
    gazetteer: Gazetteer,
    *,
    offline: bool = True,
    online: object | None = None,
) -> list[ResolvedMention]:
    """Resolve every mention of one document, in order.

    Parameters
    ----------
    text
        The document's text (the mentions' offsets index into it).
    mentions
        What :class:`geomap.recognize.Recognizer` found, or spans given by the user.
    gazetteer
        Where candidates come from.
    offline, online
        With ``offline=False``, mentions resolved below :data:`WEIGHTS.fallback_confidence` are also
        looked up with ``online`` (an :class:`~geomap.gazetteer.online.OnlineGeocoder`).
    """
    # One read transaction for the document's lookups; none while the online fallback runs, as
    # it writes its answers to the same database.
    with gazetteer.reading():
        lookups: dict[tuple[str, str | None, str, bool], list[Candidate]] = {}
        states = []
        for mention in mentions:
            # "the Gulf" is the Persian Gulf, whatever else "Gulf" names.
            article = after_the(text, mention.start)
            lookup_key = (mention.text, mention.facility, mention.role, article)
            if lookup_key not in lookups:
                lookups[lookup_key] = _candidates(gazetteer, mention, article=article)
            candidates = lookups[lookup_key]
            generic_reading = None
            if candidates and " " not in mention.text.strip() and is_generic_word(mention.text):
                # "here in the Valley", "the Centre": no town or state of that word; a sea or
                # area of that name still counts.
                generic_reading = candidates[0]
                candidates = [c for c in candidates if c.kind not in POINT_KINDS | {"region"}]
            if candidates and is_acronym(text, mention):
                # "the CHU in Montpellier" is no Ch'u, China, "the OAS" no Oaş, Romania; "the
                # EU", "KY" (Ky.) and "DRC" (D.R.C.) are what they abbreviate.
                candidates = [c for c in candidates if _may_abbreviate(c)]
            if candidates and _may_be_a_street(candidates[0]) and called_a_street(text, mention):
                candidates = []  # "Bourbon and Dauphine streets"
            plural = subdivisions_called_after(text, mention.start, mention.end)
            if plural:
                # "Navarro, Henderson and Ellis counties": Henderson County, not Henderson, Nevada.
                kind, word = SUBDIVISION_KINDS[plural]
                named = []
                for found in gazetteer.lookup(f"{mention.text} {word}", limit=WEIGHTS.candidates):
                    if found.kind == kind:
                        found = found.copy()
                        found.matched = mention.text  # the text's own name for it, not a spelling
                        named.append(found)
                candidates = named or [c for c in candidates if c.kind == kind] or candidates
            states.append(MentionState(mention, list(candidates)))
            if not candidates and generic_reading:
                states[-1].generic_reading = generic_reading
        _find_relations(text, states)
        _mark_pairs(states)
        _mark_shared_regions(states)
        _mark_lists(text, states)
        country_counts, region_counts = _evidence(states)
        for state in states:
            _choose(state, states, country_counts, region_counts, pool=None)
        pool = _coherence_pool(states)
        proximity = _Proximity(pool)
        for state in states:
            _choose(state, states, country_counts, region_counts, pool=pool, proximity=proximity)
        results = [_result(state, country_counts, gazetteer) for state in states]
        results = _short_forms(states, results)
        results = [
            _outside_qualifier(state, _without_unsupported_reading(state, r, pool, country_counts))
            for state, r in zip(states, results, strict=True)
        ]
    if not offline:
        results = [_ask_online(result, gazetteer, online) for result in results]
    with gazetteer.reading():
        context = _Context(text, states, results, country_counts, region_counts, pool, gazetteer)
        return [
            context.place_unknown(index, result) if result.place is None else result
            for index, result in enumerate(results)
        ]


# -- candidates ------------------------------------------------------------------------------


def _ask_online(
    result: ResolvedMention, gazetteer: Gazetteer, online: object | None
) -> ResolvedMention:
    if result.confidence >= WEIGHTS.fallback_confidence or result.mention.role == "demonym":
        return result
    from geomap.gazetteer.lookup import default_online_geocoder

    geocoder = online or default_online_geocoder(gazetteer)
    found = geocoder.lookup(result.mention.text, limit=3)  # type: ignore[attr-defined]
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
