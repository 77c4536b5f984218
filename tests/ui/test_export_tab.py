"""The export tab driven without a browser: the machine-readable CSV and GeoJSON parse back with
every centre and ISO dates, the human CSV has the residents, and every file carries the highlight
the map shows."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from geo import keys
from geo.outputs.open_data import OPEN_DATA_COLUMNS
from geo.paths import ROOT

ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
BORKEN_2016 = {"kreis-borken", "kreis-steinfurt"}


@pytest.fixture
def exports(bkg_kreise_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Open the Export tab with query parameters; returns the AppTest and the deferred download
    callables by file name (what a click on each download button would run)."""
    monkeypatch.setenv("KI_BOUNDARIES_PATH", str(bkg_kreise_path))
    monkeypatch.chdir(ROOT)
    made: dict[str, Callable[[], object]] = {}
    real = MediaFileManager.add_deferred

    def record(self, data, mimetype, coordinates, file_name=None, **kwargs):
        made[file_name] = data
        return real(self, data, mimetype, coordinates, file_name=file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)

    def run(**query: str) -> tuple[AppTest, dict[str, Callable[[], object]]]:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        for name, value in query.items():
            at.query_params[name] = value
        at.run()
        made.clear()
        at.session_state[keys.TABS] = "Export"
        at.run()
        assert not at.exception, at.exception
        return at, made

    return run


def _bytes(value: object) -> bytes:
    return value.encode("utf-8") if isinstance(value, str) else bytes(value)


def test_machine_csv_has_every_centre_with_keys_coordinates_and_iso_dates(exports) -> None:
    at, made = exports(date="2016-07-01")
    labels = [b.proto.label for b in at.get("download_button")]
    assert "GeoJSON" in labels
    assert labels.count("CSV") == 2  # the table and the machine-readable data
    csv = _bytes(made["ki-atlas-nrw_daten_2016-07-01.csv"]())
    assert csv.startswith(b"\xef\xbb\xbf")  # BOM, as the table CSV
    frame = pd.read_csv(io.BytesIO(csv), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert tuple(frame.columns) == OPEN_DATA_COLUMNS
    assert len(frame) == 54
    assert frame["id"].is_unique
    assert frame["ars"].str.fullmatch(r"\d{5,12}").all()
    assert set(frame["date"]) == {"2016-07-01"}
    assert frame["start_earliest"].str.match(ISO_DAY).all()
    assert all(ISO_DAY.match(v) for v in frame["start_latest"] if v)
    assert frame["lat"].astype(float).between(50.3, 52.6).all()
    assert frame["lon"].astype(float).between(5.8, 9.5).all()
    assert frame["kreis_residents"].str.fullmatch(r"\d+").all()
    assert frame["sources"].str.startswith("http").all()
    # 52 centres are drawn at 01.07.2016 (as on the map), Kleve and Viersen not yet.
    assert (frame["state"] != "none").sum() == 52
    assert set(frame.loc[frame["state"] == "none", "id"]) == {"kreis-kleve", "kreis-viersen"}


def test_machine_csv_follows_the_tables_separator(exports) -> None:
    at, made = exports(date="2016-07-01")
    at.radio(key=keys.CSV_SEP).set_value(";").run()
    csv = _bytes(made["ki-atlas-nrw_daten_2016-07-01.csv"]())
    header = csv.decode("utf-8-sig").splitlines()[0]
    assert header == ";".join(OPEN_DATA_COLUMNS)


def test_geojson_has_a_point_feature_per_centre(exports) -> None:
    _, made = exports(date="2016-07-01")
    collection = json.loads(_bytes(made["ki-atlas-nrw_daten_2016-07-01.geojson"]()))
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert len(features) == 54
    for feature in features:
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert 5.8 < lon < 9.5
        assert 50.3 < lat < 52.6
        assert ISO_DAY.match(feature["properties"]["start_earliest"])
        assert all(url.startswith("http") for url in feature["properties"]["sources"])


def test_a_chosen_year_reaches_every_export(exports) -> None:
    at, made = exports(date="2018-10-01", year="2016")
    assert any("Hervorgehoben: Start 2016 (2 Zentren)" in info.value for info in at.info)
    data = pd.read_csv(
        io.BytesIO(_bytes(made["ki-atlas-nrw_daten_2018-10-01.csv"]())), encoding="utf-8-sig"
    )
    assert set(data.loc[data["highlighted"], "id"]) == BORKEN_2016
    table = pd.read_csv(
        io.BytesIO(_bytes(made["ki-atlas-nrw_centres_2018-10-01.csv"]())), encoding="utf-8-sig"
    )
    assert table["Hervorgehoben"].sum() == 2
    html = _bytes(made["ki-atlas-nrw_map_2018-10-01.html"]()).decode("utf-8")
    assert "Hervorgehoben: Start 2016" in html
    svg = _bytes(made["ki-atlas-nrw_2018-10-01.svg"]()).decode("utf-8")
    assert "Hervorgehoben: Start 2016 (2 Zentren)" in svg


def test_the_table_csv_has_the_kreis_residents(exports) -> None:
    _, made = exports(date="2016-07-01")
    table = pd.read_csv(
        io.BytesIO(_bytes(made["ki-atlas-nrw_centres_2016-07-01.csv"]())), encoding="utf-8-sig"
    )
    assert len(table) == 52
    residents = table["Einwohner (Kreis, 31.12.2018)"]
    assert residents.notna().all()
    assert (residents > 100_000).all()
    assert "Hervorgehoben" not in table.columns


def test_the_gif_is_offered_only_for_the_highlight_it_was_drawn_with(
    exports, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn = []

    def fake_budget(func, *args, budget, **kwargs):
        drawn.append(kwargs.get("highlight"))
        return b"GIF89a"

    at, _ = exports(date="2018-10-01", year="2016")
    monkeypatch.setattr("geo.budget.run_within_budget", fake_budget)
    at.button(key=keys.MAKE_GIF).click().run()
    assert drawn == [frozenset(BORKEN_2016)]
    assert any("GIF herunterladen" in b.proto.label for b in at.get("download_button"))
    at.session_state[keys.YEARS_CHOICE] = []
    at.run()
    assert not any("GIF" in b.proto.label for b in at.get("download_button"))
