"""Tests for geo.views.dataset: the KI data's coverage series beside its counts."""

from __future__ import annotations

from datetime import date

from geo.model.timeline import Timeline
from geo.paths import CENTRES_CSV, POPULATION_CSV
from geo.sources.centres import load_centres
from geo.sources.population import load_population
from geo.views.dataset import KI_FIRST_MONTH, Dataset

TIMELINE = Timeline(load_centres(CENTRES_CSV))
POPULATION = tuple(load_population(POPULATION_CSV).values())


def test_with_population_the_series_has_the_share_and_its_band() -> None:
    data = Dataset(TIMELINE, first_month=KI_FIRST_MONTH, population=POPULATION)
    series = data.series
    assert {"population_share", "population_share_high"} <= set(series.columns)
    assert series["population_share"].notna().all()
    assert (series["population_share"] <= series["population_share_high"]).all()
    assert series["population_share"].iloc[0] == 0
    assert series["population_share"].iloc[-1] == 1
    coverage = data.coverage(date(2014, 4, 25))
    assert coverage is not None
    assert 0.5 < coverage.share < coverage.share_high < 1


def test_without_population_there_is_no_coverage() -> None:
    data = Dataset(TIMELINE, filename="own.csv")
    assert data.coverage(date(2014, 4, 25)) is None
    assert "population_share" not in data.series.columns
    assert hash(data) == hash(Dataset(TIMELINE, filename="own.csv"))
