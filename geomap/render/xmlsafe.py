"""Characters XML 1.0 cannot hold, removed from a finished KML or SVG document.

An article, a title or a gazetteer entry may carry a C0 control (``\\x0b``, ``\\x1b``), a
non-character (U+FFFE) or a lone surrogate; escaping does not help (``&#11;`` is not allowed
either), so any of them makes the whole document ill-formed. Markup never contains them, so
stripping them from the serialised document only touches text.

>>> strip_non_xml("<name>Kyiv\\x0b\\x1b[31m</name>")
'<name>Kyiv[31m</name>'
"""

from __future__ import annotations

import re

__all__ = ["strip_non_xml"]

# XML 1.0 "Char": tab, newline and carriage return are the only C0 characters allowed.
_NOT_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def strip_non_xml(document: str) -> str:
    """``document`` without the characters XML 1.0 forbids."""
    return _NOT_XML_RE.sub("", document)
