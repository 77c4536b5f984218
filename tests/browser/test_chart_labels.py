"""The rollout chart and the fact check as Chromium draws them at 1366×768: no two stated-count
labels overlap, no legend entry is cut, the months are German, and the fact check's table shows
all its rows without a scroll bar of its own."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations

import pytest
from playwright.sync_api import Page

from geo.i18n import t
from tests.browser.conftest import LOAD_TIMEOUT_MS

pytestmark = pytest.mark.browser

SCREEN = {"width": 1366, "height": 768}
CHART = '[data-testid="stVegaLiteChart"]'

# The chart's SVG texts by role: stated-count labels (their layers are named stated_labels*),
# legend labels and titles, and the time axis labels; each with its box on the page.
_TEXTS_JS = """(chart) => {
    const svg = document.querySelector(chart + " svg");
    if (!svg) return null;
    const read = (selector) => [...svg.querySelectorAll(selector)].map((node) => {
        const box = node.getBoundingClientRect();
        return {text: node.textContent, x: box.x, y: box.y, w: box.width, h: box.height};
    });
    return {
        labels: read("g[class*='stated_labels'] text"),
        legend: read(".role-legend-label text, .role-legend-title text"),
        axis: read(".role-axis-label text"),
    };
}"""

# The fact check's grid: its rows, its height and whether its own scroller could scroll.
_GRID_JS = """() => {
    const frame = document.querySelector('[data-testid="stDataFrame"]');
    const scroller = frame && frame.querySelector(".dvn-scroller");
    if (!scroller) return null;
    return {
        height: frame.getBoundingClientRect().height,
        scroll: scroller.scrollHeight - scroller.clientHeight,
    };
}"""


@pytest.fixture
def page(app_url: str, browser) -> Iterator[Page]:
    """A page of the running app at 1366×768."""
    context = browser.new_context(viewport=SCREEN)
    page = context.new_page()
    page.goto(app_url + "/?date=2016-07-01")
    page.locator(CHART + " svg").first.wait_for(timeout=LOAD_TIMEOUT_MS)
    yield page
    context.close()


def chart_texts(page: Page) -> dict[str, list[dict]]:
    page.wait_for_function(
        "(chart) => document.querySelectorAll(chart + \" g[class*='stated_labels'] text\")"
        ".length > 10",
        arg=CHART,
        timeout=LOAD_TIMEOUT_MS,
    )
    texts = page.evaluate(_TEXTS_JS, CHART)
    assert texts is not None, "the chart is not drawn as SVG"
    return texts


def intersect(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["w"]
        and b["x"] < a["x"] + a["w"]
        and (a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"])
    )


def test_no_two_stated_count_labels_overlap_at_1366_px(page: Page) -> None:
    labels = chart_texts(page)["labels"]
    assert len(labels) >= 14
    assert {"47", "49", "50", "51", "52", "53"} <= {label["text"] for label in labels}
    for a, b in combinations(labels, 2):
        assert not intersect(a, b), f"labels {a['text']} and {b['text']} overlap: {a}, {b}"


def test_the_legend_is_whole_and_the_months_are_german(page: Page) -> None:
    texts = chart_texts(page)
    legend = [entry["text"] for entry in texts["legend"]]
    assert not [entry for entry in legend if "…" in entry]
    assert legend.count(t("chart_stated", "de")) == 1
    assert t("chart_band", "de") in legend
    assert t("chart_population", "de") in legend
    assert {t("chart_check_ok", "de"), t("chart_check_off", "de")} <= set(legend)
    months = {label["text"] for label in texts["axis"]}
    assert "Juli" in months
    assert not months & {"July", "October"}


def test_the_fact_check_shows_all_28_rows_without_its_own_scroll_bar(page: Page) -> None:
    page.get_by_role("tab", name=t("tab_check", "de")).click()
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=LOAD_TIMEOUT_MS)
    page.wait_for_function(f"() => ({_GRID_JS})() !== null", timeout=15_000)
    grid = page.evaluate(_GRID_JS)
    assert grid is not None
    assert grid["height"] >= 29 * 35  # a header and 28 rows of 35 px
    assert grid["scroll"] <= 1
