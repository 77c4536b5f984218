"""The session's view state: which dataset is replayed, the shown day, the selected release, the
open tab, and the view a link's URL asks for on a session's first run."""

from __future__ import annotations

from datetime import date

import streamlit as st

from geo import keys
from geo.i18n import LANGUAGES, t
from geo.model.playback import DEFAULT_SPEED, step_month
from geo.sources.press import PressRelease
from geo.views.dataset import Dataset
from geo.views.urlstate import ViewState, parse_view
from ui import loaders

TAB_NAMES = ("tab_map", "tab_press", "tab_check", "tab_export", "tab_own")


def dataset() -> Dataset:
    """The data this session replays: its own upload when chosen, else the KI centres."""
    own = st.session_state.get(keys.OWN_DATASET)
    if own is not None and st.session_state.get(keys.USE_OWN):
        return own
    return loaders.ki_dataset()


def set_day(day: date, months: list[date]) -> None:
    """Show `day` exactly; the slider moves to the month containing it."""
    st.session_state[keys.SELECTED_DAY] = day
    st.session_state[keys.DATE_SLIDER] = step_month(months, day, 0)


def release_day(release: PressRelease) -> date | None:
    """The day a release is shown at: its date, or the last day its precision allows."""
    return release.date.latest or release.date.earliest


def select_release(release_id: str, months: list[date]) -> None:
    """Show a release on the map: its date, its centres highlighted, the map tab open."""
    switch_dataset(own=False)
    st.session_state[keys.RELEASE] = release_id
    day = release_day(loaders.press_releases()[release_id])
    if day is not None:
        set_day(day, months)
    st.session_state[keys.PLAYING] = False
    st.session_state[keys.TABS] = t("tab_map", st.session_state[keys.LANG])


def apply_url_once(months: list[date], years: list[int]) -> None:
    """On a session's first run, take the view from the URL (invalid parts become notices)."""
    if st.session_state.get(keys.URL_APPLIED):
        return
    default = ViewState(day=months[-1])
    view, notices = parse_view(
        st.query_params.to_dict(),
        default=default,
        first_day=months[0],
        last_day=months[-1],
        years=tuple(years),
        releases=tuple(loaders.press_releases()),
    )
    set_day(view.day, months)
    st.session_state[keys.LANG] = view.lang
    st.session_state[keys.TILES] = view.tiles
    st.session_state[keys.NOTICES] = notices
    st.session_state.setdefault(keys.PLAYING, False)
    st.session_state.setdefault(keys.SPEED, DEFAULT_SPEED)
    st.session_state.setdefault(keys.LOOP, False)
    st.session_state[keys.RELEASE] = ""
    if view.release:
        select_release(view.release, months)
    # After the release, whose dataset switch clears the years.
    st.session_state[keys.YEARS] = list(view.years)
    st.session_state[keys.URL_APPLIED] = True


def switch_dataset(*, own: bool) -> None:
    """Replay the KI data or the session's own upload, from its last month, not playing."""
    st.session_state[keys.USE_OWN] = own and st.session_state.get(keys.OWN_DATASET) is not None
    data = dataset()
    set_day(data.months[-1], data.months)
    st.session_state[keys.YEARS] = []
    st.session_state[keys.PLAYING] = False
    st.session_state[keys.RESEND_WIDGETS] = True
    # The sidebar's dataset choice is drawn again from USE_OWN, so it shows what is replayed.
    st.session_state.pop(keys.DATASET_CHOICE, None)
    if own:
        st.session_state[keys.RELEASE] = ""


def resend_after_switch() -> None:
    """After a dataset switch, send the slider and year filter their values again.

    Their options changed while the map tab may have been closed; a browser that still holds
    the old widget state would show the first month. Setting a value in the run that draws
    the widget makes Streamlit send it (a value set in an earlier run is not sent).
    """
    if st.session_state.pop(keys.RESEND_WIDGETS, False):
        for key in (keys.DATE_SLIDER, keys.YEARS):
            st.session_state[key] = st.session_state[key]


def translate_tab() -> None:
    """Keep the open tab when the language changes (tabs are tracked by their label)."""
    new = st.session_state[keys.LANG]
    current = st.session_state.get(keys.TABS)
    for name in TAB_NAMES:
        if current in (t(name, lang) for lang in LANGUAGES):
            st.session_state[keys.TABS] = t(name, new)
