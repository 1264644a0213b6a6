"""The batch parse on Dask: a LocalCluster on this machine, or any Dask cluster by address.

Needs the optional extra: ``pip install 'geomap[dask]'``.

JSON Lines files are read by the workers as :mod:`dask.bag` partitions (one per file, or blocks
of ``blocksize`` bytes); other files (``.txt``, ``.html``) travel as paths, a few per task, and
are read by the workers too. Only **paths** go to the workers: the input files and the gazetteer
database must be readable at the same path on every worker (one machine, or a shared file
system). Each worker process opens the gazetteer read-only from that path once and keeps one
:class:`~geomap.geoparse.parser.Geoparser` for every task it runs.

Records come back in input order, a bounded number of partitions at a time, as
:func:`geomap.batch.parse_stream` gives them: one result or error record per input.

Examples
--------
>>> for record in parse_with_dask(["news/*.jsonl"], offline=True):          # doctest: +SKIP
...     print(record["id"])
>>> parse_with_dask(["news/"], scheduler="tcp://10.0.0.5:8786")             # doctest: +SKIP
"""

from __future__ import annotations

import glob
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from geomap.batch import BatchStats, _Engine, _Options
from geomap.errors import InputError
from geomap.model import ErrorRecord
from geomap.text.read import _directory_files

__all__ = ["FILES_PER_TASK", "parse_with_dask"]

#: Plain-text and HTML files parsed by one task.
FILES_PER_TASK = 32

_JSONL_SUFFIXES = (".jsonl", ".ndjson")

# One engine per worker process and options; tasks of a worker run one at a time through it.
_ENGINES: dict[_Options, _Engine] = {}
_ENGINES_LOCK = threading.Lock()


def _engine(options: _Options) -> tuple[_Engine, threading.Lock]:
    with _ENGINES_LOCK:
        engine = _ENGINES.get(options)
        if engine is None:
            engine = _ENGINES[options] = _Engine(options)
            engine.lock = threading.Lock()  # type: ignore[attr-defined]
        return engine, engine.lock  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- tasks (on workers)


def _parse_lines(lines: list[Any], options: _Options, block: int | None) -> list[dict[str, Any]]:
    """Records of one bag partition of ``(line, path)`` pairs from one JSON Lines file."""
    from geomap.text.read import _jsonl_documents

    engine, lock = _engine(options)
    records: list[dict[str, Any]] = []
    with lock:
        for number, (line, path) in enumerate(lines, start=1):
            stem = Path(path).stem or str(path)
            # Line numbers are exact with one partition per file; with blocks they are counted
            # from the block's start, so ids made up for lines without one name the block.
            prefix = stem if block is None else f"{stem}:b{block}"
            for item in _jsonl_documents(line.rstrip("\n"), prefix, str(path)):
                if isinstance(item, ErrorRecord):
                    if item.id == f"{prefix}:1":  # made up: not the line's own id
                        item.id = f"{prefix}:{number}"
                    item.error = item.error.replace("line 1:", f"line {number}:", 1)
                    records.append(item.to_dict())
                else:
                    if item.id == f"{prefix}:1":
                        item.id = f"{prefix}:{number}"
                    records.append(engine.handle(item))
    return records


def _parse_files(paths: list[str], options: _Options) -> list[dict[str, Any]]:
    """Records of a few text or HTML files."""
    from geomap.text import read_documents

    engine, lock = _engine(options)
    with lock:
        return [
            item.to_dict() if isinstance(item, ErrorRecord) else engine.handle(item)
            for item in read_documents(paths)
        ]


# --------------------------------------------------------------------------- the driver


def _expand(sources: Iterable[str | os.PathLike[str]]) -> Iterator[str | dict[str, Any]]:
    """Input files in order, and error records for sources that name none."""
    from geomap.text import read_documents

    for raw in sources:
        source = os.fspath(raw)
        path = Path(source)
        if path.is_dir():
            found = [str(p) for p in _directory_files(path)]
        elif path.is_file():
            found = [source]
        else:
            found = sorted(p for p in glob.glob(source, recursive=True) if Path(p).is_file())
        if not found:  # missing, empty or unmatched: the reader words the error record
            yield from (i.to_dict() for i in read_documents([source]) if isinstance(i, ErrorRecord))
        yield from found


def _tasks(
    sources: Iterable[str | os.PathLike[str]], options: _Options, blocksize: int | str | None
) -> Iterator[tuple[Any, str] | list[dict[str, Any]]]:
    """Delayed tasks (with a label for error records) or ready records, in input order."""
    import dask
    import dask.bag

    pending: list[str] = []

    def flush() -> Iterator[tuple[Any, str]]:
        for start in range(0, len(pending), FILES_PER_TASK):
            group = pending[start : start + FILES_PER_TASK]
            yield dask.delayed(_parse_files)(group, options), group[0]
        pending.clear()

    for item in _expand(sources):
        if isinstance(item, dict):
            yield from flush()
            yield [item]
        elif item.lower().endswith(_JSONL_SUFFIXES):
            yield from flush()
            if Path(item).stat().st_size == 0:
                continue
            bag = dask.bag.read_text(item, blocksize=blocksize, include_path=True)
            parts = bag.to_delayed()
            for block, part in enumerate(parts):
                label = block if len(parts) > 1 else None
                yield dask.delayed(_parse_lines)(part, options, label), item
        else:
            pending.append(item)
    yield from flush()


def _client(scheduler: Any, n_workers: int | None, cluster_options: dict[str, Any] | None):
    """A client of the given scheduler (address or Client), or of a new LocalCluster."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise InputError("the Dask path needs: pip install 'geomap[dask]'") from exc
    if isinstance(scheduler, Client):
        return scheduler, None
    if scheduler:
        return Client(scheduler), None
    options = {
        "n_workers": n_workers or os.cpu_count() or 1,
        "threads_per_worker": 1,
        "processes": True,
        "dashboard_address": None,
    }
    options.update(cluster_options or {})
    cluster = LocalCluster(**options)
    return Client(cluster), cluster


def parse_with_dask(
    sources: Iterable[str | os.PathLike[str]],
    *,
    scheduler: Any = None,
    db_path: str | os.PathLike[str] | None = None,
    offline: bool = True,
    date: date | None = None,
    n_workers: int | None = None,
    blocksize: int | str | None = None,
    in_flight: int | None = None,
    cluster_options: dict[str, Any] | None = None,
    stats: BatchStats | None = None,
    event_model: str | os.PathLike[str] | None = None,
) -> Iterator[dict[str, Any]]:
    """Parse ``sources`` on a Dask cluster; yield one record per input, in input order.

    Parameters
    ----------
    sources
        Files, directories and glob patterns (no ``-``): JSON Lines files become bag partitions,
        other files are read in groups of :data:`FILES_PER_TASK`.
    scheduler
        ``None`` starts a LocalCluster (``n_workers`` processes, one thread each) for the run;
        an address (``"tcp://host:8786"``) or a :class:`distributed.Client` uses that cluster.
    db_path
        The gazetteer; built here if missing, then only its **path** is sent to the workers,
        which must see the file at that path.
    offline, date
        As for :func:`geomap.batch.parse_stream`.
    n_workers
        Worker processes of the LocalCluster (default: every core).
    blocksize
        Split JSON Lines files into blocks of this many bytes (``"64MiB"``); default one
        partition per file. With blocks, the ids made up for lines without an ``id`` read
        ``<stem>:b<block>:<line in block>``.
    in_flight
        Partitions computed ahead of the one being yielded (default: twice the workers).
    cluster_options
        Extra :class:`distributed.LocalCluster` arguments (``processes=False`` in tests).
    stats
        Filled in: inputs, records, errors.
    event_model
        A learned event coder's path (checked here; every worker must see the file there).

    Yields
    ------
    dict
        A result or an error record ``{"id", "error", "source"}``. A task that fails as a whole
        (its workers died, ``allowed-failures`` times) yields one error record naming the file.
    """
    from geomap.gazetteer.store import open_gazetteer

    stats = stats if stats is not None else BatchStats()
    if event_model is not None:
        from geomap.events.learn import load_model

        load_model(event_model)  # a bad model stops the run here, in one line
    if any(os.fspath(s) == "-" for s in sources if isinstance(s, str | os.PathLike)):
        raise InputError("the Dask path reads files, not standard input")
    options = _Options(
        db_path=str(open_gazetteer(None if db_path is None else os.fspath(db_path)).path.resolve()),
        offline=offline,
        date=date,
        spans=False,
        ner=None,
        read_only=True,
        event_model=str(Path(event_model).resolve()) if event_model is not None else None,
    )
    client, cluster = _client(scheduler, n_workers, cluster_options)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        stats.workers = workers
        window = in_flight or 2 * workers
        queue: deque[tuple[Any, str] | list[dict[str, Any]]] = deque()
        tasks = _tasks(sources, options, blocksize)
        exhausted = False
        while True:
            while not exhausted and sum(not isinstance(q, list) for q in queue) < window:
                task = next(tasks, None)
                if task is None:
                    exhausted = True
                elif isinstance(task, list):
                    queue.append(task)
                else:
                    queue.append((client.compute(task[0]), task[1]))
            if not queue:
                break
            head = queue.popleft()
            if isinstance(head, list):
                records = head
            else:
                future, label = head
                try:
                    records = future.result()
                except Exception as exc:
                    name = Path(label).stem or label
                    error = " ".join(f"dask task failed: {type(exc).__name__}: {exc}".split())
                    records = [ErrorRecord(id=name, error=error[:500], source=label).to_dict()]
            for record in records:
                stats.inputs += 1
                stats.records += 1
                stats.errors += "error" in record
                yield record
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
