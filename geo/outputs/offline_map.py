"""The rollout map as one self-contained HTML file that works offline, opened from disk: Leaflet,
the boundaries and every centre's data are inlined, and a month slider replays the timeline,
with the dashboard's highlight (others pale, a legend line that says why) when one is given.

The data sits in the page as escaped JSON; the page's look and logic are in
`geo.outputs.offline_map_template`.
"""

from __future__ import annotations

__all__ = ["DEFAULT_STEP_MS", "script_json", "standalone_html"]

import json
import re
from collections.abc import Sequence
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

import xstatic.pkg.leaflet

from geo.i18n import t
from geo.model.timeline import CentreState, Timeline
from geo.outputs.offline_map_template import APP_JS, CSS, PAGE
from geo.sources.boundaries import Boundaries
from geo.sources.fuzzydate import day_words
from geo.views.basemap import legend_html
from geo.views.mapcredits import attribution_html
from geo.views.maplayers import ring_offsets
from geo.views.mapstyles import DIM_ALPHA, KREIS_FILLS, KREIS_STYLE, MARKER_STYLES, marker_style
from geo.views.popups import popup_html

_LEAFLET_DIR = Path(xstatic.pkg.leaflet.BASE_DIR)
# Coordinates are rounded to 5 decimals (about 1 m): plenty for Kreis outlines, half the bytes.
_DECIMALS = 5
_OUTLINE_STYLE = {"fillOpacity": 0, "color": "#1a1a1a", "weight": 2.5, "className": "ki-outline"}
# Milliseconds per month while playing.
DEFAULT_STEP_MS = 800


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


def _centres_data(
    timeline: Timeline, lang: str, highlight: frozenset[str] | None
) -> list[dict[str, object]]:
    """Per centre what the page needs; wider rings first so inner markers stay on top, then
    the highlighted ones above the pale ones (`hl`: null without a highlight)."""
    offsets = ring_offsets(timeline.centres)

    def chosen(centre_id: str) -> bool | None:
        return None if highlight is None else centre_id in highlight

    drawn = sorted(timeline.centres, key=lambda c: (-offsets.get(c.id, 0), bool(chosen(c.id))))
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
                "hl": chosen(centre.id),
                "earliest": _iso(window.earliest),
                "latest": _iso(window.latest),
                "approval": _iso(centre.approval.latest),
                "popup": popup_html(centre, window, lang=lang, colocated=centre.id in offsets),
            }
        )
    return out


def _initial_index(days: Sequence[date], selected: date | None) -> int:
    """The slider position: the step in `selected`'s month, or the last step."""
    if selected is None:
        return len(days) - 1
    months = [(d.year, d.month) for d in days]
    if (selected.year, selected.month) not in months:
        raise ValueError(
            f"selected date {selected.isoformat()} is outside "
            f"{days[0].isoformat()} … {days[-1].isoformat()}"
        )
    return months.index((selected.year, selected.month))


def _highlight_words(
    highlight: frozenset[str] | None, reason: str, lang: str
) -> dict[str, str] | None:
    """The legend's highlight line for one and for `{n}` highlighted centres (None without a
    highlight), worded as on the dashboard (`geo.views.map_caption.map_caption`)."""
    if highlight is None:
        return None
    reason = reason or t("highlight_chosen", lang)
    return {
        "one": t("highlight_line", lang, reason=reason, n=1),
        "many": t("highlight_line", lang, reason=reason, n="{n}"),
    }


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
    days: Sequence[date],
    selected: date | None = None,
    step_ms: int = DEFAULT_STEP_MS,
    subtitle: str | None = None,
    sites_credit: str | None = None,
    highlight: frozenset[str] | None = None,
    highlight_reason: str = "",
) -> str:
    """One self-contained HTML page of the rollout map that works offline, opened from disk.

    Leaflet, the Kreis polygons (or the state outline) and every centre's start window,
    approval day and escaped popup are embedded; a month slider with play/pause and step
    buttons, the counts, the legend and the attribution are drawn by inline JavaScript that
    applies the same rule as `Timeline.state_of` and `Timeline.kreis_states`. `days` are the
    days its months show (`Dataset.shown_days`: each month's last day, as on the dashboard).
    It opens at the month holding `selected`, or at the last month. `subtitle` and
    `sites_credit` replace the KI subtitle and the GeoNames credit for other data (an upload).
    With `highlight` (centre ids), the other centres and the Kreise without a highlighted
    centre are pale, and the legend's line names `highlight_reason` and counts the highlighted
    centres of each month.
    """
    if not days:
        raise ValueError("days must not be empty")
    initial = _initial_index(days, selected)
    areas, has_kreise = _areas(boundaries)
    attribution = attribution_html(boundaries, lang, sites_credit)
    data = {
        "days": [d.isoformat() for d in days],
        "labels": [d.strftime("%m/%Y") for d in days],
        "shown": [t("shown_date", lang, date=day_words(d, lang)) for d in days],
        "initial": initial,
        "stepMs": step_ms,
        "centres": _centres_data(timeline, lang, highlight),
        "styles": {s.value: _leaflet_style(dict(MARKER_STYLES[s])) for s in CentreState},
        "highlightStyles": {
            str(chosen).lower(): {s.value: marker_style(s, highlight=chosen) for s in CentreState}
            for chosen in (True, False)
        },
        "dimAlpha": DIM_ALPHA,
        "highlight": _highlight_words(highlight, highlight_reason, lang),
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
    last = len(days) - 1
    return PAGE.format(
        lang=escape(lang),
        page_title=escape(t("export_page_title", lang, title=t("title", lang))),
        title=escape(t("title", lang)),
        subtitle=escape(subtitle or t("subtitle", lang)),
        note=escape(t("export_note", lang)),
        noscript=escape(t("export_noscript", lang)),
        leaflet_css=css,
        own_css=CSS,
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
        app_js=APP_JS,
    )
