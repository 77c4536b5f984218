"""The fixed parts of the offline HTML map: its CSS, the HTML skeleton with `str.format` fields,
and the inline JavaScript that applies the timeline's rules to the embedded data.
"""

from __future__ import annotations

__all__ = ["APP_JS", "CSS", "PAGE"]

CSS = """
html, body { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; font: 14px/1.4 sans-serif; color: #1a1a1a; }
header { padding: 8px 12px; border-bottom: 1px solid #ccc; }
header h1 { font-size: 20px; margin: 0; }
header p { margin: 2px 0; }
.ki-note { color: #555; font-size: 12px; }
.ki-controls { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin-top: 6px; }
.ki-controls input[type=range] { flex: 1 1 240px; min-width: 160px; }
.ki-counts { display: flex; flex-wrap: wrap; gap: 14px; margin-top: 4px; }
#ki-map { flex: 1 1 auto; min-height: 300px; background: #fff; }
.ki-legend-highlight { margin-top: 4px; max-width: 18em; font-style: italic; }
.ki-legend-highlight:empty { display: none; }
.ki-popup h4 { margin: 0 0 4px; }
.ki-popup th { text-align: left; padding-right: 6px; vertical-align: top; }
"""

PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{page_title}</title>
<style>{leaflet_css}</style>
<style>{own_css}</style>
</head>
<body>
<header>
<h1>{title}</h1>
<p>{subtitle}</p>
<p class="ki-note">{note}</p>
<noscript><p><strong>{noscript}</strong></p></noscript>
<div class="ki-controls">
<button type="button" id="ki-back">{back}</button>
<button type="button" id="ki-play" aria-pressed="false">{play}</button>
<button type="button" id="ki-forward">{forward}</button>
<input type="range" id="ki-slider" min="0" max="{last}" step="1" value="{initial}"
 aria-label="{month}">
<output id="ki-date" for="ki-slider">{label}</output>
</div>
<div class="ki-counts" aria-live="polite">{counts}<span id="ki-shown"></span></div>
</header>
<div id="ki-map"></div>
<script>{leaflet_js}</script>
<script type="application/json" id="ki-data">{data}</script>
<script>{app_js}</script>
</body>
</html>
"""

# The page's logic. `stateAt` is Timeline.state_of and the Kreis loop is Timeline.kreis_states
# (ISO dates compare correctly as strings). Names go into tooltips as text nodes, never as HTML.
APP_JS = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("ki-data").textContent);
  var RANK = {approved: 0, uncertain: 1, open: 2};
  var slider = document.getElementById("ki-slider");
  var playButton = document.getElementById("ki-play");
  var current = data.initial;
  var timer = null;
  var kreisStates = {};

  function stateAt(c, day) {
    if (c.latest !== null && c.latest <= day) return "open";
    if (c.earliest <= day) return "uncertain";
    if (c.approval !== null && c.approval <= day) return "approved";
    return null;
  }

  function textNode(lines) {
    var span = document.createElement("span");
    lines.forEach(function (line, i) {
      if (i > 0) span.appendChild(document.createElement("br"));
      span.appendChild(document.createTextNode(line));
    });
    return span;
  }

  var map = L.map("ki-map", {zoomSnap: 0.25, zoomDelta: 0.5, minZoom: 6, maxZoom: 16});
  map.attributionControl.addAttribution(data.attribution);
  L.control.scale({imperial: false}).addTo(map);

  // With a highlight: the Kreise holding a highlighted centre drawn this month.
  var litKreise = {};

  function areaStyle(feature) {
    if (!data.hasKreise) return L.extend({fill: false}, data.outlineStyle);
    var ars = feature.properties.ars;
    var state = kreisStates[ars] || null;
    var pale = data.highlight !== null && !litKreise[ars];
    return L.extend({}, data.kreisStyle, {
      fillColor: data.fills[state || "none"],
      fillOpacity: data.kreisStyle.fillOpacity * (pale ? data.dimAlpha : 1),
      dashArray: state === "uncertain" ? "4 4" : null
    });
  }

  function markerOptions(c, state) {
    if (c.hl === null) {
      return L.extend({}, data.styles[state], {className: "ki-marker ki-" + state});
    }
    return L.extend({}, data.highlightStyles[String(c.hl)][state]);
  }

  function showHighlight(n) {
    var line = document.querySelector(".ki-legend-highlight");
    if (!line || data.highlight === null) return;
    line.textContent = n === 1 ? data.highlight.one : data.highlight.many.replace("{n}", n);
  }
  var areas = L.geoJSON(data.areas, {style: areaStyle, interactive: data.hasKreise});
  if (data.hasKreise) {
    areas.eachLayer(function (layer) {
      layer.bindTooltip(function () {
        var props = layer.feature.properties;
        return textNode([props.name, data.text.kreis[kreisStates[props.ars] || "none"]]);
      });
    });
  }
  areas.addTo(map);
  map.fitBounds(areas.getBounds());
  // Layers reach the DOM only once the map has a view (fitBounds above).
  areas.eachLayer(function (layer) {
    layer.getElement().setAttribute("data-ars", layer.feature.properties.ars);
  });

  var legend = L.control({position: "bottomright"});
  legend.onAdd = function () {
    var div = L.DomUtil.create("div", "ki-legend");
    div.innerHTML = data.legend;
    return div;
  };
  legend.addTo(map);

  var markers = L.layerGroup().addTo(map);

  function show(index) {
    current = Math.max(0, Math.min(data.days.length - 1, index));
    var day = data.days[current];
    var counts = {open: 0, uncertain: 0, approved: 0};
    var highlighted = 0;
    kreisStates = {};
    litKreise = {};
    markers.clearLayers();
    data.centres.forEach(function (c) {
      var state = stateAt(c, day);
      if (state === null) return;
      counts[state] += 1;
      if (c.hl === true) {
        highlighted += 1;
        litKreise[c.kreis] = true;
      }
      var known = kreisStates[c.kreis];
      if (c.kreis && (known === undefined || RANK[state] > RANK[known])) {
        kreisStates[c.kreis] = state;
      }
      var options = markerOptions(c, state);
      options.radius += c.ring;
      var marker = L.circleMarker([c.lat, c.lon], options);
      marker.bindTooltip(textNode([c.name]));
      marker.bindPopup(c.popup, {maxWidth: 420});
      marker.addTo(markers);
      marker.getElement().setAttribute("data-centre", c.id);
    });
    areas.setStyle(areaStyle);
    showHighlight(highlighted);
    slider.value = String(current);
    slider.setAttribute("aria-valuetext", data.labels[current]);
    document.getElementById("ki-date").textContent = data.labels[current];
    document.getElementById("ki-shown").textContent = data.shown[current];
    ["open", "uncertain", "approved"].forEach(function (s) {
      document.getElementById("ki-count-" + s).textContent = String(counts[s]);
    });
    document.body.setAttribute("data-day", day);
  }

  function stop() {
    if (timer !== null) window.clearInterval(timer);
    timer = null;
    playButton.textContent = data.text.play;
    playButton.setAttribute("aria-pressed", "false");
    document.body.setAttribute("data-playing", "false");
  }

  function play() {
    if (current >= data.days.length - 1) show(0);
    playButton.textContent = data.text.pause;
    playButton.setAttribute("aria-pressed", "true");
    document.body.setAttribute("data-playing", "true");
    timer = window.setInterval(function () {
      if (current >= data.days.length - 1) {
        stop();
        return;
      }
      show(current + 1);
    }, data.stepMs);
  }

  slider.addEventListener("input", function () { show(parseInt(slider.value, 10)); });
  playButton.addEventListener("click", function () { if (timer === null) play(); else stop(); });
  document.getElementById("ki-back").addEventListener("click", function () {
    stop();
    show(current - 1);
  });
  document.getElementById("ki-forward").addEventListener("click", function () {
    stop();
    show(current + 1);
  });

  show(current);
  stop();
  document.body.setAttribute("data-ready", "true");
})();
"""
