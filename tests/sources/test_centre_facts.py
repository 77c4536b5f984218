"""The centres built from ki_facts.csv: cells carried over, ids, GeoNames towns, failures."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from geo.errors import DataFileError
from geo.paths import SOURCES_DIR
from geo.sources.centre_facts import GeoNamesTowns, build_centres, load_nrw_cities
from geo.sources.centres import load_centres

REPO = Path(__file__).resolve().parents[2]
RESEARCH = SOURCES_DIR
COMMITTED = REPO / "data"


@pytest.fixture(scope="module")
def cities() -> list[dict]:
    return [dict(c) for c in load_nrw_cities()]


def _facts() -> list[dict[str, str]]:
    with (RESEARCH / "ki_facts.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _centre_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _line_of(path: Path, prefix: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if line.startswith(prefix))


def test_centres_file_loads_with_54_sorted_rows() -> None:
    centres = load_centres(COMMITTED / "centres.csv")
    assert len(centres) == 54
    assert [c.ars for c in centres] == sorted(c.ars for c in centres)
    assert all(c.coord_precision == "town" for c in centres)
    assert all(c.coord_source.startswith("geonames:") for c in centres)


def test_every_research_url_is_kept_exactly() -> None:
    rows = {r["ars"]: r for r in _centre_rows(COMMITTED / "centres.csv")}
    for fact in _facts():
        assert rows[fact["ars"]]["sources"].split() == fact["sources"].split(), fact["ars"]
    text = (COMMITTED / "centres.csv").read_text(encoding="utf-8")
    for fact in _facts():
        for url in fact["sources"].split():
            assert url in text


def test_research_cells_are_carried_over() -> None:
    rows = {r["ars"]: r for r in _centre_rows(COMMITTED / "centres.csv")}
    for fact in _facts():
        row = rows[fact["ars"]]
        for column, source in [
            ("territory", "territory"),
            ("name", "ki_name"),
            ("street", "street"),
            ("postcode", "postcode"),
            ("town", "town"),
            ("approval_date", "approval_date"),
            ("approval_precision", "approval_precision"),
            ("start_date", "start_date"),
            ("start_precision", "start_precision"),
            ("start_date_alt", "start_date_alt"),
            ("sequence_no", "sequence_no"),
            ("predecessor", "predecessor"),
        ]:
            assert row[column] == fact[source], (fact["ars"], column)
        assert row["notes"].startswith(fact["notes"])
        if fact["address_note"]:
            assert "Address: " + fact["address_note"] in row["notes"]
        if fact["start_alt_note"]:
            assert "Conflicting start: " + fact["start_alt_note"] in row["notes"]


def test_ids_and_coordinates() -> None:
    centres = {c.id: c for c in load_centres(COMMITTED / "centres.csv")}
    for expected in (
        "kreis-kleve",
        "stadt-duesseldorf",
        "staedteregion-aachen",
        "stadt-aachen",
        "rhein-kreis-neuss",
        "hochsauerlandkreis",
        "stadt-muelheim-an-der-ruhr",
        "kreis-minden-luebbecke",
    ):
        assert expected in centres
    stadt, region = centres["stadt-aachen"], centres["staedteregion-aachen"]
    assert (stadt.lat, stadt.lon, stadt.coord_source) == (
        region.lat,
        region.lon,
        region.coord_source,
    )
    muelheim = centres["stadt-muelheim-an-der-ruhr"]
    assert muelheim.coord_source == "geonames:2867838"
    assert (muelheim.lat, muelheim.lon) == (51.43218, 6.87967)
    # The Rhein-Erft-Kreis office is in Bergheim, not in a town named after the Kreis.
    assert centres["rhein-erft-kreis"].town == "Bergheim"


def test_missing_town_fails_with_its_line(cities: list[dict]) -> None:
    without_hamm = [c for c in cities if c["name"] != "Hamm"]
    with pytest.raises(DataFileError) as caught:
        build_centres(RESEARCH / "ki_facts.csv", without_hamm)
    (problem,) = caught.value.problems
    hamm_line = _line_of(RESEARCH / "ki_facts.csv", "05915,")
    assert (problem.file, problem.line, problem.column, problem.value) == (
        "ki_facts.csv",
        hamm_line,
        "town",
        "Hamm",
    )
    assert "PINNED_GEONAMES" in problem.message


def test_ambiguous_town_fails(cities: list[dict]) -> None:
    hamm = next(c for c in cities if c["name"] == "Hamm")
    twin = {**hamm, "geonameid": 1, "latitude": 51.0}
    with pytest.raises(DataFileError, match="ambiguous"):
        build_centres(RESEARCH / "ki_facts.csv", [*cities, twin])


def test_towns_outside_nrw_are_ignored(cities: list[dict]) -> None:
    hamm = next(c for c in cities if c["name"] == "Hamm")
    elsewhere = {**hamm, "geonameid": 2, "admin1code": "08"}
    abroad = {**hamm, "geonameid": 3, "countrycode": "LU"}
    towns = GeoNamesTowns([elsewhere, hamm, abroad])
    assert towns.find("Hamm") is hamm


def test_pinned_id_must_exist_and_fit_the_name(cities: list[dict]) -> None:
    assert GeoNamesTowns(cities).find("Mülheim an der Ruhr")["geonameid"] == 2867838
    unpinned = GeoNamesTowns(cities, {})
    with pytest.raises(LookupError, match="not a GeoNames town name"):
        unpinned.find("Mülheim an der Ruhr")
    with pytest.raises(LookupError, match=r"ambiguous \(ids \[2867838, 8593865\]\)"):
        unpinned.find("Mülheim")
    with pytest.raises(LookupError, match="is 'Mülheim'"):
        GeoNamesTowns(cities, {"Hamm": 2867838}).find("Hamm")
    with pytest.raises(LookupError, match="not an NRW town"):
        GeoNamesTowns(cities, {"Hamm": 999}).find("Hamm")


def test_research_mismatch_with_gazetteer_fails(tmp_path: Path, cities: list[dict]) -> None:
    facts = tmp_path / "ki_facts.csv"
    text = (RESEARCH / "ki_facts.csv").read_text(encoding="utf-8")
    facts.write_text(text.replace("05154,Kreis Kleve,", "05154,Kreis Cleve,"), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        build_centres(facts, cities)
    (problem,) = caught.value.problems
    assert (problem.column, problem.value) == ("territory", "Kreis Cleve")


def test_bad_research_date_fails(tmp_path: Path, cities: list[dict]) -> None:
    facts = tmp_path / "ki_facts.csv"
    text = (RESEARCH / "ki_facts.csv").read_text(encoding="utf-8")
    facts.write_text(text.replace(",2013-09-01,day,", ",2013-09,day,", 1), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        build_centres(facts, cities)
    assert [(p.column, p.value) for p in caught.value.problems] == [("start_date", "2013-09")]


def test_missing_territory_row_fails(tmp_path: Path, cities: list[dict]) -> None:
    facts = tmp_path / "ki_facts.csv"
    lines = (RESEARCH / "ki_facts.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    facts.write_text("".join(line for line in lines if not line.startswith("05915,")), "utf-8")
    with pytest.raises(DataFileError, match="no row for Stadt Hamm"):
        build_centres(facts, cities)
