"""Eight browser sessions at once against one server: each steps its own slider and picks its own
start years for several rounds and must always see its own state (markers, highlight, URL),
never another session's. Per-update latency is recorded to `artifacts/load.json` (not judged)."""

from __future__ import annotations

import asyncio
import json
import math
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date

import pytest
from playwright.async_api import Frame, Page, async_playwright

from geo.atomic import write_text_atomic
from geo.paths import ROOT
from geo.playback import step_month
from geo.timeline import Timeline
from tests.browser.conftest import (
    CHROMIUM,
    CHROMIUM_ARGS,
    LOAD_TIMEOUT_MS,
    MAP_FRAME,
    VIEWPORT,
)

pytestmark = pytest.mark.browser

SESSIONS = 8
ROUNDS = 3
# Under eight sessions one update may queue behind the others' reruns.
UPDATE_TIMEOUT_MS = 45_000
START_YEARS = (2012, 2013, 2014, 2016, 2017, 2018)

# True once the map shows `day` (the marker layer's own signal) with exactly these markers.
_SHOWS_JS = """([day, want, highlighted]) => {
    if (!window.kiSites || window.kiSites.day !== day) return false;
    const paths = [...document.querySelectorAll("path.ki-marker")];
    const n = (cls) => paths.filter((p) => p.classList.contains(cls)).length;
    return n("ki-open") === want.open && n("ki-uncertain") === want.uncertain
        && n("ki-approved") === want.approved && paths.length === want.total
        && n("ki-highlight") === highlighted;
}"""
_URL_JS = """([day, years]) => {
    const q = new URLSearchParams(location.search);
    return q.get("date") === day && (q.get("year") || "") === years;
}"""


@dataclass
class SessionLog:
    """What one session did: its updates' latencies (ms) and the states it checked."""

    index: int
    latencies: list[float] = field(default_factory=list)
    checked: list[dict] = field(default_factory=list)


def _percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (`share` in 0..1)."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(share * len(ordered))) - 1]


async def _map_frame(page: Page) -> Frame:
    handle = await page.locator(MAP_FRAME).element_handle()
    frame = await handle.content_frame()
    assert frame is not None
    return frame


async def _expect_state(
    page: Page, timeline: Timeline, day: date, years: tuple[int, ...], log: SessionLog
) -> None:
    """Wait until this page shows `day` with `years` highlighted (URL, markers, highlight)."""
    query_years = ",".join(str(y) for y in sorted(years))
    await page.wait_for_function(
        _URL_JS, arg=[day.isoformat(), query_years], timeout=UPDATE_TIMEOUT_MS
    )
    snapshot = timeline.snapshot(day)
    counts = {k: snapshot.counts[k] for k in ("open", "uncertain", "approved", "total")}
    highlighted = len(set(timeline.started_in(years)) & set(snapshot.states)) if years else 0
    frame = await _map_frame(page)
    await frame.wait_for_function(
        _SHOWS_JS, arg=[day.isoformat(), counts, highlighted], timeout=UPDATE_TIMEOUT_MS
    )
    slider_text = (
        await page.locator(".st-key-date_slider")
        .get_by_role("slider")
        .get_attribute("aria-valuetext")
    )
    assert slider_text == day.strftime("%m/%Y"), f"session {log.index}: slider {slider_text}"
    log.checked.append({"day": day.isoformat(), "years": list(years), **counts})


async def _timed(page: Page, action, expect) -> float:
    """Run `action`, wait for `expect`; the milliseconds it took."""
    started = time.perf_counter()
    await action()
    await expect()
    return (time.perf_counter() - started) * 1000


async def _open(browser, url: str, day: date) -> Page:
    """A new context's page showing the dashboard at `day`."""
    context = await browser.new_context(viewport=VIEWPORT)
    page = await context.new_page()
    await page.goto(f"{url}/?date={day.isoformat()}")
    await (
        page.frame_locator(MAP_FRAME)
        .locator("path.ki-marker")
        .first.wait_for(timeout=LOAD_TIMEOUT_MS)
    )
    return page


def _start_day(months: list[date], index: int) -> date:
    """Distinct start months, 7 apart, from 09/2013 (before that there are no markers to wait
    for)."""
    return months[20 + 7 * index]


async def _session(page: Page, timeline: Timeline, months: list[date], index: int) -> SessionLog:
    log = SessionLog(index)
    try:
        day = _start_day(months, index)
        # Even sessions step forward, odd ones back.
        direction = 1 if index % 2 == 0 else -1
        years: tuple[int, ...] = ()
        await _expect_state(page, timeline, day, years, log)
        slider = page.locator(".st-key-date_slider").get_by_role("slider")
        for round_ in range(ROUNDS):
            day = step_month(months, day, direction)
            log.latencies.append(
                await _timed(
                    page,
                    lambda: slider.press("ArrowRight" if direction > 0 else "ArrowLeft"),
                    lambda day=day, years=years: _expect_state(page, timeline, day, years, log),
                )
            )
            year = START_YEARS[(index + round_) % len(START_YEARS)]
            years = tuple(sorted({*years, year}))
            pill = page.locator(".st-key-years").get_by_role("button", name=str(year), exact=True)
            log.latencies.append(
                await _timed(
                    page,
                    pill.click,
                    lambda day=day, years=years: _expect_state(page, timeline, day, years, log),
                )
            )
    finally:
        await page.context.close()
    return log


async def _run(url: str, timeline: Timeline, months: list[date]) -> list[SessionLog]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            # Sessions connect one after another (eight cold loads at once exceed the load
            # timeout); then all of them work at the same time.
            pages = [await _open(browser, url, _start_day(months, i)) for i in range(SESSIONS)]
            return await asyncio.gather(
                *(_session(page, timeline, months, i) for i, page in enumerate(pages))
            )
        finally:
            await browser.close()


def _in_thread(url: str, timeline: Timeline, months: list[date]) -> list[SessionLog]:
    """Run the async sessions on their own thread (the sync fixtures own this thread's loop);
    an error in a session is raised here."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, _run(url, timeline, months)).result()


def test_eight_concurrent_sessions_each_see_their_own_state(app_url, timeline, months) -> None:
    assert set(START_YEARS) <= {w.certain_year for w in timeline.windows.values()}
    started = time.perf_counter()
    logs = _in_thread(app_url, timeline, months)
    wall = time.perf_counter() - started

    assert [log.index for log in logs] == list(range(SESSIONS))
    for log in logs:
        assert len(log.checked) == 1 + 2 * ROUNDS
        assert len(log.latencies) == 2 * ROUNDS
    # The sessions really were in different states at the same time.
    finals = {(log.checked[-1]["day"], tuple(log.checked[-1]["years"])) for log in logs}
    assert len(finals) == SESSIONS

    latencies = [ms for log in logs for ms in log.latencies]
    p50, p95 = _percentile(latencies, 0.5), _percentile(latencies, 0.95)
    print(f"\n{SESSIONS} sessions, {len(latencies)} updates: p50 {p50:.0f} ms, p95 {p95:.0f} ms")
    target = ROOT / "artifacts" / "load.json"
    target.parent.mkdir(exist_ok=True)
    result = {
        "sessions": SESSIONS,
        "rounds": ROUNDS,
        "updates": len(latencies),
        "update_ms": {"p50": p50, "p95": p95, "max": max(latencies)},
        "wall_s": wall,
        "per_session_ms": {str(log.index): log.latencies for log in logs},
    }
    write_text_atomic(target, json.dumps(result, indent=2) + "\n")
