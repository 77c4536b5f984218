"""Every user-facing string of the dashboard and the map, in German (default) and English."""

from __future__ import annotations

__all__ = ["LANGUAGES", "escape_markdown", "t"]

import re

LANGUAGES = ("de", "en")

_STRINGS: dict[str, dict[str, str]] = {
    "title": {"de": "KI-Atlas NRW", "en": "KI-Atlas NRW"},
    "upload_field_name": {"de": "Name", "en": "Name"},
    "upload_field_address": {"de": "Adresse", "en": "Address"},
    "upload_field_postcode": {"de": "PLZ", "en": "Postcode"},
    "upload_field_town": {"de": "Ort", "en": "Town"},
    "upload_field_lat": {"de": "Breitengrad", "en": "Latitude"},
    "upload_field_lon": {"de": "Längengrad", "en": "Longitude"},
    "upload_field_start": {"de": "Start", "en": "Start"},
    "upload_field_approval": {"de": "Bewilligung", "en": "Approval"},
    "upload_field_precision": {"de": "Genauigkeit des Starts", "en": "Precision of the start"},
    "upload_field_source": {"de": "Quelle (URL)", "en": "Source (URL)"},
    "upload_field_id": {"de": "Eigene Kennung", "en": "Own id"},
    "upload_geocode_done": {
        "de": "{found} von {total} Adressen gefunden; {missing} Zeilen ohne Koordinaten werden "
        "nicht gezeigt.",
        "en": "{found} of {total} addresses found; {missing} rows without coordinates are not "
        "shown.",
    },
    "upload_geocode_cancelled": {
        "de": "Abgebrochen nach {found} gefundenen Adressen; {missing} Zeilen ohne Koordinaten "
        "werden nicht gezeigt.",
        "en": "Cancelled after {found} addresses found; {missing} rows without coordinates are "
        "not shown.",
    },
    "upload_geocode_offline": {
        "de": "Offline oder Dienst nicht erreichbar: {missing} Zeilen ohne Koordinaten werden "
        "nicht gezeigt.",
        "en": "Offline or service unavailable: {missing} rows without coordinates are not shown.",
    },
    "upload_date_span_too_long": {
        "de": "die Datumsangaben umfassen mehr als die erlaubten {years} Jahre: die früheste "
        "ist {first} (Zeile {first_line}, Spalte '{first_column}'), die späteste {last} "
        "(Zeile {last_line}, Spalte '{last_column}'); bitte die Datumsangaben prüfen oder die "
        "Datei aufteilen",
        "en": "the dates span more than the limit of {years} years: the earliest is {first} "
        "(line {first_line}, column '{first_column}'), the latest {last} (line {last_line}, "
        "column '{last_column}'); check the dates or split the file",
    },
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
    "coords_file": {
        "de": "Position: aus der hochgeladenen Datei",
        "en": "Position: from the uploaded file",
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
    "boundaries_path_error": {
        "de": "Die eingestellte Grenzdatei ist nicht nutzbar; die Karte zeigt stattdessen die "
        "nächste verfügbare Quelle.",
        "en": "The configured boundary file cannot be used; the map shows the next available "
        "source instead.",
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
    "tab_map": {"de": "Karte", "en": "Map"},
    "tab_press": {"de": "Pressemitteilungen", "en": "Press releases"},
    "tab_check": {"de": "Faktencheck", "en": "Fact check"},
    "bad_release": {
        "de": "Unbekannte Pressemitteilung „{value}“ im Link; keine ausgewählt.",
        "en": "Unknown press release “{value}” in the link; none selected.",
    },
    "popup_releases": {"de": "Erwähnt in", "en": "Mentioned in"},
    "tab_export": {"de": "Export", "en": "Export"},
    "tab_own": {"de": "Eigene Daten", "en": "Own data"},
    "kpi_covered_own": {"de": "Kreise/Städte mit Standort", "en": "Kreise/cities with a site"},
    "app_own_subtitle": {
        "de": "Eigene Daten: {file} ({n} Standorte) — nur in dieser Sitzung",
        "en": "Own data: {file} ({n} sites) — in this session only",
    },
    "app_dataset": {"de": "Datensatz", "en": "Dataset"},
    "app_dataset_ki": {
        "de": "Kommunale Integrationszentren",
        "en": "Kommunale Integrationszentren",
    },
    "app_dataset_own": {"de": "Eigene Daten ({file})", "en": "Own data ({file})"},
    "app_own_intro": {
        "de": "Eine CSV- oder Excel-Datei (.xlsx) mit eigenen Standorten hochladen und wie die "
        "KI-Daten abspielen. Pflicht: Name und Startdatum; dazu Koordinaten oder eine Adresse. "
        "Trennzeichen `;` oder `,`, UTF-8 oder Windows-1252, Datum als `TT.MM.JJJJ`, "
        "`JJJJ-MM-TT`, `MM/JJJJ` oder `JJJJ`, Dezimalkomma erlaubt. Höchstens {mb} MB und "
        "{rows} Zeilen. Die Datei bleibt in dieser Sitzung und wird nirgends gespeichert.",
        "en": "Upload a CSV or Excel file (.xlsx) of your own sites and replay it like the KI "
        "data. Required: name and start date; plus coordinates or an address. Separator `;` "
        "or `,`, UTF-8 or Windows-1252, dates as `DD.MM.YYYY`, `YYYY-MM-DD`, `MM/YYYY` or "
        "`YYYY`, decimal commas allowed. At most {mb} MB and {rows} rows. The file stays in "
        "this session and is stored nowhere.",
    },
    "app_own_sample": {"de": "Beispieldatei herunterladen", "en": "Download an example file"},
    "app_own_file": {"de": "Datei (CSV oder XLSX)", "en": "File (CSV or XLSX)"},
    "app_own_file_help": {
        "de": "Höchstens {mb} MB; größere Dateien werden abgelehnt.",
        "en": "At most {mb} MB; larger files are refused.",
    },
    "app_own_unreadable": {
        "de": "„{file}“ kann nicht gelesen werden:",
        "en": "“{file}” cannot be read:",
    },
    "app_own_read": {
        "de": "{rows} Zeilen, {columns} Spalten ({format}, Kodierung {encoding}, "
        "Trennzeichen {sep}). Die ersten Zeilen:",
        "en": "{rows} rows, {columns} columns ({format}, encoding {encoding}, "
        "separator {sep}). The first rows:",
    },
    "app_own_mapping": {"de": "Welche Spalte ist was?", "en": "Which column is which?"},
    "app_own_unmapped": {"de": "— keine —", "en": "— none —"},
    "app_own_apply": {"de": "Daten übernehmen", "en": "Use this data"},
    "app_own_shown": {
        "de": "{shown} von {rows} Zeilen werden gezeigt.",
        "en": "{shown} of {rows} rows are shown.",
    },
    "app_own_left_out": {
        "de": "{n} Zeilen wurden ausgelassen, weil etwas nicht stimmt:",
        "en": "{n} rows were left out because something is wrong:",
    },
    "app_own_missing": {
        "de": "{n} Zeilen haben eine Adresse, aber keine Koordinaten; sie fehlen auf der "
        "Karte, bis sie geocodiert sind (Nominatim, höchstens eine Anfrage je Sekunde).",
        "en": "{n} rows have an address but no coordinates; they are missing from the map "
        "until geocoded (Nominatim, at most one request per second).",
    },
    "app_own_geocode": {"de": "{n} Adressen geocodieren", "en": "Geocode {n} addresses"},
    "app_own_cancel": {"de": "Abbrechen", "en": "Cancel"},
    "app_own_geocoding": {"de": "Adressen werden gesucht …", "en": "Looking up addresses …"},
    "app_own_offline": {
        "de": "Geocodierung nicht möglich ({error}). Die Zeilen mit Koordinaten werden "
        "gezeigt; {missing} ohne Koordinaten fehlen.",
        "en": "Geocoding is not possible ({error}). The rows with coordinates are shown; "
        "{missing} without coordinates are missing.",
    },
    "app_problem_file": {"de": "Datei", "en": "File"},
    "app_problem_line": {"de": "Zeile", "en": "Line"},
    "app_problem_column": {"de": "Spalte", "en": "Column"},
    "app_problem_value": {"de": "Wert", "en": "Value"},
    "app_problem_message": {"de": "Problem", "en": "Problem"},
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
    "budget_memory": {
        "de": "Abgebrochen: die Verarbeitung brauchte mehr Arbeitsspeicher als die Grenze von "
        "{amount}.",
        "en": "Stopped: processing needed more memory than the limit of {amount}.",
    },
    "budget_cpu": {
        "de": "Abgebrochen: die Verarbeitung brauchte mehr Rechenzeit als die Grenze von {amount}.",
        "en": "Stopped: processing needed more CPU time than the limit of {amount}.",
    },
    "budget_wall": {
        "de": "Abgebrochen: die Verarbeitung dauerte länger als die Grenze von {amount}.",
        "en": "Stopped: processing took longer than the limit of {amount}.",
    },
    "budget_result": {
        "de": "Abgebrochen: das Ergebnis wäre größer als die Grenze von {amount}.",
        "en": "Stopped: the result would be larger than the limit of {amount}.",
    },
    "export_too_large": {
        "de": "Ein GIF mit {months} Monaten wäre zu groß zum Zeichnen.",
        "en": "A GIF of {months} months would be too large to draw.",
    },
    "budget_failed": {
        "de": "Die Verarbeitung ist unerwartet abgebrochen.",
        "en": "Processing stopped unexpectedly.",
    },
    "app_export_gif": {"de": "GIF herunterladen ({size})", "en": "Download the GIF ({size})"},
    "app_export_table": {"de": "Tabelle der Zentren am {date}", "en": "Table of centres on {date}"},
    "app_export_sep": {"de": "Trennzeichen", "en": "Separator"},
    "app_export_sep_comma": {"de": "Komma (,)", "en": "Comma (,)"},
    "app_export_sep_semicolon": {
        "de": "Semikolon (;) für deutsches Excel",
        "en": "Semicolon (;) for German Excel",
    },
    "app_export_html": {
        "de": "Interaktive Karte als eine Datei",
        "en": "Interactive map as one file",
    },
    "app_export_html_help": {
        "de": "Öffnet offline in jedem Browser: Zeitleiste mit Abspielen, Popups, Quellen.",
        "en": "Opens offline in any browser: timeline with play, popups, sources.",
    },
    "app_press_selected": {
        "de": "Pressemitteilung {release} — {n} erwähnte Zentren hervorgehoben",
        "en": "Press release {release} — {n} mentioned centres highlighted",
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
    "app_fc_intro": {
        "de": "Jede datierte Zahlenangabe neben dem, was der Datensatz an diesem Tag ergibt: "
        "sicher geöffnet, Start unsicher, bewilligt. „Stimmig“ heißt: die Angabe liegt im "
        "Band, das die unsicheren Startdaten zulassen.",
        "en": "Every dated count statement beside what the dataset gives at that date: "
        "certainly open, start uncertain, approved. “Consistent” means the statement lies "
        "within the band the uncertain start dates allow.",
    },
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
    "press_date_unknown": {"de": "Datum unbekannt", "en": "Date unknown"},
    "press_sources": {"de": "Quellen", "en": "Sources"},
    "press_tag_release": {"de": "Pressemitteilung", "en": "Press release"},
    "press_tag_school": {"de": "Schule", "en": "School"},
    "press_tag_count_statement": {"de": "Zahlenangabe", "en": "Count statement"},
    "press_tag_opening": {"de": "Eröffnung", "en": "Opening"},
    "press_tag_approval": {"de": "Bewilligung", "en": "Approval"},
    "press_tag_visit": {"de": "Besuch", "en": "Visit"},
    "press_tag_other": {"de": "Sonstiges", "en": "Other"},
    "fc_col_date": {"de": "Datum", "en": "Date"},
    "fc_col_statement": {"de": "Aussage", "en": "Statement"},
    "fc_col_places": {"de": "Orte", "en": "Places"},
    "fc_col_stated": {"de": "Genannte Zahl", "en": "Stated number"},
    "fc_col_open": {"de": "Geöffnet (Datensatz)", "en": "Open (dataset)"},
    "fc_col_uncertain": {"de": "Start unsicher (Datensatz)", "en": "Start uncertain (dataset)"},
    "fc_col_approved": {"de": "Bewilligt (Datensatz)", "en": "Approved (dataset)"},
    "fc_col_band": {"de": "Spanne im Datensatz", "en": "Dataset range"},
    "fc_col_verdict": {"de": "Ergebnis", "en": "Verdict"},
    "fc_col_reason": {"de": "Begründung", "en": "Reason"},
    "fc_col_context": {"de": "Kontext (englisch)", "en": "Context"},
    "fc_col_source": {"de": "Quelle", "en": "Source"},
    "fc_verdict_consistent": {"de": "stimmig", "en": "consistent"},
    "fc_verdict_off": {"de": "weicht um {diff} ab", "en": "off by {diff}"},
    "fc_verdict_not_comparable": {"de": "nicht vergleichbar", "en": "not comparable"},
    "fc_reason_started": {
        "de": "Am {date} laut Datensatz {low} sicher geöffnet, bis zu {high} mit unsicheren Starts",
        "en": "On {date} the dataset has {low} certainly open, up to {high} with uncertain starts",
    },
    "fc_reason_approved": {
        "de": "Am {date} laut Datensatz {low} geöffnet oder bewilligt, bis zu {high}, die "
        "bewilligt sein könnten (Bewilligungsdaten oft unbekannt)",
        "en": "On {date} the dataset has {low} open or approved, up to {high} that may have "
        "been approved (approval dates are often unknown)",
    },
    "fc_reason_target": {
        "de": "Ein Plan oder Ziel, keine Zahl bestehender Zentren",
        "en": "A plan or target, not a count of existing centres",
    },
    "fc_reason_other": {
        "de": "Die Zahl zählt keine Zentren (z. B. Besuche)",
        "en": "The number counts no centres (for example visits)",
    },
    "fc_reason_no_date": {"de": "Ohne Datum oder ohne Zahl", "en": "No date or no number"},
    "fc_derived": {
        "de": "die Zahl {n} ist aus dem Wortlaut erschlossen",
        "en": "the count {n} is derived from the wording",
    },
    "fc_mark_ordinal": {"de": "{n}.", "en": "no. {n}"},
    "attribution_geonames": {
        "de": "Orte: GeoNames (CC BY 4.0)",
        "en": "Places: GeoNames (CC BY 4.0)",
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
    "report_attribution": {
        "de": "Kreisgrenzen: {boundaries} · {sites}",
        "en": "Kreis boundaries: {boundaries} · {sites}",
    },
    "report_sites_geonames": {
        "de": "Orte der Zentren: GeoNames (CC BY 4.0)",
        "en": "Centre positions: GeoNames (CC BY 4.0)",
    },
    "sites_own": {"de": "Standorte: {file}", "en": "Sites: {file}"},
    "sites_osm": {
        "de": "Geocodierung: © OpenStreetMap-Mitwirkende (ODbL)",
        "en": "Geocoding: © OpenStreetMap contributors (ODbL)",
    },
    "export_own_subtitle": {
        "de": "Eigene Daten: {file} ({n} Standorte)",
        "en": "Own data: {file} ({n} sites)",
    },
    "report_attribution_outline": {
        "de": "Nur der Landesumriss ist gezeichnet, Kreisgrenzen fehlen ({boundaries}) · {sites}",
        "en": "Only the state outline is drawn, Kreis boundaries are missing ({boundaries}) · "
        "{sites}",
    },
}


def t(key: str, lang: str = "de", **values: object) -> str:
    """The string `key` in `lang` (falls back to German), with `{name}` fields filled in."""
    entry = _STRINGS[key]
    text = entry.get(lang, entry["de"])
    return text.format(**values) if values else text


# Every ASCII punctuation character may be backslash-escaped in CommonMark; this covers links,
# images, emphasis and `$` (Streamlit's maths); `:` is escaped for its colour directives.
_MARKDOWN_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")
# GFM autolinks bare `http(s)://`, `www.` and e-mail addresses in the text that escaping leaves,
# so an invisible WORD JOINER goes before every `.`, `:` and `@`: no domain, scheme or address
# is left for remark-gfm to find.
_AUTOLINK_SPECIAL = re.compile(r"([.:@])")
_WORD_JOINER = "\u2060"


def escape_markdown(text: object) -> str:
    """`text` as literal characters in Streamlit's Markdown: a value from a link, a file name or
    a data file must not become a link (also no bare URL, `www.` host or e-mail address), an
    image (a request to another host), maths or emphasis.
    """
    joined = _AUTOLINK_SPECIAL.sub(_WORD_JOINER + r"\1", str(text))
    return _MARKDOWN_SPECIAL.sub(r"\\\1", joined)
