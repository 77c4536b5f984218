"""The data the output tests draw: the real centres with the committed BKG Kreise."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_pictures import KLEVE
from shapely.geometry import shape

from geo import paths
from geo.cli.report_command import load_report_data
from geo.model.timeline import Timeline
from geo.paths import CENTRES_CSV, OUTLINE_GEOJSON
from geo.sources.boundaries import Boundaries, load_boundaries
from geo.sources.centres import load_centres


@pytest.fixture(scope="module")
def data(bkg_kreise_path: Path) -> tuple[Timeline, Boundaries]:
    return load_report_data(env={"KI_BOUNDARIES_PATH": str(bkg_kreise_path)})


@pytest.fixture(scope="module")
def outline_only(tmp_path_factory: pytest.TempPathFactory) -> Boundaries:
    empty_cache = tmp_path_factory.mktemp("no-cache")
    boundaries = load_boundaries(env={}, cache_dir=empty_cache, outline_path=paths.OUTLINE_GEOJSON)
    assert boundaries.source == "outline"
    return boundaries


@pytest.fixture(scope="module")
def kleve_point(data: tuple[Timeline, Boundaries]) -> tuple[float, float]:
    _, boundaries = data
    feature = next(f for f in boundaries.kreise["features"] if f["properties"]["ars"] == KLEVE)
    point = shape(feature["geometry"]).representative_point()
    return point.x, point.y


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    return Timeline(load_centres(CENTRES_CSV))


@pytest.fixture(scope="module")
def boundaries(bkg_kreise_path: Path):
    return load_boundaries(
        env={"KI_BOUNDARIES_PATH": str(bkg_kreise_path)},
        cache_dir=Path("/nonexistent"),
        outline_path=OUTLINE_GEOJSON,
    )
