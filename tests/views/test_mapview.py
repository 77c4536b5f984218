"""Map building: what the base map and the centre layer draw, escaped, with local assets only."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import folium
import pytest
from factories import make_centre

from geo.i18n import t
from geo.model.startwindow import start_window
from geo.model.timeline import CentreState, Timeline
from geo.paths import CENTRES_CSV, OUTLINE_GEOJSON
from geo.sources.boundaries import load_boundaries
from geo.sources.centres import load_centres
from geo.views.assets import install_static_assets, publish_json, static_url
from geo.views.mapview import (
    ReleaseLink,
    boundary_layers,
    build_base_map,
    centre_layer,
    kreis_layer,
    popup_html,
    ring_offsets,
)


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    return Timeline(load_centres(CENTRES_CSV))


@pytest.fixture(scope="module")
def boundaries(bkg_kreise_path: Path):
    return load_boundaries(
        env={"KI_BOUNDARIES_PATH": str(bkg_kreise_path)},
        cache_dir=Path("/nonexistent"),
        outline_path=OUTLINE_GEOJSON,
    )


def _rendered(m: folium.Map, layer: folium.FeatureGroup | None = None) -> str:
    if layer is not None:
        layer.add_to(m)
    return m.get_root().render()


def _markers(html: str) -> list[dict]:
    """Every marker the rendered page draws: its row (lat, lon, tooltip, popup) and style."""
    rows = json.loads(re.search(r"var rows = (\[.*?\]);\n", html).group(1))
    styles = json.loads(re.search(r"var styles = (\[.*?\]);\n", html).group(1))
    return [
        {"lat": r[0], "lon": r[1], "tooltip": r[3], "popup": r[4], **styles[r[2]]} for r in rows
    ]


def _marker_classes(html: str) -> list[str]:
    return [m["className"].split()[1] for m in _markers(html)]


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


def test_layer_draws_one_marker_per_centre_with_its_state_class(timeline) -> None:
    html = _rendered(
        folium.Map(tiles=None), centre_layer(timeline, timeline.snapshot(date(2013, 8, 15)))
    )
    classes = _marker_classes(html)
    snap = timeline.snapshot(date(2013, 8, 15)).counts
    assert classes.count("ki-open") == snap["open"]
    assert classes.count("ki-uncertain") == snap["uncertain"]
    assert classes.count("ki-approved") == snap["approved"]
    assert len(classes) == snap["total"] > 0


@pytest.mark.parametrize(("day", "drawn"), [(date(2011, 1, 1), 0), (date(2018, 10, 1), 54)])
def test_layer_draws_nothing_before_and_everything_after(timeline, day, drawn) -> None:
    html = _rendered(folium.Map(tiles=None), centre_layer(timeline, timeline.snapshot(day)))
    assert len(_marker_classes(html)) == drawn


def test_uncertain_differs_from_open_by_dash_and_fill_not_only_colour(timeline) -> None:
    html = _rendered(
        folium.Map(tiles=None), centre_layer(timeline, timeline.snapshot(date(2014, 1, 15)))
    )
    markers = _markers(html)
    open_opts = next(m for m in markers if "ki-open" in m["className"])
    unc_opts = next(m for m in markers if "ki-uncertain" in m["className"])
    assert open_opts.get("dashArray") is None
    assert unc_opts["dashArray"] == "3 3"
    assert unc_opts["fillColor"] == "#ffffff"


def test_co_located_aachen_centres_are_concentric_rings_inner_on_top(timeline) -> None:
    offsets = ring_offsets(timeline.centres)
    assert offsets == {"staedteregion-aachen": 6, "stadt-aachen": 0}
    html = _rendered(
        folium.Map(tiles=None), centre_layer(timeline, timeline.snapshot(date(2018, 10, 1)))
    )
    aachen = [m for m in _markers(html) if (m["lat"], m["lon"]) == (50.77664, 6.08342)]
    assert [m["radius"] for m in aachen] == [13, 7], "outer ring first, inner on top"
    assert all("ineinanderliegende Ringe" in m["popup"] for m in aachen)


def test_popup_shows_dates_with_precision_and_the_derived_bound() -> None:
    bonn = make_centre(territory_type="kreisfreie Stadt", name="KI Bonn")
    html = popup_html(bonn, start_window(bonn), lang="de")
    assert "unbekannt — spätestens 25.04.2014" in html
    assert "laut Landesregierung" in html
    month = make_centre(start=("2013-06", "month"), alt="2013", approval=("2013-01-28", "before"))
    html = popup_html(month, start_window(month), lang="de")
    assert "Juni 2013" in html
    assert "spätestens 28.01.2013" in html
    assert "Abweichende Angabe" in html


def test_popup_escapes_every_text_field() -> None:
    payload = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    centre = make_centre(name=payload, street=payload, town=payload, predecessor=payload)
    centre = replace(centre, sources=("https://example.org/?q=<script>",))
    html = popup_html(centre, start_window(centre), lang="en")
    assert "<script>" not in html
    assert "<img" not in html
    assert "&lt;script&gt;" in html


def test_popup_links_the_releases_that_mention_the_centre() -> None:
    centre = make_centre()
    links = [
        ReleaseLink("/?release=a&lang=de", "01.07.2016: Eröffnung"),
        ReleaseLink('/?release=b"><script>x</script>', "<b>bold</b>"),
    ]
    html = popup_html(centre, start_window(centre), lang="de", releases=links)
    assert "Erwähnt in (2)" in html
    assert html.count('class="ki-release-link"') == 2
    assert 'href="/?release=a&amp;lang=de" target="_blank"' in html
    assert "<script>" not in html
    assert "<b>" not in html
    assert "Erwähnt in" not in popup_html(centre, start_window(centre), lang="de")


def test_published_json_is_named_by_its_content_and_written_once(tmp_path: Path) -> None:
    url = publish_json(tmp_path, "kreise", {"name": "Düren"})
    assert re.fullmatch(r"/app/static/generated/kreise-[0-9a-f]{16}\.json", url)
    target = tmp_path / url.removeprefix("/app/static/")
    assert json.loads(target.read_text(encoding="utf-8")) == {"name": "Düren"}
    written = target.stat().st_mtime_ns
    assert publish_json(tmp_path, "kreise", {"name": "Düren"}) == url
    assert target.stat().st_mtime_ns == written
    assert publish_json(tmp_path, "kreise", {"name": "Dueren"}) != url
    assert sorted(p.name for p in target.parent.iterdir() if p.name.startswith(".")) == []


def test_static_assets_are_copied_once(tmp_path: Path) -> None:
    first = install_static_assets(tmp_path)
    assert (tmp_path / "leaflet" / "leaflet.js").stat().st_size > 100_000
    assert (tmp_path / "jquery" / "jquery.min.js").is_file()
    assert first
    assert install_static_assets(tmp_path) == []


def _kreis_table(html: str) -> dict[str, list]:
    """The `{ars: [fill, dash, label]}` table a `KreisStates` script recolours with."""
    match = re.search(r"window\.kiKreisStates = (\{.*?\});", html)
    assert match is not None
    return json.loads(match.group(1))


def test_kreis_layer_fills_each_kreis_by_its_most_advanced_centre(timeline, boundaries) -> None:
    snapshot = timeline.snapshot(date(2016, 7, 1))
    states = timeline.kreis_states(snapshot)
    table = _kreis_table(_rendered(folium.Map(tiles=None), kreis_layer(boundaries, states)))
    kreise = {f["properties"]["ars"] for f in boundaries.kreise["features"]}
    assert set(table) == kreise | {""}
    fills = [fill for ars, (fill, _dash, _label) in table.items() if ars]
    assert fills.count("#bfe8d6") == sum(1 for s in states.values() if s.value == "open")
    assert fills.count("#f0f0f0") == 53 - len(states)
    kleve = next(
        f["properties"]["ars"]
        for f in boundaries.kreise["features"]
        if f["properties"]["name"] == "Kleve"
    )
    assert table[kleve] == ["#f0f0f0", None, "noch kein Zentrum"]


def test_uncertain_kreise_are_dashed_and_labelled_in_english(timeline, boundaries) -> None:
    states = {"05154": CentreState.UNCERTAIN}
    table = _kreis_table(
        _rendered(folium.Map(tiles=None), kreis_layer(boundaries, states, lang="en"))
    )
    assert table["05154"][:2] == ["#fde0c5", "4 4"]
    assert table["05154"][2] == t("kreis_uncertain", "en")


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


def test_kreis_layer_is_empty_without_kreis_polygons(timeline, tmp_path) -> None:
    outline_only = load_boundaries(env={}, cache_dir=tmp_path, outline_path=OUTLINE_GEOJSON)
    assert outline_only.source == "outline"
    layer = kreis_layer(outline_only, {}, lang="de")
    assert not layer._children


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


def test_highlight_marks_chosen_centres_and_dims_the_rest(timeline) -> None:
    snapshot = timeline.snapshot(date(2018, 10, 1))
    chosen = frozenset(timeline.started_in([2013]))
    html = _rendered(folium.Map(tiles=None), centre_layer(timeline, snapshot, highlight=chosen))
    markers = _markers(html)
    assert sum("ki-highlight" in m["className"] for m in markers) == len(chosen) > 0
    assert sum(m.get("opacity") == 0.35 for m in markers) == 54 - len(chosen)


def test_names_reach_the_page_as_text_and_popups_escaped(timeline) -> None:
    hostile = '</script><img src=x onerror="alert(1)">'
    centres = [replace(timeline.centres[0], name=hostile), *timeline.centres[1:]]
    hostile_timeline = Timeline(centres)
    html = _rendered(
        folium.Map(tiles=None),
        centre_layer(hostile_timeline, hostile_timeline.snapshot(date(2018, 10, 1))),
    )
    assert "</script><img" not in html
    marker = next(m for m in _markers(html) if m["tooltip"] == hostile)
    assert "&lt;/script&gt;&lt;img" in marker["popup"]
    assert "span.textContent = value" in html


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


def test_the_sites_credit_travels_with_the_markers_not_the_base_map(timeline, boundaries) -> None:
    def attribution(html: str) -> str:
        match = re.search(r"group\.options\.attribution = (\".*?\");", html)
        assert match is not None
        return json.loads(match.group(1))

    snapshot = timeline.snapshot(date(2016, 7, 1))
    own = centre_layer(timeline, snapshot, sites_credit="Standorte: <b>x</b>.csv")
    assert (
        attribution(_rendered(folium.Map(tiles=None), own)) == "Standorte: &lt;b&gt;x&lt;/b&gt;.csv"
    )
    ki = attribution(_rendered(folium.Map(tiles=None), centre_layer(timeline, snapshot)))
    assert "geonames.org" in ki
    assert "geonames.org" not in _rendered(build_base_map(boundaries))
