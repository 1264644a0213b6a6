"""Gazetteer benchmarks: build time and size, lookup throughput, cold start, memory.

Run: python benchmarks/gazetteer_bench.py [--db PATH] [--skip-build]
Prints a Markdown section for docs/BENCHMARKS.md. Medians of repeated runs, because these
machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from geomap.gazetteer.build import build
from geomap.gazetteer.names import fold, key, loose
from geomap.gazetteer.store import SqliteGazetteer
from geomap.settings import database_path


def _timed_lookups(
    gazetteer: SqliteGazetteer,
    names: list[str],
    repeats: int = 9,
    *,
    cached: bool = False,
    in_block: bool = False,
) -> float:
    """Median lookups/s over ``repeats`` passes.

    Uncached passes start from nothing a previous pass left behind: the gazetteer's answer
    cache and the memoised name folding are cleared first, so every lookup is a first one.
    """
    rates = []
    for _ in range(repeats):
        if not cached:
            gazetteer._lookups.clear()
            for memoised in (fold, key, loose):
                memoised.cache_clear()
        started = time.perf_counter()
        with gazetteer.reading() if in_block else contextlib.nullcontext():
            for name in names:
                gazetteer.lookup(name, limit=5)
        rates.append(len(names) / (time.perf_counter() - started))
    return statistics.median(rates)


def _peak_mb() -> float:
    # ru_maxrss is unreliable in some sandboxes; the kernel's high-water mark is not.
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmHWM"))
    return int(line.split()[1]) / 1024


def _variant(name: str) -> str:
    """A spelling a news text might use: no accents or apostrophes, hyphens for spaces."""
    import unicodedata

    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return plain.replace("’", "'").replace(" ", "-") if " " in plain else plain.upper()


def _wall(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=None)
    parser.add_argument("--skip-build", action="store_true")
    parser.add_argument("--sample", type=int, default=5000)
    args = parser.parse_args()
    db = database_path(args.db)
    print(
        f"### Gazetteer ({time.strftime('%Y-%m-%d')}, {platform.node()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()})\n"
    )
    if not args.skip_build:
        with tempfile.TemporaryDirectory() as tmp:
            report = build(Path(tmp) / "gazetteer.sqlite", progress=None)
            size = report.path.stat().st_size
        print(
            f"- build: {report.seconds:.0f} s, {report.places:,} places, {report.names:,} "
            f"names, {size / 1e6:.0f} MB (one run)"
        )
    gazetteer = SqliteGazetteer(db)
    rows = gazetteer._db.execute(
        "SELECT name FROM names WHERE name_type = 'name' ORDER BY random() LIMIT ?", (args.sample,)
    ).fetchall()
    exact = [r[0] for r in rows]
    variants = [_variant(n) for n in exact]
    rng = random.Random(7)
    misses = [
        "".join(rng.choice("bcdfghjklmnpqrstvwxz") for _ in range(rng.randint(6, 12)))
        for _ in range(args.sample)
    ]
    print(
        f"- lookups, one core, median of 9 passes over {args.sample:,} distinct names "
        f"(limit 5); before each pass the answer cache and the memoised name folding are "
        f"cleared:"
    )
    print(f"  - exact names: {_timed_lookups(gazetteer, exact):,.0f} lookups/s")
    print(
        f"  - variant spellings (accents stripped, hyphens, capitals): "
        f"{_timed_lookups(gazetteer, variants):,.0f} lookups/s"
    )
    print(
        f"  - misses (random consonant strings): {_timed_lookups(gazetteer, misses):,.0f} lookups/s"
    )
    print(
        f"  - exact names inside one `with gazetteer.reading():` block (as the geoparser "
        f"reads each document's names): "
        f"{_timed_lookups(gazetteer, exact, in_block=True):,.0f} lookups/s"
    )
    print(
        f"  - the same names again (answer cache, as when an article repeats its places): "
        f"{_timed_lookups(gazetteer, exact, cached=True):,.0f} lookups/s"
    )
    python = sys.executable
    geocode = [python, "-m", "geomap", "geocode", "Abu Kamal", "--offline", "--db", str(db)]
    bare = _wall([python, "-c", "pass"], 11)
    cold = _wall(geocode, 11)
    print(
        f'- cold start, median of 11 runs: `geomap geocode "Abu Kamal" --offline` '
        f"{cold:.2f} s; bare `python -c pass` {bare:.2f} s"
    )
    usage = subprocess.run(
        [
            python,
            "-c",
            "import sys; from geomap.cli import main; main(sys.argv[1:]); "
            "print([l for l in open('/proc/self/status') if l.startswith('VmHWM')][0], "
            "file=sys.stderr)",
            *geocode[3:],
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    peak_kb = int(usage.stderr.strip().splitlines()[-1].split()[1])
    print(f"- resident memory of one `geomap geocode`: {peak_kb / 1024:.0f} MB peak (VmHWM)")
    print(
        f"- this process after {5 * 9 * args.sample:,} lookups: {_peak_mb():.0f} MB peak "
        f"(VmHWM; includes the build when it ran here)"
    )


if __name__ == "__main__":
    main()
