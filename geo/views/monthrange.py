"""A period picked by month (the press search's range): the months between two days, each
named in the page's language, since a browser calendar follows the browser's locale, not the
page's."""

from __future__ import annotations

__all__ = ["month_label", "months_between"]

from datetime import date

from geo.sources.fuzzydate import month_name


def months_between(first: date, last: date) -> list[date]:
    """The first day of every month from `first`'s to `last`'s, both included."""
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def month_label(day: date, lang: str = "de") -> str:
    """`day`'s month in words: "Juni 2016" / "June 2016"."""
    return f"{month_name(day.month, lang)} {day.year}"
