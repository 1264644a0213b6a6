"""explain"""

from __future__ import annotations

from collections import Counter

from geomap.gazetteer.store import Gazetteer, haversine_km
from geomap.geoparse.state import _MentionState
from geomap.model import Candidate


def _country_name(gazetteer: Gazetteer, code: str | None) -> str:
    if not code:
        return "no country"
    country = gazetteer.country(code)
    return country.name if country else code


def _reason(
    state: _MentionState, best: Candidate, country_counts: Counter[str], gazetteer: Gazetteer
) -> str:
    parts = [
        f"{best.kind} in {_country_name(gazetteer, best.country_code)}"
        if best.kind != "country"
        else f"the country {best.name}"
    ]
    if state.mention.role == "demonym":
        parts[0] = f"people of {best.name}"
    if best.population and best.kind == "city":
        parts[0] += f", pop. {best.population:,}"
    mentions = int(country_counts.get(best.country_code or "", 0))
    if best.kind != "country" and mentions:
        parts.append(
            f"the article names {_country_name(gazetteer, best.country_code)} "
            f"{mentions} time{'s' if mentions != 1 else ''}"
        )
    parts.extend(explanation for _, explanation in state.cues)
    if best.id in state.districts:
        parts.append(f"in {state.districts[best.id]}, which the article names")
    for anchor in state.anchor_places[:1]:
        distance = haversine_km(best.lat, best.lon, anchor.lat, anchor.lon)
        parts.append(f"the article places it near {anchor.name}, {distance:.0f} km away")
    others = [
        c
        for _, c in state.scores[1:4]
        if c.name != best.name or c.country_code != best.country_code
    ]
    if others:
        parts.append(
            "other candidates: "
            + ", ".join(f"{c.name}, {_country_name(gazetteer, c.country_code)}" for c in others[:2])
        )
    return "; ".join(parts)


# -- names the gazetteer lacks: placed by what the article says around them --------------------
