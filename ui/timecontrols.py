"""The time controls of the map tab: play, tempo and loop; the month slider with its steps; the
shown date, the milestone jumps and the year filter. Each writes the session state only."""

from __future__ import annotations

import time
from datetime import date

import streamlit as st

from geo import keys
from geo.i18n import t
from geo.model.playback import SPEEDS, interval_seconds, jump_targets, next_frame, step_month
from geo.sources.fuzzydate import FuzzyDate
from geo.views.dataset import Dataset
from ui.state import set_day


def toggle_play() -> None:
    """Start or pause playing; the next tick is due at once."""
    st.session_state[keys.PLAYING] = not st.session_state[keys.PLAYING]
    st.session_state[keys.LAST_TICK] = 0.0


def advance_if_due(months: list[date]) -> None:
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


def playback_controls(lang: str) -> None:
    """Play/pause, tempo and loop, above the date fragment."""
    play, speed, loop = st.columns([1, 2, 1], vertical_alignment="bottom")
    playing = st.session_state[keys.PLAYING]
    play.button(
        t("pause" if playing else "play", lang),
        key=keys.PLAY_BUTTON,
        on_click=toggle_play,
        width="stretch",
    )
    speed.select_slider(t("speed", lang), SPEEDS, key=keys.SPEED, format_func=lambda s: f"{s:g}×")
    loop.toggle(t("loop", lang), key=keys.LOOP)


def month_slider(months: list[date], lang: str) -> date:
    """◀, the month slider and ▶; returns the day to show."""
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
    return day


def date_jump_and_years(data: Dataset, day: date, lang: str) -> list[int]:
    """The shown date, the milestone jumps and the year filter; returns the chosen years."""
    timeline, milestones, months = data.timeline, data.milestones, data.months
    years_available = data.start_years
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
    return chosen_years
