"""The fact-check tab: every dated count statement beside what the KI dataset gives at that date,
and the rollout chart at the shown day."""

from __future__ import annotations

import streamlit as st

from geo import keys
from geo.i18n import t
from geo.views.chart import with_selected_day
from geo.views.factcheck import factcheck_table
from ui import loaders


def check_tab(lang: str) -> None:
    """Every dated count statement beside what the dataset gives at that date."""
    data = loaders.ki_dataset()
    st.markdown(t("app_fc_intro", lang))
    st.dataframe(
        factcheck_table(data.checks, lang),
        hide_index=True,
        width="stretch",
        column_config={t("fc_col_source", lang): st.column_config.LinkColumn()},
    )
    day = st.session_state[keys.SELECTED_DAY]
    st.vega_lite_chart(with_selected_day(data.chart_specs[lang], day, lang), width="stretch")
