"""The Nominatim geocoder: the rate-limited geopy client (built, never called here), the
structured query for a centre's address, and the position a geocoder's answer gives."""

from __future__ import annotations

__all__ = [
    "DEFAULT_USER_AGENT",
    "NOMINATIM_URL",
    "GeocodeFn",
    "answer_position",
    "make_nominatim_geocode",
    "structured_query",
]

import functools
import math
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

from geo.errors import UsageError
from geo.sources.centres import NRW_BBOX, Centre

DEFAULT_USER_AGENT = "ki-atlas-nrw/0.1 (+https://github.com/ki-atlas-nrw)"
# OpenStreetMap's public instance; a self-hosted Nominatim keeps addresses in-house.
NOMINATIM_URL = "https://nominatim.openstreetmap.org"
COUNTRY = "Deutschland"

GeocodeFn = Callable[[Mapping[str, str]], Any]
"""Takes a structured query; returns None or an object with latitude, longitude and address."""


def make_nominatim_geocode(
    *,
    url: str = NOMINATIM_URL,
    user_agent: str = DEFAULT_USER_AGENT,
    timeout: float = 10,
    min_delay_seconds: float = 1.0,
    max_retries: int = 2,
) -> GeocodeFn:
    """Build the rate-limited Nominatim geocode callable (no request is made here).

    Queries are restricted to Germany and bounded by the NRW box. A final failure after
    `max_retries` retries raises the geopy error instead of returning None, so "service down"
    never looks like "address not found". Nominatim allows at most one request per second,
    hence `min_delay_seconds` below 1 is refused. `url` names the Nominatim instance (http or
    https, optionally with a path).
    """
    # Imported here so that loading this module never pulls in an HTTP stack.
    from geopy.extra.rate_limiter import RateLimiter
    from geopy.geocoders import Nominatim

    if min_delay_seconds < 1:
        raise ValueError("Nominatim allows at most one request per second: min_delay_seconds >= 1")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(f"Nominatim address must be an http(s) URL: {url!r}")
    south, west, north, east = NRW_BBOX
    nominatim = Nominatim(
        user_agent=user_agent,
        timeout=timeout,
        scheme=parts.scheme,
        domain=parts.netloc + parts.path.rstrip("/"),
    )
    search = functools.partial(
        nominatim.geocode,
        exactly_one=True,
        country_codes="de",
        viewbox=[(north, west), (south, east)],
        bounded=True,
    )
    return RateLimiter(
        search,
        min_delay_seconds=min_delay_seconds,
        max_retries=max_retries,
        error_wait_seconds=max(5.0, min_delay_seconds),
        swallow_exceptions=False,
    )


def structured_query(centre: Centre) -> dict[str, str]:
    """The Nominatim structured query for the centre's office address (empty parts left out)."""
    parts = {
        "street": centre.street,
        "postalcode": centre.postcode,
        "city": centre.town,
        "country": COUNTRY,
    }
    return {key: value.strip() for key, value in parts.items() if value.strip()}


def answer_position(answer: Any) -> tuple[float, float] | None:
    """(lat, lon) of a geocoder's answer; None for no answer or one that is not a finite number
    ("nan", "inf", garbage), which counts as not found rather than crashing the map."""
    if answer is None:
        return None
    try:
        lat, lon = float(answer.latitude), float(answer.longitude)
    except (TypeError, ValueError, AttributeError):
        return None
    return (lat, lon) if math.isfinite(lat) and math.isfinite(lon) else None
