"""The learned event coder on ACLED's notes: scores against the rules alone, time, size, speed.

Run: python benchmarks/coder_bench.py [--events FILE] [--bench DIR] [--db PATH] [--repeats N]

Input, read at run time and never copied: ``FILE`` (default
``/work/shared/bench/events/acled-dev.jsonl``, one ACLED event per line: ``text`` is the note,
``gold_*`` its codes) and the article corpora ``DIR/*.jsonl`` for the parsing speed. Nothing
learned here is written anywhere but a temporary directory.

1. ``geomap events train`` on every note: 5-fold cross-validated accuracy and macro-F1 per field
   (each classifier on its own), training time (with and without the folds), model size;
2. end to end, 5-fold: the notes parsed by the rules alone, and by the rules with a model trained
   on the other four folds; per note the predicted event nearest the gold point is scored (the
   first when none has a point; a note without an event is wrong on every field), as the
   held-out measurement of ``/work/shared/bench/events/README.md`` does;
3. training time on 10,000 rows: the notes, then each note again with one sentence of another
   note appended until there are 10,000 different rows;
4. parsing speed of the article corpora (words/s, one core) without and with a model, median of
   ``N`` alternating runs.

Prints a Markdown snippet for docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from geomap.events import learn
from geomap.gazetteer.store import haversine_km
from geomap.geoparse.parser import Geoparser
from geomap.model import Document

sys.path.insert(0, str(Path(__file__).resolve().parent))
from events_bench import _documents as _articles

__all__ = ["main"]

SCORED = ("event_type", "sub_event_type", "disorder_type", "inter1", "inter2")
LABELS = {name: f"gold_{name}" for name in learn.FIELDS}


def _notes(path: Path) -> pd.DataFrame:
    return pd.read_json(path, lines=True, dtype=False)


def _nearest(events: list[dict[str, Any]], lat: Any, lon: Any) -> dict[str, Any] | None:
    if not events:
        return None
    located = [e for e in events if (e.get("place") or {}).get("lat") is not None]
    if not located or lat is None or lon is None:
        return events[0]
    return min(located, key=lambda e: haversine_km(lat, lon, e["place"]["lat"], e["place"]["lon"]))


def _parse_scores(
    parser: Geoparser, notes: pd.DataFrame, models: list[Any]
) -> tuple[dict[str, learn.FieldScores], set[str], int]:
    """Scores per field of the events parsed from ``notes`` (row i with ``models[i]``), the
    fields the parse coded at all, and the notes with at least one event."""
    found = 0
    gold: dict[str, list[Any]] = {name: [] for name in SCORED}
    predicted: dict[str, list[Any]] = {name: [] for name in SCORED}
    for row, model in zip(notes.itertuples(index=False), models, strict=True):
        published = date.fromisoformat(str(row.published)[:10]) if row.published else None
        document = Document(str(row.id), row.text, published=published)
        try:
            events = parser.parse(document, event_model=model).events
        except Exception:  # geomap parse makes it an error record: no event for this note
            events = []
        event = _nearest(events, row.gold_lat, row.gold_lon)
        found += event is not None
        for name in SCORED:
            truth = learn._label(getattr(row, f"gold_{name}"))
            gold[name].append(truth)
            answer = event.get(name) if event is not None else "(no event)"
            predicted[name].append(answer if event is not None else "(no event)")
    coded = {n for n in SCORED if any(x not in (None, "(no event)") for x in predicted[n])}
    scores = {name: learn.score_field(gold[name], predicted[name]) for name in SCORED}
    return scores, coded, found


def _ten_thousand(notes: pd.DataFrame) -> pd.DataFrame:
    rows = notes.to_dict("records")
    extra = []
    i = 0
    while len(rows) + len(extra) < 10_000:
        base = rows[i % len(rows)]
        other = rows[(i * 7 + 3) % len(rows)]["text"].split(". ")[0]
        extra.append({**base, "text": f"{base['text']} {other}."})
        i += 1
    return pd.DataFrame(rows + extra)


def _timed(run: Any) -> tuple[Any, float]:
    """The result and the CPU seconds it took: on a shared machine, wall time measures the
    neighbours; the process's CPU time is what one core spends on it."""
    started = time.process_time()
    result = run()
    return result, time.process_time() - started


class _Output(list):
    """Lines of the snippet, printed as they come (a long run shows its progress)."""

    def append(self, line: str) -> None:
        print(line, flush=True)
        super().append(line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", default="/work/shared/bench/events/acled-dev.jsonl")
    parser.add_argument("--bench", default="/work/shared/bench", help="articles: *.jsonl")
    parser.add_argument("--db", help="gazetteer database (default: $GEOMAP_DB or the cache)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    notes = _notes(Path(args.events))
    out = _Output()

    # 1. train on every note, with the folds' scores
    model, seconds_cv = _timed(
        lambda: learn.train(notes, text_column="text", label_columns=LABELS, folds=args.folds)
    )
    _, seconds = _timed(
        lambda: learn.train(notes, text_column="text", label_columns=LABELS, folds=0)
    )
    with tempfile.TemporaryDirectory() as folder:
        path = model.save(Path(folder) / "coder.npz")
        size_mb = path.stat().st_size / 1e6
        loaded, load_seconds = _timed(lambda: learn.load_model(path))
    out.append(
        f"{len(notes):,} notes; Python {platform.python_version()} on {platform.machine()}, "
        f"one core, CPU seconds. Training (every field): {seconds:.1f} s, with {args.folds}-fold "
        f"cross-validation {seconds_cv:.1f} s; model {size_mb:.1f} MB "
        f"({len(loaded.vocabulary):,} features, "
        + ", ".join(f"{n} {len(f.labels)} classes" for n, f in loaded.fields.items())
        + f"), loaded in {load_seconds:.2f} s.\n"
    )

    # 3. 10,000 rows
    big = _ten_thousand(notes)
    _, big_seconds = _timed(
        lambda: learn.train(big, text_column="text", label_columns=LABELS, folds=0)
    )
    _, big_seconds_cv = _timed(
        lambda: learn.train(big, text_column="text", label_columns=LABELS, folds=args.folds)
    )
    out.append(
        f"10,000 rows: {big_seconds:.1f} s to train, {big_seconds_cv:.1f} s with "
        f"{args.folds}-fold cross-validation.\n"
    )

    # 2. end to end: rules alone vs rules + a model of the other folds
    geoparser = Geoparser.open(args.db)
    rules, rules_code, found = _parse_scores(geoparser, notes, [None] * len(notes))
    fold_of = [i % args.folds for i in range(len(notes))]
    models: list[Any] = [None] * len(notes)
    for fold in range(args.folds):
        train_rows = notes[[f != fold for f in fold_of]]
        fold_model = learn.train(train_rows, text_column="text", label_columns=LABELS, folds=0)
        for i, f in enumerate(fold_of):
            if f == fold:
                models[i] = fold_model
    coded, _, _ = _parse_scores(geoparser, notes, models)
    cv = {n: f.scores for n, f in model.fields.items() if f.scores}
    out.append(
        "| field | rules alone: accuracy | macro-F1 | rules + model (5-fold): accuracy "
        "| macro-F1 | model on the whole note (5-fold CV): accuracy | macro-F1 |"
    )
    out.append("|---|---:|---:|---:|---:|---:|---:|")
    for name in SCORED:
        r, c, m = rules[name], coded[name], cv.get(name)
        rule_cells = f"{r.accuracy:.3f} | {r.macro_f1:.3f}" if name in rules_code else "— | —"
        model_cells = f"{m.accuracy:.3f} | {m.macro_f1:.3f}" if m else "— | —"
        out.append(
            f"| {name} | {rule_cells} | {c.accuracy:.3f} | {c.macro_f1:.3f} | {model_cells} |"
        )
    out.append(f"\nNotes with at least one event: {found:,} of {len(notes):,}.\n")
    out.append("Event type with the model, 5-fold end to end (rows: coded, columns: predicted):")
    out.append("```")
    out.append(learn.format_report({"event_type": coded["event_type"]}))
    out.append("```")

    # 4. parsing speed
    documents = _articles(Path(args.bench))
    if documents:
        words = sum(len(d.text.split()) for d in documents)
        geoparser.parse(documents[0])
        plain: list[float] = []
        with_model: list[float] = []
        for _ in range(args.repeats):
            for model_used, times in ((None, plain), (loaded, with_model)):
                _, seconds = _timed(
                    lambda m=model_used: [geoparser.parse(d, event_model=m) for d in documents]
                )
                times.append(seconds)
        a, b = statistics.median(plain), statistics.median(with_model)
        out.append(
            f"\nParsing {len(documents):,} articles ({words:,} words, `{args.bench}/*.jsonl`), "
            f"median of {args.repeats} alternating runs, words per CPU second: rules alone "
            f"{words / a:,.0f}, with the model {words / b:,.0f} ({b / a - 1:+.1%} time)."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
