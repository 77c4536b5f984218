"""`make bench`: what a user feels in the browser and what a slider step costs, against a floor.

Run `.venv/bin/python tests/bench/run_bench.py`. It measures, in one run:

1. felt in the browser, each on a fresh `streamlit run` server beside the trivial floor app:
   cold start (server ready, first marker), a keyboard step on the month slider, the GIF
   through the Export tab (`felt.py`);
2. server time of a slider step (streamlit AppTest; app.py compiled once, as `streamlit run`
   does) for the app, the trivial floor script and the naive map (all layers rebuilt);
3. the report renderers (one 300-dpi PNG, the whole GIF);
4. on a warm server: loads, slider steps and the bytes sent per step, and the naive map's
   steps and re-mounts;
5. 10,000 synthetic sites: server step, browser step and the bytes sent per step.

Every part runs under a guard (`runner.py`): a part that fails or times out is a row and the run
goes on; the table is printed and `artifacts/bench.json` written in every case, Ctrl-C included.
Exit code 0 when every part produced its figures, 1 when one failed or timed out, 130 on
Ctrl-C. A slow machine gives MISSED verdicts, never a failing exit code.
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import pstats
import random
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
# Quiet Streamlit's "no runtime" warnings of bare AppTest runs (read when streamlit loads).
os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")

import streamlit as st  # noqa: E402
import streamlit.logger  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from geo import keys, paths  # noqa: E402
from geo.model.timeline import Timeline  # noqa: E402
from geo.sources.boundaries import Boundaries, load_boundaries  # noqa: E402
from geo.sources.centres import load_centres  # noqa: E402
from geo.views.dataset import KI_FIRST_MONTH, Dataset  # noqa: E402
from tests.bench import PROFILER  # noqa: E402
from tests.bench.felt import FLOOR_STEP, felt_parts  # noqa: E402
from tests.bench.runner import Bench, Part, run_parts  # noqa: E402
from tests.bench.servers import chromium  # noqa: E402
from tests.bench.stepping import (  # noqa: E402
    LOAD_TIMEOUT_S,
    STEP_TIMEOUT_S,
    SteppingRun,
    serve_script,
    stepping_run,
)
from tests.bench.synthetic import write_synthetic_centres  # noqa: E402
from tests.browser.conftest import (  # noqa: E402
    LOAD_TIMEOUT_MS,
    STEP_TIMEOUT_MS,
    serve_app,
    slider_months,
)
from tests.browser.measure_latency import measure_cold_loads, measure_steps  # noqa: E402

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
LOAD_LIMIT_MS, STEP_LIMIT_MS = LOAD_TIMEOUT_S * 1000, STEP_TIMEOUT_S * 1000
# Labels other parts refer to (ratios).
SERVER_APP = "server step: app (AppTest)"

TARGETS = {
    "app_over_floor": 2.0,
    "png_ms": 2000.0,
    "gif_render_ms": 15_000.0,
    "scale_over_ki": 10.0,
    "scale_step_bytes": 2_000_000.0,
}


# ---------------------------------------------------------------- server side (AppTest)


def _apptest(script: Path) -> AppTest:
    at = AppTest.from_file(str(script), default_timeout=APPTEST_TIMEOUT)
    at.run()
    if at.exception:
        raise RuntimeError(f"{script.name} raised: {_app_error(at)}")
    return at


def _app_error(at: AppTest) -> str:
    """The first exception the app showed, in one line (not AppTest's element list)."""
    first = at.exception[0]
    message = " ".join(str(getattr(first, "message", first)).split())
    return message[:200]


def step_times(at: AppTest, months: list[date]) -> list[float]:
    """Milliseconds of `select_slider(DATE_SLIDER).set_value(month).run()` for each month."""
    timings = []
    for month in months:
        started = time.perf_counter()
        at.select_slider(key=keys.DATE_SLIDER).set_value(month).run()
        timings.append((time.perf_counter() - started) * 1000)
        if at.exception:
            raise RuntimeError(f"step to {month} raised: {_app_error(at)}")
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


def server_part(months: list[date], rng: random.Random, *, profile: bool) -> Part:
    """Slider steps of the app, the floor and the naive variant over the same months,
    interleaved step by step so that warm-up and machine noise fall on all three alike."""

    def part(bench: Bench) -> None:
        chosen = _distinct_months(months, SERVER_STEPS, rng)
        warmup = _distinct_months(months, WARMUP_STEPS, rng)
        out: dict[str, Any] = {"months": [m.isoformat() for m in chosen]}
        bench.data["server"] = out
        floor = bench.figure("server step: floor (AppTest)")
        app = bench.figure(SERVER_APP, floor=floor)
        naive = bench.figure("server step: naive map (AppTest)", floor=floor)
        runs = {"app": app.values, "floor": floor.values, "naive": naive.values}
        scripts = {"app": APP, "floor": FLOOR_APP, "naive": NAIVE_APP}
        tests = {name: _apptest(script) for name, script in scripts.items()}
        for at in tests.values():
            step_times(at, warmup)
        for month in chosen:
            for name, at in tests.items():
                runs[name] += step_times(at, [month])
        for name in ("app", "naive"):
            out[f"{name}_element_bytes"] = element_bytes(tests[name])
        bench.figure(
            "  ratio app / floor",
            [app.median() / floor.median()],
            unit="x",
            target=TARGETS["app_over_floor"],
        )
        bench.figure("  ratio naive / app", [naive.median() / app.median()], unit="x")
        if profile:
            out["app_profile"] = profile_steps(chosen[:10])

    return part


def scale_server_part(state: dict[str, Any], ki: Timeline, tmp: Path, rng: random.Random) -> Part:
    """10,000 synthetic sites through the app (AppTest): first run, steps, payload by element."""

    def part(bench: Bench) -> None:
        kreise = _boundaries().kreise
        centres_path = write_synthetic_centres(
            tmp, ki.centres, n=SCALE_SITES, seed=SEED, kreise=kreise
        )
        timeline = Timeline(load_centres(centres_path))
        state["centres_path"], state["timeline"] = centres_path, timeline
        sites = len(timeline.centres)
        first = bench.figure(f"{sites} sites: server first run (AppTest)")
        steps = bench.figure(f"{sites} sites: server step (AppTest)")
        os.environ["KI_CENTRES_PATH"] = str(centres_path)
        st.cache_resource.clear()
        st.cache_data.clear()
        try:
            started = time.perf_counter()
            at = _apptest(APP)
            first.values.append((time.perf_counter() - started) * 1000)
            months = slider_months(timeline)
            step_times(at, [months[-1]])
            steps.values += step_times(at, _distinct_months(months, SCALE_STEPS, rng))
            sizes = element_bytes(at)
        finally:
            del os.environ["KI_CENTRES_PATH"]
            st.cache_resource.clear()
            st.cache_data.clear()
        bench.data["scale"] = {"sites": sites, "element_bytes": sizes}
        app = bench.find(SERVER_APP)
        if app is not None and app.median():
            bench.figure(
                f"  ratio {sites} / {len(ki.centres)} sites",
                [steps.median() / app.median()],
                unit="x",
                target=TARGETS["scale_over_ki"],
            )
        for element, size in list(sizes.items())[:3]:
            bench.figure(f"  per-step element: {element}", [float(size)], unit="bytes")

    return part


# ---------------------------------------------------------------- browser on a warm server


def warm_browser_part(timeline: Timeline) -> Part:
    """Loads and steps of the app on one server, after its first visitor filled its caches."""

    def part(bench: Bench) -> None:
        loads = bench.figure("warm server: load → first marker", limit=LOAD_TIMEOUT_MS)
        steps = bench.figure(
            "warm server: slider step → markers",
            limit=STEP_TIMEOUT_MS,
            floor=bench.find(FLOOR_STEP),
        )
        run = SteppingRun(BYTE_STEPS)
        bench.data["warm_browser"] = run
        with chromium() as browser, serve_app() as url:
            measure_cold_loads(browser, url, 1)
            loads.values += measure_cold_loads(browser, url, BROWSER_COLD_RUNS)
            measure_steps(browser, url, timeline, BROWSER_STEPS, into=steps.values)
            bench.figure(
                f"warm server: bytes per step ({len(timeline.centres)})",
                run.step_bytes,
                unit="bytes",
            )
            remounts = bench.figure("  app map re-mounts", unit="text")
            stepping_run(browser, url, timeline, run, dense=False)
            remounts.text = _remounts(run)

    return part


def naive_browser_part(timeline: Timeline) -> Part:
    """The naive map (all layers rebuilt into the base map): steps, bytes, re-mounts."""

    def part(bench: Bench) -> None:
        run = SteppingRun(NAIVE_BROWSER_STEPS)
        bench.data["naive_browser"] = run
        steps = bench.figure("naive map: browser step → markers", run.step_ms, limit=STEP_LIMIT_MS)
        bench.figure(
            f"naive map: bytes per step ({len(timeline.centres)})", run.step_bytes, unit="bytes"
        )
        remounts = bench.figure("  naive map re-mounts", unit="text")
        stale = bench.figure("  naive steps never updated", unit="text")
        with chromium() as browser, serve_script(NAIVE_APP) as url:
            measure_cold_loads(browser, url, 1)
            stepping_run(browser, url, timeline, run, dense=False, stale_after=NAIVE_STALE_S)
        remounts.text = _remounts(run)
        stale.text = f"{run.stale_steps} of {run.done}"
        if not run.step_ms:
            steps.note = "no step updated the map"

    return part


def scale_browser_part(state: dict[str, Any]) -> Part:
    """The app serving 10,000 sites: load until drawn, steps, bytes per step."""

    def part(bench: Bench) -> None:
        if "timeline" not in state:
            raise RuntimeError("no synthetic sites (the server part for them failed)")
        timeline = state["timeline"]
        sites = len(timeline.centres)
        run = SteppingRun(BYTE_STEPS)
        warm = SteppingRun(0)
        bench.data["scale_browser"] = {"first": run, "warm": warm}
        bench.figure(f"{sites} sites: browser first load", run.load_ms, limit=LOAD_LIMIT_MS)
        bench.figure(f"{sites} sites: browser warm load", warm.load_ms, limit=LOAD_LIMIT_MS)
        bench.figure(f"{sites} sites: browser step → drawn", run.step_ms, limit=STEP_LIMIT_MS)
        bench.figure(
            f"{sites} sites: bytes per step",
            run.step_bytes,
            unit="bytes",
            target=TARGETS["scale_step_bytes"],
        )
        env = {"KI_CENTRES_PATH": str(state["centres_path"])}
        with chromium() as browser, serve_app(env=env) as url:
            stepping_run(browser, url, timeline, run, dense=True)
            # A second visitor finds the server's caches warm.
            stepping_run(browser, url, timeline, warm, dense=True)

    return part


def _remounts(run: SteppingRun) -> str:
    return f"{'yes' if run.remounts else 'no'} ({run.remounts} of {run.done})"


# ---------------------------------------------------------------- report renderers


def _boundaries() -> Boundaries:
    """The committed boundaries, as the app loads them without `KI_BOUNDARIES_PATH`."""
    return load_boundaries(
        env={},
        cache_dir=paths.CACHE_DIR,
        outline_path=paths.OUTLINE_GEOJSON,
        bundled_path=paths.BOUNDARIES_GEOJSON,
    )


def report_part(timeline: Timeline) -> Part:
    """Milliseconds for one 300-dpi PNG and the whole GIF, rendered in this process."""

    def part(bench: Bench) -> None:
        from geo.outputs.animation import render_animation
        from geo.outputs.map_figure import render_map

        boundaries = _boundaries()
        months = slider_months(timeline)
        png = bench.figure("report renderer: PNG 300 dpi", target=TARGETS["png_ms"])
        gif = bench.figure(
            f"report renderer: GIF ({len(months)} frames)", target=TARGETS["gif_render_ms"]
        )
        started = time.perf_counter()
        data = render_map(timeline, boundaries, months[-1], fmt="png", dpi=300)
        png.values.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        days = Dataset(timeline, first_month=KI_FIRST_MONTH).shown_days
        animation = render_animation(timeline, boundaries, days=days)
        gif.values.append((time.perf_counter() - started) * 1000)
        bench.data["report"] = {"png_bytes": len(data), "gif_bytes": len(animation)}

    return part


# ---------------------------------------------------------------- one run


def _print_profile(bench: Bench) -> None:
    for row in bench.data.get("server", {}).get("app_profile", [])[:25]:
        print(f"  {row['ms_per_step']:8.1f} ms/step  {row['calls']:>7}  {row['function']}")


def parts(args: argparse.Namespace, tmp: Path) -> list[tuple[str, Part]]:
    """Every part of the run, in order; the felt figures first (they matter most)."""
    rng = random.Random(SEED)
    ki = Timeline(load_centres(paths.CENTRES_CSV))
    months = slider_months(ki)
    state: dict[str, Any] = {}
    browser = args.no_browser is False
    chosen: list[tuple[str, Part, bool]] = [
        *((name, part, True) for name, part in felt_parts(ki)),
        ("server steps (AppTest)", server_part(months, rng, profile=args.profile), False),
        ("report renderers", report_part(ki), False),
        ("warm server: loads, steps, bytes", warm_browser_part(ki), True),
        ("naive map in the browser", naive_browser_part(ki), True),
        ("10,000 sites: server", scale_server_part(state, ki, tmp, rng), False),
        ("10,000 sites: browser", scale_browser_part(state), True),
    ]
    return [
        (name, part)
        for name, part, needs_browser in chosen
        if (browser or not needs_browser)
        and (not args.only or any(word in name for word in args.only))
    ]


def main(argv: list[str] | None = None) -> int:
    """Run every part under the guard, print the table and write `artifacts/bench.json`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium parts")
    parser.add_argument("--profile", action="store_true", help="cProfile 10 app steps")
    parser.add_argument(
        "--only", action="append", metavar="WORDS", help="run only parts whose name contains WORDS"
    )
    args = parser.parse_args(argv)

    streamlit.logger.set_log_level("error")
    # AppTest and cache clearing outside a script run warn about the missing runtime, in between
    # the figures; the servers and the browser log elsewhere.
    logging.disable(logging.WARNING)
    os.chdir(ROOT)
    os.environ.pop("KI_CENTRES_PATH", None)
    os.environ.pop("KI_BOUNDARIES_PATH", None)
    with tempfile.TemporaryDirectory(prefix="ki-bench-sites-") as tmp:
        return run_parts(parts(args, Path(tmp)), output=OUTPUT, after_table=_print_profile)


if __name__ == "__main__":
    sys.exit(main())
