"""The interactive map: the states of centres and Kreise, the legend and the popups' labels."""

STRINGS: dict[str, dict[str, str]] = {
    "open": {"de": "Geöffnet", "en": "Open"},
    "uncertain": {"de": "Start unsicher", "en": "Start uncertain"},
    "approved": {"de": "Bewilligt, noch nicht gestartet", "en": "Approved, not started"},
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
    "popup_releases": {"de": "Erwähnt in", "en": "Mentioned in"},
    "popup_unavailable": {
        "de": "Die Angaben zu diesem Zentrum konnten nicht geladen werden.",
        "en": "The details of this centre could not be loaded.",
    },
    "kreis_none": {"de": "noch kein Zentrum", "en": "no centre yet"},
    "kreis_approved": {"de": "Zentrum bewilligt", "en": "centre approved"},
    "kreis_open": {"de": "Zentrum geöffnet", "en": "centre open"},
    "kreis_uncertain": {"de": "Start unsicher", "en": "start uncertain"},
    "legend_kreise": {"de": "Kreise", "en": "Kreise"},
    "legend_centres": {"de": "Zentren", "en": "Centres"},
    "highlight_line": {
        "de": "Hervorgehoben: {reason} ({n} Zentren); übrige blass",
        "de_one": "Hervorgehoben: {reason} ({n} Zentrum); übrige blass",
        "en": "Highlighted: {reason} ({n} centres); others pale",
        "en_one": "Highlighted: {reason} ({n} centre); others pale",
    },
    "highlight_years": {"de": "Start {years}", "en": "started {years}"},
    "highlight_release": {
        "de": "Pressemitteilung vom {date}",
        "en": "press release of {date}",
    },
    "highlight_chosen": {"de": "Auswahl", "en": "selection"},
    "predecessor_none": {"de": "keiner", "en": "none"},
    "predecessor_unknown": {"de": "unbekannt", "en": "unknown"},
    "predecessor_raa": {
        "de": "RAA (Regionale Arbeitsstelle zur Förderung von Kindern und Jugendlichen aus "
        "Zuwandererfamilien)",
        "en": "RAA (regional office for children and young people from immigrant families)",
    },
    "predecessor_other": {"de": "andere Stelle: {name}", "en": "other body: {name}"},
    "map_reset_view": {"de": "Ganz NRW zeigen", "en": "Show all of NRW"},
    "report_view": {"de": "Ansicht für Berichte", "en": "View for reports"},
    "report_view_help": {
        "de": "Nur die Karte, groß, mit Titel, Stand, Zahlen, Legende, Maßstab und Quellen: "
        "für einen Screenshot, der so in einen Bericht passt. Zurück: `view=report` aus der "
        "Adresse entfernen.",
        "en": "Only the map, large, with title, date, counts, legend, scale and sources: for a "
        "screenshot that goes into a report as it is. Back: remove `view=report` from the "
        "address.",
    },
}
