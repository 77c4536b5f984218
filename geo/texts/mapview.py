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
    "kreis_none": {"de": "noch kein Zentrum", "en": "no centre yet"},
    "kreis_approved": {"de": "Zentrum bewilligt", "en": "centre approved"},
    "kreis_open": {"de": "Zentrum geöffnet", "en": "centre open"},
    "kreis_uncertain": {"de": "Start unsicher", "en": "start uncertain"},
    "legend_kreise": {"de": "Kreise", "en": "Kreise"},
    "legend_centres": {"de": "Zentren", "en": "Centres"},
}
