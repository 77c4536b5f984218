"""A newcomer's first start: `git clone` of this repository into an empty folder, `streamlit run`
there with no `KI_*` variable, and the whole map in Chromium (54 centres, 53 Kreis polygons, the
BKG attribution, no error on the page). The clone takes the committed state (HEAD), as a user's
clone would; uncommitted changes are not in it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from geo.paths import ROOT
from tests.browser.conftest import (
    LOAD_TIMEOUT_MS,
    MAP_FRAME,
    VIEWPORT,
    run_streamlit,
    wait_for_below_map,
)

pytestmark = pytest.mark.browser

README_VIEWPORT = {"width": 1440, "height": 1000}

# Streamlit's error boxes (st.error), exceptions and warnings (st.warning).
ERROR_ELEMENTS = (
    '[data-testid="stException"], [data-testid="stAlertContentError"], '
    '[data-testid="stAlertContentWarning"]'
)


def test_a_fresh_clone_in_an_empty_folder_shows_the_whole_map(
    tmp_path: Path, browser: Browser
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(empty / "ki")], check=True)
    clone = empty / "ki"
    assert [p.name for p in empty.iterdir()] == ["ki"]
    env = {key: value for key, value in os.environ.items() if not key.startswith("KI_")}

    with run_streamlit(clone / "app.py", env=env, cwd=clone) as url:
        context = browser.new_context(viewport=VIEWPORT)
        page = context.new_page()
        page.goto(url + "/")
        content = page.frame_locator(MAP_FRAME)
        content.locator("path.ki-marker").first.wait_for(timeout=LOAD_TIMEOUT_MS)
        frame = page.locator(MAP_FRAME).element_handle().content_frame()
        frame.wait_for_function(
            "() => document.querySelectorAll('path.ki-kreis').length === 53",
            timeout=LOAD_TIMEOUT_MS,
        )
        assert frame.locator("path.ki-marker").count() == 54
        assert frame.locator("path.ki-kreis").count() == 53
        assert "© GeoBasis-DE / BKG 2021 (Daten verändert)" in frame.locator("body").inner_text()
        assert page.locator(ERROR_ELEMENTS).count() == 0
        # The README's screenshot (docs/screenshot.png is a copy): 25.04.2014, 40 open, 5 uncertain.
        page.set_viewport_size(README_VIEWPORT)
        page.goto(url + "/?date=2014-04-25")
        # Asked through the page, not a frame handle: the iframe in the DOM is whichever is current.
        page.wait_for_function(
            "(selector) => { const f = document.querySelector(selector);"
            " const sites = f && f.contentWindow && f.contentWindow.kiSites;"
            " return !!sites && sites.day === '2014-04-25'; }",
            arg=MAP_FRAME,
            timeout=LOAD_TIMEOUT_MS,
        )
        wait_for_below_map(page)
        page.locator(MAP_FRAME).scroll_into_view_if_needed()
        page.screenshot(path=str(_artifact("screenshot.png")))
        context.close()
    # What the app wrote at start stays inside the clone.
    assert [p.name for p in empty.iterdir()] == ["ki"]


def _artifact(name: str) -> Path:
    target = ROOT / "artifacts" / name
    target.parent.mkdir(exist_ok=True)
    return target
