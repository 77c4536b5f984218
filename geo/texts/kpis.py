"""The key figures above the map: centres open, uncertain, approved and the Kreise covered."""

STRINGS: dict[str, dict[str, str]] = {
    "open_help": {
        "de": "Sicher gestartet; dazu {uncertain} mit unsicherem Start",
        "en": "Certainly started; plus {uncertain} whose start is uncertain",
    },
    "kpi_covered_own": {"de": "Kreise/Städte mit Standort", "en": "Kreise/cities with a site"},
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
}
