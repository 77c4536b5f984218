"""Where the project's files live, relative to the repository root."""

from __future__ import annotations

__all__ = [
    "CACHE_DIR",
    "CENTRES_CSV",
    "DATA_DIR",
    "GEOCODE_CACHE_CSV",
    "MILESTONES_CSV",
    "OUTLINE_GEOJSON",
    "PRESS_CSV",
    "ROOT",
    "STATIC_DIR",
]

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"
CENTRES_CSV = DATA_DIR / "centres.csv"
MILESTONES_CSV = DATA_DIR / "milestones.csv"
PRESS_CSV = DATA_DIR / "press_releases.csv"
GEOCODE_CACHE_CSV = DATA_DIR / "geocode_cache.csv"
OUTLINE_GEOJSON = DATA_DIR / "regions" / "DE-NW.json"
# Downloaded boundaries live here, outside git.
CACHE_DIR = ROOT / ".cache"
# Streamlit serves this folder at /app/static/ (enableStaticServing).
STATIC_DIR = ROOT / "static"
