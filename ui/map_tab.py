"""The map tab: playback controls, and the date-dependent fragment with the slider, KPIs, the
folium map, the chart and the centres table (only the fragment reruns while stepping or playing).

The map is drawn by `streamlit_folium.st_folium` looked up at call time, so a caller that replaces
it (the naive benchmark, `tests/bench/naive_app.py`) is used.
"""

from __future__ import annotations

import time
from datetime import date

import streamlit as st
import streamlit_folium

from geo import keys
from geo.i18n import escape_markdown, t
from geo.model.playback import SPEEDS, interval_seconds, jump_targets, next_frame, step_month
from geo.model.timeline import CentreState, Snapshot, Timeline
from geo.sources.fuzzydate import FuzzyDate
from geo.views.basemap import build_base_map
from geo.views.chart import with_selected_day
from geo.views.dataset import Dataset
from geo.views.maplayers import centre_layer, kreis_layer
from geo.views.presssearch import release_centres
from geo.views.table import centres_table
from geo.views.urlstate import ViewState, view_to_query
from ui import loaders
from ui.sites_credit import sites_credit
from ui.state import resend_after_switch, set_day


def map_tab(data: Dataset, lang: str, tiles: str) -> None:
    """The playback controls, then the rollout fragment, rerun on a timer while playing."""
    _playback_controls(lang)
    playing = st.session_state[keys.PLAYING]
    run_every = interval_seconds(st.session_state[keys.SPEED]) if playing else None
    st.fragment(run_every=run_every)(_rollout)(data, lang, tiles)


def _toggle_play() -> None:
    st.session_state[keys.PLAYING] = not st.session_state[keys.PLAYING]
    st.session_state[keys.LAST_TICK] = 0.0


def _advance_if_due(months: list[date]) -> None:
    """While playing, move one month on once the interval for the chosen speed has passed."""
    if not st.session_state[keys.PLAYING]:
        return
    now = time.monotonic()
    due = st.session_state.get(keys.LAST_TICK, 0.0) + interval_seconds(st.session_state[keys.SPEED])
    if now + 0.05 < due:
        return
    st.session_state[keys.LAST_TICK] = now
    month, playing = next_frame(
        months, st.session_state[keys.DATE_SLIDER], loop=st.session_state[keys.LOOP]
    )
    set_day(month, months)
    if not playing:
        st.session_state[keys.PLAYING] = False
        st.rerun()


def _playback_controls(lang: str) -> None:
    play, speed, loop = st.columns([1, 2, 1], vertical_alignment="bottom")
    playing = st.session_state[keys.PLAYING]
    play.button(
        t("pause" if playing else "play", lang),
        key=keys.PLAY_BUTTON,
        on_click=_toggle_play,
        width="stretch",
    )
    speed.select_slider(t("speed", lang), SPEEDS, key=keys.SPEED, format_func=lambda s: f"{s:g}×")
    loop.toggle(t("loop", lang), key=keys.LOOP)


def _kpis(
    timeline: Timeline,
    snapshot: Snapshot,
    kreis_states: dict[str, CentreState],
    years: list[int],
    day: date,
    lang: str,
    *,
    own: bool,
) -> None:
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
            release=escape_markdown(loaders.release_label(release, lang)),
            n=len(ids),
        )
    )
    clear.button(
        t("app_press_clear", lang),
        key=keys.CLEAR_RELEASE,
        on_click=lambda: st.session_state.update({keys.RELEASE: ""}),
        width="stretch",
    )
    return ids


def _rollout(data: Dataset, lang: str, tiles: str) -> None:
    """The date-dependent part of the page: controls, KPIs, map, chart and table."""
    timeline, milestones, boundaries = data.timeline, data.milestones, loaders.boundaries()
    months, years_available = data.months, data.start_years
    _advance_if_due(months)
    resend_after_switch()

    back, slider, forward = st.columns([2, 9, 2], vertical_alignment="bottom")
    back.button(
        t("step_back", lang),
        key=keys.STEP_BACK,
        on_click=lambda: set_day(
            step_month(months, st.session_state[keys.DATE_SLIDER], -1), months
        ),
        width="stretch",
    )
    slider.select_slider(
        t("month", lang),
        options=months,
        key=keys.DATE_SLIDER,
        format_func=lambda d: d.strftime("%m/%Y"),
        on_change=lambda: st.session_state.update(
            {keys.SELECTED_DAY: st.session_state[keys.DATE_SLIDER]}
        ),
    )
    forward.button(
        t("step_forward", lang),
        key=keys.STEP_FORWARD,
        on_click=lambda: set_day(step_month(months, st.session_state[keys.DATE_SLIDER], 1), months),
        width="stretch",
    )
    day: date = st.session_state[keys.SELECTED_DAY]

    targets = jump_targets(min(timeline.event_days()), milestones, last_day=months[-1], lang=lang)
    info, jump, year_filter = st.columns([1, 2, 3], vertical_alignment="bottom")
    info.markdown(
        f"**{t('shown_date', lang, date=FuzzyDate.parse(day.isoformat(), 'day').describe(lang))}**"
    )

    def _jump() -> None:
        target = st.session_state[keys.JUMP]
        if target is not None:
            set_day(target.day, months)
            st.session_state[keys.JUMP] = None

    jump.selectbox(
        t("jump_to", lang),
        targets,
        index=None,
        key=keys.JUMP,
        format_func=lambda target: target.label,
        placeholder=t("jump_placeholder", lang),
        on_change=_jump,
    )
    chosen_years = year_filter.pills(
        t("years", lang),
        years_available,
        selection_mode="multi",
        key=keys.YEARS,
        help=t("years_help", lang),
    )
    highlight = None if data.own else _release_banner(timeline, lang)
    if highlight is None and chosen_years:
        highlight = frozenset(timeline.started_in(chosen_years))

    snapshot = timeline.snapshot(day)
    kreis_states = timeline.kreis_states(snapshot)
    _kpis(timeline, snapshot, kreis_states, chosen_years, day, lang, own=data.own)
    streamlit_folium.st_folium(
        build_base_map(
            boundaries,
            lang=lang,
            tiles=tiles,
            boundaries_url=loaders.boundaries_url(),
            static_prefix=loaders.static_prefix(),
        ),
        key=keys.MAP,
        feature_group_to_add=[
            kreis_layer(boundaries, kreis_states, lang=lang),
            centre_layer(
                timeline,
                snapshot,
                lang=lang,
                highlight=highlight,
                release_links=None if data.own else loaders.popup_releases(timeline, lang),
                sites_credit=sites_credit(data, lang),
            ),
        ],
        returned_objects=[],
        height=620,
        use_container_width=True,
    )
    st.vega_lite_chart(with_selected_day(data.chart_specs[lang], day, lang), width="stretch")
    day_words = FuzzyDate.parse(day.isoformat(), "day").describe(lang)
    st.subheader(t("table_title", lang, date=day_words))
    table = centres_table(timeline, snapshot, lang=lang, highlight=highlight)
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={t("col_sources", lang): st.column_config.ListColumn()},
    )
    view = ViewState(
        day=day,
        years=tuple(chosen_years),
        lang=lang,
        tiles=tiles,
        release=st.session_state.get(keys.RELEASE, ""),
    )
    st.query_params.from_dict(view_to_query(view))
