"""The page with a `KI_BOUNDARIES_PATH` that cannot be used: a red error naming the path above a
page that keeps working on the committed BKG shapes."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from geo.paths import ROOT


@pytest.fixture(autouse=True)
def fresh_caches():
    """The app caches its boundaries per process; these tests change where they come from."""
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


def test_an_unusable_boundaries_path_is_an_error_and_the_page_still_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "grenzen.geojson"
    broken.write_text("{not json", encoding="utf-8")
    monkeypatch.setenv("KI_BOUNDARIES_PATH", str(broken))
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    errors = [e.value.replace("\\", "").replace("\u2060", "") for e in at.error]
    assert len(errors) == 1
    assert "Grenzdatei" in errors[0]
    assert "grenzen.geojson" in errors[0]
    assert "kein gültiges JSON (Zeile 1, Spalte 2" in errors[0]
    # The page went on: no outline-only warning, the KPIs and the map's tab are there.
    assert not at.warning
    assert {m.label for m in at.metric} >= {"Geöffnet", "Kreise/Städte mit KI"}


def test_without_any_variable_the_page_has_no_boundary_notice(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("KI_BOUNDARIES_PATH", raising=False)
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert not at.error
    assert not at.warning
    assert not at.info
