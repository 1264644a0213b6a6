"""The ``geomap`` command line: parses arguments, calls the stages, prints or writes.

Every :class:`~geomap.errors.GeomapError` becomes one line on stderr and exit code 1; a wrong
option exits with 2 (argparse). Heavy modules are imported inside the commands that need them so
that ``geomap geocode`` starts fast.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from geomap import __version__
from geomap.errors import GeomapError, InputError

__all__ = ["EXAMPLE_ARTICLE", "main"]

#: The article ``geomap map`` maps when given nothing: the embedded default of the README.
EXAMPLE_ARTICLE = Path(__file__).resolve().parent / "data" / "example_article.txt"

Command = Callable[[argparse.Namespace], int]


def _lat_lon(text: str) -> tuple[float, float]:
    try:
        lat_text, lon_text = text.split(",")
        lat, lon = float(lat_text), float(lon_text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected LAT,LON, got {text!r}") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise argparse.ArgumentTypeError(f"coordinates out of range: {text!r}")
    return lat, lon


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected at least 1, got {value}")
    return value


# -- geocode ---------------------------------------------------------------------------------


def _cmd_geocode(args: argparse.Namespace) -> int:
    from geomap.gazetteer import geocode, open_gazetteer

    gazetteer = open_gazetteer(_built_gazetteer(args.db))
    candidates = geocode(
        gazetteer,
        args.name,
        country=args.country,
        kind=args.kind,
        near=args.near,
        limit=args.limit,
        offline=args.offline or None,
    )
    if args.json:
        print(json.dumps([c.to_dict() for c in candidates], ensure_ascii=False, indent=1))
        return 0 if candidates else 1
    if not candidates:
        print(f"geomap: no place found for {args.name!r}", file=sys.stderr)
        return 1
    for rank, candidate in enumerate(candidates, start=1):
        print(f"{rank}. {_describe(gazetteer, candidate)}")
    return 0


def _describe(gazetteer, candidate) -> str:
    country = gazetteer.country(candidate.country_code) if candidate.country_code else None
    where = ", ".join(
        part
        for part in (
            candidate.name,
            candidate.admin1 if candidate.admin1 and candidate.admin1 != candidate.name else None,
            country.name if country and candidate.kind != "country" else None,
        )
        if part
    )
    population = f"  pop {candidate.population:,}" if candidate.population else ""
    return (
        f"{where} ({candidate.lat:.2f}, {candidate.lon:.2f})  {candidate.kind}{population}  "
        f"{candidate.id}  [{candidate.source}]  score {candidate.score:.2f}"
    )


# -- gazetteer -------------------------------------------------------------------------------


def _built_gazetteer(db: str | None) -> str:
    """The gazetteer's path, built first when missing or out of date: opening never builds, so
    each command that reads the gazetteer takes this step (the README's first ``geomap map``
    on a new machine builds it)."""
    from geomap.gazetteer.build import ensure_built

    return str(ensure_built(db))


def _report_skipped(report, shown: int) -> None:
    for problem in report.problems[:shown]:
        print(f"geomap: skipped {problem}", file=sys.stderr)
    more = report.problem_count - min(shown, len(report.problems))
    if more > 0:
        print(f"geomap: ... and {more:,} more skipped", file=sys.stderr)


def _cmd_gazetteer_build(args: argparse.Namespace) -> int:
    from geomap.gazetteer import build

    report = build(args.db, force=True)
    for problem in report.problems:
        print(f"geomap: warning: {problem}", file=sys.stderr)
    return 0


def _cmd_gazetteer_info(args: argparse.Namespace) -> int:
    from geomap.gazetteer import open_gazetteer

    info = open_gazetteer(args.db).info()
    if args.json:
        print(json.dumps(info, indent=1))
        return 0
    print(f"path:        {info['path']} ({info['size_mb']} MB)")
    print(
        f"built:       {info['built_at']}  schema {info['schema_version']}  "
        f"data {info['fingerprint']}"
    )
    print(
        f"places:      {info['places']:,}   names: {info['names']:,}   "
        f"online answers cached: {info['online_cache_entries']:,}"
    )
    print(f"{'source':<28} {'kind':<10} {'places':>9} {'names':>9}")
    for row in info["by_source_and_kind"]:
        print(f"{row['source']:<28} {row['kind']:<10} {row['places']:>9,} {row['names']:>9,}")
    return 0


def _cmd_gazetteer_add(args: argparse.Namespace) -> int:
    from geomap.gazetteer.build import add_user_place, apply_user_data, user_places_file

    if args.file:
        source = Path(args.file)
        if not source.is_file():
            raise InputError(f"{source}: no such overlay file")
        report = apply_user_data(Path(_built_gazetteer(args.db)), source, "overlay")
    else:
        if not (args.name and args.lat is not None and args.lon is not None):
            raise InputError("give an overlay FILE (CSV or GeoJSON), or --name, --lat and --lon")
        source = user_places_file()
        fields = {
            "name": args.name,
            "alternate_names": "|".join(args.alt or []),
            "lat": str(args.lat),
            "lon": str(args.lon),
            "country": args.country or "",
            "kind": args.kind or "place",
        }
        report = add_user_place(Path(_built_gazetteer(args.db)), fields)
    _report_skipped(report, shown=100)
    print(f"added {report.places:,} places and {report.names:,} names from {source}")
    return 0 if report.places or report.names or not report.problems else 1


def _cmd_gazetteer_import(args: argparse.Namespace) -> int:
    from geomap.gazetteer.build import apply_user_data

    dump = Path(args.file)
    if not dump.is_file():
        raise InputError(f"{dump}: no such GeoNames dump file")
    report = apply_user_data(Path(_built_gazetteer(args.db)), dump, "geonames")
    _report_skipped(report, shown=20)
    print(
        f"imported {report.places:,} places and {report.names:,} names from {dump} "
        f"in {report.seconds:.1f} s"
    )
    return 0 if report.places or report.names else 1


# -- parse -----------------------------------------------------------------------------------


def _parse_date(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


def _open_output(path: str | None, *, append: bool = False, stream: bool = False):
    """The output stream: stdout, or a file whose directory must exist.

    A file is written whole (a temporary file renamed at the end, see :mod:`geomap._atomic`)
    unless it is appended to or streamed (JSON Lines that ``--resume`` can extend).
    """
    from geomap._atomic import atomic_output, streamed_output

    if path is None or path == "-":
        return contextlib.nullcontext(sys.stdout)
    target = Path(path)
    if not target.parent.exists():
        raise InputError(f"cannot write {target}: the directory {target.parent} does not exist")
    if append or stream:
        return streamed_output(target, append=append)
    return atomic_output(target)


def _refuse_inputs_as_outputs(outputs: Sequence[str | Path | None], inputs: Sequence[str]) -> None:
    """One line, before anything is written, if an output is a file the user gave as input."""
    from geomap.text.read import ensure_not_an_input

    for output in outputs:
        if output is not None and str(output) != "-":
            ensure_not_an_input(output, inputs)


def _cmd_parse(args: argparse.Namespace) -> int:
    """Stream JSON Lines as documents finish (``--format jsonl``); other formats collect."""
    from geomap import batch, settings

    _refuse_inputs_as_outputs([args.output], args.inputs)
    if args.dask is not None:
        return _cmd_parse_dask(args)
    resume_ids: set[str] = set()
    if args.resume:
        if args.format != "jsonl" or args.output in (None, "-"):
            raise InputError("--resume needs --format jsonl and -o FILE (the output to extend)")
        resume_ids = batch.prepare_resume(args.output)
    stats = batch.BatchStats()
    records = batch.parse_stream(
        args.inputs,
        workers=args.workers or batch.default_workers(args.inputs),
        db_path=_built_gazetteer(args.db),
        offline=args.offline or settings.offline_by_default(),
        date=args.date,
        spans=args.spans,
        ner=args.ner,
        resume_ids=resume_ids,
        ordered=not args.unordered,
        timeout=args.timeout,
        progress=args.progress if args.progress is not None else sys.stderr.isatty(),
        report_errors=True,
        stats=stats,
        stdin=sys.stdin,
        exclude=[args.output] if args.output not in (None, "-") else [],
        event_model=args.event_model or settings.event_model_path(),
    )
    if args.format == "jsonl":
        with _open_output(args.output, append=args.resume, stream=True) as handle:
            batch.write_jsonl(records, handle)
    else:
        _write_results(list(records), args.format, args.output, non_acled=args.non_acled)
    _report_batch(stats, resumed=args.resume)
    return 1 if stats.records and stats.errors == stats.records else 0


def _cmd_parse_dask(args: argparse.Namespace) -> int:
    from geomap import batch, settings
    from geomap.distributed import parse_with_dask

    if args.resume or args.spans or args.ner or "-" in args.inputs:
        raise InputError(
            "--dask takes files, directories or globs; not -, --resume, --spans, --ner"
        )
    stats = batch.BatchStats()
    records = parse_with_dask(
        args.inputs,
        scheduler=None if args.dask == "local" else args.dask,
        db_path=_built_gazetteer(args.db),
        offline=args.offline or settings.offline_by_default(),
        date=args.date,
        n_workers=args.workers,
        stats=stats,
        event_model=args.event_model or settings.event_model_path(),
    )
    if args.format == "jsonl":
        with _open_output(args.output) as handle:
            batch.write_jsonl(records, handle)
    else:
        _write_results(list(records), args.format, args.output, non_acled=args.non_acled)
    _report_batch(stats, resumed=False)
    return 1 if stats.records and stats.errors == stats.records else 0


def _report_batch(stats, *, resumed: bool) -> None:
    if stats.online_failures:
        kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(stats.online_failures.items()))
        print(
            f"geomap: warning: {sum(stats.online_failures.values())} online lookups failed "
            f"({kinds}); those mentions kept their local answer",
            file=sys.stderr,
        )
    if resumed:
        print(f"geomap: resumed: {stats.skipped} inputs already in the output", file=sys.stderr)
    if stats.restarts:
        print(f"geomap: warning: {stats.restarts} worker(s) replaced", file=sys.stderr)


def _write_results(
    results: list[dict], output_format: str, output: str | None, *, non_acled: bool = False
) -> None:
    with _open_output(output) as handle:
        if output_format == "jsonl":
            for result in results:
                handle.write(json.dumps(result, ensure_ascii=False) + "\n")
        elif output_format == "json":
            from geomap.render.json_text import dumps_indented

            payload = results[0] if len(results) == 1 else results
            handle.write(dumps_indented(payload) + "\n")
        elif output_format == "geojson":
            from geomap.render.geojson import places_feature_collection

            handle.write(json.dumps(places_feature_collection(results), ensure_ascii=False) + "\n")
        elif output_format == "places-csv":
            from geomap.render.table import write_places_csv

            write_places_csv(results, handle)
        else:
            from geomap.render.table import write_event_table

            write_event_table(results, handle, non_acled=non_acled)


def _ner_backend(choice: str | None):
    """The optional NER back end named on the command line (``spacy`` or ``spacy:MODEL``)."""
    if not choice:
        return None
    name, _, model = choice.partition(":")
    if name != "spacy":
        raise InputError(f"unknown NER back end {name!r}; the one available is spacy[:MODEL]")
    from geomap.ner import SpacyEntities

    return SpacyEntities(model or "en_core_web_sm")


# -- eval ------------------------------------------------------------------------------------


def _cmd_eval(args: argparse.Namespace) -> int:
    from geomap.benchmark import run_evaluation
    from geomap.evaluate import format_report

    result = run_evaluation(
        Path(args.corpus),
        mode=args.mode,
        db_path=_built_gazetteer(args.db),
        limit=args.limit,
        ner=_ner_backend(args.ner),
    )
    for failure in result["failed"]:
        error = " ".join(failure["error"].split())[:500]
        print(f"geomap: error: {failure['id']}: parse failed: {error}", file=sys.stderr)
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        print(format_report(result, title=f"{Path(args.corpus).name} ({args.mode})"))
    return 1 if result["failed"] and len(result["failed"]) == result["docs"] else 0


# -- map -------------------------------------------------------------------------------------


def _cmd_map(args: argparse.Namespace) -> int:
    from geomap import settings
    from geomap.events.coder import resolve_event_model
    from geomap.map_inputs import collect_inputs
    from geomap.text.read import display_path

    if not args.inputs:
        args.inputs = [str(EXAMPLE_ARTICLE)]
        print(
            f"geomap: no input given; mapping the built-in example article {EXAMPLE_ARTICLE}",
            file=sys.stderr,
        )
    if args.output:
        target = Path(args.output)
    else:
        stem = Path(args.inputs[0]).stem if args.inputs[0] != "-" else "stdin"
        target = settings.output_dir() / f"{stem or 'map'}.html"
        target.parent.mkdir(parents=True, exist_ok=True)  # the default place may be new
    resolve_event_model(args.event_model)  # a bad model is refused before any parsing
    extra = (args.geojson, args.csv, args.kml, args.svg, args.png)
    outputs = [target, *(Path(p) for p in extra if p)]
    for path in outputs:  # fail before parsing, not after
        if not path.parent.exists():
            raise InputError(f"cannot write {path}: the directory {path.parent} does not exist")
    _refuse_inputs_as_outputs(outputs, args.inputs)
    collected = collect_inputs(
        args.inputs,
        published=args.date,
        offline=args.offline or settings.offline_by_default(),
        db_path=_built_gazetteer(args.db),
        place_column=args.place_column,
        country_column=args.country_column,
        date_column=args.date_column,
        type_column=args.type_column,
        fatalities_column=args.fatalities_column,
        label_column=args.label_column,
        exclude=outputs,
        event_model=args.event_model or settings.event_model_path(),
    )
    for problem in collected.problems:
        print(f"geomap: warning: {problem}", file=sys.stderr)
    if collected.inputs_read and collected.inputs_failed == collected.inputs_read:
        # Nothing could be read: a blank map would look like "no events happened".
        print(f"geomap: error: no input could be read; {target} not written", file=sys.stderr)
        return 1
    title = args.title or ", ".join(display_path(Path(p).name) for p in args.inputs[:3])
    from geomap.events.merge import merge_reports

    collected.events = merge_reports(collected.events)  # one event told by several articles
    _write_map_outputs(args, target, collected.events, collected.places, title)
    mapped = sum(1 for e in collected.events if (e.get("place") or {}).get("lat") is not None)
    print(
        f"wrote {target}: {mapped} of {len(collected.events)} events mapped, "
        f"{len(collected.places)} other places"
    )
    return 0


def _write_map_outputs(args, target: Path, events: list, places: list, title: str) -> None:
    from geomap.render.html_map import render_map

    page = render_map(
        events,
        places=places,
        title=title,
        heatmap=args.heatmap,
        tiles=not args.no_tiles,
        db_path=args.db,
    )
    with _open_output(str(target)) as handle:
        handle.write(page)
    if args.geojson:
        from geomap.render.geojson import events_feature_collection

        with _open_output(args.geojson) as handle:
            json.dump(events_feature_collection(events), handle, ensure_ascii=False)
            handle.write("\n")
    if args.csv:
        from geomap.render.table import write_event_table

        with _open_output(args.csv) as handle:
            write_event_table([{"id": "", "events": events}], handle, non_acled=args.non_acled)
    if args.kml:
        from geomap.render.kml import events_kml

        with _open_output(args.kml) as handle:
            handle.write(events_kml(events, title=title))
    if args.svg:
        from geomap.render.static import render_svg

        with _open_output(args.svg) as handle:
            handle.write(render_svg(events, places=places, title=title))
    if args.png:
        from geomap.render.png import svg_to_png
        from geomap.render.static import render_svg

        svg_to_png(render_svg(events, places=places, title=title), args.png)


# -- geocode-table ---------------------------------------------------------------------------


def _cmd_geocode_table(args: argparse.Namespace) -> int:
    from geomap import settings
    from geomap.render.table import neutralise_cell
    from geomap.tables import geocode_frame, read_table

    _refuse_inputs_as_outputs([args.output], [args.table])
    frame = read_table(args.table)
    result = geocode_frame(
        frame,
        args.place_column,
        args.country_column,
        db_path=_built_gazetteer(args.db),
        kind=args.kind,
        offline=args.offline or settings.offline_by_default(),
    )
    with _open_output(args.output) as handle:
        result.map(neutralise_cell).to_csv(handle, index=False)
    found = int(result["lat"].notna().sum())
    print(f"geomap: geocoded {found} of {len(result)} rows", file=sys.stderr)
    return 0


# -- events: learn a coder from coded data --------------------------------------------------


def _cmd_events_train(args: argparse.Namespace) -> int:
    import time

    from geomap.events import learn

    columns = learn.parse_label_columns(args.label_column or [])
    target = Path(args.output)
    if not target.parent.is_dir():  # fail before training, not after
        raise InputError(f"cannot write {target}: the directory {target.parent} does not exist")
    frame = learn.read_coded_table(args.table)
    table = learn.prepare_table(frame, text_column=args.text_column, label_columns=columns)
    print(
        f"geomap: {len(table.texts):,} coded rows from {args.table}; {table.skipped_summary}",
        file=sys.stderr,
    )
    started = time.monotonic()
    model = learn.train(
        table,
        folds=args.folds,
        warn=lambda message: print(f"geomap: warning: {message}", file=sys.stderr),
    )
    seconds = time.monotonic() - started
    path = model.save(args.output)
    scores = {name: f.scores for name, f in model.fields.items() if f.scores is not None}
    if args.json:
        report = {
            "model": str(path),
            "bytes": path.stat().st_size,
            "seconds": round(seconds, 2),
            "rows": len(table.texts),
            "skipped": model.meta["skipped"],
            "folds": args.folds,
            "fields": {name: s.to_dict() for name, s in scores.items()},
        }
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        if scores:
            print(f"{args.folds}-fold cross-validation:")
            print(learn.format_report(scores))
        print(
            f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB) in {seconds:.1f} s: "
            f"{model.describe()}"
        )
    return 0


def _cmd_events_evaluate(args: argparse.Namespace) -> int:
    from geomap.events import learn

    model = learn.load_model(args.model)
    columns = learn.parse_label_columns(args.label_column or [])
    frame = learn.read_coded_table(args.table)
    table = learn.evaluation_table(
        model, frame, text_column=args.text_column, label_columns=columns
    )
    print(
        f"geomap: {len(table.texts):,} coded rows from {args.table}; {table.skipped_summary}",
        file=sys.stderr,
    )
    scores = learn.evaluate(model, table)
    if args.json:
        print(json.dumps({n: s.to_dict() for n, s in scores.items()}, ensure_ascii=False))
    else:
        print(learn.format_report(scores))
    return 0


def _add_events_commands(commands: argparse._SubParsersAction) -> None:
    events = commands.add_parser(
        "events", help="learn an event coder from coded events, and score it"
    )
    actions = events.add_subparsers(dest="action", required=True, metavar="ACTION")

    def columns(p: argparse.ArgumentParser, text_default: str | None) -> None:
        p.add_argument(
            "--text-column",
            default=text_default,
            metavar="C",
            help="column of the event text (default: "
            + (text_default or "the model's training column")
            + ")",
        )
        p.add_argument(
            "--label-column",
            action="append",
            metavar="FIELD=COLUMN",
            help="read FIELD (event_type, sub_event_type, disorder_type, civilian_targeting, "
            "inter1, inter2) from COLUMN; repeat (default: the columns named as the fields)",
        )

    train = actions.add_parser(
        "train", help="learn a coder from a coded table (CSV, Excel or JSON Lines)"
    )
    train.add_argument("table", metavar="TABLE")
    train.add_argument("-o", "--output", required=True, metavar="MODEL", help="model file (.npz)")
    columns(train, "notes")
    train.add_argument(
        "--folds",
        type=int,
        default=5,
        metavar="K",
        help="cross-validation folds for the scores (default 5; 0: none)",
    )
    train.add_argument("--json", action="store_true", help="print the report as JSON")
    train.set_defaults(func=_cmd_events_train)

    evaluate = actions.add_parser("evaluate", help="score a model on coded rows it never saw")
    evaluate.add_argument("model", metavar="MODEL")
    evaluate.add_argument("table", metavar="TABLE")
    columns(evaluate, None)
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.set_defaults(func=_cmd_events_evaluate)


# -- wiring ----------------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="geomap", description="Turn news text into event maps, offline."
    )
    parser.add_argument("--version", action="version", version=f"geomap {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def db_option(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--db",
            metavar="PATH",
            help="gazetteer database (default: $GEOMAP_DB or the user cache dir)",
        )

    geocode = commands.add_parser("geocode", help="look a place name up in the gazetteer")
    geocode.add_argument("name")
    geocode.add_argument("--country", metavar="CC", help="ISO 3166-1 alpha-2 country code")
    geocode.add_argument("--near", metavar="LAT,LON", type=_lat_lon, help="prefer places near")
    geocode.add_argument("--kind", help="city, country, region, airport, military, sea, ...")
    geocode.add_argument("--limit", type=_positive_int, default=5, metavar="N")
    geocode.add_argument("--offline", action="store_true", help="never ask an online geocoder")
    geocode.add_argument("--json", action="store_true", help="print a JSON list")
    db_option(geocode)
    geocode.set_defaults(func=_cmd_geocode)

    parse = commands.add_parser("parse", help="find and resolve the places of articles")
    parse.add_argument(
        "inputs",
        nargs="+",
        metavar="FILE",
        help=".txt, .html, .jsonl (id, text per line), a directory, or - for stdin",
    )
    parse.add_argument("--offline", action="store_true", help="never ask an online geocoder")
    parse.add_argument(
        "--date", type=_parse_date, metavar="YYYY-MM-DD", help="publication date of the articles"
    )
    parse.add_argument(
        "--format",
        choices=("json", "jsonl", "geojson", "csv", "places-csv"),
        default="json",
        help="csv: one ACLED-like row per event; places-csv: one row per place mention",
    )
    parse.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout")
    parse.add_argument(
        "--non-acled",
        action="store_true",
        help="csv: also write disasters, accidents and crime (not ACLED types)",
    )
    parse.add_argument(
        "--ner",
        metavar="spacy[:MODEL]",
        help="also add place entities of a spaCy pipeline (default model "
        "en_core_web_sm); off by default",
    )
    parse.add_argument(
        "--spans",
        action="store_true",
        help="resolve the 'toponyms' spans given in JSONL input, one entry each",
    )
    scale = parse.add_argument_group("many documents (see docs/SCALE.md)")
    scale.add_argument(
        "--workers",
        type=_positive_int,
        metavar="N",
        help="worker processes (default: 1 for a small input, else every core)",
    )
    scale.add_argument(
        "--resume",
        action="store_true",
        help="skip the ids already in the -o file and append (needs --format jsonl)",
    )
    scale.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar with documents/s on stderr (default: when stderr is a terminal)",
    )
    scale.add_argument(
        "--unordered", action="store_true", help="write records as they finish, not input order"
    )
    scale.add_argument(
        "--timeout",
        type=float,
        metavar="SECONDS",
        help="per document: parsing taking longer is stopped and the document reported as an "
        "error (even one worker then runs as a separate process)",
    )
    scale.add_argument(
        "--dask",
        nargs="?",
        const="local",
        metavar="SCHEDULER",
        help="run on Dask: a LocalCluster, or the scheduler at this address (tcp://host:8786)",
    )
    parse.add_argument(
        "--event-model",
        metavar="MODEL",
        help="code events with a model from 'geomap events train' (default: $GEOMAP_EVENT_MODEL)",
    )
    db_option(parse)
    parse.set_defaults(func=_cmd_parse)

    evaluate = commands.add_parser("eval", help="score geomap on an annotated corpus")
    evaluate.add_argument("corpus", help="JSONL: id, text, toponyms [start, end, lat, lon]")
    evaluate.add_argument("--mode", choices=("e2e", "resolution"), default="resolution")
    evaluate.add_argument("--json", action="store_true")
    evaluate.add_argument("--ner", metavar="spacy[:MODEL]", help="as for parse")
    evaluate.add_argument(
        "--limit", type=_positive_int, metavar="N", help="only the first N documents"
    )
    db_option(evaluate)
    evaluate.set_defaults(func=_cmd_eval)

    map_ = commands.add_parser(
        "map", help="draw an event map (HTML) and exports from articles, events or a table"
    )
    map_.add_argument(
        "inputs",
        nargs="*",
        metavar="INPUT",
        help="articles (.txt, .html, .jsonl, a directory, -), geomap parse output (.json), "
        "events (.geojson, .csv with latitude/longitude) or a table (.csv with --place-column); "
        "none: geomap's built-in example article",
    )
    map_.add_argument("-o", "--output", metavar="OUT.html", help="default: output/<INPUT>.html")
    map_.add_argument(
        "--date", type=_parse_date, metavar="YYYY-MM-DD", help="publication date of the articles"
    )
    map_.add_argument("--offline", action="store_true", help="never ask an online geocoder")
    map_.add_argument("--title", help="title shown on the map")
    map_.add_argument("--geojson", metavar="PATH", help="also write the events as GeoJSON")
    map_.add_argument("--csv", metavar="PATH", help="also write the events as an ACLED-like CSV")
    map_.add_argument(
        "--non-acled",
        action="store_true",
        help="--csv: also write disasters, accidents and crime (not ACLED types)",
    )
    map_.add_argument("--kml", metavar="PATH", help="also write the events as KML")
    map_.add_argument("--svg", metavar="PATH", help="also write a static SVG map")
    map_.add_argument(
        "--png", metavar="PATH", help="also write the static map as PNG (needs chromium)"
    )
    # Every map is self-contained now; the flag stays accepted for older scripts.
    map_.add_argument("--self-contained", action="store_true", help=argparse.SUPPRESS)
    map_.add_argument(
        "--heatmap", action="store_true", help="add a heat-map layer, weighted by fatalities"
    )
    map_.add_argument(
        "--no-tiles",
        action="store_true",
        help="do not offer OpenStreetMap tiles as an online layer (the offline map is the default)",
    )
    for flag, meaning in (
        ("--place-column", "place names (geocoded)"),
        ("--country-column", "countries"),
        ("--date-column", "dates"),
        ("--type-column", "event types"),
        ("--fatalities-column", "fatality counts"),
        ("--label-column", "the text shown first in the feed and popup"),
    ):
        map_.add_argument(flag, metavar="C", help=f"table input: the column of {meaning}")
    map_.add_argument(
        "--event-model",
        metavar="MODEL",
        help="code events with a model from 'geomap events train' (default: $GEOMAP_EVENT_MODEL)",
    )
    db_option(map_)
    map_.set_defaults(func=_cmd_map)

    table = commands.add_parser(
        "geocode-table",
        help="add lat, lon, the chosen place's name, country, kind, confidence and reason",
    )
    table.add_argument("table", metavar="IN.csv")
    table.add_argument("-o", "--output", metavar="OUT.csv", help="default: stdout")
    table.add_argument("--place-column", required=True, metavar="C")
    table.add_argument("--country-column", metavar="C")
    table.add_argument("--kind", help="only places of this kind (city, country, ...)")
    table.add_argument("--offline", action="store_true", help="never ask an online geocoder")
    db_option(table)
    table.set_defaults(func=_cmd_geocode_table)

    gazetteer = commands.add_parser("gazetteer", help="build, inspect and extend the gazetteer")
    actions = gazetteer.add_subparsers(dest="action", required=True, metavar="ACTION")
    build = actions.add_parser("build", help="build (or rebuild) the database")
    db_option(build)
    build.set_defaults(func=_cmd_gazetteer_build)
    info = actions.add_parser("info", help="path, version and counts per source and kind")
    info.add_argument("--json", action="store_true")
    db_option(info)
    info.set_defaults(func=_cmd_gazetteer_info)
    add = actions.add_parser("add", help="add places: an overlay file, or one place by options")
    add.add_argument(
        "file",
        nargs="?",
        help="CSV (name, alternate_names, lat, lon, country, kind) or GeoJSON points",
    )
    add.add_argument("--name")
    add.add_argument("--alt", action="append", metavar="NAME", help="alternate name (repeat)")
    add.add_argument("--lat", type=float)
    add.add_argument("--lon", type=float)
    add.add_argument("--country", metavar="CC")
    add.add_argument("--kind")
    db_option(add)
    add.set_defaults(func=_cmd_gazetteer_add)
    importer = actions.add_parser(
        "import", help="import a GeoNames dump (allCountries.txt, cities500.zip, IQ.txt, ...)"
    )
    importer.add_argument("file")
    db_option(importer)
    importer.set_defaults(func=_cmd_gazetteer_import)
    _add_events_commands(commands)
    return parser


# The cyclic garbage collector's first generation is scanned every 700 new objects by default;
# a long document keeps hundreds of thousands alive (mentions, candidates, events) and the
# scans that find them alive again were a tenth of its parse. Garbage without cycles is freed
# at once either way; the rarer scans leave the peak memory the same.
_GC_THRESHOLDS = (50_000, 20, 10)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    gc.set_threshold(*_GC_THRESHOLDS)
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="geomap: %(levelname)s: %(message)s",
    )
    try:
        return args.func(args)
    except GeomapError as exc:
        print(f"geomap: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("geomap: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
