"""Slider steps in Chromium with what each costs on the wire: time to the new markers, websocket
bytes received, and whether the map's iframe survived (no re-mount).

`run_bench.py` steps the app, the naive map and 10,000 sites (one canvas, no DOM per marker)
with it. A step that does not show its markers in time is recorded as timed out (None) and the
page is reloaded at that month, so one slow step never ends the run.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Frame, Page
from playwright.sync_api import Error as PlaywrightError

from geo import paths
from geo.model.playback import month_end, step_month
from geo.model.timeline import Timeline
from tests.bench.servers import AppRaised
from tests.browser.conftest import (
    MAP_FRAME,
    VIEWPORT,
    Dashboard,
    serve_app,
    slider_months,
    wait_for_below_map,
)
from tests.browser.measure_latency import STEP_START

# A step's websocket traffic is over once no frame arrived for this long.
QUIET_MS = 400
STEP_TIMEOUT_S = 30.0
LOAD_TIMEOUT_S = 60.0

# Counts of the map's SVG markers in a frame, and whether any is left from before the step.
_FRESH_JS = """(want) => {
    const paths = [...document.querySelectorAll("path.ki-marker")];
    if (paths.length !== want.total || paths.some((p) => p.__kiStale)) return false;
    const n = (cls) => paths.filter((p) => p.classList.contains(cls)).length;
    return n("ki-open") === want.open && n("ki-uncertain") === want.uncertain
        && n("ki-approved") === want.approved;
}"""
_MARK_STALE_JS = "() => document.querySelectorAll('path.ki-marker').forEach((p) => p.__kiStale = 1)"
# The dense layer (canvas, no DOM per marker) reports its counts on the iframe's window.
_DENSE_JS = """(want) => {
    const d = window.kiSites;
    return !!d && d.drawn > want.drawn && d.total === want.total && d.open === want.open
        && d.uncertain === want.uncertain && d.approved === want.approved;
}"""


class MapTimeout(TimeoutError):
    """The map did not show the expected markers in time."""


@contextmanager
def serve_script(script: Path) -> Iterator[str]:
    """`streamlit run` a bench script from a temp dir whose `static/` is the app's (Leaflet)."""
    with tempfile.TemporaryDirectory(prefix="ki-bench-") as tmp:
        main = Path(tmp) / script.name
        main.write_text(
            f"import runpy\nrunpy.run_path({str(script)!r}, run_name='__main__')\n",
            encoding="utf-8",
        )
        paths.STATIC_DIR.mkdir(exist_ok=True)
        (Path(tmp) / "static").symlink_to(paths.STATIC_DIR, target_is_directory=True)
        with serve_app(script=main) as url:
            yield url


class FrameMeter:
    """Counts the bytes of every websocket frame the page receives (Streamlit's deltas)."""

    def __init__(self, page: Page) -> None:
        self.sizes: list[int] = []
        self.last_at = time.perf_counter()
        page.on("websocket", self._attach)

    def _attach(self, ws: Any) -> None:
        ws.on("framereceived", self._received)

    def _received(self, payload: bytes | str) -> None:
        self.sizes.append(len(payload.encode() if isinstance(payload, str) else payload))
        self.last_at = time.perf_counter()

    def total(self) -> int:
        return sum(self.sizes)

    def wait_quiet(self, page: Page) -> None:
        """Wait (driving Playwright's loop) until no frame arrived for `QUIET_MS`."""
        deadline = time.perf_counter() + STEP_TIMEOUT_S
        while time.perf_counter() < deadline:
            if (time.perf_counter() - self.last_at) * 1000 >= QUIET_MS:
                return
            page.wait_for_timeout(50)


def _map_frame(page: Page) -> Frame | None:
    """The newest map iframe's frame, or None while it is being (re-)created."""
    try:
        handle = page.locator(MAP_FRAME).last.element_handle(timeout=1000)
        return handle.content_frame() if handle else None
    except PlaywrightError:
        return None


def _evaluate(page: Page, script: str, arg: Any = None) -> Any:
    """`script` in the map iframe; None while there is no iframe or it is being replaced."""
    frame = _map_frame(page)
    if frame is None:
        return None
    try:
        return frame.evaluate(script, arg)
    except PlaywrightError:
        return None


def _poll(page: Page, check: Callable[[], bool], timeout: float) -> None:
    """Until `check()`; Streamlit's exception box on the page ends the wait at once."""
    deadline = time.perf_counter() + timeout
    raised = page.get_by_test_id("stException")
    while time.perf_counter() < deadline:
        if check():
            return
        if raised.count():
            text = " ".join(raised.first.inner_text().split())
            raise AppRaised(f"the app raised: {text[:200]}")
        page.wait_for_timeout(20)
    raise MapTimeout(f"the map did not show the expected markers within {timeout:.0f} s")


@dataclass
class SteppingRun:
    """What `stepping_run` measured so far: the lists fill as it goes (None: timed out)."""

    steps: int
    load_ms: list[float | None] = field(default_factory=list)
    step_ms: list[float | None] = field(default_factory=list)
    step_bytes: list[float | None] = field(default_factory=list)
    remounts: int = 0
    stale_steps: int = 0
    done: int = 0


def stepping_run(
    browser: Browser,
    url: str,
    timeline: Timeline,
    run: SteppingRun,
    *,
    dense: bool,
    stale_after: float | None = None,
) -> SteppingRun:
    """Open at `STEP_START`, press ArrowRight `run.steps` times, marking the map's window each
    time; fills `run` as it measures.

    Per step: milliseconds until the new month's markers are drawn, websocket bytes received for
    the step, and whether the mark on the iframe's window survived (no re-mount). With
    `stale_after`, a map not updated within that many seconds counts as stale (the naive map's
    known fault) instead of timed out.
    """
    months = slider_months(timeline)
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        meter = FrameMeter(page)
        dashboard = Dashboard(page, url)
        month = STEP_START

        def fresh(day, drawn: int) -> Callable[[], bool]:
            counts = timeline.snapshot(day).counts
            if dense:
                return lambda: bool(_evaluate(page, _DENSE_JS, {**counts, "drawn": drawn}))
            return lambda: bool(_evaluate(page, _FRESH_JS, counts))

        started = time.perf_counter()
        page.goto(f"{url}/?date={month.isoformat()}")
        try:
            _poll(page, fresh(month, 0), LOAD_TIMEOUT_S)
        except MapTimeout:
            run.load_ms.append(None)
            raise
        run.load_ms.append((time.perf_counter() - started) * 1000)
        wait_for_below_map(page, drawn=True)
        meter.wait_quiet(page)
        for _ in range(run.steps):
            _evaluate(page, "() => { window.__kiBench = 42; }")
            month = step_month(months, month, 1)
            day = month_end(month)  # what the slider's month shows
            drawn = int(_evaluate(page, "() => (window.kiSites || {}).drawn || 0") or 0)
            if not dense:
                _evaluate(page, _MARK_STALE_JS)
            before = meter.total()
            started = time.perf_counter()
            dashboard.date_slider().press("ArrowRight")
            try:
                _poll(page, fresh(day, drawn), stale_after or STEP_TIMEOUT_S)
                run.step_ms.append((time.perf_counter() - started) * 1000)
            except MapTimeout:
                if stale_after is None:
                    run.step_ms.append(None)
                    run.done += 1
                    # Start the next step from a page that shows this month.
                    page.goto(f"{url}/?date={day.isoformat()}")
                    _poll(page, fresh(day, 0), LOAD_TIMEOUT_S)
                    wait_for_below_map(page, drawn=True)
                    meter.wait_quiet(page)
                    continue
                run.stale_steps += 1
            dashboard.wait_for_url_date(day)
            meter.wait_quiet(page)
            run.step_bytes.append(float(meter.total() - before))
            run.remounts += _evaluate(page, "() => window.__kiBench === 42") is not True
            run.done += 1
    finally:
        context.close()
    return run
