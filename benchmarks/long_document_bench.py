"""Long documents: ``geomap parse`` time and peak memory of one-line documents by size.

Run:
    python benchmarks/long_document_bench.py [--sizes 100k,1m,10m] [--repeats 3]
        [--kind article|clauses|names] [--tree PATH] [--db PATH] [--limit SECONDS]

Each document is geomap's example article (``geomap/data/example_article.txt``) repeated on one
line up to the size: every sentence of it reports an event with a date and a place, the
densest work per character the events stage sees. ``--kind clauses`` repeats a clause with no
sentence end, ``--kind names`` a comma-separated list of places (a flattened table). Each size
is parsed ``--repeats`` times by ``python -m geomap parse --offline FILE`` in a fresh process
running the code of ``--tree`` (default: this checkout; give a worktree of an older commit to
compare). Reported per size: median wall time, median CPU time of the process (user + system:
steadier than wall time on a shared machine), both per MB beyond start-up (flat when the time
is linear in the length), and the peak resident memory. A run longer than ``--limit`` seconds
is stopped and reported as such.

Prints a Markdown section for docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[1]
ARTICLE = CHECKOUT / "geomap" / "data" / "example_article.txt"
_UNITS = {"k": 1_000, "m": 1_000_000}


def _size(text: str) -> int:
    """ "100k" → 100000, "1m" → 1000000, "2500" → 2500."""
    unit = _UNITS.get(text[-1].lower(), 1)
    return int(float(text[:-1] if unit > 1 else text) * unit)


#: Other shapes of long text (``--kind``): clauses without a sentence end, and a list of names.
KINDS = {
    "clauses": "gunmen attacked a checkpoint in Mosul killing two policemen, ",
    "names": "Baghdad, Mosul, Kirkuk, ",
}


def one_line_document(size: int, kind: str = "article") -> str:
    """The example article (whitespace collapsed) or a :data:`KINDS` text, repeated on one line
    to ``size`` characters."""
    unit = " ".join(ARTICLE.read_text(encoding="utf-8").split()) + " "
    unit = KINDS.get(kind, unit)
    repeated = unit * (size // len(unit) + 1)
    return repeated[:size].rstrip() + "\n"


def _run(tree: Path, path: Path, db: str | None, limit: float) -> tuple[float, float, float] | None:
    """Wall seconds, CPU seconds and peak RSS (MiB) of one parse, or None past ``limit``."""
    command = [sys.executable, "-m", "geomap", "parse", "--offline", str(path)]
    command += ["-o", os.devnull] + (["--db", db] if db else [])
    environment = dict(os.environ, PYTHONPATH=str(tree))
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=tree, env=environment, stdout=subprocess.DEVNULL, stderr=errors
        )
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - started > limit:
                process.kill()
                os.wait4(process.pid, 0)
                return None
            time.sleep(0.05)
        wall = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            error = errors.read().decode(errors="replace").strip()
            raise SystemExit(f"geomap parse failed on {path.name}: {error}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    arguments.add_argument("--sizes", default="100k,1m,10m", help="comma-separated: 100k, 1m")
    arguments.add_argument("--repeats", type=int, default=3)
    arguments.add_argument("--kind", choices=["article", *KINDS], default="article")
    arguments.add_argument("--tree", type=Path, default=CHECKOUT, help="code to run")
    arguments.add_argument("--db", help="gazetteer database (default: geomap's own setting)")
    arguments.add_argument("--limit", type=float, default=1800, help="seconds per run at most")
    options = arguments.parse_args()
    tree = options.tree.resolve()
    commit = subprocess.run(
        ["git", "-C", str(tree), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    tree_option = f" --tree {options.tree}" if options.tree != CHECKOUT else ""
    print(f"### Long one-line documents ({time.strftime('%Y-%m-%d', time.gmtime())})\n")
    print(
        f"`python benchmarks/long_document_bench.py --sizes {options.sizes} "
        f"--repeats {options.repeats} --kind {options.kind}{tree_option}`: code at {commit}; "
        f"{platform.platform()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, load average "
        f"{os.getloadavg()[0]:.1f} at the start. Per MB: beyond the cost of a one-sentence "
        "document (start-up, gazetteer names), which the first row gives.\n"
    )
    print("| size | runs | wall s (median) | wall s per MB | CPU s (median) | CPU s per MB | "
          "peak RSS MiB |")  # fmt: skip
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        start_up: tuple[float, float] | None = None
        for label in ["sentence", *options.sizes.split(",")]:
            path = Path(folder) / f"long-{label}.txt"
            if label == "sentence":
                path.write_text("Rockets struck Camp Taji on March 11.\n", encoding="utf-8")
            else:
                path.write_text(one_line_document(_size(label), options.kind), encoding="utf-8")
            runs = []
            for _ in range(options.repeats):
                found = _run(tree, path, options.db, options.limit)
                if found is None:
                    break
                runs.append(found)
            if not runs:
                print(f"| {label} | 0 | over {options.limit:g} s | | | | |", flush=True)
                continue
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            peak = max(r[2] for r in runs)
            if start_up is None:
                start_up = (wall, cpu)
                print(f"| one sentence | {len(runs)} | {wall:.1f} | | {cpu:.1f} | | {peak:.0f} |")
                continue
            megabytes = path.stat().st_size / 1e6
            print(
                f"| {label} | {len(runs)} | {wall:.1f} | {(wall - start_up[0]) / megabytes:.1f} | "
                f"{cpu:.1f} | {(cpu - start_up[1]) / megabytes:.1f} | {peak:.0f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
