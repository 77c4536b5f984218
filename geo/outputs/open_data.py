"""The centres at a date as machine-readable data: a CSV and a GeoJSON for Datawrapper, Excel
pivots and QGIS, with ISO dates, precision words, keys and coordinates instead of prose.

Column names and state values are fixed English identifiers, the same in both UI languages, so a
pipeline built on one download keeps working on the next.
"""

from __future__ import annotations

__all__ = ["OPEN_DATA_COLUMNS", "open_data_frame", "open_data_geojson"]

import json
from collections.abc import Mapping
from datetime import date

import pandas as pd

from geo.model.timeline import Timeline
from geo.sources.fuzzydate import FuzzyDate
from geo.sources.population import KreisPopulation

OPEN_DATA_COLUMNS = (
    "id",
    "ars",
    "kreis_ars",
    "name",
    "territory",
    "lat",
    "lon",
    "date",
    "state",
    "highlighted",
    "start",
    "start_precision",
    "start_earliest",
    "start_latest",
    "approval",
    "approval_precision",
    "kreis_residents",
    "residents_reference_date",
    "sources",
)
# The state of a centre not drawn yet at the date (neither approved nor possibly started).
NOT_YET = "none"


def _iso(day: date | None) -> str:
    return "" if day is None else day.isoformat()


def _bounds(fuzzy: FuzzyDate) -> tuple[str, str]:
    return fuzzy.text, fuzzy.precision.value


def open_data_frame(
    timeline: Timeline,
    day: date,
    *,
    population: Mapping[str, KreisPopulation] | None = None,
    highlight: frozenset[str] | None = None,
) -> pd.DataFrame:
    """One row per centre (drawn or not) with its state at `day`: `open`, `uncertain`,
    `approved` or `none`. `start_earliest`/`start_latest` are the start window the map uses
    (empty where open-ended); `highlighted` is True/False under a highlight, else empty."""
    snapshot = timeline.snapshot(day)
    rows = []
    for centre in timeline.centres:
        window = timeline.windows[centre.id]
        state = snapshot.states.get(centre.id)
        figure = (population or {}).get(centre.kreis_ars)
        start, start_precision = _bounds(centre.start)
        approval, approval_precision = _bounds(centre.approval)
        rows.append(
            {
                "id": centre.id,
                "ars": centre.ars,
                "kreis_ars": centre.kreis_ars,
                "name": centre.name,
                "territory": centre.territory,
                "lat": centre.lat,
                "lon": centre.lon,
                "date": day.isoformat(),
                "state": NOT_YET if state is None else state.value,
                "highlighted": "" if highlight is None else centre.id in highlight,
                "start": start,
                "start_precision": start_precision,
                "start_earliest": _iso(window.earliest),
                "start_latest": _iso(window.latest),
                "approval": approval,
                "approval_precision": approval_precision,
                "kreis_residents": "" if figure is None else figure.residents,
                "residents_reference_date": "" if figure is None else _iso(figure.reference_date),
                "sources": " ".join(centre.sources),
            }
        )
    return pd.DataFrame(rows, columns=list(OPEN_DATA_COLUMNS))


def open_data_geojson(frame: pd.DataFrame) -> bytes:
    """The rows of `open_data_frame` as a GeoJSON FeatureCollection of points (WGS84, RFC 7946),
    every other column a property; `sources` becomes a list of URLs."""
    features = []
    for row in frame.to_dict(orient="records"):
        properties = {k: v for k, v in row.items() if k not in ("lat", "lon")}
        properties["sources"] = row["sources"].split()
        features.append(
            {
                "type": "Feature",
                "id": row["id"],
                "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
                "properties": properties,
            }
        )
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8")
