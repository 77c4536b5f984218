"""The sidebar: the page's language, the map tiles, the view for reports and, once a file is
uploaded, which dataset is replayed."""

from __future__ import annotations

import streamlit as st

from geo import keys
from geo.i18n import LANGUAGES, escape_markdown, t
from geo.views.urlstate import TILES
from ui.state import switch_dataset, translate_tab


def sidebar(lang: str) -> None:
    with st.sidebar:
        st.radio(
            t("language", lang),
            LANGUAGES,
            key=keys.LANG,
            format_func=lambda code: {"de": "Deutsch", "en": "English"}[code],
            horizontal=True,
            on_change=translate_tab,
        )
        st.radio(
            t("tiles", lang),
            TILES,
            key=keys.TILES,
            format_func=lambda name: t(f"tiles_{name}", lang),
            help=t("tiles_help", lang),
        )
        st.toggle(t("report_view", lang), key=keys.REPORT_VIEW, help=t("report_view_help", lang))
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
                on_change=lambda: switch_dataset(own=st.session_state[keys.DATASET_CHOICE]),
            )
