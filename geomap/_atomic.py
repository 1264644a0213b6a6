"""Writing output files: whole or not at all, and a failure is one line, never a traceback.

:func:`atomic_output` writes to a hidden temporary file in the target's folder and renames it
over the target once everything is on disk, so a full disk or a crash never leaves a truncated
map, nor half a map over an older good one. :func:`streamed_output` writes in place, for JSON
Lines streamed as documents finish (a killed run leaves whole lines that ``--resume`` extends).

Both turn a failed write (``ENOSPC``, ``EIO``, permission) into :class:`~geomap.errors.OutputError`.
A lone surrogate (an undecodable byte of a file name that reached a record) is written as a
``\\udcNN`` escape rather than aborting the output.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from geomap.errors import OutputError

__all__ = ["atomic_output", "streamed_output"]


def _describe(target: Path, exc: OSError) -> OutputError:
    from geomap.text.read import display_path

    reason = exc.strerror or str(exc)
    return OutputError(f"cannot write {display_path(target)}: {reason}")


def _is_ours(exc: OSError, *paths: str | Path) -> bool:
    """Whether ``exc`` came from writing our file (reads of other files keep their own error)."""
    return exc.filename is None or os.fspath(exc.filename) in {os.fspath(p) for p in paths}


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str], *, encoding: str = "utf-8") -> Iterator[TextIO]:
    """A text stream whose content replaces ``path`` only when the block ends without error.

    A target that exists and is not a regular file (``/dev/stdout``, ``/dev/null``, a FIFO) is
    written in place: there is no file to replace, and renaming over a device would destroy it.
    A symbolic link is followed: the file it points to is replaced, the link stays.

    Raises
    ------
    OutputError
        When the file cannot be written (no space, no permission, a missing folder); the
        target is then left as it was and no temporary file remains.
    """
    target = Path(path)
    try:
        mode: int | None = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise _describe(target, exc) from exc
    if mode is not None and not stat.S_ISREG(mode):
        with streamed_output(target) as handle:
            yield handle
        return
    real = Path(os.path.realpath(target))
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=real.parent)
    except OSError as exc:
        raise _describe(target, exc) from exc
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="", errors="backslashreplace") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, stat.S_IMODE(mode) if mode is not None else _new_file_mode())
        os.replace(temp, real)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError) and _is_ours(exc, temp, real):
            raise _describe(target, exc) from exc
        raise


@contextlib.contextmanager
def streamed_output(
    path: str | os.PathLike[str], *, append: bool = False, encoding: str = "utf-8"
) -> Iterator[TextIO]:
    """A text stream written in place (appended to with ``append``), closed at the end.

    Raises
    ------
    OutputError
        When opening, writing or closing fails.
    """
    target = Path(path)
    try:
        handle = target.open(
            "a" if append else "w", encoding=encoding, newline="", errors="backslashreplace"
        )
    except OSError as exc:
        raise _describe(target, exc) from exc
    try:
        with handle:
            yield handle
    except OSError as exc:
        if _is_ours(exc, target):
            raise _describe(target, exc) from exc
        raise
