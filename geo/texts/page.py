"""The page around the tabs: its head and notices, the tabs, the sidebar, and the warnings about
a link's values that cannot be used."""

STRINGS: dict[str, dict[str, str]] = {
    # The page's head and its notices.
    "title": {"de": "KI-Atlas NRW", "en": "KI-Atlas NRW"},
    "subtitle": {
        "de": "Die 54 Kommunalen Integrationszentren in Nordrhein-Westfalen und ihr Aufbau",
        "en": "The 54 Kommunale Integrationszentren of North Rhine-Westphalia and their rollout",
    },
    "app_own_subtitle": {
        "de": "Eigene Daten: {file} ({n} Standorte) — nur in dieser Sitzung",
        "de_one": "Eigene Daten: {file} ({n} Standort) — nur in dieser Sitzung",
        "en": "Own data: {file} ({n} sites) — in this session only",
        "en_one": "Own data: {file} ({n} site) — in this session only",
    },
    "boundaries_unavailable": {
        "de": "Kreisgrenzen nicht verfügbar ({reasons}); es wird nur der Landesumriss gezeigt.",
        "en": "Kreis boundaries unavailable ({reasons}); showing the state outline only.",
    },
    "boundaries_not_downloaded": {
        "de": "noch nicht heruntergeladen; der Befehl „{command}“ lädt sie herunter",
        "en": "not downloaded yet; run `{command}` to download them",
    },
    "boundaries_layer_derived": {
        "de": "{problem}; stattdessen aus den Kreisen abgeleitet",
        "en": "{problem}; derived from the Kreise instead",
    },
    "boundaries_passed_over": {"de": "{reasons}", "en": "{reasons}"},
    "boundaries_path_error": {
        "de": "Die eingestellte Grenzdatei ist nicht nutzbar; die Karte zeigt stattdessen die "
        "nächste verfügbare Quelle.",
        "en": "The configured boundary file cannot be used; the map shows the next available "
        "source instead.",
    },
    "error": {"de": "Fehler in den Daten", "en": "Data error"},
    # The tabs.
    "tab_map": {"de": "Karte", "en": "Map"},
    "tab_press": {"de": "Pressemitteilungen", "en": "Press releases"},
    "tab_check": {"de": "Faktencheck", "en": "Fact check"},
    "tab_export": {"de": "Export", "en": "Export"},
    "tab_own": {"de": "Eigene Daten", "en": "Own data"},
    # The sidebar.
    "language": {"de": "Sprache", "en": "Language"},
    "app_dataset": {"de": "Datensatz", "en": "Dataset"},
    "app_dataset_ki": {
        "de": "Kommunale Integrationszentren",
        "en": "Kommunale Integrationszentren",
    },
    "app_dataset_own": {"de": "Eigene Daten ({file})", "en": "Own data ({file})"},
    "tiles": {"de": "Hintergrundkarte", "en": "Background map"},
    "tiles_none": {"de": "Keine (offline)", "en": "None (offline)"},
    "tiles_basemap": {"de": "basemap.de (BKG)", "en": "basemap.de (BKG)"},
    "tiles_osm": {"de": "OpenStreetMap", "en": "OpenStreetMap"},
    "tiles_help": {
        "de": "Eine Hintergrundkarte lädt Kacheln von einem fremden Server.",
        "en": "A background map loads tiles from a third-party server.",
    },
    # A link's values that cannot be used.
    "bad_lang": {
        "de": "Unbekannte Sprache „{value}“ im Link; Deutsch wird gezeigt.",
        "en": "Unknown language “{value}” in the link; showing German.",
    },
    "bad_date": {
        "de": "„{value}“ im Link ist kein Datum (JJJJ-MM-TT); das Standarddatum wird gezeigt.",
        "en": "“{value}” in the link is not a date (YYYY-MM-DD); showing the default date.",
    },
    "date_out_of_range": {
        "de": "Das Datum {value} liegt nicht zwischen {first} und {last}; "
        "das Standarddatum wird gezeigt.",
        "en": "The date {value} is outside {first} to {last}; showing the default date.",
    },
    "bad_year": {
        "de": "Jahr „{value}“ im Link ist nicht wählbar und wurde ignoriert.",
        "en": "Year “{value}” in the link cannot be chosen and was ignored.",
    },
    "bad_tiles": {
        "de": "Unbekannte Hintergrundkarte „{value}“ im Link; keine Hintergrundkarte.",
        "en": "Unknown background map “{value}” in the link; showing none.",
    },
    "bad_release": {
        "de": "Unbekannte Pressemitteilung „{value}“ im Link; keine ausgewählt.",
        "en": "Unknown press release “{value}” in the link; none selected.",
    },
    "bad_view": {
        "de": "Unbekannte Ansicht „{value}“ im Link; die Karte mit allen Bedienelementen wird "
        "gezeigt.",
        "en": "Unknown view “{value}” in the link; showing the map with all controls.",
    },
    "bad_aspect": {
        "de": "Unbekanntes Seitenverhältnis „{value}“ im Link (16:9, 4:3 oder 1:1); 16:9 wird "
        "gezeigt.",
        "en": "Unknown aspect ratio “{value}” in the link (16:9, 4:3 or 1:1); showing 16:9.",
    },
}
