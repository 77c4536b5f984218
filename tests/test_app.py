"""The dashboard script without a browser: it starts, and the slider drives the count."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo import keys
from geo.centres import load_centres
from geo.paths import CENTRES_CSV, ROOT
from geo.timeline import CentreState, Timeline


@pytest.fixture
def app(bkg_kreise_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("KI_BOUNDARIES_PATH", str(bkg_kreise_path))
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    return at.run()


def _open_count(at: AppTest) -> int:
    return int(at.metric[0].value)


def test_starts_without_errors_at_the_last_month(app: AppTest) -> None:
    assert not app.exception
    assert not app.error
    assert app.select_slider(key=keys.DATE_SLIDER).value == date(2018, 10, 1)
    assert _open_count(app) == 54


@pytest.mark.parametrize(
    ("day", "expected_open"),
    [(date(2012, 1, 1), 0), (date(2016, 7, 1), 52), (date(2018, 10, 1), 54)],
)
def test_moving_the_slider_updates_the_open_count(app: AppTest, day: date, expected_open) -> None:
    app.select_slider(key=keys.DATE_SLIDER).set_value(day).run()
    assert not app.exception
    assert _open_count(app) == expected_open


def test_mid_rollout_count_matches_the_timeline(app: AppTest) -> None:
    day = date(2013, 9, 1)
    expected = Timeline(load_centres(CENTRES_CSV)).snapshot(day).count(CentreState.OPEN)
    app.select_slider(key=keys.DATE_SLIDER).set_value(day).run()
    assert 0 < _open_count(app) == expected < 54
