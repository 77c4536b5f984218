"""What an applied upload gave (sites shown, rows left out, rows waiting for coordinates), the
geocoding of the waiting rows one site per run step, and making the upload the replayed dataset."""

from __future__ import annotations

import dataclasses
import os
from datetime import date

import streamlit as st

from geo import keys
from geo.errors import DataFileError, UsageError
from geo.i18n import escape_markdown, t
from geo.ingest.nominatim import NOMINATIM_URL, make_nominatim_geocode
from geo.ingest.sites import UploadResult
from geo.ingest.upload_geocoding import GeocodeOutcome, geocode_missing
from geo.ingest.upload_timeline import upload_timeline
from geo.views.dataset import Dataset
from ui import map_loaders
from ui.problems_table import show_problems
from ui.state import switch_dataset

# A geocoding notice names at most this many sites that were not placed.
MAX_NAMED_SITES = 20


def use_upload(lang: str) -> bool:
    """Make the session's upload (plus what was geocoded) the replayed dataset; True when the
    dataset changed, so the page (title, sidebar, slider) must be drawn again."""
    result = st.session_state[keys.UPLOAD_RESULT]
    geocoded = st.session_state.get(keys.GEOCODE_OUTCOME)
    centres = (*result.centres, *(geocoded.located if geocoded else ()))
    if not centres:
        st.session_state[keys.OWN_DATASET] = None
        switch_dataset(own=False)
        return True
    try:
        timeline = upload_timeline(centres, label=result.filename)
    except DataFileError as exc:
        show_problems(exc.problems, lang)
        return False
    st.session_state[keys.OWN_DATASET] = Dataset(
        timeline, filename=result.filename, today=date.today()
    )
    switch_dataset(own=True)
    return True


def upload_summary(result: UploadResult, lang: str) -> None:
    """What the upload gave: sites shown, rows left out (with why), rows waiting for geocoding."""
    # Sites found before a cancel (which stops the run) join the dataset on the next run.
    if st.session_state.pop(keys.GEOCODE_PENDING, False) and use_upload(lang):
        st.rerun()
    done: GeocodeOutcome | None = st.session_state.get(keys.GEOCODE_OUTCOME)
    located = done.located if done else ()
    shown = len(result.centres) + len(located)
    st.success(t("app_own_shown", lang, shown=shown, n=result.rows))
    if done is not None:
        _geocode_notice(done, lang)
    if result.problems:
        st.warning(t("app_own_left_out", lang, n=len(result.bad_lines)))
        show_problems(result.problems, lang)
    # Sites asked once and not found (or found outside NRW) are not asked again.
    asked = {c.id for c in (*located, *(done.not_found + done.outside_nrw if done else ()))}
    waiting = [c for c in result.missing_coordinates if c.id not in asked]
    if not waiting:
        return
    st.info(t("app_own_missing", lang, n=len(waiting)))
    go, stop = st.columns(2)
    if not go.button(t("app_own_geocode", lang, n=len(waiting)), key=keys.GEOCODE_UPLOAD):
        return
    stop.button(t("app_own_cancel", lang), key=keys.CANCEL_GEOCODE)
    bar = st.progress(0.0, text=t("app_own_geocoding", lang))
    try:
        geocode = make_nominatim_geocode(url=os.environ.get("KI_NOMINATIM_URL") or NOMINATIM_URL)
    except UsageError as exc:
        st.error(escape_markdown(exc))
        return
    # One site per call, the outcome stored after each: a click on "cancel" ends this run
    # midway, and the next run shows what was found (and says it was cancelled).
    outcome = done or GeocodeOutcome((), (), (), ())
    for index, centre in enumerate(waiting):
        step = geocode_missing([centre], geocode, boundaries=map_loaders.boundaries())
        outcome = GeocodeOutcome(
            (*outcome.located, *step.located),
            (*outcome.not_found, *step.not_found),
            (*outcome.outside_nrw, *step.outside_nrw),
            tuple(waiting[index:] if step.stopped else waiting[index + 1 :]),
            step.stopped or "cancelled",
            step.error,
        )
        st.session_state[keys.GEOCODE_OUTCOME] = outcome
        st.session_state[keys.GEOCODE_PENDING] = True
        if step.stopped == "offline":
            break
        bar.progress((index + 1) / len(waiting), text=t("app_own_geocoding", lang))
    else:
        st.session_state[keys.GEOCODE_OUTCOME] = dataclasses.replace(outcome, stopped=None)
    st.session_state[keys.GEOCODE_PENDING] = False
    use_upload(lang)
    st.rerun()


def _geocode_notice(outcome: GeocodeOutcome, lang: str) -> None:
    """How geocoding went, in the current language, naming (some of) the sites not placed."""
    if outcome.stopped == "offline":
        error = escape_markdown(outcome.error)
        text = t("app_own_offline", lang, n=outcome.missing, error=error)
    else:
        text = outcome.describe(lang)
    unplaced = [escape_markdown(c.name) for c in (*outcome.not_found, *outcome.outside_nrw)]
    if unplaced:
        more = len(unplaced) - MAX_NAMED_SITES
        names = ", ".join(unplaced[:MAX_NAMED_SITES]) + (f", … (+{more})" if more > 0 else "")
        text += f" ({names})"
    (st.error if outcome.stopped == "offline" else st.info)(text)
