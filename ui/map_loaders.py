"""The map's resources, loaded once per server process (`st.cache_resource`): the boundaries,
Leaflet in the static folder, and the boundaries and popups published there for the map to fetch.

Kept apart from `ui.loaders` because they pull shapely and folium (about 0.4 s to import): the
page's first elements are sent before them, and its first map loads them (see `ui.map_tab`).
"""

from __future__ import annotations

import os

import streamlit as st

from geo import paths
from geo.model.timeline import Timeline
from geo.sources.boundaries import Boundaries, load_boundaries
from geo.views import presscards
from geo.views.assets import install_static_assets, publish_json
from geo.views.basemap import boundary_layers
from geo.views.maplayers import centre_popups
from geo.views.popups import ReleaseLink
from geo.views.presssearch import releases_by_centre
from ui import loaders


@st.cache_resource
def boundaries() -> Boundaries:
    """The Kreis, district and Land boundaries (downloaded, bundled, or only the outline)."""
    return load_boundaries(
        env=os.environ,
        cache_dir=paths.CACHE_DIR,
        outline_path=paths.OUTLINE_GEOJSON,
        bundled_path=paths.BOUNDARIES_GEOJSON,
    )


@st.cache_resource
def static_assets() -> None:
    """Leaflet's files in the app's static folder, copied once per server."""
    install_static_assets(paths.STATIC_DIR)


@st.cache_resource
def boundaries_url() -> str:
    """Where the map fetches the boundaries it draws (published once per server, beside the
    Leaflet files the map loads)."""
    static_assets()
    layers = boundary_layers(boundaries())
    return publish_json(paths.STATIC_DIR, "boundaries", layers, prefix=loaders.static_prefix())


@st.cache_resource
def popups_url(lang: str) -> str:
    """Where the map fetches the KI centres' popups in `lang` (published once per server and
    language, so a step sends none). An upload's popups travel with its steps instead: its data
    never lands in the public static folder."""
    timeline = loaders.ki_timeline()
    popups = centre_popups(timeline, lang=lang, release_links=popup_releases(timeline, lang))
    return publish_json(paths.STATIC_DIR, f"popups-{lang}", popups, prefix=loaders.static_prefix())


@st.cache_resource
def popup_releases(_ki_timeline: Timeline, lang: str) -> dict[str, list[ReleaseLink]]:
    """Per centre, links to the press releases that mention it, newest first."""
    releases = loaders.press_releases()
    by_centre = releases_by_centre(releases.values(), _ki_timeline.centres)
    return {
        centre_id: [
            ReleaseLink(
                loaders.release_href(rid, lang), presscards.release_label(releases[rid], lang)
            )
            for rid in ids
        ]
        for centre_id, ids in by_centre.items()
    }
