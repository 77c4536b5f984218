"""The time controls and the phone layout in Debian Chromium: the map within a phone's first
screen, one compact control row there, the desktop rows unchanged, play/pause icons drawn."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import STEP_TIMEOUT_MS, Dashboard

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}
# A Material Symbols ligature draws "play_arrow" as one glyph about 20 px wide; as plain text
# (the font missing) the word is far wider.
MAX_ICON_WIDTH = 40


def _open(browser: Browser, app_url: str, viewport: dict, query: str = "") -> Iterator[Dashboard]:
    context = browser.new_context(viewport=viewport)
    dashboard = Dashboard(context.new_page(), app_url)
    dashboard.open(query)
    yield dashboard
    context.close()


@pytest.fixture
def phone(app_url: str, browser: Browser) -> Iterator[Dashboard]:
    yield from _open(browser, app_url, PHONE)


@pytest.fixture
def desktop(app_url: str, browser: Browser) -> Iterator[Dashboard]:
    yield from _open(browser, app_url, DESKTOP)


def test_on_a_phone_the_map_starts_within_the_first_screen(phone) -> None:
    box = phone.map_element().bounding_box()
    assert box is not None
    assert box["y"] < PHONE["height"], box
    page = phone.page
    row = page.locator(".st-key-ki_phone_row")
    expect(row).to_be_visible()
    row_box = row.bounding_box()
    # One row: play, ◀, the month, ▶ side by side, right below the map.
    assert row_box["height"] < 80, row_box
    assert row_box["y"] > box["y"] + box["height"] - 1
    for key in ("phone_play", "phone_back", "phone_slider", "phone_forward"):
        expect(page.locator(f".st-key-{key}")).to_be_visible()
    expect(page.locator(".st-key-ki_desktop_play")).to_be_hidden()
    expect(page.locator(".st-key-ki_desktop_month")).to_be_hidden()
    expect(page.locator(".st-key-ki_desktop_date")).to_be_hidden()


def test_on_a_phone_the_other_controls_fold_into_an_expander(phone) -> None:
    page = phone.page
    more = page.locator(".st-key-phone_more")
    expect(more).to_contain_text("Stand: 31.10.2018")
    expect(page.locator(".st-key-phone_speed")).to_be_hidden()
    more.locator("summary").click()
    expect(page.locator(".st-key-phone_speed")).to_be_visible()
    expect(page.locator(".st-key-phone_years")).to_be_visible()


def test_the_phone_row_steps_the_month(phone, timeline) -> None:
    phone.mark_markers_stale()
    phone.page.locator(".st-key-phone_back").get_by_role("button", name="◀").click()
    phone.wait_for_url_date(date(2018, 9, 30))
    phone.wait_for_counts(timeline.snapshot(date(2018, 9, 30)).counts)
    slider = phone.page.locator(".st-key-phone_slider").get_by_role("slider")
    expect(slider).to_have_attribute("aria-valuetext", "09/2018")


def test_the_desktop_keeps_its_rows_above_the_map(desktop) -> None:
    page = desktop.page
    expect(page.locator(".st-key-ki_phone_controls")).to_be_hidden()
    tops = [
        page.locator(f".st-key-ki_desktop_{row}").bounding_box()["y"]
        for row in ("play", "month", "date")
    ]
    map_top = desktop.map_element().bounding_box()["y"]
    assert tops == sorted(tops)
    assert tops[-1] < map_top
    expect(desktop.date_slider()).to_have_attribute("aria-valuetext", "10/2018")
    expect(page.get_by_text("Stand: 31.10.2018", exact=True)).to_be_visible()


@pytest.mark.parametrize(("viewport", "key"), [(DESKTOP, "play_button"), (PHONE, "phone_play")])
def test_play_and_pause_draw_material_icons(app_url, browser, viewport, key) -> None:
    # Far from the last month, so playing goes on until paused.
    dashboard = next(_open(browser, app_url, viewport, "?date=2013-01-31"))
    button = dashboard.page.locator(f".st-key-{key}").get_by_role("button")
    icon = button.locator('[data-testid="stIconMaterial"]')
    expect(icon).to_have_text("play_arrow")
    assert icon.bounding_box()["width"] < MAX_ICON_WIDTH
    family = icon.evaluate("(el) => getComputedStyle(el).fontFamily")
    assert "Material Symbols" in family
    assert dashboard.page.evaluate(f"() => document.fonts.check('20px {family}', 'play_arrow')")
    button.click()
    expect(icon).to_have_text("pause", timeout=STEP_TIMEOUT_MS)
    assert icon.bounding_box()["width"] < MAX_ICON_WIDTH
    dashboard.wait_for_url_date_from(date(2013, 2, 28))
    button.click()
    expect(icon).to_have_text("play_arrow", timeout=STEP_TIMEOUT_MS)
    dashboard.page.context.close()
