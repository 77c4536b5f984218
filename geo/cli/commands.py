"""Command line: `python -m geo <command>` for the timeline, validation, checks and downloads.

Every command returns an exit code and prints clear messages; expected failures never print a
traceback. Exit codes: 0 fine, 1 a problem (bad data, a value a command refuses), 2 a command
line that does not parse. `report` answers 1 for any bad argument (see `geo.cli.report_command`).
"""

from __future__ import annotations

__all__ = ["main"]

import argparse
import functools
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from geo import paths
from geo.cli import CommandParser, HelpRequested, print_error
from geo.errors import KiAtlasError, UsageError
from geo.model.coverage import coverage_at
from geo.model.timeline import CentreState, Timeline
from geo.sources.centres import load_centres
from geo.sources.milestones import load_milestones
from geo.sources.population import load_population
from geo.sources.press_cli import run_parse_cli


def _parser() -> argparse.ArgumentParser:
    parser = CommandParser(prog="python -m geo", description=__doc__)
    parser.add_argument(
        "--centres", type=Path, default=paths.CENTRES_CSV, help="centres file (default: data/)"
    )
    commands = parser.add_subparsers(dest="command", required=True)

    timeline = commands.add_parser("timeline", help="counts and centres in each state at a date")
    timeline.add_argument("--at", required=True, metavar="YYYY-MM-DD")
    timeline.add_argument("--json", action="store_true", help="print JSON")
    timeline.add_argument(
        "--population", type=Path, default=paths.POPULATION_CSV, help="residents per Kreis"
    )

    validate = commands.add_parser("validate", help="check a centres file (exit 1 if invalid)")
    validate.add_argument("file", type=Path)

    check = commands.add_parser("check", help="compare the state's stated counts with the data")
    check.add_argument("--milestones", type=Path, default=paths.MILESTONES_CSV)
    check.add_argument("--json", action="store_true", help="print JSON")

    geocode = commands.add_parser("geocode", help="upgrade coordinates to addresses (online)")
    geocode.add_argument("--only", metavar="ID", help="only this centre id")
    geocode.add_argument("--cache", type=Path, default=paths.GEOCODE_CACHE_CSV)

    boundaries = commands.add_parser("boundaries", help="Kreis boundaries from BKG")
    boundaries.add_argument("action", choices=["fetch"])

    press = commands.add_parser("press", help="press-release listings")
    press.add_argument("action", choices=["parse"])
    press.add_argument("file", type=Path)
    press.add_argument("--json", action="store_true", help="print JSON")

    # Its own parser (geo.cli.report_command) reads the rest of the line; see
    # `python -m geo report --help`.
    commands.add_parser(
        "report", add_help=False, help="print-ready map (PNG/SVG/PDF), year panels or GIF"
    )
    return parser


def main(
    argv: Sequence[str] | None = None, *, out: TextIO = sys.stdout, err: TextIO = sys.stderr
) -> int:
    """Run one command; return its exit code: 0 fine (also after `--help`, printed on `out`),
    1 a problem, 2 a command line that does not parse (`report` parses its own: 1).

    A reader that closes `out` early (`python -m geo timeline ... | head -1`) ends the command
    quietly with 0, as for other Unix tools: it has all it asked for."""
    try:
        code = _run(argv, out, err)
        out.flush()  # inside the try: a closed pipe would otherwise fail at interpreter exit
    except BrokenPipeError:
        _discard(out)
        return 0
    return code


def _discard(out: TextIO) -> None:
    """Point the descriptor behind `out` at /dev/null, so that flushing what is still buffered
    (also when Python exits) cannot fail a second time."""
    try:
        fd = out.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not backed by a descriptor: nothing is flushed at exit
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def _run(argv: Sequence[str] | None, out: TextIO, err: TextIO) -> int:
    parser = _parser()
    try:
        args, rest = parser.parse_known_args(argv)
        if rest and args.command != "report":
            parser.error(f"unrecognized arguments: {' '.join(rest)}")
        args.rest = rest
    except HelpRequested as shown:
        print(shown.text, end="", file=out)
        return 0
    except UsageError as exc:
        print_error(exc, err)
        return 2
    try:
        return _COMMANDS[args.command](args, out, err)
    except KiAtlasError as exc:
        print_error(exc, err)
        return 1


def _timeline(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        day = date.fromisoformat(args.at)
    except ValueError:
        print(f"error: --at {args.at!r} is not a date (YYYY-MM-DD)", file=err)
        return 1
    timeline = Timeline(load_centres(args.centres))
    snapshot = timeline.snapshot(day)
    coverage = coverage_at(timeline, snapshot, load_population(args.population))
    result = {
        "date": day.isoformat(),
        "counts": snapshot.counts,
        "ids": {state.value: list(snapshot.ids(state)) for state in CentreState},
        "population_covered": coverage.covered,
        "population_share": round(coverage.share, 4),
        "population_band": {
            "covered": coverage.covered,
            "possible": coverage.possible,
            "share": round(coverage.share, 4),
            "share_high": round(coverage.share_high, 4),
        },
        "population_total": coverage.total,
        "population_reference_date": coverage.reference_date.isoformat(),
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2), file=out)
        return 0
    print(
        f"{day.isoformat()}: " + ", ".join(f"{k} {v}" for k, v in result["counts"].items()),
        file=out,
    )
    for state, ids in result["ids"].items():
        print(f"  {state} ({len(ids)}): {', '.join(ids) or '—'}", file=out)
    print(
        f"  population: {coverage.share:.1%} (up to {coverage.share_high:.1%}) of "
        f"{coverage.total:,} residents on {coverage.reference_date.isoformat()}",
        file=out,
    )
    return 0


def _validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    centres = load_centres(args.file, label=str(args.file))
    print(f"{args.file}: valid, {len(centres)} centres", file=out)
    return 0


def _check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    timeline = Timeline(load_centres(args.centres))
    checks = timeline.check(load_milestones(args.milestones))
    rows = [
        {
            "date": c.milestone.date.text,
            "stated": c.milestone.count,
            "measure": c.milestone.measure,
            "meaning": c.milestone.meaning,
            "open": c.open,
            "uncertain": c.uncertain,
            "approved": c.approved,
            "band": None if c.low is None else [c.low, c.high],
            "verdict": c.verdict,
            "reason": c.reason,
        }
        for c in checks
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2), file=out)
        return 0
    for row in rows:
        band = "—" if row["band"] is None else f"[{row['band'][0]}, {row['band'][1]}]"
        print(
            f"{row['date'] or '?':<10} {row['stated']!s:>4} {row['measure']:<8} band {band:<9} "
            f"{row['verdict']:<15} {row['meaning']}",
            file=out,
        )
    return 0


def _geocode(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from geo.ingest.geocode_cli import run_cli

    return run_cli(
        centres_path=args.centres, cache_path=args.cache, only=args.only, out=out, err=err
    )


def _boundaries(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from geo.sources.boundaries_cli import run_fetch_cli

    return run_fetch_cli(cache_dir=paths.CACHE_DIR, out=out, err=err)


def _press(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    return run_parse_cli(args.file, as_json=args.json, out=out, err=err)


def _report(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    # Imported here: only this command needs matplotlib.
    from geo.cli.report_command import load_report_data, run_report_cli

    load = functools.partial(load_report_data, centres_path=args.centres)
    return run_report_cli(args.rest, out=out, err=err, load=load)


_COMMANDS = {
    "timeline": _timeline,
    "validate": _validate,
    "check": _check,
    "geocode": _geocode,
    "boundaries": _boundaries,
    "press": _press,
    "report": _report,
}
