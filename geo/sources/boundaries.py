"""Where the Kreis polygons come from, in a fixed order, and the one-off BKG download caching them.

Order: a file named in `KI_BOUNDARIES_PATH`, the local cache of the finer VG250 download, the BKG
web feature service (only when downloading is allowed), the committed BKG VG5000 files in
`data/boundaries/`, then the committed public-domain state outline with a notice saying so.
"""

from __future__ import annotations

__all__ = [
    "BKG_ATTRIBUTION_URL",
    "BKG_WFS_URL",
    "CACHE_FILENAME",
    "ENV_VAR",
    "OUTLINE_ATTRIBUTION",
    "OUTLINE_ATTRIBUTION_URL",
    "REGIERUNGSBEZIRKE",
    "Boundaries",
    "KreisIndex",
    "bkg_attribution",
    "build_kreis_index",
    "fetch_bkg_boundaries",
    "load_boundaries",
    "point_in_kreis",
    "run_fetch_cli",
    "urllib_fetch",
]

import http.client
import json
import os
import re
import urllib.error
import urllib.parse
import urllib.request
import weakref
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, TextIO

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Point, Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry

from geo.errors import BoundaryError, DataFileError
from geo.sources.atomic import write_text_atomic
from geo.sources.csvfile import read_file_bytes

Fetch = Callable[[str, float], bytes]

ENV_VAR = "KI_BOUNDARIES_PATH"
CACHE_FILENAME = "nrw_kreise.geojson"
BKG_WFS_URL = (
    "https://sgx.geodatenzentrum.de/wfs_vg250-ew?service=WFS&version=2.0.0&request=GetFeature"
    "&srsName=EPSG:4326&outputFormat=application/json&typeNames=vg250-ew:vg250_krs"
)
BKG_ATTRIBUTION_URL = "https://www.bkg.bund.de"
OUTLINE_ATTRIBUTION = "State outline: Natural Earth (public domain)"
OUTLINE_ATTRIBUTION_URL = "https://www.naturalearthdata.com"
USER_AGENT = "KI-Atlas-NRW/0.1 (one-off boundary download; python-urllib)"
DEFAULT_TIMEOUT = 120.0
# The whole cache file (three layers) should stay "a few hundred KB" so the map loads quickly.
MAX_CACHE_BYTES = 450_000
# No boundaries file of the project comes near this; a larger one is not what was meant.
MAX_FILE_BYTES = 50_000_000
# Tried in order until the file fits MAX_CACHE_BYTES (degrees; 0.001 is roughly 70-110 m).
TOLERANCES = (0.0005, 0.001, 0.002, 0.004, 0.008, 0.016)
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
FETCH_HINT = "run `python -m geo boundaries fetch` to download them"

# Property names seen in BKG data (VG250 WFS: lower case; VG5000 files: upper case).
_KEY_NAMES = ("ars", "rs", "ags")
_NAME_NAMES = ("gen", "name")
_YEAR_IN_NAME = re.compile(r"(?<!\d)(20\d{2}|19\d{2})(?!\d)")


def bkg_attribution(year: int | None) -> str:
    """The attribution BKG's licence (dl-de/by-2-0) requires, for data of `year`."""
    stamp = f" {year}" if year is not None else ""
    return f"© GeoBasis-DE / BKG{stamp} (Daten verändert)"


@dataclass(frozen=True)
class Boundaries:
    """The polygons the map draws (GeoJSON FeatureCollections, lon/lat) and where they came from.

    Every feature's properties are `ars` (5 digits for Kreise, 3 for Regierungsbezirke, "05" for
    the state) and `name`; Kreise also carry `bez` (e.g. "Kreis", "Kreisfreie Stadt"). With
    `source == "outline"` only `land` has a feature and `notice` says why.
    """

    kreise: dict[str, Any]
    regierungsbezirke: dict[str, Any]
    land: dict[str, Any]
    source: str  # "env" | "cache" | "bkg" | "bundled" | "outline"
    attribution: str
    attribution_url: str
    notice: str | None = None
    # What went wrong with an explicitly configured file (`KI_BOUNDARIES_PATH`), which was replaced.
    error: str | None = None

    @property
    def has_kreise(self) -> bool:
        """Whether Kreis polygons are available (False for the outline-only fallback)."""
        return bool(self.kreise["features"])


# --------------------------------------------------------------------------- loading


def load_boundaries(
    *,
    env: Mapping[str, str],
    cache_dir: Path,
    outline_path: Path,
    bundled_path: Path | None = None,
    fetch: Fetch | None = None,
    allow_download: bool = False,
    today: Callable[[], date] = date.today,
) -> Boundaries:
    """Load boundaries from the first source that has them: env, cache, BKG, bundled, outline.

    A file named in `env["KI_BOUNDARIES_PATH"]` that cannot be used is not silently replaced:
    the next source is used and `error` names the path and the problem. An invalid cache is
    skipped with a notice. BKG is asked only when `allow_download` is true (the dashboard does
    not download by default). `bundled_path` is the committed VG5000 Kreise file (its
    Regierungsbezirke and Land files beside it). A missing or invalid outline is an error.
    """
    error: str | None = None
    env_value = env.get(ENV_VAR, "").strip()
    if env_value:
        try:
            return _load_layers_file(Path(env_value), source="env", label=f"{ENV_VAR}={env_value}")
        except BoundaryError as exc:
            error = str(exc)
    loaded = _load_fallbacks(
        cache_dir=Path(cache_dir),
        outline_path=Path(outline_path),
        bundled_path=bundled_path,
        fetch=fetch,
        allow_download=allow_download,
        today=today,
    )
    return loaded if error is None else replace(loaded, error=error)


def _load_fallbacks(
    *,
    cache_dir: Path,
    outline_path: Path,
    bundled_path: Path | None,
    fetch: Fetch | None,
    allow_download: bool,
    today: Callable[[], date],
) -> Boundaries:
    """Cache, BKG download, bundled VG5000 files, outline: the first that loads."""
    reasons: list[str] = []
    cache_path = cache_dir / CACHE_FILENAME
    if cache_path.exists():
        try:
            return _load_layers_file(cache_path, source="cache", label=str(cache_path))
        except BoundaryError as exc:
            reasons.append(f"the cached file was ignored: {exc}")

    if allow_download:
        try:
            path = fetch_bkg_boundaries(
                fetch=fetch or urllib_fetch, cache_dir=cache_dir, year=today().year
            )
            loaded = _load_layers_file(path, source="bkg", label=str(path))
        except BoundaryError as exc:
            reasons.append(str(exc))
        else:
            return _with_notice(loaded, reasons)

    if bundled_path is not None:
        try:
            loaded = _load_layers_file(
                Path(bundled_path), source="bundled", label=str(bundled_path)
            )
        except BoundaryError as exc:
            reasons.append(str(exc))
        else:
            return _with_notice(loaded, reasons)
    if not allow_download:
        reasons.append(f"not downloaded yet; {FETCH_HINT}")

    notice = f"Kreis boundaries unavailable ({'; '.join(reasons)}); showing the state outline only."
    return _load_outline(outline_path, notice)


def _with_notice(boundaries: Boundaries, reasons: list[str]) -> Boundaries:
    """`boundaries` with `reasons` (why earlier sources were passed over) added to its notice."""
    if not reasons:
        return boundaries
    notice = "; ".join([*reasons, *([boundaries.notice] if boundaries.notice else [])])
    return replace(boundaries, notice=notice)


def _load_layers_file(path: Path, *, source: str, label: str) -> Boundaries:
    """Read a Kreise file (env or cache) plus its Regierungsbezirke and state layers."""
    data = _read_json(path, label)
    kreise = _collect_areas(data, where=label, digits=5)
    notices: list[str] = []
    bezirke = _extra_layer(data, "regierungsbezirke", path, "regierungsbezirke", 3, notices)
    land = _extra_layer(data, "land", path, "land", 2, notices)
    if bezirke is None:
        bezirke = _dissolve_bezirke(kreise)
    if land is None:
        land = {
            LAND_ARS: _Area(LAND_ARS, LAND_NAME, "Land", _dissolve(a.geom for a in kreise.values()))
        }
    attribution = data.get("attribution") if isinstance(data.get("attribution"), str) else None
    if attribution is None:
        found = _YEAR_IN_NAME.findall(path.name)
        attribution = bkg_attribution(int(found[-1]) if found else None)
    url = data.get("attribution_url")
    return Boundaries(
        kreise=_feature_collection(kreise.values(), with_bez=True),
        regierungsbezirke=_feature_collection(bezirke.values()),
        land=_feature_collection(land.values()),
        source=source,
        attribution=attribution,
        attribution_url=url if isinstance(url, str) and url else BKG_ATTRIBUTION_URL,
        notice="; ".join(notices) or None,
    )


def _extra_layer(
    data: dict[str, Any],
    member: str,
    path: Path,
    word: str,
    digits: int,
    notices: list[str],
) -> dict[str, _Area] | None:
    """A second layer from the file itself (cache) or a sibling file (the VG5000 files).

    Returns None when there is none, so the caller dissolves the Kreise instead; a present but
    invalid layer is reported in `notices` and also replaced by the dissolve.
    """
    if isinstance(data.get(member), dict):
        try:
            return _collect_areas(data[member], where=f"{path} ({member})", digits=digits)
        except BoundaryError as exc:
            notices.append(f"{exc}; derived from the Kreise instead")
            return None
    if "kreise" not in path.name:
        return None
    sibling = path.with_name(path.name.replace("kreise", word))
    if not sibling.is_file():
        return None
    try:
        return _collect_areas(_read_json(sibling, str(sibling)), where=str(sibling), digits=digits)
    except BoundaryError as exc:
        notices.append(f"{exc}; derived from the Kreise instead")
        return None


def _load_outline(path: Path, notice: str) -> Boundaries:
    """The committed state outline (a Feature, FeatureCollection or bare geometry)."""
    label = f"state outline {path}"
    data = _read_json(path, label)
    geoms: list[BaseGeometry] = []
    if data.get("type") == "FeatureCollection" and isinstance(data.get("features"), list):
        geoms = [_geometry(f.get("geometry"), label) for f in data["features"] if _is_dict(f)]
    elif data.get("type") == "Feature":
        geoms = [_geometry(data.get("geometry"), label)]
    else:
        geoms = [_geometry(data, label)]
    geoms = [g for g in geoms if g is not None]
    if not geoms:
        raise BoundaryError(f"{label}: no polygon found")
    outline = _dissolve(geoms)
    attribution = data.get("attribution")
    empty: dict[str, Any] = {"type": "FeatureCollection", "features": []}
    return Boundaries(
        kreise=empty,
        regierungsbezirke={"type": "FeatureCollection", "features": []},
        land=_feature_collection([_Area(LAND_ARS, LAND_NAME, "Land", outline)]),
        source="outline",
        attribution=attribution if isinstance(attribution, str) else OUTLINE_ATTRIBUTION,
        attribution_url=OUTLINE_ATTRIBUTION_URL,
        notice=notice,
    )


def _read_json(path: Path, label: str) -> dict[str, Any]:
    """A boundaries file's JSON; only a regular file is read, and at most `MAX_FILE_BYTES`."""
    try:
        os.stat(path)
    except FileNotFoundError:
        raise BoundaryError(f"{label}: file not found") from None
    except OSError:
        pass  # read_file_bytes below words it
    try:
        raw = read_file_bytes(Path(path), label, max_bytes=MAX_FILE_BYTES)
    except DataFileError as exc:
        raise BoundaryError(f"{label}: {exc.problems[0].message}") from None
    return _parse_json(raw, label)


def _parse_json(raw: bytes, label: str) -> dict[str, Any]:
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError) as exc:  # RecursionError: absurdly deep nesting
        start = raw[:60].decode("utf-8", errors="replace").strip()
        raise BoundaryError(f"{label}: not valid JSON ({exc}; starts with {start!r})") from None
    if not isinstance(data, dict):
        raise BoundaryError(f"{label}: expected a GeoJSON object, found {type(data).__name__}")
    return data


# --------------------------------------------------------------------------- GeoJSON parsing


@dataclass(frozen=True)
class _Area:
    """One administrative area: its key, name, kind and (multi)polygon in lon/lat."""

    ars: str
    name: str
    bez: str
    geom: BaseGeometry


def _is_dict(value: object) -> bool:
    return isinstance(value, dict)


def _geometry(value: object, where: str) -> BaseGeometry | None:
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
        raise BoundaryError(f"{where}: a geometry is not valid GeoJSON") from None
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    return _polygonal(geom)


def _polygonal(geom: BaseGeometry) -> BaseGeometry | None:
    """Only the polygon parts of `geom` (None if there are none)."""
    if isinstance(geom, Polygon | MultiPolygon):
        return None if geom.is_empty else geom
    parts = [
        part
        for part in getattr(geom, "geoms", ())
        if isinstance(part, Polygon | MultiPolygon) and not part.is_empty
    ]
    return shapely.union_all(parts) if parts else None


def _collect_areas(data: dict[str, Any], *, where: str, digits: int) -> dict[str, _Area]:
    """The NRW areas in a FeatureCollection, keyed by the first `digits` digits of their ARS.

    Features outside NRW (keys not starting with "05") are dropped; several features with the
    same key are merged. Raises `BoundaryError` if the collection is malformed or has no NRW area.
    """
    if data.get("type") != "FeatureCollection" or not isinstance(data.get("features"), list):
        raise BoundaryError(f"{where}: not a GeoJSON FeatureCollection")
    parts: dict[str, list[BaseGeometry]] = {}
    names: dict[str, tuple[str, str]] = {}
    for feature in data["features"]:
        if not isinstance(feature, dict):
            raise BoundaryError(f"{where}: a feature is not a JSON object")
        props = feature.get("properties")
        lowered = {str(k).lower(): v for k, v in props.items()} if isinstance(props, dict) else {}
        key = _regional_key(lowered, digits)
        if key is None:
            continue
        geom = _geometry(feature.get("geometry"), where)
        if geom is None:
            continue
        parts.setdefault(key, []).append(geom)
        name = next((str(lowered[n]) for n in _NAME_NAMES if lowered.get(n)), "")
        names.setdefault(key, (name, str(lowered.get("bez") or "")))
    if not parts:
        raise BoundaryError(
            f"{where}: no NRW areas found (features with a {digits}-digit regional key "
            "ARS/RS starting with 05 and a polygon)"
        )
    areas = {}
    for key in sorted(parts):
        geom = parts[key][0] if len(parts[key]) == 1 else shapely.union_all(parts[key])
        name, bez = names[key]
        areas[key] = _Area(key, name or REGIERUNGSBEZIRKE.get(key, key), bez, geom)
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


def _dissolve(geoms: Iterable[BaseGeometry]) -> BaseGeometry:
    """The union of `geoms` on the 5-decimal grid, without sliver holes between neighbours."""
    merged = shapely.union_all(list(geoms), grid_size=GRID)
    polygons = list(merged.geoms) if isinstance(merged, MultiPolygon) else [merged]
    kept = [
        Polygon(p.exterior, [r for r in p.interiors if Polygon(r).area >= SLIVER_AREA])
        for p in polygons
        if isinstance(p, Polygon)
    ]
    return kept[0] if len(kept) == 1 else MultiPolygon(kept)


def _dissolve_bezirke(kreise: Mapping[str, _Area]) -> dict[str, _Area]:
    groups: dict[str, list[BaseGeometry]] = {}
    for area in kreise.values():
        groups.setdefault(area.ars[:3], []).append(area.geom)
    return {
        key: _Area(key, REGIERUNGSBEZIRKE.get(key, key), "Regierungsbezirk", _dissolve(geoms))
        for key, geoms in sorted(groups.items())
    }


def _feature_collection(areas: Iterable[_Area], *, with_bez: bool = False) -> dict[str, Any]:
    """A GeoJSON FeatureCollection with normalised properties and 5-decimal coordinates."""
    features = []
    for area in areas:
        props = {"ars": area.ars, "name": area.name}
        if with_bez:
            props["bez"] = area.bez
        rounded = shapely.transform(area.geom, lambda xy: np.round(xy, 5))
        features.append({"type": "Feature", "properties": props, "geometry": mapping(rounded)})
    return {"type": "FeatureCollection", "features": features}


# --------------------------------------------------------------------------- BKG download


def urllib_fetch(
    url: str,
    timeout: float,
    *,
    urlopen: Callable[..., Any] = urllib.request.urlopen,
) -> bytes:
    """GET `url` with an explicit timeout and an identifying User-Agent; return the body.

    HTTP errors become `BoundaryError`; network errors (offline, timeout) propagate as `OSError`.
    """
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"}
    )
    try:
        with urlopen(request, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as exc:
        raise BoundaryError(f"HTTP {exc.code} {exc.reason} from {url}") from None


def fetch_bkg_boundaries(
    *,
    fetch: Fetch,
    cache_dir: Path,
    year: int,
    url: str = BKG_WFS_URL,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = MAX_CACHE_BYTES,
) -> Path:
    """Download the BKG Kreise of Germany, keep NRW, simplify, and cache them atomically.

    The cache file holds the Kreise as a FeatureCollection plus the dissolved Regierungsbezirke
    and state outline and the attribution for `year`. Any failure raises `BoundaryError` and
    leaves an existing cache untouched. Returns the cache file's path.
    """
    host = urllib.parse.urlsplit(url).netloc or url
    try:
        raw = fetch(url, timeout)
    except BoundaryError as exc:
        raise BoundaryError(f"BKG download failed: {exc}") from None
    except TimeoutError:
        raise BoundaryError(f"BKG download timed out after {timeout:g} s ({host})") from None
    except urllib.error.URLError as exc:
        raise BoundaryError(f"BKG download failed: {exc.reason} ({host})") from None
    except (OSError, http.client.HTTPException) as exc:
        raise BoundaryError(f"BKG download failed: {exc or type(exc).__name__} ({host})") from None

    where = "the BKG response"
    data = _parse_json(raw, where)
    matched, returned = data.get("numberMatched"), data.get("numberReturned")
    if isinstance(matched, int) and isinstance(returned, int) and matched > returned:
        raise BoundaryError(f"{where} is incomplete ({returned} of {matched} features)")
    kreise = _ensure_lon_lat(_collect_areas(data, where=where, digits=5), where)

    text = ""
    for tolerance in TOLERANCES:
        text = _cache_text(kreise, tolerance, year, url)
        if len(text.encode("utf-8")) <= max_bytes:
            break
    path = Path(cache_dir) / CACHE_FILENAME
    try:
        write_text_atomic(path, text)
    except OSError as exc:
        raise BoundaryError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path


def _ensure_lon_lat(areas: dict[str, _Area], where: str) -> dict[str, _Area]:
    """Swap axes if the service answered lat/lon, and reject anything that is not NRW in degrees.

    NRW's longitudes (5.8-9.5) and latitudes (50.3-52.6) do not overlap, so the order is clear.
    """
    minx, miny, maxx, maxy = shapely.total_bounds([a.geom for a in areas.values()])
    if _within((minx, maxx), 4, 11) and _within((miny, maxy), 49, 54):
        return areas
    if _within((minx, maxx), 49, 54) and _within((miny, maxy), 4, 11):
        return {
            k: _Area(a.ars, a.name, a.bez, shapely.transform(a.geom, lambda xy: xy[:, ::-1]))
            for k, a in areas.items()
        }
    raise BoundaryError(
        f"{where}: coordinates are not longitude/latitude around NRW "
        f"(bounds {minx:.1f}, {miny:.1f}, {maxx:.1f}, {maxy:.1f})"
    )


def _within(values: tuple[float, float], low: float, high: float) -> bool:
    return all(low <= v <= high for v in values)


def _simplify(geoms: list[BaseGeometry], tolerance: float) -> list[BaseGeometry]:
    """Simplify the Kreise; as a coverage (shared borders stay gapless) when they form one."""
    if shapely.coverage_is_valid(shapely.GeometryCollection(geoms)):
        simplified = list(shapely.coverage_simplify(geoms, tolerance))
    else:
        simplified = [g.simplify(tolerance, preserve_topology=True) for g in geoms]
    return [_polygonal(g) or g for g in shapely.set_precision(simplified, GRID)]


def _cache_text(kreise: Mapping[str, _Area], tolerance: float, year: int, url: str) -> str:
    areas = list(kreise.values())
    simplified = _simplify([a.geom for a in areas], tolerance)
    small = {a.ars: _Area(a.ars, a.name, a.bez, g) for a, g in zip(areas, simplified, strict=True)}
    land = _Area(LAND_ARS, LAND_NAME, "Land", _dissolve(a.geom for a in small.values()))
    document = _feature_collection(small.values(), with_bez=True)
    document["regierungsbezirke"] = _feature_collection(_dissolve_bezirke(small).values())
    document["land"] = _feature_collection([land])
    document["attribution"] = bkg_attribution(year)
    document["attribution_url"] = BKG_ATTRIBUTION_URL
    document["source_url"] = url
    document["simplify_tolerance"] = tolerance
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def run_fetch_cli(
    *,
    cache_dir: Path,
    fetch: Fetch | None = None,
    out: TextIO,
    err: TextIO,
    year: int | None = None,
    today: Callable[[], date] = date.today,
) -> int:
    """`python -m geo boundaries fetch`: download and cache the BKG Kreise; 0 on success, else 1."""
    stamp = year if year is not None else today().year
    print("Downloading Kreis boundaries from BKG (all of Germany, may take a minute) ...", file=out)
    try:
        path = fetch_bkg_boundaries(fetch=fetch or urllib_fetch, cache_dir=cache_dir, year=stamp)
        loaded = _load_layers_file(path, source="bkg", label=str(path))
    except BoundaryError as exc:
        print(f"error: {exc}", file=err)
        print("The existing cache (if any) was left unchanged.", file=err)
        return 1
    size_kb = path.stat().st_size / 1000
    count = len(loaded.kreise["features"])
    print(f"Wrote {count} Kreise ({size_kb:.0f} KB) to {path}", file=out)
    print(f"Attribution shown on the map: {loaded.attribution}", file=out)
    return 0


# --------------------------------------------------------------------------- point lookup


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
