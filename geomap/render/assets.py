"""The map's JavaScript and CSS: CDN links, or local copies inlined for ``--self-contained``.

The HTML map needs three npm packages: ``leaflet``, ``leaflet.markercluster`` and, for the
optional heat-map, ``leaflet.heat``. A normal map links them from a CDN; a self-contained map
inlines local copies so that it opens with no network at all.

Getting the local copies
------------------------
``python -m geomap.render.assets`` runs ``npm install`` of the pinned versions into the assets
directory (the first of: the ``directory`` argument, ``$GEOMAP_ASSETS_DIR``,
``<geomap cache dir>/web-assets``). Any directory holding ``node_modules/<package>/dist/...`` or
``<package>/dist/...`` works too, e.g. an existing ``node_modules`` folder's parent.

Examples
--------
>>> [a.package for a in ASSETS if a.kind == "js"]
['leaflet', 'leaflet.markercluster', 'leaflet.heat']
>>> ASSETS[0].url
'https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.css'
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from geomap import settings
from geomap.errors import InputError

__all__ = [
    "ASSETS",
    "PACKAGES",
    "Asset",
    "assets_dir",
    "fetch_assets",
    "find_asset",
    "html_tags",
]

#: npm packages and the versions every map is built against (CDN and local copies alike).
PACKAGES: dict[str, str] = {
    "leaflet": "1.9.4",
    "leaflet.markercluster": "1.5.3",
    "leaflet.heat": "0.2.0",
}

_CDN = "https://cdn.jsdelivr.net/npm"


@dataclass(frozen=True, slots=True)
class Asset:
    """One file of an npm package that the map loads."""

    package: str
    path: str  # inside the package, e.g. "dist/leaflet.js"
    kind: Literal["js", "css"]
    optional: bool = False  # only the heat-map needs it

    @property
    def url(self) -> str:
        return f"{_CDN}/{self.package}@{PACKAGES[self.package]}/{self.path}"


#: In load order: Leaflet before its plugins, CSS before JS.
ASSETS: tuple[Asset, ...] = (
    Asset("leaflet", "dist/leaflet.css", "css"),
    Asset("leaflet.markercluster", "dist/MarkerCluster.css", "css"),
    Asset("leaflet.markercluster", "dist/MarkerCluster.Default.css", "css"),
    Asset("leaflet", "dist/leaflet.js", "js"),
    Asset("leaflet.markercluster", "dist/leaflet.markercluster.js", "js"),
    Asset("leaflet.heat", "dist/leaflet-heat.js", "js", optional=True),
)

_SOURCE_MAP = re.compile(r"^[ \t]*//# sourceMappingURL=\S+[ \t]*$", re.MULTILINE)
_CSS_URL = re.compile(r"url\((['\"]?)(images/[\w.-]+\.png)\1\)")


def assets_dir(directory: str | os.PathLike[str] | None = None) -> Path:
    """Where local copies live: ``directory``, ``$GEOMAP_ASSETS_DIR`` or the cache dir.

    >>> str(assets_dir("/opt/web"))
    '/opt/web'
    """
    if directory:
        return Path(directory)
    env = os.environ.get("GEOMAP_ASSETS_DIR")
    return Path(env) if env else settings.cache_dir() / "web-assets"


def find_asset(asset: Asset, directory: str | os.PathLike[str] | None = None) -> Path | None:
    """The local copy of ``asset`` under the assets directory, or ``None``."""
    root = assets_dir(directory)
    for base in (root / "node_modules" / asset.package, root / asset.package):
        candidate = base / asset.path
        if candidate.is_file():
            return candidate
    return None


def fetch_assets(directory: str | os.PathLike[str] | None = None) -> Path:
    """Install the pinned npm packages into the assets directory with ``npm install``.

    Returns the directory. Raises :class:`~geomap.errors.InputError` when ``npm`` is missing or
    fails (the message says what to do instead).
    """
    root = assets_dir(directory)
    npm = shutil.which("npm")
    if npm is None:
        raise InputError(
            f"npm is not installed: install Node.js/npm, or put the packages "
            f"{_package_list()} under {root}/node_modules yourself"
        )
    root.mkdir(parents=True, exist_ok=True)
    command = [
        npm,
        "install",
        "--prefix",
        str(root),
        "--no-audit",
        "--no-fund",
        "--no-save",
        "--ignore-scripts",
        "--loglevel=error",
        *(f"{name}@{version}" for name, version in PACKAGES.items()),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise InputError(f"npm install of {_package_list()} into {root} failed: {last}")
    return root


def html_tags(
    *,
    self_contained: bool,
    heatmap: bool = False,
    directory: str | os.PathLike[str] | None = None,
) -> list[str]:
    """``<link>``/``<script>`` tags for the map's header, in load order.

    With ``self_contained`` the files are read from the local copies and inlined (the images
    Leaflet's CSS refers to become data: URIs); a missing file raises
    :class:`~geomap.errors.InputError` naming the command that fetches it.

    >>> html_tags(self_contained=False)[0]
    '<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.css"/>'
    """
    tags = []
    for asset in ASSETS:
        if asset.optional and not heatmap:
            continue
        if not self_contained:
            if asset.kind == "css":
                tags.append(f'<link rel="stylesheet" href="{asset.url}"/>')
            else:
                tags.append(f'<script src="{asset.url}"></script>')
            continue
        path = find_asset(asset, directory)
        if path is None:
            raise InputError(
                f"--self-contained needs a local copy of {asset.package} ({asset.path}) in "
                f"{assets_dir(directory)}: run 'python -m geomap.render.assets' (uses npm), "
                f"or name a directory holding node_modules/{asset.package} with --assets"
            )
        text = _SOURCE_MAP.sub("", path.read_text(encoding="utf-8"))
        if asset.kind == "css":
            text = _inline_images(text, path.parent)
            tags.append(f"<style>\n{text}\n</style>")
        else:
            # A literal "</script" would end the inline element early.
            text = text.replace("</script", "<\\/script")
            tags.append(f"<script>\n{text}\n</script>")
    return tags


def _inline_images(css: str, folder: Path) -> str:
    """Replace ``url(images/x.png)`` by data: URIs, so the CSS needs no file beside it."""
    return _CSS_URL.sub(lambda m: f"url({_data_uri(folder / m.group(2))})", css)


def _data_uri(image: Path) -> str:
    if not image.is_file():
        return "data:,"  # a missing decoration image must not make the page fetch anything
    return "data:image/png;base64," + base64.b64encode(image.read_bytes()).decode("ascii")


def _package_list() -> str:
    return ", ".join(f"{name}@{version}" for name, version in PACKAGES.items())


def _main(argv: list[str]) -> int:
    """``python -m geomap.render.assets [DIR]``: fetch the local copies, print where they are."""
    try:
        root = fetch_assets(argv[0] if argv else None)
    except InputError as exc:
        print(f"geomap: error: {exc}", file=sys.stderr)
        return 1
    print(root)
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
