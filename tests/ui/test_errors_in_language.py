"""What is wrong with a boundary file or a data file, said in the page's language: each way a
boundary file can be broken, a `KI_BOUNDARIES_PATH` that cannot be used, a data file that cannot
be read, and a broken centres file listed on the page."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from geo import paths
from geo.errors import DataFileError
from geo.i18n import in_language, t
from geo.paths import OUTLINE_GEOJSON, ROOT
from geo.sources.bkg_download import CACHE_FILENAME
from geo.sources.boundaries import ENV_VAR, load_boundaries
from geo.sources.csvfile import read_file_bytes
from tests.ui.test_german_throughout import giveaways

_KREIS = {
    "type": "Feature",
    "properties": {"ars": "05154", "gen": "Kleve"},
    "geometry": {
        "type": "Polygon",
        "coordinates": [[[6, 51.5], [6.5, 51.5], [6.5, 52], [6, 51.5]]],
    },
}
_BAD_GEOMETRY = {**_KREIS, "geometry": {"type": "Polygon", "coordinates": "x"}}
BROKEN_BOUNDARY_FILES = {
    "truncated": (b"{abgeschnitten", "kein gültiges JSON (Zeile 1, Spalte 2; beginnt mit"),
    "latin-1": ('{"name": "Düren"}'.encode("latin-1"), "kein gültiges JSON (kein UTF-8"),
    "list": (b"[1, 2]", "ein GeoJSON-Objekt wurde erwartet, gefunden wurde ein JSON-Wert"),
    "deep": (b"[" * 200_000, "kein gültiges JSON (zu tief verschachtelt)"),
    "feature": (json.dumps(_KREIS).encode(), "keine GeoJSON-FeatureCollection"),
    "feature-not-object": (
        json.dumps({"type": "FeatureCollection", "features": [1]}).encode(),
        "ein Feature ist kein JSON-Objekt",
    ),
    "empty": (
        json.dumps({"type": "FeatureCollection", "features": []}).encode(),
        "keine NRW-Gebiete gefunden (Features mit einem 5-stelligen Regionalschlüssel",
    ),
    "geometry": (
        json.dumps({"type": "FeatureCollection", "features": [_BAD_GEOMETRY]}).encode(),
        "eine Geometrie ist kein gültiges GeoJSON",
    ),
    "layer": (
        json.dumps(
            {"type": "FeatureCollection", "features": [_KREIS], "regierungsbezirke": {"a": 1}}
        ).encode(),
        "(Ebene „regierungsbezirke“): keine GeoJSON-FeatureCollection; stattdessen aus den "
        "Kreisen abgeleitet",
    ),
}


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("case", BROKEN_BOUNDARY_FILES)
def test_what_is_wrong_with_a_boundary_file_is_said_in_the_pages_language(
    tmp_path: Path, lang: str, case: str
) -> None:
    """A broken cached file is named in the notice, its fault in the page's language (the scan
    leaves out the file's path, whose temporary folder has English words, and the command)."""
    content, german = BROKEN_BOUNDARY_FILES[case]
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / CACHE_FILENAME).write_bytes(content)
    loaded = load_boundaries(env={}, cache_dir=cache, outline_path=OUTLINE_GEOJSON)
    notice = in_language(loaded.notice, lang)
    assert str(cache / CACHE_FILENAME) in notice
    if lang == "de":
        assert german in notice
    scanned = notice.replace(str(tmp_path), "").replace("python -m geo boundaries fetch", "")
    assert giveaways([scanned], lang) == []


@pytest.mark.parametrize("lang", ["de", "en"])
def test_an_unusable_boundaries_path_is_said_in_the_pages_language(
    tmp_path: Path, lang: str
) -> None:
    missing = tmp_path / "fehlt.geojson"
    loaded = load_boundaries(
        env={ENV_VAR: str(missing)},
        cache_dir=tmp_path,
        outline_path=OUTLINE_GEOJSON,
        bundled_path=paths.BOUNDARIES_GEOJSON,
    )
    assert loaded.source == "bundled"
    error = in_language(loaded.error, lang)
    said = {"de": "Datei nicht gefunden", "en": "file not found"}[lang]
    assert error == f"{ENV_VAR}={missing}: {said}"


def test_a_data_file_that_cannot_be_read_is_worded_for_the_page(tmp_path: Path) -> None:
    """The dashboard shows these problems in its language (the CLI reads the English)."""
    large = tmp_path / "centres.csv"
    large.write_bytes(b"x" * 250_000)
    with pytest.raises(DataFileError) as caught:
        read_file_bytes(large, "centres.csv", max_bytes=100_000)
    (too_large,) = caught.value.problems
    assert in_language(too_large.message, "de") == (
        "die Datei ist zu groß (0,2 MB; erlaubt sind 0,1 MB): ist es die richtige Datei?"
    )
    assert too_large.message == (
        "the file is too large (0.2 MB; the limit is 0.1 MB): is it the right file?"
    )
    with pytest.raises(DataFileError) as caught:
        read_file_bytes(tmp_path / "fehlt.csv", "fehlt.csv")
    (missing,) = caught.value.problems
    assert in_language(missing.message, "de") == (
        "kann nicht gelesen werden: Datei oder Ordner nicht gefunden"
    )


def _broken_centres(folder: Path, *, extra_cell: bool) -> Path:
    """The centres file with an empty name and an unknown territory type in its first row, or
    (`extra_cell`) a row one cell too long."""
    with paths.CENTRES_CSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    if extra_cell:
        rows.append([*rows[2], "zu viel"])
    else:
        rows[1][rows[0].index("name")] = ""
        rows[1][rows[0].index("territory_type")] = "Dorf"
    broken = folder / "zentren.csv"
    with broken.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return broken


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("extra_cell", [False, True], ids=["bad-cells", "row-too-long"])
def test_a_broken_centres_file_is_listed_in_the_pages_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, extra_cell: bool
) -> None:
    """A centres file (`KI_CENTRES_PATH`) with bad rows: the page names each problem in a table,
    in its language, and shows no traceback."""
    monkeypatch.setenv("KI_CENTRES_PATH", str(_broken_centres(tmp_path, extra_cell=extra_cell)))
    monkeypatch.chdir(ROOT)
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.query_params["lang"] = lang
        at.run()
    finally:
        st.cache_resource.clear()
    assert not at.exception
    assert [e.value for e in at.error] == [t("error", lang)]
    problems = at.dataframe[0].value
    messages = list(problems[t("app_problem_message", lang)])
    if extra_cell:
        said = {
            "de": "hat 23 Zellen, die Kopfzeile hat 22",
            "en": "has 23 cells, the header has 22",
        }
        assert messages == [said[lang]]
    else:
        empty = {"de": "darf nicht leer sein", "en": "must not be empty"}[lang]
        one_of = {"de": "muss einer dieser Werte sein: ", "en": "must be one of "}[lang]
        assert len(messages) == 2
        assert empty in messages
        assert any(m.startswith(one_of + "kreisfreie Stadt, Kreis") for m in messages)
    assert giveaways([*messages, *problems.columns], lang) == []
