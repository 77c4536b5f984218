"""KI-Atlas NRW dashboard: wires Streamlit widgets to the pure functions in `geo/`.

Everything that changes with the date lives in one fragment, so stepping and playing rerun only
that part; the folium base map stays identical and only its feature groups are swapped. The
press releases, the fact check and the exports are tabs that run only when they are open.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo import keys, paths
from geo.budget import EXPORT_BUDGET, UPLOAD_BUDGET, run_within_budget
from geo.errors import BudgetExceeded, DataFileError, DataProblem, KiAtlasError, UsageError
from geo.i18n import LANGUAGES, escape_markdown, t
from geo.ingest.geocode import NOMINATIM_URL, make_nominatim_geocode
from geo.ingest.upload import (
    FIELD_LABEL_KEYS,
    FIELDS,
    REQUIRED_FIELDS,
    GeocodeOutcome,
    RawTable,
    UploadLimits,
    UploadResult,
    build_sites,
    geocode_missing,
    guess_mapping,
    read_table,
    sample_csv,
    upload_timeline,
)
from geo.model.playback import (
    DEFAULT_SPEED,
    SPEEDS,
    interval_seconds,
    jump_targets,
    next_frame,
    step_month,
)
from geo.model.timeline import CentreState, Snapshot, Timeline
from geo.outputs.export import CSV_SEPARATORS, export_filename, standalone_html, table_csv
from geo.outputs.report import render_animation, render_map, render_small_multiples, report_filename
from geo.sources.boundaries import Boundaries, load_boundaries
from geo.sources.centres import load_centres
from geo.sources.fuzzydate import FuzzyDate
from geo.sources.milestones import Milestone, load_milestones
from geo.sources.press import PressRelease, load_press_releases
from geo.views.assets import app_root, install_static_assets, publish_json, static_url
from geo.views.chart import with_selected_day
from geo.views.dataset import KI_FIRST_MONTH, Dataset
from geo.views.factcheck import factcheck_table
from geo.views.mapview import (
    ReleaseLink,
    boundary_layers,
    build_base_map,
    centre_layer,
    kreis_layer,
)
from geo.views.presssearch import (
    RESULT_CSS,
    SearchQuery,
    all_tags,
    date_span,
    hit_html,
    release_centres,
    releases_by_centre,
    search,
    tag_label,
)
from geo.views.table import centres_table
from geo.views.urlstate import TILES, ViewState, parse_view, view_to_query

REPORT_FORMATS = ("png", "svg", "pdf")
UPLOAD_LIMITS = UploadLimits()
UPLOAD_MB = UPLOAD_LIMITS.max_bytes // 1_000_000
# Parsed uploads kept (each at most UPLOAD_MB of file); an evicted one is just parsed again.
UPLOAD_CACHE_ENTRIES = 4
MIME_TYPES = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
# A geocoding notice names at most this many sites that were not placed.
MAX_NAMED_SITES = 20
TAB_NAMES = ("tab_map", "tab_press", "tab_check", "tab_export", "tab_own")


@st.cache_resource
def _timeline() -> Timeline:
    """The KI centres, or another centres file named by `KI_CENTRES_PATH` (benchmarks use it)."""
    return Timeline(load_centres(Path(os.environ.get("KI_CENTRES_PATH") or paths.CENTRES_CSV)))


@st.cache_resource
def _milestones() -> tuple[Milestone, ...]:
    return load_milestones(paths.MILESTONES_CSV)


@st.cache_resource
def _press() -> dict[str, PressRelease]:
    """The press releases by id, in file order (another file when `KI_PRESS_PATH` names one)."""
    path = Path(os.environ.get("KI_PRESS_PATH") or paths.PRESS_CSV)
    return {release.id: release for release in load_press_releases(path)}


@st.cache_resource
def _boundaries() -> Boundaries:
    return load_boundaries(
        env=os.environ,
        cache_dir=paths.CACHE_DIR,
        outline_path=paths.OUTLINE_GEOJSON,
        bundled_path=paths.BOUNDARIES_GEOJSON,
    )


@st.cache_resource
def _static_assets() -> None:
    install_static_assets(paths.STATIC_DIR)


@st.cache_resource
def _boundaries_url() -> str:
    """Where the map fetches the boundaries it draws (published once per server)."""
    layers = boundary_layers(_boundaries())
    return publish_json(paths.STATIC_DIR, "boundaries", layers, prefix=_static_prefix())


def _base_path() -> str:
    """The server's `server.baseUrlPath` ("" when the app is served at the host's root)."""
    return str(st.get_option("server.baseUrlPath") or "")


def _static_prefix() -> str:
    """The URL of the app's static folder, below the server's base path if it has one."""
    return static_url(_base_path())


def _sites_credit(data: Dataset, lang: str) -> str | None:
    """Where an upload's positions come from: its file, and OpenStreetMap for the geocoded
    ones (None for the KI data, whose credit is GeoNames)."""
    if not data.own:
        return None
    credit = t("sites_own", lang, file=data.filename)
    if data.has_geocoded_sites:
        credit += " · " + t("sites_osm", lang)
    return credit


@st.cache_resource(max_entries=UPLOAD_CACHE_ENTRIES, show_spinner=False)
def _read_upload(digest: str, name: str, _data: bytes) -> RawTable | tuple[DataProblem, ...]:
    """The parsed upload, or its problems, once per content (`digest`, its sha256) and name, so
    a rerun with the same file does not parse it again (a table is immutable, safe to share).
    It is read in a worker process under `UPLOAD_BUDGET`, so a file no check foresaw ends in a
    message and the server's other sessions never notice.
    A stopped worker raises (`BudgetExceeded`), so it is not cached: a busy moment is no verdict
    on the file."""
    try:
        return run_within_budget(
            read_table, _data, name, limits=UPLOAD_LIMITS, budget=UPLOAD_BUDGET
        )
    except DataFileError as exc:
        return exc.problems


# The message for each limit a worker can hit (`BudgetExceeded.limit`).
BUDGET_MESSAGES = {
    "memory": "budget_memory",
    "cpu": "budget_cpu",
    "wall": "budget_wall",
    "result": "budget_result",
}


def _budget_message(exc: KiAtlasError, lang: str) -> str:
    """A stopped worker's message in the page's language (the limit and its value)."""
    if isinstance(exc, BudgetExceeded) and exc.limit in BUDGET_MESSAGES:
        if exc.limit in {"memory", "result"}:
            amount = f"{exc.amount / 2**20:.0f} MiB"
        else:
            amount = f"{exc.amount:.0f} s"
        return t(BUDGET_MESSAGES[exc.limit], lang, amount=amount)
    return t("budget_failed", lang)


def _within_export_budget(func, *args, **kwargs) -> bytes:
    """An export drawn in a worker process under `EXPORT_BUDGET` (see `_read_upload`)."""
    return run_within_budget(func, *args, budget=EXPORT_BUDGET, **kwargs)


@st.cache_resource
def _ki() -> Dataset:
    return Dataset(_timeline(), _milestones(), first_month=KI_FIRST_MONTH)


def _dataset() -> Dataset:
    """The data this session replays: its own upload when chosen, else the KI centres."""
    own = st.session_state.get(keys.OWN_DATASET)
    if own is not None and st.session_state.get(keys.USE_OWN):
        return own
    return _ki()


def _set_day(day: date, months: list[date]) -> None:
    """Show `day` exactly; the slider moves to the month containing it."""
    st.session_state[keys.SELECTED_DAY] = day
    st.session_state[keys.DATE_SLIDER] = step_month(months, day, 0)


def _release_day(release: PressRelease) -> date | None:
    """The day a release is shown at: its date, or the last day its precision allows."""
    return release.date.latest or release.date.earliest


def _select_release(release_id: str, months: list[date]) -> None:
    """Show a release on the map: its date, its centres highlighted, the map tab open."""
    _switch_dataset(own=False)
    st.session_state[keys.RELEASE] = release_id
    day = _release_day(_press()[release_id])
    if day is not None:
        _set_day(day, months)
    st.session_state[keys.PLAYING] = False
    st.session_state[keys.TABS] = t("tab_map", st.session_state[keys.LANG])


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
        releases=tuple(_press()),
    )
    _set_day(view.day, months)
    st.session_state[keys.LANG] = view.lang
    st.session_state[keys.TILES] = view.tiles
    st.session_state[keys.NOTICES] = notices
    st.session_state.setdefault(keys.PLAYING, False)
    st.session_state.setdefault(keys.SPEED, DEFAULT_SPEED)
    st.session_state.setdefault(keys.LOOP, False)
    st.session_state[keys.RELEASE] = ""
    if view.release:
        _select_release(view.release, months)
    # After the release, whose dataset switch clears the years.
    st.session_state[keys.YEARS] = list(view.years)
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


def _switch_dataset(*, own: bool) -> None:
    """Replay the KI data or the session's own upload, from its last month, not playing."""
    st.session_state[keys.USE_OWN] = own and st.session_state.get(keys.OWN_DATASET) is not None
    data = _dataset()
    _set_day(data.months[-1], data.months)
    st.session_state[keys.YEARS] = []
    st.session_state[keys.PLAYING] = False
    st.session_state[keys.RESEND_WIDGETS] = True
    # The sidebar's dataset choice is drawn again from USE_OWN, so it shows what is replayed.
    st.session_state.pop(keys.DATASET_CHOICE, None)
    if own:
        st.session_state[keys.RELEASE] = ""


def _resend_after_switch() -> None:
    """After a dataset switch, send the slider and year filter their values again.

    Their options changed while the map tab may have been closed; a browser that still holds
    the old widget state would show the first month. Setting a value in the run that draws
    the widget makes Streamlit send it (a value set in an earlier run is not sent).
    """
    if st.session_state.pop(keys.RESEND_WIDGETS, False):
        for key in (keys.DATE_SLIDER, keys.YEARS):
            st.session_state[key] = st.session_state[key]


def _translate_tab() -> None:
    """Keep the open tab when the language changes (tabs are tracked by their label)."""
    new = st.session_state[keys.LANG]
    current = st.session_state.get(keys.TABS)
    for name in TAB_NAMES:
        if current in (t(name, lang) for lang in LANGUAGES):
            st.session_state[keys.TABS] = t(name, new)


def _sidebar(lang: str) -> None:
    with st.sidebar:
        st.radio(
            t("language", lang),
            LANGUAGES,
            key=keys.LANG,
            format_func=lambda code: {"de": "Deutsch", "en": "English"}[code],
            horizontal=True,
            on_change=_translate_tab,
        )
        st.radio(
            t("tiles", lang),
            TILES,
            key=keys.TILES,
            format_func=lambda name: t(f"tiles_{name}", lang),
            help=t("tiles_help", lang),
        )
        own = st.session_state.get(keys.OWN_DATASET)
        if own is not None:
            st.radio(
                t("app_dataset", lang),
                (False, True),
                index=int(bool(st.session_state.get(keys.USE_OWN))),
                format_func=lambda use_own: (
                    t("app_dataset_own", lang, file=escape_markdown(own.filename))
                    if use_own
                    else t("app_dataset_ki", lang)
                ),
                key=keys.DATASET_CHOICE,
                on_change=lambda: _switch_dataset(own=st.session_state[keys.DATASET_CHOICE]),
            )


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


def _release_href(release_id: str, lang: str) -> str:
    """A link that opens the dashboard with `release_id` selected (popups open it in a new tab)."""
    return f"{app_root(_base_path())}?{urlencode({'release': release_id, 'lang': lang})}"


@st.cache_resource
def _popup_releases(_ki_timeline: Timeline, lang: str) -> dict[str, list[ReleaseLink]]:
    """Per centre, links to the press releases that mention it, newest first."""
    releases = _press()
    by_centre = releases_by_centre(releases.values(), _ki_timeline.centres)
    return {
        centre_id: [
            ReleaseLink(_release_href(rid, lang), _release_label(releases[rid], lang))
            for rid in ids
        ]
        for centre_id, ids in by_centre.items()
    }


def _release_label(release: PressRelease, lang: str) -> str:
    title = release.title or release.text or release.summary_de
    short = title if len(title) <= 70 else title[:69] + "…"
    return f"{release.date.describe(lang)}: {short}"


def _release_banner(timeline: Timeline, lang: str) -> frozenset[str] | None:
    """Name the selected release above the map and return the centres it highlights."""
    release_id = st.session_state.get(keys.RELEASE)
    if not release_id:
        return None
    release = _press()[release_id]
    ids = frozenset(release_centres(release, timeline.centres))
    text, clear = st.columns([6, 1], vertical_alignment="center")
    text.info(
        t(
            "app_press_selected",
            lang,
            release=escape_markdown(_release_label(release, lang)),
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
    timeline, milestones, boundaries = data.timeline, data.milestones, _boundaries()
    months, years_available = data.months, data.start_years
    _advance_if_due(months)
    _resend_after_switch()

    back, slider, forward = st.columns([2, 9, 2], vertical_alignment="bottom")
    back.button(
        t("step_back", lang),
        key=keys.STEP_BACK,
        on_click=lambda: _set_day(
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
        on_click=lambda: _set_day(
            step_month(months, st.session_state[keys.DATE_SLIDER], 1), months
        ),
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
    highlight = None if data.own else _release_banner(timeline, lang)
    if highlight is None and chosen_years:
        highlight = frozenset(timeline.started_in(chosen_years))

    snapshot = timeline.snapshot(day)
    kreis_states = timeline.kreis_states(snapshot)
    _kpis(timeline, snapshot, kreis_states, chosen_years, day, lang, own=data.own)
    st_folium(
        build_base_map(
            boundaries,
            lang=lang,
            tiles=tiles,
            boundaries_url=_boundaries_url(),
            static_prefix=_static_prefix(),
        ),
        key=keys.MAP,
        feature_group_to_add=[
            kreis_layer(boundaries, kreis_states, lang=lang),
            centre_layer(
                timeline,
                snapshot,
                lang=lang,
                highlight=highlight,
                release_links=None if data.own else _popup_releases(timeline, lang),
                sites_credit=_sites_credit(data, lang),
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


def _press_tab(months: list[date], lang: str) -> None:
    """Search the press releases like the seed page, and show one on the map."""
    releases = _press()
    timeline = _timeline()
    first, last = date_span(releases.values(), default=(months[0], months[-1]))
    query_box, period, kinds = st.columns([3, 2, 2], vertical_alignment="bottom")
    text = query_box.text_input(
        t("app_press_search", lang),
        key=keys.PRESS_QUERY,
        placeholder=t("app_press_search_hint", lang),
    )
    chosen_range = period.date_input(
        t("app_press_range", lang),
        value=(first, last),
        min_value=first,
        max_value=last,
        key=keys.PRESS_RANGE,
        format="DD.MM.YYYY",
    )
    tags = kinds.multiselect(
        t("app_press_tags", lang),
        all_tags(releases.values()),
        key=keys.PRESS_TAGS,
        format_func=lambda tag: tag_label(tag, lang),
        placeholder=t("app_press_tags_all", lang),
    )
    undated = st.checkbox(t("app_press_undated", lang), value=True, key=keys.PRESS_UNDATED)
    picked = tuple(chosen_range)  # empty or one date while the user is still picking
    start = picked[0] if picked else None
    end = picked[1] if len(picked) > 1 else None
    hits = search(
        releases.values(),
        SearchQuery(
            text=text,
            start=start,
            end=end,
            tags=frozenset(tags),
            include_undated=undated,
        ),
        centres=timeline.centres,
    )
    st.markdown(f"**{t('app_press_count', lang, n=len(hits))}**")
    names = {c.id: c.name for c in timeline.centres}
    st.html(f"<style>{RESULT_CSS}</style>")
    for hit in hits:
        with st.container(border=True):
            st.html(hit_html(hit, lang, centre_names=names))
            st.button(
                t("app_press_show", lang),
                key=keys.SHOW_RELEASE_PREFIX + hit.release.id,
                on_click=_select_release,
                args=(hit.release.id, months),
                disabled=_release_day(hit.release) is None and not hit.centre_ids,
            )


def _check_tab(lang: str) -> None:
    """Every dated count statement beside what the dataset gives at that date."""
    data = _ki()
    st.markdown(t("app_fc_intro", lang))
    st.dataframe(
        factcheck_table(data.checks, lang),
        hide_index=True,
        width="stretch",
        column_config={t("fc_col_source", lang): st.column_config.LinkColumn()},
    )
    day = st.session_state[keys.SELECTED_DAY]
    st.vega_lite_chart(with_selected_day(data.chart_specs[lang], day, lang), width="stretch")


def _export_tab(data: Dataset, lang: str) -> None:
    """Downloads of the state at the shown date; every file is made when its button is clicked."""
    timeline, boundaries, months = data.timeline, _boundaries(), data.months
    title = t("app_dataset_own", lang, file=data.filename) if data.own else None
    credit = _sites_credit(data, lang)
    subtitle = (
        t("export_own_subtitle", lang, file=data.filename, n=len(timeline.centres))
        if data.own
        else None
    )
    day: date = st.session_state[keys.SELECTED_DAY]
    day_words = FuzzyDate.parse(day.isoformat(), "day").describe(lang)
    st.markdown(t("app_export_intro", lang, date=day_words))

    st.subheader(t("app_export_figure", lang))
    columns = st.columns(3)
    for column, fmt in zip(columns, REPORT_FORMATS, strict=True):
        column.download_button(
            fmt.upper(),
            data=lambda fmt=fmt: _within_export_budget(
                render_map,
                timeline,
                boundaries,
                day,
                lang=lang,
                fmt=fmt,
                title=title,
                sites_credit=credit,
            ),
            file_name=report_filename("map", day, fmt),
            mime=MIME_TYPES[fmt],
            key=f"{keys.DOWNLOAD_PREFIX}map_{fmt}",
            on_click="ignore",
            width="stretch",
        )
    st.subheader(t("app_export_years", lang, first=data.year_ends[0], last=data.year_ends[-1]))
    columns = st.columns(3)
    for column, fmt in zip(columns, REPORT_FORMATS, strict=True):
        column.download_button(
            fmt.upper(),
            data=lambda fmt=fmt: _within_export_budget(
                render_small_multiples,
                timeline,
                boundaries,
                data.year_ends,
                lang=lang,
                fmt=fmt,
                title=title,
                sites_credit=credit,
            ),
            file_name=report_filename("years", None, fmt, years=data.year_ends),
            mime=MIME_TYPES[fmt],
            key=f"{keys.DOWNLOAD_PREFIX}years_{fmt}",
            on_click="ignore",
            width="stretch",
        )

    st.subheader(t("app_export_animation", lang))
    frame_ms = st.slider(
        t("app_export_frame_ms", lang), 100, 2000, 400, step=100, key=keys.GIF_FRAME_MS
    )
    if st.button(t("app_export_make_gif", lang), key=keys.MAKE_GIF):
        try:
            with st.spinner(t("app_export_rendering", lang)):
                gif = _within_export_budget(
                    render_animation,
                    timeline,
                    boundaries,
                    lang=lang,
                    frame_ms=frame_ms,
                    months=months,
                    title=title,
                    sites_credit=credit,
                )
        except UsageError:
            st.error(t("export_too_large", lang, months=len(months)))
        except KiAtlasError as exc:
            st.error(_budget_message(exc, lang))
        else:
            st.session_state[keys.GIF] = (data, lang, frame_ms, gif)
    made = st.session_state.get(keys.GIF)
    # Offered only while it is what the button would make now (same data, language, speed).
    if made is not None and made[0] is data and made[1:3] == (lang, frame_ms):
        st.download_button(
            t("app_export_gif", lang, size=_megabytes(made[3])),
            data=made[3],
            file_name=report_filename("animation", None, "gif"),
            mime="image/gif",
            key=f"{keys.DOWNLOAD_PREFIX}gif",
            on_click="ignore",
        )

    st.subheader(t("app_export_table", lang, date=day_words))
    sep = st.radio(
        t("app_export_sep", lang),
        CSV_SEPARATORS,
        format_func=lambda s: t(
            "app_export_sep_semicolon" if s == ";" else "app_export_sep_comma", lang
        ),
        horizontal=True,
        key=keys.CSV_SEP,
    )
    st.download_button(
        "CSV",
        data=lambda: table_csv(centres_table(timeline, timeline.snapshot(day), lang=lang), sep=sep),
        file_name=export_filename("centres", day, "csv"),
        mime="text/csv",
        key=f"{keys.DOWNLOAD_PREFIX}csv",
        on_click="ignore",
    )
    st.subheader(t("app_export_html", lang))
    st.caption(t("app_export_html_help", lang))
    st.download_button(
        "HTML",
        data=lambda: _within_export_budget(
            standalone_html,
            timeline,
            boundaries,
            lang=lang,
            months=months,
            selected=day,
            subtitle=subtitle,
            sites_credit=credit,
        ),
        file_name=export_filename("map", day, "html"),
        mime="text/html",
        key=f"{keys.DOWNLOAD_PREFIX}html",
        on_click="ignore",
    )


def _show_problems(problems: tuple[DataProblem, ...] | list[DataProblem], lang: str) -> None:
    """Every problem of a file as a table: file, line, column, value, message (as text)."""
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("app_problem_file", lang): p.file,
                    t("app_problem_line", lang): p.line,
                    t("app_problem_column", lang): p.column or "",
                    t("app_problem_value", lang): p.value or "",
                    t("app_problem_message", lang): p.message,
                }
                for p in problems
            ]
        ),
        hide_index=True,
        width="stretch",
    )


def _own_data_tab(lang: str) -> None:
    """Upload a CSV or Excel file of sites, map its columns, and replay it like the KI data."""
    st.markdown(
        t(
            "app_own_intro",
            lang,
            mb=UPLOAD_MB,
            rows=f"{UPLOAD_LIMITS.max_rows:,}".replace(",", "."),
        )
    )
    st.download_button(
        t("app_own_sample", lang),
        data=sample_csv(),
        file_name="beispiel-standorte.csv",
        mime="text/csv",
        key=f"{keys.DOWNLOAD_PREFIX}sample",
        on_click="ignore",
    )
    upload = st.file_uploader(
        t("app_own_file", lang),
        key=keys.UPLOAD,
        max_upload_size=UPLOAD_MB,
        help=t("app_own_file_help", lang, mb=UPLOAD_MB),
    )
    if upload is None:
        return
    data = upload.getvalue()
    try:
        table = _read_upload(hashlib.sha256(data).hexdigest(), upload.name, data)
    except KiAtlasError as exc:
        st.error(_budget_message(exc, lang))
        return
    if not isinstance(table, RawTable):
        st.error(t("app_own_unreadable", lang, file=escape_markdown(upload.name)))
        _show_problems(table, lang)
        return
    st.caption(
        t(
            "app_own_read",
            lang,
            rows=len(table.rows),
            columns=len(table.columns),
            format=table.kind.upper(),
            encoding=table.encoding or "—",
            sep={";": ";", ",": ",", "\t": "Tab"}.get(table.separator, table.separator or "—"),
        )
    )
    st.dataframe(
        pd.DataFrame(list(table.rows[:5]), columns=list(table.columns)),
        hide_index=True,
        width="stretch",
    )
    st.subheader(t("app_own_mapping", lang))
    guessed = guess_mapping(table.columns)
    options = [None, *table.columns]
    mapping: dict[str, str | None] = {}
    cells = st.columns(3)
    for index, name in enumerate(FIELDS):
        label = t(FIELD_LABEL_KEYS[name], lang) + (" *" if name in REQUIRED_FIELDS else "")
        mapping[name] = cells[index % 3].selectbox(
            label,
            options,
            index=options.index(guessed.get(name)),
            format_func=lambda c: t("app_own_unmapped", lang) if c is None else c,
            key=f"{keys.MAPPING_PREFIX}{upload.file_id}_{name}",
        )
    if st.button(t("app_own_apply", lang), key=keys.APPLY_UPLOAD, type="primary"):
        try:
            result = build_sites(
                table,
                mapping,
                boundaries=_boundaries(),
                filename=upload.name,
                limits=UPLOAD_LIMITS,
                lang=lang,
            )
        except DataFileError as exc:
            _show_problems(exc.problems, lang)
            return
        st.session_state[keys.UPLOAD_RESULT] = result
        st.session_state[keys.UPLOAD_FILE_ID] = upload.file_id
        st.session_state[keys.GEOCODE_OUTCOME] = None
        if _use_upload(lang):
            st.rerun()
    result = st.session_state.get(keys.UPLOAD_RESULT)
    # The summary belongs to the file it was built from, not to a new file of the same name.
    if result is None or st.session_state.get(keys.UPLOAD_FILE_ID) != upload.file_id:
        return
    _upload_summary(result, lang)


def _use_upload(lang: str) -> bool:
    """Make the session's upload (plus what was geocoded) the replayed dataset; True when the
    dataset changed, so the page (title, sidebar, slider) must be drawn again."""
    result = st.session_state[keys.UPLOAD_RESULT]
    geocoded = st.session_state.get(keys.GEOCODE_OUTCOME)
    centres = (*result.centres, *(geocoded.located if geocoded else ()))
    if not centres:
        st.session_state[keys.OWN_DATASET] = None
        _switch_dataset(own=False)
        return True
    try:
        timeline = upload_timeline(centres, label=result.filename)
    except DataFileError as exc:
        _show_problems(exc.problems, lang)
        return False
    st.session_state[keys.OWN_DATASET] = Dataset(timeline, filename=result.filename)
    _switch_dataset(own=True)
    return True


def _upload_summary(result: UploadResult, lang: str) -> None:
    """What the upload gave: sites shown, rows left out (with why), rows waiting for geocoding."""
    # Sites found before a cancel (which stops the run) join the dataset on the next run.
    if st.session_state.pop(keys.GEOCODE_PENDING, False) and _use_upload(lang):
        st.rerun()
    done: GeocodeOutcome | None = st.session_state.get(keys.GEOCODE_OUTCOME)
    located = done.located if done else ()
    st.success(t("app_own_shown", lang, shown=len(result.centres) + len(located), rows=result.rows))
    if done is not None:
        _geocode_notice(done, lang)
    if result.problems:
        st.warning(t("app_own_left_out", lang, n=len(result.bad_lines)))
        _show_problems(result.problems, lang)
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
        step = geocode_missing([centre], geocode, boundaries=_boundaries())
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
    _use_upload(lang)
    st.rerun()


def _geocode_notice(outcome: GeocodeOutcome, lang: str) -> None:
    """How geocoding went, in the current language, naming (some of) the sites not placed."""
    if outcome.stopped == "offline":
        error = escape_markdown(outcome.error)
        text = t("app_own_offline", lang, missing=outcome.missing, error=error)
    else:
        text = outcome.describe(lang)
    unplaced = [escape_markdown(c.name) for c in (*outcome.not_found, *outcome.outside_nrw)]
    if unplaced:
        more = len(unplaced) - MAX_NAMED_SITES
        names = ", ".join(unplaced[:MAX_NAMED_SITES]) + (f", … (+{more})" if more > 0 else "")
        text += f" ({names})"
    (st.error if outcome.stopped == "offline" else st.info)(text)


def _megabytes(data: bytes) -> str:
    return f"{len(data) / 1_000_000:.1f} MB"


def main() -> None:
    st.set_page_config(page_title="KI-Atlas NRW", page_icon="🗺️", layout="wide")
    _static_assets()
    ki = _ki()
    _apply_url_once(ki.months, ki.start_years)
    lang = st.session_state[keys.LANG]
    _sidebar(lang)
    lang, tiles = st.session_state[keys.LANG], st.session_state[keys.TILES]
    data = _dataset()

    st.title(t("title", lang))
    if data.own:
        st.caption(
            t(
                "app_own_subtitle",
                lang,
                file=escape_markdown(data.filename),
                n=len(data.timeline.centres),
            )
        )
    else:
        st.caption(t("subtitle", lang))
    for notice in st.session_state[keys.NOTICES]:
        st.warning(escape_markdown(notice))
    boundaries = _boundaries()
    if boundaries.error:
        st.error(f"{t('boundaries_path_error', lang)} ({escape_markdown(boundaries.error)})")
    if boundaries.source == "outline":
        st.warning(f"{t('boundaries_notice', lang)} ({escape_markdown(boundaries.notice)})")
    elif boundaries.notice:
        st.info(escape_markdown(boundaries.notice))

    map_tab, press_tab, check_tab, export_tab, own_tab = st.tabs(
        [t(name, lang) for name in TAB_NAMES], key=keys.TABS, on_change="rerun"
    )
    if map_tab.open:
        with map_tab:
            _playback_controls(lang)
            playing = st.session_state[keys.PLAYING]
            run_every = interval_seconds(st.session_state[keys.SPEED]) if playing else None
            st.fragment(run_every=run_every)(_rollout)(data, lang, tiles)
    if press_tab.open:
        with press_tab:
            _press_tab(ki.months, lang)
    if check_tab.open:
        with check_tab:
            _check_tab(lang)
    if export_tab.open:
        with export_tab:
            _export_tab(data, lang)
    if own_tab.open:
        with own_tab:
            _own_data_tab(lang)


try:
    main()
except KiAtlasError as exc:
    st.error(f"{t('error', st.session_state.get(keys.LANG, 'de'))}: {escape_markdown(exc)}")
