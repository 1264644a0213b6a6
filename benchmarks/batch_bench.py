"""Batch parsing throughput, scaling, completeness and memory (issue 6), as a Markdown snippet.

Usage::

    GEOMAP_DB=/path/to/gazetteer.sqlite python benchmarks/batch_bench.py [--runs 3] [--big]

* **Throughput**: the news texts of ``/work/shared/bench/*.jsonl`` (read at run time; about 570
  articles of ~2,000 characters) repeated to ``--docs`` documents, parsed offline by 1 worker
  in process, 1 worker process and 2 worker processes. Steady rate: records after the first
  divided by the time from the first record to the last (worker start-up excluded; it is
  reported apart). Medians of ``--runs`` runs: the machine is shared and noisy.
* **10,000 documents** with planted bad ones (malformed JSON, a non-string text, a wrong id
  type, a missing text) through 2 workers: records out must equal inputs in, the bad ones as
  error records. Resident memory of each worker after its first and its last chunk, and peak.
* ``--big``: one 50 MB plain-text file (sparse place names) through ``geomap parse``'s code
  path in process: time and peak memory. Takes a few minutes.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from geomap.batch import BatchStats, parse_stream

BENCH = Path("/work/shared/bench")


def texts() -> list[str]:
    found = []
    for path in sorted(BENCH.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").split("\n"):
            if line.strip():
                found.append(json.loads(line)["text"])
    if not found:
        sys.exit(f"no texts under {BENCH}")
    return found


def write_corpus(path: Path, n: int, corpus: list[str], bad_every: int = 0) -> int:
    """``n`` JSON lines; every ``bad_every``-th is broken in one of four ways. Returns bad."""
    broken = [
        '{"id": "bad-%d", "text": ',
        '{"id": "bad-%d", "text": ["not", "a", "string"]}',
        '{"id": {"no": %d}, "text": "x"}',
        '{"id": "bad-%d"}',
    ]
    bad = 0
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            if bad_every and i % bad_every == bad_every - 1:
                handle.write(broken[bad % len(broken)] % i + "\n")
                bad += 1
            else:
                handle.write(json.dumps({"id": f"d{i}", "text": corpus[i % len(corpus)]}) + "\n")
    return bad


def timed_run(source: Path, workers: int, processes: bool) -> dict:
    stats = BatchStats()
    started = time.perf_counter()
    first = last = None
    count = 0
    for _ in parse_stream(
        [source], workers=workers, processes=processes, offline=True, stats=stats
    ):
        last = time.perf_counter()
        first = first or last
        count += 1
    assert first is not None and last is not None
    return {
        "records": count,
        "startup": first - started,
        "steady": (count - 1) / (last - first),
        "overall": count / (last - started),
        "stats": stats,
    }


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--runs", type=int, default=3)
    options.add_argument("--docs", type=int, default=2280)
    options.add_argument("--big", action="store_true", help="also the 50 MB single file")
    args = options.parse_args()
    corpus = texts()
    tmp = Path(tempfile.mkdtemp(prefix="geomap-batch-bench-"))
    source = tmp / "news.jsonl"
    write_corpus(source, args.docs, corpus)
    mean_chars = statistics.mean(len(t) for t in corpus)

    rows = []
    results: dict[str, list[dict]] = {}
    for label, workers, processes in (
        ("1 worker, in process", 1, False),
        ("1 worker process", 1, True),
        ("2 worker processes", 2, True),
    ):
        runs = [timed_run(source, workers, processes) for _ in range(args.runs)]
        results[label] = runs
        steady = statistics.median(r["steady"] for r in runs)
        overall = statistics.median(r["overall"] for r in runs)
        startup = statistics.median(r["startup"] for r in runs)
        rows.append((label, steady, overall, startup, [round(r["steady"]) for r in runs]))
        print(f"{label}: {steady:.0f} docs/s steady", file=sys.stderr)
    one = statistics.median(r["steady"] for r in results["1 worker process"])
    two = statistics.median(r["steady"] for r in results["2 worker processes"])
    one_here = statistics.median(r["steady"] for r in results["1 worker, in process"])

    big_source = tmp / "ten_thousand.jsonl"
    planted = write_corpus(big_source, 10_000, corpus, bad_every=100)
    run = timed_run(big_source, 2, True)
    stats: BatchStats = run["stats"]

    print(f"### Batch parsing (`benchmarks/batch_bench.py`, {args.runs} runs, medians)\n")
    print(
        f"{args.docs:,} news articles (mean {mean_chars:,.0f} characters) from "
        f"`/work/shared/bench/*.jsonl`, offline, events on, {_cores()} cores.\n"
    )
    print("| workers | articles/s (steady) | articles/s (with start-up) | start-up s | runs |")
    print("| --- | ---: | ---: | ---: | --- |")
    for label, steady, overall, startup, each in rows:
        print(f"| {label} | {steady:.0f} | {overall:.0f} | {startup:.1f} | {each} |")
    print(
        f"\n2 worker processes / 1 worker process: **{two / one:.2f}×**; "
        f"/ 1 worker in process: {two / one_here:.2f}×.\n"
    )
    print(f"#### 10,000 documents, {planted} planted bad ones, 2 workers\n")
    print(
        f"inputs {stats.inputs:,} → records {stats.records:,} "
        f"({stats.records - stats.errors:,} results, {stats.errors:,} error records; "
        f"planted {planted}); {run['overall']:.0f} docs/s overall; worker restarts "
        f"{stats.restarts}.\n"
    )
    marks = [1, 16, 64, 128, 256]
    print(
        "| worker pid | chunks | "
        + " | ".join(f"RSS after chunk {m} MiB" for m in marks)
        + " | RSS at end MiB | peak MiB |"
    )
    print("| --- | ---: | " + "---: | " * (len(marks) + 2))
    for memory in stats.memory.values():
        samples = " | ".join(f"{memory.samples.get(m, float('nan')):.0f}" for m in marks)
        print(
            f"| {memory.pid} | {memory.chunks} | {samples} | "
            f"{memory.last_rss_mb:.0f} | {memory.peak_rss_mb:.0f} |"
        )
    print(
        "\nA chunk is up to 16 documents. RSS includes the pages of the gazetteer file that "
        "SQLite maps (shared between workers and with the page cache); peak includes loading "
        "the name table at start-up."
    )
    ok = stats.records == 10_000 and stats.errors == planted
    print(f"\ncount in = count out and errors = planted: **{'yes' if ok else 'NO'}**")
    if args.big:
        big(tmp)


def big(tmp: Path) -> None:
    filler = "The committee discussed harvests, rainfall and prices with local farmers.\n"
    block = "Officials in Nairobi said.\n" + filler * 100 + "\n"
    path = tmp / "fifty.txt"
    path.write_text(block * (50_000_000 // len(block)), encoding="utf-8")
    started = time.perf_counter()
    (record,) = list(parse_stream([path], workers=1, offline=True))
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"\n#### One 50 MB text file\n\n{path.stat().st_size / 1e6:.0f} MB, "
        f"{len(record.get('places', []))} place mentions, {seconds:.0f} s, "
        f"peak RSS of the process {peak:.0f} MiB; error: {record.get('error')}"
    )


def _cores() -> int:
    import os

    return os.cpu_count() or 1


if __name__ == "__main__":
    main()
