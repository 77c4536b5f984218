"""Dates known only to some precision: a day, a month, a year, an approximation or an upper bound.

A `FuzzyDate` knows the earliest and latest day it can stand for, so the timeline can tell a
centre that is certainly open from one that may or may not be open yet.
"""

from __future__ import annotations

__all__ = ["FuzzyDate", "Precision", "parse_partial_date"]

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

_MONTHS = {
    "de": [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}
_WORDS = {
    "de": {"unknown": "unbekannt", "approx": "etwa {}", "before": "spätestens {}"},
    "en": {"unknown": "unknown", "approx": "about {}", "before": "by {}"},
}


class Precision(StrEnum):
    """How much of a date is known."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    APPROX = "approx"
    BEFORE = "before"
    UNKNOWN = "unknown"


def parse_partial_date(text: str) -> tuple[date, date, int]:
    """Return (first day, last day, number of parts) of `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.

    Raises ValueError with a short reason for anything else, including impossible days.
    """
    match = _PARTIAL.match(text)
    if not match:
        raise ValueError("expected YYYY, YYYY-MM or YYYY-MM-DD")
    year_s, month_s, day_s = match.groups()
    year = int(year_s)
    if month_s is None:
        return date(year, 1, 1), date(year, 12, 31), 1
    month = int(month_s)
    if not 1 <= month <= 12:
        raise ValueError(f"month {month} does not exist")
    last = calendar.monthrange(year, month)[1]
    if day_s is None:
        return date(year, month, 1), date(year, month, last), 2
    day = int(day_s)
    if not 1 <= day <= last:
        raise ValueError(f"day {day} does not exist in {year}-{month:02d}")
    return date(year, month, day), date(year, month, day), 3


_PARTS_FOR = {Precision.DAY: 3, Precision.MONTH: 2, Precision.YEAR: 1}


@dataclass(frozen=True)
class FuzzyDate:
    """A date as a source gives it (`text`, ISO, possibly partial) with its `precision`.

    `earliest`/`latest` are the first and last day it can stand for; `None` means unbounded
    (an unknown date, or the open lower end of a `before` bound).
    """

    text: str
    precision: Precision
    earliest: date | None
    latest: date | None

    @classmethod
    def parse(cls, text: str, precision: str) -> FuzzyDate:
        """Build from the two CSV cells; raises ValueError naming what does not fit."""
        try:
            prec = Precision(precision.strip())
        except ValueError:
            allowed = ", ".join(p.value for p in Precision)
            raise ValueError(f"precision must be one of {allowed}") from None
        text = text.strip()
        if prec is Precision.UNKNOWN:
            if text:
                raise ValueError("a date is given but its precision is 'unknown'")
            return cls("", prec, None, None)
        if not text:
            raise ValueError(f"precision '{prec}' needs a date")
        first, last, parts = parse_partial_date(text)
        wanted = _PARTS_FOR.get(prec)
        if wanted is not None and parts != wanted:
            raise ValueError(f"precision '{prec}' does not match the date's form")
        if prec is Precision.BEFORE:
            return cls(text, prec, None, last)
        return cls(text, prec, first, last)

    @classmethod
    def unknown(cls) -> FuzzyDate:
        """The date nobody knows."""
        return cls("", Precision.UNKNOWN, None, None)

    @property
    def is_known(self) -> bool:
        """True unless the precision is `unknown`."""
        return self.precision is not Precision.UNKNOWN

    def describe(self, lang: str = "de") -> str:
        """The date in words with its precision: "Juni 2013", "2013", "spätestens 28.01.2013"."""
        words = _WORDS[lang]
        if self.precision is Precision.UNKNOWN:
            return words["unknown"]
        plain = _plain(self.text, lang)
        if self.precision is Precision.APPROX:
            return words["approx"].format(plain)
        if self.precision is Precision.BEFORE:
            return words["before"].format(plain)
        return plain


def _plain(text: str, lang: str) -> str:
    """A partial ISO date written the way readers of `lang` write it."""
    parts = text.split("-")
    if len(parts) == 1:
        return parts[0]
    month = _MONTHS[lang][int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    if lang == "de":
        return f"{parts[2]}.{parts[1]}.{parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"
