"""The export tab and what it makes: figure titles and captions, the GIF and table
downloads, and the offline map file."""

STRINGS: dict[str, dict[str, str]] = {
    "export_page_title": {"de": "{title} – Offline-Karte", "en": "{title} – offline map"},
    "export_note": {
        "de": "Offline-Datei: Karte, Kreisgrenzen und Daten sind eingebettet; nur die "
        "Quellenlinks führen ins Internet.",
        "en": "Offline file: map, Kreis boundaries and data are embedded; only the source "
        "links lead to the internet.",
    },
    "export_noscript": {
        "de": "Diese Karte braucht JavaScript.",
        "en": "This map needs JavaScript.",
    },
    "app_export_intro": {
        "de": "Abbildungen und Dateien zum Stand {date} (Datum im Reiter „Karte“ wählen). "
        "Jede Datei wird erst beim Klick erzeugt.",
        "en": "Figures and files for {date} (choose the date in the “Map” tab). "
        "Each file is made when you click.",
    },
    "app_export_figure": {
        "de": "Karte zum Stand (A4 quer, 300 dpi)",
        "en": "Map at the shown date (A4 landscape, 300 dpi)",
    },
    "app_export_years": {
        "de": "Jahresbilder {first}–{last} auf einem Blatt",
        "en": "Year-end panels {first}–{last} on one sheet",
    },
    "app_export_animation": {"de": "Animation (GIF)", "en": "Animation (GIF)"},
    "app_export_frame_ms": {"de": "Millisekunden je Monat", "en": "Milliseconds per month"},
    "app_export_make_gif": {"de": "GIF erzeugen", "en": "Make the GIF"},
    "app_export_rendering": {"de": "GIF wird gezeichnet …", "en": "Drawing the GIF …"},
    "export_too_large": {
        "de": "Ein GIF mit {months} Monaten wäre zu groß zum Zeichnen.",
        "en": "A GIF of {months} months would be too large to draw.",
    },
    "app_export_gif": {"de": "GIF herunterladen ({size})", "en": "Download the GIF ({size})"},
    "app_export_table": {"de": "Tabelle der Zentren am {date}", "en": "Table of centres on {date}"},
    "app_export_sep": {"de": "Trennzeichen", "en": "Separator"},
    "app_export_sep_comma": {"de": "Komma (,)", "en": "Comma (,)"},
    "app_export_sep_semicolon": {
        "de": "Semikolon (;) für deutsches Excel",
        "en": "Semicolon (;) for German Excel",
    },
    "app_export_highlight": {
        "de": "Wie auf der Karte: {line}.",
        "en": "As on the map: {line}.",
    },
    "app_export_open_data": {
        "de": "Daten (maschinenlesbar) am {date}",
        "en": "Data (machine-readable) on {date}",
    },
    "app_export_open_data_help": {
        "de": "Alle Zentren mit ID, Regionalschlüssel (ARS), Koordinaten (WGS84), Status am "
        "Datum, Start und Bewilligung als ISO-Datum mit Genauigkeit, Einwohnern des Kreises "
        "und Quellen-URLs; Spaltennamen englisch und fest. Für Datawrapper, Excel-Pivot und "
        "QGIS.",
        "en": "Every centre with id, regional key (ARS), coordinates (WGS84), state at the "
        "date, start and approval as ISO dates with their precision, the Kreis's residents "
        "and the source URLs; fixed English column names. For Datawrapper, Excel pivots and "
        "QGIS.",
    },
    "app_export_html": {
        "de": "Interaktive Karte als eine Datei",
        "en": "Interactive map as one file",
    },
    "app_export_html_help": {
        "de": "Öffnet offline in jedem Browser: Zeitleiste mit Abspielen, Popups, Quellen.",
        "en": "Opens offline in any browser: timeline with play, popups, sources.",
    },
    "report_title": {
        "de": "Kommunale Integrationszentren in NRW",
        "en": "Municipal Integration Centres (KI) in North Rhine-Westphalia",
    },
    "report_multiples_subtitle": {
        "de": "Stand jeweils am Jahresende, {first}–{last}",
        "en": "At the end of each year, {first}–{last}",
    },
    "report_panel_counts": {
        "de": "{open} geöffnet, {uncertain} Start unsicher",
        "en": "{open} open, {uncertain} start uncertain",
    },
    "export_own_subtitle": {
        "de": "Eigene Daten: {file} ({n} Standorte)",
        "de_one": "Eigene Daten: {file} ({n} Standort)",
        "en": "Own data: {file} ({n} sites)",
        "en_one": "Own data: {file} ({n} site)",
    },
}
