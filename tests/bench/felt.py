"""The timings a user feels, each on a fresh `streamlit run` server beside the trivial floor app.

Cold start (server process start → server ready → first centre marker → the chart and table
below the map, which wait for the first map), a keyboard step on the
month slider (ArrowRight → the new month's markers drawn) and the GIF through the Export tab
(button → its download button). The floor (`floor_app.py`) does the same with one slider, one
line of text and a button offering a tiny file, so each figure stands beside what Streamlit
alone costs on this machine. A repeat that exceeds its limit is recorded as timed out (None).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from geo import keys
from geo.i18n import t
from geo.model.playback import month_end, step_month
from geo.model.timeline import Timeline
from geo.paths import ROOT
from tests.bench.runner import Bench, Figure
from tests.bench.servers import LIMIT_MS, AppRaised, chromium, fresh_server, ms_since
from tests.browser.conftest import (
    MAP_FRAME,
    VIEWPORT,
    serve_app,
    slider_months,
    wait_for_below_map,
)

BENCH = Path(__file__).resolve().parent
FLOOR_APP = BENCH / "floor_app.py"
LANG = "de"
# A cold start or a step longer than `LIMIT_MS` counts as timed out; the GIF gets longer.
GIF_LIMIT_MS = 60_000.0
COLD_RUNS = 3
KEY_STEPS = 15
GIF_RUNS = 3
# Stepping forward from here changes the map on every step (2013 is the busiest year).
STEP_START = date(2013, 1, 1)
# The floor's slider starts at its first option and writes the chosen day as `code`.
FLOOR_START = date(2012, 1, 1)
# The floor's keyboard step, which the warm-server step in `run_bench.py` is also set beside.
FLOOR_STEP = "keyboard step → new text (floor)"
TARGETS = {"cold_start_ms": 3000.0, "step_ms": 250.0, "gif_ms": 5000.0}

# The new day's markers are on screen: the layer's own signal says so, every path was drawn
# after `_MARK_STALE_JS` and the counts by class are exactly the snapshot's.
_STEP_DONE_JS = """(want) => {
    if (!window.kiSites || window.kiSites.day !== want.day) return false;
    const paths = [...document.querySelectorAll("path.ki-marker")];
    if (paths.length !== want.total || paths.some((p) => p.__kiStale)) return false;
    const n = (cls) => paths.filter((p) => p.classList.contains(cls)).length;
    return n("ki-open") === want.open && n("ki-uncertain") === want.uncertain
        && n("ki-approved") === want.approved;
}"""
_MARK_STALE_JS = "() => document.querySelectorAll('path.ki-marker').forEach((p) => p.__kiStale = 1)"
_URL_DAY_JS = "(d) => new URLSearchParams(location.search).get('date') === d"
_FLOOR_DAY_JS = """(day) => [...document.querySelectorAll('[data-testid="stMarkdown"] code')]
    .some((c) => c.textContent === day)"""


def _first_marker(page: Page, timeout_ms: float) -> None:
    """Wait for the first centre marker in the map iframe; an exception shown by the app ends
    the wait at once (a broken app is a failed part, not thirty seconds of timeout)."""
    marker = page.frame_locator(MAP_FRAME).locator("path.ki-marker").first
    raised = page.get_by_test_id("stException")
    deadline = time.perf_counter() + timeout_ms / 1000
    while True:
        if raised.count():
            text = " ".join(raised.first.inner_text().split())
            raise AppRaised(f"the app raised: {text[:200]}")
        left = (deadline - time.perf_counter()) * 1000
        try:
            marker.wait_for(timeout=max(1.0, min(250.0, left)))
            return
        except PlaywrightTimeoutError:
            if left <= 250:
                raise


def _floor_day(page: Page, day: date, timeout_ms: float) -> None:
    page.wait_for_function(_FLOOR_DAY_JS, arg=day.isoformat(), timeout=timeout_ms)


@dataclass
class Target:
    """What is served and how its first content is recognised: the app's first centre marker,
    or the floor's first line of text."""

    name: str
    script: Path
    shown: Callable[[Page, float], None]

    @contextmanager
    def served(self) -> Iterator[str]:
        with serve_app(script=self.script) as url:
            yield url


APP = Target("app", ROOT / "app.py", _first_marker)
FLOOR = Target("floor", FLOOR_APP, lambda page, ms: _floor_day(page, FLOOR_START, ms))


def cold_start(browser: Browser, target: Target) -> tuple[float | None, float | None, float | None]:
    """Milliseconds from starting a fresh server to its health check answering, to the first
    content in a new browser context and, for the app, to the chart and table below the map
    (None when that took over `LIMIT_MS`, or for the floor, which has none)."""
    started = time.perf_counter()
    with fresh_server(target.script) as (url, ready):
        if ready is None:
            return None, None, None
        context = browser.new_context(viewport=VIEWPORT)
        first = None
        try:
            page = context.new_page()
            page.goto(url + "/", timeout=max(1.0, LIMIT_MS - ms_since(started)))
            target.shown(page, max(1.0, LIMIT_MS - ms_since(started)))
            first = ms_since(started)
            if target is not APP:
                return ready, first, None
            wait_for_below_map(page, max(1.0, LIMIT_MS - ms_since(started)), drawn=True)
            return ready, first, ms_since(started)
        except PlaywrightTimeoutError:
            return ready, first, None
        finally:
            context.close()


def cold_start_part(target: Target, floors: dict[str, Figure]):
    """A part: `COLD_RUNS` cold starts of `target`, each on its own fresh server. The floor's
    figures go into `floors` for the app's ratio column."""

    def part(bench: Bench) -> None:
        is_app = target is APP
        ready = bench.figure(
            f"cold start: server ready ({target.name})",
            limit=LIMIT_MS,
            floor=floors.get("ready") if is_app else None,
        )
        first = bench.figure(
            f"cold start: first {'marker' if is_app else 'text'} ({target.name})",
            limit=LIMIT_MS,
            floor=floors.get("first") if is_app else None,
            target=TARGETS["cold_start_ms"] if is_app else None,
        )
        below = (
            bench.figure("cold start: chart and table (app)", limit=LIMIT_MS) if is_app else None
        )
        if not is_app:
            floors["ready"], floors["first"] = ready, first
        with chromium() as browser:
            for _ in range(COLD_RUNS):
                ready_ms, first_ms, below_ms = cold_start(browser, target)
                ready.values.append(ready_ms)
                first.values.append(first_ms)
                if below is not None:
                    below.values.append(below_ms)

    return part


def key_steps_app(browser: Browser, url: str, timeline: Timeline, times: list) -> None:
    """Focus the month slider and press ArrowRight `KEY_STEPS` times from `STEP_START`; per step
    the milliseconds until the map shows the new month's markers (None after `LIMIT_MS`)."""
    months = slider_months(timeline)
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    month = STEP_START

    def settle(day: date) -> None:
        page.goto(f"{url}/?date={day.isoformat()}", timeout=LIMIT_MS)
        _map(page).wait_for_function(_STEP_DONE_JS, arg=_want(timeline, day), timeout=LIMIT_MS)
        wait_for_below_map(page, LIMIT_MS, drawn=True)

    try:
        settle(month)
        slider = page.locator(".st-key-date_slider").get_by_role("slider")
        slider.focus()
        for _ in range(KEY_STEPS):
            month = step_month(months, month, 1)
            day = month_end(month)  # what the slider's month shows
            _map(page).evaluate(_MARK_STALE_JS)
            started = time.perf_counter()
            slider.press("ArrowRight")
            try:
                _map(page).wait_for_function(
                    _STEP_DONE_JS, arg=_want(timeline, day), timeout=LIMIT_MS
                )
            except PlaywrightTimeoutError:
                times.append(None)
                settle(day)
                continue
            times.append(ms_since(started))
            # The next press starts from a finished rerun (the app writes the URL on each).
            try:
                page.wait_for_function(_URL_DAY_JS, arg=day.isoformat(), timeout=LIMIT_MS)
            except PlaywrightTimeoutError:
                settle(day)
    finally:
        context.close()


def key_steps_floor(browser: Browser, url: str, times: list) -> None:
    """The floor's slider: ArrowRight until the written day is the next month's."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    try:
        page.goto(url + "/", timeout=LIMIT_MS)
        _floor_day(page, FLOOR_START, LIMIT_MS)
        slider = page.locator(".st-key-date_slider").get_by_role("slider")
        slider.focus()
        day = FLOOR_START
        for _ in range(KEY_STEPS):
            day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
            started = time.perf_counter()
            slider.press("ArrowRight")
            try:
                _floor_day(page, day, LIMIT_MS)
                times.append(ms_since(started))
            except PlaywrightTimeoutError:
                times.append(None)
    finally:
        context.close()


def key_step_part(target: Target, timeline: Timeline, floors: dict[str, Figure]):
    """A part: keyboard steps on a fresh server of `target`."""

    def part(bench: Bench) -> None:
        figure = bench.figure(
            "keyboard step → new markers (app)" if target is APP else FLOOR_STEP,
            limit=LIMIT_MS,
            floor=floors.get("step") if target is APP else None,
            target=TARGETS["step_ms"] if target is APP else None,
        )
        if target is FLOOR:
            floors["step"] = figure
        with chromium() as browser, target.served() as url:
            if target is APP:
                key_steps_app(browser, url, timeline, figure.values)
            else:
                key_steps_floor(browser, url, figure.values)

    return part


def gif_end_to_end(browser: Browser, target: Target) -> tuple[float | None, float | None]:
    """On a fresh server: the Export tab opened until its GIF button shows (the app only), then
    the GIF button clicked until the GIF's download button shows (None after the limit)."""
    with target.served() as url:
        context = browser.new_context(viewport=VIEWPORT)
        try:
            page = context.new_page()
            make = page.get_by_role("button", name=t("app_export_make_gif", LANG), exact=True)
            tab_ms = None
            if target is APP:
                page.goto(url + "/", timeout=LIMIT_MS)
                _first_marker(page, LIMIT_MS)
                wait_for_below_map(page, LIMIT_MS, drawn=True)
                started = time.perf_counter()
                page.get_by_role("tab", name=t("tab_export", LANG), exact=True).click()
                try:
                    make.wait_for(timeout=LIMIT_MS)
                except PlaywrightTimeoutError:
                    return None, None
                tab_ms = ms_since(started)
            else:
                page.goto(url + "/?part=export", timeout=LIMIT_MS)
                make.wait_for(timeout=LIMIT_MS)
            download = page.locator(f".st-key-{keys.DOWNLOAD_PREFIX}gif").get_by_role("button")
            error = page.get_by_test_id("stAlertContentError")
            started = time.perf_counter()
            make.click()
            try:
                download.or_(error).first.wait_for(timeout=GIF_LIMIT_MS)
            except PlaywrightTimeoutError:
                return tab_ms, None
            gif_ms = ms_since(started)
            if not download.count():
                raise RuntimeError(f"the app showed an error: {error.first.inner_text()}")
            return tab_ms, gif_ms
        finally:
            context.close()


def gif_part(target: Target, floors: dict[str, Figure]):
    """A part: `GIF_RUNS` GIFs, each on a fresh server of `target`."""

    def part(bench: Bench) -> None:
        tab = None
        if target is APP:
            tab = bench.figure("Export tab → GIF button shown (app)", limit=LIMIT_MS)
        gif = bench.figure(
            f"GIF button → download button ({target.name})",
            limit=GIF_LIMIT_MS,
            floor=floors.get("gif") if target is APP else None,
            target=TARGETS["gif_ms"] if target is APP else None,
        )
        if target is FLOOR:
            floors["gif"] = gif
        with chromium() as browser:
            for _ in range(GIF_RUNS):
                tab_ms, gif_ms = gif_end_to_end(browser, target)
                if tab is not None:
                    tab.values.append(tab_ms)
                gif.values.append(gif_ms)

    return part


def felt_parts(timeline: Timeline) -> list[tuple[str, Callable[[Bench], None]]]:
    """The felt figures as bench parts, each floor measured just before the app's."""
    floors: dict[str, Figure] = {}
    return [
        ("cold start: floor", cold_start_part(FLOOR, floors)),
        ("cold start: app", cold_start_part(APP, floors)),
        ("keyboard step: floor", key_step_part(FLOOR, timeline, floors)),
        ("keyboard step: app", key_step_part(APP, timeline, floors)),
        ("GIF end to end: floor", gif_part(FLOOR, floors)),
        ("GIF end to end: app", gif_part(APP, floors)),
    ]


def _map(page: Page):
    """The map iframe's frame (looked up afresh: streamlit-folium may re-create it)."""
    handle = page.locator(MAP_FRAME).last.element_handle(timeout=LIMIT_MS)
    frame = handle.content_frame() if handle else None
    if frame is None:
        raise RuntimeError("the map iframe has no content frame")
    return frame


def _want(timeline: Timeline, day: date) -> dict[str, object]:
    counts = timeline.snapshot(day).counts
    want = {key: counts[key] for key in ("open", "uncertain", "approved", "total")}
    return {**want, "day": day.isoformat()}
