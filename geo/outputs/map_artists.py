"""One map drawn on a figure: the Kreis polygons as matplotlib paths (built once), their fills,
the uncertain hatch, the Bezirk and Land outlines and the centre markers, recoloured per day;
a highlight pales the centres it does not name and the Kreise without a highlighted centre.
"""

from __future__ import annotations

__all__ = ["MapArtists"]

from collections.abc import Mapping
from typing import Any

import numpy as np
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.markers import MarkerStyle
from matplotlib.path import Path as MplPath
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from geo.model.timeline import CentreState, Snapshot, Timeline
from geo.outputs.map_layout import MapLayout
from geo.outputs.print_style import (
    BEZIRK_EDGE,
    HATCH,
    HATCH_COLOUR,
    KREIS_EDGE,
    LAND_EDGE,
    dimmed,
    marker,
)
from geo.sources.boundaries import Boundaries
from geo.views.maplayers import ring_offsets
from geo.views.mapstyles import DIM_ALPHA, KREIS_FILLS

# The uncertain hatch of a Kreis a highlight pales.
PALE_HATCH = (*HATCH_COLOUR[:3], HATCH_COLOUR[3] * DIM_ALPHA)


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


class MapArtists:
    """The artists of one map: built once, then `show` recolours Kreise and moves the points."""

    def __init__(
        self,
        fig: Figure,
        layout: MapLayout,
        timeline: Timeline,
        boundaries: Boundaries,
        scale: float,
        *,
        highlight: frozenset[str] | None = None,
    ) -> None:
        self.timeline = timeline
        self.scale = scale
        self.highlight = highlight
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
            edgecolors=KREIS_EDGE,
            linewidths=0.4 * scale,
            transform=ax.transData,
            zorder=1,
        )
        ax.add_collection(self.fills, autolim=False)
        self.hatch = PathCollection(
            [],
            facecolors="none",
            edgecolors=HATCH_COLOUR,
            hatchcolors=HATCH_COLOUR,
            linewidths=0,
            hatch=HATCH,
            transform=ax.transData,
            zorder=1.5,
        )
        self.hatch.set_hatch_linewidth(0.8 * scale)
        ax.add_collection(self.hatch, autolim=False)
        # What changes between frames (and what lies on top of it), bottom to top.
        self.dynamic: list[Any] = [self.fills, self.hatch]
        for layer, colour, width, z in (
            (boundaries.regierungsbezirke, BEZIRK_EDGE, 1.2, 2),
            (boundaries.land, LAND_EDGE, 1.6, 3),
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
        # Wider rings first, so a co-located smaller marker stays visible on top; then the
        # highlighted ones above the pale ones.
        self.order = sorted(
            timeline.centres,
            key=lambda c: (-self.offsets.get(c.id, 0), bool(self._chosen(c.id))),
        )
        self.points = ax.scatter([], [], marker=MarkerStyle("o"), zorder=5)
        self.dynamic.append(self.points)

    def _chosen(self, centre_id: str) -> bool | None:
        """Whether a highlight names the centre (None without a highlight)."""
        return None if self.highlight is None else centre_id in self.highlight

    def show(self, snapshot: Snapshot) -> None:
        """Colour the Kreise and draw the centres as they are at the snapshot's date."""
        states = self.timeline.kreis_states(snapshot)
        lit = self.timeline.lit_kreise(snapshot, self.highlight)
        kreise = [
            (ars, path, states.get(ars))
            for ars, path in zip(self.kreis_ars, self.kreis_paths, strict=True)
        ]
        pale = [lit is not None and ars not in lit for ars, _, _ in kreise]
        self.fills.set_facecolor(
            [
                dimmed(KREIS_FILLS[s]) if dim else KREIS_FILLS[s]
                for (_, _, s), dim in zip(kreise, pale, strict=True)
            ]
        )
        uncertain = [
            (path, dim)
            for (_, path, s), dim in zip(kreise, pale, strict=True)
            if s is CentreState.UNCERTAIN
        ]
        self.hatch.set_paths([path for path, _ in uncertain])
        self.hatch.set_hatchcolor([PALE_HATCH if dim else HATCH_COLOUR for _, dim in uncertain])
        drawn = [(c, snapshot.states[c.id]) for c in self.order if c.id in snapshot.states]
        props = [
            marker(s, self.scale, self.offsets.get(c.id, 0), highlight=self._chosen(c.id))
            for c, s in drawn
        ]
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
