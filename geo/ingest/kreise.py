"""Which NRW Kreis an uploaded site lies in: one bulk spatial query for the rows of a file, one
lookup for a geocoder's answer; no Kreis means outside NRW."""

from __future__ import annotations

__all__ = [
    "kreis_names_of",
    "kreis_of",
    "outside_kreise",
]

from collections.abc import Sequence
from typing import Any, TypeVar

import shapely

from geo.sources.boundaries import Boundaries
from geo.sources.centres import NRW_BBOX
from geo.sources.kreis_lookup import build_kreis_index, point_in_kreis

_Row = TypeVar("_Row")  # whatever the caller pairs with each row's fields


def kreis_names_of(boundaries: Boundaries | None) -> dict[str, str]:
    """The name of each Kreis by its key (ARS); empty without boundaries."""
    if boundaries is None:
        return {}
    return {
        str(f["properties"]["ars"]): str(f["properties"].get("name", ""))
        for f in boundaries.kreise["features"]
    }


def outside_kreise(
    rows: Sequence[tuple[_Row, dict[str, Any]]], boundaries: Boundaries | None
) -> list[tuple[_Row, dict[str, Any]]]:
    """Set each located row's Kreis key and name from one bulk spatial query; return the rows
    in no Kreis. Without Kreis polygons nothing is set or returned (the NRW box was checked)."""
    if boundaries is None or not boundaries.has_kreise or not rows:
        return []
    index = build_kreis_index(boundaries)
    points = shapely.points([f["lon"] for _, f in rows], [f["lat"] for _, f in rows])
    hit_rows, hit_areas = index.tree.query(points, predicate="intersects")
    found: dict[int, str] = {}
    for row, area in zip(hit_rows.tolist(), hit_areas.tolist(), strict=True):
        ars = index.ars[area]
        found[row] = min(ars, found.get(row, ars))  # the same tie-break as point_in_kreis
    names = kreis_names_of(boundaries)
    for i, ars in found.items():
        rows[i][1]["ars"], rows[i][1]["territory"] = ars, names.get(ars, "")
    return [pair for i, pair in enumerate(rows) if i not in found]


def kreis_of(boundaries: Boundaries | None, lat: float, lon: float) -> str | None:
    """The Kreis key of a point in NRW, "" when there are no Kreis polygons to tell, None when
    the point is outside NRW (in no Kreis, or without polygons outside the NRW box)."""
    if boundaries is None or not boundaries.has_kreise:
        south, west, north, east = NRW_BBOX
        return "" if south <= lat <= north and west <= lon <= east else None
    return point_in_kreis(boundaries, lat, lon)
