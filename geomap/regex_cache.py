"""Regular expressions compiled once per interpreter, not once per process.

Python's ``re`` parses and compiles a pattern in Python code. The events vocabulary is
hundreds of long alternations, and compiling them (with their first-letter guards, see
:mod:`geomap.events.guard`) took about half a second of every ``geomap`` process's start-up,
more than a short document's parse. What compiling yields (the engine's code, a list of
integers, and the group names) depends only on the pattern, its flags and the interpreter,
so it is kept in one file of the cache folder and handed to the engine directly the next
time: the same pattern object, built without parsing.

The file is a cache in the strict sense: any error reading it, an entry the engine refuses
or a file of another interpreter means compiling as usual; it is written (atomically, at
exit) only when this process compiled something new and only into a cache folder that
already exists. Derived strings that cost as much to make (a pattern's guard) are kept in
the same file (:func:`remembered`).

Examples
--------
>>> pattern = compiled(r"\\b(?:rockets?|shells?) (?P<verb>hit|struck)\\b", re.IGNORECASE)
>>> pattern == re.compile(r"\\b(?:rockets?|shells?) (?P<verb>hit|struck)\\b", re.IGNORECASE)
True
>>> pattern.search("Two rockets hit the base.").group("verb")
'hit'
"""

from __future__ import annotations

import atexit
import importlib
import marshal
import os
import re
import sys
import tempfile
from array import array
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

from geomap import settings

__all__ = ["cache_path", "compiled", "remembered"]

# CPython's compiler and engine (private, the same interface since 3.11): parse and code
# generation on a miss, the engine's constructor on a hit.
_sre: Any = importlib.import_module("_sre")
_parser: Any = importlib.import_module("re._parser")
_compiler: Any = importlib.import_module("re._compiler")

# Compiled code is only valid for the interpreter (and engine) that made it.
_INTERPRETER = f"{sys.version}|{sys.implementation.cache_tag}|{_sre.MAGIC}|{_sre.CODESIZE}"
_FORMAT = 2
_MAX_ENTRIES = 1_000  # beyond it, only what this process used is kept (the rest is stale)

# Each entry: the arguments of ``_sre.compile`` after the pattern itself, the code packed as
# machine words (a list of ints would hold ten times the memory, the whole run long).
_Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]
_WORD = next(code for code in "ILQ" if array(code).itemsize == _sre.CODESIZE)

_table: dict[Hashable, Any] | None = None
_used: set[Hashable] = set()
_added = False
_registered = False


def cache_path() -> Path:
    """The file of compiled patterns in geomap's cache folder, named by interpreter."""
    return settings.cache_dir() / f"patterns-{sys.implementation.cache_tag}.marshal"


def _load() -> dict[Hashable, Any]:
    global _table, _registered
    if _table is None:
        _table = {}
        try:
            header, entries = marshal.loads(cache_path().read_bytes())
            if header == (_FORMAT, _INTERPRETER) and isinstance(entries, dict):
                _table = entries
        except Exception:  # a cache that cannot be read is an empty cache
            pass
        if not _registered:
            atexit.register(_save)
            _registered = True
    return _table


def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``: the same pattern object, from the cache when this
    interpreter compiled it before."""
    flags = int(flags)
    table = _load()
    key = ("re", pattern, flags)
    _used.add(key)
    entry = table.get(key)
    if entry is not None:
        try:
            result: re.Pattern[str] = _engine_pattern(pattern, entry)
            return result
        except Exception:  # an entry the engine refuses: compile it again
            pass
    try:
        entry = _compile(pattern, flags)
        result = _engine_pattern(pattern, entry)
    except re.error:
        raise
    except Exception:  # the private interface changed: compile as usual
        return re.compile(pattern, flags)
    _remember(key, entry)
    return result


def _engine_pattern(pattern: str, entry: _Entry) -> re.Pattern[str]:
    final_flags, code, groups, names, index = entry
    result: re.Pattern[str] = _sre.compile(
        pattern, final_flags, array(_WORD, code).tolist(), groups, names, index
    )
    return result


def _compile(pattern: str, flags: int) -> _Entry:
    """What ``re._compiler.compile`` hands the engine, for ``pattern``."""
    tree = _parser.parse(pattern, flags)
    code = _compiler._code(tree, flags)
    names = dict(tree.state.groupdict)
    index: list[str | None] = [None] * tree.state.groups
    for name, number in names.items():
        index[number] = name
    packed = array(_WORD, code).tobytes()
    return (int(flags | tree.state.flags), packed, tree.state.groups - 1, names, tuple(index))


def remembered(key: tuple[str, ...] | tuple[Any, ...], make: Callable[[], Any]) -> Any:
    """``make()``, kept in the cache under ``key``: for a value that is as slow to derive as a
    pattern is to compile and depends only on ``key`` (strings, numbers, tuples of them). The
    key must name the code that makes the value too (as :mod:`geomap.events.guard` names its
    own source's digest), lest another version's answer be reused."""
    table = _load()
    full_key = ("value", *key)
    _used.add(full_key)
    if full_key in table:
        return table[full_key]
    value = make()
    _remember(full_key, value)
    return value


def _remember(key: Hashable, value: Any) -> None:
    global _added
    assert _table is not None
    _table[key] = value
    _added = True


def _save() -> None:
    """Write the table if this process added to it; never fail, never create a folder."""
    if not _added or _table is None:
        return
    entries = _table
    if len(entries) > _MAX_ENTRIES:
        entries = {key: value for key, value in entries.items() if key in _used}
    path = cache_path()
    try:
        if not path.parent.is_dir():
            return
        data = marshal.dumps(((_FORMAT, _INTERPRETER), entries))
        handle, temporary = tempfile.mkstemp(prefix=".patterns-", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except Exception:  # a cache that cannot be written is only slower
        pass
