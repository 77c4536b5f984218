"""Where an uploaded dataset's positions come from, as the map popups and exports credit it."""

from __future__ import annotations

from geo.i18n import t
from geo.views.dataset import Dataset


def sites_credit(data: Dataset, lang: str) -> str | None:
    """Where an upload's positions come from: its file, and OpenStreetMap for the geocoded
    ones (None for the KI data, whose credit is GeoNames)."""
    if not data.own:
        return None
    credit = t("sites_own", lang, file=data.filename)
    if data.has_geocoded_sites:
        credit += " · " + t("sites_osm", lang)
    return credit
