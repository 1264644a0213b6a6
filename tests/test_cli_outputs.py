"""Outputs of ``geomap parse`` and ``geomap map`` under faults (issue 17, items 5, 6 and 7).

An output never destroys an input, is never read back as one, is written whole or not at all,
and a file name that is not UTF-8 reaches every format.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import geomap
from geomap.cli import main

# The tree whose geomap is under test (a subprocess must import the same one).
CHECKOUT = Path(geomap.__file__).resolve().parents[1]
ARTICLE = "Rockets hit Baghdad on Monday, killing three people, police said.\n"


@pytest.fixture
def cli(gazetteer_path: Path, geoparser, capsys, monkeypatch, tmp_path: Path):
    """Run ``geomap ARGS`` offline on the test gazetteer; return (exit code, stdout, stderr)."""
    from geomap.geoparse.parser import Geoparser

    monkeypatch.setenv("GEOMAP_DB", str(gazetteer_path))
    monkeypatch.setenv("GEOMAP_OFFLINE", "1")
    monkeypatch.setenv("GEOMAP_OUTPUT_DIR", str(tmp_path / "default-out"))
    # The session's parser stands in for the one each command would open (same database).
    monkeypatch.setattr(Geoparser, "open", staticmethod(lambda *a, **k: geoparser))

    def run(*argv: str) -> tuple[int, str, str]:
        code = main([*argv])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# --------------------------------------------------------------------------- item 7


def test_output_equal_to_an_input_is_refused_and_the_input_kept(cli, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    original = json.dumps({"id": "a", "text": ARTICLE}) + "\n"
    feed.write_text(original, encoding="utf-8")
    code, _, err = cli("parse", "--offline", str(feed), "--format", "jsonl", "-o", str(feed))
    assert code == 1
    assert err.count("\n") == 1 and "is also an input" in err
    assert feed.read_text(encoding="utf-8") == original


def test_map_export_equal_to_an_input_is_refused(cli, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    code, _, err = cli("map", str(article), "-o", str(tmp_path / "m.html"), "--kml", str(article))
    assert code == 1 and "is also an input" in err
    assert article.read_text(encoding="utf-8") == ARTICLE
    assert not (tmp_path / "m.html").exists()


def test_an_output_inside_the_input_folder_is_not_read_back(cli, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    out = folder / "parsed.jsonl"
    argv = ("parse", "--offline", str(folder), "--format", "jsonl", "-o", str(out))
    for extra in ((), ("--resume",)):  # the second run finds the first one's output, appends
        code, _, err = cli(*argv, *extra)
        assert code == 0, err
        assert [r["id"] for r in _lines(out)] == ["a"]


def test_dev_full_is_one_line_and_a_non_zero_exit(cli, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    for argv in (
        ("parse", "--offline", str(article), "-o", "/dev/full"),
        ("parse", "--offline", str(article), "--format", "jsonl", "-o", "/dev/full"),
        ("map", str(article), "-o", "/dev/full"),
    ):
        code, _, err = cli(*argv)
        assert code == 1, argv
        assert err.strip() == "geomap: error: cannot write /dev/full: No space left on device"


def _limit_file_size() -> None:
    # Writing past the limit fails with EFBIG (the signal that would kill us is ignored), as a
    # full disk fails with ENOSPC: the same path through the code.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (50_000, 50_000))


def test_a_failed_write_leaves_the_older_map_whole(gazetteer_path: Path, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    old_map = tmp_path / "map.html"
    old_map.write_text("<p>the map of yesterday</p>", encoding="utf-8")
    env = {
        **os.environ,
        "PYTHONPATH": str(CHECKOUT),
        "GEOMAP_DB": str(gazetteer_path),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    done = subprocess.run(
        [sys.executable, "-m", "geomap", "map", "--offline", str(article), "-o", str(old_map)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        preexec_fn=_limit_file_size,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().startswith(f"geomap: error: cannot write {old_map}: ")
    assert old_map.read_text(encoding="utf-8") == "<p>the map of yesterday</p>"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "map.html"]  # no temp file


def test_control_characters_in_a_title_keep_kml_and_svg_well_formed(cli, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    kml, svg = tmp_path / "m.kml", tmp_path / "m.svg"
    title = "Night\x0b report \x1b[1m"
    code, _, err = cli(
        "map", str(article), "-o", str(tmp_path / "m.html"), "--title", title,
        "--kml", str(kml), "--svg", str(svg),
    )  # fmt: skip
    assert code == 0, err
    for path in (kml, svg):
        root = ET.parse(path).getroot()  # raises on an ill-formed document
        assert any("Night report [1m" in (t or "") for t in root.itertext())


# --------------------------------------------------------------------------- items 5 and 6


def test_resume_does_not_skip_a_document_whose_name_collides(cli, tmp_path: Path) -> None:
    for month in ("2020-01", "2020-02"):
        (tmp_path / "arch" / month).mkdir(parents=True)
        (tmp_path / "arch" / month / "article.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "parsed.jsonl"
    argv = ("parse", "--offline", str(tmp_path / "arch"), "--format", "jsonl", "-o", str(out))
    assert cli(*argv)[0] == 0
    first_line = out.read_text(encoding="utf-8").splitlines(keepends=True)[0]
    out.write_text(first_line, encoding="utf-8")  # as if killed after the first document
    code, _, err = cli(*argv, "--resume")
    assert code == 0, err
    ids = [r["id"] for r in _lines(out)]
    assert len(ids) == 2 and len(set(ids)) == 2
    assert "resumed: 1 inputs already in the output" in err


def _non_utf8_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.fsencode(folder) + b"/Bras\xedlia.txt", "wb") as handle:
        handle.write(ARTICLE.encode())
    (folder / "plain.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


@pytest.mark.parametrize("output_format", ["json", "jsonl", "geojson", "csv", "places-csv"])
def test_a_filename_that_is_not_utf8_reaches_every_parse_format(
    cli, tmp_path: Path, output_format: str
) -> None:
    folder = _non_utf8_folder(tmp_path)
    out = tmp_path / f"out.{output_format}"
    code, _, err = cli("parse", "--offline", str(folder), "--format", output_format, "-o", str(out))
    assert code == 0, err
    text = out.read_bytes().decode("utf-8")  # strict: valid UTF-8
    if output_format in ("json", "jsonl"):
        assert "Bras\\\\xedlia" in text  # the name, its odd byte shown as \xNN


def test_a_filename_that_is_not_utf8_reaches_every_map_output(cli, tmp_path: Path) -> None:
    folder = _non_utf8_folder(tmp_path)
    odd = next(p for p in folder.iterdir() if p.name != "plain.txt")
    out = {s: tmp_path / f"m.{s}" for s in ("html", "geojson", "csv", "kml", "svg")}
    code, _, err = cli(
        "map", str(odd), str(folder / "plain.txt"), "-o", str(out["html"]),
        *(a for s in ("geojson", "csv", "kml", "svg") for a in (f"--{s}", str(out[s]))),
    )  # fmt: skip
    assert code == 0, err
    for path in out.values():
        path.read_bytes().decode("utf-8")
    ET.parse(out["kml"])
    ET.parse(out["svg"])
