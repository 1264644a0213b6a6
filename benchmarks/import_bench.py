"""Peak memory and time of ``gazetteer import`` on a small zip that unpacks to a malformed dump.

The zip holds one endless line (``--line-mb`` MB with no line end) and ``--bad-lines`` lines
that are not GeoNames lines: a few hundred KB that unpack to hundreds of MB. The import runs
against a copy of the given gazetteer in a temporary folder (the original is only read), in a
fresh process per run, and reports the process's peak RSS.

Command::

    GEOMAP_DB=~/.cache/geomap/gazetteer.sqlite python benchmarks/import_bench.py --runs 3
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from geomap.gazetteer.build import apply_user_data
db, archive = Path(sys.argv[1]), Path(sys.argv[2])
started = time.perf_counter()
report = apply_user_data(db, archive, "geonames", register=False)
print(json.dumps({
    "seconds": round(time.perf_counter() - started, 1),
    "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    "warnings": getattr(report, "problem_count", len(report.problems)),
}))
"""


def make_archive(path: Path, line_mb: int, bad_lines: int) -> None:
    with (
        zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("XX.txt", "w") as member,
    ):
        for _ in range(line_mb):
            member.write(b"x" * (1 << 20))
        member.write(b"\n")
        for _ in range(bad_lines // 1000):
            member.write(b"not\ta\tdump\tline\n" * 1000)


def main() -> None:
    from geomap.settings import database_path

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="gazetteer to copy (default: GEOMAP_DB or the cache)")
    parser.add_argument("--line-mb", type=int, default=200)
    parser.add_argument("--bad-lines", type=int, default=2_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        archive = work / "malformed.zip"
        make_archive(archive, args.line_mb, args.bad_lines)
        print(
            f"zip {archive.stat().st_size / 1e6:.2f} MB: one {args.line_mb} MB line and "
            f"{args.bad_lines:,} malformed lines"
        )
        for run in range(1, args.runs + 1):
            db = work / "gazetteer.sqlite"
            shutil.copy(database_path(args.db), db)
            result = subprocess.run(
                [sys.executable, "-c", _CHILD, str(db), str(archive)],
                capture_output=True,
                text=True,
                check=True,
                env={**os.environ, "GEOMAP_CACHE_DIR": str(work / "cache")},
            )
            print(f"run {run}: {json.loads(result.stdout)}")
            db.unlink()


if __name__ == "__main__":
    main()
