"""Fixtures of the map view tests: the committed BKG boundaries, loaded once per module."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.paths import OUTLINE_GEOJSON
from geo.sources.boundaries import Boundaries, load_boundaries


@pytest.fixture(scope="module")
def boundaries(bkg_kreise_path: Path) -> Boundaries:
    return load_boundaries(
        env={"KI_BOUNDARIES_PATH": str(bkg_kreise_path)},
        cache_dir=Path("/nonexistent"),
        outline_path=OUTLINE_GEOJSON,
    )
