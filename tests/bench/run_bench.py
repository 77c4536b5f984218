"""`make bench`: how fast a slider step is, against a floor, a naive map and 10,000 sites.

Run `.venv/bin/python tests/bench/run_bench.py`. It measures, in one run:

1. server time of a slider step (streamlit AppTest; app.py compiled once, as `streamlit run`
   does) for the app and for a trivial floor script;
2. the naive map (all layers rebuilt into the base map): its server step and whether the browser
   re-mounts the map iframe on a step;
3. in headless Chromium: cold load to the first marker and slider step to updated markers;
4. the report renderers (one 300-dpi PNG, the whole GIF);
5. 10,000 synthetic sites: server step, browser step and the bytes sent per step.

It prints a table and writes `artifacts/bench.json`. A script, not a test: numbers and verdicts
against the targets, never a failing exit code for a slow machine.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import pstats
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
# Quiet Streamlit's "no runtime" warnings of bare AppTest runs (read when streamlit loads).
os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")

import streamlit as st  # noqa: E402
import streamlit.logger  # noqa: E402
from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402
from playwright.sync_api import Error as PlaywrightError  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from geo import keys, paths  # noqa: E402
from geo.model.playback import step_month  # noqa: E402
from geo.model.timeline import Timeline  # noqa: E402
from geo.sources.atomic import write_text_atomic  # noqa: E402
from geo.sources.boundaries import load_boundaries  # noqa: E402
from geo.sources.centres import load_centres  # noqa: E402
from tests.bench import PROFILER  # noqa: E402
from tests.bench.synthetic import write_synthetic_centres  # noqa: E402
from tests.browser.conftest import (  # noqa: E402
    MAP_FRAME,
    VIEWPORT,
    Dashboard,
    launch_chromium,
    serve_app,
    slider_months,
)
from tests.browser.measure_latency import (  # noqa: E402
    SHARED_BOUNDARIES,
    STEP_START,
    _percentile,
    measure_cold_loads,
    measure_steps,
)

BENCH = Path(__file__).resolve().parent
APP = BENCH / "app_compiled_once.py"
FLOOR_APP = BENCH / "floor_app.py"
NAIVE_APP = BENCH / "naive_app.py"
PROFILED_APP = BENCH / "profiled_app.py"
OUTPUT = ROOT / "artifacts" / "bench.json"

SERVER_STEPS = 30
WARMUP_STEPS = 10
SCALE_STEPS = 10
SCALE_SITES = 10_000
BROWSER_COLD_RUNS = 5
BROWSER_STEPS = 20
BYTE_STEPS = 5
NAIVE_BROWSER_STEPS = 5
# The naive map sometimes never updates (streamlit-folium keeps the old map): give up after this.
NAIVE_STALE_S = 8.0
SEED = 6
APPTEST_TIMEOUT = 300
# A step's websocket traffic is over once no frame arrived for this long.
QUIET_MS = 400
STEP_TIMEOUT_S = 30.0

TARGETS = {
    "app_over_floor": 2.0,
    "cold_load_ms": 3000.0,
    "step_ms": 250.0,
    "png_s": 2.0,
    "gif_s": 15.0,
    "scale_over_ki": 10.0,
    "scale_step_bytes": 2_000_000.0,
}

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


# ---------------------------------------------------------------- server side (AppTest)


def _apptest(script: Path) -> AppTest:
    at = AppTest.from_file(str(script), default_timeout=APPTEST_TIMEOUT)
    at.run()
    if at.exception:
        raise RuntimeError(f"{script.name} failed: {at.exception}")
    return at


def step_times(at: AppTest, months: list[date]) -> list[float]:
    """Milliseconds of `select_slider(DATE_SLIDER).set_value(month).run()` for each month."""
    timings = []
    for month in months:
        started = time.perf_counter()
        at.select_slider(key=keys.DATE_SLIDER).set_value(month).run()
        timings.append((time.perf_counter() - started) * 1000)
        if at.exception:
            raise RuntimeError(f"step to {month} failed: {at.exception}")
    return timings


def element_bytes(at: AppTest) -> dict[str, int]:
    """Serialized size of the page's elements by type after the last run (what a rerun sends)."""
    sizes: Counter[str] = Counter()

    def walk(node: Any) -> None:
        children = getattr(node, "children", None)
        if children:
            for child in children.values():
                walk(child)
        elif getattr(node, "proto", None) is not None:
            sizes[node.type] += node.proto.ByteSize()

    walk(at._tree)
    return dict(sizes.most_common())


def _distinct_months(months: list[date], n: int, rng: random.Random) -> list[date]:
    """`n` different months in a shuffled order (each step changes the date)."""
    return rng.sample(months, min(n, len(months)))


def profile_steps(months: list[date], top: int = 25) -> list[dict[str, Any]]:
    """The app's functions that take the most cumulative time per step (cProfile, full reruns)."""
    at = _apptest(PROFILED_APP)
    step_times(at, months[:2])
    PROFILER.disable()
    PROFILER.clear()
    step_times(at, months)
    stats = pstats.Stats(PROFILER, stream=io.StringIO())
    rows = []
    for (file, line, name), (_cc, calls, _tt, cumulative, _callers) in stats.stats.items():
        where = file.replace(str(ROOT) + "/", "").split("site-packages/")[-1]
        if where.startswith(("tests/bench", "<frozen")) or "runpy" in where:
            continue
        rows.append(
            {
                "function": f"{where}:{line}({name})",
                "calls": calls,
                "ms_per_step": cumulative * 1000 / len(months),
            }
        )
    rows.sort(key=lambda row: -row["ms_per_step"])
    return rows[:top]


def _summary(values: list[float]) -> dict[str, Any]:
    return {
        "n": len(values),
        "median": statistics.median(values),
        "p95": _percentile(values, 0.95),
        "runs": values,
    }


def server_benchmark(months: list[date], rng: random.Random, *, profile: bool) -> dict[str, Any]:
    """Slider steps of the app, the floor and the naive variant over the same months,
    interleaved step by step so that warm-up and machine noise fall on all three alike."""
    chosen = _distinct_months(months, SERVER_STEPS, rng)
    warmup = _distinct_months(months, WARMUP_STEPS, rng)
    out: dict[str, Any] = {"months": [m.isoformat() for m in chosen]}
    scripts = {"app": APP, "floor": FLOOR_APP, "naive": NAIVE_APP}
    tests = {name: _apptest(script) for name, script in scripts.items()}
    for at in tests.values():
        step_times(at, warmup)
    runs: dict[str, list[float]] = {name: [] for name in scripts}
    for month in chosen:
        for name, at in tests.items():
            runs[name] += step_times(at, [month])
    for name, at in tests.items():
        out[name] = _summary(runs[name])
        if name != "floor":
            out[name]["element_bytes"] = element_bytes(at)
    if profile:
        out["app_profile"] = profile_steps(chosen[:10])
    out["app_over_floor"] = out["app"]["median"] / out["floor"]["median"]
    out["naive_over_app"] = out["naive"]["median"] / out["app"]["median"]
    return out


def scale_server_benchmark(
    centres_path: Path, timeline: Timeline, rng: random.Random, ki_median: float
) -> dict[str, Any]:
    """The app with `centres_path` (10,000 sites): first run, steps, payload by element."""
    os.environ["KI_CENTRES_PATH"] = str(centres_path)
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        started = time.perf_counter()
        at = _apptest(APP)
        first_ms = (time.perf_counter() - started) * 1000
        months = slider_months(timeline)
        step_times(at, [months[-1]])
        steps = _summary(step_times(at, _distinct_months(months, SCALE_STEPS, rng)))
        steps["element_bytes"] = element_bytes(at)
    finally:
        del os.environ["KI_CENTRES_PATH"]
        st.cache_resource.clear()
        st.cache_data.clear()
    return {
        "sites": len(timeline.centres),
        "first_run_ms": first_ms,
        "step_ms": steps,
        "over_ki": steps["median"] / ki_median,
    }


# ---------------------------------------------------------------- browser side (Chromium)


@contextmanager
def serve_script(script: Path, boundaries: Path) -> Iterator[str]:
    """`streamlit run` a bench script from a temp dir whose `static/` is the app's (Leaflet)."""
    with tempfile.TemporaryDirectory(prefix="ki-bench-") as tmp:
        main = Path(tmp) / script.name
        main.write_text(
            f"import runpy\nrunpy.run_path({str(script)!r}, run_name='__main__')\n",
            encoding="utf-8",
        )
        paths.STATIC_DIR.mkdir(exist_ok=True)
        (Path(tmp) / "static").symlink_to(paths.STATIC_DIR, target_is_directory=True)
        with serve_app(boundaries, script=main) as url:
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


def _map_frame(page: Page):
    """The newest map iframe's frame, or None while it is being (re-)created."""
    try:
        handle = page.locator(MAP_FRAME).last.element_handle(timeout=1000)
        return handle.content_frame() if handle else None
    except PlaywrightError:
        return None


def _poll(page: Page, check: Callable[[], bool], timeout: float = STEP_TIMEOUT_S) -> None:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if check():
            return
        page.wait_for_timeout(20)
    raise TimeoutError("the map did not show the expected markers in time")


def _svg_fresh(page: Page, counts: dict[str, int]) -> bool:
    frame = _map_frame(page)
    if frame is None:
        return False
    try:
        return bool(frame.evaluate(_FRESH_JS, counts))
    except PlaywrightError:
        return False


def _dense_drawn(page: Page) -> int:
    frame = _map_frame(page)
    try:
        return int(frame.evaluate("() => (window.kiSites || {}).drawn || 0")) if frame else 0
    except PlaywrightError:
        return 0


def _dense_fresh(page: Page, counts: dict[str, int], drawn: int) -> bool:
    frame = _map_frame(page)
    if frame is None:
        return False
    try:
        return bool(frame.evaluate(_DENSE_JS, {**counts, "drawn": drawn}))
    except PlaywrightError:
        return False


def stepping_run(
    browser: Browser,
    url: str,
    timeline: Timeline,
    steps: int,
    *,
    dense: bool,
    stale_after: float | None = None,
) -> dict[str, Any]:
    """Open at `STEP_START`, press ArrowRight `steps` times, marking the map's window each time.

    Per step: milliseconds until the new month's markers are drawn, websocket bytes received for
    the step, and whether the mark on the iframe's window survived (no re-mount). With
    `stale_after`, a map not updated within that many seconds counts as stale instead of failing.
    """
    months = slider_months(timeline)
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    meter = FrameMeter(page)
    dashboard = Dashboard(page, url)
    month = STEP_START
    started = time.perf_counter()
    page.goto(f"{url}/?date={month.isoformat()}")
    counts = timeline.snapshot(month).counts
    if dense:
        _poll(page, lambda: _dense_fresh(page, counts, 0))
    else:
        _poll(page, lambda: _svg_fresh(page, counts))
    load_ms = (time.perf_counter() - started) * 1000
    meter.wait_quiet(page)
    timings, sizes, remounts, stale = [], [], 0, 0
    for _ in range(steps):
        _map_frame(page).evaluate("() => { window.__kiBench = 42; }")
        month = step_month(months, month, 1)
        counts = timeline.snapshot(month).counts
        drawn = _dense_drawn(page) if dense else 0
        if not dense:
            _map_frame(page).evaluate(_MARK_STALE_JS)
        before = meter.total()
        started = time.perf_counter()
        dashboard.date_slider().press("ArrowRight")
        if dense:
            fresh = lambda counts=counts, drawn=drawn: _dense_fresh(page, counts, drawn)  # noqa: E731
        else:
            fresh = lambda counts=counts: _svg_fresh(page, counts)  # noqa: E731
        try:
            _poll(page, fresh, stale_after or STEP_TIMEOUT_S)
            timings.append((time.perf_counter() - started) * 1000)
        except TimeoutError:
            if stale_after is None:
                raise
            stale += 1
        dashboard.wait_for_url_date(month)
        meter.wait_quiet(page)
        sizes.append(meter.total() - before)
        remounts += not _map_frame(page).evaluate("() => window.__kiBench === 42")
    context.close()
    return {
        "load_ms": load_ms,
        "step_ms": _summary(timings) if timings else None,
        "step_bytes": _summary([float(s) for s in sizes]) if sizes else None,
        "steps": steps,
        "remounts": remounts,
        "stale_steps": stale,
    }


def browser_benchmark(boundaries: Path, timeline: Timeline) -> dict[str, Any]:
    """Cold load and steps of the app (measure_latency's functions), bytes, and the naive map."""
    out: dict[str, Any] = {}
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        with serve_app(boundaries) as url:
            out["first_load_after_server_start_ms"] = measure_cold_loads(browser, url, 1)[0]
            out["cold_load_ms"] = _summary(measure_cold_loads(browser, url, BROWSER_COLD_RUNS))
            out["step_ms"] = _summary(measure_steps(browser, url, timeline, BROWSER_STEPS))
            out["app"] = stepping_run(browser, url, timeline, BYTE_STEPS, dense=False)
        with serve_script(NAIVE_APP, boundaries) as url:
            measure_cold_loads(browser, url, 1)
            out["naive"] = stepping_run(
                browser, url, timeline, NAIVE_BROWSER_STEPS, dense=False, stale_after=NAIVE_STALE_S
            )
        browser.close()
    return out


def scale_browser_benchmark(boundaries: Path, centres_path: Path, timeline: Timeline) -> dict:
    """The app serving 10,000 sites: load until drawn, steps, bytes per step."""
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        with serve_app(boundaries, env={"KI_CENTRES_PATH": str(centres_path)}) as url:
            run = stepping_run(browser, url, timeline, BYTE_STEPS, dense=True)
            # A second visitor finds the server's caches warm.
            run["warm_load_ms"] = stepping_run(browser, url, timeline, 0, dense=True)["load_ms"]
        browser.close()
    return run


# ---------------------------------------------------------------- report renderers


def report_benchmark(boundaries_path: Path, timeline: Timeline) -> dict[str, Any]:
    """Seconds for one 300-dpi PNG and the whole GIF through `geo.outputs.report`, if it exists."""
    try:
        from geo.outputs.animation import render_animation
        from geo.outputs.map_figure import render_map
    except ImportError as exc:
        return {"available": False, "reason": str(exc)}
    boundaries = load_boundaries(
        env={"KI_BOUNDARIES_PATH": str(boundaries_path)},
        cache_dir=paths.CACHE_DIR,
        outline_path=paths.OUTLINE_GEOJSON,
    )
    months = slider_months(timeline)
    started = time.perf_counter()
    png = render_map(timeline, boundaries, months[-1], fmt="png", dpi=300)
    png_s = time.perf_counter() - started
    started = time.perf_counter()
    gif = render_animation(timeline, boundaries, months=months)
    gif_s = time.perf_counter() - started
    return {
        "available": True,
        "png_s": png_s,
        "png_bytes": len(png),
        "gif_s": gif_s,
        "gif_bytes": len(gif),
        "gif_frames": len(months),
    }


# ---------------------------------------------------------------- table


def _verdict(value: float | None, target: float | None) -> str:
    if value is None or target is None:
        return ""
    return "ok" if value <= target else "MISSED"


def table(result: dict[str, Any]) -> list[tuple[str, str, str, str, str, str]]:
    """Rows of (measure, n, median, p95, target, verdict) as text."""
    rows: list[tuple[str, str, str, str, str, str]] = []

    def ms(label: str, summary: dict, target: float | None = None, unit: str = "ms") -> None:
        scale = {"ms": 1, "s": 1000, "MB": 1, "KB": 1}[unit]
        div = {"MB": 1e6, "KB": 1e3}.get(unit, 1) * scale
        median, p95 = summary["median"] / div, summary["p95"] / div
        rows.append(
            (
                label,
                str(summary["n"]),
                f"{median:.2f} {unit}" if unit == "MB" else f"{median:.0f} {unit}",
                f"{p95:.2f} {unit}" if unit == "MB" else f"{p95:.0f} {unit}",
                "" if target is None else f"≤ {target / div:g} {unit}",
                _verdict(summary["median"], target),
            )
        )

    def one(label: str, value: str, target: str = "", verdict: str = "") -> None:
        rows.append((label, "1", value, "", target, verdict))

    server = result["server"]
    ms("server step: app (AppTest)", server["app"])
    ms("server step: floor (AppTest)", server["floor"])
    ratio = server["app_over_floor"]
    one(
        "  ratio app / floor",
        f"{ratio:.1f}×",
        "≤ 2×",
        _verdict(ratio, TARGETS["app_over_floor"]),
    )
    ms("server step: naive map (AppTest)", server["naive"])
    one("  ratio naive / app", f"{server['naive_over_app']:.2f}×")

    browser = result.get("browser")
    if browser:
        ms("browser cold load → first marker", browser["cold_load_ms"], TARGETS["cold_load_ms"])
        ms("browser slider step → markers", browser["step_ms"], TARGETS["step_ms"])
        ms("browser bytes per step (54)", browser["app"]["step_bytes"], unit="KB")
        one("  app map re-mounts", _remounts(browser["app"]))
        if browser["naive"]["step_ms"]:
            ms("naive browser step → markers", browser["naive"]["step_ms"])
        ms("naive bytes per step (54)", browser["naive"]["step_bytes"], unit="KB")
        one("  naive map re-mounts", _remounts(browser["naive"]))
        one(
            "  naive steps never updated",
            f"{browser['naive']['stale_steps']} of {browser['naive']['steps']}",
        )

    report = result["report"]
    if report.get("available"):
        one("report PNG 300 dpi", f"{report['png_s']:.2f} s", "≤ 2 s", _verdict(report["png_s"], 2))
        one(
            f"report GIF ({report['gif_frames']} frames)",
            f"{report['gif_s']:.2f} s",
            "≤ 15 s",
            _verdict(report["gif_s"], TARGETS["gif_s"]),
        )
    else:
        one("report PNG / GIF", "not available")

    scale = result["scale"]
    sites = scale["sites"]
    one(f"{sites} sites: server first run", f"{scale['first_run_ms'] / 1000:.1f} s")
    ms(f"{sites} sites: server step", scale["step_ms"])
    one(
        f"  ratio {sites} / 54 sites",
        f"{scale['over_ki']:.1f}×",
        "≤ 10×",
        _verdict(scale["over_ki"], TARGETS["scale_over_ki"]),
    )
    for element, size in list(scale["step_ms"]["element_bytes"].items())[:3]:
        one(f"  per-step element: {element}", f"{size / 1e6:.2f} MB")
    scale_browser = scale.get("browser")
    if scale_browser:
        one(f"{sites} sites: browser first load", f"{scale_browser['load_ms']:.0f} ms")
        one(f"{sites} sites: browser warm load", f"{scale_browser['warm_load_ms']:.0f} ms")
        ms(f"{sites} sites: browser step → drawn", scale_browser["step_ms"])
        ms(
            f"{sites} sites: bytes per step",
            scale_browser["step_bytes"],
            TARGETS["scale_step_bytes"],
            unit="MB",
        )
    return rows


def _remounts(run: dict[str, Any]) -> str:
    return f"{'yes' if run['remounts'] else 'no'} ({run['remounts']} of {run['steps']})"


def print_table(rows: list[tuple[str, ...]]) -> None:
    print(f"{'measure':<38}{'n':>4}{'median':>14}{'p95':>11}  {'target':<11}{'verdict'}")
    for measure, n, median, p95, target, verdict in rows:
        print(f"{measure:<38}{n:>4}{median:>14}{p95:>11}  {target:<11}{verdict}")


def main(argv: list[str] | None = None) -> int:
    """Run every measurement, print the table and write `artifacts/bench.json`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium parts")
    parser.add_argument("--profile", action="store_true", help="cProfile 10 app steps")
    args = parser.parse_args(argv)

    streamlit.logger.set_log_level("error")
    os.chdir(ROOT)
    os.environ.pop("KI_CENTRES_PATH", None)
    boundaries = Path(os.environ.get("KI_BOUNDARIES_PATH") or SHARED_BOUNDARIES)
    os.environ["KI_BOUNDARIES_PATH"] = str(boundaries)
    rng = random.Random(SEED)
    began = time.perf_counter()

    ki = load_centres(paths.CENTRES_CSV)
    timeline = Timeline(ki)
    months = slider_months(timeline)
    result: dict[str, Any] = {"sites": len(ki)}
    result["server"] = server_benchmark(months, rng, profile=args.profile)

    kreise = load_boundaries(
        env={"KI_BOUNDARIES_PATH": str(boundaries)},
        cache_dir=paths.CACHE_DIR,
        outline_path=paths.OUTLINE_GEOJSON,
    ).kreise
    with tempfile.TemporaryDirectory(prefix="ki-bench-sites-") as tmp:
        centres_path = write_synthetic_centres(
            Path(tmp), ki, n=SCALE_SITES, seed=SEED, kreise=kreise
        )
        large = Timeline(load_centres(centres_path))
        result["scale"] = scale_server_benchmark(
            centres_path, large, rng, result["server"]["app"]["median"]
        )
        if not args.no_browser:
            result["scale"]["browser"] = scale_browser_benchmark(boundaries, centres_path, large)
    if not args.no_browser:
        result["browser"] = browser_benchmark(boundaries, timeline)
    result["report"] = report_benchmark(boundaries, timeline)
    result["seconds"] = time.perf_counter() - began

    rows = table(result)
    print_table(rows)
    for row in result["server"].get("app_profile", [])[:25]:
        print(f"  {row['ms_per_step']:8.1f} ms/step  {row['calls']:>7}  {row['function']}")
    result["table"] = rows
    OUTPUT.parent.mkdir(exist_ok=True)
    write_text_atomic(OUTPUT, json.dumps(result, indent=2, default=str) + "\n")
    print(f"written: {OUTPUT.relative_to(ROOT)} ({result['seconds']:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
