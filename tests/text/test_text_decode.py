"""Tests of :func:`geomap.text.read.decode_bytes`."""

from __future__ import annotations

import codecs
import random

import pytest

from geomap.errors import InputError
from geomap.text.read import decode_bytes

SAMPLE = "Київ and Zürich – “quoted” €5\nsecond line"


def test_plain_utf8() -> None:
    assert decode_bytes(SAMPLE.encode("utf-8"), "x") == SAMPLE


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_bom_is_honoured_and_removed(bom: bytes, encoding: str) -> None:
    assert decode_bytes(bom + SAMPLE.encode(encoding), "x") == SAMPLE


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(encoding: str) -> None:
    text = "Troops left Kherson on Friday, officials said.\nMore later."
    assert decode_bytes(text.encode(encoding), "x") == text


def test_latin1_and_cp1252() -> None:
    assert decode_bytes("Café in Besançon".encode("latin-1"), "x") == "Café in Besançon"
    assert decode_bytes("“Kyiv” – €5".encode("cp1252"), "x") == "“Kyiv” – €5"


def test_bytes_cp1252_lacks_fall_back_to_latin1() -> None:
    # 0x81 is undefined in cp1252; 0xE9 makes the data invalid UTF-8.
    assert decode_bytes(b"caf\xe9 \x81", "x") == "café \x81"


def test_newlines_normalised() -> None:
    assert decode_bytes(b"a\r\nb\rc\nd", "x") == "a\nb\nc\nd"


def test_nul_and_controls_become_spaces_one_for_one() -> None:
    data = b"Kyiv\x00 is the\x07 capital\tof Ukraine.\x0b\x0cEnd"
    text = decode_bytes(data, "x")
    assert text == "Kyiv  is the  capital\tof Ukraine.  End"
    assert len(text) == len(data)


def test_no_unicode_normalisation() -> None:
    decomposed = "Cafe\u0301"  # e + combining acute, must not become é
    assert decode_bytes(decomposed.encode("utf-8"), "x") == decomposed


def test_binary_raises_input_error() -> None:
    rng = random.Random(1)
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(512))
    with pytest.raises(InputError, match=r"^photo\.png: looks like a binary file, not text$"):
        decode_bytes(data, "photo.png")


def test_nul_in_non_utf8_data_is_binary() -> None:
    data = "Café au lait à Besançon. ".encode("latin-1") * 20 + b"\x00"
    with pytest.raises(InputError, match="binary"):
        decode_bytes(data, "x")


def test_16_bit_binary_data_is_not_taken_for_utf16() -> None:
    data = bytes(b for i in range(200) for b in (i % 32, 0))  # little-endian shorts 0..31
    with pytest.raises(InputError, match="binary"):
        decode_bytes(data, "x")


def test_zero_filled_file_is_binary() -> None:
    with pytest.raises(InputError, match="binary"):
        decode_bytes(b"\x00" * 100, "zeros")


def test_empty() -> None:
    assert decode_bytes(b"", "x") == ""
