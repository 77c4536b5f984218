"""`python -m geo report`: its own command line, which writes a print-ready map, small multiples
or a GIF to a file. Any bad argument gives exit code 1 and one `error:` line, before anything is
loaded or drawn; the file is written atomically or not at all.
"""

from __future__ import annotations

__all__ = ["BOUNDARY_SOURCES", "FIRST_YEAR", "LAST_YEAR", "load_report_data", "run_report_cli"]

import argparse
import os
import re
import stat
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from geo import paths
from geo.cli import CommandParser, HelpRequested, print_error
from geo.errors import KiAtlasError, UsageError
from geo.i18n import LANGUAGES
from geo.model.timeline import Timeline
from geo.outputs.animation import render_animation
from geo.outputs.map_figure import render_map
from geo.outputs.page_format import FORMATS, FRAME_MS_RANGE, GIF_DPI_RANGE, MAP_DPI_RANGE
from geo.outputs.small_multiples import render_small_multiples
from geo.sources.atomic import write_bytes_atomic
from geo.sources.boundaries import Boundaries, load_boundaries
from geo.sources.centres import load_centres

FIRST_YEAR, LAST_YEAR = 2012, 2030
# What the warning calls each boundary source that replaced an unusable configured file.
BOUNDARY_SOURCES = {
    "cache": "the downloaded VG250 boundaries",
    "bkg": "the downloaded VG250 boundaries",
    "bundled": "the committed VG5000 boundaries",
    "outline": "the state outline only",
}


def load_report_data(
    *,
    centres_path: Path = paths.CENTRES_CSV,
    env: Mapping[str, str] | None = None,
    cache_dir: Path = paths.CACHE_DIR,
    outline_path: Path = paths.OUTLINE_GEOJSON,
    bundled_path: Path = paths.BOUNDARIES_GEOJSON,
) -> tuple[Timeline, Boundaries]:
    """The timeline of the centres file and the boundaries the dashboard would show."""
    timeline = Timeline(load_centres(centres_path))
    boundaries = load_boundaries(
        env=os.environ if env is None else env,
        cache_dir=cache_dir,
        outline_path=outline_path,
        bundled_path=bundled_path,
    )
    return timeline, boundaries


def _parser() -> CommandParser:
    parser = CommandParser(
        prog="python -m geo report",
        description="Write a print-ready map (PNG/SVG/PDF), small multiples or a GIF animation.",
    )
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--date", metavar="YYYY-MM-DD", help="one map at this date")
    what.add_argument(
        "--years", metavar="FIRST-LAST", help="one panel per year end, e.g. 2012-2018"
    )
    what.add_argument("--animate", action="store_true", help="a GIF with one frame per month")
    parser.add_argument("--out", required=True, type=Path, metavar="FILE", help="file to write")
    parser.add_argument("--lang", choices=LANGUAGES, default="de")
    parser.add_argument(
        "--frame-ms",
        type=int,
        metavar="N",
        help=f"GIF frame duration in ms, {_span(FRAME_MS_RANGE)} (500)",
    )
    parser.add_argument(
        "--dpi",
        type=int,
        metavar="N",
        help=f"resolution, {_span(MAP_DPI_RANGE)} (300); GIF {_span(GIF_DPI_RANGE)} (100)",
    )
    return parser


_YEARS = re.compile(r"^(\d{4})(?:-(\d{4}))?$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _parse_years(text: str) -> range:
    match = _YEARS.match(text.strip())
    if not match:
        raise UsageError(f"--years {text!r} is not a year range like 2012-2018")
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if first > last:
        raise UsageError(f"--years {text!r} is reversed (first year after last)")
    if first < FIRST_YEAR or last > LAST_YEAR:
        raise UsageError(f"--years {text!r} is outside {FIRST_YEAR}-{LAST_YEAR}")
    return range(first, last + 1)


def _check_out(path: Path, allowed: Sequence[str]) -> str:
    """The format named by the extension; the target must be new or a regular file (not a
    symbolic link, which could lead anywhere) in an existing, writable directory (nothing is
    created on the way)."""
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in allowed:
        raise UsageError(
            f"--out {str(path)!r}: unknown extension (use {', '.join('.' + a for a in allowed)})"
        )
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise UsageError(f"--out {str(path)!r}: {exc.strerror or exc}") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise UsageError(f"--out {str(path)!r} is a directory")
    if mode is not None and stat.S_ISLNK(mode):
        raise UsageError(f"--out {str(path)!r} is a symbolic link (left alone): name a file")
    if mode is not None and not stat.S_ISREG(mode):
        raise UsageError(f"--out {str(path)!r} is not a regular file (left alone): name a file")
    parent = path.parent
    if not parent.is_dir():
        raise UsageError(f"--out {str(path)!r}: directory {str(parent)!r} does not exist")
    if not os.access(parent, os.W_OK):
        raise UsageError(f"--out {str(path)!r}: directory {str(parent)!r} is not writable")
    return fmt


def run_report_cli(
    argv: Sequence[str],
    *,
    out: TextIO,
    err: TextIO,
    load: Callable[[], tuple[Timeline, Boundaries]] = load_report_data,
) -> int:
    """`python -m geo report`: write a map, small multiples or a GIF; 0 on success (or after
    `--help`, printed on `out`), else 1.

    Every expected problem goes to `err` through `geo.cli.print_error`: a bad argument or an
    unwritable target as one `error:` line, bad data as one line per problem. Even a line
    argparse refuses gives 1 here (`geo.cli.commands.main` answers those with 2), as the report
    issue asks. Nothing is loaded before the arguments pass; no file is written or left
    half-written.
    """
    try:
        args = _parser().parse_args(list(argv))
        job = _job(args)
        timeline, boundaries = load()
        if boundaries.error:
            print(
                f"warning: {boundaries.error}; drawing {BOUNDARY_SOURCES[boundaries.source]}",
                file=err,
            )
        data = job(timeline, boundaries, err)
        write_bytes_atomic(args.out, data)
    except HelpRequested as shown:
        print(shown.text, end="", file=out)
        return 0
    except KiAtlasError as exc:  # a UsageError from the arguments, or bad data
        print_error(exc, err)
        return 1
    except OSError as exc:
        print(f"error: cannot write {args.out}: {exc.strerror or exc}", file=err)
        return 1
    print(f"Wrote {args.out} ({len(data) / 1000:.0f} KB)", file=out)
    return 0


def _within(value: int, bounds: tuple[int, int]) -> bool:
    return bounds[0] <= value <= bounds[1]


def _span(bounds: tuple[int, int]) -> str:
    return f"{bounds[0]}..{bounds[1]}"


def _job(args: argparse.Namespace) -> Callable[[Timeline, Boundaries, TextIO], bytes]:
    """Check the arguments; return what renders the bytes."""
    if args.frame_ms is not None and not args.animate:
        raise UsageError("--frame-ms only applies to --animate")
    if args.frame_ms is not None and not _within(args.frame_ms, FRAME_MS_RANGE):
        low, high = FRAME_MS_RANGE
        raise UsageError(f"--frame-ms must be between {low} and {high} ms, not {args.frame_ms}")
    dpi_range = GIF_DPI_RANGE if args.animate else MAP_DPI_RANGE
    if args.dpi is not None and not _within(args.dpi, dpi_range):
        low, high = dpi_range
        what = "a GIF" if args.animate else "a map"
        raise UsageError(f"--dpi for {what} must be between {low} and {high}, not {args.dpi}")
    lang = args.lang
    if args.animate:
        _check_out(args.out, ("gif",))
        frame_ms = args.frame_ms or 500
        dpi = args.dpi or 100

        def animate(timeline: Timeline, boundaries: Boundaries, err: TextIO) -> bytes:
            from tqdm import tqdm

            with tqdm(total=None, file=err, unit="frame", disable=None, leave=False) as bar:

                def progress(done: int, total: int) -> None:
                    bar.total = total
                    bar.update(1)

                return render_animation(
                    timeline, boundaries, lang=lang, frame_ms=frame_ms, progress=progress, dpi=dpi
                )

        return animate
    fmt = _check_out(args.out, FORMATS)
    dpi = args.dpi or 300
    if args.years is not None:
        years = _parse_years(args.years)
        return lambda timeline, boundaries, _err: render_small_multiples(
            timeline, boundaries, years, lang=lang, fmt=fmt, dpi=dpi
        )
    try:
        if not _DAY.match(args.date):
            raise ValueError(args.date)
        day = date.fromisoformat(args.date)
    except ValueError:
        raise UsageError(f"--date {args.date!r} is not a date (YYYY-MM-DD)") from None
    return lambda timeline, boundaries, _err: render_map(
        timeline, boundaries, day, lang=lang, fmt=fmt, dpi=dpi
    )
