"""The map's frame in Chromium: NRW fills it, its height follows the window, a metric scale, the
Kreis name on hover, a button that fits NRW again, and no tooltip over an open popup."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect
from shapely.geometry import shape

from geo.paths import BOUNDARIES_GEOJSON, OUTLINE_GEOJSON
from geo.sources.boundaries import load_boundaries
from geo.views.assets import install_static_assets
from geo.views.basemap import NRW_EXTENT, build_base_map
from geo.views.mapcontrols import FIT_PADDING

pytestmark = pytest.mark.browser

# A Kreis away from the caption box and legend, hovered inside its polygon.
HOCHSAUERLAND = "05958"
DAY = date(2016, 7, 1)

# How much of the map's frame NRW's extent takes (width and height fractions) and its size.
_FILL_JS = """(extent) => {
    const map = window.map, size = map.getSize();
    const sw = map.latLngToContainerPoint(extent[0]), ne = map.latLngToContainerPoint(extent[1]);
    return {width: (ne.x - sw.x) / size.x, height: (sw.y - ne.y) / size.y,
            size: [size.x, size.y], zoom: map.getZoom()};
}"""
# True when the map shows exactly NRW's extent fitted: its centre, at the zoom that fits it.
_FITTED_JS = """([extent, [[left, top], [right, bottom]]]) => {
    const map = window.map, bounds = L.latLngBounds(extent), snap = map.options.zoomSnap;
    map.options.zoomSnap = 0;
    const zoom = map.getBoundsZoom(bounds, false, L.point(left + right, top + bottom));
    map.options.zoomSnap = snap;
    const sw = map.latLngToContainerPoint(extent[0]), ne = map.latLngToContainerPoint(extent[1]);
    const size = map.getSize();
    const midX = (size.x + left - right) / 2, midY = (size.y + top - bottom) / 2;
    return Math.abs(map.getZoom() - zoom) < 0.01
        && Math.abs((sw.x + ne.x) / 2 - midX) < 1 && Math.abs((sw.y + ne.y) / 2 - midY) < 1;
}"""
# A point of the map (lat, lon) in the iframe's pixels.
_POINT_JS = """([lat, lon]) => {
    const p = window.map.latLngToContainerPoint([lat, lon]);
    return [p.x, p.y];
}"""


def _fills(fill: dict) -> bool:
    return 0.9 <= max(fill["width"], fill["height"]) <= 1.001


def _page_point(dashboard, lat: float, lon: float) -> tuple[float, float]:
    """Where (lat, lon) is on the page, for real mouse moves (the map scrolled into view)."""
    dashboard.map_element().scroll_into_view_if_needed()
    box = dashboard.map_element().bounding_box()
    x, y = dashboard.frame().evaluate(_POINT_JS, [lat, lon])
    return box["x"] + x, box["y"] + y


def _inside_kreis(ars: str) -> tuple[float, float]:
    """A (lat, lon) inside the committed polygon of the Kreis `ars`."""
    kreise = json.loads(BOUNDARIES_GEOJSON.read_text(encoding="utf-8"))
    feature = next(f for f in kreise["features"] if f["properties"]["ARS"] == ars)
    point = shape(feature["geometry"]).representative_point()
    return point.y, point.x


def test_nrw_fills_the_frame_whose_height_follows_the_window(dashboard) -> None:
    dashboard.open(f"?date={DAY.isoformat()}")
    frame = dashboard.frame()
    fill = frame.evaluate(_FILL_JS, [list(c) for c in NRW_EXTENT])
    assert _fills(fill), fill
    height = dashboard.map_element().bounding_box()["height"]
    assert fill["size"][1] == pytest.approx(height, abs=2)
    # The caption box and legend sit where no centre is: every marker can be clicked.
    dashboard.map_element().scroll_into_view_if_needed()
    covered = [m["id"] for m in dashboard.drawn_markers() if "ki-marker" not in m["on_top"]]
    assert covered == []
    assert height == pytest.approx(720 - 150, abs=2)
    dashboard.page.set_viewport_size({"width": 1280, "height": 1000})
    frame.wait_for_function("() => window.map.getSize().y > 800")
    assert dashboard.map_element().bounding_box()["height"] == pytest.approx(850, abs=2)
    frame.wait_for_function(
        "(extent) => { const m = window.map, s = m.getSize();"
        " const a = m.latLngToContainerPoint(extent[0]), b = m.latLngToContainerPoint(extent[1]);"
        " return (a.y - b.y) / s.y > 0.9 || (b.x - a.x) / s.x > 0.9; }",
        arg=[list(c) for c in NRW_EXTENT],
    )


def test_the_scale_is_metric_only(dashboard) -> None:
    dashboard.open(f"?date={DAY.isoformat()}")
    scale = dashboard.map_content().locator(".leaflet-control-scale-line")
    expect(scale).to_have_count(1)
    text = scale.inner_text()
    assert text.endswith(" km") or text.endswith(" m"), text
    assert "mi" not in text
    assert "ft" not in text


def test_hovering_a_kreis_shows_its_name(dashboard) -> None:
    dashboard.open(f"?date={DAY.isoformat()}")
    dashboard.frame().wait_for_function(
        "() => window.kiKreise && window.kiKreise.getLayers().length"
    )
    dashboard.wait_until_settled()
    x, y = _page_point(dashboard, *_inside_kreis(HOCHSAUERLAND))
    box = dashboard.map_element().bounding_box()
    hit = dashboard.frame().evaluate(
        "([x, y]) => document.elementFromPoint(x, y).getAttribute('class')",
        [x - box["x"], y - box["y"]],
    )
    assert "ki-kreis" in hit
    dashboard.page.mouse.move(x, y)
    tooltip = dashboard.map_content().locator(".leaflet-tooltip")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text("Hochsauerlandkreis")


def test_the_reset_button_fits_nrw_again_after_zooming(dashboard) -> None:
    dashboard.open(f"?date={DAY.isoformat()}")
    frame, content = dashboard.frame(), dashboard.map_content()
    extent = [list(c) for c in NRW_EXTENT]
    frame.wait_for_function(_FITTED_JS, arg=[extent, FIT_PADDING])
    start = frame.evaluate(_FILL_JS, extent)
    content.locator(".leaflet-control-zoom-in").click()
    frame.wait_for_function("(z) => window.map.getZoom() > z + 0.4", arg=start["zoom"])
    assert not _fills(frame.evaluate(_FILL_JS, extent))
    assert not frame.evaluate(_FITTED_JS, [extent, FIT_PADDING])
    reset = content.locator(".ki-reset a")
    expect(reset).to_have_attribute("title", "Ganz NRW zeigen")
    reset.click()
    frame.wait_for_function(_FITTED_JS, arg=[extent, FIT_PADDING])
    assert _fills(frame.evaluate(_FILL_JS, extent))


def test_no_tooltip_covers_an_open_popup(dashboard) -> None:
    dashboard.open(f"?date={DAY.isoformat()}")
    dashboard.wait_until_settled()
    dashboard.map_element().scroll_into_view_if_needed()
    marker = next(m for m in dashboard.drawn_markers() if m["id"] == "kreis-borken")
    box = dashboard.map_element().bounding_box()
    point = (box["x"] + marker["x"], box["y"] + marker["y"])
    dashboard.page.mouse.move(*point)
    content = dashboard.map_content()
    expect(content.locator(".leaflet-tooltip").first).to_be_visible()
    dashboard.page.mouse.click(*point)
    expect(content.locator(".leaflet-popup .ki-popup")).to_be_visible()
    # The mouse stays on the marker and over its Kreis: still no tooltip is shown.
    dashboard.page.mouse.move(point[0] + 1, point[1] + 1)
    dashboard.page.wait_for_timeout(300)
    for tooltip in content.locator(".leaflet-tooltip").all():
        expect(tooltip).not_to_be_visible()
    # Closed, the popup gives the tooltips back (the popup may have panned the map).
    content.locator(".leaflet-popup-close-button").click()
    dashboard.frame().wait_for_function(
        "() => !(window.map._panAnim && window.map._panAnim._inProgress)"
    )
    marker = next(m for m in dashboard.drawn_markers() if m["id"] == "kreis-borken")
    dashboard.page.mouse.move(box["x"] + 5, box["y"] + box["height"] / 2)
    dashboard.page.mouse.move(box["x"] + marker["x"], box["y"] + marker["y"])
    expect(content.locator(".leaflet-tooltip").first).to_be_visible()


def test_a_frame_without_height_yet_still_gets_its_map_and_fits_nrw_later(
    browser, tmp_path: Path
) -> None:
    """The map's script runs while its frame may still be 0 px high (the page has not laid it
    out): it must not throw (the map would never appear), and it fits NRW once the frame has
    its size."""
    install_static_assets(tmp_path / "static")
    boundaries = load_boundaries(
        env={}, cache_dir=tmp_path, outline_path=OUTLINE_GEOJSON, bundled_path=BOUNDARIES_GEOJSON
    )
    base = build_base_map(boundaries, static_prefix=(tmp_path / "static").as_uri())
    (tmp_path / "map.html").write_text(base.get_root().render(), encoding="utf-8")
    (tmp_path / "page.html").write_text(
        '<iframe id="frame" src="map.html" style="width: 800px; height: 0; border: 0"></iframe>',
        encoding="utf-8",
    )
    context = browser.new_context(viewport={"width": 1000, "height": 800})
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto((tmp_path / "page.html").as_uri())
        frame = page.frame_locator("#frame")
        expect(frame.locator(".leaflet-control-scale")).to_be_attached()
        inner = page.frame(url=lambda url: url.endswith("map.html"))
        # folium names the map `map_<id>`; streamlit-folium would keep it as `window.map`.
        inner.wait_for_function(
            "() => (window.map = window[Object.keys(window).find((k) => /^map_/.test(k))])"
        )
        assert errors == [], "the map's script stopped with an error"
        page.locator("#frame").evaluate("(f) => { f.style.height = '560px'; }")
        inner.wait_for_function(_FITTED_JS, arg=[NRW_EXTENT, FIT_PADDING])
        assert errors == []
    finally:
        context.close()
