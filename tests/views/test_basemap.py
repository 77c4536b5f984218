"""The constant base map: local assets only, identical on every build, boundaries fetched once."""

from __future__ import annotations

import re

import folium
import pytest

from geo.paths import OUTLINE_GEOJSON
from geo.sources.boundaries import load_boundaries
from geo.views.assets import static_url
from geo.views.basemap import boundary_layers, build_base_map, legend_html
from geo.views.map_caption import centre_entries, kreis_entries
from geo.views.maplayers import kreis_layer


def _rendered(m: folium.Map, layer: folium.FeatureGroup | None = None) -> str:
    if layer is not None:
        layer.add_to(m)
    return m.get_root().render()


def test_base_map_loads_no_asset_from_another_host(boundaries) -> None:
    html = _rendered(build_base_map(boundaries))
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert sources, "the map must load Leaflet"
    assert all(src.startswith("/app/static/") for src in sources), sources
    assert "GeoBasis-DE / BKG" in html


def test_base_map_is_identical_on_every_build(boundaries) -> None:
    def script() -> str:
        html = _rendered(build_base_map(boundaries))
        return re.sub(r"_[0-9a-f]{32}", "_ID", html)

    assert script() == script()


def test_the_base_map_fetches_the_boundaries_and_a_step_sends_only_kreis_states(
    boundaries,
) -> None:
    url = "/app/static/generated/boundaries-0123456789abcdef.json"
    html = _rendered(build_base_map(boundaries, boundaries_url=url))
    assert f'fetch("{url}")' in html
    assert '"coordinates"' not in html
    assert len(html) < 20_000
    assert "fetch(" not in _rendered(build_base_map(boundaries))
    step = _rendered(folium.Map(tiles=None), kreis_layer(boundaries, {}))
    assert '"coordinates"' not in step
    assert len(step) < 20_000


def test_boundary_layers_keep_what_the_map_draws(boundaries, tmp_path) -> None:
    layers = boundary_layers(boundaries)
    assert len(layers["kreise"]["features"]) == 53
    assert {tuple(f["properties"]) for f in layers["kreise"]["features"]} == {("ars", "name")}
    assert len(layers["regierungsbezirke"]["features"]) == 5
    assert len(layers["land"]["features"]) == 1
    outline_only = load_boundaries(env={}, cache_dir=tmp_path, outline_path=OUTLINE_GEOJSON)
    only_land = boundary_layers(outline_only)
    assert only_land["kreise"] is None
    assert only_land["land"]["features"]


def test_legend_names_every_state_in_the_chosen_language(boundaries) -> None:
    html = _rendered(build_base_map(boundaries, lang="en"))
    for words in ("Open", "Start uncertain", "Approved, not started", "no centre yet"):
        assert words in html
    assert "ki-legend" in html


def test_tiles_are_off_by_default_and_carry_attribution_when_on(boundaries) -> None:
    default = _rendered(build_base_map(boundaries))
    assert "tileLayer" not in default
    osm = _rendered(build_base_map(boundaries, tiles="osm"))
    assert "tile.openstreetmap.org" in osm
    assert "OpenStreetMap</a>-Mitwirkende (ODbL)" in osm.replace("\\u003c", "<").replace(
        "\\u003e", ">"
    )
    basemap = _rendered(build_base_map(boundaries, tiles="basemap"))
    assert "wmts_basemapde" in basemap


@pytest.mark.parametrize(
    ("base", "prefix"),
    [("", "/app/static"), ("/ki-atlas/", "/ki-atlas/app/static"), ("a/b", "/a/b/app/static")],
)
def test_static_files_are_found_below_the_servers_base_path(boundaries, base, prefix) -> None:
    assert static_url(base) == prefix
    html = _rendered(build_base_map(boundaries, static_prefix=prefix))
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert sources
    assert all(src.startswith(prefix + "/") for src in sources), sources


def test_the_frame_fits_nrw_has_a_metric_scale_and_a_reset_button(boundaries) -> None:
    html = _rendered(build_base_map(boundaries, lang="en"))
    assert "L.control.scale({metric: true, imperial: false" in html
    assert html.count("L.control.scale(") == 1
    assert '"Show all of NRW"' in html
    assert "window.kiFitNrw" in html
    assert '"ki-popup-open"' in html
    assert ".ki-popup-open .leaflet-tooltip-pane" in html
    assert '"Ganz NRW zeigen"' in _rendered(build_base_map(boundaries, lang="de"))


def test_the_report_base_map_has_no_buttons_but_the_same_words(boundaries) -> None:
    report = _rendered(build_base_map(boundaries, report=True))
    assert "leaflet-bar ki-reset" not in report
    assert '"zoomControl": false' in report
    assert 'classList.add("ki-report")' in report
    for html in (report, _rendered(build_base_map(boundaries))):
        assert "ki-caption" in html
        assert "ki-legend-highlight" in html


def test_the_legend_lists_the_caption_entries_and_leaves_out_missing_kreise(tmp_path) -> None:
    html, at = legend_html("de"), 0
    for _, label in (*centre_entries("de"), *kreis_entries("de")):
        at = html.index(label, at) + len(label)
    assert "noch kein Zentrum" not in legend_html("de", with_kreise=False)
    outline = load_boundaries(env={}, cache_dir=tmp_path, outline_path=OUTLINE_GEOJSON)
    assert "noch kein Zentrum" not in _rendered(build_base_map(outline))
