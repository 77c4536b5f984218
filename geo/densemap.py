"""A compact centre layer for thousands of sites: one JSON array and a few lines of Leaflet.

`centre_layer` draws one popup-laden SVG `CircleMarker` per centre, which is right for the 54 KI
but sends and draws far too much for 10,000 sites. `dense_centre_layer` sends each site as
`[lat, lon, style, tooltip]` and lets plain Leaflet (no plugin, nothing from a CDN) build
canvas circle markers on one renderer per map, with the tooltip set as text, never as HTML.
"""

from __future__ import annotations

__all__ = ["DENSE_THRESHOLD", "DenseSites", "dense_centre_layer", "dense_styles"]

from collections.abc import Mapping

import folium
from branca.element import MacroElement
from jinja2 import Template

from geo.i18n import t
from geo.mapview import MARKER_STYLES
from geo.timeline import CentreState, Snapshot, Timeline

# Above this many centres the app draws the dense layer instead of `centre_layer`.
DENSE_THRESHOLD = 1000
# Five decimals are about a metre: enough for a marker, and short in the JSON.
_DIGITS = 5
# Style variants per state: as is, highlighted, dimmed (when others are highlighted).
_VARIANTS = ("plain", "highlight", "dimmed")
_LEAFLET_NAMES = {
    "fill_color": "fillColor",
    "fill_opacity": "fillOpacity",
    "dash_array": "dashArray",
}


class DenseSites(MacroElement):
    """Leaflet script that adds `sites` as canvas circle markers to the parent feature group.

    `sites` rows are `[lat, lon, style index, tooltip text]`; `styles` are Leaflet path options.
    Once drawn, `window.kiDense` holds the counts by state and a draw counter, a ready signal
    for browser checks (canvas markers have no DOM node to count).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (group) {
            var sites = {{ this.sites|tojson }};
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
                var renderer = map._kiDenseRenderer;
                if (!renderer) {
                    renderer = map._kiDenseRenderer = L.canvas({padding: 0.5});
                }
                for (var i = 0; i < sites.length; i++) {
                    var site = sites[i];
                    var options = L.extend({renderer: renderer}, styles[site[2]]);
                    L.circleMarker([site[0], site[1]], options)
                        .bindTooltip(text(site[3]))
                        .addTo(group);
                }
                window.kiDense = L.extend({drawn: ((window.kiDense || {}).drawn || 0) + 1}, counts);
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
        self, sites: list[list[object]], styles: list[dict[str, object]], counts: dict[str, int]
    ) -> None:
        super().__init__()
        self._name = "DenseSites"
        self.sites = sites
        self.styles = styles
        self.counts = counts


def dense_styles() -> list[dict[str, object]]:
    """Leaflet path options for every (state, variant), in the order `_style_index` expects.

    The colours and shapes are `MARKER_STYLES`; highlighted markers get a stronger outline and
    a larger radius, dimmed ones lose most of their opacity, as in `centre_layer`.
    """
    styles = []
    for state in CentreState:
        base = {_LEAFLET_NAMES.get(k, k): v for k, v in MARKER_STYLES[state].items()}
        for variant in _VARIANTS:
            style = dict(base)
            if variant == "highlight":
                style["weight"] = float(style["weight"]) + 1.5
                style["radius"] = float(style["radius"]) + 2
            elif variant == "dimmed":
                style["opacity"] = 0.35
                style["fillOpacity"] = float(style["fillOpacity"]) * 0.35
            styles.append(style)
    return styles


def _style_index(state: CentreState, variant: str) -> int:
    return list(CentreState).index(state) * len(_VARIANTS) + _VARIANTS.index(variant)


def dense_centre_layer(
    timeline: Timeline,
    snapshot: Snapshot,
    *,
    lang: str = "de",
    highlight: frozenset[str] | None = None,
) -> folium.FeatureGroup:
    """One feature group drawing every centre of `snapshot` compactly (canvas, no popups).

    The tooltip reads "name (state)"; with `highlight`, those centres are emphasised and the
    others dimmed. Meant for more than `DENSE_THRESHOLD` centres.
    """
    labels: Mapping[CentreState, str] = {state: t(state.value, lang) for state in CentreState}
    sites: list[list[object]] = []
    for centre in timeline.centres:
        state = snapshot.states.get(centre.id)
        if state is None:
            continue
        variant = "plain"
        if highlight is not None:
            variant = "highlight" if centre.id in highlight else "dimmed"
        sites.append(
            [
                round(centre.lat, _DIGITS),
                round(centre.lon, _DIGITS),
                _style_index(state, variant),
                f"{centre.name} ({labels[state]})",
            ]
        )
    group = folium.FeatureGroup(name="centres")
    DenseSites(sites, dense_styles(), snapshot.counts).add_to(group)
    return group
