"""What each centre state looks like on the map: marker styles and Kreis fills.

One table for the live map, its legend and the report figures, so every picture of a state uses
the same Okabe-Ito colours, dashes and fills.
"""

from __future__ import annotations

__all__ = [
    "DIM_ALPHA",
    "KREIS_FILLS",
    "KREIS_STYLE",
    "MARKER_STYLES",
    "kreis_style",
    "marker_style",
]

from collections.abc import Mapping

from geo.model.timeline import CentreState

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

KREIS_FILLS: Mapping[CentreState | None, str] = {
    None: "#f0f0f0",
    CentreState.APPROVED: "#cfe6f5",
    CentreState.UNCERTAIN: "#fde0c5",
    CentreState.OPEN: "#bfe8d6",
}
# A highlight pales what it does not name: lines and fills keep this share of their opacity.
DIM_ALPHA = 0.35
KREIS_STYLE = {"fillOpacity": 0.6, "color": "#6b6b6b", "weight": 1, "className": "ki-kreis"}


def kreis_style(state: CentreState | None, *, pale: bool = False) -> dict[str, object]:
    """Leaflet path options of a Kreis polygon filled for `state` (None: no centre yet);
    `pale` for a Kreis a highlight does not name."""
    opacity = float(KREIS_STYLE["fillOpacity"])
    return {
        **KREIS_STYLE,
        "fillColor": KREIS_FILLS[state],
        "fillOpacity": round(opacity * DIM_ALPHA, 3) if pale else opacity,
        "dashArray": "4 4" if state is CentreState.UNCERTAIN else None,
    }


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
        style["opacity"] = DIM_ALPHA
        style["fillOpacity"] = float(style["fillOpacity"]) * DIM_ALPHA
    if not canvas:
        style["className"] = classes
    return style
