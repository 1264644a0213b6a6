"""Parse many documents on every core: streamed records, one per input, nothing lost.

:func:`parse_stream` reads sources (files, directories, globs, JSON Lines, stdin) with
:func:`geomap.text.read_documents` and yields one JSON-ready record per input, in input order
(or as finished, with ``ordered=False``): a parse result, or an error record
``{"id", "error", "source"}`` for an input that could not be read or parsed.

With one worker and no ``timeout`` the documents are parsed in this process. With more, or
with a ``timeout`` (only a separate process can be stopped whatever it is doing: a regular
expression or a database call ignores signals), each worker is a process started with the
``spawn`` method that opens the gazetteer read-only **from its path** and builds
one :class:`~geomap.geoparse.Geoparser`; nothing but documents and records crosses the process
boundary. The scheduler keeps at most one chunk of documents per worker in flight, so memory stays
flat however long the input is, and it watches every worker:

* an exception while parsing a document becomes that document's error record;
* a worker that dies (a crash, the OOM killer, ``SIGKILL``) or exceeds ``timeout`` is replaced;
  the documents of its chunk are retried one by one in fresh workers, and a document that
  brings a worker down again becomes an error record ("worker crashed" / "timed out").

Resuming: :func:`prepare_resume` reads the ids already in an output file (and cuts off a last
line a killed run left half-written); pass them as ``resume_ids`` and those inputs are skipped.

Examples
--------
>>> for record in parse_stream(["articles/"], workers=2, offline=True):  # doctest: +SKIP
...     print(record["id"], "error" in record)
"""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import multiprocessing
import os
import resource
import signal
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import IO, Any, BinaryIO, TextIO

from geomap.errors import GazetteerCorruptError, InputError
from geomap.model import Document, ErrorRecord

__all__ = [
    "SMALL_INPUT_BYTES",
    "BatchStats",
    "default_workers",
    "parse_stream",
    "prepare_resume",
    "write_jsonl",
]

logger = logging.getLogger("geomap.batch")

#: Explicit JSON Lines inputs smaller than this in total are parsed by one worker (in process):
#: starting a worker costs about two seconds (it loads the gazetteer's name table).
SMALL_INPUT_BYTES = 1_000_000
#: A chunk sent to a worker holds at most this many documents ...
CHUNK_DOCUMENTS = 16
#: ... and at most about this many characters (a long article travels alone).
CHUNK_CHARS = 200_000
#: Finished chunks kept waiting for a slower earlier one (ordered output) before reading pauses.
MAX_BUFFERED_CHUNKS = 64
#: Longest error message kept in an error record.
MAX_ERROR_CHARS = 500
# How often the scheduler wakes up to check deadlines when nothing arrives.
_POLL_SECONDS = 0.5


# --------------------------------------------------------------------------- statistics


@dataclass
class WorkerMemory:
    """Resident memory of one worker process, in MiB."""

    pid: int
    first_rss_mb: float  # after its first chunk
    last_rss_mb: float  # after its last chunk
    peak_rss_mb: float  # high-water mark of the process
    chunks: int = 0
    #: RSS after chunk 1, 2, 4, 8, ... (log-spaced, so a long run keeps few samples).
    samples: dict[int, float] = field(default_factory=dict)


@dataclass
class BatchStats:
    """What a :func:`parse_stream` run did; filled in while it runs.

    Attributes
    ----------
    inputs
        Inputs seen (documents and unreadable inputs), skipped ones included.
    skipped
        Inputs skipped because their id was in ``resume_ids``.
    records
        Records yielded.
    errors
        Error records among them.
    restarts
        Worker processes replaced after a crash or a timeout.
    online_failures
        Failed online lookups by kind (``timeout``, ``server_error``, ...), all workers added.
    workers
        Worker processes used (0: parsed in this process).
    memory
        Per worker process (pid → :class:`WorkerMemory`); empty when parsed in this process.
    seconds
        Wall time of the run so far.
    """

    inputs: int = 0
    skipped: int = 0
    records: int = 0
    errors: int = 0
    restarts: int = 0
    online_failures: Counter[str] = field(default_factory=Counter)
    workers: int = 0
    memory: dict[int, WorkerMemory] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        """Records per second."""
        return self.records / self.seconds if self.seconds > 0 else 0.0


# --------------------------------------------------------------------------- helpers


def default_workers(sources: Iterable[str]) -> int:
    """How many workers suit ``sources``: 1 for a small job, else :func:`os.cpu_count`.

    A job is small when it names no directory and no glob pattern, its JSON Lines files add up
    to less than :data:`SMALL_INPUT_BYTES`, and it has fewer than 64 other files (one document
    each). Standard input counts as small.
    """
    cores = os.cpu_count() or 1
    jsonl_bytes = 0
    other_files = 0
    for raw in sources:
        source = os.fspath(raw)
        if source == "-":
            continue
        path = Path(source)
        if path.is_dir() or (not path.exists() and any(c in source for c in "*?[")):
            return cores
        if path.suffix.lower() in (".jsonl", ".ndjson"):
            with contextlib.suppress(OSError):
                jsonl_bytes += path.stat().st_size
        else:
            other_files += 1
    if jsonl_bytes >= SMALL_INPUT_BYTES or other_files >= 64:
        return cores
    return 1


def prepare_resume(path: str | os.PathLike[str]) -> set[str]:
    """The ids already in the JSON Lines output ``path``, ready to append to.

    A last line without its newline (a run killed mid-write) is cut off the file, so appending
    keeps it valid JSON Lines; its document is parsed again. Lines that are not JSON objects
    with an ``id`` are left alone and contribute nothing.

    Parameters
    ----------
    path
        The output file of an earlier run; a missing file gives an empty set.

    Returns
    -------
    set[str]
        Ids of results and error records alike: neither is parsed again.
    """
    target = Path(path)
    if not target.exists():
        return set()
    ids: set[str] = set()
    complete = 0
    with target.open("rb") as handle:
        for line in handle:
            if not line.endswith(b"\n"):
                break
            complete += len(line)
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict) and isinstance(record.get("id"), str):
                ids.add(record["id"])
    if complete < target.stat().st_size:
        with target.open("r+b") as handle:
            handle.truncate(complete)
        logger.warning("%s: removed a half-written last line; its document is parsed again", path)
    return ids


def write_jsonl(records: Iterable[dict[str, Any]], handle: IO[str]) -> int:
    """Write each record as one JSON line as soon as it arrives; returns how many.

    Each line is flushed, so a run that is killed leaves whole lines (bar the last) for
    :func:`prepare_resume`.
    """
    count = 0
    for record in records:
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        handle.flush()
        count += 1
    return count


def _one_line(text: str, limit: int = MAX_ERROR_CHARS) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _error(doc: Document, message: str) -> dict[str, Any]:
    return ErrorRecord(id=doc.id, error=_one_line(message), source=doc.source).to_dict()


def _rss_mb() -> float:
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return 0.0


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


# --------------------------------------------------------------------------- one parser


@dataclass(frozen=True)
class _Options:
    """Everything a worker needs to build its parser: plain values only (pickled to workers)."""

    db_path: str
    offline: bool
    date: date | None
    spans: bool
    ner: str | None
    read_only: bool = False  # open the file as it is (workers); else build it if need be
    event_model: str | None = None  # path of a learned event coder (geomap events train)


def _ner_backend(spec: str | None) -> Any:
    if not spec:
        return None
    name, _, model = spec.partition(":")
    if name != "spacy":
        raise InputError(f"unknown NER back end {name!r}; the one available is spacy[:MODEL]")
    from geomap.ner import SpacyEntities

    return SpacyEntities(model or "en_core_web_sm")


class _Engine:
    """One geoparser and, when online, one online geocoder whose failures are counted."""

    def __init__(self, options: _Options) -> None:
        from geomap.geoparse.parser import Geoparser

        self.options = options
        model = None
        if options.event_model:
            from geomap.events.learn import load_model

            model = load_model(options.event_model)
        if options.read_only:
            from geomap.gazetteer.store import SqliteGazetteer

            self.parser = Geoparser(
                SqliteGazetteer(Path(options.db_path)),
                offline=options.offline,
                ner=_ner_backend(options.ner),
                event_model=model,
            )
        else:
            self.parser = Geoparser.open(
                options.db_path or None,
                offline=options.offline,
                ner=_ner_backend(options.ner),
                event_model=model,
            )
        self.online: Any = None
        if not options.offline:
            from geomap.gazetteer.lookup import default_online_geocoder

            self.online = default_online_geocoder(self.parser.gazetteer)
            self.parser.online = self.online
        self._reported: Counter[str] = Counter()

    def handle(self, item: Document | dict[str, Any]) -> dict[str, Any]:
        """The record of one document (an error record if parsing raised)."""
        if isinstance(item, dict):  # already an error record (unreadable input)
            return item
        doc = item
        try:
            if self.options.date is not None:
                doc.published = self.options.date
            if self.options.spans:
                spans = [
                    (int(t["start"]), int(t["end"]))
                    for t in doc.meta.get("toponyms", [])
                    if isinstance(t, dict)
                ]
                return self.parser.parse_spans(doc, spans).to_dict()
            return self.parser.parse(doc).to_dict()
        except GazetteerCorruptError as exc:
            # Every document would fail alike: in this process the run ends with the one line
            # that says to rebuild; a worker's record carries that line instead.
            if not self.options.read_only:
                raise
            return _error(doc, f"parse failed: {exc}")
        except Exception as exc:  # one bad document must not end the run
            logger.debug("parsing %s failed", doc.id, exc_info=True)
            return _error(doc, f"parse failed: {type(exc).__name__}: {exc}")

    def new_failures(self) -> Counter[str]:
        """Online failures since the last call."""
        if self.online is None:
            return Counter()
        now = Counter(getattr(self.online, "failures", {}))
        delta = now - self._reported
        self._reported = now
        return delta

    def close(self) -> None:
        if self.online is not None:
            with contextlib.suppress(Exception):
                self.online.close()


# --------------------------------------------------------------------------- worker process


def _worker_main(conn: Connection, options: _Options) -> None:
    """A worker process: build the parser, then answer chunks until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    logging.basicConfig(level=logging.WARNING, format="geomap: %(levelname)s: %(message)s")
    try:
        engine = _Engine(options)
    except BaseException as exc:
        conn.send(("failed", _one_line(f"{type(exc).__name__}: {exc}")))
        return
    conn.send(("ready", os.getpid()))
    try:
        while True:
            try:
                message = conn.recv()
            except (EOFError, OSError):
                return
            if message is None:
                return
            key, items = message
            records = [engine.handle(item) for item in items]
            conn.send(("done", key, records, engine.new_failures(), _rss_mb(), _peak_rss_mb()))
    finally:
        engine.close()


# --------------------------------------------------------------------------- scheduling


@dataclass
class _Chunk:
    """Consecutive inputs: documents to parse and (already final) error records."""

    key: tuple[int, int]  # (sequence number, index within a split chunk; -1 when whole)
    items: Sequence[Document | dict[str, Any]]
    retry: bool = False  # a document retried alone after its worker went down

    @property
    def documents(self) -> int:
        return sum(isinstance(i, Document) for i in self.items)


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    ready: bool = False
    chunk: _Chunk | None = None
    started: float = 0.0


def _chunks(items: Iterator[Document | dict[str, Any]]) -> Iterator[_Chunk]:
    batch: list[Document | dict[str, Any]] = []
    chars = 0
    for seq in itertools.count():
        for item in items:
            batch.append(item)
            chars += len(item.text) if isinstance(item, Document) else 0
            if len(batch) >= CHUNK_DOCUMENTS or chars >= CHUNK_CHARS:
                break
        if not batch:
            return
        yield _Chunk((seq, -1), batch)
        batch, chars = [], 0


class _Pool:
    """Worker processes fed one chunk at a time, replaced when they die or hang."""

    def __init__(self, size: int, options: _Options, stats: BatchStats, timeout: float | None):
        self.context = multiprocessing.get_context("spawn")
        self.options = options
        self.stats = stats
        self.timeout = timeout
        self.workers: list[_Worker] = [self._start() for _ in range(size)]

    def _start(self) -> _Worker:
        parent, child = self.context.Pipe(duplex=True)
        process = self.context.Process(
            target=_worker_main, args=(child, self.options), daemon=True, name="geomap-worker"
        )
        process.start()
        child.close()
        return _Worker(process, parent)

    def close(self) -> None:
        for worker in self.workers:
            with contextlib.suppress(OSError, ValueError):
                worker.conn.send(None)
        deadline = time.monotonic() + 5
        for worker in self.workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(1)
            worker.conn.close()
        self.workers = []

    def idle(self) -> list[_Worker]:
        return [w for w in self.workers if w.ready and w.chunk is None]

    def busy(self) -> bool:
        return any(w.chunk is not None for w in self.workers)

    def send(self, worker: _Worker, chunk: _Chunk) -> None:
        worker.chunk = chunk
        worker.started = time.monotonic()
        worker.conn.send((chunk.key, chunk.items))

    def poll(self) -> Iterator[tuple[_Chunk, list[dict[str, Any]] | None, str]]:
        """Wait for news; yield (chunk, records) when done, (chunk, None, why) when lost."""
        waitables: list[Any] = []
        for worker in self.workers:
            waitables += [worker.conn, worker.process.sentinel]
        ready = set(wait(waitables, timeout=_POLL_SECONDS))
        for index, worker in enumerate(list(self.workers)):
            lost: str | None = None
            if worker.conn in ready:
                try:
                    message = worker.conn.recv()
                except (EOFError, OSError):
                    message = None
                if message is None:
                    lost = "crashed"
                elif message[0] == "ready":
                    worker.ready = True
                elif message[0] == "failed":
                    self.close()
                    from geomap.errors import GeomapError

                    raise GeomapError(f"a worker could not start: {message[1]}")
                else:
                    _, key, records, failures, rss, peak = message
                    chunk = worker.chunk
                    worker.chunk = None
                    self._account(worker, failures, rss, peak)
                    if chunk is not None and chunk.key == key:
                        yield chunk, records, ""
            elif worker.process.sentinel in ready:
                lost = "crashed"
            elif (
                self.timeout is not None
                and worker.chunk is not None
                and time.monotonic() - worker.started
                > self.timeout * max(1, worker.chunk.documents)
            ):
                lost = f"timed out after {self.timeout:g} s"
            if lost is None:
                continue
            chunk = worker.chunk
            worker.process.kill()
            worker.process.join(5)
            code = worker.process.exitcode
            worker.conn.close()
            self.workers[index] = self._start()
            self.stats.restarts += 1
            if lost == "crashed":
                lost = f"worker crashed (exit code {code})"
            logger.warning("a worker was replaced: %s", lost)
            if chunk is not None:
                yield chunk, None, lost

    def _account(self, worker: _Worker, failures: Counter[str], rss: float, peak: float) -> None:
        self.stats.online_failures.update(failures)
        pid = worker.process.pid or 0
        memory = self.stats.memory.get(pid)
        if memory is None:
            memory = self.stats.memory[pid] = WorkerMemory(pid, rss, rss, peak)
        memory.last_rss_mb, memory.peak_rss_mb = rss, max(memory.peak_rss_mb, peak)
        memory.chunks += 1
        if memory.chunks & (memory.chunks - 1) == 0:  # a power of two
            memory.samples[memory.chunks] = rss


def _in_process(
    chunks: Iterator[_Chunk], options: _Options, stats: BatchStats
) -> Iterator[tuple[_Chunk, list[dict[str, Any]]]]:
    engine = _Engine(options)
    try:
        for chunk in chunks:
            records = [engine.handle(item) for item in chunk.items]
            stats.online_failures.update(engine.new_failures())
            yield chunk, records
    finally:
        engine.close()


def _in_pool(
    chunks: Iterator[_Chunk],
    pool: _Pool,
    held_back: Callable[[], int],
) -> Iterator[tuple[_Chunk, list[dict[str, Any]]]]:
    """Completed chunks (whole ones, with split ones put back together)."""
    retries: deque[_Chunk] = deque()
    parts: dict[int, list[dict[str, Any] | None]] = {}  # split chunks being put back together
    exhausted = False
    while True:
        for worker in pool.idle():
            if retries:
                pool.send(worker, retries.popleft())
                continue
            if exhausted or held_back() >= MAX_BUFFERED_CHUNKS:
                break
            chunk = next(chunks, None)
            if chunk is None:
                exhausted = True
                break
            if not chunk.documents:  # nothing to parse: only error records
                yield chunk, [item for item in chunk.items if isinstance(item, dict)]
                continue
            pool.send(worker, chunk)
        if exhausted and not retries and not pool.busy():
            return
        for chunk, records, lost in pool.poll():
            if records is None:
                if len(chunk.items) > 1 or not chunk.retry:
                    seq = chunk.key[0]
                    parts[seq] = [None] * len(chunk.items)
                    for index, item in enumerate(chunk.items):
                        retries.append(_Chunk((seq, index), [item], retry=True))
                    continue
                item = chunk.items[0]
                assert isinstance(item, Document)
                records = [_error(item, f"parse failed: {lost}")]
            if chunk.key[1] < 0:
                yield chunk, records
                continue
            seq, index = chunk.key
            slots = parts[seq]
            slots[index] = records[0]
            if all(slot is not None for slot in slots):
                del parts[seq]
                whole = [slot for slot in slots if slot is not None]
                yield _Chunk((seq, -1), whole), whole


# --------------------------------------------------------------------------- progress


class _Progress:
    """A documents/s bar on stderr (tqdm), and messages printed around it."""

    def __init__(self, enabled: bool, stats: BatchStats) -> None:
        self.stats = stats
        self.bar: Any = None
        if enabled:
            from tqdm import tqdm

            self.bar = tqdm(
                unit=" docs", file=sys.stderr, dynamic_ncols=True, mininterval=0.5, smoothing=0.1
            )

    def message(self, text: str) -> None:
        if self.bar is not None:
            self.bar.write(text, file=sys.stderr)
        else:
            print(text, file=sys.stderr)

    def update(self, count: int) -> None:
        if self.bar is not None and count:
            self.bar.update(count)
            if self.stats.errors:
                self.bar.set_postfix(errors=self.stats.errors, refresh=False)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


# --------------------------------------------------------------------------- the entry point


def parse_stream(
    sources: Iterable[str | os.PathLike[str]],
    *,
    workers: int = 1,
    db_path: str | os.PathLike[str] | None = None,
    offline: bool = True,
    date: date | None = None,
    spans: bool = False,
    ner: str | None = None,
    resume_ids: Iterable[str] = (),
    ordered: bool = True,
    timeout: float | None = None,
    processes: bool | None = None,
    progress: bool = False,
    report_errors: bool = False,
    stats: BatchStats | None = None,
    stdin: TextIO | BinaryIO | None = None,
    exclude: Iterable[str | os.PathLike[str]] = (),
    event_model: str | os.PathLike[str] | None = None,
) -> Iterator[dict[str, Any]]:
    """Parse every document of ``sources``; yield one record per input.

    Parameters
    ----------
    sources
        Files, directories, glob patterns, JSON Lines files or ``-`` (see
        :func:`geomap.text.read_documents`).
    workers
        Worker processes. With 1 (and ``processes`` not true) documents are parsed here.
    db_path
        The gazetteer database (default: the settings'). It is opened (and built if missing or
        out of date) here first; workers open the same file read-only.
    offline
        Never ask an online geocoder. When online against the public Nominatim (no
        ``GEOMAP_GEOCODER_URL``) only one worker is used: its policy allows one request a second.
    date
        Publication date given to every document (events are dated against it).
    spans
        Resolve the ``toponyms`` spans of JSON Lines input instead of finding mentions.
    ner
        ``spacy`` or ``spacy:MODEL``: add a spaCy pipeline's place entities (built per worker).
    resume_ids
        Ids to skip (see :func:`prepare_resume`): neither parsed nor yielded.
    ordered
        Yield in input order (default); ``False`` yields records as workers finish them.
    timeout
        Seconds a worker may spend per document of a chunk before it is killed and the
        documents retried one by one; a document that times out alone becomes an error record
        ("timed out after S s"). ``None``: no limit. With a limit, even one worker is a process.
    processes
        ``True`` runs even one worker as a separate process (crash isolation, as measured by
        the benchmark); ``None`` means "when ``workers`` > 1 or ``timeout`` is set".
    progress
        Show a bar with documents/s on stderr.
    report_errors
        Print each error record's message on stderr (around the bar).
    stats
        Filled in while running: counts, restarts, online failures, worker memory.
    stdin
        Stream read for ``-``.
    exclude
        Files never read when a directory or a glob finds them: this run's outputs.
    event_model
        Path of a learned event coder (``geomap events train``) that codes the events; it is
        checked here first, then loaded by each worker.

    Yields
    ------
    dict
        A result (:meth:`geomap.geoparse.parser.ParseResult.to_dict`) or an error record
        ``{"id", "error", "source"}``; exactly one per input not skipped.

    Raises
    ------
    GeomapError
        When the whole run cannot start (no usable gazetteer, a bad option).
    """
    from geomap import settings
    from geomap.gazetteer.store import open_gazetteer

    if workers < 1:
        raise InputError(f"workers must be at least 1, got {workers}")
    if timeout is not None and not timeout > 0:
        raise InputError(f"the timeout must be a positive number of seconds, got {timeout:g}")
    stats = stats if stats is not None else BatchStats()
    started = time.monotonic()
    _check_ner(ner)
    if event_model is not None:
        from geomap.events.learn import load_model

        load_model(event_model)  # a bad model stops the run here, in one line
    in_pool = processes or (processes is None and (workers > 1 or timeout is not None))
    # Opened here once (never built: the caller builds it), so that a missing or foreign
    # database is one error before any worker starts; workers only ever read it.
    gazetteer_path = open_gazetteer(db_path).path if in_pool else db_path
    if not offline and workers > 1 and settings.geocoder_url() is None:
        logger.warning(
            "online lookups go to the public Nominatim (one request a second): using 1 worker; "
            "use --offline or a self-hosted GEOMAP_GEOCODER_URL for more"
        )
        workers = 1
    options = _Options(
        db_path=str(gazetteer_path) if gazetteer_path else "",
        offline=offline,
        date=date,
        spans=spans,
        ner=ner,
        read_only=bool(in_pool),
        event_model=str(Path(event_model).resolve()) if event_model is not None else None,
    )
    skip = set(resume_ids)
    bar = _Progress(progress, stats)

    def inputs() -> Iterator[Document | dict[str, Any]]:
        from geomap.text import read_documents

        for item in read_documents(sources, stdin=stdin, exclude=exclude):
            stats.inputs += 1
            if item.id in skip:
                stats.skipped += 1
                continue
            yield item.to_dict() if isinstance(item, ErrorRecord) else item

    chunks = _chunks(inputs())
    pool: _Pool | None = None
    held: dict[int, list[dict[str, Any]]] = {}  # finished chunks waiting for an earlier one
    next_seq = 0
    try:
        if in_pool:
            pool = _Pool(workers, options, stats, timeout)
            stats.workers = workers
            finished: Iterator[tuple[_Chunk, list[dict[str, Any]]]] = _in_pool(
                chunks, pool, held_back=(lambda: len(held)) if ordered else (lambda: 0)
            )
        else:
            finished = _in_process(chunks, options, stats)
        for chunk, records in finished:
            if ordered:
                held[chunk.key[0]] = records
                ready: list[dict[str, Any]] = []
                while next_seq in held:
                    ready += held.pop(next_seq)
                    next_seq += 1
            else:
                ready = records
            for record in ready:
                stats.records += 1
                if "error" in record:
                    stats.errors += 1
                    if report_errors:
                        bar.message(f"geomap: error: {record['error']}")
                stats.seconds = time.monotonic() - started
                yield record
            bar.update(len(ready))
    finally:
        stats.seconds = time.monotonic() - started
        bar.close()
        if pool is not None:
            pool.close()


def _check_ner(spec: str | None) -> None:
    if spec and spec.partition(":")[0] != "spacy":
        raise InputError(
            f"unknown NER back end {spec.partition(':')[0]!r}; the one available is spacy[:MODEL]"
        )
