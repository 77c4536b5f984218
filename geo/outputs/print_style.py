"""How the printed maps look: text and edge colours, the uncertain hatch, and the centre markers
in points, taken from the dashboard's `MARKER_STYLES` so that paper and screen agree.
"""

from __future__ import annotations

__all__ = [
    "BEZIRK_EDGE",
    "CIRCLE",
    "HATCH",
    "HATCH_COLOUR",
    "KREIS_EDGE",
    "LAND_EDGE",
    "LINE_PT",
    "MARKER_PT",
    "MUTED",
    "STATE_ORDER",
    "TEXT",
    "dimmed",
    "marker",
]

from collections.abc import Mapping
from typing import Any

from matplotlib.colors import to_rgba
from matplotlib.markers import MarkerStyle

from geo.model.timeline import CentreState
from geo.views.mapstyles import DIM_ALPHA, MARKER_STYLES

# Leaflet pixels to points on paper: markers keep their on-screen size in points.
MARKER_PT = 0.7
LINE_PT = 0.75
STATE_ORDER = (CentreState.OPEN, CentreState.UNCERTAIN, CentreState.APPROVED)
# Kreise whose centre's start is uncertain get a light hatch in the uncertain marker's colour.
HATCH = "//"
HATCH_COLOUR = to_rgba(str(MARKER_STYLES[CentreState.UNCERTAIN]["color"]), 0.55)
# The scatter "o" marker: a circle of diameter 1, scaled by the marker size in points.
CIRCLE = MarkerStyle("o").get_path().transformed(MarkerStyle("o").get_transform())
KREIS_EDGE = "#8c8c8c"
BEZIRK_EDGE = "#404040"
LAND_EDGE = "#1a1a1a"
TEXT = "#1a1a1a"
MUTED = "#555555"
# A highlight dims the others as the web map does (`DIM_ALPHA` of `geo.views.mapstyles`); the
# highlighted get wider and bolder.
HIGHLIGHT_WEIGHT = 1.5
HIGHLIGHT_RADIUS = 2.0


def _dashes(style: Mapping[str, object], lw: float) -> Any:
    """Leaflet's dash array (pixels) as a matplotlib dash pattern (scaled by the line width)."""
    dash = style.get("dash_array")
    if not dash:
        return "solid"
    return (0, tuple(float(v) * LINE_PT / max(lw, 0.1) for v in str(dash).split()))


def dimmed(colour: str, alpha: float = 1.0) -> tuple[float, float, float, float]:
    """`colour` at `alpha` times `DIM_ALPHA`: how a highlight pales what it does not name."""
    return to_rgba(colour, alpha * DIM_ALPHA)


def marker(
    state: CentreState, scale: float, extra: float = 0.0, *, highlight: bool | None = None
) -> dict[str, Any]:
    """Scatter properties of a centre in `state`, taken from the dashboard's MARKER_STYLES;
    with a highlight, stronger (True) or dimmed (False) as on the web map."""
    style = MARKER_STYLES[state]
    weight, radius = float(style["weight"]), float(style["radius"]) + extra
    if highlight is True:
        weight, radius = weight + HIGHLIGHT_WEIGHT, radius + HIGHLIGHT_RADIUS
    lw = weight * LINE_PT * scale
    diameter = 2 * radius * MARKER_PT * scale
    face, edge = str(style["fill_color"]), str(style["color"])
    fill_opacity = float(style["fill_opacity"])
    return {
        "size": diameter**2,
        "face": dimmed(face, fill_opacity) if highlight is False else to_rgba(face, fill_opacity),
        "edge": dimmed(edge) if highlight is False else to_rgba(edge),
        "lw": lw,
        "ls": _dashes(style, lw),
    }
