"""Synthetic centres for the scale benchmark: thousands of valid sites spread over NRW.

Points are drawn uniformly over the Kreis polygons (point in polygon, so every site carries the
real 5-digit key of the Kreis it lies in) or, without polygons, scattered around the KI centres.
Dates lie in 2012..2018 with mixed precision. The file passes `load_centres`, so the app reads it
through `KI_CENTRES_PATH` exactly like the real data. Same seed, same file.
"""

from __future__ import annotations

__all__ = ["synthetic_centres", "write_synthetic_centres"]

import random
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from geo.sources.centres import NRW_BBOX, Centre, load_centres, write_centres
from geo.sources.fuzzydate import FuzzyDate

# Municipal keys inside a Kreis below 100 are real places; synthetic ones start above them.
FIRST_LOCAL_KEY = 100
LAST_LOCAL_KEY = 999
FIRST_DAY = date(2012, 1, 1)
LAST_DAY = date(2018, 12, 31)
# Share of start dates by precision; the rest of the weight is "unknown".
PRECISIONS = (("day", 0.45), ("month", 0.25), ("year", 0.15), ("unknown", 0.15))
APPROVAL_SHARE = 0.3


def _kreis_facts(ki: tuple[Centre, ...]) -> dict[str, tuple[str, str, str]]:
    """Per 5-digit key: territory, territory type and Regierungsbezirk, from the KI centres."""
    facts: dict[str, tuple[str, str, str]] = {}
    for centre in sorted(ki, key=lambda c: len(c.ars)):
        facts.setdefault(
            centre.kreis_ars, (centre.territory, centre.territory_type, centre.regierungsbezirk)
        )
    return facts


def _points_in_kreise(
    kreise: dict[str, Any], n: int, rng: random.Random
) -> list[tuple[float, float, str]]:
    """`n` points (lat, lon, kreis ars) uniform over the union of the Kreis polygons."""
    features = kreise["features"]
    shapes = [shapely.geometry.shape(f["geometry"]) for f in features]
    keys = [f["properties"]["ars"] for f in features]
    tree = shapely.STRtree(shapes)
    west, south, east, north = shapely.union_all(shapes).bounds
    seed = np.random.default_rng(rng.randrange(2**32))
    found: list[tuple[float, float, str]] = []
    while len(found) < n:
        lons = seed.uniform(west, east, 4 * n)
        lats = seed.uniform(south, north, 4 * n)
        points = shapely.points(lons, lats)
        point_index, shape_index = tree.query(points, predicate="within")
        owner: dict[int, int] = {}
        for p, s in zip(point_index.tolist(), shape_index.tolist(), strict=True):
            owner.setdefault(p, s)
        for p in sorted(owner):
            found.append((float(lats[p]), float(lons[p]), keys[owner[p]]))
            if len(found) == n:
                break
    return found


def _points_near_centres(
    ki: tuple[Centre, ...], n: int, rng: random.Random
) -> list[tuple[float, float, str]]:
    """Without polygons: `n` points scattered within ~10 km of the KI centres, with their keys."""
    south, west, north, east = NRW_BBOX
    points = []
    for _ in range(n):
        centre = rng.choice(ki)
        lat = min(max(centre.lat + rng.gauss(0, 0.08), south), north)
        lon = min(max(centre.lon + rng.gauss(0, 0.12), west), east)
        points.append((lat, lon, centre.kreis_ars))
    return points


def _fuzzy(day: date, precision: str) -> FuzzyDate:
    text = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": str(day.year)}
    if precision == "unknown":
        return FuzzyDate.unknown()
    return FuzzyDate.parse(text[precision], precision)


def synthetic_centres(
    ki: tuple[Centre, ...],
    *,
    n: int = 10_000,
    seed: int = 6,
    kreise: dict[str, Any] | None = None,
) -> list[Centre]:
    """`n` valid centres over NRW; keys of the Kreis each lies in, dates 2012..2018.

    With `kreise` (a GeoJSON FeatureCollection with `ars` properties) the Kreis is found by point
    in polygon; otherwise sites are scattered around the KI centres `ki`, which also give each
    Kreis its territory, type and Regierungsbezirk.
    """
    rng = random.Random(seed)
    facts = _kreis_facts(ki)
    if kreise and kreise.get("features"):
        points = _points_in_kreise(kreise, n, rng)
    else:
        points = _points_near_centres(ki, n, rng)
    used: Counter[str] = Counter()
    span = (LAST_DAY - FIRST_DAY).days
    names, weights = zip(*PRECISIONS, strict=True)
    centres = []
    for index, (lat, lon, kreis) in enumerate(points, start=1):
        local = FIRST_LOCAL_KEY + used[kreis]
        used[kreis] += 1
        if local > LAST_LOCAL_KEY:
            raise ValueError(f"more than {LAST_LOCAL_KEY - FIRST_LOCAL_KEY + 1} sites in {kreis}")
        territory, territory_type, bezirk = facts.get(kreis, (kreis, "Kreis", "Düsseldorf"))
        start_day = FIRST_DAY + timedelta(days=rng.randrange(span + 1))
        precision = rng.choices(names, weights)[0]
        approval = FuzzyDate.unknown()
        if rng.random() < APPROVAL_SHARE:
            approved = max(FIRST_DAY, start_day - timedelta(days=rng.randrange(30, 300)))
            approval = _fuzzy(approved, "month")
        site_id = f"site-{index:05d}"
        centres.append(
            Centre(
                id=site_id,
                ars=f"{kreis}{local:03d}",
                territory=territory,
                territory_type=territory_type,
                regierungsbezirk=bezirk,
                name=f"Synthetischer Standort {index:05d}",
                street="",
                postcode="",
                town=territory,
                lat=round(lat, 5),
                lon=round(lon, 5),
                coord_precision="town",
                coord_source="nominatim:synthetic",
                approval=approval,
                start=_fuzzy(start_day, precision),
                start_alt=FuzzyDate.unknown(),
                sequence_no=None,
                predecessor="",
                sources=(f"https://example.org/synthetic/{site_id}",),
                notes="synthetic benchmark site",
            )
        )
    return centres


def write_synthetic_centres(
    directory: Path,
    ki: tuple[Centre, ...],
    *,
    n: int = 10_000,
    seed: int = 6,
    kreise: dict[str, Any] | None = None,
) -> Path:
    """Write `synthetic_centres(...)` to `directory/centres.csv`, check it loads, return it."""
    path = Path(directory) / "centres.csv"
    write_centres(path, synthetic_centres(ki, n=n, seed=seed, kreise=kreise))
    load_centres(path)
    return path
