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
    "GIF_HIGHLIGHT",
    "JUMP",
    "LANG",
    "LAST_TICK",
    "LOOP",
    "LOOP_CHOICE",
    "MAKE_GIF",
    "MAP",
    "MAPPING_PREFIX",
    "MAP_SENT",
    "NOTICES",
    "OWN_DATASET",
    "PHONE_BACK",
    "PHONE_FORWARD",
    "PHONE_JUMP",
    "PHONE_LOOP",
    "PHONE_MORE",
    "PHONE_PLAY",
    "PHONE_SLIDER",
    "PHONE_SPEED",
    "PHONE_YEARS",
    "PLAYING",
    "PLAY_BUTTON",
    "PRESS_QUERY",
    "PRESS_RANGE",
    "PRESS_TAGS",
    "PRESS_UNDATED",
    "RELEASE",
    "REPORT_ASPECT",
    "REPORT_URL_APPLIED",
    "REPORT_VIEW",
    "RERUN_APP",
    "SELECTED_DAY",
    "SHOW_BELOW_MAP",
    "SHOW_RELEASE_PREFIX",
    "SPEED",
    "SPEED_CHOICE",
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
    "YEARS_CHOICE",
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
# The session's map token, set when its first map is sent: the chart and table below it wait
# for that map to announce its markers with it (see `ui.below_map`).
MAP_SENT = "map_sent"
# A button whose click reruns the page, which draws the chart and table at once: for a map that
# never announces itself (its script failed). Its value is never read.
SHOW_BELOW_MAP = "show_below_map"
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
# The highlight the GIF in `GIF` was drawn with (it is offered only while the map shows it).
GIF_HIGHLIGHT = "gif_highlight"
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
# The controls' values, kept apart from their widgets: Streamlit drops a widget's value in a run
# that does not draw it (another tab open), so each widget is handed its value before it is drawn.
SPEED_CHOICE = "speed_choice"
LOOP_CHOICE = "loop_choice"
YEARS_CHOICE = "years_choice"
# Set by a control inside the date fragment whose change needs the whole page (play, tempo).
RERUN_APP = "rerun_app"
# The phone layout's compact row and its expander (shown below 640 px instead of the rows above).
PHONE_PLAY = "phone_play"
PHONE_BACK = "phone_back"
PHONE_SLIDER = "phone_slider"
PHONE_FORWARD = "phone_forward"
PHONE_SPEED = "phone_speed"
PHONE_LOOP = "phone_loop"
PHONE_JUMP = "phone_jump"
PHONE_YEARS = "phone_years"
PHONE_MORE = "phone_more"
REPORT_VIEW = "report_view"
REPORT_ASPECT = "report_aspect"
REPORT_URL_APPLIED = "report_url_applied"
