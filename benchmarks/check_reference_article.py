"""Check ``geomap parse`` events against a hand-made gold file (``*.gold.json``).

Usage::

    python benchmarks/check_reference_article.py GOLD.json [PARSE_OUTPUT.json]

Without ``PARSE_OUTPUT`` the article next to the gold file is parsed with the gold's
``published`` date. Each gold event is matched to the extracted event with the same date (or one
of ``date_also_ok``), event type and sub-type, and a place within ``max_km`` (or in the
country); fatalities must equal ``fatalities`` (or be in ``fatalities_also_ok``, or at least
``fatalities_at_least``). Also reported: extracted events matching no gold event, and events
located at the dateline or read from boilerplate. Exit code 0 when every gold event is found.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from geomap.gazetteer.store import haversine_km

__all__ = ["check", "main"]


def _parse(article: Path, published: str) -> dict[str, Any]:
    from datetime import date

    from geomap.geoparse import Geoparser
    from geomap.model import Document

    document = Document(article.stem, article.read_text(encoding="utf-8"))
    document.published = date.fromisoformat(published)
    return Geoparser.open().parse(document).to_dict()


def _matches(gold: dict[str, Any], event: dict[str, Any]) -> list[str]:
    """The reasons ``event`` is not ``gold`` (empty: it is)."""
    problems = []
    dates = [gold["date"], *gold.get("date_also_ok", [])]
    if event["date"] not in dates:
        problems.append(f"date {event['date']} not in {dates}")
    if event["event_type"] != gold["event_type"]:
        problems.append(f"type {event['event_type']}")
    subs = gold.get("sub_event_type_any_of") or [gold.get("sub_event_type")]
    if event["sub_event_type"] not in subs:
        problems.append(f"sub-type {event['sub_event_type']}")
    place = event.get("place") or {}
    if "lat" in gold and place:
        km = haversine_km(gold["lat"], gold["lon"], place["lat"], place["lon"])
        if km > gold["max_km"]:
            problems.append(f"place {place.get('name')} {km:.0f} km away")
    countries = gold.get("country_any_of") or ([gold["country"]] if "country" in gold else [])
    if countries and place.get("country_code") not in countries:
        problems.append(f"country {place.get('country_code')}")
    if not place:
        problems.append("no place")
    wanted = [gold.get("fatalities"), *gold.get("fatalities_also_ok", [])]
    got = event.get("fatalities")
    if "fatalities_at_least" in gold:
        if got is None or got < gold["fatalities_at_least"]:
            problems.append(f"fatalities {got}")
    elif got not in wanted:
        problems.append(f"fatalities {got} not in {wanted}")
    return problems


def _km(gold: dict[str, Any], event: dict[str, Any]) -> str:
    place = event.get("place") or {}
    if "lat" not in gold or not place:
        return "-"
    return f"{haversine_km(gold['lat'], gold['lon'], place['lat'], place['lon']):.0f}"


def check(gold: dict[str, Any], result: dict[str, Any]) -> tuple[list[str], bool]:
    """Report lines and whether every gold event was found."""
    events = result.get("events", [])
    lines = ["| gold date | found | type / sub-type | place | km | fatalities |", "|---" * 6 + "|"]
    used: set[int] = set()
    ok = True
    for g in gold["events"]:
        match = next(
            (i for i, e in enumerate(events) if i not in used and not _matches(g, e)), None
        )
        if match is None:
            ok = False
            near = [(_matches(g, e), e) for e in events]
            best = min(near, key=lambda x: len(x[0]))[0] if near else ["no events"]
            lines.append(f"| {g['date']} | MISSING ({'; '.join(best)}) | | | | |")
            continue
        used.add(match)
        e = events[match]
        place = (e.get("place") or {}).get("name")
        lines.append(
            f"| {g['date']} | {e['date']} | {e['sub_event_type']} | {place} "
            f"(precision {e['geo_precision']}) | {_km(g, e)} | {e['fatalities']} |"
        )
    extra = [e for i, e in enumerate(events) if i not in used]
    for e in extra:
        lines.append(f"extra event: {e['date']} {e['sub_event_type']} {e.get('where')}")
    lowered = [p for p in result.get("places", []) if p["mention"] == "dateline"]
    for e in events:
        place = e.get("place") or {}
        if any(place and (p.get("place") or {}).get("id") == place.get("id") for p in lowered):
            lines.append(f"MUST NOT: event at the dateline place {place.get('name')}")
            ok = False
        if place.get("country_code") in ("CN", "JP"):
            lines.append(f"MUST NOT: event in {place.get('country_code')}")
            ok = False
    lines.append(f"{len(events) - len(extra)}/{len(gold['events'])} gold events, "
                 f"{len(extra)} extra")  # fmt: skip
    return lines, ok


def main(argv: list[str]) -> int:
    if argv[:1] in (["-h"], ["--help"]):
        print(__doc__)
        return 0
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    gold_path = Path(argv[0])
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if len(argv) > 1:
            result = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
        else:
            result = _parse(gold_path.parent / gold["article"], gold["published"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        # A directory, a missing file, or a file that is not a gold file: one line, no traceback.
        print(f"check_reference_article: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    lines, ok = check(gold, result)
    print("\n".join(lines))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
