"""Streamlit widget and session-state keys, shared by `app.py` and the tests that drive it."""

from __future__ import annotations

__all__ = [
    "APPLY_UPLOAD",
    "CANCEL_GEOCODE",
    "CLEAR_RELEASE",
    "CSV_SEP",
    "DATASET_CHOICE",
    "DATE_SLIDER",
    "DOWNLOAD_PREFIX",
    "GEOCODE_OUTCOME",
    "GEOCODE_PENDING",
    "GEOCODE_UPLOAD",
    "GIF",
    "GIF_FRAME_MS",
    "JUMP",
    "LANG",
    "LAST_TICK",
    "LOOP",
    "MAKE_GIF",
    "MAP",
    "MAPPING_PREFIX",
    "NOTICES",
    "OWN_DATASET",
    "PLAYING",
    "PLAY_BUTTON",
    "PRESS_QUERY",
    "PRESS_RANGE",
    "PRESS_TAGS",
    "PRESS_UNDATED",
    "RELEASE",
    "RESEND_WIDGETS",
    "SELECTED_DAY",
    "SHOW_RELEASE_PREFIX",
    "SPEED",
    "STEP_BACK",
    "STEP_FORWARD",
    "TABS",
    "TILES",
    "UPLOAD",
    "UPLOAD_FILE_ID",
    "UPLOAD_RESULT",
    "URL_APPLIED",
    "USE_OWN",
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
TABS = "main_tabs"
RELEASE = "selected_release"
PRESS_QUERY = "press_query"
PRESS_RANGE = "press_range"
PRESS_TAGS = "press_tags"
PRESS_UNDATED = "press_undated"
CLEAR_RELEASE = "clear_release"
SHOW_RELEASE_PREFIX = "show_release_"
DOWNLOAD_PREFIX = "download_"
GIF_FRAME_MS = "gif_frame_ms"
MAKE_GIF = "make_gif"
GIF = "rendered_gif"
CSV_SEP = "csv_sep"
OWN_DATASET = "own_dataset"
USE_OWN = "use_own"
DATASET_CHOICE = "dataset_choice"
UPLOAD = "upload"
MAPPING_PREFIX = "mapping_"
APPLY_UPLOAD = "apply_upload"
UPLOAD_RESULT = "upload_result"
GEOCODE_OUTCOME = "geocode_outcome"
GEOCODE_UPLOAD = "geocode_upload"
CANCEL_GEOCODE = "cancel_geocode"
GEOCODE_PENDING = "geocode_pending"
UPLOAD_FILE_ID = "upload_file_id"
RESEND_WIDGETS = "resend_widgets"
