"""Stage 4, files for reports: print-ready figures (PNG/SVG/PDF), the GIF, CSV and offline HTML.

In: a `Dataset`, a day and the boundaries. Out: bytes or an atomically written file.
"""
