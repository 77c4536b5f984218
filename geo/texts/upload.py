"""The own-data tab: the upload form, the column mapping, the rows left out, geocoding
and the problems table."""

STRINGS: dict[str, dict[str, str]] = {
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
    "upload_rows_not_shown": {
        "de": "{n} Zeilen ohne Koordinaten werden nicht gezeigt.",
        "de_one": "{n} Zeile ohne Koordinaten wird nicht gezeigt.",
        "en": "{n} rows without coordinates are not shown.",
        "en_one": "{n} row without coordinates is not shown.",
    },
    "upload_geocode_done": {
        "de": "{found} von {n} Adressen gefunden; {not_shown}",
        "de_one": "{found} von {n} Adresse gefunden; {not_shown}",
        "en": "{found} of {n} addresses found; {not_shown}",
        "en_one": "{found} of {n} address found; {not_shown}",
    },
    "upload_geocode_cancelled": {
        "de": "Abgebrochen nach {n} gefundenen Adressen; {not_shown}",
        "de_one": "Abgebrochen nach {n} gefundenen Adresse; {not_shown}",
        "en": "Cancelled after {n} addresses found; {not_shown}",
        "en_one": "Cancelled after {n} address found; {not_shown}",
    },
    "upload_geocode_offline": {
        "de": "Offline oder Dienst nicht erreichbar: {not_shown}",
        "en": "Offline or service unavailable: {not_shown}",
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
        "de": "{rows}, {columns} ({format}, Kodierung {encoding}, Trennzeichen {sep}). Die "
        "ersten Zeilen:",
        "en": "{rows}, {columns} ({format}, encoding {encoding}, separator {sep}). The first rows:",
    },
    "app_own_rows": {
        "de": "{n} Zeilen",
        "de_one": "{n} Zeile",
        "en": "{n} rows",
        "en_one": "{n} row",
    },
    "app_own_columns": {
        "de": "{n} Spalten",
        "de_one": "{n} Spalte",
        "en": "{n} columns",
        "en_one": "{n} column",
    },
    "app_own_mapping": {"de": "Welche Spalte ist was?", "en": "Which column is which?"},
    "app_own_unmapped": {"de": "— keine —", "en": "— none —"},
    "app_own_apply": {"de": "Daten übernehmen", "en": "Use this data"},
    "app_own_shown": {
        "de": "{shown} von {n} Zeilen werden gezeigt.",
        "de_one": "{shown} von {n} Zeile wird gezeigt.",
        "en": "{shown} of {n} rows are shown.",
        "en_one": "{shown} of {n} row is shown.",
    },
    "app_own_left_out": {
        "de": "{n} Zeilen wurden ausgelassen, weil etwas nicht stimmt:",
        "de_one": "{n} Zeile wurde ausgelassen, weil etwas nicht stimmt:",
        "en": "{n} rows were left out because something is wrong:",
        "en_one": "{n} row was left out because something is wrong:",
    },
    "app_own_missing": {
        "de": "{n} Zeilen haben eine Adresse, aber keine Koordinaten; sie fehlen auf der "
        "Karte, bis sie geocodiert sind (Nominatim, höchstens eine Anfrage je Sekunde).",
        "de_one": "{n} Zeile hat eine Adresse, aber keine Koordinaten; sie fehlt auf der "
        "Karte, bis sie geocodiert ist (Nominatim, höchstens eine Anfrage je Sekunde).",
        "en": "{n} rows have an address but no coordinates; they are missing from the map "
        "until geocoded (Nominatim, at most one request per second).",
        "en_one": "{n} row has an address but no coordinates; it is missing from the map "
        "until geocoded (Nominatim, at most one request per second).",
    },
    "app_own_geocode": {
        "de": "{n} Adressen geocodieren",
        "de_one": "{n} Adresse geocodieren",
        "en": "Geocode {n} addresses",
        "en_one": "Geocode {n} address",
    },
    "app_own_cancel": {"de": "Abbrechen", "en": "Cancel"},
    "app_own_geocoding": {"de": "Adressen werden gesucht …", "en": "Looking up addresses …"},
    "app_own_offline": {
        "de": "Geocodierung nicht möglich ({error}). Die Zeilen mit Koordinaten werden "
        "gezeigt; {n} ohne Koordinaten fehlen.",
        "de_one": "Geocodierung nicht möglich ({error}). Die Zeilen mit Koordinaten werden "
        "gezeigt; {n} ohne Koordinaten fehlt.",
        "en": "Geocoding is not possible ({error}). The rows with coordinates are shown; "
        "{n} without coordinates are missing.",
        "en_one": "Geocoding is not possible ({error}). The rows with coordinates are shown; "
        "{n} without coordinates is missing.",
    },
    "app_problem_file": {"de": "Datei", "en": "File"},
    "app_problem_line": {"de": "Zeile", "en": "Line"},
    "app_problem_column": {"de": "Spalte", "en": "Column"},
    "app_problem_value": {"de": "Wert", "en": "Value"},
    "app_problem_message": {"de": "Problem", "en": "Problem"},
}
