"""Tests of geomap.render.assets: Leaflet and its plugins inlined from installed packages."""

from __future__ import annotations

from pathlib import Path

import pytest

from geomap.render.assets import ASSETS, find_asset, html_tags


def test_every_script_comes_from_an_installed_package() -> None:
    for asset in ASSETS:
        path = find_asset(asset)
        assert path is not None and path.stat().st_size > 500, asset


def test_tags_are_inline_and_ordered() -> None:
    tags = html_tags()
    page = "\n".join(tags)
    assert all(t.startswith(("<style>", "<script>")) for t in tags)  # no src=, no href=
    leaflet = next(i for i, t in enumerate(tags) if "Leaflet 1.9" in t)
    cluster = next(i for i, t in enumerate(tags) if "markerClusterGroup" in t)
    assert leaflet < cluster
    assert "url(data:image/png;base64," in page  # Leaflet's control images travel along
    assert "sourceMappingURL" not in page  # nothing for devtools to fetch
    assert not any("simpleheat" in t for t in tags)
    assert any("simpleheat" in t for t in html_tags(heatmap=True))


def test_a_folder_overrides_file_by_file(fake_assets: Path) -> None:
    page = "\n".join(html_tags(heatmap=True, directory=fake_assets))
    assert "/* leaflet_heat.min.js */" in page
    assert "'<\\/script>'" in page  # a literal </script> cannot close the inline element
    partial = fake_assets / "partial"
    partial.mkdir()
    (partial / "leaflet.js").write_text("/* mine */")
    page = "\n".join(html_tags(directory=partial))
    assert "/* mine */" in page and "markerClusterGroup" in page


def test_the_environment_names_the_folder(
    fake_assets: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GEOMAP_ASSETS_DIR", str(fake_assets))
    assert find_asset(ASSETS[0]) == fake_assets / "leaflet.css"
