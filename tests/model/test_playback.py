"""Stepping, playing and jump targets through the rollout months."""

from __future__ import annotations

from datetime import date

import pytest
from factories import make_milestone

from geo.model.playback import (
    clamp_day,
    interval_seconds,
    jump_targets,
    month_day,
    month_end,
    next_frame,
    step_month,
)

MONTHS = [date(2018, m, 1) for m in range(1, 7)]


@pytest.mark.parametrize(
    ("current", "delta", "expected"),
    [
        (date(2018, 3, 1), 1, date(2018, 4, 1)),
        (date(2018, 3, 17), -1, date(2018, 2, 1)),
        (date(2018, 3, 17), 0, date(2018, 3, 1)),
        (date(2018, 1, 1), -1, date(2018, 1, 1)),
        (date(2018, 6, 1), 1, date(2018, 6, 1)),
        (date(2017, 5, 5), 0, date(2018, 1, 1)),
        (date(2019, 5, 5), 0, date(2018, 6, 1)),
    ],
)
def test_step_month_moves_and_stops_at_the_ends(current, delta, expected) -> None:
    assert step_month(MONTHS, current, delta) == expected


def test_playing_advances_month_by_month() -> None:
    assert next_frame(MONTHS, date(2018, 2, 1), loop=False) == (date(2018, 3, 1), True)
    assert next_frame(MONTHS, date(2018, 2, 14), loop=False) == (date(2018, 3, 1), True)


def test_at_the_end_playback_stops_or_loops() -> None:
    assert next_frame(MONTHS, date(2018, 6, 1), loop=False) == (date(2018, 6, 1), False)
    assert next_frame(MONTHS, date(2018, 6, 1), loop=True) == (date(2018, 1, 1), True)


@pytest.mark.parametrize(("speed", "seconds"), [(0.5, 2.0), (1.0, 1.0), (2.0, 0.5), (4.0, 0.25)])
def test_speed_sets_the_interval(speed, seconds) -> None:
    assert interval_seconds(speed) == seconds


def test_unknown_speed_is_refused() -> None:
    with pytest.raises(ValueError, match="speed"):
        interval_seconds(3.0)


def test_jump_targets_are_the_first_start_and_day_precise_counts_in_range() -> None:
    milestones = [
        make_milestone("2014-04-25", 49, "started"),
        make_milestone("2014-04-25", 49, "started"),
        make_milestone("2016-02-12", 50, "ordinal"),
        make_milestone("2013-06", 29, "approved", precision="month"),
        make_milestone("2012-10-30", 54, "target"),
        make_milestone("2019-08-22", 54, "started"),
    ]
    targets = jump_targets(date(2012, 12, 1), milestones, last_day=date(2018, 10, 1), lang="de")
    assert [t.day for t in targets] == [date(2012, 12, 1), date(2014, 4, 25), date(2016, 2, 12)]
    assert targets[0].label == "01.12.2012: erste Zentren starten"
    assert targets[1].label == "25.04.2014: 49 Zentren laut Angabe"
    english = jump_targets(date(2012, 12, 1), milestones, last_day=date(2018, 10, 1), lang="en")
    assert english[2].label.startswith("12 February 2016: centre no. 50")


@pytest.mark.parametrize(
    ("month", "end"),
    [
        (date(2014, 4, 1), date(2014, 4, 30)),
        (date(2014, 4, 25), date(2014, 4, 30)),
        (date(2013, 2, 1), date(2013, 2, 28)),
        (date(2016, 2, 1), date(2016, 2, 29)),
        (date(2018, 12, 1), date(2018, 12, 31)),
    ],
)
def test_month_end_is_the_last_day_of_the_month(month, end) -> None:
    assert month_end(month) == end


def test_a_month_shows_its_last_day_but_never_after_the_ranges_end() -> None:
    assert month_day(date(2014, 4, 1), date(2018, 10, 31)) == date(2014, 4, 30)
    # The current month: today (the range's end), not a day still to come.
    assert month_day(date(2025, 6, 1), date(2025, 6, 12)) == date(2025, 6, 12)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2021, 8, 10), date(2018, 10, 31)),
        (date(2018, 12, 31), date(2018, 10, 31)),
        (date(2011, 5, 1), date(2012, 1, 1)),
        (date(2014, 4, 25), date(2014, 4, 25)),
        (date(2018, 10, 31), date(2018, 10, 31)),
    ],
)
def test_a_day_outside_the_range_moves_to_its_nearer_end(day, expected) -> None:
    assert clamp_day(day, date(2012, 1, 1), date(2018, 10, 31)) == expected
