"""The dashboard end to end in headless Chromium: markers per month, stepping and playing
without re-mounting the map, URL state, popups, no third-party requests, a screenshot."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from geo.i18n import t
from geo.model.playback import month_end, step_month
from geo.paths import CENTRES_CSV, ROOT
from geo.sources.centres import load_centres
from geo.views.mapstyles import DIM_ALPHA, KREIS_FILLS, KREIS_STYLE
from tests.browser.conftest import LOAD_TIMEOUT_MS, MAP_FRAME, STEP_TIMEOUT_MS
from ui.below_map import PENDING_KEY, SHOW_BUTTON_AFTER_S

pytestmark = pytest.mark.browser

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost"})
SURVIVOR = 42
SCREENSHOT_SIZE = {"width": 1280, "height": 2000}


def _plant_survivor(dashboard) -> None:
    """Put a value on the map iframe's window; it only survives if the iframe is not re-created."""
    dashboard.frame().evaluate(f"window.__kiMarker = {SURVIVOR}")


def _survivor(dashboard):
    return dashboard.frame().evaluate("window.__kiMarker")


def test_cold_load_shows_all_54_centres_open_at_the_default_month(dashboard) -> None:
    dashboard.open()
    dashboard.wait_for_url_date(date(2018, 10, 31))
    expect(dashboard.date_slider()).to_have_attribute("aria-valuetext", "10/2018")
    counts = dashboard.marker_counts()
    assert counts == {"open": 54, "uncertain": 0, "approved": 0, "total": 54}
    # The rerun that brought the chart and table sent the same layers: drawn once, not again.
    dashboard.page.get_by_test_id("stDataFrame").first.wait_for()
    dashboard.page.wait_for_timeout(500)
    assert dashboard.frame().evaluate("window.kiSites.drawn") == 1


def test_date_in_the_url_selects_the_month(dashboard, timeline) -> None:
    dashboard.open("?date=2016-07-01")
    frame = dashboard.map_content()
    shown = frame.locator("path.ki-marker.ki-open, path.ki-marker.ki-uncertain")
    expect(shown).to_have_count(52)
    expect(frame.locator("path.ki-marker")).to_have_count(52)
    drawn = {marker["id"] for marker in dashboard.drawn_markers()}
    assert drawn == set(timeline.snapshot(date(2016, 7, 1)).states)
    assert not drawn & {"kreis-kleve", "kreis-viersen"}

    dashboard.open("?date=2018-10-01")
    expect(frame.locator("path.ki-marker")).to_have_count(54)
    assert {"kreis-kleve", "kreis-viersen"} <= {m["id"] for m in dashboard.drawn_markers()}


def test_stepping_the_slider_updates_markers_without_remounting_the_map(
    dashboard, timeline, months
) -> None:
    month = date(2014, 6, 1)
    dashboard.open(f"?date={month.isoformat()}")
    dashboard.wait_for_counts(timeline.snapshot(month).counts)
    _plant_survivor(dashboard)
    for _ in range(10):
        month = step_month(months, month, -1)
        dashboard.step("ArrowLeft", month, timeline.snapshot(month_end(month)).counts)
    assert month == date(2013, 8, 1)
    expect(dashboard.date_slider()).to_have_attribute("aria-valuetext", "08/2013")
    assert _survivor(dashboard) == SURVIVOR, "the map iframe was re-created while stepping"


# True when the Kreis polygons' fills, counted by colour, are exactly `want`.
_KREIS_FILLS_JS = """(want) => {
    const fills = {};
    document.querySelectorAll("path.ki-kreis").forEach((p) => {
        const fill = p.getAttribute("fill");
        fills[fill] = (fills[fill] || 0) + 1;
    });
    const sorted = (o) => JSON.stringify(Object.entries(o).sort());
    return sorted(fills) === sorted(want);
}"""


# True when the Kreis polygons' fill opacities, counted by value, are exactly `want`.
_KREIS_OPACITIES_JS = """(want) => {
    const seen = {};
    document.querySelectorAll("path.ki-kreis").forEach((p) => {
        const opacity = Number(p.getAttribute("fill-opacity")).toFixed(2);
        seen[opacity] = (seen[opacity] || 0) + 1;
    });
    const sorted = (o) => JSON.stringify(Object.entries(o).sort());
    return sorted(seen) === sorted(want);
}"""


# The tooltip text of the Kreis with regional key `ars`, opened through Leaflet.
_KREIS_TOOLTIP_JS = """(ars) => {
    const kreis = window.kiKreise.getLayers().find((l) => l.feature.properties.ars === ars);
    kreis.fire("mouseover", {latlng: kreis.getBounds().getCenter()}, true);
    return document.querySelector(".leaflet-tooltip").textContent;
}"""


def _expected_kreis_fills(timeline, month: date) -> dict[str, int]:
    states = timeline.kreis_states(timeline.snapshot(month))
    fills = Counter(KREIS_FILLS[state] for state in states.values())
    fills[KREIS_FILLS[None]] += 53 - len(states)
    return dict(fills)


def test_kreis_fills_follow_the_slider_on_the_mounted_polygons(dashboard, timeline, months) -> None:
    month = date(2014, 3, 1)
    dashboard.open(f"?date={month.isoformat()}")
    dashboard.wait_for_counts(timeline.snapshot(month).counts)
    frame = dashboard.frame()
    frame.wait_for_function(_KREIS_FILLS_JS, arg=_expected_kreis_fills(timeline, month))
    _plant_survivor(dashboard)
    for _ in range(3):
        month = step_month(months, month, 1)
        dashboard.step("ArrowRight", month, timeline.snapshot(month_end(month)).counts)
        want = _expected_kreis_fills(timeline, month_end(month))
        frame.wait_for_function(_KREIS_FILLS_JS, arg=want)
    assert sum(want.values()) == 53
    assert _survivor(dashboard) == SURVIVOR, "the map iframe was re-created while stepping"
    # Kleve has no centre yet: its tooltip says so, in text.
    tooltip = frame.evaluate(_KREIS_TOOLTIP_JS, "05154")
    assert tooltip == "Kleve" + t("kreis_none", "de")
    # The fetched outlines are drawn, and the data is credited.
    assert frame.locator(".leaflet-kiOutlines-pane path").count() >= 6
    credit = dashboard.map_content().locator(".leaflet-control-attribution")
    expect(credit).to_contain_text("GeoBasis-DE / BKG")
    # The markers' layer brings the credit of the positions, once however many steps were taken.
    expect(credit).to_contain_text("GeoNames")
    assert credit.inner_text().count("GeoNames") == 1


def test_playing_advances_months_without_remounting_the_map(dashboard, timeline, months) -> None:
    start = date(2013, 1, 1)
    dashboard.open(f"?date={start.isoformat()}")
    dashboard.wait_for_counts(timeline.snapshot(start).counts)
    _plant_survivor(dashboard)
    page = dashboard.page

    page.get_by_role("button", name="Abspielen", exact=True).click()
    two_on = step_month(months, start, 2)
    dashboard.wait_for_url_date_from(two_on)
    page.get_by_role("button", name="Pause", exact=True).click()
    expect(page.get_by_role("button", name="Abspielen", exact=True)).to_be_visible()

    shown = date.fromisoformat(dashboard.url_date())
    assert shown >= two_on
    dashboard.wait_for_counts(timeline.snapshot(shown).counts)
    # Paused, the slider drives the same map on.
    after = step_month(months, shown, 1)
    dashboard.step("ArrowRight", after, timeline.snapshot(month_end(after)).counts)
    assert _survivor(dashboard) == SURVIVOR, "the map iframe was re-created while playing"


def test_a_full_session_requests_nothing_but_the_local_server(dashboard, timeline, months) -> None:
    page = dashboard.page
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("websocket", lambda socket: requested.append(socket.url))
    # Record, but never let a request leave the machine.
    page.route(
        "**/*",
        lambda route: (
            route.continue_()
            if urlparse(route.request.url).hostname in LOCAL_HOSTS
            else route.abort()
        ),
    )
    dashboard.open()
    month = months[-1]
    for _ in range(3):
        month = step_month(months, month, -1)
        dashboard.step("ArrowLeft", month, timeline.snapshot(month_end(month)).counts)
    dashboard.map_element().scroll_into_view_if_needed()
    dashboard.wait_until_settled()
    target = next(m for m in dashboard.drawn_markers() if m["id"] == "stadt-duesseldorf")
    _click_in_map(dashboard, target["x"], target["y"])
    expect(_popup(dashboard)).to_have_attribute("data-centre", "stadt-duesseldorf")

    assert len(requested) > 10
    foreign = sorted({urlparse(url).hostname for url in requested} - LOCAL_HOSTS)
    assert not foreign, f"requests to third parties: {foreign}"


def test_english_link_and_invalid_date(dashboard) -> None:
    page = dashboard.page
    dashboard.open("?lang=en")
    # The desktop row (the phone layout's copy of the controls is hidden at this width).
    desktop_row = page.locator(".st-key-ki_desktop_date")
    expect(desktop_row.get_by_text("Jump to", exact=True)).to_be_visible()
    expect(dashboard.date_slider()).to_have_attribute("aria-label", "Month")
    expect(page.get_by_role("button", name="Play", exact=True)).to_be_visible()

    dashboard.open("?date=garbage")
    warning = page.get_by_test_id("stAlertContentWarning").filter(has_text="garbage")
    expect(warning).to_be_visible()
    frame = dashboard.map_content()
    expect(frame.locator("path.ki-marker")).to_have_count(54)
    assert dashboard.url_date() == "2018-10-31"


def test_screenshot_of_2016_is_saved_as_an_artifact(dashboard) -> None:
    # Streamlit scrolls inside its own container, so a full-page shot would stop at the
    # viewport: make the viewport tall enough for the controls, KPIs and the whole map.
    dashboard.page.set_viewport_size(SCREENSHOT_SIZE)
    dashboard.open("?date=2016-07-01")
    dashboard.wait_until_settled()
    map_box = dashboard.map_element().bounding_box()
    assert map_box["y"] + map_box["height"] <= SCREENSHOT_SIZE["height"]
    target = ROOT / "artifacts" / "dashboard.png"
    target.parent.mkdir(exist_ok=True)
    target.unlink(missing_ok=True)
    dashboard.page.screenshot(path=target)
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    size = {
        "width": int.from_bytes(data[16:20], "big"),
        "height": int.from_bytes(data[20:24], "big"),
    }
    assert size == SCREENSHOT_SIZE
    assert 50_000 < len(data) < 10_000_000


def test_markers_open_popups_and_both_aachen_rings_are_clickable(dashboard) -> None:
    names = {centre.id: centre.name for centre in load_centres(CENTRES_CSV)}
    dashboard.open("?date=2016-07-01")
    dashboard.map_element().scroll_into_view_if_needed()
    for centre_id, ring in (("stadt-aachen", "inner"), ("staedteregion-aachen", "outer")):
        # Positions are read afresh: opening a popup may pan the map.
        dashboard.wait_until_settled()
        inner, outer = _colocated_pair(dashboard.drawn_markers())
        if ring == "inner":
            x, y = inner["x"], inner["y"]
        else:
            # Halfway through the outer ring: outside the inner marker and its stroke.
            x, y = outer["x"] + (inner["width"] + outer["width"]) / 4, outer["y"]
        _click_in_map(dashboard, x, y)
        popup = _popup(dashboard).and_(
            dashboard.map_content().locator(f'[data-centre="{centre_id}"]')
        )
        expect(popup).to_be_visible()
        expect(popup).to_contain_text("Quellen")
        expect(popup).to_contain_text(names[centre_id])
        # The previous popup fades out; then only this one is left.
        expect(_popup(dashboard)).to_have_count(1)


def test_no_map_control_covers_a_centre(dashboard) -> None:
    dashboard.open("?date=2018-10-01")
    dashboard.map_element().scroll_into_view_if_needed()
    dashboard.wait_until_settled()
    markers = dashboard.drawn_markers()
    assert len(markers) == 54
    covered = {m["id"]: m["on_top"] for m in markers if "ki-marker" not in (m["on_top"] or "")}
    assert not covered, f"not clickable at {dashboard.page.viewport_size}: {covered}"


def _colocated_pair(markers: list[dict]) -> tuple[dict, dict]:
    """The two markers drawn around the same point (found by geometry alone), inner first."""
    pairs = [
        (a, b)
        for i, a in enumerate(markers)
        for b in markers[i + 1 :]
        if abs(a["x"] - b["x"]) < 0.5 and abs(a["y"] - b["y"]) < 0.5
    ]
    assert len(pairs) == 1, f"expected exactly one co-located pair, found {pairs}"
    inner, outer = sorted(pairs[0], key=lambda marker: marker["width"])
    assert outer["width"] > inner["width"] + 8, "the outer ring is not visibly wider"
    return inner, outer


def _popup(dashboard):
    frame = dashboard.map_content()
    return frame.locator(".leaflet-popup-content .ki-popup")


def _click_in_map(dashboard, x: float, y: float) -> None:
    """Click like a user at (x, y) in the map iframe, after checking a marker is on top there."""
    frame = dashboard.frame()
    on_top = frame.evaluate(
        """([x, y]) => {
            let e = document.elementFromPoint(x, y);
            while (e && !e.getAttribute("class")) e = e.parentElement;
            return e ? e.getAttribute("class") : null;
        }""",
        [x, y],
    )
    assert "ki-marker" in (on_top or ""), f"at ({x:.0f}, {y:.0f}) the user hits {on_top!r}"
    box = dashboard.map_element().bounding_box()
    page_x, page_y = box["x"] + x, box["y"] + y
    viewport = dashboard.page.viewport_size
    assert 0 <= page_x < viewport["width"]
    assert 0 <= page_y < viewport["height"]
    dashboard.page.mouse.click(page_x, page_y)


def test_a_popup_links_to_the_releases_that_mention_the_centre(dashboard, timeline) -> None:
    dashboard.open("?date=2018-10-01")
    dashboard.map_element().scroll_into_view_if_needed()
    dashboard.wait_until_settled()
    kleve = next(m for m in dashboard.drawn_markers() if m["id"] == "kreis-kleve")
    _click_in_map(dashboard, kleve["x"], kleve["y"])
    popup = _popup(dashboard)
    expect(popup).to_have_attribute("data-centre", "kreis-kleve")
    popup.locator("details.ki-releases summary").click()
    links = popup.locator("a.ki-release-link")
    expect(links.first).to_be_visible()
    assert links.count() >= 3
    assert links.first.get_attribute("target") == "_blank"
    with dashboard.page.context.expect_page() as opened:
        links.first.click()
    release_page = opened.value
    release_page.wait_for_load_state()
    release_id = parse_qs(urlparse(release_page.url).query)["release"][0]
    assert f"?release={release_id}&" in links.first.get_attribute("href")
    expect(
        release_page.get_by_text(re.compile(r"erwähnte[s]? Zentr(en|um) hervorgehoben"))
    ).to_be_visible(timeout=60_000)
    highlighted = release_page.frame_locator(MAP_FRAME).locator("path.ki-marker.ki-highlight")
    expect(highlighted.first).to_be_visible()
    release_page.close()


def test_a_year_highlight_pales_the_other_kreise_on_the_live_map(dashboard, timeline) -> None:
    """With `?year=2016` the Kreise of Borken and Steinfurt keep their fill, the other 51 are
    pale, as in the exports; leaving the year filter brings every Kreis back."""
    day = date(2018, 10, 31)
    dashboard.open(f"?date={day.isoformat()}&year=2016")
    dashboard.wait_for_counts(timeline.snapshot(day).counts)
    opacity = float(KREIS_STYLE["fillOpacity"])
    full, pale = f"{opacity:.2f}", f"{opacity * DIM_ALPHA:.2f}"
    dashboard.frame().wait_for_function(_KREIS_OPACITIES_JS, arg={full: 2, pale: 51})
    dashboard.open(f"?date={day.isoformat()}")
    dashboard.wait_for_counts(timeline.snapshot(day).counts)
    dashboard.frame().wait_for_function(_KREIS_OPACITIES_JS, arg={full: 53})


def test_a_popup_says_so_when_the_published_popups_cannot_be_loaded(dashboard) -> None:
    """The KI popups come from a published file; while it cannot be fetched a popup names the
    failure, and the next popup asks for the file again."""
    page = dashboard.page
    asked: list[str] = []

    def refuse(route) -> None:
        asked.append(route.request.url)
        route.fulfill(status=503)

    page.route("**/generated/popups-*.json", refuse)
    dashboard.open("?date=2018-10-01")
    dashboard.map_element().scroll_into_view_if_needed()
    dashboard.wait_until_settled()
    content = dashboard.map_content().locator(".leaflet-popup-content")

    def open_kleve() -> None:
        kleve = next(m for m in dashboard.drawn_markers() if m["id"] == "kreis-kleve")
        _click_in_map(dashboard, kleve["x"], kleve["y"])
        expect(content).to_have_text(t("popup_unavailable", "de"))

    open_kleve()
    assert asked, "the map never asked for its popups"
    dashboard.frame().evaluate("() => window.map.closePopup()")
    dashboard.wait_until_settled()
    before = len(asked)
    open_kleve()
    assert len(asked) > before, "the next popup did not ask for the file again"


def test_a_map_that_never_draws_still_lets_the_chart_and_table_be_shown(dashboard) -> None:
    """Without Leaflet the map's script fails and never announces its markers: the line below
    it says the chart and table are waiting, and after a few seconds its button shows them."""
    page = dashboard.page
    page.route("**/leaflet/leaflet.js", lambda route: route.fulfill(status=503))
    page.goto(dashboard.base_url + "/")
    pending = page.locator(f".st-key-{PENDING_KEY}")
    expect(pending).to_contain_text(t("below_map_pending", "de"), timeout=LOAD_TIMEOUT_MS)
    button = pending.get_by_role("button", name=t("below_map_show", "de"))
    # Hidden at first (a map that loads announces itself before it shows), then offered.
    expect(button).to_be_hidden()
    expect(button).to_be_visible(timeout=(SHOW_BUTTON_AFTER_S + 5) * 1000)
    expect(pending).to_be_visible()
    assert dashboard.map_content().locator("path.ki-marker").count() == 0
    button.click()
    expect(page.get_by_test_id("stVegaLiteChart")).to_be_visible(timeout=STEP_TIMEOUT_MS)
    expect(page.get_by_test_id("stDataFrame")).to_be_visible()
    expect(pending).to_have_count(0)
