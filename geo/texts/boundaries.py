"""What is wrong with a boundary file (the Kreise, Regierungsbezirke or state outline GeoJSON),
as `geo.i18n.Message` keys: the dashboard's notices show them in the page's language, the CLI
and the logs read the English form."""

STRINGS: dict[str, dict[str, str]] = {
    "boundary_not_found": {"de": "{file}: Datei nicht gefunden", "en": "{file}: file not found"},
    "boundary_unreadable": {"de": "{file}: {problem}", "en": "{file}: {problem}"},
    "boundary_not_json": {
        "de": "{file}: kein gültiges JSON (Zeile {line}, Spalte {column}; beginnt mit {start})",
        "en": "{file}: not valid JSON (line {line}, column {column}; starts with {start})",
    },
    "boundary_bad_json": {
        "de": "{file}: kein gültiges JSON ({reason}; beginnt mit {start})",
        "en": "{file}: not valid JSON ({reason}; starts with {start})",
    },
    "boundary_not_unicode": {
        "de": "{file}: kein gültiges JSON (kein UTF-8; beginnt mit {start})",
        "en": "{file}: not valid JSON (not UTF-8; starts with {start})",
    },
    "boundary_too_deep": {
        "de": "{file}: kein gültiges JSON (zu tief verschachtelt)",
        "en": "{file}: not valid JSON (nested too deeply)",
    },
    "boundary_not_object": {
        "de": "{file}: ein GeoJSON-Objekt wurde erwartet, gefunden wurde ein JSON-Wert vom Typ "
        "„{kind}“",
        "en": "{file}: expected a GeoJSON object, found a JSON {kind}",
    },
    "boundary_bad_geometry": {
        "de": "{file}: eine Geometrie ist kein gültiges GeoJSON",
        "en": "{file}: a geometry is not valid GeoJSON",
    },
    "boundary_not_collection": {
        "de": "{file}: keine GeoJSON-FeatureCollection",
        "en": "{file}: not a GeoJSON FeatureCollection",
    },
    "boundary_feature_not_object": {
        "de": "{file}: ein Feature ist kein JSON-Objekt",
        "en": "{file}: a feature is not a JSON object",
    },
    "boundary_no_nrw_areas": {
        "de": "{file}: keine NRW-Gebiete gefunden (Features mit einem {digits}-stelligen "
        "Regionalschlüssel ARS/RS, der mit 05 beginnt, und einem Polygon)",
        "en": "{file}: no NRW areas found (features with a {digits}-digit regional key "
        "ARS/RS starting with 05 and a polygon)",
    },
    "boundary_no_polygon": {
        "de": "{file}: kein Polygon gefunden",
        "en": "{file}: no polygon found",
    },
    "boundary_outline": {"de": "Landesumriss {file}", "en": "state outline {file}"},
    "boundary_layer": {"de": "{file} (Ebene „{layer}“)", "en": "{file} ({layer} layer)"},
    "boundaries_cache_ignored": {
        "de": "die zwischengespeicherte Datei wurde übergangen: {problem}",
        "en": "the cached file was ignored: {problem}",
    },
}
