"""Event dates in press texts: day lists, numeric dates, months, the release date as reference."""

from __future__ import annotations

from datetime import date

import pytest

from geo.sources.press_dates import extract_event_dates


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("am 28. und 29. Juni 2016", None, [("2016-06-28", "day"), ("2016-06-29", "day")]),
        ("vom 17. bis 25. November 2017", None, [("2017-11-17", "day"), ("2017-11-25", "day")]),
        ("am 12.06.2013", None, [("2013-06-12", "day")]),
        ("Ende Oktober", date(2015, 11, 6), [("2015-10", "month")]),
        ("Ende Oktober", date(2016, 3, 1), [("2015-10", "month")]),
        ("Ende Oktober", None, []),
        ("Ende Oktober 2015", None, [("2015-10", "month")]),
        ("im August 2017", None, [("2017-08", "month")]),
        ("August Thyssen", date(2017, 9, 1), []),
        ("am 31. Juni 2016", None, []),
        ("seit zwei Jahren", date(2016, 1, 1), []),
    ],
)
def test_extract_event_dates(
    text: str, reference: date | None, expected: list[tuple[str, str]]
) -> None:
    found = extract_event_dates(text, reference=reference)
    assert [(d.text, d.precision.value) for d in found] == expected
