"""How the web map uses its frame: NRW fitted to whatever size the frame has, a metric scale, a
button that fits NRW again, tooltips hidden while a popup is open, and the caption box (title,
date, counts) and legend drawn inside the map.

All of it belongs to the constant base map; the words that change with the day arrive with the
day's layers (`geo.views.maplayers.caption_layer`) and are filled in as text.
"""

from __future__ import annotations

__all__ = ["FIT_PADDING", "FRAME_CSS", "CaptionBox", "FrameFit", "Legend"]

from branca.element import MacroElement
from jinja2 import Template

# Pixels kept free around NRW when it is fitted: (left, top) and (right, bottom); the bottom
# keeps the attribution line and scale bar off the southern Kreise (Aachen stays clickable).
FIT_PADDING = ((8, 8), (8, 28))
# The map's own styles (inside its iframe): a white ground around NRW, tooltips hidden while a
# popup is open, the caption box and the reset button; `.ki-report` makes the words larger.
FRAME_CSS = """
<style>
html, body { margin: 0; overflow: hidden; }
.leaflet-container { background: #ffffff; }
.ki-popup-open .leaflet-tooltip-pane { display: none; }
.ki-caption { background: rgba(255,255,255,.92); padding: 4px 8px; border-radius: 4px;
  font: 12px/1.35 sans-serif; color: #1a1a1a; box-shadow: 0 1px 4px rgba(0,0,0,.3);
  max-width: 15em; }
.ki-caption-title { font-weight: bold; }
.ki-caption-date { font-weight: bold; }
.ki-caption-counts { white-space: pre-line; }
.ki-report .ki-caption { font-size: 17px; max-width: 30em; padding: 6px 10px; }
.ki-report .ki-caption-title { font-size: 22px; }
.ki-report .ki-legend > div { font-size: 14px !important; }
.ki-legend-highlight:empty { display: none; }
.ki-legend-highlight { margin-top: 4px; max-width: 18em; font-style: italic; }
.ki-reset a { font: bold 16px/26px sans-serif; text-align: center; cursor: pointer; }
</style>
"""


class FrameFit(MacroElement):
    """Fits NRW's `extent` into the map (within `FIT_PADDING`) whenever the frame changes size
    (until the user drags or zooms), lets the map follow the height of its iframe, adds a
    metric-only scale and, with `reset_label`, a button that fits NRW again; tooltips hide
    while a popup is open.
    `window.kiFitNrw()` fits NRW; `report` marks the map for the larger report styles."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            var container = map.getContainer();
            // The iframe's height is set by the page; the map follows it.
            container.style.height = "100vh";
            {% if this.report %}container.classList.add("ki-report");{% endif %}
            var bounds = L.latLngBounds({{ this.extent|tojson }});
            var moved = false, fitting = false;
            var padding = {{ this.padding|tojson }};
            function fit() {
                // A zoom animation's end would undo the fit: fit after it.
                if (map._animatingZoom) { map.once("zoomend", fit); return; }
                // A frame without room yet (still 0 px high while the page lays it out) has
                // no zoom that fits; Leaflet would throw and the map's script would stop.
                // Its "resize" comes when the frame gets its size, and fits then.
                var room = map.getSize().subtract(L.point(padding[0]).add(padding[1]));
                if (room.x <= 0 || room.y <= 0) { return; }
                fitting = true;
                var snap = map.options.zoomSnap;
                map.options.zoomSnap = 0;  // the exact zoom that fills the frame
                map.fitBounds(bounds, {
                    animate: false, paddingTopLeft: padding[0], paddingBottomRight: padding[1]
                });
                map.options.zoomSnap = snap;
                fitting = false;
            }
            window.kiFitNrw = function () { moved = false; fit(); };
            map.on("dragstart zoomstart", function () { if (!fitting) { moved = true; } });
            map.on("resize", function () { if (!moved) { fit(); } });
            map.on("popupopen", function () { container.classList.add("ki-popup-open"); });
            map.on("popupclose", function () { container.classList.remove("ki-popup-open"); });
            L.control.scale({metric: true, imperial: false, position: "bottomleft"}).addTo(map);
            {% if this.reset_label %}
            var reset = L.control({position: "topleft"});
            reset.onAdd = function () {
                var bar = L.DomUtil.create("div", "leaflet-bar ki-reset");
                var button = L.DomUtil.create("a", "", bar);
                button.href = "#";
                button.setAttribute("role", "button");
                button.title = {{ this.reset_label|tojson }};
                button.setAttribute("aria-label", {{ this.reset_label|tojson }});
                button.textContent = "\u2302";
                L.DomEvent.disableClickPropagation(bar);
                L.DomEvent.on(button, "click", function (event) {
                    L.DomEvent.preventDefault(event);
                    window.kiFitNrw();
                });
                return bar;
            };
            reset.addTo(map);
            {% endif %}
            map.invalidateSize();
            fit();
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        extent: tuple[tuple[float, float], tuple[float, float]],
        *,
        reset_label: str | None,
        report: bool,
    ) -> None:
        super().__init__()
        self._name = "FrameFit"
        self.extent = [list(corner) for corner in extent]
        self.reset_label = reset_label
        self.report = report
        self.padding = [list(corner) for corner in FIT_PADDING]


class CaptionBox(MacroElement):
    """The caption box: title, date line and counts, filled as text from `window.kiCaption`
    (set by the day's layers) whenever `window.kiShowCaption()` runs; it also fills the
    legend's highlight line. It sits in `corner`, where NRW leaves the frame empty: upper left
    in the view for reports, small in the upper right beside the zoom buttons on the dashboard."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            var box = L.control({position: {{ this.corner|tojson }}});
            box.onAdd = function () {
                var div = L.DomUtil.create("div", "ki-caption");
                ["title", "date", "counts"].forEach(function (part) {
                    L.DomUtil.create("div", "ki-caption-" + part, div);
                });
                L.DomEvent.disableClickPropagation(div);
                return div;
            };
            box.addTo(map);
            window.kiShowCaption = function () {
                var caption = window.kiCaption;
                if (!caption) { return; }
                ["title", "date", "counts"].forEach(function (part) {
                    container(".ki-caption-" + part).textContent = caption[part];
                });
                var line = container(".ki-legend-highlight");
                if (line) { line.textContent = caption.highlight; }
            };
            function container(selector) {
                return map.getContainer().querySelector(selector);
            }
            window.kiShowCaption();
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, corner: str) -> None:
        super().__init__()
        self._name = "CaptionBox"
        self.corner = corner


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
