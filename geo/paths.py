"""Where the project's files live, relative to the repository root."""

from __future__ import annotations

__all__ = [
    "BOUNDARIES_DIR",
    "BOUNDARIES_GEOJSON",
    "CACHE_DIR",
    "CENTRES_CSV",
    "DATA_DIR",
    "GEOCODE_CACHE_CSV",
    "MILESTONES_CSV",
    "OUTLINE_GEOJSON",
    "POPULATION_CSV",
    "PRESS_CSV",
    "ROOT",
    "SEED_LISTING",
    "SOURCES_DIR",
    "STATIC_DIR",
]

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"
CENTRES_CSV = DATA_DIR / "centres.csv"
MILESTONES_CSV = DATA_DIR / "milestones.csv"
PRESS_CSV = DATA_DIR / "press_releases.csv"
GEOCODE_CACHE_CSV = DATA_DIR / "geocode_cache.csv"
# Residents per Kreis (Destatis, 31.12.2018, CC BY 4.0), for the population coverage.
POPULATION_CSV = DATA_DIR / "population.csv"
OUTLINE_GEOJSON = DATA_DIR / "regions" / "DE-NW.json"
# The official BKG VG5000 polygons (dl-de/by-2-0), committed so a fresh clone draws the Kreise.
BOUNDARIES_DIR = DATA_DIR / "boundaries"
BOUNDARIES_GEOJSON = BOUNDARIES_DIR / "nrw_kreise_vg5000_2021.geojson"
# The raw research facts and the seed listing that `make data` builds data/ from.
SOURCES_DIR = DATA_DIR / "sources"
SEED_LISTING = SOURCES_DIR / "000_4634dc0ab42c2c2c.txt"
# Downloaded boundaries live here, outside git.
CACHE_DIR = ROOT / ".cache"
# Streamlit serves this folder at /app/static/ (enableStaticServing).
STATIC_DIR = ROOT / "static"
