"""Fixtures for the renderer tests: a fake local copy of the web assets (no npm needed)."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from geomap.render.assets import ASSETS

# A 1×1 transparent PNG, standing in for Leaflet's control images.
_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


@pytest.fixture
def fake_assets(tmp_path: Path) -> Path:
    """An assets directory laid out like ``npm install`` leaves it, with tiny stand-in files."""
    root = tmp_path / "assets"
    for asset in ASSETS:
        path = root / "node_modules" / asset.package / asset.path
        path.parent.mkdir(parents=True, exist_ok=True)
        if asset.kind == "css":
            path.write_text(
                f".{asset.package.replace('.', '-')} {{ background: url(images/layers.png) }}\n"
            )
        else:
            path.write_text(
                f"/* {asset.package} */ var s = '</script>';\n//# sourceMappingURL=x.js.map\n"
            )
    images = root / "node_modules" / "leaflet" / "dist" / "images"
    images.mkdir(parents=True, exist_ok=True)
    (images / "layers.png").write_bytes(_PNG)
    return root
