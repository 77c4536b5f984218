"""The table of centres below the map: its title and column headings, and the line that holds
the chart's and the table's place until the first map is drawn (with a button that shows them
at once)."""

STRINGS: dict[str, dict[str, str]] = {
    "table_title": {"de": "Zentren am {date}", "en": "Centres on {date}"},
    "below_map_pending": {
        "de": "Diagramm und Tabelle folgen, sobald die Karte gezeichnet ist …",
        "en": "The chart and the table follow once the map is drawn …",
    },
    "below_map_show": {
        "de": "Diagramm und Tabelle jetzt zeigen",
        "en": "Show the chart and the table now",
    },
    "col_name": {"de": "Zentrum", "en": "Centre"},
    "name_formerly": {"de": "früher: {names}", "en": "formerly: {names}"},
    "col_territory": {"de": "Gebiet", "en": "Territory"},
    "col_state": {"de": "Stand", "en": "State"},
    "col_start": {"de": "Start", "en": "Start"},
    "col_approval": {"de": "Bewilligung", "en": "Approval"},
    "col_sources": {"de": "Quellen", "en": "Sources"},
    "col_residents": {
        "de": "Einwohner (Kreis, 31.12.2018)",
        "en": "Residents (Kreis, 31 Dec 2018)",
    },
    "col_highlight": {"de": "Hervorgehoben", "en": "Highlighted"},
}
