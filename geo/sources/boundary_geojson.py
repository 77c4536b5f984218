"""GeoJSON of the boundary files: reading and validating them, the NRW areas by regional key.

Also the dissolves (Kreise into Regierungsbezirke and the Land) and the normalised
FeatureCollections every boundary source ends up as, so all sources are checked alike.
"""

from __future__ import annotations

__all__ = [
    "GRID",
    "LAND_ARS",
    "LAND_NAME",
    "MAX_FILE_BYTES",
    "REGIERUNGSBEZIRKE",
    "Area",
    "collect_areas",
    "dissolve",
    "dissolve_bezirke",
    "feature_collection",
    "parse_json",
    "polygon_geometry",
    "polygonal",
    "read_json",
]

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry

from geo.errors import BoundaryError, DataFileError
from geo.i18n import Message
from geo.sources.csvfile import read_file_bytes

# No boundaries file of the project comes near this; a larger one is not what was meant.
MAX_FILE_BYTES = 50_000_000
GRID = 1e-5  # coordinates are rounded to 5 decimals (about 1 m)
# Holes smaller than this (deg²) after a dissolve are slivers between neighbours, not real holes.
SLIVER_AREA = 1e-4

REGIERUNGSBEZIRKE = {
    "051": "Düsseldorf",
    "053": "Köln",
    "055": "Münster",
    "057": "Detmold",
    "059": "Arnsberg",
}
LAND_ARS = "05"
LAND_NAME = "Nordrhein-Westfalen"

# What `json.loads` gives for each kind of JSON value, by the name JSON gives it.
_JSON_KINDS = {
    list: "array",
    str: "string",
    int: "number",
    float: "number",
    bool: "boolean",
    type(None): "null",
}

# Property names seen in BKG data (VG250 WFS: lower case; VG5000 files: upper case).
_KEY_NAMES = ("ars", "rs", "ags")
_NAME_NAMES = ("gen", "name")


@dataclass(frozen=True)
class Area:
    """One administrative area: its key, name, kind and (multi)polygon in lon/lat."""

    ars: str
    name: str
    bez: str
    geom: BaseGeometry


def read_json(path: Path, label: str) -> dict[str, Any]:
    """A boundaries file's JSON; only a regular file is read, and at most `MAX_FILE_BYTES`."""
    try:
        os.stat(path)
    except FileNotFoundError:
        raise BoundaryError(Message("boundary_not_found", file=label)) from None
    except OSError:
        pass  # read_file_bytes below words it
    try:
        raw = read_file_bytes(Path(path), label, max_bytes=MAX_FILE_BYTES)
    except DataFileError as exc:
        problem = exc.problems[0].message
        raise BoundaryError(Message("boundary_unreadable", file=label, problem=problem)) from None
    return parse_json(raw, label)


def parse_json(raw: bytes, label: str) -> dict[str, Any]:
    """The JSON object in `raw`; anything else is a `BoundaryError` naming `label`."""
    start = repr(raw[:60].decode("utf-8", errors="replace").strip())
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        line, column = exc.lineno, exc.colno
        message = Message("boundary_not_json", file=label, line=line, column=column, start=start)
        raise BoundaryError(message) from None
    except UnicodeDecodeError:
        raise BoundaryError(Message("boundary_not_unicode", file=label, start=start)) from None
    except ValueError as exc:  # e.g. a number too long for Python's int conversion
        message = Message("boundary_bad_json", file=label, start=start, reason=str(exc))
        raise BoundaryError(message) from None
    except RecursionError:  # absurdly deep nesting
        raise BoundaryError(Message("boundary_too_deep", file=label)) from None
    if not isinstance(data, dict):
        kind = _JSON_KINDS.get(type(data), type(data).__name__)
        raise BoundaryError(Message("boundary_not_object", file=label, kind=kind))
    return data


def polygon_geometry(value: object, where: str) -> BaseGeometry | None:
    """A valid polygonal geometry from a GeoJSON geometry, or None when it has no area."""
    if not isinstance(value, dict):
        return None
    try:
        geom = shape(value)
    except (
        ValueError,
        TypeError,
        KeyError,
        IndexError,
        AttributeError,
        shapely.errors.ShapelyError,
    ):
        raise BoundaryError(Message("boundary_bad_geometry", file=where)) from None
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    return polygonal(geom)


def polygonal(geom: BaseGeometry) -> BaseGeometry | None:
    """Only the polygon parts of `geom` (None if there are none)."""
    if isinstance(geom, Polygon | MultiPolygon):
        return None if geom.is_empty else geom
    parts = [
        part
        for part in getattr(geom, "geoms", ())
        if isinstance(part, Polygon | MultiPolygon) and not part.is_empty
    ]
    return shapely.union_all(parts) if parts else None


def collect_areas(data: dict[str, Any], *, where: str, digits: int) -> dict[str, Area]:
    """The NRW areas in a FeatureCollection, keyed by the first `digits` digits of their ARS.

    Features outside NRW (keys not starting with "05") are dropped; several features with the
    same key are merged. Raises `BoundaryError` if the collection is malformed or has no NRW area.
    """
    if data.get("type") != "FeatureCollection" or not isinstance(data.get("features"), list):
        raise BoundaryError(Message("boundary_not_collection", file=where))
    parts: dict[str, list[BaseGeometry]] = {}
    names: dict[str, tuple[str, str]] = {}
    for feature in data["features"]:
        if not isinstance(feature, dict):
            raise BoundaryError(Message("boundary_feature_not_object", file=where))
        props = feature.get("properties")
        lowered = {str(k).lower(): v for k, v in props.items()} if isinstance(props, dict) else {}
        key = _regional_key(lowered, digits)
        if key is None:
            continue
        geom = polygon_geometry(feature.get("geometry"), where)
        if geom is None:
            continue
        parts.setdefault(key, []).append(geom)
        name = next((str(lowered[n]) for n in _NAME_NAMES if lowered.get(n)), "")
        names.setdefault(key, (name, str(lowered.get("bez") or "")))
    if not parts:
        raise BoundaryError(Message("boundary_no_nrw_areas", file=where, digits=digits))
    areas = {}
    for key in sorted(parts):
        geom = parts[key][0] if len(parts[key]) == 1 else shapely.union_all(parts[key])
        name, bez = names[key]
        areas[key] = Area(key, name or REGIERUNGSBEZIRKE.get(key, key), bez, geom)
    return areas


def _regional_key(props: Mapping[str, Any], digits: int) -> str | None:
    """The first `digits` digits of the feature's regional key if it lies in NRW, else None."""
    for name in _KEY_NAMES:
        value = props.get(name)
        if value is None:
            continue
        text = str(value).strip()
        if text.isdigit() and len(text) >= digits and text.startswith(LAND_ARS):
            return text[:digits]
        return None
    return None


def dissolve(geoms: Iterable[BaseGeometry]) -> BaseGeometry:
    """The union of `geoms` on the 5-decimal grid, without sliver holes between neighbours."""
    merged = shapely.union_all(list(geoms), grid_size=GRID)
    polygons = list(merged.geoms) if isinstance(merged, MultiPolygon) else [merged]
    kept = [
        Polygon(p.exterior, [r for r in p.interiors if Polygon(r).area >= SLIVER_AREA])
        for p in polygons
        if isinstance(p, Polygon)
    ]
    return kept[0] if len(kept) == 1 else MultiPolygon(kept)


def dissolve_bezirke(kreise: Mapping[str, Area]) -> dict[str, Area]:
    """The Regierungsbezirke as the dissolves of their Kreise (the first 3 digits of the ARS)."""
    groups: dict[str, list[BaseGeometry]] = {}
    for area in kreise.values():
        groups.setdefault(area.ars[:3], []).append(area.geom)
    return {
        key: Area(key, REGIERUNGSBEZIRKE.get(key, key), "Regierungsbezirk", dissolve(geoms))
        for key, geoms in sorted(groups.items())
    }


def feature_collection(areas: Iterable[Area], *, with_bez: bool = False) -> dict[str, Any]:
    """A GeoJSON FeatureCollection with normalised properties and 5-decimal coordinates."""
    features = []
    for area in areas:
        props = {"ars": area.ars, "name": area.name}
        if with_bez:
            props["bez"] = area.bez
        rounded = shapely.transform(area.geom, lambda xy: np.round(xy, 5))
        features.append({"type": "Feature", "properties": props, "geometry": mapping(rounded)})
    return {"type": "FeatureCollection", "features": features}
