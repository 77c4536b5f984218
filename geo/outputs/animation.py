"""The GIF animation: one frame per month of the map page, drawn by restoring the static parts
(title, legend, attribution) and redrawing only what changes, all frames on one shared palette.
"""

from __future__ import annotations

__all__ = ["GIF_COLOURS", "GIF_WIDTH_INCHES", "render_animation"]

import io
from collections.abc import Callable, Sequence
from datetime import date

from matplotlib.colors import to_rgba
from PIL import Image

from geo.i18n import check_lang
from geo.model.timeline import Timeline
from geo.outputs.map_figure import MapPage
from geo.outputs.page_format import (
    FRAME_MS_RANGE,
    MAX_GIF_PIXELS,
    check_pixels,
    page_size,
)
from geo.outputs.print_style import BEZIRK_EDGE, KREIS_EDGE, LAND_EDGE, MUTED, TEXT, dimmed
from geo.sources.boundaries import Boundaries
from geo.views.dataset import Dataset
from geo.views.mapstyles import KREIS_FILLS, MARKER_STYLES

# GIF frames are drawn on a smaller page of the same shape: 1000 px wide at 100 dpi.
GIF_WIDTH_INCHES = 10.0
GIF_COLOURS = 64


def render_animation(
    timeline: Timeline,
    boundaries: Boundaries,
    *,
    lang: str = "de",
    frame_ms: int = 500,
    last_frame_ms: int = 3000,
    days: Sequence[date] | None = None,
    progress: Callable[[int, int], None] | None = None,
    dpi: float = 100,
    title: str | None = None,
    sites_credit: str | None = None,
    highlight: frozenset[str] | None = None,
    highlight_reason: str = "",
) -> bytes:
    """A looping GIF, one frame per day of `days` (title, date, counts, legend in every frame);
    with `highlight`, the other centres are pale and the legend's line names `highlight_reason`.

    `days` defaults to `Dataset(timeline).shown_days`: the last day of every month from the
    first event's to the one after the last event, as the dashboard's slider shows them. The
    last frame is held `last_frame_ms`; both durations lie in
    `FRAME_MS_RANGE`. `progress(done, total)` is called after each frame. Frames are
    `GIF_WIDTH_INCHES * dpi` pixels wide and share one palette; all of them together may have
    at most `MAX_GIF_PIXELS` (a `UsageError` before anything is drawn).
    """
    check_lang(lang)
    low, high = FRAME_MS_RANGE
    if not (low <= frame_ms <= high and low <= last_frame_ms <= high):
        raise ValueError(f"frame durations must be between {low} and {high} ms")
    if not dpi > 0:
        raise ValueError(f"dpi must be positive, not {dpi!r}")
    days = list(days) if days is not None else Dataset(timeline).shown_days
    if not days:
        raise ValueError("no days to animate")
    size = page_size(GIF_WIDTH_INCHES, "gif", dpi)
    check_pixels(size, dpi, len(days), MAX_GIF_PIXELS)
    page = MapPage(
        timeline,
        boundaries,
        lang=lang,
        page=size,
        title=title,
        sites_credit=sites_credit,
        highlight=highlight,
        highlight_reason=highlight_reason,
    )
    page.fig.set_dpi(dpi)

    # Draw the static parts (title, legend, attribution) once; each frame starts from them.
    fig, canvas = page.fig, page.fig.canvas
    for artist in page.dynamic:
        artist.set_visible(False)
    canvas.draw()
    background = canvas.copy_from_bbox(fig.bbox)
    for artist in page.dynamic:
        artist.set_visible(True)

    def frame(day: date) -> Image.Image:
        page.show(day)
        canvas.restore_region(background)
        for artist in page.dynamic:
            fig.draw_artist(artist)
        # The RGBA buffer read as is (no copy through numpy), then its alpha dropped.
        rgba = Image.frombuffer("RGBA", pixels, canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        return rgba.convert("RGB")

    pixels = canvas.get_width_height()
    samples = [frame(days[i]) for i in sorted({0, len(days) // 2, len(days) - 1})]
    palette = _gif_palette(samples, dimmed_too=highlight is not None)
    frames: list[Image.Image] = []
    for done, day in enumerate(days, start=1):
        frames.append(frame(day).quantize(palette=palette, dither=Image.Dither.NONE))
        if progress is not None:
            progress(done, len(days))
    durations = [frame_ms] * (len(frames) - 1) + [last_frame_ms]
    buffer = io.BytesIO()
    frames[0].save(
        buffer,
        format="GIF",
        save_all=True,
        append_images=frames[1:],
        duration=durations,
        loop=0,
        disposal=1,
    )
    return buffer.getvalue()


def _over_white(colour: str) -> tuple[float, float, float]:
    """A dimmed `colour` as it shows on the white page."""
    *rgb, alpha = dimmed(colour)
    return tuple(alpha * v + (1 - alpha) for v in rgb)


def _gif_palette(samples: Sequence[Image.Image], *, dimmed_too: bool = False) -> Image.Image:
    """One palette for every frame: the drawing's own colours exactly (flat areas keep their
    colour; `dimmed_too` adds the pale Kreis fills of a highlight), the rest adapted to sample
    frames (the first, middle and last month)."""
    exact: list[tuple[int, int, int]] = []
    named = [
        "#ffffff",
        TEXT,
        MUTED,
        KREIS_EDGE,
        BEZIRK_EDGE,
        LAND_EDGE,
        *KREIS_FILLS.values(),
        *(str(style[key]) for style in MARKER_STYLES.values() for key in ("color", "fill_color")),
    ]
    colours = [to_rgba(colour)[:3] for colour in named]
    if dimmed_too:
        colours += [_over_white(fill) for fill in KREIS_FILLS.values()]
    for colour in colours:
        rgb = tuple(round(255 * v) for v in colour)
        if rgb not in exact:
            exact.append(rgb)
    width, height = samples[0].size
    sheet = Image.new("RGB", (width, height * len(samples)))
    for index, sample in enumerate(samples):
        sheet.paste(sample, (0, index * height))
    adaptive = GIF_COLOURS - len(exact)
    rest = sheet.quantize(adaptive, method=Image.Quantize.MAXCOVERAGE).getpalette() or []
    palette = Image.new("P", (1, 1))
    palette.putpalette([v for rgb in exact for v in rgb] + rest[: 3 * adaptive])
    return palette
