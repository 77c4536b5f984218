"""The one-off download of the finer BKG VG250 Kreise and their conversion into the local cache.

NRW's Kreise are cut from the all-Germany answer, simplified until the cache file stays a few
hundred KB, and written atomically with their Regierungsbezirke, the Land and the attribution.
"""

from __future__ import annotations

__all__ = [
    "BKG_ATTRIBUTION_URL",
    "BKG_WFS_URL",
    "CACHE_FILENAME",
    "Fetch",
    "bkg_attribution",
    "fetch_bkg_boundaries",
    "urllib_fetch",
]

import http.client
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

from geo.errors import BoundaryError
from geo.sources.atomic import write_text_atomic
from geo.sources.boundary_geojson import (
    GRID,
    LAND_ARS,
    LAND_NAME,
    Area,
    collect_areas,
    dissolve,
    dissolve_bezirke,
    feature_collection,
    parse_json,
    polygonal,
)

Fetch = Callable[[str, float], bytes]

CACHE_FILENAME = "nrw_kreise.geojson"
BKG_WFS_URL = (
    "https://sgx.geodatenzentrum.de/wfs_vg250-ew?service=WFS&version=2.0.0&request=GetFeature"
    "&srsName=EPSG:4326&outputFormat=application/json&typeNames=vg250-ew:vg250_krs"
)
BKG_ATTRIBUTION_URL = "https://www.bkg.bund.de"
USER_AGENT = "KI-Atlas-NRW/0.1 (one-off boundary download; python-urllib)"
DEFAULT_TIMEOUT = 120.0
# The whole cache file (three layers) should stay "a few hundred KB" so the map loads quickly.
MAX_CACHE_BYTES = 450_000
# Tried in order until the file fits MAX_CACHE_BYTES (degrees; 0.001 is roughly 70-110 m).
TOLERANCES = (0.0005, 0.001, 0.002, 0.004, 0.008, 0.016)


def bkg_attribution(year: int | None) -> str:
    """The attribution BKG's licence (dl-de/by-2-0) requires, for data of `year`."""
    stamp = f" {year}" if year is not None else ""
    return f"© GeoBasis-DE / BKG{stamp} (Daten verändert)"


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
    data = parse_json(raw, where)
    matched, returned = data.get("numberMatched"), data.get("numberReturned")
    if isinstance(matched, int) and isinstance(returned, int) and matched > returned:
        raise BoundaryError(f"{where} is incomplete ({returned} of {matched} features)")
    kreise = _ensure_lon_lat(collect_areas(data, where=where, digits=5), where)

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


def _ensure_lon_lat(areas: dict[str, Area], where: str) -> dict[str, Area]:
    """Swap axes if the service answered lat/lon, and reject anything that is not NRW in degrees.

    NRW's longitudes (5.8-9.5) and latitudes (50.3-52.6) do not overlap, so the order is clear.
    """
    minx, miny, maxx, maxy = shapely.total_bounds([a.geom for a in areas.values()])
    if _within((minx, maxx), 4, 11) and _within((miny, maxy), 49, 54):
        return areas
    if _within((minx, maxx), 49, 54) and _within((miny, maxy), 4, 11):
        return {
            k: Area(a.ars, a.name, a.bez, shapely.transform(a.geom, lambda xy: xy[:, ::-1]))
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
    return [polygonal(g) or g for g in shapely.set_precision(simplified, GRID)]


def _cache_text(kreise: Mapping[str, Area], tolerance: float, year: int, url: str) -> str:
    areas = list(kreise.values())
    simplified = _simplify([a.geom for a in areas], tolerance)
    small = {a.ars: Area(a.ars, a.name, a.bez, g) for a, g in zip(areas, simplified, strict=True)}
    land = Area(LAND_ARS, LAND_NAME, "Land", dissolve(a.geom for a in small.values()))
    document = feature_collection(small.values(), with_bez=True)
    document["regierungsbezirke"] = feature_collection(dissolve_bezirke(small).values())
    document["land"] = feature_collection([land])
    document["attribution"] = bkg_attribution(year)
    document["attribution_url"] = BKG_ATTRIBUTION_URL
    document["source_url"] = url
    document["simplify_tolerance"] = tolerance
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"
