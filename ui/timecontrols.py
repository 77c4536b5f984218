"""The time controls of the map tab: play, tempo and loop; the month slider with its steps; the
shown date, the milestone jumps and the year filter. Each writes the session state only.

The shown day (`SELECTED_DAY`) is the one source of truth: every slider is handed its month
before it is drawn, so slider and date never disagree. The controls' values are kept apart from
their widgets (see `ui.state.hand_to_widget`), so no action resets them. The same widgets are
drawn twice, for the desktop rows here and for the phone layout in `ui.phone`.
"""

from __future__ import annotations

import time
from datetime import date

import streamlit as st

from geo import keys
from geo.i18n import t
from geo.model.playback import (
    SPEEDS,
    JumpTarget,
    interval_seconds,
    jump_targets,
    next_frame,
    step_month,
)
from geo.sources.fuzzydate import day_words
from geo.views.dataset import Dataset
from ui.state import hand_to_widget, keep_from_widget, set_day, set_month, slider_month

# The desktop rows' containers; `ui.phone` hides them below 640 px.
DESKTOP_ROW_PREFIX = "ki_desktop_"


def toggle_play() -> None:
    """Start or pause playing; the next tick is due at once."""
    st.session_state[keys.PLAYING] = not st.session_state[keys.PLAYING]
    st.session_state[keys.LAST_TICK] = 0.0


def advance_if_due(data: Dataset) -> None:
    """While playing, move one month on once the interval for the chosen speed has passed."""
    if not st.session_state[keys.PLAYING]:
        return
    now = time.monotonic()
    interval = interval_seconds(st.session_state[keys.SPEED_CHOICE])
    if now + 0.05 < st.session_state.get(keys.LAST_TICK, 0.0) + interval:
        return
    st.session_state[keys.LAST_TICK] = now
    month, playing = next_frame(
        data.months, st.session_state[keys.SELECTED_DAY], loop=st.session_state[keys.LOOP_CHOICE]
    )
    set_month(month, data)
    if not playing:
        st.session_state[keys.PLAYING] = False
        st.rerun()


def play_button(key: str, lang: str, *, on_click=toggle_play, **options) -> None:
    """Play or pause, with Streamlit's Material icon (a ⏸ glyph is a box in Debian's fonts)."""
    playing = st.session_state[keys.PLAYING]
    st.button(
        t("pause" if playing else "play", lang),
        key=key,
        icon=":material/pause:" if playing else ":material/play_arrow:",
        on_click=on_click,
        **options,
    )


def speed_select(key: str, lang: str, *, on_change=keep_from_widget) -> None:
    """The tempo, kept through every action."""
    hand_to_widget(key, keys.SPEED_CHOICE)
    st.select_slider(
        t("speed", lang),
        SPEEDS,
        key=key,
        format_func=lambda s: f"{s:g}×",
        on_change=on_change,
        args=(key, keys.SPEED_CHOICE),
    )


def loop_toggle(key: str, lang: str) -> None:
    """Loop at the end, kept through every action."""
    hand_to_widget(key, keys.LOOP_CHOICE)
    st.toggle(t("loop", lang), key=key, on_change=keep_from_widget, args=(key, keys.LOOP_CHOICE))


def playback_controls(lang: str) -> None:
    """Play/pause, tempo and loop, above the date fragment."""
    with st.container(key=DESKTOP_ROW_PREFIX + "play"):
        play, speed, loop = st.columns([1, 2, 1], vertical_alignment="bottom")
        with play:
            play_button(keys.PLAY_BUTTON, lang, width="stretch")
        with speed:
            speed_select(keys.SPEED, lang)
        with loop:
            loop_toggle(keys.LOOP, lang)


def step_button(key: str, label: str, delta: int, data: Dataset, **options) -> None:
    """One month back (`delta` -1) or on (+1), shown at that month's end."""
    st.button(
        label,
        key=key,
        on_click=lambda: set_month(
            step_month(data.months, st.session_state[keys.SELECTED_DAY], delta), data
        ),
        **options,
    )


def slider(key: str, data: Dataset, lang: str, **options) -> None:
    """The month slider, handed the month of the shown day; a month shows its last day."""
    st.session_state[key] = slider_month(data)
    st.select_slider(
        t("month", lang),
        options=data.months,
        key=key,
        format_func=lambda d: d.strftime("%m/%Y"),
        help=t("month_help", lang),
        on_change=lambda: set_month(st.session_state[key], data),
        **options,
    )


def month_slider(data: Dataset, lang: str) -> date:
    """◀, the month slider and ▶; returns the day to show."""
    with st.container(key=DESKTOP_ROW_PREFIX + "month"):
        back, middle, forward = st.columns([2, 9, 2], vertical_alignment="bottom")
        with back:
            step_button(keys.STEP_BACK, t("step_back", lang), -1, data, width="stretch")
        with middle:
            slider(keys.DATE_SLIDER, data, lang)
        with forward:
            step_button(keys.STEP_FORWARD, t("step_forward", lang), 1, data, width="stretch")
    day: date = st.session_state[keys.SELECTED_DAY]
    return day


def shown_date(day: date, lang: str) -> str:
    """The date line: "Stand: 30.04.2014"."""
    return t("shown_date", lang, date=day_words(day, lang))


def jump_targets_of(data: Dataset, lang: str) -> list[JumpTarget]:
    """The milestones to jump to, all within the slider's range."""
    first = min(data.timeline.event_days())
    targets = jump_targets(first, data.milestones, last_day=data.last_day, lang=lang)
    return [target for target in targets if data.first_day <= target.day]


def jump_select(key: str, data: Dataset, lang: str) -> None:
    """Jump to a milestone's exact day (the slider moves to its month)."""

    def _jump() -> None:
        target = st.session_state[key]
        if target is not None:
            set_day(target.day, data)
            st.session_state[key] = None

    st.selectbox(
        t("jump_to", lang),
        jump_targets_of(data, lang),
        index=None,
        key=key,
        format_func=lambda target: target.label,
        placeholder=t("jump_placeholder", lang),
        on_change=_jump,
    )


def year_pills(key: str, data: Dataset, lang: str) -> list[int]:
    """The start years to highlight (every year of the timeline); returns the chosen ones."""
    hand_to_widget(key, keys.YEARS_CHOICE)
    st.pills(
        t("years", lang),
        data.start_years,
        selection_mode="multi",
        key=key,
        help=t("years_help", lang),
        on_change=keep_from_widget,
        args=(key, keys.YEARS_CHOICE),
    )
    return list(st.session_state[keys.YEARS_CHOICE])


def date_jump_and_years(data: Dataset, day: date, lang: str) -> list[int]:
    """The shown date, the milestone jumps and the year filter; returns the chosen years."""
    with st.container(key=DESKTOP_ROW_PREFIX + "date"):
        info, jump, year_filter = st.columns([1, 2, 3], vertical_alignment="bottom")
        info.markdown(f"**{shown_date(day, lang)}**")
        with jump:
            jump_select(keys.JUMP, data, lang)
        with year_filter:
            return year_pills(keys.YEARS, data, lang)
