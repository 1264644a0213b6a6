"""Streets, buildings and natural features: place mentions the gazetteer mostly lacks.

News names them ("Royal Street", "Barclays Center", "Glenrock Lagoon", "Lake Hartwell"): a run
of capitalised words ending in a head word (or led by "Lake", "Mount", "Fort") is a mention,
placed later by the article (:mod:`~geomap.geoparse.unknown`). A feature's name wins over the
place names inside it ("Windsor Castle" over "Windsor").
"""

from __future__ import annotations

from geomap.gazetteer.names import split_facility
from geomap.geoparse.cues import feature_names
from geomap.geoparse.fold import name_key
from geomap.geoparse.lexicon import BUILDING_HEADS, NOT_IN_FEATURE
from geomap.model import Mention
from geomap.text.clean import is_boilerplate


def with_features(
    text: str, mentions: list[Mention], boilerplate: list[tuple[int, int]], people: set[str]
) -> list[Mention]:
    """``mentions`` with the streets, buildings and natural features ``text`` names added.

    A feature's name wins over the place names inside it ("Windsor Castle" over "Windsor");
    one that overlaps a found name only in part is left out.
    """
    features: list[tuple[int, int]] = []
    for start, end in feature_names(text):
        if features and start < features[-1][1]:
            continue  # inside or across a feature already taken
        words = text[start:end].split()
        while len(words) > 2 and words[0].lower().rstrip(".") in NOT_IN_FEATURE:
            start += len(words[0]) + 1
            words = words[1:]
        if words[0].lower().rstrip(".") in NOT_IN_FEATURE or name_key(words[0]) in people:
            continue
        features.append((start, end))
    if not features:
        return mentions
    merged: list[Mention] = []
    index = 0
    for start, end in features:
        while index < len(mentions) and mentions[index].end <= start:
            merged.append(mentions[index])
            index += 1
        inside = []
        while index < len(mentions) and mentions[index].start < end:
            inside.append(mentions[index])
            index += 1
        building = text[start:end].split()[-1].lower() in BUILDING_HEADS
        if (
            any(m.start < start or m.end > end for m in inside)
            or any((m.start, m.end) == (start, end) for m in inside)
            or (building and inside)
        ):
            merged.extend(inside)  # a name the gazetteer knows as it is, or a partial overlap
            continue
        if merged and merged[-1].end > start:
            continue
        surface = text[start:end]
        merged.append(
            Mention(
                text=surface,
                start=start,
                end=end,
                facility=split_facility(surface)[1],
                boilerplate=is_boilerplate(boilerplate, start, end),
                normalized=name_key(surface),
            )
        )
    merged.extend(mentions[index:])
    return merged
