"""Which Kreis a point lies in: a spatial index over the Kreis polygons, built once per boundaries.

Uploads and the data checks use it to give every site the regional key of its Kreis.
"""

from __future__ import annotations

__all__ = ["KreisIndex", "build_kreis_index", "point_in_kreis"]

import weakref
from dataclasses import dataclass

import shapely
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry

from geo.sources.boundaries import Boundaries


@dataclass(frozen=True)
class KreisIndex:
    """A spatial index over the Kreis polygons, built once, for point-in-Kreis lookups."""

    ars: tuple[str, ...]
    tree: shapely.STRtree

    def locate(self, lat: float, lon: float) -> str | None:
        """The ARS of the Kreis containing (lat, lon), or None if no Kreis does."""
        hits = self.tree.query(Point(lon, lat), predicate="intersects")
        return min((self.ars[i] for i in hits), default=None)


def build_kreis_index(boundaries: Boundaries) -> KreisIndex:
    """Index the Kreis polygons of `boundaries` (empty for the outline-only fallback)."""
    keys: list[str] = []
    geoms: list[BaseGeometry] = []
    for feature in boundaries.kreise["features"]:
        keys.append(feature["properties"]["ars"])
        geoms.append(shape(feature["geometry"]))
    return KreisIndex(tuple(keys), shapely.STRtree(geoms))


_INDEXES: dict[int, KreisIndex] = {}


def point_in_kreis(boundaries: Boundaries, lat: float, lon: float) -> str | None:
    """The 5-digit ARS of the Kreis containing (lat, lon), or None (outside, or no Kreise).

    The index is built on first use and kept while `boundaries` lives.
    """
    key = id(boundaries)
    index = _INDEXES.get(key)
    if index is None:
        index = build_kreis_index(boundaries)
        _INDEXES[key] = index
        weakref.finalize(boundaries, _INDEXES.pop, key, None)
    return index.locate(lat, lon)
