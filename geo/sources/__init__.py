"""Stage 1, reading files: CSV research files, the press listing and boundary GeoJSON.

In: the bytes of `data/` and `data/sources/` (and a cached or downloaded VG250). Out: validated
frozen records (`Centre`, `Milestone`, `PressRelease`, `FuzzyDate`, Kreis polygons) or a
`DataFileError` naming file, line, column and value. Imports nothing from later stages.
"""
