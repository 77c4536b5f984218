"""The session's view state: which dataset is replayed, the shown day, the controls' kept values,
the selected release, the open tab, and the view a link's URL asks for on a session's first run."""

from __future__ import annotations

from datetime import date

import streamlit as st

from geo import keys
from geo.i18n import LANGUAGES, t
from geo.model.playback import DEFAULT_SPEED, step_month
from geo.views.dataset import Dataset
from geo.views.urlstate import ViewState, frame_of, parse_view
from ui import loaders

TAB_NAMES = ("tab_map", "tab_press", "tab_check", "tab_export", "tab_own")


def dataset() -> Dataset:
    """The data this session replays: its own upload when chosen, else the KI centres."""
    own = st.session_state.get(keys.OWN_DATASET)
    if own is not None and st.session_state.get(keys.USE_OWN):
        return own
    return loaders.ki_dataset()


def set_day(day: date, data: Dataset) -> None:
    """Show `day` exactly, moved into the slider's range; every slider shows the month of the
    shown day (`SELECTED_DAY` is the one source of truth)."""
    st.session_state[keys.SELECTED_DAY] = data.clamped(day)


def set_month(month: date, data: Dataset) -> None:
    """Show a slider month: its last day (today for the current month)."""
    set_day(data.day_of(month), data)


def slider_month(data: Dataset) -> date:
    """The slider month containing the shown day."""
    return step_month(data.months, st.session_state[keys.SELECTED_DAY], 0)


def hand_to_widget(widget_key: str, value_key: str) -> None:
    """Give the widget `widget_key` the kept value before it is drawn, so it shows it even after
    a run that did not draw it (Streamlit drops a widget's value then) and after a change."""
    st.session_state[widget_key] = st.session_state[value_key]


def keep_from_widget(widget_key: str, value_key: str) -> None:
    """Keep what the user set in `widget_key` (its on_change)."""
    st.session_state[value_key] = st.session_state[widget_key]


def select_release(release_id: str) -> None:
    """Show a release on the map: its date (within the slider's range), its centres highlighted,
    the map tab open."""
    switch_dataset(own=False)
    st.session_state[keys.RELEASE] = release_id
    day = loaders.release_day(loaders.press_releases()[release_id])
    if day is not None:
        set_day(day, dataset())
    st.session_state[keys.PLAYING] = False
    st.session_state[keys.TABS] = t("tab_map", st.session_state[keys.LANG])


def apply_url_once(data: Dataset) -> None:
    """On a session's first run, take the view from the URL (invalid parts become notices)."""
    if st.session_state.get(keys.URL_APPLIED):
        return
    view, notices = parse_view(
        st.query_params.to_dict(),
        default=ViewState(day=data.last_day),
        first_day=data.first_day,
        last_day=data.last_day,
        years=tuple(data.start_years),
        releases=tuple(loaders.press_releases()),
    )
    set_day(view.day, data)
    st.session_state[keys.LANG] = view.lang
    st.session_state[keys.TILES] = view.tiles
    st.session_state[keys.NOTICES] = notices
    st.session_state.setdefault(keys.PLAYING, False)
    st.session_state.setdefault(keys.SPEED_CHOICE, DEFAULT_SPEED)
    st.session_state.setdefault(keys.LOOP_CHOICE, False)
    st.session_state[keys.RELEASE] = ""
    if view.release:
        select_release(view.release)
    # After the release, whose dataset switch clears the years.
    st.session_state[keys.YEARS_CHOICE] = list(view.years)
    st.session_state[keys.URL_APPLIED] = True


def apply_report_url_once() -> None:
    """On a session's first run, take the page (`view`) and aspect ratio from the URL; the
    sidebar's switch then turns the view for reports on or off."""
    if st.session_state.get(keys.REPORT_URL_APPLIED):
        return
    page, aspect = frame_of(st.query_params.to_dict())
    st.session_state[keys.REPORT_VIEW] = page == "report"
    st.session_state[keys.REPORT_ASPECT] = aspect
    st.session_state[keys.REPORT_URL_APPLIED] = True


def switch_dataset(*, own: bool) -> None:
    """Replay the KI data or the session's own upload, from its last day, not playing."""
    st.session_state[keys.USE_OWN] = own and st.session_state.get(keys.OWN_DATASET) is not None
    data = dataset()
    set_day(data.last_day, data)
    st.session_state[keys.YEARS_CHOICE] = []
    st.session_state[keys.PLAYING] = False
    # The sidebar's dataset choice is drawn again from USE_OWN, so it shows what is replayed.
    st.session_state.pop(keys.DATASET_CHOICE, None)
    if own:
        st.session_state[keys.RELEASE] = ""


def translate_tab() -> None:
    """Keep the open tab when the language changes (tabs are tracked by their label)."""
    new = st.session_state[keys.LANG]
    current = st.session_state.get(keys.TABS)
    for name in TAB_NAMES:
        if current in (t(name, lang) for lang in LANGUAGES):
            st.session_state[keys.TABS] = t(name, new)
