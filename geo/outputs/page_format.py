"""The page a report is drawn on and its limits: A4 in inches, the file formats, the resolutions,
frame durations and pixel budgets checked before drawing, and saving a figure as stable bytes.

Every renderer and the `report` command line check against these same numbers.
"""

from __future__ import annotations

__all__ = [
    "A4",
    "FORMATS",
    "FRAME_MS_RANGE",
    "GIF_DPI_RANGE",
    "MAP_DPI_RANGE",
    "MAX_GIF_PIXELS",
    "MAX_PAGE_PIXELS",
    "check_format",
    "check_pixels",
    "figure_bytes",
    "page_size",
]

import io
import threading
from collections.abc import Mapping
from typing import Any

import matplotlib
from matplotlib.figure import Figure

from geo.errors import UsageError

FORMATS = ("png", "svg", "pdf")
# A4 landscape in inches; raster pages get half a pixel more so 300 dpi gives 3508 x 2480 px.
A4 = (297 / 25.4, 210 / 25.4)
# GIF frame durations: browsers stretch frames under 20 ms to 100 ms, and the format stores at
# most 655.35 s (16 bits of 10 ms); a minute per month is already far too slow to watch.
FRAME_MS_RANGE = (20, 60_000)
# Resolutions the command line accepts: an A4 page at 600 dpi (35 million pixels) or GIF frames
# 2000 px wide at 200 dpi keep the drawing within a few hundred MB.
MAP_DPI_RANGE = (10, 600)
GIF_DPI_RANGE = (10, 200)
# Pixel budgets, checked before anything is drawn: one raster page, and all frames of a GIF
# (each frame is kept until the file is written): 300 million fit the 71 months of the data at
# 200 dpi, or the 30 years an upload may span (362 months) at the dashboard's 100 dpi.
MAX_PAGE_PIXELS = 36_000_000
MAX_GIF_PIXELS = 300_000_000
# SVG ids from a fixed salt and no dates in SVG/PDF, so the same input gives the same bytes;
# SVG text stays text (editable), PDF embeds TrueType fonts.
_SAVE_RC = {"svg.hashsalt": "ki-atlas-nrw", "svg.fonttype": "none", "pdf.fonttype": 42}
_RC_LOCK = threading.Lock()
_METADATA: Mapping[str, dict[str, Any]] = {
    "png": {},
    "svg": {"Date": None},
    "pdf": {"CreationDate": None},
}


def page_size(width_in: float, fmt: str, dpi: float) -> tuple[float, float]:
    """The page in inches; raster pages are rounded up to whole pixels (3508 x 2480 at 300)."""
    height_in = width_in * A4[1] / A4[0]
    if fmt in ("svg", "pdf"):
        return width_in, height_in
    return (round(width_in * dpi) + 0.5) / dpi, (round(height_in * dpi) + 0.5) / dpi


def check_format(fmt: str, dpi: float) -> None:
    """Refuse an unknown format, a dpi that is not positive, or a PNG page over its budget."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if not dpi > 0:
        raise ValueError(f"dpi must be positive, not {dpi!r}")
    if fmt == "png":
        check_pixels(page_size(A4[0], fmt, dpi), dpi, 1, MAX_PAGE_PIXELS)


def check_pixels(page: tuple[float, float], dpi: float, frames: int, limit: int) -> None:
    """Refuse, before drawing, a raster output of more than `limit` pixels in all: the memory
    for drawing (and for a GIF's frames) grows with it."""
    width, height = int(page[0] * dpi), int(page[1] * dpi)  # as Agg sizes its canvas
    if width * height * frames > limit:
        what = (
            f"{frames} frames of {width} x {height} px" if frames > 1 else f"{width} x {height} px"
        )
        raise UsageError(
            f"{what} at {dpi:g} dpi is more than the limit of {limit / 1e6:g} million pixels; "
            "use a lower dpi"
        )


def figure_bytes(fig: Figure, fmt: str, dpi: float) -> bytes:
    """`fig` saved as `fmt` on a white page; SVG and PDF carry no date."""
    buffer = io.BytesIO()
    if fmt == "png":
        fig.savefig(buffer, format=fmt, dpi=dpi, metadata=_METADATA[fmt], facecolor="white")
        return buffer.getvalue()
    # The SVG/PDF settings exist only as global rcParams: one vector save at a time.
    with _RC_LOCK, matplotlib.rc_context(_SAVE_RC):
        fig.savefig(buffer, format=fmt, dpi=dpi, metadata=_METADATA[fmt], facecolor="white")
    return buffer.getvalue()
