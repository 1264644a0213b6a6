"""Events on ACLED's own coded event notes: what geomap codes against what ACLED's coders coded.

Run: python benchmarks/acled_notes_bench.py [NOTES.jsonl] [--db PATH] [--failures PATH]
     [--limit N]

Input: ``../shared/bench/events/acled-dev.jsonl`` (read at run time, never copied; see the README
beside it for its fields and terms). Each note is parsed as ``geomap parse`` parses a JSONL line:
its ``text`` with ``published`` as the publication date.

Scoring (the README's, the same as the held-out measurement): per note, the predicted event
nearest the gold point (the first event when none has a point); a note with no event is wrong on
every field. Reported: the share of notes with an event; event_type and sub_event_type accuracy;
event_type macro-F1 and its confusion matrix; accuracy per sub-type and per region; location
within 161 km and 25 km; fatalities exact on all notes and on the notes without a coding
convention ("Unknown fatalities coded as 3", "split across 6 events"); date exact; inter1
accuracy. Every note with a wrong field is written to ``--failures`` (outside the repository:
the notes are ACLED's).

Prints a Markdown report for docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from geomap.gazetteer.store import haversine_km
from geomap.geoparse.parser import Geoparser
from geomap.model import Document

__all__ = ["main", "score"]

_DEFAULT = Path("/work/shared/bench/events")
# A note whose fatality figure follows ACLED's coding rules rather than its words.
_CONVENTION_RE = re.compile(
    r"(?:fatalit|death|killed)[^.]{0,80}\b(?:coded|split|divided|distributed)\b"
    r"|\b(?:coded|split|divided|distributed)\b[^.]{0,80}fatalit",
    re.IGNORECASE,
)
_TYPES = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
)
_SHORT = {
    "Battles": "Bat",
    "Explosions/Remote violence": "Exp",
    "Violence against civilians": "VAC",
    "Protests": "Pro",
    "Riots": "Rio",
    "Strategic developments": "SD",
    None: "none",
}


def _point(event: dict[str, Any]) -> tuple[float, float] | None:
    place = event.get("place") or {}
    if place.get("lat") is None or place.get("lon") is None:
        return None
    return float(place["lat"]), float(place["lon"])


def _chosen(events: list[dict[str, Any]], gold: dict[str, Any]) -> tuple[dict | None, float]:
    """The event nearest the gold point (the first when none has a point) and its distance."""
    if not events:
        return None, float("inf")
    best, best_km = events[0], float("inf")
    for event in events:
        point = _point(event)
        if point is None:
            continue
        km = haversine_km(gold["gold_lat"], gold["gold_lon"], point[0], point[1])
        if km < best_km:
            best, best_km = event, km
    return best, best_km


def score(rows: list[dict[str, Any]], predictions: list[list[dict[str, Any]]]) -> dict[str, Any]:
    """Every figure of the report, and the failing notes."""
    n = len(rows)
    hits: Counter[str] = Counter()
    confusion: Counter[tuple[str, str | None]] = Counter()
    per_sub: dict[str, Counter[str]] = defaultdict(Counter)
    per_region: dict[str, Counter[str]] = defaultdict(Counter)
    failures: list[dict[str, Any]] = []
    plain = 0
    for row, events in zip(rows, predictions, strict=True):
        event, km = _chosen(events, row)
        got = event or {}
        convention = bool(_CONVENTION_RE.search(row.get("notes_raw") or row["text"]))
        plain += not convention
        checks = {
            "any": event is not None,
            "type": got.get("event_type") == row["gold_event_type"],
            "sub": got.get("sub_event_type") == row["gold_sub_event_type"],
            "km161": km <= 161,
            "km25": km <= 25,
            "fatalities": event is not None
            and (got.get("fatalities") or 0) == (row["gold_fatalities"] or 0),
            "date": got.get("date") == row["gold_event_date"],
            "inter1": event is not None and got.get("inter1") == row["gold_inter1"],
        }
        for key, ok in checks.items():
            hits[key] += ok
        if not convention:
            hits["fatalities_plain"] += checks["fatalities"]
        confusion[(row["gold_event_type"], got.get("event_type"))] += 1
        for table, key in ((per_sub, row["gold_sub_event_type"]), (per_region, row["gold_region"])):
            table[key]["n"] += 1
            table[key]["type"] += checks["type"]
            table[key]["sub"] += checks["sub"]
            table[key]["km25"] += checks["km25"]
        wrong = [k for k, ok in checks.items() if not ok]
        if wrong:
            failures.append(
                {
                    "id": row["id"],
                    "wrong": wrong,
                    "text": row["text"],
                    "gold": {
                        k[5:]: row[k]
                        for k in (
                            "gold_event_type",
                            "gold_sub_event_type",
                            "gold_event_date",
                            "gold_location",
                            "gold_admin1",
                            "gold_geo_precision",
                            "gold_fatalities",
                            "gold_actor1",
                            "gold_inter1",
                            "gold_actor2",
                            "gold_inter2",
                        )
                    },
                    "got": {
                        k: got.get(k)
                        for k in (
                            "event_type",
                            "sub_event_type",
                            "date",
                            "where",
                            "geo_precision",
                            "fatalities",
                            "actor1",
                            "inter1",
                            "actor2",
                            "inter2",
                            "reason",
                        )
                    }
                    | {
                        "place": (got.get("place") or {}).get("name"),
                        "country": (got.get("place") or {}).get("country_code"),
                        "km": None if km == float("inf") else round(km),
                        "events": len(events),
                    },
                }
            )
    f1s = []
    for t in _TYPES:
        tp = confusion[(t, t)]
        fp = sum(c for (g, p), c in confusion.items() if p == t and g != t)
        fn = sum(c for (g, p), c in confusion.items() if g == t and p != t)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return {
        "n": n,
        "plain": plain,
        "rates": {k: hits[k] / n for k in hits if k != "fatalities_plain"}
        | {"fatalities_plain": hits["fatalities_plain"] / max(plain, 1)},
        "macro_f1": sum(f1s) / len(f1s),
        "f1": dict(zip(_TYPES, f1s, strict=True)),
        "confusion": confusion,
        "per_sub": per_sub,
        "per_region": per_region,
        "failures": failures,
    }


def _report(result: dict[str, Any], path: Path, seconds: float, words: int) -> str:
    r = result["rates"]
    lines = [
        f"{result['n']} notes of `{path.name}` ({result['plain']} without a fatality coding "
        f"convention), {words:,} words, {seconds:.1f} s.\n",
        "| notes with ≥1 event | event_type | sub_event_type | type macro-F1 | within 161 km "
        "| within 25 km | fatalities exact (all) | fatalities exact (no convention) "
        "| date exact | inter1 |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {r['any']:.3f} | {r['type']:.3f} | {r['sub']:.3f} | {result['macro_f1']:.3f} "
        f"| {r['km161']:.3f} | {r['km25']:.3f} | {r['fatalities']:.3f} "
        f"| {r['fatalities_plain']:.3f} | {r['date']:.3f} | {r['inter1']:.3f} |",
        "",
        "Confusion of event types (rows: ACLED's coders; columns: geomap):\n",
        "| gold \\ geomap | " + " | ".join(_SHORT[t] for t in (*_TYPES, None)) + " |",
        "|---" * 8 + "|",
    ]
    confusion = result["confusion"]
    for gold in _TYPES:
        cells = " | ".join(str(confusion[(gold, p)]) for p in (*_TYPES, None))
        lines.append(f"| {gold} | {cells} |")
    other = sum(c for (g, p), c in confusion.items() if p is not None and p not in _TYPES)
    if other:
        lines.append(f"\n(plus {other} notes given a non-ACLED type)")
    lines += _breakdown("Per sub-event type", "sub-event type", result["per_sub"])
    lines += _breakdown("Per region", "region", result["per_region"])
    return "\n".join(lines)


def _breakdown(title: str, label: str, table: dict[str, Counter[str]]) -> list[str]:
    """A table of type, sub-type and 25 km accuracy per group, largest group first."""
    lines = ["", f"{title}:\n", f"| {label} | notes | type | sub-type | 25 km |"]
    lines.append("|---|---:|---:|---:|---:|")
    for name, c in sorted(table.items(), key=lambda kv: -kv[1]["n"]):
        n = c["n"]
        lines.append(
            f"| {name} | {n} | {c['type'] / n:.2f} | {c['sub'] / n:.2f} | {c['km25'] / n:.2f} |"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notes", nargs="?", default=str(_DEFAULT / "acled-dev.jsonl"))
    parser.add_argument("--db", help="gazetteer database (default: $GEOMAP_DB or the cache)")
    parser.add_argument(
        "--failures",
        default="/tmp/acled_notes_failures.jsonl",
        help="where to list the failing notes (keep it outside the repository)",
    )
    parser.add_argument("--limit", type=int, default=0, help="only the first N notes")
    args = parser.parse_args(argv)

    path = Path(args.notes)
    if not path.is_file():
        print(f"no notes file at {path}", file=sys.stderr)
        return 1
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    if args.limit:
        rows = rows[: args.limit]
    geoparser = Geoparser.open(args.db)
    predictions: list[list[dict[str, Any]]] = []
    errors: list[str] = []
    started = time.perf_counter()
    for row in rows:
        document = Document(row["id"], row["text"])
        document.published = date.fromisoformat(row["published"]) if row["published"] else None
        try:
            predictions.append(geoparser.parse(document).to_dict()["events"])
        except Exception as error:  # a failing note is counted, not fatal
            errors.append(f"{row['id']}: {type(error).__name__}: {error}")
            predictions.append([])
    seconds = time.perf_counter() - started
    result = score(rows, predictions)
    with open(args.failures, "w", encoding="utf-8") as handle:
        for failure in result["failures"]:
            handle.write(json.dumps(failure, ensure_ascii=False) + "\n")
    words = sum(len(row["text"].split()) for row in rows)
    print(_report(result, path, seconds, words))
    print(f"\n{len(errors)} notes failed with an exception (counted as no event)")
    for line in errors[:5]:
        print(f"    {line}", file=sys.stderr)
    print(f"\n{len(result['failures'])} notes with a wrong field listed in {args.failures}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
