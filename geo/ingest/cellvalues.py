"""What one cell of an upload means: dates as people write them (German `dd.mm.yyyy` first), a
date precision, decimal-comma coordinates, source URLs and a one-line address; ValueError if none.
"""

from __future__ import annotations

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "parse_coordinate",
    "parse_precision",
    "parse_sources",
    "parse_upload_date",
    "split_address",
    "with_precision",
]

import datetime as dt
import re
import unicodedata
from urllib.parse import urlsplit

from geo.i18n import Message
from geo.ingest.columns import header_words
from geo.sources.fuzzydate import FuzzyDate, Precision, parse_partial_date

# [0-9], not \d: \d and int() also accept Arabic-Indic, fullwidth and other digits.
_DAY_FIRST = re.compile(r"^([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})$")
_ISO_DAY = re.compile(
    r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
    r"(?:[T ](?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2})(?:\.[0-9]+)?)?)?$"
)
_ISO_MONTH = re.compile(r"^([0-9]{4})-([0-9]{1,2})$")
_MONTH_YEAR = re.compile(r"^([0-9]{1,2})[./]([0-9]{4})$")
_YEAR = re.compile(r"^([0-9]{4})$")
_COORDINATE = re.compile(r"^[+-]?[0-9]{1,3}(?:[.,][0-9]+)?$")
_POSTCODE_TOWN = re.compile(r"^(?:(?P<street>.*\S)\s+)?(?P<postcode>[0-9]{5})\s+(?P<town>\S.*)$")
_URL_SPLIT = re.compile(r"\s+|;\s*(?=https?://)")
_URL_BAD_CHARS = re.compile(r"[\s<>\"`\\\x00-\x1f\x7f]")
_RANK = {Precision.DAY: 0, Precision.MONTH: 1, Precision.YEAR: 2}
_PRECISION_WORDS = {
    Precision.DAY: ("day", "tag", "taggenau", "d"),
    Precision.MONTH: ("month", "monat", "monatsgenau", "m"),
    Precision.YEAR: ("year", "jahr", "jahresgenau", "j"),
    Precision.APPROX: ("approx", "etwa", "ca", "circa", "ungefaehr", "about"),
    Precision.BEFORE: ("before", "spaetestens", "bis", "by"),
    Precision.UNKNOWN: ("unknown", "unbekannt"),
}
MIN_YEAR, MAX_YEAR = 1900, 2100


def parse_upload_date(text: str) -> FuzzyDate:
    """A date as people write it: `dd.mm.yyyy`, `d.m.yyyy`, `yyyy-mm-dd` (also with a time, as
    Excel exports it), `yyyy-mm`, `mm/yyyy`, `mm.yyyy` or `yyyy`; empty means unknown.

    The precision follows the form (day, month or year). Raises ValueError for other forms,
    impossible dates (31.02.2015, 13/2015) and years outside 1900..2100.
    """
    text = text.strip()
    if not text:
        return FuzzyDate.unknown()
    _only_ascii_digits(text)
    if match := _DAY_FIRST.match(text):
        day, month, year = match.groups()
        parts: tuple[str, ...] = (year, month, day)
    elif match := _ISO_DAY.match(text):
        parts = match.groups()[:3]
        if match["hour"] is not None:
            try:
                dt.time(int(match["hour"]), int(match["minute"]), int(match["second"] or 0))
            except ValueError:
                time = text[match.start("hour") :]
                raise ValueError(Message("problem_bad_time", time=repr(time))) from None
    elif match := _ISO_MONTH.match(text):
        parts = match.groups()
    elif match := _MONTH_YEAR.match(text):
        month, year = match.groups()
        parts = (year, month)
    elif match := _YEAR.match(text):
        parts = match.groups()
    else:
        raise ValueError(Message("problem_not_a_date")) from None
    year_number = int(parts[0])
    if not MIN_YEAR <= year_number <= MAX_YEAR:
        raise ValueError(
            Message(
                "problem_year_range", year=str(year_number), first=str(MIN_YEAR), last=str(MAX_YEAR)
            )
        )
    iso = "-".join([parts[0], *(f"{int(p):02d}" for p in parts[1:])])
    first, last, count = parse_partial_date(iso)
    precision = {1: Precision.YEAR, 2: Precision.MONTH, 3: Precision.DAY}[count]
    return FuzzyDate(iso, precision, first, last)


def parse_precision(text: str) -> Precision | None:
    """The precision named in a cell (German or English), None when empty."""
    key = "".join(header_words(text))
    if not key:
        return None
    for precision, words in _PRECISION_WORDS.items():
        if key in words:
            return precision
    allowed = {
        "de": "Tag, Monat, Jahr, etwa, spätestens, unbekannt",
        "en": "day, month, year, approx, before, unknown",
    }  # both languages' words are accepted (`_PRECISION_WORDS`)
    raise ValueError(Message("problem_not_a_precision", allowed=allowed))


def with_precision(date: FuzzyDate, precision: Precision | None) -> FuzzyDate:
    """Apply a precision column: coarser precisions (and approx/before) override the date's
    own; a finer one is ignored, because a precision never adds detail the date lacks."""
    if precision is None or not date.is_known:
        return date
    if precision is Precision.UNKNOWN:
        raise ValueError(Message("problem_start_with_unknown"))
    if precision in (Precision.APPROX, Precision.BEFORE):
        return FuzzyDate.parse(date.text, precision.value)
    if _RANK[precision] > _RANK[date.precision]:
        keep = {Precision.MONTH: 7, Precision.YEAR: 4}[precision]
        return FuzzyDate.parse(date.text[:keep], precision.value)
    return date


def _only_ascii_digits(text: str) -> None:
    """Refuse digits other than 0-9 by name: "٢٠١٦" looks like a number but is none here."""
    other = next((c for c in text if c.isdigit() and not c.isascii()), None)
    if other is not None:
        name = unicodedata.name(other, f"U+{ord(other):04X}").lower()
        raise ValueError(Message("problem_foreign_digit", digit=repr(other), name=name))


def parse_coordinate(text: str) -> float:
    """A decimal number with a point or a comma ("51,43"), in the digits 0-9."""
    _only_ascii_digits(text)
    if not _COORDINATE.match(text):
        raise ValueError(Message("problem_not_decimal"))
    return float(text.replace(",", "."))


def parse_sources(text: str) -> tuple[str, ...]:
    """http(s) URLs separated by spaces (or `;`); anything else is refused, naming it."""
    urls = tuple(u for u in _URL_SPLIT.split(text) if u)
    for url in urls:
        parts = urlsplit(url)
        if (
            parts.scheme.casefold() not in ("http", "https")
            or not parts.netloc
            or _URL_BAD_CHARS.search(url)
        ):
            raise ValueError(Message("problem_not_url", url=repr(url)))
    return urls


def split_address(address: str) -> tuple[str, str, str]:
    """(street, postcode, town) from "Street 1, 12345 Town" and similar forms."""
    parts = [p.strip() for p in address.split(",") if p.strip()]
    if not parts:
        return "", "", ""
    last = parts[-1]
    match = _POSTCODE_TOWN.match(last)
    if match:
        street = ", ".join([*parts[:-1], *([match["street"]] if match["street"] else [])])
        return street, match["postcode"], match["town"]
    if len(parts) == 1:
        # A lone part with a digit is a street ("Markt 1"), else a town ("Kleve").
        return (last, "", "") if re.search(r"[0-9]", last) else ("", "", last)
    return ", ".join(parts[:-1]), "", last
