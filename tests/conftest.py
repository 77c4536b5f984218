"""Shared test fixtures: paths to the repository's data and to the test-only BKG polygons."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED_GEO = ROOT.parent / "shared" / "geo"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def bkg_kreise_path() -> Path:
    """The official Kreis polygons for tests (never committed); set by `make test`."""
    path = Path(
        os.environ.get("KI_BOUNDARIES_PATH") or SHARED_GEO / "nrw_kreise_vg5000_2021.geojson"
    )
    assert path.is_file(), f"test boundaries missing: {path} (see ../shared/geo/README.md)"
    return path
