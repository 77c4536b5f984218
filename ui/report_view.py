"""The view for reports (`?view=report`, or the sidebar's switch): only the map, as large as the
window allows at the chosen aspect ratio, with its caption box, legend, scale and credits inside,
and no Streamlit chrome, so a browser screenshot goes into a report as it is."""

from __future__ import annotations

import streamlit as st

from geo import keys
from geo.i18n import escape_markdown
from geo.views.dataset import Dataset
from geo.views.urlstate import ASPECTS, ViewState, view_to_query
from ui.map_frame import MAP_IFRAME, current_highlight, map_frame

# Streamlit's own parts of the page, hidden in the view for reports.
_CHROME = (
    '[data-testid="stHeader"]',
    '[data-testid="stToolbar"]',
    '[data-testid="stDecoration"]',
    '[data-testid="stStatusWidget"]',
    '[data-testid="stSidebar"]',
    '[data-testid="stSidebarCollapsedControl"]',
    '[data-testid="stExpandSidebarButton"]',
    "footer",
)


def report_css(aspect: str) -> str:
    """The page's style rules for the view for reports: no chrome, no margins, and the map the
    largest `aspect` rectangle (e.g. "16:9") that fits the window, centred."""
    width, height = ASPECTS[aspect]
    return (
        "<style>"
        f"{', '.join(_CHROME)} {{ display: none !important; }}"
        '[data-testid="stMainBlockContainer"] { padding: 0 !important;'
        " max-width: none !important; }"
        '[data-testid="stMain"], [data-testid="stAppViewContainer"] { padding: 0 !important; }'
        f"{MAP_IFRAME} {{ display: block; margin: 0 auto;"
        f" width: min(100vw, 100vh * {width} / {height}) !important;"
        f" height: min(100vh, 100vw * {height} / {width}) !important; }}"
        "</style>"
    )


def report_view(data: Dataset, lang: str, tiles: str) -> None:
    """The map at the shown day with its highlight, and nothing else (a link's notices above
    it, as they say what the picture does not show)."""
    aspect = st.session_state[keys.REPORT_ASPECT]
    st.html(report_css(aspect))
    for notice in st.session_state.get(keys.NOTICES, ()):
        st.warning(escape_markdown(notice))
    day = st.session_state[keys.SELECTED_DAY]
    timeline = data.timeline
    snapshot = timeline.snapshot(day)
    highlight, _ = current_highlight(data, lang)
    map_frame(data, snapshot, timeline.kreis_states(snapshot), highlight, lang, tiles, report=True)
    view = ViewState(
        day=day,
        years=tuple(st.session_state.get(keys.YEARS_CHOICE) or ()),
        lang=lang,
        tiles=tiles,
        release=st.session_state.get(keys.RELEASE, ""),
        view="report",
        aspect=aspect,
    )
    st.query_params.from_dict(view_to_query(view))
