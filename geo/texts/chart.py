"""The rollout chart: its title, axes and series, and the tooltips of the stated counts."""

STRINGS: dict[str, dict[str, str]] = {
    "chart_title": {"de": "Aufbau der Zentren", "en": "Rollout of the centres"},
    "chart_date": {"de": "Datum", "en": "Date"},
    "chart_centres": {"de": "Zentren", "en": "Centres"},
    "chart_open": {"de": "Geöffnet (sicher)", "en": "Open (certain)"},
    "chart_band": {"de": "Spanne mit unsicheren Starts", "en": "Range with uncertain starts"},
    "chart_population": {
        "de": "Bevölkerung erreicht (Anteil NRW)",
        "en": "Population reached (share of NRW)",
    },
    "chart_population_high": {
        "de": "Bevölkerung erreicht, höchstens",
        "en": "Population reached, at most",
    },
    "chart_population_axis": {"de": "Bevölkerung erreicht", "en": "Population reached"},
    "chart_check_title": {"de": "Abgleich mit dem Datensatz", "en": "Check against the dataset"},
    "chart_check_ok": {"de": "✓ Angabe stimmig", "en": "✓ statement consistent"},
    "chart_check_off": {"de": "✗ Angabe weicht ab", "en": "✗ statement differs"},
    "chart_stated": {"de": "Angabe der Landesregierung", "en": "Stated by the state"},
    "chart_selected": {"de": "Gewähltes Datum", "en": "Selected date"},
    "chart_measure": {"de": "Art der Angabe", "en": "Kind of statement"},
    "chart_meaning": {"de": "Bedeutung", "en": "Meaning"},
    "chart_check": {"de": "Abgleich", "en": "Check"},
    "chart_measure_started": {"de": "arbeitende Zentren", "en": "centres working"},
    "chart_measure_ordinal": {"de": "n-tes Zentrum", "en": "n-th centre"},
    "chart_measure_approved": {"de": "bewilligte Zentren", "en": "centres approved"},
}
