"""Eight browser sessions at once against one server: each steps its own slider and picks its own
start years for several rounds and must always see its own state (markers, highlight, URL),
never another session's. Per-update latency is recorded to `artifacts/load.json` (not judged)."""

from __future__ import annotations

import asyncio
import json
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from playwright.async_api import Page, async_playwright

from geo.model.playback import month_end, step_month
from geo.model.timeline import Timeline
from geo.paths import ROOT
from geo.sources.atomic import write_text_atomic
from tests.browser.sessions import (
    SessionLog,
    expect_state,
    launch_chromium_async,
    open_session,
    percentile,
    timed,
)

pytestmark = pytest.mark.browser

SESSIONS = 8
ROUNDS = 3
START_YEARS = (2012, 2013, 2014, 2016, 2017, 2018)


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
        await expect_state(page, timeline, day, years, log)
        slider = page.locator(".st-key-date_slider").get_by_role("slider")
        for round_ in range(ROUNDS):
            # A slider month shows its last day.
            day = month_end(step_month(months, day, direction))
            log.latencies.append(
                await timed(
                    page,
                    lambda: slider.press("ArrowRight" if direction > 0 else "ArrowLeft"),
                    lambda day=day, years=years: expect_state(page, timeline, day, years, log),
                )
            )
            year = START_YEARS[(index + round_) % len(START_YEARS)]
            years = tuple(sorted({*years, year}))
            pill = page.locator(".st-key-years").get_by_role("button", name=str(year), exact=True)
            log.latencies.append(
                await timed(
                    page,
                    pill.click,
                    lambda day=day, years=years: expect_state(page, timeline, day, years, log),
                )
            )
    finally:
        await page.context.close()
    return log


async def _run(url: str, timeline: Timeline, months: list[date]) -> list[SessionLog]:
    async with async_playwright() as playwright:
        browser = await launch_chromium_async(playwright)
        try:
            # Sessions connect one after another (eight cold loads at once exceed the load
            # timeout); then all of them work at the same time.
            pages = [
                await open_session(browser, url, _start_day(months, i)) for i in range(SESSIONS)
            ]
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
    p50, p95 = percentile(latencies, 0.5), percentile(latencies, 0.95)
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
