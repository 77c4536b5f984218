"""Tests for geo.outputs.open_data: the machine-readable CSV/GeoJSON of the centres at a date."""

from __future__ import annotations

import io
import json
from datetime import date

import pandas as pd

from geo.model.timeline import Timeline
from geo.outputs.open_data import OPEN_DATA_COLUMNS, open_data_frame, open_data_geojson
from geo.outputs.table_csv import table_csv
from geo.paths import CENTRES_CSV, POPULATION_CSV
from geo.sources.centres import load_centres
from geo.sources.population import load_population

DAY = date(2014, 4, 25)


def _ki_frame(**kwargs) -> pd.DataFrame:
    timeline = Timeline(load_centres(CENTRES_CSV))
    return open_data_frame(timeline, DAY, population=load_population(POPULATION_CSV), **kwargs)


def test_every_centre_has_keys_coordinates_iso_dates_and_state() -> None:
    frame = _ki_frame()
    assert list(frame.columns) == list(OPEN_DATA_COLUMNS)
    assert len(frame) == 54
    kleve = frame.set_index("id").loc["kreis-kleve"]
    assert (kleve["ars"], kleve["state"], kleve["date"]) == ("05154", "none", "2014-04-25")
    assert kleve["kreis_residents"] == 310_974
    assert kleve["residents_reference_date"] == "2018-12-31"
    assert 51 < kleve["lat"] < 52
    assert 5.9 < kleve["lon"] < 6.6
    assert set(frame["state"]) <= {"open", "uncertain", "approved", "none"}
    counts = frame["state"].value_counts()
    assert (counts["open"], counts["uncertain"]) == (40, 5)
    for column in ("start_earliest", "start_latest"):
        assert frame[column].map(lambda s: s == "" or date.fromisoformat(s) is not None).all()
    assert (frame["highlighted"] == "").all()


def test_a_highlight_is_a_true_false_column() -> None:
    frame = _ki_frame(highlight=frozenset({"kreis-borken"}))
    assert frame.set_index("id")["highlighted"].to_dict()["kreis-borken"] is True
    assert frame["highlighted"].sum() == 1


def test_the_csv_reads_back_with_pandas_as_numbers_and_iso_dates() -> None:
    data = table_csv(_ki_frame(), sep=",")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype={"ars": str, "kreis_ars": str})
    assert back["lat"].dtype == float
    assert back["kreis_residents"].dtype == int
    assert back.loc[back["id"] == "stadt-aachen", "ars"].item() == "05334002"
    assert pd.to_datetime(back["date"], format="%Y-%m-%d").notna().all()


def test_the_geojson_is_a_point_collection_with_lon_lat_order() -> None:
    collection = json.loads(open_data_geojson(_ki_frame()))
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == 54
    feature = next(f for f in collection["features"] if f["id"] == "stadt-koeln")
    lon, lat = feature["geometry"]["coordinates"]
    assert 6.8 < lon < 7.2
    assert 50.8 < lat < 51.1
    assert feature["properties"]["state"] == "open"
    assert all(url.startswith("http") for url in feature["properties"]["sources"])
    assert "lat" not in feature["properties"]
