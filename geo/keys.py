"""Streamlit widget keys, shared by `app.py` and the tests that drive it."""

from __future__ import annotations

__all__ = ["DATE_SLIDER", "MAP"]

DATE_SLIDER = "date_slider"
MAP = "ki_map"
