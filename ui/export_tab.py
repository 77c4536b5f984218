"""The export tab: downloads of the state at the shown date (map and year figures, GIF, table CSV,
machine-readable CSV and GeoJSON, offline HTML map), each with the highlight the map shows and
made when its button is used; the drawings run in a worker process under `EXPORT_BUDGET`."""

from __future__ import annotations

import threading
from datetime import date

import streamlit as st

from geo import budget, keys
from geo.budget_limits import EXPORT_BUDGET
from geo.errors import KiAtlasError, UsageError
from geo.i18n import t
from geo.outputs.animation import render_animation
from geo.outputs.download_names import export_filename, report_filename
from geo.outputs.map_figure import render_map
from geo.outputs.offline_map import standalone_html
from geo.outputs.open_data import open_data_frame, open_data_geojson
from geo.outputs.small_multiples import render_small_multiples
from geo.outputs.table_csv import CSV_SEPARATORS, table_csv
from geo.sources.fuzzydate import day_words
from geo.sources.population import KreisPopulation
from geo.views.dataset import Dataset
from geo.views.map_caption import map_caption
from geo.views.table import centres_table
from ui import map_loaders
from ui.budget_messages import budget_message
from ui.map_frame import current_highlight
from ui.sites_credit import sites_credit

REPORT_FORMATS = ("png", "svg", "pdf")
MIME_TYPES = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}


def _within_export_budget(func, *args, **kwargs) -> bytes:
    """An export drawn in a worker process under `EXPORT_BUDGET` (see `loaders.read_upload`)."""
    return budget.run_within_budget(func, *args, budget=EXPORT_BUDGET, **kwargs)


@st.cache_resource(show_spinner=False)
def _warm_worker_server() -> threading.Thread:
    """Start the worker server in the background once per server process, so the first export
    does not wait for it to import matplotlib (about two seconds)."""
    thread = threading.Thread(
        target=budget.start_worker_server, name="ki-atlas-warm-up", daemon=True
    )
    thread.start()
    return thread


def _megabytes(data: bytes) -> str:
    return f"{len(data) / 1_000_000:.1f} MB"


def export_tab(data: Dataset, lang: str) -> None:
    """Downloads of the state at the shown date with the map's highlight; every file is made
    when its button is clicked."""
    _warm_worker_server()
    timeline, boundaries, days = data.timeline, map_loaders.boundaries(), data.shown_days
    highlight, reason = current_highlight(data, lang)
    marked = {"highlight": highlight, "highlight_reason": reason}
    population = {figure.ars: figure for figure in data.population} or None
    title = t("app_dataset_own", lang, file=data.filename) if data.own else None
    credit = sites_credit(data, lang)
    subtitle = (
        t("export_own_subtitle", lang, file=data.filename, n=len(timeline.centres))
        if data.own
        else None
    )
    day: date = st.session_state[keys.SELECTED_DAY]
    when = day_words(day, lang)
    st.markdown(t("app_export_intro", lang, date=when))
    if highlight is not None:
        caption = map_caption(timeline, boundaries, day, lang=lang, **marked)
        st.info(t("app_export_highlight", lang, line=caption.highlight_line))

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
                **marked,
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
                **marked,
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
                    days=days,
                    title=title,
                    sites_credit=credit,
                    **marked,
                )
        except UsageError:
            st.error(t("export_too_large", lang, months=len(days)))
        except KiAtlasError as exc:
            st.error(budget_message(exc, lang))
        else:
            st.session_state[keys.GIF] = (data, lang, frame_ms, gif)
            st.session_state[keys.GIF_HIGHLIGHT] = highlight
    made = st.session_state.get(keys.GIF)
    # Offered only while it is what the button would make now (same data, language, speed and
    # highlight).
    if (
        made is not None
        and made[0] is data
        and made[1:3] == (lang, frame_ms)
        and st.session_state.get(keys.GIF_HIGHLIGHT) == highlight
    ):
        st.download_button(
            t("app_export_gif", lang, size=_megabytes(made[3])),
            data=made[3],
            file_name=report_filename("animation", None, "gif"),
            mime="image/gif",
            key=f"{keys.DOWNLOAD_PREFIX}gif",
            on_click="ignore",
        )

    st.subheader(t("app_export_table", lang, date=when))
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
        data=lambda: table_csv(
            centres_table(
                timeline,
                timeline.snapshot(day),
                lang=lang,
                highlight=highlight,
                population=population,
            ),
            sep=sep,
        ),
        file_name=export_filename("centres", day, "csv"),
        mime="text/csv",
        key=f"{keys.DOWNLOAD_PREFIX}csv",
        on_click="ignore",
    )
    _open_data_downloads(data, day, when, sep, population, highlight, lang)
    st.subheader(t("app_export_html", lang))
    st.caption(t("app_export_html_help", lang))
    st.download_button(
        "HTML",
        data=lambda: _within_export_budget(
            standalone_html,
            timeline,
            boundaries,
            lang=lang,
            days=days,
            selected=day,
            subtitle=subtitle,
            sites_credit=credit,
            **marked,
        ),
        file_name=export_filename("map", day, "html"),
        mime="text/html",
        key=f"{keys.DOWNLOAD_PREFIX}html",
        on_click="ignore",
    )


def _open_data_downloads(
    data: Dataset,
    day: date,
    when: str,
    sep: str,
    population: dict[str, KreisPopulation] | None,
    highlight: frozenset[str] | None,
    lang: str,
) -> None:
    """Every centre at `day` as machine-readable CSV (the table's separator) and GeoJSON."""
    st.subheader(t("app_export_open_data", lang, date=when))
    st.caption(t("app_export_open_data_help", lang))

    def frame():
        return open_data_frame(data.timeline, day, population=population, highlight=highlight)

    csv_column, geojson_column = st.columns(2)
    csv_column.download_button(
        "CSV",
        data=lambda: table_csv(frame(), sep=sep),
        file_name=export_filename("daten", day, "csv"),
        mime="text/csv",
        key=f"{keys.DOWNLOAD_PREFIX}open_data_csv",
        on_click="ignore",
        width="stretch",
    )
    geojson_column.download_button(
        "GeoJSON",
        data=lambda: open_data_geojson(frame()),
        file_name=export_filename("daten", day, "geojson"),
        mime="application/geo+json",
        key=f"{keys.DOWNLOAD_PREFIX}open_data_geojson",
        on_click="ignore",
        width="stretch",
    )
