"""The words a map carries inside its frame: title, date line, counts, the line that explains a
highlight, the legend entries and the credit line.

One definition for the web map's overlay (`geo.views.basemap`, `geo.views.maplayers`) and the
printed page (`geo.outputs.map_captions`), so a screenshot and an exported file say the same.
"""

from __future__ import annotations

__all__ = [
    "STATE_ORDER",
    "MapCaption",
    "centre_entries",
    "kreis_entries",
    "map_caption",
    "map_title",
    "plain_attribution",
    "release_reason",
    "years_reason",
]

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from geo.i18n import t
from geo.model.timeline import CentreState, Timeline
from geo.sources.boundaries import Boundaries
from geo.sources.fuzzydate import FuzzyDate, day_words

# The order states are counted and listed in, everywhere a map is explained.
STATE_ORDER = (CentreState.OPEN, CentreState.UNCERTAIN, CentreState.APPROVED)


@dataclass(frozen=True)
class MapCaption:
    """What a map at one day says about itself: `counts` are (label, number) per state in
    `STATE_ORDER`; `highlight_line` is empty without a highlight; `kreis_legend` is empty when
    no Kreis boundaries are drawn."""

    title: str
    date_line: str
    counts: tuple[tuple[str, int], ...]
    highlight_line: str
    centre_legend: tuple[tuple[CentreState, str], ...]
    kreis_legend: tuple[tuple[CentreState | None, str], ...]
    attribution: str

    @property
    def count_lines(self) -> str:
        """One "state: count" line per state: "Geöffnet: 31\nStart unsicher: 2\n…"."""
        return "\n".join(f"{label}: {n}" for label, n in self.counts)


def centre_entries(lang: str) -> tuple[tuple[CentreState, str], ...]:
    """The legend of the centre markers: each state and its label."""
    return tuple((state, t(state.value, lang)) for state in STATE_ORDER)


def kreis_entries(lang: str) -> tuple[tuple[CentreState | None, str], ...]:
    """The legend of the Kreis fills, most advanced state first (None: no centre yet)."""
    states: tuple[CentreState | None, ...] = (*STATE_ORDER, None)
    return tuple(
        (state, t(f"kreis_{state.value}" if state else "kreis_none", lang)) for state in states
    )


def map_title(title: str | None, lang: str) -> str:
    """The map's title: `title`, or the KI title."""
    return title or t("report_title", lang)


def plain_attribution(boundaries: Boundaries, lang: str, sites_credit: str | None) -> str:
    """Where the boundaries and the site positions come from, as text (GeoNames unless
    `sites_credit` names another source, e.g. an upload)."""
    key = "report_attribution" if boundaries.has_kreise else "report_attribution_outline"
    sites = sites_credit or t("report_sites_geonames", lang)
    return t(key, lang, boundaries=boundaries.attribution, sites=sites)


def years_reason(years: Iterable[int], lang: str) -> str:
    """Why centres are highlighted when start years are chosen: "Start 2015, 2016"."""
    return t("highlight_years", lang, years=", ".join(str(y) for y in sorted(set(years))))


def release_reason(release_date: FuzzyDate, lang: str) -> str:
    """Why centres are highlighted when a press release is selected: "Pressemitteilung vom …"."""
    return t("highlight_release", lang, date=release_date.describe(lang))


def map_caption(
    timeline: Timeline,
    boundaries: Boundaries,
    day: date,
    *,
    lang: str,
    title: str | None = None,
    highlight: frozenset[str] | None = None,
    highlight_reason: str = "",
    sites_credit: str | None = None,
) -> MapCaption:
    """The caption of the map of `timeline` at `day` (the KI title unless `title` is given).

    With `highlight`, the caption names `highlight_reason` and how many of those centres the
    map draws at `day`, and says that the others are pale.
    """
    snapshot = timeline.snapshot(day)
    when = day_words(day, lang)
    line = ""
    if highlight is not None:
        shown = sum(1 for centre_id in highlight if centre_id in snapshot.states)
        reason = highlight_reason or t("highlight_chosen", lang)
        line = t("highlight_line", lang, reason=reason, n=shown)
    return MapCaption(
        title=map_title(title, lang),
        date_line=t("shown_date", lang, date=when),
        counts=tuple((t(s.value, lang), snapshot.count(s)) for s in STATE_ORDER),
        highlight_line=line,
        centre_legend=centre_entries(lang),
        kreis_legend=kreis_entries(lang) if boundaries.has_kreise else (),
        attribution=plain_attribution(boundaries, lang, sites_credit),
    )
