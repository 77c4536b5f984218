"""The Vega locale of the charts, so time axes say "Juli" and numbers "1.234,5" in German.

Vega-Lite reads it from `config.locale` (a d3 time and number format locale); the month and
weekday names come from geo/texts/dates.py, like every other date in words. The time axis labels
its ticks through the locale with `time_axis_format`.
"""

from __future__ import annotations

__all__ = ["time_axis_format", "vega_locale"]

from geo.i18n import t

# d3's number formats: German groups thousands with "." and writes "," for the decimal point.
_NUMBER_FORMATS = {
    "de": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", "\u00a0€"]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["€", ""]},
}
# d3's date patterns (%c, %x, %X) per language.
_DATE_PATTERNS = {
    "de": {"dateTime": "%A, der %e. %B %Y, %X", "date": "%d.%m.%Y", "time": "%H:%M:%S"},
    "en": {"dateTime": "%a %b %e %X %Y", "date": "%m/%d/%Y", "time": "%H:%M:%S"},
}
_SHORT = 3  # short month names: "Jan", "Mär", "Okt"
# A day that is not a month's first, as a time axis labels it.
_AXIS_DAY = {"de": "%-d. %b", "en": "%b %-d"}


def vega_locale(lang: str) -> dict:
    """The `config.locale` of a chart in `lang`: month and weekday names, date and number
    formats (weekdays Sunday first, as d3 wants them)."""
    months = [t(f"month_{n}", lang) for n in range(1, 13)]
    days = [t(f"weekday_{n}", lang) for n in (7, 1, 2, 3, 4, 5, 6)]
    time = {
        **_DATE_PATTERNS[lang],
        "periods": ["AM", "PM"],
        "days": days,
        "shortDays": [day[:2] if lang == "de" else day[:_SHORT] for day in days],
        "months": months,
        "shortMonths": [month[:_SHORT] for month in months],
    }
    return {"number": _NUMBER_FORMATS[lang], "time": time}


def time_axis_format(lang: str) -> dict[str, str]:
    """A time axis' multi-level `format` in the chart's locale: the year at New Year, the month's
    name at a month's first day, else day and month (Vega's default would name English months
    where a chart has no locale)."""
    day = _AXIS_DAY[lang]
    return {
        "year": "%Y",
        "quarter": "%B",
        "month": "%B",
        "week": day,
        "date": day,
        "hours": "%H:%M",
    }
