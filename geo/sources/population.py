"""Residents per Kreis and kreisfreie Stadt of NRW, from Destatis, for the population coverage.

`data/population.csv` holds one official figure per Kreis key (53 rows) with its reference date
and source, so every share the dashboard shows can be traced to a published number.
"""

from __future__ import annotations

__all__ = ["POPULATION_COLUMNS", "KreisPopulation", "load_population"]

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from geo.errors import DataFileError, DataProblem
from geo.sources.cells import RowReader, duplicate_problems, source_urls
from geo.sources.csvfile import CsvRow, read_csv_rows
from geo.sources.gazetteer import kreis_ars_list, territory_by_ars

POPULATION_COLUMNS = ("ars", "territory", "residents", "reference_date", "source_url")

# No Kreis of NRW comes near Köln's 1.1 million; a figure beyond this is a typo.
_MAX_RESIDENTS = 5_000_000
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class KreisPopulation:
    """The residents of one Kreis or kreisfreie Stadt at `reference_date`, with the source."""

    ars: str
    territory: str
    residents: int
    reference_date: date
    sources: tuple[str, ...]


def load_population(path: Path, *, label: str | None = None) -> dict[str, KreisPopulation]:
    """Read and validate a population file into a mapping by Kreis key; every one of the 53 NRW
    Kreise must appear exactly once. Raise `DataFileError` listing every problem found."""
    name = label or Path(path).name
    rows = read_csv_rows(path, POPULATION_COLUMNS, label=name)
    problems: list[DataProblem] = duplicate_problems(rows, "ars", name)
    figures = [f for row in rows if (f := _parse_row(row, name, problems)) is not None]
    found = {figure.ars for figure in figures}
    missing = [ars for ars in kreis_ars_list() if ars not in found]
    if missing and not problems:
        message = "has no row for the Kreis keys " + ", ".join(missing)
        problems.append(DataProblem(name, None, "ars", None, message))
    if problems:
        raise DataFileError(problems)
    return {figure.ars: figure for figure in figures}


def _kreis_key(text: str) -> str:
    if text not in kreis_ars_list():
        raise ValueError("must be the 5-digit key of one of the 53 NRW Kreise")
    return text


def _residents(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or not 0 < int(text) <= _MAX_RESIDENTS:
        raise ValueError(f"must be a whole number of residents from 1 to {_MAX_RESIDENTS}")
    return int(text)


def _day(text: str) -> date:
    if not _ISO_DAY.match(text):
        raise ValueError("must be a day as YYYY-MM-DD")
    return date.fromisoformat(text)


def _parse_row(row: CsvRow, file: str, problems: list[DataProblem]) -> KreisPopulation | None:
    reader = RowReader(row, file, problems)
    ars = reader.convert("ars", _kreis_key, "")
    territory = reader.text("territory")
    if ars and territory and territory != territory_by_ars(ars).official_name:
        reader.fail(
            "territory", f"is not the name of {ars} ({territory_by_ars(ars).official_name})"
        )
    figure = KreisPopulation(
        ars=ars,
        territory=territory,
        residents=reader.convert("residents", _residents, 0),
        reference_date=reader.convert("reference_date", _day, date.min),
        sources=reader.convert("source_url", source_urls, ()),
    )
    return figure if reader.ok else None
