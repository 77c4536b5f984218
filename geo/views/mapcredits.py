"""The map's credit lines: where the boundaries and the site positions come from.

The boundaries' credit belongs to the constant base map, the sites' travels with the markers,
so a different dataset (an upload) changes only the layer it came with.
"""

from __future__ import annotations

__all__ = ["attribution_html", "boundaries_credit", "sites_attribution"]

from html import escape

from geo.i18n import t
from geo.sources.boundaries import Boundaries


def attribution_html(boundaries: Boundaries, lang: str, sites_credit: str | None = None) -> str:
    """The credit line (HTML, escaped): the boundaries' source, then the site positions'."""
    return f"{boundaries_credit(boundaries)} | {sites_attribution(lang, sites_credit)}"


def boundaries_credit(boundaries: Boundaries) -> str:
    """Who the boundaries come from (HTML, escaped): their attribution, linked."""
    return f'<a href="{escape(boundaries.attribution_url)}">{escape(boundaries.attribution)}</a>'


def sites_attribution(lang: str, sites_credit: str | None = None) -> str:
    """Where the site positions come from (HTML): GeoNames, unless `sites_credit` names another
    source (an upload), shown as text."""
    if sites_credit:
        return escape(sites_credit)
    return f'<a href="https://www.geonames.org/">{escape(t("attribution_geonames", lang))}</a>'
