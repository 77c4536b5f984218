"""The policy for uncertain starts: own dates first, sourced state statements as bounds."""

from __future__ import annotations

from datetime import date

from factories import make_centre

from geo.model.startwindow import (
    ALL_BUT_LATE_BY,
    FIRST_STARTS,
    KREISFREIE_STAEDTE_BY,
    start_window,
)


def test_day_precise_start_is_exact_and_unbounded_by_policy() -> None:
    window = start_window(make_centre(start=("2013-08-01", "day")))
    assert (window.earliest, window.latest) == (date(2013, 8, 1), date(2013, 8, 1))
    assert window.earliest_bound is None
    assert window.latest_bound is None


def test_unknown_start_of_a_kreisfreie_stadt_is_bounded_by_the_2014_statement() -> None:
    window = start_window(make_centre(territory_type="kreisfreie Stadt"))
    assert window.earliest == date(2012, 12, 1)
    assert window.earliest_bound is FIRST_STARTS
    assert window.latest == date(2014, 4, 25)
    assert window.latest_bound is KREISFREIE_STAEDTE_BY


def test_unknown_start_of_a_kreis_is_bounded_by_the_2015_count_of_49() -> None:
    window = start_window(make_centre(territory_type="Kreis"))
    assert window.latest == date(2015, 4, 9)
    assert window.latest_bound is ALL_BUT_LATE_BY


def test_late_centre_keeps_its_own_dates_and_gets_no_upper_policy_bound() -> None:
    coesfeld = make_centre(start=("2016-02-12", "day"), alt="2015-12-01", sequence_no=50)
    window = start_window(coesfeld)
    assert (window.earliest, window.latest) == (date(2015, 12, 1), date(2016, 2, 12))
    assert window.latest_bound is None


def test_conflicting_dates_widen_the_window_to_both() -> None:
    viersen = make_centre(start=("2017-01-01", "day"), alt="2017-10-05", sequence_no=53)
    window = start_window(viersen)
    assert (window.earliest, window.latest) == (date(2017, 1, 1), date(2017, 10, 5))


def test_before_bound_keeps_its_upper_end_and_gets_the_policy_lower_end() -> None:
    window = start_window(make_centre(start=("2013-01-28", "before")))
    assert (window.earliest, window.latest) == (date(2012, 12, 1), date(2013, 1, 28))
    assert window.earliest_bound is FIRST_STARTS
    assert window.latest_bound is None


def test_year_2012_start_is_narrowed_to_december() -> None:
    window = start_window(make_centre(start=("2012", "year")))
    assert (window.earliest, window.latest) == (date(2012, 12, 1), date(2012, 12, 31))


def test_policy_bound_tightens_a_wider_own_range() -> None:
    window = start_window(make_centre(start=("2014", "approx"), territory_type="kreisfreie Stadt"))
    assert (window.earliest, window.latest) == (date(2014, 1, 1), date(2014, 4, 25))
    assert window.latest_bound is KREISFREIE_STAEDTE_BY


def test_a_bound_contradicting_the_source_is_not_applied() -> None:
    window = start_window(
        make_centre(start=("2016-03", "month"), territory_type="kreisfreie Stadt")
    )
    assert (window.earliest, window.latest) == (date(2016, 3, 1), date(2016, 3, 31))
    assert window.latest_bound is None


def test_unknown_with_a_conflicting_year_stays_open_until_the_policy_decides() -> None:
    window = start_window(make_centre(alt="2012", territory_type="regionsangehörige Stadt"))
    assert (window.earliest, window.latest) == (date(2012, 12, 1), date(2015, 4, 9))


def test_the_december_2012_bound_is_not_applied_to_an_earlier_sourced_start() -> None:
    window = start_window(make_centre(start=("2012-06-01", "day")))
    assert (window.earliest, window.latest) == (date(2012, 6, 1), date(2012, 6, 1))
    assert window.earliest_bound is None


def test_an_early_upper_bound_alone_gives_a_window_of_one_day() -> None:
    window = start_window(make_centre(start=("2012-06", "before")))
    assert (window.earliest, window.latest) == (date(2012, 6, 30), date(2012, 6, 30))
    assert window.earliest_bound is None
