"""Streamlit widget and session-state keys, shared by `app.py` and the tests that drive it."""

from __future__ import annotations

__all__ = [
    "DATE_SLIDER",
    "JUMP",
    "LANG",
    "LAST_TICK",
    "LOOP",
    "MAP",
    "NOTICES",
    "PLAYING",
    "PLAY_BUTTON",
    "SELECTED_DAY",
    "SPEED",
    "STEP_BACK",
    "STEP_FORWARD",
    "TILES",
    "URL_APPLIED",
    "YEARS",
]

DATE_SLIDER = "date_slider"
SELECTED_DAY = "selected_day"
STEP_BACK = "step_back"
STEP_FORWARD = "step_forward"
PLAY_BUTTON = "play_button"
PLAYING = "playing"
LAST_TICK = "last_tick"
SPEED = "speed"
LOOP = "loop"
JUMP = "jump_to"
YEARS = "years"
LANG = "lang"
TILES = "tiles"
MAP = "ki_map"
URL_APPLIED = "url_applied"
NOTICES = "url_notices"
