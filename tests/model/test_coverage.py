"""Tests for geo.model.coverage: the share of residents where a centre is open, with its band."""

from __future__ import annotations

from datetime import date

import pytest

from geo.model.coverage import coverage_at, coverage_series
from geo.model.timeline import Timeline
from geo.paths import CENTRES_CSV, POPULATION_CSV
from geo.sources.centres import load_centres
from geo.sources.population import KreisPopulation, load_population
from tests.factories import make_centre

DAY = date(2018, 12, 31)


def _population(**residents: int) -> dict[str, KreisPopulation]:
    return {
        ars: KreisPopulation(ars, ars, count, DAY, ("https://example.org",))
        for ars, count in residents.items()
    }


POPULATION = _population(**{"05154": 300, "05334": 500, "05111": 200})


def _coverage(*centres, day: date = date(2014, 1, 1)):
    timeline = Timeline(centres)
    return coverage_at(timeline, timeline.snapshot(day), POPULATION)


def test_an_open_centre_covers_its_kreis_and_an_uncertain_one_only_the_band() -> None:
    cov = _coverage(
        make_centre(id="a", ars="05154", start=("2013-05-01", "day")),
        make_centre(id="b", ars="05111", start=("2014", "year")),
    )
    assert (cov.covered, cov.possible, cov.total) == (300, 500, 1000)
    assert (cov.share, cov.share_high) == (0.3, 0.5)
    assert cov.reference_date == DAY


def test_aachens_shared_area_counts_once_and_only_when_both_centres_are_open() -> None:
    region = make_centre(id="region", ars="05334", start=("2013-07-01", "day"))
    city = make_centre(id="city", ars="05334002", start=("2013-08-01", "day"))
    between = _coverage(region, city, day=date(2013, 7, 15))
    assert (between.covered, between.possible) == (0, 500)
    both = _coverage(region, city, day=date(2013, 9, 1))
    assert (both.covered, both.possible) == (500, 500)


def test_sites_outside_the_figures_cover_nobody() -> None:
    cov = _coverage(make_centre(id="x", ars="05958", start=("2013-01-01", "day")))
    assert (cov.covered, cov.possible) == (0, 0)


def test_the_ki_network_reaches_everyone_once_kleve_opens() -> None:
    timeline = Timeline(load_centres(CENTRES_CSV))
    population = load_population(POPULATION_CSV)
    frame = coverage_series(timeline, [date(2013, 2, 21), date(2016, 7, 1), DAY], population)
    shares = frame["population_share"].tolist()
    assert shares[0] < shares[1] < shares[2] == pytest.approx(1.0)
    assert (frame["population_share"] <= frame["population_share_high"]).all()
    assert list(frame.columns) == ["date", "population_share", "population_share_high"]
