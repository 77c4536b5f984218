"""The press search's period by month: the months between two days, named in each language."""

from __future__ import annotations

from datetime import date

from geo.views.monthrange import month_label, months_between


def test_the_months_between_two_days_include_both_ends_across_a_new_year() -> None:
    assert months_between(date(2012, 11, 30), date(2013, 2, 1)) == [
        date(2012, 11, 1),
        date(2012, 12, 1),
        date(2013, 1, 1),
        date(2013, 2, 1),
    ]
    assert months_between(date(2016, 6, 5), date(2016, 6, 20)) == [date(2016, 6, 1)]


def test_months_are_named_in_the_pages_language() -> None:
    assert month_label(date(2016, 7, 1), "de") == "Juli 2016"
    assert month_label(date(2016, 10, 1), "de") == "Oktober 2016"
    assert month_label(date(2016, 12, 1), "de") == "Dezember 2016"
    assert month_label(date(2016, 7, 1), "en") == "July 2016"
