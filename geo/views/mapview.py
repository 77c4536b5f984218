"""Folium map building: a base map that never changes, and the layers of a date.

The base map (Kreis polygons, outlines, attribution, local Leaflet) is the same on every rerun
so streamlit-folium never re-mounts it; everything that changes with the date goes into the
feature groups of `kreis_layer` (a recolouring) and `centre_layer`, swapped into the live map.
"""

from __future__ import annotations

__all__ = [
    "DENSE_THRESHOLD",
    "KREIS_FILLS",
    "KREIS_STYLE",
    "MARKER_STYLES",
    "NRW_CENTER",
    "NRW_ZOOM",
    "TILE_LAYERS",
    "BoundaryLayers",
    "KreisStates",
    "Legend",
    "ReleaseLink",
    "SiteMarkers",
    "attribution_html",
    "boundary_layers",
    "build_base_map",
    "centre_layer",
    "kreis_layer",
    "legend_html",
    "marker_style",
    "popup_html",
    "ring_offsets",
    "sites_attribution",
]

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from geo.i18n import t
from geo.model.startwindow import StartWindow
from geo.model.timeline import CentreState, Snapshot, Timeline
from geo.sources.boundaries import Boundaries
from geo.sources.centres import Centre
from geo.views.assets import STATIC_URL, localize

NRW_CENTER = (51.45, 7.55)
NRW_ZOOM = 8
# South-west and north-east corners of Nordrhein-Westfalen, the view the map opens with.
NRW_EXTENT = ((50.32, 5.86), (52.53, 9.46))
# Each further co-located centre is drawn as a ring this many pixels wider.
RING_STEP = 6
# Above this many centres the markers share one canvas and carry no popup (see `centre_layer`).
DENSE_THRESHOLD = 1000
# folium's option names for the Leaflet ones the marker styles use.
_LEAFLET_NAMES = {
    "fill_color": "fillColor",
    "fill_opacity": "fillOpacity",
    "dash_array": "dashArray",
}

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


TILE_LAYERS: Mapping[str, dict[str, str]] = {
    "basemap": {
        "url": "https://sgx.geodatenzentrum.de/wmts_basemapde/tile/1.0.0/"
        "de_basemapde_web_raster_farbe/default/GLOBAL_WEBMERCATOR/{z}/{y}/{x}.png",
        "attribution": '&copy; <a href="https://basemap.de">basemap.de</a> / '
        '<a href="https://www.bkg.bund.de">BKG</a> (CC BY 4.0)',
    },
    "osm": {
        "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "attribution": '&copy; <a href="https://www.openstreetmap.org/copyright">'
        "OpenStreetMap</a>-Mitwirkende (ODbL)",
    },
}

KREIS_FILLS: Mapping[CentreState | None, str] = {
    None: "#f0f0f0",
    CentreState.APPROVED: "#cfe6f5",
    CentreState.UNCERTAIN: "#fde0c5",
    CentreState.OPEN: "#bfe8d6",
}
KREIS_STYLE = {"fillOpacity": 0.6, "color": "#6b6b6b", "weight": 1, "className": "ki-kreis"}


@dataclass(frozen=True)
class ReleaseLink:
    """A press release named in a centre's popup: where it opens and how it is labelled."""

    href: str
    label: str


class Legend(MacroElement):
    """A fixed Leaflet control in the lower right corner holding the legend's HTML."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: "bottomright"});
        {{ this.get_name() }}.onAdd = function () {
            var div = L.DomUtil.create("div", "ki-legend");
            div.innerHTML = {{ this.html|tojson }};
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, html: str) -> None:
        super().__init__()
        self._name = "Legend"
        self.html = html


def build_base_map(
    boundaries: Boundaries,
    *,
    lang: str = "de",
    tiles: str = "none",
    boundaries_url: str | None = None,
    static_prefix: str = STATIC_URL,
) -> folium.Map:
    """The constant base map: optional tiles, the boundaries fetched from `boundaries_url`
    (`boundary_layers` published with `geo.views.assets.publish_json`), legend, the boundaries'
    attribution (the sites' comes with `centre_layer`, so another dataset keeps the same base
    map and never re-mounts it), Leaflet from the app's static folder at `static_prefix`."""
    m = folium.Map(
        location=NRW_CENTER,
        zoom_start=NRW_ZOOM,
        tiles=None,
        control_scale=True,
        min_zoom=6,
        max_zoom=16,
        zoom_snap=0.25,
        zoom_delta=0.5,
    )
    localize(m, static_prefix)
    m.fit_bounds(NRW_EXTENT)
    if tiles in TILE_LAYERS:
        layer = TILE_LAYERS[tiles]
        folium.TileLayer(layer["url"], attr=layer["attribution"], name=tiles, control=False).add_to(
            m
        )
    attribution = _boundaries_credit(boundaries)
    BoundaryLayers(boundaries_url, attribution, _kreis_style(None)).add_to(m)
    Legend(legend_html(lang)).add_to(m)
    return m


def attribution_html(boundaries: Boundaries, lang: str, sites_credit: str | None = None) -> str:
    """The credit line (HTML, escaped): the boundaries' source, then the site positions'."""
    return f"{_boundaries_credit(boundaries)} | {sites_attribution(lang, sites_credit)}"


def _boundaries_credit(boundaries: Boundaries) -> str:
    return f'<a href="{escape(boundaries.attribution_url)}">{escape(boundaries.attribution)}</a>'


def sites_attribution(lang: str, sites_credit: str | None = None) -> str:
    """Where the site positions come from (HTML): GeoNames, unless `sites_credit` names another
    source (an upload), shown as text."""
    if sites_credit:
        return escape(sites_credit)
    return f'<a href="https://www.geonames.org/">{escape(t("attribution_geonames", lang))}</a>'


def legend_html(lang: str) -> str:
    """The legend: Kreis fills and the three marker styles, drawn as inline SVG."""
    swatches = "".join(
        f'<div><span style="display:inline-block;width:14px;height:10px;background:{colour};'
        f'border:1px solid #6b6b6b;margin-right:4px"></span>{escape(t(key, lang))}</div>'
        for colour, key in (
            (KREIS_FILLS[None], "kreis_none"),
            (KREIS_FILLS[CentreState.APPROVED], "kreis_approved"),
            (KREIS_FILLS[CentreState.UNCERTAIN], "kreis_uncertain"),
            (KREIS_FILLS[CentreState.OPEN], "kreis_open"),
        )
    )
    markers = "".join(
        f'<div><svg width="18" height="18"><circle cx="9" cy="9" r="{min(style["radius"], 7)}" '
        f'stroke="{style["color"]}" stroke-width="{style["weight"]}" '
        f'stroke-dasharray="{style.get("dash_array", "")}" fill="{style["fill_color"]}" '
        f'fill-opacity="{style["fill_opacity"]}"/></svg> {escape(t(state.value, lang))}</div>'
        for state, style in MARKER_STYLES.items()
    )
    return (
        '<div style="background:rgba(255,255,255,.92);padding:6px 8px;border-radius:4px;'
        'font:12px/1.4 sans-serif;box-shadow:0 1px 4px rgba(0,0,0,.3)">'
        f"<b>{escape(t('legend_centres', lang))}</b>{markers}"
        f"<b>{escape(t('legend_kreise', lang))}</b>{swatches}</div>"
    )


class _Text(Element):
    """Text that renders as itself."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class _ScriptElement(MacroElement):
    """A MacroElement whose rendered script goes into the page as plain text.

    branca wraps every rendered script in `Element(text)`, which compiles the text as a Jinja
    template; for the hundreds of kilobytes of JSON these elements carry, that compilation cost
    more than the rest of a slider step.
    """

    def render(self, **kwargs) -> None:
        script = self._template.module.__dict__["script"]
        self.get_root().script.add_child(_Text(script(self, kwargs)), name=self.get_name())


class KreisStates(_ScriptElement):
    """Recolours the base map's Kreis polygons to the states at a date.

    The polygons are fetched once by `BoundaryLayers`; a step sends only this table of one fill,
    dash and tooltip label per Kreis. It is kept in `window.kiKreisStates`, so polygons that
    arrive after it are coloured on arrival.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.kiKreisStates = {{ this.states|tojson }};
        if (window.kiApplyKreisStates) { window.kiApplyKreisStates(); }
        {% endmacro %}
        """
    )

    def __init__(self, states: Mapping[str, tuple[str, str | None, str]]) -> None:
        super().__init__()
        self._name = "KreisStates"
        self.states = dict(states)


class BoundaryLayers(MacroElement):
    """The base map's boundaries, fetched from `url` (a `boundary_layers` file), and their
    attribution.

    Inline, ~130 KB of GeoJSON would travel with every rerun, since streamlit-folium sends the
    whole base map each time. Kreis polygons (`window.kiKreise`, recoloured by `KreisStates`)
    and the outlines of the Regierungsbezirke and the Land get panes below the markers, as
    they arrive after them; Kreis tooltips show the name and current state label as text.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            map.attributionControl.addAttribution({{ this.attribution|tojson }});
            {% if this.url %}
            map.createPane("kiKreise").style.zIndex = 350;
            var outlines = map.createPane("kiOutlines");
            outlines.style.zIndex = 360;
            outlines.style.pointerEvents = "none";
            window.kiApplyKreisStates = function () {
                var layer = window.kiKreise, states = window.kiKreisStates;
                if (!layer || !states) { return; }
                layer.eachLayer(function (kreis) {
                    var state = states[kreis.feature.properties.ars] || states[""];
                    kreis.feature.properties.state = state[2];
                    kreis.setStyle({fillColor: state[0], dashArray: state[1]});
                });
            };
            function outline(data, style) {
                if (data) {
                    L.geoJson(data, {pane: "kiOutlines", interactive: false, style: style})
                        .addTo(map);
                }
            }
            fetch({{ this.url|tojson }})
                .then(function (response) { return response.json(); })
                .then(function (data) {
                    if (data.kreise) {
                        window.kiKreise = L.geoJson(data.kreise, {
                            pane: "kiKreise",
                            style: function () { return {{ this.kreis_style|tojson }}; }
                        }).bindTooltip(function (kreis) {
                            var div = document.createElement("div");
                            var name = document.createElement("b");
                            name.textContent = kreis.feature.properties.name;
                            div.appendChild(name);
                            div.appendChild(document.createElement("br"));
                            div.appendChild(
                                document.createTextNode(kreis.feature.properties.state || ""));
                            return div;
                        }, {sticky: true}).addTo(map);
                        window.kiApplyKreisStates();
                    }
                    outline(data.regierungsbezirke, {{ this.district_style|tojson }});
                    outline(data.land, {{ this.land_style|tojson }});
                });
            {% endif %}
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(
        self, url: str | None, attribution: str, kreis_style: Mapping[str, object]
    ) -> None:
        super().__init__()
        self._name = "BoundaryLayers"
        self.url = url
        self.attribution = attribution
        self.kreis_style = dict(kreis_style)
        self.district_style = {"fillOpacity": 0, "color": "#404040", "weight": 2}
        self.land_style = {"fillOpacity": 0, "color": "#1a1a1a", "weight": 2.5}


def boundary_layers(boundaries: Boundaries) -> dict[str, dict | None]:
    """What the map draws of `boundaries`: Kreis polygons with only their regional key and
    name, and the outlines of the Regierungsbezirke and the Land (None where missing)."""
    kreise = boundaries.kreise.get("features") if boundaries.kreise else None
    return {
        "kreise": {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "geometry": feature["geometry"],
                    "properties": {
                        "ars": feature["properties"]["ars"],
                        "name": feature["properties"]["name"],
                    },
                }
                for feature in kreise
            ],
        }
        if kreise
        else None,
        "regierungsbezirke": _outline(boundaries.regierungsbezirke),
        "land": _outline(boundaries.land),
    }


def _outline(data: dict | None) -> dict | None:
    """The geometries of `data` alone (outlines need no properties)."""
    if not data or not data.get("features"):
        return None
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "geometry": f["geometry"], "properties": {}}
            for f in data["features"]
        ],
    }


def _kreis_style(state: CentreState | None) -> dict[str, object]:
    return {
        **KREIS_STYLE,
        "fillColor": KREIS_FILLS[state],
        "dashArray": "4 4" if state is CentreState.UNCERTAIN else None,
    }


def kreis_layer(
    boundaries: Boundaries, states: Mapping[str, CentreState], *, lang: str = "de"
) -> folium.FeatureGroup:
    """Kreis polygons filled by the most advanced state of their centres at the date (a
    recolouring of the base map's polygons, keyed by regional key; "" = no centre)."""
    group = folium.FeatureGroup(name="kreise")
    features = boundaries.kreise.get("features") if boundaries.kreise else None
    if not features:
        return group
    table: dict[str, tuple[str, str | None, str]] = {}
    for ars in ("", *(feature["properties"]["ars"] for feature in features)):
        state = states.get(ars)
        style = _kreis_style(state)
        label = t(f"kreis_{state.value}" if state else "kreis_none", lang)
        table[ars] = (style["fillColor"], style["dashArray"], label)
    KreisStates(table).add_to(group)
    return group


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
    centre: Centre,
    window: StartWindow,
    *,
    lang: str = "de",
    colocated: bool = False,
    releases: Sequence[ReleaseLink] = (),
) -> str:
    """The popup of one centre: name, address, dates with their precision, sources and the press
    releases that mention it (links into the dashboard's press tab). Escaped."""
    start = centre.start.describe(lang)
    bound = window.latest_bound
    if bound is not None:
        link = _link(bound.source, t("source", lang))
        start = f"{escape(start)} — {escape(bound.reason(lang))} ({link})"
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
    links = "<br>".join(_link(url, _short(url)) for url in centre.sources)
    body = "".join(f"<tr><th>{escape(k)}</th><td>{v}</td></tr>" for k, v in rows)
    notes = [escape(t(_position_key(centre.coord_source), lang, town=centre.town))]
    if colocated:
        notes.append(escape(t("colocated", lang)))
    return (
        f'<div class="ki-popup" data-centre="{escape(centre.id)}">'
        f"<h4>{escape(centre.name)}</h4><table>{body}</table>"
        f"<p><small>{'<br>'.join(notes)}</small></p>"
        f"<details><summary>{escape(t('sources', lang))} ({len(centre.sources)})</summary>"
        f"{links}</details>{_release_list(releases, lang)}</div>"
    )


def _position_key(coord_source: str) -> str:
    """The credit for where a marker stands: Nominatim's address, the GeoNames town centre, or
    (any other source, e.g. an upload's own columns) the uploaded file."""
    if coord_source == "nominatim":
        return "coords_address"
    if coord_source.startswith("geonames:"):
        return "coords_town"
    return "coords_file"


def _release_list(releases: Sequence[ReleaseLink], lang: str) -> str:
    """The "mentioned in" block of a popup; each link opens the release in the dashboard."""
    if not releases:
        return ""
    items = "".join(
        f'<li><a class="ki-release-link" href="{escape(link.href)}" target="_blank" '
        f'rel="noopener">{escape(link.label)}</a></li>'
        for link in releases
    )
    return (
        f'<details class="ki-releases"><summary>{escape(t("popup_releases", lang))} '
        f"({len(releases)})</summary><ul>{items}</ul></details>"
    )


def _link(url: str, label: str) -> str:
    """An escaped link that opens in a new tab (URLs are http(s) only, checked by the loader)."""
    return f'<a href="{escape(url)}" target="_blank" rel="noopener">{escape(label)}</a>'


def _short(url: str) -> str:
    """A readable label for a long source URL: host and the start of the path."""
    bare = url.split("://", 1)[-1]
    return bare if len(bare) <= 60 else bare[:57] + "…"


class SiteMarkers(_ScriptElement):
    """Leaflet script that adds circle markers from one JSON array to its feature group.

    A folium `CircleMarker` with popup and tooltip costs milliseconds to render on every slider
    step; one array costs a `json.dumps`. Rows are `[lat, lon, style index, tooltip text, popup
    HTML or null]`; tooltips are set as text, never HTML, popups from `popup_html` (escaped).
    With `canvas`, all markers share one canvas renderer (thousands of sites); otherwise each is
    an SVG path with its `className`. Afterwards `window.kiSites` holds `counts` (the counts by
    state and the day) and a draw counter, a ready signal for browser checks (canvas markers
    have no DOM node).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (group) {
            // Leaflet shows a layer's attribution while the layer is on the map.
            group.options.attribution = {{ this.attribution|tojson }};
            var rows = {{ this.rows|tojson }};
            var styles = {{ this.styles|tojson }};
            var counts = {{ this.counts|tojson }};
            function text(value) {
                return function () {
                    var span = document.createElement("span");
                    span.textContent = value;
                    return span;
                };
            }
            function draw(map) {
                var extra = {};
                {% if this.canvas %}
                extra.renderer = map._kiCanvas || (map._kiCanvas = L.canvas({padding: 0.5}));
                {% endif %}
                for (var i = 0; i < rows.length; i++) {
                    var row = rows[i];
                    var options = L.extend({}, styles[row[2]], extra);
                    var marker = L.circleMarker([row[0], row[1]], options)
                        .bindTooltip(text(row[3]));
                    if (row[4] !== null) {
                        marker.bindPopup(row[4], {maxWidth: 420});
                    }
                    marker.addTo(group);
                }
                window.kiSites = L.extend({drawn: ((window.kiSites || {}).drawn || 0) + 1}, counts);
            }
            if (group._map) {
                draw(group._map);
            } else {
                group.once("add", function () { draw(group._map); });
            }
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        rows: list[list[object]],
        styles: list[dict[str, object]],
        counts: Mapping[str, object],
        *,
        canvas: bool,
        attribution: str = "",
    ) -> None:
        super().__init__()
        self._name = "SiteMarkers"
        self.rows = rows
        self.styles = styles
        self.counts = dict(counts)
        self.canvas = canvas
        self.attribution = attribution


def marker_style(
    state: CentreState, *, highlight: bool | None = None, ring: int = 0, canvas: bool = False
) -> dict[str, object]:
    """Leaflet path options of a centre marker: `MARKER_STYLES` with its classes, the ring offset
    of a co-located centre, and, with a highlight, stronger (True) or dimmed (False)."""
    style = {_LEAFLET_NAMES.get(k, k): v for k, v in MARKER_STYLES[state].items()}
    style["radius"] = float(style["radius"]) + ring
    classes = f"ki-marker ki-{state.value}"
    if highlight is True:
        classes += " ki-highlight"
        style["weight"] = float(style["weight"]) + 1.5
        style["radius"] = float(style["radius"]) + 2
    elif highlight is False:
        style["opacity"] = 0.35
        style["fillOpacity"] = float(style["fillOpacity"]) * 0.35
    if not canvas:
        style["className"] = classes
    return style


def centre_layer(
    timeline: Timeline,
    snapshot: Snapshot,
    *,
    lang: str = "de",
    highlight: frozenset[str] | None = None,
    release_links: Mapping[str, Sequence[ReleaseLink]] | None = None,
    sites_credit: str | None = None,
) -> folium.FeatureGroup:
    """One feature group with a marker per centre drawn at the snapshot's date, credited (in
    the map's attribution while it is shown) to GeoNames or to `sites_credit`.

    With `highlight`, those centres get the class `ki-highlight` and a stronger outline, and
    all others are dimmed. `release_links` maps centre ids to the press releases naming them.
    Above `DENSE_THRESHOLD` centres the markers share one canvas and carry no popup; their
    tooltip names the state instead.
    """
    release_links = release_links or {}
    canvas = len(timeline.centres) > DENSE_THRESHOLD
    offsets = {} if canvas else ring_offsets(timeline.centres)
    drawn = sorted(timeline.centres, key=lambda c: -offsets.get(c.id, 0))
    styles: list[dict[str, object]] = []
    style_index: dict[str, int] = {}
    rows: list[list[object]] = []
    for centre in drawn:
        state = snapshot.states.get(centre.id)
        if state is None:
            continue
        chosen = None if highlight is None else centre.id in highlight
        style = marker_style(state, highlight=chosen, ring=offsets.get(centre.id, 0), canvas=canvas)
        key = json.dumps(style, sort_keys=True)
        if key not in style_index:
            style_index[key] = len(styles)
            styles.append(style)
        if canvas:
            tooltip, popup = f"{centre.name} ({t(state.value, lang)})", None
        else:
            tooltip = centre.name
            popup = popup_html(
                centre,
                timeline.windows[centre.id],
                lang=lang,
                colocated=centre.id in offsets,
                releases=release_links.get(centre.id, ()),
            )
        rows.append([round(centre.lat, 5), round(centre.lon, 5), style_index[key], tooltip, popup])
    group = folium.FeatureGroup(name="centres")
    # The day makes every step's script differ, so streamlit-folium always redraws the markers
    # and `window.kiSites.day` tells browser checks which step is on screen.
    shown = {**snapshot.counts, "day": snapshot.day.isoformat()}
    attribution = sites_attribution(lang, sites_credit)
    SiteMarkers(rows, styles, shown, canvas=canvas, attribution=attribution).add_to(group)
    return group
