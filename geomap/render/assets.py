"""The map's JavaScript and CSS, inlined into every HTML map from copies that pip installs.

The HTML map needs Leaflet, its clustering plugin and, for the optional heat-map, Leaflet.heat.
All three come from Python packages, so a ``pip install geomap`` user needs no npm and the map
needs no network:

- ``XStatic-Leaflet`` ships ``leaflet.js``/``leaflet.css`` and Leaflet's control images;
- ``XStatic-Leaflet-MarkerCluster`` ships ``leaflet.markercluster.js`` and its CSS;
- ``folium`` (already geomap's dependency) ships ``leaflet_heat.min.js``.

``$GEOMAP_ASSETS_DIR`` (or the ``directory`` argument) may name a folder holding the same file
names, to pin other versions of the scripts; files missing there come from the packages.

Examples
--------
>>> [a.name for a in ASSETS if a.kind == "js"]
['leaflet.js', 'leaflet.markercluster.js', 'leaflet_heat.min.js']
>>> find_asset(ASSETS[0]).name
'leaflet.css'
"""

from __future__ import annotations

import base64
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

from geomap.errors import InputError

__all__ = ["ASSETS", "Asset", "find_asset", "html_tags", "package_versions"]


@dataclass(frozen=True, slots=True)
class Asset:
    """One file the map loads, and the installed package folder that holds it."""

    name: str  # file name, e.g. "leaflet.js"
    package: str  # importable package whose folder holds the file
    kind: Literal["js", "css"]
    optional: bool = False  # only the heat-map needs it


#: In load order: Leaflet before its plugins, CSS before JS.
ASSETS: tuple[Asset, ...] = (
    Asset("leaflet.css", "xstatic.pkg.leaflet", "css"),
    Asset("MarkerCluster.css", "xstatic.pkg.leaflet_markercluster", "css"),
    Asset("MarkerCluster.Default.css", "xstatic.pkg.leaflet_markercluster", "css"),
    Asset("leaflet.js", "xstatic.pkg.leaflet", "js"),
    Asset("leaflet.markercluster.js", "xstatic.pkg.leaflet_markercluster", "js"),
    Asset("leaflet_heat.min.js", "folium", "js", optional=True),
)

# XStatic packages keep their files under data/, folium under templates/.
_SUBFOLDER = {"xstatic.pkg.leaflet": "data", "xstatic.pkg.leaflet_markercluster": "data"}
_SOURCE_MAP = re.compile(r"^[ \t]*//# sourceMappingURL=\S+[ \t]*$", re.MULTILINE)
_CSS_URL = re.compile(r"url\((['\"]?)(images/[\w.-]+\.png)\1\)")


def package_versions() -> dict[str, str]:
    """The installed versions of the packages the scripts come from (for the README/docs)."""
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for distribution in ("XStatic-Leaflet", "XStatic-Leaflet-MarkerCluster", "folium"):
        try:
            found[distribution] = version(distribution)
        except PackageNotFoundError:
            continue
    return found


def find_asset(asset: Asset, directory: str | os.PathLike[str] | None = None) -> Path | None:
    """The file of ``asset``: from ``directory``/``$GEOMAP_ASSETS_DIR`` if there, else installed."""
    override = directory or os.environ.get("GEOMAP_ASSETS_DIR")
    if override and (Path(override) / asset.name).is_file():
        return Path(override) / asset.name
    return _installed(asset)


@lru_cache(maxsize=16)
def _installed(asset: Asset) -> Path | None:
    try:
        folder = resources.files(asset.package)
    except ModuleNotFoundError:
        return None
    sub = _SUBFOLDER.get(asset.package, "templates")
    path = Path(str(folder.joinpath(sub).joinpath(asset.name)))
    return path if path.is_file() else None


def html_tags(
    *, heatmap: bool = False, directory: str | os.PathLike[str] | None = None
) -> list[str]:
    """Inline ``<style>``/``<script>`` elements for the map's header, in load order.

    The images Leaflet's CSS refers to become data: URIs and source-map comments are dropped,
    so the page asks for nothing. A missing file raises :class:`~geomap.errors.InputError`
    naming the package to install.
    """
    return [_inline(asset, directory) for asset in ASSETS if heatmap or not asset.optional]


def _inline(asset: Asset, directory: str | os.PathLike[str] | None) -> str:
    path = find_asset(asset, directory)
    if path is None:
        distribution = {
            "xstatic.pkg.leaflet": "XStatic-Leaflet",
            "xstatic.pkg.leaflet_markercluster": "XStatic-Leaflet-MarkerCluster",
        }.get(asset.package, asset.package)
        raise InputError(
            f"the map needs {asset.name}, shipped by the Python package {distribution}: "
            f"pip install {distribution} (a dependency of geomap)"
        )
    return _inline_text(str(path), asset.kind)


@lru_cache(maxsize=16)
def _inline_text(path_text: str, kind: str) -> str:
    path = Path(path_text)
    text = _SOURCE_MAP.sub("", path.read_text(encoding="utf-8"))
    if kind == "css":
        return f"<style>\n{_inline_images(text, path.parent)}\n</style>"
    # A literal "</script" would end the inline element early.
    return "<script>\n" + text.replace("</script", "<\\/script") + "\n</script>"


def _inline_images(css: str, folder: Path) -> str:
    """Replace ``url(images/x.png)`` by data: URIs, so the CSS needs no file beside it."""
    return _CSS_URL.sub(lambda m: f"url({_data_uri(folder / m.group(2))})", css)


def _data_uri(image: Path) -> str:
    if not image.is_file():
        return "data:,"  # a missing decoration image must not make the page fetch anything
    return "data:image/png;base64," + base64.b64encode(image.read_bytes()).decode("ascii")
