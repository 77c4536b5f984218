"""Async helpers for browser tests with many sessions at once (load and replica tests): open a
session at a day, wait until it shows a day and start years, time an update."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from datetime import date

from playwright.async_api import Browser, Frame, Page, Playwright
from playwright.async_api import TimeoutError as PlaywrightTimeoutError

from geo.model.timeline import Timeline
from tests.browser.chromium import INSTALL_HINT, chromium_executable
from tests.browser.conftest import CHROMIUM_ARGS, LOAD_TIMEOUT_MS, MAP_FRAME, VIEWPORT
from ui.below_map import PENDING_KEY

# Under eight sessions one update may queue behind the others' reruns.
UPDATE_TIMEOUT_MS = 45_000
# Checks poll on a timer: a page behind the others may get no animation frames to poll on.
POLL_MS = 100
# True once the map shows `day` (the marker layer's own signal) with exactly these markers.
SHOWS_JS = """([day, want, highlighted]) => {
    if (!window.kiSites || window.kiSites.day !== day) return false;
    const paths = [...document.querySelectorAll("path.ki-marker")];
    const n = (cls) => paths.filter((p) => p.classList.contains(cls)).length;
    return n("ki-open") === want.open && n("ki-uncertain") === want.uncertain
        && n("ki-approved") === want.approved && paths.length === want.total
        && n("ki-highlight") === highlighted;
}"""
# What the map shows, for a message when it is not what was wanted.
SHOWN_JS = """() => ({
    map: !!window.map, leaflet: !!window.L, sites: window.kiSites || null,
    markers: document.querySelectorAll("path.ki-marker").length,
    open: document.querySelectorAll("path.ki-marker.ki-open").length,
    uncertain: document.querySelectorAll("path.ki-marker.ki-uncertain").length,
    approved: document.querySelectorAll("path.ki-marker.ki-approved").length,
    highlighted: document.querySelectorAll("path.ki-marker.ki-highlight").length,
    size: [innerWidth, innerHeight],
})"""
URL_JS = """([day, years]) => {
    const q = new URLSearchParams(location.search);
    return q.get("date") === day && (q.get("year") || "") === years;
}"""


@dataclass
class SessionLog:
    """What one session did: its updates' latencies (ms) and the states it checked."""

    index: int
    latencies: list[float] = field(default_factory=list)
    checked: list[dict] = field(default_factory=list)


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (`share` in 0..1)."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(share * len(ordered))) - 1]


async def map_frame(page: Page) -> Frame:
    handle = await page.locator(MAP_FRAME).element_handle()
    frame = await handle.content_frame()
    assert frame is not None
    return frame


async def expect_state(
    page: Page, timeline: Timeline, day: date, years: tuple[int, ...], log: SessionLog
) -> None:
    """Wait until this page shows `day` with `years` highlighted (URL, markers, highlight)."""
    query_years = ",".join(str(y) for y in sorted(years))
    await page.wait_for_function(
        URL_JS, arg=[day.isoformat(), query_years], timeout=UPDATE_TIMEOUT_MS, polling=POLL_MS
    )
    snapshot = timeline.snapshot(day)
    counts = {k: snapshot.counts[k] for k in ("open", "uncertain", "approved", "total")}
    highlighted = len(set(timeline.started_in(years)) & set(snapshot.states)) if years else 0
    frame = await map_frame(page)
    try:
        await frame.wait_for_function(
            SHOWS_JS,
            arg=[day.isoformat(), counts, highlighted],
            timeout=UPDATE_TIMEOUT_MS,
            polling=POLL_MS,
        )
    except PlaywrightTimeoutError:
        shown = await frame.evaluate(SHOWN_JS)
        raise AssertionError(
            f"session {log.index}: wanted {day.isoformat()} {counts} with {highlighted}"
            f" highlighted; the map shows {shown}"
        ) from None
    slider_text = (
        await page.locator(".st-key-date_slider")
        .get_by_role("slider")
        .get_attribute("aria-valuetext")
    )
    assert slider_text == day.strftime("%m/%Y"), f"session {log.index}: slider {slider_text}"
    log.checked.append({"day": day.isoformat(), "years": list(years), **counts})


async def timed(page: Page, action, expect) -> float:
    """Run `action`, wait for `expect`; the milliseconds it took."""
    started = time.perf_counter()
    await action()
    await expect()
    return (time.perf_counter() - started) * 1000


async def below_map_shown(page: Page) -> None:
    """The chart and table below the map are there: the rerun the map's first draw asks for is
    done (see `ui.below_map`); the async twin of `conftest.wait_for_below_map(drawn=True)`."""
    await page.locator(f".st-key-{PENDING_KEY}").wait_for(state="detached", timeout=LOAD_TIMEOUT_MS)
    await page.get_by_test_id("stVegaLiteChart").first.wait_for(timeout=LOAD_TIMEOUT_MS)
    await page.get_by_test_id("stDataFrame").first.wait_for(timeout=LOAD_TIMEOUT_MS)


async def open_session(browser, url: str, day: date) -> Page:
    """A new context's page showing the dashboard at `day`, with its first page complete (map,
    chart and table), so what is timed next is a step, not the rest of the load."""
    context = await browser.new_context(viewport=VIEWPORT)
    page = await context.new_page()
    await page.goto(f"{url}/?date={day.isoformat()}")
    await (
        page.frame_locator(MAP_FRAME)
        .locator("path.ki-marker")
        .first.wait_for(timeout=LOAD_TIMEOUT_MS)
    )
    await below_map_shown(page)
    return page


async def launch_chromium_async(playwright: Playwright) -> Browser:
    """Headless Chromium for async tests (Debian's, else Playwright's); missing is an error."""
    executable = chromium_executable(playwright.chromium)
    assert executable is not None, INSTALL_HINT
    return await playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
