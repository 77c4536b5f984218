"""Small builders of domain objects for tests."""

from __future__ import annotations

from dataclasses import replace

from geo.sources.centres import Centre
from geo.sources.fuzzydate import FuzzyDate
from geo.sources.milestones import Milestone

_BASE = Centre(
    id="kreis-test",
    ars="05154",
    territory="Kreis Test",
    territory_type="Kreis",
    regierungsbezirk="Düsseldorf",
    name="KI Kreis Test",
    street="",
    postcode="",
    town="Kleve",
    lat=51.78826,
    lon=6.13865,
    coord_precision="town",
    coord_source="geonames:2887835",
    approval=FuzzyDate.unknown(),
    start=FuzzyDate.unknown(),
    start_alt=FuzzyDate.unknown(),
    sequence_no=None,
    predecessor="",
    sources=("https://example.org/source",),
    notes="",
)


def make_centre(
    *,
    start: tuple[str, str] = ("", "unknown"),
    alt: str = "",
    approval: tuple[str, str] = ("", "unknown"),
    **fields: object,
) -> Centre:
    """A valid centre; dates as (text, precision) pairs, anything else by field name."""
    alt_precision = {4: "year", 7: "month", 10: "day"}.get(len(alt), "unknown")
    return replace(
        _BASE,
        start=FuzzyDate.parse(*start),
        start_alt=FuzzyDate.parse(alt, alt_precision),
        approval=FuzzyDate.parse(*approval),
        **fields,
    )


def make_milestone(day: str, count: int | None, measure: str, precision: str = "day") -> Milestone:
    """A milestone stating `count` centres (of kind `measure`) at `day`."""
    return Milestone(
        date=FuzzyDate.parse(day, precision),
        count=count,
        measure=measure,
        meaning="test",
        places=(),
        summary="",
        sources=("https://example.org/m",),
        line=2,
    )
