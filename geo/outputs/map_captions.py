"""The words around a printed map: the legends of centre markers and Kreis fills, the credit line
for boundaries and sites and the counts per state, drawn from the same
entries and texts as the web map's caption (`geo.views.map_caption`).
"""

from __future__ import annotations

__all__ = [
    "add_legends",
    "attribution",
    "caption_highlight",
    "draw_attribution",
    "highlight_text",
]

import textwrap

from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.text import Text
from matplotlib.transforms import IdentityTransform

from geo.i18n import t
from geo.model.timeline import CentreState
from geo.outputs.print_style import CIRCLE, HATCH, HATCH_COLOUR, KREIS_EDGE, MUTED, TEXT, marker
from geo.sources.boundaries import Boundaries
from geo.views.map_caption import MapCaption, centre_entries, kreis_entries, plain_attribution
from geo.views.mapstyles import KREIS_FILLS

# The printed highlight line wraps at this many characters (the width of the legend column).
HIGHLIGHT_WRAP = 44


def _legend_handles(lang: str, scale: float, with_kreise: bool) -> list[tuple[str, list, list]]:
    """(title, handles, labels) for the centre markers and, with Kreise, their fills."""
    handles = []
    for state, _ in centre_entries(lang):
        m = marker(state, scale)
        handles.append(
            PathCollection(
                [CIRCLE],
                sizes=[m["size"]],
                transform=IdentityTransform(),
                facecolors=[m["face"]],
                edgecolors=[m["edge"]],
                linewidths=[m["lw"]],
                linestyles=[m["ls"]],
            )
        )
    sections = [(t("legend_centres", lang), handles, [label for _, label in centre_entries(lang)])]
    if with_kreise:
        fills = []
        for state, label in kreis_entries(lang):
            patch = Patch(
                facecolor=KREIS_FILLS[state],
                edgecolor=KREIS_EDGE,
                hatch=HATCH if state is CentreState.UNCERTAIN else None,
                hatchcolor=HATCH_COLOUR,
                linewidth=0.6 * scale,
            )
            patch.set_hatch_linewidth(0.8 * scale)
            fills.append((patch, label))
        sections.append((t("legend_kreise", lang), [h for h, _ in fills], [x for _, x in fills]))
    return sections


def add_legends(
    fig: Figure, lang: str, scale: float, with_kreise: bool, corner: tuple[float, float]
) -> float:
    """Both legend sections stacked downwards from `corner` (page fractions); returns the
    height (page fraction) where they end."""
    x, y = corner
    size = 10 * scale
    line = size * 2.0 / 72 / fig.get_figheight()  # one legend row, as a page fraction
    for title, handles, labels in _legend_handles(lang, scale, with_kreise):
        legend = fig.legend(
            handles,
            labels,
            loc="upper left",
            bbox_to_anchor=(x, y),
            bbox_transform=fig.transFigure,
            title=title,
            alignment="left",
            frameon=False,
            fontsize=size,
            title_fontsize=size * 1.1,
            borderaxespad=0,
            handlelength=2.0,
            labelcolor=TEXT,
        )
        legend.get_title().set_fontweight("bold")
        for text in (legend.get_title(), *legend.get_texts()):
            text.set_parse_math(False)
        y -= line * (len(labels) + 1.6)
    return y


def highlight_text(fig: Figure, corner: tuple[float, float], scale: float) -> Text:
    """The legend's line that explains a highlight, its upper left at `corner` (empty until
    `caption_highlight` fills it)."""
    return fig.text(
        *corner, "", fontsize=10 * scale, style="italic", va="top", color=TEXT, parse_math=False
    )


def caption_highlight(caption: MapCaption) -> str:
    """The caption's highlight line wrapped to the legend column ("" without a highlight)."""
    return textwrap.fill(caption.highlight_line, HIGHLIGHT_WRAP)


def draw_attribution(fig: Figure, corner: tuple[float, float], scale: float, text: str) -> None:
    """The credit line, small and muted, its lower left at `corner` (figure fractions)."""
    fig.text(*corner, text, fontsize=7.5 * scale, color=MUTED, va="bottom", parse_math=False)


def attribution(boundaries: Boundaries, lang: str, sites_credit: str | None) -> str:
    """Where the boundaries and the site positions come from (as the web map's caption)."""
    return plain_attribution(boundaries, lang, sites_credit)
