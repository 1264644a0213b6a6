"""Indented JSON text, the same as :func:`json.dumps` writes it, at twice its speed.

``json.dumps(..., indent=1)`` runs in pure Python (the C encoder has no indentation): for
``geomap parse``'s default output it was a tenth of the whole run. :func:`dumps_indented` walks
plain JSON values (dicts, lists, tuples, strings, numbers, booleans, None) with one recursive
function and the C string encoder, and gives the very same text; anything else goes to
:func:`json.dumps`, which says what is wrong.

Examples
--------
>>> print(dumps_indented({"places": [{"name": "Kirkuk", "lat": 35.47}], "events": []}))
{
 "places": [
  {
   "name": "Kirkuk",
   "lat": 35.47
  }
 ],
 "events": []
}
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["dumps_indented"]

# The C string encoder without ASCII escapes (the pure-Python one where C is missing).
_encode_string = json.encoder.encode_basestring  # type: ignore[attr-defined]
_INFINITY = float("inf")


class _Unsupported(Exception):
    """A value plain JSON has no form for: left to :func:`json.dumps` to report."""


def _float_text(value: float) -> str:
    if value != value:
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return float.__repr__(value)


def _key_text(key: Any) -> str:
    """A dict key as :func:`json.dumps` writes it (numbers, booleans and None as text)."""
    if isinstance(key, str):
        return key
    if key is True:
        return "true"
    if key is False:
        return "false"
    if key is None:
        return "null"
    if isinstance(key, int):
        return int.__repr__(key)
    if isinstance(key, float):
        return _float_text(key)
    raise _Unsupported


def dumps_indented(value: Any, indent: int = 1) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=indent)``, the same text, faster."""
    parts: list[str] = []
    append = parts.append
    encode = _encode_string
    step = " " * indent
    heads: dict[str, dict[str, str]] = {}  # what precedes a member → its key → the text
    int_text = int.__repr__
    float_text = float.__repr__

    def scalar(item: Any) -> str | None:
        """The text of a string, number, boolean or None; None for a container."""
        kind = type(item)
        if kind is str:
            return encode(item)
        if kind is float:
            return _float_text(item)
        if item is None:
            return "null"
        if item is True:
            return "true"
        if item is False:
            return "false"
        if kind is int:
            return int.__repr__(item)
        if kind is dict or kind is list or kind is tuple:
            return None
        raise _Unsupported  # subclasses, other objects: json.dumps's rules and errors

    def write(item: Any, newline: str) -> None:
        text = scalar(item)
        if text is not None:
            append(text)
            return
        if not item:
            append("{}" if type(item) is dict else "[]")
            return
        inner = newline + step
        separator = "," + inner
        if type(item) is dict:
            # Each key's text with what comes before it ("{" or "," and the indentation): the
            # same few keys at the same depths, over and over.
            first = heads.get("{" + inner) or heads.setdefault("{" + inner, {})
            later = heads.get(separator) or heads.setdefault(separator, {})
            current = first
            for key, member in item.items():
                head = current.get(key) if type(key) is str else None
                if head is None:
                    lead = "{" + inner if current is first else separator
                    head = lead + encode(key if type(key) is str else _key_text(key)) + ": "
                    if type(key) is str:
                        current[key] = head
                current = later
                # The common scalars inline: a function call each cost a third of the time.
                kind = type(member)
                if kind is str:
                    text = encode(member)
                elif kind is int:
                    text = int_text(member)
                elif kind is float and -_INFINITY < member < _INFINITY:
                    text = float_text(member)
                else:
                    text = scalar(member)
                if text is None:
                    append(head)
                    write(member, inner)
                else:
                    append(head + text)
            append(newline + "}")
        else:
            lead = "[" + inner
            for member in item:
                text = encode(member) if type(member) is str else scalar(member)
                if text is None:
                    append(lead)
                    write(member, inner)
                else:
                    append(lead + text)
                lead = separator
            append(newline + "]")

    try:
        write(value, "\n")
    except (_Unsupported, RecursionError):
        return json.dumps(value, ensure_ascii=False, indent=indent)
    return "".join(parts)
