"""Exports that open anywhere: the centres table as CSV, the rollout map as one offline HTML file.

The CSV is safe to open in a spreadsheet (no formula injection, BOM for Excel); the HTML file
inlines Leaflet, the boundaries and the data, so it works from disk with no server or internet.
"""

from __future__ import annotations

__all__ = [
    "CSV_SEPARATORS",
    "export_filename",
    "neutralise_cell",
    "script_json",
    "standalone_html",
    "table_csv",
]

import csv
import io
import json
import re
from collections.abc import Sequence
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

import pandas as pd
import xstatic.pkg.leaflet

from geo.i18n import t
from geo.model.timeline import CentreState, Timeline
from geo.sources.boundaries import Boundaries
from geo.views.mapview import (
    KREIS_FILLS,
    KREIS_STYLE,
    MARKER_STYLES,
    attribution_html,
    legend_html,
    popup_html,
    ring_offsets,
)

CSV_SEPARATORS = (",", ";")
# OWASP "CSV injection": spreadsheets treat cells starting with these as formulas.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_EXT = re.compile(r"^[a-z0-9]+$")
_LEAFLET_DIR = Path(xstatic.pkg.leaflet.BASE_DIR)
# Coordinates are rounded to 5 decimals (about 1 m): plenty for Kreis outlines, half the bytes.
_DECIMALS = 5
_OUTLINE_STYLE = {"fillOpacity": 0, "color": "#1a1a1a", "weight": 2.5, "className": "ki-outline"}
# Milliseconds per month while playing.
DEFAULT_STEP_MS = 800


def neutralise_cell(value: str) -> str:
    """Prefix `'` to a cell a spreadsheet would read as a formula (=, +, -, @, tab, CR)."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _cell(value: object) -> object:
    """One CSV cell: lists joined with spaces, strings neutralised, anything else as is."""
    if isinstance(value, list | tuple):
        value = " ".join(str(v) for v in value)
    if isinstance(value, str):
        return neutralise_cell(value)
    return value


def table_csv(frame: pd.DataFrame, *, sep: str = ",") -> bytes:
    """The table as CSV bytes for spreadsheets: UTF-8 with BOM, `sep` "," or ";", LF line ends.

    List cells (the sources) are joined with a space, every string cell and header goes through
    `neutralise_cell`, and fields are quoted only where needed (separator, quote, line break).
    LF is used throughout, including inside quoted cells; Excel, LibreOffice and pandas read it.
    """
    if sep not in CSV_SEPARATORS:
        raise ValueError(f"CSV separator must be one of {CSV_SEPARATORS!r}, not {sep!r}")
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([_cell(str(column)) for column in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def export_filename(kind: str, day: date, ext: str) -> str:
    """A download name like `ki-atlas-nrw_zentren_2016-07-01.csv` (kind: lower-case slug)."""
    if not _SLUG.match(kind):
        raise ValueError(f"export kind must be a lower-case slug, not {kind!r}")
    if not _EXT.match(ext):
        raise ValueError(f"file extension must be lower-case letters or digits, not {ext!r}")
    return f"ki-atlas-nrw_{kind}_{day.isoformat()}.{ext}"


# --------------------------------------------------------------------------- standalone HTML


def script_json(data: object) -> str:
    """JSON that cannot end or confuse the <script> element holding it.

    `<`, `>` and `&` become \\u escapes (so no `</script>` or `<!--`), as do U+2028/U+2029, which
    old JavaScript parsers treat as line ends. `JSON.parse` gives back the same values.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, code)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _round_coords(value: Any) -> Any:
    """Nested GeoJSON coordinate arrays with every number rounded to 5 decimals."""
    if isinstance(value, list):
        return [_round_coords(v) for v in value]
    if isinstance(value, float):
        return round(value, _DECIMALS)
    return value


def _areas(boundaries: Boundaries) -> tuple[dict[str, Any], bool]:
    """The polygons to embed (Kreise with ars/name only, else the state outline) and which."""
    has_kreise = bool(boundaries.kreise and boundaries.kreise.get("features"))
    source = boundaries.kreise if has_kreise else boundaries.land
    features = [
        {
            "type": "Feature",
            "properties": {
                "ars": str(f["properties"].get("ars", "")),
                "name": str(f["properties"].get("name", "")),
            },
            "geometry": {
                "type": f["geometry"]["type"],
                "coordinates": _round_coords(f["geometry"]["coordinates"]),
            },
        }
        for f in (source or {}).get("features", [])
    ]
    return {"type": "FeatureCollection", "features": features}, has_kreise


def _leaflet_style(style: dict[str, object]) -> dict[str, object]:
    """folium's snake_case path options as Leaflet's camelCase ones."""
    return {re.sub(r"_([a-z])", lambda m: m.group(1).upper(), k): v for k, v in style.items()}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _centres_data(timeline: Timeline, lang: str) -> list[dict[str, object]]:
    """Per centre what the page needs; wider rings first so inner markers stay on top."""
    offsets = ring_offsets(timeline.centres)
    drawn = sorted(timeline.centres, key=lambda c: -offsets.get(c.id, 0))
    out = []
    for centre in drawn:
        window = timeline.windows[centre.id]
        out.append(
            {
                "id": centre.id,
                "name": centre.name,
                "kreis": centre.kreis_ars,
                "lat": round(centre.lat, _DECIMALS),
                "lon": round(centre.lon, _DECIMALS),
                "ring": offsets.get(centre.id, 0),
                "earliest": _iso(window.earliest),
                "latest": _iso(window.latest),
                "approval": _iso(centre.approval.latest),
                "popup": popup_html(centre, window, lang=lang, colocated=centre.id in offsets),
            }
        )
    return out


def _initial_index(months: Sequence[date], selected: date | None) -> int:
    """The slider position: the month holding `selected`, or the last month."""
    if selected is None:
        return len(months) - 1
    month = selected.replace(day=1)
    if month not in months:
        raise ValueError(
            f"selected date {selected.isoformat()} is outside "
            f"{months[0].isoformat()} … {months[-1].isoformat()}"
        )
    return list(months).index(month)


def _leaflet_assets() -> tuple[str, str]:
    """Leaflet's JS and CSS from XStatic-Leaflet, made inert for a single offline file.

    The source-map comment is dropped (devtools would fetch it) and the CSS's image URLs are
    removed: the page uses no layer control and no default marker icon, which are all they serve.
    """
    js = (_LEAFLET_DIR / "leaflet.js").read_text(encoding="utf-8")
    css = (_LEAFLET_DIR / "leaflet.css").read_text(encoding="utf-8")
    js = re.sub(r"^//# sourceMappingURL=.*$", "", js, flags=re.MULTILINE)
    css = re.sub(r"url\(images/[^)]*\)", "none", css)
    if "</script" in js.lower() or "</style" in css.lower():
        raise ValueError("the Leaflet files cannot be inlined (they close their own element)")
    return js, css


def standalone_html(
    timeline: Timeline,
    boundaries: Boundaries,
    *,
    lang: str = "de",
    months: Sequence[date],
    selected: date | None = None,
    step_ms: int = DEFAULT_STEP_MS,
    subtitle: str | None = None,
    sites_credit: str | None = None,
) -> str:
    """One self-contained HTML page of the rollout map that works offline, opened from disk.

    Leaflet, the Kreis polygons (or the state outline) and every centre's start window,
    approval day and escaped popup are embedded; a month slider with play/pause and step
    buttons, the counts, the legend and the attribution are drawn by inline JavaScript that
    applies the same rule as `Timeline.state_of` and `Timeline.kreis_states`. It opens at the
    month holding `selected`, or at the last month. `subtitle` and `sites_credit` replace the
    KI subtitle and the GeoNames credit for other data (an upload).
    """
    if not months:
        raise ValueError("months must not be empty")
    initial = _initial_index(months, selected)
    areas, has_kreise = _areas(boundaries)
    attribution = attribution_html(boundaries, lang, sites_credit)
    data = {
        "months": [m.isoformat() for m in months],
        "labels": [m.strftime("%m/%Y") for m in months],
        "initial": initial,
        "stepMs": step_ms,
        "centres": _centres_data(timeline, lang),
        "styles": {s.value: _leaflet_style(dict(MARKER_STYLES[s])) for s in CentreState},
        "fills": {(s.value if s else "none"): KREIS_FILLS[s] for s in KREIS_FILLS},
        "kreisStyle": KREIS_STYLE,
        "outlineStyle": _OUTLINE_STYLE,
        "hasKreise": has_kreise,
        "areas": areas,
        "attribution": attribution,
        "legend": legend_html(lang),
        "text": {
            "play": t("play", lang),
            "pause": t("pause", lang),
            "shownDate": t("shown_date", lang, date="{date}"),
            "kreis": {
                "none": t("kreis_none", lang),
                "open": t("kreis_open", lang),
                "uncertain": t("kreis_uncertain", lang),
                "approved": t("kreis_approved", lang),
            },
        },
    }
    js, css = _leaflet_assets()
    counts = "".join(
        f'<span class="ki-count ki-count-{s.value}"><b id="ki-count-{s.value}">0</b> '
        f"{escape(t(s.value, lang))}</span>"
        for s in CentreState
    )
    last = len(months) - 1
    return _PAGE.format(
        lang=escape(lang),
        page_title=escape(t("export_page_title", lang, title=t("title", lang))),
        title=escape(t("title", lang)),
        subtitle=escape(subtitle or t("subtitle", lang)),
        note=escape(t("export_note", lang)),
        noscript=escape(t("export_noscript", lang)),
        leaflet_css=css,
        own_css=_CSS,
        back=escape(t("step_back", lang)),
        play=escape(t("play", lang)),
        forward=escape(t("step_forward", lang)),
        month=escape(t("month", lang)),
        last=last,
        initial=initial,
        label=escape(data["labels"][initial]),
        counts=counts,
        leaflet_js=js,
        data=script_json(data),
        app_js=_APP_JS,
    )


_CSS = """
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
.ki-popup h4 { margin: 0 0 4px; }
.ki-popup th { text-align: left; padding-right: 6px; vertical-align: top; }
"""

_PAGE = """<!DOCTYPE html>
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
_APP_JS = """
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

  function areaStyle(feature) {
    if (!data.hasKreise) return L.extend({fill: false}, data.outlineStyle);
    var state = kreisStates[feature.properties.ars] || null;
    return L.extend({}, data.kreisStyle, {
      fillColor: data.fills[state || "none"],
      dashArray: state === "uncertain" ? "4 4" : null
    });
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
    current = Math.max(0, Math.min(data.months.length - 1, index));
    var day = data.months[current];
    var counts = {open: 0, uncertain: 0, approved: 0};
    kreisStates = {};
    markers.clearLayers();
    data.centres.forEach(function (c) {
      var state = stateAt(c, day);
      if (state === null) return;
      counts[state] += 1;
      var known = kreisStates[c.kreis];
      if (c.kreis && (known === undefined || RANK[state] > RANK[known])) {
        kreisStates[c.kreis] = state;
      }
      var options = L.extend({}, data.styles[state], {className: "ki-marker ki-" + state});
      options.radius += c.ring;
      var marker = L.circleMarker([c.lat, c.lon], options);
      marker.bindTooltip(textNode([c.name]));
      marker.bindPopup(c.popup, {maxWidth: 420});
      marker.addTo(markers);
      marker.getElement().setAttribute("data-centre", c.id);
    });
    areas.setStyle(areaStyle);
    slider.value = String(current);
    slider.setAttribute("aria-valuetext", data.labels[current]);
    document.getElementById("ki-date").textContent = data.labels[current];
    document.getElementById("ki-shown").textContent =
      data.text.shownDate.replace("{date}", data.labels[current]);
    ["open", "uncertain", "approved"].forEach(function (s) {
      document.getElementById("ki-count-" + s).textContent = String(counts[s]);
    });
    document.body.setAttribute("data-month", day);
  }

  function stop() {
    if (timer !== null) window.clearInterval(timer);
    timer = null;
    playButton.textContent = data.text.play;
    playButton.setAttribute("aria-pressed", "false");
    document.body.setAttribute("data-playing", "false");
  }

  function play() {
    if (current >= data.months.length - 1) show(0);
    playButton.textContent = data.text.pause;
    playButton.setAttribute("aria-pressed", "true");
    document.body.setAttribute("data-playing", "true");
    timer = window.setInterval(function () {
      if (current >= data.months.length - 1) {
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
