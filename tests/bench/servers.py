"""The servers and browsers the bench parts run on: a fresh `streamlit run` process with its
time to the first healthy answer, and a headless Chromium per part."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from deploy.replicas import HEALTH_PATH
from geo.paths import ROOT
from tests.browser.conftest import UNREACHABLE_NOMINATIM, free_port, launch_chromium

# A cold start, a server's start or a step longer than this counts as timed out.
LIMIT_MS = 30_000.0
# How often a starting server's health check is asked (its "ready" time is this exact).
POLL_S = 0.02


class AppRaised(RuntimeError):
    """The page shows Streamlit's exception box instead of the map (e.g. a broken import)."""


@contextmanager
def chromium() -> Iterator[Browser]:
    """Headless Chromium for one part (a crash in one part leaves the next a new browser)."""
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            yield browser
        finally:
            browser.close()


def ms_since(started: float) -> float:
    return (time.perf_counter() - started) * 1000


@contextmanager
def fresh_server(script: Path) -> Iterator[tuple[str, float | None]]:
    """`streamlit run script` on a free port, as `serve_app` starts it (same command, same
    environment), but its health check polled every `POLL_S`: yields the URL and the
    milliseconds from process start to the first healthy answer (None after `LIMIT_MS`)."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "KI_BOUNDARIES_PATH"}
    env["KI_NOMINATIM_URL"] = UNREACHABLE_NOMINATIM
    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port)]
    command += ["--server.headless", "true", "--browser.gatherUsageStats", "false"]
    url = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        yield url, _healthy_after(url, process, started)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _healthy_after(url: str, process: subprocess.Popen, started: float) -> float | None:
    while ms_since(started) < LIMIT_MS:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode} before it was ready")
        try:
            with urllib.request.urlopen(url + HEALTH_PATH, timeout=2) as response:
                if response.status == 200:
                    return ms_since(started)
        except OSError:
            time.sleep(POLL_S)
    return None
