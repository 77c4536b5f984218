"""Geocoding the sites of an upload that have an address but no coordinates, one injected
geocoder call per site, cancellable, keeping what was found when the service fails."""

from __future__ import annotations

__all__ = [
    "GeocodeOutcome",
    "geocode_missing",
]

import dataclasses
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from geopy.exc import (
    GeocoderRateLimited,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeocoderUnavailable,
    GeopyError,
)

from geo.i18n import t
from geo.ingest.kreise import kreis_names_of, kreis_of
from geo.ingest.nominatim import answer_position, structured_query
from geo.sources.boundaries import Boundaries
from geo.sources.centres import Centre


@dataclass(frozen=True)
class GeocodeOutcome:
    """Where geocoding left the sites without coordinates, and why it stopped (if it did).

    `stopped` is None (every row was asked), "cancelled" or "offline" (a geopy service error
    ended the run; `error` says which). `not_asked` are the rows left when it stopped.
    """

    located: tuple[Centre, ...]
    not_found: tuple[Centre, ...]
    outside_nrw: tuple[Centre, ...]
    not_asked: tuple[Centre, ...]
    stopped: str | None = None
    error: str = ""

    @property
    def missing(self) -> int:
        """How many rows still have no coordinates (and are not shown)."""
        return len(self.not_found) + len(self.outside_nrw) + len(self.not_asked)

    def describe(self, lang: str = "de") -> str:
        """One sentence for the user: how many were found and how many are not shown."""
        total = len(self.located) + self.missing
        not_shown = t("upload_rows_not_shown", lang, n=self.missing)
        if self.stopped == "offline":
            return t("upload_geocode_offline", lang, not_shown=not_shown)
        if self.stopped == "cancelled":
            return t("upload_geocode_cancelled", lang, n=len(self.located), not_shown=not_shown)
        return t("upload_geocode_done", lang, found=len(self.located), n=total, not_shown=not_shown)

    @property
    def message(self) -> str:
        """`describe` in English, with the service's error appended."""
        text = self.describe("en")
        return f"{text} ({self.error})" if self.error else text


def geocode_missing(
    centres: Sequence[Centre],
    geocode: Callable[[Mapping[str, str]], Any],
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    boundaries: Boundaries | None,
) -> GeocodeOutcome:
    """Find coordinates for sites with an address but none, one geocode call per site.

    `geocode` takes a structured query (`geo.ingest.geocode.structured_query`) and returns
    None or an object with `latitude`/`longitude` (geopy style); rate limiting is the caller's. Hits
    outside NRW are rejected. `cancelled()` is asked before each call; a geopy service error
    (timeout, 429, unavailable, ...) stops the run. Either way, what was found is kept.
    `progress(done, total)` is called after each site.
    """
    todo = [c for c in centres if math.isnan(c.lat) or math.isnan(c.lon)]
    kreis_names = kreis_names_of(boundaries)
    located: list[Centre] = []
    not_found: list[Centre] = []
    outside: list[Centre] = []
    for done, centre in enumerate(todo):
        if cancelled():
            return GeocodeOutcome(
                tuple(located), tuple(not_found), tuple(outside), tuple(todo[done:]), "cancelled"
            )
        try:
            answer = geocode(structured_query(centre))
        except GeopyError as exc:
            return GeocodeOutcome(
                tuple(located),
                tuple(not_found),
                tuple(outside),
                tuple(todo[done:]),
                "offline",
                _failure(exc),
            )
        position = answer_position(answer)
        if position is None:
            not_found.append(centre)
        else:
            lat, lon = position
            ars = kreis_of(boundaries, lat, lon)
            if ars is not None:
                located.append(
                    dataclasses.replace(
                        centre,
                        lat=round(lat, 5),
                        lon=round(lon, 5),
                        ars=ars,
                        territory=kreis_names.get(ars, ""),
                        coord_precision="address" if centre.street else "town",
                        coord_source="nominatim",
                    )
                )
            else:
                outside.append(centre)
        if progress is not None:
            progress(done + 1, len(todo))
    return GeocodeOutcome(tuple(located), tuple(not_found), tuple(outside), ())


def _failure(exc: GeopyError) -> str:
    if isinstance(exc, GeocoderTimedOut):
        return "the geocoding service did not answer in time"
    if isinstance(exc, GeocoderRateLimited):
        return "the geocoding service is rate-limiting us (HTTP 429)"
    if isinstance(exc, GeocoderUnavailable):
        return "the geocoding service is not reachable (offline?)"
    if isinstance(exc, GeocoderServiceError):
        return f"the geocoding service failed: {exc}"
    return f"geocoder error: {exc}"
