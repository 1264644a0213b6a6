"""Locating data files inside installed packages (private helper of the sources)."""

from __future__ import annotations

import importlib.metadata
import importlib.util
from pathlib import Path

from geomap.errors import GazetteerError


def package_dir(package: str) -> Path:
    """Directory of an installed package, or a clear error naming what to install."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise GazetteerError(f"the data package '{package}' is not installed: pip install geomap")
    return Path(next(iter(spec.submodule_search_locations)))


def distribution_version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "missing"
