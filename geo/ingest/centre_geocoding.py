"""Upgrading the KI centres from town to street-address precision with a geocoder and its
cache; the first service failure stops all further queries and keeps what was learned."""

from __future__ import annotations

__all__ = [
    "CentreOutcome",
    "GeocodeReport",
    "Outcome",
    "geocode_centres",
    "utc_now",
]

import dataclasses
import difflib
import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from geopy.exc import (
    GeocoderRateLimited,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeocoderUnavailable,
    GeopyError,
)

from geo.errors import UsageError
from geo.ingest.geocode_cache import CacheEntry, GeocodeCache, entry_from_answer, query_key
from geo.ingest.nominatim import GeocodeFn, structured_query
from geo.sources.centres import NRW_BBOX, Centre


def utc_now() -> datetime:
    """The current time in UTC, stamped on each new cache entry (tests pass their own clock)."""
    return datetime.now(UTC)


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
    now: Callable[[], datetime] = utc_now,
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
                entry = entry_from_answer(query_key(query), answer, now())
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
