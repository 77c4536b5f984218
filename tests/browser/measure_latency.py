"""Measure the dashboard's latency in headless Chromium: cold load and one slider step.

Run `.venv/bin/python tests/browser/measure_latency.py`; it starts the app as the browser tests
do, prints a table and writes `artifacts/latency.json`. A script, not a test: numbers, no verdict.
A load or step that times out is a value in the table ("> 15 s"), never a traceback.
"""

from __future__ import annotations

import sys
import time
from contextlib import ExitStack
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, sync_playwright  # noqa: E402
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError  # noqa: E402

from geo.model.playback import month_end, step_month  # noqa: E402
from geo.model.timeline import Timeline  # noqa: E402
from geo.paths import CENTRES_CSV  # noqa: E402
from geo.sources.centres import load_centres  # noqa: E402
from tests.bench.runner import Bench, one_line, run_parts  # noqa: E402
from tests.browser.conftest import (  # noqa: E402
    LOAD_TIMEOUT_MS,
    STEP_TIMEOUT_MS,
    VIEWPORT,
    Dashboard,
    launch_chromium,
    serve_app,
    slider_months,
    wait_for_below_map,
)

COLD_RUNS = 5
STEPS = 20
# Stepping forward from here changes the map on every step (2013 is the busiest year).
STEP_START = date(2013, 1, 1)


def measure_cold_loads(browser: Browser, url: str, runs: int) -> list[float | None]:
    """Milliseconds from navigation start to the first visible marker, each in a fresh context
    (None for a load that took over `LOAD_TIMEOUT_MS`); each load then waits for the chart and
    table below the map, so the next one starts on a quiet server."""
    timings: list[float | None] = []
    for _ in range(runs):
        context = browser.new_context(viewport=VIEWPORT)
        dashboard = Dashboard(context.new_page(), url)
        started = time.perf_counter()
        try:
            dashboard.load()
            timings.append((time.perf_counter() - started) * 1000)
            wait_for_below_map(dashboard.page)
        except PlaywrightTimeoutError:
            timings.append(None)
        finally:
            context.close()
    return timings


def measure_steps(
    browser: Browser, url: str, timeline: Timeline, steps: int, into: list | None = None
) -> list[float | None]:
    """Milliseconds from an ArrowRight on the slider until the map shows the new month's markers,
    appended to `into` as they are measured; None for a step that took over `STEP_TIMEOUT_MS`
    (the page is then reloaded at the month it should show, and stepping goes on)."""
    timings: list[float | None] = [] if into is None else into
    months = slider_months(timeline)
    context = browser.new_context(viewport=VIEWPORT)
    dashboard = Dashboard(context.new_page(), url)
    month = STEP_START

    def reopen(day: date) -> None:
        dashboard.open(f"?date={day.isoformat()}")
        dashboard.wait_for_counts(timeline.snapshot(day).counts, timeout=LOAD_TIMEOUT_MS)

    try:
        reopen(month)
        for _ in range(steps):
            month = step_month(months, month, 1)
            dashboard.mark_markers_stale()
            started = time.perf_counter()
            dashboard.date_slider().press("ArrowRight")
            try:
                dashboard.wait_for_counts(timeline.snapshot(month_end(month)).counts)
            except PlaywrightTimeoutError:
                timings.append(None)
                reopen(month)
                continue
            timings.append((time.perf_counter() - started) * 1000)
            try:
                dashboard.wait_for_url_date(month_end(month))
            except PlaywrightTimeoutError:
                reopen(month)
    finally:
        context.close()
    return timings


def main() -> int:
    """Start the app, measure, print a table and write `artifacts/latency.json`."""
    timeline = Timeline(load_centres(CENTRES_CSV))
    stack = ExitStack()
    try:
        opened: dict = {}

        def start(bench: Bench) -> None:
            opened["url"] = stack.enter_context(serve_app())
            playwright = stack.enter_context(sync_playwright())
            opened["browser"] = launch_chromium(playwright)
            stack.callback(opened["browser"].close)

        def running() -> tuple[Browser, str]:
            if "browser" not in opened:
                raise RuntimeError("no server or browser (their start failed)")
            return opened["browser"], opened["url"]

        def first(bench: Bench) -> None:
            # The very first load also fills the server's caches; later visitors find them warm.
            figure = bench.figure("first load after server start", limit=LOAD_TIMEOUT_MS)
            figure.values += measure_cold_loads(*running(), 1)

        def cold(bench: Bench) -> None:
            figure = bench.figure("cold load → first marker", limit=LOAD_TIMEOUT_MS)
            figure.values += measure_cold_loads(*running(), COLD_RUNS)

        def steps(bench: Bench) -> None:
            figure = bench.figure("slider step → markers updated", limit=STEP_TIMEOUT_MS)
            measure_steps(*running(), timeline, STEPS, into=figure.values)

        parts = [
            ("server and browser", start),
            ("first load", first),
            ("cold loads", cold),
            ("slider steps", steps),
        ]
        return run_parts(parts, output=ROOT / "artifacts" / "latency.json")
    finally:
        try:
            stack.close()
        except Exception as exc:  # noqa: BLE001 - the figures are out; a cleanup error is a line
            print(f"stopping the server or browser failed: {one_line(exc)}")


if __name__ == "__main__":
    sys.exit(main())
