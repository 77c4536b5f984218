"""The folium map of one day: the constant base map with the day's Kreis, centre and caption
layers swapped in, drawn by `streamlit_folium.st_folium` looked up at call time (so a caller that
replaces it, the naive benchmark `tests/bench/naive_app.py`, is used). The map's height follows
the browser window (a style rule on its iframe); inside, NRW is fitted to whatever size it has."""

from __future__ import annotations

import streamlit as st
import streamlit_folium

from geo import keys
from geo.i18n import t
from geo.model.timeline import CentreState, Snapshot
from geo.views.basemap import build_base_map
from geo.views.dataset import Dataset
from geo.views.map_caption import map_caption, release_reason, years_reason
from geo.views.maplayers import DENSE_THRESHOLD, caption_layer, centre_layer, kreis_layer
from geo.views.presssearch import release_centres
from ui import loaders, map_loaders
from ui.sites_credit import sites_credit

MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
# The height streamlit-folium mounts the map with; the style rule below sets the real one.
MOUNT_HEIGHT = 620
# On the dashboard the map takes the window's height below the controls, within these bounds.
FRAME_CSS = (
    f"<style>{MAP_IFRAME} {{ height: clamp(420px, calc(100vh - 150px), 1100px) !important; }}"
    "</style>"
)


def current_highlight(data: Dataset, lang: str) -> tuple[frozenset[str] | None, str]:
    """The centres highlighted now and why: those the selected press release names, else those
    that started in the chosen years (None and "" when nothing is highlighted)."""
    timeline = data.timeline
    release_id = "" if data.own else st.session_state.get(keys.RELEASE, "")
    if release_id:
        release = loaders.press_releases()[release_id]
        ids = frozenset(release_centres(release, timeline.centres))
        return ids, release_reason(release.date, lang)
    years = list(st.session_state.get(keys.YEARS_CHOICE) or [])
    if years:
        return frozenset(timeline.started_in(years)), years_reason(years, lang)
    return None, ""


def map_frame(
    data: Dataset,
    snapshot: Snapshot,
    kreis_states: dict[str, CentreState],
    highlight: frozenset[str] | None,
    lang: str,
    tiles: str,
    *,
    report: bool = False,
    announce_token: str | None = None,
) -> None:
    """Draw the map of `snapshot` with `highlight` (None: nothing dimmed), its caption box and
    legend; `report` gives the view for reports' base map (no buttons, larger words), whose
    frame the caller sizes. With `announce_token` the frame reruns the page once it has painted
    markers for that token (see `geo.views.maplayers.SiteMarkers`)."""
    timeline, boundaries = data.timeline, map_loaders.boundaries()
    credit = sites_credit(data, lang)
    caption = map_caption(
        timeline,
        boundaries,
        snapshot.day,
        lang=lang,
        title=t("app_dataset_own", lang, file=data.filename) if data.own else None,
        highlight=highlight,
        highlight_reason=current_highlight(data, lang)[1] if highlight is not None else "",
        sites_credit=credit,
    )
    # An upload's popups travel with the step; the dense canvas map has none to publish.
    inline_popups = data.own or len(timeline.centres) > DENSE_THRESHOLD
    if not report:
        st.html(FRAME_CSS)
    streamlit_folium.st_folium(
        build_base_map(
            boundaries,
            lang=lang,
            tiles=tiles,
            boundaries_url=map_loaders.boundaries_url(),
            static_prefix=loaders.static_prefix(),
            report=report,
        ),
        key=keys.MAP,
        feature_group_to_add=[
            kreis_layer(
                boundaries,
                kreis_states,
                lit=timeline.lit_kreise(snapshot, highlight),
                lang=lang,
            ),
            centre_layer(
                timeline,
                snapshot,
                lang=lang,
                highlight=highlight,
                popups_url=None if inline_popups else map_loaders.popups_url(lang),
                sites_credit=credit,
                announce_token=announce_token,
            ),
            caption_layer(caption),
        ],
        returned_objects=[],
        height=MOUNT_HEIGHT,
        use_container_width=True,
    )
