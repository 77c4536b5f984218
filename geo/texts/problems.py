"""The problems found in an uploaded or data file (reading it, its columns, each row's cells)
and in a date, as `geo.i18n.Message` keys: the English form is what the CLI and the logs read."""

STRINGS: dict[str, dict[str, str]] = {
    # Dates and precisions (geo.sources.fuzzydate, geo.ingest.cellvalues).
    "problem_date_form": {
        "de": "erwartet JJJJ, JJJJ-MM oder JJJJ-MM-TT",
        "en": "expected YYYY, YYYY-MM or YYYY-MM-DD",
    },
    "problem_no_such_month": {
        "de": "einen Monat {month} gibt es nicht",
        "en": "month {month} does not exist",
    },
    "problem_no_such_day": {
        "de": "einen Tag {day} gibt es im {month} nicht",
        "en": "day {day} does not exist in {month}",
    },
    "problem_precision_one_of": {
        "de": "die Genauigkeit muss eine dieser sein: {allowed}",
        "en": "precision must be one of {allowed}",
    },
    "problem_date_with_unknown": {
        "de": "ein Datum ist angegeben, aber die Genauigkeit ist 'unknown' (unbekannt)",
        "en": "a date is given but its precision is 'unknown'",
    },
    "problem_precision_needs_date": {
        "de": "die Genauigkeit '{precision}' braucht ein Datum",
        "en": "precision '{precision}' needs a date",
    },
    "problem_precision_form": {
        "de": "die Genauigkeit '{precision}' passt nicht zur Form des Datums",
        "en": "precision '{precision}' does not match the date's form",
    },
    "problem_bad_time": {
        "de": "enthält eine unmögliche Uhrzeit ({time})",
        "en": "has an impossible time of day ({time})",
    },
    "problem_not_a_date": {
        "de": "ist kein Datum (TT.MM.JJJJ, JJJJ-MM-TT, MM/JJJJ, MM.JJJJ oder JJJJ schreiben)",
        "en": "is not a date (use dd.mm.yyyy, yyyy-mm-dd, mm/yyyy, mm.yyyy or yyyy)",
    },
    "problem_year_range": {
        "de": "das Jahr {year} liegt nicht zwischen {first} und {last}",
        "en": "year {year} is outside {first}..{last}",
    },
    "problem_not_a_precision": {
        "de": "ist keine Genauigkeit ({allowed})",
        "en": "is not a precision ({allowed})",
    },
    "problem_start_with_unknown": {
        "de": "die Genauigkeit ist „unbekannt“, aber ein Startdatum ist angegeben",
        "en": "the precision is 'unknown' but a start date is given",
    },
    # A row's cells (geo.ingest.cellvalues, geo.ingest.siterow, geo.ingest.sites).
    "problem_foreign_digit": {
        "de": "enthält die Ziffer {digit} ({name}); bitte die Ziffern 0-9 schreiben",
        "en": "contains the digit {digit} ({name}); write the digits 0-9",
    },
    "problem_not_decimal": {
        "de": "ist keine Dezimalzahl (wie 51,43 oder 51.43)",
        "en": "is not a decimal number (like 51.43 or 51,43)",
    },
    "problem_not_url": {
        "de": "{url} ist keine http(s)-Adresse",
        "en": "{url} is not an http(s) URL",
    },
    "problem_empty_name": {"de": "darf nicht leer sein", "en": "must not be empty"},
    "problem_no_place": {
        "de": "hat weder Koordinaten (lat/lon) noch eine Adresse",
        "en": "has neither coordinates (lat/lon) nor an address",
    },
    "problem_one_coordinate": {
        "de": "ist leer, obwohl die andere Koordinate angegeben ist",
        "en": "is empty while the other coordinate is given",
    },
    "problem_swapped": {
        "de": "Breite und Länge vertauscht? Nur umgekehrt liegen sie in NRW",
        "en": "lat and lon swapped? they lie in NRW only the other way round",
    },
    "problem_outside_box": {
        "de": "liegt außerhalb von NRW (Breite {south}–{north}, Länge {west}–{east})",
        "en": "lies outside NRW (lat {south}–{north}, lon {west}–{east})",
    },
    "problem_outside_kreise": {
        "de": "liegt außerhalb von NRW (in keinem seiner Kreise und keiner kreisfreien Stadt)",
        "en": "lies outside NRW (in none of its Kreise and kreisfreie Städte)",
    },
    "problem_lat_lon": {"de": "Breite {lat}, Länge {lon}", "en": "lat {lat}, lon {lon}"},
    "problem_duplicate_id": {"de": "doppelt (wie Zeile {line})", "en": "duplicate of line {line}"},
    "problem_duplicate_place": {
        "de": "doppelt (gleicher Name und Ort wie Zeile {line})",
        "en": "duplicate of line {line} (same name and place)",
    },
    "problem_cell_too_long": {
        "de": "die Zelle hat {chars} Zeichen, mehr als die erlaubten {limit}",
        "en": "the cell has {chars} characters, more than the limit of {limit}",
    },
    # The columns and their mapping (geo.ingest.rawtable, geo.ingest.columns).
    "problem_no_header": {
        "de": "die erste Zeile muss die Spaltennamen enthalten",
        "en": "the first line must hold the column names",
    },
    "problem_total_chars": {
        "de": "die Zellen enthalten zusammen mehr als die erlaubten {limit} Zeichen",
        "en": "the cells hold more than the limit of {limit} characters in all",
    },
    "problem_row_width": {
        "de": "hat {cells} Zellen, die Kopfzeile hat {width}",
        "en": "has {cells} cells, the header has {width}",
    },
    "problem_no_rows": {
        "de": "die Datei hat eine Kopfzeile, aber keine Zeilen",
        "en": "the file has a header but no rows",
    },
    "problem_columns_value": {"de": "{columns} Spalten", "en": "{columns} columns"},
    "problem_too_many_columns": {
        "de": "die Datei hat mehr als die erlaubten {limit} Spalten",
        "en": "the file has more than the limit of {limit} columns",
    },
    "problem_column_unnamed": {
        "de": "Spalte {position} hat keinen Namen",
        "en": "column {position} has no name",
    },
    "problem_column_twice": {
        "de": "doppelter Spaltenname (auch Spalte {position})",
        "en": "duplicate column name (also column {position})",
    },
    "problem_too_many_rows": {
        "de": "die Datei hat mehr als die erlaubten {limit} Datenzeilen (gelesen bis Zeile {line})",
        "en": "the file has more than the limit of {limit} data rows (stopped reading at line "
        "{line})",
    },
    "problem_unknown_field": {"de": "ist kein bekanntes Feld", "en": "is not a known field"},
    "problem_no_such_column": {
        "de": "diese Spalte gibt es nicht (zugeordnet zu '{field}')",
        "en": "no such column (mapped to '{field}')",
    },
    "problem_column_used_twice": {
        "de": "Spalte für '{first}' und '{field}' zugleich gewählt",
        "en": "column used for both '{first}' and '{field}'",
    },
    "problem_required_column": {
        "de": "die Pflichtspalte '{field}' fehlt (erkannte Überschriften: {headers})",
        "en": "required column '{field}' is missing (recognised headers: {headers})",
    },
    "problem_lat_lon_together": {
        "de": "'lat' und 'lon' gehören zusammen: '{lacking}' fehlt",
        "en": "'lat' and 'lon' go together: '{lacking}' is missing",
    },
    "problem_cannot_place": {
        "de": "die Standorte lassen sich nicht platzieren: entweder 'lat' und 'lon' oder eine "
        "Spalte 'address'/'town' zuordnen",
        "en": "sites cannot be placed: map either 'lat' and 'lon' or an 'address'/'town' column",
    },
    # The file as a whole (geo.ingest.upload_reader, geo.ingest.csvtable, geo.ingest.xlsx).
    "problem_format_xls": {
        "de": "das alte Excel-Format .xls wird nicht unterstützt; bitte als .xlsx oder CSV "
        "speichern",
        "en": "the old Excel format .xls is not supported; save it as .xlsx or as CSV",
    },
    "problem_format_xlsm": {
        "de": "Excel-Dateien mit Makros (.xlsm) werden nicht unterstützt; bitte als .xlsx oder "
        "CSV speichern",
        "en": "macro-enabled Excel files (.xlsm) are not supported; save it as .xlsx or as CSV",
    },
    "problem_format_xlsb": {
        "de": "binäre Excel-Dateien (.xlsb) werden nicht unterstützt; bitte als .xlsx oder CSV "
        "speichern",
        "en": "binary Excel files (.xlsb) are not supported; save it as .xlsx or as CSV",
    },
    "problem_format_ods": {
        "de": "OpenDocument-Tabellen (.ods) werden nicht unterstützt; bitte als .xlsx oder CSV "
        "speichern",
        "en": "OpenDocument spreadsheets (.ods) are not supported; save it as .xlsx or as CSV",
    },
    "problem_format_numbers": {
        "de": "Apple-Numbers-Dateien werden nicht unterstützt; bitte als .xlsx oder CSV "
        "exportieren",
        "en": "Apple Numbers files are not supported; export it as .xlsx or as CSV",
    },
    "problem_extension": {
        "de": "'.{extension}'-Dateien werden nicht unterstützt; bitte eine CSV- oder "
        ".xlsx-Datei hochladen",
        "en": "'.{extension}' files are not supported; upload a CSV or .xlsx file",
    },
    "problem_no_extension": {
        "de": "Dateien ohne Endung werden nicht unterstützt; bitte eine CSV- oder .xlsx-Datei "
        "hochladen",
        "en": "files without an extension are not supported; upload a CSV or .xlsx file",
    },
    "problem_bytes_value": {"de": "{bytes} Bytes", "en": "{bytes} bytes"},
    "problem_file_too_big": {
        "de": "die Datei ist größer als die erlaubten {limit} Bytes",
        "en": "the file is larger than the limit of {limit} bytes",
    },
    "problem_file_empty": {"de": "die Datei ist leer", "en": "the file is empty"},
    "problem_row_cells": {
        "de": "hat {cells} Zellen, die Kopfzeile hat {columns}",
        "en": "has {cells} cells, the header has {columns}",
    },
    "problem_semicolons": {
        "de": "die Spalten sind durch ';' getrennt; erwartet wird ','",
        "en": "columns are separated by ';'; expected ','",
    },
    "problem_column_missing": {
        "de": "die Pflichtspalte fehlt",
        "en": "required column is missing",
    },
    "problem_column_unexpected": {"de": "unerwartete Spalte", "en": "unexpected column"},
    "problem_columns_order": {
        "de": "die Spalten stehen nicht in der Reihenfolge {columns}",
        "en": "columns are out of order: {columns}",
    },
    "problem_one_of": {
        "de": "muss einer dieser Werte sein: {allowed}",
        "en": "must be one of {allowed}",
    },
    "problem_header_only": {
        "de": "die Datei hat eine Kopfzeile, aber keine Zeilen",
        "en": "the file has a header but no rows",
    },
    "problem_cannot_read": {
        "de": "kann nicht gelesen werden: {reason}",
        "en": "cannot read: {reason}",
    },
    "problem_not_regular": {
        "de": "keine gewöhnliche Datei ({kind})",
        "en": "not a regular file ({kind})",
    },
    "problem_too_large": {
        "de": "die Datei ist zu groß ({size} MB; erlaubt sind {limit} MB): ist es die richtige "
        "Datei?",
        "en": "the file is too large ({size} MB; the limit is {limit} MB): is it the right file?",
    },
    "problem_too_large_growing": {
        "de": "die Datei ist zu groß (mehr als {limit} MB): ist es die richtige Datei?",
        "en": "the file is too large (more than {limit} MB): is it the right file?",
    },
    "problem_character_value": {"de": "Zeichen {code}", "en": "character {code}"},
    "problem_control_characters": {
        "de": "Binärdaten (Steuerzeichen), keine CSV-Datei",
        "en": "binary data (control characters), not a CSV file",
    },
    "problem_lines_value": {
        "de": "etwa {lines} Zeilen in der Datei",
        "en": "about {lines} lines in the file",
    },
    "problem_zip_not_csv": {
        "de": "das ist eine Excel-/ZIP-Datei, keine CSV-Datei; bitte mit Endung .xlsx hochladen",
        "en": "this is an Excel/zip file, not CSV; name it .xlsx",
    },
    "problem_binary": {
        "de": "Binärdaten, keine Text-(CSV-)Datei",
        "en": "binary data, not a text (CSV) file",
    },
    "problem_csv_cell_limit": {
        "de": "eine Zelle hat mehr als die erlaubten {limit} Zeichen",
        "en": "a cell has more than the limit of {limit} characters",
    },
    "problem_binary_text": {
        "de": "Binärdaten, keine Textdatei",
        "en": "binary data, not a text file",
    },
    "problem_byte_value": {"de": "Byte 0x{byte}", "en": "byte 0x{byte}"},
    "problem_not_unicode": {
        "de": "kein UTF-8 (ist es Latin-1/Windows-1252? bitte als UTF-8 speichern)",
        "en": "not UTF-8 (is it Latin-1/Windows-1252? save it as UTF-8)",
    },
    "problem_not_csv": {"de": "keine gültige CSV-Datei: {error}", "en": "not valid CSV: {error}"},
    "problem_not_zip": {
        "de": "keine echte .xlsx-Datei (kein ZIP-Archiv)",
        "en": "not a real .xlsx file (not a zip archive)",
    },
    "problem_xlsx_damaged": {
        "de": "die .xlsx-Datei ist beschädigt oder unvollständig ({error})",
        "en": "the .xlsx file is damaged or truncated ({error})",
    },
    "problem_no_worksheet": {
        "de": "die .xlsx-Datei hat kein Tabellenblatt",
        "en": "the .xlsx file has no worksheet",
    },
    "problem_declared_rows_value": {
        "de": "das Blatt gibt {rows} Zeilen an",
        "en": "the sheet declares {rows} rows",
    },
    "problem_size_not_declared": {"de": "Größe nicht angegeben", "en": "size not declared"},
    "problem_unpacked_value": {"de": "{bytes} Bytes entpackt", "en": "{bytes} bytes unpacked"},
    "problem_packed_value": {
        "de": "{bytes} Bytes aus {packed}",
        "en": "{bytes} bytes from {packed}",
    },
    "problem_part_too_big": {
        "de": "der Teil {part} der .xlsx-Datei entpackt zu mehr als {limit} Bytes",
        "en": "the part {part} of the .xlsx file unpacks to more than {limit} bytes",
    },
    "problem_part_ratio": {
        "de": "der Teil {part} der .xlsx-Datei entpackt zum {ratio}-Fachen seiner Größe, mehr "
        "als das erlaubte {limit}-Fache",
        "en": "the part {part} of the .xlsx file unpacks {ratio} times its size, more than the "
        "limit of {limit} times",
    },
    "problem_unpacked_too_big": {
        "de": "die .xlsx-Datei entpackt zu mehr als {limit} Bytes",
        "en": "the .xlsx file unpacks to more than {limit} bytes",
    },
    "problem_cells_value": {"de": "{cells} Zellen", "en": "{cells} cells"},
    "problem_cell_value": {"de": "Zelle {cell}", "en": "cell {cell}"},
    "problem_row_value": {"de": "Zeile {row}", "en": "row {row}"},
    "problem_sheet_cells": {
        "de": "das Blatt hat mehr als die erlaubten {limit} Zellen (leere mitgezählt)",
        "en": "the sheet has more than the limit of {limit} cells (empty ones included)",
    },
    "problem_sheet_columns": {
        "de": "das Blatt hat Zellen jenseits der erlaubten {limit} Spalten",
        "en": "the sheet has cells beyond the limit of {limit} columns",
    },
    "problem_sheet_rows": {
        "de": "das Blatt hat mehr als die erlaubten {limit} Zeilen (leere mitgezählt)",
        "en": "the sheet has more than the limit of {limit} rows (blank ones included)",
    },
    "problem_sheet_declared": {
        "de": "das Blatt gibt seine Größe als {ref} an, mehr als die erlaubten {rows} Zeilen "
        "und {columns} Spalten",
        "en": "the sheet declares its size as {ref}, more than the limit of {rows} rows and "
        "{columns} columns",
    },
    "problem_sheet_too_big": {
        "de": "{problem}; bitte die leeren Zeilen und Spalten löschen oder als CSV speichern",
        "en": "{problem}; delete the empty rows and columns or save it as CSV",
    },
}
