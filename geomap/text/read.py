"""Read input files (plain text, HTML, JSON Lines) into :class:`~geomap.model.Document` objects.

Every problem with one input (missing, unreadable, binary, a malformed JSONL line) becomes an
:class:`~geomap.model.ErrorRecord` in the output stream instead of an exception, so a batch run
never loses track of an input.
"""

from __future__ import annotations

import glob
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from geomap.errors import InputError
from geomap.model import Document, ErrorRecord

__all__ = [
    "DIRECTORY_SUFFIXES",
    "decode_bytes",
    "html_to_text",
    "parse_iso_date",
    "read_documents",
]

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
    except UnicodeDecodeError:
        text = None
    if text is not None:
        # Valid UTF-8 is text unless it is mostly controls (a zero-filled file, say).
        if _suspicious_share(data) > 0.3:
            raise InputError(f"{name}: looks like a binary file, not text")
        return _normalise(text)

    if b"\x00" in data or _suspicious_share(data) > 0.05:
        raise InputError(f"{name}: looks like a binary file, not text")
    return _normalise(data.decode("latin-1").translate(_CP1252_FROM_LATIN1))


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


def _one_line(message: str) -> str:
    return " ".join(message.split())


def _jsonl_documents(text: str, stem: str, source: str) -> Iterator[Document | ErrorRecord]:
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        default_id = f"{stem}:{lineno}"

        def error(reason: str, default_id: str = default_id, n: int = lineno) -> ErrorRecord:
            return ErrorRecord(id=default_id, error=f"line {n}: {reason}", source=source)

        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield error(f"invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        except RecursionError:
            yield error("invalid JSON: nested too deeply")
            continue
        if not isinstance(obj, dict):
            yield error(f"expected a JSON object, got {type(obj).__name__}")
            continue
        body = obj.get("text")
        if body is None:
            yield error('missing "text" field')
            continue
        if not isinstance(body, str):
            yield error(f'"text" must be a string, got {type(body).__name__}')
            continue
        raw_id = obj.get("id")
        if raw_id is None or raw_id == "":
            doc_id = default_id
        elif isinstance(raw_id, str | int) and not isinstance(raw_id, bool):
            doc_id = str(raw_id)
        else:
            yield error(f'"id" must be a string or an integer, got {type(raw_id).__name__}')
            continue
        meta = {k: v for k, v in obj.items() if k not in ("id", "text")}
        published = parse_iso_date(obj.get("published")) or parse_iso_date(obj.get("date"))
        yield Document(
            id=doc_id, text=_normalise(body), published=published, source=source, meta=meta
        )


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


def _read_file(path: Path) -> Iterator[Document | ErrorRecord]:
    source = str(path)
    stem = path.stem or path.name or source
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        yield ErrorRecord(id=stem, error=f"{source}: file not found", source=source)
        return
    except IsADirectoryError:
        yield ErrorRecord(id=stem, error=f"{source}: is a directory, not a file", source=source)
        return
    except PermissionError:
        yield ErrorRecord(id=stem, error=f"{source}: permission denied", source=source)
        return
    except OSError as exc:
        reason = _one_line(exc.strerror or str(exc))
        yield ErrorRecord(id=stem, error=f"{source}: cannot read: {reason}", source=source)
        return
    try:
        text = decode_bytes(data, source)
    except InputError as exc:
        yield ErrorRecord(id=stem, error=_one_line(str(exc)), source=source)
        return
    yield from _documents_from_text(text, _kind_of_path(path), stem, source)


def _directory_files(directory: Path) -> list[Path]:
    """Input files under ``directory``, recursively, sorted; hidden entries are skipped."""
    found: list[Path] = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(DIRECTORY_SUFFIXES):
                found.append(Path(root, name))
    return sorted(found, key=lambda p: p.relative_to(directory).parts)


def _read_directory(directory: Path) -> Iterator[Document | ErrorRecord]:
    files = _directory_files(directory)
    if not files:
        source = str(directory)
        yield ErrorRecord(
            id=directory.name or source,
            error=f"{source}: directory contains no {'/'.join(DIRECTORY_SUFFIXES)} files",
            source=source,
        )
    for path in files:
        yield from _read_file(path)


def _read_stdin(stream: TextIO | BinaryIO | None) -> Iterator[Document | ErrorRecord]:
    if stream is None:
        stream = sys.stdin
    # Prefer the raw bytes so our decoding applies, not the locale's.
    raw = getattr(stream, "buffer", stream)
    try:
        data = raw.read()
    except (OSError, ValueError) as exc:
        reason = _one_line(str(exc))
        yield ErrorRecord(id="stdin", error=f"<stdin>: cannot read: {reason}", source="<stdin>")
        return
    if isinstance(data, bytes | bytearray):
        try:
            text = decode_bytes(bytes(data), "<stdin>")
        except InputError as exc:
            yield ErrorRecord(id="stdin", error=_one_line(str(exc)), source="<stdin>")
            return
    else:
        text = _normalise(data.removeprefix("\ufeff"))
    head = text.lstrip()[:1024]
    if head.startswith("{"):
        kind = "jsonl"
    elif head.startswith("<") and _HTML_SNIFF_RE.search(head):
        kind = "html"
    else:
        kind = "text"
    yield from _documents_from_text(text, kind, "stdin", "<stdin>")


def _has_glob_magic(source: str) -> bool:
    return any(c in source for c in "*?[")


def read_documents(
    sources: Iterable[str], *, stdin: TextIO | BinaryIO | None = None
) -> Iterator[Document | ErrorRecord]:
    """Yield one :class:`Document` per article in ``sources``, or an :class:`ErrorRecord`.

    Parameters
    ----------
    sources
        File paths, directories (expanded recursively to their ``.txt``, ``.html``, ``.htm``,
        ``.jsonl`` and ``.ndjson`` files, sorted), glob patterns (used when no file has that
        literal name) or ``-`` for standard input.
    stdin
        Stream read for ``-`` (default :data:`sys.stdin`). Its content is sniffed: JSON Lines
        if it starts with ``{``, HTML if it starts like a page, else plain text.

    Yields
    ------
    Document or ErrorRecord
        In input order. Problems with one input never raise.
    """
    for raw_source in sources:
        source = os.fspath(raw_source)
        if source == "-":
            yield from _read_stdin(stdin)
            continue
        path = Path(source)
        if path.is_dir():
            yield from _read_directory(path)
        elif path.exists() or not _has_glob_magic(source):
            yield from _read_file(path)
        else:
            matches = sorted(glob.glob(source, recursive=True))
            if not matches:
                yield ErrorRecord(
                    id=path.stem or source,
                    error=f"{source}: no files match this pattern",
                    source=source,
                )
            for match in matches:
                match_path = Path(match)
                if match_path.is_dir():
                    yield from _read_directory(match_path)
                else:
                    yield from _read_file(match_path)
