"""Fixtures for the renderer tests: a folder of stand-in script files."""

from __future__ import annotations

from pathlib import Path

import pytest

from geomap.render.assets import ASSETS


@pytest.fixture
def fake_assets(tmp_path: Path) -> Path:
    """A folder holding every script and style file under its own name, as tiny stand-ins."""
    root = tmp_path / "assets"
    root.mkdir()
    for asset in ASSETS:
        if asset.kind == "css":
            (root / asset.name).write_text(f"/* {asset.name} */ .x {{ color: red }}\n")
        else:
            (root / asset.name).write_text(
                f"/* {asset.name} */ var s = '</script>';\n//# sourceMappingURL=x.js.map\n"
            )
    return root
