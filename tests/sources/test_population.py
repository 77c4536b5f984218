"""Tests for geo.sources.population: the committed Destatis figures and the loader's checks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from geo.errors import DataFileError
from geo.paths import POPULATION_CSV, SOURCES_DIR
from geo.sources.gazetteer import kreis_ars_list
from geo.sources.population import POPULATION_COLUMNS, load_population

DESTATIS_EXTRACT = SOURCES_DIR / "destatis" / "kreise_2018-12-31.csv"
HEADER = ",".join(POPULATION_COLUMNS)
URL = "https://www.destatis.de/x"


def _write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "population.csv"
    path.write_text("\n".join((HEADER, *lines)) + "\n", encoding="utf-8")
    return path


def _valid_lines() -> list[str]:
    text = POPULATION_CSV.read_text(encoding="utf-8").splitlines()
    return text[1:]


def test_the_committed_file_has_every_kreis_once_with_nrws_total() -> None:
    population = load_population(POPULATION_CSV)
    assert sorted(population) == list(kreis_ars_list())
    assert sum(p.residents for p in population.values()) == 17_932_651
    assert {p.reference_date for p in population.values()} == {date(2018, 12, 31)}
    assert population["05315"].residents == 1_085_664
    assert population["05334"].territory == "Städteregion Aachen"


def test_the_committed_figures_are_the_destatis_extract_unchanged() -> None:
    source = {}
    for line in DESTATIS_EXTRACT.read_text(encoding="utf-8").splitlines()[1:]:
        cells = line.split(";")
        if cells[0].startswith("05"):
            source[cells[0]] = int(cells[5])
    population = load_population(POPULATION_CSV)
    assert {ars: p.residents for ars, p in population.items()} == source


def test_a_bad_figure_names_line_column_and_value(tmp_path: Path) -> None:
    lines = _valid_lines()
    lines[2] = lines[2].replace(",583109,", ",58e3,")
    with pytest.raises(DataFileError) as caught:
        load_population(_write(tmp_path, *lines))
    (problem,) = caught.value.problems
    assert (problem.line, problem.column, problem.value) == (4, "residents", "58e3")


def test_a_key_outside_nrw_a_wrong_name_and_a_duplicate_are_each_named(tmp_path: Path) -> None:
    lines = _valid_lines()
    lines[0] = f"09162,Stadt Düsseldorf,1000,2018-12-31,{URL}"
    lines[1] = lines[1].replace("Stadt Duisburg", "Stadt Duisberg")
    lines.append(lines[5])
    with pytest.raises(DataFileError) as caught:
        load_population(_write(tmp_path, *lines))
    found = {(p.line, p.column) for p in caught.value.problems}
    assert found == {(2, "ars"), (3, "territory"), (55, "ars")}


def test_a_missing_kreis_is_named(tmp_path: Path) -> None:
    lines = [line for line in _valid_lines() if not line.startswith("05154,")]
    with pytest.raises(DataFileError, match="05154"):
        load_population(_write(tmp_path, *lines))


@pytest.mark.parametrize(
    ("cell", "column"),
    [("0", "residents"), ("2018-13-01", "reference_date"), ("31.12.2018", "reference_date")],
)
def test_impossible_values_are_refused(tmp_path: Path, cell: str, column: str) -> None:
    lines = _valid_lines()
    head, *_ = lines[0].split(",")
    url = lines[0].rsplit(",", 1)[1]
    residents, day = ("619294", cell) if column == "reference_date" else (cell, "2018-12-31")
    lines[0] = f"{head},Stadt Düsseldorf,{residents},{day},{url}"
    with pytest.raises(DataFileError) as caught:
        load_population(_write(tmp_path, *lines))
    assert [p.column for p in caught.value.problems] == [column]
