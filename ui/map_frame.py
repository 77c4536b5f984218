"""The folium map of one day: the constant base map with the day's Kreis and centre layers swapped
in, drawn by `streamlit_folium.st_folium` looked up at call time (so a caller that replaces it,
the naive benchmark `tests/bench/naive_app.py`, is used)."""

from __future__ import annotations

import streamlit_folium

from geo import keys
from geo.model.timeline import CentreState, Snapshot
from geo.views.basemap import build_base_map
from geo.views.dataset import Dataset
from geo.views.maplayers import centre_layer, kreis_layer
from ui import loaders
from ui.sites_credit import sites_credit


def map_frame(
    data: Dataset,
    snapshot: Snapshot,
    kreis_states: dict[str, CentreState],
    highlight: frozenset[str] | None,
    lang: str,
    tiles: str,
) -> None:
    """Draw the map of `snapshot` with `highlight` (None: nothing dimmed)."""
    timeline, boundaries = data.timeline, loaders.boundaries()
    streamlit_folium.st_folium(
        build_base_map(
            boundaries,
            lang=lang,
            tiles=tiles,
            boundaries_url=loaders.boundaries_url(),
            static_prefix=loaders.static_prefix(),
        ),
        key=keys.MAP,
        feature_group_to_add=[
            kreis_layer(boundaries, kreis_states, lang=lang),
            centre_layer(
                timeline,
                snapshot,
                lang=lang,
                highlight=highlight,
                release_links=None if data.own else loaders.popup_releases(timeline, lang),
                sites_credit=sites_credit(data, lang),
            ),
        ],
        returned_objects=[],
        height=620,
        use_container_width=True,
    )
