"""The dashboard with the naive map: every layer added to a freshly built folium map each rerun.

It runs `app.py` unchanged except that `st_folium` receives the whole map with the Kreis and
centre layers as children and no `feature_group_to_add`. The map's script then changes with
every date; `run_bench.py` measures what that costs on the server and in the browser, and
whether the frame is re-mounted.
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit_folium

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench import run_app

_st_folium = streamlit_folium.st_folium


def _naive_st_folium(fig, *, feature_group_to_add=None, **kwargs):
    """Add the layers to the map itself, as one would without streamlit-folium's swap-in API."""
    groups = feature_group_to_add or []
    for group in [groups] if not isinstance(groups, list) else groups:
        group.add_to(fig)
    return _st_folium(fig, **kwargs)


# ui/map_frame.py calls `streamlit_folium.st_folium(...)`, looked up at each call, so it uses this.
streamlit_folium.st_folium = _naive_st_folium
try:
    run_app()
finally:
    streamlit_folium.st_folium = _st_folium
