"""The constant base map: view, tiles, legend and the boundaries fetched once.

It is the same on every rerun so streamlit-folium never re-mounts it; what changes with the date
comes from `geo.views.maplayers`, swapped into the live map.
"""

from __future__ import annotations

__all__ = [
    "NRW_CENTER",
    "NRW_ZOOM",
    "TILE_LAYERS",
    "BoundaryLayers",
    "boundary_layers",
    "build_base_map",
    "legend_html",
]

from collections.abc import Mapping
from html import escape

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from geo.i18n import t
from geo.sources.boundaries import Boundaries
from geo.views.assets import STATIC_URL, localize
from geo.views.map_caption import centre_entries, kreis_entries
from geo.views.mapcontrols import FRAME_CSS, CaptionBox, FrameFit, Legend
from geo.views.mapcredits import boundaries_credit
from geo.views.mapstyles import KREIS_FILLS, MARKER_STYLES, kreis_style

NRW_CENTER = (51.45, 7.55)
NRW_ZOOM = 8
# South-west and north-east corners of Nordrhein-Westfalen, fitted to the map's frame.
NRW_EXTENT = ((50.32, 5.86), (52.53, 9.46))

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


def build_base_map(
    boundaries: Boundaries,
    *,
    lang: str = "de",
    tiles: str = "none",
    boundaries_url: str | None = None,
    static_prefix: str = STATIC_URL,
    report: bool = False,
) -> folium.Map:
    """The constant base map: optional tiles, the boundaries fetched from `boundaries_url`
    (`boundary_layers` published with `geo.views.assets.publish_json`), caption box, legend,
    the boundaries' attribution (the sites' comes with `centre_layer`, so another dataset keeps
    the same base map and never re-mounts it), Leaflet from the app's static folder at
    `static_prefix`. NRW is fitted to the frame; `report` (the view for reports) leaves out the
    zoom and reset buttons and draws the words larger."""
    m = folium.Map(
        location=NRW_CENTER,
        zoom_start=NRW_ZOOM,
        tiles=None,
        control_scale=False,
        zoom_control=not report,
        min_zoom=6,
        max_zoom=16,
        zoom_snap=0.25,
        zoom_delta=0.5,
    )
    localize(m, static_prefix)
    m.get_root().header.add_child(Element(FRAME_CSS), name="ki_frame_css")
    if tiles in TILE_LAYERS:
        layer = TILE_LAYERS[tiles]
        folium.TileLayer(layer["url"], attr=layer["attribution"], name=tiles, control=False).add_to(
            m
        )
    attribution = boundaries_credit(boundaries)
    BoundaryLayers(boundaries_url, attribution, kreis_style(None)).add_to(m)
    FrameFit(
        NRW_EXTENT, reset_label=None if report else t("map_reset_view", lang), report=report
    ).add_to(m)
    Legend(legend_html(lang, with_kreise=boundaries.has_kreise)).add_to(m)
    CaptionBox("topleft" if report else "topright").add_to(m)
    return m


def legend_html(lang: str, *, with_kreise: bool = True) -> str:
    """The legend: the three marker styles and, `with_kreise`, the Kreis fills, drawn as inline
    SVG (entries from `geo.views.map_caption`), and an empty line the day's caption fills when
    centres are highlighted."""
    markers = "".join(
        f'<div><svg width="18" height="18"><circle cx="9" cy="9" r="{min(style["radius"], 7)}" '
        f'stroke="{style["color"]}" stroke-width="{style["weight"]}" '
        f'stroke-dasharray="{style.get("dash_array", "")}" fill="{style["fill_color"]}" '
        f'fill-opacity="{style["fill_opacity"]}"/></svg> {escape(label)}</div>'
        for state, label in centre_entries(lang)
        for style in (MARKER_STYLES[state],)
    )
    swatches = "".join(
        f'<div><span style="display:inline-block;width:14px;height:10px;'
        f'background:{KREIS_FILLS[state]};border:1px solid #6b6b6b;margin-right:4px"></span>'
        f"{escape(label)}</div>"
        for state, label in kreis_entries(lang)
    )
    kreise = f"<b>{escape(t('legend_kreise', lang))}</b>{swatches}" if with_kreise else ""
    return (
        '<div style="background:rgba(255,255,255,.92);padding:6px 8px;border-radius:4px;'
        'font:12px/1.4 sans-serif;box-shadow:0 1px 4px rgba(0,0,0,.3)">'
        f"<b>{escape(t('legend_centres', lang))}</b>{markers}{kreise}"
        '<div class="ki-legend-highlight"></div></div>'
    )


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
                    kreis.setStyle(
                        {fillColor: state[0], dashArray: state[1], fillOpacity: state[3]});
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
