"""`python -m geo geocode [--only ID]`: geocode the centres file in place, with a progress bar
and a summary, and an exit code instead of a traceback."""

from __future__ import annotations

__all__ = ["run_cli"]

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from geopy.exc import GeopyError

from geo.errors import DataFileError, KiAtlasError
from geo.ingest.centre_geocoding import GeocodeReport, Outcome, geocode_centres, utc_now
from geo.ingest.geocode_cache import GeocodeCache
from geo.ingest.nominatim import GeocodeFn, make_nominatim_geocode
from geo.sources.centres import load_centres, write_centres


def run_cli(
    *,
    centres_path: Path,
    cache_path: Path,
    only: str | None,
    geocode: GeocodeFn | None = None,
    out: TextIO,
    err: TextIO,
    now: Callable[[], datetime] = utc_now,
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
