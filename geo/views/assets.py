"""Leaflet served by the app itself, never from a CDN.

The files come from the PyPI package XStatic-Leaflet and are copied into
Streamlit's static folder (`./static/`, served at `/app/static/`); `localize` points a folium map
at them so a browser with no internet still renders the map and contacts no third party.
"""

from __future__ import annotations

__all__ = [
    "STATIC_URL",
    "app_root",
    "install_static_assets",
    "localize",
    "publish_json",
    "static_url",
]

import filecmp
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

import xstatic.pkg.leaflet

from geo.sources.atomic import write_bytes_atomic, write_text_atomic

if TYPE_CHECKING:
    import folium

STATIC_URL = "/app/static"
_FILES = {
    # target name under static/ -> source file
    "leaflet/leaflet.js": Path(xstatic.pkg.leaflet.BASE_DIR) / "leaflet.js",
    "leaflet/leaflet.css": Path(xstatic.pkg.leaflet.BASE_DIR) / "leaflet.css",
}
_LEAFLET_IMAGES = Path(xstatic.pkg.leaflet.BASE_DIR) / "images"


def app_root(base_path: str = "") -> str:
    """The app's own URL path: `/`, or `server.baseUrlPath` (an app behind a reverse proxy at
    e.g. `/ki-atlas/`), with slashes at both ends."""
    base = base_path.strip("/")
    return f"/{base}/" if base else "/"


def static_url(base_path: str = "") -> str:
    """Where Streamlit serves `static/`: `/app/static` below the app's root."""
    return app_root(base_path) + STATIC_URL.lstrip("/")


def install_static_assets(static_dir: Path) -> list[Path]:
    """Copy the asset files into `static_dir` where missing or different; return what was copied."""
    copied = []
    for name, source in _FILES.items():
        target = Path(static_dir) / name
        if not target.exists() or not filecmp.cmp(source, target, shallow=False):
            _copy_atomic(source, target)
            copied.append(target)
    images = Path(static_dir) / "leaflet" / "images"
    for source in _LEAFLET_IMAGES.iterdir():
        target = images / source.name
        if not target.exists():
            _copy_atomic(source, target)
            copied.append(target)
    return copied


def publish_json(static_dir: Path, stem: str, data: object, *, prefix: str = STATIC_URL) -> str:
    """Write `data` as `generated/<stem>-<content hash>.json` under `static_dir` (once) and
    return its URL; the hash in the name means a browser never holds a stale copy.

    Large, constant map data (the Kreis polygons) is fetched from here once per page instead
    of travelling with every rerun's component arguments.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    name = f"generated/{stem}-{digest}.json"
    target = Path(static_dir) / name
    if not target.exists():
        write_text_atomic(target, text)
    return f"{prefix}/{name}"


def _copy_atomic(source: Path, target: Path) -> None:
    """Copy through a temporary file of its own, then replace the target, so a browser never
    gets half a file, also while several replicas install the same files at once."""
    write_bytes_atomic(target, source.read_bytes())


def localize(m: folium.Map, prefix: str = STATIC_URL) -> folium.Map:
    """Make `m` load only the app-served Leaflet (no jQuery, Bootstrap, icons or CDNs: none of
    the map's scripts needs them, and each is one more script the map waits for), from the
    static folder at `prefix` (see `static_url`)."""
    m.default_js = [("leaflet", f"{prefix}/leaflet/leaflet.js")]
    m.default_css = [("leaflet_css", f"{prefix}/leaflet/leaflet.css")]
    return m
