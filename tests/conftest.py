"""Shared test fixtures: the committed BKG polygons and a runner for AppTests of the page."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.paths import BOUNDARIES_GEOJSON, ROOT

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def bkg_kreise_path() -> Path:
    """The official BKG VG5000 Kreis polygons committed in `data/boundaries/`."""
    assert BOUNDARIES_GEOJSON.is_file(), f"committed boundaries missing: {BOUNDARIES_GEOJSON}"
    return BOUNDARIES_GEOJSON


@pytest.fixture
def start(bkg_kreise_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Run the app, optionally with query parameters, and return the AppTest."""
    monkeypatch.setenv("KI_BOUNDARIES_PATH", str(bkg_kreise_path))
    monkeypatch.chdir(ROOT)

    def run(**query: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        for name, value in query.items():
            at.query_params[name] = value
        at.run()
        assert not at.exception, at.exception
        return at

    return run
