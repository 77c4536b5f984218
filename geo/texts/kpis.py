"""The key figures above the map: centres open, uncertain, approved, the Kreise and the
population covered, and the starts in the chosen years."""

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
    "kpi_year_open": {
        "de": "davon {n} bis {date} geöffnet",
        "en": "{n} of them open by {date}",
    },
    "kpi_year_help": {
        "de": "Zentren, deren Start sicher in diesem Jahr liegt, ob vor oder nach dem gezeigten "
        "Tag; darunter, wie viele davon an ihm schon sicher geöffnet sind. {n} Zentren ohne "
        "sicheres Startjahr",
        "de_one": "Zentren, deren Start sicher in diesem Jahr liegt, ob vor oder nach dem "
        "gezeigten Tag; darunter, wie viele davon an ihm schon sicher geöffnet sind. 1 Zentrum "
        "ohne sicheres Startjahr",
        "en": "Centres whose start certainly falls in that year, before or after the day shown; "
        "below, how many of them have certainly opened by it. {n} centres without a certain year",
        "en_one": "Centres whose start certainly falls in that year, before or after the day "
        "shown; below, how many of them have certainly opened by it. 1 centre without a certain "
        "year",
    },
    "kpi_population": {"de": "Bevölkerung erreicht", "en": "Population reached"},
    "kpi_population_value": {"de": "{share} %", "en": "{share}%"},
    "kpi_population_band": {
        "de": "bis {share} % mit unsicheren Starts",
        "en": "up to {share}% with uncertain starts",
    },
    "kpi_population_help": {
        "de": "Anteil der Einwohner NRWs in Kreisen und kreisfreien Städten, deren Zentren alle "
        "sicher geöffnet sind; mit unsicheren Starts: wo eines geöffnet sein kann. Einwohner: "
        "Destatis, Gemeindeverzeichnis, Stand {reference}.",
        "en": "Share of NRW's residents living in Kreise and cities whose centres have all "
        "certainly opened; with uncertain starts: where one may have opened. Residents: "
        "Destatis, Gemeindeverzeichnis, as of {reference}.",
    },
}
