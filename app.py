"""KI-Atlas NRW dashboard: wires Streamlit widgets to the pure functions in `geo/`.

Everything that changes with the date lives in one fragment, so stepping and playing rerun only
that part; the folium base map stays identical and only its feature groups are swapped.
"""

from __future__ import annotations

import os
import time
from datetime import date

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo import keys, paths
from geo.assets import install_static_assets
from geo.boundaries import Boundaries, load_boundaries
from geo.centres import load_centres
from geo.chart import chart_days, rollout_chart
from geo.errors import KiAtlasError
from geo.fuzzydate import FuzzyDate
from geo.i18n import LANGUAGES, t
from geo.mapview import build_base_map, centre_layer, kreis_layer
from geo.milestones import Milestone, load_milestones
from geo.playback import (
    DEFAULT_SPEED,
    SPEEDS,
    interval_seconds,
    jump_targets,
    next_frame,
    step_month,
)
from geo.table import centres_table
from geo.timeline import CentreState, Timeline, month_starts
from geo.urlstate import TILES, ViewState, parse_view, view_to_query

FIRST_MONTH = date(2012, 1, 1)


@st.cache_resource
def _timeline() -> Timeline:
    return Timeline(load_centres(paths.CENTRES_CSV))


@st.cache_resource
def _milestones() -> tuple[Milestone, ...]:
    return load_milestones(paths.MILESTONES_CSV)


@st.cache_resource
def _boundaries() -> Boundaries:
    return load_boundaries(
        env=os.environ, cache_dir=paths.CACHE_DIR, outline_path=paths.OUTLINE_GEOJSON
    )


@st.cache_resource
def _static_assets() -> None:
    install_static_assets(paths.STATIC_DIR)


@st.cache_resource
def _series(_timeline: Timeline, last: date) -> pd.DataFrame:
    return _timeline.series(chart_days(FIRST_MONTH, last, _timeline.event_days()))


def _months(timeline: Timeline) -> list[date]:
    """Monthly slider steps from 01/2012 to the month after the last event."""
    last = max(timeline.event_days())
    after_last = date(last.year + (last.month == 12), last.month % 12 + 1, 1)
    return month_starts(FIRST_MONTH, after_last)


def _start_years(timeline: Timeline) -> list[int]:
    return sorted({w.certain_year for w in timeline.windows.values() if w.certain_year})


def _set_day(day: date, months: list[date]) -> None:
    """Show `day` exactly; the slider moves to the month containing it."""
    st.session_state[keys.SELECTED_DAY] = day
    st.session_state[keys.DATE_SLIDER] = step_month(months, day, 0)


def _apply_url_once(months: list[date], years: list[int]) -> None:
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
    )
    _set_day(view.day, months)
    st.session_state[keys.YEARS] = list(view.years)
    st.session_state[keys.LANG] = view.lang
    st.session_state[keys.TILES] = view.tiles
    st.session_state[keys.NOTICES] = notices
    st.session_state.setdefault(keys.PLAYING, False)
    st.session_state.setdefault(keys.SPEED, DEFAULT_SPEED)
    st.session_state.setdefault(keys.LOOP, False)
    st.session_state[keys.URL_APPLIED] = True


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
    _set_day(month, months)
    if not playing:
        st.session_state[keys.PLAYING] = False
        st.rerun()


def _sidebar(lang: str) -> None:
    with st.sidebar:
        st.radio(
            t("language", lang),
            LANGUAGES,
            key=keys.LANG,
            format_func=lambda code: {"de": "Deutsch", "en": "English"}[code],
            horizontal=True,
        )
        st.radio(
            t("tiles", lang),
            TILES,
            key=keys.TILES,
            format_func=lambda name: t(f"tiles_{name}", lang),
            help=t("tiles_help", lang),
        )


def _playback_controls(lang: str) -> None:
    play, speed, loop = st.columns([1, 2, 1], vertical_alignment="bottom")
    playing = st.session_state[keys.PLAYING]
    play.button(
        t("pause" if playing else "play", lang),
        key=keys.PLAY_BUTTON,
        on_click=_toggle_play,
        use_container_width=True,
    )
    speed.select_slider(t("speed", lang), SPEEDS, key=keys.SPEED, format_func=lambda s: f"{s:g}×")
    loop.toggle(t("loop", lang), key=keys.LOOP)


def _kpis(
    timeline: Timeline, snapshot, kreis_states, years: list[int], day: date, lang: str
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
        t("kpi_covered", lang),
        t("kpi_covered_value", lang, n=covered),
        help=t("kpi_covered_help", lang),
    )
    chosen = years or [day.year]
    columns[4].metric(
        t("kpi_year", lang, years=", ".join(str(y) for y in chosen)),
        len(timeline.started_in(chosen)),
        help=t("kpi_year_help", lang, unknown=timeline.without_certain_year()),
    )


def _rollout(months: list[date], years_available: list[int], lang: str, tiles: str) -> None:
    """The date-dependent part of the page: controls, KPIs, map, chart and table."""
    timeline, milestones, boundaries = _timeline(), _milestones(), _boundaries()
    _advance_if_due(months)

    back, slider, forward = st.columns([2, 9, 2], vertical_alignment="bottom")
    back.button(
        t("step_back", lang),
        key=keys.STEP_BACK,
        on_click=lambda: _set_day(
            step_month(months, st.session_state[keys.DATE_SLIDER], -1), months
        ),
        use_container_width=True,
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
        on_click=lambda: _set_day(
            step_month(months, st.session_state[keys.DATE_SLIDER], 1), months
        ),
        use_container_width=True,
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
            _set_day(target.day, months)
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
    highlight = frozenset(timeline.started_in(chosen_years)) if chosen_years else None

    snapshot = timeline.snapshot(day)
    kreis_states = timeline.kreis_states(snapshot)
    _kpis(timeline, snapshot, kreis_states, chosen_years, day, lang)
    st_folium(
        build_base_map(boundaries, lang=lang, tiles=tiles),
        key=keys.MAP,
        feature_group_to_add=[
            kreis_layer(boundaries, kreis_states, lang=lang),
            centre_layer(timeline, snapshot, lang=lang, highlight=highlight),
        ],
        returned_objects=[],
        height=620,
        use_container_width=True,
    )
    st.altair_chart(
        rollout_chart(_series(timeline, months[-1]), milestones, day, lang=lang),
        use_container_width=True,
    )
    day_words = FuzzyDate.parse(day.isoformat(), "day").describe(lang)
    st.subheader(t("table_title", lang, date=day_words))
    table = centres_table(timeline, snapshot, lang=lang, highlight=highlight)
    st.dataframe(
        table,
        hide_index=True,
        use_container_width=True,
        column_config={t("col_sources", lang): st.column_config.ListColumn()},
    )
    view = ViewState(day=day, years=tuple(chosen_years), lang=lang, tiles=tiles)
    st.query_params.from_dict(view_to_query(view))


def main() -> None:
    st.set_page_config(page_title="KI-Atlas NRW", page_icon="🗺️", layout="wide")
    _static_assets()
    timeline = _timeline()
    months = _months(timeline)
    years = _start_years(timeline)
    _apply_url_once(months, years)
    lang = st.session_state[keys.LANG]
    _sidebar(lang)
    lang, tiles = st.session_state[keys.LANG], st.session_state[keys.TILES]

    st.title(t("title", lang))
    st.caption(t("subtitle", lang))
    for notice in st.session_state[keys.NOTICES]:
        st.warning(notice)
    boundaries = _boundaries()
    if boundaries.source == "outline":
        st.warning(f"{t('boundaries_notice', lang)} ({boundaries.notice})")
    elif boundaries.notice:
        st.info(boundaries.notice)

    _playback_controls(lang)
    playing = st.session_state[keys.PLAYING]
    run_every = interval_seconds(st.session_state[keys.SPEED]) if playing else None
    st.fragment(run_every=run_every)(_rollout)(months, years, lang, tiles)


try:
    main()
except KiAtlasError as exc:
    st.error(f"{t('error', st.session_state.get(keys.LANG, 'de'))}: {exc}")
