"""Geoparser benchmarks: accuracy on the public corpora and throughput on one core.

Run:
    python benchmarks/geoparse_bench.py ../shared/bench [--spacy-python PY --spacy-model M]

Prints a Markdown section for docs/BENCHMARKS.md:

* both protocols (resolution only, end to end) on every ``*.jsonl`` corpus of the folder, with
  the gazetteer's ceiling (share of gold toponyms with any candidate within 161 km);
* throughput of ``Geoparser.parse`` (offline) in words/s on one core, median of 3 passes over
  every text of the corpora (and over the same text as one 1 MB line, the long-document case),
  next to a baseline run in the same session: a spaCy pipeline with
  only its NER component enabled, over the same texts (in its own interpreter, so geomap needs
  no spaCy).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

from geomap.benchmark import run_evaluation
from geomap.evaluate import gold_toponyms, haversine_km, load_corpus
from geomap.geoparse import Geoparser
from geomap.model import Document

_SPACY_SNIPPET = """
import importlib, json, statistics, sys, time
texts = json.load(sys.stdin)
module = importlib.import_module(sys.argv[1])
nlp = module.load()
nlp = module.load(disable=[name for name in nlp.pipe_names if name != "ner"])
words = sum(len(t.split()) for t in texts)
rates = []
for _ in range(3):
    started = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=16):
        doc.ents
    rates.append(words / (time.perf_counter() - started))
print(json.dumps({"rate": statistics.median(rates), "pipes": nlp.pipe_names}))
"""


def _ceiling(parser: Geoparser, docs: list[dict]) -> float:
    total = hits = 0
    for doc in docs:
        for gold in gold_toponyms(doc):
            if gold.lat is None:
                continue
            total += 1
            try:
                candidates = parser.gazetteer.lookup(gold.name, limit=100)
            except Exception:
                candidates = []
            hits += any(haversine_km(gold.lat, gold.lon, c.lat, c.lon) <= 161 for c in candidates)
    return hits / total if total else 0.0


def _throughput(parser: Geoparser, texts: list[str]) -> float:
    words = sum(len(t.split()) for t in texts)
    rates = []
    for _ in range(3):
        started = time.perf_counter()
        for number, text in enumerate(texts):
            parser.parse(Document(str(number), text))
        rates.append(words / (time.perf_counter() - started))
    return statistics.median(rates)


def main() -> None:
    arguments = argparse.ArgumentParser()
    arguments.add_argument("folder", type=Path)
    arguments.add_argument("--spacy-python", help="interpreter that has spaCy and the model")
    arguments.add_argument(
        "--spacy-model",
        default="en_core_web_sm",
        help="importable package name of the spaCy pipeline",
    )
    args = arguments.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    parser = Geoparser.open(offline=True, with_events=False)
    corpora = sorted(args.folder.glob("*.jsonl"))
    print(
        f"### Geoparser ({time.strftime('%Y-%m-%d')}, {platform.node()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()})\n"
    )
    print(
        "| corpus | gold | ceiling | resolution Acc@161 | below country | country correct "
        "| AUC | e2e P | e2e R | e2e F1 | e2e Acc@161 (found) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    texts: list[str] = []
    for corpus in corpora:
        docs = load_corpus(corpus)
        texts.extend(doc["text"] for doc in docs)
        resolution = run_evaluation(corpus, mode="resolution")
        e2e = run_evaluation(corpus, mode="e2e")
        spans = e2e["spans"]["exact"]
        found = e2e["geocoding"]["exact"]["overall"]
        print(
            f"| {corpus.stem} | {resolution['counted']} | {_ceiling(parser, docs):.3f} "
            f"| {resolution['overall']['acc161']:.3f} "
            f"| {resolution['below_country']['acc161']:.3f} "
            f"| {resolution['country_correct']['rate']:.3f} "
            f"| {resolution['overall']['auc']:.3f} | {spans['precision']:.3f} "
            f"| {spans['recall']:.3f} | {spans['f1']:.3f} | {found['acc161']:.3f} |"
        )
    words = sum(len(t.split()) for t in texts)
    rate = _throughput(parser, texts)
    print(f"\nThroughput over {len(texts):,} texts ({words:,} words), one core, median of 3:")
    print(f"- `geomap` parse, offline (recognition + resolution): {rate:,.0f} words/s")
    # The same texts as one 1 MB line: what a long document costs beyond its words.
    long_text = " ".join(" ".join(texts).split())[:1_000_000]
    long_rate = _throughput(parser, [long_text])
    print(f"- the same texts as one document of 1 MB on one line: {long_rate:,.0f} words/s")
    if args.spacy_python:
        baseline = subprocess.run(
            [args.spacy_python, "-c", _SPACY_SNIPPET, args.spacy_model],
            input=json.dumps(texts),
            capture_output=True,
            text=True,
            check=True,
        )
        result = json.loads(baseline.stdout.strip().splitlines()[-1])
        print(
            f"- spaCy `{args.spacy_model}`, pipes {result['pipes']} (NER only), same texts, "
            f"same session: {result['rate']:,.0f} words/s"
        )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
