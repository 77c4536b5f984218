"""Every user-facing string of the dashboard and the map, in German (default) and English."""

from __future__ import annotations

__all__ = ["LANGUAGES", "t"]

LANGUAGES = ("de", "en")

_STRINGS: dict[str, dict[str, str]] = {
    "title": {"de": "KI-Atlas NRW", "en": "KI-Atlas NRW"},
    "subtitle": {
        "de": "Die 54 Kommunalen Integrationszentren in Nordrhein-Westfalen und ihr Aufbau",
        "en": "The 54 Kommunale Integrationszentren of North Rhine-Westphalia and their rollout",
    },
    "open": {"de": "Geöffnet", "en": "Open"},
    "uncertain": {"de": "Start unsicher", "en": "Start uncertain"},
    "approved": {"de": "Bewilligt, noch nicht gestartet", "en": "Approved, not started"},
    "open_help": {
        "de": "Sicher gestartet; dazu {uncertain} mit unsicherem Start",
        "en": "Certainly started; plus {uncertain} whose start is uncertain",
    },
    "address": {"de": "Adresse", "en": "Address"},
    "approval": {"de": "Bewilligung", "en": "Approval"},
    "start": {"de": "Start", "en": "Start"},
    "start_alt": {"de": "Abweichende Angabe", "en": "Conflicting date"},
    "predecessor": {"de": "Vorgänger", "en": "Predecessor"},
    "sources": {"de": "Quellen", "en": "Sources"},
    "source": {"de": "Quelle", "en": "source"},
    "coords_town": {
        "de": "Position: Ortsmitte von {town} (GeoNames)",
        "en": "Position: centre of {town} (GeoNames)",
    },
    "coords_address": {
        "de": "Position: Adresse (Nominatim)",
        "en": "Position: address (Nominatim)",
    },
    "colocated": {
        "de": "Teilt den Ort mit einem anderen Zentrum; beide als ineinanderliegende Ringe "
        "gezeichnet.",
        "en": "Shares its town with another centre; both are drawn as concentric rings.",
    },
    "boundaries_notice": {
        "de": "Kreisgrenzen nicht verfügbar; es wird nur der Landesumriss gezeigt.",
        "en": "Kreis boundaries unavailable; showing only the state outline.",
    },
    "error": {"de": "Fehler in den Daten", "en": "Data error"},
    "chart_title": {"de": "Aufbau der Zentren", "en": "Rollout of the centres"},
    "chart_date": {"de": "Datum", "en": "Date"},
    "chart_centres": {"de": "Zentren", "en": "Centres"},
    "chart_open": {"de": "Geöffnet (sicher)", "en": "Open (certain)"},
    "chart_band": {
        "de": "Spanne: geöffnet bis geöffnet + unsicher",
        "en": "Range: open to open + uncertain",
    },
    "chart_stated": {"de": "Angabe der Landesregierung", "en": "Stated by the state"},
    "chart_selected": {"de": "Gewähltes Datum", "en": "Selected date"},
    "chart_measure": {"de": "Art der Angabe", "en": "Kind of statement"},
    "chart_meaning": {"de": "Bedeutung", "en": "Meaning"},
    "chart_check": {"de": "Abgleich", "en": "Check"},
    "chart_measure_started": {"de": "arbeitende Zentren", "en": "centres working"},
    "chart_measure_ordinal": {"de": "n-tes Zentrum", "en": "n-th centre"},
    "chart_measure_approved": {"de": "bewilligte Zentren", "en": "centres approved"},
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
    "language": {"de": "Sprache", "en": "Language"},
    "tiles": {"de": "Hintergrundkarte", "en": "Background map"},
    "tiles_none": {"de": "Keine (offline)", "en": "None (offline)"},
    "tiles_basemap": {"de": "basemap.de (BKG)", "en": "basemap.de (BKG)"},
    "tiles_osm": {"de": "OpenStreetMap", "en": "OpenStreetMap"},
    "tiles_help": {
        "de": "Eine Hintergrundkarte lädt Kacheln von einem fremden Server.",
        "en": "A background map loads tiles from a third-party server.",
    },
    "play": {"de": "▶ Abspielen", "en": "▶ Play"},
    "pause": {"de": "⏸ Pause", "en": "⏸ Pause"},
    "speed": {"de": "Tempo", "en": "Speed"},
    "loop": {"de": "Wiederholen", "en": "Loop"},
    "step_back": {"de": "◀ Monat", "en": "◀ Month"},
    "step_forward": {"de": "Monat ▶", "en": "Month ▶"},
    "month": {"de": "Monat", "en": "Month"},
    "shown_date": {"de": "Stand: {date}", "en": "As of {date}"},
    "jump_to": {"de": "Springe zu", "en": "Jump to"},
    "jump_placeholder": {"de": "Meilenstein wählen …", "en": "Choose a milestone …"},
    "years": {"de": "Startjahr hervorheben", "en": "Highlight start year"},
    "years_help": {
        "de": "Keine Auswahl = alle Jahre. Hervorgehoben werden Zentren, deren Start sicher in "
        "einem gewählten Jahr liegt.",
        "en": "No selection = all years. Highlighted are centres whose start certainly falls in "
        "a chosen year.",
    },
    "kpi_open": {"de": "Geöffnet", "en": "Open"},
    "kpi_uncertain": {"de": "Start unsicher", "en": "Start uncertain"},
    "kpi_approved": {"de": "Bewilligt, noch nicht offen", "en": "Approved, not yet open"},
    "kpi_covered": {"de": "Kreise/Städte mit KI", "en": "Kreise/cities with a KI"},
    "kpi_covered_value": {"de": "{n} von 53", "en": "{n} of 53"},
    "kpi_covered_help": {
        "de": "Mit mindestens einem sicher geöffneten Zentrum",
        "en": "With at least one centre that has certainly opened",
    },
    "kpi_year": {"de": "Start in {years}", "en": "Started in {years}"},
    "kpi_year_help": {
        "de": "Zentren, deren Start sicher in diesem Jahr liegt; {unknown} ohne sicheres Startjahr",
        "en": "Centres whose start certainly falls in that year; {unknown} without a certain year",
    },
    "table_title": {"de": "Zentren am {date}", "en": "Centres on {date}"},
    "col_name": {"de": "Zentrum", "en": "Centre"},
    "col_territory": {"de": "Gebiet", "en": "Territory"},
    "col_state": {"de": "Stand", "en": "State"},
    "col_start": {"de": "Start", "en": "Start"},
    "col_approval": {"de": "Bewilligung", "en": "Approval"},
    "col_sources": {"de": "Quellen", "en": "Sources"},
    "col_highlight": {"de": "Hervorgehoben", "en": "Highlighted"},
    "kreis_none": {"de": "noch kein Zentrum", "en": "no centre yet"},
    "kreis_approved": {"de": "Zentrum bewilligt", "en": "centre approved"},
    "kreis_open": {"de": "Zentrum geöffnet", "en": "centre open"},
    "kreis_uncertain": {"de": "Start unsicher", "en": "start uncertain"},
    "legend_kreise": {"de": "Kreise", "en": "Kreise"},
    "legend_centres": {"de": "Zentren", "en": "Centres"},
    "jump_first": {"de": "{date}: erste Zentren starten", "en": "{date}: first centres start"},
    "jump_started": {
        "de": "{date}: {n} Zentren laut Angabe",
        "en": "{date}: {n} centres as stated",
    },
    "jump_ordinal": {
        "de": "{date}: {n}. Zentrum ({places})",
        "en": "{date}: centre no. {n} ({places})",
    },
    "jump_approved": {"de": "{date}: {n} bewilligt", "en": "{date}: {n} approved"},
    "attribution_geonames": {
        "de": "Orte: GeoNames (CC BY 4.0)",
        "en": "Places: GeoNames (CC BY 4.0)",
    },
}


def t(key: str, lang: str = "de", **values: object) -> str:
    """The string `key` in `lang` (falls back to German), with `{name}` fields filled in."""
    entry = _STRINGS[key]
    text = entry.get(lang, entry["de"])
    return text.format(**values) if values else text
