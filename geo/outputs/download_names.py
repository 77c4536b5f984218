"""The download names of every output file: "ki-atlas-nrw_" plus what the file shows, e.g.
"ki-atlas-nrw_2016-07-01.png" for a printed map or "ki-atlas-nrw_zentren_2016-07-01.csv".
"""

from __future__ import annotations

__all__ = ["FILENAME_PREFIX", "export_filename", "report_filename"]

import re
from collections.abc import Sequence
from datetime import date

from geo.outputs.page_format import FORMATS

FILENAME_PREFIX = "ki-atlas-nrw"
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_EXT = re.compile(r"^[a-z0-9]+$")


def report_filename(
    kind: str, day: date | None, fmt: str, *, years: Sequence[int] | None = None
) -> str:
    """A download name: "ki-atlas-nrw_2016-07-01.png" (map), "ki-atlas-nrw_2012-2018.pdf"
    (years; "..._years.pdf" without `years`), "ki-atlas-nrw_animation.gif" (animation)."""
    if kind == "map":
        if day is None:
            raise ValueError("a map file name needs its date")
        stem = day.isoformat()
    elif kind == "years":
        stem = f"{min(years)}-{max(years)}" if years else "years"
    elif kind == "animation":
        stem = "animation"
    else:
        raise ValueError(f"unknown kind {kind!r} (map, years, animation)")
    allowed = ("gif",) if kind == "animation" else FORMATS
    if fmt not in allowed:
        raise ValueError(f"a {kind} is written as {', '.join(allowed)}, not {fmt!r}")
    return f"{FILENAME_PREFIX}_{stem}.{fmt}"


def export_filename(kind: str, day: date, ext: str) -> str:
    """A download name like `ki-atlas-nrw_zentren_2016-07-01.csv` (kind: lower-case slug)."""
    if not _SLUG.match(kind):
        raise ValueError(f"export kind must be a lower-case slug, not {kind!r}")
    if not _EXT.match(ext):
        raise ValueError(f"file extension must be lower-case letters or digits, not {ext!r}")
    return f"{FILENAME_PREFIX}_{kind}_{day.isoformat()}.{ext}"
