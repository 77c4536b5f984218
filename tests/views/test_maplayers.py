"""The layers of a day: one marker per centre with its state, Kreis fills, escaped text, credit."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date

import folium
import pytest

from geo.i18n import t
from geo.model.timeline import CentreState, Timeline
from geo.paths import CENTRES_CSV, OUTLINE_GEOJSON
from geo.sources.boundaries import load_boundaries
from geo.sources.centres import load_centres
from geo.views.basemap import build_base_map
from geo.views.map_caption import map_caption, years_reason
from geo.views.maplayers import (
    caption_layer,
    centre_layer,
    centre_popups,
    kreis_layer,
    ring_offsets,
)


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    return Timeline(load_centres(CENTRES_CSV))


def _rendered(m: folium.Map, layer: folium.FeatureGroup | None = None) -> str:
    if layer is not None:
        layer.add_to(m)
    return m.get_root().render()


def _markers(html: str) -> list[dict]:
    """Every marker the rendered page draws: its row (lat, lon, tooltip, popup) and style."""
    rows = json.loads(re.search(r"var rows = (\[.*?\]);\n", html).group(1))
    styles = json.loads(re.search(r"var styles = (\[.*?\]);\n", html).group(1))
    return [
        {"lat": r[0], "lon": r[1], "tooltip": r[3], "popup": r[4], "id": r[5], **styles[r[2]]}
        for r in rows
    ]


def _marker_classes(html: str) -> list[str]:
    return [m["className"].split()[1] for m in _markers(html)]


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


def _kreis_table(html: str) -> dict[str, list]:
    """The `{ars: [fill, dash, label, fill opacity]}` table a `KreisStates` script recolours
    with."""
    match = re.search(r"window\.kiKreisStates = (\{.*?\});", html)
    assert match is not None
    return json.loads(match.group(1))


def test_kreis_layer_fills_each_kreis_by_its_most_advanced_centre(timeline, boundaries) -> None:
    snapshot = timeline.snapshot(date(2016, 7, 1))
    states = timeline.kreis_states(snapshot)
    table = _kreis_table(_rendered(folium.Map(tiles=None), kreis_layer(boundaries, states)))
    kreise = {f["properties"]["ars"] for f in boundaries.kreise["features"]}
    assert set(table) == kreise | {""}
    fills = [fill for ars, (fill, _dash, _label, _opacity) in table.items() if ars]
    assert fills.count("#bfe8d6") == sum(1 for s in states.values() if s.value == "open")
    assert fills.count("#f0f0f0") == 53 - len(states)
    kleve = next(
        f["properties"]["ars"]
        for f in boundaries.kreise["features"]
        if f["properties"]["name"] == "Kleve"
    )
    assert table[kleve] == ["#f0f0f0", None, "noch kein Zentrum", 0.6]
    assert {opacity for *_, opacity in table.values()} == {0.6}, "no highlight: none pale"


def test_a_highlight_pales_the_kreise_without_a_highlighted_centre(timeline, boundaries) -> None:
    snapshot = timeline.snapshot(date(2018, 10, 31))
    highlight = frozenset(timeline.started_in([2016]))
    lit = timeline.lit_kreise(snapshot, highlight)
    layer = kreis_layer(boundaries, timeline.kreis_states(snapshot), lit=lit)
    table = _kreis_table(_rendered(folium.Map(tiles=None), layer))
    full = {ars for ars, (*_, opacity) in table.items() if opacity == 0.6}
    assert full == {"05554", "05566"}, "Borken and Steinfurt started in 2016"
    assert {opacity for ars, (*_, opacity) in table.items() if ars not in full} == {0.21}


def test_uncertain_kreise_are_dashed_and_labelled_in_english(timeline, boundaries) -> None:
    states = {"05154": CentreState.UNCERTAIN}
    table = _kreis_table(
        _rendered(folium.Map(tiles=None), kreis_layer(boundaries, states, lang="en"))
    )
    assert table["05154"][:2] == ["#fde0c5", "4 4"]
    assert table["05154"][2] == t("kreis_uncertain", "en")


def test_kreis_layer_is_empty_without_kreis_polygons(timeline, tmp_path) -> None:
    outline_only = load_boundaries(env={}, cache_dir=tmp_path, outline_path=OUTLINE_GEOJSON)
    assert outline_only.source == "outline"
    layer = kreis_layer(outline_only, {}, lang="de")
    assert not layer._children


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


def test_the_caption_layer_carries_the_words_of_the_day_as_json(timeline, boundaries) -> None:
    caption = map_caption(
        timeline,
        boundaries,
        date(2016, 7, 1),
        lang="de",
        title='<img src=x onerror="alert(1)">',
        highlight=frozenset(timeline.started_in([2016])),
        highlight_reason=years_reason([2016], "de"),
    )
    html = _rendered(folium.Map(tiles=None), caption_layer(caption))
    words = json.loads(re.search(r"window\.kiCaption = (\{.*?\});", html).group(1))
    assert words == {
        "title": caption.title,
        "date": "Stand: 01.07.2016",
        "counts": caption.count_lines,
        "highlight": "Hervorgehoben: Start 2016 (2 Zentren); übrige blass",
    }
    assert "<img" not in html


def test_a_marker_closes_its_tooltip_when_its_popup_opens(timeline) -> None:
    html = _rendered(
        folium.Map(tiles=None), centre_layer(timeline, timeline.snapshot(date(2018, 10, 1)))
    )
    assert 'marker.on("popupopen", function () { this.closeTooltip(); });' in html


def test_with_a_popups_url_a_step_sends_ids_and_no_popup(timeline) -> None:
    """The KI map publishes its popups once; a step's rows then carry the centre id only, and
    the page fetches the popups from the URL (54 popups are most of a step's bytes)."""
    snapshot = timeline.snapshot(date(2018, 10, 31))
    url = "/app/static/generated/popups-de-0123456789abcdef.json"
    published = _rendered(folium.Map(tiles=None), centre_layer(timeline, snapshot, popups_url=url))
    inline = _rendered(folium.Map(tiles=None), centre_layer(timeline, snapshot))
    markers = _markers(published)
    assert [m["popup"] for m in markers] == [None] * 54
    assert {m["id"] for m in markers} == {c.id for c in timeline.centres}
    assert f"var popupsUrl = {json.dumps(url)};" in published
    popups = centre_popups(timeline)
    assert {m["id"]: m["popup"] for m in _markers(inline)} == popups, "the same HTML either way"
    assert len(published) < len(inline) - 100_000


def test_the_frame_announces_its_first_draw_once_per_session_token(timeline) -> None:
    """The frame announces its first draw with the session's token (the same in every run, so a
    rerun does not redraw the layers; see the browser test of the cold load)."""
    snapshot = timeline.snapshot(date(2018, 10, 31))

    def script(token: str | None) -> str:
        layer = centre_layer(timeline, snapshot, announce_token=token)
        return _rendered(folium.Map(tiles=None), layer)

    assert 'var announceToken = "a1";' in script("a1")
    assert "window.kiAnnounced !== announceToken" in script("a1")
    assert "var announceToken = null;" in script(None)
