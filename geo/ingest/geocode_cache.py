"""The answers Nominatim already gave, kept in `data/geocode_cache.csv` so no address is asked
twice; validated when read and rewritten atomically after every new entry."""

from __future__ import annotations

__all__ = [
    "CACHE_COLUMNS",
    "CacheEntry",
    "GeocodeCache",
    "entry_from_answer",
    "query_key",
]

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from geo.errors import DataFileError, DataProblem
from geo.ingest.nominatim import answer_position
from geo.sources.atomic import write_text_atomic
from geo.sources.csvfile import CsvRow, read_csv_rows, rows_to_csv_text

CACHE_COLUMNS = ("query", "lat", "lon", "display_name", "fetched_at")


def query_key(query: Mapping[str, str]) -> str:
    """The cache key of a structured query: `key=value` pairs, whitespace collapsed, casefolded."""
    return " | ".join(f"{_normalise(key)}={_normalise(value)}" for key, value in query.items())


def _normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class CacheEntry:
    """One cached Nominatim answer; `lat`/`lon` are None when Nominatim found nothing."""

    query: str
    lat: float | None
    lon: float | None
    display_name: str
    fetched_at: datetime

    @property
    def found(self) -> bool:
        """Whether Nominatim returned a place for this query."""
        return self.lat is not None and self.lon is not None


class GeocodeCache:
    """The answers already fetched, persisted to a CSV file after every new entry.

    Each `add` rewrites the whole file atomically, so a crash mid-run loses at most the entry
    being written and never the earlier ones.
    """

    def __init__(self, path: Path, entries: Sequence[CacheEntry] = ()) -> None:
        self.path = Path(path)
        self._entries: dict[str, CacheEntry] = {e.query: e for e in entries}

    @classmethod
    def load(cls, path: Path) -> GeocodeCache:
        """Read and validate the cache file; a missing file is an empty cache.

        Raises `DataFileError` naming line, column and value of every bad cell.
        """
        path = Path(path)
        if not path.exists():
            return cls(path)
        name = path.name
        rows = read_csv_rows(path, CACHE_COLUMNS, label=name)
        problems: list[DataProblem] = []
        entries: list[CacheEntry] = []
        first_line: dict[str, int] = {}
        for row in rows:
            entry = _parse_cache_row(row, name, problems)
            if entry is None:
                continue
            if entry.query in first_line:
                problems.append(
                    DataProblem(
                        name,
                        row.line,
                        "query",
                        row.cells["query"],
                        f"duplicate of line {first_line[entry.query]}",
                    )
                )
                continue
            first_line[entry.query] = row.line
            entries.append(entry)
        if problems:
            raise DataFileError(problems)
        return cls(path, entries)

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, query: Mapping[str, str]) -> CacheEntry | None:
        """The cached answer for `query`, or None if it was never asked."""
        return self._entries.get(query_key(query))

    def add(self, entry: CacheEntry) -> None:
        """Remember `entry` and rewrite the cache file atomically.

        If the write fails the entry is forgotten again and `DataFileError` is raised; the file
        on disk still holds every earlier entry.
        """
        previous = self._entries.get(entry.query)
        self._entries[entry.query] = entry
        try:
            write_text_atomic(self.path, self.to_csv_text())
        except OSError as exc:
            if previous is None:
                del self._entries[entry.query]
            else:
                self._entries[entry.query] = previous
            raise DataFileError(
                [DataProblem(self.path.name, None, None, None, f"cannot write: {exc}")]
            ) from None

    def entries(self) -> tuple[CacheEntry, ...]:
        """All entries in the order they were first added."""
        return tuple(self._entries.values())

    def to_csv_text(self) -> str:
        """The cache file's full text."""
        return rows_to_csv_text(CACHE_COLUMNS, (_entry_row(e) for e in self._entries.values()))


def _entry_row(entry: CacheEntry) -> list[str]:
    return [
        entry.query,
        "" if entry.lat is None else f"{entry.lat:.7f}",
        "" if entry.lon is None else f"{entry.lon:.7f}",
        entry.display_name,
        entry.fetched_at.isoformat(timespec="seconds"),
    ]


def _parse_cache_row(row: CsvRow, name: str, problems: list[DataProblem]) -> CacheEntry | None:
    cells = {key: value.strip() for key, value in row.cells.items()}
    found: list[DataProblem] = []

    def bad(column: str, message: str) -> None:
        found.append(DataProblem(name, row.line, column, row.cells[column], message))

    query = _normalise(cells["query"])
    if not query:
        bad("query", "must not be empty")
    lat = _cached_coordinate(cells["lat"], 90.0)
    lon = _cached_coordinate(cells["lon"], 180.0)
    for column, value in (("lat", lat), ("lon", lon)):
        if isinstance(value, str):
            bad(column, value)
    if not found and (lat is None) != (lon is None):
        bad("lat" if lat is None else "lon", "lat and lon must both be set or both be empty")
    try:
        fetched_at = datetime.fromisoformat(cells["fetched_at"])
    except ValueError:
        bad("fetched_at", "is not an ISO 8601 date-time like 2024-05-01T12:00:00+00:00")
    problems.extend(found)
    if found or isinstance(lat, str) or isinstance(lon, str):
        return None
    return CacheEntry(query, lat, lon, cells["display_name"], fetched_at)


def _cached_coordinate(text: str, limit: float) -> float | str | None:
    """The coordinate, None for an empty cell, or an error message (a str)."""
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        return "is not a number (use a decimal point)"
    if not -limit <= value <= limit:
        return f"must lie between -{limit:g} and {limit:g}"
    return value


def entry_from_answer(key: str, answer: Any, fetched_at: datetime) -> CacheEntry:
    """The cache entry for an answer; one whose latitude or longitude is not a finite number
    ("nan", "inf", garbage) is cached as not found, as no point can be drawn from it (and the
    cache file refuses such numbers when it is read again)."""
    position = answer_position(answer)
    if position is None:
        return CacheEntry(key, None, None, "", fetched_at)
    lat, lon = position
    return CacheEntry(key, lat, lon, str(getattr(answer, "address", "") or ""), fetched_at)
