"""The centre layer above DENSE_THRESHOLD: canvas markers, names as text, no URL, its size."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import folium
import pytest

from geo.model.timeline import CentreState, Timeline
from geo.paths import CACHE_DIR, CENTRES_CSV, OUTLINE_GEOJSON
from geo.sources.boundaries import load_boundaries
from geo.sources.centres import load_centres
from geo.views.assets import localize
from geo.views.maplayers import DENSE_THRESHOLD, SiteMarkers, centre_layer
from geo.views.mapstyles import MARKER_STYLES, marker_style
from tests.bench.synthetic import synthetic_centres

DAY = date(2016, 7, 1)


@pytest.fixture(scope="module")
def ki() -> Timeline:
    return Timeline(load_centres(CENTRES_CSV))


@pytest.fixture(scope="module")
def large(bkg_kreise_path: Path) -> Timeline:
    boundaries = load_boundaries(
        env={"KI_BOUNDARIES_PATH": str(bkg_kreise_path)},
        cache_dir=CACHE_DIR,
        outline_path=OUTLINE_GEOJSON,
    )
    ki = load_centres(CENTRES_CSV)
    return Timeline(synthetic_centres(ki, n=10_000, kreise=boundaries.kreise))


def rendered(layer: folium.FeatureGroup) -> str:
    """The page a folium map with only `layer` renders to (Leaflet pointed at the app's copy)."""
    m = localize(folium.Map(tiles=None))
    layer.add_to(m)
    return m.get_root().render()


def sites_of(layer: folium.FeatureGroup) -> tuple[list[list], list[dict]]:
    (element,) = [c for c in layer._children.values() if isinstance(c, SiteMarkers)]
    assert element.canvas
    return element.rows, element.styles


def drawn_states(layer: folium.FeatureGroup) -> dict[str, int]:
    """Counts by state of what the rendered page draws, read back from its JSON array."""
    html = rendered(layer)
    sites = json.loads(re.search(r"var rows = (\[.*?\]);\n", html).group(1))
    styles = json.loads(re.search(r"var styles = (\[.*?\]);\n", html).group(1))
    colours = {MARKER_STYLES[s]["fill_color"]: s.value for s in CentreState}
    counts = dict.fromkeys(colours.values(), 0)
    for site in sites:
        counts[colours[styles[site[2]]["fillColor"]]] += 1
    return counts


def test_threshold_keeps_the_ki_centres_on_the_detailed_layer(ki: Timeline) -> None:
    assert len(ki.centres) <= DENSE_THRESHOLD
    (element,) = centre_layer(ki, ki.snapshot(DAY))._children.values()
    assert not element.canvas
    assert all(row[4] for row in element.rows), "every KI marker has its popup"


def test_counts_per_state_at_scale(large: Timeline) -> None:
    snapshot = large.snapshot(DAY)
    counts = drawn_states(centre_layer(large, snapshot))
    assert counts == {s: snapshot.counts[s] for s in ("open", "uncertain", "approved")}
    assert all(n > 0 for n in counts.values())


def test_canvas_styles_come_from_the_marker_styles() -> None:
    for state in CentreState:
        style = marker_style(state, canvas=True)
        assert style["fillColor"] == MARKER_STYLES[state]["fill_color"]
        assert style["color"] == MARKER_STYLES[state]["color"]
        assert style.get("dashArray") == MARKER_STYLES[state].get("dash_array")
        assert "className" not in style


def test_highlight_emphasises_some_and_dims_the_rest(large: Timeline) -> None:
    snapshot = large.snapshot(DAY)
    chosen = frozenset(list(snapshot.states)[:3])
    sites, styles = sites_of(centre_layer(large, snapshot, highlight=chosen))
    strong = [s for s in sites if styles[s[2]]["weight"] > 2.5]
    dim = [s for s in sites if styles[s[2]].get("opacity") == 0.35]
    assert len(strong) == 3
    assert len(dim) == len(sites) - 3


def test_tooltip_names_the_site_and_its_state_in_the_language(large: Timeline) -> None:
    snapshot = large.snapshot(DAY)
    sites_de, _ = sites_of(centre_layer(large, snapshot, lang="de"))
    sites_en, _ = sites_of(centre_layer(large, snapshot, lang="en"))
    first = next(c for c in large.centres if c.id in snapshot.states)
    assert sites_de[0][3].startswith(first.name + " (")
    assert sites_de[0][3] != sites_en[0][3]
    assert {len(site) for site in sites_de} == {4}, "no popup and no id at this size"


def test_a_hostile_name_stays_text(large: Timeline) -> None:
    hostile = '</script><img src=x onerror="alert(1)"><b>KI</b>'
    centres = [replace(large.centres[0], name=hostile), *large.centres[1:]]
    timeline = Timeline(centres)
    html = rendered(centre_layer(timeline, timeline.snapshot(date(2018, 12, 1))))
    assert "</script><img" not in html
    assert "<b>KI</b>" not in html
    # The tooltip is a text node built in the browser, never HTML.
    assert "span.textContent = value" in html
    assert "innerHTML" not in html


def test_contains_no_external_url(large: Timeline) -> None:
    html = rendered(centre_layer(large, large.snapshot(DAY)))
    # Only the credit link in the attribution: a link to follow, nothing the page loads.
    assert set(re.findall(r"(?:https?:)?//[\w.-]+\.\w+", html)) == {"https://www.geonames.org"}


def test_ten_thousand_sites_stay_below_two_megabytes(large: Timeline) -> None:
    snapshot = large.snapshot(date(2018, 12, 1))
    layer = centre_layer(large, snapshot)
    sites, _ = sites_of(layer)
    assert len(sites) == snapshot.counts["total"] > 9000
    assert len(rendered(layer).encode()) < 2_000_000
