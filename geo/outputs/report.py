"""Print-ready pictures of the rollout: a map at a date (PNG/SVG/PDF), small multiples of the year
ends, a GIF with one frame per month, and the `report` command line that writes them.

Everything is drawn on a private matplotlib `Figure` with the Agg canvas (no pyplot, no shared
figure state), so the dashboard can render from several threads. The Kreis polygons are turned
into paths once per figure; between frames only their colours and the centre points change.
"""

from __future__ import annotations

__all__ = [
    "FORMATS",
    "MAP_LAYOUT",
    "MapLayout",
    "load_report_data",
    "render_animation",
    "render_map",
    "render_small_multiples",
    "report_filename",
    "run_report_cli",
    "small_multiples_layout",
]

import argparse
import io
import math
import os
import re
import stat
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TextIO

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.markers import MarkerStyle
from matplotlib.patches import Patch
from matplotlib.path import Path as MplPath
from matplotlib.transforms import IdentityTransform
from PIL import Image
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from geo import paths
from geo.cli import CommandParser, HelpRequested, print_error
from geo.errors import KiAtlasError, UsageError
from geo.i18n import LANGUAGES, t
from geo.model.timeline import CentreState, Snapshot, Timeline
from geo.sources.atomic import write_bytes_atomic
from geo.sources.boundaries import Boundaries, load_boundaries
from geo.sources.centres import load_centres
from geo.sources.fuzzydate import FuzzyDate
from geo.views.dataset import event_months
from geo.views.mapview import KREIS_FILLS, MARKER_STYLES, ring_offsets

FORMATS = ("png", "svg", "pdf")
# A4 landscape in inches; raster pages get half a pixel more so 300 dpi gives 3508 x 2480 px.
A4 = (297 / 25.4, 210 / 25.4)
# GIF frames are drawn on a smaller page of the same shape: 1000 px wide at 100 dpi.
GIF_WIDTH_INCHES = 10.0
# West, east, south, north: NRW with a small margin.
EXTENT = (5.78, 9.55, 50.27, 52.58)
# Plotting lon/lat with this aspect keeps areas looking right at NRW's latitude.
ASPECT = 1 / math.cos(math.radians(51.5))
FILENAME_PREFIX = "ki-atlas-nrw"
FIRST_YEAR, LAST_YEAR = 2012, 2030
GIF_COLOURS = 64
# GIF frame durations: browsers stretch frames under 20 ms to 100 ms, and the format stores at
# most 655.35 s (16 bits of 10 ms); a minute per month is already far too slow to watch.
FRAME_MS_RANGE = (20, 60_000)
# Resolutions the command line accepts: an A4 page at 600 dpi (35 million pixels) or GIF frames
# 2000 px wide at 200 dpi keep the drawing within a few hundred MB.
MAP_DPI_RANGE = (10, 600)
GIF_DPI_RANGE = (10, 200)
# Pixel budgets, checked before anything is drawn: one raster page, and all frames of a GIF
# (each frame is kept until the file is written): 300 million fit the 71 months of the data at
# 200 dpi, or the 30 years an upload may span (362 months) at the dashboard's 100 dpi.
MAX_PAGE_PIXELS = 36_000_000
MAX_GIF_PIXELS = 300_000_000
# What the CLI's warning calls each boundary source that replaced an unusable configured file.
BOUNDARY_SOURCES = {
    "cache": "the downloaded VG250 boundaries",
    "bkg": "the downloaded VG250 boundaries",
    "bundled": "the committed VG5000 boundaries",
    "outline": "the state outline only",
}
# Leaflet pixels to points on paper: markers keep their on-screen size in points.
MARKER_PT = 0.7
LINE_PT = 0.75
# Every text is drawn with parse_math=False: titles, file names and attributions come from
# users and data, and matplotlib would read "$...$" in them as mathtext (and may fail on it).
# SVG ids from a fixed salt and no dates in SVG/PDF, so the same input gives the same bytes;
# SVG text stays text (editable), PDF embeds TrueType fonts.
_SAVE_RC = {"svg.hashsalt": "ki-atlas-nrw", "svg.fonttype": "none", "pdf.fonttype": 42}
_RC_LOCK = threading.Lock()
_METADATA: Mapping[str, dict[str, Any]] = {
    "png": {},
    "svg": {"Date": None},
    "pdf": {"CreationDate": None},
}
_STATE_ORDER = (CentreState.OPEN, CentreState.UNCERTAIN, CentreState.APPROVED)
_UNC = CentreState.UNCERTAIN
# Kreise whose centre's start is uncertain get a light hatch in the uncertain marker's colour.
_HATCH = "//"
_HATCH_COLOUR = to_rgba(str(MARKER_STYLES[_UNC]["color"]), 0.55)
# The scatter "o" marker: a circle of diameter 1, scaled by the marker size in points.
_CIRCLE = MarkerStyle("o").get_path().transformed(MarkerStyle("o").get_transform())
_KREIS_EDGE = "#8c8c8c"
_BEZIRK_EDGE = "#404040"
_LAND_EDGE = "#1a1a1a"
_TEXT = "#1a1a1a"
_MUTED = "#555555"


# --------------------------------------------------------------------------- layout


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


def _page_size(width_in: float, fmt: str, dpi: float) -> tuple[float, float]:
    """The page in inches; raster pages are rounded up to whole pixels (3508 x 2480 at 300)."""
    height_in = width_in * A4[1] / A4[0]
    if fmt in ("svg", "pdf"):
        return width_in, height_in
    return (round(width_in * dpi) + 0.5) / dpi, (round(height_in * dpi) + 0.5) / dpi


# --------------------------------------------------------------------------- drawing


def _polygons(geom: BaseGeometry) -> list[BaseGeometry]:
    if geom.geom_type == "Polygon":
        return [geom]
    if geom.geom_type in ("MultiPolygon", "GeometryCollection"):
        return [p for part in geom.geoms for p in _polygons(part)]
    return []


def _geometry_path(geometry: Mapping[str, Any]) -> MplPath:
    """A GeoJSON (Multi)Polygon as one compound path; holes wind the other way, so they stay
    empty under the non-zero fill rule that Agg, SVG and PDF use."""
    vertices: list[np.ndarray] = []
    codes: list[np.ndarray] = []
    for polygon in _polygons(shape(geometry)):
        polygon = orient(polygon, 1.0)
        for ring in (polygon.exterior, *polygon.interiors):
            coords = np.asarray(ring.coords)[:, :2]
            ring_codes = np.full(len(coords), MplPath.LINETO, dtype=MplPath.code_type)
            ring_codes[0] = MplPath.MOVETO
            ring_codes[-1] = MplPath.CLOSEPOLY
            vertices.append(coords)
            codes.append(ring_codes)
    if not vertices:
        return MplPath(np.empty((0, 2)))
    return MplPath(np.concatenate(vertices), np.concatenate(codes))


def _layer_paths(collection: Mapping[str, Any] | None) -> list[tuple[str, MplPath]]:
    features = (collection or {}).get("features") or []
    return [(f["properties"].get("ars", ""), _geometry_path(f["geometry"])) for f in features]


def _dashes(style: Mapping[str, object], lw: float) -> Any:
    """Leaflet's dash array (pixels) as a matplotlib dash pattern (scaled by the line width)."""
    dash = style.get("dash_array")
    if not dash:
        return "solid"
    return (0, tuple(float(v) * LINE_PT / max(lw, 0.1) for v in str(dash).split()))


def _marker(state: CentreState, scale: float, extra: float = 0.0) -> dict[str, Any]:
    """Scatter properties of a centre in `state`, taken from the dashboard's MARKER_STYLES."""
    style = MARKER_STYLES[state]
    lw = float(style["weight"]) * LINE_PT * scale
    diameter = 2 * (float(style["radius"]) + extra) * MARKER_PT * scale
    return {
        "size": diameter**2,
        "face": to_rgba(str(style["fill_color"]), float(style["fill_opacity"])),
        "edge": to_rgba(str(style["color"])),
        "lw": lw,
        "ls": _dashes(style, lw),
    }


class _MapArtists:
    """The artists of one map: built once, then `show` recolours Kreise and moves the points."""

    def __init__(
        self,
        fig: Figure,
        layout: MapLayout,
        timeline: Timeline,
        boundaries: Boundaries,
        scale: float,
    ) -> None:
        self.timeline = timeline
        self.scale = scale
        ax = fig.add_axes(layout.rect)
        west, east, south, north = layout.extent
        ax.set_xlim(west, east)
        ax.set_ylim(south, north)
        ax.set_aspect("auto")  # the rect already has the right shape (see _fit)
        ax.set_axis_off()
        self.ax = ax
        kreise = _layer_paths(boundaries.kreise)
        self.kreis_ars = [ars for ars, _ in kreise]
        self.kreis_paths = [path for _, path in kreise]
        self.fills = PathCollection(
            self.kreis_paths,
            facecolors=[KREIS_FILLS[None]] * len(kreise),
            edgecolors=_KREIS_EDGE,
            linewidths=0.4 * scale,
            transform=ax.transData,
            zorder=1,
        )
        ax.add_collection(self.fills, autolim=False)
        self.hatch = PathCollection(
            [],
            facecolors="none",
            edgecolors=_HATCH_COLOUR,
            hatchcolors=_HATCH_COLOUR,
            linewidths=0,
            hatch=_HATCH,
            transform=ax.transData,
            zorder=1.5,
        )
        self.hatch.set_hatch_linewidth(0.8 * scale)
        ax.add_collection(self.hatch, autolim=False)
        # What changes between frames (and what lies on top of it), bottom to top.
        self.dynamic: list[Any] = [self.fills, self.hatch]
        for layer, colour, width, z in (
            (boundaries.regierungsbezirke, _BEZIRK_EDGE, 1.2, 2),
            (boundaries.land, _LAND_EDGE, 1.6, 3),
        ):
            outline = [path for _, path in _layer_paths(layer)]
            if outline:
                lines = PathCollection(
                    outline,
                    facecolors="none",
                    edgecolors=colour,
                    linewidths=width * scale,
                    transform=ax.transData,
                    zorder=z,
                )
                ax.add_collection(lines, autolim=False)
                self.dynamic.append(lines)
        self.offsets = ring_offsets(timeline.centres)
        # Wider rings first, so a co-located smaller marker stays visible on top.
        self.order = sorted(timeline.centres, key=lambda c: -self.offsets.get(c.id, 0))
        self.points = ax.scatter([], [], marker=MarkerStyle("o"), zorder=5)
        self.dynamic.append(self.points)

    def show(self, snapshot: Snapshot) -> None:
        """Colour the Kreise and draw the centres as they are at the snapshot's date."""
        states = self.timeline.kreis_states(snapshot)
        kreis_state = [states.get(ars) for ars in self.kreis_ars]
        self.fills.set_facecolor([KREIS_FILLS[s] for s in kreis_state])
        self.hatch.set_paths(
            [p for p, s in zip(self.kreis_paths, kreis_state, strict=True) if s is _UNC]
        )
        drawn = [(c, snapshot.states[c.id]) for c in self.order if c.id in snapshot.states]
        props = [_marker(s, self.scale, self.offsets.get(c.id, 0)) for c, s in drawn]
        self.points.set_offsets(
            np.array([(c.lon, c.lat) for c, _ in drawn], dtype=float).reshape(-1, 2)
        )
        self.points.set_sizes([p["size"] for p in props])
        self.points.set_facecolors([p["face"] for p in props])
        self.points.set_edgecolors([p["edge"] for p in props])
        # Matplotlib broadcasts widths and styles to their least common multiple on each set:
        # last frame's list against this frame's would make millions of entries, so the styles
        # are set while the width is one number, and then the widths.
        self.points.set_linewidths([0.0])
        self.points.set_linestyles([p["ls"] for p in props] or ["solid"])
        self.points.set_linewidths([p["lw"] for p in props] or [0.0])


def _legend_handles(lang: str, scale: float, with_kreise: bool) -> list[tuple[str, list, list]]:
    """(title, handles, labels) for the centre markers and, with Kreise, their fills."""
    sections = []
    handles, labels = [], []
    for state in _STATE_ORDER:
        m = _marker(state, scale)
        handles.append(
            PathCollection(
                [_CIRCLE],
                sizes=[m["size"]],
                transform=IdentityTransform(),
                facecolors=[m["face"]],
                edgecolors=[m["edge"]],
                linewidths=[m["lw"]],
                linestyles=[m["ls"]],
            )
        )
        labels.append(t(state.value, lang))
    sections.append((t("legend_centres", lang), handles, labels))
    if with_kreise:
        fills = []
        for state, key in (
            (CentreState.OPEN, "kreis_open"),
            (CentreState.UNCERTAIN, "kreis_uncertain"),
            (CentreState.APPROVED, "kreis_approved"),
            (None, "kreis_none"),
        ):
            patch = Patch(
                facecolor=KREIS_FILLS[state],
                edgecolor=_KREIS_EDGE,
                hatch=_HATCH if state is _UNC else None,
                hatchcolor=_HATCH_COLOUR,
                linewidth=0.6 * scale,
            )
            patch.set_hatch_linewidth(0.8 * scale)
            fills.append((patch, t(key, lang)))
        sections.append((t("legend_kreise", lang), [h for h, _ in fills], [x for _, x in fills]))
    return sections


def _add_legends(
    fig: Figure, lang: str, scale: float, with_kreise: bool, corner: tuple[float, float]
) -> None:
    """Both legend sections stacked downwards from `corner` (page fractions)."""
    x, y = corner
    size = 10 * scale
    line = size * 2.0 / 72 / fig.get_figheight()  # one legend row, as a page fraction
    for title, handles, labels in _legend_handles(lang, scale, with_kreise):
        legend = fig.legend(
            handles,
            labels,
            loc="upper left",
            bbox_to_anchor=(x, y),
            bbox_transform=fig.transFigure,
            title=title,
            alignment="left",
            frameon=False,
            fontsize=size,
            title_fontsize=size * 1.1,
            borderaxespad=0,
            handlelength=2.0,
            labelcolor=_TEXT,
        )
        legend.get_title().set_fontweight("bold")
        for text in (legend.get_title(), *legend.get_texts()):
            text.set_parse_math(False)
        y -= line * (len(labels) + 1.6)


def _draw_attribution(fig: Figure, corner: tuple[float, float], scale: float, text: str) -> None:
    """The credit line, small and muted, its lower left at `corner` (figure fractions)."""
    fig.text(*corner, text, fontsize=7.5 * scale, color=_MUTED, va="bottom", parse_math=False)


def _attribution(boundaries: Boundaries, lang: str, sites_credit: str | None) -> str:
    """Where the boundaries and the site positions come from (GeoNames unless `sites_credit`
    names another source, e.g. an upload)."""
    key = "report_attribution" if boundaries.has_kreise else "report_attribution_outline"
    sites = sites_credit or t("report_sites_geonames", lang)
    return t(key, lang, boundaries=boundaries.attribution, sites=sites)


def _day_words(day: date, lang: str) -> str:
    return FuzzyDate.parse(day.isoformat(), "day").describe(lang)


def _count_lines(snapshot: Snapshot, lang: str) -> str:
    return "\n".join(f"{t(s.value, lang)}: {snapshot.count(s)}" for s in _STATE_ORDER)


class _MapPage:
    """The single-map page: title, date, map, counts, legend and attribution."""

    def __init__(
        self,
        timeline: Timeline,
        boundaries: Boundaries,
        *,
        lang: str,
        page: tuple[float, float],
        title: str | None = None,
        sites_credit: str | None = None,
    ) -> None:
        self.timeline = timeline
        self.lang = lang
        scale = page[0] / A4[0]
        self.fig = Figure(figsize=page, facecolor="white")
        FigureCanvasAgg(self.fig)
        self.map = _MapArtists(self.fig, MAP_LAYOUT, timeline, boundaries, scale)
        left = MAP_LAYOUT.rect[0]
        column = MAP_LAYOUT.rect[0] + MAP_LAYOUT.rect[2] + 0.03
        fig = self.fig
        fig.text(
            left,
            0.955,
            title or t("report_title", lang),
            fontsize=20 * scale,
            fontweight="bold",
            va="top",
            color=_TEXT,
            parse_math=False,
        )
        self.date_text = fig.text(
            left, 0.895, "", fontsize=15 * scale, va="top", color=_TEXT, parse_math=False
        )
        self.count_text = fig.text(
            column,
            0.80,
            "",
            fontsize=13 * scale,
            va="top",
            linespacing=1.6,
            color=_TEXT,
            parse_math=False,
        )
        _add_legends(fig, lang, scale, boundaries.has_kreise, (column, 0.62))
        _draw_attribution(fig, (left, 0.025), scale, _attribution(boundaries, lang, sites_credit))

    @property
    def dynamic(self) -> list[Any]:
        """The artists `show` changes (with what lies on them), in drawing order."""
        return [*self.map.dynamic, self.date_text, self.count_text]

    def show(self, day: date) -> None:
        """Draw the state at `day`."""
        snapshot = self.timeline.snapshot(day)
        self.map.show(snapshot)
        self.date_text.set_text(t("shown_date", self.lang, date=_day_words(day, self.lang)))
        self.count_text.set_text(_count_lines(snapshot, self.lang))


def _check_format(fmt: str, dpi: float) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if not dpi > 0:
        raise ValueError(f"dpi must be positive, not {dpi!r}")
    if fmt == "png":
        _check_pixels(_page_size(A4[0], fmt, dpi), dpi, 1, MAX_PAGE_PIXELS)


def _check_pixels(page: tuple[float, float], dpi: float, frames: int, limit: int) -> None:
    """Refuse, before drawing, a raster output of more than `limit` pixels in all: the memory
    for drawing (and for a GIF's frames) grows with it."""
    width, height = int(page[0] * dpi), int(page[1] * dpi)  # as Agg sizes its canvas
    if width * height * frames > limit:
        what = (
            f"{frames} frames of {width} x {height} px" if frames > 1 else f"{width} x {height} px"
        )
        raise UsageError(
            f"{what} at {dpi:g} dpi is more than the limit of {limit / 1e6:g} million pixels; "
            "use a lower dpi"
        )


def _check_lang(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {lang!r}")


def _figure_bytes(fig: Figure, fmt: str, dpi: float) -> bytes:
    buffer = io.BytesIO()
    if fmt == "png":
        fig.savefig(buffer, format=fmt, dpi=dpi, metadata=_METADATA[fmt], facecolor="white")
        return buffer.getvalue()
    # The SVG/PDF settings exist only as global rcParams: one vector save at a time.
    with _RC_LOCK, matplotlib.rc_context(_SAVE_RC):
        fig.savefig(buffer, format=fmt, dpi=dpi, metadata=_METADATA[fmt], facecolor="white")
    return buffer.getvalue()


# --------------------------------------------------------------------------- public renderers


def render_map(
    timeline: Timeline,
    boundaries: Boundaries,
    day: date,
    *,
    lang: str = "de",
    fmt: str = "png",
    dpi: float = 300,
    title: str | None = None,
    sites_credit: str | None = None,
) -> bytes:
    """The state at `day` as an A4 landscape map in `fmt` ("png", "svg" or "pdf").

    Kreise are filled by their most advanced centre, centres drawn as on the dashboard; the
    page carries title (the KI title unless `title` is given), date in words, counts, legend and
    attribution. Map pixels follow `MAP_LAYOUT.pixel_of`. SVG and PDF bytes are the same for
    the same input. A PNG page of more than `MAX_PAGE_PIXELS` is refused with a `UsageError`.
    """
    _check_format(fmt, dpi)
    _check_lang(lang)
    page = _MapPage(
        timeline,
        boundaries,
        lang=lang,
        page=_page_size(A4[0], fmt, dpi),
        title=title,
        sites_credit=sites_credit,
    )
    page.show(day)
    return _figure_bytes(page.fig, fmt, dpi)


def render_small_multiples(
    timeline: Timeline,
    boundaries: Boundaries,
    years: Iterable[int] = range(2012, 2019),
    *,
    lang: str = "de",
    fmt: str = "png",
    dpi: float = 300,
    title: str | None = None,
    sites_credit: str | None = None,
) -> bytes:
    """One small map per year end (31 December) on one A4 landscape page, with the number of
    open (and uncertain) centres under each, one shared legend, title and attribution.

    Panel positions follow `small_multiples_layout(len(years))`. A PNG page of more than
    `MAX_PAGE_PIXELS` is refused with a `UsageError`.
    """
    _check_format(fmt, dpi)
    _check_lang(lang)
    years = list(years)
    panels, legend_corner = small_multiples_layout(len(years))
    page = _page_size(A4[0], fmt, dpi)
    scale = page[0] / A4[0]
    fig = Figure(figsize=page, facecolor="white")
    FigureCanvasAgg(fig)
    fig.text(
        0.03,
        0.965,
        title or t("report_title", lang),
        fontsize=18 * scale,
        fontweight="bold",
        va="top",
        color=_TEXT,
        parse_math=False,
    )
    fig.text(
        0.03,
        0.915,
        t("report_multiples_subtitle", lang, first=years[0], last=years[-1]),
        fontsize=12 * scale,
        va="top",
        color=_TEXT,
        parse_math=False,
    )
    for year, layout in zip(years, panels, strict=True):
        day = date(year, 12, 31)
        snapshot = timeline.snapshot(day)
        artists = _MapArtists(fig, layout, timeline, boundaries, scale * 0.45)
        artists.show(snapshot)
        artists.ax.set_label(f"panel {year}")
        left, bottom, width, height = layout.rect
        fig.text(
            left + width / 2,
            bottom + height + 0.006,
            _day_words(day, lang),
            ha="center",
            va="bottom",
            fontsize=11 * scale,
            fontweight="bold",
            color=_TEXT,
            parse_math=False,
        )
        fig.text(
            left + width / 2,
            bottom - 0.006,
            t(
                "report_panel_counts",
                lang,
                open=snapshot.count(CentreState.OPEN),
                uncertain=snapshot.count(CentreState.UNCERTAIN),
            ),
            ha="center",
            va="top",
            fontsize=9.5 * scale,
            color=_TEXT,
            parse_math=False,
        )
    _add_legends(fig, lang, scale * 0.8, boundaries.has_kreise, legend_corner)
    _draw_attribution(fig, (0.03, 0.02), scale, _attribution(boundaries, lang, sites_credit))
    return _figure_bytes(fig, fmt, dpi)


def render_animation(
    timeline: Timeline,
    boundaries: Boundaries,
    *,
    lang: str = "de",
    frame_ms: int = 500,
    last_frame_ms: int = 3000,
    months: Sequence[date] | None = None,
    progress: Callable[[int, int], None] | None = None,
    dpi: float = 100,
    title: str | None = None,
    sites_credit: str | None = None,
) -> bytes:
    """A looping GIF, one frame per month (title, date, counts, legend in every frame).

    `months` defaults to `event_months(timeline)`: the first event's month to the month after
    the last event. The last frame is held `last_frame_ms`; both durations lie in
    `FRAME_MS_RANGE`. `progress(done, total)` is called after each frame. Frames are
    `GIF_WIDTH_INCHES * dpi` pixels wide and share one palette; all of them together may have
    at most `MAX_GIF_PIXELS` (a `UsageError` before anything is drawn).
    """
    _check_lang(lang)
    low, high = FRAME_MS_RANGE
    if not (low <= frame_ms <= high and low <= last_frame_ms <= high):
        raise ValueError(f"frame durations must be between {low} and {high} ms")
    if not dpi > 0:
        raise ValueError(f"dpi must be positive, not {dpi!r}")
    days = list(months) if months is not None else event_months(timeline)
    if not days:
        raise ValueError("no months to animate")
    size = _page_size(GIF_WIDTH_INCHES, "gif", dpi)
    _check_pixels(size, dpi, len(days), MAX_GIF_PIXELS)
    page = _MapPage(
        timeline, boundaries, lang=lang, page=size, title=title, sites_credit=sites_credit
    )
    page.fig.set_dpi(dpi)

    # Draw the static parts (title, legend, attribution) once; each frame starts from them.
    fig, canvas = page.fig, page.fig.canvas
    for artist in page.dynamic:
        artist.set_visible(False)
    canvas.draw()
    background = canvas.copy_from_bbox(fig.bbox)
    for artist in page.dynamic:
        artist.set_visible(True)

    def frame(day: date) -> Image.Image:
        page.show(day)
        canvas.restore_region(background)
        for artist in page.dynamic:
            fig.draw_artist(artist)
        return Image.fromarray(np.asarray(canvas.buffer_rgba())[..., :3])

    palette = _gif_palette([frame(days[i]) for i in sorted({0, len(days) // 2, len(days) - 1})])
    frames: list[Image.Image] = []
    for done, day in enumerate(days, start=1):
        frames.append(frame(day).quantize(palette=palette, dither=Image.Dither.NONE))
        if progress is not None:
            progress(done, len(days))
    durations = [frame_ms] * (len(frames) - 1) + [last_frame_ms]
    buffer = io.BytesIO()
    frames[0].save(
        buffer,
        format="GIF",
        save_all=True,
        append_images=frames[1:],
        duration=durations,
        loop=0,
        disposal=1,
    )
    return buffer.getvalue()


def _gif_palette(samples: Sequence[Image.Image]) -> Image.Image:
    """One palette for every frame: the drawing's own colours exactly (flat areas keep their
    colour), the rest adapted to sample frames (the first, middle and last month)."""
    exact: list[tuple[int, int, int]] = []
    named = [
        "#ffffff",
        _TEXT,
        _MUTED,
        _KREIS_EDGE,
        _BEZIRK_EDGE,
        _LAND_EDGE,
        *KREIS_FILLS.values(),
        *(str(style[key]) for style in MARKER_STYLES.values() for key in ("color", "fill_color")),
    ]
    for colour in named:
        rgb = tuple(round(255 * v) for v in to_rgba(colour)[:3])
        if rgb not in exact:
            exact.append(rgb)
    width, height = samples[0].size
    sheet = Image.new("RGB", (width, height * len(samples)))
    for index, sample in enumerate(samples):
        sheet.paste(sample, (0, index * height))
    adaptive = GIF_COLOURS - len(exact)
    rest = sheet.quantize(adaptive, method=Image.Quantize.MAXCOVERAGE).getpalette() or []
    palette = Image.new("P", (1, 1))
    palette.putpalette([v for rgb in exact for v in rgb] + rest[: 3 * adaptive])
    return palette


def report_filename(
    kind: str, day: date | None, fmt: str, *, years: Sequence[int] | None = None
) -> str:
    """A download name: "ki-atlas-nrw_2016-07-01.png" (map), "ki-atlas-nrw_2012-2018.pdf"
    (years; "..._years.pdf" without `years`), "ki-atlas-nrw_animation.gif" (animation)."""
    if kind == "map":
        if day is None:
            raise ValueError("a map file name needs its date")
        stem = day.isoformat()
    elif kind == "years":
        stem = f"{min(years)}-{max(years)}" if years else "years"
    elif kind == "animation":
        stem = "animation"
    else:
        raise ValueError(f"unknown kind {kind!r} (map, years, animation)")
    allowed = ("gif",) if kind == "animation" else FORMATS
    if fmt not in allowed:
        raise ValueError(f"a {kind} is written as {', '.join(allowed)}, not {fmt!r}")
    return f"{FILENAME_PREFIX}_{stem}.{fmt}"


# --------------------------------------------------------------------------- command line


def load_report_data(
    *,
    centres_path: Path = paths.CENTRES_CSV,
    env: Mapping[str, str] | None = None,
    cache_dir: Path = paths.CACHE_DIR,
    outline_path: Path = paths.OUTLINE_GEOJSON,
    bundled_path: Path = paths.BOUNDARIES_GEOJSON,
) -> tuple[Timeline, Boundaries]:
    """The timeline of the centres file and the boundaries the dashboard would show."""
    timeline = Timeline(load_centres(centres_path))
    boundaries = load_boundaries(
        env=os.environ if env is None else env,
        cache_dir=cache_dir,
        outline_path=outline_path,
        bundled_path=bundled_path,
    )
    return timeline, boundaries


def _parser() -> CommandParser:
    parser = CommandParser(
        prog="python -m geo report",
        description="Write a print-ready map (PNG/SVG/PDF), small multiples or a GIF animation.",
    )
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--date", metavar="YYYY-MM-DD", help="one map at this date")
    what.add_argument(
        "--years", metavar="FIRST-LAST", help="one panel per year end, e.g. 2012-2018"
    )
    what.add_argument("--animate", action="store_true", help="a GIF with one frame per month")
    parser.add_argument("--out", required=True, type=Path, metavar="FILE", help="file to write")
    parser.add_argument("--lang", choices=LANGUAGES, default="de")
    parser.add_argument(
        "--frame-ms",
        type=int,
        metavar="N",
        help=f"GIF frame duration in ms, {_span(FRAME_MS_RANGE)} (500)",
    )
    parser.add_argument(
        "--dpi",
        type=int,
        metavar="N",
        help=f"resolution, {_span(MAP_DPI_RANGE)} (300); GIF {_span(GIF_DPI_RANGE)} (100)",
    )
    return parser


_YEARS = re.compile(r"^(\d{4})(?:-(\d{4}))?$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _parse_years(text: str) -> range:
    match = _YEARS.match(text.strip())
    if not match:
        raise UsageError(f"--years {text!r} is not a year range like 2012-2018")
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if first > last:
        raise UsageError(f"--years {text!r} is reversed (first year after last)")
    if first < FIRST_YEAR or last > LAST_YEAR:
        raise UsageError(f"--years {text!r} is outside {FIRST_YEAR}-{LAST_YEAR}")
    return range(first, last + 1)


def _check_out(path: Path, allowed: Sequence[str]) -> str:
    """The format named by the extension; the target must be new or a regular file (not a
    symbolic link, which could lead anywhere) in an existing, writable directory (nothing is
    created on the way)."""
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in allowed:
        raise UsageError(
            f"--out {str(path)!r}: unknown extension (use {', '.join('.' + a for a in allowed)})"
        )
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise UsageError(f"--out {str(path)!r}: {exc.strerror or exc}") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise UsageError(f"--out {str(path)!r} is a directory")
    if mode is not None and stat.S_ISLNK(mode):
        raise UsageError(f"--out {str(path)!r} is a symbolic link (left alone): name a file")
    if mode is not None and not stat.S_ISREG(mode):
        raise UsageError(f"--out {str(path)!r} is not a regular file (left alone): name a file")
    parent = path.parent
    if not parent.is_dir():
        raise UsageError(f"--out {str(path)!r}: directory {str(parent)!r} does not exist")
    if not os.access(parent, os.W_OK):
        raise UsageError(f"--out {str(path)!r}: directory {str(parent)!r} is not writable")
    return fmt


def run_report_cli(
    argv: Sequence[str],
    *,
    out: TextIO,
    err: TextIO,
    load: Callable[[], tuple[Timeline, Boundaries]] = load_report_data,
) -> int:
    """`python -m geo report`: write a map, small multiples or a GIF; 0 on success (or after
    `--help`, printed on `out`), else 1.

    Every expected problem goes to `err` through `geo.cli.print_error`: a bad argument or an
    unwritable target as one `error:` line, bad data as one line per problem. Even a line
    argparse refuses gives 1 here (`geo.cli.main` answers those with 2), as the report issue
    asks. Nothing is loaded before the arguments pass; no file is written or left half-written.
    """
    try:
        args = _parser().parse_args(list(argv))
        job = _job(args)
        timeline, boundaries = load()
        if boundaries.error:
            print(
                f"warning: {boundaries.error}; drawing {BOUNDARY_SOURCES[boundaries.source]}",
                file=err,
            )
        data = job(timeline, boundaries, err)
        write_bytes_atomic(args.out, data)
    except HelpRequested as shown:
        print(shown.text, end="", file=out)
        return 0
    except KiAtlasError as exc:  # a UsageError from the arguments, or bad data
        print_error(exc, err)
        return 1
    except OSError as exc:
        print(f"error: cannot write {args.out}: {exc.strerror or exc}", file=err)
        return 1
    print(f"Wrote {args.out} ({len(data) / 1000:.0f} KB)", file=out)
    return 0


def _within(value: int, bounds: tuple[int, int]) -> bool:
    return bounds[0] <= value <= bounds[1]


def _span(bounds: tuple[int, int]) -> str:
    return f"{bounds[0]}..{bounds[1]}"


def _job(args: argparse.Namespace) -> Callable[[Timeline, Boundaries, TextIO], bytes]:
    """Check the arguments; return what renders the bytes."""
    if args.frame_ms is not None and not args.animate:
        raise UsageError("--frame-ms only applies to --animate")
    if args.frame_ms is not None and not _within(args.frame_ms, FRAME_MS_RANGE):
        low, high = FRAME_MS_RANGE
        raise UsageError(f"--frame-ms must be between {low} and {high} ms, not {args.frame_ms}")
    dpi_range = GIF_DPI_RANGE if args.animate else MAP_DPI_RANGE
    if args.dpi is not None and not _within(args.dpi, dpi_range):
        low, high = dpi_range
        what = "a GIF" if args.animate else "a map"
        raise UsageError(f"--dpi for {what} must be between {low} and {high}, not {args.dpi}")
    lang = args.lang
    if args.animate:
        _check_out(args.out, ("gif",))
        frame_ms = args.frame_ms or 500
        dpi = args.dpi or 100

        def animate(timeline: Timeline, boundaries: Boundaries, err: TextIO) -> bytes:
            from tqdm import tqdm

            with tqdm(total=None, file=err, unit="frame", disable=None, leave=False) as bar:

                def progress(done: int, total: int) -> None:
                    bar.total = total
                    bar.update(1)

                return render_animation(
                    timeline, boundaries, lang=lang, frame_ms=frame_ms, progress=progress, dpi=dpi
                )

        return animate
    fmt = _check_out(args.out, FORMATS)
    dpi = args.dpi or 300
    if args.years is not None:
        years = _parse_years(args.years)
        return lambda timeline, boundaries, _err: render_small_multiples(
            timeline, boundaries, years, lang=lang, fmt=fmt, dpi=dpi
        )
    try:
        if not _DAY.match(args.date):
            raise ValueError(args.date)
        day = date.fromisoformat(args.date)
    except ValueError:
        raise UsageError(f"--date {args.date!r} is not a date (YYYY-MM-DD)") from None
    return lambda timeline, boundaries, _err: render_map(
        timeline, boundaries, day, lang=lang, fmt=fmt, dpi=dpi
    )
