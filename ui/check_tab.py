"""The fact-check tab: every dated count statement beside what the KI dataset gives at that date,
and the rollout chart at the shown day."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from geo import keys
from geo.i18n import t
from geo.views.chart_day import with_selected_day
from geo.views.factcheck import VERDICT_STYLES, VERDICT_SYMBOLS, factcheck_table, verdict_kinds
from ui import loaders


def check_tab(lang: str) -> None:
    """Every dated count statement beside what the dataset gives at that date: the verdict
    first, signed and coloured, all rows at once (no scrolling inside the table)."""
    data = loaders.ki_dataset()
    st.markdown(t("app_fc_intro", lang))
    table = factcheck_table(data.checks, lang)
    st.dataframe(
        verdict_styler(table, verdict_kinds(data.checks), lang),
        hide_index=True,
        width="stretch",
        height="content",
        column_config={t("fc_col_source", lang): st.column_config.LinkColumn()},
    )
    day = st.session_state[keys.SELECTED_DAY]
    st.vega_lite_chart(with_selected_day(data.chart_spec(lang), day, lang), width="stretch")


def verdict_styler(table: pd.DataFrame, kinds: list[str], lang: str) -> Styler:
    """`table` with each verdict cell shown signed (✓, ✗ or –) and coloured by its kind (the
    cell's value stays the verdict in words)."""
    column = t("fc_col_verdict", lang)
    styler = table.style.apply(
        lambda cells: [VERDICT_STYLES[kind] for kind in kinds], subset=[column]
    )
    for kind, sign in VERDICT_SYMBOLS.items():
        rows = [row for row, row_kind in zip(table.index, kinds, strict=True) if row_kind == kind]
        styler = styler.format(
            lambda words, sign=sign: f"{sign} {words}", subset=pd.IndexSlice[rows, [column]]
        )
    return styler
