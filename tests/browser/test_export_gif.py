"""The GIF export end to end in headless Chromium: open the Export tab, click "GIF erzeugen",
wait for the download button, download the file; timed from the click to the button."""

from __future__ import annotations

import statistics
import time

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import LOAD_TIMEOUT_MS, VIEWPORT

pytestmark = pytest.mark.browser

# Issue 14.8: the GIF within 5 s end to end on the 2-core machine (median of three sessions).
GIF_SECONDS = 5.0
SESSIONS = 3


def _make_gif(browser, app_url: str, query: str, tmp_path, name: str) -> tuple[float, Image.Image]:
    """One fresh session: open the Export tab, time click → download button, download the GIF."""
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(app_url + "/" + query)
        page.get_by_role("tab", name="Export").click()
        make = page.get_by_role("button", name="GIF erzeugen", exact=True)
        make.wait_for(timeout=LOAD_TIMEOUT_MS)
        download = page.get_by_role("button", name="GIF herunterladen")
        started = time.perf_counter()
        make.click()
        expect(download).to_be_visible(timeout=LOAD_TIMEOUT_MS)
        seconds = time.perf_counter() - started
        with page.expect_download(timeout=LOAD_TIMEOUT_MS) as info:
            download.click()
        path = tmp_path / name
        info.value.save_as(path)
        assert info.value.suggested_filename == "ki-atlas-nrw_animation.gif"
        return seconds, Image.open(path)
    finally:
        context.close()


def test_gif_is_made_and_downloaded_within_five_seconds(browser, app_url, months, tmp_path):
    timings = []
    for index in range(SESSIONS):
        seconds, gif = _make_gif(browser, app_url, "", tmp_path, f"animation-{index}.gif")
        timings.append(seconds)
        assert gif.format == "GIF"
        assert gif.n_frames == len(months)
    median = statistics.median(timings)
    print(f"GIF click → download button: {', '.join(f'{s:.2f}' for s in timings)} s")
    print(f"median {median:.2f} s for {len(months)} frames")
    assert median <= GIF_SECONDS


def test_gif_of_a_highlight_dims_the_other_centres(browser, app_url, tmp_path) -> None:
    """With ?year=2016 the GIF says so in its legend line and differs from the plain GIF."""
    _, plain = _make_gif(browser, app_url, "", tmp_path, "plain.gif")
    _, chosen = _make_gif(browser, app_url, "?year=2016", tmp_path, "chosen.gif")
    plain.seek(plain.n_frames - 1)
    chosen.seek(chosen.n_frames - 1)
    assert plain.convert("RGB").tobytes() != chosen.convert("RGB").tobytes()
