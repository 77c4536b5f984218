"""Leaflet and jQuery served by the app itself, never from a CDN.

The files come from the PyPI packages XStatic-Leaflet and XStatic-jQuery and are copied into
Streamlit's static folder (`./static/`, served at `/app/static/`); `localize` points a folium map
at them so a browser with no internet still renders the map and contacts no third party.
"""

from __future__ import annotations

__all__ = ["CSS_URLS", "JS_URLS", "install_static_assets", "localize"]

import filecmp
import os
import shutil
from pathlib import Path

import folium
import xstatic.pkg.jquery
import xstatic.pkg.leaflet

STATIC_URL = "/app/static"
_FILES = {
    # target name under static/ -> source file
    "leaflet/leaflet.js": Path(xstatic.pkg.leaflet.BASE_DIR) / "leaflet.js",
    "leaflet/leaflet.css": Path(xstatic.pkg.leaflet.BASE_DIR) / "leaflet.css",
    "jquery/jquery.min.js": Path(xstatic.pkg.jquery.BASE_DIR) / "jquery.min.js",
}
_LEAFLET_IMAGES = Path(xstatic.pkg.leaflet.BASE_DIR) / "images"

JS_URLS = (
    ("leaflet", f"{STATIC_URL}/leaflet/leaflet.js"),
    ("jquery", f"{STATIC_URL}/jquery/jquery.min.js"),
)
CSS_URLS = (("leaflet_css", f"{STATIC_URL}/leaflet/leaflet.css"),)


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


def _copy_atomic(source: Path, target: Path) -> None:
    """Copy beside the target, then replace it, so a browser never gets half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    shutil.copyfile(source, partial)
    os.replace(partial, target)


def localize(m: folium.Map) -> folium.Map:
    """Make `m` load only the app-served Leaflet and jQuery (no Bootstrap, icons or CDNs)."""
    m.default_js = list(JS_URLS)
    m.default_css = list(CSS_URLS)
    return m
