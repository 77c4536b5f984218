"""The `Boundaries` the map and the reports draw, and where they come from, in a fixed order.

Order: a file named in `KI_BOUNDARIES_PATH`, the local cache of the finer VG250 download, the BKG
web feature service (only when downloading is allowed), the committed BKG VG5000 files in
`data/boundaries/`, then the committed public-domain state outline with a notice saying so.
"""

from __future__ import annotations

__all__ = [
    "ENV_VAR",
    "OUTLINE_ATTRIBUTION",
    "OUTLINE_ATTRIBUTION_URL",
    "Boundaries",
    "load_boundaries",
    "load_layers_file",
]

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from shapely.geometry.base import BaseGeometry

from geo.errors import BoundaryError
from geo.i18n import LANGUAGES, Message, in_language
from geo.sources.bkg_download import (
    BKG_ATTRIBUTION_URL,
    CACHE_FILENAME,
    Fetch,
    bkg_attribution,
    fetch_bkg_boundaries,
    urllib_fetch,
)
from geo.sources.boundary_geojson import (
    LAND_ARS,
    LAND_NAME,
    Area,
    collect_areas,
    dissolve,
    dissolve_bezirke,
    feature_collection,
    polygon_geometry,
    read_json,
)

ENV_VAR = "KI_BOUNDARIES_PATH"
OUTLINE_ATTRIBUTION = "State outline: Natural Earth (public domain)"
OUTLINE_ATTRIBUTION_URL = "https://www.naturalearthdata.com"
FETCH_COMMAND = "python -m geo boundaries fetch"
_YEAR_IN_NAME = re.compile(r"(?<!\d)(20\d{2}|19\d{2})(?!\d)")


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
    # Both a `geo.i18n.Message` (English as text, any language through `in_language`): why
    # earlier sources were passed over, and what went wrong with an explicitly configured file
    # (`KI_BOUNDARIES_PATH`), which was replaced.
    notice: str | None = None
    error: str | None = None

    @property
    def has_kreise(self) -> bool:
        """Whether Kreis polygons are available (False for the outline-only fallback)."""
        return bool(self.kreise["features"])


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
            return load_layers_file(Path(env_value), source="env", label=f"{ENV_VAR}={env_value}")
        except BoundaryError as exc:
            error = exc.message
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
    reasons: list[str | Message] = []
    cache_path = cache_dir / CACHE_FILENAME
    if cache_path.exists():
        try:
            return load_layers_file(cache_path, source="cache", label=str(cache_path))
        except BoundaryError as exc:
            reasons.append(Message("boundaries_cache_ignored", problem=exc.message))

    if allow_download:
        try:
            path = fetch_bkg_boundaries(
                fetch=fetch or urllib_fetch, cache_dir=cache_dir, year=today().year
            )
            loaded = load_layers_file(path, source="bkg", label=str(path))
        except BoundaryError as exc:
            reasons.append(exc.message)
        else:
            return _with_notice(loaded, reasons)

    if bundled_path is not None:
        try:
            loaded = load_layers_file(Path(bundled_path), source="bundled", label=str(bundled_path))
        except BoundaryError as exc:
            reasons.append(exc.message)
        else:
            return _with_notice(loaded, reasons)
    if not allow_download:
        reasons.append(Message("boundaries_not_downloaded", command=FETCH_COMMAND))

    notice = Message("boundaries_unavailable", reasons=_joined(reasons))
    return _load_outline(outline_path, notice)


def _joined(reasons: list[str | Message]) -> dict[str, str]:
    """The reasons as one text per language (a `Message` value), separated by semicolons."""
    return {lang: "; ".join(in_language(r, lang) for r in reasons) for lang in LANGUAGES}


def _with_notice(boundaries: Boundaries, reasons: list[str | Message]) -> Boundaries:
    """`boundaries` with `reasons` (why earlier sources were passed over) added to its notice."""
    if not reasons:
        return boundaries
    parts = [*reasons, *([boundaries.notice] if boundaries.notice else [])]
    return replace(boundaries, notice=Message("boundaries_passed_over", reasons=_joined(parts)))


def load_layers_file(path: Path, *, source: str, label: str) -> Boundaries:
    """Read a Kreise file (env or cache) plus its Regierungsbezirke and state layers."""
    data = read_json(path, label)
    kreise = collect_areas(data, where=label, digits=5)
    notices: list[str | Message] = []
    bezirke = _extra_layer(data, "regierungsbezirke", path, "regierungsbezirke", 3, notices)
    land = _extra_layer(data, "land", path, "land", 2, notices)
    if bezirke is None:
        bezirke = dissolve_bezirke(kreise)
    if land is None:
        land = {
            LAND_ARS: Area(LAND_ARS, LAND_NAME, "Land", dissolve(a.geom for a in kreise.values()))
        }
    attribution = data.get("attribution") if isinstance(data.get("attribution"), str) else None
    if attribution is None:
        found = _YEAR_IN_NAME.findall(path.name)
        attribution = bkg_attribution(int(found[-1]) if found else None)
    url = data.get("attribution_url")
    return Boundaries(
        kreise=feature_collection(kreise.values(), with_bez=True),
        regierungsbezirke=feature_collection(bezirke.values()),
        land=feature_collection(land.values()),
        source=source,
        attribution=attribution,
        attribution_url=url if isinstance(url, str) and url else BKG_ATTRIBUTION_URL,
        notice=Message("boundaries_passed_over", reasons=_joined(notices)) if notices else None,
    )


def _extra_layer(
    data: dict[str, Any],
    member: str,
    path: Path,
    word: str,
    digits: int,
    notices: list[str | Message],
) -> dict[str, Area] | None:
    """A second layer from the file itself (cache) or a sibling file (the VG5000 files).

    Returns None when there is none, so the caller dissolves the Kreise instead; a present but
    invalid layer is reported in `notices` and also replaced by the dissolve.
    """
    if isinstance(data.get(member), dict):
        try:
            where = Message("boundary_layer", file=str(path), layer=member)
            return collect_areas(data[member], where=where, digits=digits)
        except BoundaryError as exc:
            notices.append(Message("boundaries_layer_derived", problem=exc.message))
            return None
    if "kreise" not in path.name:
        return None
    sibling = path.with_name(path.name.replace("kreise", word))
    if not sibling.is_file():
        return None
    try:
        return collect_areas(read_json(sibling, str(sibling)), where=str(sibling), digits=digits)
    except BoundaryError as exc:
        notices.append(Message("boundaries_layer_derived", problem=exc.message))
        return None


def _load_outline(path: Path, notice: Message) -> Boundaries:
    """The committed state outline (a Feature, FeatureCollection or bare geometry)."""
    label = Message("boundary_outline", file=str(path))
    data = read_json(path, label)
    geoms: list[BaseGeometry] = []
    if data.get("type") == "FeatureCollection" and isinstance(data.get("features"), list):
        geoms = [
            polygon_geometry(f.get("geometry"), label) for f in data["features"] if _is_dict(f)
        ]
    elif data.get("type") == "Feature":
        geoms = [polygon_geometry(data.get("geometry"), label)]
    else:
        geoms = [polygon_geometry(data, label)]
    geoms = [g for g in geoms if g is not None]
    if not geoms:
        raise BoundaryError(Message("boundary_no_polygon", file=label))
    outline = dissolve(geoms)
    attribution = data.get("attribution")
    empty: dict[str, Any] = {"type": "FeatureCollection", "features": []}
    return Boundaries(
        kreise=empty,
        regierungsbezirke={"type": "FeatureCollection", "features": []},
        land=feature_collection([Area(LAND_ARS, LAND_NAME, "Land", outline)]),
        source="outline",
        attribution=attribution if isinstance(attribution, str) else OUTLINE_ATTRIBUTION,
        attribution_url=OUTLINE_ATTRIBUTION_URL,
        notice=notice,
    )


def _is_dict(value: object) -> bool:
    return isinstance(value, dict)
