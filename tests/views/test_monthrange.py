"""The press search's period by month: each month named in the page's language."""

from __future__ import annotations

from datetime import date

from geo.views.monthrange import month_label


def test_months_are_named_in_the_pages_language() -> None:
    assert month_label(date(2016, 7, 1), "de") == "Juli 2016"
    assert month_label(date(2016, 10, 1), "de") == "Oktober 2016"
    assert month_label(date(2016, 12, 1), "de") == "Dezember 2016"
    assert month_label(date(2016, 7, 1), "en") == "July 2016"
