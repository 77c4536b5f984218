"""Statewide count statements (how many centres existed, were approved or were planned, and when).

Each `Milestone` is one sourced statement from the rollout timeline, so the dashboard can hold
its own count of open centres against what ministries and newspapers said at the time.
"""

from __future__ import annotations

__all__ = [
    "MEASURES",
    "MILESTONE_COLUMNS",
    "Milestone",
    "load_milestones",
    "milestone_to_row",
    "write_milestones",
]

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from geo.errors import DataFileError, DataProblem
from geo.i18n import Message
from geo.sources.atomic import write_text_atomic
from geo.sources.cells import RowReader, required, source_urls
from geo.sources.csvfile import CsvRow, read_csv_rows, rows_to_csv_text
from geo.sources.fuzzydate import FuzzyDate, Precision

MILESTONE_COLUMNS = (
    "date",
    "precision",
    "count",
    "measure",
    "meaning",
    "places",
    "summary",
    "summary_de",
    "source_url",
)

# What a stated number counts:
#   started  - centres working, set up or existing at that date (also third-party figures);
#   approved - centres approved or basically approved;
#   ordinal  - the n-th centre opened or handed its grant that day;
#   target   - a plan or total target, not a count of existing centres;
#   other    - anything else (for example centres visited on a tour).
MEASURES = ("started", "approved", "ordinal", "target", "other")

_PLACE_SEPARATOR = "; "


@dataclass(frozen=True)
class Milestone:
    """One dated statement from the statewide timeline, with the number it gives (if any).

    `line` is the line of the milestones file the statement comes from, for messages.
    """

    date: FuzzyDate
    count: int | None
    measure: str
    meaning: str
    places: tuple[str, ...]
    summary: str
    sources: tuple[str, ...]
    line: int
    summary_de: str = ""


def load_milestones(path: Path, *, label: str | None = None) -> tuple[Milestone, ...]:
    """Read and validate a milestones file; raise `DataFileError` listing every problem found."""
    name = label or Path(path).name
    rows = read_csv_rows(path, MILESTONE_COLUMNS, label=name)
    problems: list[DataProblem] = []
    milestones = [m for row in rows if (m := _parse_row(row, name, problems)) is not None]
    if not rows:
        problems.append(DataProblem(name, None, None, None, Message("problem_header_only")))
    if problems:
        raise DataFileError(problems)
    return tuple(milestones)


def milestone_to_row(milestone: Milestone) -> list[str]:
    """The CSV cells of `milestone`, in `MILESTONE_COLUMNS` order."""
    return [
        milestone.date.text,
        milestone.date.precision.value,
        "" if milestone.count is None else str(milestone.count),
        milestone.measure,
        milestone.meaning,
        _PLACE_SEPARATOR.join(milestone.places),
        milestone.summary,
        milestone.summary_de,
        " ".join(milestone.sources),
    ]


def write_milestones(path: Path, milestones: Iterable[Milestone]) -> None:
    """Write `milestones` to `path` atomically (a crash leaves the old file intact)."""
    text = rows_to_csv_text(MILESTONE_COLUMNS, (milestone_to_row(m) for m in milestones))
    write_text_atomic(Path(path), text)


def _precision(text: str) -> Precision:
    try:
        return Precision(text)
    except ValueError:
        raise ValueError("must be one of " + ", ".join(p.value for p in Precision)) from None


def _count(text: str) -> int | None:
    if not text:
        return None
    if not text.isascii() or not text.isdigit():
        raise ValueError("must be a whole number of centres (0 or more) or empty")
    return int(text)


def _measure(text: str) -> str:
    if text not in MEASURES:
        raise ValueError("must be one of " + ", ".join(MEASURES))
    return text


def _places(text: str) -> tuple[str, ...]:
    if not text:
        return ()
    places = tuple(p.strip() for p in text.split(";"))
    if not all(places):
        raise ValueError("has an empty place name (separate places with '; ')")
    return places


def _parse_row(row: CsvRow, file: str, problems: list[DataProblem]) -> Milestone | None:
    reader = RowReader(row, file, problems)
    if reader.convert("precision", _precision, None) is not None:
        date = reader.fuzzy("date", "precision")
    else:
        date = FuzzyDate.unknown()
    milestone = Milestone(
        date=date,
        count=reader.convert("count", _count, None),
        measure=reader.convert("measure", _measure, ""),
        meaning=reader.get("meaning"),
        places=reader.convert("places", _places, ()),
        summary=reader.convert("summary", required, ""),
        summary_de=reader.convert("summary_de", required, ""),
        sources=reader.convert("source_url", source_urls, ()),
        line=row.line,
    )
    if milestone.count is not None and not milestone.meaning:
        reader.fail("meaning", "a count needs a meaning")
    return milestone if reader.ok else None
