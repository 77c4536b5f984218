"""The phone layout of the map tab: below 640 px the map comes first, then one compact row (play,
◀, month, ▶) and an expander with the other controls; the desktop rows are hidden there.

Both layouts are drawn and CSS shows one, since the server does not know the screen's width;
their widgets share the kept values of `ui.state`, so either shows what the other set.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from geo import keys
from geo.i18n import t
from geo.views.dataset import Dataset
from ui.state import keep_from_widget
from ui.timecontrols import (
    DESKTOP_ROW_PREFIX,
    jump_select,
    loop_toggle,
    play_button,
    shown_date,
    slider,
    speed_select,
    step_button,
    toggle_play,
    year_pills,
)

PHONE_CONTROLS = "ki_phone_controls"
PHONE_ROW = "ki_phone_row"
# Streamlit stacks columns below 640 px; the phone layout takes over at the same width. Keyed
# containers sit in a layout wrapper, the flex item that is hidden or moved; the map (the folium
# frame) and then the phone controls move to the top of the date fragment.
_MAP = 'iframe[title="streamlit_folium.st_folium"]'
PHONE_CSS = f"""
@media (min-width: 640px) {{
  div:has(> .st-key-{PHONE_CONTROLS}) {{ display: none !important; }}
}}
@media (max-width: 639.98px) {{
  div:has(> [class*="st-key-{DESKTOP_ROW_PREFIX}"]) {{ display: none !important; }}
  .stElementContainer:has({_MAP}) {{ order: -2; }}
  div:has(> .st-key-{PHONE_CONTROLS}) {{ order: -1; }}
  .st-key-{PHONE_ROW} {{ flex-wrap: nowrap; align-items: center; }}
  .st-key-{PHONE_ROW} .stSlider {{ flex: 1 1 auto; min-width: 0; }}
}}
"""


def _rerun_app_after(widget_key: str, value_key: str) -> None:
    """Keep the tempo and rerun the whole page, whose timer runs at the tempo."""
    keep_from_widget(widget_key, value_key)
    st.session_state[keys.RERUN_APP] = True


def _toggle_play_and_rerun_app() -> None:
    toggle_play()
    st.session_state[keys.RERUN_APP] = True


def rerun_app_if_asked() -> None:
    """A phone control inside the date fragment changed play or tempo: rerun the whole page,
    so the fragment's timer starts, stops or changes its interval."""
    if st.session_state.pop(keys.RERUN_APP, False):
        st.rerun()


def phone_controls(data: Dataset, day: date, lang: str) -> None:
    """The compact row and the expander with tempo, loop, jumps and years (phones only)."""
    st.html(f"<style>{PHONE_CSS}</style>")
    with st.container(key=PHONE_CONTROLS):
        with st.container(key=PHONE_ROW, horizontal=True, vertical_alignment="center"):
            play_button(keys.PHONE_PLAY, lang, on_click=_toggle_play_and_rerun_app)
            step_button(keys.PHONE_BACK, "◀", -1, data, help=t("step_back", lang))
            slider(keys.PHONE_SLIDER, data, lang, label_visibility="collapsed")
            step_button(keys.PHONE_FORWARD, "▶", 1, data, help=t("step_forward", lang))
        with st.expander(t("phone_more", lang, shown=shown_date(day, lang)), key=keys.PHONE_MORE):
            speed_select(keys.PHONE_SPEED, lang, on_change=_rerun_app_after)
            loop_toggle(keys.PHONE_LOOP, lang)
            jump_select(keys.PHONE_JUMP, data, lang)
            year_pills(keys.PHONE_YEARS, data, lang)
