"""FuzzyDate: the day range each precision stands for, refusals, and the words it is shown in."""

from __future__ import annotations

from datetime import date

import pytest

from geo.sources.fuzzydate import FuzzyDate, Precision, day_words


@pytest.mark.parametrize(
    ("text", "precision", "earliest", "latest"),
    [
        ("2013-08-01", "day", date(2013, 8, 1), date(2013, 8, 1)),
        ("2013-08", "month", date(2013, 8, 1), date(2013, 8, 31)),
        ("2016-02", "month", date(2016, 2, 1), date(2016, 2, 29)),
        ("2013", "year", date(2013, 1, 1), date(2013, 12, 31)),
        ("2014", "approx", date(2014, 1, 1), date(2014, 12, 31)),
        ("2013-08", "approx", date(2013, 8, 1), date(2013, 8, 31)),
        ("2013-01-28", "before", None, date(2013, 1, 28)),
        ("2016", "before", None, date(2016, 12, 31)),
        ("", "unknown", None, None),
    ],
)
def test_range_of_each_precision(text, precision, earliest, latest) -> None:
    fuzzy = FuzzyDate.parse(text, precision)
    assert (fuzzy.earliest, fuzzy.latest) == (earliest, latest)
    assert fuzzy.precision is Precision(precision)


@pytest.mark.parametrize(
    ("text", "precision", "words"),
    [
        ("2013-02-30", "day", "day 30 does not exist"),
        ("2013-13", "month", "month 13 does not exist"),
        ("28.01.2013", "day", "expected YYYY"),
        ("2013-08", "day", "does not match"),
        ("2013", "month", "does not match"),
        ("", "day", "needs a date"),
        ("2013", "unknown", "precision is 'unknown'"),
        ("2013", "roughly", "precision must be one of"),
    ],
)
def test_refuses_what_does_not_fit(text, precision, words) -> None:
    with pytest.raises(ValueError, match=words):
        FuzzyDate.parse(text, precision)


@pytest.mark.parametrize(
    ("text", "precision", "german", "english"),
    [
        ("2013-06", "month", "Juni 2013", "June 2013"),
        ("2013", "year", "2013", "2013"),
        ("2013-01-28", "before", "spätestens 28.01.2013", "by 28 January 2013"),
        ("2013-08-01", "day", "01.08.2013", "1 August 2013"),
        ("2014", "approx", "etwa 2014", "about 2014"),
        ("", "unknown", "unbekannt", "unknown"),
    ],
)
def test_describes_with_its_precision(text, precision, german, english) -> None:
    fuzzy = FuzzyDate.parse(text, precision)
    assert fuzzy.describe("de") == german
    assert fuzzy.describe("en") == english


def test_a_known_day_in_words_in_each_language() -> None:
    assert day_words(date(2014, 4, 30)) == "30.04.2014"
    assert day_words(date(2014, 4, 30), "en") == "30 April 2014"
