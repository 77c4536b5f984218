"""Timeline semantics at and around uncertain dates, series, and the milestone check."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from factories import make_centre, make_milestone

from geo.model.timeline import CentreState, Timeline, month_starts

DAY = make_centre(id="day", start=("2013-08-01", "day"))
MONTH = make_centre(id="month", ars="05158", start=("2013-08", "month"))
BEFORE = make_centre(id="before", ars="05162", start=("2013-01-28", "before"))
APPROVED_FIRST = make_centre(
    id="approved-first",
    ars="05166",
    start=("2016-06-29", "day"),
    approval=("2016-04-04", "day"),
    sequence_no=52,
)
TIMELINE = Timeline([DAY, MONTH, BEFORE, APPROVED_FIRST])


def states(day: date) -> dict[str, CentreState]:
    return TIMELINE.snapshot(day).states


def test_day_precise_start_opens_on_that_day_not_before() -> None:
    assert "day" not in states(date(2013, 7, 31))
    assert states(date(2013, 8, 1))["day"] is CentreState.OPEN


def test_month_precise_start_is_uncertain_through_the_month_then_open() -> None:
    assert "month" not in states(date(2013, 7, 31))
    assert states(date(2013, 8, 1))["month"] is CentreState.UNCERTAIN
    assert states(date(2013, 8, 30))["month"] is CentreState.UNCERTAIN
    assert states(date(2013, 8, 31))["month"] is CentreState.OPEN


def test_before_bound_is_uncertain_from_december_2012_until_the_bound() -> None:
    assert "before" not in states(date(2012, 11, 30))
    assert states(date(2012, 12, 1))["before"] is CentreState.UNCERTAIN
    assert states(date(2013, 1, 27))["before"] is CentreState.UNCERTAIN
    assert states(date(2013, 1, 28))["before"] is CentreState.OPEN


def test_approved_before_start_then_open() -> None:
    assert "approved-first" not in states(date(2016, 4, 3))
    assert states(date(2016, 4, 4))["approved-first"] is CentreState.APPROVED
    assert states(date(2016, 6, 28))["approved-first"] is CentreState.APPROVED
    assert states(date(2016, 6, 29))["approved-first"] is CentreState.OPEN


def test_counts_and_ids_of_a_snapshot() -> None:
    snapshot = TIMELINE.snapshot(date(2013, 8, 15))
    assert snapshot.counts == {"open": 2, "uncertain": 1, "approved": 0, "total": 3}
    assert snapshot.ids(CentreState.OPEN) == ("day", "before")
    assert snapshot.ids(CentreState.UNCERTAIN) == ("month",)


def test_series_is_cumulative_and_never_decreases() -> None:
    days = [date(2012, 11, 1) + timedelta(days=n) for n in range(0, 1500, 7)]
    frame = TIMELINE.series(days)
    assert list(frame.columns) == ["date", "open", "uncertain", "approved", "total"]
    assert frame["open"].is_monotonic_increasing
    assert frame["open"].iloc[0] == 0
    assert frame["open"].iloc[-1] == 4


def test_month_starts_covers_both_ends() -> None:
    months = month_starts(date(2012, 1, 15), date(2012, 4, 1))
    assert months == [date(2012, 1, 1), date(2012, 2, 1), date(2012, 3, 1), date(2012, 4, 1)]


def test_month_starts_run_across_a_new_year_and_within_one_month() -> None:
    assert month_starts(date(2012, 11, 30), date(2013, 2, 1)) == [
        date(2012, 11, 1),
        date(2012, 12, 1),
        date(2013, 1, 1),
        date(2013, 2, 1),
    ]
    assert month_starts(date(2016, 6, 5), date(2016, 6, 20)) == [date(2016, 6, 1)]
    assert month_starts(date(2016, 7, 1), date(2016, 6, 30)) == []


def test_event_days_are_where_states_change() -> None:
    days = TIMELINE.event_days()
    assert days == sorted(days)
    for day in days:
        before = TIMELINE.snapshot(day - timedelta(days=1)).states
        assert TIMELINE.snapshot(day).states != before


@pytest.mark.parametrize(
    ("day", "count", "verdict"),
    [
        ("2013-08-15", 2, "consistent"),
        ("2013-08-15", 3, "consistent"),
        ("2013-08-15", 4, "off by +1"),
        ("2013-08-15", 1, "off by -1"),
    ],
)
def test_started_count_is_checked_against_the_band(day, count, verdict) -> None:
    check = TIMELINE.check([make_milestone(day, count, "started")])[0]
    assert (check.low, check.high) == (2, 3)
    assert check.verdict == verdict
    assert "[2, 3]" in check.reason


def test_targets_are_not_compared() -> None:
    check = TIMELINE.check([make_milestone("2012", 54, "target", precision="year")])[0]
    assert check.verdict == "not comparable"
    assert check.low is None


def test_partial_date_statements_are_checked_at_their_last_day() -> None:
    check = TIMELINE.check([make_milestone("2013-08", 3, "started", precision="month")])[0]
    assert check.day == date(2013, 8, 31)
    assert check.open == 3


def test_sites_in_no_known_kreis_cover_no_kreis() -> None:
    placed = make_centre(id="placed", ars="05158", start=("2013-08-01", "day"))
    nowhere = make_centre(id="nowhere", ars="", start=("2013-08-01", "day"))
    timeline = Timeline([placed, nowhere])
    snapshot = timeline.snapshot(date(2014, 1, 1))
    assert snapshot.count(CentreState.OPEN) == 2
    assert timeline.kreis_states(snapshot) == {"05158": CentreState.OPEN}


def test_a_highlight_lights_the_kreise_of_its_centres_drawn_at_the_day() -> None:
    highlight = frozenset({"month", "approved-first"})
    assert TIMELINE.lit_kreise(TIMELINE.snapshot(date(2013, 9, 1)), highlight) == {"05158"}
    later = TIMELINE.snapshot(date(2016, 5, 1))
    assert TIMELINE.lit_kreise(later, highlight) == {"05158", "05166"}, "approved is drawn"
    assert TIMELINE.lit_kreise(later, frozenset()) == frozenset(), "an empty highlight: none"
    assert TIMELINE.lit_kreise(later, None) is None, "no highlight: every Kreis"
