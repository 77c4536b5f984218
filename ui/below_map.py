"""What lies below the map on the map tab: the rollout chart and the table of centres at the
shown day.

On a session's first page they wait for the map: its frame announces its first painted markers,
which reruns the page, and only that run draws them. So neither the browser (Vega, the data grid)
nor the server (altair, pandas) works on them while the map is still loading; they lie below the
fold anyway, as the map takes the window's height.
"""

from __future__ import annotations

import uuid

import streamlit as st

from geo import keys
from geo.i18n import t
from geo.model.timeline import Snapshot
from geo.sources.fuzzydate import day_words
from geo.views.chart_day import with_selected_day
from geo.views.dataset import Dataset
from geo.views.table import centres_table

# The container of the line that holds the chart's and the table's place (browser tests wait
# for it to go).
PENDING_KEY = "ki_below_map_pending"


def mark_map_sent() -> tuple[bool, str]:
    """Whether this run sends the session's first map (its chart and table then wait for it to
    be drawn; every later run draws them), and the session's token its frame announces with."""
    first = keys.MAP_SENT not in st.session_state
    token = st.session_state.setdefault(keys.MAP_SENT, uuid.uuid4().hex)
    return first, token


# The button shows only after this long: a map that loads normally has announced itself by then.
SHOW_BUTTON_AFTER_S = 4
# Hidden, then shown, by the browser alone (no rerun needed to reveal it).
_LATE_BUTTON_CSS = (
    f".st-key-{keys.SHOW_BELOW_MAP} {{ animation: ki-late 0s linear {SHOW_BUTTON_AFTER_S}s both; }}"
    " @keyframes ki-late { from { visibility: hidden; } to { visibility: visible; } }"
)


def pending_note(lang: str) -> None:
    """Holds the place of the chart and the table until the first map is drawn. After
    `SHOW_BUTTON_AFTER_S` a button appears whose click reruns, which draws them, for a map that
    never announces itself (its script failed, or the browser blocks it)."""
    with st.container(key=PENDING_KEY):
        st.caption(t("below_map_pending", lang))
        st.html(f"<style>{_LATE_BUTTON_CSS}</style>")
        st.button(t("below_map_show", lang), key=keys.SHOW_BELOW_MAP)


def below_map(
    data: Dataset, snapshot: Snapshot, highlight: frozenset[str] | None, lang: str
) -> None:
    """The chart with the shown day marked, and the table of centres at that day."""
    day = snapshot.day
    st.vega_lite_chart(with_selected_day(data.chart_spec(lang), day, lang), width="stretch")
    st.subheader(t("table_title", lang, date=day_words(day, lang)))
    table = centres_table(data.timeline, snapshot, lang=lang, highlight=highlight)
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={t("col_sources", lang): st.column_config.ListColumn()},
    )
