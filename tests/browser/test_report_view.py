"""The view for reports in Chromium at 1600 x 900: the map fills the window and carries its title,
date, counts, legend, scale and credits inside its own rectangle; nothing else is visible. The
screenshot is kept as `docs/report-view.png` (the README shows it)."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from geo.paths import BOUNDARIES_GEOJSON, OUTLINE_GEOJSON, ROOT
from geo.sources.boundaries import Boundaries, load_boundaries
from geo.views.map_caption import map_caption
from tests.browser.conftest import MAP_FRAME, Dashboard

pytestmark = pytest.mark.browser

SIZE = {"width": 1600, "height": 900}
DAY = date(2014, 4, 25)
SCREENSHOT = ROOT / "docs" / "report-view.png"
# Inside the map: what a report needs to carry.
PARTS = (".ki-caption", ".ki-legend", ".leaflet-control-scale", ".leaflet-control-attribution")

# Every element of the page that takes visible room on screen and is not the map or holds it.
_VISIBLE_OTHERS_JS = """(selector) => {
    const map = document.querySelector(selector), found = [];
    for (const el of document.body.querySelectorAll("*")) {
        if (el === map || el.contains(map)) continue;
        const box = el.getBoundingClientRect(), style = getComputedStyle(el);
        const onScreen = box.right > 0 && box.bottom > 0
            && box.left < innerWidth && box.top < innerHeight;
        if (box.width > 0 && box.height > 0 && onScreen && style.visibility !== "hidden"
            && style.opacity !== "0") {
            found.push(`${el.tagName} ${el.getAttribute("data-testid") || el.className}`);
        }
    }
    return found;
}"""


def _inside(inner: dict, outer: dict) -> bool:
    return (
        inner["x"] >= outer["x"] - 0.5
        and inner["y"] >= outer["y"] - 0.5
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 0.5
        and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + 0.5
    )


@pytest.fixture(scope="module")
def boundaries_for_report(tmp_path_factory) -> Boundaries:
    """The boundaries the app draws after a fresh clone (the committed BKG Kreise)."""
    return load_boundaries(
        env={},
        cache_dir=tmp_path_factory.mktemp("no-cache"),
        outline_path=OUTLINE_GEOJSON,
        bundled_path=BOUNDARIES_GEOJSON,
    )


@pytest.fixture
def report_page(app_url, browser):
    context = browser.new_context(viewport=SIZE)
    page = context.new_page()
    yield Dashboard(page, app_url)
    context.close()


def test_the_report_view_is_one_map_with_its_words_inside(
    report_page, timeline, boundaries_for_report
) -> None:
    dashboard = report_page
    dashboard.open(f"?view=report&date={DAY.isoformat()}")
    dashboard.wait_for_counts(timeline.snapshot(DAY).counts)
    content = dashboard.map_content()
    caption = map_caption(timeline, boundaries_for_report, DAY, lang="de")
    box = content.locator(".ki-caption")
    expect(box).to_contain_text(caption.title)
    expect(box).to_contain_text("Stand: 25.04.2014")
    for line in caption.count_lines.splitlines():
        expect(box).to_contain_text(line)
    frame_box = dashboard.map_element().bounding_box()
    assert frame_box == {"x": 0, "y": 0, "width": SIZE["width"], "height": SIZE["height"]}
    for part in PARTS:
        inner = content.locator(part).first.bounding_box()  # page coordinates
        assert inner is not None, part
        assert _inside(inner, frame_box), (part, inner)
    expect(content.locator(".leaflet-control-zoom")).to_have_count(0)
    expect(content.locator(".ki-reset")).to_have_count(0)
    assert dashboard.page.evaluate(_VISIBLE_OTHERS_JS, MAP_FRAME) == []
    dashboard.wait_until_settled()
    SCREENSHOT.write_bytes(dashboard.page.screenshot())


def test_a_highlight_in_a_report_link_is_explained_in_the_legend(report_page, timeline) -> None:
    dashboard = report_page
    dashboard.open("?view=report&date=2016-07-01&year=2016&aspect=4:3")
    line = dashboard.map_content().locator(".ki-legend .ki-legend-highlight")
    expect(line).to_have_text("Hervorgehoben: Start 2016 (2 Zentren); übrige blass")
    frame_box = dashboard.map_element().bounding_box()
    assert frame_box["height"] == SIZE["height"]
    assert frame_box["width"] == pytest.approx(SIZE["height"] * 4 / 3, abs=1)
