"""Two replicas behind nginx (`deploy/`): eight sessions through the proxy, each with its own date
and start years, stay on their replica; when one replica stops, the sessions on the other keep
working without a reload, and the stopped one's sessions come back on the survivor with their
own state. Latency through nginx is written to `artifacts/replicas.json` (not judged)."""

from __future__ import annotations

import asyncio
import json
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from playwright.async_api import Page, async_playwright

from deploy.replicas import ReplicaSet
from geo.model.playback import month_end, step_month
from geo.model.timeline import Timeline
from geo.paths import ROOT
from geo.sources.atomic import write_text_atomic
from tests.browser.conftest import UNREACHABLE_NOMINATIM, VIEWPORT, free_port
from tests.browser.sessions import (
    SessionLog,
    below_map_shown,
    expect_state,
    launch_chromium_async,
    percentile,
    timed,
)

pytestmark = pytest.mark.browser

REPLICAS = 2
SESSIONS = 8
START_YEARS = (2013, 2014, 2016, 2017)
STICKY_COOKIE = "ki_replica"
# Set on each page before the replica stops: a reload would remove it.
_MARK_JS = "() => { window.__kiNotReloaded = true; }"
_STILL_MARKED_JS = "() => window.__kiNotReloaded === true"


@dataclass
class Session:
    """One browser session: its sticky cookie, the replica it was routed to and its own view."""

    index: int
    cookie: str
    replica: int
    day: date
    years: tuple[int, ...]
    page: Page | None = None
    log: SessionLog = field(init=False)

    def __post_init__(self) -> None:
        self.log = SessionLog(self.index)


def _replica_of(url: str, cookie: str, ports: list[int]) -> int:
    """Which replica nginx routes a browser with this sticky cookie to (its X-KI-Replica)."""
    request = urllib.request.Request(url + "/", headers={"Cookie": f"{STICKY_COOKIE}={cookie}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        answered = response.headers["X-KI-Replica"]
    return ports.index(int(answered.rsplit(":", 1)[1]))


def _sessions(url: str, ports: list[int], months: list[date]) -> list[Session]:
    """Eight sessions, four routed to each replica, each with a distinct day and start year."""
    per_replica: dict[int, list[str]] = {index: [] for index in range(REPLICAS)}
    for candidate in range(200):
        cookie = f"session-{candidate}"
        routes = per_replica[_replica_of(url, cookie, ports)]
        if len(routes) < SESSIONS // REPLICAS:
            routes.append(cookie)
        if all(len(v) == SESSIONS // REPLICAS for v in per_replica.values()):
            break
    assert all(len(v) == SESSIONS // REPLICAS for v in per_replica.values()), per_replica
    routed = [(replica, cookie) for replica, cookies in per_replica.items() for cookie in cookies]
    return [
        Session(i, cookie, replica, months[20 + 7 * i], (START_YEARS[i % len(START_YEARS)],))
        for i, (replica, cookie) in enumerate(routed)
    ]


async def _open(browser, url: str, timeline: Timeline, session: Session) -> None:
    context = await browser.new_context(viewport=VIEWPORT)
    await context.add_cookies([{"name": STICKY_COOKIE, "value": session.cookie, "url": url}])
    session.page = await context.new_page()
    query = f"?date={session.day.isoformat()}&year={','.join(map(str, session.years))}"
    await session.page.goto(f"{url}/{query}")
    await expect_state(session.page, timeline, session.day, session.years, session.log)
    await below_map_shown(session.page)


async def _step(session: Session, timeline: Timeline, months: list[date]) -> None:
    """One slider step forward, timed until the page shows the new day with its own years."""
    page = session.page
    session.day = month_end(step_month(months, session.day, 1))
    slider = page.locator(".st-key-date_slider").get_by_role("slider")
    session.log.latencies.append(
        await timed(
            page,
            lambda: slider.press("ArrowRight"),
            lambda: expect_state(page, timeline, session.day, session.years, session.log),
        )
    )


async def _run(
    replica_set: ReplicaSet, timeline: Timeline, months: list[date], sessions: list[Session]
) -> dict[str, float]:
    url = replica_set.url
    async with async_playwright() as playwright:
        browser = await launch_chromium_async(playwright)
        try:
            for session in sessions:
                await _open(browser, url, timeline, session)
            await asyncio.gather(*(_step(s, timeline, months) for s in sessions))
            for session in sessions:
                await session.page.evaluate(_MARK_JS)

            stopped_at = time.perf_counter()
            await asyncio.to_thread(replica_set.stop_replica, 0)
            survivors = [s for s in sessions if s.replica == 1]
            moved = [s for s in sessions if s.replica == 0]
            # The survivors go on as if nothing happened: a step each, and no reload.
            await asyncio.gather(*(_step(s, timeline, months) for s in survivors))
            for session in survivors:
                assert await session.page.evaluate(_STILL_MARKED_JS), session.index
            # The stopped replica's sessions reconnect to the survivor with their own view.
            await asyncio.gather(
                *(expect_state(s.page, timeline, s.day, s.years, s.log) for s in moved)
            )
            recovered_s = time.perf_counter() - stopped_at
            # Their kept map frames announce to the new sessions, so chart and table come back.
            await asyncio.gather(*(below_map_shown(s.page) for s in moved))
            await asyncio.gather(*(_step(s, timeline, months) for s in moved))
            return {"recovered_s": recovered_s}
        finally:
            await browser.close()


def test_two_replicas_behind_nginx_keep_sessions_apart_and_survive_a_stopped_replica(
    tmp_path: Path, timeline: Timeline, months: list[date]
) -> None:
    ports = [free_port() for _ in range(REPLICAS)]
    env = {"KI_NOMINATIM_URL": UNREACHABLE_NOMINATIM, "KI_BOUNDARIES_PATH": ""}
    with ReplicaSet(ports, free_port(), tmp_path / "runtime", env=env) as replica_set:
        sessions = _sessions(replica_set.url, ports, months)
        with ThreadPoolExecutor(max_workers=1) as pool:
            run = _run(replica_set, timeline, months, sessions)
            outcome = pool.submit(asyncio.run, run).result()
        assert replica_set.replicas[0].poll() is not None
        assert replica_set.replicas[1].poll() is None
        # After the stop, every request went to the surviving replica.
        assert _replica_of(replica_set.url, sessions[0].cookie, ports) == 1

    for session in sessions:
        assert len(session.log.latencies) == 2, session.index
        # Opened, stepped, (moved: shown again after reconnecting,) stepped again.
        assert len(session.log.checked) == (4 if session.replica == 0 else 3), session.index
    # Each session ended on its own view, all eight different.
    assert len({(s.day, s.years) for s in sessions}) == SESSIONS

    before = [s.log.latencies[0] for s in sessions]
    after = [ms for s in sessions for ms in s.log.latencies[1:]]
    result = {
        "replicas": REPLICAS,
        "sessions": SESSIONS,
        "step_ms_before_stop": {
            "p50": round(percentile(before, 0.5)),
            "p95": round(percentile(before, 0.95)),
        },
        "step_ms_after_stop": {
            "p50": round(percentile(after, 0.5)),
            "p95": round(percentile(after, 0.95)),
        },
        "moved_sessions_back_s": round(outcome["recovered_s"], 2),
    }
    print(f"\nthrough nginx: {json.dumps(result)}")
    target = ROOT / "artifacts" / "replicas.json"
    target.parent.mkdir(exist_ok=True)
    write_text_atomic(target, json.dumps(result, indent=2) + "\n")
