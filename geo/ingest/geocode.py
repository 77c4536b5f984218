"""Upgrade centre coordinates from town to street-address precision with Nominatim, politely.

Online only and optional: answers are cached in `data/geocode_cache.csv` (so no address is asked
twice), the service is queried at most once a second, and any service failure stops the run
while keeping what was already learned and the existing coordinates.
"""

from __future__ import annotations

__all__ = [
    "CACHE_COLUMNS",
    "DEFAULT_USER_AGENT",
    "NOMINATIM_URL",
    "CacheEntry",
    "CentreOutcome",
    "GeocodeCache",
    "GeocodeReport",
    "Outcome",
    "geocode_centres",
    "make_nominatim_geocode",
    "query_key",
    "run_cli",
    "structured_query",
]

import dataclasses
import difflib
import enum
import functools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

from geopy.exc import (
    GeocoderRateLimited,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeocoderUnavailable,
    GeopyError,
)

from geo.errors import DataFileError, DataProblem, KiAtlasError, UsageError
from geo.sources.atomic import write_text_atomic
from geo.sources.centres import NRW_BBOX, Centre, load_centres, write_centres
from geo.sources.csvfile import CsvRow, read_csv_rows, rows_to_csv_text

DEFAULT_USER_AGENT = "ki-atlas-nrw/0.1 (+https://github.com/ki-atlas-nrw)"
# OpenStreetMap's public instance; a self-hosted Nominatim keeps addresses in-house.
NOMINATIM_URL = "https://nominatim.openstreetmap.org"
CACHE_COLUMNS = ("query", "lat", "lon", "display_name", "fetched_at")
COUNTRY = "Deutschland"

GeocodeFn = Callable[[Mapping[str, str]], Any]
"""Takes a structured query; returns None or an object with latitude, longitude and address."""


def make_nominatim_geocode(
    *,
    url: str = NOMINATIM_URL,
    user_agent: str = DEFAULT_USER_AGENT,
    timeout: float = 10,
    min_delay_seconds: float = 1.0,
    max_retries: int = 2,
) -> GeocodeFn:
    """Build the rate-limited Nominatim geocode callable (no request is made here).

    Queries are restricted to Germany and bounded by the NRW box. A final failure after
    `max_retries` retries raises the geopy error instead of returning None, so "service down"
    never looks like "address not found". Nominatim allows at most one request per second,
    hence `min_delay_seconds` below 1 is refused. `url` names the Nominatim instance (http or
    https, optionally with a path).
    """
    # Imported here so that loading this module never pulls in an HTTP stack.
    from geopy.extra.rate_limiter import RateLimiter
    from geopy.geocoders import Nominatim

    if min_delay_seconds < 1:
        raise ValueError("Nominatim allows at most one request per second: min_delay_seconds >= 1")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(f"Nominatim address must be an http(s) URL: {url!r}")
    south, west, north, east = NRW_BBOX
    nominatim = Nominatim(
        user_agent=user_agent,
        timeout=timeout,
        scheme=parts.scheme,
        domain=parts.netloc + parts.path.rstrip("/"),
    )
    search = functools.partial(
        nominatim.geocode,
        exactly_one=True,
        country_codes="de",
        viewbox=[(north, west), (south, east)],
        bounded=True,
    )
    return RateLimiter(
        search,
        min_delay_seconds=min_delay_seconds,
        max_retries=max_retries,
        error_wait_seconds=max(5.0, min_delay_seconds),
        swallow_exceptions=False,
    )


def structured_query(centre: Centre) -> dict[str, str]:
    """The Nominatim structured query for the centre's office address (empty parts left out)."""
    parts = {
        "street": centre.street,
        "postalcode": centre.postcode,
        "city": centre.town,
        "country": COUNTRY,
    }
    return {key: value.strip() for key, value in parts.items() if value.strip()}


def query_key(query: Mapping[str, str]) -> str:
    """The cache key of a structured query: `key=value` pairs, whitespace collapsed, casefolded."""
    return " | ".join(f"{_normalise(key)}={_normalise(value)}" for key, value in query.items())


def _normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


def _utc_now() -> datetime:
    return datetime.now(UTC)


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


class Outcome(enum.Enum):
    """What happened to one centre in a geocoding run."""

    UPGRADED = "upgraded"
    NOT_FOUND = "not found"
    OUTSIDE_NRW = "outside NRW"
    NO_STREET = "no street"
    ALREADY_ADDRESS = "already address"
    NOT_ASKED = "not asked"


@dataclass(frozen=True)
class CentreOutcome:
    """One centre's result; `cached` tells whether the answer came from the cache."""

    centre_id: str
    outcome: Outcome
    cached: bool = False
    detail: str = ""


@dataclass(frozen=True)
class GeocodeReport:
    """The centres after the run, what happened to each, and why the run stopped (if it did)."""

    centres: tuple[Centre, ...]
    outcomes: tuple[CentreOutcome, ...]
    queries: int
    stopped: str | None = None

    @property
    def ok(self) -> bool:
        """True when the service never failed during the run."""
        return self.stopped is None

    @property
    def still_town(self) -> int:
        """How many of all centres remain at town precision."""
        return sum(1 for c in self.centres if c.coord_precision == "town")

    def count(self, outcome: Outcome) -> int:
        """How many centres ended with `outcome`."""
        return sum(1 for o in self.outcomes if o.outcome is outcome)


def geocode_centres(
    centres: Sequence[Centre],
    *,
    geocode: GeocodeFn,
    cache: GeocodeCache,
    only: str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    now: Callable[[], datetime] = _utc_now,
) -> GeocodeReport:
    """Upgrade centres with a street to address precision; return every centre and a report.

    Cached answers are used without a query; every new answer (also "not found") is cached at
    once. A hit inside `NRW_BBOX` sets lat/lon (5 decimals), `coord_precision="address"` and
    `coord_source="nominatim"`; no hit or a hit outside NRW keeps the existing coordinates.

    The first service failure (timeout, 429, 5xx, offline — after the rate limiter's own
    retries) stops all further queries: retrying row after row against a service that is down
    or throttling us would only add load and make the throttling worse. Remaining rows are still
    served from the cache, nothing learned is lost, and `report.stopped` says what happened.
    `only` restricts the run to one centre id; an unknown id raises `KiAtlasError`.
    """
    centres = tuple(centres)
    if only is not None and only not in {c.id for c in centres}:
        raise UsageError(_unknown_id_message(only, [c.id for c in centres]))
    selected = [c for c in centres if only is None or c.id == only]
    todo = [c for c in selected if c.street.strip() and c.coord_precision != "address"]
    total = len(todo)

    updated: dict[str, Centre] = {}
    outcomes: list[CentreOutcome] = []
    failure: str | None = None
    queries = 0
    done = 0
    if progress is not None:
        progress(0, total, "")
    for centre in selected:
        if centre.coord_precision == "address":
            outcomes.append(CentreOutcome(centre.id, Outcome.ALREADY_ADDRESS))
            continue
        if not centre.street.strip():
            outcomes.append(CentreOutcome(centre.id, Outcome.NO_STREET))
            continue
        query = structured_query(centre)
        entry = cache.get(query)
        cached = entry is not None
        if entry is None and failure is None:
            try:
                answer = geocode(query)
            except GeopyError as exc:
                failure = _failure_reason(exc)
            else:
                queries += 1
                entry = _entry_from_answer(query_key(query), answer, now())
                cache.add(entry)
        if entry is None:
            outcomes.append(CentreOutcome(centre.id, Outcome.NOT_ASKED, detail=failure or ""))
        else:
            upgraded, outcome = _apply(centre, entry, cached=cached)
            if upgraded is not None:
                updated[centre.id] = upgraded
            outcomes.append(outcome)
        done += 1
        if progress is not None:
            progress(done, total, centre.id)

    result = tuple(updated.get(c.id, c) for c in centres)
    stopped = None
    if failure is not None:
        still = sum(1 for c in result if c.coord_precision == "town")
        stopped = (
            f"{failure} — existing coordinates kept; "
            f"{still} of {len(result)} centres still at town precision"
        )
    return GeocodeReport(result, tuple(outcomes), queries, stopped)


def _unknown_id_message(only: str, ids: list[str]) -> str:
    message = f"no centre with id {only!r}"
    close = difflib.get_close_matches(only, ids, n=3)
    if close:
        message += "; did you mean " + ", ".join(repr(c) for c in close) + "?"
    return message


def _failure_reason(exc: GeopyError) -> str:
    if isinstance(exc, GeocoderTimedOut):
        return "Nominatim did not answer in time (timed out)"
    if isinstance(exc, GeocoderRateLimited):
        wait = f", retry after {exc.retry_after:g} s" if exc.retry_after else ""
        return f"Nominatim is rate-limiting us (HTTP 429{wait})"
    if isinstance(exc, GeocoderUnavailable):
        return "Nominatim not reachable (offline?)"
    if isinstance(exc, GeocoderServiceError):
        return f"Nominatim failed ({exc})"
    return f"geocoder error ({exc})"


def _entry_from_answer(key: str, answer: Any, fetched_at: datetime) -> CacheEntry:
    """The cache entry for an answer; one whose latitude or longitude is not a finite number
    ("nan", "inf", garbage) is cached as not found, as no point can be drawn from it (and the
    cache file refuses such numbers when it is read again)."""
    try:
        lat, lon = float(answer.latitude), float(answer.longitude)
    except (AttributeError, TypeError, ValueError):
        lat = lon = math.nan
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return CacheEntry(key, None, None, "", fetched_at)
    return CacheEntry(key, lat, lon, str(getattr(answer, "address", "") or ""), fetched_at)


def _apply(
    centre: Centre, entry: CacheEntry, *, cached: bool
) -> tuple[Centre | None, CentreOutcome]:
    if entry.lat is None or entry.lon is None:
        return None, CentreOutcome(centre.id, Outcome.NOT_FOUND, cached, centre.address)
    south, west, north, east = NRW_BBOX
    if not (south <= entry.lat <= north and west <= entry.lon <= east):
        detail = f"{entry.lat:.5f}, {entry.lon:.5f} ({entry.display_name or 'no name'})"
        return None, CentreOutcome(centre.id, Outcome.OUTSIDE_NRW, cached, detail)
    upgraded = dataclasses.replace(
        centre,
        lat=round(entry.lat, 5),
        lon=round(entry.lon, 5),
        coord_precision="address",
        coord_source="nominatim",
    )
    return upgraded, CentreOutcome(centre.id, Outcome.UPGRADED, cached, entry.display_name)


def run_cli(
    *,
    centres_path: Path,
    cache_path: Path,
    only: str | None,
    geocode: GeocodeFn | None = None,
    out: TextIO,
    err: TextIO,
    now: Callable[[], datetime] = _utc_now,
) -> int:
    """`python -m geo geocode [--only ID]`: geocode, write the centres back, return an exit code.

    0 when the run finished (centres not found or outside NRW are listed, not errors); 1 when
    the service failed, a file is invalid or cannot be written, or `only` names no centre.
    Messages go to `err`; no traceback is shown. The centres file is rewritten only if at
    least one centre was upgraded.
    """
    try:
        centres = load_centres(centres_path)
        cache = GeocodeCache.load(cache_path)
        if geocode is None:
            geocode = make_nominatim_geocode()
        with _ProgressBar(err) as bar:
            report = geocode_centres(
                centres, geocode=geocode, cache=cache, only=only, progress=bar.update, now=now
            )
    except DataFileError as exc:
        err.write("error: " + "\n  ".join(str(p) for p in exc.problems) + "\n")
        return 1
    except KiAtlasError as exc:
        err.write(f"error: {exc}\n")
        return 1
    except GeopyError as exc:
        err.write(f"error: geocoder could not be set up: {exc}\n")
        return 1

    if report.centres != centres:
        try:
            write_centres(centres_path, report.centres)
        except OSError as exc:
            err.write(f"error: cannot write {Path(centres_path).name}: {exc}\n")
            return 1
    _print_report(report, out)
    if report.stopped is not None:
        err.write(report.stopped + "\n")
        return 1
    return 0


def _print_report(report: GeocodeReport, out: TextIO) -> None:
    for o in report.outcomes:
        if o.outcome in (Outcome.NOT_FOUND, Outcome.OUTSIDE_NRW):
            source = " (cached answer)" if o.cached else ""
            out.write(f"{o.centre_id}: {o.outcome.value}{source} — {o.detail}; kept as is\n")
    upgraded = [o for o in report.outcomes if o.outcome is Outcome.UPGRADED]
    from_cache = sum(1 for o in upgraded if o.cached)
    out.write(
        f"{len(upgraded)} upgraded to address precision ({from_cache} from cache, "
        f"{report.queries} Nominatim queries), "
        f"{report.count(Outcome.NOT_FOUND)} not found, "
        f"{report.count(Outcome.OUTSIDE_NRW)} outside NRW, "
        f"{report.count(Outcome.NO_STREET)} without street, "
        f"{report.count(Outcome.ALREADY_ADDRESS)} already at address precision; "
        f"{report.still_town} of {len(report.centres)} centres still at town precision\n"
    )


class _ProgressBar:
    """A tqdm bar on `stream`, created on the first update (the total is known only then)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.bar: Any = None

    def __enter__(self) -> _ProgressBar:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.bar is not None:
            self.bar.close()

    def update(self, done: int, total: int, centre_id: str) -> None:
        from tqdm import tqdm

        if self.bar is None:  # first call: done == 0
            # disable=None: no bar when the stream is not a terminal (logs, CI, tests).
            self.bar = tqdm(total=total, file=self.stream, unit="centre", disable=None)
        if centre_id:
            self.bar.set_postfix_str(centre_id, refresh=False)
        self.bar.update(done - self.bar.n)
