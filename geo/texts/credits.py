"""Where positions and boundaries come from, as the map, its popups and the figures credit them."""

STRINGS: dict[str, dict[str, str]] = {
    "attribution_geonames": {
        "de": "Orte: GeoNames (CC BY 4.0)",
        "en": "Places: GeoNames (CC BY 4.0)",
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
    "report_attribution_outline": {
        "de": "Nur der Landesumriss ist gezeichnet, Kreisgrenzen fehlen ({boundaries}) · {sites}",
        "en": "Only the state outline is drawn, Kreis boundaries are missing ({boundaries}) · "
        "{sites}",
    },
}
