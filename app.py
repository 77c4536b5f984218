"""KI-Atlas NRW dashboard: wires Streamlit widgets to the pure functions in `geo/`."""

from __future__ import annotations

import os
from datetime import date

import streamlit as st
from streamlit_folium import st_folium

from geo import keys, paths
from geo.assets import install_static_assets
from geo.boundaries import Boundaries, load_boundaries
from geo.centres import load_centres
from geo.errors import KiAtlasError
from geo.i18n import t
from geo.mapview import build_base_map, centre_layer
from geo.timeline import CentreState, Timeline, month_starts

LANG = "de"


@st.cache_resource
def _timeline() -> Timeline:
    return Timeline(load_centres(paths.CENTRES_CSV))


@st.cache_resource
def _boundaries() -> Boundaries:
    return load_boundaries(
        env=os.environ, cache_dir=paths.CACHE_DIR, outline_path=paths.OUTLINE_GEOJSON
    )


@st.cache_resource
def _static_assets() -> None:
    install_static_assets(paths.STATIC_DIR)


def _slider_months(timeline: Timeline) -> list[date]:
    last = max(timeline.event_days())
    after_last = date(last.year + (last.month == 12), last.month % 12 + 1, 1)
    return month_starts(date(2012, 1, 1), after_last)


def main() -> None:
    st.set_page_config(page_title=t("title", LANG), layout="wide")
    st.title(t("title", LANG))
    st.caption(t("subtitle", LANG))
    _static_assets()
    timeline = _timeline()
    boundaries = _boundaries()
    if boundaries.notice:
        st.warning(boundaries.notice)

    months = _slider_months(timeline)
    day = st.select_slider(
        t("date", LANG),
        options=months,
        value=months[-1],
        format_func=lambda d: d.strftime("%m/%Y"),
        key=keys.DATE_SLIDER,
    )
    snapshot = timeline.snapshot(day)
    st.metric(
        t("open_count", LANG),
        snapshot.count(CentreState.OPEN),
        help=t("open_help", LANG, uncertain=snapshot.count(CentreState.UNCERTAIN)),
    )
    st_folium(
        build_base_map(boundaries, lang=LANG),
        key=keys.MAP,
        feature_group_to_add=centre_layer(timeline, snapshot, lang=LANG),
        returned_objects=[],
        height=620,
        use_container_width=True,
    )


try:
    main()
except KiAtlasError as exc:
    st.error(f"{t('error', LANG)}: {exc}")
