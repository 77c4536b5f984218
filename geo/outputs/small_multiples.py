"""Small multiples: one small map per year end (31 December) on one A4 landscape page, with the
open and uncertain counts under each panel, one shared legend (with the line that explains a
highlight), title and attribution.
"""

from __future__ import annotations

__all__ = ["render_small_multiples"]

from collections.abc import Iterable
from datetime import date

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from geo.i18n import check_lang, t
from geo.model.timeline import CentreState, Timeline
from geo.outputs.map_artists import MapArtists
from geo.outputs.map_captions import (
    add_legends,
    attribution,
    caption_highlight,
    draw_attribution,
    highlight_text,
)
from geo.outputs.map_layout import small_multiples_layout
from geo.outputs.page_format import A4, check_format, figure_bytes, page_size
from geo.outputs.print_style import TEXT
from geo.sources.boundaries import Boundaries
from geo.sources.fuzzydate import day_words
from geo.views.map_caption import map_caption


def render_small_multiples(
    timeline: Timeline,
    boundaries: Boundaries,
    years: Iterable[int] = range(2012, 2019),
    *,
    lang: str = "de",
    fmt: str = "png",
    dpi: float = 300,
    title: str | None = None,
    sites_credit: str | None = None,
    highlight: frozenset[str] | None = None,
    highlight_reason: str = "",
) -> bytes:
    """One small map per year end (31 December) on one A4 landscape page, with the number of
    open (and uncertain) centres under each, one shared legend, title and attribution; with
    `highlight`, the other centres are pale and the legend's line names `highlight_reason`
    (counting the highlighted centres of the last panel).

    Panel positions follow `small_multiples_layout(len(years))`. A PNG page of more than
    `MAX_PAGE_PIXELS` is refused with a `UsageError`.
    """
    check_format(fmt, dpi)
    check_lang(lang)
    years = list(years)
    panels, legend_corner = small_multiples_layout(len(years))
    page = page_size(A4[0], fmt, dpi)
    scale = page[0] / A4[0]
    fig = Figure(figsize=page, facecolor="white")
    FigureCanvasAgg(fig)
    fig.text(
        0.03,
        0.965,
        title or t("report_title", lang),
        fontsize=18 * scale,
        fontweight="bold",
        va="top",
        color=TEXT,
        parse_math=False,
    )
    fig.text(
        0.03,
        0.915,
        t("report_multiples_subtitle", lang, first=years[0], last=years[-1]),
        fontsize=12 * scale,
        va="top",
        color=TEXT,
        parse_math=False,
    )
    for year, layout in zip(years, panels, strict=True):
        day = date(year, 12, 31)
        snapshot = timeline.snapshot(day)
        artists = MapArtists(fig, layout, timeline, boundaries, scale * 0.45, highlight=highlight)
        artists.show(snapshot)
        artists.ax.set_label(f"panel {year}")
        left, bottom, width, height = layout.rect
        fig.text(
            left + width / 2,
            bottom + height + 0.006,
            day_words(day, lang),
            ha="center",
            va="bottom",
            fontsize=11 * scale,
            fontweight="bold",
            color=TEXT,
            parse_math=False,
        )
        fig.text(
            left + width / 2,
            bottom - 0.006,
            t(
                "report_panel_counts",
                lang,
                open=snapshot.count(CentreState.OPEN),
                uncertain=snapshot.count(CentreState.UNCERTAIN),
            ),
            ha="center",
            va="top",
            fontsize=9.5 * scale,
            color=TEXT,
            parse_math=False,
        )
    end = add_legends(fig, lang, scale * 0.8, boundaries.has_kreise, legend_corner)
    if highlight is not None:
        caption = map_caption(
            timeline,
            boundaries,
            date(years[-1], 12, 31),
            lang=lang,
            highlight=highlight,
            highlight_reason=highlight_reason,
        )
        line = highlight_text(fig, (legend_corner[0], end), scale * 0.8)
        line.set_text(caption_highlight(caption))
    draw_attribution(fig, (0.03, 0.02), scale, attribution(boundaries, lang, sites_credit))
    return figure_bytes(fig, fmt, dpi)
