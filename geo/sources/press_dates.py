"""Dates of events a press text names ("am 28. und 29. Juni 2016", "28.06.2016", "Ende Oktober").

A day or month without a year is dated only against the release date: a year is never invented.
"""

from __future__ import annotations

__all__ = [
    "extract_event_dates",
]

import re
from datetime import date

from geo.sources.fuzzydate import FuzzyDate
from geo.sources.textfold import WORD_END, WORD_START, normalise

_MONTHS = (
    "januar",
    "februar",
    "maerz",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "dezember",
)
_MONTH = "(" + "|".join(_MONTHS) + ")"
_DAYS_MONTH_RE = re.compile(
    WORD_START
    + r"(\d{1,2}\.(?:\s*(?:,|und|bis|sowie|–|-|/)\s*\d{1,2}\.)*)\s*"
    + _MONTH
    + r"(?:\s+(\d{4}))?"
    + WORD_END
)
_NUMERIC_RE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})?(?![\d])")
_MONTH_RE = re.compile(
    WORD_START + r"(?:(anfang|mitte|ende|im|seit|bis)\s+)?" + _MONTH + r"(?:\s+(\d{4}))?" + WORD_END
)


def extract_event_dates(text: str, *, reference: date | None = None) -> tuple[FuzzyDate, ...]:
    """Dates of events named in `text`, in order, without repeats.

    "am 28. und 29. Juni 2016" gives two days; "28.06.2016" one; "Ende Oktober 2015" and
    "Oktober 2015" the month (precision month). A day or month without a year is resolved only
    with a `reference` (the release date): to the latest such day or month not after it
    ("Ende Oktober" in a release of 2015-11-06 is 2015-10). Without a reference it gives nothing:
    a year is never invented. A month without a year also needs a word before it ("Ende", "im").
    """
    folded, _ = normalise(text)
    found: list[tuple[int, FuzzyDate]] = []
    taken: list[tuple[int, int]] = []
    for m in _DAYS_MONTH_RE.finditer(folded):
        taken.append(m.span())
        month = _MONTHS.index(m.group(2)) + 1
        for day in re.findall(r"\d{1,2}", m.group(1)):
            _add_day(found, m.start(), int(day), month, m.group(3), reference)
    for m in _NUMERIC_RE.finditer(folded):
        if any(m.start() < b and m.end() > a for a, b in taken):
            continue
        taken.append(m.span())
        _add_day(found, m.start(), int(m.group(1)), int(m.group(2)), m.group(3), reference)
    for m in _MONTH_RE.finditer(folded):
        if any(m.start() < b and m.end() > a for a, b in taken):
            continue
        month = _MONTHS.index(m.group(2)) + 1
        year_text = m.group(3)
        if year_text is None and (m.group(1) is None or reference is None):
            continue
        year = int(year_text) if year_text else _year_not_after(reference, month, 1)
        if year is not None:
            found.append((m.start(), FuzzyDate.parse(f"{year:04d}-{month:02d}", "month")))
    result: dict[str, FuzzyDate] = {}
    for _, fuzzy in sorted(found, key=lambda f: f[0]):
        result.setdefault(fuzzy.text, fuzzy)
    return tuple(result.values())


def _year_not_after(reference: date | None, month: int, day: int) -> int | None:
    if reference is None:
        return None
    try:
        candidate = date(reference.year, month, day)
    except ValueError:
        return None
    return reference.year if candidate <= reference else reference.year - 1


def _add_day(
    found: list[tuple[int, FuzzyDate]],
    position: int,
    day: int,
    month: int,
    year_text: str | None,
    reference: date | None,
) -> None:
    year = int(year_text) if year_text else _year_not_after(reference, month, day)
    if year is None:
        return
    try:
        fuzzy = FuzzyDate.parse(f"{year:04d}-{month:02d}-{day:02d}", "day")
    except ValueError:
        return  # "31. Juni" or "45.13.": not a date
    found.append((position, fuzzy))
