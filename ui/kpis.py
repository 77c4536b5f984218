"""The row of key figures above the map: open, uncertain, approved, Kreise covered, started in
the chosen years."""

from __future__ import annotations

from datetime import date

import streamlit as st

from geo.i18n import t
from geo.model.timeline import CentreState, Snapshot, Timeline


def kpis(
    timeline: Timeline,
    snapshot: Snapshot,
    kreis_states: dict[str, CentreState],
    years: list[int],
    day: date,
    lang: str,
    *,
    own: bool,
) -> None:
    """The KPI row for `snapshot`; own data names its sites, not centres."""
    columns = st.columns(5)
    uncertain = snapshot.count(CentreState.UNCERTAIN)
    columns[0].metric(
        t("kpi_open", lang),
        snapshot.count(CentreState.OPEN),
        help=t("open_help", lang, uncertain=uncertain),
    )
    columns[1].metric(t("kpi_uncertain", lang), uncertain)
    columns[2].metric(t("kpi_approved", lang), snapshot.count(CentreState.APPROVED))
    covered = sum(1 for s in kreis_states.values() if s is CentreState.OPEN)
    columns[3].metric(
        t("kpi_covered_own" if own else "kpi_covered", lang),
        t("kpi_covered_value", lang, n=covered),
        help=t("kpi_covered_help", lang),
    )
    chosen = years or [day.year]
    columns[4].metric(
        t("kpi_year", lang, years=", ".join(str(y) for y in chosen)),
        len(timeline.started_in(chosen)),
        help=t("kpi_year_help", lang, unknown=timeline.without_certain_year()),
    )
