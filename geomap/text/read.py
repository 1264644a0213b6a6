"""Read input files (plain text, HTML, JSON Lines) into :class:`~geomap.model.Document` objects.

Every problem with one input (missing, unreadable, binary, a special file, a malformed JSONL
line) becomes an :class:`~geomap.model.ErrorRecord` in the output stream instead of an exception,
so a batch run never loses track of an input. JSON Lines are read and decoded line by line, so one
bad line costs that line only; every record's id is unique within a run.
"""

from __future__ import annotations

import codecs
import glob
import json
import logging
import os
import re
import stat
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from geomap.errors import InputError
from geomap.model import Document, ErrorRecord

__all__ = [
    "DIRECTORY_SUFFIXES",
    "decode_bytes",
    "display_path",
    "ensure_not_an_input",
    "html_to_text",
    "parse_iso_date",
    "read_documents",
]

logger = logging.getLogger("geomap.read")

#: Suffixes picked up when a directory is given as a source.
DIRECTORY_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".ndjson")

_HTML_SUFFIXES = frozenset({".html", ".htm"})
_JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})

# --------------------------------------------------------------------------- decoding

# Longest BOMs first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

# C0 controls that never belong in text; \t \n \r \f are ordinary whitespace.
_BAD_CONTROL_BYTES = frozenset(range(32)) - {9, 10, 12, 13}
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f]")  # \r is gone by the time this runs
_NEWLINE_RE = re.compile(r"\r\n?")
_BINARY_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")

# cp1252 leaves 0x81 0x8D 0x8F 0x90 0x9D undefined: decode as latin-1, then remap the rest.
_CP1252_FROM_LATIN1: dict[int, str] = {
    b: bytes([b]).decode("cp1252", errors="replace") for b in range(0x80, 0xA0)
}
_CP1252_FROM_LATIN1 = {b: c for b, c in _CP1252_FROM_LATIN1.items() if c != "\ufffd"}


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: bytes that are not UTF-8 are read as cp1252, and only those.

    Decoding a whole file as cp1252 because of one stray byte would turn every UTF-8 letter
    elsewhere into mojibake ("Brasília" into "BrasÃ­lia", which then resolves elsewhere).
    """
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = bytes(exc.object[exc.start : exc.end])
    return bad.decode("latin-1").translate(_CP1252_FROM_LATIN1), exc.end


_UTF8_OR_CP1252 = "geomap.utf8-or-cp1252"
codecs.register_error(_UTF8_OR_CP1252, _cp1252_fallback)


def _normalise(text: str) -> str:
    """Newlines to ``\\n``; other C0 controls (except tab) to a space, one for one."""
    if "\r" in text:
        text = _NEWLINE_RE.sub("\n", text)
    return _CONTROL_RE.sub(" ", text)


def _utf16_without_bom(data: bytes) -> str | None:
    """The text if ``data`` looks like BOM-less UTF-16 (NULs in every other byte), else None."""
    n = len(data) // 2
    if n < 2:
        return None
    nul_even = data[0 : 2 * n : 2].count(0)
    nul_odd = data[1 : 2 * n : 2].count(0)
    # Mostly-ASCII UTF-16 has a NUL in the high byte of nearly every code unit.
    if nul_odd >= 0.4 * n and nul_even <= 0.05 * n:
        encoding = "utf-16-le"
    elif nul_even >= 0.4 * n and nul_odd <= 0.05 * n:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data[: 2 * n].decode(encoding)
    except UnicodeDecodeError:
        return None
    # 16-bit binary data (small integers) fits the NUL pattern too, but decodes to controls.
    if len(_BINARY_CONTROL_RE.findall(text)) > 0.1 * len(text):
        return None
    return text + ("\ufffd" if len(data) % 2 else "")


def _suspicious_share(data: bytes) -> float:
    """Share of bytes that plain text practically never contains (C0 controls, NUL)."""
    if not data:
        return 0.0
    bad = sum(data.count(b) for b in _BAD_CONTROL_BYTES)
    return bad / len(data)


def decode_bytes(data: bytes, name: str) -> str:
    """Decode a file's bytes to text, guessing the encoding.

    Parameters
    ----------
    data
        The raw bytes.
    name
        Shown in the error message (usually the path).

    Returns
    -------
    str
        The text with newlines normalised to ``\\n`` and stray C0 controls replaced by a space.
        Nothing else is changed, so offsets into it stay meaningful.

    Raises
    ------
    InputError
        If the bytes look like a binary file.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            try:
                return _normalise(body.decode(encoding))
            except UnicodeDecodeError:
                # A BOM is strong evidence of the encoding: keep what decodes.
                return _normalise(body.decode(encoding, errors="replace"))

    utf16 = _utf16_without_bom(data) if b"\x00" in data else None
    if utf16 is not None:
        return _normalise(utf16)

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if b"\x00" in data or _suspicious_share(data) > 0.05:
            raise InputError(f"{name}: looks like a binary file, not text") from None
        line = data.count(b"\n", 0, exc.start) + 1
        logger.warning("%s: line %d: bytes that are not UTF-8 were read as cp1252", name, line)
        return _normalise(data.decode("utf-8", _UTF8_OR_CP1252))
    # Valid UTF-8 is text unless it is mostly controls (a zero-filled file, say).
    if _suspicious_share(data) > 0.3:
        raise InputError(f"{name}: looks like a binary file, not text")
    return _normalise(text)


def _decode_line(data: bytes) -> tuple[str, bool]:
    """One JSON Lines line as text, and whether some of its bytes were not UTF-8.

    Raises
    ------
    InputError
        If the line looks like binary data.
    """
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError:
        if b"\x00" in data or _suspicious_share(data) > 0.05:
            raise InputError("binary data, not text") from None
        return data.decode("utf-8", _UTF8_OR_CP1252), True


def _looks_binary(head: bytes) -> bool:
    """Whether the start of a JSON Lines file says the whole file is binary (not one bad line).

    Binary-looking bytes next to a line that is a JSON object are that line's problem only.
    """
    share = _suspicious_share(head)
    try:
        head.decode("utf-8")
        mostly_binary = share > 0.3
    except UnicodeDecodeError as exc:
        # A character cut at the end of the head is no evidence.
        mostly_binary = share > (0.05 if exc.start < len(head) - 3 else 0.3)
    if not mostly_binary:
        return False
    return not any(_is_json_object(line) for line in head.split(b"\n"))


def _is_json_object(line: bytes) -> bool:
    try:
        return isinstance(json.loads(line.decode("utf-8")), dict)
    except (ValueError, RecursionError):
        return False


# --------------------------------------------------------------------------- dates

_ISO_DATE_RE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})(?![\d])")


def parse_iso_date(value: Any) -> date | None:
    """The date at the start of an ISO 8601 string (``2024-03-05``, ``2024-03-05T10:00Z``).

    Returns None for anything else, including non-strings and impossible dates.
    """
    if not isinstance(value, str):
        return None
    m = _ISO_DATE_RE.match(value)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


# --------------------------------------------------------------------------- HTML

# Content never shown as article text. <head> is handled apart (its <title> is kept).
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "object"})
# Block elements that start a new paragraph (blank line) ...
_PARAGRAPH_TAGS = frozenset(
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section", "header",
        "footer", "aside", "main", "nav", "blockquote", "figure", "figcaption", "pre",
        "table", "ul", "ol", "dl", "form", "hr", "address", "details", "summary", "fieldset",
        "body", "center",
    }
)  # fmt: skip
# ... and those that only start a new line.
_LINE_TAGS = frozenset({"br", "li", "tr", "dt", "dd", "option", "caption", "legend"})
_CELL_TAGS = frozenset({"td", "th"})
# Tags allowed inside <head>; any other start tag means the body began (broken HTML).
_HEAD_TAGS = frozenset({"title", "meta", "link", "base", "script", "style", "noscript"})

_DATE_META_PROPERTIES = ("article:published_time", "og:published_time", "og:article:published_time")
_DATE_META_NAMES = (
    "date", "pubdate", "publishdate", "publish-date", "publish_date", "dc.date",
    "dc.date.issued", "dcterms.date", "dcterms.created", "parsely-pub-date", "sailthru.date",
)  # fmt: skip

_WS_RE = re.compile(r"\s+")
_LINE_WS_RE = re.compile(r"[^\S\n]+")
_BLANKS_RE = re.compile(r"\n{3,}")


class _TextExtractor(HTMLParser):
    """Collects visible text and a few metadata fields; never runs or fetches anything."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.pending_break = 0  # newlines owed before the next text: 0, 1 or 2
        self.skip_stack: list[str] = []
        self.in_head = False
        self.in_title = False
        self.title_parts: list[str] = []
        self.title_done = False
        self.json_ld: list[str] | None = None  # buffer while inside a JSON-LD <script>
        self.json_ld_blocks: list[str] = []
        self.dates: dict[str, str] = {}  # source kind -> first value seen
        self.og_title: str | None = None

    # -- tags
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        self._look_for_metadata(tag, a)
        if tag == "head":
            self.in_head = True
            return
        if self.in_head and tag not in _HEAD_TAGS:
            self.in_head = False  # broken HTML without </head>: the body has started
        if tag == "title" and not self.skip_stack and not self.title_done:
            self.in_title = True
            return
        if tag in _SKIP_TAGS:
            self.skip_stack.append(tag)
            if tag == "script" and "ld+json" in a.get("type", "").lower():
                self.json_ld = []
            return
        self._block(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/>, <svg/>, <meta/>: nothing to skip, only a possible line break.
        a = {k.lower(): (v or "") for k, v in attrs}
        self._look_for_metadata(tag, a)
        if self.in_head and tag not in _HEAD_TAGS and tag != "head":
            self.in_head = False
        if tag not in _SKIP_TAGS:
            self._block(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False
            return
        if tag == "title" and self.in_title:
            self.in_title = False
            self.title_done = True
            return
        if tag in _SKIP_TAGS:
            if tag in self.skip_stack:
                # Close up to the matching tag: tolerates unclosed tags nested inside it.
                while self.skip_stack.pop() != tag:
                    pass
                if tag == "script" and self.json_ld is not None:
                    self.json_ld_blocks.append("".join(self.json_ld))
                    self.json_ld = None
            return
        if tag != "br":  # "</br>": a typo, not a second break
            self._block(tag)

    def _block(self, tag: str) -> None:
        # Breaks are held until text follows, so "</p><p>" or "</li><li>" give one break.
        if self.skip_stack:
            return
        if tag == "br":
            self.pending_break = min(2, self.pending_break + 1)  # "<br><br>" is a paragraph
        elif tag in _PARAGRAPH_TAGS:
            self.pending_break = 2
        elif tag in _LINE_TAGS:
            self.pending_break = max(self.pending_break, 1)
        elif tag in _CELL_TAGS:
            self.parts.append(" ")

    def _look_for_metadata(self, tag: str, a: dict[str, str]) -> None:
        if tag == "meta":
            content = a.get("content", "")
            prop = a.get("property", "").lower()
            name = a.get("name", "").lower()
            # Only dates that parse count: a later, well-formed tag wins over a broken one.
            if parse_iso_date(content) is None:
                pass
            elif prop in _DATE_META_PROPERTIES or name in _DATE_META_PROPERTIES:
                self.dates.setdefault("property", content)
            elif name in _DATE_META_NAMES:
                self.dates.setdefault(f"name:{name}", content)
            if prop == "og:title" and self.og_title is None:
                self.og_title = content
        if a.get("itemprop", "").lower() == "datepublished":
            value = a.get("content") or a.get("datetime") or ""
            if parse_iso_date(value):
                self.dates.setdefault("itemprop", value)
        if tag == "time" and "datetime" in a and parse_iso_date(a["datetime"]):
            self.dates.setdefault("time", a["datetime"])

    # -- text
    def handle_data(self, data: str) -> None:
        if self.json_ld is not None:
            self.json_ld.append(data)
            return
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.skip_stack or self.in_head:
            return
        collapsed = _WS_RE.sub(" ", data)
        if self.pending_break and collapsed.strip():
            self.parts.append("\n" * self.pending_break)
            self.pending_break = 0
        self.parts.append(collapsed)

    # -- results
    def text(self) -> str:
        joined = "".join(self.parts)
        lines = [_LINE_WS_RE.sub(" ", line).strip() for line in joined.split("\n")]
        return _BLANKS_RE.sub("\n\n", "\n".join(lines)).strip()

    def published(self) -> str | None:
        candidates = [self.dates.get("property")]
        candidates += [self.dates.get(f"name:{n}") for n in _DATE_META_NAMES]
        candidates.append(self.dates.get("itemprop"))
        candidates += [_json_ld_date(block) for block in self.json_ld_blocks]
        candidates.append(self.dates.get("time"))
        for value in candidates:
            d = parse_iso_date(value)
            if d is not None:
                return d.isoformat()
        return None


def _json_ld_date(block: str) -> str | None:
    """``datePublished`` anywhere in a JSON-LD block (objects, lists, ``@graph``)."""
    try:
        data = json.loads(block)
    except (ValueError, RecursionError):
        return None
    stack: list[Any] = [data]
    while stack:
        item = stack.pop(0)  # breadth first: the top-level article before nested items
        if isinstance(item, dict):
            value = item.get("datePublished")
            if isinstance(value, str) and parse_iso_date(value):
                return value
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None


def html_to_text(html: str) -> tuple[str, dict[str, Any]]:
    """Visible text of an HTML page, one paragraph per block, plus its title and date.

    Parameters
    ----------
    html
        The page; broken markup is tolerated.

    Returns
    -------
    tuple[str, dict]
        The text (paragraphs separated by a blank line, whitespace collapsed within lines) and
        metadata: ``title`` and ``published`` (ISO date) when found.
    """
    parser = _TextExtractor()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError):  # very malformed markup: keep what was parsed
        pass
    meta: dict[str, Any] = {}
    title = _WS_RE.sub(" ", "".join(parser.title_parts)).strip() or (parser.og_title or "").strip()
    if title:
        meta["title"] = title
    published = parser.published()
    if published:
        meta["published"] = published
    return parser.text(), meta


# --------------------------------------------------------------------------- documents

_HTML_SNIFF_RE = re.compile(
    r"<(?:!doctype\s+html|html\b|head\b|body\b|p\b|div\b|article\b|title\b|meta\b)",
    re.IGNORECASE,
)
# How much of a JSON Lines input is looked at to choose its encoding or call it binary.
_HEAD_BYTES = 65536
# The "id" of a line that is not valid JSON, when it can still be read.
_ID_IN_BROKEN_LINE_RE = re.compile(r'"id"\s*:\s*("(?:[^"\\\n]|\\.)*"|-?\d+)')
# Duplicate ids reported one by one; beyond this only counted.
_MAX_ID_WARNINGS = 10


def _one_line(message: str) -> str:
    return " ".join(message.split())


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as printable text: bytes of the name that are not UTF-8 are shown as ``\\xNN``.

    Names come from the file system with undecodable bytes as lone surrogates, which no UTF-8
    output can hold; every id, source and message built from a path goes through this.

    >>> display_path("caf" + b"\\xe9".decode("utf-8", "surrogateescape") + ".txt")
    'caf\\\\xe9.txt'
    """
    text = os.fspath(path)
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that did not come from a byte
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _id_in_broken_line(line: str) -> str | None:
    match = _ID_IN_BROKEN_LINE_RE.search(line)
    if match is None:
        return None
    try:
        value = json.loads(match[1])
    except ValueError:
        return None
    return str(value) if value != "" else None


def _jsonl_record(line: str, lineno: int, stem: str, source: str) -> Document | ErrorRecord | None:
    """The document of one JSON Lines line, an error record, or None for a blank line."""
    if not line.strip():
        return None
    default_id = f"{stem}:{lineno}"

    def error(reason: str, doc_id: str | None = None) -> ErrorRecord:
        # The line's own id when it has one, so that --resume and the user can find it.
        doc_id = doc_id or _id_in_broken_line(line) or default_id
        return ErrorRecord(id=doc_id, error=f"line {lineno}: {reason}", source=source)

    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return error(f"invalid JSON: {exc.msg} (column {exc.colno})")
    except RecursionError:
        return error("invalid JSON: nested too deeply")
    if not isinstance(obj, dict):
        return error(f"expected a JSON object, got {type(obj).__name__}", default_id)
    raw_id = obj.get("id")
    if raw_id is None or raw_id == "":
        doc_id = default_id
    elif isinstance(raw_id, str | int) and not isinstance(raw_id, bool):
        doc_id = str(raw_id)
    else:
        return error(
            f'"id" must be a string or an integer, got {type(raw_id).__name__}', default_id
        )
    body = obj.get("text")
    if body is None:
        return error('missing "text" field', doc_id)
    if not isinstance(body, str):
        return error(f'"text" must be a string, got {type(body).__name__}', doc_id)
    meta = {k: v for k, v in obj.items() if k not in ("id", "text")}
    published = parse_iso_date(obj.get("published")) or parse_iso_date(obj.get("date"))
    return Document(id=doc_id, text=_normalise(body), published=published, source=source, meta=meta)


def _jsonl_documents(text: str, stem: str, source: str) -> Iterator[Document | ErrorRecord]:
    """The records of JSON Lines already decoded to text (UTF-16 input, text streams)."""
    for lineno, line in enumerate(text.split("\n"), start=1):
        record = _jsonl_record(line, lineno, stem, source)
        if record is not None:
            yield record


def _jsonl_byte_lines(
    lines: Iterable[bytes], stem: str, source: str
) -> Iterator[Document | ErrorRecord]:
    """The records of JSON Lines read as bytes, each line decoded on its own."""
    not_utf8: list[int] = []
    for lineno, data in enumerate(lines, start=1):
        if lineno == 1:
            data = data.removeprefix(codecs.BOM_UTF8)
        data = data.rstrip(b"\r\n")
        try:
            line, fell_back = _decode_line(data)
        except InputError as exc:
            found = _id_in_broken_line(data.decode("utf-8", "replace"))
            yield ErrorRecord(
                id=found or f"{stem}:{lineno}", error=f"line {lineno}: {exc}", source=source
            )
            continue
        if fell_back:
            not_utf8.append(lineno)
        record = _jsonl_record(line, lineno, stem, source)
        if record is not None:
            yield record
    if not_utf8:
        logger.warning(
            "%s: %d line(s) had bytes that are not UTF-8, read as cp1252 (first: line %d)",
            source,
            len(not_utf8),
            not_utf8[0],
        )


def _lines_after(head: bytes, rest: BinaryIO) -> Iterator[bytes]:
    """The lines of ``head`` followed by those of ``rest`` (``head`` was read from it first)."""
    *complete, partial = head.split(b"\n")
    for line in complete:
        yield line + b"\n"
    first = partial + rest.readline()
    if first:
        yield first
        yield from rest


def _jsonl_from_stream(
    head: bytes, rest: BinaryIO, stem: str, source: str
) -> Iterator[Document | ErrorRecord]:
    """JSON Lines from a byte stream whose first bytes (``head``) were read already."""
    wide = any(head.startswith(bom) for bom, enc in _BOMS if not enc.startswith("utf-8"))
    if wide or (b"\x00" in head and _utf16_without_bom(head) is not None):
        # UTF-16/32: lines are not split on b"\n"; such files are rare and read whole.
        try:
            text = decode_bytes(head + rest.read(), source)
        except InputError as exc:
            yield ErrorRecord(id=stem, error=_one_line(str(exc)), source=source)
            return
        yield from _jsonl_documents(text, stem, source)
        return
    if _looks_binary(head):
        yield ErrorRecord(
            id=stem, error=f"{source}: looks like a binary file, not text", source=source
        )
        return
    yield from _jsonl_byte_lines(_lines_after(head, rest), stem, source)


def _documents_from_text(
    text: str, kind: str, doc_id: str, source: str
) -> Iterator[Document | ErrorRecord]:
    if kind == "jsonl":
        yield from _jsonl_documents(text, doc_id, source)
    elif kind == "html":
        body, meta = html_to_text(text)
        yield Document(
            id=doc_id,
            text=body,
            published=parse_iso_date(meta.get("published")),
            source=source,
            meta=meta,
        )
    else:
        yield Document(id=doc_id, text=text, source=source)


def _kind_of_path(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in _HTML_SUFFIXES:
        return "html"
    if suffix in _JSONL_SUFFIXES:
        return "jsonl"
    return "text"


def _file_kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return name
    return "not a regular file"


@dataclass
class _Input:
    """One input to read: a file (found by a directory walk or a glob, or named), or stdin."""

    path: Path | None  # None: standard input
    named: bool = True  # named by the user, not found by a directory walk or a glob
    error: str | None = None  # nothing to read: this is the error record's message
    source: str = ""  # the source as given, for error entries


def _read_file(path: Path, doc_id: str, *, named: bool) -> Iterator[Document | ErrorRecord]:
    source = display_path(path)

    def error(reason: str) -> ErrorRecord:
        return ErrorRecord(id=doc_id, error=f"{source}: {reason}", source=source)

    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            yield error("is a directory, not a file")
            return
        # A FIFO, socket or device found in a folder would hang or never end the run; a FIFO
        # named on the command line is a pipe the user set up (``<(zcat feed.gz)``).
        if not stat.S_ISREG(mode) and (not named or not stat.S_ISFIFO(mode)):
            yield error(f"{_file_kind(mode)}, not a regular file; skipped")
            return
        # Non-blocking: if the file was swapped for a FIFO since, opening it does not wait.
        flags = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0)
        if stat.S_ISREG(mode):
            flags |= os.O_NONBLOCK
        handle = open(os.open(path, flags), "rb")  # noqa: SIM115 (closed below)
    except FileNotFoundError:
        yield error("file not found")
        return
    except PermissionError:
        yield error("permission denied")
        return
    except OSError as exc:
        yield error(f"cannot read: {_one_line(exc.strerror or str(exc))}")
        return
    with handle:
        mode_now = os.fstat(handle.fileno()).st_mode
        if stat.S_IFMT(mode_now) != stat.S_IFMT(mode):
            yield error(f"{_file_kind(mode_now)}, not a regular file; skipped")
            return
        try:
            if _kind_of_path(path) == "jsonl":
                head = handle.read(_HEAD_BYTES)
                yield from _jsonl_from_stream(head, handle, doc_id, source)
                return
            data = handle.read()
        except OSError as exc:
            yield error(f"cannot read: {_one_line(exc.strerror or str(exc))}")
            return
    try:
        text = decode_bytes(data, source)
    except InputError as exc:
        yield ErrorRecord(id=doc_id, error=_one_line(str(exc)), source=source)
        return
    yield from _documents_from_text(text, _kind_of_path(path), doc_id, source)


def _directory_files(directory: Path) -> list[Path]:
    """Input files under ``directory``, recursively, sorted; hidden entries are skipped."""
    found: list[Path] = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(DIRECTORY_SUFFIXES):
                found.append(Path(root, name))
    return sorted(found, key=lambda p: p.relative_to(directory).parts)


def _directory_inputs(directory: Path) -> Iterator[_Input]:
    files = _directory_files(directory)
    if not files:
        yield _Input(
            directory,
            error=f"directory contains no {'/'.join(DIRECTORY_SUFFIXES)} files",
            source=str(directory),
        )
    for path in files:
        yield _Input(path, named=False)


def _has_glob_magic(source: str) -> bool:
    return any(c in source for c in "*?[")


def _expand(sources: Iterable[str | os.PathLike[str]]) -> Iterator[_Input]:
    """Every input of ``sources`` in order: stdin, files, and entries for sources naming none."""
    for raw_source in sources:
        source = os.fspath(raw_source)
        if source == "-":
            yield _Input(None)
            continue
        path = Path(source)
        if path.is_dir():
            yield from _directory_inputs(path)
        elif path.exists() or not _has_glob_magic(source):
            yield _Input(path)
        else:
            matches = sorted(glob.glob(source, recursive=True))
            if not matches:
                yield _Input(path, error="no files match this pattern", source=source)
            for match in matches:
                match_path = Path(match)
                if match_path.is_dir():
                    yield from _directory_inputs(match_path)
                else:
                    yield _Input(match_path, named=False)


def _stem(path: Path) -> str:
    return path.stem or path.name or str(path)


def _file_ids(paths: list[Path]) -> list[str]:
    """Each file's id: its name without suffix, or, when names collide, its path.

    ``arch/2020-01/article.txt`` and ``arch/2020-02/article.txt`` would both be ``article``:
    they get their paths as found without the suffix (``arch/2020-01/article``, ...); ``a.txt``
    next to ``a.html`` keep their suffix too. Ids only depend on the inputs, so ``--resume``
    finds them again.
    """
    ids = [_stem(p) for p in paths]
    for longer in (lambda p: (p.parent / _stem(p)).as_posix(), lambda p: p.as_posix()):
        counts = Counter(ids)
        ids = [longer(p) if counts[i] > 1 else i for i, p in zip(ids, paths, strict=True)]
    return [display_path(i) for i in ids]


class _UniqueIds:
    """Hands out each id once: a repeated one gets ``#2``, ``#3`` ..., with a warning."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.next_suffix: dict[str, int] = {}
        self.renamed = 0

    def claim(self, wanted: str, source: str) -> str:
        if wanted not in self.used:
            self.used.add(wanted)
            return wanted
        n = self.next_suffix.get(wanted, 2)
        while f"{wanted}#{n}" in self.used:
            n += 1
        self.next_suffix[wanted] = n + 1
        unique = f"{wanted}#{n}"
        self.used.add(unique)
        self.renamed += 1
        if self.renamed <= _MAX_ID_WARNINGS:
            logger.warning(
                "%s: the id %r is used twice; this one is now %r", source, wanted, unique
            )
        return unique

    def report(self) -> None:
        if self.renamed > _MAX_ID_WARNINGS:
            logger.warning("%d repeated ids were given a #N suffix in all", self.renamed)


def _read_stdin(stream: TextIO | BinaryIO | None) -> Iterator[Document | ErrorRecord]:
    if stream is None:
        stream = sys.stdin
    # Prefer the raw bytes so our decoding applies, not the locale's.
    raw: Any = getattr(stream, "buffer", stream)  # bytes or text, told apart below
    try:
        head = raw.read(_HEAD_BYTES)
        if isinstance(head, bytes | bytearray):
            head = bytes(head)
            sniffed = head.removeprefix(codecs.BOM_UTF8).lstrip()[:1024]
            if sniffed.startswith(b"{"):  # JSON Lines: read line by line, as from a file
                yield from _jsonl_from_stream(head, raw, "stdin", "<stdin>")
                return
            data: bytes | str = head + raw.read()
        else:
            data = head + raw.read()
    except (OSError, ValueError) as exc:
        reason = _one_line(str(exc))
        yield ErrorRecord(id="stdin", error=f"<stdin>: cannot read: {reason}", source="<stdin>")
        return
    if isinstance(data, bytes):
        try:
            text = decode_bytes(data, "<stdin>")
        except InputError as exc:
            yield ErrorRecord(id="stdin", error=_one_line(str(exc)), source="<stdin>")
            return
    else:
        text = _normalise(data.removeprefix("\ufeff"))
    head_text = text.lstrip()[:1024]
    if head_text.startswith("{"):
        kind = "jsonl"
    elif head_text.startswith("<") and _HTML_SNIFF_RE.search(head_text):
        kind = "html"
    else:
        kind = "text"
    yield from _documents_from_text(text, kind, "stdin", "<stdin>")


def _real(path: str | os.PathLike[str]) -> str:
    return os.path.realpath(os.fspath(path))


def ensure_not_an_input(
    output: str | os.PathLike[str], sources: Iterable[str | os.PathLike[str]]
) -> None:
    """Refuse an output that is a file the user named as an input (writing it would destroy it).

    Files found by a directory walk or a glob are not refused: pass the output to
    :func:`read_documents` as ``exclude`` and it is not read back.

    Raises
    ------
    InputError
        If ``output`` is (the same file as) an input named in ``sources``.
    """
    target = Path(output)
    if not target.exists():
        return
    for raw_source in sources:
        source = os.fspath(raw_source)
        path = Path(source)
        named = (
            source != "-" and not path.is_dir() and (path.exists() or not _has_glob_magic(source))
        )
        try:
            same = named and path.exists() and os.path.samefile(path, target)
        except OSError:
            same = False
        if same:
            raise InputError(
                f"{display_path(target)} is also an input; write the output somewhere else"
            )


def read_documents(
    sources: Iterable[str | os.PathLike[str]],
    *,
    stdin: TextIO | BinaryIO | None = None,
    exclude: Iterable[str | os.PathLike[str]] = (),
) -> Iterator[Document | ErrorRecord]:
    """Yield one :class:`Document` per article in ``sources``, or an :class:`ErrorRecord`.

    Parameters
    ----------
    sources
        File paths, directories (expanded recursively to their ``.txt``, ``.html``, ``.htm``,
        ``.jsonl`` and ``.ndjson`` files, sorted), glob patterns (used when no file has that
        literal name) or ``-`` for standard input. A FIFO, socket or device found in a
        directory or by a glob is not read (an error record says so).
    stdin
        Stream read for ``-`` (default :data:`sys.stdin`). Its content is sniffed: JSON Lines
        if it starts with ``{``, HTML if it starts like a page, else plain text.
    exclude
        Files never read when a directory walk or a glob finds them: this run's outputs.

    Yields
    ------
    Document or ErrorRecord
        In input order, each with an id no other record of the run has (see
        :func:`_file_ids`; a repeated JSON Lines id gets a ``#2`` suffix and a warning).
        Problems with one input never raise.
    """
    outputs = {_real(p) for p in exclude}
    inputs: list[_Input] = []
    for item in _expand(sources):
        if outputs and item.path is not None and not item.named and _real(item.path) in outputs:
            logger.info("%s: not read: it is an output of this run", display_path(item.path))
            continue
        inputs.append(item)
    files = {i: item.path for i, item in enumerate(inputs) if item.path and item.error is None}
    file_ids = dict(zip(files, _file_ids(list(files.values())), strict=True))
    ids = _UniqueIds()
    for index, item in enumerate(inputs):
        if item.path is None:
            records = _read_stdin(stdin)
        elif item.error is not None:
            source = display_path(item.source)
            records = iter([ErrorRecord(_stem(item.path), f"{source}: {item.error}", source)])
        else:
            records = _read_file(item.path, file_ids[index], named=item.named)
        for record in records:
            record.id = ids.claim(record.id, record.source)
            yield record
    ids.report()
