"""Measure the dashboard's latency in headless Chromium: cold load and one slider step.

Run `.venv/bin/python tests/browser/measure_latency.py`; it starts the app as the browser tests
do, prints a table and writes `artifacts/latency.json`. A script, not a test: numbers, no verdict.
"""

from __future__ import annotations

import json
import math
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, sync_playwright  # noqa: E402

from geo.model.playback import step_month  # noqa: E402
from geo.model.timeline import Timeline  # noqa: E402
from geo.paths import CENTRES_CSV  # noqa: E402
from geo.sources.atomic import write_text_atomic  # noqa: E402
from geo.sources.centres import load_centres  # noqa: E402
from tests.browser.conftest import (  # noqa: E402
    VIEWPORT,
    Dashboard,
    launch_chromium,
    serve_app,
    slider_months,
)

COLD_RUNS = 5
STEPS = 20
# Stepping forward from here changes the map on every step (2013 is the busiest year).
STEP_START = date(2013, 1, 1)


def _percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (`share` in 0..1) of `values`."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(share * len(ordered))) - 1]


def measure_cold_loads(browser: Browser, url: str, runs: int) -> list[float]:
    """Milliseconds from navigation start to the first visible marker, each in a fresh context."""
    timings = []
    for _ in range(runs):
        context = browser.new_context(viewport=VIEWPORT)
        dashboard = Dashboard(context.new_page(), url)
        started = time.perf_counter()
        dashboard.open()
        timings.append((time.perf_counter() - started) * 1000)
        context.close()
    return timings


def measure_steps(browser: Browser, url: str, timeline: Timeline, steps: int) -> list[float]:
    """Milliseconds from an ArrowRight on the slider until the map shows the new month's markers."""
    months = slider_months(timeline)
    context = browser.new_context(viewport=VIEWPORT)
    dashboard = Dashboard(context.new_page(), url)
    month = STEP_START
    dashboard.open(f"?date={month.isoformat()}")
    dashboard.wait_for_counts(timeline.snapshot(month).counts)
    slider = dashboard.date_slider()
    timings = []
    for _ in range(steps):
        month = step_month(months, month, 1)
        dashboard.mark_markers_stale()
        started = time.perf_counter()
        slider.press("ArrowRight")
        dashboard.wait_for_counts(timeline.snapshot(month).counts)
        timings.append((time.perf_counter() - started) * 1000)
        dashboard.wait_for_url_date(month)
    context.close()
    return timings


def main() -> int:
    """Start the app, measure, print a table and write `artifacts/latency.json`."""
    timeline = Timeline(load_centres(CENTRES_CSV))
    with serve_app() as url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        # The very first load also fills the server's caches; later visitors find them warm.
        first = measure_cold_loads(browser, url, 1)
        cold = measure_cold_loads(browser, url, COLD_RUNS)
        steps = measure_steps(browser, url, timeline, STEPS)
        browser.close()
    result = {
        "first_load_after_server_start_ms": first[0],
        "cold_load_ms": {"runs": cold, "median": statistics.median(cold)},
        "step_ms": {
            "runs": steps,
            "median": statistics.median(steps),
            "p95": _percentile(steps, 0.95),
        },
        "viewport": VIEWPORT,
        "step_start": STEP_START.isoformat(),
    }
    print(f"{'measure':<34}{'n':>4}{'median ms':>12}{'p95 ms':>10}")
    print(f"{'first load after server start':<34}{1:>4}{first[0]:>12.0f}")
    print(
        f"{'cold load → first marker':<34}{len(cold):>4}{result['cold_load_ms']['median']:>12.0f}"
    )
    print(
        f"{'slider step → markers updated':<34}{len(steps):>4}"
        f"{result['step_ms']['median']:>12.0f}{result['step_ms']['p95']:>10.0f}"
    )
    target = ROOT / "artifacts" / "latency.json"
    target.parent.mkdir(exist_ok=True)
    write_text_atomic(target, json.dumps(result, indent=2) + "\n")
    print(f"written: {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
