"""The offline HTML map with a highlight, opened from disk in headless Chromium: the highlighted
centres carry `ki-highlight`, the others and their Kreise are pale, and the legend's line says
why, counting the highlighted centres of the shown month."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from geo.outputs.offline_map import standalone_html
from geo.paths import OUTLINE_GEOJSON
from geo.sources.boundaries import load_boundaries
from geo.views.map_caption import years_reason
from geo.views.mapstyles import DIM_ALPHA, KREIS_STYLE
from tests.browser.conftest import VIEWPORT

pytestmark = pytest.mark.browser

TIMEOUT_MS = 15_000

_VIEW_JS = """() => {
    const markers = [...document.querySelectorAll("path.ki-marker")];
    const opacity = (p) => p.getAttribute("stroke-opacity");
    const kreis = (ars) => document.querySelector(`path[data-ars="${ars}"]`)
        .getAttribute("fill-opacity");
    return {
        highlighted: markers.filter((p) => p.classList.contains("ki-highlight")).length,
        pale: markers.filter((p) => opacity(p) === "0.35").length,
        total: markers.length,
        line: document.querySelector(".ki-legend-highlight").textContent,
        borken: kreis("05554"),
        kleve: kreis("05154"),
    };
}"""


def test_offline_map_shows_the_highlight_and_its_legend_line(
    browser, timeline, shown_days, bkg_kreise_path: Path, tmp_path: Path
) -> None:
    boundaries = load_boundaries(
        env={"KI_BOUNDARIES_PATH": str(bkg_kreise_path)},
        cache_dir=Path("/nonexistent"),
        outline_path=OUTLINE_GEOJSON,
    )
    ids = frozenset(timeline.started_in([2016]))
    days = shown_days
    path = tmp_path / "karte.html"
    html = standalone_html(
        timeline,
        boundaries,
        days=days,
        selected=date(2015, 12, 1),
        highlight=ids,
        highlight_reason=years_reason([2016], "de"),
    )
    path.write_text(html, encoding="utf-8")
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        page.goto(path.as_uri())
        page.wait_for_selector('body[data-ready="true"]', timeout=TIMEOUT_MS)
        # December 2015: neither 2016 centre is drawn yet, so the count is 0, all pale.
        before = page.evaluate(_VIEW_JS)
        assert before["highlighted"] == 0
        assert before["pale"] == before["total"] > 0
        assert before["line"] == "Hervorgehoben: Start 2016 (0 Zentren); übrige blass"
        assert float(before["borken"]) == pytest.approx(KREIS_STYLE["fillOpacity"] * DIM_ALPHA)

        page.locator("#ki-slider").fill(str(len(days) - 1))
        page.wait_for_selector(f'body[data-day="{days[-1].isoformat()}"]', timeout=TIMEOUT_MS)
        after = page.evaluate(_VIEW_JS)
        assert after["highlighted"] == 2
        assert after["pale"] == 52
        assert after["line"] == "Hervorgehoben: Start 2016 (2 Zentren); übrige blass"
        assert float(after["borken"]) == pytest.approx(KREIS_STYLE["fillOpacity"])
        assert float(after["kleve"]) == pytest.approx(KREIS_STYLE["fillOpacity"] * DIM_ALPHA)
    finally:
        context.close()
