"""The press releases tab: the search form, the result cards and their tags, and the
selection shown on the map."""

STRINGS: dict[str, dict[str, str]] = {
    "app_press_selected": {
        "de": "Pressemitteilung {release} — {n} erwähnte Zentren hervorgehoben",
        "de_one": "Pressemitteilung {release} — {n} erwähntes Zentrum hervorgehoben",
        "en": "Press release {release} — {n} mentioned centres highlighted",
        "en_one": "Press release {release} — {n} mentioned centre highlighted",
    },
    "app_press_clear": {"de": "Auswahl aufheben", "en": "Clear selection"},
    "app_press_search": {"de": "Suche", "en": "Search"},
    "app_press_search_hint": {
        "de": "z. B. Kleve, Dueren, Schule, 49 …",
        "en": "e.g. Kleve, Dueren, Schule, 49 …",
    },
    "app_press_range": {"de": "In Zeitraum suchen", "en": "Search within a date range"},
    "app_press_tags": {"de": "Art", "en": "Type"},
    "app_press_tags_all": {"de": "Alle Arten", "en": "All types"},
    "app_press_undated": {
        "de": "Meldungen ohne Datum einschließen",
        "en": "Include releases without a date",
    },
    "app_press_count": {"de": "Anzahl der Ergebnisse: {n}", "en": "Number of results: {n}"},
    "app_press_show": {"de": "Auf der Karte zeigen", "en": "Show on the map"},
    "press_date_unknown": {"de": "Datum unbekannt", "en": "Date unknown"},
    "press_undated_label": {"de": "ohne Datum: {title}", "en": "undated: {title}"},
    "press_sources": {"de": "Quellen", "en": "Sources"},
    "press_counts": {"de": "Genannte Zahlen", "en": "Numbers stated"},
    "press_count_of": {"de": "{n} von {total}", "en": "{n} of {total}"},
    "press_ordinal": {"de": "{n}.", "en": "no. {n}"},
    "press_tag_release": {"de": "Pressemitteilung", "en": "Press release"},
    "press_tag_school": {"de": "Schule", "en": "School"},
    "press_tag_count_statement": {"de": "Zahlenangabe", "en": "Count statement"},
    "press_tag_opening": {"de": "Eröffnung", "en": "Opening"},
    "press_tag_approval": {"de": "Bewilligung", "en": "Approval"},
    "press_tag_visit": {"de": "Besuch", "en": "Visit"},
    "press_tag_other": {"de": "Sonstiges", "en": "Other"},
}
