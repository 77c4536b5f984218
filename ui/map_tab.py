"""The map tab: playback controls, and the date-dependent fragment with the slider, KPIs, the
folium map, the chart and the centres table (only the fragment reruns while stepping or playing).
"""

from __future__ import annotations

import streamlit as st

from geo import keys
from geo.i18n import escape_markdown, t
from geo.model.playback import interval_seconds
from geo.model.timeline import Timeline
from geo.views.dataset import Dataset
from geo.views.presscards import release_label
from geo.views.presssearch import release_centres
from geo.views.urlstate import ViewState, view_to_query
from ui import loaders
from ui.kpis import kpis
from ui.phone import phone_controls, rerun_app_if_asked
from ui.timecontrols import advance_if_due, date_jump_and_years, month_slider, playback_controls


def map_tab(data: Dataset, lang: str, tiles: str) -> None:
    """The playback controls, then the rollout fragment, rerun on a timer while playing."""
    playback_controls(lang)
    playing = st.session_state[keys.PLAYING]
    run_every = interval_seconds(st.session_state[keys.SPEED_CHOICE]) if playing else None
    st.fragment(run_every=run_every)(_rollout)(data, lang, tiles)


def _release_banner(timeline: Timeline, lang: str) -> frozenset[str] | None:
    """Name the selected release above the map and return the centres it highlights."""
    release_id = st.session_state.get(keys.RELEASE)
    if not release_id:
        return None
    release = loaders.press_releases()[release_id]
    ids = frozenset(release_centres(release, timeline.centres))
    text, clear = st.columns([6, 1], vertical_alignment="center")
    text.info(
        t(
            "app_press_selected",
            lang,
            release=escape_markdown(release_label(release, lang)),
            n=len(ids),
        )
        + _range_note(loaders.release_range_notice(release, loaders.ki_dataset(), lang))
    )
    clear.button(
        t("app_press_clear", lang),
        key=keys.CLEAR_RELEASE,
        on_click=lambda: st.session_state.update({keys.RELEASE: ""}),
        width="stretch",
    )
    return ids


def _range_note(notice: str | None) -> str:
    """A second paragraph for a release outside the slider's range."""
    return f"\n\n{notice}" if notice else ""


def _rollout(data: Dataset, lang: str, tiles: str) -> None:
    """The date-dependent part of the page: controls, KPIs, map, chart and table (the last two
    from the second run on, see `ui.below_map`)."""
    timeline = data.timeline
    rerun_app_if_asked()
    advance_if_due(data)
    day = month_slider(data, lang)
    chosen_years = date_jump_and_years(data, day, lang)
    phone_controls(data, day, lang)
    highlight = None if data.own else _release_banner(timeline, lang)
    if highlight is None and chosen_years:
        highlight = frozenset(timeline.started_in(chosen_years))

    snapshot = timeline.snapshot(day)
    kreis_states = timeline.kreis_states(snapshot)
    kpis(data, snapshot, kreis_states, chosen_years, lang)
    # The map's and the chart's modules (folium, shapely, streamlit-folium, pandas: about 0.6 s
    # to import on a fresh server) load only here, after the controls above have been sent: the
    # browser draws those meanwhile.
    from ui.below_map import below_map, mark_map_sent, pending_note
    from ui.map_frame import map_frame

    first, token = mark_map_sent()
    map_frame(data, snapshot, kreis_states, highlight, lang, tiles, announce_token=token)
    if first:
        pending_note(lang)
    else:
        below_map(data, snapshot, highlight, lang)
    view = ViewState(
        day=day,
        years=tuple(chosen_years),
        lang=lang,
        tiles=tiles,
        release=st.session_state.get(keys.RELEASE, ""),
    )
    st.query_params.from_dict(view_to_query(view))
