"""The data the dashboard loads once per server process (`st.cache_resource`), so reruns and
other sessions share it: KI centres, milestones, press releases, parsed uploads. The map's
resources (boundaries, published files) are in `ui.map_loaders`, loaded with the first map."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

import streamlit as st

from geo import budget, paths
from geo.budget_limits import UPLOAD_BUDGET
from geo.errors import DataFileError, DataProblem
from geo.i18n import t
from geo.ingest.rawtable import RawTable
from geo.ingest.upload_limits import UploadLimits
from geo.ingest.upload_reader import read_table
from geo.model.timeline import Timeline
from geo.sources.centres import load_centres
from geo.sources.fuzzydate import day_words
from geo.sources.milestones import Milestone, load_milestones
from geo.sources.population import load_population
from geo.sources.press import PressRelease, load_press_releases
from geo.views.assets import app_root, static_url
from geo.views.dataset import KI_FIRST_MONTH, Dataset

UPLOAD_LIMITS = UploadLimits()
UPLOAD_MB = UPLOAD_LIMITS.max_bytes // 1_000_000
# Parsed uploads kept (each at most UPLOAD_MB of file); an evicted one is just parsed again.
UPLOAD_CACHE_ENTRIES = 4


@st.cache_resource
def ki_timeline() -> Timeline:
    """The KI centres, or another centres file named by `KI_CENTRES_PATH` (benchmarks use it)."""
    return Timeline(load_centres(Path(os.environ.get("KI_CENTRES_PATH") or paths.CENTRES_CSV)))


@st.cache_resource
def ki_milestones() -> tuple[Milestone, ...]:
    return load_milestones(paths.MILESTONES_CSV)


@st.cache_resource
def press_releases() -> dict[str, PressRelease]:
    """The press releases by id, in file order (another file when `KI_PRESS_PATH` names one)."""
    path = Path(os.environ.get("KI_PRESS_PATH") or paths.PRESS_CSV)
    return {release.id: release for release in load_press_releases(path)}


def base_path() -> str:
    """The server's `server.baseUrlPath` ("" when the app is served at the host's root)."""
    return str(st.get_option("server.baseUrlPath") or "")


def static_prefix() -> str:
    """The URL of the app's static folder, below the server's base path if it has one."""
    return static_url(base_path())


@st.cache_resource(max_entries=UPLOAD_CACHE_ENTRIES, show_spinner=False)
def read_upload(digest: str, name: str, _data: bytes) -> RawTable | tuple[DataProblem, ...]:
    """The parsed upload, or its problems, once per content (`digest`, its sha256) and name, so
    a rerun with the same file does not parse it again (a table is immutable, safe to share).
    It is read in a worker process under `UPLOAD_BUDGET`, so a file no check foresaw ends in a
    message and the server's other sessions never notice.
    A stopped worker raises (`BudgetExceeded`), so it is not cached: a busy moment is no verdict
    on the file."""
    # Looked up at call time, so a test that replaces `geo.budget.run_within_budget` sees it.
    try:
        return budget.run_within_budget(
            read_table, _data, name, limits=UPLOAD_LIMITS, budget=UPLOAD_BUDGET
        )
    except DataFileError as exc:
        return exc.problems


@st.cache_resource
def ki_dataset() -> Dataset:
    """The KI data with its statements and the residents per Kreis (for the coverage KPI)."""
    return Dataset(
        ki_timeline(),
        ki_milestones(),
        first_month=KI_FIRST_MONTH,
        population=tuple(load_population(paths.POPULATION_CSV).values()),
        today=date.today(),
    )


def release_href(release_id: str, lang: str) -> str:
    """A link that opens the dashboard with `release_id` selected (popups open it in a new tab)."""
    return f"{app_root(base_path())}?{urlencode({'release': release_id, 'lang': lang})}"


def release_day(release: PressRelease) -> date | None:
    """The day a release is shown at: its date, or the last day its precision allows."""
    return release.date.latest or release.date.earliest


def release_range_notice(release: PressRelease, data: Dataset, lang: str) -> str | None:
    """Why the map does not show a release at its own date: its whole period lies after (or
    before) the slider's range, so it opened at the range's end (or start); else None."""
    day = release_day(release)
    earliest, latest = release.date.earliest, release.date.latest or day
    if day is None or earliest is None or latest is None:
        return None
    if earliest > data.last_day:
        key = "release_after_range"
    elif latest < data.first_day:
        key = "release_before_range"
    else:
        return None
    return t(
        key,
        lang,
        date=release.date.describe(lang),
        shown=day_words(data.clamped(day), lang),
    )
