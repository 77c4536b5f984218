"""KI-Atlas NRW dashboard: the page, its sidebar and tabs, each tab drawn by its module in `ui/`.

Everything that changes with the date lives in one fragment (`ui.map_tab`), so stepping and
playing rerun only that part; the folium base map stays identical and only its feature groups are
swapped. The press releases, the fact check and the exports are tabs that run only when they are
open; the modules of the fact check, the exports (matplotlib) and the own-data upload are
imported when their tab first opens, and those of the map (folium, shapely, pandas) only when the
map is drawn, after the sidebar, title and controls have been sent: a fresh server's browser draws
those meanwhile. All logic is in the pure functions of `geo/`; `ui/` wires Streamlit widgets to
them.
"""

from __future__ import annotations

import streamlit as st

from geo import keys
from geo.errors import DataFileError, KiAtlasError
from geo.i18n import LANGUAGES, escape_markdown, in_language, t
from ui import loaders
from ui.map_tab import map_tab
from ui.press_tab import press_tab
from ui.sidebar import sidebar
from ui.state import TAB_NAMES, apply_report_url_once, apply_url_once, dataset


def main() -> None:
    st.set_page_config(page_title="KI-Atlas NRW", page_icon="🗺️", layout="wide")
    ki = loaders.ki_dataset()
    apply_url_once(ki)
    apply_report_url_once()
    lang = st.session_state[keys.LANG]
    sidebar(lang)
    lang, tiles = st.session_state[keys.LANG], st.session_state[keys.TILES]
    data = dataset()
    if st.session_state[keys.REPORT_VIEW]:
        from ui.report_view import report_view

        report_view(data, lang, tiles)
        return

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
    # Filled after the tabs: the boundaries load with the map's modules (see `ui.map_loaders`).
    boundaries_notice = st.container()

    tab_map, tab_press, tab_check, tab_export, tab_own = st.tabs(
        [t(name, lang) for name in TAB_NAMES], key=keys.TABS, on_change="rerun"
    )
    if tab_map.open:
        with tab_map:
            map_tab(data, lang, tiles)
    if tab_press.open:
        with tab_press:
            press_tab(ki.months, lang)
    if tab_check.open:
        from ui.check_tab import check_tab

        with tab_check:
            check_tab(lang)
    if tab_export.open:
        from ui.export_tab import export_tab

        with tab_export:
            export_tab(data, lang)
    if tab_own.open:
        from ui.own_data_tab import own_data_tab

        with tab_own:
            own_data_tab(lang)
    with boundaries_notice:
        show_boundaries_notice(lang)


def show_boundaries_notice(lang: str) -> None:
    """Say when the Kreis boundaries are not the bundled BKG ones, or a given path failed."""
    from ui import map_loaders

    boundaries = map_loaders.boundaries()
    if boundaries.error:
        error = escape_markdown(in_language(boundaries.error, lang))
        st.error(f"{t('boundaries_path_error', lang)} ({error})")
    if boundaries.notice:
        notice = escape_markdown(in_language(boundaries.notice, lang))
        (st.warning if boundaries.source == "outline" else st.info)(notice)


def error_lang() -> str:
    """The language of an error page: the session's, or the link's when the data failed before
    the link was read (it is read against the data), else German."""
    chosen = st.session_state.get(keys.LANG) or st.query_params.get("lang", "de")
    return chosen if chosen in LANGUAGES else "de"


try:
    main()
except DataFileError as exc:
    from ui.problems_table import show_problems

    st.error(t("error", error_lang()))
    show_problems(exc.problems, error_lang())
except KiAtlasError as exc:
    lang = error_lang()
    st.error(f"{t('error', lang)}: {escape_markdown(in_language(exc.message, lang))}")
