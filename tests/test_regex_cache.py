"""Compiled patterns kept in the cache folder: the same patterns, without recompiling."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from geomap import regex_cache

SAMPLES = [
    (r"\b(?P<count>\d+) (?:soldiers|rebels) (?P<verb>killed|wounded)\b", re.IGNORECASE),
    (r"(?<=in )(?-i:[A-Z])\w+(?:\s+(?-i:[A-Z])\w+){0,2}", re.IGNORECASE),
    (r"^\s*(?:Read more|Follow us)\b.*$", re.MULTILINE),
    (r"(a)(b)?(?P<c>c)\2", 0),
]


@pytest.fixture
def fresh(isolated_cache: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The module as a new process finds it, with its cache in an existing private folder."""
    isolated_cache.mkdir()
    monkeypatch.setattr(regex_cache, "_table", None)
    monkeypatch.setattr(regex_cache, "_used", set())
    monkeypatch.setattr(regex_cache, "_added", False)
    monkeypatch.setattr(regex_cache, "_registered", True)  # no exit hook from a test
    return isolated_cache


def _new_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(regex_cache, "_table", None)
    monkeypatch.setattr(regex_cache, "_used", set())
    monkeypatch.setattr(regex_cache, "_added", False)


@pytest.mark.parametrize(("pattern", "flags"), SAMPLES)
def test_a_pattern_from_the_cache_is_the_pattern_re_compiles(
    fresh: Path, monkeypatch: pytest.MonkeyPatch, pattern: str, flags: int
) -> None:
    first = regex_cache.compiled(pattern, flags)
    regex_cache._save()
    assert regex_cache.cache_path().is_file()
    _new_process(monkeypatch)

    def no_compiling(*_: object) -> None:
        raise AssertionError("compiled again although the cache holds it")

    monkeypatch.setattr(regex_cache, "_compile", no_compiling)
    again = regex_cache.compiled(pattern, flags)
    expected = re.compile(pattern, flags)
    # Patterns compare equal when their flags, groups and engine code are the same.
    assert first == expected and again == expected
    assert again.groupindex == expected.groupindex and again.groups == expected.groups
    text = "In Kabul 12 soldiers killed; 3 rebels WOUNDED.\nRead more here\nabcc abc"
    assert [m.span() for m in again.finditer(text)] == [m.span() for m in expected.finditer(text)]


def test_an_unreadable_cache_file_is_compiled_as_usual_and_replaced(
    fresh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    regex_cache.cache_path().write_bytes(b"\x00not a cache")
    pattern = regex_cache.compiled(r"\bshell(?:ed|ing)\b", re.IGNORECASE)
    assert pattern.search("They were SHELLED.") is not None
    regex_cache._save()
    _new_process(monkeypatch)
    assert ("re", r"\bshell(?:ed|ing)\b", re.IGNORECASE) in regex_cache._load()


def test_the_cache_never_creates_a_folder(isolated_cache: Path, fresh: Path) -> None:
    fresh.rmdir()
    assert regex_cache.compiled("rockets?").match("rockets")
    regex_cache._save()
    assert not isolated_cache.exists()


def test_a_remembered_value_is_made_once_across_processes(
    fresh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[int] = []

    def make() -> tuple[str, ...]:
        made.append(1)
        return ("bomb", "shel")

    assert regex_cache.remembered(("prefixes", "x"), make) == ("bomb", "shel")
    regex_cache._save()
    _new_process(monkeypatch)
    assert regex_cache.remembered(("prefixes", "x"), make) == ("bomb", "shel")
    assert made == [1]


def test_the_casualty_patterns_are_the_same_in_every_process() -> None:
    # A pattern built from a set in its iteration order would differ with the hash seed and
    # never be found in the cache.
    script = (
        "import hashlib; from geomap.events import numbers as n;"
        "text = n._COUNT_THEN_VERB.pattern + n._PRIOR_ITEM.pattern + n._NUMBER_RE.pattern;"
        "print(hashlib.sha256(text.encode()).hexdigest())"
    )
    printed = set()
    for seed in ("1", "2", "3"):
        environment = dict(os.environ, PYTHONHASHSEED=seed, GEOMAP_CACHE_DIR="/nonexistent/g")
        run = subprocess.run(
            [sys.executable, "-c", script], env=environment, capture_output=True, text=True
        )
        assert run.returncode == 0, run.stderr
        printed.add(run.stdout)
    assert len(printed) == 1


def test_a_guard_kept_by_another_version_of_the_guard_code_is_not_reused(
    fresh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from geomap.events import guard

    pattern = re.compile(r"\b(?:shelled|rockets? hit)\b", re.IGNORECASE)
    # What an older guard.py might have left (a guard that matches nothing), under the keys
    # an older version would have used: none is read.
    stale = r"(?=(?-i:zzzz))"
    table = regex_cache._load()
    table[("value", "guard", pattern.pattern, pattern.flags, 4)] = stale
    table[("value", "guard", "an older digest", pattern.pattern, pattern.flags, 4)] = stale
    found = guard.guarded(pattern)
    assert [m.group() for m in found.finditer("Rockets hit the base; they shelled it.")] == [
        "Rockets hit",
        "shelled",
    ]
    assert stale not in found.pattern
