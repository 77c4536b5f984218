"""Tests for geo.views.dataset: the KI data's coverage series beside its counts."""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest
from factories import make_centre

from geo.model.startwindow import own_window
from geo.model.timeline import Timeline
from geo.paths import CENTRES_CSV, POPULATION_CSV
from geo.sources.centres import load_centres
from geo.sources.population import load_population
from geo.views.chart_day import SELECTED_LAYER
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
    coverage = data.coverage(TIMELINE.snapshot(date(2014, 4, 25)))
    assert coverage is not None
    assert 0.5 < coverage.share < coverage.share_high < 1


def test_without_population_there_is_no_coverage() -> None:
    data = Dataset(TIMELINE, filename="own.csv")
    assert data.coverage(TIMELINE.snapshot(date(2014, 4, 25))) is None
    assert "population_share" not in data.series.columns
    assert hash(data) == hash(Dataset(TIMELINE, filename="own.csv"))


KI = Dataset(TIMELINE, first_month=KI_FIRST_MONTH, today=date(2026, 1, 15))


def test_the_ki_range_runs_from_january_2012_to_the_end_of_october_2018() -> None:
    assert (KI.months[0], KI.months[-1]) == (date(2012, 1, 1), date(2018, 10, 1))
    assert (KI.first_day, KI.last_day) == (date(2012, 1, 1), date(2018, 10, 31))
    assert KI.day_of(date(2014, 4, 1)) == date(2014, 4, 30)
    assert KI.day_of(date(2013, 2, 1)) == date(2013, 2, 28)


def test_days_outside_the_range_are_moved_into_it() -> None:
    assert KI.clamped(date(2021, 8, 10)) == date(2018, 10, 31)
    assert KI.clamped(date(2018, 12, 31)) == date(2018, 10, 31)
    assert KI.clamped(date(2010, 3, 3)) == date(2012, 1, 1)
    assert KI.clamped(date(2014, 4, 25)) == date(2014, 4, 25)


def test_every_year_from_the_first_to_the_last_event_is_offered() -> None:
    assert KI.start_years == list(range(2012, 2019))
    assert 2015 in KI.start_years
    assert TIMELINE.started_in([2015]) == ()


def test_the_range_stops_at_today_and_never_shows_a_later_day() -> None:
    timeline = Timeline(
        [
            make_centre(id="a", start=("2025-03-10", "day")),
            make_centre(id="b", start=("2025-07-20", "day")),
        ],
        window_of=partial(own_window, floor=date(2025, 3, 10)),
    )
    data = Dataset(timeline, filename="own.csv", today=date(2025, 6, 12))
    assert data.months == [date(2025, m, 1) for m in (3, 4, 5, 6)]
    assert data.last_day == date(2025, 6, 12)
    assert data.day_of(date(2025, 6, 1)) == date(2025, 6, 12)
    assert data.day_of(date(2025, 5, 1)) == date(2025, 5, 31)
    assert data.shown_days == [
        date(2025, 3, 31),
        date(2025, 4, 30),
        date(2025, 5, 31),
        date(2025, 6, 12),
    ], "each month at its last day, the current one at today"
    assert data.start_years == [2025]
    future = Dataset(timeline, filename="own.csv", today=date(2024, 12, 5))
    assert future.months == [date(2024, 12, 1)]
    assert future.last_day == date(2024, 12, 5)


def test_the_chart_reaches_the_ranges_last_day() -> None:
    assert KI.series["date"].iloc[-1] == date(2018, 10, 31)
    spec = KI.chart_spec("de")
    assert any(layer.get("name") == SELECTED_LAYER for layer in spec["layer"])


def test_the_chart_is_built_once_per_language_when_first_asked_for() -> None:
    data = Dataset(TIMELINE, first_month=KI_FIRST_MONTH)
    german = data.chart_spec("de")
    assert data.chart_spec("de") is german
    assert set(data._chart_specs) == {"de"}, "English is not built for a German page"
    assert data.chart_spec("en")["config"]["locale"]["time"]["months"][6] == "July"
    with pytest.raises(ValueError, match="language must be one of de, en"):
        data.chart_spec("fr")
