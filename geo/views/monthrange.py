"""A period picked by month (the press search's range): each month named in the page's
language, since a browser calendar follows the browser's locale, not the page's (the months
themselves come from `geo.model.timeline.month_starts`)."""

from __future__ import annotations

__all__ = ["month_label"]

from datetime import date

from geo.sources.fuzzydate import month_name


def month_label(day: date, lang: str = "de") -> str:
    """`day`'s month in words: "Juni 2016" / "June 2016"."""
    return f"{month_name(day.month, lang)} {day.year}"
