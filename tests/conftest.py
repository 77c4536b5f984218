"""Shared test fixtures: paths to the repository's data and to its committed BKG polygons."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.paths import BOUNDARIES_GEOJSON

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def bkg_kreise_path() -> Path:
    """The official BKG VG5000 Kreis polygons committed in `data/boundaries/`."""
    assert BOUNDARIES_GEOJSON.is_file(), f"committed boundaries missing: {BOUNDARIES_GEOJSON}"
    return BOUNDARIES_GEOJSON
