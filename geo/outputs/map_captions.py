"""The words around a printed map: the legends of centre markers and Kreis fills, the credit line
for boundaries and sites, the date in words and the counts per state.
"""

from __future__ import annotations

__all__ = ["add_legends", "attribution", "count_lines", "day_words", "draw_attribution"]

from datetime import date

from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.transforms import IdentityTransform

from geo.i18n import t
from geo.model.timeline import CentreState, Snapshot
from geo.outputs.print_style import (
    CIRCLE,
    HATCH,
    HATCH_COLOUR,
    KREIS_EDGE,
    MUTED,
    STATE_ORDER,
    TEXT,
    marker,
)
from geo.sources.boundaries import Boundaries
from geo.sources.fuzzydate import FuzzyDate
from geo.views.mapstyles import KREIS_FILLS


def _legend_handles(lang: str, scale: float, with_kreise: bool) -> list[tuple[str, list, list]]:
    """(title, handles, labels) for the centre markers and, with Kreise, their fills."""
    sections = []
    handles, labels = [], []
    for state in STATE_ORDER:
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
        labels.append(t(state.value, lang))
    sections.append((t("legend_centres", lang), handles, labels))
    if with_kreise:
        fills = []
        for state, key in (
            (CentreState.OPEN, "kreis_open"),
            (CentreState.UNCERTAIN, "kreis_uncertain"),
            (CentreState.APPROVED, "kreis_approved"),
            (None, "kreis_none"),
        ):
            patch = Patch(
                facecolor=KREIS_FILLS[state],
                edgecolor=KREIS_EDGE,
                hatch=HATCH if state is CentreState.UNCERTAIN else None,
                hatchcolor=HATCH_COLOUR,
                linewidth=0.6 * scale,
            )
            patch.set_hatch_linewidth(0.8 * scale)
            fills.append((patch, t(key, lang)))
        sections.append((t("legend_kreise", lang), [h for h, _ in fills], [x for _, x in fills]))
    return sections


def add_legends(
    fig: Figure, lang: str, scale: float, with_kreise: bool, corner: tuple[float, float]
) -> None:
    """Both legend sections stacked downwards from `corner` (page fractions)."""
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


def draw_attribution(fig: Figure, corner: tuple[float, float], scale: float, text: str) -> None:
    """The credit line, small and muted, its lower left at `corner` (figure fractions)."""
    fig.text(*corner, text, fontsize=7.5 * scale, color=MUTED, va="bottom", parse_math=False)


def attribution(boundaries: Boundaries, lang: str, sites_credit: str | None) -> str:
    """Where the boundaries and the site positions come from (GeoNames unless `sites_credit`
    names another source, e.g. an upload)."""
    key = "report_attribution" if boundaries.has_kreise else "report_attribution_outline"
    sites = sites_credit or t("report_sites_geonames", lang)
    return t(key, lang, boundaries=boundaries.attribution, sites=sites)


def day_words(day: date, lang: str) -> str:
    """`day` in words, as the dashboard writes it ("31.12.2017", "1 July 2016")."""
    return FuzzyDate.parse(day.isoformat(), "day").describe(lang)


def count_lines(snapshot: Snapshot, lang: str) -> str:
    """One "state: count" line per state, open first."""
    return "\n".join(f"{t(s.value, lang)}: {snapshot.count(s)}" for s in STATE_ORDER)
