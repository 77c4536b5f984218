"""The map at one day on an A4 landscape page (PNG/SVG/PDF): title, date, the map, counts, legend,
the line that explains a highlight, and attribution, all worded by `geo.views.map_caption` as on
the web map. The same page, redrawn per month, makes the frames of the GIF animation.

Everything is drawn on a private matplotlib `Figure` with the Agg canvas (no pyplot, no shared
figure state), so the dashboard can render from several threads.
"""

from __future__ import annotations

__all__ = ["MapPage", "render_map"]

from datetime import date
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from geo.i18n import check_lang
from geo.model.timeline import Timeline
from geo.outputs.map_artists import MapArtists
from geo.outputs.map_captions import (
    add_legends,
    caption_highlight,
    draw_attribution,
    highlight_text,
)
from geo.outputs.map_layout import MAP_LAYOUT
from geo.outputs.page_format import A4, check_format, figure_bytes, page_size
from geo.outputs.print_style import TEXT
from geo.sources.boundaries import Boundaries
from geo.views.map_caption import MapCaption, map_caption, map_title, plain_attribution


class MapPage:
    """The single-map page: title, date, map, counts, legend (with the highlight's line) and
    attribution; `highlight` dims all other centres, `highlight_reason` says why."""

    def __init__(
        self,
        timeline: Timeline,
        boundaries: Boundaries,
        *,
        lang: str,
        page: tuple[float, float],
        title: str | None = None,
        sites_credit: str | None = None,
        highlight: frozenset[str] | None = None,
        highlight_reason: str = "",
    ) -> None:
        self.timeline = timeline
        self.boundaries = boundaries
        self.lang = lang
        self.title = title
        self.sites_credit = sites_credit
        self.highlight = highlight
        self.highlight_reason = highlight_reason
        scale = page[0] / A4[0]
        self.fig = Figure(figsize=page, facecolor="white")
        FigureCanvasAgg(self.fig)
        self.map = MapArtists(
            self.fig, MAP_LAYOUT, timeline, boundaries, scale, highlight=highlight
        )
        left = MAP_LAYOUT.rect[0]
        column = MAP_LAYOUT.rect[0] + MAP_LAYOUT.rect[2] + 0.03
        fig = self.fig
        fig.text(
            left,
            0.955,
            map_title(title, lang),
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
        end = add_legends(fig, lang, scale, boundaries.has_kreise, (column, 0.62))
        self.highlight_text = highlight_text(fig, (column, end), scale)
        draw_attribution(
            fig, (left, 0.025), scale, plain_attribution(boundaries, lang, sites_credit)
        )

    def caption(self, day: date) -> MapCaption:
        """The words of the page at `day`."""
        return map_caption(
            self.timeline,
            self.boundaries,
            day,
            lang=self.lang,
            title=self.title,
            highlight=self.highlight,
            highlight_reason=self.highlight_reason,
            sites_credit=self.sites_credit,
        )

    @property
    def dynamic(self) -> list[Any]:
        """The artists `show` changes (with what lies on them), in drawing order."""
        return [*self.map.dynamic, self.date_text, self.count_text, self.highlight_text]

    def show(self, day: date) -> None:
        """Draw the state at `day`."""
        caption = self.caption(day)
        self.map.show(self.timeline.snapshot(day))
        self.date_text.set_text(caption.date_line)
        self.count_text.set_text(caption.count_lines)
        self.highlight_text.set_text(caption_highlight(caption))


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
    highlight: frozenset[str] | None = None,
    highlight_reason: str = "",
) -> bytes:
    """The state at `day` as an A4 landscape map in `fmt` ("png", "svg" or "pdf").

    Kreise are filled by their most advanced centre, centres drawn as on the dashboard; the
    page carries title (the KI title unless `title` is given), date in words, counts, legend and
    attribution; with `highlight` (centre ids), the legend carries the line that explains it,
    naming `highlight_reason` (e.g. `geo.views.map_caption.years_reason`). Map pixels follow
    `MAP_LAYOUT.pixel_of`. SVG and PDF bytes are the same for the same input. A PNG page of
    more than `MAX_PAGE_PIXELS` is refused with a `UsageError`.
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
        highlight=highlight,
        highlight_reason=highlight_reason,
    )
    page.show(day)
    return figure_bytes(page.fig, fmt, dpi)
