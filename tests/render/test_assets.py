"""Tests of geomap.render.assets: CDN links, inlined local copies, the missing-copy error."""

from __future__ import annotations

from pathlib import Path

import pytest

from geomap.errors import InputError
from geomap.render.assets import ASSETS, PACKAGES, assets_dir, find_asset, html_tags


def test_cdn_links_are_pinned_and_ordered() -> None:
    tags = html_tags(self_contained=False)
    assert all(PACKAGES["leaflet"] in t for t in tags if "/leaflet@" in t)
    leaflet = next(i for i, t in enumerate(tags) if t.endswith('leaflet.js"></script>'))
    cluster = next(i for i, t in enumerate(tags) if "markercluster.js" in t)
    assert leaflet < cluster
    assert not any("leaflet-heat" in t for t in tags)
    assert any("leaflet-heat" in t for t in html_tags(self_contained=False, heatmap=True))


def test_self_contained_inlines_everything(fake_assets: Path) -> None:
    tags = html_tags(self_contained=True, heatmap=True, directory=fake_assets)
    page = "\n".join(tags)
    assert "src=" not in page and "href=" not in page
    assert "/* leaflet.heat */" in page
    assert "url(data:image/png;base64," in page  # Leaflet's control images travel along
    assert "sourceMappingURL" not in page  # nothing for devtools to fetch
    assert "'<\\/script>'" in page  # a literal </script> cannot close the inline element
    assert len(tags) == len(ASSETS)


def test_missing_copy_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"python -m geomap\.render\.assets"):
        html_tags(self_contained=True, directory=tmp_path)


def test_directory_without_node_modules_works(fake_assets: Path) -> None:
    flat = fake_assets / "node_modules"
    assert find_asset(ASSETS[0], flat) == flat / "leaflet" / "dist" / "leaflet.css"


def test_assets_dir_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GEOMAP_ASSETS_DIR", "/srv/web")
    assert assets_dir() == Path("/srv/web")
    assert assets_dir("/other") == Path("/other")
