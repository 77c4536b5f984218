"""The 54 centres: the `Centre` record, its validating loader and its atomic writer."""

from __future__ import annotations

__all__ = [
    "CENTRE_COLUMNS",
    "NRW_BBOX",
    "Centre",
    "centre_to_row",
    "load_centres",
    "write_centres",
]

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from geo.errors import DataFileError, DataProblem
from geo.i18n import Message
from geo.sources.atomic import write_text_atomic
from geo.sources.cells import RowReader, alt_date, duplicate_problems, sequence_no, source_urls
from geo.sources.csvfile import CsvRow, read_csv_rows, rows_to_csv_text
from geo.sources.fuzzydate import FuzzyDate

CENTRE_COLUMNS = (
    "id",
    "ars",
    "territory",
    "territory_type",
    "regierungsbezirk",
    "name",
    "street",
    "postcode",
    "town",
    "lat",
    "lon",
    "coord_precision",
    "coord_source",
    "approval_date",
    "approval_precision",
    "start_date",
    "start_precision",
    "start_date_alt",
    "sequence_no",
    "predecessor",
    "sources",
    "notes",
)

# (south, west, north, east) around Nordrhein-Westfalen, with a small margin.
NRW_BBOX = (50.30, 5.80, 52.60, 9.50)
TERRITORY_TYPES = ("kreisfreie Stadt", "Kreis", "Städteregion", "regionsangehörige Stadt")
REGIERUNGSBEZIRKE = ("Düsseldorf", "Köln", "Münster", "Detmold", "Arnsberg")
COORD_PRECISIONS = ("address", "town")

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ARS = re.compile(r"^05\d{3}(?:\d{3})?$")
_POSTCODE = re.compile(r"^\d{5}$")
_COORD_SOURCE = re.compile(r"^(?:geonames:\d+|nominatim(?::\S+)?)$")


@dataclass(frozen=True)
class Centre:
    """One Kommunales Integrationszentrum with its office, coordinates, dates and sources."""

    id: str
    ars: str
    territory: str
    territory_type: str
    regierungsbezirk: str
    name: str
    street: str
    postcode: str
    town: str
    lat: float
    lon: float
    coord_precision: str
    coord_source: str
    approval: FuzzyDate
    start: FuzzyDate
    start_alt: FuzzyDate
    sequence_no: int | None
    predecessor: str
    sources: tuple[str, ...]
    notes: str

    @property
    def kreis_ars(self) -> str:
        """The 5-digit key of the Kreis or kreisfreie Stadt whose area the centre lies in."""
        return self.ars[:5]

    @property
    def address(self) -> str:
        """Street, postcode and town as one line, leaving out what is unknown."""
        place = " ".join(p for p in (self.postcode, self.town) if p)
        return ", ".join(p for p in (self.street, place) if p)


def load_centres(path: Path, *, label: str | None = None) -> tuple[Centre, ...]:
    """Read and validate a centres file; raise `DataFileError` listing every problem found."""
    name = label or Path(path).name
    rows = read_csv_rows(path, CENTRE_COLUMNS, label=name)
    problems: list[DataProblem] = []
    centres: list[Centre] = []
    for row in rows:
        centre = _parse_row(row, name, problems)
        if centre is not None:
            centres.append(centre)
    problems += duplicate_problems(rows, "id", name)
    problems += duplicate_problems(rows, "ars", name)
    if not rows:
        problems.append(DataProblem(name, None, None, None, Message("problem_header_only")))
    if problems:
        raise DataFileError(problems)
    return tuple(centres)


def centre_to_row(centre: Centre) -> list[str]:
    """The CSV cells of `centre`, in `CENTRE_COLUMNS` order."""
    return [
        centre.id,
        centre.ars,
        centre.territory,
        centre.territory_type,
        centre.regierungsbezirk,
        centre.name,
        centre.street,
        centre.postcode,
        centre.town,
        f"{centre.lat:.5f}",
        f"{centre.lon:.5f}",
        centre.coord_precision,
        centre.coord_source,
        centre.approval.text,
        centre.approval.precision.value,
        centre.start.text,
        centre.start.precision.value,
        centre.start_alt.text,
        "" if centre.sequence_no is None else str(centre.sequence_no),
        centre.predecessor,
        " ".join(centre.sources),
        centre.notes,
    ]


def write_centres(path: Path, centres: Iterable[Centre]) -> None:
    """Write `centres` to `path` atomically (a crash leaves the old file intact)."""
    text = rows_to_csv_text(CENTRE_COLUMNS, (centre_to_row(c) for c in centres))
    write_text_atomic(Path(path), text)


def _coordinate(low: float, high: float) -> Callable[[str], float]:
    def convert(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise ValueError("is not a number (use a decimal point)") from None
        if not low <= value <= high:
            raise ValueError(f"lies outside NRW ({low}–{high})")
        return value

    return convert


def _parse_row(row: CsvRow, file: str, problems: list[DataProblem]) -> Centre | None:
    check = RowReader(row, file, problems)
    south, west, north, east = NRW_BBOX
    centre = Centre(
        id=check.matching("id", _SLUG, "a lower-case slug like 'kreis-kleve'"),
        ars=check.matching("ars", _ARS, "an NRW regional key (05 + 3 or 6 digits)"),
        territory=check.text("territory"),
        territory_type=check.choice("territory_type", TERRITORY_TYPES),
        regierungsbezirk=check.choice("regierungsbezirk", REGIERUNGSBEZIRKE),
        name=check.text("name"),
        street=check.text("street", required=False),
        postcode=check.matching("postcode", _POSTCODE, "a 5-digit postcode", required=False),
        town=check.text("town"),
        lat=check.convert("lat", _coordinate(south, north), 0.0),
        lon=check.convert("lon", _coordinate(west, east), 0.0),
        coord_precision=check.choice("coord_precision", COORD_PRECISIONS),
        coord_source=check.matching(
            "coord_source", _COORD_SOURCE, "'geonames:<id>' or 'nominatim'"
        ),
        approval=check.fuzzy("approval_date", "approval_precision"),
        start=check.fuzzy("start_date", "start_precision"),
        start_alt=check.convert("start_date_alt", alt_date, FuzzyDate.unknown()),
        sequence_no=check.convert("sequence_no", sequence_no, None),
        predecessor=check.text("predecessor", required=False),
        sources=check.convert("sources", source_urls, ()),
        notes=check.text("notes", required=False),
    )
    return centre if check.ok else None
