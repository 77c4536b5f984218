"""Where a map sits on the A4 page: NRW's lon/lat extent fitted into page fractions with the right
aspect, for the single map and for the grid of year panels; tests find Kreis pixels through it.
"""

from __future__ import annotations

__all__ = ["ASPECT", "EXTENT", "MAP_LAYOUT", "MapLayout", "small_multiples_layout"]

import math
from dataclasses import dataclass

from geo.outputs.page_format import A4

# West, east, south, north: NRW with a small margin.
EXTENT = (5.78, 9.55, 50.27, 52.58)
# Plotting lon/lat with this aspect keeps areas looking right at NRW's latitude.
ASPECT = 1 / math.cos(math.radians(51.5))


@dataclass(frozen=True)
class MapLayout:
    """Where a map sits on its page: the lon/lat `extent` (west, east, south, north) drawn into
    `rect` (left, bottom, width, height as fractions of the page)."""

    extent: tuple[float, float, float, float]
    rect: tuple[float, float, float, float]

    def pixel_of(self, lon: float, lat: float, size: tuple[int, int]) -> tuple[int, int]:
        """The (column, row) of (lon, lat) in an image of `size` (width, height) pixels."""
        west, east, south, north = self.extent
        left, bottom, width, height = self.rect
        fx = left + (lon - west) / (east - west) * width
        fy = bottom + (lat - south) / (north - south) * height
        return int(fx * size[0]), int((1 - fy) * size[1])


def _fit(box: tuple[float, float, float, float], *, align: str = "center") -> MapLayout:
    """The largest map of EXTENT with the right aspect inside `box` (page fractions, A4 shape)."""
    left, bottom, width, height = box
    west, east, south, north = EXTENT
    ratio = (east - west) / (north - south) / ASPECT  # map width / height, in inches
    width_in, height_in = width * A4[0], height * A4[1]
    if width_in / height_in > ratio:
        width_in = height_in * ratio
    else:
        height_in = width_in / ratio
    w, h = width_in / A4[0], height_in / A4[1]
    x = left if align == "left" else left + (width - w) / 2
    y = bottom + (height - h) / 2
    return MapLayout(EXTENT, (x, y, w, h))


MAP_LAYOUT = _fit((0.03, 0.07, 0.62, 0.79), align="left")


def small_multiples_layout(count: int) -> tuple[tuple[MapLayout, ...], tuple[float, float]]:
    """Panel layouts for `count` maps in a grid, plus the top-left corner of the legend cell.

    The grid has one cell more than `count` (for the shared legend) and is chosen so the maps
    come out as large as possible.
    """
    if count < 1:
        raise ValueError("at least one panel is needed")
    area = (0.03, 0.07, 0.94, 0.80)  # left, bottom, width, height of the grid
    best: tuple[float, int, int] | None = None
    for cols in range(1, count + 2):
        rows = math.ceil((count + 1) / cols)
        panel = _fit(_cell(area, rows, cols, 0, 0))
        size = panel.rect[2]
        if best is None or size > best[0]:
            best = (size, rows, cols)
    assert best is not None
    _, rows, cols = best
    panels = tuple(_fit(_cell(area, rows, cols, i // cols, i % cols)) for i in range(count))
    legend = _cell(area, rows, cols, count // cols, count % cols)
    return panels, (legend[0] + 0.01, legend[1] + legend[3] - 0.01)


def _cell(
    area: tuple[float, float, float, float], rows: int, cols: int, row: int, col: int
) -> tuple[float, float, float, float]:
    """The map box of one grid cell, leaving room for a date above and counts below."""
    left, bottom, width, height = area
    cw, ch = width / cols, height / rows
    top_gap, bottom_gap, side_gap = 0.035, 0.04, 0.008
    x = left + col * cw + side_gap
    y = bottom + (rows - 1 - row) * ch + bottom_gap
    return (x, y, cw - 2 * side_gap, ch - top_gap - bottom_gap)
