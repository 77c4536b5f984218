"""The row of key figures above the map: open, uncertain, approved, Kreise covered, the population
reached (KI data only) and the starts in the chosen years with how many of them are open."""

from __future__ import annotations

import streamlit as st

from geo.i18n import t
from geo.model.coverage import Coverage
from geo.model.timeline import CentreState, Snapshot
from geo.sources.fuzzydate import day_words
from geo.views.dataset import Dataset

# Streamlit cuts a metric's delta to one line; the band and the year's open count must be read
# whole (also in a screenshot), so they wrap.
KPI_CSS = """
[data-testid="stMetricDelta"], [data-testid="stMetricDelta"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}
[data-testid="stMetricDelta"] { height: auto !important; }
"""


def kpis(
    data: Dataset,
    snapshot: Snapshot,
    kreis_states: dict[str, CentreState],
    years: list[int],
    lang: str,
) -> None:
    """The KPI row for `snapshot`; own data names its sites, not centres, and has no population."""
    st.html(f"<style>{KPI_CSS}</style>")
    timeline, day = data.timeline, snapshot.day
    coverage = data.coverage(snapshot)
    columns = iter(st.columns(6 if coverage is not None else 5))
    uncertain = snapshot.count(CentreState.UNCERTAIN)
    next(columns).metric(
        t("kpi_open", lang),
        snapshot.count(CentreState.OPEN),
        help=t("open_help", lang, uncertain=uncertain),
    )
    next(columns).metric(t("kpi_uncertain", lang), uncertain)
    next(columns).metric(t("kpi_approved", lang), snapshot.count(CentreState.APPROVED))
    covered = sum(1 for s in kreis_states.values() if s is CentreState.OPEN)
    next(columns).metric(
        t("kpi_covered_own" if data.own else "kpi_covered", lang),
        t("kpi_covered_value", lang, n=covered),
        help=t("kpi_covered_help", lang),
    )
    if coverage is not None:
        _population(next(columns), coverage, lang)
    chosen = years or [day.year]
    started = timeline.started_in(chosen)
    open_now = sum(1 for cid in started if snapshot.states.get(cid) is CentreState.OPEN)
    next(columns).metric(
        t("kpi_year", lang, years=", ".join(str(y) for y in chosen)),
        len(started),
        delta=t("kpi_year_open", lang, n=open_now, date=day_words(day, lang)),
        delta_color="off",
        delta_arrow="off",
        help=t("kpi_year_help", lang, n=timeline.without_certain_year()),
    )


def _population(column, coverage: Coverage, lang: str) -> None:
    """The share of NRW's residents reached, with its band up to the uncertain starts."""
    share, high = round(coverage.share * 100), round(coverage.share_high * 100)
    column.metric(
        t("kpi_population", lang),
        t("kpi_population_value", lang, share=share),
        delta=t("kpi_population_band", lang, share=high) if high > share else None,
        delta_color="off",
        delta_arrow="off",
        help=t("kpi_population_help", lang, reference=day_words(coverage.reference_date, lang)),
    )
