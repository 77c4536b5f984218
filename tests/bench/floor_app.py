"""The floor for a slider step: the least a Streamlit rerun can cost (one select_slider, one write).

`run_bench.py` steps it exactly like the dashboard; the ratio app/floor says how much of a step
is the app's own work rather than Streamlit's.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from geo import keys

# The dashboard's slider options: every month from 01/2012 to 12/2019 (a superset of its range).
MONTHS = [date(year, month, 1) for year in range(2012, 2020) for month in range(1, 13)]

st.select_slider("Monat", options=MONTHS, key=keys.DATE_SLIDER, format_func=lambda d: f"{d:%m/%Y}")
st.write(st.session_state[keys.DATE_SLIDER])
