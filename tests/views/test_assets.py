"""The app's own static files: published JSON named by its content, Leaflet copied once."""

from __future__ import annotations

import json
import re
from pathlib import Path

from geo.views.assets import install_static_assets, publish_json


def test_published_json_is_named_by_its_content_and_written_once(tmp_path: Path) -> None:
    url = publish_json(tmp_path, "kreise", {"name": "Düren"})
    assert re.fullmatch(r"/app/static/generated/kreise-[0-9a-f]{16}\.json", url)
    target = tmp_path / url.removeprefix("/app/static/")
    assert json.loads(target.read_text(encoding="utf-8")) == {"name": "Düren"}
    written = target.stat().st_mtime_ns
    assert publish_json(tmp_path, "kreise", {"name": "Düren"}) == url
    assert target.stat().st_mtime_ns == written
    assert publish_json(tmp_path, "kreise", {"name": "Dueren"}) != url
    assert sorted(p.name for p in target.parent.iterdir() if p.name.startswith(".")) == []


def test_static_assets_are_copied_once(tmp_path: Path) -> None:
    first = install_static_assets(tmp_path)
    assert (tmp_path / "leaflet" / "leaflet.js").stat().st_size > 100_000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["leaflet"], "Leaflet only"
    assert first
    assert install_static_assets(tmp_path) == []
    assert list(tmp_path.rglob(".*")) == [], "no temporary file is left behind"
