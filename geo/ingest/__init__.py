"""Stage 5, data from outside: a user's CSV/XLSX upload and geocoding through Nominatim.

In: uploaded bytes, a column mapping, an injected geocoder. Out: a `Timeline` of the user's
sites like the KI one, or the problems found, each naming line, column and value.
"""
