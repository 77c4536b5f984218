"""Folium map building: a base map that never changes, and the layer of centres at a date.

The base map (boundaries, attribution, local Leaflet) is the same on every rerun so
streamlit-folium never re-mounts it; everything that changes with the date goes into the
feature group returned by `centre_layer`, which is swapped into the live map.
"""

from __future__ import annotations

__all__ = [
    "MARKER_STYLES",
    "NRW_CENTER",
    "NRW_ZOOM",
    "build_base_map",
    "centre_layer",
    "popup_html",
    "ring_offsets",
]

from collections import defaultdict
from collections.abc import Mapping, Sequence
from html import escape

import folium

from geo.assets import localize
from geo.centres import NRW_BBOX, Centre
from geo.i18n import t
from geo.startwindow import StartWindow
from geo.timeline import CentreState, Snapshot, Timeline

NRW_CENTER = (51.45, 7.55)
NRW_ZOOM = 8
# Each further co-located centre is drawn as a ring this many pixels wider.
RING_STEP = 6

# Colour-blind safe (Okabe-Ito); uncertain and approved also differ by fill and dash.
MARKER_STYLES: Mapping[CentreState, dict[str, object]] = {
    CentreState.OPEN: {
        "radius": 7,
        "color": "#004d33",
        "weight": 2,
        "fill": True,
        "fill_color": "#009E73",
        "fill_opacity": 0.9,
    },
    CentreState.UNCERTAIN: {
        "radius": 7,
        "color": "#D55E00",
        "weight": 2.5,
        "dash_array": "3 3",
        "fill": True,
        "fill_color": "#ffffff",
        "fill_opacity": 0.6,
    },
    CentreState.APPROVED: {
        "radius": 5,
        "color": "#0072B2",
        "weight": 2,
        "dash_array": "1 3",
        "fill": True,
        "fill_color": "#56B4E9",
        "fill_opacity": 0.3,
    },
}


def build_base_map(boundaries: object, *, lang: str = "de") -> folium.Map:
    """The constant base map: boundaries, attribution, no tiles, app-served Leaflet."""
    m = folium.Map(
        location=NRW_CENTER,
        zoom_start=NRW_ZOOM,
        tiles=None,
        control_scale=True,
        min_zoom=6,
        max_zoom=16,
    )
    localize(m)
    m.fit_bounds([NRW_BBOX[:2], NRW_BBOX[2:]])
    attribution = (
        f'<a href="{escape(boundaries.attribution_url)}">{escape(boundaries.attribution)}</a>'
    )
    layers = (
        (boundaries.kreise, {"color": "#6b6b6b", "weight": 1, "fillColor": "#f2f2f2"}, 0.5),
        (boundaries.regierungsbezirke, {"color": "#404040", "weight": 2, "fillOpacity": 0}, 0),
        (boundaries.land, {"color": "#1a1a1a", "weight": 2.5, "fillOpacity": 0}, 0),
    )
    for data, style, fill_opacity in layers:
        if not data:
            continue
        style = {"fillOpacity": fill_opacity, **style}
        folium.GeoJson(
            data,
            style_function=lambda _feature, style=style: style,
            attribution=attribution,
            interactive=False,
            control=False,
        ).add_to(m)
    return m


def ring_offsets(centres: Sequence[Centre]) -> dict[str, int]:
    """Extra radius in pixels for each co-located centre (single centres are left out).

    Centres sharing a point (Stadt Aachen and the Städteregion Aachen) stay at their true
    coordinates; the one with the shorter regional key (the larger territory) gets the wider
    ring and is drawn first, so the inner marker stays on top and both can be clicked.
    """
    groups: dict[tuple[float, float], list[Centre]] = defaultdict(list)
    for centre in centres:
        groups[(round(centre.lat, 4), round(centre.lon, 4))].append(centre)
    offsets = {}
    for group in groups.values():
        if len(group) == 1:
            continue
        ordered = sorted(group, key=lambda c: (len(c.ars), c.ars))
        for index, centre in enumerate(ordered):
            offsets[centre.id] = RING_STEP * (len(ordered) - 1 - index)
    return offsets


def popup_html(
    centre: Centre, window: StartWindow, *, lang: str = "de", colocated: bool = False
) -> str:
    """The popup of one centre: name, address, dates with their precision, sources. Escaped."""
    start = centre.start.describe(lang)
    bound = window.latest_bound
    if bound is not None:
        reason = bound.reason_de if lang == "de" else bound.reason_en
        start = f"{escape(start)} — {escape(reason)} ({_link(bound.source, t('source', lang))})"
    else:
        start = escape(start)
    rows = [
        (t("address", lang), escape(centre.address) or "—"),
        (t("approval", lang), escape(centre.approval.describe(lang))),
        (t("start", lang), start),
    ]
    if centre.start_alt.is_known:
        rows.append((t("start_alt", lang), escape(centre.start_alt.describe(lang))))
    if centre.predecessor:
        rows.append((t("predecessor", lang), escape(centre.predecessor)))
    position_key = "coords_address" if centre.coord_precision == "address" else "coords_town"
    links = "<br>".join(_link(url, _short(url)) for url in centre.sources)
    body = "".join(f"<tr><th>{escape(k)}</th><td>{v}</td></tr>" for k, v in rows)
    notes = [escape(t(position_key, lang, town=centre.town))]
    if colocated:
        notes.append(escape(t("colocated", lang)))
    return (
        f'<div class="ki-popup" data-centre="{escape(centre.id)}">'
        f"<h4>{escape(centre.name)}</h4><table>{body}</table>"
        f"<p><small>{'<br>'.join(notes)}</small></p>"
        f"<details><summary>{escape(t('sources', lang))} ({len(centre.sources)})</summary>"
        f"{links}</details></div>"
    )


def _link(url: str, label: str) -> str:
    """An escaped link that opens in a new tab (URLs are http(s) only, checked by the loader)."""
    return f'<a href="{escape(url)}" target="_blank" rel="noopener">{escape(label)}</a>'


def _short(url: str) -> str:
    """A readable label for a long source URL: host and the start of the path."""
    bare = url.split("://", 1)[-1]
    return bare if len(bare) <= 60 else bare[:57] + "…"


def centre_layer(
    timeline: Timeline, snapshot: Snapshot, *, lang: str = "de"
) -> folium.FeatureGroup:
    """One feature group with a marker per centre drawn at the snapshot's date."""
    group = folium.FeatureGroup(name="centres")
    offsets = ring_offsets(timeline.centres)
    drawn = sorted(timeline.centres, key=lambda c: -offsets.get(c.id, 0))
    for centre in drawn:
        state = snapshot.states.get(centre.id)
        if state is None:
            continue
        style = dict(MARKER_STYLES[state])
        style["radius"] += offsets.get(centre.id, 0)
        colocated = centre.id in offsets
        folium.CircleMarker(
            location=(centre.lat, centre.lon),
            tooltip=folium.Tooltip(escape(centre.name)),
            popup=folium.Popup(
                popup_html(centre, timeline.windows[centre.id], lang=lang, colocated=colocated),
                max_width=420,
            ),
            class_name=f"ki-marker ki-{state.value}",
            **style,
        ).add_to(group)
    return group
