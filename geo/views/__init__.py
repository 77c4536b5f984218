"""Stage 3, what a page shows: the folium map, the chart, the tables, the press search, the URL.

In: a `Timeline` or a `Dataset` and a language. Out: HTML, Vega-Lite specs, DataFrames and
query strings for the dashboard; never imports streamlit.
"""
