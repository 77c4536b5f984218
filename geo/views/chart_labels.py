"""Where the rollout chart writes its stated counts, so that no two labels collide.

Vega-Lite has no label placement, so the positions are worked out here in pixels for a plot
narrower than the chart gets on a laptop screen; a label that would hit another label, a point,
the fact-check ticks or a line moves above or below its point, or further out on a leader line.
Labels keep their pixel offset from their point, so on a wider plot they only move apart.
"""

from __future__ import annotations

__all__ = [
    "LABEL_DX",
    "LABEL_FONT_SIZE",
    "LABEL_LAYOUT_WIDTH",
    "Box",
    "Curve",
    "LabelSpot",
    "Plot",
    "place_labels",
]

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

# The plot width (pixels) labels are placed for: the dashboard chart's at a 1280 px window with
# the sidebar open (523 px at 1366 px), so they stay apart on laptop screens and wider.
LABEL_LAYOUT_WIDTH = 430
LABEL_FONT_SIZE = 11
# Every label starts this many pixels right of its point or leader line (left at the right edge).
LABEL_DX = 4
# A generous estimate of the rendered text box (Source Sans at 11 px: about 5.6 px per digit).
_CHAR_WIDTH = 6.5
_BOX_HEIGHT = 15
_GAP = 2
_POINT_RADIUS = 5
# Rows tried on each side of a point before giving up on avoiding the curves.
_MAX_ROWS = 12


@dataclass(frozen=True)
class Box:
    """A rectangle in plot pixels (y grows downwards)."""

    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box) -> bool:
        """True when the two rectangles share more than an edge."""
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )


@dataclass(frozen=True)
class Plot:
    """The plot's size in pixels and its scales: days on x, counts from 0 to `y_top` on y."""

    first: date
    last: date
    width: float
    height: float
    y_top: float

    def x(self, day: date) -> float:
        """The pixel column of `day`."""
        span = (self.last - self.first).days or 1
        return self.width * (day - self.first).days / span

    def y(self, value: float, top: float | None = None) -> float:
        """The pixel row of `value` on a scale from 0 to `top` (default: the count axis)."""
        return self.height * (1 - value / (top or self.y_top))

    def value(self, pixel_y: float) -> float:
        """The count at the pixel row `pixel_y` (the inverse of `y`)."""
        return self.y_top * (1 - pixel_y / self.height)


@dataclass(frozen=True)
class Curve:
    """A step line or band (`low` to `high` per day, holding until the next day) on a scale
    from 0 to `top`; labels keep off it."""

    days: tuple[date, ...]
    low: tuple[float, ...]
    high: tuple[float, ...]
    top: float

    def rows_between(self, plot: Plot, left: float, right: float) -> tuple[float, float] | None:
        """The highest and lowest pixel row the curve takes between two pixel columns."""
        rows: list[float] = []
        for index, day in enumerate(self.days):
            start = plot.x(day)
            end = plot.x(self.days[index + 1]) if index + 1 < len(self.days) else plot.width
            if end >= left and start <= right:
                rows += [plot.y(self.low[index], self.top), plot.y(self.high[index], self.top)]
        return (min(rows), max(rows)) if rows else None


@dataclass(frozen=True)
class LabelSpot:
    """One label: its text at (`day`, `value`) on the count axis, `LABEL_DX` pixels right of the
    point (left of it when `left`, only at the plot's right edge), a leader line down or up from
    the point at `count` when `leader`, and its pixel box."""

    day: date
    count: int
    text: str
    value: float
    leader: bool
    left: bool
    box: Box


def place_labels(
    points: Sequence[tuple[date, int]],
    plot: Plot,
    curves: Sequence[Curve] = (),
    reserved_top: float = 0.0,
) -> list[LabelSpot]:
    """One label per run of neighbouring points with the same count (at the run's first point),
    in date order; points outside the plot's days get none (the chart clips them).

    Labels are placed from the latest back: each tries above right of its point, below right,
    then rows further below and above on a leader line, then the same on the left (which only
    a label at the plot's right edge needs); the first spot inside the plot (and
    below `reserved_top` pixels), clear of the other labels, points and leader lines and of
    `curves`, wins (where every row touches a curve, the first spot clear of the rest). Going
    backwards, an earlier label in a cluster lands further out, so no leader crosses a label.
    """
    ordered = sorted((day, count) for day, count in points if plot.first <= day <= plot.last)
    point_boxes = [_point_box(plot, day, count) for day, count in ordered]
    anchors: list[tuple[date, int]] = []
    for day, count in ordered:
        if not (anchors and anchors[-1][1] == count and _beside(plot, anchors[-1][0], day, count)):
            anchors.append((day, count))
    spots: list[LabelSpot] = []
    for day, count in reversed(anchors):
        spots.append(_first_free(plot, day, count, spots, point_boxes, curves, reserved_top))
    return spots[::-1]


def _beside(plot: Plot, earlier: date, day: date, count: int) -> bool:
    """True when a label of `count` at `earlier` would reach the point at `day`."""
    return plot.x(day) - plot.x(earlier) < _text_width(str(count)) + _GAP


def _text_width(text: str) -> float:
    return len(text) * _CHAR_WIDTH


def _point_box(plot: Plot, day: date, count: int) -> Box:
    x, y = plot.x(day), plot.y(count)
    r = _POINT_RADIUS
    return Box(x - r, y - r, x + r, y + r)


def _leader_box(plot: Plot, spot: LabelSpot) -> Box:
    x, point, label = plot.x(spot.day), plot.y(spot.count), plot.y(spot.value)
    if label > point:
        return Box(x - 1, point + _POINT_RADIUS, x + 1, label)
    return Box(x - 1, label, x + 1, point - _POINT_RADIUS)


def _candidates(plot: Plot, day: date, count: int) -> list[LabelSpot]:
    """The spots to try, nearest first: above and below the point, then leader rows; on the
    right of the point, or on its left where the right runs out of the plot."""
    x, y = plot.x(day), plot.y(count)
    text = str(count)
    width = _text_width(text)
    above = y - _POINT_RADIUS - _GAP - _BOX_HEIGHT
    below = y + _POINT_RADIUS + _GAP
    tops = [(above, False), (below, False)]
    pitch = _BOX_HEIGHT + _GAP
    for row in range(1, _MAX_ROWS + 1):
        tops += [(below + row * pitch, True), (above - row * pitch, True)]
    spots = []
    left = x + LABEL_DX + width > plot.width
    start = x - LABEL_DX - width if left else x + LABEL_DX
    for top, leader in tops:
        box = Box(start, top, start + width, top + _BOX_HEIGHT)
        centre = plot.value(top + _BOX_HEIGHT / 2)
        spots.append(LabelSpot(day, count, text, centre, leader, left, box))
    return spots


def _first_free(
    plot: Plot,
    day: date,
    count: int,
    placed: Sequence[LabelSpot],
    point_boxes: Sequence[Box],
    curves: Sequence[Curve],
    reserved_top: float,
) -> LabelSpot:
    inside = [
        spot
        for spot in _candidates(plot, day, count)
        if spot.box.top >= reserved_top
        and spot.box.bottom <= plot.height
        and spot.box.left >= 0
        and spot.box.right <= plot.width
    ]
    clear = [spot for spot in inside if _clear(plot, spot, placed, point_boxes)]
    for spot in clear:
        if not any(_touches(plot, spot.box, curve) for curve in curves):
            return spot
    if not clear:
        raise ValueError(f"no room for the label {count} of {day.isoformat()}")
    return clear[0]


def _clear(
    plot: Plot, spot: LabelSpot, placed: Sequence[LabelSpot], point_boxes: Sequence[Box]
) -> bool:
    """True when the label hits no placed label, leader line or point, and its own leader
    (which may cross a neighbouring point or run beside another leader) no placed label."""
    labels = [other.box for other in placed]
    leaders = [_leader_box(plot, other) for other in placed if other.leader]
    if any(spot.box.overlaps(box) for box in [*labels, *leaders, *point_boxes]):
        return False
    return not spot.leader or not any(_leader_box(plot, spot).overlaps(box) for box in labels)


def _touches(plot: Plot, box: Box, curve: Curve) -> bool:
    rows = curve.rows_between(plot, box.left, box.right)
    return rows is not None and box.top < rows[1] + _GAP and rows[0] - _GAP < box.bottom
