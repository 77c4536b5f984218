"""The layers of one day, swapped into the constant base map on every step.

`kreis_layer` recolours the base map's Kreis polygons; `centre_layer` draws one marker per
centre, with popups, or on one canvas above `DENSE_THRESHOLD` centres; `caption_layer` sends the
words of the caption box and the legend's highlight line.
"""

from __future__ import annotations

__all__ = [
    "DENSE_THRESHOLD",
    "CaptionText",
    "KreisStates",
    "SiteMarkers",
    "caption_layer",
    "centre_layer",
    "centre_popups",
    "kreis_layer",
    "ring_offsets",
]

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from geo.i18n import t
from geo.model.timeline import CentreState, Snapshot, Timeline
from geo.sources.boundaries import Boundaries
from geo.sources.centres import Centre
from geo.views.map_caption import MapCaption
from geo.views.mapcredits import sites_attribution
from geo.views.mapstyles import kreis_style, marker_style
from geo.views.popups import ReleaseLink, popup_html

# Each further co-located centre is drawn as a ring this many pixels wider.
RING_STEP = 6
# Above this many centres the markers share one canvas and carry no popup (see `centre_layer`).
DENSE_THRESHOLD = 1000


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
    dash, tooltip label and fill opacity per Kreis. It is kept in `window.kiKreisStates`, so
    polygons that arrive after it are coloured on arrival.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.kiKreisStates = {{ this.states|tojson }};
        if (window.kiApplyKreisStates) { window.kiApplyKreisStates(); }
        {% endmacro %}
        """
    )

    def __init__(self, states: Mapping[str, tuple[str, str | None, str, float]]) -> None:
        super().__init__()
        self._name = "KreisStates"
        self.states = dict(states)


def kreis_layer(
    boundaries: Boundaries,
    states: Mapping[str, CentreState],
    *,
    lit: frozenset[str] | None = None,
    lang: str = "de",
) -> folium.FeatureGroup:
    """Kreis polygons filled by the most advanced state of their centres at the date (a
    recolouring of the base map's polygons, keyed by regional key; "" = no centre). With `lit`
    (a highlight's `Timeline.lit_kreise`), the other Kreise are pale, as in the exports."""
    group = folium.FeatureGroup(name="kreise")
    features = boundaries.kreise.get("features") if boundaries.kreise else None
    if not features:
        return group
    table: dict[str, tuple[str, str | None, str, float]] = {}
    for ars in ("", *(feature["properties"]["ars"] for feature in features)):
        state = states.get(ars)
        style = kreis_style(state, pale=lit is not None and ars not in lit)
        label = t(f"kreis_{state.value}" if state else "kreis_none", lang)
        table[ars] = (style["fillColor"], style["dashArray"], label, style["fillOpacity"])
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


class SiteMarkers(_ScriptElement):
    """Leaflet script that adds circle markers from one JSON array to its feature group.

    A folium `CircleMarker` with popup and tooltip costs milliseconds to render on every slider
    step; one array costs a `json.dumps`. Rows are `[lat, lon, style index, tooltip text, popup
    HTML or null, centre id]` (canvas rows end after the tooltip); tooltips are set as text,
    never HTML, popups from `popup_html` (escaped). With `popups_url` the popups are not in the
    rows: the page fetches that JSON (`centre_popups`, id → HTML) once, after the first markers
    are drawn, so a step sends no popup; if it cannot, a popup says `popup_missing`.
    With `canvas`, all markers share one canvas renderer (thousands of sites); otherwise each is
    an SVG path with its `className`. Each marker keeps its centre's id as `kiCentre`.
    Afterwards `window.kiSites` holds `counts` (the counts by state and the day) and a draw
    counter, a ready signal for browser checks (canvas markers have no DOM node). With an
    `announce_token` (one per session, the same in every run, so a rerun does not change the
    script and redraw the layers), the frame's first draw for that token, once painted, sets the
    component's value to the token (through `window.Streamlit`, which streamlit-folium's frame
    defines), which reruns the page: the dashboard draws what lies below the map only then (see
    `ui.below_map`). A frame kept across a reconnect sees the new session's token and asks again.
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
            var popupsUrl = {{ this.popups_url|tojson }};
            var popupMissing = {{ this.popup_missing|tojson }};
            var announceToken = {{ this.announce_token|tojson }};
            // One fetch of the published popups per page and URL, after the first markers are
            // drawn; a failed fetch is forgotten, so the next popup asks again.
            function popups() {
                var cache = window.kiPopups || (window.kiPopups = {});
                if (!cache[popupsUrl]) {
                    cache[popupsUrl] = fetch(popupsUrl).then(function (r) {
                        if (!r.ok) { throw new Error("HTTP " + r.status); }
                        return r.json();
                    });
                    cache[popupsUrl].catch(function () { delete cache[popupsUrl]; });
                }
                return cache[popupsUrl];
            }
            function fill(event) {
                var marker = event.target, id = marker.kiCentre;
                var missing = text(popupMissing);
                popups().then(
                    function (html) { marker.setPopupContent(html[id] || missing()); },
                    function () { marker.setPopupContent(missing()); }
                );
            }
            function text(value) {
                return function () {
                    var span = document.createElement("span");
                    span.textContent = value;
                    return span;
                };
            }
            function draw(map) {
                var extra = {};
                // A popup taller than a short map scrolls instead of panning its marker under
                // the attribution line.
                var popupHeight = Math.max(180, map.getSize().y - 130);
                {% if this.canvas %}
                extra.renderer = map._kiCanvas || (map._kiCanvas = L.canvas({padding: 0.5}));
                {% endif %}
                for (var i = 0; i < rows.length; i++) {
                    var row = rows[i];
                    var options = L.extend({}, styles[row[2]], extra);
                    var marker = L.circleMarker([row[0], row[1]], options)
                        .bindTooltip(text(row[3]));
                    marker.kiCentre = row[5];
                    var html = row.length > 4 ? row[4] : null;
                    var popup = html !== null ? html : (popupsUrl ? "…" : null);
                    if (popup !== null) {
                        marker.bindPopup(popup, {maxWidth: 420, maxHeight: popupHeight});
                        // The marker's own tooltip would cover its open popup.
                        marker.on("popupopen", function () { this.closeTooltip(); });
                    }
                    if (html === null && popupsUrl) {
                        marker.on("popupopen", fill);
                    }
                    marker.addTo(group);
                }
                window.kiSites = L.extend({drawn: ((window.kiSites || {}).drawn || 0) + 1}, counts);
                if (announceToken && window.Streamlit && window.kiAnnounced !== announceToken) {
                    window.kiAnnounced = announceToken;
                    // After the next paint, so the markers are on screen before the rerun.
                    requestAnimationFrame(function () {
                        setTimeout(function () {
                            window.Streamlit.setComponentValue({drawn: announceToken});
                        }, 0);
                    });
                }
                // Fetched now, after the markers, so that the first popup opens filled.
                if (popupsUrl) { popups().catch(function () {}); }
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
        popups_url: str | None = None,
        popup_missing: str = "",
        announce_token: str | None = None,
    ) -> None:
        super().__init__()
        self._name = "SiteMarkers"
        self.rows = rows
        self.styles = styles
        self.counts = dict(counts)
        self.canvas = canvas
        self.attribution = attribution
        self.popups_url = popups_url
        self.popup_missing = popup_missing
        self.announce_token = announce_token


def centre_popups(
    timeline: Timeline,
    *,
    lang: str = "de",
    release_links: Mapping[str, Sequence[ReleaseLink]] | None = None,
) -> dict[str, str]:
    """Every centre's popup HTML by id (the same on every date): what `centre_layer` puts in its
    rows, or what the app publishes once for `popups_url`."""
    offsets = ring_offsets(timeline.centres)
    return {c.id: _popup(timeline, c, offsets, lang, release_links) for c in timeline.centres}


def _popup(
    timeline: Timeline,
    centre: Centre,
    offsets: Mapping[str, int],
    lang: str,
    release_links: Mapping[str, Sequence[ReleaseLink]] | None,
) -> str:
    return popup_html(
        centre,
        timeline.windows[centre.id],
        lang=lang,
        colocated=centre.id in offsets,
        releases=(release_links or {}).get(centre.id, ()),
    )


def centre_layer(
    timeline: Timeline,
    snapshot: Snapshot,
    *,
    lang: str = "de",
    highlight: frozenset[str] | None = None,
    release_links: Mapping[str, Sequence[ReleaseLink]] | None = None,
    sites_credit: str | None = None,
    popups_url: str | None = None,
    announce_token: str | None = None,
) -> folium.FeatureGroup:
    """One feature group with a marker per centre drawn at the snapshot's date, credited (in
    the map's attribution while it is shown) to GeoNames or to `sites_credit`.

    With `highlight`, those centres get the class `ki-highlight` and a stronger outline, and
    all others are dimmed. `release_links` maps centre ids to the press releases naming them.
    With `popups_url` (where `centre_popups` of this timeline and language are published) the
    popups are fetched from there, not sent with the step. Above `DENSE_THRESHOLD` centres the
    markers share one canvas and carry no popup; their tooltip names the state instead.
    `announce_token` has the frame say when these markers are painted (see `SiteMarkers`).
    """
    canvas = len(timeline.centres) > DENSE_THRESHOLD
    inline = not canvas and popups_url is None
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
        lat, lon = round(centre.lat, 5), round(centre.lon, 5)
        if canvas:
            # No popup and no id: ten thousand of them would only lengthen every step.
            rows.append([lat, lon, style_index[key], f"{centre.name} ({t(state.value, lang)})"])
            continue
        popup = _popup(timeline, centre, offsets, lang, release_links) if inline else None
        rows.append([lat, lon, style_index[key], centre.name, popup, centre.id])
    group = folium.FeatureGroup(name="centres")
    # The day makes every step's script differ, so streamlit-folium always redraws the markers
    # and `window.kiSites.day` tells browser checks which step is on screen.
    shown = {**snapshot.counts, "day": snapshot.day.isoformat()}
    attribution = sites_attribution(lang, sites_credit)
    SiteMarkers(
        rows,
        styles,
        shown,
        canvas=canvas,
        attribution=attribution,
        popups_url=None if canvas else popups_url,
        popup_missing=t("popup_unavailable", lang),
        announce_token=announce_token,
    ).add_to(group)
    return group


class CaptionText(_ScriptElement):
    """Puts the day's caption into `window.kiCaption` and has the base map's `CaptionBox` show
    it (as text, never HTML)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.kiCaption = {{ this.words|tojson }};
        if (window.kiShowCaption) { window.kiShowCaption(); }
        {% endmacro %}
        """
    )

    def __init__(self, words: Mapping[str, str]) -> None:
        super().__init__()
        self._name = "CaptionText"
        self.words = dict(words)


def caption_layer(caption: MapCaption) -> folium.FeatureGroup:
    """A feature group that only carries `caption`'s title, date line, counts and highlight line
    to the caption box and the legend."""
    group = folium.FeatureGroup(name="caption")
    words = {
        "title": caption.title,
        "date": caption.date_line,
        "counts": caption.count_lines,
        "highlight": caption.highlight_line,
    }
    CaptionText(words).add_to(group)
    return group
