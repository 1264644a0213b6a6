"""Event extraction throughput (words/s, one core) next to the geoparser alone.

Run: python benchmarks/events_bench.py [--db PATH] [--bench DIR] [--repeats N]

Input: the texts of ``DIR/*.jsonl`` (default ``/work/shared/bench``), read at run time and
never copied. Three timings over the same documents, each the median of ``N`` runs (the
machines are shared and noisy):

* geoparser alone: recognition and resolution (``Geoparser._resolve`` on recognised mentions);
* event extraction alone: :func:`geomap.events.extract_events` on the places found above;
* both: :meth:`geomap.geoparse.Geoparser.parse`, what ``geomap parse`` runs per document.

Prints a Markdown snippet for docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from geomap.events import extract_events
from geomap.geoparse import Geoparser
from geomap.model import Document

__all__ = ["main"]


def _documents(folder: Path) -> list[Document]:
    documents = []
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    item = json.loads(line)
                    documents.append(Document(str(item.get("id")), item.get("text") or ""))
    return documents


def _median_seconds(run: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="gazetteer database (default: $GEOMAP_DB or the cache)")
    parser.add_argument("--bench", default="/work/shared/bench", help="folder of *.jsonl")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    documents = _documents(Path(args.bench))
    if not documents:
        print(f"no *.jsonl documents in {args.bench}", file=sys.stderr)
        return 1
    words = sum(len(d.text.split()) for d in documents)
    geoparser = Geoparser.open(args.db)
    geoparser.parse(documents[0])  # warm caches: name table, SQLite pages

    def places_only() -> list:
        recognise = geoparser.recognizer.mentions
        return [geoparser._resolve(d.text, recognise(d.text)) for d in documents]

    resolved = places_only()

    def events_only() -> None:
        for document, places in zip(documents, resolved, strict=True):
            extract_events(document, places, published=None)

    def both() -> None:
        for document in documents:
            geoparser.parse(document)

    timings = {
        "geoparser alone (recognise + resolve)": _median_seconds(places_only, args.repeats),
        "event extraction alone": _median_seconds(events_only, args.repeats),
        "geoparser + events (`Geoparser.parse`)": _median_seconds(both, args.repeats),
    }
    events = sum(
        len(extract_events(d, p, published=None)) for d, p in zip(documents, resolved, strict=True)
    )
    print("### Event extraction throughput\n")
    print(
        f"{len(documents)} documents, {words:,} words (the texts of `{args.bench}/*.jsonl`), "
        f"{events} events found; one core, median of {args.repeats} runs; "
        f"Python {platform.python_version()} on {platform.machine()}.\n"
    )
    print("| stage | seconds | words/s |")
    print("|---|---:|---:|")
    for stage, seconds in timings.items():
        print(f"| {stage} | {seconds:.2f} | {words / seconds:,.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
