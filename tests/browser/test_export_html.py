"""The standalone HTML map opened from disk in headless Chromium with every non-file request
blocked: markers per month like the dashboard, slider, step and play buttons, escaped popups."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from html import escape
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from geo.i18n import t
from geo.model.timeline import Timeline
from geo.outputs.offline_map import standalone_html
from geo.paths import OUTLINE_GEOJSON
from geo.sources.atomic import write_text_atomic
from geo.sources.boundaries import Boundaries, load_boundaries
from geo.sources.fuzzydate import FuzzyDate
from geo.views.maplayers import ring_offsets
from geo.views.mapstyles import KREIS_FILLS

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1280, "height": 720}
TIMEOUT_MS = 15_000
HOSTILE = "</script><img src=x onerror=alert(1)>"

# Markers by class, the counter, the date label and every Kreis fill, as the page shows them.
_VIEW_JS = """() => {
    const n = (sel) => document.querySelectorAll(sel).length;
    const counter = (s) => parseInt(document.getElementById("ki-count-" + s).textContent, 10);
    const fills = {};
    document.querySelectorAll("path.ki-kreis").forEach((p) => {
        fills[p.getAttribute("data-ars")] = p.getAttribute("fill");
    });
    return {
        day: document.body.getAttribute("data-day"),
        label: document.getElementById("ki-date").textContent,
        markers: {
            open: n("path.ki-marker.ki-open"),
            uncertain: n("path.ki-marker.ki-uncertain"),
            approved: n("path.ki-marker.ki-approved"),
            total: n("path.ki-marker"),
        },
        counter: {open: counter("open"), uncertain: counter("uncertain"),
                  approved: counter("approved")},
        fills: fills,
    };
}"""

# Move the slider the way a user's drag does: set its value and fire `input`.
_SLIDE_JS = """(i) => {
    const slider = document.getElementById("ki-slider");
    slider.value = String(i);
    slider.dispatchEvent(new Event("input", {bubbles: true}));
}"""


@dataclass
class OfflinePage:
    """One opened export with what it asked for, the dialogs it raised and its script errors."""

    page: Page
    requested: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def view(self) -> dict:
        return self.page.evaluate(_VIEW_JS)

    def wait_for_day(self, day: date) -> None:
        self.page.wait_for_selector(f'body[data-day="{day.isoformat()}"]', timeout=TIMEOUT_MS)

    def foreign_requests(self) -> list[str]:
        return [url for url in self.requested if not url.startswith("file://")]


@pytest.fixture(scope="module")
def boundaries(bkg_kreise_path: Path) -> Boundaries:
    return load_boundaries(
        env={"KI_BOUNDARIES_PATH": str(bkg_kreise_path)},
        cache_dir=Path("/nonexistent"),
        outline_path=OUTLINE_GEOJSON,
    )


@pytest.fixture
def open_export(
    browser: Browser, tmp_path: Path, boundaries: Boundaries, shown_days: list[date]
) -> Iterator[Callable[..., OfflinePage]]:
    """Write an export of a timeline to tmp_path and open it via file:// (network blocked)."""
    contexts = []

    def open_(timeline: Timeline, name: str = "karte.html") -> OfflinePage:
        path = tmp_path / name
        write_text_atomic(path, standalone_html(timeline, boundaries, days=shown_days))
        context = browser.new_context(viewport=VIEWPORT)
        contexts.append(context)
        page = context.new_page()
        opened = OfflinePage(page)

        def route(route_) -> None:
            opened.requested.append(route_.request.url)
            if route_.request.url.startswith("file://"):
                route_.continue_()
            else:
                route_.abort()

        def dialog(dialog_) -> None:
            opened.dialogs.append(dialog_.message)
            dialog_.dismiss()

        context.route("**/*", route)
        page.on("request", lambda request: opened.requested.append(request.url))
        page.on("dialog", dialog)
        page.on("pageerror", lambda error: opened.errors.append(str(error)))
        page.goto(path.as_uri())
        page.wait_for_selector('body[data-ready="true"]', timeout=TIMEOUT_MS)
        return opened

    yield open_
    for context in contexts:
        context.close()


def _isolated_centre(timeline: Timeline):
    """The northernmost centre: far from every other marker, so a click hits only it."""
    offsets = ring_offsets(timeline.centres)
    return max((c for c in timeline.centres if c.id not in offsets), key=lambda c: c.lat)


def test_export_opens_offline_at_the_last_month_with_all_54_markers(
    open_export, timeline, shown_days
) -> None:
    opened = open_export(timeline)
    view = opened.view()
    assert opened.page.locator("#ki-slider").count() == 1
    assert view["day"] == shown_days[-1].isoformat()
    assert view["label"] == shown_days[-1].strftime("%m/%Y")
    assert view["markers"]["total"] == 54
    assert opened.page.locator("path.ki-marker").count() == 54
    assert opened.requested
    assert opened.foreign_requests() == []
    assert opened.errors == []


def _aachen_region_behind_the_city(timeline: Timeline) -> Timeline:
    """The Städteregion (drawn first) only approved while the city's centre is already open,
    so a Kreis fill must come from its most advanced centre, not its first."""
    changed = {
        "staedteregion-aachen": {
            "approval": FuzzyDate.parse("2013-01-15", "day"),
            "start": FuzzyDate.parse("2014-06-01", "day"),
        },
        "stadt-aachen": {"start": FuzzyDate.parse("2013-03-01", "day")},
    }
    return Timeline([replace(c, **changed.get(c.id, {})) for c in timeline.centres])


@pytest.mark.parametrize("variant", ["dataset", "aachen-region-behind-city"])
def test_every_month_matches_the_timeline_markers_counter_and_kreis_fills(
    open_export, timeline, shown_days, variant
) -> None:
    if variant != "dataset":
        timeline = _aachen_region_behind_the_city(timeline)
        states = timeline.snapshot(date(2013, 6, 1)).states
        assert states["staedteregion-aachen"].value == "approved"
        assert states["stadt-aachen"].value == "open"
    opened = open_export(timeline)
    for index, day in enumerate(shown_days):
        opened.page.evaluate(_SLIDE_JS, index)
        view = opened.view()
        snapshot = timeline.snapshot(day)
        assert view["day"] == day.isoformat()
        assert view["markers"] == snapshot.counts, day
        assert view["counter"] == {k: snapshot.counts[k] for k in view["counter"]}, day
        kreis_states = timeline.kreis_states(snapshot)
        expected = {ars: KREIS_FILLS[kreis_states.get(ars)] for ars in view["fills"]}
        assert view["fills"] == expected, day
    assert len(view["fills"]) == 53


def test_slider_at_2016_07_shows_what_the_dashboard_shows(open_export, timeline) -> None:
    opened = open_export(timeline)
    opened.page.locator("#ki-slider").fill(str(_index(opened, date(2016, 7, 31))))
    opened.wait_for_day(date(2016, 7, 31))
    view = opened.view()
    assert view["markers"] == timeline.snapshot(date(2016, 7, 31)).counts
    assert view["markers"]["total"] == 52
    assert view["label"] == "07/2016"
    assert opened.page.locator("#ki-shown").inner_text() == "Stand: 31.07.2016"


def _index(opened: OfflinePage, day: date) -> int:
    days = opened.page.evaluate(
        "() => JSON.parse(document.getElementById('ki-data').textContent).days"
    )
    return days.index(day.isoformat())


def test_step_buttons_move_one_month(open_export, timeline, shown_days) -> None:
    opened = open_export(timeline)
    opened.page.click("#ki-back")
    opened.wait_for_day(shown_days[-2])
    opened.page.click("#ki-back")
    opened.wait_for_day(shown_days[-3])
    assert opened.view()["markers"] == timeline.snapshot(shown_days[-3]).counts
    opened.page.click("#ki-forward")
    opened.wait_for_day(shown_days[-2])
    opened.page.click("#ki-forward")
    opened.page.click("#ki-forward")
    opened.wait_for_day(shown_days[-1])
    assert opened.page.locator("#ki-slider").input_value() == str(len(shown_days) - 1)


def test_play_advances_the_month_and_pause_stops(open_export, timeline, shown_days) -> None:
    opened = open_export(timeline)
    start = shown_days.index(date(2013, 1, 31))
    opened.page.evaluate(_SLIDE_JS, start)
    opened.wait_for_day(shown_days[start])
    opened.page.click("#ki-play")
    assert opened.page.get_attribute("body", "data-playing") == "true"
    assert opened.page.inner_text("#ki-play") == t("pause", "de")
    opened.page.wait_for_function(
        "(d) => document.body.getAttribute('data-day') >= d",
        arg=shown_days[start + 2].isoformat(),
        timeout=TIMEOUT_MS,
    )
    opened.page.click("#ki-play")
    assert opened.page.get_attribute("body", "data-playing") == "false"
    assert opened.page.inner_text("#ki-play") == t("play", "de")
    shown = date.fromisoformat(opened.view()["day"])
    assert opened.view()["markers"] == timeline.snapshot(shown).counts


def test_play_at_the_last_month_starts_over(open_export, timeline, shown_days) -> None:
    opened = open_export(timeline)
    opened.page.click("#ki-play")
    opened.page.wait_for_function(
        "(d) => document.body.getAttribute('data-day') < d",
        arg=shown_days[-1].isoformat(),
        timeout=TIMEOUT_MS,
    )
    opened.page.click("#ki-play")
    assert opened.page.get_attribute("body", "data-playing") == "false"


def test_popup_and_tooltip_show_the_centres_name(open_export, timeline) -> None:
    opened = open_export(timeline)
    centre = _isolated_centre(timeline)
    marker = opened.page.locator(f'path.ki-marker[data-centre="{centre.id}"]')
    marker.hover()
    assert opened.page.locator(".leaflet-tooltip").inner_text() == centre.name
    marker.click()
    heading = opened.page.locator(".leaflet-popup-content h4")
    heading.wait_for(timeout=TIMEOUT_MS)
    assert heading.inner_text() == centre.name
    assert heading.inner_html() == escape(centre.name, quote=False)
    assert opened.page.locator(f'.ki-popup[data-centre="{centre.id}"]').count() == 1


def test_hostile_name_is_shown_as_text_and_runs_nothing(open_export, timeline) -> None:
    target = _isolated_centre(timeline)
    centres = [replace(c, name=HOSTILE) if c.id == target.id else c for c in timeline.centres]
    opened = open_export(Timeline(centres), name="hostile.html")
    marker = opened.page.locator(f'path.ki-marker[data-centre="{target.id}"]')
    marker.hover()
    assert opened.page.locator(".leaflet-tooltip").inner_text() == HOSTILE
    marker.click()
    heading = opened.page.locator(".leaflet-popup-content h4")
    heading.wait_for(timeout=TIMEOUT_MS)
    assert heading.inner_text() == HOSTILE
    assert opened.page.locator("img").count() == 0
    assert opened.page.locator("path.ki-marker").count() == 54
    assert opened.dialogs == []
    assert opened.errors == []
    assert opened.foreign_requests() == []
    assert all(url.endswith("hostile.html") for url in opened.requested)
