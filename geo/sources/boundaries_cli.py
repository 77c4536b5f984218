"""The `python -m geo boundaries fetch` command: download and cache the BKG Kreise, report them."""

from __future__ import annotations

__all__ = ["run_fetch_cli"]

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TextIO

from geo.errors import BoundaryError
from geo.sources.bkg_download import Fetch, fetch_bkg_boundaries, urllib_fetch
from geo.sources.boundaries import load_layers_file


def run_fetch_cli(
    *,
    cache_dir: Path,
    fetch: Fetch | None = None,
    out: TextIO,
    err: TextIO,
    year: int | None = None,
    today: Callable[[], date] = date.today,
) -> int:
    """`python -m geo boundaries fetch`: download and cache the BKG Kreise; 0 on success, else 1."""
    stamp = year if year is not None else today().year
    print("Downloading Kreis boundaries from BKG (all of Germany, may take a minute) ...", file=out)
    try:
        path = fetch_bkg_boundaries(fetch=fetch or urllib_fetch, cache_dir=cache_dir, year=stamp)
        loaded = load_layers_file(path, source="bkg", label=str(path))
    except BoundaryError as exc:
        print(f"error: {exc}", file=err)
        print("The existing cache (if any) was left unchanged.", file=err)
        return 1
    size_kb = path.stat().st_size / 1000
    count = len(loaded.kreise["features"])
    print(f"Wrote {count} Kreise ({size_kb:.0f} KB) to {path}", file=out)
    print(f"Attribution shown on the map: {loaded.attribution}", file=out)
    return 0
