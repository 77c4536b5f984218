"""Every user-facing string of the dashboard and the map, in German (default) and English."""

from __future__ import annotations

__all__ = ["LANGUAGES", "t"]

LANGUAGES = ("de", "en")

_STRINGS: dict[str, dict[str, str]] = {
    "title": {"de": "KI-Atlas NRW", "en": "KI-Atlas NRW"},
    "subtitle": {
        "de": "Die 54 Kommunalen Integrationszentren in Nordrhein-Westfalen und ihr Aufbau",
        "en": "The 54 Kommunale Integrationszentren of North Rhine-Westphalia and their rollout",
    },
    "date": {"de": "Datum", "en": "Date"},
    "open": {"de": "Geöffnet", "en": "Open"},
    "uncertain": {"de": "Start unsicher", "en": "Start uncertain"},
    "approved": {"de": "Bewilligt, noch nicht gestartet", "en": "Approved, not started"},
    "open_count": {"de": "Geöffnete Zentren", "en": "Open centres"},
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
    "colocated": {
        "de": "Teilt den Ort mit einem anderen Zentrum; beide als ineinanderliegende Ringe "
        "gezeichnet.",
        "en": "Shares its town with another centre; both are drawn as concentric rings.",
    },
    "legend": {"de": "Legende", "en": "Legend"},
    "boundaries_notice": {
        "de": "Kreisgrenzen nicht verfügbar; es wird nur der Landesumriss gezeigt.",
        "en": "Kreis boundaries unavailable; showing only the state outline.",
    },
    "error": {"de": "Fehler in den Daten", "en": "Data error"},
}


def t(key: str, lang: str = "de", **values: object) -> str:
    """The string `key` in `lang` (falls back to German), with `{name}` fields filled in."""
    entry = _STRINGS[key]
    text = entry.get(lang, entry["de"])
    return text.format(**values) if values else text
