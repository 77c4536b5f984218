"""Browser fixtures: a real `streamlit run` of the app and Debian Chromium driven by Playwright.

`Dashboard` wraps one page of the running app with the ready signals the tests wait for (the
URL's `date=`, the map iframe's marker classes); `measure_latency.py` reuses it and `serve_app`.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Browser, Frame, FrameLocator, Locator, Page, sync_playwright

from deploy.replicas import HEALTH_PATH, wait_healthy
from geo.model.playback import month_end
from geo.model.timeline import Timeline
from geo.paths import CENTRES_CSV, ROOT
from geo.sources.centres import load_centres
from geo.views.dataset import KI_FIRST_MONTH, Dataset, event_months
from tests.browser.chromium import INSTALL_HINT, chromium_executable
from ui.below_map import PENDING_KEY

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
# A common laptop screen (and Playwright's default), so layout problems show up in tests.
VIEWPORT = {"width": 1280, "height": 720}
# The first load of a fresh server builds the cached timeline and boundaries.
LOAD_TIMEOUT_MS = 60_000
STEP_TIMEOUT_MS = 15_000
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost"})
# Port 9 (discard) on this machine: nothing listens, so a request fails at once.
UNREACHABLE_NOMINATIM = "http://127.0.0.1:9"

# Marker counts by class inside the map iframe, in the shape of `Snapshot.counts`.
_COUNTS_JS = """() => {
    const n = (sel) => document.querySelectorAll(sel).length;
    return {
        open: n("path.ki-marker.ki-open"),
        uncertain: n("path.ki-marker.ki-uncertain"),
        approved: n("path.ki-marker.ki-approved"),
        total: n("path.ki-marker"),
    };
}"""

# True once every marker path was drawn after `mark_markers_stale` and the counts match.
_FRESH_COUNTS_JS = """(want) => {
    const paths = [...document.querySelectorAll("path.ki-marker")];
    if (paths.some((p) => p.__kiStale)) return false;
    const n = (cls) => paths.filter((p) => p.classList.contains(cls)).length;
    return n("ki-open") === want.open && n("ki-uncertain") === want.uncertain
        && n("ki-approved") === want.approved && paths.length === want.total;
}"""

# Each drawn centre marker: its centre id, its classes, its box in the iframe and
# the classes of what a click on its centre would hit.
# `window.map` is the Leaflet map streamlit-folium keeps on the iframe's window.
_DRAWN_JS = """() => {
    const out = [];
    window.map.eachLayer((layer) => {
        if (!(layer instanceof L.CircleMarker) || !layer._path || !layer.getPopup()) return;
        if (!layer._path.classList.contains("ki-marker")) return;
        const box = layer._path.getBoundingClientRect();
        const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
        let hit = document.elementFromPoint(x, y);
        while (hit && !hit.getAttribute("class")) hit = hit.parentElement;
        out.push({
            id: layer.kiCentre || null,
            classes: layer._path.getAttribute("class"),
            x: x,
            y: y,
            width: box.width,
            on_top: hit ? hit.getAttribute("class") : null,
        });
    });
    return out;
}"""

# True when the map is at rest: no zoom or pan animation (a popup pans the map into view), and
# each marker's box is exactly twice its drawn radius (no zoom transform left on the layer).
_SETTLED_JS = """() => {
    const map = window.map;
    if (!map || map._animatingZoom || (map._panAnim && map._panAnim._inProgress)) return false;
    const paths = [...document.querySelectorAll("path.ki-marker")];
    return paths.length > 0 && paths.every((p) => {
        const r = parseFloat(p.getAttribute("d").match(/a([\\d.]+),/)[1]);
        return Math.abs(p.getBoundingClientRect().width - 2 * r) < 0.5;
    });
}"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serve_app(
    boundaries_path: Path | None = None,
    *,
    env: Mapping[str, str] | None = None,
    script: Path | None = None,
) -> Iterator[str]:
    """Run `streamlit run app.py` (or `script`) on a free local port with `env` added to the
    environment (e.g. KI_CENTRES_PATH); yields its base URL, stops it after. Without
    `boundaries_path` the app draws its committed boundaries, as after a fresh clone."""
    inherited = {k: v for k, v in os.environ.items() if k != "KI_BOUNDARIES_PATH"}
    env = {
        **inherited,
        # No test may reach the public Nominatim: a closed local port unless a test names one.
        "KI_NOMINATIM_URL": UNREACHABLE_NOMINATIM,
        **(env or {}),
        **({"KI_BOUNDARIES_PATH": str(boundaries_path)} if boundaries_path else {}),
    }
    with run_streamlit(script or ROOT / "app.py", env=env, cwd=ROOT) as url:
        yield url


@contextmanager
def run_streamlit(script: Path, *, env: Mapping[str, str], cwd: Path) -> Iterator[str]:
    """`streamlit run script` in `cwd` with exactly `env` on a free local port; yields its URL."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port)]
    command += ["--server.headless", "true", "--browser.gatherUsageStats", "false"]
    process = subprocess.Popen(
        command, cwd=cwd, env=dict(env), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url + HEALTH_PATH, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def launch_chromium(playwright) -> Browser:
    """Headless Chromium (Debian's, else Playwright's); a missing browser is an error."""
    executable = chromium_executable(playwright.chromium)
    assert executable is not None, INSTALL_HINT
    return playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)


def slider_months(timeline: Timeline) -> list[date]:
    """The date slider's options as `app.py` builds them: 01/2012 to after the last event."""
    return event_months(timeline, KI_FIRST_MONTH)


def wait_for_below_map(
    page: Page, timeout: float = LOAD_TIMEOUT_MS, *, drawn: bool = False
) -> None:
    """Wait for the rerun that the map's first draw asks for: the line that holds the place of
    the chart and the table is gone (see `ui.below_map`); at once on a page without it. With
    `drawn`, also until the chart and the table are there (measurements start after them)."""
    page.locator(f".st-key-{PENDING_KEY}").wait_for(state="detached", timeout=timeout)
    if drawn:
        page.get_by_test_id("stVegaLiteChart").first.wait_for(timeout=timeout)
        page.get_by_test_id("stDataFrame").first.wait_for(timeout=timeout)


class Dashboard:
    """One browser page showing the app, with the waits and reads the tests share."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url

    def load(self, query: str = "") -> None:
        """Load the app (`query` like "?date=2016-07-01") and wait for the first map marker.

        The marker is looked for in the newest map frame: the bench's naive map, re-created by
        the rerun its first draw asks for, briefly has two (the old one fading out)."""
        self.page.goto(self.base_url + "/" + query)
        frame = self.page.locator(MAP_FRAME).last.content_frame
        frame.locator("path.ki-marker").first.wait_for(timeout=LOAD_TIMEOUT_MS)

    def open(self, query: str = "") -> None:
        """`load`, then wait for the rerun the map's first draw asks for, which puts the chart
        and table below it."""
        self.load(query)
        wait_for_below_map(self.page)

    def map_element(self) -> Locator:
        """The map's iframe element in the page."""
        return self.page.locator(MAP_FRAME)

    def map_content(self) -> FrameLocator:
        """Locators inside the map iframe (re-resolved on every use)."""
        return self.page.frame_locator(MAP_FRAME)

    def frame(self) -> Frame:
        """The map iframe's frame (the same object as long as the iframe is not re-created)."""
        frame = self.map_element().element_handle().content_frame()
        assert frame is not None, "map iframe has no content frame"
        return frame

    def marker_counts(self) -> dict[str, int]:
        """Markers in the map by class: open, uncertain, approved and total."""
        return self.frame().evaluate(_COUNTS_JS)

    def drawn_markers(self) -> list[dict]:
        """Every centre marker in the map: id, classes, centre x/y, width, and
        `on_top`, the classes of the element a click at its centre hits."""
        return self.frame().evaluate(_DRAWN_JS)

    def mark_markers_stale(self) -> None:
        """Tag the current marker paths so `wait_for_counts` can tell when they were replaced."""
        self.frame().evaluate(
            "() => document.querySelectorAll('path.ki-marker').forEach((p) => p.__kiStale = true)"
        )

    def wait_for_counts(self, counts: Mapping[str, int], timeout: float = STEP_TIMEOUT_MS) -> None:
        """Wait until the map shows exactly `counts` (a `Snapshot.counts`), all freshly drawn."""
        want = {key: counts[key] for key in ("open", "uncertain", "approved", "total")}
        self.frame().wait_for_function(_FRESH_COUNTS_JS, arg=want, timeout=timeout)

    def wait_until_settled(self) -> None:
        """Wait until the map stopped zooming and panning, so marker positions are final."""
        self.frame().wait_for_function(_SETTLED_JS, timeout=STEP_TIMEOUT_MS)

    def url_date(self) -> str | None:
        """The `date=` query parameter of the page's current URL."""
        return parse_qs(urlparse(self.page.url).query).get("date", [None])[0]

    def wait_for_url_date(self, day: date, timeout: float = STEP_TIMEOUT_MS) -> None:
        """Wait until the app has written `day` into the URL (it does so on every rerun)."""
        self.page.wait_for_function(
            "(d) => new URLSearchParams(location.search).get('date') === d",
            arg=day.isoformat(),
            timeout=timeout,
        )

    def wait_for_url_date_from(self, day: date, timeout: float = STEP_TIMEOUT_MS) -> None:
        """Wait until the URL's date is `day` or later."""
        self.page.wait_for_function(
            "(d) => (new URLSearchParams(location.search).get('date') || '') >= d",
            arg=day.isoformat(),
            timeout=timeout,
        )

    def date_slider(self) -> Locator:
        """The thumb of the month slider (keyed widget `date_slider`)."""
        return self.page.locator(".st-key-date_slider").get_by_role("slider")

    def step(self, key: str, month: date, counts: Mapping[str, int]) -> None:
        """Press `key` on the month slider; wait for `month`'s last day (the day a month shows)
        in the URL and `counts` on the map."""
        self.mark_markers_stale()
        self.date_slider().press(key)
        self.wait_for_url_date(month_end(month))
        self.wait_for_counts(counts)


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    """The running dashboard's base URL (a fresh server for the test session)."""
    with serve_app() as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Debian Chromium; a missing browser fails the test (CI installs it)."""
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def timeline() -> Timeline:
    """The dataset's timeline, to predict what the map must show at a month."""
    return Timeline(load_centres(CENTRES_CSV))


@pytest.fixture(scope="session")
def months(timeline: Timeline) -> list[date]:
    """The date slider's options."""
    return slider_months(timeline)


@pytest.fixture(scope="session")
def shown_days(timeline: Timeline) -> list[date]:
    """The day each slider month shows (its last day), as the Export tab passes them on."""
    return Dataset(timeline, first_month=KI_FIRST_MONTH).shown_days


@pytest.fixture
def dashboard(app_url: str, browser: Browser) -> Iterator[Dashboard]:
    """A fresh page (own browser context, laptop-sized viewport) on the running app."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    yield Dashboard(page, app_url)
    context.close()
