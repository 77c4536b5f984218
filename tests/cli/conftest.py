"""The data the report command's tests draw: the real centres with the committed BKG Kreise."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.cli.report_command import load_report_data
from geo.model.timeline import Timeline
from geo.sources.boundaries import Boundaries


@pytest.fixture(scope="module")
def data(bkg_kreise_path: Path) -> tuple[Timeline, Boundaries]:
    return load_report_data(env={"KI_BOUNDARIES_PATH": str(bkg_kreise_path)})
