"""Dates known only to some precision: a day, a month, a year, an approximation or an upper bound.

A `FuzzyDate` knows the earliest and latest day it can stand for, so the timeline can tell a
centre that is certainly open from one that may or may not be open yet.
"""

from __future__ import annotations

__all__ = ["FuzzyDate", "Precision", "day_words", "month_name", "parse_partial_date"]

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from geo.i18n import Message, t

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


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

    Raises ValueError with a short reason (a `Message`) for anything else, including impossible
    days.
    """
    match = _PARTIAL.match(text)
    if not match:
        raise ValueError(Message("problem_date_form"))
    year_s, month_s, day_s = match.groups()
    year = int(year_s)
    if month_s is None:
        return date(year, 1, 1), date(year, 12, 31), 1
    month = int(month_s)
    if not 1 <= month <= 12:
        raise ValueError(Message("problem_no_such_month", month=str(month)))
    last = calendar.monthrange(year, month)[1]
    if day_s is None:
        return date(year, month, 1), date(year, month, last), 2
    day = int(day_s)
    if not 1 <= day <= last:
        shown = {"de": f"{month_name(month, 'de')} {year}", "en": f"{year}-{month:02d}"}
        raise ValueError(Message("problem_no_such_day", day=str(day), month=shown))
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
            raise ValueError(Message("problem_precision_one_of", allowed=allowed)) from None
        text = text.strip()
        if prec is Precision.UNKNOWN:
            if text:
                raise ValueError(Message("problem_date_with_unknown"))
            return cls("", prec, None, None)
        if not text:
            raise ValueError(Message("problem_precision_needs_date", precision=prec.value))
        first, last, parts = parse_partial_date(text)
        wanted = _PARTS_FOR.get(prec)
        if wanted is not None and parts != wanted:
            raise ValueError(Message("problem_precision_form", precision=prec.value))
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
        if self.precision is Precision.UNKNOWN:
            return t("date_unknown", lang)
        plain = _plain(self.text, lang)
        if self.precision is Precision.APPROX:
            return t("date_approx", lang, date=plain)
        if self.precision is Precision.BEFORE:
            return t("date_before", lang, date=plain)
        return plain


def day_words(day: date, lang: str = "de") -> str:
    """A known day as the dashboard writes it: "31.12.2017" / "31 December 2017"."""
    return FuzzyDate.parse(day.isoformat(), "day").describe(lang)


def month_name(month: int, lang: str = "de") -> str:
    """The name of `month` (1-12) in `lang`: "Oktober" / "October"."""
    return t(f"month_{month}", lang)


def _plain(text: str, lang: str) -> str:
    """A partial ISO date written the way readers of `lang` write it."""
    parts = text.split("-")
    if len(parts) == 1:
        return parts[0]
    month = month_name(int(parts[1]), lang)
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    if lang == "de":
        return f"{parts[2]}.{parts[1]}.{parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"
