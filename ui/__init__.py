"""The dashboard's Streamlit side: one module per tab plus the cached loaders and session state.

`app.py` routes to these modules; they only turn session state and widgets into calls of the pure
functions in `geo/` (which never imports this package).
"""
