"""An upload's rows turned into sites (`build_sites`): usable rows become centres, the others
problems; duplicates, sites outside NRW and a date span over the limit are refused."""

from __future__ import annotations

__all__ = [
    "UploadResult",
    "build_sites",
]

import datetime as dt
import math
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from geo.errors import DataProblem
from geo.i18n import Message, t
from geo.ingest.columns import check_mapping
from geo.ingest.kreise import outside_kreise
from geo.ingest.rawtable import RawTable, refuse
from geo.ingest.siterow import SiteRow
from geo.ingest.upload_limits import UploadLimits
from geo.sources.boundaries import Boundaries
from geo.sources.centres import Centre
from geo.sources.fuzzydate import FuzzyDate


@dataclass(frozen=True)
class UploadResult:
    """The usable sites of an upload, the rows that could not be used, and why.

    `centres` have coordinates; `missing_coordinates` have an address but no coordinates
    (lat/lon are NaN) and can be geocoded on demand; every other row is in `problems`.
    `row_ids` maps a centre's id to the file's own id where an id column is mapped.
    """

    filename: str
    rows: int
    centres: tuple[Centre, ...]
    missing_coordinates: tuple[Centre, ...]
    problems: tuple[DataProblem, ...]
    row_ids: dict[str, str]

    @property
    def bad_lines(self) -> tuple[int, ...]:
        """The lines that were left out because of a problem, sorted."""
        return tuple(sorted({p.line for p in self.problems if p.line is not None}))


def build_sites(
    table: RawTable,
    mapping: Mapping[str, str | None],
    *,
    boundaries: Boundaries | None,
    filename: str,
    limits: UploadLimits | None = None,
    lang: str = "en",
) -> UploadResult:
    """Turn a table into centres using `mapping` (field -> column or None).

    Raises `DataFileError` when the mapping itself is unusable (a required field or any way to
    place a site is missing, a column is used twice or does not exist), or when the dates of the
    usable rows span more than `limits` allow (the message in `lang`). Row by row, a row with
    any problem is left out and reported; nothing is guessed or silently fixed. An empty start
    is kept as unknown. Each centre's Kreis comes from `boundaries` (empty when none contains it,
    or when there are no Kreis polygons).
    """
    limits = limits or UploadLimits()
    columns = check_mapping(table, mapping, filename)
    problems: list[DataProblem] = []
    usable: list[tuple[SiteRow, dict[str, Any]]] = []
    row_ids: dict[str, str] = {}
    seen_places: dict[tuple[Any, ...], int] = {}
    seen_ids: dict[str, int] = {}
    for line, cells in zip(table.lines, table.rows, strict=True):
        row = SiteRow(line, {f: cells[i] for f, i in columns.items()}, mapping, filename, limits)
        fields = row.fields()
        user_id = row.text("id")
        if user_id:
            key = _comparable(user_id)
            if key in seen_ids:
                row.fail("id", Message("problem_duplicate_id", line=str(seen_ids[key])))
            else:
                seen_ids[key] = line
        if fields is not None:
            place = _place_key(fields)
            if place in seen_places:
                line_text = str(seen_places[place])
                row.fail("name", Message("problem_duplicate_place", line=line_text))
            else:
                seen_places[place] = line
        problems += row.problems
        if fields is None or row.problems:
            continue
        if user_id:
            row_ids[fields["id"]] = user_id
        usable.append((row, fields))
    located = [(row, fields) for row, fields in usable if not math.isnan(fields["lat"])]
    for row, fields in outside_kreise(located, boundaries):
        row.fail(
            "lat",
            Message("problem_outside_kreise"),
            Message("problem_lat_lon", lat=row.text("lat"), lon=row.text("lon")),
        )
        problems += row.problems
        row_ids.pop(fields["id"], None)
    usable = [(row, fields) for row, fields in usable if not row.problems]
    dates = [
        _DateCell(fields[field], row.line, mapping.get(field))
        for row, fields in usable
        for field in ("start", "approval")
        if fields[field].is_known
    ]
    _check_date_span(dates, filename, limits, lang)
    return UploadResult(
        filename,
        len(table.rows),
        tuple(Centre(**fields) for _, fields in usable if not math.isnan(fields["lat"])),
        tuple(Centre(**fields) for _, fields in usable if math.isnan(fields["lat"])),
        tuple(sorted(problems, key=lambda p: p.line or 0)),
        row_ids,
    )


@dataclass(frozen=True)
class _DateCell:
    """A known date of a usable row, with the line and column it was read from."""

    date: FuzzyDate
    line: int
    column: str | None

    @property
    def first_day(self) -> dt.date:
        """The earliest day the date can mean (its last day for a `before` bound)."""
        return self.date.earliest or self.last_day

    @property
    def last_day(self) -> dt.date:
        """The latest day the date can mean; every known date has one."""
        assert self.date.latest is not None
        return self.date.latest


def _check_date_span(
    dates: Sequence[_DateCell], filename: str, limits: UploadLimits, lang: str
) -> None:
    """Refuse dates reaching further than `limits.max_date_span_years` from the earliest to the
    latest day, naming both dates with their places and the limit."""
    if not dates:
        return
    first = min(dates, key=lambda cell: cell.first_day)
    last = max(dates, key=lambda cell: cell.last_day)
    years = limits.max_date_span_years
    start, end = first.first_day, last.last_day
    # Compared as (year, month, day): 29 February plus whole years needs no real date.
    if (end.year, end.month, end.day) <= (start.year + years, start.month, start.day):
        return
    message = t(
        "upload_date_span_too_long",
        lang,
        years=years,
        first=first.date.describe(lang),
        first_line=first.line,
        first_column=first.column,
        last=last.date.describe(lang),
        last_line=last.line,
        last_column=last.column,
    )
    refuse(filename, None, None, None, message)


def _place_key(fields: Mapping[str, Any]) -> tuple[Any, ...]:
    name = _comparable(fields["name"])
    if math.isnan(fields["lat"]):
        address = (fields["street"], fields["postcode"], fields["town"])
        return (name, *(_comparable(part) for part in address))
    return (name, round(fields["lat"], 5), round(fields["lon"], 5))


_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def _comparable(text: str) -> str:
    """Text as a person reads it, for finding duplicates: NFKC (a decomposed "ü" and a
    precomposed one, fullwidth letters), without zero-width characters, spaces collapsed,
    case folded."""
    text = unicodedata.normalize("NFKC", text).translate(_ZERO_WIDTH)
    return " ".join(text.split()).casefold()
