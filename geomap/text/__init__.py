"""Reading inputs and preparing their text: decoding, HTML to text, boilerplate, sentences."""

from __future__ import annotations

from geomap.text.clean import Dateline, find_boilerplate, find_dateline, is_boilerplate
from geomap.text.prepared import PreparedText, prepare_text
from geomap.text.read import decode_bytes, html_to_text, parse_iso_date, read_documents
from geomap.text.sentences import split_sentences

__all__ = [
    "Dateline",
    "PreparedText",
    "decode_bytes",
    "find_boilerplate",
    "find_dateline",
    "html_to_text",
    "is_boilerplate",
    "parse_iso_date",
    "prepare_text",
    "read_documents",
    "split_sentences",
]
