"""The map at one day on an A4 landscape page (PNG/SVG/PDF): title, date, the map, counts, legend
and attribution. The same page, redrawn per month, makes the frames of the GIF animation.

Everything is drawn on a private matplotlib `Figure` with the Agg canvas (no pyplot, no shared
figure state), so the dashboard can render from several threads.
"""

from __future__ import annotations

__all__ = ["MapPage", "render_map"]

from datetime import date
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from geo.i18n import t
from geo.model.timeline import Timeline
from geo.outputs.map_artists import MapArtists
from geo.outputs.map_captions import (
    add_legends,
    attribution,
    count_lines,
    day_words,
    draw_attribution,
)
from geo.outputs.map_layout import MAP_LAYOUT
from geo.outputs.page_format import A4, check_format, check_lang, figure_bytes, page_size
from geo.outputs.print_style import TEXT
from geo.sources.boundaries import Boundaries


class MapPage:
    """The single-map page: title, date, map, counts, legend and attribution."""

    def __init__(
        self,
        timeline: Timeline,
        boundaries: Boundaries,
        *,
        lang: str,
        page: tuple[float, float],
        title: str | None = None,
        sites_credit: str | None = None,
    ) -> None:
        self.timeline = timeline
        self.lang = lang
        scale = page[0] / A4[0]
        self.fig = Figure(figsize=page, facecolor="white")
        FigureCanvasAgg(self.fig)
        self.map = MapArtists(self.fig, MAP_LAYOUT, timeline, boundaries, scale)
        left = MAP_LAYOUT.rect[0]
        column = MAP_LAYOUT.rect[0] + MAP_LAYOUT.rect[2] + 0.03
        fig = self.fig
        fig.text(
            left,
            0.955,
            title or t("report_title", lang),
            fontsize=20 * scale,
            fontweight="bold",
            va="top",
            color=TEXT,
            parse_math=False,
        )
        self.date_text = fig.text(
            left, 0.895, "", fontsize=15 * scale, va="top", color=TEXT, parse_math=False
        )
        self.count_text = fig.text(
            column,
            0.80,
            "",
            fontsize=13 * scale,
            va="top",
            linespacing=1.6,
            color=TEXT,
            parse_math=False,
        )
        add_legends(fig, lang, scale, boundaries.has_kreise, (column, 0.62))
        draw_attribution(fig, (left, 0.025), scale, attribution(boundaries, lang, sites_credit))

    @property
    def dynamic(self) -> list[Any]:
        """The artists `show` changes (with what lies on them), in drawing order."""
        return [*self.map.dynamic, self.date_text, self.count_text]

    def show(self, day: date) -> None:
        """Draw the state at `day`."""
        snapshot = self.timeline.snapshot(day)
        self.map.show(snapshot)
        self.date_text.set_text(t("shown_date", self.lang, date=day_words(day, self.lang)))
        self.count_text.set_text(count_lines(snapshot, self.lang))


def render_map(
    timeline: Timeline,
    boundaries: Boundaries,
    day: date,
    *,
    lang: str = "de",
    fmt: str = "png",
    dpi: float = 300,
    title: str | None = None,
    sites_credit: str | None = None,
) -> bytes:
    """The state at `day` as an A4 landscape map in `fmt` ("png", "svg" or "pdf").

    Kreise are filled by their most advanced centre, centres drawn as on the dashboard; the
    page carries title (the KI title unless `title` is given), date in words, counts, legend and
    attribution. Map pixels follow `MAP_LAYOUT.pixel_of`. SVG and PDF bytes are the same for
    the same input. A PNG page of more than `MAX_PAGE_PIXELS` is refused with a `UsageError`.
    """
    check_format(fmt, dpi)
    check_lang(lang)
    page = MapPage(
        timeline,
        boundaries,
        lang=lang,
        page=page_size(A4[0], fmt, dpi),
        title=title,
        sites_credit=sites_credit,
    )
    page.show(day)
    return figure_bytes(page.fig, fmt, dpi)
