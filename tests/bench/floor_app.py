"""The floor for a slider step: the least a Streamlit rerun can cost (one select_slider, one write).

`run_bench.py` steps it exactly like the dashboard; the ratio app/floor says how much of a step
is the app's own work rather than Streamlit's. Opened with `?part=export` in a browser it shows
instead the floor of the GIF export: a button that offers a tiny file for download at once.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from geo import keys
from geo.i18n import t

# The dashboard's slider options: every month from 01/2012 to 12/2019 (a superset of its range).
MONTHS = [date(year, month, 1) for year in range(2012, 2020) for month in range(1, 13)]
# The smallest valid GIF (one transparent pixel): what the floor's export button "makes".
TINY_GIF = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"

if st.query_params.get("part") == "export":
    if st.button(t("app_export_make_gif", "de"), key=keys.MAKE_GIF):
        st.session_state[keys.GIF] = TINY_GIF
    if keys.GIF in st.session_state:
        st.download_button(
            t("app_export_gif", "de", size="0.0 MB"),
            data=st.session_state[keys.GIF],
            file_name="floor.gif",
            mime="image/gif",
            key=f"{keys.DOWNLOAD_PREFIX}gif",
            on_click="ignore",
        )
else:
    st.select_slider(
        "Monat", options=MONTHS, key=keys.DATE_SLIDER, format_func=lambda d: f"{d:%m/%Y}"
    )
    st.write(st.session_state[keys.DATE_SLIDER])
